"""What every command shares: the database option, the options object, JSON output, progress."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from ..options import MB, Limits, Options
from ..store import Store
from .terminal import err_console

DEFAULT_DB = "claimgraph.db"
Add = Callable[..., argparse.ArgumentParser]  # add(name, fn, help, db=True, fmt=(...)) -> subparser


def options(args: argparse.Namespace) -> Options:
    limits = Limits()
    if getattr(args, "max_mb", None):
        limits = replace(limits, max_bytes=int(args.max_mb * MB))
    if getattr(args, "max_memory_mb", None) is not None:
        limits = replace(limits, max_memory=int(args.max_memory_mb * MB))
    entity_files = tuple(getattr(args, "entities_file", None) or ())
    ocr_languages = tuple(getattr(args, "ocr_language", None) or ())
    return Options(limits=limits, jobs=getattr(args, "jobs", 1) or 1, entity_files=entity_files,
                   ocr_languages=ocr_languages)


def reading(db: str) -> Store:
    """A database that must exist, opened read-only: reading commands never change it."""
    return Store(db, readonly=True)


def emit(rows: Any, fmt: str) -> None:
    """JSON for programs: one document, or one line per row (jsonl)."""
    if fmt == "jsonl" and isinstance(rows, list):
        for r in rows:
            print(json.dumps(r, ensure_ascii=False, default=str))
    else:
        print(json.dumps(rows, ensure_ascii=False, indent=2, default=str))


@contextmanager
def progress(total: int | None, label: str, enabled: bool) -> Iterator[Callable[[str], None] | None]:
    """A progress bar on standard error, advanced once per document done."""
    if not enabled:
        yield None
        return
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=err_console, transient=True) as bar:
        task = bar.add_task(label, total=total)
        yield lambda name: bar.advance(task)


def positive(kind: Callable[[str], Any]) -> Callable[[str], Any]:
    def parse(text: str) -> Any:
        try:
            value = kind(text)
        except ValueError:
            value = None
        if value is None or value <= 0:
            raise argparse.ArgumentTypeError(f"expected a number above 0, got {text!r}")
        return value

    return parse
