"""Terminal output for people: tables and highlighted text, with rich."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

console = Console()
# Messages on standard error are never wrapped: read by a program or a log (not a terminal, so
# 80 columns by default), one error is one line.
err_console = Console(stderr=True, soft_wrap=True)

STYLES = {"quote": "green", "speaker": "bold cyan", "claim": "bold yellow", "entity": "underline", "cue": "magenta"}


def print_error(message: str) -> None:
    """One error line. The message is plain text, never markup: a file name may hold brackets."""
    err_console.print(Text.assemble(("error", "red"), ": ", message), highlight=False)


def table(rows: Iterable[dict[str, Any]], columns: Sequence[tuple[str, str]], title: str | None = None) -> Table:
    t = Table(title=title, show_lines=False, header_style="bold")
    for _, header in columns:
        t.add_column(header, overflow="fold")
    for r in rows:
        t.add_row(*[_cell(r.get(k)) for k, _ in columns])
    return t


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:,.0f}" if v.is_integer() else f"{v:,}"
    if isinstance(v, list):
        return ", ".join(map(str, v))
    s = str(v)
    return s if len(s) <= 160 else s[:157] + "…"


def highlighted(text: str, extraction: dict[str, Any]) -> Text:
    """The document's text with entities underlined, quotes green, speakers cyan, numbers yellow."""
    out = Text(text)
    for e in extraction.get("entities", []):
        for a, b in e.get("mentions", []):
            out.stylize(STYLES["entity"], a, b)
    for q in extraction.get("quotes", []):
        a, b = q["span"]
        out.stylize(STYLES["quote"], a, b)
        if q.get("cue_span"):
            out.stylize(STYLES["cue"], *q["cue_span"])
        sp = q.get("speaker") or {}
        if sp.get("span"):
            out.stylize(STYLES["speaker"], *sp["span"])
    for c in extraction.get("claims", []):
        if c.get("number_span"):
            out.stylize(STYLES["claim"], *c["number_span"])
    return out


def reading(extraction: dict[str, Any]) -> list[str]:
    """How a document was read: its languages, each analysis run or skipped (and why), OCR."""
    from ..language import language_name

    spans = extraction.get("languages") or []
    langs = list(dict.fromkeys(s["language"] for s in spans))
    lines = []
    if langs:
        where = "" if len(spans) < 2 else " (by paragraph: " + ", ".join(
            f"{s['language']} {s['span'][0]}-{s['span'][1]}" for s in spans) + ")"
        lines.append(f"language {', '.join(language_name(x) for x in langs)}{where}")
    ocr = extraction.get("ocr")
    if ocr:
        lines.append(f"text read by OCR: {ocr['engine']} {ocr['version']}, languages {'+'.join(ocr['languages'])}, "
                     f"{len(ocr['pages'])} page(s), mean word confidence {ocr['confidence']}")
    for a in extraction.get("analyses") or []:
        how = a.get("tool") if a["status"] == "ran" else a.get("reason")
        lines.append(f"{a['status']:7} {a['name']} ({a['language']}){': ' + how if how else ''}")
    return lines


def legend() -> Text:
    t = Text("legend: ")
    for name, style in STYLES.items():
        t.append(name, style=style)
        t.append("  ")
    return t
