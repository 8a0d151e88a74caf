"""Quality gates for numeric claims (issue 9).

1. The claims gold in ../shared (40 real PolNeAR articles, every numeric claim annotated),
   scored by the reference scorer ../shared/eval/score_claims.py. The floors are what this
   extractor reached when the gate was set, less 0.02 of slack for model or platform noise; a
   change that loses more than that must say why. Skipped where ../shared is not beside the project.
2. Sentences written for each class of error the issue names (tests/gold/claims_classes.jsonl):
   every class finds every claim it should and invents none.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from claimgraph_text import extract_files_to_jsonl, load_bench

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
GOLD = SHARED / "data" / "claims" / "polnear-train-40.jsonl"
TEXTS = SHARED / "data" / "polnear" / "train" / "text"
SCORER = SHARED / "eval" / "score_claims.py"

# Reached on all 40 files (bench/errors_claims.py --all), 2026-12-02.
REACHED = {"P": 0.975, "R": 0.948, "F1": 0.961, "value": 0.997}
SLACK = 0.02

SUMMARY = re.compile(r"claims: P=([\d.]+) R=([\d.]+) F1=([\d.]+) value=([\d.]+)")


@pytest.mark.gate
@pytest.mark.skipif(not (GOLD.is_file() and SCORER.is_file()), reason="../shared gold data is not here")
def test_polnear_claims_gold(tmp_path: Path) -> None:
    files = [str(TEXTS / json.loads(line)["file"]) for line in GOLD.read_text(encoding="utf-8").splitlines()
             if line.strip()]
    out = tmp_path / "claims.jsonl"
    extract_files_to_jsonl(files, out)
    # The reference scorer needs only the standard library: run it as its docstring does.
    run = subprocess.run(["python3", str(SCORER), str(GOLD), str(out)], capture_output=True, text=True, check=True)
    match = SUMMARY.search(run.stdout)
    assert match, run.stdout + run.stderr
    got = dict(zip(("P", "R", "F1", "value"), (float(x) for x in match.groups()), strict=True))
    below = {k: v for k, v in got.items() if v < REACHED[k] - SLACK}
    assert not below, f"below the floor (reached {REACHED}, slack {SLACK}): {run.stdout}"


@pytest.mark.gate
def test_every_class_of_written_sentences() -> None:
    result = load_bench("score_claims").score(ROOT / "tests" / "gold" / "claims_classes.jsonl")
    classes = result["classes"]
    assert len(classes) >= 20
    failing = {k: t for k, t in classes.items()
               if t["found"] < t["expected"] or t["false_positives"] or t["fields_wrong"]}
    assert not failing, failing
