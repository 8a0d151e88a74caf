"""The store: WAL, schema versions, foreign files, FTS, reprocess, provenance, byte spans."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from claimgraph import workflow
from claimgraph.errors import NotFound, StoreError
from claimgraph.options import Options
from claimgraph.store import SCHEMA_VERSION, Store, fts_query
from conftest import ACCENTED, NEWS, blog_post


def ingest_texts(store: Store, tmp_path: Path, texts: dict[str, bytes]) -> workflow.IngestReport:
    paths = []
    for name, data in texts.items():
        p = tmp_path / name
        p.write_bytes(data)
        paths.append(str(p))
    return workflow.ingest(store, paths, Options())


def test_wal_and_schema_version(tmp_path: Path) -> None:
    with Store(tmp_path / "a.db") as s:
        assert s.db.value("PRAGMA journal_mode") == "wal"
        assert s.db.value("SELECT value FROM meta WHERE key='schema_version'") == str(SCHEMA_VERSION)


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    with Store(path) as s:
        s.db.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION + 1),))
        s.commit()
    for readonly in (False, True):
        with pytest.raises(StoreError, match="newer claimgraph"):
            Store(path, readonly=readonly)


def test_files_that_are_not_claimgraph_databases(tmp_path: Path) -> None:
    text = tmp_path / "notes.db"
    text.write_text("these are my notes, not a database\n" * 50)
    for readonly in (False, True):
        with pytest.raises(StoreError, match="not a claimgraph database"):
            Store(text, readonly=readonly)
    assert text.read_text().startswith("these are my notes")

    other = tmp_path / "other.sqlite"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.commit()
    conn.close()
    for readonly in (False, True):
        with pytest.raises(StoreError, match="not claimgraph's"):
            Store(other, readonly=readonly)
    conn = sqlite3.connect(other)  # nothing was added to someone else's database
    assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")] == ["contacts"]
    conn.close()


def test_bad_paths(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a folder"):
        Store(tmp_path)
    with pytest.raises(StoreError, match="does not exist"):
        Store(tmp_path / "no" / "such" / "dir.db")
    with pytest.raises(StoreError, match="no such database"):
        Store(tmp_path / "absent.db", readonly=True)


def test_readonly_path_with_odd_characters(tmp_path: Path) -> None:
    path = tmp_path / "odd ?#name.db"
    Store(path).close()
    with Store(path, readonly=True) as s:
        assert s.count("documents") == 0


def test_search_documents_and_fts_syntax_is_harmless(store: Store, tmp_path: Path) -> None:
    ingest_texts(store, tmp_path, {"news.txt": NEWS.encode(), "blog.txt": blog_post().encode()})
    hits = store.search("bus drivers")
    assert [d["title"] for d in hits["documents"]] == [None]  # NEWS has no title line
    assert "[" in hits["documents"][0]["snippet"]
    assert store.search("sea wal")["documents"][0]["title"].startswith("HARBOUR")  # prefix match
    for nasty in ['"unbalanced', "AND OR NOT", "col:umn*", "(", ""]:
        assert set(store.search(nasty)) == {"documents", "quotes", "claims"}
    assert fts_query("it's a-b") == '"it"* "s"* "a"* "b"*'


def test_reprocess_rebuilds_everything_and_keeps_ids(store: Store, tmp_path: Path) -> None:
    ingest_texts(store, tmp_path, {"news.txt": NEWS.encode(), "blog.txt": blog_post().encode()})
    tables = ("documents", "locations", "entities", "quotes", "claims")
    before = {t: store.count(t) for t in tables}
    ids = [d["id"] for d in store.documents()]
    extraction = store.resolve_document(ids[0])["extraction"]
    store.db.execute("DELETE FROM quotes")  # derived data, damaged
    store.db.execute("UPDATE documents SET text = 'x'")
    store.commit()
    report = workflow.reprocess(store, Options())
    assert report.ok and report.updated == 2
    assert {t: store.count(t) for t in tables} == before
    assert [d["id"] for d in store.documents()] == ids
    assert store.resolve_document(ids[0])["extraction"] == extraction
    mentions = store.db.value("SELECT count(*) FROM mentions")
    fts = store.db.value("SELECT count(*) FROM documents_fts")
    assert fts == 2 and mentions >= store.count("entities")
    # Only what changed: nothing, since the pipeline is the same.
    again = workflow.reprocess(store, Options(), force=False)
    assert again.updated == 0 and again.unchanged == 2


def test_processing_runs_record_tools_and_versions(store: Store, tmp_path: Path) -> None:
    ingest_texts(store, tmp_path, {"news.txt": NEWS.encode()})
    (doc,) = store.documents()
    runs = store.runs(doc["sha256"])
    steps = {r["step"]: r for r in runs}
    assert {"decode", "normalise", "parse", "extract"} <= set(steps)
    assert steps["parse"]["tool"] == "spacy" and "core_web_sm" in steps["parse"]["version"]
    assert steps["decode"]["detail"] == "encoding=utf-8"
    assert all(r["version"] and r["at"] for r in runs)
    assert store.resolve_document(doc["sha256"][:10])["pipeline"].startswith("claimgraph-")


def test_originals_are_kept_unaltered(store: Store, tmp_path: Path) -> None:
    data = "\ufeff".encode() + ACCENTED.encode("utf-8").replace(b"\n", b"\r\n")
    ingest_texts(store, tmp_path, {"a.txt": data})
    (doc,) = store.documents()
    original, _ = store.original(doc["sha256"])
    assert original == data
    import hashlib

    assert hashlib.sha256(original).hexdigest() == doc["sha256"]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "cp1252"])
def test_spans_map_back_to_original_bytes(store: Store, tmp_path: Path, encoding: str) -> None:
    text = NEWS + "\n" + ACCENTED
    data = text.encode(encoding)  # utf-16 writes a byte-order mark
    ingest_texts(store, tmp_path, {"doc.txt": data})
    (row,) = store.documents()
    doc = store.resolve_document(row["id"])
    decoded = data[doc["bom"]:].decode(doc["encoding"])
    clean = doc["text"]
    spans = [(0, 10), (0, len(clean)), (len(clean) - 7, len(clean))]
    spans += [tuple(q["span"]) for q in doc["extraction"]["quotes"]]
    spans += [tuple(m) for e in doc["extraction"]["entities"] for m in e["mentions"]]
    spans += [(clean.index("façade"), clean.index("façade") + 6), (5, 5)]
    for span in spans:
        a, b = store.original_span(doc, span)
        source_text = data[a:b].decode(doc["encoding"])
        # The source text of the span: its characters in the decoded original...
        start = doc["offsets"][span[0]]
        end = doc["offsets"][span[1] - 1] + 1 if span[1] > span[0] else start
        assert source_text == decoded[start:end]
        # ...which are the clean text's, up to the white space the normaliser folded.
        assert " ".join(source_text.split()) == " ".join(clean[span[0]:span[1]].split())
    assert store.original_span(row["sha256"], (0, 3)) == store.original_span(doc, (0, 3))
    with pytest.raises(NotFound):
        store.original_span(doc, (0, len(clean) + 5))


def test_html_spans_have_no_byte_positions(store: Store, tmp_path: Path) -> None:
    from conftest import HTML_PARAS, html_page

    ingest_texts(store, tmp_path, {"p.html": html_page("County Approves Flood Barrier", HTML_PARAS).encode()})
    (row,) = store.documents()
    with pytest.raises(NotFound, match="no byte positions"):
        store.original_span(row["id"], (0, 5))


def test_missing_document(store: Store) -> None:
    with pytest.raises(NotFound):
        store.resolve_document(42)
    with pytest.raises(NotFound):
        store.resolve_document("deadbeef")
