"""What a claim counts, and when: the class of its event in the counted-event ontology
(words.events: an execution and a massacre are kinds of killing), what it counts, what caused it
where the claim says, and the year the event belongs to (not the year a statement was made or
a report was titled). Claims that differ here are different quantities (resolve.claims)."""

from __future__ import annotations

import re

from ..folding import fold, stem
from ..resolution import ClaimRow
from ..words.events import (
    CAUSE_OF_EVENT,
    CAUSES,
    COUNTED_EVENTS,
    NOT_A_CAUSE,
    PERSONS,
    SUBSET_EVENTS,
    SUBSETS,
    YEAR_OF_RECORD,
)

# The counted-event ontology as lookups: a word (or its stem) -> its class, a class -> the class
# claims are grouped by (its root: "executed" and "massacred" are kinds of "killed").
_PARENT = {e.name: e.parent for e in COUNTED_EVENTS}
EVENT_OF = {stem(w): e.name for e in COUNTED_EVENTS for w in sorted(e.words)}
EVENT_OF.update({w: e.name for e in COUNTED_EVENTS for w in sorted(e.words)})
_PHRASES = {p: e.name for e in COUNTED_EVENTS for p in e.phrases}
_PERSONS = frozenset(stem(w) for w in PERSONS)
_SUBSETS = frozenset(stem(w) for w in SUBSETS)
def class_of_word(w: str) -> str | None:
    """The counted-event class of a folded word or its stem."""
    return EVENT_OF.get(w) or EVENT_OF.get(stem(w))


_CAUSE_OF = {w: name for name, words in CAUSES.items() for w in words}
_NOT_A_CAUSE = re.compile(NOT_A_CAUSE, re.I)


def event_root(cls: str) -> str:
    """The class a counted event is grouped by: the root of its branch of the ontology."""
    seen = 0
    while _PARENT.get(cls) and seen < 8:
        cls, seen = _PARENT[cls] or cls, seen + 1
    return cls


WINDOW = 9  # tokens either side of the number where its event word is looked for
_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
# Not at the comma of "2,800", nor at a date's ("on July 18, 1994": the year dates its clause).
_CLAUSE_BREAK = re.compile(r"[;:()]|(?<!\d)[\u2013\u2014](?!\d)|,(?!\d)(?<!\d,(?= (?:1[5-9]|20)\d\d\b))|\s-\s|\bthat\b")
# A sentence that opens on a time ("In 1994, ...", "In the summer of 1988, ...") is dated by it
# as a whole, though the year sits in a clause of its own.
_LEADING_YEAR = re.compile(r"^\W*(?:in|during|throughout|by)\s+(?:[\w']+\s+){0,3}?(1[5-9]\d\d|20\d\d)\s*,", re.I)
_TOKEN = re.compile(r"[^\W_]+(?:[.,'’][^\W_]+)*", re.UNICODE)


def _number_position(tokens: list[str], row: ClaimRow) -> int | None:
    nt = (row.get("number_text") or "").lower()
    cand = [fold(x) for x in _TOKEN.findall(nt)] if nt else []
    want = {t for t in cand if t}
    for v in (row.get("low"), row.get("high"), row.get("value")):
        if v is not None and float(v).is_integer():
            want |= {str(int(v)), f"{int(v):,}"}
    for i, t in enumerate(tokens):
        if t in want:
            return i
    return None


def event_of(row: ClaimRow) -> tuple[str, str | None]:
    """(event class, the word that gave it) from the extractor's event, else from the sentence.
    The class is the root of the counted-event ontology (words.events): executions, killings and
    massacres are one toll."""
    ev = row.get("event")
    if ev:
        f = fold(ev)
        for phrase, cls in _PHRASES.items():
            if phrase in f:
                return event_root(cls), ev
        for w in reversed(f.split()):
            hit = class_of_word(w)
            if hit:
                return event_root(hit), ev
    cls, word = _event_in_sentence(row)
    if cls == "other" and ev:
        return f"other:{stem(fold(ev).split()[-1])}" if fold(ev) else "other", ev
    return event_root(cls) if cls != "other" else cls, word


def _event_in_sentence(row: ClaimRow) -> tuple[str, str | None]:
    text = row.get("text") or ""
    lowered = fold(text)
    tokens = [t.lower().strip(".,") for t in _TOKEN.findall(text)]
    pos = _number_position(tokens, row)
    best: tuple[int, str, str] | None = None
    for i, t in enumerate(tokens):
        w = fold(t)
        cls = class_of_word(w)
        if not cls:
            continue
        dist = abs(i - pos) if pos is not None else 0
        if pos is not None and dist > WINDOW:
            continue
        if cls in SUBSET_EVENTS:
            dist -= WINDOW  # a subset wording is decisive wherever it sits in the clause
        if best is None or dist < best[0]:
            best = (dist, cls, w)
    for phrase, cls in _PHRASES.items():
        if phrase in lowered and (best is None or best[1] not in SUBSET_EVENTS):
            return cls, phrase
    if best:
        return best[1], best[2]
    counted = fold(row.get("counted") or "")
    for w in reversed(counted.split()):
        cls = class_of_word(w)
        if cls:
            return cls, w  # "212 dead", "187 bodies": the noun says what happened
    return "other", None


