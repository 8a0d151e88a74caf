"""Claimed numbers as ranges, and which ranges cannot both be true.

A claim states a range [lo, hi]: extract says how (Claim.bound, low, high; see
claimgraph.quantities), so an exact figure is a point, "over 30,000" is [30000, inf), "between
2,800 and 3,800" is [2800, 3800], "thousands" (low 2000, no high) is [2000, inf) and "some
5,000" is 5,000 widened by the one tolerance. A partial count ("the hospital alone received 187
bodies") is only a lower bound on the total. Two values contradict when their ranges do not
overlap; anything else is compatible, because a careful reader could hold both.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from ..quantities import bounds, norm_qualifier
from ..words.events import INCLUDING, PART_OF, PARTIAL
from ..words.qualifiers import LOWER, UPPER

_PARTIAL = re.compile(PARTIAL, re.I)
_PART_OF = re.compile(PART_OF, re.I)
_INCLUDING = re.compile(INCLUDING, re.I)
NEAR = 60  # characters either side of the number where partial wording counts


@dataclass(frozen=True)
class Range:
    lo: float
    hi: float  # math.inf when open above
    exact: bool  # a point figure with no approximate wording
    partial: bool = False

    def overlaps(self, other: Range) -> bool:
        return self.lo <= other.hi and other.lo <= self.hi


def claim_range(low: float | None, high: float | None, value: float | None, qualifier: str | None,
                text: str = "", number_text: str | None = None, bound: str | None = None) -> Range | None:
    """The range a claim commits to. Extract's bound and low/high are taken as they are; a record
    without a bound (made before extract stored one) is read with the same conventions."""
    if low is None and high is None and value is None:
        return None
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
    lo = 0.0 if low is None else float(low)
    hi = math.inf if high is None else float(high)
    exact = bound == "exact" and lo == hi
    if exact and text and _partial(text, number_text):
        return Range(lo, math.inf, False, True)
    return Range(lo, hi, exact)


def _partial(text: str, number_text: str | None) -> bool:
    """Wording that makes the figure a part of a total, near the figure itself: in "212 died,
    including 40 children" the 40 is a part and the 212 is not."""
    k = text.find(number_text) if number_text else -1
    if k < 0:
        return bool(_PARTIAL.search(text))
    end = k + len(number_text or "")
    before, after = text[max(0, k - NEAR):k], text[end:end + NEAR]
    return bool(_INCLUDING.search(before) or _PART_OF.search(after) or _PARTIAL.search(before + " " + after))


def contradiction(a: dict[str, Any], b: dict[str, Any]) -> str | None:
    """Why values a and b cannot both be true (each with a 'range' and a 'text'), or None."""
    ra: Range = a["range"]
    rb: Range = b["range"]
    if ra.overlaps(rb):
        return None
    lower, upper = (a, b) if ra.hi < rb.lo else (b, a)
    if lower["range"].exact and upper["range"].exact:
        return f"{lower['text']} and {upper['text']} are both given as exact figures"
    return f"{lower['text']} is below anything {upper['text']} allows"


def contradictions(values: list[dict[str, Any]], limit: int = 200) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for i in range(len(values)):
        for j in range(i + 1, len(values)):
            why = contradiction(values[i], values[j])
            if why:
                out.append({"a": i, "b": j, "why": why})
                if len(out) >= limit:
                    return out
    return out
