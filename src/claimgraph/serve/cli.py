"""The `claimgraph` command. Each subcommand parses its arguments, calls one workflow or store
function, and prints: tables for people, --format json/jsonl for programs."""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from importlib import resources
from typing import Any

from .. import __version__, workflow
from ..errors import ClaimgraphError, InputError
from ..options import MB, Limits, Options
from ..store import Store
from . import cli_resolve, cli_web, terminal
from .terminal import console, err_console

DEFAULT_DB = "claimgraph.db"


def _options(args: argparse.Namespace) -> Options:
    limits = Limits()
    if getattr(args, "max_mb", None):
        limits = replace(limits, max_bytes=int(args.max_mb * MB))
    if getattr(args, "max_memory_mb", None) is not None:
        limits = replace(limits, max_memory=int(args.max_memory_mb * MB))
    entity_files = tuple(getattr(args, "entities_file", None) or ())
    ocr_languages = tuple(getattr(args, "ocr_language", None) or ())
    return Options(limits=limits, jobs=getattr(args, "jobs", 1) or 1, entity_files=entity_files,
                   ocr_languages=ocr_languages)


def _emit(rows: Any, fmt: str) -> None:
    if fmt == "jsonl" and isinstance(rows, list):
        for r in rows:
            print(json.dumps(r, ensure_ascii=False, default=str))
    else:
        print(json.dumps(rows, ensure_ascii=False, indent=2, default=str))


@contextmanager
def _progress(total: int | None, label: str, enabled: bool) -> Iterator[Callable[[str], None] | None]:
    if not enabled:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=err_console, transient=True) as bar:
        task = bar.add_task(label, total=total)
        yield lambda name: bar.advance(task)


def _count_inputs(paths: Sequence[str]) -> int:
    from ..ingest.sources import expand

    return sum(1 for _ in expand(paths))


# -- commands --------------------------------------------------------------------------------


def cmd_ingest(args: argparse.Namespace) -> int:
    options = _options(args)
    with Store(args.db) as store:
        show = sys.stderr.isatty() and not args.quiet
        with _progress(_count_inputs(args.paths) if show else None, "ingesting", show) as tick:
            report = workflow.ingest(store, args.paths, options, progress=tick)
        for name, reason in report.failed:
            terminal.print_error(f"{name}: {reason}")
        if args.format == "json":
            _emit(report.to_json(), "json")
        elif not args.quiet:
            console.print(
                f"{report.new} new, {report.updated} updated, {report.unchanged} unchanged "
                f"({report.new_locations} new locations), {len(report.failed)} failed — {args.db}",
                highlight=False,
            )
            if args.summary:
                _print_summary(store)
    return 0 if report.ok else 1


def _print_summary(store: Store) -> None:
    stats = store.stats()
    console.print(terminal.table([stats], [(k, k) for k in stats], title="stored"))
    console.print(terminal.table(store.documents(limit=20), [("id", "id"), ("title", "title"), ("publisher", "publisher"),
                  ("published", "date"), ("n_quotes", "quotes"), ("n_claims", "claims")], title="documents"))
    speakers: dict[str, int] = {}
    for q in store.quotes(limit=10_000):
        if q["speaker_name"]:
            speakers[q["speaker_name"]] = speakers.get(q["speaker_name"], 0) + 1
    top = sorted(speakers.items(), key=lambda kv: -kv[1])[:15]
    console.print(terminal.table([{"speaker": k, "quotes": v} for k, v in top],
                                 [("speaker", "speaker"), ("quotes", "quotes")], title="speakers"))
    console.print(terminal.table(store.quotes(limit=12), [("speaker_name", "speaker"), ("kind", "kind"),
                                 ("text", "quote"), ("document_id", "doc")], title="quotes (first 12)"))
    console.print(terminal.table(_with_values(store.claims(limit=15)), [("claimant_name", "claimant"),
                                 ("value_text", "value"), ("counted", "counted"), ("event", "event"),
                                 ("time", "time"), ("document_id", "doc")], title="numeric claims (first 15)"))


