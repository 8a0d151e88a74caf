"""What the extractors share about one document while it is being read."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..model import DocumentInfo, Entity, Quote, Span
from ..options import Options

if TYPE_CHECKING:
    from spacy.tokens import Doc


@dataclass
class Context:
    doc: Doc
    info: DocumentInfo
    options: Options
    skip: list[Span] = field(default_factory=list)  # repeated paragraphs: extract nothing there
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    _mention_starts: list[int] = field(default_factory=list, repr=False)
    _mention_index: list[tuple[Span, Entity]] = field(default_factory=list, repr=False)
    # Quotes by start, with the furthest end reached so far: (start, furthest end, list position).
    _quote_index: list[tuple[int, int, int]] = field(default_factory=list, repr=False)
    _quote_starts: list[int] = field(default_factory=list, repr=False)

    @property
    def text(self) -> str:
        # Doc.text joins every token on each read; the cache makes repeated reads free.
        from .textcache import doc_text

        return doc_text(self)

    def skipped(self, span: Span) -> bool:
        return any(a <= span[0] < b for a, b in self.skip)

    def index_mentions(self) -> None:
        pairs = sorted(((m, e) for e in self.entities for m in e.mentions), key=lambda p: p[0])
        self._mention_index = pairs
        self._mention_starts = [m[0] for m, _ in pairs]

    def entity_at(self, start: int, end: int) -> Entity | None:
        """The entity with a mention overlapping [start, end), preferring the longest overlap."""
        if not self._mention_starts and self.entities:
            self.index_mentions()
        i = bisect_right(self._mention_starts, end) - 1
        best: tuple[int, Entity] | None = None
        while i >= 0:
            (a, b), ent = self._mention_index[i]
            if b <= start and a < start - 200:
                break
            overlap = min(b, end) - max(a, start)
            if overlap > 0 and (best is None or overlap > best[0]):
                best = (overlap, ent)
            i -= 1
        return best[1] if best else None

    def quote_at(self, pos: int) -> Quote | None:
        """The first quote (in list order) whose span holds `pos`. A scan of every quote for
        every number made a long document's claims quadratic (17,000 numbers x 21,000 quotes)."""
        if len(self._quote_index) != len(self.quotes):
            order = sorted(range(len(self.quotes)), key=lambda i: self.quotes[i].span[0])
            furthest = 0
            self._quote_index = []
            for i in order:
                furthest = max(furthest, self.quotes[i].span[1])
                self._quote_index.append((self.quotes[i].span[0], furthest, i))
            self._quote_starts = [start for start, _, _ in self._quote_index]
        best: int | None = None
        k = bisect_right(self._quote_starts, pos) - 1
        while k >= 0 and self._quote_index[k][1] > pos:  # no earlier quote reaches pos
            i = self._quote_index[k][2]
            if self.quotes[i].span[1] > pos and (best is None or i < best):
                best = i
            k -= 1
        return None if best is None else self.quotes[best]

    def entity(self, eid: str | None) -> Entity | None:
        return next((e for e in self.entities if e.id == eid), None) if eid else None
