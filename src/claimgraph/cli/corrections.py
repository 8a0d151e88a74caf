"""People correct the record: `claimgraph correct` (a quote's speaker; a claim's value, claimant
or group) and `claimgraph corrections` (what was corrected, by whom, when)."""

from __future__ import annotations

import argparse
import getpass
from dataclasses import asdict

from .. import workflow
from ..formatting import correction_text as shown
from ..store import Store
from . import terminal
from .common import Add, emit, reading
from .documents import listing
from .terminal import console

FIELDS = ("speaker", "value", "claimant", "group")


def cmd_correct(args: argparse.Namespace) -> int:
    chosen = [f for f in FIELDS if getattr(args, f) is not None]
    if len(chosen) != 1 and not (args.undo and args.field):
        console.print("give one of --speaker, --value, --claimant, --group (or --undo --field FIELD)")
        return 2
    field = chosen[0] if chosen else args.field
    with Store(args.db) as store:
        done = workflow.correct(store, args.document, args.item, field, getattr(args, field, None),
                                author=args.by, note=args.note, undo=args.undo)
    if args.format == "json":
        emit(asdict(done), "json")
    else:
        verb = "back to" if args.undo else "now"
        console.print(f"document {done.document}, {done.item} {done.id}: {done.field} was {shown(done.was)}, "
                      f"{verb} {shown(done.now)} (kept across reprocess)", highlight=False)
    return 0


def cmd_corrections(args: argparse.Namespace) -> int:
    with reading(args.db) as store:
        sha = store.resolve_document(args.document)["sha256"] if args.document else None
        rows = store.corrections(sha)
    for r in rows:
        r["shown"] = shown(r["now"])
        r["where"] = f"{r['sha256'][:12]} {r['item']} “{r['anchor'][:60]}”"
    return listing(rows, args.format, terminal.CORRECTIONS, "corrections (kept across reprocess)")


def register(add: Add) -> None:
    """This module's subcommands."""
    sp = add("correct", cmd_correct, "correct a quote's speaker, or a claim's value, claimant or group; kept across "
             "reprocess", fmt=("table", "json"))
    sp.add_argument("document", help="the document: numeric id or SHA-256 prefix")
    sp.add_argument("item", help="the quote or claim id within it (q3, c5: shown on its page and in listings)")
    sp.add_argument("--speaker", help="who really speaks the quote")
    sp.add_argument("--value", help="the figure the text really states ('over 1,200', '2,800–3,800', 'thousands')")
    sp.add_argument("--claimant", help="who really makes the claim")
    sp.add_argument("--group", help="'apart' (not the quantity of its group), a group id, or DOCUMENT:CLAIM "
                                    "(the claim it belongs with)")
    sp.add_argument("--by", default=_user(), help="who corrects (default: the user name)")
    sp.add_argument("--note", help="why")
    sp.add_argument("--undo", action="store_true", help="take the correction of --field back")
    sp.add_argument("--field", choices=FIELDS, help="with --undo: the field whose correction to take back")

    sp = add("corrections", cmd_corrections, "corrections people made, with who, when, and whether each still finds "
             "its item")
    sp.add_argument("--document", help="one document's")


def _user() -> str | None:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return None
