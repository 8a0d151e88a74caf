"""Fixtures for the web face's tests, imported by those test modules (not a conftest.py, which
other branches own): a database of the bundled examples, and the resolve stand-in."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from fakes import FakeResolve

_built: dict[str, Path] = {}


@pytest.fixture(scope="session")
def demo_db_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The examples ingested once per session (loading the NLP model is the slow part)."""
    if "demo" not in _built:
        from claimgraph.serve.cli import main

        db = tmp_path_factory.mktemp("demo") / "demo.db"
        assert main(["demo", "--db", str(db)]) == 0
        _built["demo"] = db
    return _built["demo"]


@pytest.fixture
def demo_db(demo_db_template: Path, tmp_path: Path) -> Path:
    """A private copy, so tests that upload do not change what others see."""
    db = tmp_path / "demo.db"
    shutil.copy(demo_db_template, db)
    return db


@pytest.fixture
def fake_resolve(monkeypatch: pytest.MonkeyPatch) -> FakeResolve:
    fake = FakeResolve()
    fake.install(monkeypatch)
    return fake
