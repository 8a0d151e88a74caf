"""Numeric claims: every count, amount, percentage or age a document states as fact.

One pass of a precompiled regex over the text finds the numbers (numbers.scan); each is then
read in its sentence with the spaCy parse already made: what is counted (the noun it counts),
the event (the verb or noun that governs it), when (dates.find_dates), where (the nearest place
entity) and who claims it (the quote it sits in, an attribution in the sentence, else the
document's author or publisher). Value and bound conventions are in numbers.py.

Who claims it (Claim.claimant), first match wins:
  quote        the number sits inside a Quote span: its speaker (or, when the quote has none, a
               verb of saying in the sentence); Claimant.quote holds the Quote id
  attribution  "according to X", or the subject of a verb of saying or finding that governs the
               number ("X said/estimated/reported/documented/identified ..."); the outermost verb
               of saying wins ("X said Y documented N" is X's). The entity at the subject's head
               when there is one, else the subject's words; "he"/"she" resolve to the last person
  author       the document's author
  publisher    the document's publisher
  unknown      neither is known

Not claims: dates, years, times, phone numbers, page/article/branch numbers and other numbers in
names, street numbers, ordinals, scores ("80-19 vote"), measures used as adjectives ("ten-point
lead"), durations ("three months"), and anything in a repeated paragraph. Measures such as
"300,000 acres" are kept as counts of the unit.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import TYPE_CHECKING

from .. import places
from ..model import Claim, Entity
from .claim_confidence import claimant_method, confidence, number_method
from .claimants import SPEECH_ONLY, claimant_for, np_text
from .context import Context
from .dates import When, document_year, find_dates, published_date
from .nonclaims import blocked, in_name, is_name_number, is_year, one_is_pronoun
from .numbers import AND_A_HALF, QUALIFIER, SUFFIX, Atom, Figure, bounds, scan
from .quantities import AGE_BEFORE, CURRENCY_CODES, PERCENT_AFTER, UNIT_AFTER, kind_of
from .textcache import doc_text, last_token

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

PERCENT_RANGE_SEP = re.compile(r"\s*(?:%|percent|per\s*cent)\s*(-|–|—|to|and|or)\s*", re.I)
RATIO_SEP = re.compile(r"\s+(?:of|in|out\s+of)\s+", re.I)
CHANGE_VERB = re.compile(r"\b(?:rose|risen|rising|rises|increased|increases|grew|grown|jumped|climbed|fell|fallen|"
                         r"dropped|declined|decreased|doubled|went|gone|soared|surged|up|down)\s+$", re.I)
# Plural nouns that modify another noun ("human rights groups"); any other plural ends the phrase.
PLURAL_MODIFIERS = {"rights", "arms", "sports", "goods", "savings", "news", "affairs", "forces", "services",
                    "systems", "sales", "operations", "relations", "studies", "communications"}
# Nouns a number reaches through: "a total of 68 candidates were disqualified" is about the candidates.
CONTAINERS = {"total", "number", "group", "maximum", "minimum", "estimate", "figure", "count", "sum", "tally"}
# Verbs whose object is a number about the subject: "has four children", "weighs 236 pounds".
POSSESSION_VERBS = {"have", "weigh", "own", "earn", "make", "receive", "pay", "owe", "win", "lose", "raise",
                    "spend", "donate", "inherit", "serve", "father", "adopt"}
COUNT_SUBJECTS = {"number", "toll", "total", "figure", "count", "tally", "death", "casualties"}
ROLE_DETS = {"the", "those", "these", "its", "their", "his", "her", "our", "my", "your", "all"}
PLACE_TYPES = {"GPE", "LOC", "FAC"}
# Verbs whose places are where a number was said, not where the event happened.
SAID_THERE = SPEECH_ONLY - {"be"} | {"report", "announce", "confirm", "speak", "address", "brief", "interview",
                                     "estimate", "testify", "tweet", "declare", "deny", "accuse"}
# A place that says where someone is based or from, not where the event happened.
_BASED = re.compile(r"[-\u2010\u2011]\s?(?:based|born|headquartered|registered|backed|bred)\b", re.I)
# Forms that pair into ranges, shares and scores (not ranks, fractions or multipliers).
PAIRABLE = {"digits", "words"}
# What a pair of numbers is when it is a score or a record, whichever is larger.
SCORE_AFTER = re.compile(r"^\)?\s*(?:-|–)?\s*(?:victory|win|wins|loss|losses|defeat|vote|votes|decision|ruling|record|"
                         r"lead|margin|tie|draw|edge|triumph|rout|score|count|majority|split|finish|season)\b", re.I)
SCALE_WORD = re.compile(r"(?:hundred|thousand|million|billion|trillion|bn|mn|k|m)$", re.I)
# Clauses and phrases that describe a noun ("Karimov, who insists ...", "the minister since 2019"):
# a time inside one dates what it says of that noun, not the sentence around it, and the reverse.
ISLANDS = {"relcl", "acl", "appos"}
FIGURE_DEPS = {"nummod", "quantmod", "compound", "nmod"}


def _qualifier(text: str, sent_start: int, a: Atom) -> tuple[str | None, int]:
    base = max(sent_start, a.start - 40)
    m = QUALIFIER.search(text[base:a.start])
    if not m:
        return None, a.start
    return " ".join(m.group("q").lower().split()), base + m.start("q")


def _combine(ctx: Context, atoms: list[Atom], sent: SpacySpan) -> list[Figure]:
    text = doc_text(ctx)
    out: list[Figure] = []
    i = 0
    while i < len(atoms):
        a = atoms[i]
        q, qstart = _qualifier(text, sent.start_char, a)
        b = atoms[i + 1] if i + 1 < len(atoms) else None
        if b is not None and (a.form not in PAIRABLE or b.form not in PAIRABLE):
            b = None
        sep = text[a.end:b.start] if b else ""
        is_range = False
        # "5 percent to 25 percent", "5% to 25%": a unit repeated inside a range
        unit_sep = PERCENT_RANGE_SEP.fullmatch(sep) if b is not None else None
        if unit_sep and b is not None and not PERCENT_AFTER.match(text[b.end:b.end + 12]):
            b = None  # "fell 3.5 percent to $41.20": a change and a price, not a range
        if b is not None and (a.currency is None) != (b.currency is None):
            b = None
        if b is not None and not a.vague and not b.vague and (
                unit_sep or re.fullmatch(r"\s*(?:-|–|—|to|and|or|through)\s*", sep, re.I)):
            word = unit_sep.group(1).lower() if unit_sep else sep.strip().lower()
            change = q == "from" and CHANGE_VERB.search(text[max(sent.start_char, qstart - 30):qstart])
            ages = AGE_BEFORE.search(text[max(sent.start_char, a.start - 20):a.start])
            is_range = (word != "and" or q == "between" or bool(ages)) and not change
            low, high = a.value or 0.0, b.value or 0.0
            if is_range and SCALE_WORD.search(b.text.strip()) and not SCALE_WORD.search(a.text.strip()):
                scale = _scale_of(b)
                if scale and low * scale <= high:
                    low *= scale
            if word in ("-", "–", "—", "to") and not a.words and not change and (
                    low > high or (low == high and word != "to") or SCORE_AFTER.match(text[b.end:b.end + 30])):
                # "80-19 vote", "a 4-4 ruling", "confirmed 92 to 0", "(7-7)": a score, each side a figure
                for x, other in ((a, b), (b, a)):
                    out.append(Figure(x.start, x.end, x.value, x.value, x.value, None, "exact", x, pair=other))
                i += 2
                continue
            is_range = is_range and low < high
        if b is not None and not is_range and RATIO_SEP.fullmatch(sep) and not a.vague and not b.vague and \
                a.value is not None and b.value and a.value < b.value <= 1000:
            # "eight of 10 voters", "1 in 4 residents": a share, stated as a percentage
            pct = 100 * a.value / b.value
            plo, phi, pkind = bounds(q, pct)
            out.append(Figure(qstart if q else a.start, b.end, pct, plo, phi, q, pkind, b, ratio=True))
            i += 2
            continue
        if is_range and b is not None:
            # The range the text states; a qualifier before it ("about 30 to 70") is kept as written.
            out.append(Figure(qstart if q else a.start, b.end, None, low, high, q, "range", b))
            i += 2
            continue
        if q in ("between", "from"):
            q, qstart = None, a.start
        end = a.end
        value = a.value or 0.0
        half = AND_A_HALF.match(text[a.end:a.end + 40]) if not a.vague else None
        if half:  # "two and a half years", "a year and a half"
            value += 0.5
            end = a.end + half.end()
            if b is not None and b.start < end:
                i += 1  # the "half" just read
        elif a.form == "article":
            if not q and re.search(r"\bfor\s+$", text[max(0, a.start - 5):a.start]):
                q, qstart = "", a.start  # "spoke for an hour": a duration as stated
            if q is None:
                i += 1  # "a year", "an hour": a figure only when qualified ("about an hour")
                continue
            unit = UNIT_AFTER.match(text[a.end:a.end + 40])
            end = a.end + (unit.end() if unit else 0)  # the words are "about an hour", not "about an"
        q = q or None
        sm = SUFFIX.match(text[end:end + 20])
        if sm and not q:
            q = " ".join(sm.group(0).strip().lower().split()).lstrip("-")
            end = end + sm.end()
        start = qstart if q and qstart < a.start else a.start
        if a.vague:
            out.append(Figure(start, end, None, a.low, a.high, q, "vague", a))
        elif a.form == "decade":
            out.append(Figure(start, end, None, a.low, a.high, q, "range", a))
        else:
            low2, high2, kind = bounds(q, value)
            out.append(Figure(start, end, value, low2, high2, q, kind, a))
        i += 1
    return out


def _scale_of(a: Atom) -> float | None:
    from .numbers import SCALES

    m = SCALE_WORD.search(a.text.strip())
    return float(SCALES[m.group(0).lower()]) if m else None


def _counted(ctx: Context, n: Figure, sent: SpacySpan, kind: str) -> tuple[str | None, Token | None, bool]:
    """(what is counted, its head token, whether the noun came after 'of')."""
    doc = ctx.doc
    last = last_token(ctx.doc, n.atom.start, n.atom.end)
    if last is None:
        return None, None, False
    j = last.i + 1
    while j < sent.end and (doc[j].lower_ in ("%", "percent", "per", "cent", "percentage", "points", "point", "+",
                                             "-", "plus", "or", "more", "so")
                            or (kind == "amount" and doc[j].lower_ in CURRENCY_CODES)):
        if doc[j].lower_ == "or" and not (j + 1 < sent.end and doc[j + 1].lower_ in ("more", "so")):
            break
        j += 1
    via_of = False
    if j < sent.end and doc[j].lower_ == "of":
        via_of = True
        j += 1
        while j < sent.end and doc[j].lower_ in ROLE_DETS:
            j += 1
    k = j
    head: Token | None = None
    while k < sent.end:
        t = doc[k]
        if t.tag_ == "POS" and head is not None:  # "the world’s inmates": the owner is not counted
            j, head = k + 1, None
            k += 1
            continue
        if t.pos_ in ("NOUN", "PROPN") or (t.pos_ == "ADJ") or (t.tag_ == "VBN" and t.dep_ == "amod") or \
                (t.text == "-" and head is None) or (t.pos_ == "VERB" and t.dep_ in ("amod", "compound")):
            if t.pos_ in ("NOUN", "PROPN"):
                head = t
            k += 1
            if head is not None and k < sent.end and doc[k].pos_ not in ("NOUN", "PROPN") and doc[k].tag_ != "POS":
                break
            if head is t and t.tag_ == "NNS" and t.lower_ not in PLURAL_MODIFIERS:
                break  # "5 activists prison terms": a plural noun is the head of its phrase
            continue
        break
    if head is not None:
        return np_text(list(doc[j:head.i + 1])), head, via_of
    # "The death toll rose to 5,000": what is counted is the subject.
    for anc in [last, *last.ancestors]:
        if anc.pos_ in ("VERB", "AUX"):
            # "The death toll rose to 5,000"; "put the number of deaths at 3,200"
            subj = next((c for c in anc.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")
                         and c.lemma_.lower() in COUNT_SUBJECTS), None)
            if subj is not None and subj.lemma_.lower() in COUNT_SUBJECTS:
                of = next((c for c in subj.children if c.dep_ == "prep" and c.lower_ == "of"), None)
                pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
                if pobj is not None:
                    return np_text([t for t in pobj.subtree if t.i <= pobj.i]), pobj, True
                return np_text([t for t in subj.subtree if t.i <= subj.i]), subj, False
            break
    return None, None, False


def _verb_phrase(v: Token, role: str = "") -> str | None:
    # "Thousands of families were never told": those counted are the ones told, so telling is
    # the event; otherwise a verb of saying only reports the event.
    if v.lemma_ in SPEECH_ONLY and not (v.lemma_ in ("tell", "warn") and role in ("nsubjpass", "dobj")):
        return None
    words = [v.text.lower()]
    for c in v.children:
        if c.i <= v.i:
            continue
        if c.dep_ == "prt":
            words.append(c.lower_)
        elif c.dep_ in ("prep", "agent") and c.lower_ in ("to", "by") and c.i <= v.i + 3:
            pobj = next((x for x in c.children if x.dep_ == "pobj"), None)
            if pobj is not None and pobj.pos_ == "NOUN" and not any(x.dep_ in ("det", "poss") for x in pobj.children):
                words += [c.lower_, pobj.lower_]
    return " ".join(words)


def _event(ctx: Context, n: Figure, head: Token | None, via_of: bool) -> str | None:
    last = last_token(ctx.doc, n.atom.start, n.atom.end)
    root = last if (via_of or head is None) else head
    if root is None:
        return None
    t = root
    # A number modifying a noun that is itself counted ("30,000 people"): climb to the noun.
    if t.dep_ in ("nummod", "quantmod", "compound") and (
            t.head.pos_ in ("NOUN", "PROPN") or t.head.lower_ in ("more", "others")):
        t = t.head
    for _ in range(4):
        if t.dep_ in ("nsubj", "nsubjpass", "dobj", "obj", "attr", "oprd", "npadvmod") and \
                t.head.pos_ in ("VERB", "AUX"):
            return _verb_phrase(t.head, t.dep_)
        if t.dep_ == "pobj" and t.head.dep_ in ("prep", "agent"):
            g = t.head.head
            if g.pos_ == "NOUN" and t.head.lower_ == "of":
                if g.lemma_.lower() in CONTAINERS:
                    t = g
                    continue
                return g.lemma_.lower() if g.lemma_ else g.lower_
            if g.pos_ == "VERB" and t.head.lower_ in ("to", "at"):
                return _verb_phrase(g)
            return None
        if t.dep_ in ("appos", "conj") and t.head is not t:
            t = t.head
            continue
        break
    # "Hundreds of students protested", "people killed in the attack": a participle on the noun.
    acl = next((c for c in t.children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB" and c.i > t.i), None)
    return _verb_phrase(acl) if acl is not None else None


def _about_person(ctx: Context, t: Token | None) -> Entity | None:
    """A number a person has: 'Joseph, who has four children', 'Trump weighs 236 pounds',
    'Stumpf made $19.3 million'. The person is the subject of the verb the number is the object of."""
    if t is None:
        return None
    if t.dep_ in ("nummod", "quantmod", "compound") and t.head.pos_ in ("NOUN", "PROPN"):
        t = t.head
    if t.dep_ not in ("dobj", "attr", "npadvmod", "oprd") or t.head.lemma_ not in POSSESSION_VERBS:
        return None
    subj = next((c for c in t.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is not None and subj.tag_ in ("WP", "WDT") and t.head.dep_ == "relcl":
        subj = t.head.head
    if subj is None:
        return None
    ent = ctx.entity_at(subj.idx, subj.idx + len(subj.text))
    return ent if ent is not None and ent.type == "PERSON" else None


def _age_subject(ctx: Context, n: Figure, sent: SpacySpan, after_first: bool) -> Entity | None:
    people = [(a, b, e) for e in ctx.entities if e.type == "PERSON" for a, b in e.mentions
              if sent.start_char <= a < sent.end_char]
    if not people:
        return None
    if after_first:
        nxt = [p for p in people if p[0] >= n.end and p[0] - n.end < 40]
        if nxt:
            return min(nxt, key=lambda p: p[0])[2]
    before = [p for p in people if p[1] <= n.start]
    if before:
        return max(before, key=lambda p: p[1])[2]
    return min(people, key=lambda p: abs(p[0] - n.start))[2]


def find_claims(ctx: Context) -> list[Claim]:
    text = doc_text(ctx)
    doc = ctx.doc
    pub = published_date(ctx.info.published)
    doc_year = None if pub else document_year(text)
    atoms = scan(text)
    places = sorted(((a, b, e) for e in ctx.entities if e.type in PLACE_TYPES for a, b in e.mentions),
                    key=lambda p: p[0])
    place_starts = [p[0] for p in places]
    quotes = {q.id: q for q in ctx.quotes}
    out: list[Claim] = []
    ai = 0
    for sent in doc.sents:
        mine: list[Atom] = []
        while ai < len(atoms) and atoms[ai].start < sent.end_char:
            if atoms[ai].start >= sent.start_char:
                mine.append(atoms[ai])
            ai += 1
        if not mine:
            continue
        kept: list[Atom] = []
        for a in mine:
            if ctx.skipped((a.start, a.end)) or blocked(text, a, sent) or one_is_pronoun(ctx, a):
                continue
            if is_year(ctx, a) or is_name_number(ctx, a, sent) or in_name(ctx, a):
                continue
            kept.append(a)
        if not kept:
            continue
        nums = _combine(ctx, kept, sent)
        claims_here = []
        for n in nums:
            kind, unit, age_first = kind_of(ctx, n)
            counted, head, via_of = _counted(ctx, n, sent, kind)
            if kind == "count" and counted is None and n.atom.words and n.atom.value is not None and \
                    n.atom.value < 10 and re.search(r"\b(?:the|these|those|both|all|which)\s+$",
                                                    text[max(0, n.start - 8):n.start], re.I):
                continue  # "the two met": a pronoun, nothing stated about a quantity
            claims_here.append((n, kind, unit, age_first, counted, head, via_of))
        dates = find_dates(sent.text, sent.start_char, pub, doc_year,
                           [(c[0].start, c[0].end) for c in claims_here if c[1] not in ("age", "measure")])
        for n, kind, unit, age_first, counted, head, via_of in claims_here:
            tok = last_token(ctx.doc, n.atom.start, n.atom.end)
            about = None
            if kind == "age":
                ent = _age_subject(ctx, n, sent, age_first)
                about = ent.id if ent else None
                counted = None
            event = _event(ctx, n, head, via_of) if kind != "age" else None
            if about is None and kind != "age":
                person = _about_person(ctx, head if (head is not None and not via_of) else tok)
                about = person.id if person else None
            when = min((d for d in dates if _dates_it(ctx, d, tok)), key=lambda d: abs(d.start - n.start), default=None)
            claimant = claimant_for(ctx, sent, n.start, tok)
            lo = bisect_left(place_starts, sent.start_char)
            hi = bisect_left(place_starts, sent.end_char)
            place = _event_place(ctx, n, [p for p in places[lo:hi] if p[2].id != claimant.entity])
            s_start = _sentence_start(text, sent.start_char, sent.end_char)
            # (Not text[:end]: a copy of everything before each claim is quadratic in a long document.)
            s_end = s_start + len(text[s_start:sent.end_char].rstrip()) if sent.end_char > s_start else sent.end_char
            method = f"{number_method(n)}/{claimant_method(claimant, quotes)}"
            out.append(Claim(
                id=f"c{len(out) + 1}", kind=kind, text=text[s_start:s_end], span=(s_start, s_end),
                value=n.value, low=n.low, high=n.high, qualifier=n.qualifier, counted=counted, event=event,
                time=when.iso if when else None, time_inferred=when.inferred if when else False, place=place,
                claimant=claimant, number_text=text[n.start:n.end], number_span=(n.start, n.end), about=about,
                bound=n.bound, unit=unit, method=method, confidence=confidence(method),
            ))
    return out


def _island(tok: Token) -> Token | None:
    """The innermost clause or phrase describing a noun that holds a token (its head), if any."""
    return next((t for t in (tok, *tok.ancestors) if t.dep_ in ISLANDS), None)


def _within(tok: Token, phrase: Token) -> bool:
    return phrase.left_edge.i <= tok.i <= phrase.right_edge.i


def _noun_phrase(noun: Token) -> Token:
    """The whole noun phrase a noun is part of: "the 1999 shooting death of X" for X."""
    while noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ in ("NOUN", "PROPN"):
        noun = noun.head.head
    return noun


def _frames_sentence(date: Token) -> bool:
    """A time that opens its sentence, before the subject ("In 2007, Mexico accepted ..."), dates
    all the sentence says (as resolve reads a leading year)."""
    if _island(date) is not None:
        return False
    root = date.sent.root
    subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
    return date.i < (subj.left_edge.i if subj is not None else root.i)


def _dates_it(ctx: Context, when: When, number: Token | None) -> bool:
    """Whether a date of the sentence can date a number: not when one of them sits in a clause
    describing a noun the other is not part of ("Karimov, who insists that only 212 died, ran
    the budget until 2021"; "Karimov, who ran the budget until 2021, said 212 died"). A date in
    a clause on the counted noun or its phrase dates it ("the 120,000 who came in 2008", "the 1999
    death of X, who was shot 41 times"); a figure set beside its noun ("debt — $25,550") is no
    clause of its own."""
    date = last_token(ctx.doc, when.start, when.end)
    if number is None or date is None:
        return True
    own = _island(number)
    if own is not None and own.i != number.i and not (number.head.i == own.i and number.dep_ in FIGURE_DEPS) and \
            not _within(date, _noun_phrase(own.head)) and not _frames_sentence(date):
        return False
    other = _island(date)
    return other is None or _within(number, _noun_phrase(other.head)) or _within(number, other)


def _event_place(ctx: Context, n: Figure, cands: list[tuple[int, int, Entity]]) -> str | None:
    """Where the counted event happened: the nearest place in the sentence that is not where the
    number was said ("told reporters in Paris", "Turkey said ...", "speaking in Geneva"); of a
    city and its country named together ("Aleppo, Syria"), the city."""
    kept = []
    number = last_token(ctx.doc, n.start, n.end)
    for a, b, ent in cands:
        if _BASED.match(doc_text(ctx), b):
            continue  # "a Turkey-based monitor" is based there; what it counts is elsewhere
        tok = last_token(ctx.doc, a, b)
        verb = next((t for t in tok.ancestors if t.pos_ in ("VERB", "AUX")), None) if tok is not None else None
        if tok is not None and verb is not None and verb.lemma_ in SAID_THERE and (
                verb.i < tok.i < (number.i if number is not None else 0) or any(t.dep_ in ("nsubj", "nsubjpass") and t.head.i == verb.i
                                                     for t in (tok, *tok.ancestors))):
            # the speaker ("Turkey said"), or where it was said ("told reporters in Paris that 30
            # died"); not "reported 7 deaths in Zahedan", where the place follows the number
            continue
        kept.append((abs(a - n.start), ent))
    if not kept:
        return None
    best = min(kept, key=lambda p: p[0])[1]
    inner = next((e for _, e in kept if e is not best and places.within(e.name, best.name)), None)
    return (inner or best).name


def _sentence_start(text: str, start: int, end: int) -> int:
    """Where a claim's sentence really starts: the parser sometimes hands the closing quote mark
    of the paragraph before to the next sentence ('" The minister explained ...')."""
    while start < end and (text[start].isspace() or (
            text[start] in "\"”’'»" and start + 1 < end and text[start + 1].isspace())):
        start += 1
    return start
