"""The README's main job works end to end on the bundled examples."""

from __future__ import annotations

import json
from pathlib import Path

from claimgraph.serve.cli import main


def test_demo_ingests_the_bundled_examples(tmp_path: Path, capsys) -> None:
    db = tmp_path / "demo.db"
    assert main(["demo", "--db", str(db)]) == 0
    capsys.readouterr()
    assert main(["documents", "--db", str(db), "--format", "json"]) == 0
    docs = json.loads(capsys.readouterr().out)
    assert len(docs) >= 6
    assert {d["publisher"] for d in docs} >= {"Meridian Press", "Civic Watch", "Valley Herald"}
