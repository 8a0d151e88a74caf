"""Graph exports read back by networkx; Parquet statements read back by pyarrow."""

from __future__ import annotations

import io
import json
from pathlib import Path

import networkx as nx
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from claimgraph import statements
from claimgraph.cli import main
from formats_corpus import DOCS, sha

pytest_plugins = ["formats_fixtures"]


def graph(db: Path, capsys: pytest.CaptureFixture[str], fmt: str, *args: str) -> nx.Graph:
    assert main(["export", fmt, "--db", str(db), *args]) == 0
    data = io.BytesIO(capsys.readouterr().out.encode("utf-8"))
    return nx.read_gexf(data) if fmt == "gexf" else nx.read_graphml(data)


def named(g: nx.Graph) -> set[tuple[str, str, int]]:
    return {(g.nodes[a]["label"], g.nodes[b]["label"], int(w)) for a, b, w in g.edges(data="weight")}


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_who_speaks_about_whom(corpus_db: Path, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    g = graph(corpus_db, capsys, fmt)
    assert g.is_directed()
    # Brel's words name Vulk; Vulk's name the relief fund. The unnamed official has no node.
    assert named(g) == {("Anton Brel", "Petra Vulk", 1), ("Petra Vulk", "Kestria Relief Fund", 1)}
    vulk = next(n for n, d in g.nodes(data=True) if d["label"] == "Petra Vulk")
    assert g.nodes[vulk]["type"] == "PERSON" and g.nodes[vulk]["n_documents"] == 3


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_who_is_named_with_whom(corpus_db: Path, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    g = graph(corpus_db, capsys, fmt, "--network", "comention")
    assert not g.is_directed()
    weights = {frozenset((a, b)): w for a, b, w in named(g)}
    assert weights[frozenset(("Petra Vulk", "Dunmore"))] == 3  # all three documents name both
    assert weights[frozenset(("Anton Brel", "Orlen"))] == 1
    heavy = graph(corpus_db, capsys, fmt, "--network", "comention", "--min-weight", "3")
    assert {frozenset((a, b)) for a, b, _ in named(heavy)} == {frozenset(("Petra Vulk", "Dunmore"))}
    # Documents of one publisher only: the relief fund's site alone names Brel.
    ledger = graph(corpus_db, capsys, fmt, "--network", "comention", "--publisher", "Harbour Ledger")
    assert "Anton Brel" not in {d["label"] for _, d in ledger.nodes(data=True)}


def test_parquet_statements_of_the_store(corpus_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "statements.parquet"
    assert main(["export", "parquet", "-o", str(out), "--db", str(corpus_db)]) == 0
    table = pq.read_table(out)
    assert table.schema.equals(statements.SCHEMA, check_metadata=True)
    kinds = table.group_by("statement").aggregate([("id", "count")]).to_pylist()
    assert {k["statement"]: k["id_count"] for k in kinds} == {"document": 3, "entity": 11, "quote": 3, "claim": 4}
    claims = table.filter(pc.equal(table["statement"], "claim")).to_pylist()
    fund = next(c for c in claims if c["number_text"] == "at least 300")
    assert (fund["low"], fund["high"], fund["qualifier"]) == (300.0, None, "at least")
    assert fund["document"] == sha(DOCS[1]) and fund["pipeline"] == "test-formats"
    assert DOCS[1].text[fund["source_start"]:fund["source_end"]] == fund["text"]
    assert json.loads(fund["data"])["number_span"][1] - json.loads(fund["data"])["number_span"][0] == 12


def test_parquet_keeps_what_the_filters_keep(corpus_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "kept.parquet"
    assert main(["export", "parquet", "-o", str(out), "--speaker", "Relief", "--db", str(corpus_db)]) == 0
    rows = pq.read_table(out).to_pylist()
    assert {r["document"] for r in rows} == {sha(DOCS[1])}
    assert sorted(r["number_text"] for r in rows if r["statement"] == "claim") == ["12", "at least 300"]
    assert [r for r in rows if r["statement"] == "quote"] == []  # the fund's spokesman is no claimant
