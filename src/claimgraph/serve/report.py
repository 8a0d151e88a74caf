"""The claim-landscape report: one self-contained HTML page (inline CSS and SVG, no external
assets, so it can be mailed to an editor or archived) and a Markdown twin."""

from __future__ import annotations

import math
from datetime import UTC, datetime
from html import escape
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from ..formatting import number, tick
from ..resolve.groups import UNLABELLED

# Colour-blind-safe palette (Okabe–Ito); labels get colours in sorted order, so a label keeps
# its colour across the groups of one report.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"]
UNLABELLED_COLOUR = "#8a8f98"


def label_colours(groups: list[dict[str, Any]]) -> dict[str, str]:
    labs = sorted({lab for g in groups for v in g["values"] for lab in v["labels"] if lab != UNLABELLED})
    out = {lab: PALETTE[i % len(PALETTE)] for i, lab in enumerate(labs)}
    out[UNLABELLED] = UNLABELLED_COLOUR
    out["mixed"] = "#4b5563"
    return out


def value_label(v: dict[str, Any], pub_labels: dict[str, list[str]]) -> str:
    """The label a value is drawn in: the claimant's own, when the claimant is a labelled
    publisher; else the one label every publisher carrying it shares; else none ("mixed")."""
    for c in v["claimants"]:
        if pub_labels.get(c):
            return pub_labels[c][0]
    labs = {lab for lab in v["labels"]}
    return next(iter(labs)) if len(labs) == 1 else "mixed"


def range_chart(group: dict[str, Any], colours: dict[str, str], pub_labels: dict[str, list[str]],
                width: int = 940) -> Markup:
    """Claimed ranges, one row per distinct value, on a log scale: points for exact figures,
    bars for ranges, an arrow for 'over N', red rows where a value contradicts another."""
    vals = group["values"]
    if not vals:
        return Markup("")
    left, right, row_h, top = 250, 30, 30, 34
    lows = [max(v["range"][0], 1e-9) for v in vals if v["range"][0] > 0]
    highs = [v["range"][1] for v in vals if v["range"][1] is not None]
    lo = min(lows + highs, default=1.0)
    hi = max(highs + lows, default=10.0)
    lo_d = 10 ** math.floor(math.log10(max(lo, 1e-9)))
    hi_d = 10 ** math.ceil(math.log10(max(hi * 1.5, lo_d * 10)))
    span = math.log10(hi_d) - math.log10(lo_d)
    plot_w = width - left - right

    def x(v: float) -> float:
        v = min(max(v, lo_d), hi_d)
        return left + plot_w * (math.log10(v) - math.log10(lo_d)) / span

    contra = {c["a"] for c in group["contradictions"]} | {c["b"] for c in group["contradictions"]}
    height = top + row_h * len(vals) + 30
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" role="img" aria-label="claimed values on a log scale">']
    for i in range(1, len(vals), 2):  # zebra rows first, so the grid stays visible over them
        parts.append(f'<rect x="0" y="{top + i * row_h}" width="{width}" height="{row_h}" fill="#f7f8fa"/>')
    # decades and the 2/5 ticks between them
    d = lo_d
    while d <= hi_d * 1.0001:
        for m in (1, 2, 5):
            t = d * m
            if t > hi_d * 1.0001:
                break
            major = m == 1
            parts.append(f'<line x1="{x(t):.1f}" y1="{top - 6}" x2="{x(t):.1f}" y2="{height - 24}" '
                         f'stroke="{"#d0d4da" if major else "#eceef1"}" stroke-width="1"/>')
            parts.append(f'<text x="{x(t):.1f}" y="{height - 8}" font-size="11" text-anchor="middle" '
                         f'fill="#5b616b">{tick(t)}</text>')
        d *= 10
    parts.append(f'<text x="{left}" y="14" font-size="11" fill="#5b616b">log scale</text>')
    for i, v in enumerate(vals):
        y = top + i * row_h + row_h / 2
        if i in contra:
            parts.append(f'<text x="8" y="{y + 4}" font-size="13" font-weight="700" fill="#b42318">✗</text>')
        colour = colours.get(value_label(v, pub_labels), UNLABELLED_COLOUR)
        who = ", ".join(v["claimants"][:3]) + (f" +{len(v['claimants']) - 3}" if len(v["claimants"]) > 3 else "")
        who = who if len(who) <= 34 else who[:33] + "…"
        parts.append(f'<text x="{left - 10}" y="{y - 2}" font-size="12" text-anchor="end" fill="#1f2328">'
                     f'{escape(who)}</text>')
        parts.append(f'<text x="{left - 10}" y="{y + 11}" font-size="10.5" text-anchor="end" fill="#5b616b">'
                     f'{escape(v["text"])} · {v["independent_sources"]} indep.</text>')
        r_lo = max(v["range"][0], lo_d)
        r_hi = v["range"][1]
        title = f'<title>{escape(v["text"])} — {escape(", ".join(v["claimants"]))}</title>'
        if r_hi is None:
            x0 = x(r_lo)
            x1 = left + plot_w
            parts.append(f'<g>{title}<line x1="{x0:.1f}" y1="{y}" x2="{x1 - 8:.1f}" y2="{y}" stroke="{colour}" '
                         f'stroke-width="7" stroke-linecap="round" opacity="0.55"/>'
                         f'<path d="M{x1 - 10:.1f},{y - 7} L{x1:.1f},{y} L{x1 - 10:.1f},{y + 7} Z" fill="{colour}"/>'
                         f'<circle cx="{x0:.1f}" cy="{y}" r="5" fill="{colour}"/></g>')
        elif v["exact"] or abs(x(r_hi) - x(r_lo)) < 3:
            parts.append(f'<g>{title}<circle cx="{x(r_lo):.1f}" cy="{y}" r="6" fill="{colour}" stroke="#fff" '
                         f'stroke-width="1.5"/></g>')
        else:
            parts.append(f'<g>{title}<rect x="{x(r_lo):.1f}" y="{y - 5}" width="{max(x(r_hi) - x(r_lo), 3):.1f}" '
                         f'height="10" rx="5" fill="{colour}" opacity="{0.5 if v["qualifier"] else 0.85}"/></g>')
    parts.append("</svg>")
    return Markup("".join(parts))


