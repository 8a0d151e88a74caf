"""Terminal output for people: tables and highlighted text, with rich."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..formatting import number
from ..language import language_name

console = Console()
# Messages on standard error are never wrapped: read by a program or a log (not a terminal, so
# 80 columns by default), one error is one line.
err_console = Console(stderr=True, soft_wrap=True)


def print_error(message: str) -> None:
    """One error line. The message is plain text, never markup: a file name may hold brackets."""
    err_console.print(Text.assemble(("error", "red"), ": ", message), highlight=False)

STYLES = {"quote": "green", "speaker": "bold cyan", "claim": "bold yellow", "entity": "underline", "cue": "magenta"}

Columns = list[tuple[str, str]]  # (key in the row, header)
DOCUMENTS: Columns = [("id", "id"), ("sha256", "sha256"), ("title", "title"), ("publisher", "publisher"),
                      ("published", "date"), ("language", "lang"), ("n_entities", "entities"), ("n_quotes", "quotes"),
                      ("n_claims", "claims")]
QUOTES: Columns = [("speaker_name", "speaker"), ("speaker_method", "found by"), ("kind", "kind"), ("cue", "cue"),
                   ("text", "quote"), ("medium", "medium"), ("document_id", "doc")]
ENTITIES: Columns = [("name", "name"), ("type", "type"), ("aliases", "aliases"), ("roles", "roles"),
                     ("n_mentions", "mentions"), ("document_id", "doc")]
CLAIMS: Columns = [("claimant_name", "claimant"), ("value_text", "value"), ("counted", "counted"), ("event", "event"),
                   ("time", "time"), ("place", "place"), ("document_id", "doc")]
ERRORS: Columns = [("input", "input"), ("reason", "reason"), ("stage", "stage"), ("count", "times"),
                   ("last_seen", "last seen")]
MERGES: Columns = [("id", "id"), ("name_a", "name"), ("name_b", "joined with"), ("score", "score"),
                   ("evidence", "evidence"), ("status", "status")]
CORRECTIONS: Columns = [("where", "document, item"), ("field", "field"), ("shown", "now"), ("by", "by"),
                        ("at", "at"), ("note", "note"), ("found", "finds it")]
PUBLISHERS: Columns = [("publisher", "publisher"), ("labels", "labels"), ("n_documents", "documents")]


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
        return number(v)
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


def document(doc: dict[str, Any]) -> None:
    """One document: where it was found, its flags, its text highlighted."""
    console.print(f"[bold]{doc['title'] or '(untitled)'}[/bold]", highlight=False)
    console.print(f"sha256 {doc['sha256']}  publisher {doc['publisher'] or '-'}  published {doc['published'] or '-'}",
                  highlight=False)
    for loc in doc["locations"]:
        console.print(f"  found at {loc['uri']} ({loc['kind']}, {loc['captured_at']})", highlight=False)
    for f in doc["flags"]:
        console.print(f"  [yellow]flag[/yellow] {f['kind']} {f['span']} {f.get('detail') or ''}", highlight=False)
    for line in reading(doc["extraction"]):
        console.print(f"  {line}", highlight=False, markup=False)
    console.print(legend())
    console.print(highlighted(doc["text"], doc["extraction"]))


def summary(data: dict[str, Any]) -> None:
    """What an ingest stored and found (serve.overview.summary)."""
    stats = data["stats"]
    console.print(table([stats], [(k, k) for k in stats], title="stored"))
    console.print(table(data["documents"], [("id", "id"), ("title", "title"), ("publisher", "publisher"),
                                            ("published", "date"), ("n_quotes", "quotes"), ("n_claims", "claims")],
                        title="documents"))
    console.print(table(data["speakers"], [("speaker", "speaker"), ("quotes", "quotes")], title="speakers"))
    console.print(table(data["quotes"], [("speaker_name", "speaker"), ("kind", "kind"), ("text", "quote"),
                                         ("document_id", "doc")], title="quotes (first 12)"))
    console.print(table(data["claims"], [("claimant_name", "claimant"), ("value_text", "value"), ("counted", "counted"),
                                         ("event", "event"), ("time", "time"), ("document_id", "doc")],
                        title="numeric claims (first 15)"))


def search(hits: dict[str, list[dict[str, Any]]], query: str) -> None:
    console.print(table(hits["documents"], [("id", "id"), ("title", "title"), ("snippet", "match")],
                        title=f"documents matching {query!r}"))
    console.print(table(hits["quotes"], [("speaker_name", "speaker"), ("text", "quote"), ("document_id", "doc")],
                        title="quotes"))
    console.print(table(hits["claims"], [("claimant_name", "claimant"), ("text", "claim"), ("document_id", "doc")],
                        title="claims"))


def groups(groups: Sequence[Any]) -> None:
    """Claim groups, one table of values each, contradictions under it."""
    if not groups:
        console.print("no claim groups (ingest documents, then run `claimgraph resolve`)")
        return
    for g in groups:
        flag = " [bold red]CONTRADICTION[/bold red]" if g["contradiction"] else ""
        t = Table(title=f"#{g['id']} {g['label']} — {g['independent_sources']} independent source(s), "
                        f"{len(g['claims'])} claim(s){flag}", title_justify="left", header_style="bold")
        for col in ("value", "claimants", "publishers", "indep.", "labels"):
            t.add_column(col, overflow="fold")
        for v in g["values"]:
            labs = ", ".join(f"{k}: {n}" for k, n in v["labels"].items())
            t.add_row(v["text"], ", ".join(v["claimants"]), ", ".join(p for p in v["publishers"] if p),
                      str(v["independent_sources"]), labs)
        console.print(t)
        for c in g["contradictions"]:
            console.print(f"  [red]✗[/red] {c['why']}", highlight=False)
    if sys.stdout.isatty():
        console.print("[dim]--format json for the full groups[/dim]")
