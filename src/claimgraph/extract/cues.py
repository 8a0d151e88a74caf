"""Attribution cues on the dependency parse: the verb (or "according to"), its content, its source.

Each cue is read through the frame of its lemma (see lexicon): speech and cognition verbs take a
clause, stance verbs their object, intent verbs an infinitive. The content is the span of those
complements; the source is the grammatical subject, inherited through coordination, participles
("..., adding that ...") and relative clauses ("Smith, who said ...").
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .lexicon import (
    AS_OBJECT,
    ATTITUDES,
    COGNITION,
    DOCUMENT_NOUNS,
    INTENT,
    NOUN_CUES,
    PHRASAL,
    POSITIONS,
    SPEECH,
    STANCE,
    TAKES_OBJECT,
)
from .speakers import is_agent

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

CLAUSE_DEPS = frozenset({"ccomp", "parataxis"})
SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
# Through these links a verb shares the subject of its head ("said ... and added", "..., saying").
INHERIT_DEPS = frozenset({"conj", "xcomp", "advcl"})
RELATIVE = frozenset({"who", "which", "that", "whom"})
_TRIM = set(" \t\n,;:—–-")


@dataclass
class Cue:
    verb: Token  # the cue's head token ("said", "according")
    start: int  # char span of the cue words
    end: int
    frame: str  # speech | cognition | stance | intent | according
    content: tuple[int, int] | None  # char span, None when the content must come from a quotation
    source: Token | None  # head token of the source phrase
    passive: bool = False
    # Whether the content is what was said (a clause, a quotation, a demand, "X as Y") rather than
    # only its topic or target ("criticised the plan", "discussed the economy", "referring to X").
    proposition: bool = True
    method: str | None = None  # Quote.method when the kind of cue says more than the frame


# Inflections the model's lemmatizer gets wrong for cue verbs ("hoped" -> "hop").
_LEMMA_SLIPS = {"hoped": "hope", "hoping": "hope", "hopes": "hope", "lambasted": "lambaste", "lambasting": "lambaste",
                "lambasts": "lambaste"}


def cue_lemma(tok: Token) -> str:
    """The token's lemma in lower case, with the lemmatizer's known slips on cue verbs mended."""
    return _LEMMA_SLIPS.get(tok.lower_) or tok.lemma_.lower()


def char_span(toks: list[Token]) -> tuple[int, int]:
    a = min(t.left_edge.idx for t in toks)
    last = max(t.right_edge for t in toks)
    return a, last.idx + len(last)


def trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a] in _TRIM:
        a += 1
    while b > a and text[b - 1] in _TRIM:
        b -= 1
    if text.startswith("that ", a):
        a += 5
    return a, b


def subject(verb: Token, depth: int = 0) -> Token | None:
    # Of two subjects the parse gave one verb ("TORONTO — Officials said", "X, in his sermon,
    # called"), the one nearest the verb is the subject; the other is a dateline or a name the
    # source's owner resolution finds again.
    for c in sorted(verb.children, key=lambda c: (c.i > verb.i, -c.i)):
        if c.dep_ in SUBJECT_DEPS:
            if c.lower_ in RELATIVE:
                # "Smith, who said ..." (also through "who spoke and said"): the relative's antecedent.
                v = verb
                for _ in range(3):
                    if v.dep_ == "relcl":
                        return v.head
                    v = v.head
            return c
        if c.dep_ == "agent":
            return next((g for g in c.children if g.dep_ == "pobj"), None)
    if depth < 3:
        if verb.dep_ in INHERIT_DEPS and verb.head is not verb:
            return subject(verb.head, depth + 1)
        if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN"):
            return verb.head
        if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
            return verb.head  # "a statement saying ...": the document speaks
        prep = verb.head
        if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and prep.dep_ == "prep" and prep.head.pos_ in ("VERB", "AUX"):
            # "After saying ...", "in describing X as Y, the journalists miss ...": a gerund
            # after a preposition is done by the subject of the clause it modifies, when that
            # can speak ("a double-barreled attack labeling her as ..." names no speaker).
            main = subject(prep.head, depth + 1)
            return main if main is not None and is_agent(main) else None
    return None


# Speech acts of commitment: with an infinitive ("vowed to repeal it", "agreed to testify") they
# report an intention, not words; with a clause ("vowed that ...") they report speech.
_COMMIT = frozenset({"promise", "vow", "pledge", "threaten", "agree"})


def _frame(tok: Token) -> str | None:
    lemma = cue_lemma(tok)
    if lemma == "vote":
        return "stance"  # "voted for the bill", "voted to repeal it": a position taken by an act
    if lemma in _COMMIT and any(c.dep_ == "xcomp" for c in tok.children) and not any(
            c.dep_ in CLAUSE_DEPS for c in tok.children):
        return "intent"
    if lemma in SPEECH:
        return "speech"
    if lemma in COGNITION:
        return "cognition" if lemma not in INTENT else "intent"
    if lemma in STANCE:
        return "stance"
    if lemma in INTENT:
        return "intent"
    if lemma in PHRASAL or lemma in TAKES_OBJECT or lemma in AS_OBJECT:
        return "speech"
    return None


def _cue_words(tok: Token) -> tuple[int, int]:
    # Only auxiliaries next to the verb: a parse may hang a "not" from inside a quotation on it.
    doc = tok.doc
    toks = [tok] + [
        c for c in tok.children
        if c.dep_ in ("aux", "auxpass", "neg", "prt") and abs(c.i - tok.i) <= 3
        and not any(doc[k].is_punct for k in range(min(c.i, tok.i) + 1, max(c.i, tok.i)))
    ]
    a = min(t.idx for t in toks)
    b = max(t.idx + len(t) for t in toks)
    return a, b


# Verbs that name or describe their object: "called it 'fair'", "described him as ...".
_NAMING = frozenset({"call", "describe", "label", "dub", "brand", "term", "characterize", "portray"})
_URGING = frozenset({"urge", "ask", "promise", "demand"})
# Speech acts whose object is the thing asked for, which is what was said ("called for an
# inquiry", "demanded a recount"), unlike an object that is only a topic ("discussed the budget").
DIRECTIVE = frozenset({"demand", "urge", "propose", "recommend", "seek", "plead", "promise", "pledge", "vow",
                       "order", "request", "advocate"})
# ... and the same with "for": "called for", "pressed for", "argued for", "asked for".
_FOR = frozenset({"call", "press", "push", "plead", "ask", "argue", "advocate"})


# Speech verbs whose gerund object is what was proposed, admitted or denied.
_GERUND_OBJECT = frozenset({"propose", "suggest", "recommend", "advocate", "deny", "admit", "acknowledge"})
# Verbs that ask a question: "asked him if he would run" (the parse makes the question a
# conditional clause).
_ASKING = frozenset({"ask", "wonder", "question", "inquire", "enquire"})

_FAVOUR = frozenset({"favor", "favour", "support", "defense", "defence"})

# Prepositions after which a cue's object is what the words were about ("talked about the budget",
# "referred to the victims", "focused on jobs", "agreed with the mayor"), not what was said.
_TOPIC_PREPS = frozenset({"about", "of", "to", "with", "in", "on"})


def _hung_clause(c: Token) -> bool:
    """"Trump said after the convention he would not accept ...": a reported clause the parse hung
    as an adverbial; it opens with its own subject (no "if", "when", "as" before it), a
    prepositional phrase at most."""
    subj = next((g for g in c.children if g.dep_ in ("nsubj", "nsubjpass") and g.i < c.i), None)
    if c.pos_ not in ("VERB", "AUX") or subj is None:
        return False
    return all(g.dep_ == "prep" for g in c.children if g.i < subj.left_edge.i)


def _proposition(tok: Token, comps: list[Token], frame: str) -> bool:
    """Whether the complements state what was said, rather than name what it was about."""
    lemma = cue_lemma(tok)
    for c in comps:
        if c.dep_ in CLAUSE_DEPS:
            return True
        if c.dep_ in ("pobj", "pcomp") and c.head.lower_ in _TOPIC_PREPS and c.head.head.i == tok.i and not (
                lemma == "insist" and c.head.lower_ == "on"):
            continue
        if c.dep_ == "pcomp" and c.pos_ in ("VERB", "AUX"):
            return True
        if c.dep_ == "xcomp" and frame == "speech":
            return True  # "told them to leave": a reported instruction
        if c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in ("if", "whether") for g in c.children):
            return True  # "asked him if he would run": the question is what was said
        if c.dep_ == "advcl" and frame == "speech" and _hung_clause(c):
            return True
        if c.dep_ in ("oprd", "prep") and c.lower_ in ("as", "like") or c.dep_ == "oprd":
            return True  # "described the plan as a disaster": a predication
    if lemma in DIRECTIVE and any(c.dep_ == "dobj" for c in comps):
        return True
    if lemma in _FOR and any(c.head.lower_ == "for" for c in comps):
        return True
    if lemma in _NAMING or lemma in AS_OBJECT:
        return any(g.dep_ == "oprd" or g.dep_ == "prep" and g.lower_ == "as" for g in tok.children)
    return False


# Speech verbs whose infinitive is what was said: "told them to leave", "warned officials to boost
# security", "exhorted Republicans to vote their conscience" (an instruction, a warning, a plea).
_INSTRUCTING = frozenset({"tell", "ask", "urge", "call", "describe", "claim", "warn", "exhort", "admonish",
                          "implore", "instruct", "order", "advise", "caution", "plead"})


def _is_content(tok: Token, c: Token, frame: str, lemma: str) -> bool:
    """Whether the child c of the cue verb tok carries what was said, thought or wanted."""
    dep, after = c.dep_, c.i > tok.i
    if dep in CLAUSE_DEPS:
        return True
    if dep == "advcl" and after and frame == "speech":
        return _hung_clause(c)
    if dep == "xcomp":
        if frame in ("intent", "cognition", "stance") or lemma in _INSTRUCTING:
            return True
        # "proposed barring them", "denied taking it": a gerund object is the proposal or the
        # claim; "said legalizing it could help": the parse made a clause's gerund subject xcomp.
        return after and c.tag_ == "VBG" and (lemma in _GERUND_OBJECT or frame == "speech" and any(
            g.dep_ in CLAUSE_DEPS for g in c.children))
    if not after:
        return False
    if lemma == "vote":
        return dep == "dobj" and c.lower_ in ("yes", "no")  # its prepositions are PHRASAL's
    if frame == "stance" and dep in ("dobj", "oprd", "prep", "ccomp"):
        return True
    if lemma in _NAMING and dep in ("dobj", "oprd", "prep", "ccomp"):
        return True
    if lemma in TAKES_OBJECT and dep == "dobj":
        return True
    if lemma == "find" and dep == "dobj":
        # "a survey found broad support for it": what a study finds is its content; what a
        # person finds ("police found a car") is not.
        src = subject(tok)
        return src is not None and src.lemma_.lower() in DOCUMENT_NOUNS
    if lemma in AS_OBJECT:
        # "sees the deal as a mistake": the object only with its description.
        described = any(g.dep_ == "oprd" or g.dep_ == "prep" and g.lower_ == "as" for g in tok.children)
        return dep in ("dobj", "oprd") and described or dep == "prep" and c.lower_ == "as"
    return frame == "intent" and dep == "dobj" and lemma in _URGING


def _complements(tok: Token, frame: str) -> list[Token]:
    lemma = cue_lemma(tok)
    out: list[Token] = []
    particles = PHRASAL.get(lemma, frozenset())
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in particles and c.i > tok.i:
            # "called for an inquiry": the content is the object, not the particle.
            objs = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
            out.extend(objs or [c])
        elif c.dep_ == "advcl" and lemma in _FOR and c.i > tok.i and any(
                g.dep_ == "mark" and g.lower_ == "for" for g in c.children):
            out.append(c)  # "called for the city to act": the parse makes the demand a clause
        elif c.dep_ == "advcl" and lemma in _ASKING and c.i > tok.i and any(
                g.dep_ == "mark" and g.lower_ in ("if", "whether") for g in c.children):
            out.append(c)  # "asked the candidate if he was ready": the question asked
        elif c.dep_ == "prep" and c.lower_ == "in" and c.i > tok.i and any(
                g.dep_ == "pobj" and g.lemma_.lower() in _FAVOUR for g in c.children):
            out.extend(g for g in c.children if g.dep_ == "pobj")  # "voted in favour of", "spoke in support of"
        elif c.dep_ == "prt" and c.lower_ in particles:
            out.extend(g for g in tok.children if g.dep_ in ("dobj", "ccomp") and g.i > tok.i)
        elif _is_content(tok, c, frame, lemma):
            out.append(c)
    return list(dict.fromkeys(out))


def _according(tok: Token) -> Cue | None:
    to = next((c for c in tok.children if c.lower_ == "to"), None)
    if to is None:
        return None
    src = next((c for c in to.children if c.dep_ == "pobj"), None)
    sent = tok.sent
    phrase_a = tok.idx
    phrase_b = tok.right_edge.idx + len(tok.right_edge)
    if tok.i == sent.start or phrase_a - sent.start_char < 3:
        content = (phrase_b, sent.end_char)
    elif sent.end - tok.right_edge.i <= 2:
        content = (sent.start_char, phrase_a)
    else:
        content = (sent.start_char, sent.end_char)
    return Cue(tok, tok.idx, to.idx + len(to), "according", content, src)


_NOUN_PREPS = frozenset({"of", "for", "to", "on", "about", "against"})


def _noun_cue(tok: Token, text: str) -> Cue | None:
    """"her support for the bill", "Smith's claim that ...", "X voiced concern about ...": a cue
    noun with an owner (possessor, or the subject of the verb it is the object of)."""
    comps = [c for c in tok.children if c.i > tok.i and (
        c.dep_ == "prep" and c.lower_ in _NOUN_PREPS or c.dep_ in ("acl", "ccomp") and any(
            g.lower_ == "that" for g in c.children) or _infinitive(c))]
    if not comps:
        return None
    src = next((c for c in tok.children if c.dep_ == "poss"), None)
    by = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "by" and c.i > tok.i), None)
    if src is None and by is not None:
        src = next((g for g in by.children if g.dep_ == "pobj"), None)  # "claims by the union that ..."
    if src is None and tok.dep_ == "dobj" and tok.head.pos_ == "VERB":
        src = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
    if src is None or src.pos_ == "PRON" and src.lower_ in ("its", "it"):
        return None
    objs: list[Token] = []
    for c in comps:
        objs.extend([g for g in c.children if g.dep_ in ("pobj", "pcomp")] if c.dep_ == "prep" else [c])
    if not objs:
        return None
    a, b = trim(text, *char_span(objs))
    if b - a < 3:
        return None
    lemma = cue_lemma(tok)
    if lemma in _INTENT_NOUNS and any(_infinitive(c) for c in comps):
        frame = "intent"  # "her plan to widen the road", "his decision to run": an intention
    else:
        frame = "cognition" if lemma in ("belief", "view", "hope", "fear", "doubt") else "speech"
    # "her claim that ...", "their call for a recount" state what was said; "her support for the
    # bill" only its target.
    said = any(c.dep_ != "prep" for c in comps) or cue_lemma(tok) in DIRECTIVE | {"call"}
    return Cue(tok, tok.idx, tok.idx + len(tok), frame, (a, b), src, proposition=said)


# Nouns of intention: "her plan to widen the road", "his decision to run" (with an infinitive only).
_INTENT_NOUNS = frozenset({"plan", "decision", "intention", "desire", "hope"})


def _infinitive(c: Token) -> bool:
    return c.dep_ == "acl" and c.pos_ in ("VERB", "AUX") and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)


def _intent_noun(tok: Token) -> bool:
    return cue_lemma(tok) in _INTENT_NOUNS and any(_infinitive(c) and c.i > tok.i for c in tok.children)


# Nouns that carry an argument only as the object of a verb of making it: "made the case that
# ...", "pressed the point that ..." ("in this case", "the point of it" attribute nothing).
_LIGHT_NOUNS = frozenset({"case", "point"})
_LIGHT_VERBS = frozenset({"make", "press", "argue", "state", "prove", "build", "lay", "drive", "reiterate", "repeat"})


def _light_noun(tok: Token) -> bool:
    return cue_lemma(tok) in _LIGHT_NOUNS and tok.dep_ == "dobj" and cue_lemma(tok.head) in _LIGHT_VERBS


def _made_clear(tok: Token, text: str) -> Cue | None:
    """"made clear that ...", "made it clear that ...": a statement, whose clause the parse hangs
    on the verb or on "clear"."""
    if cue_lemma(tok) != "make":
        return None
    clear = next((c for c in tok.children if c.lower_ == "clear" and c.i > tok.i), None)
    if clear is None:
        return None
    clauses = [c for c in (*tok.children, *clear.children) if c.i > clear.i and c.pos_ in ("VERB", "AUX") and (
        c.dep_ == "ccomp" or c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children))]
    if not clauses:
        return None
    a, b = trim(text, *char_span(clauses))
    if b - a < 3:
        return None
    return Cue(tok, tok.idx, clear.idx + len(clear), "speech", (a, b), subject(tok))


def _not_an_attribution(tok: Token) -> bool:
    """A cue word used for something else: naming ("a camp called Ashraf", "a group known as
    ..."), or explaining ("this is not to say that ...", "that is to say")."""
    lemma = cue_lemma(tok)
    if tok.dep_ == "acl" and lemma in _NAMING | {"name", "know"} and not any(c.dep_ == "agent" for c in tok.children):
        return any(c.dep_ == "oprd" or c.dep_ == "prep" and c.lower_ == "as" for c in tok.children)
    return tok.dep_ == "xcomp" and tok.head.lemma_ == "be" and any(c.lower_ == "to" for c in tok.children)


def find_cues(doc: Doc, text: str | None = None) -> Iterator[Cue]:
    text = doc.text if text is None else text  # Doc.text is rebuilt on every access
    for tok in doc:
        if tok.lower_ == "according" and tok.dep_ == "prep":
            cue = _according(tok)
            if cue is not None:
                yield cue
            continue
        if tok.pos_ == "NOUN" and (cue_lemma(tok) in NOUN_CUES or _light_noun(tok) or _intent_noun(tok)):
            noun = _noun_cue(tok, text)
            if noun is not None:
                yield noun
            continue
        if tok.pos_ not in ("VERB", "AUX") or tok.dep_ in ("amod", "compound"):
            continue
        if tok.dep_ == "acomp" and tok.lower_ in ATTITUDES | POSITIONS:
            continue  # "is opposed to", "were convinced that": an adjective (predicates.py)
        frame = _frame(tok)
        if frame is None and (clear := _made_clear(tok, text)) is not None:
            yield clear
            continue
        if frame is None or _not_an_attribution(tok):
            continue
        comps = _complements(tok, frame)
        passive = any(c.dep_ == "auxpass" for c in tok.children)
        src = subject(tok)
        a, b = _cue_words(tok)
        if comps:
            if len(comps) == 1 and comps[0].pos_ == "PRON" and not list(comps[0].children):
                continue  # "defended herself", "sought them": no content to attribute
            ca, cb = trim(text, *char_span(comps))
            after = [c for c in tok.children if c.i > max(k.i for k in comps) and c.dep_ in ("conj", "advcl")
                     and c.pos_ in ("VERB", "AUX") and _frame(c) is None and c.i > tok.i]
            if after and any(c.dep_ == "ccomp" and c.i > tok.i for c in comps):
                # "concluded that A, but B": the parse hangs the second clause on the cue verb.
                cb = max(cb, trim(text, ca, char_span(after)[1])[1])
            if any(c.dep_ == "dobj" for c in comps):
                # An object's modifiers often hang on the verb ("demands safeguards for any ..."):
                # the content runs to the end of the verb's phrase.
                last = tok.right_edge
                cb = max(cb, trim(text, ca, last.idx + len(last))[1])
            if cb - ca < 3:
                continue
            content: tuple[int, int] | None = (ca, cb)
            said = _proposition(tok, comps, frame)
        elif frame != "speech":
            continue
        else:
            content = None  # a speech verb alone may still introduce a quotation next to it
            said = True
        yield Cue(tok, a, b, frame, content, src, passive, proposition=said)
