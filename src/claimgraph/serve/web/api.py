"""The JSON API under /api/: each route calls one store, workflow or resolve function."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, File, Query, Request, UploadFile
from fastapi.responses import Response

from ... import workflow
from ...filters import Filters
from ...resolve.groups import above
from ...store import Store
from ...store.facets import facets_counted
from . import searching
from .access import shown_locations, shown_source
from .deps import OptionsDep, StoreDep, jobs, pool, write_by_form, write_by_header
from .listing import filters_of
from .params import EntityId, GroupId, JobId, Limit, MergeId, Offset, SearchSort
from .stores import StorePool
from .uploads import read_files, receive

router = APIRouter(prefix="/api", tags=["api"])

DocRef = Annotated[str | None, Query(description="a document's numeric id or SHA-256 prefix")]


def page(items: list[dict[str, Any]], limit: int, offset: int, total: int | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"items": items, "limit": limit, "offset": offset}
    if total is not None:
        out["total"] = total
    return out


@router.get("/stats", summary="How much is stored")
def stats(store: StoreDep) -> dict[str, int]:
    return store.stats()


def listing_filters(
        request: Request,
        publisher: Annotated[list[str] | None, Query(description="documents from this publisher (repeatable)")] = None,
        label: Annotated[list[str] | None, Query(description="... or from publishers with this label (repeatable)")] = None,
        since: Annotated[str | None, Query(description="published on or after: YYYY, YYYY-MM or YYYY-MM-DD")] = None,
        until: Annotated[str | None, Query(description="published on or before (the whole year or month)")] = None,
        kind: Annotated[list[str] | None, Query(description="quote kind, claim kind or document format")] = None,
        type: Annotated[list[str] | None, Query(description="entity type: PERSON, ORG, GPE ...")] = None,
        speaker: Annotated[str | None, Query(description="part of a quote's speaker or a claim's claimant")] = None,
        entity: Annotated[str | None, Query(description="in documents naming this entity (name or resolved id)")] = None,
        name: Annotated[str | None, Query(description="part of an entity's name or alias")] = None,
        counted: Annotated[str | None, Query(description="part of what a claim counts, or its event")] = None,
        document: DocRef = None,
        group: Annotated[str | None, Query(description="the claims of this claim group")] = None,
        min_confidence: Annotated[str | None, Query(description="extract's confidence at least this (0-1)")] = None,
        sort: Annotated[str | None, Query(description="stored, date, -date (documents, quotes, claims); "
                                                       "count, mentions, name (entities)")] = None) -> Filters:
    """The filters every listing takes (declared here for the schema; read by filters.parse)."""
    return filters_of(request, "")


FiltersDep = Annotated[Filters, Depends(listing_filters)]
Facets = Annotated[bool, Query(description="also count the most frequent values of each facet")]


def listing(store: Store, name: str, f: Filters, limit: int, offset: int, facets: bool) -> dict[str, Any]:
    f = f.for_listing(name)
    out: dict[str, Any] = {"items": store.listing(name, f, limit=limit, offset=offset), "limit": limit,
                           "offset": offset, "total": store.listing_total(name, f), "filters": f.active()}
    if facets:
        out["facets"] = store.listing_facets(name, f)
        out["facets_counted"] = facets_counted(name, f, out["total"])
    return out


@router.get("/documents", summary="Stored documents, oldest first, with counts of what was found")
def documents(request: Request, store: StoreDep, f: FiltersDep, limit: Limit = 50, offset: Offset = 0,
              facets: Facets = False) -> dict[str, Any]:
    out = listing(store, "documents", f, limit, offset, facets)
    out["items"] = [shown_source(request, d) for d in out["items"]]
    return out


@router.get("/documents/{ref}", summary="One document: text, extraction, flags, where it was found, how it was processed")
def document(request: Request, ref: str, store: StoreDep) -> dict[str, Any]:
    # Without its offsets: an internal map back to the original, large and not useful over HTTP.
    doc = shown_source(request, store.resolve_document(ref, offsets=False))
    doc["locations"] = shown_locations(request, store.locations(doc["sha256"]))
    doc["runs"] = store.runs(doc["sha256"])
    doc["original"] = f"/api/documents/{doc['id']}/original"
    return doc


@router.get("/documents/{ref}/original", summary="The unaltered original bytes, as a download",
            response_class=Response, responses={200: {"content": {"application/octet-stream": {}}}})
def original(ref: str, store: StoreDep) -> Response:
    doc = store.resolve_document(ref)
    data, _media_type = store.original(doc["sha256"])
    # Always a download of opaque bytes: an original may be hostile HTML and must never render
    # on this origin, whatever its stored media type says.
    return Response(data, media_type="application/octet-stream", headers={
        "Content-Disposition": f'attachment; filename="{doc["sha256"]}.original"',
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "no-store",
    })


@router.get("/quotes", summary="Quotes with their speakers")
def quotes(store: StoreDep, f: FiltersDep, limit: Limit = 100, offset: Offset = 0, facets: Facets = False) -> dict[str, Any]:
    return listing(store, "quotes", f, limit, offset, facets)


@router.get("/document-entities", summary="Entities as found in each document (before cross-document resolution)")
def document_entities(store: StoreDep, name: Annotated[str | None, Query()] = None,
                      type: Annotated[str | None, Query(description="PERSON, ORG, GPE ...")] = None,
                      document: DocRef = None, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    doc_id = store.resolve_document(document)["id"] if document else None
    rows = store.entities(name=name, type_=type, document_id=doc_id, limit=limit, offset=offset)
    return page(rows, limit, offset)


@router.get("/entities", summary="People, organisations and places across documents, under all their names")
def entities(request: Request, store: StoreDep, f: FiltersDep,
             q: Annotated[str | None, Query(description="part of a name or alias (as name)")] = None,
             limit: Limit = 50, offset: Offset = 0, facets: Facets = False) -> dict[str, Any]:
    if q and not f.name:
        f = filters_of(request, "", {"name": q})
    if not store.has_global_entities():
        return page([], limit, offset, 0)  # nothing resolved yet: see /api/document-entities
    return listing(store, "entities", f, limit, offset, facets)


@router.get("/entities/{entity_id}", summary="One entity: its documents, what it said, what was said about it, its merges")
def entity(entity_id: EntityId, store: StoreDep, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    """Each list (documents, quotes_by, quotes_about, claims_about) holds its newest `limit`
    items from `offset`; `totals` counts them all."""
    return store.global_entity(entity_id, limit=limit, offset=offset)


@router.get("/claims", summary="Numeric claims and who makes them")
def claims(store: StoreDep, f: FiltersDep, limit: Limit = 100, offset: Offset = 0, facets: Facets = False) -> dict[str, Any]:
    return listing(store, "claims", f, limit, offset, facets)


@router.get("/claim-groups", summary="Claims about the same quantity across documents, with contradictions")
def claim_groups(store: StoreDep, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    return page(store.claim_groups(limit=limit, offset=offset), limit, offset, store.count_claim_groups())


@router.get("/claim-groups/{group_id}", summary="One claim group: values, claimants, independent sources")
def claim_group(group_id: GroupId, store: StoreDep, min_confidence: Annotated[float | None, Query(
        ge=0, le=1, description="leave out claims extract found with less confidence")] = None) -> dict[str, Any]:
    return above(store.claim_group(group_id), min_confidence, store.labels())


@router.get("/search", summary="Full-text search over texts, quotes, speakers and claims",
            description='Words must all match; "phrases", OR, NOT (-word), prefix*, parentheses, and the fields '
                        'speaker:, publisher:, entity:, kind:, label: (Lucene syntax). Each hit carries `marks`: '
                        "[start, end] offsets of its matches in `snippet` (texts) or `text` (quotes, claims).")
def search(request: Request, store: StoreDep, q: Annotated[str, Query(min_length=1, max_length=500)],
           within: Annotated[str | None, Query(alias="in", description="documents, quotes or claims: one kind, "
                                               "paged with offset and a total")] = None,
           sort: SearchSort = "relevance", limit: Annotated[int, Query(ge=1, le=100)] = 20,
           offset: Offset = 0) -> dict[str, Any]:
    found = searching.search(store, request, q, within, sort, limit, offset)
    return {**found.to_json(), "limit": limit}


@router.get("/publishers", summary="Publishers with their labels and document counts")
def publishers(store: StoreDep) -> list[dict[str, Any]]:
    return store.publishers()


@router.post("/upload", status_code=201, dependencies=[Depends(write_by_form)],
             summary="Ingest one file (text, HTML, PDF, WARC, zip) through the same path as the CLI",
             responses={401: {"description": "token missing or wrong"}, 403: {"description": "read-only server"},
                        413: {"description": "over the size limit"}, 422: {"description": "nothing could be read"}})
def upload(file: Annotated[UploadFile, File(description="the document")], options: OptionsDep,
           p: Annotated[StorePool, Depends(pool)]) -> dict[str, Any]:
    return receive(p, options, file.filename or "upload", file.file).to_json()


@router.post("/uploads", status_code=202, dependencies=[Depends(write_by_form)],
             summary="Ingest several files in the background; answers at once with the job to follow",
             responses={401: {"description": "token missing or wrong"}, 403: {"description": "read-only server"},
                        413: {"description": "over the size limit"}})
def uploads(request: Request, file: Annotated[list[UploadFile], File(description="the documents (repeat the field)")],
            options: OptionsDep) -> dict[str, Any]:
    return jobs(request).submit(read_files(file, options.limits.max_bytes)).to_json()


@router.get("/jobs/{job_id}", summary="An upload job: each file's status, the documents made, the errors")
def job(request: Request, job_id: JobId) -> dict[str, Any]:
    return jobs(request).get(job_id).to_json()


@router.post("/merges/{merge_id}", dependencies=[Depends(write_by_header)],
             summary="Confirm or reject a merge of two names into one entity")
def judge(merge_id: MergeId, request: Request,
          decision: Annotated[str, Body(pattern="^(confirm|reject)$")],
          note: Annotated[str | None, Body(max_length=2000)] = None) -> dict[str, Any]:
    with request.app.state.pool.writer() as writable:
        workflow.judge(writable, merge_id, decision, note)
    return {"merge": merge_id, "decision": decision}


@router.post("/corrections", dependencies=[Depends(write_by_header)], status_code=201,
             summary="Correct a quote's speaker, or a claim's value, claimant or group (kept across reprocess)")
def correct(request: Request, document: Annotated[str, Body(max_length=80)],
            item: Annotated[str, Body(max_length=40, pattern="^[qc][0-9]+$")],
            field: Annotated[str, Body(pattern="^(speaker|value|claimant|group)$")],
            value: Annotated[str | None, Body(max_length=500)] = None, by: Annotated[str | None, Body(max_length=200)] = None,
            note: Annotated[str | None, Body(max_length=2000)] = None, undo: Annotated[bool, Body()] = False) -> dict[str, Any]:
    with request.app.state.pool.writer() as writable:
        done = workflow.correct(writable, document, item, field, value, author=by, note=note, undo=undo)
    return asdict(done)
