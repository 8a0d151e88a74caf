"""CLI commands of the web face (`claimgraph serve`)."""

from __future__ import annotations

import argparse
from collections.abc import Callable

Add = Callable[..., argparse.ArgumentParser]


def register(add: Add) -> None:
    """Add the web face's subcommands; `add(name, fn, help, db=True, fmt=(...))` as in cli.build_parser."""
