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
                                                 value = None, low = 2 x scale, high = None
            "several", "a few", "multiple", "a couple of" alone
                                                 value = low = high = None
            "double digits" (10-99), "single digits" (1-9), "triple digits" (100-999)
    A qualifier on a vague number keeps the vague bounds ("over thousands" = "thousands").

Which bounds the text states: for exact, lower, upper and range claims low/high are the text's
own figures ("about 30 to 70" stays 30-70: the qualifier is kept, nobody stated 27-77); for approx
and vague claims they are an interpretation (the 10 % tolerance, the figure "thousands" stands
for), secondary to `number_text` and `qualifier`, which keep the words as written.

`qualifier` keeps the qualifier words as written, lowercased ("more than", "an estimated").
Scales apply as written: "30 thousand" = 30,000; "1.2 million" = 1,200,000; "$5bn" = 5e9; a
scale on the second number of a range applies to the first when the first is smaller
("two to three thousand" = 2,000-3,000).

Shares: "eight of 10 voters", "1 in 4 residents", "three out of five" are percent claims
(value 80, 25, 60), with the qualifier applied as above ("nearly eight of 10": 72-80). Fractions
are percents too: "half of" 50, "a third of" 33.33, "two-thirds" 66.67, "more than half" lower 50.

Other forms (Atom.form): "twice" (a multiplier, 2), "third-largest" / "tied for fifth" (a rank,
3 / 5), "a year" / "an hour" (the article as one, kept only when a qualifier or "and a half" makes
it a figure: "about an hour", "a year and a half" 1.5), "quarter-century" (25), "half an hour" (0.5).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# The qualifier words and what they commit to are shared with resolve (one table, one tolerance).
from ..quantities import TOLERANCE as TOLERANCE
from ..quantities import bounds as bounds

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
DIGIT_BANDS = {"single": (1.0, 9.0), "double": (10.0, 99.0), "triple": (100.0, 999.0)}
FRACTIONS = {"half": 50.0, "third": 100 / 3, "quarter": 25.0, "fifth": 20.0, "sixth": 100 / 6, "eighth": 12.5,
             "tenth": 10.0}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
            "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12}
MULTIPLIERS = {"twice": 2.0, "thrice": 3.0}
SPANS = {"quarter-century": 25.0, "half-century": 50.0, "half-dozen": 6.0}
# Units a spelled-out article can stand as "one" of ("about an hour", "almost a mile").
ARTICLE_UNITS = (r"(?:year|month|week|day|hour|minute|decade|century|mile|kilometre|kilometer|foot|inch|yard|"
                 r"metre|meter|pound|ton|tonne|gallon|litre|liter|acre|point|percentage\s+point)")

_UNIT = "|".join(sorted(UNITS, key=len, reverse=True))
_TEN = "|".join(TENS)
_SMALLW = rf"(?:(?:{_TEN})(?:[- ](?:{_UNIT})\b)?|(?:{_UNIT}))"
_SCALEW = r"(?:hundred|thousand|million|billion|trillion|dozen)"
_HALF = r"(?:half\s+an?|a\s+half)\s+(?:dozen|hundred|thousand|million|billion)\b"
WORDNUM = rf"(?:{_HALF}|(?:{_SMALLW}|an?(?=\s+{_SCALEW}\b))\b(?:\s+{_SCALEW}\b(?:\s+(?:and\s+)?{_SMALLW}\b)?)*)"
VAGUE_RE = (r"(?:(?:tens|hundreds|dozens)\s+of\s+(?:thousands|millions|billions)|dozens|scores|hundreds|thousands|"
            r"millions|billions|(?:several|a\s+few|a\s+couple\s+of|few)\s+(?:dozen|hundred|thousand|million|billion)\b|"
            r"(?:several|a\s+few|multiple|a\s+couple\s+of)(?=\s+\w)|a\s+handful(?=\s+of\b)|"
            r"(?:single|double|triple)\s+digits\b)")
_FRAC = r"(?:half|thirds?|quarters?|fifths?|sixths?|eighths?|tenths?)"
# Spelled apart ("a third", "half") a fraction is a share only in context: nonclaims.py asks.
FRACTION_RE = (rf"(?:(?:one|two|three|four|five|seven|nine)-{_FRAC}|(?:a|one|two|three|four)\s+{_FRAC}"
               rf"|half(?!\s+an?\s+(?:dozen|hundred|thousand|million|billion)\b))(?![\w-])")
# A rank stated by an ordinal: "third-largest", "the second most populous", "tied for fifth",
# "finished third", "in third place". Ordinals of sequence ("the first debate") are not claims.
ORDINAL_RE = r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|\d{1,3}(?:st|nd|rd|th))"
RANK_BEFORE = re.compile(r"\b(?:tied\s+for|finished|finishing|finish|came\s+in|came|placed|ranked|ranks|was|is|were|are)"
                         r"\s+$", re.I)
