"""Commands for corpora beyond one machine: `spark extract` (a Parquet corpus made on Spark),
`load` (a corpus into the store) and `resolve-parquet` (resolve a corpus with DuckDB)."""

from __future__ import annotations

import argparse
import sys

from ..errors import ConfigError
from ..store import Store
from .common import Add, emit, options, positive, progress
from .documents import jobs_options
from .terminal import console, err_console


def _conf(pairs: list[str] | None) -> dict[str, str]:
    out = {}
    for p in pairs or []:
        key, eq, value = p.partition("=")
        if not eq or not key:
            raise ConfigError(f"--conf {p!r}: expected KEY=VALUE (e.g. spark.executor.memory=4g)")
        out[key.strip()] = value
    return out


def cmd_spark_extract(args: argparse.Namespace) -> int:
    from ..spark import job, session

    conf = _conf(args.conf)
    spark = session.start(master=args.master, remote=args.remote, conf=conf)
    report = job.extract(spark, list(args.inputs), args.out, options(args), lists=args.list, prefix=args.prefix,
                         repartition=args.repartition)
    for e in report.errors:
        err_console.print(f"[red]error[/red]: {e['input']}: {e['reason']}", highlight=False)
    if args.format == "json":
        emit(report.to_json(), "json")
    else:
        r = report.rows
        console.print(f"{r.get('documents', 0)} documents, {r.get('entities', 0)} entities, {r.get('quotes', 0)} quotes,"
                      f" {r.get('claims', 0)} claims, {r.get('errors', 0)} errors in {report.seconds:.1f} s"
                      f" — {report.out} (run {report.run})", highlight=False)
    return 1 if report.rows.get("errors") else 0


def cmd_load(args: argparse.Namespace) -> int:
    from .. import bulk  # pyarrow's datasets: only for these commands, not every start of the CLI

    bulk.check_corpus(args.corpus)
    with Store(args.db) as store:
        show = sys.stderr.isatty()
        with progress(bulk.count_documents(args.corpus) if show else None, "loading", show) as tick:
            report = bulk.load(store, args.corpus, progress=tick)
    if args.format == "json":
        emit(report.to_json(), "json")
    else:
        console.print(f"{report.new} new, {report.updated} updated, {report.unchanged} unchanged "
                      f"({report.new_locations} new locations), {report.errors} errors recorded — {args.db}",
                      highlight=False)
    return 0


def cmd_resolve_parquet(args: argparse.Namespace) -> int:
    from .. import bulk

    stats = bulk.resolve_parquet(args.corpus, args.out, labels_file=args.labels, memory_limit=args.memory_limit)
    if args.format == "json":
        emit(stats.__dict__, "json")
    else:
        console.print(f"{stats.documents} documents: {stats.entities} entities, {stats.groups} claim groups "
                      f"({stats.contradictions} with contradictions) in {stats.seconds:.1f} s — "
                      f"{args.out or args.corpus.rstrip('/') + '/resolved'}", highlight=False)
    return 0


def register(add: Add) -> None:
    sp = add("spark", lambda a: a.parser.print_help() or 2, "run extraction on Spark (pip install 'claimgraph[spark]')",
             db=False, fmt=())
    sp.set_defaults(parser=sp)
    sub = sp.add_subparsers(dest="spark_command", metavar="COMMAND")
    ex = sub.add_parser("extract", help="extract on Spark and write a Parquet corpus",
                        description="Extract every document the inputs hold (folders, globs, files, WARCs, "
                                    "s3a:// or hdfs:// as Spark reads them) and append the rows to a Parquet corpus "
                                    "folder; documents it already holds are skipped.")
    ex.set_defaults(func=cmd_spark_extract)
    ex.add_argument("inputs", nargs="*", metavar="INPUT")
    ex.add_argument("--out", "-o", required=True, help="the corpus folder (local, s3a://, hdfs://)")
    ex.add_argument("--list", action="append", metavar="FILE",
                    help="a file listing inputs one per line (e.g. a crawl's warc.paths); repeatable")
    ex.add_argument("--prefix", default="", help="put before every listed path (e.g. s3a://commoncrawl/)")
    ex.add_argument("--master", help="local[2], spark://HOST:7077, yarn, k8s://... (default: spark-submit's, or local[*])")
    ex.add_argument("--remote", help="a Spark Connect server: sc://HOST:15002")
    ex.add_argument("--conf", action="append", metavar="KEY=VALUE", help="a Spark setting; repeatable")
    ex.add_argument("--repartition", type=positive(int), help="spread documents over N tasks after unpacking "
                                                              "(few large WARCs, many cores)")
    ex.add_argument("--format", choices=("table", "json"), default="table")
    jobs_options(ex, jobs=False)

    sp = add("load", cmd_load, "store a Parquet corpus (from `spark extract`) without extracting again",
             fmt=("table", "json"))
    sp.add_argument("corpus", metavar="PARQUET_DIR")

    sp = add("resolve-parquet", cmd_resolve_parquet,
             "resolve a Parquet corpus with DuckDB (no database): groups.parquet and entities.parquet",
             db=False, fmt=("table", "json"))
    sp.add_argument("corpus", metavar="PARQUET_DIR")
    sp.add_argument("--out", help="folder for the results (default PARQUET_DIR/resolved)")
    sp.add_argument("--labels", metavar="FILE", help="publisher labels (CSV or YAML), as `claimgraph labels` reads")
    sp.add_argument("--memory-limit", help="DuckDB's memory limit, e.g. 8GB")
