"""The claim-landscape report: one self-contained HTML page (inline CSS and SVG, no external
assets, so it can be mailed to an editor or archived) and a Markdown twin, both from templates;
the chart is the web's (serve/chart.py)."""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from ..clock import now
from ..formatting import number
from ..resolve.groups import UNLABELLED
from .chart import value_chart

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


def spread(group: dict[str, Any]) -> list[tuple[str, str]]:
    """Per publisher label, the lowest and highest figure its outlets carry: '212', '600 – over 1,500'."""
    out = []
    for lab, s in sorted(group.get("labels", {}).items()):
        vals = [group["values"][i] for i in s["values"]]
        vals = [v for v in vals if v.get("stated") != [0, None]] or vals  # "several" bounds nothing
        lo = min(vals, key=lambda v: v["range"][0])
        hi = max(vals, key=lambda v: (v["range"][1] is None, v["range"][1] or 0))
        out.append((lab, lo["text"] if lo is hi else f"{lo['text']} – {hi['text']}"))
    return out


def _env(markdown: bool = False) -> Environment:
    env = Environment(loader=PackageLoader("claimgraph.serve", "templates"),
                      autoescape=False if markdown else select_autoescape(["html"]),
                      trim_blocks=markdown, lstrip_blocks=markdown, keep_trailing_newline=True)
    env.filters["num"] = lambda v: "" if v is None else number(v)
    env.filters["cell"] = lambda v: str(v).replace("|", "\\|").replace("\n", " ")  # a Markdown table cell
    return env


def render_html(data: dict[str, Any]) -> str:
    colours = label_colours(data["groups"])
    pub_labels = {p["publisher"]: p["labels"] for p in data["publishers"]}
    charts = {g["id"]: value_chart(g, lambda v: colours.get(value_label(v, pub_labels), UNLABELLED_COLOUR))
              for g in data["groups"]}
    spreads = {g["id"]: spread(g) for g in data["groups"]}
    n_contra = sum(1 for g in data["groups"] if g["contradiction"])
    return _env().get_template("resolve_report.html").render(
        **data, charts=charts, spreads=spreads, colours=colours, n_contra=n_contra,
        generated=now()[:16].replace("T", " ") + " UTC")


def markdown(data: dict[str, Any]) -> str:
    """The report as Markdown: the same groups, values and quotes, as tables and lists."""
    return _env(markdown=True).get_template("resolve_report.md").render(**data)
