"""The database opens in Datasette with the shipped metadata: descriptions, labels, facets,
search and the canned queries, through Datasette's own test client."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from datasette.app import Datasette

from claimgraph.cli import main

pytest_plugins = ["formats_fixtures"]


def fetch(db: Path, metadata: dict[str, Any], *paths: str) -> list[Any]:
    async def run() -> list[Any]:
        ds = Datasette([str(db)], metadata=metadata)
        await ds.invoke_startup()
        out = []
        for path in paths:
            r = await ds.client.get(path)
            assert r.status_code == 200, (path, r.status_code, r.text[:300])
            out.append(r.json() if ".json" in path else r.text)
        return out

    return asyncio.run(run())


def test_datasette_shows_the_database_as_described(corpus_db: Path, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "dunmore-2022.db"
    shutil.copy(corpus_db, db)
    assert main(["export", "datasette", "--db", str(db)]) == 0
    metadata = yaml.safe_load(capsys.readouterr().out)
    assert list(metadata["databases"]) == ["dunmore-2022"]
    tables, claims_page, quotes, dispute, by_speaker, search, members = fetch(
        db, metadata, "/dunmore-2022.json", "/dunmore-2022/claims", "/dunmore-2022/quotes.json?_facet=kind",
        "/dunmore-2022/claims_in_dispute.json?_shape=array", "/dunmore-2022/quotes_by_speaker.json?speaker=Brel&_shape=array",
        "/dunmore-2022/quotes.json?_search=hiding&_shape=array",
        "/dunmore-2022/claim_members.json?_labels=on&_shape=array")
    shown = {t["name"]: t for t in tables["tables"]}
    assert shown["resolve_pending"]["hidden"] and shown["entity_blocks"]["hidden"]
    assert not shown["claims"]["hidden"] and not shown["verdicts"]["hidden"]
    assert "A number a document states as fact" in claims_page
    assert {f["value"] for f in quotes["facet_results"]["kind"]["results"]} == {"direct"}
    assert {r["number_text"] for r in dispute} == {"41", "at least 300"} and len(dispute) == 3
    assert [r["text"] for r in by_speaker] == ["Petra Vulk is hiding the dead"]
    assert [r["speaker_name"] for r in search] == ["Anton Brel"]
    assert {m["group_id"]["label"] for m in members} == {"people died — Dunmore, 2022", "volunteers sent — Orlen, 2022"}
