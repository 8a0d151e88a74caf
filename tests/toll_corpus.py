"""The toll articles (tests/toll_articles/): a dozen short articles written for these tests, in the
shape scraped news comes in, read by the real extractors. Every claim the extractors find has a
gold label here, by document and the words that state its number; a claim without one is a
mistake of extraction and must stay out of every group of labelled claims."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from claimgraph import workflow
from claimgraph.options import Options
from claimgraph.store import Store

FOLDER = Path(__file__).parent / "toll_articles"
TOLL = "iran88.killed"
FIRE = "fire.killed"

# file -> {number as written: gold label}
GOLD: dict[str, dict[str, str]] = {
    "01-caspian-ledger.txt": {"Over 30,000": TOLL, "more than 1,200": TOLL, "27": "age.nasrin", "four": "sentence.served",
                              "five": "sentence.length", "40": "relatives"},
    "02-harbor-times.txt": {"between 2,800 and 3,800": TOLL},
    "03-atlas-review.txt": {"between 2,800 and 5,000": TOLL, "three": "commission", "a few": "minutes"},
    "04-northern-star.txt": {"more than 30,000": TOLL},
    "05-pars-observer.txt": {"thousands": TOLL, "140": "judges"},
    "06-gulf-dispatch.txt": {"Some 5,000": TOLL},
    "07-daily-courier.txt": {"Some 5,000": TOLL},
    "08-exile-monitor.txt": {"Between 4,000 and 5,000": TOLL, "more than 1,200": TOLL},
    "09-civic-review.txt": {"Several thousand": TOLL, "4,672": "iran88.identified"},
    "10-meridian-journal.txt": {"an estimated 30,000": TOLL, "61": "age.tavakoli", "six": "years.served"},
    "11-karvan-fire.txt": {"14": FIRE, "about 2,000": "fire.capacity"},
    "12-karvan-fire-update.txt": {"16": FIRE, "Two": "fire.injured"},
}
# The toll's values, as the group must show them (the claims' own words).
TOLL_VALUES = {"over 30,000", "more than 1,200", "2,800–3,800", "2,800–5,000", "4,000–5,000", "some 5,000",
               "thousands", "several thousand", "an estimated 30,000"}


# What a careful reader takes each value to allow (written by hand, not by our reading of the
# words): two values contradict when these are apart. A contradiction flagged between values a
# reader can hold together is a false one; the fire's 14 and 16 are an update, never one.
READER: dict[str, tuple[float, float]] = {
    "over 30,000": (30000, math.inf), "more than 30,000": (30000, math.inf), "more than 1,200": (1200, math.inf),
    "2,800–3,800": (2800, 3800), "2,800–5,000": (2800, 5000), "4,000–5,000": (4000, 5000),
    "some 5,000": (4500, 5500), "an estimated 30,000": (25000, 35000), "thousands": (2000, math.inf),
    "several thousand": (2000, 9999),
}


def paths() -> list[str]:
    return sorted(str(p) for p in FOLDER.glob("*.txt"))


def load(store: Store) -> dict[tuple[str, str], str]:
    """Ingest the articles (extract, store, resolve); returns (sha256, claim id) -> gold label, with
    a label of its own for every claim of theirs the gold does not name."""
    report = workflow.ingest(store, paths(), Options())
    assert not report.failed, report.failed
    gold: dict[tuple[str, str], str] = {}
    for doc in store.documents(limit=100):
        name = Path(store.resolve_document(doc["id"])["source"]).name
        if name not in GOLD:
            continue  # a document stored beside the articles has no gold
        for c in store.claims(document_id=doc["id"], limit=1000):
            label = GOLD.get(name, {}).get(c["number_text"])
            gold[(doc["sha256"], c["local_id"])] = label or f"unlabelled:{name}:{c['number_text']}"
    return gold


def figures(store: Store, gold: dict[tuple[str, str], str]) -> dict[str, Any]:
    """What the toll articles come to after resolve: how many groups hold the 1988 toll, whether
    one group holds it all flagged disputed, the claims in it that are not the toll, its values in
    their own words, the contradictions flagged between values a reader can hold together (false)
    and those missed between values a reader cannot, and the fire's toll (an update, never a
    contradiction)."""
    keys = store.claim_keys()
    toll_groups = sorted({keys[k] for k, v in gold.items() if v == TOLL and k in keys})
    out: dict[str, Any] = {"toll_groups": len(toll_groups), "unrelated_in_toll": [], "false_contradictions": [],
                           "missed_contradictions": [], "values": [], "disputed": False}
    for gid in toll_groups:
        g = store.claim_group(gid)
        ids = store.claim_local_ids([c["id"] for c in g["claims"]])
        # a claim of a document without gold (beside the articles) is listed by the caller, not judged
        out["unrelated_in_toll"] += [c["number_text"] for c in g["claims"]
                                     if gold.get((c["document"], ids[c["id"]]), TOLL) != TOLL]
        out["disputed"] = out["disputed"] or bool(g["contradiction"])
        texts = [v["text"] for v in g["values"]]
        out["values"] += texts
        flagged = {frozenset((texts[c["a"]], texts[c["b"]])) for c in g["contradictions"]}
        for i, a in enumerate(texts):
            for b in texts[i + 1:]:
                if a not in READER or b not in READER:
                    continue
                (lo_a, hi_a), (lo_b, hi_b) = READER[a], READER[b]
                apart = hi_a < lo_b or hi_b < lo_a
                if frozenset((a, b)) in flagged and not apart:
                    out["false_contradictions"].append((a, b))
                elif apart and frozenset((a, b)) not in flagged:
                    out["missed_contradictions"].append((a, b))
    out["one_disputed_group"] = out["toll_groups"] == 1 and out["disputed"]
    shown = set(out["values"])
    if shown & {"over 30,000", "more than 30,000"}:  # one value, shown in the words of its first claim
        shown |= {"over 30,000", "more than 30,000"}
    out["missing_values"] = sorted(set(READER) - shown)
    fires = sorted({keys[k] for k, v in gold.items() if v == FIRE and k in keys})
    fire = [store.claim_group(g) for g in fires]
    out["fire"] = {"groups": len(fires), "contradictions": sum(len(g["contradictions"]) for g in fire),
                   "updates": sum(len(g["updates"]) for g in fire)}
    return out
