"""A Parquet corpus: the folder `claimgraph spark extract` writes and `claimgraph load` and the
DuckDB resolve read. Declared once here; imports no stage.

The folder holds one table of rows, partitioned by `table` into `table=documents`,
`table=entities`, `table=quotes`, `table=claims` and `table=errors` (Hive-style folders that
Spark, DuckDB, pandas and Arrow all read as one table or five). Every row has the columns of
`statements.SCHEMA` (the document's SHA-256, the span, the item, the pipeline that made it),
then:

- on `documents` rows, what a store needs to keep the document exactly as `ingest` would: the
  unaltered original bytes, where they were found, the normalised text, its offset map, the
  encoding, the whole extraction JSON and the processing steps;
- on `errors` rows, the input that failed, the reason and the stage (read, unpack, extract);
- on every row, `run`: the id of the job run that wrote it.

Re-running over the same input skips documents whose (SHA-256, pipeline) is already in
`table=documents`, so a folder may hold the same bytes twice only from two separate runs given
the same file at once; readers keep one row per (document, item).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from . import statements
from .clock import now
from .model import Extraction, Location, Source

TABLES = ("documents", "entities", "quotes", "claims", "errors")
TABLE_OF = {"document": "documents", "entity": "entities", "quote": "quotes", "claim": "claims", "error": "errors"}
PARTITION = "table"

DOCUMENT_FIELDS = [
    pa.field("source", pa.string()),  # the input's name, as `claimgraph extract` prints it
    pa.field("uri", pa.string()),  # where the bytes were found: a path, a URL, a WARC record's URL
    pa.field("location_kind", pa.string()),  # file | url | warc
    pa.field("captured_at", pa.string()),
    pa.field("container", pa.string()),  # the WARC or archive that held it
    pa.field("media_type", pa.string()),
    pa.field("size", pa.int64()),
    pa.field("original", pa.binary()),  # the unaltered bytes every span points into
    pa.field("clean_text", pa.string()),  # the normalised text the spans index
    pa.field("offsets", pa.list_(pa.int32())),  # clean text index -> decoded original index
    pa.field("encoding", pa.string()),
    pa.field("bom", pa.int32()),
    pa.field("extraction", pa.string()),  # Extraction.to_json(), as `claimgraph extract` prints it
    pa.field("steps", pa.string()),  # JSON list of {name, tool, version, detail}
]
ERROR_FIELDS = [
    pa.field("input", pa.string()),
    pa.field("reason", pa.string()),
    pa.field("stage", pa.string()),  # read | unpack | extract
    pa.field("at", pa.string()),
]
SCHEMA = pa.schema([*statements.SCHEMA, *DOCUMENT_FIELDS, *ERROR_FIELDS, pa.field("run", pa.string()),
                    pa.field(PARTITION, pa.string(), nullable=False)],
                   metadata={"claimgraph.corpus": "1", **(statements.SCHEMA.metadata or {})})
COLUMNS = tuple(SCHEMA.names)

Row = dict[str, Any]


def document_rows(source: Source, x: Extraction, pipeline: str, run: str) -> list[Row]:
    """Every row one extracted document gives: its document row, then one per fact."""
    out = []
    for r in statements.rows(x, pipeline):
        row: Row = dict.fromkeys(COLUMNS)
        row.update(r, run=run, table=TABLE_OF[r["statement"]])
        out.append(row)
    loc = source.location
    out[0].update(source=x.source, uri=loc.uri, location_kind=loc.kind, captured_at=loc.captured_at,
                  container=loc.container, media_type=source.media_type, size=len(source.data),
                  original=source.data, clean_text=x.text, offsets=list(x.offsets), encoding=x.encoding, bom=x.bom,
                  extraction=json.dumps(x.to_json(), ensure_ascii=False),
                  steps=json.dumps([s.__dict__ for s in x.steps], ensure_ascii=False))
    return out


def error_row(name: str, reason: str, stage: str, pipeline: str, run: str, sha256: str = "") -> Row:
    """One input that failed: a row of its own, never a failed job."""
    row: Row = dict.fromkeys(COLUMNS)
    row.update(document=sha256, statement="error", id="", start=0, end=0, extractor=statements.EXTRACTOR,
               pipeline=pipeline, data=json.dumps({"input": name, "reason": reason, "stage": stage}, ensure_ascii=False),
               input=name, reason=reason, stage=stage, at=now(), run=run, table="errors")
    return row


@dataclass
class StoredDocument:
    """A documents row read back: what a store keeps of it."""

    source: Source
    extraction: Extraction
    pipeline: str


def stored_document(row: Row) -> StoredDocument:
    """A `documents` row back as the Source and Extraction that `ingest` would have stored."""
    loc = Location(uri=row["uri"] or row["source"], kind=row["location_kind"] or "file",
                   captured_at=row["captured_at"] or now(), container=row["container"])
    source = Source(data=bytes(row["original"]), location=loc, name=row["source"], media_type=row["media_type"])
    x = Extraction.from_json(json.loads(row["extraction"]), row["clean_text"] or "", list(row["offsets"] or []),
                             row["encoding"], int(row["bom"] or 0), json.loads(row["steps"] or "[]"))
    return StoredDocument(source, x, row["pipeline"])
