"""The toll articles (tests/toll_articles/): a dozen short articles written for these tests, in the
shape scraped news comes in, read by the real extractors. Every claim the extractors find has a
gold label here, by document and the words that state its number; a claim without one is a
mistake of extraction and must stay out of every group of labelled claims."""

from __future__ import annotations

from pathlib import Path

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


def paths() -> list[str]:
    return sorted(str(p) for p in FOLDER.glob("*.txt"))


def load(store: Store) -> dict[tuple[str, str], str]:
    """Ingest the articles (extract, store, resolve); returns (sha256, claim id) -> gold label, with
    a label of its own for every claim the gold does not name."""
    report = workflow.ingest(store, paths(), Options())
    assert not report.failed, report.failed
    gold: dict[tuple[str, str], str] = {}
    for doc in store.documents(limit=100):
        name = Path(store.resolve_document(doc["id"])["source"]).name
        for c in store.claims(document_id=doc["id"], limit=1000):
            label = GOLD.get(name, {}).get(c["number_text"])
            gold[(doc["sha256"], c["local_id"])] = label or f"unlabelled:{name}:{c['number_text']}"
    return gold
