"""CSV and JSON of exactly what a listing shows: the same filters from the URL, every matching
row in the listing's order, streamed as it is read (a listing of 100,000 claims never sits in
memory whole)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import StreamingResponse

from ...formatting import value_text
from .access import hide_path, trusted
from .deps import pool
from .listing import filters_of
from .stores import StorePool

router = APIRouter(tags=["api"])
BATCH = 500  # rows per chunk written to the client
# Columns of each export, in order: what the listing's rows hold, big or internal ones left out.
COLUMNS = {
    "documents": ["id", "sha256", "title", "publisher", "published", "url", "format", "language", "source",
                  "n_entities", "n_quotes", "n_claims"],
    "quotes": ["id", "document_id", "local_id", "sha256", "title", "publisher", "published", "url", "kind", "text",
               "speaker_name", "speaker_text", "speaker_method", "cue", "confidence", "start", "end"],
    "claims": ["id", "document_id", "local_id", "sha256", "title", "publisher", "published", "url", "captured_at", "kind",
               "value_text", "value", "low", "high", "qualifier", "unit", "counted", "event", "time", "place",
               "claimant_name", "claimant_basis", "confidence", "text", "start", "end"],
    "entities": ["id", "name", "type", "aliases", "roles", "n_documents", "n_mentions", "document_id", "title"],
}
MEDIA = {"csv": "text/csv; charset=utf-8", "json": "application/json"}


def _prepared(listing: str, row: dict[str, Any], hide: bool) -> dict[str, Any]:
    if listing == "claims":
        row["value_text"] = value_text(row.get("low"), row.get("high"), row.get("value"), row.get("qualifier"))
    if hide and row.get("source"):
        row["source"] = hide_path(row["source"])
    return {k: row.get(k) for k in COLUMNS[listing] if k in row or k == "value_text"}


def _cell(v: Any) -> Any:
    if isinstance(v, list | dict):
        return "; ".join(map(str, v)) if isinstance(v, list) else json.dumps(v, ensure_ascii=False)
    return "" if v is None else v


def stream(p: StorePool, listing: str, request: Request, fmt: str) -> Iterator[str]:
    """The export, a chunk at a time, read through its own connection for as long as it lasts."""
    f = filters_of(request, listing)
    hide = not trusted(request)
    with p.reader() as store:
        rows = (_prepared(listing, r, hide) for r in store.listing_rows(listing, f))
        if fmt == "csv":
            buf = io.StringIO()
            out = csv.writer(buf)
            out.writerow(COLUMNS[listing])
            for i, r in enumerate(rows, 1):
                out.writerow([_cell(r.get(k)) for k in COLUMNS[listing]])
                if i % BATCH == 0:
                    yield buf.getvalue()
                    buf.seek(0)
                    buf.truncate()
            yield buf.getvalue()
        else:
            yield "["
            sep = "\n"
            for r in rows:
                yield sep + json.dumps(r, ensure_ascii=False)
                sep = ",\n"
            yield "\n]\n"


@router.get("/export/{listing}.{fmt}", summary="Every row of a listing, with its filters, as CSV or JSON (streamed)",
            response_class=StreamingResponse, responses={200: {"content": {"text/csv": {}, "application/json": {}}}})
def export(request: Request, p: Annotated[StorePool, Depends(pool)],
           listing: Annotated[str, Path(pattern="^(documents|quotes|claims|entities)$")],
           fmt: Annotated[str, Path(pattern="^(csv|json)$")]) -> StreamingResponse:
    filters_of(request, listing)  # a bad filter is a 422 now, not a broken download later
    name = f"claimgraph-{listing}.{fmt}"
    return StreamingResponse(stream(p, listing, request, fmt), media_type=MEDIA[fmt],
                             headers={"Content-Disposition": f'attachment; filename="{name}"',
                                      "Cache-Control": "no-store"})
