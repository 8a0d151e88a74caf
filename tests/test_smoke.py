"""The README's main job works end to end on the bundled examples."""

from __future__ import annotations

import json
from pathlib import Path

from claimgraph.cli import main


def test_demo_ingests_the_bundled_examples(tmp_path: Path, capsys) -> None:
    db = tmp_path / "demo.db"
    assert main(["demo", "--db", str(db)]) == 0
    capsys.readouterr()
    assert main(["documents", "--db", str(db), "--format", "json"]) == 0
    docs = json.loads(capsys.readouterr().out)
    assert len(docs) >= 6
    assert {d["publisher"] for d in docs} >= {"Meridian Press", "Civic Watch", "Valley Herald"}


def test_demo_shows_the_disputed_toll_and_the_committee_of_three_or_four(tmp_path: Path, capsys) -> None:
    db = str(tmp_path / "demo.db")
    assert main(["demo", "--db", db]) == 0
    capsys.readouterr()
    assert main(["claims", "--grouped", "--db", db, "--format", "json"]) == 0
    groups = json.loads(capsys.readouterr().out)
    by_values = {frozenset(v["low"] for v in g["values"]): g for g in groups}
    committee = next(g for vals, g in by_values.items() if {3, 4} <= vals)
    assert committee["contradiction"]
    toll = max(groups, key=lambda g: len(g["values"]))
    assert toll["contradiction"] and len(toll["values"]) >= 5
    # The wire story on two sites is one source for its figure.
    assert all(v["independent_sources"] <= len(v["documents"]) for v in toll["values"])
    mine = [g for g in groups if any(v["low"] == 14 for v in g["values"])]
    assert mine and all(14 not in {v["low"] for v in g["values"]} for g in groups if g is not mine[0])
