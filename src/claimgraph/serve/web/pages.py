"""The HTML pages: plain bookmarkable URLs, each calling store, workflow or resolve functions."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ... import workflow
from ...filters import SORTS
from ...resolve.groups import above
from ...store.search import SEARCH_SORTS
from ...store.speech import QUOTES_READ
from .. import pictures
from ..chart import claim_chart
from ..overview import overview as front
from ..provenance import with_provenance
from . import searching
from .access import shown_locations
from .deps import OptionsDep, StoreDep, jobs, pool, write_by_form
from .highlight import page_of, page_starts, spans_of, window_tokens
from .listing import listed
from .params import MAX_OFFSET, EntityId, GroupId, JobId, MergeId, Offset, SearchSort
from .render import page
from .stores import StorePool
from .uploads import read_files

router = APIRouter(include_in_schema=False)
GROUPS_PER_PAGE = 20
ITEMS_SHOWN = 100  # quotes and documents of one entity on its page (all of them a link away)
CLAIMS_SHOWN = 200  # of one group, on its page; the API has them all


@router.get("/", response_class=HTMLResponse)
def overview(request: Request, store: StoreDep) -> Response:
    return page(request, "index.html", **front(store))


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, store: StoreDep, q: Annotated[str, Query(max_length=500)] = "",
           within: Annotated[str | None, Query(alias="in", max_length=20)] = None, sort: SearchSort = "relevance",
           offset: Offset = 0) -> Response:
    found = searching.search(store, request, q, within, sort, searching.PAGE if within else searching.PREVIEW, offset)
    return page(request, "search.html", q=q, S=found, kinds=searching.KINDS, per_page=searching.PAGE,
                titles={"documents": "Texts", "quotes": "Quotes & speakers", "claims": "Claims"},
                sorts=SEARCH_SORTS, field_names=("publisher", "kind", "speaker", "entity", "label"))


@router.get("/documents", response_class=HTMLResponse)
def documents(request: Request, store: StoreDep, offset: Offset = 0) -> Response:
    return page(request, "documents.html", L=listed(store, request, "documents", offset), sorts=SORTS["documents"])


@router.get("/quotes", response_class=HTMLResponse)
def quotes(request: Request, store: StoreDep, offset: Offset = 0) -> Response:
    return page(request, "quotes.html", L=listed(store, request, "quotes", offset), sorts=SORTS["quotes"])


@router.get("/documents/{ref}", response_class=HTMLResponse)
def document(request: Request, ref: str, store: StoreDep,
             at: Annotated[int, Query(ge=1, le=MAX_OFFSET, alias="page", description="page of a long text")] = 1) -> Response:
    doc = store.resolve_document(ref, offsets=False)
    x = doc["extraction"]
    starts = page_starts(doc["text"])
    at = min(at, len(starts))
    end = starts[at] if at < len(starts) else len(doc["text"])
    # Which part holds each quote and claim; the side panel lists those of this part.
    part = {str(i.get("id")): page_of(starts, _start(i)) for i in (x.get("quotes") or []) + (x.get("claims") or [])}
    pages = {"at": at, "count": len(starts), "start": starts[at - 1], "end": end, "of": part}
    here = {k: [i for i in x.get(k) or [] if part.get(str(i.get("id"))) == at] for k in ("quotes", "claims")}
    return page(request, "document.html", doc=doc, x=x, pages=pages, here=here,
                tokens=window_tokens(doc["text"], spans_of(x, doc["id"]), starts[at - 1], end),
                locations=shown_locations(request, store.locations(doc["sha256"])), runs=store.runs(doc["sha256"]))


def _start(item: dict[str, Any]) -> int:
    span = item.get("span")
    return span[0] if isinstance(span, list) and span and isinstance(span[0], int) else 0


@router.get("/entities", response_class=HTMLResponse)
def entities(request: Request, store: StoreDep, offset: Offset = 0,
             q: Annotated[str | None, Query(max_length=200, description="the old name of the name filter")] = None) -> Response:
    L = listed(store, request, "entities", offset)
    if q and not L.filters.name:  # links made before the filters: /entities?q=NAME
        L = listed(store, request, "entities", offset, extra={"name": q})
    return page(request, "entities.html", L=L, per_document=not store.has_global_entities(), sorts=SORTS["entities"])


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity(request: Request, entity_id: EntityId, store: StoreDep) -> Response:
    e = store.global_entity(entity_id, limit=ITEMS_SHOWN)
    return page(request, "entity.html", e=e, timeline=pictures.entity_timeline(e), graph=pictures.graph(store, entity=e),
                shown=ITEMS_SHOWN)


@router.get("/graph", response_class=HTMLResponse)
def graph(request: Request, store: StoreDep) -> Response:
    """Who is quoted speaking about whom, over the quotes the filters keep."""
    L = listed(store, request, "quotes", 0, limit=1, facets=False)
    L.base = "/graph"
    return page(request, "graph.html", L=L, graph=pictures.graph(store, L.filters), read=QUOTES_READ)


@router.post("/entities/{entity_id}/merges/{merge_id}", dependencies=[Depends(write_by_form)])
def judge(request: Request, entity_id: EntityId, merge_id: MergeId, decision: Annotated[str, Form(pattern="^(confirm|reject)$")],
          p: Annotated[StorePool, Depends(pool)], note: Annotated[str | None, Form(max_length=2000)] = None,
          name: Annotated[str | None, Form(max_length=500)] = None) -> Response:
    with p.writer() as writable:
        workflow.judge(writable, merge_id, decision, note)
        # A judgement re-resolves, which may renumber entities: go back to this one if it is
        # still there under this id, else to a search for its name.
        now = writable.entity_name(entity_id)
        same = now is not None and (name is None or now == name)
    target = f"/entities/{entity_id}#merges" if same else f"/entities?{urlencode({'q': name or ''})}"
    return RedirectResponse(target, status_code=303)


@router.post("/documents/{ref}/corrections", dependencies=[Depends(write_by_form)])
def correct(ref: str, item: Annotated[str, Form(max_length=40, pattern="^[qc][0-9]+$")],
            field: Annotated[str, Form(pattern="^(speaker|value|claimant|group)$")],
            value: Annotated[str, Form(max_length=500)], p: Annotated[StorePool, Depends(pool)],
            by: Annotated[str | None, Form(max_length=200)] = None, note: Annotated[str | None, Form(max_length=2000)] = None,
            back: Annotated[str | None, Form(max_length=500)] = None) -> Response:
    """A person's correction of a quote's speaker or a claim's value, claimant or group."""
    with p.writer() as writable:
        done = workflow.correct(writable, ref, item, field, value, author=by or None, note=note or None)
    target = back if back and back.startswith("/") and not back.startswith("//") else f"/documents/{done.document}#{item}"
    return RedirectResponse(target, status_code=303)


