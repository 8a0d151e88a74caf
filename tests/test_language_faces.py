"""The faces show how each document was read: its languages, OCR, and every analysis run or
skipped with the reason. Texts written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

ENTITIES = str(Path(__file__).parent / "gold_fa" / "entities.yaml")
MIXED = ("Families gathered\n\nRelatives gathered outside the court on Friday, said one of them.\n\n"
         "مریم آزادی روز جمعه گفت: «ما هنوز نمی‌دانیم عزیزانمان کجا دفن شده‌اند.»\n")
ARABIC = "أعلنت اللجنة يوم الاثنين أنها انتهت من قراءة جميع الملفات التي لا يزال الأرشيف يحتفظ بها.\n"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from claimgraph.cli import main

    folder = tmp_path_factory.mktemp("lang")
    docs = folder / "docs"
    docs.mkdir()
    (docs / "mixed.txt").write_text(MIXED, encoding="utf-8")
    (docs / "arabic.txt").write_text(ARABIC, encoding="utf-8")
    db = folder / "c.db"
    assert main(["ingest", str(docs), "--db", str(db), "--quiet", "--entities-file", ENTITIES]) == 0
    return db


def test_show_prints_languages_and_analyses(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from claimgraph.cli import main

    assert main(["show", "2", "--db", str(db)]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "language English (en), Persian (fa) (by paragraph:" in out
    assert "ran quotes (fa): claimgraph rules" in out
    assert main(["show", "1", "--db", str(db)]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "language Arabic (ar)" in out
    assert "skipped claims (ar): no extractor for Arabic (ar): the text is stored and searchable" in out


def test_documents_list_their_language(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from claimgraph.cli import main

    assert main(["documents", "--db", str(db), "--format", "json"]) == 0
    assert {d["language"] for d in json.loads(capsys.readouterr().out)} == {"ar", "en"}


def test_persian_and_arabic_text_is_searchable(db: Path) -> None:
    from claimgraph.store import Store

    with Store(db, readonly=True) as store:
        assert [d["id"] for d in store.search("الملفات")["documents"]] == [1]
        assert [q["speaker_name"] for q in store.search("عزیزانمان")["quotes"]] == ["Maryam Azadi"]


def test_document_page_reads_right_to_left(db: Path) -> None:
    from fastapi.testclient import TestClient

    from claimgraph.serve.web import create_app

    with TestClient(create_app(db, readonly=True), base_url="http://127.0.0.1") as client:
        html = client.get("/documents/2").text
    assert 'class="doc-text" dir="auto" lang="en" id="text"' in html
    assert "English (en), Persian (fa)" in html
    assert "<bdi>Maryam Azadi</bdi>" in html
    with TestClient(create_app(db, readonly=True), base_url="http://127.0.0.1") as client:
        html = client.get("/documents/1").text
    assert "no extractor for Arabic (ar)" in html and 'lang="ar"' in html
