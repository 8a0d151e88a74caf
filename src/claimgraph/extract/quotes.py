"""Quotes and their speakers: direct quotations, reported speech, partial quotes and beliefs.

Two passes meet here. Quotation marks (marks.py) say what is quoted verbatim; attribution cues on
the dependency parse (cues.py) say who said or thought what. A cue's content that touches a
quotation grows to cover it; a speech verb with no clause of its own takes the quotation next to
it ("“...,” she said", "X wrote: “...”"); a quotation with no cue continues the previous speaker's.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import TYPE_CHECKING

from ..model import Quote, Speaker
from .confidence import quote_confidence
from .context import Context
from .cues import Cue, find_cues, trim
from .interrupted import around_content, misparsed_subject
from .leadins import MARK_CHARS as _MARK_CHARS
from .leadins import chunk_head, described, embedding_subject, is_title, lead_in_subject
from .lexicon import MEDIA, words
from .marks import Marked, MarkIndex, scan
from .nesting import Item, inside_other_speech, nest, without_repeats
from .predicates import find_predicate_cues
from .speakers import FIRST, Resolver, is_agent, medium_owner, misparsed_medium, phrase

if TYPE_CHECKING:
    from spacy.tokens import Token

_SENT_END = frozenset(".!?")
_PARA = re.compile(r"\n[ \t]*\n")
_DASH_NAME = re.compile(r"[\"'“”’»]*[ \t]*[—―–-]{1,2}[ \t]*([A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,4})")
# A line opened by a short capitalised label and a colon ("Q: ...", "Sanders: ...").
_LABEL_LINE = re.compile(r"(?m)^[\"“‘']?([A-Z][\w.'’ -]{0,40}?):[ \t]+(\S[^\n]{10,})$")
_NOT_SPEAKERS = words(
    "update updated photo photos image video related read note editor source sources see watch tags "
    "correction clarification credit caption warning disclaimer subscribe share follow contact email "
    "http https www via listen click featured breaking exclusive by contributing reporting graphic "
    "data fact bottom top more also here the this that what why how when where who"
)
# A sentence end inside a stretch of text: stop, space, capital -- not after a short abbreviation.
_SENTENCE_BREAK = re.compile(r"(?:\b[a-z]\w{3,}|\d|[)\]])[.!?][\"'”’]*\s+[A-Z\"“]")
# How far a pronoun may look back for the speaker it stands for (characters).
PRONOUN_REACH = 600
# How far a quotation without a cue may look back for the speaker it continues (characters).
FALLBACK_REACH = 3000
# A quotation shorter than this with no cue is a scare quote or a title, not an attribution.
MIN_FREE_WORDS = 8


def _between_is_glue(text: str, a: int, b: int, allow_para: bool = False) -> bool:
    """Only punctuation, marks and spaces (and at most a paragraph break) between a and b."""
    if b < a:
        return False
    gap = text[a:b]
    if len(gap) > 12:
        return False
    if "\n" in gap and not allow_para:
        return False
    return all(not ch.isalnum() for ch in gap)


def _medium(cue: Cue) -> str | None:
    verb = cue.verb
    cands: list[Token] = []
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in ("in", "on", "during", "at", "via", "through", "with"):
            cands.extend(g for g in c.children if g.dep_ == "pobj")
    if cue.source is not None:
        cands.append(cue.source)
        for c in cue.source.children:
            if c.dep_ == "prep" and c.lower_ in ("in", "on", "during", "at", "of"):
                cands.extend(g for g in c.children if g.dep_ == "pobj")
    for n in cands:
        compound = next((c for c in n.children if c.dep_ == "compound"), None)
        if compound is not None:
            pair = f"{compound.lower_} {n.lemma_.lower()}"
            if pair in MEDIA:
                return MEDIA[pair]
        lemma = n.lemma_.lower()
        if lemma in MEDIA:
            return MEDIA[lemma]
    return None


def _relative_antecedent(src: Token) -> Token | None:
    """The name before "who" when a common noun right after it was parsed as the subject."""
    doc = src.doc
    lo = max(src.sent.start, src.i - 15)
    for j in range(src.i - 1, lo - 1, -1):
        if doc[j].lower_ != "who":
            continue
        depth = 0  # skip a bracketed aside: "Mousavi (Tabrizi) who ..."
        for k in range(j - 1, max(lo, j - 8) - 1, -1):
            t = doc[k]
            if t.text == ")":
                depth += 1
            elif t.text == "(":
                depth -= 1
            elif depth > 0 or t.is_punct:
                continue
            elif t.pos_ == "PROPN":
                return chunk_head(t, lo, j)
            else:
                return None
        return None
    return None


class _Quotes:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.text = ctx.text
        self.marks = [m for m in scan(self.text) if not ctx.skipped((m.start, m.end))]
        self.index = MarkIndex(self.marks)
        self.mark_starts = [m.start for m in self.marks]
        self.resolver = Resolver(ctx, self.text)
        self.breaks = [m.start() for m in _PARA.finditer(self.text)]

    def _outside_source(self, verb: Token) -> Token | None:
        """The noun phrase next to a cue verb, outside the quotation: before it, else after it."""
        doc, sent = verb.doc, verb.sent
        depth = 0
        for j in range(verb.i - 1, max(sent.start, verb.i - 14) - 1, -1):
            t = doc[j]
            if t.text == ")":
                depth += 1
            elif t.text == "(":
                depth -= 1
            elif depth > 0:
                continue
            elif t.is_quote or self.index.at(t.idx) is not None or t.text in ",;:":
                break
            elif t.pos_ in ("PROPN", "NOUN", "PRON") and t.ent_type_ not in ("DATE", "TIME"):
                return described(chunk_head(t, verb.i - 14, verb.i))
        for j in range(verb.i + 1, min(sent.end, verb.i + 8)):
            t = doc[j]
            if t.is_quote or self.index.at(t.idx) is not None or t.text in ".;:":
                break
            if t.pos_ in ("PROPN", "NOUN", "PRON") and t.ent_type_ not in ("DATE", "TIME"):
                return chunk_head(t, verb.i + 1, verb.i + 8)
        return None

    def _leading_noun(self, verb: Token) -> Token | None:
        """When the parse gives a cue no subject, the sentence's first name or noun before it
        ("Jane Doe, director of a union that has backed him, said ...")."""
        doc, sent = verb.doc, verb.sent
        para_start = self._paragraph(verb.idx)[0]
        for j in range(max(sent.start, verb.i - 40), verb.i):
            if doc[j].idx < para_start:
                continue
            t = doc[j]
            if self.index.at(t.idx) is not None or t.is_quote:
                continue
            if t.ent_type_ in ("DATE", "TIME") or t.dep_ == "npadvmod":
                continue  # "Earlier this month, ..." sets the time, it does not speak
            if t.pos_ in ("PROPN", "NOUN") and t.dep_ in ("nsubj", "compound", "ROOT", "appos"):
                return chunk_head(t, sent.start, verb.i)
            if t.pos_ in ("VERB", "AUX") or t.is_punct and t.text != ",":
                break
        return None

    def _continued_speakers(self, items: list[Item]) -> None:
        """A paragraph of a multi-paragraph quotation is spoken by whoever the quotation's last
        paragraph names ("“First ...\n\n“Second ...,” she said.")."""
        owner = {m.start: it for it in items for m in it.marks}
        pos = {m.start: k for k, m in enumerate(self.marks)}
        for it in reversed(items):
            if it.cue is not None or not it.marks or it.speaker is not None and it.speaker.method == "cue":
                continue
            k = pos.get(it.marks[-1].start)
            if k is None or k + 1 >= len(self.marks) or not self.marks[k + 1].continued:
                continue
            nxt = owner.get(self.marks[k + 1].start)
            if nxt is not None and nxt.speaker is not None:
                sp = nxt.speaker
                it.speaker = Speaker(name=sp.name, text=sp.text, entity=sp.entity, span=sp.span, method="continued")

    def _label_speaker(self, a: int, b: int) -> Speaker:
        name = self.text[a:b]
        full = self.resolver.full.get(name.split()[-1].lower(), name)
        ent = self.ctx.entity_at(a, b) if self.ctx.entities else None
        return Speaker(name=full if len(full) > len(name) else name, text=name,
                       entity=ent.id if ent is not None and ent.type in ("PERSON", "ORG") else None,
                       span=(a, b), method="cue")

    def _dash_speaker(self, item: Item) -> Speaker | None:
        """“...” — Jane Doe: a name after a dash right after the quotation."""
        m = _DASH_NAME.match(self.text, item.marks[-1].end if item.marks else item.span[1])
        if m is None:
            return None
        span = self.ctx.doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
        if span is None or not any(t.pos_ == "PROPN" for t in span):
            return None
        name = span.text
        full = self.resolver.full.get(name.split()[-1].lower(), name)
        return Speaker(name=full if len(full) > len(name) else name, text=name,
                       span=(span.start_char, span.end_char), method="cue")

    def _close_before_speakers(self, cues: list[Cue]) -> None:
        """An unclosed quotation that ends its paragraph with "... Smith said in the interview."
        stopped before its speaker: close it there, so the cue is outside and attributes it."""
        changed = False
        for cue in cues:
            m = self.index.at(cue.start)
            src = cue.source
            if m is None or m.closed or cue.frame != "speech" or src is None or src.i > cue.verb.i:
                continue
            if not (src.pos_ == "PROPN" or src.ent_type_ == "PERSON") or self.index.at(src.idx) is not m:
                continue
            rest = self.text[cue.end:m.end].rstrip()
            if any(ch in _SENT_END for ch in rest[:-1]):
                continue  # the cue sentence is not the last one: the quotation goes on after it
            start = phrase(src)[0].idx
            k = self.marks.index(m)
            self.marks[k] = Marked(m.start, start, closed=False, continued=m.continued, single=m.single)
            changed = True
        if changed:
            self.index = MarkIndex(self.marks)
            self.mark_starts = [m.start for m in self.marks]

    def _strip_marks(self, a: int, b: int, used: list[Marked]) -> tuple[int, int]:
        """Drop the opening and closing marks of a content that starts with a quotation; one
        that starts with reported words keeps its quoted fragment whole (it “fair”)."""
        first = next((m for m in used if 0 <= m.start - a <= 2), None)
        if first is None or self.text[a:first.start].strip(_MARK_CHARS):
            return a, b
        a = first.start
        last = next((m for m in reversed(used) if 0 <= b - m.end <= 2), None)
        if last is not None and not self.text[last.end:b].strip(_MARK_CHARS):
            b = last.end
        return trim(self.text, a, b)

    def _paragraph(self, pos: int) -> tuple[int, int]:
        k = bisect_right(self.breaks, pos)
        start = self.breaks[k - 1] if k else 0
        end = self.breaks[k] if k < len(self.breaks) else len(self.text)
        return start, end

    # --- quotations next to a cue ------------------------------------------------------------
    def _after(self, cue: Cue, before: Marked | None) -> Marked | None:
        end = cue.end
        src = cue.source
        if src is not None and src.i > cue.verb.i:  # "said Jane Doe, a spokeswoman: “...”"
            words = phrase(src)
            end = max(end, words[-1].idx + len(words[-1]))
        k = bisect_right(self.mark_starts, end)
        if k >= len(self.marks):
            return None
        m = self.marks[k]
        gap = self.text[end:m.start].rstrip(_MARK_CHARS + " ")
        if len(gap) > 160 or "\n" in gap and (gap.strip() != ":" or gap.count("\n") > 2):  # "X said:\n\n“...”"
            return None
        tail = gap.strip()
        if before is not None:
            sent_end = cue.verb.sent.end_char
            rest = self.text[sent_end:m.start].strip(_MARK_CHARS + " \t")
            if m.start >= sent_end and not rest and self.text[:sent_end].rstrip(_MARK_CHARS)[-1:] in _SENT_END:
                return m
            # The parse may run the cue sentence into the next quotation: then one full stop
            # closing the speaker's description, and nothing else, still ends the sentence.
            if gap.endswith(tuple(_SENT_END)) and not _SENTENCE_BREAK.search(gap[:-1]):
                return m
        if any(ch in _SENT_END for ch in gap):
            # "“A,” she said. “B.”": the next sentence of the same paragraph goes on quoting.
            return m if before is not None and tail in (".", "!", "?") else None
        # "X said in the interview: “...”", "X wrote, “...”": the quote is the verb's object.
        if tail and not tail.endswith((":", ",")):
            return None
        return m

    def _before(self, cue: Cue) -> Marked | None:
        anchor = cue.start
        if cue.source is not None and cue.source.i < cue.verb.i:
            anchor = min(anchor, cue.source.left_edge.idx)
        k = bisect_right(self.mark_starts, anchor) - 1
        if k < 0:
            return None
        m = self.marks[k]
        if m.start <= anchor < m.end:
            # The cue sits inside an unclosed quotation: the quotation stopped before its speaker.
            if not m.closed and anchor - m.start > 20:
                return Marked(m.start, anchor, closed=False, continued=m.continued)
            return None
        sent_start = cue.verb.sent.start_char
        first_in_para = self.text[max(0, sent_start - 2):sent_start] == "\n\n"
        if _between_is_glue(self.text, m.end, anchor, allow_para=first_in_para):
            return m
        return None

    # --- building -----------------------------------------------------------------------
    def items(self) -> list[Item]:
        out: list[Item] = []
        seen: set[tuple[int, int]] = set()
        claimed: set[int] = set()  # start offsets of marks already attributed
        self._cue_items(self._select_cues(), out, seen, claimed)
        self._label_items(out, seen, claimed)
        self._free_items(out, seen, claimed)
        out.sort(key=lambda it: it.span)
        return out

    def _select_cues(self) -> list[Cue]:
        """The cues that open an attribution here, with their sources repaired where the parse
        is known to go wrong."""
        ctx = self.ctx
        cues: list[Cue] = []
        found = [*find_cues(ctx.doc, self.text), *find_predicate_cues(ctx.doc, self.text)]
        cue_words = {c.verb.i: c for c in found}
        self._close_before_speakers(found)
        for cue in found:
            if ctx.skipped((cue.start, cue.end)):
                continue
            if cue.source is not None and cue.source.pos_ == "NOUN":
                # "Mousavi, who was the prosecutor, used to say ...": the parse made the relative
                # clause's noun the subject; the speaker is the name the clause describes.
                cue.source = _relative_antecedent(cue.source) or cue.source
            if self.index.at(cue.start) is not None:
                # "I think", "X used to say" within a quotation: the speaker's words, not a new source
                # (on PolNeAR a second attribution there was right one time in ten).
                continue
            if cue.verb.dep_ == "ccomp" and cue.frame != "speech":
                continue  # "he said he wants ...": a stance inside reported words is part of them
            if cue.verb.pos_ == "NOUN" and cue.verb.dep_ == "dobj" and cue.verb.head.i in cue_words:
                continue  # "repeated her criticism of X": the verb's attribution already holds it
            if cue.verb.dep_ == "xcomp" and cue.frame != "speech" and cue_words.get(cue.verb.head.i):
                continue  # "wants to back the plan" is one attribution, carried by "wants"
            if cue.source is not None and cue.source.ent_type_ in ("DATE", "TIME"):
                # "Thursday morning" parsed as the subject: the speaker is the other noun phrase.
                cue.source = self._outside_source(cue.verb) or self._leading_noun(cue.verb)
            elif cue.source is not None and (self.index.at(cue.source.idx) is not None or cue.source.is_punct) and (
                self.index.at(cue.start) is None
            ):
                # The parse took a word of the quotation as the subject ("“...,” said X").
                cue.source = self._outside_source(cue.verb)
            elif cue.source is not None and cue.frame != "according" and (
                self._paragraph(cue.source.idx) != self._paragraph(cue.start) or misparsed_medium(cue.source)
            ):
                # A parse that ran across a paragraph break, or took "in a sermon" for the subject.
                cue.source = medium_owner(cue.source) or self._leading_noun(cue.verb)
            elif cue.source is None and not cue.passive and cue.frame != "according":
                cue.source = misparsed_subject(cue.verb) or self._leading_noun(cue.verb)
            src = cue.source
            if (src is not None and cue.frame == "speech" and src.head.i != cue.verb.i
                    and cue.verb.dep_ in ("advcl", "xcomp") and not is_agent(src)
                    and not self.index.overlapping(*(cue.content or (cue.start, cue.end)))):
                continue  # "the time has come to hold X accountable": a subject taken over that cannot speak
            cues.append(cue)
        return cues

    def _cue_items(self, cues: list[Cue], out: list[Item], seen: set[tuple[int, int]], claimed: set[int]) -> None:
        text = self.text
        # Quotations right before a cue belong to it ("“...,” she said"); a later cue's claim on
        # a quotation beats an earlier cue's guess that the quotation continues its speaker.
        befores = {id(c): self._before(c) for c in cues if c.content is None}
        owned = {m.start for m in befores.values() if m is not None}
        for cue in cues:
            used: list[Marked] = []
            if cue.content is None and befores[id(cue)] is None:
                cue.content = around_content(cue, quoted_after=self._after(cue, None) is not None)
            if cue.content is not None:
                # A parse may run a clause across paragraphs; reported words stay in the cue's.
                pa, pb = self._paragraph(cue.start)
                a, b = max(cue.content[0], pa), min(cue.content[1], pb)
                if b - a < 3:
                    continue
                for m in self.index.overlapping(a, b):
                    if m.start <= cue.start < m.end:
                        continue  # the quotation around a nested cue is not its content
                    used.append(m)
                    a, b = min(a, m.start), max(b, m.end)
                if used and used[-1].end <= cue.start:
                    # The clause was the quotation before the cue: the next sentence may go on.
                    after = self._after(cue, used[-1])
                    if after is not None and after.start not in owned and after.start > cue.end:
                        used.append(after)
                        b = after.end
                span = (a, b)
            else:
                before = befores[id(cue)]
                after = self._after(cue, before)
                if after is not None and before is not None and after.start in owned:
                    after = None
                if before is None and after is None:
                    continue
                used = [m for m in (before, after) if m is not None]
                span = (used[0].start, used[-1].end)
            span = self._strip_marks(*trim(text, *span), used)
            if span[1] - span[0] < 3 or span in seen:
                continue
            seen.add(span)
            claimed.update(m.start for m in used)
            how = cue.method or ("according" if cue.frame == "according" else "noun-cue" if cue.verb.pos_ == "NOUN"
                                 else "cue-clause" if cue.content is not None else "cue-quotation")
            agent = cue.source is None or is_agent(cue.source)
            out.append(Item(span, cue, used, how=how, agent=agent))

    def _label_items(self, out: list[Item], seen: set[tuple[int, int]], claimed: set[int]) -> None:
        """"Name: words" lines (interview transcripts, headlines): the name speaks the words."""
        for line in _LABEL_LINE.finditer(self.text):
            label = line.group(1).strip()
            names = label.split()
            # A name is a few capitalised words; "Another challenge:" introduces, it does not speak.
            if len(names) > 4 or not all(w[:1].isupper() for w in names) or self.ctx.skipped(line.span()):
                continue
            if re.split(r"[’']", names[0].lower())[0] in _NOT_SPEAKERS:
                continue
            marks = self.index.overlapping(line.start(2), line.end(2))
            span = self._strip_marks(line.start(2), line.end(2), marks)
            if span in seen or span[1] - span[0] < 10 or any(is_title(self.text, m.start, m.end, False) for m in marks):
                continue
            seen.add(span)
            claimed.update(q.start for q in self.index.overlapping(*span))
            out.append(Item(span, None, self.index.overlapping(*span), label=(line.start(1), line.start(1) + len(label)),
                             how="label"))

    def _free_items(self, out: list[Item], seen: set[tuple[int, int]], claimed: set[int]) -> None:
        """Quotations that no cue claimed, long enough to be someone's words."""
        text = self.text
        spans = sorted(it.span for it in out if it.marks)
        starts = [a for a, _ in spans]
        for m in self.marks:
            if m.start in claimed:
                continue
            k = bisect_right(starts, m.start) - 1
            if k >= 0 and spans[k][0] <= m.start < spans[k][1]:
                continue
            if len(text[m.start:m.end].split()) < MIN_FREE_WORDS or is_title(text, m.start, m.end):
                continue
            span = trim(text, m.start, m.end)
            if span in seen or span[1] - span[0] < 3:
                continue
            seen.add(span)
            out.append(Item(span, None, [m]))

    def _kind(self, item: Item) -> str:
        a, b = item.span
        # A nested cue's own words are quoted by the outer speaker, not by this one.
        at = item.cue.start if item.cue is not None else -1
        marks = [m for m in self.index.overlapping(a, b) if not m.start <= at < m.end]
        quoted = sum(min(b, m.end) - max(a, m.start) for m in marks)
        frame = item.cue.frame if item.cue else "speech"
        if quoted == 0:
            if frame in ("cognition", "intent"):
                return "belief"
            # Reported speech states what was said; "criticised the plan", "discussed the economy"
            # attribute a position or an act, not words (kind "stance", not speech).
            return "indirect" if frame != "stance" and (item.cue is None or item.cue.proposition) else "stance"
        # Words outside the marks, leaving out the attribution itself ("“A,” she said, “B.”").
        own: set[int] = set()
        if item.cue is not None:
            verb = item.cue.verb
            own.add(verb.i)
            for c in verb.children:
                if c.dep_ in ("aux", "neg", "advmod", "prt", "npadvmod", "prep", "agent"):
                    own.update(t.i for t in c.subtree)  # "said on Friday in an interview"
            if item.cue.source is not None:
                own.update(t.i for t in item.cue.source.subtree)  # the speaker and their description
        words = self.ctx.doc.char_span(a, b, alignment_mode="expand")
        outside = [t for t in (words if words is not None else []) if not any(m.start <= t.idx < m.end for m in marks) and t.i not in own
                   and not (t.is_punct or t.is_space or t.is_quote)]
        inner = " ".join(self.text[m.start:m.end] for m in marks)
        whole = len(inner.split()) >= 6 or any(ch in _SENT_END for ch in inner.rstrip(_MARK_CHARS + " ")[:-1])
        if not outside:
            return "direct"  # verbatim words standing alone beside their cue, however short
        if quoted >= 0.8 * (b - a):
            return "direct" if whole else "partial"
        # Quoted fragments inside reported words: a clause outside the marks makes it mixed.
        verbs = [t for t in outside if t.pos_ in ("VERB", "AUX")]
        return "mixed" if verbs else "partial"

    @staticmethod
    def _reported_within(it: Item, items: list[Item]) -> bool:
        """A view or position inside another's words ("X said voters are wary of Y"), or speech
        inside reported speech or a belief ("X said Y told them that ..."), is part of what the
        outer source reported, not an attribution of its own (on PolNeAR train such nested
        attributions were real ones 11-30% of the time)."""
        if it.parent is None:
            return False
        return it.kind in ("belief", "stance") or it.kind == "indirect" and items[it.parent].kind in ("indirect", "belief")

    def build(self) -> list[Quote]:
        items = self.items()
        nest(items)
        # An attribution inside another's words whose source cannot speak ("X said the attacks
        # highlight the threat") is part of what X said, not a second speaker's.
        keep = [it for it in items if it.parent is None or it.cue is None or it.cue.source is None
                or is_agent(it.cue.source)]
        if len(keep) < len(items):
            items = keep
            nest(items)
        prev: Speaker | None = None
        prev_at = -(10**9)
        order = sorted(range(len(items)), key=lambda k: items[k].anchor)
        for k in order:
            it = items[k]
            cue = it.cue
            at = it.anchor
            near = prev if at - prev_at < PRONOUN_REACH else None
            parent = items[it.parent] if it.parent is not None else None
            if cue is not None and cue.source is not None:
                if cue.source.lower_ in FIRST and parent is not None and parent.speaker is not None:
                    sp = parent.speaker
                    it.speaker = Speaker(name=sp.name, text=cue.source.text, entity=sp.entity,
                                         span=(cue.source.idx, cue.source.idx + len(cue.source)),
                                         method="nested")
                else:
                    it.speaker = self.resolver.resolve(cue.source, near)
            elif it.label is not None:
                la, lb = it.label
                it.speaker = self._label_speaker(la, lb)
            elif cue is None and (dash := self._dash_speaker(it)) is not None:
                it.speaker = dash
                it.how = "quotation-dash"
            elif cue is None and (lead := lead_in_subject(self.ctx.doc, self.text, self.index, it)) is not None:
                it.speaker = self.resolver.resolve(lead, near)
                it.how = "quotation-lead-in"
            elif cue is None and it.label is None and (lead := embedding_subject(self.ctx.doc, self.text, self.index, it)) is not None:
                it.speaker = self.resolver.resolve(lead, near)
                it.how = "quotation-embedded"
            if it.speaker is None and (cue is None or not cue.passive):
                # No words name the speaker here: news quotes run on from the last speaker, or
                # else come from the person the text was last about.
                if prev is not None and at - prev_at < FALLBACK_REACH:
                    it.speaker = Speaker(name=prev.name, text=prev.text, entity=prev.entity, span=prev.span,
                                         method="previous")
                elif (person := self.resolver.last_person(at)) is not None:
                    it.speaker = Speaker(name=person, text=person, method="nearest")
            if cue is not None:
                it.medium = _medium(cue)
            it.kind = self._kind(it)
            if it.speaker is not None and (parent is None or parent.speaker is None):
                # A source inside another's words ("Carter said some critics predicted ...") is
                # not who the next quotation goes on quoting.
                prev, prev_at = it.speaker, max(at, it.span[1])
        self._continued_speakers(items)
        inner = inside_other_speech(items)
        kept = without_repeats([it for k, it in enumerate(items) if not self._reported_within(it, items)
                                and k not in inner])
        if len(kept) < len(items):
            items = kept
            nest(items)
        ids = {id(it): f"q{n + 1}" for n, it in enumerate(items)}
        out: list[Quote] = []
        for it in items:
            a, b = it.span
            cue = it.cue
            cue_span = (cue.start, cue.end) if cue else (it.label[1], it.label[1] + 1) if it.label else None
            out.append(Quote(
                id=ids[id(it)], kind=it.kind, text=self.text[a:b], span=(a, b),
                cue=self.text[cue_span[0]:cue_span[1]] if cue_span else None,
                cue_span=cue_span,
                speaker=it.speaker, medium=it.medium,
                reported_by=ids[id(items[it.parent])] if it.parent is not None else None,
                method=it.how,
                confidence=quote_confidence(it.how, it.kind, it.speaker.method if it.speaker else None, it.agent),
            ))
        return out


def find_quotes(ctx: Context) -> None:
    ctx.quotes = _Quotes(ctx).build()
