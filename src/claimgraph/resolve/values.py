"""Claimed numbers: what their words state, how we read them as ranges, which cannot both be
true, and which replace others over time.

A value is first what its words state (Claim.bound, low, high, value; see claimgraph.quantities):
an exact figure is a point, "over 30,000" is [30000, inf), "between 2,800 and 3,800" is
[2800, 3800], "some 5,000" states 5,000 and "thousands" states no more than its plural. Our
reading of approximate and vague words (the one tolerance: "some 5,000" read as 4,500-5,500;
"thousands" read as at least 2,000) is secondary: shown as a reading, marked as one, and never
by itself the cause of a contradiction. A partial count ("the hospital alone received 187
bodies") is only a lower bound on the total. Two values contradict when neither their stated
figures nor our readings of them can meet; anything else is compatible, because a careful
reader could hold both. A later figure that replaces an earlier one (the same source revising
its count, or a report that the toll "has risen to 16") is an update, not a contradiction.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..formatting import reading_text
from ..quantities import bounds, norm_qualifier
from ..words.events import INCLUDING, PART_OF, PARTIAL, UPDATE
from ..words.qualifiers import APPROX, LOWER, NEAR_ABOVE, NEAR_BELOW, UPPER

_PARTIAL = re.compile(PARTIAL, re.I)
_PART_OF = re.compile(PART_OF, re.I)
_INCLUDING = re.compile(INCLUDING, re.I)
_UPDATE = re.compile(UPDATE, re.I)
NEAR = 60  # characters either side of the number where partial wording counts
_APPROXIMATE = APPROX | NEAR_BELOW | NEAR_ABOVE


@dataclass(frozen=True)
class Range:
    """A value read as a range [lo, hi] (hi math.inf when open above). `stated` is what the
    words themselves commit to (a point for "some 5,000"); lo/hi are our reading of them, the
    same unless `interpreted`."""

    lo: float
    hi: float
    exact: bool  # a point figure with no approximate wording
    partial: bool = False
    bound: str = "exact"  # exact | lower | upper | approx | range | vague (Claim.bound)
    stated_lo: float | None = None
    stated_hi: float | None = None
    interpreted: bool = False

    @property
    def stated(self) -> tuple[float, float]:
        lo = self.lo if self.stated_lo is None else self.stated_lo
        return lo, self.hi if self.stated_hi is None else self.stated_hi

    def overlaps(self, other: Range) -> bool:
        return self.lo <= other.hi and other.lo <= self.hi

    def stated_overlaps(self, other: Range) -> bool:
        (a, b), (c, d) = self.stated, other.stated
        return a <= d and c <= b

    @property
    def reading(self) -> str | None:
        """Our reading, worded ('27,000–33,000'), when it is more than the words state."""
        return reading_text(self.lo, self.hi) if self.interpreted else None


def claim_range(low: float | None, high: float | None, value: float | None, qualifier: str | None,
                text: str = "", number_text: str | None = None, bound: str | None = None) -> Range | None:
    """The range a claim commits to, and how much of it is ours. Extract's bound and low/high are
    taken as they are; a record without a bound (made before extract stored one) is read with
    the same conventions."""
    if low is None and high is None and value is None:
        # "several", "a few": words that state no figure are listed in their own words and allow
        # anything, so they never contradict (a group of them alone used to show no value at all)
        return Range(0.0, math.inf, False, False, "vague", 0.0, math.inf, False) if number_text else None
    q = norm_qualifier(qualifier)
    if bound is None:
        if low is None and high is None or (low == high and value in (None, low)):
            point = float(value if value is not None else low)  # type: ignore[arg-type]
            low, high, bound = bounds(q, point)
        elif q in UPPER and high is None:
            low, high, bound = None, low, "upper"
        elif q in LOWER and high is not None and low == high:
            high, bound = None, "lower"
        else:
            bound = "range"
    if bound == "approx" and value is not None and low == high == value:
        low, high, _ = bounds(q, float(value))  # a record that kept the point only
    lo = 0.0 if low is None else float(low)
    hi = math.inf if high is None else float(high)
    exact = bound == "exact" and lo == hi
    if exact and text and _partial(text, number_text):
        return Range(lo, math.inf, False, True, bound)
    if bound == "approx":
        point = float(value) if value is not None else (lo + hi) / 2 if hi != math.inf else lo
        return Range(lo, hi, False, False, bound, point, point, True)
    if bound == "range" and q in _APPROXIMATE:
        # "about 2,800-3,800": the text states 2,800-3,800; the tolerance around it is ours
        wlo, whi, _ = bounds(q, lo)
        _, whi2, _ = bounds(q, hi) if hi != math.inf else (None, None, "")
        return Range(float(wlo if wlo is not None else lo), float(whi2) if whi2 is not None else hi, False, False,
                     bound, lo, hi, True)
    return Range(lo, hi, exact, False, bound, lo, hi, bound == "vague")


def _partial(text: str, number_text: str | None) -> bool:
    """Wording that makes the figure a part of a total, near the figure itself: in "212 died,
    including 40 children" the 40 is a part and the 212 is not."""
    k = text.find(number_text) if number_text else -1
    if k < 0:
        return bool(_PARTIAL.search(text))
    end = k + len(number_text or "")
    before, after = text[max(0, k - NEAR):k], text[end:end + NEAR]
    return bool(_INCLUDING.search(before) or _PART_OF.search(after) or _PARTIAL.search(before + " " + after))


