"""The `claimgraph` command. Each subcommand parses its arguments, calls one workflow or store
function, and prints: tables for people, --format json/jsonl for programs. -v shows the
pipeline's steps on standard error."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable, Sequence

from .. import __version__
from ..errors import ClaimgraphError
from ..store import DatabaseError
from . import across, bulk, corrections, custody, documents, exchange, web
from .common import DEFAULT_DB
from .terminal import err_console, print_error


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="claimgraph", description=__doc__)
    p.add_argument("--version", action="version", version=f"claimgraph {__version__}")
    p.add_argument("-v", "--verbose", action="count", default=0, help="show the pipeline's steps (-vv: more)")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, fn: Callable[[argparse.Namespace], int], help_: str, db: bool = True,
            fmt: tuple[str, ...] = ("table", "json", "jsonl")) -> argparse.ArgumentParser:
        sp = sub.add_parser(name, help=help_, description=help_)
        sp.set_defaults(func=fn)
        if db:
            sp.add_argument("--db", default=DEFAULT_DB, help=f"database file, or a PostgreSQL server's "
                            f"postgresql://USER@HOST/DB (default ./{DEFAULT_DB})")
        if fmt:
            sp.add_argument("--format", choices=fmt, default=fmt[0])
        return sp

    documents.register(add)
    across.register(add)
    corrections.register(add)
    exchange.register(add)
    custody.register(add)
    web.register(add)
    bulk.register(add)
    return p


def _logging(verbosity: int) -> None:
    """Quiet by default; -v: each stage's steps, -vv: everything."""
    if verbosity:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s %(name)s: %(message)s", "%H:%M:%S"))
        root = logging.getLogger("claimgraph")
        root.addHandler(handler)
        root.setLevel(logging.INFO if verbosity == 1 else logging.DEBUG)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    _logging(args.verbose)
    try:
        return int(args.func(args))
    except ClaimgraphError as exc:
        print_error(str(exc))
        return 2
    except KeyboardInterrupt:
        err_console.print("interrupted")
        return 130
    except BrokenPipeError:
        # The reader (`| head`) went away: stop quietly, and keep Python from complaining about
        # the unflushed rest at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except DatabaseError as exc:  # a locked or read-only database, a full disk
        print_error(f"{getattr(args, 'db', 'database')}: {exc}")
        return 2
