"""Dates in Persian text, Jalali (Solar Hijri) and Gregorian, as ISO dates with the words kept.

Jalali dates convert with persiantools: "۵ مرداد ۱۳۶۷" is 1988-07-27. A Jalali month with its
year is the Gregorian month its middle falls in; a Jalali year alone, or a season of it, the
Gregorian year that holds most of it (1367 -> 1988: Farvardin 1 is March 21). Years 1300-1499
are Jalali, 1800-2099 Gregorian; a two-digit year after "سال" is Jalali ("سال ۶۷" = 1367).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import GREGORIAN_MARKS, GREGORIAN_MONTHS, JALALI_MARKS, JALALI_MONTHS, SEASONS, alternation
from .numbers import D, digits_value

_YEAR = rf"(?P<y>{D}{{4}}|{D}{{2}})"
DATE = re.compile(
    rf"(?<![^\W_])(?:(?P<day>{D}{{1,2}})\s+)?(?P<month>{alternation(JALALI_MONTHS)}|{alternation(GREGORIAN_MONTHS)})"
    rf"(?:\s+ماه)?(?:\s+(?:سال\s+)?{_YEAR})?"
    rf"|(?P<season>{alternation(SEASONS)})(?:\s+سال)?\s+(?P<sy>{D}{{4}}|{D}{{2}})"
    rf"|(?P<num>(?P<ny>{D}{{4}})/(?P<nm>{D}{{1,2}})/(?P<nd>{D}{{1,2}}))"
    rf"|سال\s+(?P<ly>{D}{{4}}|{D}{{2}})"
    rf"|(?P<bare>{D}{{4}})(?=\s+(?:{alternation(JALALI_MARKS)}|{alternation(GREGORIAN_MARKS)}))"
    rf"(?:\s+(?P<mark>{alternation(JALALI_MARKS)}|{alternation(GREGORIAN_MARKS)}))?"
)
BARE_YEAR = re.compile(rf"(?<![^\W_\u066c,])(?P<y>{D}{{4}})(?![^\W_])")


@dataclass
class FaDate:
    start: int
    end: int
    iso: str
    text: str  # as written: the Jalali original is kept beside its conversion


def _year(raw: str, calendar: str | None = None) -> tuple[int, str]:
    """(year, calendar) for a written year: 'jalali' or 'gregorian'."""
    y = int(digits_value(raw))
    if y < 100:
        return 1300 + y, "jalali"
    if calendar:
        return y, calendar
    return y, "jalali" if 1300 <= y < 1500 else "gregorian"


def _jalali(y: int, m: int, d: int) -> str | None:
    from persiantools.jdatetime import JalaliDate

    try:
        return JalaliDate(y, m, d).to_gregorian().isoformat()
    except (ValueError, TypeError):
        return None


def _plausible(y: int, calendar: str) -> bool:
    return 1200 <= y < 1500 if calendar == "jalali" else 1800 <= y < 2100


def _iso(m: re.Match[str]) -> str | None:
    g = m.groupdict()
    if g["month"]:
        if not g["y"]:
            return None  # a month without its year says too little here
        month_word = re.sub(r"[\s\u200c]+", "", g["month"])
        if month_word in JALALI_MONTHS:
            y, _ = _year(g["y"], "jalali")
            mon = JALALI_MONTHS.index(month_word) + 1
            if g["day"]:
                return _jalali(y, mon, int(digits_value(g["day"])))
            mid = _jalali(y, mon, 15)
            return mid[:7] if mid else None
        y, cal = _year(g["y"], "gregorian" if len(g["y"]) == 4 else None)
        if cal == "jalali":
            return str(y + 621)
        mon = GREGORIAN_MONTHS[month_word]
        if g["day"] and 1 <= int(digits_value(g["day"])) <= 31:
            return f"{y:04d}-{mon:02d}-{int(digits_value(g['day'])):02d}"
        return f"{y:04d}-{mon:02d}"
    if g["season"]:
        y, cal = _year(g["sy"], "jalali" if len(g["sy"]) == 2 else None)
        return str(y + 621) if cal == "jalali" else str(y)
    if g["num"]:
        y, cal = _year(g["ny"])
        mon, day = int(digits_value(g["nm"])), int(digits_value(g["nd"]))
        if cal == "jalali":
            return _jalali(y, mon, day)
        return f"{y:04d}-{mon:02d}-{day:02d}" if 1 <= mon <= 12 and 1 <= day <= 31 else None
    raw = g["ly"] or g["bare"]
    if raw:
        mark = re.sub(r"\s+", " ", g.get("mark") or "")
        given = "jalali" if mark in JALALI_MARKS else "gregorian" if mark in GREGORIAN_MARKS else None
        y, cal = _year(raw, given)
        if not _plausible(y, cal):
            return None
        return str(y + 621) if cal == "jalali" else str(y)
    return None


def find_dates(text: str, offset: int = 0) -> list[FaDate]:
    """Dates in text (offset: where text starts in the document), and years standing alone."""
    out: list[FaDate] = []
    for m in DATE.finditer(text):
        iso = _iso(m)
        if iso:
            out.append(FaDate(m.start() + offset, m.end() + offset, iso, m.group(0)))
    for m in BARE_YEAR.finditer(text):
        a, b = m.start() + offset, m.end() + offset
        if any(d.start <= a < d.end for d in out):
            continue
        y, cal = _year(m.group("y"))
        if _plausible(y, cal):
            out.append(FaDate(a, b, str(y + 621) if cal == "jalali" else str(y), m.group(0)))
    return sorted(out, key=lambda d: d.start)
