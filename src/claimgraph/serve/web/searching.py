"""Search as the page and the API show it: the query read once (searchquery), the filters from
its fields and the URL, a page of hits per kind with totals, and each hit's matches as offsets."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlencode

from fastapi import Request

from ...errors import InputError
from ...filters import Filters
from ...searchquery import SearchQuery
from ...searchquery import parse as parse_query
from ...store import Store
from ...store.search import SEARCH_SORTS, SEARCH_WINDOW
from .listing import filters_of

KINDS = ("documents", "quotes", "claims")
SEARCH_FILTERS = ("publisher", "label", "since", "until", "kind", "speaker", "entity")
PREVIEW = 10  # hits of each kind on the page that shows all three
PAGE = 20  # hits on the page of one kind
SNIPPET = 240


@dataclass
class Hits:
    kind: str
    rows: list[dict[str, Any]]
    total: int
    offset: int = 0


@dataclass
class Searched:
    query: SearchQuery
    filters: Filters
    sort: str
    only: str | None
    hits: dict[str, Hits] = field(default_factory=dict)
    window: int = SEARCH_WINDOW

    def href(self, only: str | None = None, offset: int = 0, **changes: Any) -> str:
        params = [("q", self.query.text)] + [(k, v) for k, v in self.filters.params() if k not in changes]
        if self.sort != SEARCH_SORTS[0] and "sort" not in changes:
            params.append(("sort", self.sort))
        params += [(k, str(v)) for k, v in changes.items() if v]
        if only:
            params.append(("in", only))
        if offset:
            params.append(("offset", str(offset)))
        return "/search?" + urlencode(params)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"q": self.query.text, "filters": self.filters.active(), "sort": self.sort}
        if self.query.note:
            out["note"] = self.query.note
        if self.only:
            h = self.hits[self.only]
            return {**out, "in": self.only, "items": h.rows, "total": h.total, "offset": h.offset}
        return {**out, **{k: h.rows for k, h in self.hits.items()}, "totals": {k: h.total for k, h in self.hits.items()}}


def search(store: Store, request: Request, q: str, only: str | None, sort: str, limit: int, offset: int) -> Searched:
    if only is not None and only not in KINDS:
        raise InputError("in", f"search in {', '.join(KINDS)}")
    if sort not in SEARCH_SORTS:
        raise InputError("sort", f"sort by {', '.join(SEARCH_SORTS)}")
    sq = parse_query(q)
    f = replace(filters_of(request, ""), sort=None).merge(sq.filters)  # the search's sort is its own
    wrong = set(f.active()) - set(SEARCH_FILTERS)
    if wrong:
        raise InputError(sorted(wrong)[0], "not a search filter")
    out = Searched(sq, f, sort, only)
    if sq.empty:
        return out
    for kind in [only] if only else KINDS:
        rows = store.search_page(kind, sq.match, f, limit=limit, offset=offset if only else 0, sort=sort)
        out.hits[kind] = Hits(kind, [_marked(sq, kind, r) for r in rows], store.search_total(kind, sq.match, f),
                              offset if only else 0)
    return out


def _marked(sq: SearchQuery, kind: str, row: dict[str, Any]) -> dict[str, Any]:
    """A hit with its matches as offsets: into `snippet` for a document (a window of its text
    starting at `snippet_start`), into `text` for a quote or a claim."""
    if kind == "documents":
        text = row.pop("text") or ""
        a, b, marks = sq.snippet(text, SNIPPET)
        row["snippet"], row["snippet_start"] = text[a:b], a
        row["marks"] = [[x - a, y - a] for x, y in marks]
        if not marks and row.get("title"):  # the match is in the title
            row["title_marks"] = [list(m) for m in sq.marks(row["title"])]
    else:
        row["marks"] = [list(m) for m in sq.marks(row.get("text") or "")]
    return row


def pieces(text: str | None, marks: list[list[int]] | None) -> list[tuple[str, bool]]:
    """(text, is_match) pieces of a text cut at its match offsets, for the template to escape."""
    text = text or ""
    out: list[tuple[str, bool]] = []
    pos = 0
    for a, b in sorted(marks or []):
        a, b = max(a, pos), min(b, len(text))
        if a >= b:
            continue
        if a > pos:
            out.append((text[pos:a], False))
        out.append((text[a:b], True))
        pos = b
    if pos < len(text):
        out.append((text[pos:], False))
    return out
