"""Commands that speak other tools' formats: export, verdicts on claim groups, ClaimReview imports."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from .. import formats, workflow
from ..errors import InputError
from ..formats.claimreview import ReviewOptions
from ..formats.feeds import import_feed
from ..formats.tables import TABLES
from ..store import Store, Verdict
from ..store.networks import NETWORKS
from .common import Add, emit, filter_arguments, filters, positive, progress, reading
from .documents import listing
from .terminal import console, err_console, table

VERDICTS = [("group_id", "group"), ("label", "claim group"), ("verdict", "verdict"), ("rating", "rating"),
            ("origin", "from"), ("author", "by"), ("published", "published"), ("url", "review")]
ATTACHED = [("group", "group"), ("verdict", "verdict"), ("score", "words"), ("why", "why"), ("claim", "review's claim")]


@contextmanager
def _output(path: str | None, binary: bool) -> Iterator[IO[bytes]]:
    """Standard output, or a file that appears whole once the export is done."""
    if not path or path == "-":
        if binary and sys.stdout.isatty():
            raise InputError("-", "Parquet is binary: write it to a file with --output FILE")
        sys.stdout.flush()
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
        return
    target = Path(path)
    if not target.parent.is_dir():
        raise InputError(path, f"the folder {str(target.parent)!r} does not exist")
    part = target.with_name(target.name + ".part")
    try:
        with open(part, "wb") as fh:
            yield fh
        os.replace(part, target)
    finally:
        part.unlink(missing_ok=True)


def cmd_export(args: argparse.Namespace) -> int:
    options = formats.ExportOptions(
        table=args.table, network=args.network, min_weight=args.min_weight, with_text=not args.no_text,
        review=ReviewOptions(publisher=args.reviewer, base_url=args.base_url, reviewed_only=args.reviewed,
                             disputed=args.disputed))
    f = filters(args)
    with reading(args.db) as store:
        show = bool(args.output) and args.output != "-" and sys.stderr.isatty()
        with progress(formats.total(store, args.fmt, f, options) if show else None, f"exporting {args.fmt}",
                      show) as tick, _output(args.output, args.fmt in formats.BINARY) as out:
            n = formats.export(store, args.fmt, f, out, options, (lambda: tick("")) if tick else None)
    if args.output and args.output != "-":
        err_console.print(f"wrote {args.output} ({n} {'records' if args.fmt not in ('csv', 'jsonl') else args.table})",
                          highlight=False)
    return 0


def cmd_verdict(args: argparse.Namespace) -> int:
    verdict = None if args.remove else Verdict(verdict=args.text or "", rating=args.rating, best=args.best,
                                               worst=args.worst, author=args.author, note=args.note)
    with Store(args.db) as store:
        group = workflow.give_verdict(store, args.group, verdict)
    said = "verdict taken back" if verdict is None else f"verdict {verdict.checked().verdict!r} kept"
    console.print(f"claim group {group['id']} ({group['label']}): {said} (kept across reprocess)", highlight=False)
    return 0


def cmd_verdicts(args: argparse.Namespace) -> int:
    with reading(args.db) as store:
        rows = store.verdicts(group_id=args.group, origin=args.origin)
    return listing(rows, args.format, VERDICTS, "verdicts on claim groups")


def cmd_import_reviews(args: argparse.Namespace) -> int:
    with Store(args.db) as store:
        report = import_feed(store, args.path)
    if args.format == "json":
        emit(report.to_json(), "json")
        return 0
    console.print(table(report.attached, ATTACHED, "published verdicts attached"))
    for r in report.unmatched:
        err_console.print(f"not matched: {r['claim']!r} ({r['verdict']})", highlight=False)
    for line in report.skipped:
        err_console.print(f"skipped: {line}", highlight=False)
    console.print(f"{len(report.attached)} verdicts attached, {len(report.unmatched)} reviews matched no claim group",
                  highlight=False)
    return 0


def register(add: Add) -> None:
    """This module's subcommands."""
    sp = add("export", cmd_export, "write what is stored in another tool's format, to a file or standard output",
             fmt=())
    sp.add_argument("fmt", choices=formats.FORMATS, metavar="FORMAT", help=", ".join(formats.FORMATS))
    sp.add_argument("--output", "-o", metavar="FILE", help="write here (default: standard output)")
    sp.add_argument("--table", choices=TABLES, default="claims", help="csv, jsonl: what one row is (default claims)")
    sp.add_argument("--network", choices=NETWORKS, default="speech",
                    help="gexf, graphml: speech (speaker to entity named) or comention (default speech)")
    sp.add_argument("--min-weight", type=positive(int), default=1, help="gexf, graphml: lightest edge kept")
    sp.add_argument("--no-text", action="store_true", help="ftm: leave each document's text out")
    sp.add_argument("--reviewer", metavar="NAME", help="claimreview: the organisation publishing the reviews")
    sp.add_argument("--base-url", metavar="URL", help="claimreview: where the web face runs (each review's url)")
    sp.add_argument("--reviewed", action="store_true", help="claimreview: only groups a person gave a verdict")
    sp.add_argument("--disputed", action="store_true",
                    help="claimreview, and --table groups: only groups whose values contradict each other")
    filter_arguments(sp)

    sp = add("verdict", cmd_verdict, "give a claim group a verdict (kept across reprocess; exported as ClaimReview)",
             fmt=())
    sp.add_argument("group", type=positive(int), metavar="GROUP", help="the claim group's number")
    sp.add_argument("text", nargs="?", metavar="TEXT", help='the verdict in words ("Accurate", "Misleading" ...)')
    sp.add_argument("--rating", type=float, help="on the scale from --worst to --best (default 1 to 5)")
    sp.add_argument("--best", type=float)
    sp.add_argument("--worst", type=float)
    sp.add_argument("--author", help="who gives the verdict")
    sp.add_argument("--note", help="why (exported as the review's body)")
    sp.add_argument("--remove", action="store_true", help="take the verdict back")

    sp = add("verdicts", cmd_verdicts, "verdicts on claim groups: people's own and imported ones")
    sp.add_argument("--group", type=positive(int))
    sp.add_argument("--origin", help="person, or the feed file reviews were imported from")

    sp = add("import-reviews", cmd_import_reviews,
             "attach published fact-checks (ClaimReview JSON-LD or DataCommons feed) to claim groups",
             fmt=("table", "json"))
    sp.add_argument("path", metavar="FILE")
