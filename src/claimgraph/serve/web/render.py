"""Jinja2 templates (autoescaped) and the small filters they use."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from ...formatting import number, value_text
from ...language import language_name
from ..chart import OPEN, PALETTE, claim_link
from ..provenance import sentence_url
from .highlight import LEGEND
from .listing import FACET_FILTER, SORT_NAMES
from .searching import pieces

# The web's own templates, then those it shares with the report (the chart).
templates = Jinja2Templates(directory=[Path(__file__).parent / "templates", Path(__file__).parent.parent / "templates"])
env = templates.env
env.autoescape = True  # every template, whatever its extension: document text is hostile
env.trim_blocks = True
env.lstrip_blocks = True


def num(x: Any) -> str:
    return number(x) if isinstance(x, int | float) else ("" if x is None else str(x))


def claim_range(c: dict[str, Any]) -> str:
    """A claim or value as people write it, qualifier included: 'over 30,000', '2,800–3,800'."""
    return value_text(c.get("low"), c.get("high"), c.get("value"), c.get("qualifier"))


def safe_href(url: str | None) -> str | None:
    """Only web links are clickable; javascript:, data: and the like stay plain text."""
    if not url:
        return None
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return None
    return url if scheme in ("http", "https") else None


def qs(params: dict[str, Any], **changes: Any) -> str:
    merged = {k: v for k, v in {**params, **changes}.items() if v not in (None, "", 0) or k == "q"}
    return "?" + urlencode(merged) if merged else ""


def by_date(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Newest first; rows without a date last (sorting None against text would fail)."""
    return sorted(rows, key=lambda r: (r.get("published") or "", r.get("publisher") or ""), reverse=True)


env.filters.update(pieces=pieces, by_date=by_date, num=num, claim_range=claim_range, safe_href=safe_href,
                   language_name=language_name)
env.globals.update(open_len=OPEN, palette=PALETTE, legend=LEGEND, claim_link=claim_link, qs=qs,
                   facet_filter=FACET_FILTER, sort_names=SORT_NAMES, sentence_url=sentence_url)


def page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    state: Any = request.app.state
    context.setdefault("writable", not state.readonly)
    context.setdefault("needs_token", state.token is not None)
    return templates.TemplateResponse(request, name, context, status_code=status)


def render_error(request: Request, status: int, error: str, detail: Any = None,
                 headers: dict[str, str] | None = None) -> Response:
    problems = detail if isinstance(detail, list) else []  # a validation error: where and what
    text = detail if isinstance(detail, str) else None
    response = page(request, "error.html", status=status, error=error, detail=text, problems=problems, code=status)
    if headers:
        response.headers.update(headers)
    return response