RANK_AFTER_ALONE = re.compile(r"^\s*(?:[,.;:)]|$|\s(?:in|at|with|among|behind|after|overall|nationally|place)\b)", re.I)
RANK_AFTER = re.compile(r"^(?:-(?:largest|biggest|highest|lowest|most|least|best|worst|richest|poorest|busiest|oldest|"
                        r"youngest|longest|smallest|fastest|deadliest|leading|ranked|place|strongest|weakest|"
                        r"greatest)\b|\s+(?:place|most|least|largest|biggest|highest|lowest|richest|poorest|busiest|"
                        r"deadliest)\b)", re.I)
DIGITS = r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?"  # ASCII digits: the pipeline reads English
CURRENCY = r"(?:US\$|\$|£|€|¥|USD\s?|EUR\s?|GBP\s?)"

# The leading look-behind rejects positions inside words at once: it makes the scan a fifth faster.
ATOM = re.compile(
    rf"(?<![\w.,])(?P<cur>{CURRENCY})?(?<![\w.,])(?:(?P<height>(?P<feet>[4-7])(?:-(?:foot|feet)-|['’′]\s?)(?P<inches>1[01]|\d)"
    rf"(?:[\"”″]|(?=\W)))|(?P<num>{DIGITS})(?P<scale>\s*(?:hundred|thousand|million|billion|trillion)\b"
    rf"|(?:bn|mn|m|k|b)\b)?(?![\w,.]\d)(?!\w)|(?P<decade>[1-9]0)s\b|(?P<span>quarter-century|half-century|half-dozen)\b"
    rf"|(?P<halfunit>half\s+an?)(?=\s+{ARTICLE_UNITS}\b)|(?P<vague>{VAGUE_RE})|(?P<frac>{FRACTION_RE})"
    rf"|(?P<ord>{ORDINAL_RE})\b|(?P<mult>twice|thrice)\b|(?P<pair>a\s+pair)(?=\s+of\b)|(?P<article>an?)(?=\s+{ARTICLE_UNITS}\b)|(?P<words>{WORDNUM}))",
    re.I,
)
QUALIFIER = re.compile(
    r"(?:^|[\s(\"“‘'])(?P<q>more\s+than|over|at\s+least|up\s+to|about|approximately|approx\.|an\s+estimated|"
    r"estimated|nearly|almost|some|fewer\s+than|less\s+than|around|roughly|as\s+many\s+as|as\s+few\s+as|"
    r"close\s+to|in\s+excess\s+of|upwards\s+of|upward\s+of|no\s+fewer\s+than|no\s+less\s+than|no\s+more\s+than|"
    r"not\s+more\s+than|at\s+most|just\s+over|just\s+under|well\s+over|well\s+above|under|below|above|"
    r"a\s+minimum\s+of|a\s+maximum\s+of|a\s+total\s+of|circa|c\.|an\s+approximate|approximately\s+some|"
    r"a\s+mere|only|exactly|precisely|at\s+the\s+very\s+least|perhaps|possibly|maybe|as\s+much\s+as|"
    r"within|higher\s+than|greater\s+than|lower\s+than|longer\s+than|shorter\s+than|"
    r"between|from)\s+$",
    re.I,
)
AGE_DECADE_BEFORE = re.compile(r"\b(?:his|her|their|my|your|our)\s+(?:early\s+|mid-?|late\s+)?$", re.I)
MINUS_BEFORE = re.compile(r"(?<!or )(?<!/)\bminus\s+$", re.I)  # "minus 10 degrees"
AND_A_HALF = re.compile(rf"^(?:(?:\s+{ARTICLE_UNITS}s?)?[\s-]+and[\s-]+a[\s-]+half\b|\s?½)", re.I)
SUFFIX = re.compile(r"^(?:\s+or\s+more|\s+or\s+so|-?plus\b|\+|\s+and\s+counting|\s+or\s+fewer|\s+or\s+less)", re.I)



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
    # digits | words | vague | fraction (a share, in percent) | multiplier ("twice") | rank
    # ("third-largest") | article ("an hour": one, if a qualifier makes it a figure) | span |
    # height ("6-foot-7") | decade (an age: "in his 70s")
    form: str = "digits"


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
    # A score or a record ("a 31-24 victory", "confirmed 92 to 0", "(7-7)"): each side is its own
    # figure; `pair` is the other side's atom, whose unit ("46 to 40 percent") both share.
    pair: Atom | None = None


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


