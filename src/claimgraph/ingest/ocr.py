"""OCR: page images and scanned PDFs read with Debian's tesseract, every word kept with its box.

Images (PNG, JPEG, TIFF, multi-page TIFF too) go to tesseract as they are; PDF pages without a
text layer are rendered by poppler's pdftoppm at RENDER_DPI first. The languages tesseract reads
with are the configured ones (Options.ocr_languages) or, when none are, those of the script its
orientation-and-script detection sees on the page (Arabic script: Persian; Latin: English):
a mixed language set ("fas+eng") read clean Persian pages worse than Persian alone.

The text is built from tesseract's words (TSV): a space between words, a line break between
lines, a blank line between pages. Each word keeps its span in that text, its
page, its box in the page image's pixels and its confidence, so any span of the document can be
shown on the page it was read from. Both programs are called as subprocesses: a missing program
is one clear error naming the file.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..model import Metadata, OcrLayer, OcrPage, OcrWord, Parsed, Step
from ..options import Limits

log = logging.getLogger(__name__)

RENDER_DPI = 300
MAX_PAGES = 200
TIMEOUT = 300  # seconds for one page
# ISO 639-1 -> tesseract's traineddata names.
TESSERACT_LANG = {"fa": "fas", "ar": "ara", "en": "eng", "fr": "fra", "de": "deu", "ur": "urd", "ru": "rus"}
SCRIPT_LANGS = {"Arabic": ("fas",), "Latin": ("eng",), "Cyrillic": ("rus",)}
FALLBACK = ("eng",)
# Bidi controls tesseract puts around runs of the other direction: not text.
_BIDI = dict.fromkeys(map(ord, "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e"))
INSTALL = "scripts/setup installs it (Debian: apt-get install tesseract-ocr tesseract-ocr-fas tesseract-ocr-eng)"


def _run(args: list[str], name: str, what: str) -> str:
    try:
        done = subprocess.run(args, capture_output=True, timeout=TIMEOUT, check=False)
    except FileNotFoundError:
        raise InputError(name, f"{what} needs {args[0]}, which is not installed; {INSTALL}") from None
    except subprocess.TimeoutExpired:
        raise InputError(name, f"{what} took over {TIMEOUT} seconds on one page") from None
    if done.returncode != 0:
        err = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise InputError(name, f"{what} failed ({err[-1] if err else f'exit {done.returncode}'})")
    return done.stdout.decode("utf-8", "replace")


@lru_cache(maxsize=1)
def tesseract_version() -> str:
    if not shutil.which("tesseract"):
        return ""
    out = subprocess.run(["tesseract", "--version"], capture_output=True, check=False)
    first = (out.stdout or out.stderr).decode("utf-8", "replace").split()
    return first[1] if len(first) > 1 else "?"


@lru_cache(maxsize=1)
def installed_languages() -> frozenset[str]:
    if not shutil.which("tesseract"):
        return frozenset()
    out = subprocess.run(["tesseract", "--list-langs"], capture_output=True, check=False)
    lines = out.stdout.decode("utf-8", "replace").splitlines()
    return frozenset(x.strip() for x in lines[1:] if x.strip())


def _require(name: str) -> None:
    if not tesseract_version():
        raise InputError(name, f"a scanned page or image needs OCR, and tesseract is not installed; {INSTALL}")


def _languages(configured: tuple[str, ...], image: Path, name: str) -> tuple[str, ...]:
    have = installed_languages()
    if configured:
        wanted = tuple(TESSERACT_LANG.get(c, c) for c in configured)
        missing = [w for w in wanted if w not in have]
        if missing:
            raise InputError(name, f"OCR language {'+'.join(missing)} is not installed for tesseract "
                                   f"(installed: {', '.join(sorted(have)) or 'none'})")
        return wanted
    script = _script(image, name)
    chosen = tuple(x for x in SCRIPT_LANGS.get(script or "", FALLBACK) if x in have)
    return chosen or tuple(x for x in FALLBACK if x in have) or (sorted(have)[0],)


def _script(image: Path, name: str) -> str | None:
    """The script tesseract's orientation-and-script detection sees; None when it cannot tell."""
    if "osd" not in installed_languages():
        return None
    try:
        out = _run(["tesseract", str(image), "-", "--psm", "0"], name, "script detection")
    except InputError:
        return None  # too little text on the page to tell: the fallback languages read it
    for line in out.splitlines():
        if line.startswith("Script:"):
            return line.split(":", 1)[1].strip()
    return None


@dataclass
class _Text:
    parts: list[str] = field(default_factory=list)
    length: int = 0
    words: list[OcrWord] = field(default_factory=list)
    pages: list[OcrPage] = field(default_factory=list)

    def add(self, s: str) -> int:
        start = self.length
        self.parts.append(s)
        self.length += len(s)
        return start


