"""Numeric claims (first version: counts written in digits before a plural noun)."""

from __future__ import annotations

import re

from ..model import Claim, Claimant
from .context import Context

COUNT = re.compile(r"\b(over|more than|at least|about|some|nearly)?\s*(\d{1,3}(?:,\d{3})+|\d+)\s+([a-z]+s)\b")


def find_claims(ctx: Context) -> list[Claim]:
    out: list[Claim] = []
    for sent in ctx.doc.sents:
        for m in COUNT.finditer(sent.text):
            value = float(m.group(2).replace(",", ""))
            span = (sent.start_char, sent.end_char)
            if ctx.skipped(span):
                continue
            out.append(Claim(id=f"c{len(out) + 1}", kind="count", text=sent.text, span=span, value=value,
                             low=value, high=None if m.group(1) else value, qualifier=m.group(1),
                             counted=m.group(3), claimant=Claimant(name=ctx.info.publisher, basis="publisher")))
    return out
