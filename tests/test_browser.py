"""End to end in headless Chromium (Debian's /usr/bin/chromium, driven by Playwright).

The server runs in a thread on a free port on 127.0.0.1. Screenshots go to $CLAIMGRAPH_SHOTS
when set (to look at them), else to a temporary folder.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from serving import serving

# The web tests' fixtures (databases of the examples) live there, not in a conftest.py.
pytest_plugins = ["web_fixtures", "browser_fixtures"]

TOKEN = "browser-test-token"
PAYLOAD_SCRIPT = "<script>window.__pwned=1</script>"
PAYLOAD_IMG = '<img src=x onerror="window.__pwned=1">'

pytestmark = pytest.mark.browser
CHROMIUM = "/usr/bin/chromium"  # the one browser_fixtures drives

if not os.path.exists(CHROMIUM):
    pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium (scripts/setup-browser.sh)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")


def _serve(db: Path, readonly: bool) -> Iterator[str]:
    from claimgraph.serve.web import create_app

    with serving(create_app(db, token=TOKEN, readonly=readonly)) as url:
        yield url


@pytest.fixture(scope="module")
def server(resolved_db_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("browser") / "resolved.db"
    shutil.copy(resolved_db_template, db)
    yield from _serve(db, readonly=False)


@pytest.fixture
def unresolved_server(unresolved_db: Path) -> Iterator[str]:
    yield from _serve(unresolved_db, readonly=True)


@pytest.fixture(scope="module")
def ids(server: str) -> dict[str, int]:
    """Ids of the flood's disputed toll and of Yusuf Karimov, as resolve numbered them."""
    import json
    from urllib.request import urlopen

    with urlopen(server + "/api/claim-groups?limit=1") as r:
        toll = json.load(r)["items"][0]
    with urlopen(server + "/api/entities?q=Yusuf") as r:
        karimov = json.load(r)["items"][0]
    return {"toll": toll["id"], "karimov": karimov["id"]}


class Watched:
    """A page that records console errors (CSP violations show up there) and dialogs."""

    def __init__(self, browser: Any) -> None:
        self.context = browser.new_context(viewport={"width": 1360, "height": 900})
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

        def on_dialog(d: Any) -> None:
            self.dialogs.append(d.message)
            d.dismiss()

        self.page.on("dialog", on_dialog)

    def pwned(self) -> Any:
        return self.page.evaluate("() => window.__pwned")


@pytest.fixture
def web(browser: Any) -> Iterator[Watched]:
    w = Watched(browser)
    yield w
    w.context.close()


@pytest.mark.parametrize("path,expect", [
    ("/", "Overview"), ("/documents", "Documents"), ("/entities", "Entities"), ("/entities/{karimov}", "Yusuf Karimov"),
    ("/claims", "Numeric claims"), ("/claims/{toll}", "people killed"), ("/sources", "Sources"), ("/upload", "Upload"),
])
def test_pages_load_without_errors(server: str, ids: dict[str, int], web: Watched, shots: Path, path: str,
                                   expect: str) -> None:
    path = path.format(**ids)
    response = web.page.goto(server + path)
    assert response is not None and response.status == 200
    assert expect in web.page.locator("h1").first.inner_text()
    web.page.screenshot(path=str(shots / f"page{path.replace('/', '_') or '_'}.png"), full_page=True)
    assert web.errors == [], web.errors  # a CSP violation or a script error would be listed here


@pytest.mark.parametrize("path,expect", [
    ("/", "No claim groups yet"), ("/entities", "as found in each document"),
    ("/claims", "No claim groups yet"), ("/sources", "No publisher labels yet"),
])
def test_pages_before_resolve_has_run(unresolved_server: str, web: Watched, shots: Path, path: str,
                                      expect: str) -> None:
    response = web.page.goto(unresolved_server + path)
    assert response is not None and response.status == 200
    assert expect in web.page.locator("main").inner_text()
    web.page.screenshot(path=str(shots / f"before-resolve{path.replace('/', '_')}.png"), full_page=True)
    assert web.errors == [], web.errors


def test_search_from_the_header_form(server: str, web: Watched, shots: Path) -> None:
    web.page.goto(server + "/")
    web.page.fill("header input[name=q]", "toll")
    web.page.press("header input[name=q]", "Enter")
    web.page.wait_for_url("**/search?q=toll")
    results = web.page.locator("#results")
    assert results.locator(".hit").count() > 0
    assert results.locator("mark").count() > 0  # the matched word is marked in the snippet
    web.page.screenshot(path=str(shots / "search.png"), full_page=True)