def _read_tsv(tsv: str, page_base: int, dpi: int | None, out: _Text) -> None:
    """Append tesseract's words to the text (pages numbered from page_base + 1)."""
    sizes: dict[int, tuple[int, int]] = {}
    confidences: dict[int, list[float]] = {}
    last: tuple[int, ...] | None = None
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12:
            continue
        level, page = int(cols[0]), int(cols[1]) + page_base
        if level == 1:
            sizes[page] = (int(cols[8]), int(cols[9]))
            continue
        word = cols[11].translate(_BIDI).strip()
        if level != 5 or not word:
            continue
        key = (page, int(cols[2]), int(cols[3]), int(cols[4]))
        if out.length:
            # tesseract's blocks and paragraphs break sentences too often to be paragraphs: a
            # new page is one, anything else a line, which the normaliser joins or not as it
            # does a plain text's lines.
            if last is None or key[0] != last[0]:
                out.add("\n\n")
            else:
                out.add("\n" if key != last else " ")
        last = key
        start = out.add(word)
        conf = float(cols[10])
        confidences.setdefault(page, []).append(conf)
        out.words.append(OcrWord((start, start + len(word)), page, (int(cols[6]), int(cols[7]), int(cols[8]),
                                                                    int(cols[9])), conf))
    for page, (w, h) in sorted(sizes.items()):
        c = confidences.get(page) or [0.0]
        out.pages.append(OcrPage(page, w, h, dpi, round(sum(c) / len(c), 1)))


def _ocr_files(images: list[Path], name: str, configured: tuple[str, ...], dpi: int | None,
               fmt: str, limits: Limits) -> Parsed:
    out = _Text()
    used: list[str] = []
    for n, image in enumerate(images):
        langs = _languages(configured, image, name)
        used.extend(x for x in langs if x not in used)
        args = ["tesseract", str(image), "-", "-l", "+".join(langs)]
        if dpi:
            args += ["--dpi", str(dpi)]
        _read_tsv(_run([*args, "tsv"], name, "OCR"), n, dpi, out)
        if out.length > limits.max_chars:
            raise InputError(name, f"OCR text over the limit of {limits.max_chars:,} characters")
    text = "".join(out.parts)
    if not text.strip():
        raise InputError(name, "OCR found no text on the page images")
    confidence = round(sum(w.confidence for w in out.words) / len(out.words), 1) if out.words else 0.0
    layer = OcrLayer(engine="tesseract", version=tesseract_version(), languages=used, confidence=confidence,
                     pages=out.pages, words=out.words)
    step = Step("ocr", "tesseract", tesseract_version(),
                f"languages={'+'.join(used)}; pages={len(out.pages)}; mean word confidence {confidence}")
    return Parsed(text=text, metadata=Metadata(), format=fmt, steps=[step], ocr=layer)


def ocr_image(data: bytes, name: str, limits: Limits, languages: tuple[str, ...] = ()) -> Parsed:
    """A PNG, JPEG or TIFF read by OCR."""
    _require(name)
    with tempfile.TemporaryDirectory(prefix="claimgraph-ocr-") as tmp:
        path = Path(tmp) / "page"
        path.write_bytes(data)
        return _ocr_files([path], name, languages, None, "image", limits)


def ocr_pdf(data: bytes, name: str, limits: Limits, languages: tuple[str, ...] = (),
            n_pages: int | None = None) -> Parsed:
    """A PDF without a text layer: its pages rendered, then read by OCR."""
    _require(name)
    if n_pages is not None and n_pages > MAX_PAGES:
        raise InputError(name, f"a scanned PDF of {n_pages} pages, over the OCR limit of {MAX_PAGES}")
    with tempfile.TemporaryDirectory(prefix="claimgraph-ocr-") as tmp:
        pdf = Path(tmp) / "in.pdf"
        pdf.write_bytes(data)
        try:
            _run(["pdftoppm", "-r", str(RENDER_DPI), "-gray", "-png", "-l", str(MAX_PAGES), str(pdf),
                  str(Path(tmp) / "page")], name, "rendering the scanned PDF")
        except InputError as err:
            if "not installed" in err.reason:
                raise InputError(name, "a scanned PDF needs pdftoppm to render its pages, which is not "
                                       "installed; scripts/setup installs it (Debian: apt-get install "
                                       "poppler-utils)") from None
            raise
        pages = sorted(Path(tmp).glob("page*.png"))
        if not pages:
            raise InputError(name, "the scanned PDF has no pages to read")
        return _ocr_files(pages, name, languages, RENDER_DPI, "pdf", limits)


def boxes(ocr: dict[str, Any], span: tuple[int, int]) -> list[dict[str, Any]]:
    """Where a span of the text sits on the page images: one box per page and line it crosses,
    from an extraction's `ocr` JSON (compact word rows: start, end, page, left, top, width, height,
    confidence), so that a quote or a claim can be drawn on the page it was read from."""
    a, b = span
    out: list[tuple[int, list[int]]] = []  # (page, [x0, y0, x1, y1])
    for start, end, page, left, top, width, height, _ in ocr.get("words") or []:
        if not (start < b and a < end):
            continue
        middle = top + height // 2
        if out and out[-1][0] == page and out[-1][1][1] <= middle <= out[-1][1][3]:
            box = out[-1][1]  # the same line: words of one line share their vertical middle
            box[0], box[1] = min(box[0], left), min(box[1], top)
            box[2], box[3] = max(box[2], left + width), max(box[3], top + height)
        else:
            out.append((page, [left, top, left + width, top + height]))
    return [{"page": page, "box": [x0, y0, x1 - x0, y1 - y0]} for page, (x0, y0, x1, y1) in out]
