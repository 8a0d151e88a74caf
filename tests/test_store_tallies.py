"""The listings' fast paths give what counting every row gave (schema 7): totals and facets of
unfiltered listings read from tallies the writes keep, filtered facets counted in one bounded
pass, and who-said-what-about-whom read from the entities each quote names."""

from __future__ import annotations

import random
import sqlite3
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from claimgraph import workflow
from claimgraph.filters import Filters, parse
from claimgraph.model import (
    Claim,
    Claimant,
    DocumentInfo,
    Entity,
    Extraction,
    Quote,
    Speaker,
    Step,
)
from claimgraph.store import Store, facets
from stored import save

PEOPLE = ["Ana Lind", "Omar Haddad", "Elif Sato", "Petr Nagy", "Rui Costa"]
OUTLETS = ["Valley Herald", "River Post", "Civic Watch", None]
KINDS = ["direct", "indirect", "mixed"]
COUNTED = ["homes", "people", None]
TALLIED = ("documents", "quotes", "claims")


def extraction(i: int, rnd: random.Random, publisher: str | None = None) -> Extraction:
    """A short text with one quote naming someone (or no one) and one claim."""
    speaker, named, claimant = rnd.choice(PEOPLE), rnd.choice(PEOPLE), rnd.choice([*PEOPLE, None])
    n = rnd.randrange(5, 500)
    head = f"{named} came to town. "
    quote = f'"We counted {n} and {named} saw it," '
    text = head + quote + f"{speaker} said. The storm hit {n} homes. ({i})"
    q0 = len(head)
    s0 = q0 + len(quote)
    c0 = text.index("The storm")
    inside = rnd.random() < 0.8  # some quotes name no one
    mention_in_quote = (q0 + quote.index(named), q0 + quote.index(named) + len(named))
    entities = [
        Entity(id="e1", name=named, type="PERSON",
               mentions=[(0, len(named))] + ([mention_in_quote] if inside else [])),
        Entity(id="e2", name=speaker, type="PERSON", mentions=[(s0, s0 + len(speaker))]),
    ]
    quotes = [Quote(id="q1", kind=rnd.choice(KINDS), text=quote.strip(' ",'), span=(q0, s0 - 1), cue="said",
                    confidence=round(rnd.uniform(0.3, 0.95), 2),
                    speaker=Speaker(name=speaker, text=speaker, entity="e2", span=(s0, s0 + len(speaker))))]
    claims = [Claim(id="c1", kind=rnd.choice(["count", "count", "money"]), text=text[c0:text.index(" (")],
                    span=(c0, text.index(" (")), value=n, low=n, high=n, counted=rnd.choice(COUNTED), event="storm",
                    claimant=Claimant(name=claimant, basis="attribution") if claimant else None,
                    confidence=0.7)]
    pub = publisher if publisher is not None else rnd.choice(OUTLETS)
    doc = DocumentInfo(sha256=f"{i:064x}", url=f"https://news.example/{i}", title=f"Storm {i}", publisher=pub,
                       published=f"20{rnd.randrange(19, 25)}-0{rnd.randrange(1, 10)}-1{rnd.randrange(0, 9)}",
                       format=rnd.choice(["text", "html"]))
    return Extraction(source=f"t/{i}.txt", document=doc, text=text, entities=entities, quotes=quotes, claims=claims,
                      steps=[Step("read", "test", "1")], offsets=list(range(len(text) + 1)), encoding="utf-8")


@pytest.fixture
def filled(tmp_path: Path) -> Iterator[Store]:
    rnd = random.Random(7)
    with Store(tmp_path / "t.db") as store:
        for i in range(60):
            save(store, extraction(i, rnd))
        store.commit()
        yield store


def counted_by_hand(store: Store, listing: str, f: Filters) -> dict[str, list[dict[str, Any]]]:
    """Each facet's ten most frequent values, counted over every row the listing exports."""
    rows = list(store.listing_rows(listing, f))
    out = {}
    for name, column in facets.FACETS[listing]:
        n = Counter(r[column.split(".")[-1]] for r in rows if r[column.split(".")[-1]] is not None)
        out[name] = [{"value": v, "n": k} for v, k in sorted(n.items(), key=lambda vk: (-vk[1], vk[0]))[:10]]
    return out


def assert_tallies_count(store: Store) -> None:
    for listing in TALLIED:
        assert store.listing_total(listing, Filters()) == store.count(listing)
        assert store.listing_facets(listing, Filters()) == counted_by_hand(store, listing, Filters())


def test_tallies_give_what_counting_gives(filled: Store) -> None:
    assert filled.db.value("SELECT count(*) FROM facet_tallies") > 0
    assert_tallies_count(filled)
    # a sort is not a filter: still read from the tallies, still the same
    assert filled.listing_facets("claims", parse({"sort": "date"}, "claims")) == \
        counted_by_hand(filled, "claims", Filters())


def test_tallies_follow_reprocess_and_corrections(filled: Store, tmp_path: Path) -> None:
    rnd = random.Random(99)
    for i in (3, 4, 5):  # stored again with another publisher, kinds and speakers: old values leave
        save(filled, extraction(i, rnd, publisher="Northern Echo"))
    save(filled, extraction(500, rnd))
    filled.commit()
    assert_tallies_count(filled)
    assert {"value": "Northern Echo", "n": 3} in filled.listing_facets("documents", Filters())["publisher"]
    workflow.correct(filled, "1", "q1", "speaker", "Zofia Meyer")
    workflow.correct(filled, "2", "c1", "claimant", "Zofia Meyer")
    assert_tallies_count(filled)
    assert {"value": "Zofia Meyer", "n": 1} in filled.listing_facets("quotes", Filters())["speaker"]


