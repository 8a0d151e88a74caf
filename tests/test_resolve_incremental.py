"""An update resolves only what new documents touch, and gives what one full run gives,
whatever the order documents arrive in; a crash between storing and resolving loses nothing."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import resolve_corpus as rc
from claimgraph import workflow
from claimgraph.options import Options
from claimgraph.store import Store

CORPUS = rc.CORPUS + rc.HELDOUT + rc.FRESH


def groups(s: Store) -> list[list[tuple[str, str]]]:
    """Each group as the sorted keys of its claims: comparable across databases."""
    by_group: dict[int, list[tuple[str, str]]] = {}
    for key, gid in s.claim_keys().items():
        by_group.setdefault(gid, []).append(key)
    return sorted(sorted(g) for g in by_group.values())


def shown(s: Store) -> list[tuple[Any, ...]]:
    """What people read of each group and entity (ids depend on storage order; these must not)."""
    out: list[tuple[Any, ...]] = [
        (g["label"], tuple((v["text"], tuple(v["claimants"]), v["independent_sources"]) for v in g["values"]),
         g["independent_sources"], g["contradiction"], len(g["claims"]))
        for g in s.claim_groups(limit=10_000)]
    out += [(e["name"], e["type"], tuple(e["aliases"]), e["n_documents"]) for e in s.global_entities(limit=10_000)]
    return sorted(out, key=repr)


def test_random_insertion_orders_give_the_groups_of_one_full_run(tmp_path: Path) -> None:
    with Store(tmp_path / "full.db") as full:
        rc.load(full, CORPUS)
        workflow.resolve(full, full=True)
        expected, expected_shown = groups(full), shown(full)
    assert len(expected) > 10
    for seed in range(3):
        order = list(CORPUS)
        random.Random(seed).shuffle(order)
        with Store(tmp_path / f"order{seed}.db") as s:
            for d in order:
                rc.load(s, [d])
                stats = workflow.resolve(s)
                assert stats.mode == "incremental"
            assert groups(s) == expected, seed
            assert shown(s) == expected_shown, seed
            workflow.resolve(s, full=True)
            assert groups(s) == expected


def test_an_update_recomputes_only_what_the_new_document_touches(tmp_path: Path) -> None:
    with Store(tmp_path / "u.db") as s:
        rc.load(s, CORPUS[:-1])
        workflow.resolve(s, full=True)
        stats = workflow.resolve(s)
        assert stats.mode == "none"  # nothing pending
        rc.load(s, CORPUS[-1:])
        stats = workflow.resolve(s)
        assert stats.mode == "incremental" and stats.claims < len(s.claim_keys())


def test_rebuilt_documents_give_the_full_runs_groups(tmp_path: Path) -> None:
    with Store(tmp_path / "r.db") as s:
        rc.load(s, CORPUS)
        workflow.resolve(s, full=True)
        expected = groups(s)
        rc.load(s, CORPUS[::3])  # what reprocess does: every derived row of these documents rebuilt
        assert workflow.resolve(s).mode == "incremental"
        assert groups(s) == expected


def test_work_left_by_a_crash_is_finished_by_the_next_writing_command(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    with Store(db) as s:
        rc.load(s, CORPUS)  # stored, then the process died before resolving
    with Store(db, readonly=True) as r:
        assert r.pending().rows and r.claim_groups() == []  # reads never resolve
    with Store(db) as s:
        report = workflow.ingest(s, [], Options())  # a run with nothing new to store
        assert report.documents == []
        assert not s.pending().rows and len(groups(s)) > 10
