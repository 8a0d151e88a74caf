"""Investigating through the API and the pages (issue 12): the search language, filters, facets,
totals, exports, provenance, labels, background uploads, long documents, the pictures."""

from __future__ import annotations

import csv
import html
import io
import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from claimgraph.errors import InputError
from claimgraph.filters import Filters, parse
from claimgraph.searchquery import parse as search
from claimgraph.serve.web import create_app

pytest_plugins = ["web_fixtures"]

LOCAL = "http://127.0.0.1"
TOKEN = "a-token-long-enough-1"


@pytest.fixture
def client(resolved_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(resolved_db), base_url=LOCAL) as c:
        yield c


@pytest.fixture
def writer(resolved_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(resolved_db, token=TOKEN, readonly=False), base_url=LOCAL) as c:
        yield c


# -- the search language ------------------------------------------------------------------------


def test_a_search_reads_phrases_operators_prefixes_and_fields() -> None:
    q = search('"death toll" (Karimov OR Petrova) -rumour evac* speaker:Varga publisher:("Civic Watch" OR "Free Voice")')
    assert q.match == '("death toll" AND (("Karimov" OR "Petrova")) AND "evac"* NOT "rumour")'
    assert q.filters == Filters(speaker="Varga", publisher=("Civic Watch", "Free Voice"))
    assert search("kind:INDIRECT flood").filters.kind == ("indirect",)
    assert search("covid-19").match == '"covid 19"'
    # Words are quoted: nothing a user types is FTS5 syntax.
    assert search('NEAR(a b) "x""y').match is not None


@pytest.mark.parametrize("text,problem", [
    ("-rumour", "needs a word"), ("flood OR -rumour", "NOT cannot"), ("title:x", "not a search field"),
    ("flood OR speaker:Varga", "narrows the whole search"), ("speaker:(a OR b)", "one value"),
    ("since:2020 x", "not a search field"),
])
def test_a_search_that_cannot_mean_anything_says_why(text: str, problem: str) -> None:
    with pytest.raises(InputError, match=problem):
        search(text)


def test_an_unfinished_search_is_read_as_plain_words() -> None:
    q = search('"AND (OR* NEAR')
    assert q.note and "plain words" in q.note
    assert q.match == '"AND" AND "OR" AND "NEAR"'


def test_matches_are_offsets_into_the_text_phrases_kept_together() -> None:
    q = search('"true toll" cafe flo*')
    text = "The true toll, the toll, a Café, flooding; true and toll apart."
    assert [text[a:b] for a, b in q.marks(text)] == ["true", "toll", "Café", "flooding"]
    a, b, marks = q.snippet("x " * 400 + text, width=60)
    assert marks and all(a <= m0 < m1 <= b for m0, m1 in marks)


# -- filters ----------------------------------------------------------------------------------


@pytest.mark.parametrize("query,listing,problem", [
    ({"since": "yesterday"}, "claims", "not a date"), ({"min_confidence": "2"}, "quotes", "between 0 and 1"),
    ({"sort": "value"}, "claims", "sort by"), ({"counted": "people"}, "documents", "cannot be filtered by counted"),
    ({"since": "2024", "until": "2023"}, "claims", "after"), ({"group": "x"}, "claims", "claim group"),
])
def test_bad_filters_are_named(query: dict[str, str], listing: str, problem: str) -> None:
    with pytest.raises(InputError, match=problem):
        parse(query, listing)


def test_listings_have_totals_pages_facets_and_filters(client: TestClient) -> None:
    everything = client.get("/api/quotes", params={"limit": 3, "facets": "true"}).json()
    assert everything["total"] > 3 and len(everything["items"]) == 3
    second = client.get("/api/quotes", params={"limit": 3, "offset": 3}).json()
    assert {q["id"] for q in second["items"]}.isdisjoint({q["id"] for q in everything["items"]})
    assert everything["facets_counted"] == everything["total"]  # a small listing: every row counted
    top = everything["facets"]["publisher"][0]
    narrowed = client.get("/api/quotes", params={"publisher": top["value"]}).json()
    assert narrowed["total"] == top["n"] and {q["publisher"] for q in narrowed["items"]} == {top["value"]}
    labelled = client.get("/api/claims", params={"label": "state media"}).json()
    assert labelled["total"] and {c["publisher"] for c in labelled["items"]} == {"National Tribune"}
    june = client.get("/api/claims", params={"since": "2023-06", "until": "2023-06", "sort": "-date"}).json()
    assert june["total"] and all(c["published"].startswith("2023-06") for c in june["items"])
    sure = client.get("/api/quotes", params={"min_confidence": "0.8"}).json()
    assert 0 < sure["total"] < everything["total"] and all(q["confidence"] >= 0.8 for q in sure["items"])
    people = client.get("/api/entities", params={"type": "person", "sort": "name"}).json()
    names = [e["name"] for e in people["items"]]
    assert names == sorted(names) and {e["type"] for e in people["items"]} == {"PERSON"}
    body = client.get("/api/claims", params={"since": "May"}).json()
    assert body["error"] == "invalid request" and "since" in body["detail"]


