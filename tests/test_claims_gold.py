"""The gold sets must stay above their floors: value, range, qualifier >= 0.9, claimant >= 0.8,
detection recall >= 0.9 (bench/score_claims.py prints the full table)."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph_text import load_bench

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("gold", ["claims.jsonl", "claims_heldout.jsonl", "claims_heldout2.jsonl"])
def test_gold_floors(gold: str) -> None:
    scorer = load_bench("score_claims")
    result = scorer.score(ROOT / "tests" / "gold" / gold)
    assert result["expected"] >= (150 if gold == "claims.jsonl" else 25)
    below = {k: round(result[k], 3) for k, floor in scorer.FLOORS.items() if result.get(k, 1.0) < floor}
    assert not below, f"below floor: {below} (floors {scorer.FLOORS})"
    assert result["precision"] >= 0.9
