"""Error analysis for quotes and speakers on real articles: PolNeAR train + dev, by error class.

    .venv/bin/python bench/errors_quotes.py                  # train (tuning slice) + dev, classes
    .venv/bin/python bench/errors_quotes.py --split dev --examples 5
    .venv/bin/python bench/errors_quotes.py --speech         # classes of the speech-only run
    .venv/bin/python bench/errors_quotes.py --calibration    # confidence bucket -> precision
    .venv/bin/python bench/errors_quotes.py --jsonl preds.jsonl --split dev   # score a saved run
    .venv/bin/python bench/errors_quotes.py --heldout        # the held-out slice: one summary line
    .venv/bin/python bench/errors_quotes.py --by cue         # precision of the predictions by cue lemma

Extraction runs with the parse cached (quotes_run.py): the first run parses every document (about
ten minutes on two cores), later runs only extract quotes again. Predictions are matched to gold
exactly as ../shared/eval/score_quotes.py matches them (its own functions are imported): each
predicted quote is located in the article by its text, a gold attribution is found when one
unused prediction covers at least 30% of its content, greedily. Then every false positive, miss
and wrong speaker gets one class by fixed rules over the records (first rule that fits), so the
table is the same on every run of the same code.

The held-out slice (bench/heldout.py) never appears in a listing: --heldout prints its summary
score and nothing else. Real text from PolNeAR is printed to the terminal only, never stored.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from heldout import is_heldout
from quotes_run import ROOT, DocRun, run

SHARED = ROOT.parent / "shared"
POLNEAR = SHARED / "data" / "polnear"
SPEECH_KINDS = frozenset({"direct", "indirect", "partial", "mixed"})
OVERLAP = 0.3


def _scorer() -> Any:
    spec = importlib.util.spec_from_file_location("score_quotes", SHARED / "eval" / "score_quotes.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


S = _scorer()

from claimgraph.extract.lexicon import COGNITION, INTENT, MEDIA, NOUN_CUES, SPEECH, STANCE  # noqa: E402

# Verbs whose object is the person spoken to ("told X that ...").
ADDRESSING = frozenset({"tell", "ask", "inform", "urge", "remind", "warn", "assure", "notify", "advise", "brief",
                        "instruct", "order", "call"})
BYLINE = re.compile(r"/|\b(staff|reporter|correspondent|writer|editor)\b|^by\b|^[A-Z][A-Z .]+,", re.I)
DATELINE = re.compile(r"^[A-Z][A-Z .'-]{2,}(,|$)|\b[A-Z][a-z]{1,3}\.$")


@dataclass
class Gold:
    span: tuple[int, int]  # in the file's text
    speakers: list[str]
    kind: str
    cue: tuple[int, int] | None
    found: int | None = None  # index of the prediction that found it
    best: float = 0.0  # best coverage by any prediction, used or not
    best_by: int | None = None


@dataclass
class Pred:
    rec: dict[str, Any]
    spans: list[tuple[int, int]]  # located in the file's text
    gold: int | None = None
    speaker_ok: bool | None = None


@dataclass
class DocEval:
    run: DocRun
    gold: list[Gold]
    preds: list[Pred] = field(default_factory=list)
    # A few articles are annotated by five or six annotators, each attribution once per file: one
    # prediction finds one copy, the others count as misses. They stay in the scores (the
    # reference scorer counts them) but out of the class listings, where they would be noise.
    annotators: int = 1


def annotation_files(folder: Path, name: str) -> list[Path]:
    stem = Path(name).stem
    return list((folder / "attributions").glob(stem + "_*.ann")) or list((folder / "attributions").glob(stem + ".ann"))


def load_gold(folder: Path, name: str, text: str) -> list[Gold]:
    """The gold attributions of one file, read as the reference scorer reads them, with the cue."""
    anns = annotation_files(folder, name)
    spans: dict[str, tuple[str, int, int, str]] = {}
    rels: list[dict[str, str]] = []
    for ann in anns:
        for line in ann.read_text(encoding="utf-8").splitlines():
            if line.startswith("T"):
                tid, info, surface = ([*line.split("\t"), "", ""])[:3]
                parts = info.split(" ")
                ranges = " ".join(parts[1:]).split(";")
                try:
                    a, b = int(ranges[0].split()[0]), int(ranges[-1].split()[-1])
                except (IndexError, ValueError):
                    continue
                spans[tid] = (parts[0], a, b, surface)
            elif line.startswith("E"):
                rels.append(dict(x.split(":") for x in line.split("\t")[1].split() if ":" in x))
    out = []
    for r in rels:
        c = spans.get(r.get("Content", ""))
        if not c:
            continue
        s = spans.get(r.get("Source", ""))
        cue = spans.get(r.get("Cue", ""))
        kind = "direct" if text[c[1]:c[2]].strip()[:1] in S.QUOTE_CHARS else "indirect"
        out.append(Gold((c[1], c[2]), [s[3]] if s else [], kind, (cue[1], cue[2]) if cue else None))
    return out


def match(run_: DocRun, gold: list[Gold], kinds: frozenset[str] | None) -> DocEval:
    """The reference scorer's matching, keeping who matched whom."""
    dn, dm = S.norm_with_map(run_.source_text)
    cache: dict[str, Any] = {}
    ev = DocEval(run_, [Gold(g.span, g.speakers, g.kind, g.cue) for g in gold])
    for q in run_.quotes:
        if kinds is None or q.get("kind") in kinds:
            ev.preds.append(Pred(q, S.locate(q.get("text") or "", dn, dm, cache)))
    used: set[int] = set()
    for gi, g in enumerate(ev.gold):
        ga, gb = g.span
        best, bj = 0.0, None
        for j, p in enumerate(ev.preds):
            for a, b in p.spans:
                cov = max(0, min(gb, b) - max(ga, a)) / max(1, gb - ga)
                if cov > g.best:
                    g.best, g.best_by = cov, j
                if j not in used and cov > best:
                    best, bj = cov, j
        if bj is not None and best >= OVERLAP:
            used.add(bj)
            g.found = bj
            ev.preds[bj].gold = gi
            ev.preds[bj].speaker_ok = S.speaker_ok(ev.preds[bj].rec.get("speaker"), g.speakers)
    return ev