def test_every_page_of_a_listing_has_its_filters_and_total(client: TestClient) -> None:
    page = client.get("/documents", params={"publisher": "Meridian Press"}).text
    assert 'id="total">2<' in page and "publisher: <bdi>Meridian Press</bdi>" in page
    assert "/export/documents.csv?publisher=Meridian+Press" in page
    assert client.get("/quotes", params={"kind": "direct", "sort": "date"}).status_code == 200
    assert client.get("/claims", params={"counted": "people", "min_confidence": "0.5"}).status_code == 200
    assert client.get("/entities", params={"q": "Karimov"}).text.count("Karimov") >= 1  # the old name of the filter


def test_search_pages_with_totals_through_every_hit(client: TestClient) -> None:
    first = client.get("/api/search", params={"q": "people", "in": "quotes", "limit": 2}).json()
    assert first["total"] > 2 and len(first["items"]) == 2
    rest = client.get("/api/search", params={"q": "people", "in": "quotes", "limit": 50, "offset": 2}).json()
    assert len(rest["items"]) == first["total"] - 2
    hit = first["items"][0]
    assert all(hit["text"][a:b].lower().startswith("people") for a, b in hit["marks"])
    docs = client.get("/api/search", params={"q": "toll", "in": "documents", "sort": "date"}).json()
    dates = [d["published"] for d in docs["items"]]
    assert dates == sorted(dates, reverse=True)
    assert all(d["snippet"][a:b].lower() == "toll" for d in docs["items"] for a, b in d["marks"])
    page = client.get("/search", params={"q": "toll publisher:\"Valley Herald\""}).text
    assert "<mark>toll</mark>" in page and "[toll]" not in page


# -- exports ----------------------------------------------------------------------------------


def test_exports_hold_exactly_what_the_listing_shows(client: TestClient) -> None:
    params = {"publisher": ["Meridian Press", "Valley Herald"], "sort": "date"}
    listed = client.get("/api/claims", params={**params, "limit": 500}).json()
    r = client.get("/export/claims.csv", params=params)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert r.headers["content-disposition"] == 'attachment; filename="claimgraph-claims.csv"'
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert [int(x["id"]) for x in rows] == [c["id"] for c in listed["items"]]
    assert rows[0]["value_text"] and len(rows[0]["sha256"]) == 64
    as_json = client.get("/export/claims.json", params=params).json()
    assert [c["id"] for c in as_json] == [c["id"] for c in listed["items"]]
    bad = client.get("/export/claims.csv", params={"since": "soon"})
    assert bad.status_code == 422 and bad.json()["error"] == "invalid request"
    assert client.get("/export/originals.csv").status_code == 422


# -- provenance ---------------------------------------------------------------------------------


def test_every_claim_card_carries_its_provenance(client: TestClient) -> None:
    toll = client.get("/api/claim-groups", params={"limit": 1}).json()["items"][0]
    page = client.get(f"/claims/{toll['id']}").text
    assert page.count('class="prov"') == len(toll["claims"])
    with_url = next(c for c in toll["claims"] if c["publisher"] == "Valley Herald")
    doc = client.get(f"/api/documents/{with_url['document_id']}").json()
    assert doc["sha256"][:16] in page and doc["url"] + "#:~:text=" in page
    assert "captured " + doc["locations"][0]["captured_at"] in page


def test_the_report_is_one_file_with_provenance(resolved_db: Path) -> None:
    from claimgraph.serve.overview import report_data
    from claimgraph.serve.report import render_html
    from claimgraph.store import Store

    with Store(resolved_db, readonly=True) as s:
        html = render_html(report_data(s))
        sha = s.resolve_document(1)["sha256"]
    assert sha in html and "#:~:text=" in html and "captured " in html
    for external in ("<link", "<script", "src=", "@import", "url("):
        assert external not in html  # everything it needs is inside


# -- labels, uploads ------------------------------------------------------------------------------


def test_labels_are_edited_with_the_token(writer: TestClient) -> None:
    form = {"publisher": "Free Voice", "label": "Opposition"}
    assert writer.post("/sources/labels", data=form).status_code == 401
    r = writer.post("/sources/labels", data={**form, "token": TOKEN}, follow_redirects=False)
    assert r.status_code == 303
    labels = {p["publisher"]: p["labels"] for p in writer.get("/api/publishers").json()}
    assert labels["Free Voice"] == ["opposition"]
    writer.post("/sources/labels", data={**form, "action": "remove", "token": TOKEN})
    assert {p["publisher"]: p["labels"] for p in writer.get("/api/publishers").json()}["Free Voice"] == []


