"""Published fact-checks in: ClaimReview feeds (schema.org JSON-LD, a single review, a list, an
@graph, or the DataCommons DataFeed shape; also one JSON object a line) attached to the claim
groups they are about.

A review matches a grouped claim when their words agree (rapidfuzz's token-set ratio over
folded text), the numbers the review states include the claim's, and the claimant agrees: the
name the review gives as the claim's author (or the end of it: "Karimov" for "Yusuf Karimov")
must be the claim's claimant. A review that names no claimant, or whose claim appeared at the
address of the claim's own document, is held to the words alone, more strictly when neither
helps. The best claim wins; its verdict is kept with its anchor (document, sentence, number),
so that it follows the claim's group across reprocess.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from .. import workflow
from ..errors import InputError
from ..folding import fold, words
from ..store import Store, Verdict
from ..words.names import STOPWORDS

log = logging.getLogger(__name__)

# How alike the words must be (0-100): with an agreeing claimant or the claim's own page; alone.
WORDS_WITH_CLAIMANT = 60
WORDS_ALONE = 80
_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")


@dataclass(frozen=True)
class PublishedReview:
    """What a published ClaimReview says, as far as attaching it needs."""

    claim: str
    verdict: str
    claimant: str | None = None
    rating: float | None = None
    best: float | None = None
    worst: float | None = None
    author: str | None = None
    url: str | None = None
    published: str | None = None
    appearances: tuple[str, ...] = ()


@dataclass
class FeedReport:
    """What an import did: each review attached (to which group, how alike) or not (why)."""

    attached: list[dict[str, Any]] = field(default_factory=list)
    unmatched: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # reviews without a claim or a verdict

    def to_json(self) -> dict[str, Any]:
        return {"attached": self.attached, "unmatched": self.unmatched, "skipped": self.skipped}


def _first(x: Any) -> Any:
    return x[0] if isinstance(x, list) and x else x


def _name(x: Any) -> str | None:
    x = _first(x)
    if isinstance(x, dict):
        x = x.get("name")
    return (" ".join(str(x).split()) or None) if x else None


def _float(x: Any) -> float | None:
    try:
        return float(str(x).strip())
    except (TypeError, ValueError):
        return None


def _urls(x: Any) -> list[str]:
    items = x if isinstance(x, list) else [x]
    out = [(i.get("url") if isinstance(i, dict) else i) for i in items if i]
    return [str(u) for u in out if isinstance(u, str) and u]


def _is_review(node: dict[str, Any]) -> bool:
    types = node.get("@type")
    return any(str(t).rsplit("/", 1)[-1].rsplit(":", 1)[-1] == "ClaimReview"
               for t in (types if isinstance(types, list) else [types]) if t)


def _walk(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        if _is_review(node):
            yield node
            return
        for v in node.values():
            yield from _walk(v)
    elif isinstance(node, list):
        for v in node:
            yield from _walk(v)


def parse_review(node: dict[str, Any]) -> PublishedReview | None:
    """A review's claim, verdict, claimant and rating (None without a claim or a verdict)."""
    claim = _name({"name": node.get("claimReviewed")})
    rating = _first(node.get("reviewRating")) or {}
    if not isinstance(rating, dict):
        rating = {}
    value = _float(rating.get("ratingValue"))
    verdict = _name({"name": rating.get("alternateName")}) or (str(rating.get("ratingValue")) if value is not None
                                                                 else None)
    if not claim or not verdict:
        return None
    item = _first(node.get("itemReviewed")) or {}
    item = item if isinstance(item, dict) else {}
    return PublishedReview(
        claim=claim, verdict=verdict, claimant=_name(item.get("author")), rating=value,
        best=_float(rating.get("bestRating")), worst=_float(rating.get("worstRating")), author=_name(node.get("author")),
        url=_first(_urls(node.get("url"))) or None, published=(str(node.get("datePublished") or "")[:10] or None),
        appearances=tuple(_urls(item.get("appearance")) + _urls(item.get("firstAppearance"))))