def summary(evs: list[DocEval]) -> dict[str, float]:
    n_gold = sum(len(e.gold) for e in evs)
    n_pred = sum(len(e.preds) for e in evs)
    tp = sum(1 for e in evs for g in e.gold if g.found is not None)
    judged = [p.speaker_ok for e in evs for p in e.preds if p.speaker_ok is not None]
    p, r = tp / max(1, n_pred), tp / max(1, n_gold)
    return {"P": p, "R": r, "F1": 2 * p * r / max(1e-9, p + r), "speaker": sum(judged) / max(1, len(judged)),
            "n_gold": n_gold, "n_pred": n_pred}


# --- classes ----------------------------------------------------------------------------------

def _lemma_at(run_: DocRun, span: tuple[int, int]) -> tuple[str, str]:
    """The lemma and tag of the cue's head word: its first verb, else noun, else first word."""
    if not run_.lemmas:
        return "", ""
    a = bisect_right(run_.offsets, span[0] - 1)  # first clean index at or after the span
    b = bisect_right(run_.offsets, span[1] - 1)
    first = max(0, bisect_right(run_.token_starts, a) - 1)
    last = max(first + 1, bisect_right(run_.token_starts, max(a, b - 1)))
    toks = range(first, min(last, len(run_.lemmas)))
    for want in (("VERB",), ("NOUN",), ("AUX",)):
        for t in toks:
            if run_.pos[t] in want:
                return run_.lemmas[t], run_.pos[t]
    return (run_.lemmas[first], run_.pos[first]) if toks else ("", "")