def spread(group: dict[str, Any]) -> list[tuple[str, str]]:
    """Per publisher label, the lowest and highest figure its outlets carry: '212', '600 – over 1,500'."""
    out = []
    for lab, s in sorted(group.get("labels", {}).items()):
        vals = [group["values"][i] for i in s["values"]]
        lo = min(vals, key=lambda v: v["range"][0])
        hi = max(vals, key=lambda v: (v["range"][1] is None, v["range"][1] or 0))
        out.append((lab, lo["text"] if lo is hi else f"{lo['text']} – {hi['text']}"))
    return out


def _env() -> Environment:
    env = Environment(loader=PackageLoader("claimgraph.serve", "templates"), autoescape=select_autoescape(["html"]))
    env.filters["num"] = lambda v: "" if v is None else number(v)
    return env


def render_html(data: dict[str, Any]) -> str:
    colours = label_colours(data["groups"])
    pub_labels = {p["publisher"]: p["labels"] for p in data["publishers"]}
    charts = {g["id"]: range_chart(g, colours, pub_labels) for g in data["groups"]}
    spreads = {g["id"]: spread(g) for g in data["groups"]}
    n_contra = sum(1 for g in data["groups"] if g["contradiction"])
    return _env().get_template("resolve_report.html").render(
        **data, charts=charts, spreads=spreads, colours=colours, n_contra=n_contra,
        generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"))


def markdown(data: dict[str, Any]) -> str:
    out = [f"# {data.get('title', 'Claim landscape')}", ""]
    s = data["stats"]
    out.append(f"{s['documents']} documents, {s['claims']} numeric claims, {len(data['groups'])} claim groups.")
    out.append("")
    for g in data["groups"]:
        flag = " — **contradiction**" if g["contradiction"] else ""
        out += [f"## {g['label']}{flag}", "",
                f"{len(g['claims'])} claims in {g['n_documents']} documents, "
                f"{g['independent_sources']} independent sources.", "",
                "| value | claimants | publishers | independent | labels |", "|---|---|---|---|---|"]
        for v in g["values"]:
            labs = ", ".join(f"{k} {n}" for k, n in v["labels"].items())
            out.append(f"| {v['text']} | {', '.join(v['claimants'])} | {', '.join(p for p in v['publishers'] if p)} "
                       f"| {v['independent_sources']} | {labs} |")
        if g["contradictions"]:
            out += ["", "Contradictions:", ""]
            out += [f"- {c['why']}" for c in g["contradictions"]]
        out.append("")
    if data["speakers"]:
        out += ["## Who said what", ""]
        for e in data["speakers"]:
            out.append(f"### {e['name']}")
            out += [f"- “{q['text']}” — *{'; '.join(q['where'])}*" for q in e["quotes"][:8]]
            out.append("")
    return "\n".join(out)
