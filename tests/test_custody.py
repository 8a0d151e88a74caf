"""The chain of custody: every step on every original is logged, hash-chained, in the step's own
transaction; `verify` re-hashes the originals and names any entry, original or extraction that
was changed behind claimgraph's back."""

from __future__ import annotations

import json
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from claimgraph import workflow
from claimgraph.options import Options
from claimgraph.store import SCHEMA_VERSION, Store
from claimgraph.store.custody import GENESIS, entry_hash
from conftest import ACCENTED, NEWS

Run = Callable[..., subprocess.CompletedProcess[str]]


def ingested(tmp_path: Path) -> tuple[Path, list[str]]:
    (tmp_path / "in").mkdir()
    (tmp_path / "copy").mkdir()
    paths = []
    for name, text in (("news.txt", NEWS), ("accented.txt", ACCENTED)):
        p = tmp_path / "in" / name
        p.write_text(text, encoding="utf-8")
        paths.append(str(p))
    copy = tmp_path / "copy" / "news-again.txt"  # the same bytes found at a second place
    copy.write_text(NEWS, encoding="utf-8")
    db = tmp_path / "c.db"
    with Store(db) as s:
        workflow.ingest(s, paths, Options())
        workflow.ingest(s, [str(copy)], Options())
    return db, paths


def raw(db: Path, *statements: tuple[str, tuple[object, ...]]) -> None:
    """Someone editing the file by hand, past claimgraph."""
    conn = sqlite3.connect(db)
    try:
        for sql, args in statements:
            conn.execute(sql, args)
        conn.commit()
    finally:
        conn.close()


def test_every_step_is_logged_and_chained(tmp_path: Path) -> None:
    db, _ = ingested(tmp_path)
    with Store(db) as s:
        workflow.reprocess(s, Options())
        news = s.db.value("SELECT sha256 FROM documents WHERE text LIKE '%Kowalski%'")
        steps = [e["action"] for e in s.custody(news)]
        assert steps == ["acquired", "located", "extracted", "located", "re-extracted"]
        entries = s.db.query("SELECT * FROM custody ORDER BY seq")
    prev = GENESIS
    for n, e in enumerate(entries, 1):
        assert e["seq"] == n and e["prev"] == prev and e["hash"] == entry_hash(e)
        assert e["actor"] and "claimgraph" in e["tool"] and "SQLite" in e["tool"] and e["at"]
        prev = e["hash"]
    extracted = json.loads(entries[2]["detail"])
    assert extracted["pipeline"].startswith("claimgraph-") and extracted["steps"]
    assert all(step["tool"] and step["version"] for step in extracted["steps"])
    located = [json.loads(e["detail"]) for e in entries if e["action"] == "located"]
    assert any(d["uri"].endswith("news-again.txt") for d in located)
    with Store(db, readonly=True) as r:
        v = r.verify()
        assert v.ok and v.originals == 2 and v.documents == 2 and v.entries == len(entries) and v.head == prev


def test_the_log_and_the_originals_refuse_changes(tmp_path: Path) -> None:
    db, _ = ingested(tmp_path)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        raw(db, ("UPDATE custody SET actor = 'someone else' WHERE seq = 1", ()))
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        raw(db, ("DELETE FROM custody WHERE seq = 2", ()))
    with pytest.raises(sqlite3.IntegrityError, match="unaltered"):
        raw(db, ("UPDATE originals SET data = x'00'", ()))


def test_verify_names_a_tampered_original(tmp_path: Path, run_cli: Run) -> None:
    db, _ = ingested(tmp_path)
    with Store(db, readonly=True) as r:
        sha = r.db.value("SELECT sha256 FROM documents WHERE text LIKE '%Kowalski%'")
    raw(db, ("DROP TRIGGER originals_unaltered", ()),
        ("UPDATE originals SET data = CAST(replace(CAST(data AS TEXT), '50', '500') AS BLOB) WHERE sha256 = ?", (sha,)))
    r = run_cli("verify", "--db", str(db))
    assert r.returncode == 1
    assert f"original {sha} was altered" in r.stderr and "1 mismatches" in r.stdout
    report = json.loads(run_cli("verify", "--db", str(db), "--format", "json").stdout)
    assert not report["ok"] and [(p["kind"], p["sha256"]) for p in report["problems"]] == [("original", sha)]


