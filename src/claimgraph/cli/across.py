"""Commands across documents: resolve, merges and judgements, publishers and labels, the report."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from pathlib import Path

from .. import workflow
from ..serve.overview import report_data
from ..serve.report import markdown, render_html
from ..store import Store
from . import terminal
from .common import Add, emit, reading
from .documents import listing
from .terminal import console, err_console


def cmd_resolve(args: argparse.Namespace) -> int:
    with Store(args.db) as store:
        stats = workflow.resolve(store, full=True)
    if args.format == "json":
        emit(asdict(stats), "json")
    else:
        console.print(f"{stats.entities} entities ({stats.merges} merges), {stats.groups} claim groups "
                      f"({stats.groups_with_several_claims} with several claims, {stats.contradictions} with "
                      f"contradictions) from {stats.claims} claims in {stats.documents} documents, "
                      f"{stats.seconds:.2f}s", highlight=False)
    return 0


def cmd_merges(args: argparse.Namespace) -> int:
    with reading(args.db) as store:
        rows = store.merges(status=args.status, limit=args.limit, offset=args.offset)
    return listing(rows, args.format, terminal.MERGES,
                   "merges (weakest first) — judge with: claimgraph judge ID confirm|reject")


def cmd_judge(args: argparse.Namespace) -> int:
    with Store(args.db) as store:
        a, b = workflow.judge(store, args.merge_id, args.decision, args.note)
    verb = "kept together" if args.decision == "confirm" else "kept apart"
    console.print(f"{a} and {b}: {verb} (kept across reprocess)", highlight=False)
    return 0


def cmd_publishers(args: argparse.Namespace) -> int:
    if args.labels_file:
        with Store(args.db) as store:
            workflow.load_labels(store, args.labels_file)
    with reading(args.db) as store:
        rows = store.publishers()
    return listing(rows, args.format, terminal.PUBLISHERS, "publishers")


def cmd_label(args: argparse.Namespace) -> int:
    if not (args.publisher and args.label) and not args.labels_file:
        err_console.print("give PUBLISHER LABEL, or --labels-file FILE")
        return 2
    with Store(args.db) as store:
        if args.labels_file:
            n = workflow.load_labels(store, args.labels_file)
            console.print(f"{n} labels loaded from {args.labels_file}", highlight=False)
        if args.publisher and args.label:
            workflow.label_publisher(store, args.publisher, args.label, remove=args.remove)
            console.print(f"{args.publisher}: {'removed' if args.remove else 'labelled'} {args.label!r}", highlight=False)
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    with reading(args.db) as store:
        data = report_data(store, args.min_claims)
    data["title"] = args.title
    Path(args.out).write_text(render_html(data), encoding="utf-8")
    console.print(f"wrote {args.out}", highlight=False)
    if args.markdown:
        Path(args.markdown).write_text(markdown(data), encoding="utf-8")
        console.print(f"wrote {args.markdown}", highlight=False)
    return 0


def register(add: Add) -> None:
    """This module's subcommands."""
    add("resolve", cmd_resolve, "recompute entities and claim groups across documents (keeps judgements)",
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
