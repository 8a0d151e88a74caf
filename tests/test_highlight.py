"""Highlights from span offsets: always well nested, never losing or repeating text."""

from __future__ import annotations

from claimgraph.serve.web.highlight import Span, Token, spans_of, tokens


def render(toks: list[Token]) -> str:
    return "".join(t.text if not (t.open or t.close) else (f"<{t.open.kind}>" if t.open else "</>") for t in toks)


def text_of(toks: list[Token]) -> str:
    return "".join(t.text for t in toks)


def balanced(toks: list[Token]) -> bool:
    depth = 0
    for t in toks:
        depth += 1 if t.open else -1 if t.close else 0
        if depth < 0:
            return False
    return depth == 0


def span(a: int, b: int, kind: str, anchor: str | None = None) -> Span:
    from claimgraph.serve.web.highlight import KINDS

    return Span(a, -b, KINDS.index(kind), kind, anchor=anchor)


def test_crossing_spans_are_split_and_nested() -> None:
    toks = tokens("abcdefghij", [span(0, 5, "claim", "c1"), span(3, 8, "quote", "q1")])
    assert render(toks) == "<claim>abc<quote>de</></><quote>fgh</>ij"
    assert text_of(toks) == "abcdefghij" and balanced(toks)
    anchors = [t.open.anchor for t in toks if t.open and t.open.anchor]
    assert anchors == ["c1", "q1"]  # the continuation of a split span carries no second id


def test_same_span_nests_outer_kind_first() -> None:
    toks = tokens("Karimov", [span(0, 7, "entity"), span(0, 7, "speaker")])
    assert render(toks) == "<speaker><entity>Karimov</></>"


def test_out_of_range_and_empty_spans_are_dropped_or_clipped() -> None:
    toks = tokens("abc", [span(-5, 2, "quote"), span(2, 2, "entity"), span(1, 99, "claim"), span(7, 9, "number")])
    assert text_of(toks) == "abc" and balanced(toks)
    assert render(toks) == "<quote>a<claim>b</></><claim>c</>"


def test_spans_of_reads_the_extraction_json_defensively() -> None:
    x = {"entities": [{"name": "A", "type": "PERSON", "mentions": [[0, 1], "bad", [1]]}],
         "quotes": [{"id": "q1", "kind": "direct", "span": [0, 3], "speaker": {"name": "A", "span": [0, 1]},
                     "cue_span": None}],
         "claims": [{"id": "c1", "span": [0, 3], "number_span": [1, 2], "low": 5, "high": 5, "claimant": None}],
         "flags": [{"kind": "repeated_paragraph", "span": [0, 3]}]}
    kinds = sorted(s.kind for s in spans_of(x))
    assert kinds == ["claim", "entity", "flag", "number", "quote", "speaker"]
    toks = tokens("xyz", spans_of(x))
    assert balanced(toks) and text_of(toks) == "xyz"


def test_many_random_spans_stay_balanced() -> None:
    import random

    rnd = random.Random(7)
    text = "".join(rnd.choice("ab <>&\"'\n") for _ in range(300))
    kinds = ["flag", "claim", "quote", "speaker", "cue", "entity", "number"]
    for _ in range(50):
        spans = []
        for _ in range(40):
            a = rnd.randrange(-10, 310)
            spans.append(span(a, a + rnd.randrange(-5, 80), rnd.choice(kinds)))
        toks = tokens(text, spans)
        assert balanced(toks) and text_of(toks) == text
