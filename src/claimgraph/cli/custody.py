"""`claimgraph verify`: re-hash every original and check the chain of custody."""

from __future__ import annotations

import argparse
import sys

from rich.text import Text

from .common import Add, emit, progress, reading
from .terminal import console, err_console


def cmd_verify(args: argparse.Namespace) -> int:
    with reading(args.db) as store:
        show = sys.stderr.isatty() and args.format == "table"
        with progress(store.count("originals") if show else None, "verifying", show) as tick:
            result = store.verify(head=args.head, progress=tick)
    if args.format == "json":
        emit(result.to_json(), "json")
        return 0 if result.ok else 1
    for p in result.problems:  # plain text: a message may quote a file name with brackets
        err_console.print(Text.assemble(("mismatch", "red"), ": ", p.message), highlight=False)
    verdict = "all match" if result.ok else f"{len(result.problems)} mismatches"
    console.print(f"{result.originals} originals re-hashed, {result.documents} extractions and {result.entries} "
                  f"custody entries checked: {verdict}\nhead of the log (write it down; verify --head checks it "
                  f"later): {result.head}", highlight=False, soft_wrap=True)
    return 0 if result.ok else 1


def register(add: Add) -> None:
    sp = add("verify", cmd_verify, "re-hash every original and check the chain of custody; names any mismatch",
             fmt=("table", "json"))
    sp.add_argument("--head", metavar="HASH",
                    help="a head printed by an earlier verify: the log must still hold it (it was not cut short)")
