"""kill -9 at seeded points across ingest, resolve and reprocess, then a re-run: the database is
whole, every document is there once, what resolve derived equals a clean run's, and the chain
of custody verifies."""

from __future__ import annotations

import random
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

import crashing
import resolve_corpus as rc
from claimgraph import workflow
from claimgraph.options import Options
from claimgraph.store import Store
from test_resolve_incremental import groups, shown

SEED = 15
KILLS = {("ingest", "store"): 6, ("ingest", "resolve"): 4, ("reprocess", "store"): 6, ("reprocess", "resolve"): 4}


def write_corpus(folder: Path) -> list[str]:
    """The resolve corpus as plain-text articles with a header, for the real extraction path."""
    folder.mkdir()
    paths = []
    for d in rc.CORPUS:
        head = f"Title: {d.title}\nPublisher: {d.publisher}\n" + (f"Date: {d.published}\n" if d.published else "")
        p = folder / f"{d.key}.txt"
        p.write_text(head + "\n" + "\n\n".join(d.sentences) + "\n", encoding="utf-8")
        paths.append(str(p))
    return paths


def members(s: Store) -> list[tuple[str, ...]]:
    """Which global entity each per-document entity belongs to, by content (ids differ by run)."""
    rows = s.db.query("SELECT d.sha256, e.local_id, g.key FROM entity_members m JOIN entities e ON e.id = m.entity_id"
                      " JOIN documents d ON d.id = e.document_id JOIN global_entities g ON g.id = m.global_id")
    return sorted((r["sha256"], r["local_id"], r["key"]) for r in rows)


def derived(s: Store) -> dict[str, Any]:
    return {"groups": groups(s), "shown": shown(s), "members": members(s)}


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[str], Path, dict[str, Any]]:
    root = tmp_path_factory.mktemp("crash")
    paths = write_corpus(root / "in")
    db = root / "clean.db"
    with Store(db) as s:
        workflow.ingest(s, paths, Options())
        expected = derived(s)
    assert len(expected["groups"]) > 5 and expected["members"]
    return paths, db, expected


def assert_whole(db: Path, paths: list[str], expected: dict[str, Any]) -> None:
    with Store(db) as s:
        assert s.db.value("PRAGMA integrity_check") == "ok"
        shas = s.db.column("SELECT sha256 FROM documents")
        assert len(shas) == len(paths) and not [k for k, n in Counter(shas).items() if n > 1]
        assert s.count("originals") == len(paths)
        assert not s.pending().rows
        assert derived(s) == expected
        verified = s.verify()  # the custody log was written in the steps' own transactions
        assert verified.ok, verified.problems
        assert s.db.value("SELECT count(*) FROM custody WHERE action = 'acquired'") == len(paths)


def plan(stages: list[str], command: str) -> list[int]:
    """Seeded write numbers to kill at, spread over the stages of one command's run."""
    rng = random.Random(f"{SEED}:{command}")
    points = []
    for (cmd, stage), n in KILLS.items():
        if cmd == command:
            candidates = [i + 1 for i, s in enumerate(stages) if s == stage]
            # The resolver batches its writes (one statement per table): a stage may offer fewer
            # writes than kills planned for it, and every one of them is then a kill point.
            assert candidates, (command, stage)
            points += rng.sample(candidates, min(n, len(candidates)))
    return sorted(points)


def test_kills_during_ingest_and_resolve_leave_nothing_stale(clean: tuple[list[str], Path, dict[str, Any]],
                                                            tmp_path: Path) -> None:
    paths, _, expected = clean
    db = tmp_path / "k.db"

    def ingest() -> None:
        with Store(db) as s:
            workflow.ingest(s, paths, Options())

    points = plan(crashing.stages(ingest, tmp_path), "ingest")
    for point in points:
        db.unlink()
        assert crashing.killed_at(ingest, point), point
        with Store(db) as s:  # the same command again: it finishes what the killed one left
            workflow.ingest(s, paths, Options())
        assert_whole(db, paths, expected)


def test_kills_during_reprocess_leave_nothing_stale(clean: tuple[list[str], Path, dict[str, Any]],
                                                    tmp_path: Path) -> None:
    paths, clean_db, expected = clean
    db = tmp_path / "r.db"

    def fresh() -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        shutil.copy(clean_db, db)

    def reprocess() -> None:
        with Store(db) as s:
            workflow.reprocess(s, Options())

    fresh()
    points = plan(crashing.stages(reprocess, tmp_path), "reprocess")
    for point in points:
        fresh()
        assert crashing.killed_at(reprocess, point), point
        with Store(db) as s:  # `reprocess --changed-only`
            workflow.reprocess(s, Options(), force=False)
        assert_whole(db, paths, expected)
