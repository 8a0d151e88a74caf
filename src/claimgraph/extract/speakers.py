"""Who is speaking: from the source phrase of a cue to a full name.

A source phrase may be a name ("Ali Fallahian"), a surname ("Fallahian"), a pronoun ("he"), a
description that an earlier apposition tied to a name ("the former intelligence minister"), or a
group or document ("a number of prisoners", "the decree") which is a speaker in its own right.
The entity extractor's entities are used first; spaCy's own entities back them up so that this
module does not depend on how good they are.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..model import Entity, Speaker
from .context import Context
from .lexicon import AGENT_NOUNS, DOCUMENT_NOUNS, MEDIA, words

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

NAMED = frozenset({"PERSON", "ORG", "GPE", "NORP"})
PERSONAL = frozenset({"he", "she", "him", "her", "his", "hers"})
PLURAL = frozenset({"they", "them", "their"})
FIRST = frozenset({"i", "we", "me", "us"})
# Children whose subtree is commentary on the speaker, not the words naming them.
_DROP = frozenset({"relcl", "acl", "advcl", "punct", "cc"})
_DESC_DET = frozenset({"the", "this", "that"})


def phrase(tok: Token) -> list[Token]:
    """The words naming the speaker: the head with its modifiers and apposition, no clauses."""
    keep: list[Token] = []
    stack = [tok]
    while stack:
        t = stack.pop()
        keep.append(t)
        # "prisoners in Karaj in a letter to the UN wrote": the medium is not part of the name.
        stack.extend(c for c in t.children if c.dep_ not in _DROP and not (
            c.dep_ == "prep" and c.lower_ in ("in", "on", "during", "via", "through")
            and any(g.dep_ == "pobj" and g.lemma_.lower() in MEDIA and any(
                d.dep_ == "poss" or d.lower_ in ("a", "an") for d in g.children) for g in c.children)))
    keep.sort(key=lambda t: t.i)
    # Stay contiguous around the head, inside its line: a parse may hang far-away words on it.
    out: list[Token] = []
    for t in keep:
        if abs(t.i - tok.i) > 14:
            continue
        if "\n" in t.text or (out and any("\n" in t.doc[k].whitespace_ for k in range(out[-1].i, t.i))):
            if t.i > tok.i:
                break
            out = []
            continue
        lo = out[-1].i + 1 if out else t.i
        if any(_bounds(t.doc[k]) for k in range(lo, t.i + 1) if k != tok.i):
            # "- Philip Bump: “...": a dash or a colon bounds the name.
            if t.i > tok.i:
                break
            out = [] if _bounds(t) else [t]
            continue
        out.append(t)
    while out and (out[-1].is_punct or out[-1].dep_ == "cc"):
        if out[-1].text == ")" and any(t.text == "(" for t in out):
            break  # "Jane Doe (D-Md.)" keeps its closing bracket
        out.pop()
    while out and (out[0].is_punct or out[0].ent_type_ in ("DATE", "TIME") and out[0].i != tok.i):
        out.pop(0)  # "In 1990 Karimi ...": the year is not part of the name
    return out or [tok]


def _bounds(t: Token) -> bool:
    return (t.text == ":" or t.text in ("—", "–", "--")
            or t.text == "-" and t.i > 0 and bool(t.doc[t.i - 1].whitespace_))


# Agent nouns by their ending: "-er", "-or", "-ist", "-ian", "-ant", "-man" ... ("the organiser",
# "a historian", "an applicant"), less the common words that only look like them.
_AGENT_END = re.compile(r"(?:[^aeiou]er|or|ist|ian|ant|(?<!m)ent|man|woman|person|ee|ive|ary|crat|ite|aire)s?$")
_NOT_AGENT_END = words("""
    number matter order water paper letter power border corner summer winter chapter cover career
    character factor sector error horror mirror floor door color colour labor labour favor favour behavior
    event content moment comment statement element amount argument incident accident agreement
    document payment treatment investment development management movement environment achievement
    announcement commitment settlement judgment requirement alternative initiative objective perspective
    incentive narrative directive motive summary boundary anniversary salary library primary dictionary
    itinerary territory plan guarantee fee answer danger anger prayer disaster layer shelter river finger
    dinner hunger register
