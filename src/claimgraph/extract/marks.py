"""Quotation marks: which stretches of the text stand inside them.

Real documents mix straight and curly marks, close a quote with an opening glyph, forget to close
one, and re-open each paragraph of a long quotation without closing the previous one. So marks
are paired by position and context, not by glyph, and a paragraph break bounds every quote: a
document with odd marks loses at most one paragraph's worth of pairing, never the whole text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

DOUBLE_MARKS = "\"“”„‟«»"
SINGLE_OPEN = "‘‚‹'"
SINGLE_CLOSE = "’›'"
# A double mark, or a paragraph break (blank line).
# Two apostrophes stand for a double mark in some wire copy (''like this'').
_EVENT = re.compile(r"''|[\"“”„‟«»]|\n[ \t]*\n")
# A single-quoted stretch: opened after a non-word, closed before a non-word, inside one paragraph
# and short, so apostrophes ("don't", "voters' rights") rarely pair up.
_SINGLE = re.compile(r"(?<![\w’'])[‘'‹](?=[\w$])([^\n‘’'‹›]{1,300}?[\w.,!?…)])[’'›](?![\w’'])")
_CLOSE_NEXT = set(" \t\n.,;:!?)]}…—–-")
_OPEN_PREV = set(" \t\n([{—–-/:")


@dataclass(frozen=True)
class Marked:
    """One quoted stretch. start/end exclude the marks themselves."""

    start: int
    end: int
    closed: bool = True  # False when the paragraph ended before a closing mark
    continued: bool = False  # re-opens the quotation of the previous paragraph
    single: bool = False


def _closer_like(text: str, i: int) -> bool:
    prev = text[i - 1] if i else "\n"
    nxt = text[i + 1] if i + 1 < len(text) else "\n"
    return not prev.isspace() and (nxt in _CLOSE_NEXT or nxt in DOUBLE_MARKS or nxt in "’'")


def _opener_like(text: str, i: int) -> bool:
    prev = text[i - 1] if i else "\n"
    nxt = text[i + 1] if i + 1 < len(text) else "\n"
    return prev in _OPEN_PREV and not nxt.isspace()


def scan(text: str) -> list[Marked]:
    out: list[Marked] = []
    open_at: int | None = None  # first character inside the open quotation
    continued = False
    for m in _EVENT.finditer(text):
        i = m.start()
        width = len(m.group())
        if m.group() != "''" and m.group() not in DOUBLE_MARKS:  # paragraph break
            if open_at is None:
                continue
            if not text[open_at:i].strip():  # an opener alone at a paragraph end: carry it over
                continue
            nxt = m.end()
            reopens = nxt < len(text) and (text[nxt] in DOUBLE_MARKS or text.startswith("''", nxt))
            out.append(Marked(open_at, i, closed=False, continued=continued))
            open_at = None
            # The next paragraph re-opens the same quotation: its opener will start a new one.
            continued = reopens
            continue
        if open_at is None:
            if _closer_like(text, i) and not _opener_like(text, i) and out and out[-1].end == i:
                continue  # a doubled closing mark
            open_at = i + width
            continue
        # A quote is open: any double mark closes it, whatever its glyph (“ often closes in
        # hand-typed text) -- except an opener right after a paragraph break was handled above.
        if i > open_at or _closer_like(text, i + width - 1):
            out.append(Marked(open_at, i, closed=True, continued=continued))
            continued = False
            open_at = None
    if open_at is not None and text[open_at:].strip():
        out.append(Marked(open_at, len(text.rstrip()), closed=False, continued=continued))
    # Single quotes, only where no double quotation holds them (nested quotes stay inside).
    if "‘" in text or "'" in text or "‹" in text:
        starts = [q.start for q in out]
        singles: list[Marked] = []
        for m in _SINGLE.finditer(text):
            k = bisect_right(starts, m.start()) - 1
            if k >= 0 and out[k].start <= m.start() <= out[k].end:
                continue
            singles.append(Marked(m.start(1), m.end(1), single=True))
        if singles:
            out = sorted(out + singles, key=lambda q: q.start)
    return out


class MarkIndex:
    """Answers "is this offset inside quotation marks, and which quotation?" in log time."""

    def __init__(self, marks: list[Marked]) -> None:
        self.marks = marks
        self._starts = [q.start for q in marks]

    def at(self, pos: int) -> Marked | None:
        k = bisect_right(self._starts, pos) - 1
        # Single quotes may sit after a double quote that started earlier; look back a little.
        while k >= 0:
            q = self.marks[k]
            if q.start <= pos < q.end:
                return q
            if q.start < pos - 5000:
                break
            k -= 1
            if k >= 0 and self.marks[k].end < pos and not self.marks[k].single:
                break
        return None

    def overlapping(self, start: int, end: int) -> list[Marked]:
        k = bisect_right(self._starts, end)
        out: list[Marked] = []
        i = k - 1
        while i >= 0:
            q = self.marks[i]
            if q.end > start and q.start < end:
                out.append(q)
            elif q.end <= start and not q.single:
                break
            i -= 1
        out.reverse()
        return out

    def quoted_chars(self, start: int, end: int) -> int:
        return sum(min(end, q.end) - max(start, q.start) for q in self.overlapping(start, end))
