"""Titles used as names: in a text that names one Imam, "the Imam" is that man.

Within one document only, and only where the text says who holds the title:
- written with the name, "Imam (Khomeini) said ...": the title becomes one of that person's
  roles and a mention of them;
- alone and capitalised, "the President said", "Imam insisted", "the Ayatollah's decree": a
  mention of the one person the text names with that title (a title before the name, an
  apposition, a role), unless that person held it formerly.
Two holders (Khomeini and Khamenei both "Ayatollah"), or none: nothing is resolved. The title is
kept as a mention and a merge with its reason, never as an alias: across documents "the
President" names different men, and resolve joins entities that share an alias.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from ..model import Entity, Span
from .names import OFFICES

_OFFICE = "|".join(sorted((r"\s+".join(w.capitalize() for w in t.split()) for t in OFFICES), key=len, reverse=True))
# "Imam (Khomeini)", "Imam’s (Khomeini) will"
WITH_NAME = re.compile(r"\b(" + _OFFICE + r")(?:['’]s)?\s*\(\s*([A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,3})\s*\)")
# "the President said", "Imam insisted": not "President Obama", "President of France",
# "Vice President" or "Iranian President".
ALONE = re.compile(r"(?<![\w-])(" + _OFFICE + r")(?![\w-])(?!\s+(?:of|for)\b)(?!\s*\()(?!\s+[A-Z])")
WORD_BEFORE = re.compile(r"([\w’'-]+)\s+$")
NOT_CURRENT = re.compile(r"\b(?:former|ex|late|then|deputy|vice|assistant|acting)\b", re.I)
# "another Friday prayers imam", "a senator": one of many, not the holder of an office
ONE_OF_MANY = re.compile(r"^(?:a|an|another|one)\b", re.I)


def _holds(role: str, title: str) -> bool:
    low = role.lower()
    return bool(re.search(rf"\b{re.escape(title)}\b", low)) and not NOT_CURRENT.search(low) \
        and not ONE_OF_MANY.match(low)


def resolve_titles(text: str, entities: list[Entity], skipped: list[Span]) -> None:
    """Add title mentions (and roles) to the persons they name, with reasons in `merges`."""
    people = [e for e in entities if e.type == "PERSON"]
    if not people:
        return
    covered = sorted(m for e in entities for m in e.mentions)
    starts = [a for a, _ in covered]

    def free(a: int, b: int) -> bool:
        i = bisect_right(starts, b) - 1
        while i >= 0 and covered[i][1] > a:
            if covered[i][0] < b:
                return False
            i -= 1
        return not any(x <= a < y for x, y in skipped)

    def person_named(a: int, b: int) -> Entity | None:
        return next((e for e in people if any(x < b and a < y for x, y in e.mentions)), None)

    def add(ent: Entity, a: int, b: int, reason: str) -> None:
        ent.mentions.append((a, b))
        surface = " ".join(text[a:b].split())
        if not any(m["alias"] == surface for m in ent.merges):
            ent.merges.append({"alias": surface, "reason": reason})

    for m in WITH_NAME.finditer(text):
        ent = person_named(*m.span(2))
        title = " ".join(m.group(1).split())
        if ent is None or not free(*m.span(1)):
            continue
        if not any(r.lower() == title.lower() for r in ent.roles):
            ent.roles.append(title)
        add(ent, *m.span(1), "title written with the name")
        covered.append(m.span(1))
    covered.sort()
    starts = [a for a, _ in covered]

    holders: dict[str, list[Entity]] = {}
    for t in OFFICES:
        holders[t] = [e for e in people if any(_holds(r, t) for r in e.roles)]
    for m in ALONE.finditer(text):
        a, b = m.span(1)
        before = WORD_BEFORE.search(text[max(0, a - 30):a])
        if before and before.group(1)[:1].isupper() and before.group(1) != "The":
            continue  # "Iranian President", "Vice President": a longer title, not this one
        title = " ".join(m.group(1).split()).lower()
        found = holders.get(title, [])
        if len(found) != 1 or not free(a, b):
            continue
        add(found[0], a, b, f"title used as a name: the one {m.group(1)} the text names")
    for e in people:
        e.mentions.sort()
