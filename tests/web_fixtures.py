"""Fixtures for the web face's tests, imported by those test modules (not a conftest.py, which
other branches own): a database of the bundled examples as ingest resolves it, the same with a
hostile document and publisher labels, and one whose documents were never resolved."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from claimgraph import workflow
from claimgraph.model import Claim, Claimant, DocumentInfo, Entity, Extraction, Location, Source
from claimgraph.options import Options
from claimgraph.store import Store

_built: dict[str, Path] = {}

# A claim whose sentence carries markup: every page that shows it must show it as text.
HOSTILE_CLAIM = ("Flood report\n\nOfficials in Marenko said <script>window.__pwned=1</script> that 212 people were "
                 "killed in the Karst Valley flood.\n")


@pytest.fixture(scope="session")
def demo_db_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The examples ingested once per session (loading the NLP model is the slow part)."""
    if "demo" not in _built:
        from claimgraph.cli import main

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


@pytest.fixture(scope="session")
def resolved_db_template(demo_db_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The examples, a hostile report of the flood's toll, and labels for two publishers."""
    if "resolved" not in _built:
        folder = tmp_path_factory.mktemp("resolved")
        db = folder / "resolved.db"
        shutil.copy(demo_db_template, db)
        hostile = folder / "hostile.txt"
        hostile.write_text(HOSTILE_CLAIM, encoding="utf-8")
        with Store(db) as s:
            workflow.ingest(s, [str(hostile)], Options())
            workflow.label_publisher(s, "National Tribune", "state media")
            workflow.label_publisher(s, "Civic Watch", "rights group")
        _built["resolved"] = db
    return _built["resolved"]


@pytest.fixture
def resolved_db(resolved_db_template: Path, tmp_path: Path) -> Path:
    db = tmp_path / "resolved.db"
    shutil.copy(resolved_db_template, db)
    return db


@pytest.fixture
def unresolved_db(tmp_path: Path) -> Path:
    """Documents stored, nothing resolved across them yet (what a crash between the two leaves)."""
    db = tmp_path / "unresolved.db"
    text = "Mayor Ana Petrova said 212 people died in the Karst Valley flood."
    x = Extraction(source="note.txt", text=text, offsets=list(range(len(text) + 1)),
                   document=DocumentInfo(sha256="ab" * 32, url=None, title="A note", publisher="Valley Herald",
                                         published="2023-05-14"),
                   entities=[Entity(id="e1", name="Ana Petrova", type="PERSON", mentions=[(6, 17)])],
                   claims=[Claim(id="c1", kind="count", text=text, span=(0, len(text)), value=212, low=212, high=212,
                                 counted="people", event="died", claimant=Claimant(name="Ana Petrova", entity="e1",
                                                                                  basis="attribution"))])
    with Store(db) as s:
        s.put_original(Source(data=text.encode(), name="note.txt",
                              location=Location(uri="note.txt", kind="file", captured_at="2024-01-01T00:00:00Z")),
                       x.document.sha256)
        s.save_extraction(x, "test")
        s.commit()
    return db
