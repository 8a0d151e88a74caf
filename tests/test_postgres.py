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
from claimgraph import cli, resolving, searchquery, workflow
from claimgraph.errors import StoreError
from claimgraph.filters import Filters
from claimgraph.options import Options
from claimgraph.store import Store, Verdict
from claimgraph.store.pgsearch import from_fts
from claimgraph.store.postgres import PgDatabase, ddl, redacted, translate
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
    assert translate("SELECT document_id FROM entities WHERE name = ? COLLATE NOCASE") == \
        "SELECT document_id FROM entities WHERE lower(name) = lower(%s)"
    assert translate("SELECT count(*) FROM (SELECT id FROM t WHERE (a IN (1))) ORDER BY x DESC") == \
        "SELECT count(*) FROM (SELECT id FROM t WHERE (a IN (1))) AS sub1 ORDER BY x DESC NULLS LAST"
    assert translate("SELECT data FROM g WHERE 1 AND g.n = 1") == "SELECT data FROM g WHERE true AND g.n = 1"
    assert translate("INSERT INTO meta(key, value) VALUES ('n', '1') ON CONFLICT(key) DO UPDATE SET value ="
                     " CAST(value AS INTEGER) + 1, key = excluded.key").endswith(
        "DO UPDATE SET value = (CASE WHEN meta.value ~ '^-?[0-9]+$' THEN CAST(meta.value AS BIGINT) END) + 1,"
        " key = excluded.key")
    assert ddl("CREATE TRIGGER IF NOT EXISTS log_kept BEFORE DELETE ON log\nBEGIN SELECT RAISE(ABORT, 'kept'); END;") \
        == "CREATE OR REPLACE TRIGGER log_kept BEFORE DELETE ON log FOR EACH ROW EXECUTE FUNCTION claimgraph_refuse('kept');"
    assert from_fts('("flood"* OR "sea wall") NOT "rumour" "x"') == "('flood':* | ('sea' <-> 'wall')) & !'rumour' & 'x'"
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


def _listing_reads(store: Store) -> dict[str, Any]:
    """Every listing, total and facet, export and network the web and `export` read, on the
    filters they take: what the two engines must give alike."""
    out: dict[str, Any] = {}
    publisher = next(p["publisher"] for p in store.publishers() if p["publisher"])
    filters = {"documents": [Filters(), Filters(publisher=(publisher,)), Filters(since="2020", sort="date"),
                             Filters(entity="tomas varga"), Filters(speaker="varga"), Filters(kind=("html",))],
               "quotes": [Filters(), Filters(speaker="VARGA"), Filters(kind=("direct",), sort="date"),
                          Filters(min_confidence=0.1), Filters(label=("wire",))],
               "claims": [Filters(), Filters(counted="home"), Filters(sort="-date"), Filters(speaker="authority")],
               "entities": [Filters(), Filters(type=("PERSON",)), Filters(name="varg", sort="name")]}
    for listing, fs in filters.items():
        for f in fs:
            key = f"{listing} {f.active()}"
            out[key] = (canon(_same(store.listing(listing, f, limit=500), ("id", "document_id", "captured_at"))),
                        store.listing_total(listing, f), store.listing_facets(listing, f))
    f = Filters()
    out["exports"] = [canon(_same(list(rows), ("id", "document_id", "speaker_id", "claimant_id", "entity_id", "processed_at")))
                      for rows in (store.export_documents(f), store.export_quotes(f), store.export_claims(f),
                                   store.export_mentions(f), store.export_entities(f))]
    out["kept"] = store.count_documents_kept(Filters(publisher=(publisher,)))
    out["speech"] = canon(store.speech_edges(Filters()))
    for network in ("speech", "comention"):
        names = {n["id"]: n["name"] for n in store.network_nodes(network, Filters())}
        out[network] = sorted((names[e["source"]], names[e["target"]], e["weight"], e["documents"])
                              for e in store.network_edges(network, Filters()))
    for kind in ("documents", "quotes", "claims"):
        for text in ("varga", "flood* OR barrier", "\"river authority\"", "homes NOT flooded", "speaker:varga water"):
            sq = searchquery.parse(text)
            f = Filters().merge(sq.filters) if kind != "documents" or not sq.filters.speaker else sq.filters
            hits = [store.search_page(kind, sq.match, f, limit=50, sort=s) for s in ("relevance", "newest", "date")]
            out[f"search {kind} {text}"] = ([sorted(r.get("sha256") or "" for r in h) for h in hits],
                                            store.search_total(kind, sq.match, f))
    out["candidates"] = sorted(r["text"] for r in store.claims_sharing_words(["homes", "flooded", "river"]))
    return out


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
                     lambda s: _same(s.errors(), ("at", "last_seen"))):
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
            workflow.label_publisher(store, "River News", "wire")
        pg_reads, lite_reads = _listing_reads(pg), _listing_reads(lite)
        for key, read in lite_reads.items():
            assert pg_reads[key] == read, key
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
        # Verdicts and corrections: kept by content, read back with the group their claim is in.
        def members(g: dict[str, Any]) -> list[tuple[str, str]]:
            return sorted((c["document"], c["local_id"]) for c in g["claims"])

        biggest = members(max(lite.claim_groups(limit=500), key=lambda g: (len(g["claims"]), members(g))))
        for store in (pg, lite):
            group = next(g for g in store.claim_groups(limit=500) if members(g) == biggest)
            workflow.give_verdict(store, group["id"], Verdict("Misleading", rating=2, author="desk"))
            store.put_verdict(store.claim_anchor(group["claims"][-1]["id"]),
                              Verdict("False", origin="feed.json", ref="https://checks.example/1", published="2024-01-02"))
            claim = group["claims"][0]
            store.add_correction(claim["document"], "claim", claim["text"], "claimant", "Ministry of Water")
            store.commit()
            resolving.resolve(store)
        drop = ("id", "group_id", "at")
        assert _same(pg.verdicts(), drop) == _same(lite.verdicts(), drop)
        assert _same(pg.corrections(), ("at",)) == _same(lite.corrections(), ("at",))
        assert canon(_groups(pg)) == canon(_groups(lite))
        assert canon(_same(list(pg.export_groups(Filters())), ("id",))) == \
            canon(_same(list(lite.export_groups(Filters())), ("id",)))
        assert pg.count_groups(Filters(), disputed=True) == lite.count_groups(Filters(), disputed=True)


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
    for fmt in ("ftm", "claimreview", "csv", "jsonl", "parquet", "gexf", "graphml"):
        target = tmp_path / f"export.{fmt}"
        assert cli.main(["export", fmt, "--output", str(target), "--db", postgres_url]) == 0, fmt
        assert target.stat().st_size > 0, fmt


