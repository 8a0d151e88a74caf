"""What narrows a listing: declared once, read from a URL's query or a command line's options,
applied by the store (`store/listings.py`). The web's listings, their exports and the CLI's
`export` take the same filters, so that an exported file holds exactly what a page showed.

Every value is checked here and a bad one is an `InputError` naming the filter: a date that is
not a date, a confidence outside 0–1, a sort the listing does not have.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields, replace
from typing import Any, Literal

from .errors import InputError

Listing = Literal["documents", "quotes", "claims", "entities"]
LISTINGS: tuple[Listing, ...] = ("documents", "quotes", "claims", "entities")

# How each listing may be ordered; the first is its default. "date" is newest published first,
# "-date" oldest first; "count" is most documents first (then mentions).
SORTS: dict[str, tuple[str, ...]] = {
    "documents": ("stored", "date", "-date"),
    "quotes": ("stored", "date", "-date"),
    "claims": ("stored", "date", "-date"),
    "entities": ("count", "mentions", "name"),
}
# Which filters mean something for each listing (others are refused, not silently ignored).
APPLIES: dict[str, frozenset[str]] = {
    "documents": frozenset({"publisher", "label", "since", "until", "kind", "entity", "speaker"}),
    "quotes": frozenset({"publisher", "label", "since", "until", "kind", "entity", "speaker", "document",
                         "min_confidence"}),
    "claims": frozenset({"publisher", "label", "since", "until", "kind", "entity", "speaker", "document", "group",
                         "counted", "min_confidence"}),
    "entities": frozenset({"type", "name"}),
}
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
MAX_VALUES = 20  # values of one filter (publisher=A&publisher=B ...)
MAX_LEN = 300


@dataclass(frozen=True)
class Filters:
    """One listing's filters. Empty tuples and None mean "any"."""

    publisher: tuple[str, ...] = ()  # documents from any of these publishers
    label: tuple[str, ...] = ()  # ... or from publishers with any of these labels
    since: str | None = None  # published on or after (YYYY, YYYY-MM or YYYY-MM-DD)
    until: str | None = None  # published on or before (the whole year or month when shorter)
    kind: tuple[str, ...] = ()  # quote kind (direct, indirect ...), claim kind (count ...), document format
    type: tuple[str, ...] = ()  # entity type (PERSON, ORG, GPE ...)
    speaker: str | None = None  # part of a quote's speaker or a claim's claimant name
    entity: str | None = None  # documents mentioning this entity: its name, or a resolved entity's id
    name: str | None = None  # part of an entity's name or alias
    counted: str | None = None  # part of what a claim counts, or its event
    document: str | None = None  # one document: its id or SHA-256 prefix
    group: int | None = None  # the claims of one claim group
    min_confidence: float | None = None  # extract's confidence, 0 to 1
    sort: str | None = None

    def active(self) -> dict[str, Any]:
        """The filters set, as the URL carries them (sort included)."""
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) not in (None, ())}

    def params(self) -> list[tuple[str, str]]:
        """Query-string pairs that give these filters back through `parse`."""
        out: list[tuple[str, str]] = []
        for k, v in self.active().items():
            out.extend((k, str(x)) for x in (v if isinstance(v, tuple) else (v,)))
        return out

    def merge(self, other: Filters) -> Filters:
        """These filters narrowed further by `other` (fields named in a search query)."""
        changes: dict[str, Any] = {}
        for k, v in other.active().items():
            mine = getattr(self, k)
            changes[k] = tuple(dict.fromkeys((*mine, *v))) if isinstance(v, tuple) else v
        return replace(self, **changes)

    def for_listing(self, listing: str) -> Filters:
        """Check that each filter set means something for `listing`."""
        if listing not in SORTS:
            raise InputError(listing, f"not a listing (one of {', '.join(LISTINGS)})")
        wrong = sorted(set(self.active()) - APPLIES[listing] - {"sort"})
        if wrong:
            raise InputError(wrong[0], f"{listing} cannot be filtered by {wrong[0]}")
        if self.sort is not None and self.sort not in SORTS[listing]:
            raise InputError("sort", f"{listing} sort by {', '.join(SORTS[listing])}, not {self.sort!r}")
        return self

    def sort_for(self, listing: str) -> str:
        return self.sort or SORTS[listing][0]


def parse(query: Mapping[str, Iterable[str] | str], listing: str | None = None) -> Filters:
    """Filters from a URL's query (each key with one or several values) or options; keys that
    are not filters (offset, q ...) are left for the caller."""

    def values(key: str) -> list[str]:
        raw = query.get(key)
        items = [raw] if isinstance(raw, str) else list(raw or [])
        out = [" ".join(str(x).split()) for x in items]
        out = [x for x in out if x]
        if len(out) > MAX_VALUES:
            raise InputError(key, f"at most {MAX_VALUES} values")
        for x in out:
            if len(x) > MAX_LEN:
                raise InputError(key, f"a value is over {MAX_LEN} characters")
        return out

    def one(key: str) -> str | None:
        vs = values(key)
        return vs[-1] if vs else None

    def date(key: str) -> str | None:
        v = one(key)
        if v is not None and not _DATE.fullmatch(v):
            raise InputError(key, f"{v!r} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD")
        return v

    group = one("group")
    if group is not None and not (group.isascii() and group.isdigit() and len(group) < 19):
        raise InputError("group", f"{group!r} is not a claim group's number")
    conf = one("min_confidence")
    confidence: float | None = None
    if conf is not None:
        try:
            confidence = float(conf)
        except ValueError:
            raise InputError("min_confidence", f"{conf!r} is not a number") from None
        if not 0 <= confidence <= 1:
            raise InputError("min_confidence", "a confidence is between 0 and 1")
    since, until = date("since"), date("until")
    if since and until and since > until:
        raise InputError("since", f"{since} is after {until}")
    out = Filters(publisher=tuple(values("publisher")), label=tuple(v.lower() for v in values("label")),
                  since=since, until=until, kind=tuple(v.lower() for v in values("kind")),
                  type=tuple(v.upper() for v in values("type")), speaker=one("speaker"), entity=one("entity"),
                  name=one("name"), counted=one("counted"), document=one("document"),
                  group=int(group) if group is not None else None, min_confidence=confidence, sort=one("sort"))
    return out.for_listing(listing) if listing else out


FILTER_NAMES = tuple(f.name for f in fields(Filters))