@pytest.mark.parametrize(("listing", "query"), [
    ("claims", {"since": "2021", "until": "2023"}),
    ("claims", {"counted": "home", "publisher": ["Valley Herald", "River Post"]}),
    ("quotes", {"kind": "indirect"}),
    ("quotes", {"speaker": "lind", "min_confidence": "0.5"}),
    ("documents", {"since": "2022"}),
    ("entities", {}),
    ("entities", {"type": "PERSON"}),
])
def test_filtered_facets_count_as_before(filled: Store, listing: str, query: dict[str, Any]) -> None:
    f = parse(query, listing)
    total = filled.listing_total(listing, f)
    assert total == len(list(filled.listing_rows(listing, f)))
    assert 0 < total <= facets.FACET_ROWS
    assert filled.listing_facets(listing, f) == counted_by_hand(filled, listing, f)
    assert facets.facets_counted(listing, f, total) == total


def test_filtered_facets_are_counted_over_a_bounded_number_of_rows(filled: Store) -> None:
    f = parse({"since": "2019"}, "claims")
    q = filled._query("claims", f)
    where, args = q.where()
    few = facets.counted_facets(filled.db, "claims", q.source(False), where, args, rows=7)
    assert sum(v["n"] for v in few["kind"]) == 7
    total = filled.listing_total("claims", f)
    assert facets.facets_counted("claims", f, total, rows=7) == 7
    assert facets.facets_counted("claims", Filters(), total, rows=7) == total  # tallies count every row


# The graph's query before schema 7: each quote compared with every mention of every entity of
# its document.
BEFORE = (
    "WITH picked AS (SELECT q.id, q.document_id, q.start, q.end, q.speaker_name, q.speaker_entity FROM quotes q"
    " WHERE q.speaker_name IS NOT NULL ORDER BY q.id DESC LIMIT 5000),"
    " spoken AS (SELECT p.*, coalesce(gs.name, p.speaker_name) AS speaker FROM picked p"
    " LEFT JOIN entities se ON se.document_id = p.document_id AND se.local_id = p.speaker_entity"
    " LEFT JOIN entity_members sm ON sm.entity_id = se.id LEFT JOIN global_entities gs ON gs.id = sm.global_id)"
    " SELECT s.speaker, coalesce(g.name, e.name) AS about, count(DISTINCT s.id) AS n FROM spoken s"
    " JOIN entities e ON e.document_id = s.document_id"
    " JOIN mentions mn ON mn.entity_id = e.id AND mn.start >= s.start AND mn.end <= s.end"
    " LEFT JOIN entity_members em ON em.entity_id = e.id LEFT JOIN global_entities g ON g.id = em.global_id"
    " WHERE coalesce(g.name, e.name) <> s.speaker"
    " GROUP BY 1, 2 ORDER BY n DESC, 1, 2")


def test_speech_edges_as_before(filled: Store) -> None:
    workflow.resolve(filled)
    edges = filled.speech_edges()
    assert edges and edges == filled.db.query(BEFORE)
    rnd = random.Random(5)
    for i in (1, 2):
        save(filled, extraction(i, rnd))  # reprocessed: the pairs of its old quotes go with them
    filled.commit()
    workflow.resolve(filled)
    assert filled.speech_edges() == filled.db.query(BEFORE)


def test_upgrade_from_schema_6_fills_tallies_and_quote_mentions(filled: Store, tmp_path: Path) -> None:
    workflow.resolve(filled)
    want = {listing: (filled.listing_total(listing, Filters()), filled.listing_facets(listing, Filters()))
            for listing in TALLIED}
    edges = filled.speech_edges()
    path = filled.path
    filled.close()
    con = sqlite3.connect(path)  # the file as schema 6 left it
    con.executescript("DELETE FROM facet_tallies; DELETE FROM quote_mentions;"
                      " DROP INDEX quotes_by_publisher; DROP INDEX claims_by_publisher; DROP INDEX documents_by_publisher;"
                      " CREATE INDEX documents_publisher ON documents(publisher);"
                      " CREATE INDEX quotes_publisher ON quotes(publisher, published);"
                      " CREATE INDEX claims_publisher ON claims(publisher, published);"
                      " UPDATE meta SET value = '6' WHERE key = 'schema_version';")
    con.commit()
    con.close()
    with Store(path) as upgraded:
        assert {listing: (upgraded.listing_total(listing, Filters()), upgraded.listing_facets(listing, Filters()))
                for listing in TALLIED} == want
        assert upgraded.speech_edges() == edges
        indexes = set(upgraded.db.column("SELECT name FROM sqlite_master WHERE type = 'index'"))
        assert {"documents_by_publisher", "quotes_by_publisher", "claims_by_publisher"} <= indexes
        assert not {"documents_publisher", "quotes_publisher", "claims_publisher"} & indexes


def test_pages_say_when_facets_counted_only_the_first_rows(filled: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    from fastapi.testclient import TestClient

    from claimgraph.serve.web import create_app
    from claimgraph.serve.web import listing as web_listing

    path = filled.path
    filled.close()
    with TestClient(create_app(path), base_url="http://127.0.0.1") as client:
        assert "facets-counted" not in client.get("/claims", params={"since": "2019"}).text
        monkeypatch.setattr(web_listing, "facets_counted", lambda listing, f, total: facets.facets_counted(
            listing, f, total, rows=7))
        page = client.get("/claims", params={"since": "2019"}).text
        assert 'id="facets-counted">Facets counted over the first 7 of these' in page
        assert "facets-counted" not in client.get("/claims").text  # tallies count every row
