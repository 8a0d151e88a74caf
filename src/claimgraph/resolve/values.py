"""Claimed numbers as ranges, and which ranges cannot both be true.

A claim states a range [lo, hi]: an exact figure is a point, "over 30,000" is [30000, inf),
"between 2,800 and 3,800" is [2800, 3800], "thousands" (low 2000, no high) is [2000, inf).
Approximate wording ("some 5,000", "about 700") widens a figure by a tolerance, and a partial
count ("the hospital alone received 187 bodies") is only a lower bound on the total. Two values
contradict when their ranges do not overlap; anything else is compatible, because a careful
reader could hold both.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

APPROX = frozenset({"about", "some", "around", "approximately", "roughly", "estimated", "an estimated", "circa",
                    "nearly", "almost", "close to", "~", "approx.", "approx", "more or less", "or so",
                    "reportedly", "perhaps"})
LOWER = frozenset({"over", "more than", "at least", "upwards of", "in excess of", "no fewer than", "no less than",
                   "thousands", "hundreds", "tens of thousands", "dozens", "+"})
UPPER = frozenset({"under", "fewer than", "less than", "at most", "up to", "no more than", "as many as"})
VAGUE = frozenset({"thousands", "hundreds", "tens of thousands", "hundreds of thousands", "dozens", "scores"})
TOLERANCE = 0.15  # how far "some 5,000" may be from 5,000 and still be the same claim
# Words that make a figure a part of the total rather than the total ("the hospital alone ...").
PARTIAL = re.compile(r"\b(alone|in the first|so far|to date)\b", re.I)
# "of them" makes a part only right after the number: "40 of them were children", not "three
# engineers, all of them employed by the state".
PART_OF = re.compile(r"^\s*(of|among) (them|the dead|the victims|those)\b", re.I)
INCLUDING = re.compile(r"\b(including|among them|of whom|of them)\s*$", re.I)
NEAR = 60  # characters either side of the number where partial wording counts


@dataclass(frozen=True)
class Range:
    lo: float
    hi: float  # math.inf when open above
    exact: bool  # a point figure with no approximate wording
    partial: bool = False

    def overlaps(self, other: Range) -> bool:
        return self.lo <= other.hi and other.lo <= self.hi


def norm_qualifier(q: str | None) -> str | None:
    if not q:
        return None
    q = " ".join(q.lower().split())
    return q or None


def claim_range(low: float | None, high: float | None, value: float | None, qualifier: str | None,
                text: str = "", number_text: str | None = None) -> Range | None:
    q = norm_qualifier(qualifier)
    if low is None and high is None and value is None:
        return None
    if low is None and high is None:
        low = high = value
    if q in UPPER and high is None:
        high, low = low, None
    lo = 0.0 if low is None else float(low)
    hi = math.inf if high is None else float(high)
    if q in LOWER and high is not None and low == high:
        hi = math.inf  # an old-style extraction of "over N" as a point
    approx = q in APPROX or (q is not None and any(w in APPROX for w in q.split()))
    if approx:
        lo = lo * (1 - TOLERANCE)
        hi = hi * (1 + TOLERANCE) if hi != math.inf else hi
    exact = not approx and lo == hi
    partial = False
    if exact and text and _partial(text, number_text):
        hi, exact, partial = math.inf, False, True
    return Range(lo, hi, exact, partial)


def _partial(text: str, number_text: str | None) -> bool:
    """Wording that makes the figure a part of a total, near the figure itself: in "212 died,
    including 40 children" the 40 is a part and the 212 is not."""
    k = text.find(number_text) if number_text else -1
    if k < 0:
        return bool(PARTIAL.search(text))
    before, after = text[max(0, k - NEAR):k], text[k + len(number_text or ""):k + len(number_text or "") + NEAR]
    return bool(INCLUDING.search(before) or PART_OF.search(after) or PARTIAL.search(before + " " + after))


def fmt_num(x: float | None) -> str:
    if x is None:
        return "?"
    if x == math.inf:
        return "∞"
    if abs(x - round(x)) < 1e-6:
        return f"{round(x):,}"
    return f"{x:,.1f}"


def describe(low: float | None, high: float | None, value: float | None, qualifier: str | None) -> str:
    """How a value reads to people: 'over 30,000', '2,800–3,800', 'some 5,000', '212'."""
    q = norm_qualifier(qualifier)
    if q in VAGUE:
        return q  # "thousands" is the claim; the 2,000 behind it is only our reading of it
    if q and value is not None:
        return f"{q} {fmt_num(value)}"  # "some 700", not the 630–770 we read it as
    if q in ("between", "from"):
        q = None  # "600–900" says it
    if low is not None and high is not None and low != high:
        core = f"{fmt_num(low)}–{fmt_num(high)}"
    elif low is not None:
        core = fmt_num(low)
    elif high is not None:
        core = fmt_num(high)
    else:
        core = fmt_num(value)
    if q and q not in core:
        return f"{q} {core}"
    if low is not None and high is None and not q:
        return f"at least {core}"
    return core


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
