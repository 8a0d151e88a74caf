"""Statements: every extracted fact as one flat row, the layout of claimgraph's Parquet files.

One row per fact a document yields: the document itself, each entity, each quote, each numeric
claim. Each row says which original it comes from (the SHA-256 of its unaltered bytes), where
(the span in the normalised text, and the same span in the decoded original), what it is
(`statement` and the item's own `kind`), its values, who it is attributed to, and which
extractor and pipeline made it; `data` keeps the whole record as the extraction JSON has it, so
nothing extract knew is lost to the flattening.

Declared once here and written by everything that writes Parquet: `claimgraph export parquet`
(from the store) and the Spark job (from extractions it makes itself). `SCHEMA` is the contract:
extend it (new columns at the end, bump `VERSION`), never rename. A pure module: it imports no
stage, only the records of `model.py`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Literal

import pyarrow as pa

from . import __version__
from .model import Extraction

VERSION = "1"
Statement = Literal["document", "entity", "quote", "claim"]
STATEMENTS: tuple[Statement, ...] = ("document", "entity", "quote", "claim")

SCHEMA = pa.schema(
    [
        # Where the fact comes from.
        pa.field("document", pa.string(), nullable=False),  # SHA-256 of the original bytes
        pa.field("statement", pa.string(), nullable=False),  # document | entity | quote | claim
        pa.field("id", pa.string(), nullable=False),  # the item's id within its document ("" for the document)
        pa.field("start", pa.int32(), nullable=False),  # span in the normalised text
        pa.field("end", pa.int32(), nullable=False),
        pa.field("source_start", pa.int32()),  # the same span in the decoded original text
        pa.field("source_end", pa.int32()),
        # What it is and what it says.
        pa.field("kind", pa.string()),  # entity type, quote kind, claim kind, document format
        pa.field("text", pa.string()),  # entity name, quoted words, the claim's sentence, the title
        pa.field("attributed_to", pa.string()),  # a quote's speaker, a claim's claimant, a document's author
        pa.field("attributed_entity", pa.string()),  # that one's entity id within the document
        pa.field("attribution", pa.string()),  # how: speaker method (cue, pronoun ...), claimant basis
        pa.field("value", pa.float64()),
        pa.field("low", pa.float64()),
        pa.field("high", pa.float64()),
        pa.field("bound", pa.string()),  # exact | lower | upper | approx | range | vague
        pa.field("unit", pa.string()),
        pa.field("qualifier", pa.string()),
        pa.field("number_text", pa.string()),
        pa.field("counted", pa.string()),
        pa.field("event", pa.string()),
        pa.field("time", pa.string()),
        pa.field("place", pa.string()),
        pa.field("method", pa.string()),  # how the item was found (extract's method names)
        pa.field("confidence", pa.float64()),
        # The document's own metadata, repeated on each of its rows (Parquet stores it once per page).
        pa.field("publisher", pa.string()),
        pa.field("published", pa.string()),  # YYYY-MM-DD
        pa.field("url", pa.string()),
        pa.field("language", pa.string()),
        # What made it.
        pa.field("extractor", pa.string(), nullable=False),  # "claimgraph 0.1.0"
        pa.field("pipeline", pa.string(), nullable=False),  # workflow.pipeline_key: version, model, options
        pa.field("data", pa.string(), nullable=False),  # the whole record as JSON
    ],
    metadata={"claimgraph.statements": VERSION},
)
COLUMNS: tuple[str, ...] = tuple(SCHEMA.names)
EXTRACTOR = f"claimgraph {__version__}"

Row = dict[str, Any]


def rows(x: Extraction, pipeline: str) -> list[Row]:
    """Every fact of one extraction as statement rows, in SCHEMA's column order."""
    return rows_from_json(x.to_json(), x.offsets, pipeline)


def rows_from_json(payload: dict[str, Any], offsets: Sequence[int], pipeline: str) -> list[Row]:
    """The same rows from an extraction as its JSON (`Extraction.to_json`, what the store keeps)
    and its offset map (`Normalised.offsets`, one more entry than the text has characters)."""
    doc = payload["document"]
    shared = {"document": doc["sha256"], "publisher": doc.get("publisher"), "published": doc.get("published"),
              "url": doc.get("url"), "language": doc.get("language"), "extractor": EXTRACTOR, "pipeline": pipeline}
    end = max(len(offsets) - 1, 0)

    def row(statement: Statement, item: dict[str, Any], span: Sequence[int] | None, **values: Any) -> Row:
        a, b = (int(span[0]), int(span[1])) if span else (0, 0)
        out: Row = dict.fromkeys(COLUMNS)
        out.update(shared, statement=statement, id=item.get("id") or "", start=a, end=b,
                   data=json.dumps(item, ensure_ascii=False, sort_keys=True), **values)
        out["source_start"], out["source_end"] = _source_span(offsets, a, b)
        return out

    out = [row("document", doc, (0, end), kind=doc.get("format"), text=doc.get("title"),
               attributed_to=doc.get("author"), attribution="author" if doc.get("author") else None)]
    for e in payload.get("entities") or []:
        mentions = e.get("mentions") or []
        out.append(row("entity", e, mentions[0] if mentions else None, kind=e.get("type"), text=e.get("name")))
    for q in payload.get("quotes") or []:
        s = q.get("speaker") or {}
        out.append(row("quote", q, q.get("span"), kind=q.get("kind"), text=q.get("text"),
                       attributed_to=s.get("name"), attributed_entity=s.get("entity"), attribution=s.get("method"),
                       method=q.get("method"), confidence=q.get("confidence")))
    for c in payload.get("claims") or []:
        cm = c.get("claimant") or {}
        out.append(row("claim", c, c.get("span"), kind=c.get("kind"), text=c.get("text"),
                       attributed_to=cm.get("name"), attributed_entity=cm.get("entity"), attribution=cm.get("basis"),
                       value=_float(c.get("value")), low=_float(c.get("low")), high=_float(c.get("high")),
                       bound=c.get("bound"), unit=c.get("unit"), qualifier=c.get("qualifier"),
                       number_text=c.get("number_text"), counted=c.get("counted"), event=c.get("event"),
                       time=c.get("time"), place=c.get("place"), method=c.get("method"),
                       confidence=c.get("confidence")))
    return out


def _source_span(offsets: Sequence[int], start: int, end: int) -> tuple[int | None, int | None]:
    """A normalised-text span in the decoded original (as Normalised.to_source maps it)."""
    if not offsets or not 0 <= start <= end < len(offsets):
        return None, None
    if end <= start:
        return offsets[start], offsets[start]
    return offsets[start], offsets[end - 1] + 1


def _float(v: Any) -> float | None:
    return None if v is None else float(v)


def batches(rows: Iterable[Row], size: int = 10_000) -> Iterator[pa.RecordBatch]:
    """Rows as Arrow record batches of SCHEMA, `size` rows at a time (what a Parquet writer or
    Spark's mapInArrow takes), so that any number of rows streams in bounded memory."""
    chunk: list[Row] = []
    for r in rows:
        chunk.append(r)
        if len(chunk) >= size:
            yield pa.RecordBatch.from_pylist(chunk, schema=SCHEMA)
            chunk = []
    if chunk:
        yield pa.RecordBatch.from_pylist(chunk, schema=SCHEMA)
