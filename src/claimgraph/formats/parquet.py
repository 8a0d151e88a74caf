"""Parquet statements: every fact the kept documents yield, one row each, in the layout
`statements.py` declares (the one the Spark job writes).

Documents are read one at a time with their extraction; rows go to the writer in batches, so
memory holds one batch whatever the corpus. The filters keep documents, quotes and claims as
every export keeps them (store/filtered.py).
"""

from __future__ import annotations

import json
import logging
from array import array
from collections.abc import Callable, Iterator
from typing import IO

import pyarrow.parquet as pq

from .. import statements
from ..filters import APPLIES, Filters
from ..store import Store
from ..store.filtered import Aligned

log = logging.getLogger(__name__)

BATCH = 5_000  # rows per Arrow batch and Parquet row group (a few MB)


def statement_rows(store: Store, f: Filters, tick: Callable[[], None] | None = None) -> Iterator[statements.Row]:
    """Statement rows of every kept document, one document at a time. With filters only quotes
    or claims take (a claim group, what is counted ...), the quote and claim rows are the kept
    ones; the document's own row and its entities always come."""
    narrowed = any(k in APPLIES["quotes"] or k in APPLIES["claims"] for k in f.active())
    quotes = Aligned(store.export_quotes(f)) if narrowed else None
    claims = Aligned(store.export_claims(f)) if narrowed else None
    for doc in store.export_documents(f, full=True):
        payload = json.loads(doc["extraction"])
        offsets = array("i", doc["offsets"]).tolist() if doc["offsets"] else []
        kept: dict[str, set[str]] = {}
        if quotes is not None and claims is not None:
            kept = {"quote": {q["local_id"] for q in quotes.of(doc["id"])},
                    "claim": {c["local_id"] for c in claims.of(doc["id"])}}
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
