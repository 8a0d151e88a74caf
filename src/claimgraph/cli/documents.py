"""Commands over documents: ingest, extract, reprocess, demo, and the listings of what was found."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from importlib import resources
from typing import Any

from .. import workflow
from ..errors import InputError
from ..ingest.sources import expand
from ..serve.overview import confident_groups, summary, with_values
from ..store import Store
from . import terminal
from .common import Add, emit, options, positive, progress, reading, share
from .terminal import console, print_error


def cmd_ingest(args: argparse.Namespace) -> int:
    with Store(args.db) as store:
        show = sys.stderr.isatty() and not args.quiet
        with progress(sum(1 for _ in expand(args.paths)) if show else None, "ingesting", show) as tick:
            report = workflow.ingest(store, args.paths, options(args), progress=tick)
        for name, reason in report.failed:
            print_error(f"{name}: {reason}")
        if args.format == "json":
            emit(report.to_json(), "json")
        elif not args.quiet:
            console.print(f"{report.new} new, {report.updated} updated, {report.unchanged} unchanged "
                          f"({report.new_locations} new locations), {len(report.failed)} failed — {args.db}",
                          highlight=False)
            if args.summary:
                terminal.summary(summary(store))
    return 0 if report.ok else 1


def cmd_extract(args: argparse.Namespace) -> int:
    failed = 0
    docs = []
    for name, result in workflow.extract_paths(args.paths, options(args)):
        if isinstance(result, InputError):
            failed += 1
            print_error(f"{name}: {result.reason}")
            continue
        payload = result.to_json(include_text=args.include_text)
        if args.format == "jsonl":
            sys.stdout.write(json.dumps(payload, ensure_ascii=False) + "\n")
            sys.stdout.flush()
        else:
            docs.append(payload)
    if args.format == "json":
        emit(docs, "json")
    return 1 if failed else 0


def cmd_reprocess(args: argparse.Namespace) -> int:
    with Store(args.db) as store:
        show = sys.stderr.isatty()
        with progress(store.count("originals") if show else None, "reprocessing", show) as tick:
            report = workflow.reprocess(store, options(args), progress=tick, force=not args.changed_only)
    for name, reason in report.failed:
        print_error(f"{name}: {reason}")
    console.print(f"{report.updated} documents rebuilt from their originals, {len(report.failed)} failed", highlight=False)
    return 0 if report.ok else 1


def cmd_demo(args: argparse.Namespace) -> int:
    """Ingest the bundled example articles and print what was found."""
    folder = resources.files("claimgraph").joinpath("examples")
    paths = [str(p) for p in sorted(folder.iterdir(), key=lambda p: p.name) if not p.name.startswith((".", "_", "README"))]
    args.paths, args.summary, args.quiet, args.format = paths, True, False, "table"
    return cmd_ingest(args)


def cmd_documents(args: argparse.Namespace) -> int:
    with reading(args.db) as store:
        rows = store.documents(limit=args.limit, offset=args.offset, publisher=args.publisher)
    return listing(rows, args.format, terminal.DOCUMENTS, "documents")


def cmd_show(args: argparse.Namespace) -> int:
    with reading(args.db) as store:
        doc = store.resolve_document(args.document)
        doc["locations"] = store.locations(doc["sha256"])
        doc["runs"] = store.runs(doc["sha256"])
        doc["custody"] = store.custody(doc["sha256"])
    if args.format == "json":
        doc.pop("offsets", None)
        emit(doc, "json")
    else:
        terminal.document(doc)
    return 0


def listing(rows: list[dict[str, Any]], fmt: str, columns: list[tuple[str, str]], title: str) -> int:
    """JSON for programs, a table for people."""
    if fmt != "table":
        emit(rows, fmt)
    else:
        console.print(terminal.table(rows, columns, title=title))
    return 0


def _rows(args: argparse.Namespace, fetch: Callable[[Store, int | None], list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """Rows for one document (--document) or all."""
    with reading(args.db) as store:
        doc_id = store.resolve_document(args.document)["id"] if args.document else None
        return fetch(store, doc_id)


def cmd_quotes(args: argparse.Namespace) -> int:
    rows = _rows(args, lambda s, doc: s.quotes(speaker=args.speaker, document_id=doc, limit=args.limit,
                                               offset=args.offset, min_confidence=args.min_confidence))
    return listing(rows, args.format, terminal.QUOTES, "quotes")


def cmd_entities(args: argparse.Namespace) -> int:
    rows = _rows(args, lambda s, doc: s.entities(name=args.name, type_=args.type, document_id=doc, limit=args.limit,
                                                 offset=args.offset))
    return listing(rows, args.format, terminal.ENTITIES, "entities")


def cmd_claims(args: argparse.Namespace) -> int:
    if args.grouped:
        with reading(args.db) as store:
            groups = confident_groups(store, store.claim_groups(limit=args.limit, offset=args.offset),
                                      args.min_confidence)
        if args.format != "table":
            emit(groups, args.format)
        else:
            terminal.groups(groups)
        return 0
    rows = _rows(args, lambda s, doc: with_values(s.claims(counted=args.counted, document_id=doc, limit=args.limit,
                                                           offset=args.offset, min_confidence=args.min_confidence)))
    return listing(rows, args.format, terminal.CLAIMS, "numeric claims")


def cmd_search(args: argparse.Namespace) -> int:
    with reading(args.db) as store:
        hits = store.search(args.query, limit=args.limit)
    if args.format != "table":
        emit(hits, args.format)
    else:
        terminal.search(hits, args.query)
    return 0


def cmd_errors(args: argparse.Namespace) -> int:
    with reading(args.db) as store:
        rows = store.errors(limit=args.limit)
    return listing(rows, args.format, terminal.ERRORS, "inputs that failed")


def confidence(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("--min-confidence", type=share, metavar="P",
                    help="hide what extract was less sure of than P (0-1; see docs/QUALITY.md for what it means)")


def jobs_options(sp: argparse.ArgumentParser, jobs: bool = True) -> None:
    """The extraction options every extracting command takes (and --jobs, where it runs a pool)."""
    if jobs:
        sp.add_argument("--jobs", "-j", type=positive(int), default=1, help="processes to extract with (default 1)")
    sp.add_argument("--max-mb", type=positive(float), help="largest input file in MB (default 50)")
    sp.add_argument("--max-memory-mb", type=float, metavar="MB",
                    help="memory one document may use while extracted, in MB (default 2048; 0: no cap)")
    sp.add_argument("--entities-file", action="append", metavar="FILE",
                    help="known entities and aliases (CSV, YAML or FollowTheMoney JSON); repeatable")
    sp.add_argument("--ocr-language", action="append", metavar="LANG",
                    help="read scanned pages in this language (fa, ar, en ...; default: from the page's "
                         "script); repeatable")


def register(add: Add) -> None:
    """This module's subcommands."""

    def pages(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--limit", type=int, default=50)
        sp.add_argument("--offset", type=int, default=0)

    sp = add("ingest", cmd_ingest, "store documents (files, folders, globs, - for stdin) and extract from them",
             fmt=("table", "json"))
    sp.add_argument("paths", nargs="+", metavar="PATH")
    sp.add_argument("--quiet", "-q", action="store_true")
    sp.add_argument("--summary", action="store_true", help="print what was found afterwards")
    jobs_options(sp)

    sp = add("extract", cmd_extract, "extract from documents without storing: JSON per document", db=False,
             fmt=("jsonl", "json"))
    sp.add_argument("paths", nargs="+", metavar="PATH")
    sp.add_argument("--include-text", action="store_true", help="add the normalised text the offsets index")
    jobs_options(sp)

    sp = add("reprocess", cmd_reprocess, "rebuild everything derived from the stored originals", fmt=())
    sp.add_argument("--changed-only", action="store_true", help="only documents made by another pipeline version")
    jobs_options(sp)

    sp = add("demo", cmd_demo, "ingest the bundled example articles and print what was found", fmt=())
    jobs_options(sp)

    sp = add("documents", cmd_documents, "list stored documents")
    sp.add_argument("--publisher")
    pages(sp)

    sp = add("show", cmd_show, "one document: text with quotes, speakers and claims highlighted",
             fmt=("text", "json"))
    sp.add_argument("document", help="numeric id or SHA-256 prefix")

    sp = add("quotes", cmd_quotes, "quotes with their speakers")
    sp.add_argument("--speaker")
    sp.add_argument("--document")
    confidence(sp)
    pages(sp)

    sp = add("entities", cmd_entities, "people, organisations, places with their aliases")
    sp.add_argument("--name")
    sp.add_argument("--type")
    sp.add_argument("--document")
    pages(sp)

    sp = add("claims", cmd_claims, "numeric claims and who makes them")
    sp.add_argument("--counted", help="filter on what is counted or the event")
    sp.add_argument("--document")
    sp.add_argument("--grouped", action="store_true", help="group claims about the same quantity across documents")
    confidence(sp)
    pages(sp)

    sp = add("search", cmd_search, "full-text search over texts, quotes, speakers and claims")
    sp.add_argument("query")
    sp.add_argument("--limit", type=int, default=20)

    sp = add("errors", cmd_errors, "inputs that failed, with the reason")
    sp.add_argument("--limit", type=int, default=100)