@router.get("/claims", response_class=HTMLResponse)
def claims(request: Request, store: StoreDep, offset: Offset = 0, goffset: Offset = 0) -> Response:
    groups = store.claim_group_summaries(limit=GROUPS_PER_PAGE, offset=goffset)
    return page(request, "claims.html", groups=groups, n_groups=store.count_claim_groups(), goffset=goffset,
                groups_per_page=GROUPS_PER_PAGE, L=listed(store, request, "claims", offset), sorts=SORTS["claims"])


@router.get("/claims/{group_id}", response_class=HTMLResponse)
def claim_group(request: Request, group_id: GroupId, store: StoreDep,
                min_confidence: Annotated[float | None, Query(ge=0, le=1)] = None) -> Response:
    g = above(store.claim_group(group_id), min_confidence, store.labels())
    claims = g.get("claims") or []
    # Group claims carry their row id; the document page anchors claims by their id within it.
    local = store.claim_local_ids([c["id"] for c in claims[:CLAIMS_SHOWN] if isinstance(c.get("id"), int)])
    for c in claims:
        c.setdefault("local_id", local.get(c.get("id", 0), ""))
    with_provenance(store, claims[:CLAIMS_SHOWN])
    return page(request, "claim_group.html", g=g, chart=claim_chart(g, limit=CLAIMS_SHOWN), shown=CLAIMS_SHOWN,
                timeline=pictures.group_timeline(g), min_confidence=min_confidence)


@router.get("/sources", response_class=HTMLResponse)
def sources(request: Request, store: StoreDep) -> Response:
    rows = store.publishers() or store.publisher_counts()
    known = sorted({lab for r in rows for lab in r.get("labels") or []})
    return page(request, "sources.html", rows=rows, labelled=any(r.get("labels") for r in rows), known=known)


@router.post("/sources/labels", dependencies=[Depends(write_by_form)])
def label(publisher: Annotated[str, Form(min_length=1, max_length=300)],
          label: Annotated[str, Form(min_length=1, max_length=100)], p: Annotated[StorePool, Depends(pool)],
          action: Annotated[str, Form(pattern="^(add|remove)$")] = "add") -> Response:
    """A person labels a publisher (state media, rights group ...); nothing in code does."""
    with p.writer() as writable:
        workflow.label_publisher(writable, publisher, label, remove=action == "remove")
    return RedirectResponse("/sources", status_code=303)


@router.get("/upload", response_class=HTMLResponse)
def upload_form(request: Request) -> Response:
    return page(request, "upload.html")


@router.post("/upload", dependencies=[Depends(write_by_form)])
def upload(request: Request, file: Annotated[list[UploadFile], File()], options: OptionsDep) -> Response:
    """Keeps the files and answers at once; the job page follows their ingest."""
    job = jobs(request).submit(read_files(file, options.limits.max_bytes))
    return RedirectResponse(f"/upload/jobs/{job.id}", status_code=303)


@router.get("/upload/jobs/{job_id}", response_class=HTMLResponse)
def upload_job(request: Request, job_id: JobId) -> Response:
    return page(request, "job.html", job=jobs(request).get(job_id).to_json())
