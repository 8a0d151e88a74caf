"""Fixtures for the export and import tests (used as `pytest_plugins = ["formats_fixtures"]`):
the corpus of formats_corpus.py, stored and resolved once per session, and a copy per test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from formats_corpus import build

_built: dict[str, Path] = {}


@pytest.fixture(scope="session")
def corpus_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if "corpus" not in _built:
        _built["corpus"] = build(tmp_path_factory.mktemp("formats") / "claimgraph.db")
    return _built["corpus"]


@pytest.fixture
def corpus_db(corpus_template: Path, tmp_path: Path) -> Path:
    """A private copy of the corpus (tests that write verdicts change only their own)."""
    db = tmp_path / "claimgraph.db"
    shutil.copy(corpus_template, db)
    return db