def contradiction(a: Mapping[str, Any], b: Mapping[str, Any]) -> str | None:
    """Why values a and b cannot both be true (each with a 'range' and a 'text'), or None. A
    contradiction needs the stated figures apart and our readings apart too: a reading can only
    widen what approximate words allow, never make a conflict the words do not."""
    ra: Range = a["range"]
    rb: Range = b["range"]
    if ra.overlaps(rb) or ra.stated_overlaps(rb):
        return None
    lower, upper = (a, b) if ra.hi < rb.lo else (b, a)
    if lower["range"].exact and upper["range"].exact:
        return f"{lower['text']} and {upper['text']} are both given as exact figures"
    read = [f"{x['text']} read as {x['range'].reading}" for x in (lower, upper) if x["range"].interpreted]
    return f"{lower['text']} is below anything {upper['text']} allows" + (f" (even {'; '.join(read)})" if read else "")


def contradictions(values: Sequence[Mapping[str, Any]], limit: int = 200,
                   updates: Sequence[Mapping[str, Any]] = ()) -> list[dict[str, Any]]:
    """Every pair of values that cannot both be true, except pairs that are updates over time."""
    over = {frozenset((u["a"], u["b"])) for u in updates}
    out: list[dict[str, Any]] = []
    for i in range(len(values)):
        for j in range(i + 1, len(values)):
            if frozenset((i, j)) in over:
                continue
            why = contradiction(values[i], values[j])
            if why:
                out.append({"a": i, "b": j, "why": why})
                if len(out) >= limit:
                    return out
    return out


def update(a: Sequence[Mapping[str, Any]], b: Sequence[Mapping[str, Any]]) -> tuple[int, int, str] | None:
    """Whether one of two values replaces the other over time, from their claims (each with
    'published', 'source', 'text', 'number_text' and 'value_text'): (index of the earlier value, 0
    or 1, index of the later, why) or None. A later figure replaces an earlier one when the same
    source gives both (it revised its count), or when its own sentence says it is new ("the toll
    has risen to 16")."""
    best: tuple[str, str, int, str] | None = None
    for x in a:
        for y in b:
            dx, dy = x.get("published") or "", y.get("published") or ""
            if not dx or not dy or dx[:10] == dy[:10]:
                continue
            (early, ie), (late, il) = ((x, 0), (y, 1)) if dx < dy else ((y, 1), (x, 0))
            when = f"{early['value_text']} on {early['published'][:10]}, {late['value_text']} on {late['published'][:10]}"
            if early.get("source") and early.get("source") == late.get("source"):
                why = f"the same source revised its figure: {when}"
            elif _says_new(late):
                why = f"a later report gives a new figure: {when}"
            else:
                continue
            key = (late["published"], early["published"], il, why)
            if best is None or key > best:
                best = key
    if best is None:
        return None
    il = best[2]
    return 1 - il, il, best[3]


def _says_new(claim: Mapping[str, Any]) -> bool:
    """Update wording near the claim's own number: 'the toll has risen to 16'."""
    text, nt = claim.get("text") or "", claim.get("number_text") or ""
    k = text.find(nt) if nt else -1
    window = text[max(0, k - NEAR):k + len(nt)] if k >= 0 else text
    return bool(_UPDATE.search(window))
