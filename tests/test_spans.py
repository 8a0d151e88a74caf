"""Every span extracted from a plain-text original maps back to bytes of that original which hold
the same words: whatever its encoding, byte-order mark, line wrapping or quotation marks."""

from __future__ import annotations

import textwrap

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimgraph import workflow
from claimgraph.extract import extract_one
from claimgraph.model import Extraction, Location, Source, Span
from claimgraph.options import Options

NAMES = ["Anna Kowalski", "Tom Ferris", "Leila Haddad", "Ren\u00e9e Dubois", "Glen Abbott"]
QUOTES = [("\u201c", "\u201d"), ('"', '"'), ("\u2018", "\u2019"), ("\u00ab", "\u00bb"), ("'", "'"), ("\u201e", "\u201c")]
VERBS = ["said", "told reporters", "claimed", "insisted", "wrote"]
ENCODINGS = [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"),
             ("cp1252", b"")]


@st.composite
def sentences(draw: st.DrawFn) -> str:
    who = draw(st.sampled_from(NAMES))
    o, c = draw(st.sampled_from(QUOTES))
    n = draw(st.integers(2, 99_999))
    kind = draw(st.integers(0, 3))
    if kind == 0:
        return f"{o}We will hire {n:,} workers this year,{c} {who} {draw(st.sampled_from(VERBS))} on Monday."
    if kind == 1:
        return f"{who} {draw(st.sampled_from(VERBS))} that about {n} people had left the town since 2019."
    if kind == 2:
        return f"According to the council, {n} homes were flooded, and {who} disagreed: {o}It was worse.{c}"
    return f"The caf\u00e9 on the square closed in March after {n % 90 + 2} years, {who} {draw(st.sampled_from(VERBS))}."


@st.composite
def originals(draw: st.DrawFn) -> bytes:
    paras = [" ".join(draw(st.lists(sentences(), min_size=1, max_size=3))) for _ in range(draw(st.integers(1, 5)))]
    width = draw(st.sampled_from([0, 38, 60, 72]))
    if width:  # hard-wrapped, one paragraph per block, as scraped blogs come
        text = "\n".join(textwrap.fill(p, width) for p in paras)
    else:
        text = draw(st.sampled_from(["\n\n", "\n", "\r\n\r\n"])).join(paras)
    text = draw(st.sampled_from(["", "A Headline For The Story\n\n"])) + text + "\n"
    encoding, bom = draw(st.sampled_from(ENCODINGS))
    return bom + text.encode(encoding)


def spans(x: Extraction) -> list[Span]:
    out: list[Span] = [m for e in x.entities for m in e.mentions]
    for q in x.quotes:
        out += [q.span, *(s for s in (q.cue_span, q.speaker and q.speaker.span) if s)]
    for c in x.claims:
        out += [c.span, *([c.number_span] if c.number_span else [])]
    return out


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(originals())
def test_every_span_maps_back_to_the_original_bytes(data: bytes) -> None:
    x = extract_one(Source(data=data, location=Location("t.txt", "file", ""), name="t.txt"), Options())
    assert x.encoding is not None  # (ASCII-only cp1252 is read as UTF-8: the same bytes)
    found = spans(x)
    assert found  # every text here has a name and a number
    for span in found:
        a, b = workflow.original_span(x, data, span)
        assert x.bom <= a <= b <= len(data)
        original_words = data[a:b].decode(x.encoding).split()
        assert original_words == x.text[span[0]:span[1]].split(), (span, data[a:b])