def test_verify_names_a_tampered_or_removed_log_entry(tmp_path: Path) -> None:
    db, _ = ingested(tmp_path)
    raw(db, ("DROP TRIGGER custody_no_update", ()), ("DROP TRIGGER custody_no_delete", ()),
        ("UPDATE custody SET detail = replace(detail, 'news-again', 'elsewhere') WHERE action = 'located'", ()))
    with Store(db, readonly=True) as r:
        altered = r.db.value("SELECT seq FROM custody WHERE detail LIKE '%elsewhere%'")
        problems = r.verify().problems
    assert [(p.kind, p.entry) for p in problems] == [("entry", altered)]
    assert f"custody entry {altered} (located" in problems[0].message

    raw(db, ("DELETE FROM custody WHERE seq = 2", ()))
    with Store(db, readonly=True) as r:
        kinds = {(p.kind, p.entry) for p in r.verify().problems}
    assert ("chain", 3) in kinds  # entry 3 no longer follows the one before it


def test_verify_names_an_extraction_changed_after_it_was_logged(tmp_path: Path) -> None:
    db, _ = ingested(tmp_path)
    raw(db, ("UPDATE documents SET extraction = replace(extraction, 'Kowalski', 'Somebody')", ()))
    with Store(db, readonly=True) as r:
        problems = r.verify().problems
        doc = r.db.value("SELECT id FROM documents WHERE text LIKE '%Kowalski%'")
    assert [(p.kind, p.message.split(":")[0]) for p in problems] == [("extraction", f"document {doc}")]


def test_a_log_cut_short_is_caught_by_a_head_written_down_before(tmp_path: Path, run_cli: Run) -> None:
    db, _ = ingested(tmp_path)
    head = json.loads(run_cli("verify", "--db", str(db), "--format", "json").stdout)["head"]
    raw(db, ("DROP TRIGGER custody_no_delete", ()), ("DELETE FROM custody WHERE seq = (SELECT max(seq) FROM custody)", ()))
    assert run_cli("verify", "--db", str(db), "--format", "json").returncode == 0  # nothing inside tells
    r = run_cli("verify", "--db", str(db), "--head", head)
    assert r.returncode == 1 and "shortened" in r.stderr


def test_who_ran_a_step_can_be_named(tmp_path: Path, run_cli: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.txt").write_text(NEWS)
    monkeypatch.setenv("CLAIMGRAPH_ACTOR", "analyst 7 (field office)")
    assert run_cli("ingest", "--db", "x.db", "a.txt").returncode == 0
    shown = json.loads(run_cli("show", "1", "--db", "x.db", "--format", "json").stdout)
    assert {e["actor"] for e in shown["custody"]} == {"analyst 7 (field office)"}


def test_a_version_2_database_is_upgraded_with_its_originals_adopted(tmp_path: Path) -> None:
    db, _ = ingested(tmp_path)
    # The same database as version 2 made it: no custody log, a row for every failure.
    raw(db, ("DROP TABLE custody", ()), ("DROP TRIGGER originals_unaltered", ()),
        ("ALTER TABLE errors RENAME TO e3", ()),
        ("CREATE TABLE errors (id INTEGER PRIMARY KEY, input TEXT NOT NULL, reason TEXT NOT NULL, stage TEXT NOT NULL,"
         " at TEXT NOT NULL)", ()), ("DROP TABLE e3", ()),
        ("INSERT INTO errors(input, reason, stage, at) VALUES ('x.bin', 'binary', 'read', '2024-01-01T00:00:00Z'),"
         " ('x.bin', 'binary', 'read', '2024-02-01T00:00:00Z'), ('y.bin', 'binary', 'read', '2024-01-05T00:00:00Z')",
         ()),
        ("UPDATE meta SET value = '2' WHERE key = 'schema_version'", ()))
    with Store(db) as s:
        assert s.db.value("SELECT value FROM meta WHERE key = 'schema_version'") == str(SCHEMA_VERSION)
        assert [(e["input"], e["count"], e["at"], e["last_seen"]) for e in sorted(s.errors(), key=lambda e: e["input"])] \
            == [("x.bin", 2, "2024-01-01T00:00:00Z", "2024-02-01T00:00:00Z"),
                ("y.bin", 1, "2024-01-05T00:00:00Z", "2024-01-05T00:00:00Z")]
        assert s.db.column("SELECT action FROM custody") == ["adopted", "adopted"]
        assert s.verify().ok
        workflow.reprocess(s, Options())
        assert s.verify().ok and s.db.value("SELECT count(*) FROM custody") == 4
