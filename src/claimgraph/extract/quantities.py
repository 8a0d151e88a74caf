"""What kind of quantity a number is and its unit, read from the words around it.

Kinds (Claim.kind; the JSON contract only grows):
  count    people or things, and repetitions ("shot 11 times": unit "times")
  amount   money (unit: the currency code)
  percent  percentages, shares ("eight of 10") and fractions ("half of", "two-thirds") (unit "%")
  age      a person's age (unit "years")
  measure  durations ("three months", "sentenced to 20 years", "an eight-year deal"), measures
           ("1,500 kilometres", "a magnitude-5.9 quake", "6-foot-7", "a 10-point lead") and
           multipliers ("twice", "three times as many"): unit is the unit's singular name
  rank     a place stated by an ordinal ("third-largest", "tied for fifth")
"""

from __future__ import annotations

import re

from .context import Context
from .names import looks_like_org
from .numbers import AND_A_HALF, Figure
from .textcache import doc_text

CURRENCY_AFTER = re.compile(
    r"^\s*(?:(?:US\s+|U\.S\.\s+|American\s+)?dollars|euros?|pounds\s+sterling|rials?|tomans?|yuan|"
    r"rupees?|yen|francs?|USD|EUR|GBP|IRR)\b", re.I)

PERCENT_AFTER = re.compile(r"^\s*(?:%|percent\b|per\s*cent\b)(?!\s*points?\b)", re.I)

AGE_AFTER = re.compile(r"^(?:-|\s)years?(?:-|\s)olds?\b|^\s+years?\s+of\s+age\b", re.I)

AGE_BEFORE = re.compile(r"(?:\baged|\bages?\s+of|\bages?|\bat\s+age)\s+(?:between\s+)?$", re.I)

PERSON_NOUN_BEFORE = re.compile(
    r"(?:\b(?:brother|sister|son|daughter|wife|husband|mother|father|man|woman|boy|girl|cousin|uncle|aunt|"
    r"nephew|niece|grandson|granddaughter|grandmother|grandfather|fiancée?|widow|partner|suspect|victim|"
    r"driver|gunman|shooter|officer|teenager|teen|student|soldier|passenger|pilot|player|resident|worker|"
    r"prisoner|inmate|patient|defendant|journalist|activist|survivor|child)"
    r"|(?:^|[.!?\n“\"]\s*)[A-Z][a-z]+)\s*[,(]\s*$")

AGE_WHO = re.compile(r"\bwho\s+(?:is|was|turns|turned)\s+$", re.I)
# "At 27, she was the youngest ...", "died at 85": an age, not a count.
AGE_AT = re.compile(r"(?:(?:^|[.!?:;]\s+|\n\s*|[“\"]\s*)At|\b(?:died|retired|married|elected|diagnosed|debuted|"
                    r"executed|hanged|killed|arrested|imprisoned|jailed|orphaned|widowed)\s+at)\s+$")

CURRENCY_CODES = {"$": "USD", "us$": "USD", "usd": "USD", "£": "GBP", "gbp": "GBP", "€": "EUR", "eur": "EUR",
                  "¥": "JPY", "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP",
                  "pounds": "GBP", "sterling": "GBP", "rial": "IRR", "rials": "IRR", "toman": "IRT", "tomans": "IRT",
                  "yuan": "CNY", "rupee": "INR", "rupees": "INR", "yen": "JPY", "irr": "IRR"}

TIME_UNITS = {"second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks",
              "month", "months", "year", "years", "decade", "decades", "century", "centuries", "night",
              "nights", "weekend", "weekends", "times", "time", "o'clock"}
