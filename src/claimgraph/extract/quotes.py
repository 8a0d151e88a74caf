"""Quotes and their speakers (first version: direct quotes with a nearby speech verb)."""

from __future__ import annotations

import re

from ..model import Quote, Speaker
from .context import Context

DIRECT = re.compile(r"[\"“]([^\"“”]{10,}?)[\"”]")
CUE = re.compile(r"\b(said|says|told|added|wrote|explained|stated)\b")


def find_quotes(ctx: Context) -> None:
    text = ctx.text
    out: list[Quote] = []
    for m in DIRECT.finditer(text):
        if ctx.skipped(m.span()):
            continue
        window = text[m.end(): m.end() + 60]
        cue = CUE.search(window)
        speaker = None
        if cue:
            ent = ctx.entity_at(m.end(), m.end() + cue.start() + 40)
            if ent is not None and ent.type == "PERSON":
                speaker = Speaker(name=ent.name, text=ent.name, entity=ent.id, method="cue")
        out.append(Quote(id=f"q{len(out) + 1}", kind="direct", text=m.group(1), span=m.span(1),
                         cue=cue.group(1) if cue else None, speaker=speaker))
    ctx.quotes = out
