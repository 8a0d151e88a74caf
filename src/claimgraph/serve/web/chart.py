"""Geometry for the inline SVG chart of a claim group: each claim's value by claimant, on a log
scale (tolls of 12 and 2,000 must both be readable). Only numbers leave here; the template
draws them, so nothing from a document is ever written into markup unescaped."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from ...formatting import number

WIDTH = 880
LEFT = 330  # room for "claimant · publisher"
RIGHT = 110  # room for the value's label
OPEN = 34  # length of the arrow drawn for "more than N" / "up to N"
LOWER_BOUNDS = {"more than", "over", "at least", "above", "upwards of", "in excess of", "exceeding", "more"}
UPPER_BOUNDS = {"up to", "at most", "under", "less than", "fewer than", "below", "no more than"}
ROW = 28
TOP = 34
PALETTE = ["#2563eb", "#dc2626", "#059669", "#d97706", "#7c3aed", "#db2777", "#0891b2", "#4b5563"]


@dataclass
class Row:
    y: int
    label: str
    sub: str
    x1: float
    x2: float
    value: str
    colour: str
    href: str | None
    is_range: bool
    open: int = 0  # +1: the value is a lower bound (arrow right); -1: an upper bound (arrow left)
    label_x: float = 0.0


@dataclass
class Chart:
    width: int
    height: int
    plot_left: int
    plot_right: int
    ticks: list[tuple[float, str]] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)


def value_index(group: dict[str, Any], claim: dict[str, Any]) -> int | None:
    for i, v in enumerate(group.get("values") or []):
        if v.get("low") == claim.get("low") and v.get("high") == claim.get("high"):
            return i
    return None


def claim_chart(group: dict[str, Any], limit: int = 200) -> Chart | None:
    """The first `limit` chartable claims (a group in a large corpus may hold thousands)."""
    claims = [c for c in group.get("claims") or [] if _pos(c.get("low")) or _pos(c.get("high"))][:limit]
    if not claims:
        return None
    nums = [x for c in claims for x in (c.get("low"), c.get("high")) if _pos(x)]
    lo, hi = math.log10(min(nums)), math.log10(max(nums))
    lo, hi = math.floor(lo), math.ceil(hi) if hi > math.floor(lo) else math.floor(lo) + 1
    if hi - lo < 1:
        hi = lo + 1
    plot_l, plot_r = LEFT, WIDTH - RIGHT

    def x(v: float) -> float:
        return round(plot_l + (math.log10(v) - lo) / (hi - lo) * (plot_r - plot_l), 1)

    ticks: list[tuple[float, str]] = []
    for p in range(lo, hi + 1):
        for m in (1, 2, 5) if hi - lo <= 3 else (1,):
            v = m * 10.0**p
            if 10.0**lo <= v <= 10.0**hi:
                ticks.append((x(v), number(v)))
    rows: list[Row] = []
    ordered = sorted(claims, key=lambda c: (str(c.get("claimant") or ""), c.get("low") or c.get("high") or 0))
    for i, c in enumerate(ordered):
        low = c.get("low") if _pos(c.get("low")) else c.get("high")
        high = c.get("high") if _pos(c.get("high")) else low
        vi = c.get("value") if isinstance(c.get("value"), int) else value_index(group, c)
        value = number(low) if low == high else f"{number(low)}–{number(high)}"
        if c.get("qualifier"):
            value = f"{c['qualifier']} {value}"
        qualifier = str(c.get("qualifier") or "").lower()
        is_open = 1 if qualifier in LOWER_BOUNDS else -1 if qualifier in UPPER_BOUNDS else 0
        x1, x2 = x(float(low)), x(float(high))
        rows.append(Row(
            y=TOP + i * ROW, label=str(c.get("claimant") or "unattributed"), sub=str(c.get("publisher") or ""),
            x1=x1, x2=x2, value=value,
            colour=PALETTE[vi % len(PALETTE)] if isinstance(vi, int) else "#6b7280",
            href=claim_link(c),
            is_range=low != high, open=is_open if low == high else 0,
            label_x=x2 + (OPEN + 14 if is_open == 1 and low == high else 12),
        ))
    return Chart(WIDTH, TOP + len(rows) * ROW + 10, plot_l, plot_r, ticks, rows)


def claim_link(c: dict[str, Any]) -> str | None:
    """/documents/ID#c1: the anchor is the claim's id within its document."""
    doc = c.get("document_id")
    local = c.get("local_id") or (c.get("id") if isinstance(c.get("id"), str) else None)
    if doc is None:
        return None
    return f"/documents/{doc}#{local}" if local else f"/documents/{doc}"


def _pos(v: Any) -> bool:
    return isinstance(v, int | float) and v > 0
