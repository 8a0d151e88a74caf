"""Numbers that are not claims: times, dates, names, streets, phone numbers, codes, years, and
"one" used as a pronoun. Each test reads the characters around an atom (and, where words alone
cannot tell, the spaCy tokens); claims.py asks them before reading a number as a claim."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .context import Context
from .dates import is_month
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

# "ten-point lead", "four-year term", "30-second spot": a measure used as an adjective
# ("40-year-old" is an age and "50-plus" a bound, both read elsewhere).
COMPOUND_AFTER = re.compile(r"^-(?!years?-old\b|plus\b)[A-Za-z]+\b")

DECADE_AFTER = re.compile(r"^['’]?s\b")

MONTH_RANGE_BEFORE = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}\s*(?:-|–|to)\s*$")

RATIO_AHEAD = re.compile(r"\s+(?:in|out\s+of)\s+(?:\d|two|three|four|five|six|seven|eight|nine|ten)", re.I)



def blocked(text: str, a: Atom, sent: SpacySpan, phones: list[tuple[int, int]]) -> bool:
    """Numbers that are not quantities: times, dates, names, streets, phone numbers, codes."""
    if a.vague:
        return False
    if any(x <= a.start < y for x, y in phones):
        return True
    before = text[max(sent.start_char, a.start - 30):a.start]
    after = text[a.end:a.end + 40]
    if TIME_AFTER.match(after) or re.search(r"\d[:/]$", before) or re.match(r"^[/:]\d", after):
        return True
    if re.search(r"[A-Za-z]-$", before):  # COVID-19, F-16
        return True
    if re.match(r"^\s?['’′]\s?\d|^[\"”″]", after) or re.search(r"\d\s?['’′]\s?$", before):
        return True  # a height, 6'3"
    if COMPOUND_AFTER.match(after) or DECADE_AFTER.match(after) or MONTH_RANGE_BEFORE.search(before):
        return True
    if re.fullmatch(r"\d{7,}", a.text.strip()):  # ids and timestamps: quantities that big carry commas
        return True
    prev_word = re.search(r"([A-Za-z.]+)\s*$", before)
    next_word = re.match(r"^\s*([A-Za-z.]+)", after)
    if (prev_word and is_month(prev_word.group(1))) or (next_word and is_month(next_word.group(1))):
        return True
    return bool(NAME_BEFORE.search(before[-16:]) or STREET_AFTER.match(after))


def year_like(a: Atom) -> bool:
    t = a.text.strip()
    return (not a.words and not a.currency and re.fullmatch(r"\d{4}", t) is not None
            and 1500 <= (a.value or 0) <= 2100)


def is_name_number(ctx: Context, a: Atom, sent: SpacySpan) -> bool:
    """'Branch 41', 'Resolution 2231': a number right after a capitalised word is part of a name,
    unless a plural noun follows it (title-case headlines: 'Iran Executed 30,000 Prisoners')."""
    text = doc_text(ctx)
    m = re.search(r"(?:^|\s)([A-Z][\w’'.-]*)\s+$", text[max(sent.start_char, a.start - 40):a.start])
    if not m or a.words or a.currency:
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


def in_name(ctx: Context, a: Atom) -> bool:
    """'Ground Zero', 'Group of Seven': a number inside an entity's name."""
    ent = ctx.entity_at(a.start, a.end)
    return ent is not None and any(x <= a.start and a.end <= y for x, y in ent.mentions)


def one_is_pronoun(ctx: Context, a: Atom) -> bool:
    if a.text.lower() not in ("one", "a", "an"):
        return False
    if a.text.lower() == "one" and RATIO_AHEAD.match(doc_text(ctx)[a.end:a.end + 16]):
        return False  # "one in four"
    if re.search(r"\b(?:by|at|in|on|for|no|any|every|each|which|this|that)\s+$", doc_text(ctx)[max(0, a.start - 8):a.start], re.I):
        return True  # "by one count", "at one point", "no one": idioms, not a count of one
    nxt = next_token(ctx.doc, a.end)
    return nxt is None or nxt.pos_ not in ("NOUN", "PROPN") or nxt.lower_ in TIME_UNITS
