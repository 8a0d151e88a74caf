"""Persian numbers as written -> values and bounds, by the English reader's conventions.

Digits: Persian (۰-۹), Arabic-Indic (٠-٩) and ASCII, with the Arabic thousands separator `٬`
or a comma, and the decimal separator `٫` (or a point, or a slash before a scale word:
"۲/۵ میلیون"). Words: units, tens, hundreds and scales joined by "و" ("سی و پنج هزار" =
35,000), also after digits ("۳۰ هزار"). Vague plurals ("هزاران") and "several" ("چند هزار")
get the English figures. A qualifier before the number ("بیش از", "حدود", "دست‌کم") gives the
bounds of its English equivalent (claimgraph.extract.numbers.bounds), and ranges ("۲۸۰۰ تا
۳۸۰۰", "بین ... و ...") read as in English, a scale written once applying to both ends.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..numbers import TOLERANCE, bounds
from .lexicon import (
    AMBIGUOUS_ALONE,
    HUNDREDS,
    QUALIFIERS,
    RANGE_OPENERS,
    SCALES,
    SEVERAL,
    TENS,
    UNITS,
    VAGUE,
    alternation,
)

D = "[0-9\u06f0-\u06f9\u0660-\u0669]"
_DIGITS = (rf"{D}+/{D}{{1,2}}(?=\s*(?:میلیون|میلیارد|هزار|درصد))|{D}{{1,3}}(?:[\u066c,]{D}{{3}})+(?:[\u066b.]{D}+)?"
           rf"|{D}+(?:[\u066b.]{D}+)?")
_WORDS = {**UNITS, **TENS, **HUNDREDS}
_WORD = alternation([*_WORDS, *SCALES])
# A word number is a whole word: "سه" in "سه‌شنبه" (Tuesday) is not three.
_TOKEN = re.compile(rf"(?P<d>{_DIGITS})|(?P<w>{_WORD})(?![^\W\d_]|\u200c[^\W\d_])")
_JOIN = re.compile(r"\s*(?:\s\u0648\s|\s)\s*")  # a space, or " و " ("and")
_BOUNDARY_BEFORE = re.compile(r"[^\W\d_]\u200c?$")
_VAGUE = re.compile(
    rf"(?<![^\W\d_])(?P<v>{alternation(VAGUE)})(?:\s+(?P<vs>{alternation(SCALES)}))?(?![^\W\d_])"
    rf"|(?<![^\W\d_])(?P<sev>{alternation(SEVERAL)})\s+(?P<ss>صد|{alternation(SCALES)})(?![^\W\d_])")
_QUALIFIER = re.compile(rf"(?:^|[\s(«])(?P<q>{alternation(QUALIFIERS)})\s*$")
_RANGE_SEP = re.compile(r"^\s*(?:تا|الی|-|–|—|و)\s*$")
_RANGE_OPEN = re.compile(rf"(?:^|\s)(?:{alternation(RANGE_OPENERS)})\s+$")
_TO_ASCII = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")


@dataclass
class Number:
    start: int
    end: int
    value: float | None
    low: float | None
    high: float | None
    bound: str  # exact | lower | upper | approx | range | vague (see extract/numbers.py)
    qualifier: str | None  # the English equivalent of the qualifier, as numbers.bounds reads it
    text: str  # the words as written, qualifier included
    words: bool = False  # spelled out
    scaled: bool = False  # ends in a scale word ("هزار")


def digits_value(s: str) -> float:
    s = s.translate(_TO_ASCII).replace("\u066c", "").replace(",", "")
    return float(s.replace("\u066b", ".").replace("/", "."))


def _atoms(text: str) -> list[tuple[int, int, float, bool, bool]]:
    """(start, end, value, spelled out, ends in a scale) for each number written in digits or words."""
    out: list[tuple[int, int, float, bool, bool]] = []
    pos = 0
    while True:
        m = _TOKEN.search(text, pos)
        if not m:
            return out
        if m.start() and _BOUNDARY_BEFORE.search(text[max(0, m.start() - 2):m.start()]):
            pos = m.end()
            continue
        start, end, value, spelled, scaled = _compose(text, m)
        if value is not None:
            out.append((start, end, value, spelled, scaled))
        pos = max(end, m.end())


def _rank(v: float) -> float:
    """Hundreds, tens, teens, units: each part added must be of a lower rank than the last."""
    return 3 if v >= 100 else 2 if v >= 20 else 1.5 if v >= 10 else 1


def _word(raw: str) -> str:
    flat = re.sub(r"[\s\u200c]+", "", raw)
    return next((k for k in (*_WORDS, *SCALES) if k.replace("\u200c", "") == flat), flat)


def _compose(text: str, first: re.Match[str]) -> tuple[int, int, float | None, bool, bool]:
    """Read number tokens joined by spaces or "و" into one value, stopping where the parts stop
    composing ("دو سه روز" is "two or three days", not 23)."""
    total = current = 0.0
    last = float("inf")  # rank of the last part added to `current`
    words: list[str] = []
    scaled = False
    end = first.start()
    m: re.Match[str] | None = first
    while m is not None:
        if m.group("d"):
            if words or current or total:
                break  # digits come first or not at all
            current, last = digits_value(m.group("d")), 0
        else:
            w = _word(m.group("w"))
            if w in SCALES:
                if total and SCALES[w] >= _largest_scale(total):
                    break
                total += (current or 1) * SCALES[w]
                current, last, scaled = 0, float("inf"), True
            elif w == "صد" and 0 < current < 10 and last == 1:
                current *= 100  # "سه صد", written apart
                last = 3
            elif _rank(_WORDS[w]) < last:
                current += _WORDS[w]
                last = _rank(_WORDS[w])
                scaled = False
            else:
                break
            words.append(w)
        end = m.end()
        m = _next(text, end)
    if len(words) == 1 and words[0] in AMBIGUOUS_ALONE and first.group("w") is not None:
        return first.start(), end, None, True, False
    return first.start(), end, total + current, bool(words), scaled


def _largest_scale(total: float) -> float:
    return max((s for s in SCALES.values() if s <= total), default=1)


def _next(text: str, end: int) -> re.Match[str] | None:
    j = _JOIN.match(text, end)
    if not j:
        return None
    m = _TOKEN.match(text, j.end())
    if m is None or (m.end() < len(text) and re.match(r"[^\W\d_]", text[m.end()])):
        return None
    return m


def _flat_key(table: dict[str, tuple[str, float]], written: str) -> str:
    flat = re.sub(r"[\s\u200c]+", "", written)
    return next(k for k in table if re.sub(r"[\s\u200c]+", "", k) == flat)


def scan(text: str) -> list[Number]:
    """Every quantity written in the text, with its qualifier and ranges read."""
    items: list[Number] = []
    taken: list[tuple[int, int]] = []
    for m in _VAGUE.finditer(text):
        if m.group("v"):
            gloss, low = VAGUE[_flat_key(VAGUE, m.group("v"))]
            if m.group("vs"):
                scale = SCALES[_word(m.group("vs"))]
                low *= scale
                gloss = f"{gloss} of {'thousands' if scale == 1_000 else 'millions'}"
            items.append(Number(m.start(), m.end(), None, low, None, "vague", gloss, m.group(0), True))
        else:
            scale = 100 if m.group("ss") == "صد" else SCALES[_word(m.group("ss"))]
            items.append(Number(m.start(), m.end(), None, 2 * scale, 10 * scale, "vague", "several", m.group(0), True))
        taken.append((m.start(), m.end()))
    for start, end, value, spelled, scaled in _atoms(text):
        if any(a < end and start < b for a, b in taken):
            continue
        items.append(Number(start, end, value, value, value, "exact", None, text[start:end], spelled, scaled))
    items.sort(key=lambda n: n.start)
    return _qualify(text, _ranges(text, items))


def _ranges(text: str, items: list[Number]) -> list[Number]:
    out: list[Number] = []
    i = 0
    while i < len(items):
        a = items[i]
        b = items[i + 1] if i + 1 < len(items) else None
        if b is not None and a.bound == "exact" and b.bound == "exact" and _RANGE_SEP.match(text[a.end:b.start]):
            sep = text[a.end:b.start].strip()
            opened = _RANGE_OPEN.search(text[:a.start])
            if sep != "و" or opened:
                lo, hi = a.value or 0.0, b.value or 0.0
                if b.scaled and not a.scaled and lo < hi:
                    scale = _largest_scale(hi)
                    if lo * scale <= hi:
                        lo *= scale  # "دو تا سه هزار": 2,000 to 3,000
                if lo < hi:
                    start = opened.start() + (1 if text[opened.start()].isspace() else 0) if opened else a.start
                    out.append(Number(start, b.end, None, lo, hi, "range", "between" if opened else None,
                                      text[start:b.end], a.words or b.words, b.scaled))
                    i += 2
                    continue
        out.append(a)
        i += 1
    return out


def _qualify(text: str, items: list[Number]) -> list[Number]:
    for n in items:
        m = _QUALIFIER.search(text[max(0, n.start - 30):n.start])
        if not m:
            continue
        written = " ".join(m.group("q").replace("\u200c", " ").split())
        english = next((v for k, v in QUALIFIERS.items() if " ".join(k.replace("\u200c", " ").split()) == written), None)
        if english is None:
            continue
        n.start -= len(text[max(0, n.start - 30):n.start]) - m.start("q")
        n.text = text[n.start:n.end]
        if n.bound == "vague":
            continue  # "بیش از هزاران" is "thousands", as in English
        if n.bound == "range":
            if english in ("about", "approximately"):
                n.low = round((n.low or 0) * (1 - TOLERANCE), 6)
                n.high = round((n.high or 0) * (1 + TOLERANCE), 6)
            n.qualifier = english
            continue
        assert n.value is not None
        n.low, n.high, n.bound = bounds(english, n.value)
        n.qualifier = english
    return items
