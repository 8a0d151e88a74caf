"""Quality gate: quote extraction scored on PolNeAR dev by the reference scorer in ../shared.

The floors are the scores this extractor reached when the gate was set, less 0.02 of slack for
model or platform noise; a change that loses more than that must say why.
Skipped where ../shared (gold data and scorer) is not beside the project.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from claimgraph_text import extract_files_to_jsonl

SHARED = Path(__file__).resolve().parents[2] / "shared"
DEV = SHARED / "data" / "polnear" / "dev"
SCORER = SHARED / "eval" / "score_quotes.py"

REACHED_F1 = 0.723
REACHED_SPEAKER = 0.919
SLACK = 0.02

SUMMARY = re.compile(r"quotes: P=([\d.]+) R=([\d.]+) F1=([\d.]+) speaker=([\d.]+)")


@pytest.mark.gate
@pytest.mark.skipif(not (DEV.is_dir() and SCORER.is_file()), reason="../shared gold data is not here")
def test_polnear_dev_quotes(tmp_path: Path) -> None:
    files = sorted(str(p) for p in (DEV / "text").glob("*.txt"))
    out = tmp_path / "dev.jsonl"
    extract_files_to_jsonl(files, out)
    # The reference scorer needs only the standard library: run it as the README does.
    run = subprocess.run(["python3", str(SCORER), "polnear", str(DEV), str(out)],
                         capture_output=True, text=True, check=True)
    match = SUMMARY.search(run.stdout)
    assert match, run.stdout + run.stderr
    _, _, f1, speaker = (float(x) for x in match.groups())
    assert f1 >= REACHED_F1 - SLACK, run.stdout
    assert speaker >= REACHED_SPEAKER - SLACK, run.stdout
