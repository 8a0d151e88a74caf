"""FollowTheMoney export: valid by followthemoney's own model, every link resolves, ids stable."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from followthemoney import model, registry
from followthemoney.cli.cli import cli as ftm_cli

from claimgraph.cli import main
from formats_corpus import DOCS, sha

pytest_plugins = ["formats_fixtures"]

def export(db: Path, capsys: pytest.CaptureFixture[str], *args: str) -> list[dict[str, Any]]:
    assert main(["export", "ftm", "--db", str(db), *args]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_round_trip_through_followthemoney(corpus_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = export(corpus_db, capsys)
    proxies = [model.get_proxy(d, cleaned=False) for d in data]
    ids = [p.id for p in proxies]
    assert len(ids) == len(set(ids)) and all(ids)
    # Valid by the schema: nothing a schema lacks, every value survives cleaning unchanged.
    for d, p in zip(data, proxies, strict=True):
        assert p.schema.validate(d) is None, d
        assert p.to_dict()["properties"] == d["properties"], d
    # Every link points to an entity in the file, written before the link.
    seen: set[str] = set()
    for p in proxies:
        for prop, value in p.itervalues():
            if prop.type == registry.entity:
                assert value in seen, (p.schema.name, prop.name, value)
        seen.add(p.id or "")
    counts = Counter(p.schema.name for p in proxies)
    assert counts["Person"] == 2 and counts["Organization"] == 1 and counts["Address"] == 2
    assert counts["Article"] == 3 and counts["Note"] == 3 + 4
    by_id = {p.id: p for p in proxies}
    # contentHash is FtM's SHA-1 of the unaltered original; the SHA-256 makes the id.
    article = by_id[f"claimgraph-doc-{sha(DOCS[1])}"]
    assert article.schema.name == "Article"
    assert article.get("contentHash") == [hashlib.sha1(DOCS[1].text.encode()).hexdigest()]
    assert article.get("sourceUrl") == [DOCS[1].url] and article.get("publisher") == ["Open Kestria"]
    assert article.get("publishedAt") == ["2022-03-10"] and article.get("bodyText") == [DOCS[1].text]
    # The quote by Anton Brel is a Note on him, with the article as its proof.
    note = next(p for p in proxies if p.schema.name == "Note" and "Petra Vulk is hiding the dead" in p.get("description"))
    assert by_id[note.get("entity")[0]].get("name") == ["Anton Brel"]
    assert note.get("proof") == [article.id]
    # A speaker no entity was found for is named, not linked.
    rebuild = next(p for p in proxies if p.schema.name == "Note" and p.get("description") == ["We will rebuild"])
    assert not rebuild.get("entity") and rebuild.get("namesMentioned") == ["an official"]
    # Each entity a document names has a Mention linking the two.
    mentions = [p for p in proxies if p.schema.name == "Mention" and p.get("document") == [article.id]]
    assert {by_id[m.get("resolved")[0]].caption for m in mentions} == {
        "Kestria Relief Fund", "Petra Vulk", "Anton Brel", "Dunmore", "Orlen"}


def test_ftm_validate_accepts_the_file(corpus_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "claimgraph.ftm.json"
    assert main(["export", "ftm", "-o", str(out), "--db", str(corpus_db)]) == 0
    result = CliRunner().invoke(ftm_cli, ["validate", "-i", str(out), "-o", str(tmp_path / "valid.json")])
    assert result.exit_code == 0, result.output
    assert len((tmp_path / "valid.json").read_text().splitlines()) == len(out.read_text().splitlines())


def test_ids_are_stable_and_filters_keep_links_whole(corpus_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = {d["id"] for d in export(corpus_db, capsys, "--no-text")}
    assert first == {d["id"] for d in export(corpus_db, capsys, "--no-text")}
    only = export(corpus_db, capsys, "--entity", "Anton Brel")  # the one document naming him
    ids = {d["id"] for d in only}
    assert [d["id"] for d in only if d["schema"] == "Article"] == [f"claimgraph-doc-{sha(DOCS[1])}"]
    assert len([d for d in only if d["schema"] == "Note"]) == 3
    for d in only:
        for key in ("entity", "proof", "document", "resolved"):
            assert set(d["properties"].get(key, [])) <= ids
    # A claim group keeps its claims, and the quotes of their documents (quotes are in no group).
    grouped = export(corpus_db, capsys, "--group", "2", "--no-text")
    notes = [d["properties"]["description"] for d in grouped if d["schema"] == "Note"]
    assert notes == [["Petra Vulk is hiding the dead"], ["The fund said it sent 12 volunteers to Orlen."]]
