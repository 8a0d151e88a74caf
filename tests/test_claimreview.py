"""ClaimReview out (schema.org terms only, no invented rating), verdicts kept by content, and
published reviews in from feeds."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from rdflib import RDF, Graph, namespace

from claimgraph import workflow
from claimgraph.cli import main
from claimgraph.formats.feeds import read_feed
from claimgraph.store import Store
from formats_corpus import DOCS, PIPELINE, extraction

pytest_plugins = ["formats_fixtures"]
pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")



def export(db: Path, capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    assert main(["export", "claimreview", "--db", str(db), *args]) == 0
    out: dict[str, Any] = json.loads(capsys.readouterr().out)
    return out


def reviews(feed: dict[str, Any]) -> list[dict[str, Any]]:
    return [r for item in feed["dataFeedElement"] for r in item["item"]]


def schema_org_terms(feed: dict[str, Any]) -> Graph:
    """The feed as RDF, every property and type checked against schema.org's vocabulary (rdflib's
    copy: no network), with schema.org's context given as its vocabulary."""
    doc = {**feed, "@context": {"@vocab": "https://schema.org/"}}
    g = Graph().parse(data=json.dumps(doc), format="json-ld")
    for _, p, o in g:
        assert (o if p == RDF.type else p) in namespace.SDO, (p, o)
    return g


def test_each_group_is_a_claim_review_in_schema_org_terms(corpus_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    feed = export(corpus_db, capsys, "--base-url", "https://checks.example/")
    assert feed["@context"] == "https://schema.org" and feed["@type"] == "DataFeed"
    g = schema_org_terms(feed)
    assert len(set(g.subjects(RDF.type, namespace.SDO.ClaimReview))) == 2
    toll = reviews(feed)[0]
    assert toll["claimReviewed"] == "people died — Dunmore, 2022: 41; at least 300"
    assert toll["url"] == "https://checks.example/claims/1"
    claim = toll["itemReviewed"]
    assert [a["url"] for a in claim["appearance"]] == [d.url for d in DOCS]
    assert claim["firstAppearance"]["datePublished"] == "2022-03-04"
    assert {(a["@type"], a["name"]) for a in claim["author"]} == {("Person", "Petra Vulk"),
                                                                  ("Organization", "Kestria Relief Fund")}
    # Nobody gave a verdict: no rating, no author of the review, nothing invented.
    assert all("reviewRating" not in r and "author" not in r for r in reviews(feed))
    assert reviews(export(corpus_db, capsys, "--reviewed")) == []
    assert len(reviews(export(corpus_db, capsys, "--disputed"))) == 1


def test_a_persons_verdict_is_the_rating_and_survives_reextraction(corpus_db: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verdict", "1", "Contradicted by the relief fund's count", "--rating", "2", "--author", "Desk",
                 "--note", "Two sources, two figures.", "--db", str(corpus_db)]) == 0
    capsys.readouterr()
    feed = export(corpus_db, capsys, "--reviewed", "--reviewer", "Kestria Checks")
    schema_org_terms(feed)
    [review] = reviews(feed)
    assert review["reviewRating"] == {"@type": "Rating", "alternateName": "Contradicted by the relief fund's count",
                                      "ratingValue": 2, "bestRating": 5, "worstRating": 1}
    assert review["author"] == {"@type": "Organization", "name": "Kestria Checks"}
    assert review["reviewBody"] == "Two sources, two figures."
    # Extraction again, with the claims numbered otherwise: the group's key changes, the verdict
    # stays with the claim it was given on.
    with Store(corpus_db) as store:
        for doc in DOCS:
            store.save_extraction(extraction(doc, claim_ids=7), PIPELINE)
        store.commit()
        workflow.resolve(store, full=True)
        [kept] = store.verdicts(origin="person")
    [again] = reviews(export(corpus_db, capsys, "--reviewed"))
    assert again["reviewRating"]["ratingValue"] == 2 and again["claimReviewed"] == review["claimReviewed"]
    assert kept["author"] == "Desk" and kept["label"].startswith("people died")
    # Taken back.
    assert main(["verdict", str(kept["group_id"]), "--remove", "--db", str(corpus_db)]) == 0
    assert "taken back" in capsys.readouterr().out
    assert reviews(export(corpus_db, capsys, "--reviewed")) == []


