"""The gold sets must stay above their floors: value, range, qualifier >= 0.9, claimant >= 0.8,
detection recall >= 0.9 (bench/score_claims.py prints the full table)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _scorer():  # bench/ is not a package: load the script as a module
    spec = importlib.util.spec_from_file_location("score_claims", ROOT / "bench" / "score_claims.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["score_claims"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("gold", ["claims.jsonl", "claims_heldout.jsonl", "claims_heldout2.jsonl"])
def test_gold_floors(gold: str) -> None:
    scorer = _scorer()
    result = scorer.score(ROOT / "tests" / "gold" / gold)
    assert result["expected"] >= (150 if gold == "claims.jsonl" else 25)
    below = {k: round(result[k], 3) for k, floor in scorer.FLOORS.items() if result.get(k, 1.0) < floor}
    assert not below, f"below floor: {below} (floors {scorer.FLOORS})"
    assert result["precision"] >= 0.9
