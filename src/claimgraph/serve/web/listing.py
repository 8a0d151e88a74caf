"""A listing as the pages and the API show it: filters from the URL, one page of rows, the total,
facets, and the links that keep the filters (pages, sorts, facet values, exports)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from fastapi import Request

from ... import filters as flt
from ...store import Store
from ...store.facets import facets_counted

PER_PAGE = 50
FACET_FILTER = {"format": "kind"}  # a facet's name -> the filter its values set, where they differ
SORT_NAMES = {"stored": "as stored", "date": "newest first", "-date": "oldest first", "count": "most documents",
              "mentions": "most mentions", "name": "name", "relevance": "relevance", "newest": "newest stored"}


def filters_of(request: Request, listing: str, extra: dict[str, str] | None = None) -> flt.Filters:
    """The listing's filters from the URL (each may be given several times: ?publisher=A&publisher=B)."""
    query: dict[str, list[str] | str] = {k: request.query_params.getlist(k) for k in flt.FILTER_NAMES
                                         if k in request.query_params}
    query.update(extra or {})
    return flt.parse(query, listing)


@dataclass
class Listed:
    listing: str
    filters: flt.Filters
    rows: list[dict[str, Any]]
    total: int
    offset: int
    limit: int
    facets: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    facets_counted: int = 0  # the rows the facets were counted over (the first of a long filtered listing)
    base: str = ""  # the page's path, when it is not the listing's own (/graph shows quotes)

    def to_json(self) -> dict[str, Any]:
        return {"items": self.rows, "limit": self.limit, "offset": self.offset, "total": self.total,
                "filters": self.filters.active(), "facets": self.facets, "facets_counted": self.facets_counted}

    # -- links, for the templates ---------------------------------------------------------------

    def href(self, offset: int | None = None, **changes: Any) -> str:
        """This listing's URL with some filters changed (None removes one) and at an offset."""
        return self._link(changes, offset)

    def _link(self, changes: dict[str, Any], offset: int | None = None) -> str:
        params = [(k, v) for k, v in self.filters.params() if k not in changes]
        for k, v in changes.items():
            if v is not None and v != "":
                params.extend((k, str(x)) for x in (v if isinstance(v, list | tuple) else [v]))
        if offset:
            params.append(("offset", str(offset)))
        return (self.base or f"/{self.listing}") + ("?" + urlencode(params) if params else "")

    def adding(self, name: str, value: str) -> str:
        """The URL narrowed by one more facet value."""
        have = getattr(self.filters, name, None)
        if isinstance(have, tuple):
            return self._link({name: tuple(dict.fromkeys((*have, value)))})
        return self._link({name: value})

    def removing(self, name: str, value: Any = None) -> str:
        have = getattr(self.filters, name, None)
        if isinstance(have, tuple) and value is not None:
            return self._link({name: tuple(v for v in have if v != value)})
        return self._link({name: None})

    def export(self, fmt: str) -> str:
        params = self.filters.params()
        return f"/export/{self.listing}.{fmt}" + ("?" + urlencode(params) if params else "")

    def form_value(self, name: str) -> tuple[str, list[str]]:
        """A filter as the form shows it: the first value in its box, the others kept hidden."""
        v = getattr(self.filters, name)
        if isinstance(v, tuple):
            return (v[0] if v else ""), list(v[1:])
        return ("" if v is None else str(v)), []

    def chips(self) -> list[tuple[str, str, str]]:
        """(filter, value, URL without it) for each active filter but the sort."""
        out = []
        for k, v in self.filters.active().items():
            if k == "sort":
                continue
            for x in v if isinstance(v, tuple) else (v,):
                out.append((k, str(x), self.removing(k, x)))
        return out


def listed(store: Store, request: Request, listing: str, offset: int, limit: int = PER_PAGE,
           facets: bool = True, extra: dict[str, str] | None = None) -> Listed:
    f = filters_of(request, listing, extra)
    total = store.listing_total(listing, f)
    return Listed(listing, f, store.listing(listing, f, limit=limit, offset=offset), total, offset, limit,
                  store.listing_facets(listing, f) if facets else {}, facets_counted(listing, f, total) if facets else 0)
