"""The HTML pages: plain bookmarkable URLs, each calling store, workflow or resolve functions."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ... import workflow
from ...errors import NotFound
from ...filters import SORTS
from ...store.search import SEARCH_SORTS
from ..chart import claim_chart
from ..overview import overview as front
from . import searching
from .access import shown_locations
from .deps import OptionsDep, StoreDep, pool, write_by_form
from .highlight import spans_of, tokens
from .listing import listed
from .params import EntityId, GroupId, MergeId, Offset, SearchSort
from .render import page
from .stores import StorePool
from .uploads import receive

router = APIRouter(include_in_schema=False)
GROUPS_PER_PAGE = 20
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
def document(request: Request, ref: str, store: StoreDep) -> Response:
    doc = store.resolve_document(ref)
    x = doc["extraction"]
    return page(request, "document.html", doc=doc, x=x, tokens=tokens(doc["text"], spans_of(x, doc["id"])),
                locations=shown_locations(request, store.locations(doc["sha256"])), runs=store.runs(doc["sha256"]))


@router.get("/entities", response_class=HTMLResponse)
def entities(request: Request, store: StoreDep, offset: Offset = 0,
             q: Annotated[str | None, Query(max_length=200, description="the old name of the name filter")] = None) -> Response:
    L = listed(store, request, "entities", offset)
    if q and not L.filters.name:  # links made before the filters: /entities?q=NAME
        L = listed(store, request, "entities", offset, extra={"name": q})
    return page(request, "entities.html", L=L, per_document=not store.has_global_entities(), sorts=SORTS["entities"])


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
def claims(request: Request, store: StoreDep, offset: Offset = 0, goffset: Offset = 0) -> Response:
    groups = store.claim_group_summaries(limit=GROUPS_PER_PAGE, offset=goffset)
    return page(request, "claims.html", groups=groups, n_groups=store.count_claim_groups(), goffset=goffset,
                groups_per_page=GROUPS_PER_PAGE, L=listed(store, request, "claims", offset), sorts=SORTS["claims"])


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
