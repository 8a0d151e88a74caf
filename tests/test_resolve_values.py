"""Ranges and contradictions, unit by unit."""

from __future__ import annotations

import math

from claimgraph.formatting import value_text as describe
from claimgraph.resolve.values import claim_range, contradictions


def _v(low, high, q=None, text="", value=None):
    r = claim_range(low, high, value, q, text)
    assert r is not None
    return {"range": r, "text": describe(low, high, value, q)}


def test_open_and_closed_ranges() -> None:
    assert claim_range(30000, None, None, "over").hi == math.inf
    r = claim_range(2800, 3800, None, None)
    assert (r.lo, r.hi, r.exact) == (2800, 3800, False)
    assert claim_range(212, 212, 212, None).exact


def test_over_30000_contradicts_2800_to_3800() -> None:
    vals = [_v(2800, 3800), _v(30000, None, "over")]
    assert contradictions(vals) == [{"a": 0, "b": 1, "why": "2,800–3,800 is below anything over 30,000 allows"}]


def test_thousands_is_compatible_with_2800_to_5000() -> None:
    assert contradictions([_v(2000, None, "thousands"), _v(2800, 5000)]) == []
    assert describe(2000, None, None, "thousands") == "thousands"


def test_approximate_wording_gets_a_tolerance() -> None:
    # "some 5,000" and "between 2,800 and 5,000" can both be true; "some 5,000" and 3,800 cannot.
    assert contradictions([_v(5000, 5000, "some"), _v(2800, 5000)]) == []
    assert contradictions([_v(5000, 5000, "some"), _v(2800, 3800)])


def test_a_committee_of_three_is_not_one_of_four() -> None:
    out = contradictions([_v(3, 3, value=3), _v(4, 4, value=4)])
    assert out and "exact" in out[0]["why"]


def test_a_partial_count_is_a_lower_bound() -> None:
    part = _v(187, 187, text="The hospital alone received 187 bodies.", value=187)
    assert part["range"].partial and part["range"].hi == math.inf
    assert contradictions([part, _v(212, 212, value=212)]) == []


def test_upper_bounds() -> None:
    r = claim_range(100, None, None, "fewer than")
    assert (r.lo, r.hi) == (0, 100)


def test_partial_wording_counts_near_its_own_number() -> None:
    text = "At least 212 people died, including 40 children."
    assert not claim_range(212, 212, 212, None, text, "212").partial
    assert claim_range(40, 40, 40, None, text, "40").partial