def read_feed(path: str) -> tuple[list[PublishedReview], int]:
    """The reviews in a feed file, and how many it held that lack a claim or a verdict."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise InputError(path, f"cannot read the feed ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise InputError(path, "the feed is not UTF-8 text") from None
    try:
        data: Any = json.loads(text)
    except json.JSONDecodeError:
        try:
            data = [json.loads(line) for line in text.splitlines() if line.strip()]
        except json.JSONDecodeError as exc:
            raise InputError(path, f"not JSON-LD or JSON lines ({exc.msg}, line {exc.lineno})") from None
    nodes = list(_walk(data))
    if not nodes:
        raise InputError(path, "no ClaimReview in the feed")
    reviews = [r for r in (parse_review(n) for n in nodes) if r is not None]
    return reviews, len(nodes) - len(reviews)


def _numbers(text: str) -> set[float]:
    return {float(m.replace(",", "")) for m in _NUMBER.findall(text)}


def _states(numbers: set[float], claim: dict[str, Any]) -> bool:
    """Whether the claim states one of the numbers (its value, or within its range)."""
    low, high, value = claim["low"], claim["high"], claim["value"]
    for x in numbers:
        if x in (low, high, value) or (low is not None and high is not None and low <= x <= high):
            return True
    return False


def _same_claimant(review: str, claim: str | None) -> bool:
    if not claim:
        return False
    a, b = fold(review).split(), fold(claim).split()
    return bool(a) and bool(b) and (a == b or a[-len(b):] == b or b[-len(a):] == a)


def score(review: PublishedReview, claim: dict[str, Any]) -> tuple[float, str] | None:
    """How well a review fits a grouped claim (0-100) and why, or None when it does not."""
    numbers = _numbers(review.claim)
    if numbers and not _states(numbers, claim):
        return None
    alike = fuzz.token_set_ratio(fold(review.claim), fold(claim["text"]))
    on_page = bool(claim["url"]) and claim["url"] in review.appearances
    if review.claimant:
        if not _same_claimant(review.claimant, claim["claimant_name"]):
            return None
        needed, why = WORDS_WITH_CLAIMANT, f"words {alike:.0f}, claimant {claim['claimant_name']}"
    elif on_page:
        needed, why = WORDS_WITH_CLAIMANT, f"words {alike:.0f}, on the claim's own page"
    else:
        needed, why = WORDS_ALONE, f"words {alike:.0f}"
    return (alike, why) if alike >= needed else None


def best_match(store: Store, review: PublishedReview) -> tuple[dict[str, Any], float, str] | None:
    """The grouped claim a review fits best, with its score and why."""
    terms = [w for w in words(f"{review.claim} {review.claimant or ''}") if w not in STOPWORDS and len(w) > 2]
    candidates = {c["id"]: c for c in store.claims_sharing_words(terms)}
    candidates.update((c["id"], c) for c in store.claims_at(list(review.appearances)))
    best: tuple[dict[str, Any], float, str] | None = None
    for c in candidates.values():
        s = score(review, c)
        if s is not None and (best is None or s[0] > best[1]):
            best = (c, s[0], s[1])
    return best


def import_feed(store: Store, path: str) -> FeedReport:
    """Attach every review of a feed to the claim group it is about; report what could not be."""
    reviews, skipped = read_feed(path)
    workflow.resolve(store)  # groups must be current for their claims to be found
    origin = Path(path).name
    report = FeedReport(skipped=[f"{skipped} reviews without a claim or a verdict"] if skipped else [])
    for r in reviews:
        found = best_match(store, r)
        if found is None:
            report.unmatched.append({"claim": r.claim, "verdict": r.verdict, "claimant": r.claimant, "url": r.url})
            continue
        claim, alike, why = found
        store.put_verdict(store.claim_anchor(claim["id"]), Verdict(
            verdict=r.verdict, rating=r.rating, best=r.best, worst=r.worst, author=r.author, origin=origin,
            ref=r.url or r.claim, claim=r.claim, url=r.url, published=r.published).scaled())
        report.attached.append({"claim": r.claim, "verdict": r.verdict, "group": claim["group_id"],
                                "matched": claim["text"], "score": round(alike), "why": why})
    store.commit()
    log.info("%s: %d reviews attached, %d not matched", path, len(report.attached), len(report.unmatched))
    return report
