"""Entities in Persian text, from the user's known-entity lists (no Persian NER model exists here).

A known entity's every name (its Persian names, transliterations, aliases) is looked for with
the same folding the text had (Arabic yeh and kaf as Persian ones; a ZWNJ, a space or nothing
at word joints). The entity found carries the list's canonical name and ids, so the resolver
joins it with the same entity found in an English document: خمینی meets Khomeini through the
list that gives both names.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ...model import Entity, Span
from ..context import Context
from ..known import Known, load_known
from .lexicon import flexible
from .normalise import REPLACE


@lru_cache(maxsize=8)
def _pattern(known: tuple[Known, ...]) -> tuple[re.Pattern[str] | None, dict[str, int]]:
    """One alternation of every name (longest first), and each folded name's entity index."""
    owner: dict[str, int] = {}
    written: dict[str, str] = {}
    for i, k in enumerate(known):
        for name in k.names:
            key = _key(name)
            if len(key) >= 2:
                owner.setdefault(key, i)
                written.setdefault(key, name.translate(REPLACE))
    if not owner:
        return None, owner
    names = sorted(written.values(), key=len, reverse=True)
    alternation = "|".join(flexible(n) for n in names)
    return re.compile(rf"(?<![^\W_])(?:{alternation})(?![^\W_])", re.I), owner


def _key(name: str) -> str:
    return re.sub(r"[\s\u200c]+", "", name.translate(REPLACE).casefold())


def find_known_entities(ctx: Context, start_id: int = 1) -> list[Entity]:
    """Entities of the known lists mentioned in the text, in order of first mention."""
    known = load_known(ctx.options.entity_files)
    pattern, owner = _pattern(known)
    if pattern is None:
        return []
    found: dict[int, tuple[list[Span], list[str]]] = {}
    for m in pattern.finditer(ctx.text):
        if ctx.skipped((m.start(), m.end())):
            continue
        i = owner.get(_key(m.group(0)))
        if i is None:
            continue
        spans, surfaces = found.setdefault(i, ([], []))
        spans.append((m.start(), m.end()))
        if m.group(0) not in surfaces:
            surfaces.append(m.group(0))
    out = []
    for n, (i, (spans, surfaces)) in enumerate(sorted(found.items(), key=lambda kv: kv[1][0][0]), start_id):
        k = known[i]
        aliases = [s for s in surfaces if s != k.name]
        out.append(Entity(id=f"e{n}", name=k.name, type=k.type or "ORG", aliases=aliases, mentions=spans,
                          merges=[{"alias": a, "reason": f"user list {k.source}"} for a in aliases],
                          ids=list(k.ids)))
    return out
