"""The statements layout: one row per extracted fact, read back with pyarrow from Parquet."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from claimgraph import statements
from claimgraph.model import Claim, Claimant, DocumentInfo, Entity, Extraction, Quote, Speaker

# "  " at the start of the original was folded away: clean index i is original index i + 2.
TEXT = "Mayor Ana Petrova said 212 people died in the flood. \u201cWe were not warned,\u201d Petrova said."


def extraction() -> Extraction:
    q_start = TEXT.index("\u201c")
    q_end = TEXT.index("\u201d") + 1
    return Extraction(
        source="note.txt", text=TEXT, offsets=[i + 2 for i in range(len(TEXT) + 1)],
        document=DocumentInfo(sha256="ab" * 32, url="https://valley-herald.example/flood", title="Flood toll",
                              publisher="Valley Herald", published="2023-05-14", format="text", language="en"),
        entities=[Entity(id="e1", name="Ana Petrova", type="PERSON", aliases=["Petrova"], mentions=[(6, 17), (81, 88)])],
        quotes=[Quote(id="q1", kind="direct", text="We were not warned,", span=(q_start, q_end), cue="said",
                      speaker=Speaker(name="Ana Petrova", text="Petrova", entity="e1", method="cue"),
                      method="cue-quotation", confidence=0.9)],
        claims=[Claim(id="c1", kind="count", text=TEXT[:52], span=(0, 52), value=212, low=212, high=212,
                      counted="people", event="died", bound="exact", number_text="212", number_span=(23, 26),
                      claimant=Claimant(name="Ana Petrova", entity="e1", basis="attribution"),
                      method="digits/attribution", confidence=0.8)],
    )


def test_one_row_per_fact_with_provenance() -> None:
    rows = statements.rows(extraction(), "claimgraph-test/model/abc")
    assert [(r["statement"], r["id"]) for r in rows] == [("document", ""), ("entity", "e1"), ("quote", "q1"),
                                                          ("claim", "c1")]
    assert all(list(r) == list(statements.COLUMNS) for r in rows)
    assert {r["document"] for r in rows} == {"ab" * 32}
    assert {r["pipeline"] for r in rows} == {"claimgraph-test/model/abc"}
    assert {r["publisher"] for r in rows} == {"Valley Herald"}
    claim = rows[3]
    assert (claim["value"], claim["low"], claim["high"], claim["unit"]) == (212.0, 212.0, 212.0, None)
    assert (claim["attributed_to"], claim["attributed_entity"], claim["attribution"]) == ("Ana Petrova", "e1",
                                                                                         "attribution")
    assert (claim["start"], claim["end"], claim["source_start"], claim["source_end"]) == (0, 52, 2, 54)
    quote = rows[2]
    assert TEXT[quote["start"]:quote["end"]] == "\u201cWe were not warned,\u201d"
    assert quote["attribution"] == "cue" and quote["confidence"] == 0.9
    # The whole record travels in `data`: fields the flat columns leave out are still there.
    assert json.loads(claim["data"])["number_span"] == [23, 26]
    assert json.loads(rows[1]["data"])["mentions"] == [[6, 17], [81, 88]]
    assert (rows[0]["start"], rows[0]["end"], rows[0]["text"]) == (0, len(TEXT), "Flood toll")


def test_parquet_round_trip_keeps_schema_and_values(tmp_path: Path) -> None:
    path = tmp_path / "statements.parquet"
    with pq.ParquetWriter(path, statements.SCHEMA) as writer:
        for batch in statements.batches(statements.rows(extraction(), "p1"), size=3):
            writer.write_batch(batch)
    table = pq.read_table(path)
    assert table.schema.equals(statements.SCHEMA, check_metadata=True)
    assert table.num_rows == 4
    claims = table.filter(pa.compute.equal(table["statement"], "claim")).to_pylist()
    assert claims[0]["counted"] == "people" and claims[0]["number_text"] == "212"


def test_an_extraction_without_facts_still_names_its_document() -> None:
    x = Extraction(source="empty.txt", text="", offsets=[0],
                   document=DocumentInfo(sha256="cd" * 32, url=None, title=None, publisher=None, published=None))
    rows = statements.rows(x, "p")
    assert len(rows) == 1 and rows[0]["statement"] == "document" and rows[0]["end"] == 0
    batch = next(statements.batches(rows))
    assert batch.schema.equals(statements.SCHEMA)