def _finished(c: TestClient, job: int) -> dict[str, Any]:
    for _ in range(300):
        body: dict[str, Any] = c.get(f"/api/jobs/{job}").json()
        if body["state"] == "finished":
            return body
        time.sleep(0.1)
    raise AssertionError("the upload job did not finish")


def test_uploads_answer_at_once_and_report_each_file(writer: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    files = [("file", ("a.txt", b"The mayor said 12 homes were lost in the storm.")),
             ("file", ("b.pdf", b"%PDF-1.4 not a pdf")), ("file", ("c.txt", b""))]
    r = writer.post("/api/uploads", files=files, headers=auth)
    assert r.status_code == 202 and r.json()["total"] == 3
    job = _finished(writer, r.json()["id"])
    assert [f["status"] for f in job["files"]] == ["done", "failed", "failed"]
    assert "PDF" in job["files"][1]["reason"] and "empty" in job["files"][2]["reason"]
    assert writer.get(job["files"][0]["links"][0]).status_code == 200
    page = writer.get(job["page"]).text
    assert 'data-state="finished"' in page and "<progress" in page
    assert writer.post("/api/uploads", files=files[:1]).status_code == 401
    assert writer.get("/api/jobs/999").status_code == 404


# -- long documents ---------------------------------------------------------------------------


def test_a_long_text_is_shown_in_parts_with_exact_highlights() -> None:
    from claimgraph.serve.web.highlight import Span, page_starts, window_tokens

    text = "".join(f"Paragraph {i} says that {i} people were hurt.\n\n" for i in range(4000))
    starts = page_starts(text, size=10_000)
    assert len(starts) > 10 and all(text[s - 1] == "\n" for s in starts[1:])
    a = starts[1] - 20  # a claim that crosses from the first part into the second
    claim = Span(a, -(a + 40), 1, "claim", anchor="c1")
    first = window_tokens(text, [claim], 0, starts[1])
    second = window_tokens(text, [claim], starts[1], starts[2])
    assert [t.open.anchor for t in first if t.open] == ["c1"] and [t.open.anchor for t in second if t.open] == [None]
    pieces = [t.text for part in (first, second) for t in part if not t.open and not t.close]
    assert "".join(pieces) == text[:starts[2]]


def test_the_document_page_shows_one_part(tmp_path: Path) -> None:
    from claimgraph.model import Claim, DocumentInfo, Extraction, Location, Source
    from claimgraph.store import Store

    text = "".join(f"Paragraph {i}: officials said 212 people were hurt.\n\n" for i in range(6000))
    at = text.index("Paragraph 5000")
    claim = Claim(id="c1", kind="count", text="officials said 212 people were hurt.", span=(at + 16, at + 52),
                  value=212, low=212, high=212, counted="people")
    x = Extraction(source="long.txt", text=text, offsets=list(range(len(text) + 1)), claims=[claim],
                   document=DocumentInfo(sha256="ef" * 32, url=None, title="Long", publisher=None, published=None))
    db = tmp_path / "long.db"
    with Store(db) as s:
        s.put_original(Source(data=text.encode(), name="long.txt",
                              location=Location(uri="long.txt", kind="file", captured_at="2024-01-01T00:00:00Z")),
                       x.document.sha256)
        s.save_extraction(x, "test")
        s.commit()
    with TestClient(create_app(db), base_url=LOCAL) as c:
        first = c.get("/documents/1")
        assert len(first.text) < 200_000 and 'id="c1"' not in first.text
        part = json.loads(html.unescape(first.text.split('data-parts="', 1)[1].split('"', 1)[0]))["c1"]
        there = c.get(f"/documents/1?page={part}").text
        assert 'id="c1"' in there and f"part {part} of" in there


# -- pictures ---------------------------------------------------------------------------------


def test_timeline_and_graph_are_drawn_on_the_pages(client: TestClient) -> None:
    from claimgraph.serve.chart import speech_graph, timeline

    t = timeline([("2023-05-19", "a"), ("2023-05-22", "a"), ("2023-07-01", "b"), (None, "a")], ["a", "b"])
    assert t is not None and t.undated == 1 and [label for _, label in t.x_labels][:3] == ["2023-05", "2023-06", "2023-07"]
    assert timeline([("2001", "a"), ("2023-07-01", "a")], ["a"]).x_labels[0][1] == "2001"  # type: ignore[union-attr]
    g = speech_graph([{"speaker": "A", "about": "B", "n": 3}, {"speaker": "C", "about": "B", "n": 1}])
    assert g is not None and [n.name for n in g.speakers] == ["A", "C"] and len(g.edges) == 2
    karimov = next(e for e in client.get("/api/entities", params={"q": "Karimov"}).json()["items"]
                   if e["type"] == "PERSON")
    page = client.get(f"/entities/{karimov['id']}").text
    assert 'class="chart timeline"' in page and 'class="chart graph"' in page
    graph = client.get("/graph", params={"publisher": "Valley Herald"}).text
    assert "<path" in graph and "/quotes?speaker=" in graph
