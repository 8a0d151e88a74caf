"""Attributions made by a predicate that is not a cue verb: an adjective of attitude or position
("X is confident that ...", "remains wary of ...", "was critical of ...").

The adjective is the cue (with the linking verb before it); its complement is the content (a
clause, an infinitive, or the object of its preposition); the linking verb's subject is the
source, and only someone who can hold a view is one ("it is clear that ..." is the writer's).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from .cues import CLAUSE_DEPS, Cue, char_span, subject, trim
from .lexicon import ATTITUDES, COPULAS, POSITIONS
from .speakers import is_agent

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Prepositions that carry an adjective's object: "critical of", "worried about", "opposed to".
_ADJ_PREPS = frozenset({"of", "about", "with", "on", "to", "at", "for", "over", "by", "that", "in"})


def _adjective_cue(adj: Token, text: str) -> Cue | None:
    low = adj.lower_
    frame = "cognition" if low in ATTITUDES else "stance" if low in POSITIONS else None
    if frame is None or adj.dep_ not in ("acomp", "oprd"):
        return None
    link = adj.head
    if link.lemma_.lower() not in COPULAS or link.dep_ == "ccomp":
        # Inside reported words ("said he was confident ...") the view is part of what was said.
        return None
    src = subject(link)
    if src is None or src.lower_ in ("it", "this", "that", "there") or not is_agent(src):
        return None
    comps: list[Token] = []
    for c in adj.children:
        if c.i < adj.i:
            continue
        if c.dep_ in CLAUSE_DEPS or c.dep_ == "xcomp":
            comps.append(c)
        elif c.dep_ == "prep" and c.lower_ in _ADJ_PREPS:
            comps.extend(g for g in c.children if g.dep_ in ("pobj", "pcomp"))
    if not comps:
        return None
    a, b = trim(text, *char_span(comps))
    if b - a < 3:
        return None
    start = link.idx if 0 < adj.i - link.i <= 3 else adj.idx
    said = any(c.dep_ in CLAUSE_DEPS for c in comps)
    return Cue(adj, start, adj.idx + len(adj), frame, (a, b), src, proposition=said, method="predicate")


def find_predicate_cues(doc: Doc, text: str | None = None) -> Iterator[Cue]:
    text = doc.text if text is None else text
    for tok in doc:
        if tok.pos_ in ("ADJ", "VERB") and tok.dep_ in ("acomp", "oprd"):
            cue = _adjective_cue(tok, text)
            if cue is not None:
                yield cue
