"""Ranges and contradictions, unit by unit."""

from __future__ import annotations

import math

from claimgraph.formatting import value_text as describe
from claimgraph.resolve.values import claim_range, contradictions, update


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


def test_values_read_as_written_and_their_reading_is_marked_as_ours() -> None:
    est = claim_range(27000, 33000, 30000, "an estimated", bound="approx")
    assert est.stated == (30000, 30000) and est.interpreted and est.reading == "27,000–33,000"
    assert describe(27000, 33000, 30000, "an estimated", "approx", "an estimated 30,000") == "an estimated 30,000"
    several = claim_range(2000, None, None, None, bound="vague")
    assert several.interpreted and several.reading == "at least 2,000"
    assert describe(2000, None, None, None, "vague", "Several thousand") == "several thousand"
    assert not claim_range(2800, 3800, None, None, bound="range").interpreted


def test_some_5000_and_4000_to_5000_are_compatible() -> None:
    some = {"range": claim_range(4500, 5500, 5000, "some", bound="approx"), "text": "some 5,000"}
    span = {"range": claim_range(4000, 5000, None, None, bound="range"), "text": "4,000–5,000"}
    assert contradictions([some, span]) == []


def test_a_contradiction_through_a_reading_says_so() -> None:
    est = {"range": claim_range(27000, 33000, 30000, "an estimated", bound="approx"), "text": "an estimated 30,000"}
    span = {"range": claim_range(2800, 3800, None, None, bound="range"), "text": "2,800–3,800"}
    (c,) = contradictions([span, est])
    assert c["why"] == ("2,800–3,800 is below anything an estimated 30,000 allows "
                        "(even an estimated 30,000 read as 27,000–33,000)")


def _claim(published: str, source: str, text: str, number_text: str) -> dict:
    return {"published": published, "source": source, "text": text, "number_text": number_text,
            "value_text": number_text}


def test_a_later_toll_that_says_it_rose_is_an_update() -> None:
    early = [_claim("2024-03-02", "lakeside wire", "A fire killed 14 inmates, officials said.", "14")]
    late = [_claim("2024-03-04", "valley gazette", "The death toll has risen to 16, officials said.", "16")]
    found = update(early, late)
    assert found is not None and found[:2] == (0, 1) and "14 on 2024-03-02, 16 on 2024-03-04" in found[2]
    assert update(late, early)[:2] == (1, 0)


def test_a_source_revising_its_own_figure_is_an_update_and_two_sources_differing_are_not() -> None:
    a = [_claim("2023-09-04", "dornev copper", "Fourteen miners were killed, the operator said.", "Fourteen")]
    b = [_claim("2023-09-05", "dornev copper", "Fifteen miners were killed, the operator said.", "Fifteen")]
    c = [_claim("2023-09-05", "union", "The collapse killed 15 workers, union officials said.", "15")]
    assert update(a, b) is not None
    assert update(a, c) is None
    same_day = [_claim("2023-09-04", "union", "The toll rose to 15, union officials said.", "15")]
    assert update(a, same_day) is None  # no order to read an update from


def test_words_that_state_no_figure_are_a_value_in_their_words_that_contradicts_nothing() -> None:
    several = claim_range(None, None, None, None, "Rebels fired several rockets.", "several")
    assert several is not None and (several.lo, several.hi, several.bound, several.interpreted) == \
        (0, math.inf, "vague", False)
    assert contradictions([{"range": several, "text": "several"}, _v(12, 12), _v(30000, None, "over")]) == \
        [{"a": 1, "b": 2, "why": "12 is below anything over 30,000 allows"}]
    assert claim_range(None, None, None, None) is None  # no words, no value
