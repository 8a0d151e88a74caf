"""formats: the stored record in the formats investigators move data between tools with, and
published fact-checks back in.

| format | what | module |
|---|---|---|
| `ftm` | FollowTheMoney entities (Aleph, OpenAleph, `ftm store`) | `ftm.py` |
| `claimreview` | schema.org ClaimReview JSON-LD per claim group, as a DataCommons feed | `claimreview.py` |
| `csv`, `jsonl` | documents, quotes, claims, entities or claim groups, one row each | `tables.py` |
| `parquet` | statements: one row per extracted fact (`claimgraph.statements`) | `parquet.py` |
| `gexf`, `graphml` | who speaks about whom, who is named with whom (Gephi, networkx) | `graphs.py` |
| `datasette` | Datasette metadata for the database itself | `datasette.yml` |

Every export takes the listings' filters (`filters.Filters`, as the web's pages do; see
store/filtered.py for how one export spans several listings) and writes as it reads: one document,
row, group or edge at a time, so memory stays flat whatever the corpus. `feeds.py` reads
ClaimReview feeds and attaches their verdicts to claim groups.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import IO, Literal

from ..filters import Filters
from ..store import Store
from ..store.networks import Network
from .claimreview import ReviewOptions, write_claimreview
from .ftm import write_ftm
from .graphs import write_gexf, write_graphml
from .parquet import write_parquet
from .tables import Table, write_csv, write_jsonl

Format = Literal["ftm", "claimreview", "csv", "jsonl", "parquet", "gexf", "graphml", "datasette"]
FORMATS: tuple[Format, ...] = ("ftm", "claimreview", "csv", "jsonl", "parquet", "gexf", "graphml", "datasette")
BINARY: frozenset[Format] = frozenset({"parquet"})


@dataclass(frozen=True)
class ExportOptions:
    table: Table = "claims"  # csv, jsonl: what one row is
    network: Network = "speech"  # gexf, graphml
    min_weight: int = 1  # gexf, graphml: leave out edges lighter than this
    with_text: bool = True  # ftm: each document's text as bodyText
    review: ReviewOptions = field(default_factory=ReviewOptions)


def total(store: Store, fmt: Format, f: Filters, options: ExportOptions) -> int | None:
    """How many steps an export's progress will count (None where it cannot know beforehand):
    rows for csv and jsonl, documents for ftm and parquet, groups for claimreview."""
    if fmt in ("csv", "jsonl"):
        if options.table == "groups":
            return store.count_groups(f, options.review.disputed)
        return store.listing_total(options.table, f)
    if fmt in ("ftm", "parquet"):
        return store.count_documents_kept(f)
    if fmt == "claimreview":
        return store.count_groups(f, options.review.disputed)
    return None


def datasette_metadata(database: str) -> str:
    """The shipped Datasette metadata, for a database file of this name."""
    text = resources.files("claimgraph.formats").joinpath("datasette.yml").read_text(encoding="utf-8")
    return text.replace("\n  claimgraph:\n", f"\n  {json.dumps(Path(database).stem)}:\n", 1)


def export(store: Store, fmt: Format, f: Filters, out: IO[bytes], options: ExportOptions,
           step: Callable[[], None] | None = None) -> int:
    """Write one export to a binary stream; returns how many records (rows, entities, edges ...).
    `step` is called once per step `total` counts."""
    if fmt == "parquet":
        return write_parquet(store, f, out, step)
    text = io.TextIOWrapper(out, encoding="utf-8", newline="")
    try:
        if fmt == "csv":
            return write_csv(store, options.table, f, text, step, options.review.disputed)
        if fmt == "jsonl":
            return write_jsonl(store, options.table, f, text, step, options.review.disputed)
        if fmt == "ftm":
            return write_ftm(store, f, text, options.with_text, step)
        if fmt == "claimreview":
            return write_claimreview(store, f, text, options.review, step)
        if fmt == "gexf":
            return write_gexf(store, options.network, f, text, options.min_weight, step)
        if fmt == "graphml":
            return write_graphml(store, options.network, f, text, options.min_weight, step)
        text.write(datasette_metadata(store.path))
        return 1
    finally:
        text.flush()
        text.detach()
