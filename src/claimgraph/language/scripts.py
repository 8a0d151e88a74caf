"""The writing system of a stretch of text, from the Unicode blocks of its letters.

Script decides routing before any statistics do: an extractor built for Latin-script English
never sees Arabic-script text, however a detector scores it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter

# (first code point, last code point, script), sorted. Only the blocks news text is written in;
# letters outside them count as "Other".
_BLOCKS: list[tuple[int, int, str]] = sorted([
    (0x0041, 0x024F, "Latin"), (0x1E00, 0x1EFF, "Latin"),
    (0x0370, 0x03FF, "Greek"), (0x0400, 0x052F, "Cyrillic"), (0x0530, 0x058F, "Armenian"),
    (0x0590, 0x05FF, "Hebrew"), (0x0600, 0x06FF, "Arabic"), (0x0750, 0x077F, "Arabic"),
    (0x08A0, 0x08FF, "Arabic"), (0xFB50, 0xFDFF, "Arabic"), (0xFE70, 0xFEFF, "Arabic"),
    (0x0900, 0x097F, "Devanagari"), (0x0980, 0x09FF, "Bengali"), (0x10A0, 0x10FF, "Georgian"),
    (0x0E00, 0x0E7F, "Thai"), (0x3040, 0x30FF, "Kana"), (0x4E00, 0x9FFF, "Han"), (0xAC00, 0xD7AF, "Hangul"),
])
_STARTS = [b[0] for b in _BLOCKS]

# Letters Persian writes and Arabic does not (and the reverse): a tie-breaker for short text.
PERSIAN_LETTERS = frozenset("پچژگکی")
ARABIC_LETTERS = frozenset("ةيكى")


def script_of_char(ch: str) -> str | None:
    """The script of one letter; None for anything that is not a letter."""
    if not ch.isalpha():
        return None
    cp = ord(ch)
    i = bisect_right(_STARTS, cp) - 1
    if i >= 0 and _BLOCKS[i][0] <= cp <= _BLOCKS[i][1]:
        return _BLOCKS[i][2]
    return "Other"


_ASCII_LETTER = re.compile(r"[A-Za-z]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def scripts(text: str) -> Counter[str]:
    """How many letters of each script the text has. ASCII letters are counted by one regex pass:
    classifying every character of an English text one by one cost more than the language model."""
    counts = Counter(s for s in map(script_of_char, _NON_ASCII.findall(text)) if s)
    latin = len(_ASCII_LETTER.findall(text))
    if latin:
        counts["Latin"] += latin
    return counts


def main_script(text: str) -> tuple[str | None, int]:
    """The script most of the letters are in, and how many letters there are."""
    counts = scripts(text)
    if not counts:
        return None, 0
    return counts.most_common(1)[0][0], sum(counts.values())
