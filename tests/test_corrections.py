"""People correct the record: a quote's speaker, a claim's value, claimant or group. Corrections
are kept by content, survive `reprocess`, change what resolve groups and compares, and show as
corrected (who, when, what it was)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import toll_corpus
from claimgraph import workflow
from claimgraph.errors import ClaimgraphError
from claimgraph.options import Options
from claimgraph.store import Store

ARTICLES = ("02-harbor-times.txt", "10-meridian-journal.txt", "11-karvan-fire.txt", "12-karvan-fire-update.txt")


@pytest.fixture()
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "c.db") as s:
        report = workflow.ingest(s, [str(toll_corpus.FOLDER / a) for a in ARTICLES], Options())
        assert not report.failed
        yield s


def _doc(s: Store, name: str) -> dict:
    return next(d for d in s.documents(limit=20) if Path(s.resolve_document(d["id"])["source"]).name == name)


def _claim(s: Store, name: str, number_text: str) -> dict:
    return next(c for c in s.claims(document_id=_doc(s, name)["id"]) if c["number_text"] == number_text)


def _group_of(s: Store, claim: dict) -> dict:
    gid = s.claim_keys()[(claim["sha256"], claim["local_id"])]
    return s.claim_group(gid)


def test_a_corrected_value_is_what_resolve_compares_and_it_survives_reprocess(store: Store) -> None:
    before = _group_of(store, _claim(store, "10-meridian-journal.txt", "an estimated 30,000"))
    assert before["contradiction"]  # 2,800–3,800 and an estimated 30,000
    doc = _doc(store, "10-meridian-journal.txt")
    cid = _claim(store, "10-meridian-journal.txt", "an estimated 30,000")["local_id"]
    done = workflow.correct(store, str(doc["id"]), cid, "value", "an estimated 3,000", author="Ana", note="misread")
    assert done.was["number_text"] == "an estimated 30,000" and done.now["value"] == 3000
    for _ in range(2):
        claim = _claim(store, "10-meridian-journal.txt", "an estimated 3,000")
        assert claim["value"] == 3000
        g = _group_of(store, claim)
        assert not g["contradiction"] and "an estimated 3,000" in {v["text"] for v in g["values"]}
        (fixed,) = [c for c in g["claims"] if c.get("corrections")]
        (fix,) = fixed["corrections"]
        assert fix["by"] == "Ana" and fix["note"] == "misread" and fix["was"]["number_text"] == "an estimated 30,000"
        workflow.reprocess(store, Options())  # extraction runs again; the correction finds its claim by content
    (row,) = store.corrections()
    assert row["found"] and row["by"] == "Ana"
    # the stored extraction stays what extract made; the document's page shows the correction
    assert any(c["number_text"] == "an estimated 30,000"
               for c in store.resolve_document(doc["id"], as_extracted=True)["extraction"]["claims"])
    shown = store.resolve_document(doc["id"])["extraction"]["claims"]
    assert any(c.get("corrections") and c["number_text"] == "an estimated 3,000" for c in shown)


def test_a_claimant_and_a_speaker_are_corrected(store: Store) -> None:
    doc = _doc(store, "02-harbor-times.txt")
    claim = _claim(store, "02-harbor-times.txt", "between 2,800 and 3,800")
    workflow.correct(store, doc["sha256"][:12], claim["local_id"], "claimant", "Hossein-Ali Montazeri's memoirs")
    assert _claim(store, "02-harbor-times.txt", "between 2,800 and 3,800")["claimant_name"] == \
        "Hossein-Ali Montazeri's memoirs"
    (quote, *_) = store.quotes(document_id=doc["id"])
    workflow.correct(store, str(doc["id"]), quote["local_id"], "speaker", "Ruhollah Khomeini")
    (fixed, *_) = store.quotes(document_id=doc["id"])
    assert fixed["speaker_name"] == "Ruhollah Khomeini" and fixed["speaker_method"] == "corrected"
    assert fixed["speaker_entity"]  # the document's entity of that name
    workflow.correct(store, str(doc["id"]), quote["local_id"], "speaker", None, undo=True)
    assert store.quotes(document_id=doc["id"])[0]["speaker_name"] == quote["speaker_name"]


def test_a_claim_kept_apart_and_a_claim_put_with_a_group(store: Store) -> None:
    fire_16 = _claim(store, "12-karvan-fire-update.txt", "16")
    fire = _group_of(store, fire_16)
    assert len(fire["claims"]) == 3  # 14 in the first report's title and its lead, 16 in the update
    doc = _doc(store, "12-karvan-fire-update.txt")
    workflow.correct(store, str(doc["id"]), fire_16["local_id"], "group", "apart")
    assert len(_group_of(store, _claim(store, "11-karvan-fire.txt", "14"))["claims"]) == 2
    workflow.correct(store, str(doc["id"]), fire_16["local_id"], "group", None, undo=True)
    fire = _group_of(store, fire_16)
    assert len(fire["claims"]) == 3
    # the prison's capacity is another quantity, but a person may say otherwise: it is then grouped
    cap = _claim(store, "11-karvan-fire.txt", "about 2,000")
    workflow.correct(store, str(_doc(store, "11-karvan-fire.txt")["id"]), cap["local_id"], "group", str(fire["id"]))
    assert {c["number_text"] for c in _group_of(store, _claim(store, "11-karvan-fire.txt", "14"))["claims"]} == \
        {"14", "16", "about 2,000"}
    # a full resolve gives the same groups as the update did
    keys = store.claim_keys()
    workflow.resolve(store, full=True)
    assert sorted(store.claim_keys().values()).count(keys[(cap["sha256"], cap["local_id"])]) == 4


def test_bad_corrections_are_one_clear_error(store: Store) -> None:
    doc = _doc(store, "11-karvan-fire.txt")
    with pytest.raises(ClaimgraphError, match="not a figure"):
        workflow.correct(store, str(doc["id"]), "c1", "value", "many")
    with pytest.raises(ClaimgraphError, match="no claim"):
        workflow.correct(store, str(doc["id"]), "c99", "value", "12")
    with pytest.raises(ClaimgraphError, match="can be corrected"):
        workflow.correct(store, str(doc["id"]), "c1", "speaker", "Someone")


def test_the_pages_correct_with_the_write_token(store: Store) -> None:
    from fastapi.testclient import TestClient

    from claimgraph.serve.web import create_app

    doc = _doc(store, "11-karvan-fire.txt")
    claim = _claim(store, "11-karvan-fire.txt", "14")
    form = {"item": claim["local_id"], "field": "value", "value": "15", "by": "Ana"}
    with TestClient(create_app(store.path), base_url="http://127.0.0.1") as client:
        assert client.post(f"/documents/{doc['id']}/corrections", data=form).status_code == 403  # read-only
    token = "correct-horse-battery"
    with TestClient(create_app(store.path, token=token, readonly=False), base_url="http://127.0.0.1") as client:
        assert client.post(f"/documents/{doc['id']}/corrections", data=form).status_code == 401
        r = client.post(f"/documents/{doc['id']}/corrections", data={**form, "token": token}, follow_redirects=False)
        assert r.status_code == 303
        page = client.get(f"/documents/{doc['id']}").text
        assert "corrected" in page and "by Ana" in page and "<s>14</s>" in page
        group = _group_of(store, _claim(store, "11-karvan-fire.txt", "15"))
        page = client.get(f"/claims/{group['id']}").text
        assert "Not this quantity" in page and "<s>14</s>" in page


def test_the_command_line_corrects_and_lists(store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from claimgraph.cli import main

    doc = _doc(store, "11-karvan-fire.txt")
    claim = _claim(store, "11-karvan-fire.txt", "14")
    path = store.path
    store.close()
    assert main(["correct", str(doc["id"]), claim["local_id"], "--value", "15", "--by", "Ana", "--db", path]) == 0
    assert "was 14, now 15" in capsys.readouterr().out
    assert main(["corrections", "--db", path, "--format", "json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert row["field"] == "value" and row["by"] == "Ana" and row["found"]
    assert main(["correct", str(doc["id"]), claim["local_id"], "--value", "lots", "--db", path]) == 2
