"""Right-to-left text in headless Chromium: a Persian paragraph starts at the right edge, an
English one at the left, in one document; quotes in English lines keep their words in order.
Screenshots go to $CLAIMGRAPH_SHOTS when set. Texts written for these tests."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from serving import serving

pytestmark = pytest.mark.browser
CHROMIUM = "/usr/bin/chromium"
if not os.path.exists(CHROMIUM):
    pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")

ENTITIES = str(Path(__file__).parent / "gold_fa" / "entities.yaml")
MIXED = ("Families gathered\n\nRelatives gathered outside the court on Friday, said one of them.\n\n"
         "مریم آزادی روز جمعه گفت: «ما هنوز نمی‌دانیم عزیزانمان کجا دفن شده‌اند.» او افزود که ۳۰۰ خانواده "
         "هنوز پاسخی نگرفته‌اند.\n\nThe gathering ended peacefully.\n")
FIRST_CHAR = """(needle) => {
  const art = document.getElementById('text');
  const walker = document.createTreeWalker(art, NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode())) {
    const i = node.data.indexOf(needle);
    if (i < 0) continue;
    const r = document.createRange();
    r.setStart(node, i); r.setEnd(node, i + 1);
    const box = r.getBoundingClientRect(), page = art.getBoundingClientRect();
    return (box.left + box.right) / 2 > (page.left + page.right) / 2 ? 'right' : 'left';
  }
  return null;
}"""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from claimgraph.cli import main
    from claimgraph.serve.web import create_app

    folder = tmp_path_factory.mktemp("rtl")
    (folder / "mixed.txt").write_text(MIXED, encoding="utf-8")
    db = folder / "c.db"
    assert main(["ingest", str(folder / "mixed.txt"), "--db", str(db), "--quiet", "--entities-file", ENTITIES]) == 0
    with serving(create_app(db, readonly=True)) as url:
        yield url


@pytest.fixture(scope="module")
def page(server: str) -> Iterator[Any]:
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"])
        p = browser.new_page(viewport={"width": 1360, "height": 900})
        yield p
        browser.close()


def test_each_paragraph_reads_its_own_way(server: str, page: Any, tmp_path: Path) -> None:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(server + "/documents/1")
    shots = Path(os.environ.get("CLAIMGRAPH_SHOTS") or tmp_path)
    page.screenshot(path=str(shots / "document_mixed_rtl.png"), full_page=True)
    assert page.evaluate(FIRST_CHAR, "مریم") == "right"  # the Persian paragraph's first word
    assert page.evaluate(FIRST_CHAR, "Relatives") == "left"
    assert page.evaluate(FIRST_CHAR, "The gathering") == "left"
    # In the English side panel, a Persian quote sits between its English quotation marks.
    item = page.locator("section.panel li", has_text="عزیزانمان").first.inner_text()
    assert item.startswith("“") and "”" in item
    assert errors == []