""")
_NOT_AGENT_PRON = frozenset({"this", "that", "these", "those", "what", "which", "there", "here", "something",
                             "anything", "nothing", "everything", "much", "all"})


def is_agent(tok: Token) -> bool:
    """Whether a source phrase's head can be someone who speaks or writes: a name, a pronoun for
    a person or group, a person or group noun, or a document that speaks for its authors."""
    low = tok.lower_
    if tok.pos_ == "PRON" or low in PERSONAL | PLURAL | FIRST:
        # "those who voted", a relative pronoun the parse did not tie back: someone, unknown here.
        return low not in _NOT_AGENT_PRON or tok.head.dep_ == "relcl" or any(c.dep_ == "relcl" for c in tok.children)
    if tok.ent_type_ in NAMED or tok.pos_ == "PROPN":
        return tok.ent_type_ not in ("DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL")
    lemma = tok.lemma_.lower()
    if lemma in AGENT_NOUNS or low in AGENT_NOUNS or lemma in DOCUMENT_NOUNS or low in DOCUMENT_NOUNS:
        return True
    # "one of the doctors", "a number of cities": the partitive's head stands for its members.
    of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    obj = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
    if obj is not None and obj.i != tok.i and is_agent(obj):
        return True
    if lemma in _NOT_AGENT_END or low in _NOT_AGENT_END:
        return False
    return tok.pos_ in ("NOUN", "PROPN") and bool(_AGENT_END.search(low))


# A dateline or a time stamp parsed as a subject ("LOS ANGELES, Sept. 28 (UPI)", "12:15 p.m.").
DATELINE = re.compile(r"\b\d{1,2}:\d\d\b|\b[ap]\.m\.|\([A-Z]{2,}\)?$|^[A-Z]{3,}[A-Z .]*,")


DASHES = frozenset({"—", "–", "--", "-"})
# A byline parsed as a subject: "Jane Doe / The Canadian Press", "By Jane Doe, Staff Reporter".
_BYLINE = re.compile(r"\S\s*/\s*[A-Z]|^By [A-Z]|,\s*(Staff|Special|Senior)? ?(Reporter|Writer|Correspondent)\b")


# How far back (characters) a pronoun looks past people named as objects for one named as a subject.
PRONOUN_SUBJECT_REACH = 400
# How far back (characters) "the decree" looks for who issued one.
ISSUER_REACH = 1500
_ISSUE = words("issue release send write publish post tweet deliver give make sign file put air run launch pen "
               "draft submit read unveil circulate distribute")
_PARTS = frozenset({"part", "portion", "section", "excerpt", "passage", "text", "copy", "rest"})


def _is_subject(tok: Token) -> bool:
    """Whether a name is (in apposition to, or a compound of) a clause's subject."""
    for _ in range(3):
        if tok.dep_ in ("nsubj", "nsubjpass", "csubj"):
            return True
        if tok.dep_ not in ("appos", "compound", "flat", "conj") or tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def _owner(noun: Token) -> Token | None:
    """Who made a statement, letter, speech: its possessor or the subject of the verb governing it."""
    for c in noun.children:
        if c.dep_ == "poss" and (c.pos_ in ("PROPN", "NOUN") or c.lower_ in ("his", "her", "their", "our", "my")):
            return c
    head = noun.head
    verb: Token | None = None
    if noun.dep_ in ("dobj", "pobj") and head.pos_ in ("VERB", "ADP"):
        verb = head if head.pos_ == "VERB" else head.head
    elif noun.dep_ in ("nsubj", "nsubjpass"):
        verb = head  # "X, in his Friday sermon, called for ...", parsed with two subjects
    if verb is None or verb.pos_ != "VERB":
        return None
    subj = next((c for c in verb.children if c.dep_ == "nsubj" and c.i != noun.i and c.lemma_.lower() not in MEDIA
                 and is_agent(c)), None)
    return subj or _stray_subject(verb)


def _stray_subject(verb: Token) -> Token | None:
    """A main verb the parse left without a subject ("In the summer of 1988 Khomeini, the leader,
    issued a decree" hangs the name on the date): the last person or group named before it."""
    if verb.dep_ != "ROOT" or any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in verb.children):
        return None
    for j in range(verb.i - 1, verb.sent.start - 1, -1):
        t = verb.doc[j]
        if t.ent_type_ in ("PERSON", "ORG", "NORP") and t.ent_iob_ in ("B", "I") and (
                j + 1 >= len(t.doc) or t.doc[j + 1].ent_iob_ != "I"):
            return t
    return None


