"""Score Persian extraction on the gold paragraphs (tests/gold_fa/) and OCR on the generated scan.

    .venv/bin/python bench/score_fa.py            # the table, and every miss by class
    .venv/bin/python bench/score_fa.py --json     # the figures alone

Quotes match when their spans overlap by half of the longer one; a speaker is right when the
resolved name is the gold name, or either's words contain the other's ("سخنگوی کمیته ..." for
the committee's spokesperson). Claims match on the number's span; a claim's value is right when
low and high are the gold's, and counted, event, time and kind are checked where the gold gives
them. The scan: character error rate of the OCR text against the text the page was rendered
from, and whether its claim and quote are found.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold_fa"
# The gate's floors (tests/test_persian_gold.py): every figure reached 1.000 on these paragraphs,
# written by the same hands as the rules (the trap: they say the rules do what was meant, not
# how they fare on text nobody here wrote); a floor of 0.95 fails when two of them break.
FLOORS = {"quote_f1": 0.95, "speaker": 0.95, "claim_f1": 0.95, "value": 0.95, "fields": 0.95}
SCAN_CER_CEILING = 0.03  # reached 0.007 (tesseract 5.3.0, fas)


def _flat(s: str) -> str:
    return re.sub(r"[\s\u200c]+", "", s or "").casefold()


def _folded(s: str) -> str:
    """Gold text as the Persian normaliser leaves it (no short vowels or tatweel, Persian yeh and kaf)."""
    from claimgraph.extract.fa.normalise import DROP, REPLACE

    return "".join(ch for ch in s if ch not in DROP).translate(REPLACE)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    return inter / max(a[1] - a[0], b[1] - b[0], 1) if inter > 0 else 0.0


def _extract(text: str) -> dict[str, Any]:
    from claimgraph.extract import extract_one
    from claimgraph.model import Location, Source
    from claimgraph.options import Options

    src = Source(data=text.encode("utf-8"), location=Location("gold", "file", "-"), name="gold.txt")
    return extract_one(src, Options(entity_files=(str(GOLD / "entities.yaml"),))).to_json(include_text=True)


def _match(text: str, gold: str, preds: list[dict[str, Any]], key: str) -> dict[str, Any] | None:
    """The prediction whose span (`key`) overlaps the gold words' span most, by half at least."""
    want = _folded(gold)
    a = text.find(want)
    assert a >= 0, f"gold words not in the text: {gold}"
    span = (a, a + len(want))
    hit = max(preds, key=lambda p: _overlap(span, tuple(p[key])), default=None)
    return hit if hit is not None and _overlap(span, tuple(hit[key])) >= 0.5 else None


def _speaker_ok(pred: dict[str, Any] | None, gold: str | None) -> bool:
    if pred is None or gold is None:
        return pred is None and gold is None
    names = [_flat(pred.get("name") or ""), _flat(pred.get("text") or "")]
    g = _flat(gold)
    return any(n and (n == g or n in g or g in n) for n in names)


def score(path: Path = GOLD / "paragraphs.yaml") -> dict[str, Any]:
    items = yaml.safe_load(path.read_text(encoding="utf-8"))
    t = {"q_gold": 0, "q_pred": 0, "q_hit": 0, "sp_ok": 0, "c_gold": 0, "c_pred": 0, "c_hit": 0, "v_ok": 0,
         "f_all": 0, "f_ok": 0}
    misses: list[str] = []
    for item in items:
        x = _extract(item["text"])
        text = x["text"]
        preds = list(x["quotes"])
        t["q_gold"] += len(item["quotes"])
        t["q_pred"] += len(preds)
        for g in item["quotes"]:
            hit = _match(text, g["text"], preds, "span")
            if hit is None:
                misses.append(f"{item['id']} quote missed: {g['text'][:50]}")
                continue
            preds.remove(hit)
            t["q_hit"] += 1
            if _speaker_ok(hit["speaker"], g.get("speaker")):
                t["sp_ok"] += 1
            else:
                misses.append(f"{item['id']} speaker: {(hit['speaker'] or {}).get('name')} for {g.get('speaker')}")
        misses += [f"{item['id']} quote extra: {q['text'][:50]}" for q in preds]
        claims = list(x["claims"])
        t["c_gold"] += len(item["claims"])
        t["c_pred"] += len(claims)
        for g in item["claims"]:
            hit = _match(text, g["number"], claims, "number_span")
            if hit is None:
                misses.append(f"{item['id']} claim missed: {g['number']}")
                continue
            claims.remove(hit)
            t["c_hit"] += 1
            if (hit["low"], hit["high"]) == (g["low"], g["high"]):
                t["v_ok"] += 1
            else:
                misses.append(f"{item['id']} value: {hit['low']}-{hit['high']} for {g['low']}-{g['high']}")
            for field in ("counted", "event", "time", "kind"):
                if field in g:
                    t["f_all"] += 1
                    if hit.get(field) == g[field]:
                        t["f_ok"] += 1
                    else:
                        misses.append(f"{item['id']} {field}: {hit.get(field)} for {g[field]}")
        misses += [f"{item['id']} claim extra: {c['number_text']}" for c in claims]
    return _figures(t, len(items)) | {"misses": misses}