def _with_values(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Claim rows with their value as people read it ('over 30,000', '2,800–3,800')."""
    from ..resolve.values import describe

    return [{**r, "value_text": describe(r["low"], r["high"], r["value"], r["qualifier"])} for r in rows]


def cmd_extract(args: argparse.Namespace) -> int:
    options = _options(args)
    failed = 0
    docs = []
    for name, result in workflow.extract_paths(args.paths, options):
        if isinstance(result, InputError):
            failed += 1
            terminal.print_error(f"{name}: {result.reason}")
            continue
        payload = result.to_json(include_text=args.include_text)
        if args.format == "jsonl":
            sys.stdout.write(json.dumps(payload, ensure_ascii=False) + "\n")
            sys.stdout.flush()
        else:
            docs.append(payload)
    if args.format == "json":
        _emit(docs, "json")
    return 1 if failed else 0


def cmd_reprocess(args: argparse.Namespace) -> int:
    options = _options(args)
    with Store(args.db) as store:
        show = sys.stderr.isatty()
        with _progress(store.count("originals") if show else None, "reprocessing", show) as tick:
            report = workflow.reprocess(store, options, progress=tick, force=not args.changed_only)
    for name, reason in report.failed:
        terminal.print_error(f"{name}: {reason}")
    console.print(f"{report.updated} documents rebuilt from their originals, {len(report.failed)} failed", highlight=False)
    return 0 if report.ok else 1


def cmd_documents(args: argparse.Namespace) -> int:
    with Store(args.db, readonly=True) as store:
        rows = store.documents(limit=args.limit, offset=args.offset, publisher=args.publisher)
    if args.format != "table":
        _emit(rows, args.format)
    else:
        console.print(terminal.table(rows, [("id", "id"), ("sha256", "sha256"), ("title", "title"),
                      ("publisher", "publisher"), ("published", "date"), ("language", "lang"), ("n_entities", "entities"),
                      ("n_quotes", "quotes"), ("n_claims", "claims")], title="documents"))
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    with Store(args.db, readonly=True) as store:
        doc = store.resolve_document(args.document)
        doc["locations"] = store.locations(doc["sha256"])
        doc["runs"] = store.runs(doc["sha256"])
    if args.format == "json":
        doc.pop("offsets", None)
        _emit(doc, "json")
        return 0
    console.print(f"[bold]{doc['title'] or '(untitled)'}[/bold]", highlight=False)
    console.print(f"sha256 {doc['sha256']}  publisher {doc['publisher'] or '-'}  published {doc['published'] or '-'}",
                  highlight=False)
    for loc in doc["locations"]:
        console.print(f"  found at {loc['uri']} ({loc['kind']}, {loc['captured_at']})", highlight=False)
    for f in doc["flags"]:
        console.print(f"  [yellow]flag[/yellow] {f['kind']} {f['span']} {f.get('detail') or ''}", highlight=False)
    for line in terminal.reading(doc["extraction"]):
        console.print(f"  {line}", highlight=False, markup=False)
    console.print(terminal.legend())
    console.print(terminal.highlighted(doc["text"], doc["extraction"]))
    return 0


def _listing(args: argparse.Namespace, fetch: Callable[[Store, int | None], list[dict[str, Any]]],
             columns: list[tuple[str, str]], title: str) -> int:
    """The shape every listing command shares: rows for one document or all, JSON or a table."""
    with Store(args.db, readonly=True) as store:
        doc_id = store.resolve_document(args.document)["id"] if args.document else None
        rows = fetch(store, doc_id)
    if args.format != "table":
        _emit(rows, args.format)
    else:
        console.print(terminal.table(rows, columns, title=title))
    return 0


def cmd_quotes(args: argparse.Namespace) -> int:
    return _listing(
        args, lambda store, doc: store.quotes(speaker=args.speaker, document_id=doc, limit=args.limit, offset=args.offset),
        [("speaker_name", "speaker"), ("speaker_method", "found by"), ("kind", "kind"), ("cue", "cue"),
         ("text", "quote"), ("medium", "medium"), ("document_id", "doc")], "quotes")


def cmd_entities(args: argparse.Namespace) -> int:
    return _listing(
        args, lambda store, doc: store.entities(name=args.name, type_=args.type, document_id=doc, limit=args.limit,
                                                offset=args.offset),
        [("name", "name"), ("type", "type"), ("aliases", "aliases"), ("roles", "roles"), ("n_mentions", "mentions"),
         ("document_id", "doc")], "entities")


def cmd_claims(args: argparse.Namespace) -> int:
    if args.grouped:
        return cli_resolve.grouped_claims(args)
    return _listing(
        args, lambda store, doc: _with_values(store.claims(counted=args.counted, document_id=doc, limit=args.limit,
                                                           offset=args.offset)),
        [("claimant_name", "claimant"), ("value_text", "value"), ("counted", "counted"), ("event", "event"),
         ("time", "time"), ("place", "place"), ("document_id", "doc")], "numeric claims")


def cmd_search(args: argparse.Namespace) -> int:
    with Store(args.db, readonly=True) as store:
        hits = store.search(args.query, limit=args.limit)
    if args.format != "table":
        _emit(hits, args.format)
        return 0
    console.print(terminal.table(hits["documents"], [("id", "id"), ("title", "title"), ("snippet", "match")],
                                 title=f"documents matching {args.query!r}"))
    console.print(terminal.table(hits["quotes"], [("speaker_name", "speaker"), ("text", "quote"),
                                 ("document_id", "doc")], title="quotes"))
    console.print(terminal.table(hits["claims"], [("claimant_name", "claimant"), ("text", "claim"),
                                 ("document_id", "doc")], title="claims"))
    return 0


def cmd_errors(args: argparse.Namespace) -> int:
    with Store(args.db, readonly=True) as store:
        rows = store.errors(limit=args.limit)
    if args.format != "table":
        _emit(rows, args.format)
    else:
        console.print(terminal.table(rows, [("input", "input"), ("reason", "reason"), ("stage", "stage"), ("at", "at")],
                                     title="inputs that failed"))
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    """Ingest the bundled example articles and print what was found."""
    folder = resources.files("claimgraph").joinpath("examples")
    paths = [str(p) for p in sorted(folder.iterdir(), key=lambda p: p.name) if not p.name.startswith((".", "_", "README"))]
    args.paths, args.summary, args.quiet, args.format = paths, True, False, "table"
    return cmd_ingest(args)


# -- wiring ----------------------------------------------------------------------------------


def _positive(kind: Callable[[str], Any]) -> Callable[[str], Any]:
    def parse(text: str) -> Any:
        try:
            value = kind(text)
        except ValueError:
            value = None
        if value is None or value <= 0:
            raise argparse.ArgumentTypeError(f"expected a number above 0, got {text!r}")
        return value

    return parse


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="claimgraph", description=__doc__)
    p.add_argument("--version", action="version", version=f"claimgraph {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, fn: Callable[[argparse.Namespace], int], help_: str, db: bool = True,
            fmt: tuple[str, ...] = ("table", "json", "jsonl")) -> argparse.ArgumentParser:
        sp = sub.add_parser(name, help=help_, description=help_)
        sp.set_defaults(func=fn)
        if db:
            sp.add_argument("--db", default=DEFAULT_DB, help=f"database file (default ./{DEFAULT_DB})")
        if fmt:
            sp.add_argument("--format", choices=fmt, default=fmt[0])
        return sp

    def listing(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--limit", type=int, default=50)
        sp.add_argument("--offset", type=int, default=0)

    def jobs(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--jobs", "-j", type=_positive(int), default=1, help="processes to extract with (default 1)")
        sp.add_argument("--max-mb", type=_positive(float), help="largest input file in MB (default 50)")
        sp.add_argument("--max-memory-mb", type=float, metavar="MB",
                        help="memory one document may use while extracted, in MB (default 2048; 0: no cap)")
        sp.add_argument("--entities-file", action="append", metavar="FILE",
                        help="known entities and aliases (CSV, YAML or FollowTheMoney JSON); repeatable")
        sp.add_argument("--ocr-language", action="append", metavar="LANG",
                        help="read scanned pages in this language (fa, ar, en ...; default: from the page's "
                             "script); repeatable")

    sp = add("ingest", cmd_ingest, "store documents (files, folders, globs, - for stdin) and extract from them",
             fmt=("table", "json"))
    sp.add_argument("paths", nargs="+", metavar="PATH")
    sp.add_argument("--quiet", "-q", action="store_true")
    sp.add_argument("--summary", action="store_true", help="print what was found afterwards")
    jobs(sp)

    sp = add("extract", cmd_extract, "extract from documents without storing: JSON per document", db=False,
             fmt=("jsonl", "json"))
    sp.add_argument("paths", nargs="+", metavar="PATH")
    sp.add_argument("--include-text", action="store_true", help="add the normalised text the offsets index")
    jobs(sp)

    sp = add("reprocess", cmd_reprocess, "rebuild everything derived from the stored originals", fmt=())
    sp.add_argument("--changed-only", action="store_true", help="only documents made by another pipeline version")
    jobs(sp)

    sp = add("demo", cmd_demo, "ingest the bundled example articles and print what was found", fmt=())
    jobs(sp)

    sp = add("documents", cmd_documents, "list stored documents")
    sp.add_argument("--publisher")
    listing(sp)

    sp = add("show", cmd_show, "one document: text with quotes, speakers and claims highlighted",
             fmt=("text", "json"))
    sp.add_argument("document", help="numeric id or SHA-256 prefix")

    sp = add("quotes", cmd_quotes, "quotes with their speakers")
    sp.add_argument("--speaker")
    sp.add_argument("--document")
    listing(sp)

    sp = add("entities", cmd_entities, "people, organisations, places with their aliases")
    sp.add_argument("--name")
    sp.add_argument("--type")
    sp.add_argument("--document")
    listing(sp)

    sp = add("claims", cmd_claims, "numeric claims and who makes them")
    sp.add_argument("--counted", help="filter on what is counted or the event")
    sp.add_argument("--document")
    sp.add_argument("--grouped", action="store_true", help="group claims about the same quantity across documents")
    listing(sp)

    sp = add("search", cmd_search, "full-text search over texts, quotes, speakers and claims")
    sp.add_argument("query")
    sp.add_argument("--limit", type=int, default=20)

    sp = add("errors", cmd_errors, "inputs that failed, with the reason")
    sp.add_argument("--limit", type=int, default=100)

    cli_resolve.register(add)
    cli_web.register(add)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except ClaimgraphError as exc:
        terminal.print_error(str(exc))
        return 2
    except KeyboardInterrupt:
        err_console.print("interrupted")
        return 130
    except BrokenPipeError:
        # The reader (`| head`) went away: stop quietly, and keep Python from complaining about
        # the unflushed rest at exit.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except sqlite3.OperationalError as exc:  # a locked or read-only database, a full disk
        terminal.print_error(f"{getattr(args, 'db', 'database')}: {exc}")
        return 2


if __name__ == "__main__":
    sys.exit(main())
