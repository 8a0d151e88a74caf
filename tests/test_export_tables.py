"""CSV and JSON lines exports, the listing filters they share, and the export command's output."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from claimgraph import formats
from claimgraph.cli import build_parser, main
from claimgraph.cli.common import filters as cli_filters
from claimgraph.filters import Filters
from claimgraph.formats.claimreview import ReviewOptions
from claimgraph.store import Store
from formats_corpus import DOCS, sha

pytest_plugins = ["formats_fixtures"]

def export(db: Path, capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(["export", *args, "--db", str(db)]) == 0
    return capsys.readouterr().out


def test_csv_of_each_table_has_its_header_and_a_row_per_item(corpus_db: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    counts = {"documents": 3, "quotes": 3, "claims": 4, "entities": 5, "groups": 2}
    for table, n in counts.items():
        rows = list(csv.DictReader(io.StringIO(export(corpus_db, capsys, "csv", "--table", table))))
        assert len(rows) == n, table
    quotes = list(csv.DictReader(io.StringIO(export(corpus_db, capsys, "csv", "--table", "quotes"))))
    assert {"document_id", "sha256", "speaker_name", "publisher", "published", "url"} <= set(quotes[0])
    brel = next(q for q in quotes if q["speaker_name"] == "Anton Brel")
    assert brel["text"] == "Petra Vulk is hiding the dead" and brel["sha256"] == sha(DOCS[1])
    entities = list(csv.DictReader(io.StringIO(export(corpus_db, capsys, "csv", "--table", "entities"))))
    assert entities[0]["name"] == "Petra Vulk" and entities[0]["n_documents"] == "3"
    groups = list(csv.DictReader(io.StringIO(export(corpus_db, capsys, "csv", "--table", "groups"))))
    assert groups[0]["contradiction"] == "True" and "41" in groups[0]["values"] and "at least 300" in groups[0]["values"]


def test_nothing_kept_writes_nothing(corpus_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert export(corpus_db, capsys, "csv", "--table", "claims", "--publisher", "Nobody") == ""


def test_jsonl_keeps_lists_and_records(corpus_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = export(corpus_db, capsys, "jsonl", "--table", "groups").splitlines()
    groups = [json.loads(x) for x in lines]
    assert len(groups[0]["claims"]) == 3 and groups[0]["contradiction"] is True
    claims = [json.loads(x) for x in export(corpus_db, capsys, "jsonl", "--table", "claims").splitlines()]
    assert {c["number_text"] for c in claims} == {"41", "at least 300", "12"}
    assert all(c["confidence"] == 0.8 and c["publisher"] for c in claims)


@pytest.mark.parametrize(("filters", "table", "expected"), [
    (["--publisher", "Harbour Ledger"], "documents", 2),
    (["--since", "2022-03-05"], "documents", 2),
    (["--until", "2022"], "documents", 2),
    (["--since", "2022-03", "--until", "2022-03"], "claims", 3),
    (["--entity", "Anton Brel"], "quotes", 1),  # the quotes of documents that name him
    (["--entity", "petra vulk"], "claims", 4),
    (["--speaker", "Vulk"], "quotes", 1),
    (["--speaker", "Relief"], "claims", 2),
    (["--speaker", "Relief"], "groups", 2),  # groups holding a kept claim
    (["--disputed"], "groups", 1),
    (["--group", "2"], "claims", 1),
    (["--counted", "volunteers"], "groups", 1),
    (["--kind", "direct"], "quotes", 3),
    (["--type", "PERSON"], "entities", 2),
    (["--label", "state media"], "documents", 0),
])
def test_filters_keep_what_the_listings_keep(corpus_db: Path, capsys: pytest.CaptureFixture[str],
                                             filters: list[str], table: str, expected: int) -> None:
    lines = export(corpus_db, capsys, "jsonl", "--table", table, *filters).splitlines()
    assert len(lines) == expected
    args = build_parser().parse_args(["export", "csv", *filters])
    with Store(corpus_db, readonly=True) as store:
        options = formats.ExportOptions(table=table, review=ReviewOptions(disputed=args.disputed))  # type: ignore[arg-type]
        assert formats.total(store, "jsonl", cli_filters(args), options) == expected


def test_an_entity_is_named_or_given_by_id(corpus_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with Store(corpus_db, readonly=True) as store:
        vulk = next(store.listing_rows("entities", Filters(name="Vulk")))
    by_id = export(corpus_db, capsys, "jsonl", "--table", "documents", "--entity", str(vulk["id"])).splitlines()
    assert len(by_id) == 3


def test_bad_filters_are_one_line_errors(corpus_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "csv", "--until", "2022/03", "--db", str(corpus_db)]) == 2
    assert main(["export", "csv", "--table", "entities", "--publisher", "Open Kestria", "--db", str(corpus_db)]) == 2
    err = capsys.readouterr().err
    assert "YYYY-MM" in err and "entities cannot be filtered by publisher" in err and "Traceback" not in err


def test_export_to_a_file_appears_whole(corpus_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "claims.csv"
    assert main(["export", "csv", "-o", str(out), "--db", str(corpus_db)]) == 0
    assert len(list(csv.DictReader(out.open(encoding="utf-8")))) == 4
    assert not (tmp_path / "claims.csv.part").exists()
    assert main(["export", "csv", "-o", str(tmp_path / "missing" / "x.csv"), "--db", str(corpus_db)]) == 2
