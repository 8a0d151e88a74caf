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

from ..store import Filters, Store
from ..store.filtered import COLUMNS

log = logging.getLogger(__name__)

Table = Literal["documents", "quotes", "claims", "entities", "groups"]
TABLES: tuple[Table, ...] = ("documents", "quotes", "claims", "entities", "groups")
# The scalar fields of the claim group contract a CSV row shows (the rest is in the JSON lines).
GROUP_COLUMNS = ("id", "label", "counted", "event", "time", "place", "event_class", "contradiction",
                 "independent_sources", "n_documents", "values")


def rows(store: Store, table: Table, f: Filters) -> tuple[tuple[str, ...], Iterator[dict[str, Any]]]:
    """The columns of a table and its rows, as the filters keep them."""
    if table == "groups":
        return GROUP_COLUMNS, store.filtered_groups(f)
    read: dict[str, Callable[[Filters], Iterator[dict[str, Any]]]] = {
        "documents": store.filtered_documents, "quotes": store.filtered_quotes, "claims": store.filtered_claims,
        "entities": store.filtered_entities}
    return COLUMNS[table], read[table](f)


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


def write_csv(store: Store, table: Table, f: Filters, out: IO[str], tick: Callable[[], None] | None = None) -> int:
    columns, items = rows(store, table, f)
    writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    n = 0
    for r in items:
        writer.writerow(_group_row(r) if table == "groups" else {k: _cell(v) for k, v in r.items()})
        n += 1
        if tick:
            tick()
    log.info("wrote %d %s as CSV", n, table)
    return n


def write_jsonl(store: Store, table: Table, f: Filters, out: IO[str], tick: Callable[[], None] | None = None) -> int:
    _, items = rows(store, table, f)
    n = 0
    for r in items:
        out.write(json.dumps(r, ensure_ascii=False) + "\n")
        n += 1
        if tick:
            tick()
    log.info("wrote %d %s as JSON lines", n, table)
    return n
