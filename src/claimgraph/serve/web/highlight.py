"""A document's text cut into nested highlight spans, from the offsets in its extraction.

Spans come from an untrusted extraction of an untrusted text: they may be out of range,
empty, or cross each other (a quote that starts inside one claim sentence and ends in the
next). The result is always well nested: a span that crosses the end of the one it starts in
is split there and continues as a second piece. Text is never turned into markup here; the
template escapes every piece.
"""

from __future__ import annotations

import bisect
import heapq
from dataclasses import dataclass, field
from typing import Any

from ...formatting import value_text

# Outer kinds first: when two spans start at the same place and end at the same place, the
# sentence holds the quote, the quote holds the speaker, and so on.
KINDS = ("flag", "claim", "quote", "speaker", "cue", "entity", "number")
LEGEND = [
    ("quote", "quote"),
    ("speaker", "speaker"),
    ("cue", "cue (said, told …)"),
    ("entity", "entity"),
    ("claim", "numeric claim (sentence)"),
    ("number", "number"),
    ("flag", "flagged (e.g. repeated paragraph)"),
]


@dataclass(order=True)
class Span:
    start: int
    neg_end: int  # so that, at one start, the longer span sorts first and becomes the outer one
    rank: int
    kind: str = field(compare=False)
    title: str = field(compare=False, default="")
    anchor: str | None = field(compare=False, default=None)
    link: str | None = field(compare=False, default=None)

    @property
    def end(self) -> int:
        return -self.neg_end


@dataclass
class Token:
    """One piece of output: text, or the opening or closing of a highlight."""

    text: str = ""
    open: Span | None = None
    close: bool = False


def spans_of(extraction: dict[str, Any], doc_id: int | None = None) -> list[Span]:
    out: list[Span] = []

    def add(kind: str, span: Any, title: str = "", anchor: str | None = None, link: str | None = None) -> None:
        if not isinstance(span, list | tuple) or len(span) != 2:
            return
        a, b = span
        if isinstance(a, int) and isinstance(b, int):
            out.append(Span(a, -b, KINDS.index(kind), kind, title, anchor, link))

    for f in extraction.get("flags") or []:
        add("flag", f.get("span"), f"{f.get('kind', 'flag')}: {f.get('detail') or ''}".strip(": "))
    for c in extraction.get("claims") or []:
        who = (c.get("claimant") or {}).get("name")
        what = " ".join(str(x) for x in (value_text(c.get("low"), c.get("high"), c.get("value"), c.get("qualifier")), c.get("counted")) if x)
        add("claim", c.get("span"), f"{c.get('id')}: {what}" + (f" — claimed by {who}" if who else ""), c.get("id"))
        add("number", c.get("number_span"), what)
    for q in extraction.get("quotes") or []:
        sp = q.get("speaker") or {}
        add("quote", q.get("span"), f"{q.get('kind', 'quote')} quote" + (f" — {sp['name']}" if sp.get("name") else ""),
            q.get("id"))
        add("cue", q.get("cue_span"), "cue")
        add("speaker", sp.get("span"), f"speaker: {sp.get('name') or ''} (found by {sp.get('method') or '?'})")
    for e in extraction.get("entities") or []:
        for m in e.get("mentions") or []:
            add("entity", m, f"{e.get('type', '')}: {e.get('name', '')}")
    return out


def tokens(text: str, spans: list[Span]) -> list[Token]:
    """Text and open/close tokens, properly nested, covering the whole text once."""
    n = len(text)
    heap: list[Span] = []
    for s in spans:
        a, b = max(0, s.start), min(n, s.end)
        if a < b:
            s.start, s.neg_end = a, -b
            heap.append(s)
    heapq.heapify(heap)
    out: list[Token] = []
    stack: list[Span] = []
    pos = 0

    def emit_text(upto: int) -> None:
        nonlocal pos
        if upto > pos:
            out.append(Token(text=text[pos:upto]))
            pos = upto

    def close_until(at: int) -> None:
        while stack and stack[-1].end <= at:
            emit_text(stack[-1].end)
            stack.pop()
            out.append(Token(close=True))

    while heap:
        s = heapq.heappop(heap)
        close_until(s.start)
        emit_text(s.start)
        if stack and s.end > stack[-1].end:
            # Crosses the end of the enclosing span: keep the part inside, queue the rest.
            rest = Span(stack[-1].end, s.neg_end, s.rank, s.kind, s.title, None, s.link)
            heapq.heappush(heap, rest)
            s = Span(s.start, -stack[-1].end, s.rank, s.kind, s.title, s.anchor, s.link)
        out.append(Token(open=s))
        stack.append(s)
    close_until(n)
    emit_text(n)
    return out


PAGE_CHARS = 50_000  # characters of a document shown on one page: a 2 MB text is 40 pages, not 7 MB of HTML


def page_starts(text: str, size: int = PAGE_CHARS) -> list[int]:
    """Where each page of a long text begins: near every `size` characters, at a line break
    (else a space) in the last part of the page, so that no word or paragraph is cut."""
    starts = [0]
    while len(text) - starts[-1] > size:
        a = starts[-1]
        cut = text.rfind("\n", a + size * 3 // 5, a + size)
        if cut < 0:
            cut = text.rfind(" ", a + size * 3 // 5, a + size)
        starts.append(cut + 1 if cut >= 0 else a + size)
    return starts


def page_of(starts: list[int], offset: int) -> int:
    """The page (from 1) holding a character."""
    return max(1, bisect.bisect_right(starts, offset))


def window_tokens(text: str, spans: list[Span], start: int, end: int) -> list[Token]:
    """The tokens of text[start:end] alone: spans cut to the window, offsets kept exact (a span
    that began on an earlier page continues here without its anchor)."""
    inside = []
    for s in spans:
        a, b = max(s.start, start), min(s.end, end)
        if a < b:
            inside.append(Span(a - start, -(b - start), s.rank, s.kind, s.title,
                               s.anchor if s.start >= start else None, s.link))
    return tokens(text[start:end], inside)
