"""Numeric claims in Persian text: counts, amounts, percentages and ages, with who states them.

Each number (numbers.scan) is read in its sentence: not a claim when it is a date or a year
(dates.find_dates), a duration ("سه سال"), a number in a name ("ماده ۵"); what is counted is
the noun after it, past a classifier ("۳۰ هزار نفر زندانی", "۴۵۰۰ نفر از زندانیان"); the event
is the nearest word for what happened ("اعدام", "کشته"); the time the sentence's date.

`counted`, `event` and `qualifier` are English glosses from the lexicon, not the Persian words
(those stay in the claim's sentence and `number_text`): the cross-document resolver classes
claims by these words, and a Persian and an English claim about one toll must meet.
"""

from __future__ import annotations

import re

from ...model import Claim, Claimant, Quote
from ..context import Context
from .dates import find_dates
from .lexicon import (
    AGE_UNITS,
    COUNTED,
    CURRENCIES,
    DURATION_UNITS,
    EVENTS,
    NAME_BEFORE,
    PERCENT_UNITS,
    PERSON_CLASSIFIERS,
    alternation,
)
from .numbers import Number, scan

_L = r"[^\W\d_]"
_AFTER_WORD = re.compile(r"\s*([^\s،,.:؛!؟?«»()]+(?:[\s\u200c]+[^\s،,.:؛!؟?«»()]+)?)")
_COUNTED = re.compile(rf"(?:{alternation(COUNTED)})(?!{_L})")
_CLASSIFIER = re.compile(rf"\s*(?:{alternation(PERSON_CLASSIFIERS)})(?!{_L})")
_OF = re.compile(r"\s*از\s+(?:(?:میان|بین)\s+)?")
_DURATION = re.compile(rf"\s*(?:{alternation(DURATION_UNITS)})(?!{_L})")
_AGE = re.compile(rf"\s*(?:{alternation(AGE_UNITS)})(?!{_L})")
_PERCENT = re.compile(rf"\s*(?:{alternation(PERCENT_UNITS)})")
_CURRENCY = re.compile(rf"\s*(?:{alternation(CURRENCIES)})(?!{_L})")
_NAME_BEFORE = re.compile(rf"(?<!{_L})(?:{alternation(NAME_BEFORE)})\s*$")
_EVENT = re.compile(rf"(?<!{_L})(?P<e>{alternation(EVENTS)})")
_PLACE_TYPES = {"GPE", "LOC", "FAC"}
EVENT_WINDOW = 120  # characters either side of the number where its event word is looked for


def _gloss(table: dict[str, str], written: str) -> str | None:
    flat = re.sub(r"[\s\u200c]+", "", written)
    return next((v for k, v in table.items() if re.sub(r"[\s\u200c]+", "", k) == flat), None)


def _kind(text: str, n: Number) -> tuple[str, str | None] | None:
    """(kind, unit) of a number from the words after it; None when it is not a quantity."""
    rest = text[n.end:]
    if _PERCENT.match(rest):
        return "percent", "%"
    cur = _CURRENCY.match(rest)
    if cur:
        return "amount", _gloss(CURRENCIES, cur.group(0).strip())
    if _AGE.match(rest):
        return "age", "years"
    if _DURATION.match(rest):
        return None
    return "count", None


def _counted(text: str, end: int) -> str | None:
    pos = end
    classifier = _CLASSIFIER.match(text, pos)
    if classifier:
        pos = classifier.end()
        of = _OF.match(text, pos)
        if of:
            pos = of.end()
    m = _AFTER_WORD.match(text, pos)
    if m:
        two = m.group(1)
        for cand in (two, two.split()[0] if two.split() else two):
            c = _COUNTED.fullmatch(re.sub(r"\s+", " ", cand))
            if c:
                return _gloss(COUNTED, cand)
    return "people" if classifier else None


def _event(text: str, a: int, b: int, sa: int, sb: int) -> str | None:
    best: tuple[int, str] | None = None
    for m in _EVENT.finditer(text, max(sa, a - EVENT_WINDOW), min(sb, b + EVENT_WINDOW)):
        dist = m.start() - b if m.start() >= b else a - m.end()
        gloss = _gloss(EVENTS, m.group("e"))
        if gloss and (best is None or dist < best[0]):
            best = (dist, gloss)
    return best[1] if best else None


def _claimant(ctx: Context, quotes: list[Quote], a: int, b: int) -> Claimant:
    q = next((q for q in quotes if q.span[0] <= a and b <= q.span[1]), None)
    if q is not None:
        if q.speaker is not None:
            return Claimant(name=q.speaker.name, entity=q.speaker.entity, basis="quote", quote=q.id)
        return Claimant(name=None, basis="quote", quote=q.id)
    if ctx.info.author:
        return Claimant(name=ctx.info.author, basis="author")
    if ctx.info.publisher:
        return Claimant(name=ctx.info.publisher, basis="publisher")
    return Claimant(name=None, basis="unknown")


def find_claims_fa(ctx: Context, start_id: int = 1) -> list[Claim]:
    text = ctx.text
    out: list[Claim] = []
    for sent in ctx.doc.sents:
        sa, sb = sent.start_char, sent.end_char
        if ctx.skipped((sa, sb)):
            continue
        s = text[sa:sb]
        dates = find_dates(s, sa)
        for n in scan(s):
            a, b = n.start + sa, n.end + sa
            if any(d.start < b and a < d.end for d in dates):
                continue
            if _NAME_BEFORE.search(text[max(sa, a - 12):a]):
                continue
            if not n.words and n.bound == "exact" and n.value is not None and n.value.is_integer() \
                    and 1300 <= n.value < 2100 and not _CLASSIFIER.match(text, b):
                continue  # a year the date pattern did not catch
            kind = _kind(text, n)
            if kind is None:
                continue
            when = min(dates, key=lambda d: abs(d.start - a), default=None)
            place = next((e.name for e in ctx.entities if e.type in _PLACE_TYPES
                          and any(sa <= x and y <= sb for x, y in e.mentions)), None)
            out.append(Claim(
                id=f"c{start_id + len(out)}", kind=kind[0], text=s.strip(), span=(sa, sb), value=n.value,
                low=n.low, high=n.high, qualifier=n.qualifier,
                counted=_counted(text, b) if kind[0] == "count" else None,
                event=_event(text, a, b, sa, sb), time=when.iso if when else None,
                time_text=when.text if when else None, place=place,
                claimant=_claimant(ctx, ctx.quotes, a, b), number_text=text[a:b], number_span=(a, b),
                bound=n.bound, unit=kind[1],
            ))
    return out
