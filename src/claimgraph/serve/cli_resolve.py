"""CLI commands of the resolve stage (cross-document entities, claim groups, report, labels)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

Add = Callable[..., argparse.ArgumentParser]


def register(add: Add) -> None:
    """Add this stage's subcommands; `add(name, fn, help, db=True, fmt=(...))` as in cli.build_parser."""


def grouped_claims(args: argparse.Namespace) -> int:
    from .. import resolve
    from ..store import Store
    from .cli import _emit

    with Store(args.db) as store:
        groups: list[dict[str, Any]] = resolve.claim_groups(store, limit=args.limit, offset=args.offset)
    _emit(groups, "json" if args.format == "table" else args.format)
    return 0