def test_verdict_mistakes_are_one_line(corpus_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for args in (["1", "False", "--rating", "7"], ["99", "False"], ["1"], ["1", "x", "--rating", "3", "--best", "3",
                                                                          "--worst", "3"]):
        assert main(["verdict", *args, "--db", str(corpus_db)]) == 2
    err = capsys.readouterr().err
    assert "between worst (1) and best (5)" in err and "no claim group 99" in err and "Traceback" not in err


def review(claim: str, claimant: str | None, verdict: str | None, url: str, rating: int | None = None,
           appearance: str | None = None) -> dict[str, Any]:
    item: dict[str, Any] = {"@type": "Claim"}
    if claimant:
        item["author"] = {"@type": "Person", "name": claimant}
    if appearance:
        item["appearance"] = [{"@type": "CreativeWork", "url": appearance}]
    out: dict[str, Any] = {"@type": "ClaimReview", "claimReviewed": claim, "itemReviewed": item, "url": url,
                           "author": {"@type": "Organization", "name": "Lakeside Facts"},
                           "datePublished": "2022-04-01"}
    if verdict:
        out["reviewRating"] = {"@type": "Rating", "alternateName": verdict}
        if rating is not None:
            out["reviewRating"].update(ratingValue=rating, bestRating=5, worstRating=1)
    return out


FEED = [
    review("Minister says 41 people died in the Dunmore reservoir collapse", "Minister Petra Vulk", "Disputed",
           "https://facts.example/1", rating=2),
    review("Relief fund: at least 300 people died when the Dunmore reservoir burst", "Kestria Relief Fund",
           "Unproven", "https://facts.example/2"),
    review("Vulk said 17 people died in the Dunmore reservoir collapse", "Petra Vulk", "False",
           "https://facts.example/3"),  # no claim states 17
    review("Anton Brel said 41 people died in the Dunmore reservoir collapse", "Anton Brel", "False",
           "https://facts.example/4"),  # Brel makes no such claim
    review("The relief fund sent 12 volunteers to Orlen", None, "Accurate", "https://facts.example/5",
           appearance=DOCS[1].url),  # no claimant named: the claim's own page vouches for it
    review("Dunmore reservoir death toll", "Petra Vulk", None, "https://facts.example/6"),  # no verdict
]


def test_published_reviews_attach_by_text_number_and_claimant(corpus_db: Path, tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    feed = tmp_path / "lakeside.json"
    feed.write_text(json.dumps({"@context": "https://schema.org", "@type": "DataFeed", "dataFeedElement": [
        {"@type": "DataFeedItem", "item": [r]} for r in FEED]}), encoding="utf-8")
    assert main(["import-reviews", str(feed), "--format", "json", "--db", str(corpus_db)]) == 0
    report = json.loads(capsys.readouterr().out)
    attached = {r["claim"]: r["group"] for r in report["attached"]}
    assert attached == {FEED[0]["claimReviewed"]: 1, FEED[1]["claimReviewed"]: 1, FEED[4]["claimReviewed"]: 2}
    assert {r["url"] for r in report["unmatched"]} == {"https://facts.example/3", "https://facts.example/4"}
    assert report["skipped"] == ["1 reviews without a claim or a verdict"]
    with Store(corpus_db, readonly=True) as store:
        published = store.verdicts(origin="lakeside.json")
    first = next(v for v in published if v["url"] == "https://facts.example/1")
    assert (first["verdict"], first["rating"], first["best"], first["author"]) == ("Disputed", 2, 5, "Lakeside Facts")
    assert next(v for v in published if v["url"] == "https://facts.example/2")["rating"] is None
    # Importing again changes nothing; they are others' verdicts, never exported as ours.
    assert main(["import-reviews", str(feed), "--db", str(corpus_db)]) == 0
    with Store(corpus_db, readonly=True) as store:
        assert len(store.verdicts(origin="lakeside.json")) == 3
    capsys.readouterr()
    assert reviews(export(corpus_db, capsys, "--reviewed")) == []


def test_feeds_in_every_shape_and_bad_ones(tmp_path: Path) -> None:
    lines = tmp_path / "reviews.jsonl"
    lines.write_text("\n".join(json.dumps(r) for r in FEED[:2]), encoding="utf-8")
    graph = tmp_path / "graph.json"
    graph.write_text(json.dumps({"@context": "https://schema.org", "@graph": FEED[:3]}), encoding="utf-8")
    assert len(read_feed(str(lines))[0]) == 2 and len(read_feed(str(graph))[0]) == 3
    r = read_feed(str(lines))[0][0]
    assert (r.claimant, r.rating, r.best, r.url) == ("Minister Petra Vulk", 2, 5, "https://facts.example/1")
    for name, text in (("empty.json", "[]"), ("broken.json", "{nope"), ("other.json", '{"@type": "Article"}')):
        (tmp_path / name).write_text(text, encoding="utf-8")
        assert main(["import-reviews", str(tmp_path / name), "--db", str(tmp_path / "x.db")]) == 2
