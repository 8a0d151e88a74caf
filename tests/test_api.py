"""The HTTP API and the pages, in process (FastAPI's TestClient)."""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from claimgraph.serve.web import create_app
from claimgraph.store import Store

LOCAL = "http://127.0.0.1"  # a Host the server answers to (TestClient says "testserver")

# The web tests' fixtures (databases of the examples) live there, not in a conftest.py.
pytest_plugins = ["web_fixtures"]

TOKEN = "s3cret-token-for-tests"


@pytest.fixture
def client(demo_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(demo_db), base_url=LOCAL) as c:
        yield c


@pytest.fixture
def writer(demo_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(demo_db, token=TOKEN, readonly=False, max_upload=20_000), base_url=LOCAL) as c:
        yield c


def assert_json_error(r: Any, status: int) -> dict[str, Any]:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    body: dict[str, Any] = r.json()
    assert set(body) == {"error", "detail"} and body["error"]
    assert "Traceback" not in r.text
    return body


# -- reading ----------------------------------------------------------------------------------


def test_documents_paginate_with_a_total(client: TestClient) -> None:
    first = client.get("/api/documents", params={"limit": 4}).json()
    assert first["total"] == 6 and first["limit"] == 4 and first["offset"] == 0
    assert len(first["items"]) == 4
    rest = client.get("/api/documents", params={"limit": 4, "offset": 4}).json()
    assert len(rest["items"]) == 2
    assert {d["id"] for d in first["items"]}.isdisjoint({d["id"] for d in rest["items"]})
    assert client.get("/api/documents", params={"offset": 6}).json()["items"] == []
    one = first["items"][0]
    assert {"id", "sha256", "title", "publisher", "n_quotes", "n_claims", "n_entities"} <= set(one)


def test_documents_filter_by_publisher(client: TestClient) -> None:
    page = client.get("/api/documents", params={"publisher": "Meridian Press"}).json()
    assert page["total"] == len(page["items"]) == 2


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 100_000}, {"offset": -1}, {"limit": "ten"}])
def test_bad_paging_is_a_json_422(client: TestClient, params: dict[str, Any]) -> None:
    body = assert_json_error(client.get("/api/documents", params=params), 422)
    assert body["detail"][0]["where"].startswith("query.")


def test_document_detail_by_id_and_by_sha_prefix(client: TestClient) -> None:
    doc = client.get("/api/documents/1").json()
    assert {"text", "extraction", "flags", "locations", "runs", "sha256"} <= set(doc)
    assert "offsets" not in doc
    assert doc["locations"][0]["kind"] == "file" and doc["runs"]
    assert client.get(f"/api/documents/{doc['sha256'][:16]}").json()["id"] == 1


def test_unknown_document_is_a_json_404(client: TestClient) -> None:
    body = assert_json_error(client.get("/api/documents/999"), 404)
    assert "999" in body["detail"]
    assert_json_error(client.get("/api/documents/ffffffffffffffffffff"), 404)
    assert_json_error(client.get("/api/nothing-here"), 404)


def test_original_is_a_download_of_the_unaltered_bytes(client: TestClient) -> None:
    doc = client.get("/api/documents/6").json()  # the HTML example: must never render as HTML
    r = client.get("/api/documents/6/original")
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/octet-stream"
    assert r.headers["content-disposition"].startswith("attachment")
    assert r.headers["x-content-type-options"] == "nosniff"
    assert hashlib.sha256(r.content).hexdigest() == doc["sha256"]


def test_quotes_filter_by_speaker(client: TestClient) -> None:
    everything = client.get("/api/quotes").json()["items"]
    some = client.get("/api/quotes", params={"speaker": "Karimov"}).json()["items"]
    assert 0 < len(some) < len(everything)
    assert all("Karimov" in (q["speaker_name"] or "") + (q["speaker_text"] or "") for q in some)
    in_doc = client.get("/api/quotes", params={"document": "5"}).json()["items"]
    assert in_doc and {q["document_id"] for q in in_doc} == {5}


def test_entities_claims_and_search(client: TestClient) -> None:
    assert isinstance(client.get("/api/entities").json()["items"], list)  # empty until resolve has run
    per_doc = client.get("/api/document-entities", params={"type": "person"}).json()["items"]
    assert per_doc and all(e["type"] == "PERSON" for e in per_doc)
    claims = client.get("/api/claims").json()["items"]
    assert claims and all(c["document_id"] for c in claims)
    hits = client.get("/api/search", params={"q": "toll"}).json()
    assert hits["q"] == "toll" and hits["documents"]
    # FTS syntax in a user's words is not an error.
    assert client.get("/api/search", params={"q": '"AND (OR* NEAR'}).status_code == 200
    assert_json_error(client.get("/api/search"), 422)


