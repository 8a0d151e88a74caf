"""Score numeric-claim extraction against tests/gold/claims.jsonl.

    PYTHONPATH=src python bench/score_claims.py [GOLD] [--show]

Each gold line is a small document (`text`, optional `published`, `author`, `publisher`; the
publisher defaults to "Gold Wire") with `expect`: the numeric claims it states, and `not`:
numbers in it that are not claims (dates, names, times...). An expected claim gives `n` (the
words that state the number, found at their first occurrence), `v`/`lo`/`hi`/`q` (value, bounds,
qualifier, all checked, null meaning none), and where given `kind` (default count), `c` (what is
counted), `e` (event), `by` (claimant name; default: the author, else the publisher), `time`,
`place`, `about` (the person an age is about).

Measures: detection recall (expected numbers found), false positives (claims on a `not` number
or on no expected number), and, over found claims, accuracy of value, range (low and high),
qualifier, kind, counted (same head noun), event (gold words contained), claimant, time, place,
about. Numbers compare with a relative tolerance of 1e-6. Where cases name their `class`
(tests/gold/claims_classes.jsonl: one class of issue 9 each), the result also holds, by class,
how many expected claims were found and how many claims were false positives or had a field wrong.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_GOLD = ROOT / "tests" / "gold" / "claims.jsonl"
FLOORS = {"value": 0.9, "range": 0.9, "qualifier": 0.9, "claimant": 0.8, "recall": 0.9}


def _extract(case: dict[str, Any]) -> dict[str, Any]:
    from claimgraph.extract.pipeline import extract_parsed
    from claimgraph.model import Location, Metadata, Parsed, Source
    from claimgraph.options import Options

    meta = Metadata(publisher=case.get("publisher") or "Gold Wire", published=case.get("published"),
                    author=case.get("author"))
    text = case["text"]
    source = Source(data=text.encode(), location=Location(uri=case["id"], kind="file", captured_at="1970-01-01T00:00:00Z"),
                    name=case["id"])
    return extract_parsed(source, Parsed(text=text, metadata=meta, format="text"), Options()).to_json(include_text=True)


def _same(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - float(b)) <= 1e-6 * max(1.0, abs(float(b)))


def _norm(s: str | None) -> str:
    s = (s or "").lower().strip()
    return s[4:] if s.startswith("the ") else s


def _locate(text: str, needle: str, used: set[int]) -> tuple[int, int]:
    start = 0
    while True:
        i = text.find(needle, start)
        if i < 0:
            raise ValueError(f"{needle!r} not in {text!r}")
        if i not in used:
            used.add(i)
            return i, i + len(needle)
        start = i + 1


def score(gold: Path = DEFAULT_GOLD, show: bool = False) -> dict[str, Any]:
    hits: dict[str, list[bool]] = defaultdict(list)
    expected = found = false_pos = 0
    by_class: dict[str, dict[str, int]] = defaultdict(lambda: {"expected": 0, "found": 0, "false_positives": 0,
                                                                "fields_wrong": 0})
    for line in gold.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        case = json.loads(line)
        tally = by_class[case.get("class") or ""]
        out = _extract(case)
        text = out["text"]
        ents = {e["id"]: e for e in out["entities"]}
        claims = out["claims"]
        matched: set[str] = set()
        used: set[int] = set()
        default_by = case.get("author") or case.get("publisher") or "Gold Wire"
        for exp in case["expect"]:
            expected += 1
            tally["expected"] += 1
            a, b = _locate(text, exp["n"], used)
            cands = [c for c in claims if c["number_span"] and c["number_span"][0] < b and a < c["number_span"][1]]
            if not cands:
                if show:
                    print(f"MISSED {case['id']} {exp['n']!r}: {text}")
                hits["recall"].append(False)
                continue
            c = cands[0]
            matched.add(c["id"])
            found += 1
            tally["found"] += 1
            hits["recall"].append(True)
            checks = {
                "value": _same(c["value"], exp["v"]),
                "range": _same(c["low"], exp["lo"]) and _same(c["high"], exp["hi"]),
                "qualifier": (c["qualifier"] or None) == (exp["q"] or None),
                "kind": c["kind"] == exp.get("kind", "count"),
            }
            if "c" in exp:
                checks["counted"] = bool(c["counted"]) and _norm(c["counted"]).split()[-1] == _norm(exp["c"]).split()[-1]
            if "e" in exp:
                checks["event"] = bool(c["event"]) and _norm(exp["e"]) in _norm(c["event"])
            by = exp.get("by", default_by)
            name = (c["claimant"] or {}).get("name")
            checks["claimant"] = _norm(name) == _norm(by)
            if "time" in exp:
                checks["time"] = c["time"] == exp["time"]
            if "place" in exp:
                checks["place"] = _norm(c["place"]) == _norm(exp["place"])
            if "about" in exp:
                checks["about"] = c["about"] in ents and _norm(ents[c["about"]]["name"]) == _norm(exp["about"])
            tally["fields_wrong"] += not all(checks.values())
            for k, ok in checks.items():
                hits[k].append(ok)
                if show and not ok:
                    got = {"value": c["value"], "range": (c["low"], c["high"]), "qualifier": c["qualifier"],
                           "kind": c["kind"], "counted": c["counted"], "event": c["event"], "claimant": name,
                           "time": c["time"], "place": c["place"], "about": c["about"]}[k]
                    print(f"WRONG {k} {case['id']} {exp['n']!r}: got {got!r}: {text}")
        for c in claims:
            if c["id"] not in matched:
                false_pos += 1
                tally["false_positives"] += 1
                if show:
                    print(f"EXTRA {case['id']} {c['number_text']!r}: {text}")
    result: dict[str, Any] = {k: sum(v) / len(v) for k, v in hits.items() if v}
    result["expected"] = expected
    result["found"] = found
    result["false_positives"] = false_pos
    result["precision"] = found / (found + false_pos) if found + false_pos else 1.0
    if set(by_class) != {""}:
        result["classes"] = {k: dict(v) for k, v in sorted(by_class.items())}
    return result


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    res = score(Path(args[0]) if args else DEFAULT_GOLD, show="--show" in argv)
    classes = res.pop("classes", {})
    width = max(len(k) for k in res)
    for k, v in res.items():
        floor = FLOORS.get(k)
        mark = "" if floor is None else ("  ok" if v >= floor else f"  BELOW FLOOR {floor}")
        print(f"{k:<{width}}  {v:.3f}{mark}" if isinstance(v, float) else f"{k:<{width}}  {v}")
    if classes:
        print(f"\n{'class':<20} expected  found  false_pos  fields_wrong")
        for k, t in classes.items():
            print(f"{k:<20} {t['expected']:>8} {t['found']:>6} {t['false_positives']:>10} {t['fields_wrong']:>13}")
    return 0 if all(res.get(k, 1.0) >= f for k, f in FLOORS.items()) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