# Units a measure is stated in, by their singular name; the pattern matches the forms written.
UNITS: dict[str, str] = {
    "second": r"seconds?", "minute": r"minutes?", "hour": r"hours?", "day": r"days?", "night": r"nights?",
    "week": r"weeks?", "weekend": r"weekends?", "month": r"months?", "year": r"years?", "decade": r"decades?",
    "century": r"century|centuries",
    "mile": r"miles?", "kilometre": r"kilometres?|kilometers?|km", "metre": r"metres?|meters?",
    "foot": r"feet|foot|ft", "inch": r"inch(?:es)?", "yard": r"yards?", "centimetre": r"centimetres?|centimeters?|cm",
    "acre": r"acres?", "hectare": r"hectares?", "square mile": r"square\s+miles?",
    "square foot": r"square\s+(?:feet|foot)", "square kilometre": r"square\s+(?:kilometres?|kilometers?)",
    "pound": r"pounds?|lbs?", "kilogram": r"kilograms?|kilos?|kg", "gram": r"grams?", "ton": r"tons?|tonnes?",
    "ounce": r"ounces?", "gallon": r"gallons?", "litre": r"litres?|liters?", "barrel": r"barrels?",
    "degree": r"degrees?", "mph": r"mph|miles\s+(?:an|per)\s+hour", "knot": r"knots?",
    "percentage point": r"percentage[\s-]+points?", "point": r"points?", "magnitude": r"magnitude",
    "megawatt": r"megawatts?", "calorie": r"calories?", "storey": r"storeys?|stories",
}
_UNIT_ALT = "|".join(f"(?P<u{i}>{rx})" for i, rx in enumerate(UNITS.values()))
_UNIT_NAMES = list(UNITS)
# The unit right after the number, written apart or as a compound adjective ("a 30-minute speech").
UNIT_AFTER = re.compile(rf"^(?:\s*-\s*|\s+)(?:{_UNIT_ALT})(?!\w)", re.I)
MAGNITUDE_BEFORE = re.compile(r"\bmagnitude(?:\s+|-)$", re.I)
HEIGHT = re.compile(r"^-(?:foot|feet)-\d{1,2}\b|^\s?(?:['’′]\s?\d{1,2}(?:[\"”″]|\b))", re.I)
# "three times as many", "twice the size": a multiplier; "shot 11 times": a repetition.
TIMES_AFTER = re.compile(r"^\s+times\b", re.I)
MULTIPLIER_AFTER = re.compile(r"^\s+(?:times\s+)?(?:as|more|less|fewer|higher|lower|larger|bigger|greater|smaller|"
                              r"the|that|its|their|his|her|our|faster|slower|likelier|over)\b", re.I)



def unit_after(after: str) -> str | None:
    """The singular name of the unit that opens `after` ('-minute speech' -> 'minute')."""
    m = UNIT_AFTER.match(after)
    if not m or m.lastgroup is None:
        return None
    return _UNIT_NAMES[int(m.lastgroup[1:])]


def kind_of(ctx: Context, n: Figure) -> tuple[str, str | None, bool]:
    """(kind, unit, whether an age phrase follows the number: '45-year-old X')."""
    text = doc_text(ctx)
    after = text[n.atom.end:n.atom.end + 60]
    half = AND_A_HALF.match(after)
    if half and not UNIT_AFTER.match(after):
        after = after[half.end():]  # "four-and-a-half years": the unit follows the half
    after = after[:40]
    before = text[max(0, n.start - 20):n.start]
    form = n.atom.form
    if n.ratio or form == "fraction":
        return "percent", "%", False
    if form == "rank":
        return "rank", None, False
    if form == "multiplier":  # "twice the size" a multiplier, "arrested twice" a repetition
        return ("measure" if MULTIPLIER_AFTER.match(after) else "count"), "times", False
    if form == "span":
        return ("measure", "year", False) if "century" in n.atom.text.lower() else ("count", None, False)
    if form == "height":
        return "measure", "foot", False
    if form == "decade":  # "a man in his 70s"
        return "age", "years", False
    if n.atom.currency:
        return "amount", CURRENCY_CODES.get(n.atom.currency.lower().strip(), n.atom.currency), False
    cm = CURRENCY_AFTER.match(after)
    if cm:
        word = cm.group(0).split()[-1].lower()
        return "amount", CURRENCY_CODES.get(word, word.upper()), False
    if PERCENT_AFTER.match(after):
        return "percent", "%", False
    value = n.value or 0.0
    unit = unit_after(after)
    if unit == "pound" and re.search(r"(?:million|billion|thousand|bn|m)$", n.atom.text, re.I):
        return "amount", "GBP", False  # "12 million pounds" is money; "236 pounds" a weight
    if TIMES_AFTER.match(after):
        return ("measure", "times", False) if MULTIPLIER_AFTER.match(after) else ("count", "times", False)
    if MAGNITUDE_BEFORE.search(before):
        return "measure", "magnitude", False
    if not n.atom.vague and value < 130:
        if AGE_AFTER.match(after):
            return "age", "years", True
        if AGE_BEFORE.search(before):
            return "age", "years", False
        if AGE_WHO.search(before) and re.match(r"^\s*(?:[.,;]|$)", after):
            return "age", "years", False
        if AGE_AT.search(text[max(0, n.start - 30):n.start]) and re.match(r"^\s*(?:[.,;]|$)", after):
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
    if unit is not None:
        return "measure", unit, False
    return "count", None, False
