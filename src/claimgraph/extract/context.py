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

    def entity(self, eid: str | None) -> Entity | None:
        return next((e for e in self.entities if e.id == eid), None) if eid else None
