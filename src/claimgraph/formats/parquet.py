"""Parquet statements: every fact the kept documents yield, one row each, in the layout
`statements.py` declares (the one the Spark job writes).

Documents are read one at a time with their extraction; rows go to the writer in batches, so
memory holds one batch whatever the corpus. Item filters (an entity, a speaker, a group) keep the
entity, quote and claim rows they keep in the listings, and each kept document's own row.
"""

from __future__ import annotations

import json
import logging
from array import array
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import IO, Any

import pyarrow.parquet as pq

from .. import statements
from ..store import Filters, Store

log = logging.getLogger(__name__)

BATCH = 5_000  # rows per Arrow batch and Parquet row group (a few MB)


def _kept(store: Store, f: Filters, doc: dict[str, Any]) -> dict[str, set[str] | None]:
    """The local ids of a document's quotes, claims and entities the item filters keep (None: all)."""
    if not (f.entity or f.speaker or f.group or f.disputed):
        return {}
    only = replace(f, document=None)
    return {"quote": {q["local_id"] for q in store.filtered_quotes(only, document_id=doc["id"])},
            "claim": {c["local_id"] for c in store.filtered_claims(only, document_id=doc["id"])},
            "entity": {e["local_id"] for e in store.document_entity_rows(doc["id"], f)} if f.entity else None}


def statement_rows(store: Store, f: Filters, tick: Callable[[], None] | None = None) -> Iterator[statements.Row]:
    """Statement rows of every kept document, one document at a time."""
    for doc in store.filtered_documents(f, full=True):
        payload = json.loads(doc["extraction"])
        offsets = array("i", doc["offsets"]).tolist() if doc["offsets"] else []
        kept = _kept(store, f, doc)
        for r in statements.rows_from_json(payload, offsets, doc["pipeline"]):
            ids = kept.get(r["statement"])
            if ids is None or r["id"] in ids:
                yield r
        if tick:
            tick()


def write_parquet(store: Store, f: Filters, out: IO[bytes], tick: Callable[[], None] | None = None) -> int:
    """Write the statements as one Parquet file; returns the number of rows."""
    n = 0
    with pq.ParquetWriter(out, statements.SCHEMA, compression="zstd") as writer:
        for batch in statements.batches(statement_rows(store, f, tick), size=BATCH):
            writer.write_batch(batch, row_group_size=BATCH)
            n += batch.num_rows
    log.info("wrote %d statements as Parquet", n)
    return n
