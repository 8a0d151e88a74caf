"""How numbers and claimed values read to people: the one formatter the CLI, the web pages, the
report and resolve's value texts share."""

from __future__ import annotations

import math

from .quantities import norm_qualifier
from .words.qualifiers import RANGE, VAGUE


def number(x: float | None) -> str:
    """12,345; 2.5; 0.25 (at most two decimals); '?' for no number, '∞' for no upper bound."""
    if x is None:
        return "?"
    if x == math.inf:
        return "∞"
    if abs(x - round(x)) < 1e-6:
        return f"{round(x):,}"
    return f"{x:,.2f}".rstrip("0").rstrip(".")


def tick(x: float) -> str:
    """A chart axis label: 5k for 5,000, 300 for 300, 0.5 for 0.5."""
    if x >= 1000 and x % 1000 == 0:
        return f"{int(x) // 1000:,}k"
    return f"{x:,.0f}" if x >= 1 else f"{x:g}"


def value_text(low: float | None, high: float | None, value: float | None, qualifier: str | None,
               bound: str | None = None, words: str | None = None) -> str:
    """How a value reads to people, in the claim's own words: 'over 30,000', '2,800–3,800',
    'some 5,000', 'several thousand', 'three', '212'. `bound` and `words` (Claim.bound,
    Claim.number_text) let a figure in words read as it was written, never as the figure we read
    it as."""
    q = norm_qualifier(qualifier)
    if words and words.strip() and (bound == "vague" or not any(ch.isdigit() for ch in words)):
        # "several thousand", "well over half", "a month and a half": a figure in words reads as
        # written (as a number, "well over half" would read "well over 50" and lose what it is of)
        said = " ".join(words.lower().split())
        return said if not q or q in said else f"{q} {said}"
    if q in VAGUE:
        return q or ""  # "thousands" is the claim; the 2,000 behind it is only our reading of it
    if q and value is not None:
        return f"{q} {number(value)}"  # "some 700", not the 630–770 we read it as
    if q in RANGE:
        q = None  # "600–900" says it
    if low is not None and high is not None and low != high:
        core = f"{number(low)}–{number(high)}"
    elif low is not None:
        core = number(low)
    elif high is not None:
        core = number(high)
    else:
        core = number(value)
    if q and q not in core:
        return f"{q} {core}"
    if low is not None and high is None and not q:
        return f"at least {core}"
    return core


def reading_text(lo: float | None, hi: float | None) -> str:
    """Our reading of a value as a range, worded as one: '27,000–33,000', 'at least 2,000', 'at most
    1,000'. Shown beside the claim's own words, marked as a reading, never instead of them."""
    if hi is None or hi == math.inf:
        return f"at least {number(lo or 0)}"
    if not lo:
        return f"at most {number(hi)}"
    return number(lo) if lo == hi else f"{number(lo)}–{number(hi)}"


def correction_text(v: object) -> str:
    """What a correction's 'was' or 'now' reads as: a name, a value in its words, a group decision."""
    if not isinstance(v, dict):
        return "unset" if v is None else str(v)
    if "name" in v:
        return str(v["name"] or "nobody")
    if v.get("apart"):
        return "apart from every group"
    if "with" in v:
        return f"with group {v['group']}" if v.get("group") else "with another claim's group"
    if "bound" in v:
        return value_text(v.get("low"), v.get("high"), v.get("value"), v.get("qualifier"), v.get("bound"),
                          v.get("number_text"))
    return "unset"
