"""The Parquet corpus without Spark: the workers' functions give what `claimgraph extract` gives,
`load` stores what `ingest` stores, and the DuckDB resolve finds the store's groups."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import resolve_corpus as rc
from claimgraph import bulk, corpus, resolving, workflow
from claimgraph.model import Extraction, Location, Source
from claimgraph.options import Options
from claimgraph.store import Store
from corpus_files import expected, extractions, table, write_corpus, write_inputs


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_inputs(tmp_path_factory.mktemp("inputs"))


@pytest.fixture(scope="module")
def written(inputs: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    write_corpus(sorted(inputs.iterdir()), out)
    return out


def test_extraction_round_trips_through_its_json(inputs: Path) -> None:
    for _, x in workflow.extract_paths([str(inputs / "flood.txt"), str(inputs / "barrier.html")], Options()):
        assert isinstance(x, Extraction)
        back = Extraction.from_json(json.loads(json.dumps(x.to_json())), x.text, x.offsets, x.encoding, x.bom,
                                    [s.__dict__ for s in x.steps])
        assert back == x


def test_rows_equal_claimgraph_extract(inputs: Path, written: Path) -> None:
    docs, failed = expected([str(p) for p in sorted(inputs.iterdir())])
    assert extractions(written) == docs
    errors = {r["input"]: r for r in table(written, "errors")}
    assert {k: e["reason"] for k, e in errors.items()} == failed
    assert errors[str(inputs / "broken.pdf")]["stage"] == "extract"
    # Every fact row points at its document's original by SHA-256, with its span there.
    shas = {r["document"] for r in table(written, "documents")}
    claims = table(written, "claims")
    assert claims and {r["document"] for r in claims} <= shas
    assert all(r["source_start"] is not None and r["pipeline"] == workflow.pipeline_key(Options()) for r in claims)
    warc = next(r for r in table(written, "documents") if r["container"])
    assert warc["uri"] == "https://river-news.example/levees" and warc["location_kind"] == "warc"


def test_load_stores_what_ingest_stores(inputs: Path, written: Path, tmp_path: Path) -> None:
    with Store(tmp_path / "ingested.db") as a, Store(tmp_path / "loaded.db") as b:
        workflow.ingest(a, [str(inputs)], Options())
        report = bulk.load(b, written)
        assert (report.new, report.errors) == (5, 1)
        for store in (a, b):
            store.db.rollback()
        for sha in {r["document"] for r in table(written, "documents")}:
            da, db_ = a.resolve_document(sha), b.resolve_document(sha)
            for key in ("text", "offsets", "extraction", "pipeline", "encoding", "title", "url"):
                assert da[key] == db_[key], key
            assert a.original(sha) == b.original(sha)
            assert [loc["uri"] for loc in a.locations(sha)] == [loc["uri"] for loc in b.locations(sha)]
            assert [r["step"] for r in a.runs(sha)] == [r["step"] for r in b.runs(sha)]
        assert _groups(a) == _groups(b)
        assert b.search("Varga")["quotes"]
        again = bulk.load(b, written)
        assert (again.new, again.unchanged, again.errors) == (0, 5, 0)


def test_load_keeps_one_version_of_a_document_extracted_twice(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "corpus"
    files = [inputs / "flood.txt", inputs / "bus.txt"]
    write_corpus(files, out, run="r1")
    other = Options(beliefs=False)  # a newer claimgraph or other options: another pipeline key
    write_corpus(files, out, run="r2", options=other)
    keys = sorted({r["pipeline"] for r in table(out, "documents")})
    assert len(keys) == 2 and len(table(out, "documents")) == 4
    with Store(tmp_path / "loaded.db") as store:
        report = bulk.load(store, out)
        assert (report.new, report.updated) == (2, 0)
        assert {d["pipeline"] for d in map(store.resolve_document, (d["sha256"] for d in store.documents()))} == \
            {keys[-1]}


def _groups(store: Store) -> set[tuple[frozenset[tuple[str, str]], str]]:
    members: dict[int, set[tuple[str, str]]] = {}
    for key, gid in store.claim_keys().items():
        members.setdefault(gid, set()).add(key)
    labels = {g["id"]: g["label"] for g in store.claim_groups(limit=10_000)}
    return {(frozenset(m), labels[gid]) for gid, m in members.items()}


def _without_ids(group: dict[str, Any]) -> dict[str, Any]:
    """A group's JSON without the row ids a store or a corpus numbers on its own."""
    g = {k: v for k, v in group.items() if k != "id"}
    g["claims"] = sorted(({k: v for k, v in c.items() if k not in ("id", "document_id")} for c in g["claims"]),
                         key=lambda c: (c["document"], c["local_id"]))
    return g


def test_duckdb_resolve_finds_the_stores_groups(tmp_path: Path) -> None:
    out = tmp_path / "corpus"
    rows = []
    for d in rc.CORPUS:
        x = rc.extraction(d)
        src = Source(data=x.text.encode(), location=Location(uri=x.source, kind="file", captured_at="2024-01-01T00:00:00Z"),
                     name=x.source)
        rows += corpus.document_rows(src, x, rc.PIPELINE, "r1")
    pq.write_to_dataset(pa.Table.from_pylist(rows, schema=corpus.SCHEMA), out, partition_cols=[corpus.PARTITION])
    with Store(tmp_path / "store.db") as store:
        rc.load(store)
        resolving.resolve(store, full=True)
        in_store = sorted((_without_ids(g) for g in store.claim_groups(limit=10_000)), key=json.dumps)
        entities = sorted(e["name"] for e in store.global_entities(limit=10_000))
    stats = bulk.resolve_parquet(out)
    groups = pq.read_table(out / "resolved" / "groups.parquet").to_pylist()
    over_parquet = sorted((_without_ids(json.loads(g["data"])) for g in groups), key=json.dumps)
    assert stats.groups == len(in_store) > 5 and stats.groups_with_several_claims > 0
    assert over_parquet == in_store
    assert sorted(e["name"] for e in pq.read_table(out / "resolved" / "entities.parquet").to_pylist()) == entities
    assert all(len(g["claims"]) == g["n_claims"] and ":" in g["claims"][0] for g in groups)


def test_a_folder_that_is_not_a_corpus_is_one_clear_error(tmp_path: Path) -> None:
    from claimgraph.errors import ClaimgraphError

    with pytest.raises(ClaimgraphError, match="not a claimgraph Parquet corpus"):
        bulk.resolve_parquet(tmp_path)
    with Store(tmp_path / "x.db") as store, pytest.raises(ClaimgraphError, match="no such folder"):
        bulk.load(store, tmp_path / "missing")
