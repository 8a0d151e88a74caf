"""What a qualified number commits to: the one tolerance and the bounds both extract and resolve
use (extract.numbers documents the conventions in full)."""

from __future__ import annotations

from .words.qualifiers import APPROX, EXACT, LOWER, NEAR_ABOVE, NEAR_BELOW, UPPER

TOLERANCE = 0.1  # "about 700" commits to 630-770


def norm_qualifier(qualifier: str | None) -> str | None:
    """Lower case, single spaces; None for no words."""
    if not qualifier:
        return None
    q = " ".join(qualifier.lower().split())
    return q or None


def tidy(x: float) -> float:
    """700 * 1.1 is 770.0000000000001 in binary floating point: keep bounds people can read."""
    return round(x, 6)


def bounds(qualifier: str | None, value: float) -> tuple[float | None, float | None, str]:
    """(low, high, bound) for one stated number with its qualifier; None is unbounded."""
    q = norm_qualifier(qualifier) or ""
    if not q or q in EXACT:
        return value, value, "exact"
    if q in LOWER:
        return value, None, "lower"
    if q in UPPER:
        return None, value, "upper"
    if q in NEAR_BELOW:
        return tidy(value * (1 - TOLERANCE)), value, "approx"
    if q in NEAR_ABOVE:
        return value, tidy(value * (1 + TOLERANCE)), "approx"
    if q in APPROX:
        return tidy(value * (1 - TOLERANCE)), tidy(value * (1 + TOLERANCE)), "approx"
    return value, value, "exact"
