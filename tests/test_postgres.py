"""The store on a real PostgreSQL server (a throwaway cluster: conftest's postgres_server): every
read gives what SQLite gives on the same documents, the commands take --db postgresql://..., and
search uses PostgreSQL's own full text. No mock: where the server is missing these skip (and fail
in CI, where scripts/setup --dev installs it)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import resolve_corpus as rc
from claimgraph import cli, resolving, workflow
from claimgraph.errors import StoreError
from claimgraph.options import Options
from claimgraph.store import Store
from claimgraph.store.postgres import ddl, redacted, translate
from claimgraph.store.schema import schema
from corpus_files import write_corpus, write_inputs

pytestmark = pytest.mark.postgres


def test_the_store_sql_in_postgresql_spelling() -> None:
    assert translate("INSERT OR IGNORE INTO locations(sha256, uri) VALUES (?,?)") == \
        "INSERT INTO locations(sha256, uri) VALUES (%s,%s) ON CONFLICT DO NOTHING"
    assert translate("INSERT OR REPLACE INTO publisher_labels(publisher, label, origin, at) VALUES (?,?,?,?)") \
        .endswith("ON CONFLICT (publisher, label) DO UPDATE SET origin = EXCLUDED.origin, at = EXCLUDED.at")
    assert translate("INSERT INTO errors(input, reason) VALUES (?,?)", returning=True).endswith("RETURNING id")
    assert translate("SELECT q.start, q.end FROM quotes q WHERE q.text LIKE ?") == \
        'SELECT q.start, q."end" FROM quotes q WHERE q.text ILIKE %s'
    assert translate("DELETE FROM t WHERE component IN ()") == "DELETE FROM t WHERE false"
    tables = ddl(schema())
    assert "BYTEA" in tables and "GENERATED ALWAYS AS (to_tsvector('simple'" in tables and "fts5" not in tables
    assert redacted("postgresql://ana:secret@db.example/claims") == "postgresql://ana:***@db.example/claims"


def _same(rows: list[dict[str, Any]], drop: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    return [{k: v for k, v in r.items() if k not in drop} for r in rows]


def _groups(store: Store) -> list[dict[str, Any]]:
    return [{**{k: v for k, v in g.items() if k != "id"}, "claims": [{k: v for k, v in c.items() if k != "id"}
                                                                      for c in g["claims"]]}
            for g in store.claim_groups(limit=500)]


def canon(read: Any) -> Any:
    """Rows in a fixed order: ties in an ORDER BY may come in either order from the two engines."""
    if isinstance(read, list):
        return sorted(json.dumps(r, sort_keys=True, default=str) for r in read)
    return read


def test_every_read_equals_sqlite(postgres_url: str, tmp_path: Path) -> None:
    inputs = write_inputs(tmp_path / "in")
    with Store(postgres_url) as pg, Store(tmp_path / "lite.db") as lite:
        assert type(pg).__name__ == "PgStore"
        for store in (pg, lite):
            report = workflow.ingest(store, [str(inputs)], Options())
            assert report.new == 5 and len(report.failed) == 1
        for read in (lambda s: s.stats(), lambda s: s.documents(), lambda s: s.quotes(limit=500),
                     lambda s: s.claims(limit=500), lambda s: s.entities(limit=500),
                     lambda s: s.claim_groups(limit=500), lambda s: s.global_entities(limit=500),
                     lambda s: s.merges(), lambda s: s.publishers(), lambda s: s.quotes(speaker="varga"),
                     lambda s: _same(s.errors(), ("at",))):
            assert canon(read(pg)) == canon(read(lite))
        sha = lite.documents()[0]["sha256"]
        assert _same([pg.resolve_document(sha[:10])], ("processed_at",)) == \
            _same([lite.resolve_document(sha[:10])], ("processed_at",))
        assert pg.original(sha) == lite.original(sha)
        for q in ("varga", "flood homes", "barr"):
            hits_pg, hits_lite = pg.search(q), lite.search(q)
            assert {k: {r["id"] for r in v} for k, v in hits_pg.items()} == \
                {k: {r["id"] for r in v} for k, v in hits_lite.items()}
        assert any("[" in r["snippet"] for r in pg.search("flood")["documents"])
        for store in (pg, lite):
            report = workflow.reprocess(store, Options(), force=True)
            assert report.updated == 5 and not report.failed
        # Row ids are the engines' own after rows are replaced (SQLite reuses them, a sequence does not).
        assert canon(_groups(pg)) == canon(_groups(lite))


def test_resolve_judge_and_label(postgres_url: str, tmp_path: Path) -> None:
    with Store(postgres_url) as pg, Store(tmp_path / "lite.db") as lite:
        for store in (pg, lite):
            rc.load(store, rc.CORPUS[:-3])
            resolving.resolve(store)
            rc.load(store, rc.CORPUS[-3:])  # the last documents join what is there: an incremental resolve
            resolving.resolve(store)
            workflow.label_publisher(store, rc.CORPUS[0].publisher, "state media")
        assert canon(pg.claim_groups(limit=500)) == canon(lite.claim_groups(limit=500))
        assert canon(pg.publishers()) == canon(lite.publishers())
        merge = lite.merges()[0] if lite.merges() else None
        if merge:
            for store in (pg, lite):
                workflow.judge(store, merge["id"], "reject")
            assert canon(pg.global_entities(limit=500)) == canon(lite.global_entities(limit=500))


def test_commands_take_a_postgresql_url(postgres_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    inputs = write_inputs(tmp_path / "in")
    assert cli.main(["ingest", str(inputs / "flood.txt"), str(inputs / "flood-2.txt"), "--db", postgres_url]) == 0
    capsys.readouterr()
    assert cli.main(["claims", "--grouped", "--format", "json", "--db", postgres_url]) == 0
    assert json.loads(capsys.readouterr().out)
    assert cli.main(["search", "Varga", "--format", "json", "--db", postgres_url]) == 0
    assert json.loads(capsys.readouterr().out)["quotes"]
    write_corpus([inputs / "bus.txt", inputs / "flood.txt"], tmp_path / "corpus")
    assert cli.main(["load", str(tmp_path / "corpus"), "--db", postgres_url, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["new"] == 1  # flood.txt was there already


def test_an_unreachable_server_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="cannot connect"):
        Store(f"postgresql://nobody:secret@/claims?host={tmp_path}")
