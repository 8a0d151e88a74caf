"""Entities and their aliases within one document (first version: spaCy NER, grouped by name)."""

from __future__ import annotations

from .context import Context

KEEP = {"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "NORP"}


def find_entities(ctx: Context) -> None:
    groups: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for ent in ctx.doc.ents:
        if ent.label_ not in KEEP or ctx.skipped((ent.start_char, ent.end_char)):
            continue
        groups.setdefault((ent.text, ent.label_), []).append((ent.start_char, ent.end_char))
    from ..model import Entity

    ctx.entities = [
        Entity(id=f"e{i}", name=name, type=label, mentions=mentions)
        for i, ((name, label), mentions) in enumerate(groups.items(), 1)
    ]
    ctx.index_mentions()
