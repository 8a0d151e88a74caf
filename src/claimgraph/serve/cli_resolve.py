"""CLI commands of the resolve stage (cross-document entities, claim groups, report, labels)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

Add = Callable[..., argparse.ArgumentParser]


def _existing(db: str) -> Any:
    """A database that must already exist (reading commands never create one), opened writable
    so that a resolution computed on first use is kept."""
    from pathlib import Path

    from ..errors import StoreError
    from ..store import Store

    if not Path(db).exists():
        raise StoreError(f"{db}: no such database (ingest something first)")
    return Store(db)


def register(add: Add) -> None:
    """Add this stage's subcommands; `add(name, fn, help, db=True, fmt=(...))` as in cli.build_parser."""
    sp = add("resolve", cmd_resolve, "recompute entities and claim groups across documents (keeps judgements)",
             fmt=("table", "json"))
    sp = add("merges", cmd_merges, "entity merges across documents, with score and evidence (weakest first)")
    sp.add_argument("--status", choices=("auto", "confirmed", "rejected"))
    sp.add_argument("--limit", type=int, default=200)
    sp.add_argument("--offset", type=int, default=0)

    sp = add("judge", cmd_judge, "confirm or reject (split) a merge; kept across reprocess", fmt=())
    sp.add_argument("merge_id", type=int, metavar="MERGE_ID")
    sp.add_argument("decision", choices=("confirm", "reject", "split"))
    sp.add_argument("--note")

    sp = add("publishers", cmd_publishers, "publishers with their labels and document counts")
    sp.add_argument("--labels-file", metavar="FILE", help="load labels first (CSV publisher,label or YAML)")

    sp = add("label", cmd_label, "give a publisher a label (state media, opposition, rights group, wire ...)", fmt=())
    sp.add_argument("publisher", nargs="?")
    sp.add_argument("label", nargs="?")
    sp.add_argument("--remove", action="store_true", help="take the label away")
    sp.add_argument("--labels-file", metavar="FILE", help="CSV (publisher,label) or YAML (publisher: [labels])")

    sp = add("report", cmd_report, "a self-contained HTML (and/or Markdown) report of the claim landscape", fmt=())
    sp.add_argument("--out", default="report.html", help="HTML file to write (default report.html)")
    sp.add_argument("--markdown", metavar="FILE", help="also write Markdown here")
    sp.add_argument("--min-claims", type=int, default=2, help="groups with fewer claims are only listed (default 2)")
    sp.add_argument("--title", default="Claim landscape")


def cmd_resolve(args: argparse.Namespace) -> int:
    from .. import resolve
    from ..store import Store
    from .cli import _emit
    from .terminal import console

    with Store(args.db) as store:
        stats = resolve.resolve_all(store)
    if args.format == "json":
        _emit(stats, "json")
    else:
        console.print(f"{stats['entities']} entities ({stats['merges']} merges), {stats['groups']} claim groups "
                      f"({stats['groups_with_several_claims']} with several claims, {stats['contradictions']} with "
                      f"contradictions) from {stats['claims']} claims in {stats['documents']} documents, "
                      f"{stats['seconds']:.2f}s", highlight=False)
    return 0


def cmd_merges(args: argparse.Namespace) -> int:
    from .. import resolve
    from . import terminal
    from .cli import _emit

    with _existing(args.db) as store:
        rows = resolve.merges(store, status=args.status, limit=args.limit, offset=args.offset)
    if args.format != "table":
        _emit(rows, args.format)
    else:
        terminal.console.print(terminal.table(rows, [("id", "id"), ("name_a", "name"), ("name_b", "joined with"),
                               ("score", "score"), ("evidence", "evidence"), ("status", "status")],
                               title="merges (weakest first) — judge with: claimgraph judge ID confirm|reject"))
    return 0


