"""Who speaks a quotation that no cue verb attributes, read from the words leading into it.

"Clinton cracked, “...”", "From the council's report: “...”", "- Jane Doe: “...”" (a comma or a
colon before the quotation), and "The ad targets a “...”" (a quotation opening inside a sentence):
the subject of the clause before the marks, or the name or document a verbless lead-in gives.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .cues import subject
from .lexicon import MEDIA
from .marks import MarkIndex
from .nesting import Item
from .speakers import is_agent

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

MARK_CHARS = "\"'“”‘’«»„‟‹›"
# A quotation followed by its author ("“Sam Mendes leaves ...,” by Times' Jane Doe") is a title.
_BYLINED = re.compile(r"[\"'“”‘’»]*,?[\"'“”‘’»]*\s+by\s+(?:the\s+)?[A-Z\d]")
# Nouns that name a work just before its quoted title ("a book titled “...”", "the headline “...”").
_TITLE_NOUN = re.compile(r"\b(?:headlines?|titled|entitled|book|article|column|op-ed|essay|film|movie|song|album|"
                         r"slogan|hashtag|motto|caption|banner|poster|chant)\b[^.!?:]{0,30}$", re.I)


def chunk_head(t: Token, lo: int, hi: int) -> Token:
    """Climb from a word of a name to the name's head, staying inside [lo, hi)."""
    while t.dep_ in ("compound", "flat", "amod", "nmod") and lo <= t.head.i < hi and t.head.pos_ in ("PROPN", "NOUN"):
        t = t.head
    return t


def described(t: Token) -> Token:
    """The name a noun phrase ends a description of: "Ali Razini, the head of Branch 41 of the
    Supreme Court – said": from "Court" up the "of" chain to "head", and from there to the name
    it is in apposition to."""
    for _ in range(6):
        if t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.pos_ in ("NOUN", "PROPN"):
            t = t.head.head
        elif t.dep_ == "appos" and t.pos_ == "NOUN" and t.head.pos_ == "PROPN":
            return t.head
        else:
            break
    return t


def lead_in_subject(doc: Doc, text: str, index: MarkIndex, item: Item) -> Token | None:
    """“Clinton cracked, “...”", "X reacted to the deal: “...”": a quotation introduced by a
    comma or colon is spoken by the subject of the clause that leads into it."""
    if not item.marks:
        return None
    j = item.marks[0].start - 1
    while j > 0 and (text[j] in MARK_CHARS or text[j] in " \t\n"):
        j -= 1
    if j <= 0 or text[j] not in ",:":
        return None
    at = doc.char_span(j, j + 1, alignment_mode="expand")
    if at is None:
        return None
    punct = at[0]
    sent = punct.sent
    noun: Token | None = None  # "From Bush's Facebook post: “...”", "- Jane Doe: “...”"
    for k in range(punct.i - 1, max(sent.start, punct.i - 25) - 1, -1):
        v = punct.doc[k]
        if index.at(v.idx) is not None:
            return None
        if v.pos_ == "VERB":
            src = subject(v)
            if src is not None and index.at(src.idx) is None and src.ent_type_ not in ("DATE", "TIME"):
                return src
            return None
        if v.text in ("—", "–", "-", "--") or v.is_sent_start:
            break
        if noun is None and v.pos_ in ("PROPN", "NOUN") and v.ent_type_ not in ("DATE", "TIME"):
            noun = chunk_head(v, max(sent.start, punct.i - 25), punct.i)
    if noun is None or text[j] != ":":
        return None
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is not None and noun.lemma_.lower() in MEDIA:
        noun = owner
    return noun if is_agent(noun) else None


def embedding_subject(doc: Doc, text: str, index: MarkIndex, item: Item) -> Token | None:
    """"The ad targets a “...”", "Rubio’s catch phrase was that Crist “...”": a quotation
    that opens inside a sentence is the words of the subject of the verb before it."""
    if not item.marks:
        return None
    a = item.marks[0].start
    head = doc.char_span(a, item.marks[0].end, alignment_mode="expand")
    if head is None or not len(head):
        return None
    sent = head[0].sent
    if not text[sent.start_char:a].strip(MARK_CHARS + " \t\n"):
        return None  # the quotation opens its sentence: no words there lead into it
    for k in range(head[0].i - 1, sent.start - 1, -1):
        v = sent.doc[k]
        if index.at(v.idx) is not None:
            return None
        if v.pos_ in ("VERB", "AUX"):
            src = subject(v)
            if src is None or index.at(src.idx) is not None or src.ent_type_ in ("DATE", "TIME"):
                return None
            owner = next((c for c in src.children if c.dep_ == "poss"), None)
            if owner is not None and not is_agent(src):
                src = owner  # "Rubio's catch phrase was that ..."
            return src if is_agent(src) else None
    return None


def is_title(text: str, start: int, end: int, headline_case: bool = True) -> bool:
    """A quotation with no cue that names a work, not anyone's words: bylined, in Title Case, or
    just after a noun such as "book", "headline", "titled" (on PolNeAR train + dev, 16 of 17 such
    quotations were no attribution). Headline case is no sign after a "Name:" label: a headline
    quoting its speaker ("Sanders: It Is Not A Radical Idea") is in headline case too."""
    if _BYLINED.match(text, end):
        return True
    words = re.findall(r"[A-Za-z][\w'’]*", text[start:end])
    if headline_case and len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.7 * len(words):
        return True
    return bool(_TITLE_NOUN.search(text, max(0, start - 60), start))
