"""OCR: page images and scanned PDFs read with tesseract, each word kept with its page and box.
The pages are generated from text written for the tests (tests/gold_fa/make_scan.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from claimgraph.errors import InputError
from claimgraph.extract import extract_one
from claimgraph.ingest import detect
from claimgraph.ingest.ocr import boxes
from claimgraph.model import Location, Source
from claimgraph.options import Options

GOLD = Path(__file__).parent / "gold_fa"
needs_tesseract = pytest.mark.skipif(not shutil.which("tesseract"), reason="tesseract is not installed")


def _source(path: Path) -> Source:
    return Source(data=path.read_bytes(), location=Location(str(path), "file", "-"), name=path.name)


@pytest.mark.parametrize("head, kind", [(b"\x89PNG\r\n\x1a\n", "image"), (b"\xff\xd8\xff\xe0", "image"),
                                        (b"II*\x00", "image"), (b"MM\x00*", "image"), (b"%PDF-1.4", "pdf")])
def test_page_images_are_detected(head: bytes, kind: str) -> None:
    assert detect(head + bytes(64), "x") == kind


@needs_tesseract
def test_english_page_image_is_read_with_boxes() -> None:
    x = extract_one(_source(GOLD / "scan_en.png"), Options()).to_json(include_text=True)
    assert x["document"]["format"] == "image" and x["document"]["language"] == "en"
    assert "at least 4,481 prisoners were executed" in x["text"]
    ocr = x["ocr"]
    assert ocr["languages"] == ["eng"] and ocr["confidence"] > 80
    (page,) = ocr["pages"]
    assert (page["width"], page["height"]) == (1240, 1754)
    claim = next(c for c in x["claims"] if c["low"] == 4481)
    (where,) = boxes(ocr, tuple(claim["number_span"]))
    left, top, width, height = where["box"]
    assert where["page"] == 1 and 0 < left < 1240 and 160 + 2 * 64 - 20 < top < 160 + 3 * 64  # the third line
    assert any(a["name"] == "claims" and a["status"] == "ran" for a in x["analyses"])


@needs_tesseract
def test_scanned_pdf_is_rendered_and_read_as_persian() -> None:
    x = extract_one(_source(GOLD / "scan.pdf"), Options()).to_json(include_text=True)
    assert x["document"]["format"] == "pdf" and x["document"]["language"] == "fa"
    assert x["ocr"]["languages"] == ["fas"] and x["ocr"]["pages"][0]["dpi"] == 300
    assert "۴۴۸۱ زندانی سیاسی" in x["text"]
    # Every word's span indexes the normalised text, as every other span does.
    for start, end, *_ in x["ocr"]["words"]:
        assert x["text"][start:end].strip()


@needs_tesseract
def test_configured_language_that_is_not_installed() -> None:
    with pytest.raises(InputError, match="OCR language xyz is not installed"):
        extract_one(_source(GOLD / "scan.png"), Options(ocr_languages=("xyz",)))


def test_missing_tesseract_is_one_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from claimgraph.ingest import ocr

    monkeypatch.setattr(ocr.shutil, "which", lambda name: None)
    ocr.tesseract_version.cache_clear()
    try:
        with pytest.raises(InputError) as err:
            extract_one(_source(GOLD / "scan.png"), Options())
    finally:
        ocr.tesseract_version.cache_clear()
    assert err.value.name == "scan.png"
    assert "tesseract is not installed" in err.value.reason and "scripts/setup" in err.value.reason


def test_ocr_words_become_lines_and_pages() -> None:
    from claimgraph.ingest.ocr import _read_tsv, _Text

    header = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
    rows = ["1\t1\t0\t0\t0\t0\t0\t0\t100\t200\t-1\t", "5\t1\t1\t1\t1\t1\t10\t10\t20\t10\t90\tone",
            "5\t1\t1\t1\t1\t2\t40\t10\t20\t10\t80\t\u200etwo\u200f", "5\t1\t2\t1\t1\t1\t10\t40\t20\t10\t70\tthree"]
    out = _Text()
    _read_tsv("\n".join([header, *rows]), 0, None, out)
    assert "".join(out.parts) == "one two\nthree"  # bidi marks dropped, a block is a line
    assert [w.span for w in out.words] == [(0, 3), (4, 7), (8, 13)]
    assert out.pages[0].confidence == 80.0
    compact = {"words": [[*w.span, w.page, *w.box, w.confidence] for w in out.words]}
    assert boxes(compact, (0, 7)) == [{"page": 1, "box": [10, 10, 50, 10]}]
    assert len(boxes(compact, (0, 13))) == 2
