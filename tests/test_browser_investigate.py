"""Investigating in headless Chromium (issue 12): search with fields, a facet, a CSV export, a
background upload with its progress, labels on /sources, the pictures. Screenshots go to
$CLAIMGRAPH_SHOTS when set."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.request import urlopen

import pytest

from serving import serving

pytest_plugins = ["web_fixtures", "browser_fixtures"]
pytestmark = pytest.mark.browser
CHROMIUM = "/usr/bin/chromium"  # the one browser_fixtures drives

TOKEN = "browser-test-token"

if not os.path.exists(CHROMIUM):
    pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium (scripts/setup-browser.sh)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")


@pytest.fixture(scope="module")
def server(resolved_db_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from claimgraph.serve.web import create_app

    db = tmp_path_factory.mktemp("investigate") / "resolved.db"
    shutil.copy(resolved_db_template, db)
    with serving(create_app(db, token=TOKEN, readonly=False)) as url:
        yield url


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1360, "height": 900}, accept_downloads=True)
    p = context.new_page()
    errors: list[str] = []
    p.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    p.on("pageerror", lambda e: errors.append(str(e)))
    yield p
    context.close()
    assert errors == [], errors  # a CSP violation or a script error would be listed here


def _json(url: str) -> Any:
    with urlopen(url) as r:
        return json.load(r)


def test_search_with_a_field_and_a_phrase(server: str, page: Any, shots: Path) -> None:
    page.goto(server + "/search")
    page.fill("form.bigsearch input[name=q]", '"the true toll" OR relief speaker:Karimov')
    page.press("form.bigsearch input[name=q]", "Enter")
    page.wait_for_url("**/search?q=*")
    quotes = page.locator("#results section[data-kind=quotes]")
    api = _json(server + "/api/search?q=%22the+true+toll%22+OR+relief+speaker%3AKarimov")
    assert api["filters"] == {"speaker": "Karimov"} and api["totals"]["quotes"] >= 1
    assert quotes.locator(".total").inner_text() == str(api["totals"]["quotes"])
    assert all("Karimov" in t for t in quotes.locator(".meta strong").all_inner_texts())
    marked = [m.lower() for m in quotes.locator("mark").all_inner_texts()]
    assert {"the", "true", "toll", "relief"} <= set(marked)  # highlighted where they are, words intact
    page.screenshot(path=str(shots / "search-fields.png"), full_page=True)


def test_a_facet_narrows_the_listing(server: str, page: Any, shots: Path) -> None:
    page.goto(server + "/quotes")
    everything = int(page.locator("#total").inner_text().replace(",", ""))
    facet = page.locator(".facet[data-facet=publisher] a").first
    name = facet.inner_text()
    facet.click()
    page.wait_for_url("**/quotes?publisher=*")
    narrowed = int(page.locator("#total").inner_text().replace(",", ""))
    assert 0 < narrowed < everything
    assert f"publisher: {name}" in page.locator("#chips").inner_text()
    assert set(page.locator("#rows tbody tr td:nth-child(5) .meta").all_inner_texts()) == {name}
    page.screenshot(path=str(shots / "quotes-facet.png"), full_page=True)


def test_csv_export_is_what_the_listing_shows(server: str, page: Any, tmp_path: Path) -> None:
    page.goto(server + "/claims?since=2023-06")
    total = int(page.locator("#total").inner_text().replace(",", ""))
    with page.expect_download() as got:
        page.click("#exports a[href*='.csv']")
    path = tmp_path / "claims.csv"
    got.value.save_as(path)
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert len(rows) == total > 0
    assert all(r["published"] >= "2023-06" for r in rows)
    assert {"sha256", "url", "captured_at", "value_text", "claimant_name", "text"} <= set(rows[0])


def test_background_upload_shows_progress_and_each_files_error(server: str, page: Any, shots: Path,
                                                                tmp_path: Path) -> None:
    good = tmp_path / "council.txt"
    good.write_text("Council report\n\nThe council said 31 families were moved after the storm.\n", encoding="utf-8")
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.4\n not really a pdf")
    page.goto(server + "/upload")
    page.set_input_files("input[type=file]", [str(good), str(bad)])
    page.fill("input[name=token]", TOKEN)
    with page.expect_navigation():
        page.click("form.upload button[type=submit]")
    assert "/upload/jobs/" in page.url
    assert page.locator("progress#progress").get_attribute("max") == "2"
    page.wait_for_selector("#job[data-state=finished]", timeout=60_000)  # updated by the page's script
    assert page.locator("progress#progress").evaluate("p => p.value") == 2
    rows = page.locator("#files tbody tr")
    assert rows.nth(0).get_attribute("data-status") == "done"
    assert rows.nth(1).get_attribute("data-status") == "failed"
    assert "PDF" in rows.nth(1).locator(".warn").inner_text()
    page.screenshot(path=str(shots / "upload-job.png"), full_page=True)
    with page.expect_navigation():
        rows.nth(0).locator("a").click()
    assert "31 families" in page.locator("#text").inner_text()


def test_a_publisher_label_is_edited_on_sources(server: str, page: Any, shots: Path) -> None:
    page.goto(server + "/sources")
    row = page.locator("#publishers tr[data-publisher='Free Voice']")
    row.locator("input[name=label]").fill("opposition")
    row.locator("input[name=token]").fill(TOKEN)
    with page.expect_navigation():
        row.locator("form.add-label button").click()
    assert "opposition" in page.locator("#publishers tr[data-publisher='Free Voice'] .labels").inner_text()
    labels = {p["publisher"]: p["labels"] for p in _json(server + "/api/publishers")}
    assert labels["Free Voice"] == ["opposition"]
    page.screenshot(path=str(shots / "sources-labels.png"), full_page=True)


def test_pictures_timeline_and_graph(server: str, page: Any, shots: Path) -> None:
    toll = _json(server + "/api/claim-groups?limit=1")["items"][0]
    page.goto(server + f"/claims/{toll['id']}")
    assert page.locator("#timeline svg.timeline rect").count() >= 1
    page.screenshot(path=str(shots / "group-timeline.png"), full_page=True)
    karimov = next(e for e in _json(server + "/api/entities?q=Karimov")["items"] if e["type"] == "PERSON")
    page.goto(server + f"/entities/{karimov['id']}")
    assert page.locator("#timeline svg.timeline rect").count() >= 1
    page.screenshot(path=str(shots / "entity-pictures.png"), full_page=True)
    page.goto(server + "/graph")
    assert page.locator("#graph svg.graph path").count() >= 2
    page.screenshot(path=str(shots / "graph.png"), full_page=True)
    with page.expect_navigation():
        page.locator("#graph svg.graph a").first.click()
    assert "/quotes?speaker=" in page.url and int(page.locator("#total").inner_text()) >= 1


def test_a_person_corrects_a_claimant_on_a_group_page(server: str, page: Any, shots: Path) -> None:
    group = _json(server + "/api/claim-groups?limit=1")["items"][0]
    page.goto(f"{server}/claims/{group['id']}")
    details = page.locator("li.claim-item details.correct").first
    details.locator("summary").click()
    form = details.locator("form")
    document, item = form.get_attribute("action").split("/")[2], form.locator("input[name=item]").get_attribute("value")
    form.locator("select[name=field]").select_option("claimant")
    form.locator("input[name=value]").fill("Corrected Claimant Desk")
    form.locator("input[name=by]").fill("a fact-checker")
    form.locator("input[name=token]").fill(TOKEN)
    form.locator("button").click()
    page.wait_for_load_state()
    claims = _json(f"{server}/api/documents/{document}")["extraction"]["claims"]
    assert next(c for c in claims if c["id"] == item)["claimant"]["name"] == "Corrected Claimant Desk"
    page.goto(f"{server}/documents/{document}")
    assert "Corrected Claimant Desk" in page.locator(".corrected").first.inner_text()
    page.screenshot(path=str(shots / "correction.png"), full_page=True)
