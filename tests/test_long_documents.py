"""Long texts are parsed in pieces: each piece ends at a paragraph, else a sentence, else a space;
the pieces join into one Doc whose tokens sit where a whole parse puts them, so every span
stays exact and what is extracted does not depend on where the pieces were cut."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimgraph.extract import extract_one, nlp
from claimgraph.extract.context import Context
from claimgraph.extract.nlp import chunk_bounds, parse
from claimgraph.model import Location, Quote, Source
from claimgraph.options import Options
from conftest import HTML_PARAS, NEWS

PARAS = [*HTML_PARAS, *NEWS.split("\n\n")]


def article(n: int, sep: str = "\n\n") -> str:
    return sep.join(PARAS[i % len(PARAS)].strip() for i in range(n)) + "\n"


def covers(text: str, bounds: list[tuple[int, int]], size: int) -> None:
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a == b for (_, a), (b, _) in zip(bounds, bounds[1:], strict=False))
    assert all(0 < b - a <= size for a, b in bounds)


def test_pieces_end_at_paragraphs() -> None:
    text = article(60)
    bounds = chunk_bounds(text, 2000)
    covers(text, bounds, 2000)
    assert len(bounds) > 3
    assert all(text[b - 2 : b] == "\n\n" and not text[b].isspace() for _, b in bounds[:-1])


def test_one_line_is_cut_after_a_sentence_and_no_spaces_hard() -> None:
    text = article(60, sep=" ")
    assert "\n" not in text.rstrip()
    bounds = chunk_bounds(text, 2000)
    covers(text, bounds, 2000)
    assert all(text[:b].rstrip()[-1] in ".\u201d" for _, b in bounds[:-1])
    blob = "x" * 5000
    covers(blob, chunk_bounds(blob, 2000), 2000)


def test_short_texts_are_one_piece() -> None:
    assert chunk_bounds(NEWS) == [(0, len(NEWS))]


@pytest.mark.parametrize("sep", ["\n\n", " "], ids=["paragraphs", "one-line"])
def test_pieces_parse_like_the_whole(monkeypatch: pytest.MonkeyPatch, sep: str) -> None:
    text = article(40, sep)
    whole = parse(text)
    monkeypatch.setattr(nlp, "CHUNK_CHARS", 1500)
    pieces = parse(text)
    assert pieces.text == text
    assert [t.idx for t in pieces] == [t.idx for t in whole]
    # The parse itself may differ a little at a cut (the model sees less context); the sentences
    # and names must not.
    assert [s.start_char for s in pieces.sents] == [s.start_char for s in whole.sents]
    assert [(e.start_char, e.label_) for e in pieces.ents] == [(e.start_char, e.label_) for e in whole.ents]


def test_extraction_of_a_long_text_is_the_sum_of_its_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    text = article(40)
    src = Source(data=text.encode(), location=Location("long.txt", "file", ""), name="long.txt")
    whole = extract_one(src, Options())
    monkeypatch.setattr(nlp, "CHUNK_CHARS", 1500)
    pieces = extract_one(src, Options())
    assert [(q.span, q.speaker and q.speaker.name) for q in pieces.quotes] == [
        (q.span, q.speaker and q.speaker.name) for q in whole.quotes]
    assert [(c.span, c.value) for c in pieces.claims] == [(c.span, c.value) for c in whole.claims]
    for q in pieces.quotes:  # spans index the clean text, which is the original here
        assert text[q.span[0]:q.span[1]] == pieces.text[q.span[0]:q.span[1]]


@given(st.lists(st.tuples(st.integers(0, 300), st.integers(1, 120)), max_size=30), st.integers(0, 450))
def test_quote_at_is_the_first_quote_holding_a_position(spans: list[tuple[int, int]], pos: int) -> None:
    quotes = [Quote(id=f"q{i}", kind="direct", text="", span=(a, a + n)) for i, (a, n) in enumerate(spans)]
    ctx = Context(doc=None, info=None, options=Options(), quotes=quotes)  # type: ignore[arg-type]
    assert ctx.quote_at(pos) is next((q for q in quotes if q.span[0] <= pos < q.span[1]), None)
