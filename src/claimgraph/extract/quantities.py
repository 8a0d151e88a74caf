"""What kind of quantity a number is (count, amount, percent, age) and its unit, read from the
words around it."""

from __future__ import annotations

import re

from .context import Context
from .names import looks_like_org
from .numbers import Figure
from .textcache import doc_text

CURRENCY_AFTER = re.compile(
    r"^\s*(?:(?:US\s+|U\.S\.\s+|American\s+)?dollars|euros?|pounds\s+sterling|rials?|tomans?|yuan|"
    r"rupees?|yen|francs?|USD|EUR|GBP|IRR)\b", re.I)

PERCENT_AFTER = re.compile(r"^\s*(?:%|percent\b|per\s*cent\b|percentage\s+points?\b)", re.I)

AGE_AFTER = re.compile(r"^(?:-|\s)years?(?:-|\s)old\b|^\s+years?\s+of\s+age\b", re.I)

AGE_BEFORE = re.compile(r"(?:\baged|\bages?\s+of|\bages?|\bat\s+age)\s+(?:between\s+)?$", re.I)

PERSON_NOUN_BEFORE = re.compile(
    r"(?:\b(?:brother|sister|son|daughter|wife|husband|mother|father|man|woman|boy|girl|cousin|uncle|aunt|"
    r"nephew|niece|grandson|granddaughter|grandmother|grandfather|fiancée?|widow|partner)"
    r"|(?:^|[.!?\n“\"]\s*)[A-Z][a-z]+)\s*[,(]\s*$")

AGE_WHO = re.compile(r"\bwho\s+(?:is|was|turns|turned)\s+$", re.I)

CURRENCY_CODES = {"$": "USD", "us$": "USD", "usd": "USD", "£": "GBP", "gbp": "GBP", "€": "EUR", "eur": "EUR",
                  "¥": "JPY", "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP",
                  "pounds": "GBP", "sterling": "GBP", "rial": "IRR", "rials": "IRR", "toman": "IRT", "tomans": "IRT",
                  "yuan": "CNY", "rupee": "INR", "rupees": "INR", "yen": "JPY", "irr": "IRR"}

TIME_UNITS = {"second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks",
              "month", "months", "year", "years", "decade", "decades", "century", "centuries", "night",
              "nights", "weekend", "weekends", "times", "time", "o'clock"}



def kind_of(ctx: Context, n: Figure) -> tuple[str, str | None, bool]:
    """(kind, unit, whether an age phrase follows the number: '45-year-old X')."""
    text = doc_text(ctx)
    after = text[n.atom.end:n.atom.end + 40]
    before = text[max(0, n.start - 20):n.start]
    if n.ratio:
        return "percent", "%", False
    if n.atom.currency:
        return "amount", CURRENCY_CODES.get(n.atom.currency.lower().strip(), n.atom.currency), False
    cm = CURRENCY_AFTER.match(after)
    if cm:
        word = cm.group(0).split()[-1].lower()
        return "amount", CURRENCY_CODES.get(word, word.upper()), False
    if PERCENT_AFTER.match(after):
        return "percent", "%", False
    value = n.value or 0.0
    if not n.atom.vague and value < 130:
        if AGE_AFTER.match(after):
            return "age", "years", True
        if AGE_BEFORE.search(before):
            return "age", "years", False
        if AGE_WHO.search(before) and re.match(r"^\s*(?:[.,;]|$)", after):
            return "age", "years", False
        if re.search(r",\s*$", before) and re.match(r"^\s*[,―—–]", after) or re.search(r"\(\s*$", before) and \
                re.match(r"^\s*\)", after):
            last = re.search(r"(\S+)\s*[,(]\s*$", before)
            prev = ctx.entity_at(n.start - len(last.group(0)), n.start - len(last.group(0)) + len(last.group(1))) \
                if last else None
            # "Keith Lamont Scott, 43,": spaCy may have called the name an organisation; a
            # multi-word name that does not read like one takes an age all the same.
            if prev is not None and (prev.type == "PERSON" or (
                    prev.type in ("ORG", "NORP") and len(prev.name.split()) > 1 and not looks_like_org(prev.name))):
                return "age", "years", False
            if PERSON_NOUN_BEFORE.search(text[max(0, n.start - 40):n.start] if n.start >= 40 else text[:n.start]):
                # "her brother, 31," / "Nasrin, 29," opening a sentence
                return "age", "years", False
    return "count", None, False
