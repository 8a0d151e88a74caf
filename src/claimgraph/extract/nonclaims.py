"""Numbers that are not claims: times, dates, datelines, names, streets, phone numbers, reference
codes, list markers, years, ordinals of sequence, idioms ("a moment or two") and "one" used as a
pronoun or an indefinite article ("one lawmaker said"). Each test reads the characters around an
atom (and, where words alone cannot tell, the spaCy tokens); claims.py asks them before reading a
number as a claim. Measures used as adjectives ("an eight-year deal") are claims (quantities.py)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .claimants import SPEECH
from .context import Context
from .dates import is_month
from .names import headline_case
from .numbers import QUALIFIER, Atom
from .quantities import TIME_UNITS
from .textcache import doc_text, last_token, next_token

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan

PHONE = re.compile(r"(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)\s?|\d{3}[.-])?(?<![\d,])\d{3}[.-]\d{4}\b")

TIME_AFTER = re.compile(r"^(?::\d\d|\s*(?:a\.m\.|p\.m\.|am\b|pm\b|o['’]clock|GMT|UTC|EST|EDT|PST|CET))", re.I)

NAME_BEFORE = re.compile(
    r"(?:\b(?:page|pages|p\.|pp\.|no\.|nos\.|number|article|articles|section|chapter|paragraph|para|branch|room|"
    r"flight|route|highway|interstate|channel|vol\.|volume|resolution|district|ward|precinct|gate|line|"
    r"platform|exit|version|rule|amendment|clause|item|table|figure|fig\.|appendix|level|grade|category|"
    r"phase|stage|act|bill|proposition|prop\.|code|unit|ward|block|apartment|apt\.|suite|box|model|"
    r"episode|season|week|day|game|round|step|part|tier|batch|case|file|order)|#)\s*$",
    re.I,
)

STREET_AFTER = re.compile(
    r"^\s+(?:(?:[A-Z][a-z]+|\d+(?:st|nd|rd|th))\s+){1,3}(?:Street|St\.?|Avenue|Ave\.?|Road|Rd\.?|Boulevard|Blvd\.?|Lane|Ln\.?|Drive|"
    r"Way|Place|Pl\.?|Square|Court|Ct\.?)(?!\w)"
)

# Compounds that are idioms, not measures: "one-on-one", "one-sided", "a two-way street",
# "a one-two punch", "twenty-something". ("an eight-year deal" is a measure: quantities.py.)
IDIOM_COMPOUND = re.compile(r"^-(?:on-|sided\b|off\b|of-a-kind\b|stop\b|liners?\b|upmanship\b|and-done\b|ish\b|"
                            r"time\b|times\b|way\b|something\b|one\b|two\b|three\b|dimensional\b|party\b)", re.I)
WORD_COMPOUND_BEFORE = re.compile(r"\b(?:one|two|three)-$", re.I)
# A code or model name: "COVID-19", "F-16", "MS08-078" (but "magnitude-5.9" is a measure).
CODE_BEFORE = re.compile(r"(?<!\w)(?!magnitude-)[A-Za-z][A-Za-z0-9]*-$", re.I)
# Parts of an ISO date ("2016-08-23") and numbers with a leading zero ("08"): never quantities.
ISO_DATE = re.compile(r"\d{4}-\d\d?-$|\d{4}-$")
# "a moment or two", "a thing or two": an idiom, nothing counted.
IDIOM_OR_BEFORE = re.compile(r"\ba\s+(?:moment|thing|bit|while|word|trick|tear|step|beat)\s+or\s+$", re.I)
# A number opening a line as a list marker: "1. The economy", "2) Jobs".
LIST_MARKER_AFTER = re.compile(r"^[.)](?:\s|$)")
# Bare "half" is a share only where it stands for a part of something ("half of", "half the
# voters", "more than half said"); "the first half", "half an hour", "half-brother" are not.
HALF_SHARE_AFTER = re.compile(r"^\s+(?:of|the|those|these|them|its|their|his|her|our|all|whom|were|was|are|is|"
                              r"had|have|has|say|said|says|support|supported|oppose|opposed|voted|believe|think|"
                              r"thought|want|wanted|agree|agreed|disagree|approve|approved|favor|favour)\b", re.I)
HALF_QUALIFIED = re.compile(r"\b(?:more\s+than|less\s+than|fewer\s+than|about|nearly|almost|over|under|roughly|"
                            r"around|just|only|at\s+least|some|close\s+to|barely|well\s+over|well\s+under|by)\s+$",
                            re.I)
HALF_PART_BEFORE = re.compile(r"\b(?:first|second|last|other|latter|former|back|front|top|bottom|better|upper|lower|"
                              r"and\s+a|in|a)\s+$", re.I)
# A four-digit year read as a count only after a qualifier that only quantities take ("about
# 1988 prisoners"); "over 1988 executions" is about the 1988 executions.
COUNT_QUALIFIER_BEFORE = re.compile(r"\b(?:about|nearly|almost|approximately|some|at\s+least|more\s+than|fewer\s+than|"
                                    r"less\s+than|up\s+to|an\s+estimated|roughly|around)\s+$", re.I)

DECADE_AFTER = re.compile(r"^['’]?s\b")

MONTH_RANGE_BEFORE = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}\s*(?:-|–|to)\s*$")

# Verbs whose subject "one X" is an unnamed source, not a count of one.
SOURCE_VERBS = SPEECH | {"call", "ask", "describe", "joke", "quip", "complain", "post", "predict", "urge", "vow"}

VERSE_AFTER = re.compile(r"^\s+[A-Z][a-z]+\s+\d+:\d")
DAY_YEAR_AFTER = re.compile(r"^,\s*(?:1[5-9]|20)\d\d\b")
ONE_IDIOM_BEFORE = re.compile(r"\b(?:by|at|in|on|for|no|any|every|each|which|this|that|last|next|other|another|same|"
                              r"right|wrong|little|big|new|old)\s+$", re.I)
ONLY_BEFORE = re.compile(r"\b(?:only|just|at\s+least|exactly|more\s+than|no\s+more\s+than|than|but)\s+$", re.I)
RATIO_AHEAD = re.compile(r"\s+(?:in|out\s+of)\s+(?:\d|two|three|four|five|six|seven|eight|nine|ten)", re.I)



def _in_phone_number(text: str, a: Atom) -> bool:
    # Read around the atom only: a pass of PHONE over every document cost more than all the rest.
    base = max(0, a.start - 24)
    return any(base + m.start() <= a.start < base + m.end() for m in PHONE.finditer(text[base:a.end + 12]))


def blocked(text: str, a: Atom, sent: SpacySpan) -> bool:
    """Numbers that are not quantities: times, dates, names, streets, phone numbers, codes."""
    before = text[max(sent.start_char, a.start - 30):a.start]
    after = text[a.end:a.end + 40]
    if _in_markup(text, a.start, sent.start_char):
        return True  # inside a tag left in the text: <tweet datetime="2016-08-23">
    if a.form == "fraction":
        return _not_a_share(a, before, after)
    if a.form == "rank":
        return bool(re.search(r"\bthe\s+$", before) and re.match(r"^\s+place\b", after))  # "in the first place"
    if a.vague or a.form in ("multiplier", "span", "height", "article", "decade"):
        return False
    if _in_phone_number(text, a):
        return True
    if TIME_AFTER.match(after) or re.search(r"\d[:/]$|\d[:/.]\d+\s?[-–]$", before) or re.match(r"^[/:]\d", after):
        return True
    if CODE_BEFORE.search(before) or ISO_DATE.search(before) or re.fullmatch(r"0\d+", a.text):
        return True
    if re.match(r"^\s?['’′]\s?\d|^[\"”″]", after) or re.search(r"\d\s?['’′]\s?$", before):
        return True  # what is left of a height the atom did not read
    if IDIOM_COMPOUND.match(after) or WORD_COMPOUND_BEFORE.search(before) or IDIOM_OR_BEFORE.search(before):
        return True
    if DECADE_AFTER.match(after) or MONTH_RANGE_BEFORE.search(before):
        return True
    if re.fullmatch(r"\d{7,}", a.text.strip()):  # ids and timestamps: quantities that big carry commas
        return True
    if LIST_MARKER_AFTER.match(after) and re.search(r"(?:^|\n)[ \t]*$", text[max(0, a.start - 40):a.start]):
        return True
    prev_word = re.search(r"([A-Za-z.]+)\s*$", before)
    next_word = re.match(r"^\s*([A-Za-z.]+)", after)
    if (prev_word and _month(prev_word.group(1))) or (next_word and _month(next_word.group(1))):
        return True
    if (a.value or 0) <= 31 and DAY_YEAR_AFTER.match(after):
        return True  # "6, 2016": a day of a month the text ran into ("FeaturedFebruary 6, 2016")
    if NAME_BEFORE.search(before[-16:]):
        # "Branch 41", "page 12"; but "finished the season 12-4" is a record
        return not (re.match(r"^\s*[-–]\s*\d", after) and re.search(r"\b[a-z]+\s*$", before))
    return bool(STREET_AFTER.match(after))


def _month(word: str) -> bool:
    """'March', 'MARCH' (a dateline) and 'Mar.'; lowercase 'may' and 'march' are verbs; a month
    glued to the word before it ('FeaturedFebruary') still ends in one."""
    glued = re.search(r"[a-z]((?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Oct|Nov|Dec)[a-z]*\.?)$", word)
    if glued and is_month(glued.group(1)):
        return True
    return is_month(word) or (word.isupper() and len(word) > 2 and is_month(word.capitalize()))


def _in_markup(text: str, start: int, floor: int) -> bool:
    window = text[max(floor, start - 300):start]
    return window.rfind("<") > window.rfind(">")


def _not_a_share(a: Atom, before: str, after: str) -> bool:
    if "-" in a.text:
        return False  # "two-thirds", "one-quarter"
    if a.text.lower() == "half" and HALF_PART_BEFORE.search(before):
        return True  # "the first half", "a year and a half"
    # "half of", "a third of the voters", "less than a third agreed"; not "a third term"
    return not (HALF_SHARE_AFTER.match(after) or HALF_QUALIFIED.search(before))


def year_like(a: Atom) -> bool:
    t = a.text.strip()
    return (not a.words and not a.currency and re.fullmatch(r"\d{4}", t) is not None
            and 1500 <= (a.value or 0) <= 2100)


def is_year(ctx: Context, a: Atom) -> bool:
    """A four-digit number in 1500-2100 without a comma is a year, unless a qualifier only
    quantities take comes before it and a plural noun after it ("about 2000 people")."""
    if not year_like(a):
        return False
    text = doc_text(ctx)
    nxt = next_token(ctx.doc, a.end)
    plural = nxt is not None and nxt.tag_ in ("NNS", "NNPS") and nxt.lower_ not in TIME_UNITS
    return not (plural and COUNT_QUALIFIER_BEFORE.search(text[max(0, a.start - 20):a.start]))


def is_name_number(ctx: Context, a: Atom, sent: SpacySpan) -> bool:
    """'Branch 41', 'Resolution 2231': a number right after a capitalised word is part of a name,
    unless a plural noun follows it (title-case headlines: 'Iran Executed 30,000 Prisoners').
    So are a capitalised number word inside a sentence ('Air Force One', 'the Big Ten') and a
    number before a singular proper name ('2 Timothy'), outside title-case headlines."""
    text = doc_text(ctx)
    if a.form not in ("digits", "words") or a.currency:
        return False
    if a.words:
        return _capitalised_inside(text, a, sent)
    nxt = next_token(ctx.doc, a.end)
    if VERSE_AFTER.match(text[a.end:a.end + 30]):
        return True  # "2 Timothy 3:1-5"
    if nxt is not None and nxt.tag_ == "NNP" and nxt.idx == a.end + 1 and 1 < (a.value or 0) < 100 and \
            not _title_case(sent) and nxt.i + 1 < sent.end and ctx.doc[nxt.i + 1].pos_ in ("PUNCT", "VERB") \
            and ctx.doc[nxt.i + 1].tag_ != "POS":
        return True  # "50 Cent said"
    m = re.search(r"(?:^|\s)([A-Z][\w’'.-]*)\s+$", text[max(sent.start_char, a.start - 40):a.start])
    if not m:
        return False
    prev = last_token(ctx.doc, a.start - len(m.group(0)) + m.start(1), a.start - (len(m.group(0)) - m.end(1)))
    if prev is None or prev.pos_ not in ("PROPN", "NOUN", "X"):
        return False
    if a.start - len(m.group(0)) <= sent.start_char + 1 and m.group(1).lower() in ("over", "about", "some", "nearly"):
        return False
    if QUALIFIER.search(text[max(sent.start_char, a.start - 40):a.start]):
        return False
    nxt = next_token(ctx.doc, a.end)
    return not (nxt is not None and nxt.tag_ in ("NNS", "NNPS") and nxt.i < sent.end)


def _title_case(sent: SpacySpan) -> bool:
    return headline_case([t.text for t in sent])


def _capitalised_inside(text: str, a: Atom, sent: SpacySpan) -> bool:
    if not a.text[:1].isupper() or a.start == sent.start_char:
        return False
    lead = text[max(sent.start_char, a.start - 3):a.start].rstrip()
    if not lead or lead[-1] in ".!?:;\"“‘'(—–-\n":
        return False  # a clause or a quotation starts here
    return not _title_case(sent)


def in_name(ctx: Context, a: Atom) -> bool:
    """'Ground Zero', 'Group of Seven': a number inside an entity's name."""
    ent = ctx.entity_at(a.start, a.end)
    return ent is not None and any(x <= a.start and a.end <= y for x, y in ent.mentions)


def one_is_pronoun(ctx: Context, a: Atom) -> bool:
    if a.text.lower() not in ("one", "a", "an") or a.form not in ("words", "digits"):
        return False
    if a.text.lower() == "one" and RATIO_AHEAD.match(doc_text(ctx)[a.end:a.end + 16]):
        return False  # "one in four"
    if a.text.lower() == "one" and ONLY_BEFORE.search(doc_text(ctx)[max(0, a.start - 20):a.start]):
        return False  # "only one is likely to survive", "at least one child"
    if ONE_IDIOM_BEFORE.search(doc_text(ctx)[max(0, a.start - 12):a.start]):
        return True  # "by one count", "at one point", "no one", "the last one": not a count of one
    nxt = next_token(ctx.doc, a.end)
    if nxt is None or not nxt.is_alpha or nxt.pos_ not in ("NOUN", "PROPN") or nxt.lower_ in TIME_UNITS:
        return True
    # "One lawmaker called ...", "said one Democrat familiar with ...": an indefinite source.
    noun = nxt if nxt.dep_ != "compound" else nxt.head
    return noun.dep_ == "nsubj" and noun.head.lemma_ in SOURCE_VERBS