def cause_of(row: ClaimRow, event_word: str | None) -> str | None:
    """What killed (injured, displaced ...) the people a claim counts, when the claim says: the
    hazard (words.events.CAUSES) nearest the number in its sentence ("Floods in Osh killed 30
    people": natural), else violence for an execution or a massacre."""
    text = _NOT_A_CAUSE.sub(" ", row.get("text") or "")
    tokens = [t.lower().strip(".,") for t in _TOKEN.findall(text)]
    pos = _number_position(tokens, row)
    found = [(abs(i - pos) if pos is not None else 0, i, _CAUSE_OF[fold(t)]) for i, t in enumerate(tokens)
             if fold(t) in _CAUSE_OF]
    near = [x for x in found if pos is None or x[0] <= 2 * WINDOW]
    if near:
        return min(near)[2]
    ev = fold(event_word or "")
    leaf = _PHRASES.get(ev) or next((class_of_word(w) for w in reversed(ev.split()) if class_of_word(w)), None)
    return CAUSE_OF_EVENT.get(leaf or "")


def counted_of(row: ClaimRow) -> tuple[str, str | None]:
    c = row.get("counted")
    if not c:
        return "persons" if row.get("kind") == "count" else "thing", None
    head = stem(fold(c).split()[-1]) if fold(c) else ""
    if head in _SUBSETS:
        return f"subset:{head}", c
    if head in _PERSONS:
        return "persons", c
    return f"thing:{head}", c


def event_years(text: str, skip: tuple[int, int] | None = None) -> list[tuple[int, str]]:
    """(offset, year) for each year in a text that may date an event: not a number being counted
    ("1500 people"), not the year of a record ("its annual report for 1989", "the 2020 budget")."""
    out: list[tuple[int, str]] = []
    for m in _YEAR.finditer(text):
        if skip and m.start() < skip[1] and skip[0] < m.end():
            continue
        before = fold(text[max(0, m.start() - 40):m.start()]).split()[-3:]
        after = fold(text[m.end():m.end() + 30]).split()[:2]
        if after and (after[0] in YEAR_OF_RECORD or after[0] in PERSONS or (
                len(after) > 1 and after[0] == "annual" and after[1] in YEAR_OF_RECORD)):
            continue
        if len(before) >= 2 and before[-1] in ("for", "of", "in") and before[-2] in YEAR_OF_RECORD:
            continue
        if before and before[-1] in YEAR_OF_RECORD:
            continue
        out.append((m.start(), m.group(1)))
    return out


def year_of(row: ClaimRow) -> str | None:
    """The year the counted event belongs to (see year_reading)."""
    return year_reading(row)[0]


def year_reading(row: ClaimRow) -> tuple[str | None, bool]:
    """(the year the counted event belongs to, whether the claim's own clause states it). A year the sentence states in the clause of the
    event's word or of the number wins, the one nearest that word (in "told reporters on Monday
    that 30,000 were massacred in 1988" the year is 1988, not the Monday's); years only of a
    record ("the annual report for 1989") or of another clause ("who said 212 died, ran the
    budget until 2021") date nothing; else the time extract read, unless it only guessed it or
    read it from those years."""
    text = row.get("text") or ""
    nt = row.get("number_text") or ""
    k = text.find(nt) if nt else -1
    skip = (k, k + len(nt)) if k >= 0 else None
    ev = (row.get("event") or "").strip()
    at = text.lower().find(ev.lower().split()[-1]) if ev else -1
    anchors = [x for x in (at, k) if x >= 0]
    clauses = {_clause(text, x) for x in anchors}
    years = [(p, y) for p, y in event_years(text, skip) if _clause(text, p) in clauses]
    if years:
        return min(years, key=lambda y: (min(abs(y[0] - x) for x in anchors), y[0]))[1], True
    lead = _LEADING_YEAR.match(text)
    if lead and (lead.start(1), lead.group(1)) in event_years(text, skip):
        return lead.group(1), True
    m = _YEAR.search(str(row.get("time") or ""))
    if m is None or (row.get("claim") or {}).get("time_inferred"):
        return None, False
    stated = {y.group(1) for y in _YEAR.finditer(text) if not skip or not (y.start() < skip[1] and skip[0] < y.end())}
    return (None if m.group(1) in stated else m.group(1)), False


def _clause(text: str, pos: int) -> int:
    """Which clause of a sentence a position lies in: clauses end at , ; : ( ), dashes (not at
    the comma of "2,800") and "that" (what was said is dated apart from when it was said)."""
    return sum(1 for m in _CLAUSE_BREAK.finditer(text) if m.start() < pos)  # the whole text: a break looks ahead