def _cue_class(lemma: str, pos: str) -> str:
    if lemma == "accord":
        return "according to"
    if pos == "NOUN" or pos not in ("VERB", "AUX") and lemma in NOUN_CUES:
        return "noun cue"
    if lemma in SPEECH:
        return "speech verb"
    if lemma in COGNITION:
        return "cognition verb"
    if lemma in STANCE:
        return "stance verb"
    if lemma in INTENT:
        return "intent verb"
    return "verb not in lexicon"


def _inside(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return b[0] <= a[0] and a[1] <= b[1]


def fp_class(ev: DocEval, j: int) -> str:
    p = ev.preds[j]
    q, f = p.rec, p.rec.get("features") or {}
    kind = q.get("kind")
    prefix = "belief: " if kind == "belief" else ""
    first_para = ev.run.text.find("\n\n")
    sp = q.get("speaker") or {}
    spt = sp.get("text") or ""
    if first_para > 0 and q["span"][0] < first_para:
        return prefix + "headline / first line"
    if sp and (BYLINE.search(spt) or DATELINE.search(spt)):
        return prefix + "byline/dateline speaker"
    mine = p.spans[0] if p.spans else None
    if mine is not None:
        for k, o in enumerate(ev.preds):
            if k == j or not o.spans:
                continue
            a, b = o.spans[0]
            inter = max(0, min(mine[1], b) - max(mine[0], a))
            if inter >= 0.8 * max(mine[1] - mine[0], b - a) and (o.gold is not None or k < j):
                return prefix + "duplicate span"
            if inter >= 0.8 * (mine[1] - mine[0]):
                return prefix + "nested in a longer quote"
    cue = q.get("cue_span")
    if cue and q["span"][0] < cue[0] and cue[1] < q["span"][1]:
        return prefix + "cue inside the span (interrupted quote)"
    if mine is not None and any(max(0, min(mine[1], g.span[1]) - max(mine[0], g.span[0])) > 0 for g in ev.gold):
        return prefix + "overlaps gold: wrong boundary or taken"
    if not cue:
        return prefix + "no cue (free quotation / label)"
    if not f.get("has_verb", True):
        return prefix + "NP object (no verb)"
    cls = _cue_class(f.get("cue_lemma", ""), f.get("cue_pos", ""))
    if cls != "speech verb":
        return prefix + f"non-speech cue: {cls}"
    return prefix + "speech cue, clause: not in gold"


def miss_class(ev: DocEval, gi: int) -> tuple[str, str]:
    g = ev.gold[gi]
    if g.best >= OVERLAP:
        return "merged: its quote matched another gold", ""
    if g.best > 0:
        return "span boundary (covered < 30%)", ""
    if g.kind == "direct":
        return "missed direct", ""
    if g.cue is None:
        return "missed indirect: no cue", ""
    lemma, pos = _lemma_at(ev.run, g.cue)
    return f"missed indirect: {_cue_class(lemma, pos)}", lemma


def speaker_class(ev: DocEval, j: int) -> str:
    q = ev.preds[j].rec
    f = q.get("features") or {}
    sp = q.get("speaker")
    if not sp:
        return "no speaker"
    text, method = sp.get("text") or "", sp.get("method") or ""
    if BYLINE.search(text) or DATELINE.search(text):
        return "byline/dateline"
    cue, span = q.get("cue_span"), sp.get("span")
    if cue and span and span[0] > cue[0] and f.get("cue_lemma") in ADDRESSING:
        return "addressee as speaker"
    if f.get("speaker_root_lemma") in MEDIA:
        return "medium without owner"
    if method in ("pronoun", "pronoun-unresolved", "previous", "nearest", "continued", "nested", "description"):
        return f"method {method}"
    if not f.get("speaker_named", True) and not f.get("speaker_pron"):
        return f"common noun ({method})"
    return f"named, other ({method})"


# --- printing ---------------------------------------------------------------------------------

def _short(s: str, n: int = 90) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def _table(title: str, rows: dict[str, list[str]], total: int, examples: int) -> None:
    print(f"\n{title} ({total})")
    for cls, ex in sorted(rows.items(), key=lambda kv: -len(kv[1])):
        print(f"  {len(ex):5d}  {len(ex) / max(1, total):5.1%}  {cls}")
        for e in ex[:examples]:
            print(f"               · {e}")


def classes(evs: list[DocEval], examples: int) -> None:
    fps: dict[str, list[str]] = defaultdict(list)
    misses: dict[str, list[str]] = defaultdict(list)
    speakers: dict[str, list[str]] = defaultdict(list)
    lemmas: Counter[str] = Counter()
    several = [ev for ev in evs if ev.annotators > 1]
    print(f"\n(listings leave out {len(several)} articles annotated several times, holding "
          f"{sum(len(ev.gold) for ev in several)} gold attributions, one copy per annotator)")
    for ev in evs:
        if ev.annotators > 1:
            continue
        for j, p in enumerate(ev.preds):
            q = p.rec
            sp = (q.get("speaker") or {})
            desc = f"{ev.run.name[:28]} [{q.get('kind')}] {sp.get('text')!r} <{q.get('cue')}> {_short(q.get('text') or '')}"
            if p.gold is None:
                fps[fp_class(ev, j)].append(desc)
            elif p.speaker_ok is False:
                gold = ev.gold[p.gold].speakers
                speakers[speaker_class(ev, j)].append(f"{desc}  ⇐ gold {gold}")
        for gi, g in enumerate(ev.gold):
            if g.found is None:
                cls, lemma = miss_class(ev, gi)
                if lemma:
                    lemmas[f"{cls.split(': ')[-1]}: {lemma}"] += 1
                cue = ev.run.source_text[g.cue[0]:g.cue[1]] if g.cue else ""
                misses[cls].append(f"{ev.run.name[:28]} <{cue}> {_short(ev.run.source_text[g.span[0]:g.span[1]])}")
    n_fp = sum(len(v) for v in fps.values())
    n_miss = sum(len(v) for v in misses.values())
    n_spk = sum(len(v) for v in speakers.values())
    _table("FALSE POSITIVES by class", fps, n_fp, examples)
    _table("MISSES by class", misses, n_miss, examples)
    print("  most missed cue lemmas: " + ", ".join(f"{k} {v}" for k, v in lemmas.most_common(25)))
    _table("WRONG SPEAKERS by class", speakers, n_spk, examples)


def calibration(evs: list[DocEval]) -> None:
    """Confidence bucket -> how often such quotes were right: a real attribution (precision),
    with a right speaker where gold names one (speaker), and both (what confidence estimates)."""
    buckets: dict[float, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    for ev in evs:
        for p in ev.preds:
            c = p.rec.get("confidence")
            if c is None:
                continue
            row = buckets[min(0.9, int(c * 10) / 10)]
            row[0] += 1
            row[1] += p.gold is not None
            if p.speaker_ok is not None:
                row[2] += 1
                row[3] += bool(p.speaker_ok)
            row[4] += p.gold is not None and p.speaker_ok is not False
    print("\n| confidence | quotes | precision | speaker right | both right |\n|---|---|---|---|---|")
    for b in sorted(buckets):
        n, tp, judged, ok, both = buckets[b]
        print(f"| {b:.1f}–{b + 0.1:.1f} | {n} | {tp / max(1, n):.3f} | {ok / max(1, judged):.3f} | {both / max(1, n):.3f} |")


def by_group(evs: list[DocEval], field_: str, rows: int) -> None:
    """Predictions grouped by a field (cue lemma, method, kind, method+kind, the speaker's method):
    how many were real attributions, and how many of their judged speakers were right, for judging
    one rule's precision on its own."""
    n: Counter[str] = Counter()
    tp: Counter[str] = Counter()
    judged: Counter[str] = Counter()
    right: Counter[str] = Counter()
    for ev in evs:
        for p in ev.preds:
            q, f = p.rec, p.rec.get("features") or {}
            sp = (q.get("speaker") or {}).get("method") or "none"
            key = {"cue": f"{q.get('kind')}: {f.get('cue_lemma', '-')}", "method": str(q.get("method")),
                   "kind": str(q.get("kind")), "method+kind": f"{q.get('method')} {q.get('kind')}",
                   "speaker": sp}[field_]
            n[key] += 1
            tp[key] += p.gold is not None
            if p.speaker_ok is not None:
                judged[key] += 1
                right[key] += bool(p.speaker_ok)
    print(f"\n| {field_} | predictions | precision | speakers judged | speaker right |\n|---|---|---|---|---|")
    for key, k in n.most_common(rows):
        print(f"| {key} | {k} | {tp[key] / k:.3f} | {judged[key]} | {right[key] / max(1, judged[key]):.3f} |")


def _line(label: str, s: dict[str, float]) -> str:
    return (f"{label:<24} P={s['P']:.3f} R={s['R']:.3f} F1={s['F1']:.3f} speaker={s['speaker']:.3f} "
            f"(n_gold={s['n_gold']}, n_pred={s['n_pred']})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", nargs="+", default=["train", "dev"], choices=["train", "dev"])
    ap.add_argument("--jsonl", help="score these saved predictions (claimgraph extract --format jsonl) instead")
    ap.add_argument("--speech", action="store_true", help="list the classes of the speech-only run")
    ap.add_argument("--examples", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--calibration", action="store_true")
    ap.add_argument("--kinds", default=",".join(sorted(SPEECH_KINDS)), help="the kinds of the speech-only run")
    ap.add_argument("--heldout", action="store_true", help="only the held-out slice's summary score")
    ap.add_argument("--by", choices=["cue", "method", "kind", "method+kind", "speaker"],
                    help="precision of the predictions grouped by this field, instead of the classes")
    ap.add_argument("--rows", type=int, default=60, help="rows of the --by table")
    ap.add_argument("--save", help="write the predictions as JSON Lines (for the reference scorer)")
    a = ap.parse_args()
    if not POLNEAR.is_dir():
        sys.exit(f"error: {POLNEAR} is not here")
    files: dict[str, list[Path]] = {}
    for split in (["train"] if a.heldout else a.split):
        paths = sorted((POLNEAR / split / "text").glob("*.txt"))
        # The held-out slice is a slice of train; dev is read whole.
        files[split] = [p for p in paths if split == "dev" or is_heldout(p) == a.heldout]
    every = [p for ps in files.values() for p in ps]
    runs = run([str(p) for p in every], jobs=a.jobs)
    if a.jsonl:
        saved = {Path(o["source"]).name: o.get("quotes") or []
                 for o in map(json.loads, Path(a.jsonl).read_text(encoding="utf-8").splitlines()) if o}
        for name, r in runs.items():
            r.quotes = saved.get(name, [])
    if a.save:
        with open(a.save, "w", encoding="utf-8") as fh:
            for p in every:
                r = runs[p.name]
                fh.write(json.dumps({"source": str(p), "quotes": r.quotes}, ensure_ascii=False) + "\n")
    golds = {split: {p.name: load_gold(POLNEAR / split, p.name, runs[p.name].source_text) for p in ps}
             for split, ps in files.items()}
    listed: list[DocEval] = []
    for split, ps in files.items():
        label = "train held-out" if a.heldout else ("train (tuning)" if split == "train" else split)
        for kinds, mode in ((None, "all"), (frozenset(a.kinds.split(",")), "speech")):
            evs = [match(runs[p.name], golds[split][p.name], kinds) for p in ps]
            for p, ev in zip(ps, evs, strict=True):
                ev.annotators = len(annotation_files(POLNEAR / split, p.name))
            print(_line(f"{label}, {mode}", summary(evs)))
            if not a.heldout and (kinds is not None) == a.speech:
                listed.extend(evs)
                if a.by:
                    by_group(evs, a.by, a.rows)
    if a.heldout:
        return
    if a.calibration:
        calibration(listed)
        return
    if a.by:
        return
    classes(listed, a.examples)


if __name__ == "__main__":
    main()
