"""The HTML pages: plain bookmarkable URLs, each calling store, workflow or resolve functions."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ... import workflow
from ...errors import NotFound
from ..chart import claim_chart
from ..overview import overview as front
from .access import shown_locations
from .deps import OptionsDep, StoreDep, pool, write_by_form
from .highlight import spans_of, tokens
from .params import EntityId, GroupId, MergeId, Offset
from .render import page
from .stores import StorePool
from .uploads import receive

router = APIRouter(include_in_schema=False)
PER_PAGE = 50
GROUPS_PER_PAGE = 20
CLAIMS_SHOWN = 200  # of one group, on its page; the API has them all


@router.get("/", response_class=HTMLResponse)
def overview(request: Request, store: StoreDep) -> Response:
    return page(request, "index.html", **front(store))


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, store: StoreDep, q: Annotated[str, Query(max_length=500)] = "") -> Response:
    hits = store.search(q, limit=50) if q.strip() else None
    return page(request, "search.html", q=q, hits=hits)


@router.get("/documents", response_class=HTMLResponse)
def documents(request: Request, store: StoreDep, offset: Offset = 0,
              publisher: Annotated[str | None, Query()] = None) -> Response:
    rows = store.documents(limit=PER_PAGE, offset=offset, publisher=publisher)
    return page(request, "documents.html", rows=rows, total=store.count_documents(publisher), offset=offset,
                per_page=PER_PAGE, publisher=publisher)


@router.get("/documents/{ref}", response_class=HTMLResponse)
def document(request: Request, ref: str, store: StoreDep) -> Response:
    doc = store.resolve_document(ref)
    x = doc["extraction"]
    return page(request, "document.html", doc=doc, x=x, tokens=tokens(doc["text"], spans_of(x, doc["id"])),
                locations=shown_locations(request, store.locations(doc["sha256"])), runs=store.runs(doc["sha256"]))


@router.get("/entities", response_class=HTMLResponse)
def entities(request: Request, store: StoreDep, offset: Offset = 0,
             q: Annotated[str | None, Query(max_length=200)] = None) -> Response:
    if store.has_global_entities():
        rows, per_document = store.global_entities(q=q, limit=PER_PAGE, offset=offset), False
    else:  # nothing resolved yet: entities as found in each document
        rows, per_document = store.entities(name=q, limit=PER_PAGE, offset=offset), True
    return page(request, "entities.html", rows=rows, per_document=per_document, q=q or "", offset=offset,
                per_page=PER_PAGE)


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity(request: Request, entity_id: EntityId, store: StoreDep) -> Response:
    return page(request, "entity.html", e=store.global_entity(entity_id))


@router.post("/entities/{entity_id}/merges/{merge_id}", dependencies=[Depends(write_by_form)])
def judge(request: Request, entity_id: EntityId, merge_id: MergeId, decision: Annotated[str, Form(pattern="^(confirm|reject)$")],
          p: Annotated[StorePool, Depends(pool)], note: Annotated[str | None, Form(max_length=2000)] = None,
          name: Annotated[str | None, Form(max_length=500)] = None) -> Response:
    with p.writer() as writable:
        workflow.judge(writable, merge_id, decision, note)
        # A judgement re-resolves, which may renumber entities: go back to this one if it is
        # still there under this id, else to a search for its name.
        try:
            same = name is None or writable.global_entity(entity_id).get("name") == name
        except NotFound:
            same = False
    target = f"/entities/{entity_id}#merges" if same else f"/entities?{urlencode({'q': name or ''})}"
    return RedirectResponse(target, status_code=303)


@router.get("/claims", response_class=HTMLResponse)
def claims(request: Request, store: StoreDep, offset: Offset = 0, goffset: Offset = 0,
           counted: Annotated[str | None, Query(max_length=200)] = None) -> Response:
    groups = store.claim_group_summaries(limit=GROUPS_PER_PAGE, offset=goffset)
    rows = store.claims(counted=counted, limit=PER_PAGE, offset=offset)
    return page(request, "claims.html", groups=groups, rows=rows, counted=counted or "", offset=offset,
                per_page=PER_PAGE, goffset=goffset, groups_per_page=GROUPS_PER_PAGE)


@router.get("/claims/{group_id}", response_class=HTMLResponse)
def claim_group(request: Request, group_id: GroupId, store: StoreDep) -> Response:
    g = store.claim_group(group_id)
    claims = g.get("claims") or []
    # Group claims carry their row id; the document page anchors claims by their id within it.
    local = store.claim_local_ids([c["id"] for c in claims[:CLAIMS_SHOWN] if isinstance(c.get("id"), int)])
    for c in claims:
        c.setdefault("local_id", local.get(c.get("id", 0), ""))
    return page(request, "claim_group.html", g=g, chart=claim_chart(g, limit=CLAIMS_SHOWN), shown=CLAIMS_SHOWN)


@router.get("/sources", response_class=HTMLResponse)
def sources(request: Request, store: StoreDep) -> Response:
    rows = store.publishers() or store.publisher_counts()
    return page(request, "sources.html", rows=rows, labelled=any(r.get("labels") for r in rows))


@router.get("/upload", response_class=HTMLResponse)
def upload_form(request: Request) -> Response:
    return page(request, "upload.html")


@router.post("/upload", dependencies=[Depends(write_by_form)])
def upload(request: Request, file: Annotated[UploadFile, File()], options: OptionsDep,
           p: Annotated[StorePool, Depends(pool)]) -> Response:
    got = receive(p, options, file.filename or "upload", file.file)
    if len(got.documents) == 1:
        return RedirectResponse(f"/documents/{got.documents[0]}", status_code=303)
    return page(request, "upload.html", result=got.to_json(), status=201)
