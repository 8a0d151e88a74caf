"""Dates and periods in a sentence -> ISO 8601 strings.

Forms produced: "1988-07-18" (a day), "1988-07" (a month), "1988" (a year or a season of it:
"summer of 1988" -> "1988"), "2017-W27" (a week), "1980/1989" (a decade or a span of years).
Relative expressions ("last week", "earlier this month", "on Friday") are resolved against the
document's published date (inferred=False: the text and the date say it). Without a published
date, a clue such as "the 29th anniversary" of a 1988 event gives the year of writing, and a
relative expression resolves to that year only; a day without a year ("on July 1") takes the
year of writing. Those times are returned with inferred=True.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], 1)}
MONTH_ABBR = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
              "oct": 10, "nov": 11, "dec": 12}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
          r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)")
MONTH_RE = re.compile(_MONTH + r"$")
YEAR = r"(?:1[5-9]\d\d|20\d\d)"

DATE = re.compile(
    rf"(?P<mdy>{_MONTH}\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y1>{YEAR}))?)(?![\d,]\d)"
    rf"|(?P<dmy>(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{_MONTH})(?:,?\s+(?P<y2>{YEAR}))?)"
    rf"|(?P<my>(?P<m3>{_MONTH}),?\s+(?:of\s+)?(?P<y3>{YEAR}))"
    rf"|(?P<span>(?:between\s+)?(?P<ya>{YEAR})\s*(?:-|–|—|to|and|through)\s*(?P<yb>{YEAR}|\d\d))(?!\d)"
    rf"|(?P<decade>(?:the\s+)?(?P<dec>1[5-9]\d0|20\d0)['’]?s)\b"
    rf"|(?P<year>(?<![\d,.$£€])(?P<y4>{YEAR}))(?![\d,]\d)(?!\w)"
    r"|(?P<rel>\b(?:today|yesterday|tonight|(?:earlier|later)\s+(?:this|last)\s+(?:week|month|year)|"
    r"(?:this|last|next|past)\s+(?:week|month|year|weekend|spring|summer|autumn|fall|winter)|"
    r"(?:on|last|this|next)\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
    r"(?:a|one|two|three|four|five|six|\d+)\s+(?:days?|weeks?|months?|years?)\s+ago)\b)",
    re.I,
)
ANNIVERSARY = re.compile(r"\b(\d{1,3})(?:st|nd|rd|th)\s+anniversary\b", re.I)
BARE_YEAR = re.compile(rf"(?<![\d,.$£€])({YEAR})(?![\d,]\d)(?!\w)")
WORD_N = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


@dataclass
class When:
    start: int
    end: int
    iso: str | None
    inferred: bool = False


def _month(s: str) -> int:
    s = s.lower().rstrip(".")
    return MONTHS.get(s) or MONTH_ABBR.get(s[:4]) or MONTH_ABBR[s[:3]]


def _shift_month(d: dt.date, n: int) -> str:
    y, m = d.year, d.month + n
    while m < 1:
        y, m = y - 1, m + 12
    while m > 12:
        y, m = y + 1, m - 12
    return f"{y:04d}-{m:02d}"


def _week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def _relative(text: str, pub: dt.date | None, year: int | None) -> tuple[str | None, bool]:
    t = " ".join(text.lower().split())
    if pub is None:
        if year is None:
            return None, False
        # Only the year can be known; a week or a month near the year's end could cross it, a
        # risk taken and flagged with inferred=True.
        if "last year" in t:
            return str(year - 1), True
        return (str(year), True) if not t.endswith("ago") else (None, False)
    if t in ("today", "tonight"):
        return pub.isoformat(), False
    if t == "yesterday":
        return (pub - dt.timedelta(days=1)).isoformat(), False
    m = re.match(r"(a|one|two|three|four|five|six|\d+) (day|week|month|year)s? ago", t)
    if m:
        n = WORD_N.get(m.group(1)) or int(m.group(1))
        unit = m.group(2)
        if unit == "day":
            return (pub - dt.timedelta(days=n)).isoformat(), False
        if unit == "week":
            return _week(pub - dt.timedelta(weeks=n)), False
        if unit == "month":
            return _shift_month(pub, -n), False
        return str(pub.year - n), False
    for i, day in enumerate(WEEKDAYS):
        if t.endswith(day):
            back = (pub.weekday() - i) % 7
            if t.startswith("next"):
                return (pub + dt.timedelta(days=(i - pub.weekday()) % 7 or 7)).isoformat(), False
            if t.startswith("last") and back == 0:
                back = 7
            return (pub - dt.timedelta(days=back)).isoformat(), False
    if t.endswith("week") or t.endswith("weekend"):
        if "last" in t or "past" in t:
            return _week(pub - dt.timedelta(weeks=1)), False
        if "next" in t:
            return _week(pub + dt.timedelta(weeks=1)), False
        return _week(pub), False
    if t.endswith("month"):
        if "last" in t or "past" in t:
            return _shift_month(pub, -1), False
        if "next" in t:
            return _shift_month(pub, 1), False
        return _shift_month(pub, 0), False
    if "last" in t or "past" in t:
        return str(pub.year - 1), False
    if "next" in t:
        return str(pub.year + 1), False
    return str(pub.year), False


def published_date(published: str | None) -> dt.date | None:
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        return None


def document_year(text: str) -> int | None:
    """The year of writing from an anniversary clue: the Nth anniversary of a year-Y event."""
    years = Counter(int(y) for y in BARE_YEAR.findall(text))
    for m in ANNIVERSARY.finditer(text):
        n = int(m.group(1))
        near = BARE_YEAR.findall(text[max(0, m.start() - 200):m.end() + 200])
        base = int(near[0]) if near else (years.most_common(1)[0][0] if years else None)
        if base:
            return base + n
    return None


def find_dates(text: str, offset: int, pub: dt.date | None, doc_year: int | None,
               exclude: list[tuple[int, int]]) -> list[When]:
    """Dates in a sentence (offset: where the sentence starts in the document). Spans in
    `exclude` (numbers already read as counts) are not dates."""
    out: list[When] = []
    for m in DATE.finditer(text):
        a, b = m.start() + offset, m.end() + offset
        if any(x < b and a < y for x, y in exclude):
            continue
        iso: str | None = None
        inferred = False
        g = m.groupdict()
        if g["mdy"] or g["dmy"]:
            mon = _month(m.group("mdy").split()[0] if g["mdy"] else g["m2"])
            day = int(g["d1"] or g["d2"])
            year = g["y1"] or g["y2"]
            if not 1 <= day <= 31:
                continue
            if year:
                iso = f"{int(year):04d}-{mon:02d}-{day:02d}"
            elif pub or doc_year:
                iso = f"{(pub.year if pub else doc_year):04d}-{mon:02d}-{day:02d}"
                inferred = True
        elif g["my"]:
            iso = f"{int(g['y3']):04d}-{_month(g['m3']):02d}"
        elif g["span"]:
            ya, yb = g["ya"], g["yb"]
            if len(yb) == 2:
                yb = ya[:2] + yb
            iso = f"{ya}/{yb}"
        elif g["decade"]:
            d = int(g["dec"])
            iso = f"{d}/{d + 9}"
        elif g["year"]:
            iso = g["y4"]
        elif g["rel"]:
            iso, inferred = _relative(g["rel"], pub, doc_year)
        if iso:
            out.append(When(a, b, iso, inferred))
    return out


def is_month(word: str) -> bool:
    return bool(MONTH_RE.match(word))