def cmd_judge(args: argparse.Namespace) -> int:
    from .. import resolve
    from ..store import Store
    from .terminal import console

    with Store(args.db) as store:
        row = resolve.judge(store, args.merge_id, args.decision, args.note)
    if row:
        verb = "kept together" if args.decision == "confirm" else "kept apart"
        console.print(f"{row[0]} and {row[1]}: {verb} (kept across reprocess)",
                      highlight=False)
    return 0


def cmd_publishers(args: argparse.Namespace) -> int:
    from .. import resolve
    from ..store import Store
    from . import terminal
    from .cli import _emit

    with Store(args.db) as store:
        if args.labels_file:
            resolve.load_labels(store, args.labels_file)
        rows = resolve.publishers(store)
    if args.format != "table":
        _emit(rows, args.format)
    else:
        terminal.console.print(terminal.table(rows, [("publisher", "publisher"), ("labels", "labels"),
                                                     ("n_documents", "documents")], title="publishers"))
    return 0


def cmd_label(args: argparse.Namespace) -> int:
    from .. import resolve
    from ..store import Store
    from .terminal import console, err_console

    with Store(args.db) as store:
        if args.labels_file:
            n = resolve.load_labels(store, args.labels_file)
            console.print(f"{n} labels loaded from {args.labels_file}", highlight=False)
        if args.publisher and args.label:
            resolve.label_publisher(store, args.publisher, args.label, remove=args.remove)
            console.print(f"{args.publisher}: {'removed' if args.remove else 'labelled'} {args.label!r}", highlight=False)
        elif not args.labels_file:
            err_console.print("give PUBLISHER LABEL, or --labels-file FILE")
            return 2
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from .. import resolve
    from .report import markdown, render_html
    from .terminal import console

    with _existing(args.db) as store:
        data = report_data(store, resolve, args.min_claims)
    data["title"] = args.title
    with open(args.out, "w", encoding="utf-8") as fh:
        fh.write(render_html(data))
    console.print(f"wrote {args.out}", highlight=False)
    if args.markdown:
        with open(args.markdown, "w", encoding="utf-8") as fh:
            fh.write(markdown(data))
        console.print(f"wrote {args.markdown}", highlight=False)
    return 0


def report_data(store: Any, resolve: Any, min_claims: int = 2) -> dict[str, Any]:
    groups = resolve.claim_groups(store, limit=100_000)
    main = [g for g in groups if len(g["claims"]) >= min_claims or g["contradiction"]]
    rest = [g for g in groups if g not in main]
    speakers = []
    for e in resolve.entities(store, limit=40):
        if e["type"] in ("PERSON", "ORG"):
            full = resolve.entity(store, e["id"])
            if full["quotes_by"]:
                full["quotes"] = _unique_quotes(full["quotes_by"])
                speakers.append(full)
    return {"groups": main, "minor": rest, "speakers": speakers[:15], "publishers": resolve.publishers(store),
            "stats": store.stats()}


def _unique_quotes(quotes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A wire quote carried by five sites is shown once, with the five places it appeared."""
    out: dict[str, dict[str, Any]] = {}
    for q in quotes:
        text = q["text"].strip().rstrip(",")  # a quote cut before "he said" keeps its comma
        u = out.setdefault(" ".join(text.split()), {"text": text, "where": []})
        where = ", ".join(x for x in (q.get("publisher") or q.get("title"), q.get("published")) if x)
        if where and where not in u["where"]:
            u["where"].append(where)
    return list(out.values())


def grouped_claims(args: argparse.Namespace) -> int:
    from .. import resolve
    from .cli import _emit

    with _existing(args.db) as store:
        groups: list[dict[str, Any]] = resolve.claim_groups(store, limit=args.limit, offset=args.offset)
    if args.format != "table":
        _emit(groups, args.format)
        return 0
    print_groups(groups)
    return 0


def print_groups(groups: list[dict[str, Any]]) -> None:
    from rich.table import Table

    from .terminal import console

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
