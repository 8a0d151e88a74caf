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


# -- a timeline of items by publication date ------------------------------------------------------

T_LEFT, T_RIGHT, T_TOP, T_HEIGHT = 44, 16, 16, 150  # the plot's margins and height
BAR_MAX = 48
GREY = "#9ca3af"


@dataclass
class Bar:
    x: float
    y: float
    w: float
    h: float
    colour: str
    title: str
    href: str | None = None


@dataclass
class Timeline:
    width: int
    height: int
    bars: list[Bar]
    x_labels: list[tuple[float, str]]
    y_ticks: list[tuple[float, str]]
    legend: list[tuple[float, float, str, str, int]]  # (x, y, series, colour, count)
    undated: int  # items without a date, not drawn

    @property
    def y_labels(self) -> int:
        return T_TOP + T_HEIGHT + 14


def _period(published: str | None, by_year: bool) -> str | None:
    p = str(published or "")
    if len(p) >= 4 and p[:4].isdigit():
        return p[:4] if by_year or len(p) < 7 or not p[5:7].isdigit() else p[:7]
    return None


def _periods(first: str, last: str, by_year: bool) -> list[str]:
    y0, y1 = int(first[:4]), int(last[:4])
    if by_year:
        return [str(y) for y in range(y0, y1 + 1)]
    out, y, m = [], y0, int(first[5:7])
    while (y, m) <= (y1, int(last[5:7])):
        out.append(f"{y}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _shift(period: str, by: int, by_year: bool) -> str:
    if by_year:
        return str(int(period) + by)
    y, m = int(period[:4]), int(period[5:7]) + by
    y, m = (y - 1, 12) if m == 0 else (y + 1, 1) if m == 13 else (y, m)
    return f"{y}-{m:02d}"


def timeline(items: list[tuple[str | None, str]], series: list[str], colours: dict[str, str] | None = None,
             width: int = WIDTH, href: Callable[[str], str | None] | None = None) -> Timeline | None:
    """Stacked bars of (published date, series) items per month (per year past three years)."""
    colours = colours or {s: PALETTE[i % len(PALETTE)] for i, s in enumerate(series)}
    dated = [(p, s) for p, s in items if _period(p, True)]
    if not dated:
        return None
    years = sorted(_period(p, True) or "" for p, _ in dated)
    by_year = int(years[-1]) - int(years[0]) >= 3 or not any(len(str(p)) >= 7 for p, _ in dated)
    counts: dict[str, dict[str, int]] = {}
    for p, s in dated:
        key = _period(p, by_year) or ""
        if not by_year and len(key) == 4:
            key += "-01"  # a year alone, among months: its first month
        counts.setdefault(key, {}).setdefault(s, 0)
        counts[key][s] += 1
    periods = _periods(min(counts), max(counts), by_year)
    if len(periods) < 3:  # a period or two alone: shown among their neighbours
        periods = _periods(_shift(periods[0], -1, by_year), _shift(periods[-1], 1, by_year), by_year)
    top = max(sum(c.values()) for c in counts.values())
    slot = (width - T_LEFT - T_RIGHT) / len(periods)
    bars: list[Bar] = []
    for i, key in enumerate(periods):
        y = float(T_TOP + T_HEIGHT)
        for s in series:
            n = counts.get(key, {}).get(s, 0)
            if n:
                h = round(n / top * T_HEIGHT, 1)
                y -= h
                w = max(min(slot * 0.8, BAR_MAX), 1)
                bars.append(Bar(round(T_LEFT + (i + 0.5) * slot - w / 2, 1), round(y, 1), round(w, 1), h,
                                colours.get(s, GREY), f"{key}: {n} {s}", href(key) if href else None))
    step = max(1, len(periods) // 12)
    labels = [(round(T_LEFT + (i + 0.5) * slot, 1), key) for i, key in enumerate(periods) if i % step == 0]
    ticks = [(round(T_TOP + T_HEIGHT - v / top * T_HEIGHT, 1), number(v)) for v in sorted({0, top // 2, top}) if
             v or top == 0]
    totals = {s: sum(c.get(s, 0) for c in counts.values()) for s in series}
    shown = [s for s in series if totals[s]]
    per_row = 3
    base = T_TOP + T_HEIGHT + 30
    legend = [(T_LEFT + (i % per_row) * (width - T_LEFT) / per_row, float(base + (i // per_row) * 16), s, colours.get(s, GREY),
               totals[s]) for i, s in enumerate(shown)]
    height = base + ((len(shown) + per_row - 1) // per_row) * 16
    return Timeline(width, height, bars, labels, ticks, legend, len(items) - len(dated))


# -- who said what about whom: speakers and the entities their quotes mention ---------------------

G_ROW, G_TOP = 26, 30


@dataclass
class Node:
    name: str
    x: float
    y: float
    weight: int
    href: str | None = None
    anchor: str = "end"  # text anchor: speakers' names left of their dot, the mentioned right


@dataclass
class Edge:
    path: str
    width: float
    title: str
    href: str | None = None


@dataclass
class Graph:
    width: int
    height: int
    speakers: list[Node]
    mentioned: list[Node]
    edges: list[Edge]
    left: float
    right: float


def speech_graph(edges: list[dict[str, Any]], limit: int = 14, width: int = WIDTH,
                 href: Callable[[str], str | None] | None = None,
                 edge_href: Callable[[str, str], str | None] | None = None) -> Graph | None:
    """Speakers on the left, the entities their quotes mention on the right, one curve per pair
    weighted by its number of quotes (`edges`: {speaker, about, n}); the heaviest `limit` of each."""
    def top(key: str) -> list[tuple[str, int]]:
        w: dict[str, int] = {}
        for e in edges:
            w[e[key]] = w.get(e[key], 0) + int(e["n"])
        return sorted(w.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]

    speakers, mentioned = top("speaker"), top("about")
    if not speakers:
        return None
    left, right = round(width * 0.32), round(width * 0.68)
    ys = {("s", name): G_TOP + i * G_ROW for i, (name, _) in enumerate(speakers)}
    ys.update({("m", name): G_TOP + i * G_ROW for i, (name, _) in enumerate(mentioned)})
    heaviest = max(int(e["n"]) for e in edges)
    out: list[Edge] = []
    for e in sorted(edges, key=lambda e: int(e["n"])):
        a, b = ys.get(("s", e["speaker"])), ys.get(("m", e["about"]))
        if a is None or b is None:
            continue
        mid = (left + right) / 2
        out.append(Edge(f"M{left + 6},{a} C{mid},{a} {mid},{b} {right - 6},{b}",
                        round(1 + 5 * math.log1p(int(e["n"])) / math.log1p(heaviest), 1),
                        f"{e['speaker']} → {e['about']}: {e['n']} quote{'s' if int(e['n']) != 1 else ''}",
                        edge_href(e["speaker"], e["about"]) if edge_href else None))
    nodes_s = [Node(n, left, ys[("s", n)], w, href(n) if href else None, "end") for n, w in speakers]
    nodes_m = [Node(n, right, ys[("m", n)], w, href(n) if href else None, "start") for n, w in mentioned]
    return Graph(width, G_TOP + max(len(speakers), len(mentioned)) * G_ROW, nodes_s, nodes_m, out, left, right)
