"""Who claims a number: the quote it sits in, an attribution in its sentence, else the
document's author or publisher (the order is set out in claims.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import Claimant, Entity
from .context import Context

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

REPORT_NOUNS = {"report", "study", "survey", "statement", "analysis", "data", "figures", "count", "tally",
                "investigation", "estimate", "estimates", "review", "audit", "census", "poll", "research"}
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


def _subject_claimant(ctx: Context, subj: Token, sent: SpacySpan) -> Claimant:
    # "a study, which found ...": the source is the noun the relative clause hangs on.
    if subj.tag_ in ("WDT", "WP") and subj.head.dep_ in ("relcl", "acl") and subj.head.head is not subj:
        subj = subj.head.head
    sub = list(subj.subtree)
    # The named source is the entity at the subject's head ("Amnesty said"), or the one a
    # report noun points to ("a report by Amnesty"); a modifier ("Iranian state media") is not.
    ent = ctx.entity_at(subj.idx, subj.idx + len(subj.text))
    if ent is None and subj.lemma_.lower() in REPORT_NOUNS:
        a, b = sub[0].idx, sub[-1].idx + len(sub[-1].text)
        ent = ctx.entity_at(a, b)
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
                    if found is None or anc.lemma_ in SPEECH_ONLY:
                        found = subj
        if found is not None:
            return _subject_claimant(ctx, found, sent)
    # The parse may hang the speech verb off the clause ("..., Amnesty said."): any speech verb
    # of the sentence with a named subject that does not contain the number.
    for t in sent:
        if t.pos_ == "VERB" and t.lemma_ in SPEECH - {"put", "find", "show", "count", "list", "record"} and \
                t.tag_ in ("VBD", "VBZ", "VBP"):
            subj = next((c for c in t.children if c.dep_ == "nsubj"), None)
            if subj is not None and _is_source(subj) and (
                    tok is None or not (subj.left_edge.i <= tok.i <= subj.right_edge.i)):
                if tok is not None and tok.i > t.i and t.i > sent.start + 3 and "that" not in \
                        [x.lower_ for x in sent.doc[t.i:tok.i]] and "," not in [x.text for x in sent.doc[t.i:tok.i]]:
                    continue
                return _subject_claimant(ctx, subj, sent)
    return None


def claimant_for(ctx: Context, sent: SpacySpan, start: int, tok: Token | None) -> Claimant:
    """Who claims the number starting at `start` (see the order in claims.py)."""
    quote = ctx.quote_at(start)
    if quote is not None:
        if quote.speaker is not None:
            return Claimant(name=quote.speaker.name, entity=quote.speaker.entity, basis="quote", quote=quote.id)
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
