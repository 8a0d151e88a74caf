"""The local server's holes from issue 12, each closed: DNS rebinding, wildcards in document
references, integers past SQLite's range, server paths shown to strangers, short tokens."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from claimgraph.errors import ConfigError
from claimgraph.serve.web import create_app
from claimgraph.store import Store

pytest_plugins = ["web_fixtures"]

LOCAL = "http://127.0.0.1"
TOKEN = "a-token-long-enough-1"
READ_TOKEN = "a-read-token-long-enough"
TOO_BIG = 2**63  # one past SQLite's largest integer


@pytest.fixture
def client(demo_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(demo_db), base_url=LOCAL) as c:
        yield c


def _error(r: Any, status: int) -> dict[str, Any]:
    assert r.status_code == status, r.text
    assert "Traceback" not in r.text
    body: dict[str, Any] = r.json()
    return body


# -- DNS rebinding ------------------------------------------------------------------------------


def test_a_foreign_host_name_is_refused_for_reads_and_writes(demo_db: Path) -> None:
    """A page on evil.example whose name now points at 127.0.0.1: its requests carry its own Host
    and a matching Origin, and a server without a token took them."""
    app = create_app(demo_db, readonly=False)
    with TestClient(app, base_url="http://evil.example:8000") as c:
        foreign = {"Origin": "http://evil.example:8000"}
        body = _error(c.post("/api/upload", files={"file": ("a.txt", b"The mayor said 3 homes were lost.")},
                             headers=foreign), 403)
        assert "evil.example" in body["detail"] and "--allow-host" in body["detail"]
        _error(c.get("/api/documents", headers=foreign), 403)
        assert c.get("/documents/1").status_code == 403
    with Store(demo_db, readonly=True) as s:
        assert s.count("documents") == 6  # nothing was stored


@pytest.mark.parametrize("host", ["127.0.0.1:8000", "localhost:8000", "[::1]:8000", "192.168.1.20:8000",
                                  "archive.newsroom.example"])
def test_local_names_addresses_and_allowed_names_pass(demo_db: Path, host: str) -> None:
    app = create_app(demo_db, host="0.0.0.0", allow_hosts=["archive.newsroom.example"])
    with TestClient(app, base_url=LOCAL) as c:
        assert c.get("/api/stats", headers={"Host": host}).status_code == 200


# -- document references ----------------------------------------------------------------------


def test_a_document_reference_is_no_pattern(client: TestClient) -> None:
    sha = client.get("/api/documents/1").json()["sha256"]
    assert client.get(f"/api/documents/{sha[:8]}").json()["id"] == 1  # eight hex characters are enough
    for ref in ("%25" + sha[-8:], sha[:7] + "%25", "_" * 10, sha[:4] + "_" * 6, sha[:7]):
        body = _error(client.get(f"/api/documents/{ref}"), 422)
        assert "at least 8 hexadecimal" in body["detail"], ref
    assert client.get(f"/documents/%25{sha[-8:]}").status_code == 422


# -- integers past SQLite's range ---------------------------------------------------------------


@pytest.mark.parametrize("path", [f"/api/entities/{TOO_BIG}", f"/api/claim-groups/{TOO_BIG}",
                                  f"/api/documents?offset={TOO_BIG}", f"/api/quotes?offset={TOO_BIG}",
                                  f"/api/claims?offset={TOO_BIG}&limit=5"])
def test_huge_integers_are_422_with_a_reason(client: TestClient, path: str) -> None:
    body = _error(client.get(path), 422)
    assert "less than or equal to" in body["detail"][0]["problem"]


def test_the_html_422_page_says_what_was_wrong(client: TestClient) -> None:
    for path in (f"/claims/{TOO_BIG}", f"/entities/{TOO_BIG}", f"/documents?offset={TOO_BIG}"):
        r = client.get(path)
        assert r.status_code == 422 and r.headers["content-type"].startswith("text/html")
        assert "less than or equal to" in r.text and 'id="problems"' in r.text, path


def test_a_huge_merge_id_in_a_post_is_422(demo_db: Path) -> None:
    with TestClient(create_app(demo_db, readonly=False), base_url=LOCAL) as c:
        _error(c.post(f"/api/merges/{TOO_BIG}", json={"decision": "confirm"}), 422)


# -- server paths -------------------------------------------------------------------------------


def _paths(c: TestClient, headers: dict[str, str] | None = None) -> list[str]:
    doc = c.get("/api/documents/1", headers=headers).json()
    listed = c.get("/api/documents", headers=headers).json()["items"][0]
    page = c.get("/documents/1", headers=headers).text
    shown = [loc["uri"] for loc in doc["locations"]] + [doc["source"], doc["extraction"]["source"], listed["source"]]
    return shown + [p for p in shown if p in page]


def test_absolute_paths_only_for_this_machine_or_a_token(demo_db: Path) -> None:
    with Store(demo_db, readonly=True) as s:
        real = s.locations(s.resolve_document(1)["sha256"])[0]["uri"]
    assert real.startswith("/")  # the examples were ingested from files on this machine
    app = create_app(demo_db, token=TOKEN)
    with TestClient(app, base_url=LOCAL, client=("203.0.113.9", 5000)) as stranger:
        hidden = _paths(stranger)
        assert not any(p.startswith("/") for p in hidden), hidden
        assert all(p.startswith("…/") for p in hidden)
        assert real not in stranger.get("/documents/1").text
        assert real in stranger.get("/documents/1", headers={"Authorization": f"Bearer {TOKEN}"}).text
    with TestClient(app, base_url=LOCAL, client=("127.0.0.1", 5000)) as local:
        assert real in _paths(local)


def test_a_read_token_guards_every_page_and_call(demo_db: Path) -> None:
    app = create_app(demo_db, read_token=READ_TOKEN)
    with TestClient(app, base_url=LOCAL, client=("203.0.113.9", 5000)) as c:
        _error(c.get("/api/documents"), 401)
        r = c.get("/documents/1", follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == "/login?next=%2Fdocuments%2F1"
        assert c.get("/static/claimgraph.css").status_code == 200
        assert c.get("/api/documents", headers={"Authorization": f"Bearer {READ_TOKEN}"}).status_code == 200
        wrong = c.post("/login", data={"token": "not-the-token-at-all", "next": "/documents/1"})
        assert wrong.status_code == 401 and "not this server" in wrong.text
        r = c.post("/login", data={"token": READ_TOKEN, "next": "//evil.example/"}, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == "/"  # never sent to another site
        assert "httponly" in r.headers["set-cookie"].lower() and "samesite=strict" in r.headers["set-cookie"].lower()
        assert c.get("/documents/1").status_code == 200  # the cookie now carries it


# -- tokens -------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["token", "read_token"])
def test_short_tokens_are_refused(demo_db: Path, kind: str) -> None:
    with pytest.raises(ConfigError, match="at least 16"):
        create_app(demo_db, **{kind: "hunter2"})


def test_the_token_comes_from_a_file_or_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from claimgraph.cli.web import read_secret

    secret = tmp_path / "token"
    secret.write_text(TOKEN + "\n", encoding="utf-8")
    assert read_secret(None, str(secret), "CLAIMGRAPH_TOKEN", "token") == TOKEN
    monkeypatch.setenv("CLAIMGRAPH_TOKEN", READ_TOKEN)
    assert read_secret(None, None, "CLAIMGRAPH_TOKEN", "token") == READ_TOKEN
    with pytest.raises(ConfigError, match="empty"):
        (tmp_path / "empty").write_text("", encoding="utf-8")
        read_secret(None, str(tmp_path / "empty"), "CLAIMGRAPH_TOKEN", "token")
    with pytest.raises(ConfigError, match="cannot read"):
        read_secret(None, str(tmp_path / "missing"), "CLAIMGRAPH_TOKEN", "token")
