"""Who claims a number: the quote it sits in, an attribution in its sentence, else the
document's author or publisher (the order is set out in claims.py).

A source is a speaker, an organisation or a document; never a fragment of a relative clause
("whose annual report for 1989" is Amnesty's), a number ("59 percent said ..." names no source),
nor a place or person merely in the same sentence ("30 were killed as Turkey warned ..."). A
document's author speaks for it before its publisher ("a memoir by X, published by Y": X).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .. import places
from ..model import Claimant, Entity, Quote
from .context import Context

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

REPORT_NOUNS = {"report", "study", "survey", "statement", "analysis", "data", "figures", "count", "tally",
                "investigation", "estimate", "estimates", "review", "audit", "census", "poll", "research",
                "memoir", "memoirs", "book", "diary", "letter", "article", "interview", "account", "testimony",
                "biography", "autobiography", "documentary", "paper", "blog", "post", "essay", "op-ed"}
SOURCE_TYPES = ("PERSON", "ORG", "GPE", "NORP", "WORK")
# Speaker words that name nobody: a number ("59 percent said"), a quantifier ("All told").
NOT_A_SOURCE = re.compile(r"\d|%|\bpercent\b|^(?:all|both|some|most|many|few|half|none|each|the\s+bulk)\b", re.I)
SPEECH = {"say", "tell", "state", "report", "claim", "estimate", "announce", "allege", "write", "confirm",
          "reveal", "add", "note", "insist", "argue", "testify", "declare", "assert", "document", "record",
          "calculate", "find", "show", "suggest", "indicate", "maintain", "acknowledge", "admit", "tweet",
          "explain", "believe", "think", "put", "count", "tally", "conclude",
          "cite", "quote", "stress", "warn", "concede", "deny", "boast", "brag", "contend", "recall",
          "identify", "verify", "establish", "compile"}
# Verbs that only report speech: never the event a number is about ("said 5,000 died": died).
SPEECH_ONLY = {"say", "tell", "state", "claim", "allege", "write", "add", "note", "insist", "argue", "declare",
               "assert", "suggest", "indicate", "maintain", "explain", "believe", "think", "stress", "warn",
               "contend", "recall", "boast", "brag", "be"}
# Filler words dropped from the front of a noun phrase.
STRIP_ADJ = {"other", "more", "additional", "such", "separate", "individual", "different", "extra", "further",
             "total", "estimated"}


def np_text(tokens: list[Token]) -> str | None:
    """The words of a noun phrase without its determiner and filler adjectives."""
    while tokens and (tokens[0].lower_ in STRIP_ADJ or tokens[0].pos_ in ("DET", "PUNCT")):
        tokens = tokens[1:]
    if not tokens:
        return None
    return "".join(t.text_with_ws for t in tokens).strip()


def _relative_antecedent(subj: Token) -> Token:
    """'a study, which found ...', 'Amnesty, whose annual report said ...': the source is the
    noun the relative clause hangs on."""
    if subj.tag_ in ("WDT", "WP") and subj.head.dep_ in ("relcl", "acl") and subj.head.head.i != subj.i:
        return subj.head.head
    if any(c.tag_ == "WP$" for c in subj.children) and subj.head.dep_ in ("relcl", "acl"):
        return subj.head.head
    return subj


def _document_author(ctx: Context, noun: Token) -> Entity | None:
    """The person or body a report noun belongs to ("Montazeri's memoir", "a report by Amnesty"),
    not the house that published it ("published by Baran Press")."""
    best: tuple[int, Entity] | None = None
    for t in noun.subtree:
        if t.ent_iob_ == "I" or t.i == noun.i:
            continue
        ent = ctx.entity_at(t.idx, t.idx + len(t.text))
        if ent is None or ent.type not in SOURCE_TYPES or ent.type == "NORP":
            continue
        published = any(a.lemma_ in ("publish", "print", "release", "air", "broadcast") for a in t.ancestors
                        if a.i > noun.i and a.i < t.i)
        rank = (0 if ent.type == "PERSON" else 1) + (2 if published else 0)
        if best is None or rank < best[0]:
            best = (rank, ent)
    return best[1] if best else None


def _subject_claimant(ctx: Context, subj: Token, sent: SpacySpan) -> Claimant:
    subj = _relative_antecedent(subj)
    sub = list(subj.subtree)
    # The named source is the entity at the subject's head ("Amnesty said"), or the one a
    # report noun points to ("a report by Amnesty"); a modifier ("Iranian state media") is not.
    ent = ctx.entity_at(subj.idx, subj.idx + len(subj.text))
    if ent is None and subj.lemma_.lower() in REPORT_NOUNS:
        ent = _document_author(ctx, subj)
    if ent is not None and ent.type != "NORP":
        return Claimant(name=ent.name, entity=ent.id, basis="attribution")
    if subj.pos_ == "PRON" and subj.lower_ in ("he", "she", "they", "it", "we", "i"):
        prev = _previous_actor(ctx, subj.idx, want_person=subj.lower_ in ("he", "she", "i"))
        if prev is not None:
            return Claimant(name=prev.name, entity=prev.id, basis="attribution")
    # The head noun with what stands before it ("the health ministry"), not its clauses.
    words = np_text([t for t in sub if t.i <= subj.i])
    return Claimant(name=words, basis="attribution")


def _previous_actor(ctx: Context, pos: int, want_person: bool) -> Entity | None:
    best: tuple[int, Entity] | None = None
    for e in ctx.entities:
        if e.type != "PERSON" and (want_person or e.type != "ORG"):
            continue
        for a, _ in e.mentions:
            if pos - 600 < a < pos and (best is None or a > best[0]):
                best = (a, e)
    return best[1] if best else None


def _is_source(subj: Token) -> bool:
    """A subject that can be a source: not a number ("73 percent said ...") nor 'it'/'there'."""
    if subj.like_num or subj.pos_ == "NUM" or subj.lower_ in ("percent", "%") or any(
            c.dep_ == "nummod" for c in subj.children):
        return False
    return subj.lower_ not in ("it", "there", "this", "that")


def _addressee(tok: Token, verb: Token) -> bool:
    """Whether the number is (in) the object of a verb of telling: the people spoken to."""
    t = tok
    while t.i != verb.i and t.head.i != t.i:
        if t.head.i == verb.i:
            return t.dep_ in ("dobj", "dative", "iobj")
        t = t.head
    return False


def _attribution(ctx: Context, sent: SpacySpan, tok: Token | None) -> Claimant | None:
    for t in sent:
        if t.lower_ == "according" and t.i + 1 < sent.end and sent.doc[t.i + 1].lower_ == "to":
            to = sent.doc[t.i + 1]
            pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
            if pobj is None and to.i + 1 < sent.end:
                pobj = sent.doc[to.i + 1]
            if pobj is not None:
                return _subject_claimant(ctx, pobj, sent)
    if tok is not None:
        # The nearest verb of saying or finding names the source, unless a verb of saying
        # further up reports it: "Boroumand said her foundation has documented 4,900 names"
        # is on record as Boroumand's.
        found: Token | None = None
        for anc in tok.ancestors:
            if anc.pos_ in ("VERB", "AUX") and anc.lemma_ in SPEECH:
                subj = next((c for c in anc.children if c.dep_ == "nsubj"), None)
                if subj is not None and _is_source(subj) and not (subj.left_edge.i <= tok.i <= subj.right_edge.i):
                    if anc.lemma_ == "put" and not any(c.lower_ == "at" for c in anc.children):
                        continue
                    if anc.lemma_ in ("tell", "warn", "brief") and _addressee(tok, anc):
                        continue  # "he told 2,267 people": the audience, not what was told
                    if found is None or anc.lemma_ in SPEECH_ONLY:
                        found = subj
        if found is not None:
            return _subject_claimant(ctx, found, sent)
    # The parse may hang the speech verb off the clause ("..., Amnesty said."): any speech verb
    # of the sentence with a named subject that does not contain the number.
    for t in sent:
        if t.pos_ == "VERB" and t.lemma_ in SPEECH - {"put", "find", "show", "count", "list", "record"} and \
                t.tag_ in ("VBD", "VBZ", "VBP") and not any(c.dep_ == "mark" for c in t.children) and \
                t.dep_ not in ("advcl", "relcl", "acl"):
            # "..., Amnesty said." hung off the clause; not "... as Turkey warned of ...".
            subj = next((c for c in t.children if c.dep_ == "nsubj"), None)
            if subj is not None and _is_source(subj) and (
                    tok is None or not (subj.left_edge.i <= tok.i <= subj.right_edge.i)):
                if tok is not None and tok.i > t.i and t.i > sent.start + 3 and "that" not in \
                        [x.lower_ for x in sent.doc[t.i:tok.i]] and "," not in [x.text for x in sent.doc[t.i:tok.i]]:
                    continue
                return _subject_claimant(ctx, subj, sent)
    return None


def _speaker_claimant(ctx: Context, quote: Quote) -> Claimant | None:
    """The quote's speaker as the claimant, read as a source: a relative-clause fragment gives way
    to its antecedent, a report noun to its author, and a number or quantifier names nobody."""
    sp = quote.speaker
    if sp is None:
        return None
    if quote.method == "label" and places.lookup(sp.name) is not None and not any(
            e.id == sp.entity and e.type in ("PERSON", "ORG") for e in ctx.entities):
        return None  # "Syria: 300 killed in shelling, says a monitor": a headline's topic, not its source
    if sp.entity is not None or sp.span is None:
        return Claimant(name=sp.name, entity=sp.entity, basis="quote", quote=quote.id)
    words = ctx.doc.char_span(sp.span[0], sp.span[1], alignment_mode="expand")
    if words is None or not len(words):
        return None if NOT_A_SOURCE.search(sp.text) else Claimant(name=sp.name, basis="quote", quote=quote.id)
    head = _relative_antecedent(words.root)
    if NOT_A_SOURCE.search("".join(t.text_with_ws for t in head.subtree if t.i <= head.i)):
        return None  # "59 percent said ...", "All told ...": nobody is named
    ent = ctx.entity_at(head.idx, head.idx + len(head.text))
    if ent is None and head.lemma_.lower() in REPORT_NOUNS:
        ent = _document_author(ctx, head)
    if ent is not None and ent.type != "NORP":
        return Claimant(name=ent.name, entity=ent.id, basis="quote", quote=quote.id)
    if head.i != words.root.i:  # "whose annual report": the antecedent's own words
        return Claimant(name=np_text([t for t in head.subtree if t.i <= head.i]), basis="quote", quote=quote.id)
    return Claimant(name=sp.name, basis="quote", quote=quote.id)


def claimant_for(ctx: Context, sent: SpacySpan, start: int, tok: Token | None) -> Claimant:
    """Who claims the number starting at `start` (see the order in claims.py)."""
    quote = ctx.quote_at(start)
    if quote is not None:
        speaker = _speaker_claimant(ctx, quote)
        if speaker is not None:
            return speaker
        found = _attribution(ctx, sent, tok)
        if found is not None:
            found.basis, found.quote = "quote", quote.id
            return found
        return Claimant(name=None, basis="quote", quote=quote.id)
    found = _attribution(ctx, sent, tok)
    if found is not None:
        return found
    if ctx.info.author:
        return Claimant(name=ctx.info.author, basis="author")
    if ctx.info.publisher:
        return Claimant(name=ctx.info.publisher, basis="publisher")
    return Claimant(name=None, basis="unknown")
