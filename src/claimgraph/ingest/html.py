"""HTML: main text and metadata with trafilatura, the publication date with htmldate."""

from __future__ import annotations

import logging
import re

from ..errors import InputError, LimitError
from ..model import Metadata, Parsed, Step
from ..options import Limits
from .text import _version, check_lines, decode, repeats_title

# trafilatura logs every page it finds thin; a batch of thousands would drown the progress bar.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)

# libxml2, under trafilatura, stops building the tree at this depth and the page comes out empty.
MAX_DEPTH = 255
TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)[^>]*?(/?)>")
# Elements that never hold others, or whose end tag may be left out: they do not nest.
FLAT = frozenset(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                  "source", "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option",
                  "optgroup", "thead", "tbody", "tfoot", "colgroup", "rt", "rp", "html", "head", "body"])


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
        raise _no_text(html, name)
    get = doc.get if isinstance(doc, dict) else (lambda k: getattr(doc, k, None))
    text = get("text") or ""
    if not text.strip():
        raise _no_text(html, name)
    check_lines(text, name, limits)
    published = get("date")
    if not published:
        try:
            published = find_date(html, url=url, original_date=True)
        except Exception:  # htmldate is best-effort on hostile markup
            published = None
    title = get("title")
    text = with_title(text, title, get("sitename"))
    meta = Metadata(
        title=title,
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


def with_title(text: str, title: str | None, site: str | None) -> str:
    """The page's title as the text's first paragraph, as a plain text's header title is (see
    text.header_title): a headline states claims too. Not when the body already opens with it
    (trafilatura keeps an article's <h1>), nor when the title is only the site's name."""
    title = " ".join((title or "").split())
    if not title or repeats_title(title, text) or (site and repeats_title(title, site)):
        return text
    return f"{title}\n\n{text}"


def _no_text(html: str, name: str) -> InputError:
    """Why a page gave no text: too deep for the parser, or nothing but navigation."""
    depth = nesting(html)
    if depth > MAX_DEPTH:
        return InputError(name, f"HTML nested {depth:,} elements deep, past the parser's limit of {MAX_DEPTH} "
                                "(broken or hostile markup)")
    return InputError(name, "HTML page with no main text")


def nesting(html: str) -> int:
    """How deep the elements of a page nest, from its tags alone (no tree is built)."""
    depth = deepest = 0
    for m in TAG.finditer(html):
        if m.group(3) or m.group(2).lower() in FLAT:
            continue
        if m.group(1):
            depth = max(0, depth - 1)
        else:
            depth += 1
            deepest = max(deepest, depth)
    return deepest
