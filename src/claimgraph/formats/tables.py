"""CSV and JSON lines of documents, quotes, claims, entities and claim groups: one row per item,
written as it is read.

JSON lines keep lists and nested records as JSON; CSV has one header and flat cells: a list of
names becomes one cell joined by "; ", anything nested becomes its JSON.
"""

from __future__ import annotations

import csv
import json
import logging
from collections.abc import Callable, Iterator
from typing import IO, Any, Literal

from ..filters import Filters
from ..store import Store

log = logging.getLogger(__name__)

Table = Literal["documents", "quotes", "claims", "entities", "groups"]
TABLES: tuple[Table, ...] = ("documents", "quotes", "claims", "entities", "groups")
# The scalar fields of the claim group contract a CSV row shows (the rest is in the JSON lines).
GROUP_COLUMNS = ("id", "label", "counted", "event", "time", "place", "event_class", "contradiction",
                 "independent_sources", "n_documents", "values")


def rows(store: Store, table: Table, f: Filters, disputed: bool = False) -> Iterator[dict[str, Any]]:
    """A table's rows as the filters keep them: a listing's rows exactly as its page lists them,
    claim groups with a kept claim (`disputed`: only those whose values contradict)."""
    if table == "groups":
        return store.export_groups(f, disputed)
    return store.listing_rows(table, f)


def _cell(v: Any) -> Any:
    if isinstance(v, list) and all(isinstance(x, str | int | float) for x in v):
        return "; ".join(str(x) for x in v)
    if isinstance(v, list | dict):
        return json.dumps(v, ensure_ascii=False)
    return v


def _group_row(g: dict[str, Any]) -> dict[str, Any]:
    """A claim group as flat cells: its values as people read them, with their source counts."""
    out = {k: g.get(k) for k in GROUP_COLUMNS}
    out["values"] = "; ".join(f"{v.get('text')} ({v.get('independent_sources', 0)} independent)"
                              for v in g.get("values") or [])
    return out


def write_csv(store: Store, table: Table, f: Filters, out: IO[str], tick: Callable[[], None] | None = None,
              disputed: bool = False) -> int:
    """CSV with the first row's columns as its header (nothing at all when no row is kept)."""
    writer: csv.DictWriter[str] | None = None
    n = 0
    for r in rows(store, table, f, disputed):
        cells = _group_row(r) if table == "groups" else {k: _cell(v) for k, v in r.items()}
        if writer is None:
            writer = csv.DictWriter(out, fieldnames=list(cells), extrasaction="ignore", lineterminator="\n")
            writer.writeheader()
        writer.writerow(cells)
        n += 1
        if tick:
            tick()
    log.info("wrote %d %s as CSV", n, table)
    return n


def write_jsonl(store: Store, table: Table, f: Filters, out: IO[str], tick: Callable[[], None] | None = None,
                disputed: bool = False) -> int:
    n = 0
    for r in rows(store, table, f, disputed):
        out.write(json.dumps(r, ensure_ascii=False) + "\n")
        n += 1
        if tick:
            tick()
    log.info("wrote %d %s as JSON lines", n, table)
    return n