def _f1(hit: int, gold: int, pred: int) -> tuple[float, float, float]:
    p = hit / pred if pred else 1.0
    r = hit / gold if gold else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _figures(t: dict[str, int], n: int) -> dict[str, Any]:
    qp, qr, qf = _f1(t["q_hit"], t["q_gold"], t["q_pred"])
    cp, cr, cf = _f1(t["c_hit"], t["c_gold"], t["c_pred"])
    return {"paragraphs": n, "quotes": t["q_gold"], "claims": t["c_gold"],
            "quote_precision": qp, "quote_recall": qr, "quote_f1": qf,
            "speaker": t["sp_ok"] / t["q_hit"] if t["q_hit"] else 1.0,
            "claim_precision": cp, "claim_recall": cr, "claim_f1": cf,
            "value": t["v_ok"] / t["c_hit"] if t["c_hit"] else 1.0,
            "fields": t["f_ok"] / t["f_all"] if t["f_all"] else 1.0}


def score_scan(path: Path = GOLD / "scan.pdf") -> dict[str, Any]:
    """OCR the generated scan and compare with the text it was rendered from."""
    from rapidfuzz.distance import Levenshtein

    from claimgraph.extract import extract_one
    from claimgraph.model import Location, Source
    from claimgraph.options import Options

    expected = (GOLD / "scan.txt").read_text(encoding="utf-8")
    src = Source(data=path.read_bytes(), location=Location(str(path), "file", "-"), name=path.name)
    x = extract_one(src, Options(entity_files=(str(GOLD / "entities.yaml"),))).to_json(include_text=True)
    got = " ".join(x["text"].split())
    want = " ".join(expected.split())
    return {"cer": Levenshtein.normalized_distance(got.replace("\u200c", ""), want.replace("\u200c", "")),
            "language": x["document"]["language"], "ocr_confidence": x["ocr"]["confidence"],
            "claims": [(c["number_text"], c["low"], c["high"], c["counted"], c["event"], c["time"]) for c in x["claims"]],
            "quotes": [(q["kind"], q["text"], (q["speaker"] or {}).get("name")) for q in x["quotes"]],
            "words_with_boxes": len(x["ocr"]["words"])}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--gold", default="paragraphs.yaml", help="a file in tests/gold_fa (heldout.yaml: score only)")
    args = ap.parse_args()
    result = score(GOLD / args.gold)
    misses = result.pop("misses")
    scan = {f"scan_{k}": v for k, v in score_scan().items()} if shutil.which("tesseract") else {}
    if args.json:
        print(json.dumps(result | scan, ensure_ascii=False, indent=2))
        return 0
    for k, v in result.items():
        print(f"{k:18} {v:.3f}" if isinstance(v, float) else f"{k:18} {v}")
    for k, v in scan.items():
        print(f"{k:18} {v:.3f}" if isinstance(v, float) else f"{k:18} {v}")
    print(f"\n{len(misses)} misses:")
    for m in misses:
        print("  " + m)
    return 0


if __name__ == "__main__":
    sys.exit(main())
