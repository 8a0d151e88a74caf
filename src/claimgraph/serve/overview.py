"""What the CLI's summary, the report and the web's overview show: gathered once here, rendered
by each face in its own way (tables, HTML, Markdown)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..formatting import value_text
from ..store import Store
from .provenance import with_provenance

CONTESTED_SHOWN = 20


def with_values(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Claim rows with their value as people read it ('over 30,000', '2,800–3,800')."""
    return [{**r, "value_text": value_text(r["low"], r["high"], r["value"], r["qualifier"])} for r in rows]


def summary(store: Store) -> dict[str, Any]:
    """What was stored and found: counts, first documents, top speakers, first quotes and claims."""
    speakers = Counter(q["speaker_name"] for q in store.quotes(limit=10_000) if q["speaker_name"])
    return {"stats": store.stats(), "documents": store.documents(limit=20),
            "speakers": [{"speaker": k, "quotes": v} for k, v in sorted(speakers.items(), key=lambda kv: -kv[1])[:15]],
            "quotes": store.quotes(limit=12), "claims": with_values(store.claims(limit=15))}


def overview(store: Store) -> dict[str, Any]:
    """The web's front page: counts, recent documents, contested numbers (group summaries: a
    group's claims, thousands in a large corpus, are not read here)."""
    return {"stats": store.stats(), "recent": store.documents(limit=10, newest_first=True),
            "contested": store.claim_group_summaries(limit=CONTESTED_SHOWN, contradicted=True),
            "n_groups": store.count_claim_groups(), "n_contested": store.count_claim_groups(contradicted=True)}


def unique_quotes(quotes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A wire quote carried by five sites is shown once, with the five places it appeared."""
    out: dict[str, dict[str, Any]] = {}
    for q in quotes:
        text = q["text"].strip().rstrip(",")  # a quote cut before "he said" keeps its comma
        u = out.setdefault(" ".join(text.split()), {"text": text, "where": []})
        where = ", ".join(x for x in (q.get("publisher") or q.get("title"), q.get("published")) if x)
        if where and where not in u["where"]:
            u["where"].append(where)
    return list(out.values())


def report_data(store: Store, min_claims: int = 2) -> dict[str, Any]:
    """The claim landscape: groups with several claims or a contradiction, the rest listed, who
    said what (the most documented speakers), publishers and their labels."""
    groups = store.claim_groups(limit=100_000)
    main = [g for g in groups if len(g["claims"]) >= min_claims or g["contradiction"]]
    for g in main:  # each sentence with its document's URL, fingerprint and capture time
        with_provenance(store, g["claims"])
    rest = [g for g in groups if g not in main]
    speakers = []
    for e in store.global_entities(limit=40):
        if e["type"] in ("PERSON", "ORG"):
            full = store.global_entity(e["id"])
            if full["quotes_by"]:
                full["quotes"] = unique_quotes(full["quotes_by"])
                speakers.append(full)
    return {"groups": main, "minor": rest, "speakers": speakers[:15], "publishers": store.publishers(),
            "stats": store.stats()}