@pytest.fixture
def resolved(resolved_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(resolved_db), base_url=LOCAL) as c:
        yield c


def test_resolve_backed_endpoints(resolved: TestClient) -> None:
    groups = resolved.get("/api/claim-groups").json()["items"]
    toll = groups[0]  # most independently sourced first: the flood's disputed toll
    assert toll["contradiction"] is True and toll["label"].startswith("people killed")
    assert resolved.get(f"/api/claim-groups/{toll['id']}").json() == toll
    assert_json_error(resolved.get("/api/claim-groups/999999"), 404)
    (karimov,) = [e for e in resolved.get("/api/entities", params={"q": "Karimov"}).json()["items"]
                  if e["type"] == "PERSON"]
    one = resolved.get(f"/api/entities/{karimov['id']}").json()
    assert one["name"] == "Yusuf Karimov" and "Yousef Karimov" in one["aliases"] and one["merges"]
    labels = {p["publisher"]: p["labels"] for p in resolved.get("/api/publishers").json()}
    assert labels["National Tribune"] == ["state media"]


def test_nothing_resolved_yet_gives_empty_lists_not_errors(unresolved_db: Path) -> None:
    with TestClient(create_app(unresolved_db), base_url=LOCAL) as client:
        assert client.get("/api/claim-groups").json()["items"] == []
        assert client.get("/api/entities").json()["items"] == []
        assert_json_error(client.get("/api/claim-groups/1"), 404)
        for path in ("/", "/claims", "/entities", "/sources"):
            assert client.get(path).status_code == 200, path
        assert client.get("/entities/1").status_code == 404
    with Store(unresolved_db, readonly=True) as s:
        assert s.pending().rows  # reading left the work to a writing command


def test_openapi_lists_the_endpoints(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for p in ("/api/documents", "/api/documents/{ref}", "/api/documents/{ref}/original", "/api/quotes",
              "/api/entities", "/api/claims", "/api/claim-groups", "/api/claim-groups/{group_id}", "/api/search",
              "/api/publishers", "/api/upload", "/api/merges/{merge_id}"):
        assert p in paths, p
    assert "/documents/{ref}" not in paths  # pages are not API


def test_server_errors_are_json_without_a_traceback(demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: Any, **kwargs: Any) -> list[dict[str, Any]]:
        raise RuntimeError("secret internals")

    monkeypatch.setattr(Store, "publishers", broken)
    with TestClient(create_app(demo_db), base_url=LOCAL, raise_server_exceptions=False) as c:
        body = assert_json_error(c.get("/api/publishers"), 500)
        assert "secret internals" not in str(body)
        page = c.get("/sources")
        assert page.status_code == 500 and "secret internals" not in page.text


# -- security headers and escaping -------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/documents/1", "/api/documents", "/api/documents/999", "/static/claimgraph.css",
                                  "/nope"])
def test_every_response_has_the_security_headers(client: TestClient, path: str) -> None:
    h = client.get(path).headers
    csp = h["content-security-policy"]
    for part in ("default-src 'self'", "script-src 'self'", "style-src 'self'", "object-src 'none'",
                 "base-uri 'none'", "frame-ancestors 'none'"):
        assert part in csp
    assert "unsafe-inline" not in csp
    assert h["x-content-type-options"] == "nosniff"
    assert h["referrer-policy"]


def test_missing_database_fails_at_start(tmp_path: Path) -> None:
    from claimgraph.errors import StoreError

    with pytest.raises(StoreError):
        create_app(tmp_path / "none.db")


# -- writing ----------------------------------------------------------------------------------

HOSTILE = b'Title: <img src=x onerror="window.__pwned=1">\n\nShe said <script>window.__pwned=1</script> 40 times.\n'


def test_read_only_server_refuses_writes(client: TestClient) -> None:
    body = assert_json_error(client.post("/api/upload", files={"file": ("a.txt", b"hello there")}), 403)
    assert "read-only" in body["detail"]
    assert_json_error(client.post("/api/merges/3", json={"decision": "confirm"}), 403)


def test_upload_needs_the_token(writer: TestClient) -> None:
    r = writer.post("/api/upload", files={"file": ("a.txt", b"Some words.")})
    assert_json_error(r, 401)
    assert r.headers["www-authenticate"] == "Bearer"
    assert_json_error(writer.post("/api/upload", files={"file": ("a.txt", b"Some words.")},
                                  headers={"Authorization": "Bearer wrong"}), 401)


