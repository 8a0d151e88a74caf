"""Reported words around a cue the parse did not link to them: "A, she said, B", "A, records show."

A cue that interrupts its sentence or closes it after a comma reports the rest of the sentence,
but the parse often hangs such a cue somewhere else ("..., fundraising documents show." made a
clause of "fundraising"), so the cue has no content of its own. Its shape in the sentence says
what it reports: the noun phrase of its source right after a comma, only adverbials after the
verb ("said on Tuesday", "show"), then the sentence's end or another comma.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

    from .cues import Cue

_END = frozenset(".!?")
# What may stand between the cue verb and the end of its sentence: "said in a statement Tuesday".
_ADVERBIAL = frozenset({"ADV", "ADP", "NOUN", "PROPN", "DET", "NUM", "ADJ", "PART", "PRON"})
# What may stand between the comma and the cue verb: the source's noun phrase and auxiliaries.
_SOURCE_WORDS = frozenset({"NOUN", "PROPN", "PRON", "DET", "ADJ", "NUM", "ADP", "AUX", "PART", "ADV"})
# A verb describing a noun ("Smith, who spoke ...") or standing for one: never a cue interrupting its sentence.
_CLAUSE_OF_A_NOUN = frozenset({"relcl", "acl", "xcomp", "advcl", "amod", "pcomp", "pobj", "csubj"})
_OBJECTS = frozenset({"dobj", "dative", "attr", "oprd", "acomp", "xcomp", "ccomp", "prt", "agent"})
MAX_SOURCE = 8
MAX_ADVERBIAL = 10
MIN_REPORTED = 4


def around_content(cue: Cue, quoted_after: bool) -> tuple[int, int] | None:
    """The reported words of a cue with no content of its own, read off its place in the sentence."""
    verb = cue.verb
    sent = verb.sent
    if verb.dep_ == "parataxis":
        return sent.start_char, sent.end_char  # "Acts of protest, she said, are ...": it interrupts
    if quoted_after or cue.frame != "speech" or cue.passive or verb.pos_ != "VERB" or verb.dep_ in _CLAUSE_OF_A_NOUN:
        return None
    if any(c.dep_ in _OBJECTS for c in verb.children):
        return None  # "Nevada, which holds caucuses, ...": a verb with its own object reports nothing here
    comma = _comma_before(verb)
    if comma is None:
        return None
    end = _adverbials_after(verb)
    if end is None:
        return None
    trailing = end.text in _END or end.i >= sent.end - 1
    reported = [t for t in sent if not t.is_punct and (t.i < comma.i or not trailing and t.i > end.i)]
    if len(reported) < MIN_REPORTED or not any(t.pos_ in ("VERB", "AUX") for t in reported):
        return None
    if cue.source is None or not comma.i < cue.source.i < verb.i:
        cue.source = next((t for t in reversed(verb.doc[comma.i + 1:verb.i]) if t.pos_ in ("NOUN", "PROPN", "PRON")), None)
        if cue.source is None:
            return None
    cue.method = "cue-around"
    if trailing:
        return sent.start_char, comma.idx  # "A, records show."
    return sent.start_char, sent.end_char  # "A, records show, B."


def _comma_before(verb: Token) -> Token | None:
    doc, sent = verb.doc, verb.sent
    named = False
    for j in range(verb.i - 1, max(sent.start, verb.i - MAX_SOURCE) - 1, -1):
        t = doc[j]
        if t.text == ",":
            return t if named else None
        if t.is_quote or t.is_punct or t.pos_ not in _SOURCE_WORDS or t.lower_ in ("who", "which", "that"):
            return None
        named = named or t.pos_ in ("NOUN", "PROPN", "PRON")
    return None


def _adverbials_after(verb: Token) -> Token | None:
    """The token that ends the cue's words: a comma or the sentence's end, after adverbials only."""
    doc, sent = verb.doc, verb.sent
    for j in range(verb.i + 1, min(sent.end, verb.i + MAX_ADVERBIAL + 1)):
        t = doc[j]
        if t.text == "," or t.text in _END:
            return t
        if t.is_space and j == sent.end - 1:
            return t
        if t.is_quote or t.is_punct or t.pos_ not in _ADVERBIAL:
            return None
    return doc[sent.end - 1] if verb.i + 1 >= sent.end else None


def misparsed_subject(verb: Token) -> Token | None:
    """"..., council records show.": a parse that made the subject a compound of the verb."""
    return next((c for c in reversed(list(verb.lefts)) if c.dep_ == "compound" and c.pos_ in ("NOUN", "PROPN")), None)
