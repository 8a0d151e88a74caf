"""Geometry for the inline SVG chart of a claim group, on a log scale (tolls of 12 and 2,000 must
both be readable): one row per claim by claimant (the web page) or per distinct value (the
report). The one chart builder: only numbers and texts leave here, and one template macro
(templates/chart.html) draws them for both, so nothing from a document is ever written into
markup unescaped."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..formatting import number
from ..words.qualifiers import LOWER, UPPER

WIDTH = 880
LEFT = 330  # room for "claimant · publisher"
RIGHT = 110  # room for the value's label
OPEN = 34  # length of the arrow drawn for "more than N" / "up to N"
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
    flagged: bool = False  # contradicted by another value
    faded: bool = False  # approximate wording


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


class LogScale:
    """Decades from below the smallest to above the largest number, onto [left, right]."""

    def __init__(self, nums: list[float], left: int, right: int) -> None:
        lo, hi = math.log10(min(nums)), math.log10(max(nums))
        self.lo = math.floor(lo)
        self.hi = math.ceil(hi) if hi > self.lo else self.lo + 1
        self.left, self.right = left, right

    def x(self, v: float) -> float:
        v = min(max(v, 10.0 ** self.lo), 10.0 ** self.hi)
        return round(self.left + (math.log10(v) - self.lo) / (self.hi - self.lo) * (self.right - self.left), 1)

    def ticks(self) -> list[tuple[float, str]]:
        out: list[tuple[float, str]] = []
        for p in range(self.lo, self.hi + 1):
            for m in (1, 2, 5) if self.hi - self.lo <= 3 else (1,):
                v = m * 10.0**p
                if 10.0**self.lo <= v <= 10.0**self.hi:
                    out.append((self.x(v), number(v)))
        return out


def _bound(qualifier: str | None) -> int:
    q = " ".join(str(qualifier or "").lower().split())
    return 1 if q in LOWER else -1 if q in UPPER else 0


def claim_chart(group: dict[str, Any], limit: int = 200) -> Chart | None:
    """The first `limit` chartable claims by claimant (a group in a large corpus may hold thousands)."""
    claims = [c for c in group.get("claims") or [] if _pos(c.get("low")) or _pos(c.get("high"))][:limit]
    if not claims:
        return None
    scale = LogScale([x for c in claims for x in (c.get("low"), c.get("high")) if _pos(x)], LEFT, WIDTH - RIGHT)
    rows: list[Row] = []
    ordered = sorted(claims, key=lambda c: (str(c.get("claimant") or ""), c.get("low") or c.get("high") or 0))
    for i, c in enumerate(ordered):
        low = c.get("low") if _pos(c.get("low")) else c.get("high")
        high = c.get("high") if _pos(c.get("high")) else low
        vi = c.get("value") if isinstance(c.get("value"), int) else value_index(group, c)
        value = number(low) if low == high else f"{number(low)}–{number(high)}"
        if c.get("qualifier"):
            value = f"{c['qualifier']} {value}"
        is_open = _bound(c.get("qualifier"))
        x1, x2 = scale.x(float(low)), scale.x(float(high))
        rows.append(Row(
            y=TOP + i * ROW, label=str(c.get("claimant") or "unattributed"), sub=str(c.get("publisher") or ""),
            x1=x1, x2=x2, value=value,
            colour=PALETTE[vi % len(PALETTE)] if isinstance(vi, int) else "#6b7280",
            href=claim_link(c),
            is_range=low != high, open=is_open if low == high else 0,
            label_x=x2 + (OPEN + 14 if is_open == 1 and low == high else 12),
        ))
    return Chart(WIDTH, TOP + len(rows) * ROW + 10, LEFT, WIDTH - RIGHT, scale.ticks(), rows)


def value_chart(group: dict[str, Any], colour_of: Callable[[dict[str, Any]], str]) -> Chart | None:
    """One row per distinct value, as read (ranges after tolerances; open above drawn as an
    arrow), coloured by `colour_of(value)`, contradicted values flagged."""
    values = [v for v in group.get("values") or [] if _pos(v["range"][0]) or _pos(v["range"][1])]
    if not values:
        return None
    scale = LogScale([x for v in values for x in v["range"] if _pos(x)], LEFT, WIDTH - RIGHT)
    contra = {c["a"] for c in group.get("contradictions") or []} | {c["b"] for c in group.get("contradictions") or []}
    rows: list[Row] = []
    for i, v in enumerate(group.get("values") or []):
        if v not in values:
            continue
        lo, hi = v["range"]
        low = lo if _pos(lo) else hi
        high = hi if _pos(hi) else low
        who = ", ".join(v["claimants"][:3]) + (f" +{len(v['claimants']) - 3}" if len(v["claimants"]) > 3 else "")
        x1, x2 = scale.x(float(low)), scale.x(float(high))
        is_open = 1 if hi is None else 0
        rows.append(Row(
            y=TOP + len(rows) * ROW, label=who, sub=f"{v['text']} · {v['independent_sources']} indep.", x1=x1, x2=x2,
            value=v["text"], colour=colour_of(v), href=None, is_range=low != high and not is_open, open=is_open,
            label_x=x2 + (OPEN + 14 if is_open else 12), flagged=i in contra, faded=bool(v.get("qualifier"))))
    return Chart(WIDTH, TOP + len(rows) * ROW + 10, LEFT, WIDTH - RIGHT, scale.ticks(), rows)


def claim_link(c: dict[str, Any]) -> str | None:
    """/documents/ID#c1: the anchor is the claim's id within its document."""
    doc = c.get("document_id")
    local = c.get("local_id") or (c.get("id") if isinstance(c.get("id"), str) else None)
    if doc is None:
        return None
    return f"/documents/{doc}#{local}" if local else f"/documents/{doc}"


def _pos(v: Any) -> bool:
    return isinstance(v, int | float) and v > 0