def test_the_web_face_reads_a_postgresql_database(postgres_url: str, tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from claimgraph.serve.web import create_app

    inputs = write_inputs(tmp_path / "in")
    with Store(postgres_url) as pg:
        workflow.ingest(pg, [str(inputs)], Options())
        sha = pg.documents()[0]["sha256"]
        group = pg.claim_group_summaries(limit=1)[0]["id"]
    pages = ["/", "/documents", "/quotes", "/entities", "/claims", "/sources", "/graph", f"/documents/{sha[:12]}",
             f"/claims/{group}", "/search?q=varga", "/search?q=%22river+authority%22+OR+flood*&only=claims",
             "/search?q=speaker%3Avarga+water", "/claims?publisher=River+News&sort=date", "/quotes?speaker=varga",
             "/api/stats", "/api/documents", "/api/quotes", "/api/claims", "/api/claim-groups", "/api/entities",
             "/api/search?q=flood", "/api/publishers", "/api/document-entities", "/export/claims.csv",
             "/export/quotes.json?speaker=varga", "/export/documents.csv"]
    with TestClient(create_app(postgres_url), base_url="http://127.0.0.1") as client:
        for page in pages:
            r = client.get(page)
            assert r.status_code == 200, (page, r.text[:300])


def test_a_refusing_trigger_refuses(postgres_url: str) -> None:
    import psycopg

    db = PgDatabase(postgres_url)
    db.script("CREATE TABLE IF NOT EXISTS log (\n  seq INTEGER PRIMARY KEY\n);\n"
              "CREATE TRIGGER IF NOT EXISTS log_kept BEFORE DELETE ON log\nBEGIN SELECT RAISE(ABORT, 'kept'); END;")
    db.execute("INSERT INTO log(seq) VALUES (?)", (1,))
    db.commit()
    with pytest.raises(psycopg.Error, match="kept"):
        db.changes("DELETE FROM log")
    db.rollback()
    assert db.value("SELECT count(*) FROM log") == 1
    db.close()


def test_an_unreachable_server_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="cannot connect"):
        Store(f"postgresql://nobody:secret@/claims?host={tmp_path}")
