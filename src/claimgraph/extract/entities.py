"""Entities and their aliases within one document.

spaCy's NER gives the mentions; on top of it, one document is read as one consistent record:
- a name is one entity everywhere in the document, and its type is decided once for all its
  mentions (a name tagged as a person once is a person, unless it is an acronym or reads like
  an organisation); the gazetteer (claimgraph.places) and the words around a mention ("a plant
  at Arak", "Natanz, Iran", a dateline) make a town the parser took for a person or a body a
  place (placecues.py);
- titles ("Mullah", "Supreme Leader", "US President") are stripped from names and kept as roles,
  with appositions ("Ali Razini, the head of Branch 41 of the Supreme Court"); a title used alone
  as a name ("the Imam") is the one holder the text names (titles.py);
- names are joined when the text says they are one, each join with its reason (merges.py).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from functools import lru_cache
from typing import TYPE_CHECKING

from ..model import Entity
from .context import Context
from .known import Known, load_known
from .merges import Group, Joins, Mention, merge_groups, person_like
from .names import (
    MEDIA_WORDS,
    PLACE_WORDS,
    SMALL,
    TITLE_LEFT,
    acronym_matches,
    clean,
    headline_case,
    is_acronym,
    is_title,
    looks_like_org,
    name_key,
    strip_title,
)
from .placecues import place_cue, primary_place, strong_place
from .textcache import doc_text, token_starts
from .titles import resolve_titles

if TYPE_CHECKING:
    from spacy.tokens import Doc

KEEP = {"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "NORP"}
PAREN = re.compile(r"\(\s*([A-Z][A-Za-z0-9&.]{1,9}(?:\s*[/,;]\s*[A-Z][A-Za-z0-9&.]{1,9})*)\s*\)")
LONG_BEFORE = re.compile(r"((?:[A-Z][\w’'.-]*|of|the|and|for|de|on)(?:\s+(?:[A-Z][\w’'.-]*|of|the|and|for|de|on))*)\s*$")
REVERSE = re.compile(r"\b([A-Z][A-Z0-9&]{1,8})\s+\(\s*([A-Z][\w’'-]*(?:\s+(?:[A-Z][\w’'-]*|of|the|and|for|de|on))+)\s*\)")
PLACE_AFTER = re.compile(r"^\s+(" + "|".join(sorted(PLACE_WORDS)) + r")\b", re.I)
CAP_WORD = re.compile(r"(?<![\w’'-])([A-Z][\w’'-]*?)(?:['’]s)?(?![\w-])")
AKA = re.compile(r"['’]?s?\s*[(,]?\s*(?:also|better|otherwise)?\s*(?:known as|a\.k\.a\.?|aka)\s+(?:the\s+)?",
                 re.I)
WHO_AFTER = re.compile(r"^,?\s+who\b")
OF_BEFORE = re.compile(r"\b(?:of|from)\s+$")


def _mention(ctx: Context, start: int, end: int, label: str) -> Mention | None:
    text = doc_text(ctx)
    raw = text[start:end]
    name = clean(raw)
    bare, titles = strip_title(name)
    # "General Assembly", "Supreme Leader's Office": a title word opening an institution's name.
    if bare != name and bare[:1].isupper() and not looks_like_org(bare):
        name = bare
    else:
        titles = []
    if not name or not any(c.isalpha() for c in name) or is_title(name):
        return None
    offset = raw.find(name)
    if offset >= 0:
        start, end = start + offset, start + offset + len(name)
    m = Mention(start, end, name, label, roles=titles)
    if titles:
        m.person_cue = True
    left = TITLE_LEFT.search(text[max(0, start - 60):start]) if label == "PERSON" else None
    if left and not titles:
        role = " ".join(left.group(0).split())
        role = re.sub(r"^the\s+", "", role, flags=re.I).rstrip(".")
        m.roles.append(role)
        m.person_cue = True
    after = text[end:end + 40]
    place = PLACE_AFTER.match(after)
    if place and label in {"PERSON", "ORG", "GPE", "FAC", "LOC"} and not m.person_cue:
        m.end = end + place.end()
        m.name = text[m.start:m.end]
        m.label = "FAC"
    if not m.person_cue:
        # Only names the gazetteer knows: "fired back at Christie" says nothing of a place.
        m.place_cue = primary_place(m.name) is not None and place_cue(
            text, ctx.doc, token_starts(ctx.doc), m.start, m.end, m.name)
    # "..., who": a person, but not in "Senator Cruz of Texas, who won" or "a donor in Nevada,
    # who gave": there the clause belongs to the noun before the place.
    if not place and not m.place_cue and WHO_AFTER.match(after) and not OF_BEFORE.search(
            text[max(0, start - 10):start]):
        m.person_cue = True
    if m.label == "PERSON" and (is_acronym(name) or looks_like_org(name)):
        m.label = "ORG"
    if name.split()[-1].lower() in PLACE_WORDS:
        m.label = "FAC"
    return m


def _acronyms(ctx: Context, mentions: list[Mention], links: list[tuple[str, str, str]]) -> None:
    """Acronyms the text defines: "Long Name (ACR)" or "(ACR/ACR2)", and "ACR (Long Name)"."""
    text = doc_text(ctx)
    for m in PAREN.finditer(text):
        if ctx.skipped(m.span()):
            continue
        parts = [p for p in re.split(r"\s*[/,;]\s*", m.group(1)) if p]
        if not all(is_acronym(p) or p.isupper() for p in parts):
            continue
        before = LONG_BEFORE.search(text[max(0, m.start() - 120):m.start()])
        if not before:
            continue
        words = before.group(1).split()
        while words and words[0].lower() in SMALL:
            words.pop(0)
        if len(words) < 2:
            continue
        long_name = clean(" ".join(words))
        if re.search(r"[.!?]\s", long_name):
            continue  # a dateline or a sentence break, not a name ("Connecticut. WASHINGTON (AP)")
        matching = [p for p in parts if acronym_matches(p, long_name)]
        long_end = m.start() - (len(before.group(0)) - len(before.group(1)))
        long_start = long_end - len(" ".join(words))
        covered = any(x.start < long_end and long_start < x.end and x.label in {"ORG", "NORP"}
                      for x in mentions)
        if not matching and not covered:
            continue
        mentions.append(Mention(long_start, long_end, long_name, "ORG"))
        pos = m.start(1)
        for p in parts:
            at = text.index(p, pos)
            pos = at + len(p)
            mentions.append(Mention(at, at + len(p), p, "ORG"))
            why = "acronym defined in text" if p in matching else f"listed with {matching[0]}" if matching else \
                "acronym given in parentheses"
            links.append((long_name, p, why))
    for m in REVERSE.finditer(text):
        acr, long_name = m.group(1), clean(m.group(2))
        if ctx.skipped(m.span()) or not acronym_matches(acr, long_name):
            continue
        mentions.append(Mention(m.start(1), m.end(1), acr, "ORG"))
        mentions.append(Mention(m.start(2), m.start(2) + len(long_name), long_name, "ORG"))
        links.append((long_name, acr, "acronym defined in text"))


def _also_known_as(ctx: Context, mentions: list[Mention], links: list[tuple[str, str, str]]) -> None:
    """Two names the text gives as one: "the MEK (also known as the PMOI)", "X, a.k.a. Y"."""
    text = doc_text(ctx)
    ordered = sorted(mentions, key=lambda m: m.start)
    for a, b in zip(ordered, ordered[1:], strict=False):
        if 0 < b.start - a.end < 40 and AKA.fullmatch(text[a.end:b.start]) and a.name != b.name:
            links.append((a.name, b.name, "also known as"))


@lru_cache(maxsize=8)
def _known_index(known: tuple[Known, ...]) -> tuple[dict[str, Known], re.Pattern[str] | None]:
    """name-key -> Known, and one pattern for all listed names: built once per list, not per
    document, since a user list can hold thousands of names."""
    by_key: dict[str, Known] = {}
    names: set[str] = set()
    for k in known:
        for n in k.names:
            by_key.setdefault(name_key(clean(n)), k)
            names.add(n)
    if not names:
        return by_key, None
    alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return by_key, re.compile(r"(?<!\w)(?:" + alternation + r")(?!\w)")


def _known_mentions(ctx: Context, known: tuple[Known, ...], mentions: list[Mention]) -> dict[str, Known]:
    """Mentions of user-listed names that spaCy missed, and name-key -> Known for merging."""
    by_key, pattern = _known_index(known)
    if pattern is None:
        return by_key
    for m in pattern.finditer(doc_text(ctx)):
        if ctx.skipped(m.span()):
            continue
        k = by_key[name_key(clean(m.group(0)))]
        mentions.append(Mention(m.start(), m.end(), m.group(0), k.type or "ORG"))
    return by_key


def _dedupe(mentions: list[Mention]) -> list[Mention]:
    """Overlapping mentions keep the longest (ties: the first found, i.e. spaCy's)."""
    out: list[Mention] = []
    for m in sorted(mentions, key=lambda x: (x.start, -(x.end - x.start))):
        if out and m.start < out[-1].end:
            prev = out[-1]
            if m.end > prev.end:
                out[-1] = m
            prev_cue = prev.person_cue or m.person_cue
            out[-1].person_cue = prev_cue
            out[-1].roles = list(dict.fromkeys(prev.roles + m.roles))
            continue
        out.append(m)
    return out


class _Headlines:
    """Whether a token's sentence is a headline, caption or label: in headline case or ending
    with no full stop. The parser types names there from capitals and a few words of context.
    Each sentence is judged once (`Span.sent` walks the document on every call)."""

    def __init__(self, doc: Doc) -> None:
        self.sents = list(doc.sents)
        self.starts = [s.start for s in self.sents]
        self.known: dict[int, bool] = {}

    def __call__(self, token: int) -> bool:
        i = bisect_right(self.starts, token) - 1
        if i not in self.known:
            sent = self.sents[i]
            self.known[i] = sent.text.rstrip()[-1:] not in _SENTENCE_END or headline_case([t.text for t in sent])
        return self.known[i]


_SENTENCE_END = set(".!?\"”’')…:")


def _decide_type(groups: list[Group]) -> str:
    votes: Counter[str] = Counter()
    for g in groups:
        for m in g.mentions:
            # a vote is 2, a headline's 1: "Karst Valley" was ORG in a title, LOC in the body
            votes[m.label] += 1 if m.headline else 2
            if m.person_cue:
                votes["PERSON"] += 4
    known = next((g.known for g in groups if g.known and g.known.type), None)
    if known:
        return known.type or "ORG"
    place = _place_type(groups, votes)
    if place:
        return place
    # A full name tagged as a person once is a person everywhere; a single word ("Americans",
    # "Republican") needs the person tags to outnumber the others.
    full_person = any(len(g.name.split()) > 1 and any(m.label == "PERSON" or m.person_cue for m in g.mentions)
                      for g in groups)
    others = max((v for k, v in votes.items() if k != "PERSON"), default=0)
    org = any(looks_like_org(g.name) for g in groups)
    if votes["PERSON"] and any(person_like(g) for g in groups) and not org and (
            full_person or votes["PERSON"] > others):
        return "PERSON"
    if any(g.person_hint for g in groups) and not org:
        return "PERSON"
    votes.pop("PERSON", None) if any(is_acronym(g.name) for g in groups) and len(votes) > 1 else None
    top = votes.most_common(1)[0][0]
    # "Fox News, who ...": the channel; "the FBI" tagged GPE beside the Federal Bureau of
    # Investigation: the bureau. A place's own long name ("Islamic Republic of Iran") stays a place.
    if org and (top == "PERSON" or (top == "GPE" and any(is_acronym(g.name) for g in groups)
                                    and not any(primary_place(g.name) for g in groups))):
        return "ORG"
    # "called the most feared mullah by the News Week": an outlet's name, not an event or a building
    if top in ("EVENT", "FAC") and any(g.name[:1].isupper() and any(w.lower() in MEDIA_WORDS for w in g.name.split())
                                       and g.name.split()[-1].lower() not in _SITE_WORDS for g in groups):
        return "ORG"
    # "the Iranian Resistance has long argued": a body's word names no building, unless a site's word ends it
    sites = _SITE_WORDS | _ALSO_SITES
    if top in ("FAC", "EVENT") and org and groups[0].name[:1].isupper() and not any(
            w.lower() in sites for g in groups for w in g.name.split()):
        return "ORG"
    return top


# Body words that also name sites, rooms or states ("White House", "Oval Office", "Badger State").
_ALSO_SITES = {"house", "office", "state", "states", "school"}
# Last words of a site's name, not an outlet's ("Times Square").
_SITE_WORDS = {"square", "street", "building", "tower", "hall", "center", "centre", "station", "avenue", "plaza",
               "park", "bridge", "theater", "theatre", "arena", "stadium", "hotel", "airport", "prison", "camp"}


def _place_type(groups: list[Group], votes: Counter[str]) -> str | None:
    """GPE (LOC for a continent) when the gazetteer knows the name as a place and the document
    does not say it is a person or an organisation: no title, no "who", no full name tagged as
    a person, no organisation word; and either the words around it say place ("at Natanz") more
    often than the parser said something else, or it names a country, a region or a big city."""
    mentions = [m for g in groups for m in g.mentions]
    if any(m.person_cue for m in mentions) or any(looks_like_org(g.name) for g in groups):
        return None
    if votes.most_common(1)[0][0] not in {"PERSON", "ORG", "NORP"}:
        return None  # the parser's place (GPE, LOC) and facility (FAC) tags stand ("in Aleppo" was NORP)
    if any(len(g.name.split()) > 1 and any(m.label == "PERSON" for m in g.mentions) and not primary_place(g.name)
           for g in groups):
        return None
    named = sorted(groups, key=lambda g: -len(g.name))
    place = next((p for g in named if (p := primary_place(g.name))), None)
    if place is None or (any(is_acronym(g.name) for g in groups) and place.kind != "country"
                         and not any(m.place_cue for m in mentions)):  # "FARGO, N.D." is no acronym
        return None
    label = "LOC" if place.kind == "continent" else "GPE"
    here = votes["GPE"] + votes["LOC"] + 4 * sum(m.place_cue for m in mentions)  # a vote is 2
    other = sum(v for k, v in votes.items() if k not in {"GPE", "LOC"})
    if here > other or any(strong_place(g.name) for g in groups):
        return label
    return None


def _canonical(groups: list[Group], etype: str) -> str:
    known = next((g.known for g in groups if g.known), None)
    if known:
        return known.name
    if len(groups) == 1:
        return groups[0].name
    last_counts: Counter[str] = Counter()
    for g in groups:
        last_counts[g.name.split()[-1]] += len(g.mentions)

    def rank(g: Group) -> tuple[int, int, int, int]:
        words = len(g.name.split())
        acr = 1 if is_acronym(g.name) else 0
        return (-acr, words, last_counts[g.name.split()[-1]], -g.mentions[0].start)

    return max(groups, key=rank).name


def _roles(ctx: Context, ent: Entity, mentions: list[Mention]) -> list[str]:
    roles: list[str] = []
    for m in mentions:
        roles.extend(m.roles)
        if ent.type not in {"PERSON", "ORG"}:
            continue
        span = ctx.doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None and span.end < span.sent.end and span.doc[span.end].text == ",":
            role = _appos_role(ctx, span.end, span.sent.end)
            if role:
                roles.append(role)
    seen: dict[str, str] = {}
    for r in roles:
        seen.setdefault(r.lower(), r)
    return list(seen.values())


ROLE_START = {"the", "a", "an", "his", "her", "its", "their", "another", "former"}
ROLE_HEADS = {"leader", "minister", "president", "head", "chief", "judge", "prosecutor", "member", "director",
              "spokesman", "spokeswoman", "spokesperson", "official", "commander", "founder", "chairman",
              "secretary", "governor", "cleric", "ayatollah", "candidate", "nominee", "senator", "adviser",
              "advisor", "ambassador", "deputy", "mayor", "imam", "general", "author", "editor"}


def _appos_role(ctx: Context, start: int, stop: int) -> str | None:
    """The apposition after a name, up to its closing punctuation. One that runs into a verb
    is kept only when it names an office: the parse may have lost a comma."""
    doc = ctx.doc
    i = start
    while i < stop and doc[i].is_punct and doc[i].text not in {"–", "—"}:
        i += 1
    if i >= stop or doc[i].lower_ not in ROLE_START:
        return None
    words: list[str] = []
    for t in doc[i:stop]:
        if t.text in {",", "–", "—", "(", ";", ".", ":"} or t.lower_ == "who":
            break
        if t.pos_ in {"VERB", "AUX"}:
            if not any(w.strip().lower() in ROLE_HEADS for w in words):
                return None
            break
        words.append(t.text_with_ws)
    role = "".join(words).strip()
    return role if 1 < len(role.split()) <= 14 else None


def find_entities(ctx: Context) -> None:
    mentions: list[Mention] = []
    headlines = _Headlines(ctx.doc)
    for sp in ctx.doc.ents:
        if sp.label_ not in KEEP or ctx.skipped((sp.start_char, sp.end_char)):
            continue
        m = _mention(ctx, sp.start_char, sp.end_char, sp.label_)
        if m:
            m.headline = headlines(sp.start)
            mentions.append(m)
    links: list[tuple[str, str, str]] = []
    _acronyms(ctx, mentions, links)
    _also_known_as(ctx, mentions, links)
    known = load_known(ctx.options.entity_files)
    known_keys = _known_mentions(ctx, known, mentions) if known else {}
    mentions = _dedupe(mentions)

    groups: dict[str, Group] = {}
    for m in mentions:
        g = groups.setdefault(m.name, Group(m.name))
        g.mentions.append(m)
    for g in groups.values():
        g.known = known_keys.get(name_key(g.name))
    uf = Joins(list(groups))
    for long_name, short, why in links:
        if long_name in groups and short in groups:
            uf.union(long_name, short, why)
    merge_groups(groups, uf)

    clusters: dict[str, list[Group]] = {}
    for name, g in groups.items():
        clusters.setdefault(uf.find(name), []).append(g)
    entities: list[Entity] = []
    for members in sorted(clusters.values(), key=lambda gs: min(m.start for g in gs for m in g.mentions)):
        etype = _decide_type(members)
        name = _canonical(members, etype)
        ms = sorted((m for g in members for m in g.mentions), key=lambda m: m.start)
        ent = Entity(id="", name=name, type=etype, mentions=[(m.start, m.end) for m in ms])
        ordered = sorted(members, key=lambda g: g.mentions[0].start)
        ent.aliases = [g.name for g in ordered if g.name != name]
        ent.merges = [{"alias": g.name, "reason": uf.reason.get(g.name) or (
            f"user list {g.known.source}" if g.known else uf.reason.get(name) or "same entity")}
            for g in ordered if g.name != name]
        knowns = [g.known for g in members if g.known]
        ent.ids = list(dict.fromkeys(i for k in knowns for i in k.ids))
        ent.roles = _roles(ctx, ent, ms)
        entities.append(ent)
    _surname_mentions(ctx, entities)
    resolve_titles(doc_text(ctx), entities, ctx.skip)
    for i, ent in enumerate(entities, 1):
        ent.id = f"e{i}"
    ctx.entities = entities
    ctx.index_mentions()


def _surname_mentions(ctx: Context, entities: list[Entity]) -> None:
    """Bare surnames spaCy did not tag ("Razini said") become mentions of the one person with
    that surname. A surname two people share, or one that names another entity, is left alone."""
    owners: dict[str, Entity | None] = {}
    taken = {n for e in entities if e.type != "PERSON" for n in (e.name, *e.aliases)}
    for e in entities:
        if e.type != "PERSON":
            continue
        for n in (e.name, *e.aliases):
            words = n.split()
            if len(words) < 2 or not words[-1][:1].isupper() or words[-1] in taken or len(words[-1]) < 3:
                continue
            prev = owners.get(words[-1], e)
            owners[words[-1]] = e if prev is e else None
    owners = {k: v for k, v in owners.items() if v is not None}
    if not owners:
        return
    text = doc_text(ctx)
    covered = sorted(m for e in entities for m in e.mentions)
    starts = [a for a, _ in covered]
    # One pass over capitalised words with a dict lookup: no per-document alternation to compile.
    for m in CAP_WORD.finditer(text):
        word = m.group(1)
        if word not in owners:
            continue
        a, b = m.span(1)
        i = bisect_right(starts, a) - 1
        if (i >= 0 and covered[i][1] > a) or ctx.skipped((a, b)):
            continue
        ent = owners[m.group(1)]
        if ent is None:
            continue
        ent.mentions.append((a, b))
        if m.group(1) not in ent.aliases and m.group(1) != ent.name:
            ent.aliases.append(m.group(1))
            ent.merges.append({"alias": m.group(1), "reason": "surname"})
    for e in entities:
        e.mentions.sort()
