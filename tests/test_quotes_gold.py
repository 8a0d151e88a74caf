"""Quality gate over sentences written for this project, one group per class of error found on
real articles (issue 9): bylines and datelines, subjects that cannot speak, the person spoken to,
a bystander, a medium without its owner, an interrupted quotation, the same words twice, a noun
phrase taken for a quote, words inside a quotation, a headline. Each line of
tests/gold/quotes_classes.jsonl is a small document with what must and must not come out:

- expect: [{words, speaker, kind?}]: a speech quote (direct, indirect, partial, mixed) holding
  the words, whose speaker's name holds `speaker` (and of that kind, when given);
- no_speech: words that no speech quote may hold (a stance or belief may);
- not_speaker: words that no speaker's name or text may hold;
- once: words that exactly one quote may hold.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from claimgraph.extract.pipeline import extract_parsed
from claimgraph.model import Location, Metadata, Parsed, Quote, Source
from claimgraph.options import Options

GOLD = Path(__file__).parent / "gold" / "quotes_classes.jsonl"
SPEECH = frozenset({"direct", "indirect", "partial", "mixed"})
FLOOR = 1.0  # every class: these are the sentences the rules were written against


def _quotes(case: dict[str, Any]) -> list[Quote]:
    text = case["text"]
    source = Source(data=text.encode(), location=Location(uri=case["id"], kind="file", captured_at="1970-01-01T00:00:00Z"),
                    name=case["id"])
    parsed = Parsed(text=text, metadata=Metadata(), format="text")
    return extract_parsed(source, parsed, Options()).quotes


def failures(case: dict[str, Any], found: list[Quote]) -> list[str]:
    out = []
    speech = [q for q in found if q.kind in SPEECH]
    for e in case.get("expect", []):
        hit = [q for q in speech if e["words"] in q.text and q.speaker is not None and e["speaker"] in q.speaker.name
               and e.get("kind", q.kind) == q.kind]
        if not hit:
            out.append(f"expected {e}")
    out += [f"speech quote holds {w!r}" for w in case.get("no_speech", []) if any(w in q.text for q in speech)]
    out += [f"speaker holds {w!r}" for w in case.get("not_speaker", [])
            if any(q.speaker is not None and (w in q.speaker.name or w in q.speaker.text) for q in found)]
    out += [f"{w!r} not in exactly one quote" for w in case.get("once", []) if sum(w in q.text for q in found) != 1]
    return out


def score() -> tuple[dict[str, float], list[str]]:
    passed: dict[str, list[bool]] = defaultdict(list)
    notes = []
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        case = json.loads(line)
        bad = failures(case, _quotes(case))
        passed[case["class"]].append(not bad)
        notes += [f"{case['id']}: {b}" for b in bad]
    return {k: sum(v) / len(v) for k, v in passed.items()}, notes


@pytest.mark.gate
def test_quote_classes_gold() -> None:
    by_class, notes = score()
    assert len(by_class) >= 10
    low = {k: v for k, v in by_class.items() if v < FLOOR}
    assert not low, (low, notes)
