"""schema.org ClaimReview for each claim group, in the DataCommons feed shape fact-checkers
publish (a DataFeed whose items each hold one ClaimReview), streamed one group at a time.

The reviewed Claim is the group: `claimReviewed` sums it up (what is counted, with each value
stated), `appearance` lists every source document (URL, headline, date, publisher, SHA-256) and
`firstAppearance` the earliest, `author` each claimant. Nothing is invented: `reviewRating`
appears only where a person gave the group a verdict (`claimgraph verdict`), a claimant's type
only where an entity was found for it (else a plain Thing), and the review's author only where
the verdict or the export names one. Verdicts imported from other fact-checkers are theirs,
not ours to republish: they are listed by `claimgraph verdicts`, never exported here.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO, Any

from ..clock import now
from ..filters import Filters
from ..model import plain_number
from ..store import Store

log = logging.getLogger(__name__)

CONTEXT = "https://schema.org"
AUTHOR_TYPES = {"PERSON": "Person", "ORG": "Organization", "GPE": "Organization", "NORP": "Organization"}


@dataclass(frozen=True)
class ReviewOptions:
    publisher: str | None = None  # the organisation that publishes these reviews (the review's author)
    base_url: str | None = None  # where the web face runs: each review's url is its group's page
    reviewed_only: bool = False  # only groups a person gave a verdict
    disputed: bool = False  # only groups whose values contradict each other


def _thing(name: str, type_: str) -> dict[str, Any]:
    return {"@type": type_, "name": name}


def _rating(v: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"@type": "Rating", "alternateName": v["verdict"]}
    if v["rating"] is not None:
        out.update(ratingValue=plain_number(v["rating"]), bestRating=plain_number(v["best"]),
                   worstRating=plain_number(v["worst"]))
    return out


def claim_reviewed(group: dict[str, Any]) -> str:
    """What the group claims, in words: its label and each value stated."""
    values = "; ".join(str(v.get("text")) for v in group.get("values") or [])
    return f"{group['label']}: {values}" if values else str(group["label"])


def review(group: dict[str, Any], docs: dict[str, dict[str, Any]], types: dict[int, str],
           verdict: dict[str, Any] | None, options: ReviewOptions) -> dict[str, Any]:
    """One ClaimReview (no @context: the feed carries it)."""
    claims = group.get("claims") or []
    appearances, seen = [], set()
    for c in claims:
        d = docs.get(c["document"])
        if d is None or d["sha256"] in seen:
            continue
        seen.add(d["sha256"])
        work: dict[str, Any] = {"@type": "CreativeWork", "identifier": f"sha256:{d['sha256']}"}
        for key, value in (("url", d["url"]), ("headline", d["title"]), ("datePublished", d["published"])):
            if value:
                work[key] = value
        if d["publisher"]:
            work["publisher"] = _thing(d["publisher"], "Organization")
        appearances.append(work)
    dated = sorted((a for a in appearances if a.get("datePublished")), key=lambda a: a["datePublished"])
    authors, named = [], set()
    for c in claims:
        name = c.get("claimant")
        if name and name not in named:
            named.add(name)
            # The outlet itself when the claim is the publisher's own; else the entity found for it.
            kind = "Organization" if c.get("basis") == "publisher" else AUTHOR_TYPES.get(types.get(c.get("id", 0), ""))
            authors.append(_thing(name, kind or "Thing"))
    item: dict[str, Any] = {"@type": "Claim", "appearance": appearances}
    if authors:
        item["author"] = authors
    if dated or appearances:
        item["firstAppearance"] = (dated or appearances)[0]
    out: dict[str, Any] = {"@type": "ClaimReview", "claimReviewed": claim_reviewed(group), "itemReviewed": item}
    if options.base_url:
        out["url"] = f"{options.base_url.rstrip('/')}/claims/{group['id']}"
    if verdict is not None:
        out["reviewRating"] = _rating(verdict)
        out["datePublished"] = str(verdict["at"])[:10]
        if verdict["note"]:
            out["reviewBody"] = verdict["note"]
    if options.publisher:
        out["author"] = _thing(options.publisher, "Organization")
    elif verdict is not None and verdict["author"]:
        out["author"] = _thing(verdict["author"], "Person")
    return out


def reviews(store: Store, f: Filters, options: ReviewOptions,
            tick: Callable[[], None] | None = None) -> Iterator[dict[str, Any]]:
    """A ClaimReview for each kept group, one group in memory at a time."""
    for group in store.export_groups(f, options.disputed):
        if tick:
            tick()
        mine = store.verdicts(group_id=group["id"], origin="person")
        if options.reviewed_only and not mine:
            continue
        claims = group.get("claims") or []
        docs = store.document_refs(sorted({c["document"] for c in claims}))
        types = store.claimant_types([c["id"] for c in claims if isinstance(c.get("id"), int)])
        yield review(group, docs, types, mine[0] if mine else None, options)


def write_claimreview(store: Store, f: Filters, out: IO[str], options: ReviewOptions,
                      tick: Callable[[], None] | None = None) -> int:
    """The reviews as one DataFeed document, written as each is made."""
    head = {"@context": CONTEXT, "@type": "DataFeed", "dateModified": now()}
    out.write(json.dumps(head, ensure_ascii=False)[:-1] + ', "dataFeedElement": [')
    n = 0
    for n, r in enumerate(reviews(store, f, options, tick), 1):
        item = {"@type": "DataFeedItem", "dateCreated": r.get("datePublished") or head["dateModified"][:10], "item": [r]}
        out.write(("\n" if n == 1 else ",\n") + json.dumps(item, ensure_ascii=False))
    out.write("\n]}\n")
    log.info("wrote %d ClaimReviews", n)
    return n