def misparsed_medium(src: Token) -> Token | None:
    """"X, in a sermon, called for ...": a medium inside a prepositional phrase is not the
    speaker; the preposition it hangs from, if so."""
    if src.lemma_.lower() not in MEDIA:
        return None
    j = src.i - 1
    while j >= 0 and src.doc[j].pos_ in ("PROPN", "NOUN", "ADJ", "DET", "NUM"):
        j -= 1
    return src.doc[j] if j >= 0 and src.doc[j].pos_ == "ADP" else None


def medium_owner(src: Token) -> Token | None:
    """Who spoke in the medium a parse took for the subject: the name the "in ..." phrase
    describes ("Ahmad Khatami, a cleric, in his Friday sermon called for ...")."""
    prep = misparsed_medium(src)
    if prep is None or prep.lower_ not in ("in", "on", "during", "at", "through", "via"):
        return None
    owner = prep.head
    if owner.i >= prep.i:
        return None
    return owner if owner.pos_ in ("PROPN", "PRON") or owner.lemma_.lower() in AGENT_NOUNS else None


class Resolver:
    def __init__(self, ctx: Context, text: str | None = None) -> None:
        self.ctx = ctx
        doc = ctx.doc
        self.text = ctx.text if text is None else text  # Doc.text is rebuilt on every access
        self.full: dict[str, str] = {}  # surname (lower) -> the fullest name seen
        persons: list[tuple[int, str]] = []
        for ent in self._people(doc.ents):
            words = ent.text.replace("’s", "").replace("'s", "").split()
            if not words:
                continue
            name = " ".join(words)
            key = words[-1].lower()
            if len(words) > 1 and len(name) > len(self.full.get(key, "")):
                self.full[key] = name
        subjects: list[bool] = []
        for ent in self._people(doc.ents):
            words = ent.text.replace("’s", "").replace("'s", "").split()
            if words:
                persons.append((ent.start_char, self.full.get(words[-1].lower(), " ".join(words))))
                subjects.append(_is_subject(ent.root))
        self.person_at = [p for p, _ in persons]
        self.person_name = [n for _, n in persons]
        self.person_subject = subjects
        self.descriptions = self._descriptions(doc.ents)
        # Documents someone issued ("Khomeini issued a decree", "the party released a statement"):
        # where "the decree" speaks later, its issuer does.
        self.issued: list[tuple[int, str, Token]] = []
        for t in doc:
            if t.dep_ == "dobj" and t.head.lemma_.lower() in _ISSUE and t.lemma_.lower() in MEDIA:
                by = next((c for c in t.head.children if c.dep_ == "nsubj"), None) or _stray_subject(t.head)
                if by is not None and by.lower_ in ("who", "that", "which") and t.head.dep_ == "relcl":
                    by = t.head.head  # "a group of parents, who sent a letter"
                if by is not None and by.lemma_.lower() not in MEDIA and is_agent(by) and by.lower_ not in FIRST:
                    self.issued.append((t.idx, t.lemma_.lower(), by))

    @staticmethod
    def _people(ents: Sequence[SpacySpan]) -> list[SpacySpan]:
        # A byline's name ("Jane Doe / The Courier", "By Jane Doe") wrote the article; it is not
        # someone the article quotes.
        return [e for e in ents if e.label_ == "PERSON" and e.text[:1].isupper() and "/" not in e.text
                and not (e.end < len(e.doc) and e.doc[e.end].text == "/")
                and not (e.start > 0 and e.doc[e.start - 1].lower_ == "by" and e.doc[e.start - 1].i == e.sent.start)]

    def _descriptions(self, ents: Sequence[SpacySpan]) -> dict[str, list[tuple[int, str]]]:
        """Head nouns of descriptions tied to a name by apposition or as a title ("Minister X")."""
        out: dict[str, list[tuple[int, str]]] = {}
        for ent in self._people(ents):
            root = ent.root
            name = self.full.get(ent.text.split()[-1].lower(), ent.text)
            related = [c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
            if root.dep_ == "appos" and root.head.pos_ == "NOUN":
                related.append(root.head)
            related.extend(
                c for c in root.children if c.dep_ == "compound" and c.pos_ == "NOUN" and c.i < ent.start
            )
            for noun in related:
                out.setdefault(noun.lemma_.lower(), []).append((ent.start_char, name))
        return out

    def _entity(self, a: int, b: int) -> Entity | None:
        ent = self.ctx.entity_at(a, b) if self.ctx.entities else None
        return ent if ent is not None and ent.type in NAMED else None

    def last_person(self, before: int) -> str | None:
        k = bisect_left(self.person_at, before) - 1
        return self.person_name[k] if k >= 0 else None

    def _issuer(self, tok: Token) -> Token | None:
        """Who issued the document "the decree", "part of the letter" stands for: the subject
        that last issued, wrote or sent one of that name before it (within a few paragraphs)."""
        of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        if tok.lemma_.lower() in _PARTS and of is not None:
            tok = next((g for g in of.children if g.dep_ == "pobj"), tok)  # "part of the decree"
        lemma = tok.lemma_.lower()
        det = next((c.lower_ for c in tok.children if c.dep_ in ("det", "poss")), "")
        if lemma not in MEDIA or det not in _DESC_DET or _owner(tok) is not None:
            return None
        if any(c.dep_ in ("compound", "prep") and (c.pos_ == "PROPN" or c.lower_ in ("by", "from")) for c in tok.children):
            return None  # "the Rove ad", "the statement by the two" name their own authors
        k = bisect_left(self.issued, (tok.idx, "", ), key=lambda r: (r[0], "")) - 1
        while k >= 0 and tok.idx - self.issued[k][0] < ISSUER_REACH:
            if self.issued[k][1] == lemma:
                return self.issued[k][2]
            k -= 1
        return None

    def resolve(self, tok: Token, prev: Speaker | None) -> Speaker | None:
        if tok.ent_type_ in ("GPE", "LOC") or tok.text.isupper():
            # "New York (AFP) – Vice President Joe Biden said": the parse made the dateline the
            # subject and the speaker its apposition after the dash.
            after = next((c for c in tok.children if c.dep_ == "appos" and c.i > tok.i and any(
                t.text in DASHES for t in tok.doc[tok.i + 1:c.i])), None)
            tok = after if after is not None else tok
        issuer = self._issuer(tok)
        if issuer is not None and issuer.i != tok.i:
            by = self.resolve(issuer, prev)
            if by is not None:
                words = phrase(tok)
                a, b = words[0].idx, words[-1].idx + len(words[-1])
                return Speaker(name=by.name, text=self.text[a:b], entity=by.entity, span=(a, b), method="issuer")
        if tok.lemma_.lower() in MEDIA:
            # "the council issued a statement saying ...": the statement's author speaks.
            owner = _owner(tok)
            if owner is not None:
                tok = owner
        words = phrase(tok)
        # "HALIFAX, N.S. — Fishermen say": the dateline before a dash is not part of the speaker.
        dash = next((k for k in range(len(words) - 1, -1, -1) if words[k].i < tok.i and words[k].text in DASHES), None)
        if dash is not None:
            words = words[dash + 1:] or [tok]
        if DATELINE.search(self.text[words[0].idx:words[-1].idx + len(words[-1])]) or _BYLINE.search(
                self.text[words[0].idx:words[-1].idx + len(words[-1])]):
            return None
        a, b = words[0].idx, words[-1].idx + len(words[-1])
        text = self.text[a:b]
        low = tok.lower_
        if tok.pos_ == "PRON" or low in PERSONAL | PLURAL | FIRST:
            return self._pronoun(tok, text, (a, b), prev)
        # The name itself: the words up to the head, before any apposition.
        head_a = words[0].idx
        head_b = tok.idx + len(tok)
        ent = self._entity(head_a, head_b)
        if ent is not None and ent.type in ("GPE", "NORP") and tok.pos_ == "NOUN" and not tok.ent_type_:
            ent = None  # "the Florida senator", "Iranian officials": the place only describes them
        if ent is not None:
            # A bare surname that the document spells out in full elsewhere, even when the
            # entity tagger took it for a nationality or an organisation.
            single = len(ent.name.split()) == 1
            full = self.full.get(ent.name.split()[-1].lower(), "") if ent.type == "PERSON" or single else ""
            if len(full) > len(ent.name) and full.endswith(ent.name):
                return Speaker(name=full, text=text, entity=ent.id, span=(a, b), method="surname")
            # The entity stage may already have joined the surname to the full name: the words
            # here are still only the surname, and the method says so.
            surface = self.text[head_a:head_b].lower()
            if len(ent.name) > len(surface) and ent.name.lower().endswith(" " + surface):
                return Speaker(name=ent.name, text=text, entity=ent.id, span=(a, b), method="surname")
            return Speaker(name=ent.name, text=text, entity=ent.id, span=(a, b), method="cue")
        named = self._named_in(words, tok)
        if named is not None:
            longer = self.full.get(named.split()[-1].lower(), "")
            if len(longer) > len(named):
                return Speaker(name=longer, text=text, span=(a, b), method="surname")
            return Speaker(name=named, text=text, span=(a, b), method="cue")
        if tok.ent_type_ == "PERSON" or tok.pos_ == "PROPN":
            name_toks = [t for t in words if t.i <= tok.i and (t.pos_ == "PROPN" or t.ent_type_)]
            name = " ".join(t.text for t in name_toks) or tok.text
            longer = self.full.get(tok.text.lower().replace("’s", ""), "")
            if len(longer) > len(name) and tok.ent_type_ in ("PERSON", ""):
                return Speaker(name=longer, text=text, span=(a, b), method="surname")
            return Speaker(name=name if tok.ent_type_ else text, text=text, span=(a, b), method="cue")
        det = next((c.lower_ for c in tok.children if c.dep_ in ("det", "poss")), "")
        if det in _DESC_DET:
            cands = self.descriptions.get(tok.lemma_.lower())
            if cands:
                before = [n for p, n in cands if p < a] or [cands[0][1]]
                return Speaker(name=before[-1], text=text, span=(a, b), method="description")
        return Speaker(name=re.sub(r"[’']s?$", "", text), text=text, span=(a, b), method="cue")

    @staticmethod
    def _named_in(words: list[Token], head: Token) -> str | None:
        """A person (else organisation) that spaCy found among the words up to the head."""
        best: str | None = None
        # The name stands before the head or in apposition to it, not in its prepositional
        # phrases ("prisoners in Rajai Shahr prison" does not name a person).
        appos = {t.i for c in head.children if c.dep_ == "appos" for t in c.subtree}
        words = [t for t in words if t.i <= head.i or t.i in appos]
        for label in ("PERSON", "ORG", "GPE", "NORP"):
            for t in words:
                if label in ("GPE", "NORP") and head.pos_ == "NOUN" and t.i not in appos:
                    continue  # "the Florida senator", "Iranian officials": a place describes them
                if t.ent_type_ == label and t.ent_iob_ == "B":
                    end = t.i + 1
                    while end < len(t.doc) and t.doc[end].ent_iob_ == "I":
                        end += 1
                    best = t.doc[t.i:end].text.replace("’s", "").replace("'s", "")
                    break
            if best:
                return best
        return None

    def _pronoun(self, tok: Token, text: str, span: tuple[int, int], prev: Speaker | None) -> Speaker:
        low = tok.lower_
        if low in PERSONAL:
            # The last person named before the pronoun, unless the last speaker was named later.
            k = bisect_left(self.person_at, tok.idx) - 1
            last_at = self.person_at[k] if k >= 0 else -1
            if prev is not None and prev.method != "pronoun-unresolved" and prev.name[:1].isupper() and (
                prev.span is None or prev.span[0] >= last_at or prev.name == self.person_name[k]
            ):
                return Speaker(name=prev.name, text=text, entity=prev.entity, span=span, method="pronoun")
            if k >= 0:
                # "X was asked what he would tell Mayor Y. “...,” he said": a person named as an
                # object (spoken to, spoken of) is passed over for the subject just before.
                j = k
                while j >= 0 and not self.person_subject[j] and tok.idx - self.person_at[j] < PRONOUN_SUBJECT_REACH:
                    j -= 1
                if j < 0 or not self.person_subject[j] or tok.idx - self.person_at[j] >= PRONOUN_SUBJECT_REACH:
                    j = k
                return Speaker(name=self.person_name[j], text=text, span=span, method="pronoun")
        elif low in PLURAL and prev is not None:
            return Speaker(name=prev.name, text=text, entity=prev.entity, span=span, method="pronoun")
        return Speaker(name=text, text=text, span=span, method="pronoun-unresolved")
