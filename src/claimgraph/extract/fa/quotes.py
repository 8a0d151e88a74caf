"""Quotes and speakers in Persian text, by rules (no Persian parser is available offline).

Persian news attributes speech with a verb at the end of the speaker's clause, the words after
it: "X گفت: «...»" (direct), "X گفت که ..." (reported), "به گفته X، ..." and "به گزارش X، ..."
(according to a person, or a report), and "«...»، X افزود." (the quotation first). Guillemets
« » mark quotations, and also titles and names: a marked stretch with no verb of saying is a
quotation only when it is long (MIN_FREE_WORDS) and continues the speaker before it.

The speaker is the subject before the verb: a known entity there (entities.py) when there is
one, a pronoun (وی، او) standing for the last speaker, else the first words of the clause up
to a word that opens a time, a place or a circumstance ("روز دوشنبه", "در ...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...model import Quote, Span, Speaker
from ..context import Context
from .lexicon import (
    ACCORDING_PERSON,
    ACCORDING_REPORT,
    BELIEF_VERBS,
    PRONOUNS,
    QUOTE_OPEN,
    SPEECH_VERBS,
    SUBJECT_STOPS,
    alternation,
)

MIN_FREE_WORDS = 8
MIN_CLAUSE_WORDS = 3  # words after a verb of saying that make a reported clause without "که"
MAX_SPEAKER_WORDS = 6
_L = r"[^\W\d_]"
VERB = re.compile(rf"(?<!{_L})(?P<v>{alternation(SPEECH_VERBS)}|(?P<belief>{alternation(BELIEF_VERBS)}))(?!{_L})")
ACCORDING = re.compile(rf"(?<!{_L})(?:(?P<p>{alternation(ACCORDING_PERSON)})|(?P<r>{alternation(ACCORDING_REPORT)}))"
                       r"\s+(?P<src>[^،,:\n.!؟?]{2,80}?)\s*[،,]\s*")
COLON_MARK = re.compile(rf"\s*[:：]\s*(?=[{QUOTE_OPEN}])")
THAT = re.compile(r"\s+که\s+")
_STOP = re.compile(rf"(?<!{_L})(?:{alternation(SUBJECT_STOPS)})(?!{_L})")
_PRONOUN = re.compile(rf"^(?:{alternation(PRONOUNS)})(?!{_L})")
_LEAD = re.compile(r"^[\s،,؛;:.\-–—»”\"]+|^و\s+")
_SENT_END = re.compile(r"[.!؟?]+[»”\"]?(?=\s|$)|\n\n")


@dataclass
class Marked:
    span: Span  # the words inside the marks
    outer: Span  # with the marks


def marks(text: str) -> list[Marked]:
    """Quotation marks paired within a paragraph: « », “ ”, and straight quotes two by two."""
    out: list[Marked] = []
    for para in re.finditer(r"[^\n]+", text):
        a0 = para.start()
        s = para.group(0)
        stack: list[int] = []
        straight: int | None = None
        for i, ch in enumerate(s):
            if ch in "«“":
                stack.append(i)
            elif ch in "»”" and stack:
                j = stack.pop()
                if not stack:
                    out.append(Marked((a0 + j + 1, a0 + i), (a0 + j, a0 + i + 1)))
            elif ch == '"' and not stack:
                if straight is None:
                    straight = i
                else:
                    out.append(Marked((a0 + straight + 1, a0 + i), (a0 + straight, a0 + i + 1)))
                    straight = None
    return out


class _Reader:
    def __init__(self, ctx: Context, start_id: int) -> None:
        self.ctx = ctx
        self.text = ctx.text
        self.marks = marks(self.text)
        self.next_id = start_id
        self.quotes: list[Quote] = []
        self.last: Speaker | None = None
        self.sentences = [(s.start_char, s.end_char) for s in ctx.doc.sents]

    def sentence_of(self, pos: int) -> Span:
        for a, b in self.sentences:
            if a <= pos < b:
                return a, b
        return pos, pos

    def add(self, kind: str, span: Span, cue: str | None, cue_span: Span | None, speaker: Speaker | None,
            medium: str | None = None) -> None:
        a, b = span
        while a < b and self.text[a].isspace():
            a += 1
        while b > a and (self.text[b - 1].isspace() or self.text[b - 1] in ".،,؛"):
            b -= 1
        if b - a < 3 or self.ctx.skipped((a, b)) or any(q.span[0] < b and a < q.span[1] for q in self.quotes):
            return
        self.quotes.append(Quote(id=f"q{self.next_id}", kind=kind, text=self.text[a:b], span=(a, b), cue=cue,
                                 cue_span=cue_span, speaker=speaker, medium=medium))
        self.next_id += 1
        if speaker is not None:
            self.last = speaker

    def speaker(self, a: int, b: int) -> Speaker | None:
        """The speaker named in text[a:b], the stretch before a verb of saying."""
        # The clause the verb ends: after the last clause-opening comma whose segment is not
        # an adverbial ("در همین حال، X گفت").
        stretch = self.text[a:b]
        ent = None
        best = -1
        for e in self.ctx.entities:
            for x, y in e.mentions:
                if a <= x and y <= b and x > best:
                    ent, best = e, x
        if ent is not None:
            x, y = next((x, y) for x, y in ent.mentions if x == best)
            return Speaker(name=ent.name, text=self.text[x:y], entity=ent.id, span=(x, y), method="known")
        segments = [m for m in re.finditer(r"[^،,]+", stretch)]
        for seg in segments:
            words = _LEAD.sub("", seg.group(0)).strip()
            if not words or _STOP.match(words):
                continue
            start = a + seg.start() + seg.group(0).find(words)
            if _PRONOUN.match(words):
                if self.last is None:
                    return None
                p = _PRONOUN.match(words)
                assert p is not None
                return Speaker(name=self.last.name, text=p.group(0), entity=self.last.entity,
                               span=(start, start + p.end()), method="pronoun")
            stop = _STOP.search(words, 1)
            head = words[:stop.start()].strip() if stop else words
            toks = head.split()[:MAX_SPEAKER_WORDS]
            if not toks:
                continue
            name = " ".join(toks)
            return Speaker(name=name, text=name, span=(start, start + len(name)), method="subject")
        return None

    def read(self) -> list[Quote]:
        self._verbs()
        self._according()
        self._free_marks()
        self.quotes.sort(key=lambda q: q.span[0])
        return self.quotes

    def _according(self) -> None:
        for m in ACCORDING.finditer(self.text):
            a, b = self.sentence_of(m.start())
            src = m.group("src").strip()
            sa = m.start("src")
            ent = self.ctx.entity_at(sa, sa + len(src))
            if _PRONOUN.fullmatch(src) and self.last is not None:
                sp = Speaker(name=self.last.name, text=src, entity=self.last.entity, span=(sa, sa + len(src)),
                             method="pronoun")
            elif ent is not None:
                sp = Speaker(name=ent.name, text=src, entity=ent.id, span=(sa, sa + len(src)), method="according-to")
            else:
                sp = Speaker(name=src, text=src, span=(sa, sa + len(src)), method="according-to")
            cue = (m.group("p") or m.group("r")).strip()
            medium = "report" if m.group("r") else None
            self.add("indirect", (m.end(), b), cue, (m.start(), m.start() + len(cue)), sp, medium)

    def _verbs(self) -> None:
        # "به گفته X،" holds a verb form ("گفته") that is no verb of its own there.
        phrases = [(m.start(), m.end()) for m in ACCORDING.finditer(self.text)]
        for m in VERB.finditer(self.text):
            v0, v1 = m.start("v"), m.end("v")
            if any(a <= v0 < b for a, b in phrases):
                continue
            sa, sb = self.sentence_of(v0)
            kind = "belief" if m.group("belief") else "direct"
            if kind == "belief" and not self.ctx.options.beliefs:
                continue
            after = self.text[v1:]
            colon = COLON_MARK.match(after)
            if colon:
                mark = next((x for x in self.marks if x.outer[0] == v1 + colon.end()), None)
                if mark:
                    self.add(kind, mark.span, m.group("v"), (v0, v1), self.speaker(sa, v0))
                    continue
            that = THAT.match(after)
            if that:
                start = v1 + that.end()
                end = self._clause_end(start, sb)
                inner = next((x for x in self.marks if x.outer[0] == start), None)
                k = "belief" if kind == "belief" else ("mixed" if inner else "indirect")
                self.add(k, (start, end), m.group("v"), (v0, v1), self.speaker(sa, v0))
                continue
            # The quotation first: "«...»، X افزود." -- the speaker sits between the mark and the
            # verb. The quotation may hold sentences of its own: it need only end in this one.
            before = [x for x in self.marks if sa <= x.outer[1] <= v0]
            if before:
                mark = before[-1]
                self.add(kind if kind == "belief" else "direct", mark.span, m.group("v"), (v0, v1),
                         self.speaker(mark.outer[1], v0))
                continue
            start = v1 + len(after) - len(after.lstrip(" :：«\""))
            end = self._clause_end(start, sb)
            if self.text[v1:v1 + 2].strip().startswith(("«", ":")):
                # A colon with the quotation unpaired, or a mark straight after the verb.
                self.add(kind, (start, end), m.group("v"), (v0, v1), self.speaker(sa, v0))
            elif len(self.text[start:end].split()) >= MIN_CLAUSE_WORDS:
                # Reported speech without "که": "X می‌گوید پدرش ..." -- the clause runs to the stop.
                self.add("belief" if kind == "belief" else "indirect", (start, end), m.group("v"), (v0, v1),
                         self.speaker(sa, v0))

    def _clause_end(self, start: int, sentence_end: int) -> int:
        m = _SENT_END.search(self.text, start, max(start, sentence_end))
        return m.start() if m else sentence_end

    def _free_marks(self) -> None:
        for mark in self.marks:
            a, b = mark.span
            if len(self.text[a:b].split()) < MIN_FREE_WORDS or any(q.span[0] <= a < q.span[1] for q in self.quotes):
                continue
            prev = [q for q in self.quotes if q.span[1] <= a and q.speaker is not None
                    and "\n\n" not in self.text[q.span[1]:a]]
            sp = prev[-1].speaker if prev else None
            if sp is None:
                continue
            self.add("direct", (a, b), None, None,
                     Speaker(name=sp.name, text=sp.text, entity=sp.entity, span=sp.span, method="continued"))


def find_quotes_fa(ctx: Context, start_id: int = 1) -> list[Quote]:
    return _Reader(ctx, start_id).read()