def test_document_has_highlights_and_provenance(server: str, web: Watched, shots: Path) -> None:
    web.page.goto(server + "/documents/5#c1")
    text = web.page.locator("#text")
    for kind in ("quote", "entity", "claim"):
        assert text.locator(f".hl-{kind}").count() > 0, kind
    assert web.page.locator("#c1").count() == 1
    assert web.page.evaluate("() => document.querySelector(':target')?.id") == "c1"
    sha = web.page.locator("#sha").inner_text()
    assert len(sha) == 64
    link = web.page.locator("a[href$='/original']")
    assert link.count() == 1
    web.page.screenshot(path=str(shots / "document.png"), full_page=True)
    # The legend switches a kind of highlight off.
    web.page.uncheck("#legend input[data-kind=quote]")
    assert "hide-quote" in (web.page.get_attribute("body", "class") or "")
    assert web.errors == []


def test_chart_links_claims_to_their_sentences(server: str, ids: dict[str, int], web: Watched) -> None:
    import json

    group = json.loads(web.page.goto(server + f"/api/claim-groups/{ids['toll']}").text())  # type: ignore[union-attr]
    first = next(c for c in group["claims"] if c["low"])
    anchor = f"/documents/{first['document_id']}#{first['local_id']}"
    web.page.goto(server + f"/claims/{ids['toll']}")
    assert web.page.locator("svg.chart circle").count() >= 2
    web.page.locator(f"svg.chart a[href='{anchor}'] circle").first.click()
    web.page.wait_for_url("**" + anchor)
    assert web.page.evaluate("() => document.querySelector(':target')?.id") == first["local_id"]
    assert web.pwned() is None


def _upload(web: Watched, server: str, path: Path) -> None:
    """Upload through the form, follow the job until it is done, open the document."""
    web.page.goto(server + "/upload")
    web.page.set_input_files("input[type=file]", str(path))
    web.page.fill("input[name=token]", TOKEN)
    with web.page.expect_navigation(timeout=60_000):
        web.page.click("form.upload button[type=submit]")
    web.page.wait_for_selector("#job[data-state=finished]", timeout=60_000)
    with web.page.expect_navigation():
        web.page.click("#files a[href^='/documents/']")


@pytest.mark.parametrize("name,body", [
    ("hostile.txt", f"Hostile report\n\nThe council said {PAYLOAD_SCRIPT} that 40 people were hurt.\n\n"
                    f"A photo caption read {PAYLOAD_IMG} in the original.\n"),
    ("hostile.html", "<!doctype html><html><head><title>Hostile &lt;img src=x onerror=\"window.__pwned=1\"&gt;</title>"
                     f"<script>window.__pwned=1</script></head><body><article><h1>Hostile page</h1>"
                     f"<p>The mayor said &lt;script&gt;window.__pwned=1&lt;/script&gt; that 12 homes were lost.</p>"
                     f"<p>{PAYLOAD_IMG} A second paragraph with &lt;img src=x onerror=\"window.__pwned=1\"&gt; in it, "
                     "long enough to be kept as the article's body by the extractor.</p></article></body></html>"),
])
def test_hostile_upload_runs_nothing(server: str, web: Watched, shots: Path, tmp_path: Path, name: str,
                                     body: str) -> None:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    _upload(web, server, path)
    assert "/documents/" in web.page.url, web.page.url
    web.page.wait_for_timeout(300)  # give an injected onerror handler the chance to fire
    assert web.pwned() is None
    assert web.dialogs == []
    text = web.page.locator("#text")
    assert text.locator("script, img").count() == 0  # nothing from the document became an element
    shown = text.inner_text()
    assert "window.__pwned=1" in shown  # the payload is there, as text
    if name.endswith(".txt"):
        assert PAYLOAD_SCRIPT in shown and PAYLOAD_IMG in shown
    web.page.screenshot(path=str(shots / f"upload-{name}.png"), full_page=True)
    # Search results and listings show it as text too.
    web.page.goto(server + "/search?q=pwned")
    assert web.pwned() is None and web.dialogs == []
    web.page.goto(server + "/documents")
    assert web.pwned() is None