def test_upload_goes_through_ingest_and_is_escaped_on_the_page(writer: TestClient) -> None:
    r = writer.post("/api/upload", files={"file": ("hostile.txt", HOSTILE)}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 201, r.text
    report = r.json()
    assert report["new"] == 1 and report["failed"] == [] and len(report["documents"]) == 1
    doc_id = report["documents"][0]
    doc = writer.get(f"/api/documents/{doc_id}").json()
    assert doc["sha256"] == hashlib.sha256(HOSTILE).hexdigest()
    assert doc["locations"][0]["uri"] == "upload:hostile.txt"
    page = writer.get(f"/documents/{doc_id}").text
    assert "<script>window" not in page and "<img src=x" not in page
    article = page.split('id="text">', 1)[1].split("</article>", 1)[0]
    # The only elements in the text are our highlight spans; the payload is there, as text.
    assert set(re.findall(r"</?([a-zA-Z0-9]+)", article)) <= {"span"}
    shown = html.unescape(re.sub(r"<[^>]*>", "", article))
    assert "<script>window.__pwned=1</script>" in shown
    # The same bytes again: nothing new, and the answer still points at the document.
    again = writer.post("/api/upload", files={"file": ("again.txt", HOSTILE)}, data={"token": TOKEN})
    assert again.status_code == 201 and again.json()["unchanged"] == 1 and again.json()["documents"] == [doc_id]


def test_upload_form_answers_at_once_with_the_job(writer: TestClient) -> None:
    r = writer.post("/upload", files={"file": ("note.txt", b"The mayor said 12 homes were lost.")},
                    data={"token": TOKEN}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/upload/jobs/")


def test_oversize_upload_is_413(writer: TestClient) -> None:
    big = b"word " * 5_000  # 25,000 bytes, over the 20,000 limit but within the multipart allowance
    body = assert_json_error(writer.post("/api/upload", files={"file": ("big.txt", big)}, data={"token": TOKEN}), 413)
    assert "20,000" in body["detail"]
    huge = b"x" * 200_000  # over the whole-body limit: refused from its Content-Length
    assert_json_error(writer.post("/api/upload", files={"file": ("huge.txt", huge)}, data={"token": TOKEN}), 413)


def test_oversize_upload_without_a_length_is_cut_off_while_streaming(writer: TestClient) -> None:
    boundary = "xyz"
    head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"token\"\r\n\r\n{TOKEN}\r\n"
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.txt\"\r\n"
            "Content-Type: text/plain\r\n\r\n").encode()
    sent = 0

    def chunks() -> Iterator[bytes]:
        nonlocal sent
        yield head
        for _ in range(1000):  # 10 MB if nobody stops reading
            sent += 10_000
            yield b"y" * 10_000
        yield f"\r\n--{boundary}--\r\n".encode()

    r = writer.post("/api/upload", content=chunks(),
                    headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
    assert_json_error(r, 413)


@pytest.mark.parametrize("name,data,status", [
    ("empty.txt", b"", 422),
    ("broken.pdf", b"%PDF-1.4\n this is not really a pdf", 422),
    ("bomb.txt", b"a" * 19_000 + b"\x00" * 900, None),
])
def test_bad_files_are_json_errors(writer: TestClient, name: str, data: bytes, status: int | None) -> None:
    r = writer.post("/api/upload", files={"file": (name, data)}, data={"token": TOKEN})
    if status is None:
        assert r.status_code in (201, 422), r.text  # stored or refused, but never a crash
    else:
        body = assert_json_error(r, status)
        assert name in body["detail"]


def test_missing_file_field_is_422(writer: TestClient) -> None:
    assert_json_error(writer.post("/api/upload", data={"token": TOKEN}), 422)


def test_cross_site_form_posts_are_refused(writer: TestClient) -> None:
    r = writer.post("/api/upload", files={"file": ("a.txt", b"words")}, data={"token": TOKEN},
                    headers={"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"})
    body = assert_json_error(r, 403)
    assert "another site" in body["detail"]


def test_merge_judgements(writer: TestClient, demo_db: Path) -> None:
    with Store(demo_db, readonly=True) as s:
        m = next(x for x in s.merges() if "Karimov" in x["name_a"])
    auth = {"Authorization": f"Bearer {TOKEN}"}
    assert_json_error(writer.post(f"/api/merges/{m['id']}", json={"decision": "confirm"}), 401)
    assert_json_error(writer.post(f"/api/merges/{m['id']}", json={"decision": "maybe"}, headers=auth), 422)
    assert_json_error(writer.post("/api/merges/99999", json={"decision": "reject"}, headers=auth), 404)
    r = writer.post(f"/api/merges/{m['id']}", json={"decision": "reject", "note": "two different people"}, headers=auth)
    assert r.status_code == 200 and r.json() == {"merge": m["id"], "decision": "reject"}
    karimovs = [e for e in writer.get("/api/entities", params={"q": "Karimov"}).json()["items"] if e["type"] == "PERSON"]
    assert len(karimovs) == 2  # kept apart
    form = writer.post(f"/entities/{m['global_id']}/merges/{m['id']}", data={"decision": "confirm", "token": TOKEN},
                       follow_redirects=False)
    assert form.status_code == 303 and form.headers["location"] == f"/entities/{m['global_id']}#merges"
    assert writer.get(f"/api/entities/{m['global_id']}").json()["name"] == "Yusuf Karimov"  # together again
    # A judgement re-resolves and may renumber entities: when the id now names another, go by name.
    moved = writer.post(f"/entities/{m['global_id']}/merges/{m['id']}",
                        data={"decision": "confirm", "token": TOKEN, "name": "Karimov"}, follow_redirects=False)
    assert moved.headers["location"] == "/entities?q=Karimov"


def test_judge_without_a_resolve_stage_is_501(writer: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    from claimgraph import workflow

    def missing(*args: Any) -> None:
        raise NotImplementedError

    monkeypatch.setattr(workflow, "judge", missing)
    r = writer.post("/api/merges/3", json={"decision": "confirm"}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert_json_error(r, 501)


# -- pages --------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/search?q=flood", "/search", "/documents", "/documents?offset=2",
                                  "/documents/1", "/entities", "/entities?q=Karimov", "/entities/1", "/claims",
                                  "/sources", "/upload"])
def test_pages_render(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "<h1>" in r.text


def test_pages_with_resolve(resolved: TestClient) -> None:
    toll = resolved.get("/api/claim-groups").json()["items"][0]
    home = resolved.get("/").text
    assert toll["label"] in home and "contradiction" in home
    group = resolved.get(f"/claims/{toll['id']}").text
    first = toll["claims"][0]
    assert "<svg" in group and f'href="/documents/{first["document_id"]}#{first["local_id"]}"' in group
    assert "&lt;script&gt;" in group and "<script>window" not in group  # the hostile report's sentence
    karimov = next(e for e in resolved.get("/api/entities", params={"q": "Karimov"}).json()["items"]
                   if e["type"] == "PERSON")
    entity = resolved.get(f"/entities/{karimov['id']}").text
    assert "/merges/" not in entity  # read-only: no buttons
    assert "Karimov" in entity
    assert "state media" in resolved.get("/sources").text


def test_page_errors_are_pages(client: TestClient) -> None:
    r = client.get("/documents/999")
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert "no document" in r.text
    assert client.get("/claims/999999").status_code == 404


def test_document_page_links_claims_by_anchor(client: TestClient) -> None:
    page = client.get("/documents/5").text
    assert 'id="c1"' in page and 'href="#c1"' in page
    for kind in ("quote", "entity", "claim"):
        assert f"hl hl-{kind}" in page


def test_a_real_server_stops_reading_an_oversize_chunked_upload(demo_db: Path) -> None:
    """Against uvicorn on a socket: the 413 comes back long before the client has sent it all."""
    import socket
    import threading
    import time

    import uvicorn

    app = create_app(demo_db, token=TOKEN, readonly=False, max_upload=100_000)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    while not srv.started:
        time.sleep(0.02)
    try:
        with socket.create_connection(("127.0.0.1", port)) as s:
            s.sendall(f"POST /api/upload HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAuthorization: Bearer {TOKEN}\r\n"
                      "Content-Type: multipart/form-data; boundary=xyz\r\nTransfer-Encoding: chunked\r\n\r\n".encode())
            head = b'--xyz\r\nContent-Disposition: form-data; name="file"; filename="big.txt"\r\n\r\n'
            s.sendall(b"%x\r\n%s\r\n" % (len(head), head))
            s.settimeout(0.01)
            sent, reply = 0, b""
            while sent < 50_000_000 and not reply:
                try:
                    s.sendall(b"%x\r\n%s\r\n" % (10_000, b"y" * 10_000))
                    sent += 10_000
                    reply = s.recv(4096)
                except TimeoutError:
                    continue
                except (BrokenPipeError, ConnectionResetError):
                    break
            s.settimeout(5)
            reply = reply or s.recv(4096)
        assert reply.startswith(b"HTTP/1.1 413"), reply[:100]
        assert sent < 1_000_000  # refused after the limit, not after the whole body
    finally:
        srv.should_exit = True
        thread.join(5)
