"""Numbers as written -> values and bounds.

Conventions (the cross-document contradiction detector relies on these):

value / low / high
    `value` is the number the text states; `low`/`high` the interval the text commits to,
    None meaning unbounded on that side. Two claims contradict only when their intervals
    do not overlap.

bound (Claim.bound) says which case applies:
    exact   "5,000", "three judges"             value = low = high = N
    lower   "over / more than / at least / in excess of / upwards of / N or more / N-plus"
                                                 value = low = N, high = None
    upper   "up to / as many as / fewer than / less than / under / at most / no more than"
                                                 value = high = N, low = None
    approx  "about / around / approximately / roughly / some / an estimated / estimated /
             circa / N or so"                    value = N, low = 0.9 N, high = 1.1 N (10 %)
            "nearly / almost / close to / just under"
                                                 value = N, low = 0.9 N, high = N
            "just over"                         value = N, low = N, high = 1.1 N
    range   "between A and B", "A to B", "A-B", "A–B", "from A to B", "A or B"
                                                 value = None, low = A, high = B; a qualifier
                                                 before a range ("about 2,800-3,800") widens it
                                                 by the same 10 %
    vague   "dozens" 24, "scores" 40, "hundreds" 200, "thousands" 2,000, "tens of thousands"
            20,000, "hundreds of thousands" 200,000, "millions" 2,000,000 (and so on):
                                                 value = None, low = that figure, high = None
            "several / a few / a couple of <scale>" ("several thousand")
                                                 value = None, low = 2 x scale, high = 10 x scale
    A qualifier on a vague number keeps the vague bounds ("over thousands" = "thousands").

`qualifier` keeps the qualifier words as written, lowercased ("more than", "an estimated").
Scales apply as written: "30 thousand" = 30,000; "1.2 million" = 1,200,000; "$5bn" = 5e9; a
scale on the second number of a range applies to the first when the first is smaller
("two to three thousand" = 2,000-3,000).

Shares: "eight of 10 voters", "1 in 4 residents", "three out of five" are percent claims
(value 80, 25, 60), with the qualifier applied as above ("nearly eight of 10": 72-80).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
        "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
          "trillion": 1_000_000_000_000, "dozen": 12, "bn": 1e9, "b": 1e9, "mn": 1e6, "m": 1e6, "k": 1e3}
VAGUE = {"dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2_000, "millions": 2_000_000,
         "billions": 2_000_000_000, "tens": 20}

_UNIT = "|".join(sorted(UNITS, key=len, reverse=True))
_TEN = "|".join(TENS)
_SMALLW = rf"(?:(?:{_TEN})(?:[- ](?:{_UNIT})\b)?|(?:{_UNIT}))"
_SCALEW = r"(?:hundred|thousand|million|billion|trillion|dozen)"
_HALF = r"(?:half\s+an?|a\s+half)\s+(?:dozen|hundred|thousand|million|billion)\b"
WORDNUM = rf"(?:{_HALF}|(?:{_SMALLW}|an?(?=\s+{_SCALEW}\b))\b(?:\s+{_SCALEW}\b(?:\s+(?:and\s+)?{_SMALLW}\b)?)*)"
VAGUE_RE = (r"(?:(?:tens|hundreds|dozens)\s+of\s+(?:thousands|millions|billions)|dozens|scores|hundreds|thousands|"
            r"millions|billions|(?:several|a\s+few|a\s+couple\s+of|few)\s+(?:hundred|thousand|million|billion)\b)")
DIGITS = r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?"  # ASCII digits: the pipeline reads English
CURRENCY = r"(?:US\$|\$|£|€|¥|USD\s?|EUR\s?|GBP\s?)"

ATOM = re.compile(
    rf"(?P<cur>{CURRENCY})?(?<![\w.,])(?:(?P<num>{DIGITS})(?P<scale>\s*(?:hundred|thousand|million|billion|trillion)\b"
    rf"|(?:bn|mn|m|k|b)\b)?(?![\w,.]\d)(?!\w)|(?P<vague>{VAGUE_RE})|(?P<words>{WORDNUM}))",
    re.I,
)
QUALIFIER = re.compile(
    r"(?:^|[\s(\"“‘'])(?P<q>more\s+than|over|at\s+least|up\s+to|about|approximately|approx\.|an\s+estimated|"
    r"estimated|nearly|almost|some|fewer\s+than|less\s+than|around|roughly|as\s+many\s+as|as\s+few\s+as|"
    r"close\s+to|in\s+excess\s+of|upwards\s+of|upward\s+of|no\s+fewer\s+than|no\s+less\s+than|no\s+more\s+than|"
    r"not\s+more\s+than|at\s+most|just\s+over|just\s+under|well\s+over|well\s+above|under|below|above|"
    r"a\s+minimum\s+of|a\s+maximum\s+of|a\s+total\s+of|circa|c\.|an\s+approximate|approximately\s+some|"
    r"a\s+mere|only|exactly|precisely|at\s+the\s+very\s+least|perhaps|possibly|maybe|as\s+much\s+as|"
    r"between|from)\s+$",
    re.I,
)
SUFFIX = re.compile(r"^(?:\s+or\s+more|\s+or\s+so|-?plus\b|\+|\s+and\s+counting|\s+or\s+fewer|\s+or\s+less)", re.I)
RANGE_SEP = re.compile(r"^\s*(?:-|–|—|to|and|or|through)\s*$", re.I)

LOWER = {"more than", "over", "at least", "in excess of", "upwards of", "upward of", "no fewer than",
         "no less than", "well over", "well above", "above", "a minimum of", "at the very least",
         "or more", "plus", "+", "and counting"}
UPPER = {"up to", "as many as", "fewer than", "less than", "no more than", "not more than", "at most", "under",
         "below", "a maximum of", "as much as", "or fewer", "or less", "as few as"}
APPROX = {"about", "approximately", "approx.", "an estimated", "estimated", "some", "around", "roughly", "circa",
          "c.", "an approximate", "approximately some", "or so", "perhaps", "possibly", "maybe"}
NEAR_BELOW = {"nearly", "almost", "close to", "just under"}
NEAR_ABOVE = {"just over"}
EXACT = {"a total of", "exactly", "precisely", "a mere", "only"}
TOLERANCE = 0.1


@dataclass
class Atom:
    start: int
    end: int
    value: float | None  # None for vague plurals
    low: float | None
    high: float | None
    vague: bool
    words: bool  # spelled out in words
    currency: str | None
    text: str


@dataclass
class Figure:
    """One stated figure: an atom (or two, for a range or a share) with its qualifier."""

    start: int
    end: int
    value: float | None
    low: float | None
    high: float | None
    qualifier: str | None
    bound: str
    atom: Atom  # the last atom (the one the noun follows)
    ratio: bool = False  # "eight of 10", "1 in 4": a proportion, stated in percent


def words_value(text: str) -> float | None:
    """'two hundred and fifty thousand' -> 250000; None when the words do not compose."""
    t = text.lower()
    half = re.match(r"(?:half\s+an?|a\s+half)\s+", t)
    if half:
        inner = words_value("a " + t[half.end():])
        return inner / 2 if inner is not None else None
    total = 0.0
    current = 0.0
    seen = False
    for w in re.split(r"[\s-]+", t):
        if w in ("and", ""):
            continue
        if w in ("a", "an"):
            current = 1
        elif w in UNITS:
            current += UNITS[w]
        elif w in TENS:
            current += TENS[w]
        elif w in ("hundred", "dozen"):
            current = (current or 1) * SCALES[w]
        elif w in SCALES:
            total += (current or 1) * SCALES[w]
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def vague_bounds(text: str) -> tuple[float, float | None]:
    t = " ".join(text.lower().split())
    m = re.match(r"(tens|hundreds|dozens) of (thousands|millions|billions)$", t)
    if m:
        return _multiple(m.group(1), m.group(2)), None
    m = re.match(r"(?:several|a few|a couple of|few) (hundred|thousand|million|billion)$", t)
    if m:
        scale = SCALES[m.group(1)]
        return 2 * scale, 10 * scale
    return float(VAGUE[t]), None


def _multiple(first: str, second: str) -> float:
    base = {"tens": 20, "hundreds": 200, "dozens": 24}[first]
    return float(base * SCALES[second[:-1]])


def parse_atom(m: re.Match[str]) -> Atom | None:
    cur = m.group("cur")
    if m.group("num"):
        value = float(m.group("num").replace(",", ""))
        scale = (m.group("scale") or "").strip().lower()
        if scale:
            if scale in ("m", "k", "b", "bn", "mn") and not cur:
                return None  # "5m" is five metres unless money says otherwise
            value *= SCALES[scale]
        return Atom(m.start("num") if not cur else m.start(), m.end(), value, value, value, False, False,
                    cur.strip() if cur else None, m.group(0))
    if m.group("vague"):
        low, high = vague_bounds(m.group("vague"))
        return Atom(m.start(), m.end(), None, low, high, True, True, None, m.group(0))
    v = words_value(m.group("words"))
    if v is None:
        return None
    return Atom(m.start(), m.end(), v, v, v, False, True, None, m.group(0))


def bounds(qualifier: str | None, value: float) -> tuple[float | None, float | None, str]:
    """(low, high, bound) for a single stated number with its qualifier (see the module doc)."""
    q = (qualifier or "").lower()
    q = " ".join(q.split())
    if not q or q in EXACT:
        return value, value, "exact"
    if q in LOWER:
        return value, None, "lower"
    if q in UPPER:
        return None, value, "upper"
    if q in NEAR_BELOW:
        return _tidy(value * (1 - TOLERANCE)), value, "approx"
    if q in NEAR_ABOVE:
        return value, _tidy(value * (1 + TOLERANCE)), "approx"
    if q in APPROX:
        return _tidy(value * (1 - TOLERANCE)), _tidy(value * (1 + TOLERANCE)), "approx"
    return value, value, "exact"


def _tidy(x: float) -> float:
    """700 * 1.1 is 770.0000000000001 in binary floating point: keep bounds people can read."""
    return round(x, 6)


def scan(text: str) -> list[Atom]:
    """Every number-like expression in text, in order, not yet filtered for dates and names."""
    out = []
    for m in ATOM.finditer(text):
        a = parse_atom(m)
        if a is not None:
            out.append(a)
    return out
