"""Why two names in one document are one entity, each join with its reason.

A name is a group of mentions; groups join (union-find) when the text defines an acronym, when
a bare surname points at exactly one person, when two spellings are transliteration variants
(Raisie/Raisi; never Khomeini/Khamenei, never different first names), when an organisation's
name is cut short, when a user list names them as one, and the like. Every rule is kept
conservative: a wrong join (two people made one) is worse for a fact-checker than a missed one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import places
from .known import Known
from .names import (
    MEDIA_WORDS,
    ORG_WORDS,
    initials,
    is_acronym,
    looks_like_org,
    same_word,
    spelling_key,
    variant_reason,
)
from .placecues import primary_place, strong_place


@dataclass
class Mention:
    start: int
    end: int
    name: str
    label: str
    roles: list[str] = field(default_factory=list)
    person_cue: bool = False
    place_cue: bool = False
    # In a headline-case line the parser types names from their capitals alone.
    headline: bool = False


@dataclass
class Group:
    name: str
    mentions: list[Mention] = field(default_factory=list)
    known: Known | None = None
    # The document says elsewhere that this name is a person's: "Clinton" beside Bill and Hillary
    # Clinton; "Ebrahim Raisi", tagged ORG, whose surname is tagged PERSON alone.
    person_hint: bool = False


class Joins:
    """Union-find over group names, remembering why each name joined."""

    def __init__(self, names: list[str]) -> None:
        self.parent = {n: n for n in names}
        self.reason: dict[str, str] = {}

    def find(self, n: str) -> str:
        while self.parent[n] != n:
            self.parent[n] = self.parent[self.parent[n]]
            n = self.parent[n]
        return n

    def union(self, keep: str, other: str, reason: str) -> None:
        a, b = self.find(keep), self.find(other)
        if a == b:
            return
        self.parent[b] = a
        self.reason.setdefault(other, reason)


def person_like(g: Group) -> bool:
    return not is_acronym(g.name) and not looks_like_org(g.name)


def merge_groups(groups: dict[str, Group], uf: Joins) -> None:
    """Every join rule, in the order that lets the surer ones go first."""
    _merge_known(groups, uf)
    _merge_truncated(groups, uf)
    _merge_initials(groups, uf)
    _merge_plural(groups, uf)
    _merge_people(groups, uf)
    _merge_outlets(groups, uf)
    _merge_body_heads(groups, uf)


def _merge_known(groups: dict[str, Group], uf: Joins) -> None:
    by_known: dict[int, str] = {}
    for name, g in groups.items():
        if g.known is None:
            continue
        first = by_known.setdefault(id(g.known), name)
        if first != name:
            uf.union(first, name, f"user list {g.known.source}")


def _merge_plural(groups: dict[str, Group], uf: Joins) -> None:
    """'Revolutionary Guards' and 'Revolutionary Guard', 'Iranians' and 'Iranian': one body or
    one nationality. Only for organisations and nationalities: 'the Clintons' are not Clinton."""
    for name, g in groups.items():
        if not name.endswith("s") or len(name) < 5 or is_acronym(name):
            continue
        single = groups.get(name[:-1])
        if single is None:
            continue
        labels = {m.label for m in g.mentions} | {m.label for m in single.mentions}
        if labels <= {"ORG", "NORP"}:
            uf.union(single.name, name, "plural form")


def _merge_initials(groups: dict[str, Group], uf: Joins) -> None:
    """'UN' in a text that names the United Nations: an acronym whose letters are the initials of
    exactly one name of a body or a place in the document, though never defined there."""
    longs: dict[str, list[str]] = {}
    for name, g in groups.items():
        words = name.split()
        # "U.S. Senate" is no source of "US": each word must be a word, not an abbreviation.
        if len(words) > 1 and not is_person(g) and not any(w.isupper() or "." in w for w in words):
            longs.setdefault(initials(name), []).append(name)
    for name in groups:
        hits = longs.get(name.replace(".", ""), []) if is_acronym(name) and not _country(name) else []
        if len(hits) == 1 and _place_abbreviation(name) and not _same_place(name, hits[0]):
            continue  # "Washington, D.C." beside the Death Commission; "N.H." is New Hampshire
        if len(hits) == 1 and uf.find(name) == name:
            uf.union(hits[0], name, "initials of a name in the text")


def _place_abbreviation(name: str) -> bool:
    """'D.C', 'N.Y.': a region written short ("Washington, D.C. office"), never a body's initials
    ("Death Commission")."""
    return "." in name and places.lookup(name) is not None


def _same_place(short: str, long: str) -> bool:
    a, b = places.lookup(short), places.lookup(long)
    return a is not None and b is not None and a.key == b.key


def _country(name: str) -> bool:
    place = primary_place(name)
    return place is not None and place.kind == "country"  # "US" beside "Unidentified Sources"


def _merge_truncated(groups: dict[str, Group], uf: Joins) -> None:
    """'Islamic Republic' is 'Islamic Republic of Iran' cut short: the cut is before 'of'."""
    longs = [n for n in groups if " of " in n]
    for short in groups:
        if len(short.split()) < 2 or is_acronym(short):
            continue
        hits = [n for n in longs if n.startswith(short + " of ")]
        if len(hits) == 1:
            uf.union(hits[0], short, "short form")


def is_person(g: Group) -> bool:
    return any(m.label == "PERSON" or m.person_cue for m in g.mentions)


def _merge_outlets(groups: dict[str, Group], uf: Joins) -> None:
    """'Breitbart' tagged as a person in a text that names 'Breitbart News': the outlet, cut
    short. Only a bare word with no person cue, and only one outlet it can be."""
    outlets: dict[str, list[str]] = {}
    person_words: set[str] = set()
    for name, g in groups.items():
        words = name.split()
        if len(words) > 1 and words[-1].lower() in MEDIA_WORDS:
            outlets.setdefault(words[0], []).append(name)
        elif len(words) > 1 and is_person(g):
            person_words.update(words)  # "Bernie" beside "Bernie Sanders" is not "Bernie Delegates Network"
    for name, g in groups.items():
        hits = [] if name in person_words else outlets.get(name, [])
        if len(hits) == 1 and uf.find(name) == name and not any(m.person_cue or m.place_cue for m in g.mentions) \
                and all(m.label in {"PERSON", "ORG"} for m in g.mentions) and primary_place(name) is None:
            uf.union(hits[0], name, "short form of the outlet's name")


# Head words that name another body when alone: "the House" beside the White House is a chamber.
_LONE_HEAD_ELSEWHERE = {"house", "state", "states", "senate", "congress", "government", "international"}


def _merge_body_heads(groups: dict[str, Group], uf: Joins) -> None:
    """'the Guards' in a text that names the Revolutionary Guards: a body's head word used alone
    ("Guards", "Commission", "Court") is that body when exactly one name in the text ends in it
    and nothing says it is a person or a place (the small model tags it NORP or ORG)."""
    heads: dict[str, list[str]] = {}
    for name, g in groups.items():
        words = name.split()
        if len(words) > 1 and not is_person(g) and all(m.label == "ORG" for m in g.mentions):
            heads.setdefault(words[-1], []).append(name)
    for name, g in groups.items():
        if name.lower() not in ORG_WORDS or name.lower() in _LONE_HEAD_ELSEWHERE:
            continue
        hits = heads.get(name, [])
        if len(hits) == 1 and uf.find(name) == name and not any(m.person_cue or m.place_cue for m in g.mentions) \
                and all(m.label in {"ORG", "NORP"} for m in g.mentions):
            uf.union(hits[0], name, "short form of the body's name")


def placelike(g: Group) -> bool:
    """A word tagged only as a place is the place when the gazetteer knows it as a country, a
    region or a big city, or the words around it say place ("Washington" beside "George
    Washington"); else the tag is no reason to keep it from a person ("Kasich")."""
    cues = sum(m.place_cue for m in g.mentions)
    person = sum(m.label == "PERSON" or m.person_cue for m in g.mentions)
    if cues and 2 * cues > person:
        return True
    return all(m.label in {"GPE", "LOC", "FAC"} and not m.person_cue for m in g.mentions) and strong_place(g.name)


def _merge_people(groups: dict[str, Group], uf: Joins) -> None:
    # Labels beyond PERSON/ORG/GPE/NORP count for a bare surname only: the small model also
    # tags surnames as facilities and events ("Bannon will interview ...").
    people = [g for g in groups.values() if person_like(g) and any(
        m.label in {"PERSON", "NORP", "ORG", "GPE"} or (len(g.name.split()) == 1 and m.label in {"FAC", "LOC", "EVENT"})
        for m in g.mentions)]
    full = [g for g in people if len(g.name.split()) >= 2]
    # Spelling variants of full names: bucketed by the surname's first letter to stay near-linear.
    buckets: dict[str, list[Group]] = {}
    for g in full:
        buckets.setdefault(spelling_key(g.name.split()[-1])[:1], []).append(g)
    for bucket in buckets.values():
        for i, a in enumerate(bucket):
            for b in bucket[i + 1:]:
                why = variant_reason(a.name, b.name)
                if why and (is_person(a) or is_person(b)):
                    uf.union(a.name, b.name, why)
    # A bare surname (or a variant of it) joins the one person who has it; two candidates: no merge.
    # A full name counts as a person when any spelling of it was tagged as one.
    person_roots = {uf.find(g.name) for g in full if is_person(g)}

    abbreviated = {uf.find(n) for n in groups if is_acronym(n)}

    def is_person_name(f: Group) -> bool:
        return uf.find(f.name) in person_roots

    for g in people:
        words = g.name.split()
        if len(words) != 1:
            continue
        exact_cands = {uf.find(f.name) for f in full if is_person_name(f) and f.name.split()[-1] == words[0]}
        # A spelling variant of a surname needs the bare word to be tagged as a person itself:
        # "Russia" is not a misspelt "Rousseau".
        cands = exact_cands or ({uf.find(f.name) for f in full if is_person_name(f) and same_word(
            words[0], f.name.split()[-1])} if is_person(g) else set())
        if len(exact_cands) > 1:
            g.person_hint = True  # a person, but which one?
        if not cands and is_person(g) and not placelike(g):
            # Not into a body the text abbreviates ("Klan" is no surname of the Ku Klux Klan).
            loose = [f for f in full if same_word(words[0], f.name.split()[-1]) and uf.find(f.name) not in abbreviated
                     and not any(m.label == "NORP" for m in f.mentions)]  # "Muslim Americans": a people
            if len({uf.find(f.name) for f in loose}) == 1:
                for f in loose:
                    f.person_hint = True
                cands = {uf.find(loose[0].name)}
        if len(cands) == 1:
            root = cands.pop()
            # A word tagged only as a place is the place when the gazetteer knows it as a country,
            # a region or a big city, or the words around it say place ("Washington" beside
            # "George Washington"); else the tag was wrong ("Kasich" beside "John Kasich").
            if placelike(g):
                continue
            exact = any(f.name.split()[-1] == g.name for f in full if uf.find(f.name) == root)
            uf.union(root, g.name, "surname" if exact else "surname, spelling variant")
    # A surname in capitals, as transcripts label speakers ("CLINTON: I feel ..."): the person.
    surnames: dict[str, set[str]] = {}
    for f in full:
        if is_person_name(f):
            surnames.setdefault(f.name.split()[-1], set()).add(uf.find(f.name))
    for name, g in groups.items():
        if name.isupper() and name.isalpha() and len(name) > 3 and len(surnames.get(name.title(), ())) == 1 \
                and not placelike(g):  # not the dateline "WASHINGTON" beside Kerry Washington
            uf.union(next(iter(surnames[name.title()])), name, "surname in capitals")
    # Bare names that are variants of each other (Khomeini / Khomenei) with no full name.
    singles = [g for g in people if len(g.name.split()) == 1 and uf.find(g.name) == g.name and is_person(g)]
    for i, a in enumerate(singles):
        for b in singles[i + 1:]:
            if uf.find(a.name) != uf.find(b.name) and same_word(a.name, b.name):
                uf.union(a.name, b.name, "spelling variant")
