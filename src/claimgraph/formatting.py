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


def value_text(low: float | None, high: float | None, value: float | None, qualifier: str | None) -> str:
    """How a value reads to people: 'over 30,000', '2,800–3,800', 'some 5,000', '212'."""
    q = norm_qualifier(qualifier)
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
