"""Shared fixtures: a database of the bundled examples, and stand-ins for the resolve stage."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from fakes import FakeResolve


@pytest.fixture(scope="session")
def demo_db_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The examples ingested once per session (loading the NLP model is the slow part)."""
    from claimgraph.serve.cli import main

    db = tmp_path_factory.mktemp("demo") / "demo.db"
    assert main(["demo", "--db", str(db)]) == 0
    return db


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
