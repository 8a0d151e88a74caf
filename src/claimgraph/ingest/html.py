"""HTML: main text and metadata with trafilatura, the publication date with htmldate."""

from __future__ import annotations

import logging

from ..errors import InputError, LimitError
from ..model import Metadata, Parsed, Step
from ..options import Limits
from .text import _version, check_lines, decode

# trafilatura logs every page it finds thin; a batch of thousands would drown the progress bar.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)


def parse_html(data: bytes, name: str, limits: Limits, url: str | None = None) -> Parsed:
    import trafilatura
    from htmldate import find_date

    html, encoding, _ = decode(data, name)
    # Markup is often one long minified line, so only its total size is limited; the line limit
    # applies to the text extracted from it.
    if len(html) > limits.max_chars:
        raise LimitError(name, f"{len(html):,} characters of HTML, over the limit of {limits.max_chars:,}")
    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False, favor_recall=True
    )
    if doc is None:
        raise InputError(name, "HTML page with no main text")
    get = doc.get if isinstance(doc, dict) else (lambda k: getattr(doc, k, None))
    text = get("text") or ""
    if not text.strip():
        raise InputError(name, "HTML page with no main text")
    check_lines(text, name, limits)
    published = get("date")
    if not published:
        try:
            published = find_date(html, url=url, original_date=True)
        except Exception:  # htmldate is best-effort on hostile markup
            published = None
    meta = Metadata(
        title=get("title"),
        author=get("author"),
        publisher=get("sitename") or get("hostname"),
        published=(published or None) and str(published)[:10],
        url=get("url") or url,
        language=get("language"),
    )
    steps = [
        Step("decode", "charset-normalizer", _version("charset_normalizer"), f"encoding={encoding}"),
        Step("html-extract", "trafilatura", _version("trafilatura")),
        Step("date", "htmldate", _version("htmldate")),
    ]
    return Parsed(text=text, metadata=meta, format="html", steps=steps)
