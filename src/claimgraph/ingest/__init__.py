"""ingest: bytes -> documents with provenance.

`sources(paths)` streams Sources (bytes + Location) from paths, folders, globs and stdin;
`parse(source)` unpacks containers and yields (Source, Parsed) for every document inside.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..errors import InputError
from ..model import Parsed, Source
from ..options import Limits
from .containers import gunzip, is_gzipped_warc, unzip, warc_records
from .html import parse_html
from .pdf import parse_pdf
from .sources import from_upload, read_sources
from .text import char_to_byte_span, clean_to_byte_span, parse_text

# PNG, JPEG, TIFF (both byte orders): page images, read by OCR.
IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")

__all__ = ["char_to_byte_span", "clean_to_byte_span", "detect", "from_upload", "parse_one", "read_sources", "unpack"]


def detect(data: bytes, name: str, media_type: str | None = None) -> str:
    """One of pdf, image, gzip, zip, warc, html, text, from the bytes first and the name second."""
    head = data[:2048].lstrip()
    if data.startswith(b"%PDF") or name.lower().endswith(".pdf"):
        return "pdf"
    if data.startswith(IMAGE_MAGIC):
        return "image"
    if data[:2] == b"\x1f\x8b":
        # A gzipped WARC is read record by record, so a cut in it loses only what follows.
        return "warc" if is_gzipped_warc(data) else "gzip"
    if data[:4] == b"PK\x03\x04":
        return "zip"
    if head.startswith(b"WARC/"):
        return "warc"
    lower = head.lower()
    if (media_type and "html" in media_type) or lower.startswith((b"<!doctype html", b"<html")) or (
        b"<html" in lower[:1024] or name.lower().endswith((".html", ".htm", ".xhtml"))
    ):
        return "html"
    return "text"


def parse_one(source: Source, limits: Limits, kind: str | None = None,
              ocr_languages: tuple[str, ...] = ()) -> Parsed:
    """Parse one document (no containers). Raises InputError. Scanned pages and images are
    read by OCR in `ocr_languages` (ISO 639-1; empty: from the script on the page)."""
    kind = kind or detect(source.data, source.name, source.media_type)
    if kind == "pdf":
        return parse_pdf(source.data, source.name, limits, ocr_languages)
    if kind == "image":
        from .ocr import ocr_image

        return ocr_image(source.data, source.name, limits, ocr_languages)
    if kind == "html":
        return parse_html(source.data, source.name, limits, url=source.hints.get("url"))
    if kind in ("gzip", "zip", "warc"):
        raise InputError(source.name, f"a {kind} container, not a single document")
    return parse_text(source.data, source.name, limits)


def unpack(source: Source, limits: Limits, depth: int = 0) -> Iterator[Source | InputError]:
    """The single documents inside a source: containers (gzip, zip, WARC) opened, others as they are.
    Cheap (no text extraction), so the caller can skip documents it already has."""
    kind = detect(source.data, source.name, source.media_type)
    try:
        if kind in ("gzip", "zip", "warc") and depth > 2:
            raise InputError(source.name, "archives nested too deep")
        if kind == "gzip":
            data = gunzip(source.data, source.name, limits)
            yield from unpack(Source(data=data, location=source.location, name=source.name), limits, depth + 1)
        elif kind in ("zip", "warc"):
            for item in unzip(source, limits) if kind == "zip" else warc_records(source, limits):
                if isinstance(item, InputError):
                    yield item
                else:
                    yield from unpack(item, limits, depth + 1)
        else:
            yield source
    except InputError as err:
        yield err
