"""PDF: the text layer with pypdf; a PDF without one (scanned pages) is read by OCR (ocr.py)."""

from __future__ import annotations

import io
import logging
from typing import Any

from ..errors import InputError
from ..model import Metadata, Parsed, Step
from ..options import Limits
from .text import _version, check_lines

logging.getLogger("pypdf").setLevel(logging.CRITICAL)


def parse_pdf(data: bytes, name: str, limits: Limits, ocr_languages: tuple[str, ...] = ()) -> Parsed:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError, RecursionError) as exc:
        raise InputError(name, f"damaged or truncated PDF ({type(exc).__name__}: {exc})") from None
    except Exception as exc:  # pypdf raises many kinds on hostile files; all mean "unreadable"
        raise InputError(name, f"unreadable PDF ({type(exc).__name__})") from None
    text = "\n\n".join(p.strip() for p in pages if p.strip())
    if not text.strip():
        from .ocr import ocr_pdf

        parsed = ocr_pdf(data, name, limits, ocr_languages, n_pages=len(pages))
        parsed.metadata = _metadata(info)
        return parsed
    check_lines(text, name, limits)
    return Parsed(text=text, metadata=_metadata(info), format="pdf",
                  steps=[Step("pdf-text", "pypdf", _version("pypdf"))])


def _metadata(info: Any) -> Metadata:
    meta = Metadata()
    if info:
        meta.title = _clean(info.get("/Title"))
        meta.author = _clean(info.get("/Author"))
        created = _clean(info.get("/CreationDate"))
        if created and created.startswith("D:") and len(created) >= 10:
            meta.published = f"{created[2:6]}-{created[6:8]}-{created[8:10]}"
    return meta


def _clean(value: object) -> str | None:
    if value is None:
        return None
    s = str(value).strip()
    return s or None
