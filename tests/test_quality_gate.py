"""Quality gate: quote extraction scored on PolNeAR dev by the reference scorer in ../shared,
over all kinds and over speech kinds only.

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

REACHED_F1 = 0.756
REACHED_SPEAKER = 0.932
# Speech only (--kinds direct,indirect,partial,mixed): the measure of gold sets that annotate
# reported speech alone, where precision is what was lacking. PolNeAR's gold holds every
# attribution, so recall here is low by design; precision and F1 are gated.
REACHED_SPEECH_P = 0.928
REACHED_SPEECH_F1 = 0.666
SLACK = 0.02

SUMMARY = re.compile(r"quotes: P=([\d.]+) R=([\d.]+) F1=([\d.]+) speaker=([\d.]+)")


@pytest.mark.gate
@pytest.mark.skipif(not (DEV.is_dir() and SCORER.is_file()), reason="../shared gold data is not here")
def test_polnear_dev_quotes(tmp_path: Path) -> None:
    files = sorted(str(p) for p in (DEV / "text").glob("*.txt"))
    out = tmp_path / "dev.jsonl"
    extract_files_to_jsonl(files, out)
    p_all, _, f1, speaker = _score(out)
    assert f1 >= REACHED_F1 - SLACK, (p_all, f1, speaker)
    assert speaker >= REACHED_SPEAKER - SLACK, (p_all, f1, speaker)
    p, _, f1, _ = _score(out, "--kinds", "direct,indirect,partial,mixed")
    assert p >= REACHED_SPEECH_P - SLACK, ("speech", p, f1)
    assert f1 >= REACHED_SPEECH_F1 - SLACK, ("speech", p, f1)


def _score(predictions: Path, *args: str) -> tuple[float, ...]:
    """P, R, F1, speaker: the reference scorer needs only the standard library, run as its README does."""
    run = subprocess.run(["python3", str(SCORER), "polnear", str(DEV), str(predictions), *args],
                         capture_output=True, text=True, check=True)
    match = SUMMARY.search(run.stdout)
    assert match, run.stdout + run.stderr
    return tuple(float(x) for x in match.groups())