def vague_bounds(text: str) -> tuple[float | None, float | None]:
    t = " ".join(text.lower().split())
    m = re.match(r"(tens|hundreds|dozens) of (thousands|millions|billions)$", t)
    if m:
        return _multiple(m.group(1), m.group(2)), None
    m = re.match(r"(?:several|a few|a couple of|few) (dozen|hundred|thousand|million|billion)$", t)
    if m:
        return 2 * SCALES[m.group(1)], None
    m = re.match(r"(single|double|triple) digits$", t)
    if m:
        return DIGIT_BANDS[m.group(1)]
    if t in VAGUE:
        return float(VAGUE[t]), None
    return None, None  # "several", "a few", "multiple": vague, with no figure at all


def fraction_value(text: str) -> float | None:
    """'half' 50, 'a third' 33.33, 'two-thirds' 66.67, 'three quarters' 75 (in percent)."""
    words = re.split(r"[\s-]+", text.lower())
    base = FRACTIONS.get(words[-1].rstrip("s") if words[-1] != "halves" else "half")
    if base is None:
        return None
    count = 1.0 if len(words) == 1 or words[0] in ("a", "an") else float(UNITS.get(words[0], 0))
    return round(count * base, 2) if count else None


def _multiple(first: str, second: str) -> float:
    base = {"tens": 20, "hundreds": 200, "dozens": 24}[first]
    return float(base * SCALES[second[:-1]])


def parse_atom(m: re.Match[str]) -> Atom | None:
    cur = m.group("cur")
    if m.group("height") and not cur:  # "6-foot-7", 6'3": a height, in feet
        feet = round(int(m.group("feet")) + int(m.group("inches")) / 12, 2)
        return Atom(m.start(), m.end(), feet, feet, feet, False, False, None, m.group(0), "height")
    if m.group("num"):
        value = float(m.group("num").replace(",", ""))
        scale = (m.group("scale") or "").strip().lower()
        if scale:
            if scale in ("m", "k", "b", "bn", "mn") and not cur:
                return None  # "5m" is five metres unless money says otherwise
            value *= SCALES[scale]
        start = m.start("num") if not cur else m.start()
        minus = MINUS_BEFORE.search(m.string[max(0, start - 12):start])
        if minus:
            value, start = -value, start - len(minus.group(0))
        return Atom(start, m.end(), value, value, value, False, False, cur.strip() if cur else None,
                    m.string[start:m.end()])
    if cur:
        return None  # "$" before words: not a figure this reader knows
    if m.group("ord"):
        return rank_atom(m)
    if m.group("decade"):  # "in his 70s": an age from 70 to 79; "the 70s" is not read here
        if not AGE_DECADE_BEFORE.search(m.string[max(0, m.start() - 20):m.start()]):
            return None
        decade = float(m.group("decade"))
        return Atom(m.start(), m.end(), None, decade, decade + 9, False, False, None, m.group(0), "decade")
    if m.group("vague"):
        low, high = vague_bounds(m.group("vague"))
        return Atom(m.start(), m.end(), None, low, high, True, True, None, m.group(0), "vague")
    v: float | None
    if m.group("frac"):
        v, form = fraction_value(m.group("frac")), "fraction"
    elif m.group("mult"):
        v, form = MULTIPLIERS[m.group("mult").lower()], "multiplier"
    elif m.group("pair"):
        v, form = 2.0, "words"
    elif m.group("article"):
        v, form = 1.0, "article"
    elif m.group("halfunit"):
        v, form = 0.5, "article"
    elif m.group("span"):
        v, form = SPANS[m.group("span").lower()], "span"
    else:
        v, form = words_value(m.group("words")), "words"
    if v is None:
        return None
    return Atom(m.start(), m.end(), v, v, v, False, True, None, m.group(0), form)


def rank_atom(m: re.Match[str]) -> Atom | None:
    """An ordinal that states a rank, by the words around it; None for an ordinal of sequence."""
    t, start, end = m.group("ord"), m.start("ord"), m.end("ord")
    after = m.string[end:end + 25]
    if not (RANK_AFTER.match(after) or (RANK_BEFORE.search(m.string[max(0, start - 12):start])
                                         and RANK_AFTER_ALONE.match(after))):
        return None
    v = float(ORDINALS.get(t.lower()) or int(re.sub(r"\D", "", t)))
    return Atom(start, end, v, v, v, False, not t[0].isdigit(), None, t, "rank")


def scan(text: str) -> list[Atom]:
    """Every number-like expression in text, in order, not yet filtered for dates and names."""
    out = []
    for m in ATOM.finditer(text):
        a = parse_atom(m)
        if a is not None:
            out.append(a)
    return out
