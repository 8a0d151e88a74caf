"""Whether a name is a place here: what the gazetteer knows of it, and what the words around one
mention say ("a plant at Arak", "Natanz, Iran", the dateline "FARGO, N.D. -").

The entity stage weighs this evidence against the parser's tags and the person cues; this module
only reads it, on strings and offsets, so it can be tested without a parse.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import TYPE_CHECKING

from ..places import Place, readings, within
from .names import LOCATIVE_BEFORE

if TYPE_CHECKING:
    from spacy.tokens import Doc

# A place name the parser typed otherwise is a place without help from the words around it when
# it names a country, a region or a city of a million: a person or a body that shares such a name
# is rarely written without a first name or a title.
BIG_CITY = 1_000_000
COMMA_PLACE = re.compile(r"^,\s+([A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)")
PLACE_BEFORE = re.compile(r"([A-Z][\w.]*(?:\s[A-Z][\w.]*)?),\s+$")
DATELINE_AFTER = re.compile(r"^(?:,\s+[A-Z][\w.]*(?:\s[A-Z][\w.]*)?\s*)?(?:[—–-]|\()")
POSSESSIVE_AFTER = re.compile(r"^['’](?:s\b|\s|$)")


def primary_place(name: str) -> Place | None:
    """The place a name is the main name of (not one of its old names or translations)."""
    return next((r.place for r in readings(name) if r.primary), None)


def strong_place(name: str) -> bool:
    """The main name of a country, a region, a continent or a city of a million people."""
    return any(r.primary and (r.place.kind != "city" or r.place.population >= BIG_CITY) for r in readings(name))


def _modifies_next_noun(doc: Doc, starts: list[int], end: int) -> bool:
    """'at Trump rallies', 'in Sanders campaign': the name qualifies a noun; it is not where."""
    i = bisect_left(starts, end)
    while i < len(doc) and doc[i].is_space:
        i += 1
    return i < len(doc) and doc[i].pos_ in {"NOUN", "PROPN"} and doc[i].text[:1].islower()


def place_cue(text: str, doc: Doc, starts: list[int], start: int, end: int, name: str) -> bool:
    """The words around one mention say it is a place."""
    after = text[end:end + 40]
    if POSSESSIVE_AFTER.match(after):
        return False  # "in Obama's words": the name owns something; it is not where
    if LOCATIVE_BEFORE.search(text[max(0, start - 30):start]) and not _modifies_next_noun(doc, starts, end):
        return True
    if name.isupper() and (start == 0 or text[start - 1] == "\n") and DATELINE_AFTER.match(after):
        return True  # a dateline: "FARGO, N.D. -", "WASHINGTON (AP)"
    before = PLACE_BEFORE.search(text[max(0, start - 40):start])
    if before and within(before.group(1), name):
        return True  # "Toledo, Ohio"
    comma = COMMA_PLACE.match(after)
    return comma is not None and within(name, comma.group(1))
