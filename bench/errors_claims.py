"""Numeric-claim errors on real articles, grouped by class: the loop every claims change is judged by.

    .venv/bin/python bench/errors_claims.py                  # tuning files of the claims gold: misses
                                                              # and spurious claims by class, examples
    .venv/bin/python bench/errors_claims.py --heldout        # the held-out files: summary line only
    .venv/bin/python bench/errors_claims.py --all            # all 40 files: summary line only
    .venv/bin/python bench/errors_claims.py --pred P.jsonl   # read `claimgraph extract --format jsonl`
    .venv/bin/python bench/errors_claims.py --sanity 200     # no gold: claims per 100 PolNeAR articles
                                                              # by kind and by class (held-out excluded)

The gold is ../shared/data/claims/polnear-train-40.jsonl (its README holds the annotation rules);
matching is score_claims.py's: a prediction matches a gold claim (one to one, greedy, per file) when
the gold anchor lies in the predicted claim's sentence (white space and quote marks folded) and the
two number texts share a digit run or a word; value right when a gold figure (value, low, high)
equals a predicted one. Held-out files (bench/heldout.py) are never listed: `--heldout` prints
their summary only, to confirm a change the tuning files already say helps.

The class of an error is read from the words around the number by the rules in CLASSES below, kept
apart from the extractor's own so that they judge it rather than repeat it. `--cache DIR` keeps
each spaCy parse on disk (keyed by the text and the model), so a rerun only pays for extraction.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from claimgraph.extract.claim_confidence import claimant_group  # noqa: E402
from heldout import is_heldout  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
GOLD = SHARED / "claims" / "polnear-train-40.jsonl"
TEXTS = SHARED / "polnear" / "train" / "text"
QUOTE_MARKS = "\"'“”‘’`"
STOP = {"the", "a", "an", "of", "at", "least", "more", "than", "about", "some", "up", "to", "nearly", "almost",
        "over", "and", "or"}

# --- matching, as ../shared/eval/score_claims.py does it -------------------------------------------------


def fold(s: str | None) -> str:
    s = "".join(ch for ch in (s or "") if ch not in QUOTE_MARKS)
    return re.sub(r"\s+", " ", s).strip().lower()


def toks(s: str | None) -> set[str]:
    return set(re.findall(r"\d+(?:\.\d+)?|[a-z]+", fold(s).replace(",", ""))) - STOP


def figures(c: dict[str, Any]) -> set[float]:
    return {float(v) for v in (c.get("value"), c.get("low"), c.get("high")) if isinstance(v, (int, float))}


@dataclass
class Outcome:
    missed: list[dict[str, Any]]  # gold claims
    spurious: list[dict[str, Any]]  # predicted claims
    matched: list[tuple[dict[str, Any], dict[str, Any]]]  # (gold, predicted)
    n_gold: int
    n_pred: int

    def summary(self) -> str:
        tp = len(self.matched)
        p = tp / self.n_pred if self.n_pred else 0.0
        r = tp / self.n_gold if self.n_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        ok = sum(1 for g, c in self.matched if figures(g) & figures(c) or not (figures(g) or figures(c)))
        return (f"claims: P={p:.3f} R={r:.3f} F1={f:.3f} value={ok / tp if tp else 0:.3f} "
                f"(n_gold={self.n_gold}, n_pred={self.n_pred})")


def match(gold: dict[str, list[dict[str, Any]]], pred: dict[str, list[dict[str, Any]]]) -> Outcome:
    out = Outcome([], [], [], 0, 0)
    for name, gcs in gold.items():
        pcs = pred.get(name, [])
        out.n_gold += len(gcs)
        out.n_pred += len(pcs)
        used: set[int] = set()
        for g in gcs:
            anchor, gt = fold(g["anchor"]), toks(g["number_text"])
            best = next((i for i, p in enumerate(pcs) if i not in used and anchor in fold(p.get("text"))
                         and gt & toks(p.get("number_text"))), None)
            if best is None:
                out.missed.append({**g, "file": name})
                continue
            used.add(best)
            out.matched.append(({**g, "file": name}, pcs[best]))
        out.spurious += [{**p, "file": name} for i, p in enumerate(pcs) if i not in used]
    return out


# --- classes of numbers ----------------------------------------------------------------------------------

_W = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|\d[\d,.]*)"
TIME_UNIT = r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?|months?|years?|decades?|centur(?:y|ies)|terms?|" \
            r"quarter-century|half-century)"
MEASURE_UNIT = (r"(?:miles?|kilometres?|kilometers?|km|metres?|meters?|feet|foot|ft|inch(?:es)?|yards?|acres?|hectares?|"
                r"pounds?|lbs?|kilograms?|kilos?|kg|grams?|tons?|tonnes?|ounces?|gallons?|litres?|liters?|barrels?|"
                r"degrees?|magnitude|points?|percentage points?|votes?|mph|square|cubic|megawatts?|watts?|calories?|"
                r"storeys?|stories|floors?|laps?|yards?)")
MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|" \
        r"nov(?:ember)?|dec(?:ember)?)\.?"
ORDINAL = r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|\d+(?:st|nd|rd|th))"


@dataclass(frozen=True)
class Seen:
    """A number and its surroundings: what the class rules read."""

    number: str
    before: str  # up to 40 characters of its sentence before it
    after: str  # up to 40 characters after it
    sentence: str
    headline: bool  # in the first line of the article


def _r(pattern: str, where: str = "number", case: bool = False) -> Callable[[Seen], bool]:
    rx = re.compile(pattern, 0 if case else re.I)

    def test(s: Seen) -> bool:
        text = {"number": s.number, "before": s.before, "after": s.after,
                "around": f"{s.before}\x00{s.number}\x00{s.after}"}[where]
        return rx.search(text) is not None
    return test


def _any(*tests: Callable[[Seen], bool]) -> Callable[[Seen], bool]:
    return lambda s: any(t(s) for t in tests)


def _all(*tests: Callable[[Seen], bool]) -> Callable[[Seen], bool]:
    return lambda s: all(t(s) for t in tests)


FRACTION = r"\b(?:half|(?:a|one|two|three|four)[- ](?:third|thirds|quarter|quarters|fifth|fifths|tenth|tenths))\b"
# First matching class wins, so the narrow classes come before the broad ones.
CLASSES: list[tuple[str, Callable[[Seen], bool]]] = [
    ("date/time", _any(_r(rf"\b{MONTH}\s*\x00\s*\d|\d\s*\x00\s*{MONTH}\b|\d\x00:\d|\x00\s*(?:a\.m|p\.m|am\b|pm\b)|"
                          r"\d:\x00|\x00\s*(?:-|/)\s*\d\d\b(?!\s*(?:percent|%))", "around"),
                       _r(r"^(?:1[89]|20)\d\d$"), _r(r"\b(?:1[5-9]|20)\d\d\b.*\x00\s*(?:and|to|-|–)\s*$", "around"))),
    ("money", _any(_r(r"[$£€¥]"), _r(r"^\s*(?:dollars|euros|pounds sterling|cents)\b", "after"))),
    ("reference number", _any(_r(r"[A-Za-z]\d|\d[A-Za-z]{2,}(?<!th)(?<!st)(?<!nd)(?<!rd)\b|\d-\d{3}"),
                              _r(r"(?:\b[A-Z]{2,}\d*-|\bNo\.|#)\s*$", "before"),
                              _r(r"^\s*:\s*\d", "after"))),
    ("page/section", _r(r"\b(?:page|pages|p\.|pp\.|section|chapter|article|part|verse)\s*$", "before")),
    ("age", _any(_r(r"^(?:-|\s)years?(?:-|\s)old", "after"), _r(r"\b(?:aged?|ages|at age)\s*$", "before"),
                 _all(_r(r"(?:\b[A-Z][a-z]+,|\(|^At)\s*$", "before", case=True), _r(r"^\d{1,2}$"),
                      _r(r"^\s*[,)]", "after")))),
    ("percent/fraction", _any(_r(r"%|percent|per cent"), _r(FRACTION), _r(r"^\s*(?:%|percent|per cent)", "after"),
                              _r(r"^\s*(?:in|out of)\s+" + _W + r"\b", "after"))),
    ("score/record", _any(_r(r"^\d+\s*(?:-|–|to)\s*\d+$"), _r(r"^\s*(?:-|–)\s*\d", "after"),
                          _r(r"\d\s*(?:-|–)\s*$", "before"),
                          _r(r"^\s*to\s+\d+\b(?!\s*(?:percent|%))", "after"), _r(r"\d\s+to\s*$", "before"))),
    ("multiplier", _r(r"\b(?:twice|double(?!\s+digits)|doubled|triple|tripled|quadruple|thrice|\w+fold)\b")),
    ("repetition", _r(r"^\s*times\b", "after")),
    ("compound adjective", _r(r"^-(?!year-old)[a-z]+", "after")),
    ("duration", _any(_r(rf"{TIME_UNIT}\b"), _r(rf"^\s*(?:-|\s)?{TIME_UNIT}\b", "after"),
                      _r(r"^\s*(?:an?\s+)?(?:half\s+)?(?:years?|months?|hours?)\b", "after"))),
    ("measure", _any(_r(rf"{MEASURE_UNIT}\b"), _r(rf"^\s*(?:-|\s)?{MEASURE_UNIT}\b", "after"),
                     _r(r"\bmagnitude[- ]?$", "before"), _r(r"^-(?:foot|feet)", "after"))),
    ("number in a name", _any(_r(r"\b(?:Air Force|Title|Proposition|Fox|Channel|Apollo|Route|Highway|Class|Group of|"
                                 r"Formula|World War|Super Bowl|Camp)\s*$", "before"),
                              _all(_r(r"^(?:One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten)$", case=True),
                                   _r(r"\b[A-Z][a-z]+\s+$", "before", case=True), _r(r"^(?!\s+(?:of|in)\b)", "after")),
                              _r(r"^/\d", "after"))),
    ("rank ordinal", _r(rf"\b{ORDINAL}\b")),
    ("year as count", _r(r"^(?:1[5-9]|20)\d\d$")),
    ("vague amount", _r(r"\b(?:several|a few|few|multiple|dozens|scores|hundreds|thousands|millions|billions|"
                        r"a couple|couple|pair|many|double digits|a handful|numerous)\b")),
    ("one/pronoun", _r(r"^(?:one|a|an)$")),
    ("referential 'the N'", _r(r"\b(?:the|these|those|both|all)\s+$", "before")),
]


def classify(s: Seen) -> str:
    for name, test in CLASSES:
        if test(s):
            return name
    return "count"


def _seen_in(text: str, start: int, end: int, sent: tuple[int, int]) -> Seen:
    first_line_end = text.find("\n")
    return Seen(number=text[start:end], before=text[max(sent[0], start - 40):start], after=text[end:end + 40],
                sentence=text[sent[0]:sent[1]], headline=0 <= start < first_line_end if first_line_end > 0 else False)


def seen_gold(g: dict[str, Any], text: str) -> Seen:
    """Where a gold claim's number stands in its article (the anchor holds it)."""
    a = fold(g["anchor"])
    # Find the anchor on the raw text with quote marks and spaces folded: map folded offsets back.
    keep = [i for i, ch in enumerate(text) if ch not in QUOTE_MARKS]
    flat = "".join(text[i] for i in keep)
    squeezed: list[str] = []
    back: list[int] = []
    for j, ch in enumerate(flat):
        if ch.isspace() and squeezed and squeezed[-1] == " ":
            continue
        squeezed.append(" " if ch.isspace() else ch.lower())
        back.append(keep[j])
    hay = "".join(squeezed)
    k = hay.find(a)
    if k < 0:
        return Seen(g["number_text"], "", "", g["anchor"], False)
    a_start, a_end = back[k], back[min(k + len(a), len(back)) - 1] + 1
    span = text[a_start:a_end]
    n = g["number_text"]
    i = span.lower().find(n.lower())
    start = a_start + (i if i >= 0 else 0)
    end = start + (len(n) if i >= 0 else 0)
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return _seen_in(text, start, end, (line_start, line_end if line_end >= 0 else len(text)))


def seen_pred(c: dict[str, Any], text: str) -> Seen:
    start, end = c.get("number_span") or (c["span"][0], c["span"][0])
    if text[start:end] != c.get("number_text"):
        # Offsets index the normalised text; without it (jsonl read back), find the words in the sentence.
        sent = c.get("text") or ""
        i = max(0, sent.find(c.get("number_text") or ""))
        text, start, end = sent, i, i + len(c.get("number_text") or "")
        return _seen_in(text, start, end, (0, len(sent)))
    return _seen_in(text, start, end, (c["span"][0], c["span"][1]))


# --- running the extractor -------------------------------------------------------------------------------


def _cached_nlp(folder: Path) -> None:
    """Make the pipeline's parse read and write spaCy docs under `folder` (keyed by text and model)."""
    from spacy.tokens import Doc

    from claimgraph.extract import nlp as nlp_module
    from claimgraph.extract import pipeline

    folder.mkdir(parents=True, exist_ok=True)
    real = nlp_module.load

    class Cached:
        def __init__(self, model: str) -> None:
            self.nlp = real(model)
            # The pipeline's own components (a sentence-break rule ...) change the parse too.
            self.tag = f"{self.nlp.meta.get('name')}-{self.nlp.meta.get('version')}-{','.join(self.nlp.pipe_names)}"

        def __call__(self, text: str) -> Doc:
            key = hashlib.sha256((self.tag + "\x00" + text).encode()).hexdigest()[:32]
            path = folder / f"{key}.doc"
            if path.exists():
                return Doc(self.nlp.vocab).from_bytes(path.read_bytes())
            doc = self.nlp(text)
            path.write_bytes(doc.to_bytes())
            return doc

    cache: dict[str, Cached] = {}
    pipeline.load = lambda model="en_core_web_sm": cache.setdefault(model, Cached(model))  # type: ignore[assignment]


def extract(paths: Iterable[Path], cache: Path | None) -> dict[str, dict[str, Any]]:
    """file name -> `claimgraph extract --format jsonl` record (with the text)."""
    from claimgraph.extract.pipeline import extract_source
    from claimgraph.ingest import read_sources
    from claimgraph.options import Options

    if cache is not None:
        _cached_nlp(cache)
    options = Options()
    out: dict[str, dict[str, Any]] = {}
    for source in read_sources([str(p) for p in paths], options.limits):
        if isinstance(source, Exception):
            print(f"skipped: {source}", file=sys.stderr)
            continue
        for item, result in extract_source(source, options):
            if isinstance(result, Exception):
                print(f"skipped: {result}", file=sys.stderr)
                continue
            out[Path(item.name).name] = result.to_json(include_text=True)
    return out


def read_pred(path: Path) -> dict[str, dict[str, Any]]:
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            o = json.loads(line)
            out[Path(o["source"]).name] = o
    return out


# --- claimants ------------------------------------------------------------------------------------------

NAME_STOP = {"the", "a", "an", "of", "and", "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "president", "report"}


def claimant_verdict(g: dict[str, Any], c: dict[str, Any]) -> str:
    """right | invented (a source where the sentence names none) | missed (named, not found) | wrong."""
    cl = c.get("claimant") or {}
    named = cl.get("basis") in ("attribution", "quote") and cl.get("name")
    if not g.get("claimant"):
        return "right" if not named else "invented"
    if not named:
        return "missed"
    words = {w for w in re.findall(r"[a-z]+", fold(g["claimant"])) if w not in NAME_STOP}
    got = {w for w in re.findall(r"[a-z]+", fold(cl["name"])) if w not in NAME_STOP}
    return "right" if words & got or fold(g["claimant"]) == fold(cl["name"]) else "wrong"


def claimant_report(matched: list[tuple[dict[str, Any], dict[str, Any]]], examples: int) -> list[str]:
    verdicts = [(claimant_verdict(g, c), g, c) for g, c in matched]
    tally = Counter(v for v, _, _ in verdicts)
    lines = [f"claimant right {tally['right'] / max(1, len(verdicts)):.3f} of {len(verdicts)} matched: "
             + ", ".join(f"{k} {n}" for k, n in tally.most_common() if k != "right")]
    for kind in ("invented", "missed", "wrong"):
        for _, g, c in [x for x in verdicts if x[0] == kind][:examples]:
            lines.append(f"  {kind:<9} gold {g.get('claimant')!r} got {(c.get('claimant') or {}).get('name')!r} "
                         f"({(c.get('claimant') or {}).get('basis')}): {re.sub(chr(10), ' ', g['anchor'])[:60]}")
    return lines


# --- confidence ----------------------------------------------------------------------------------------

BINS = [(0.0, 0.5), (0.5, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01)]


def calibration(out: Outcome, fit: bool) -> str:
    """Counts of right claims by number method and by claimant basis (the tables
    claim_confidence.py holds) and the reliability of the confidence each claim carries."""
    matched = {id(c): g for g, c in out.matched}
    number: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    claimant: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    rows: list[tuple[float, bool]] = []
    for c in [c for _, c in out.matched] + out.spurious:
        num, _, basis = (c.get("method") or "?/?").partition("/")
        basis = claimant_group(basis)
        g = matched.get(id(c))
        num_ok = g is not None and bool(figures(g) & figures(c) or not (figures(g) or figures(c)))
        number[num][0] += num_ok
        number[num][1] += 1
        cl_ok = g is not None and claimant_verdict(g, c) == "right"
        if g is not None:
            claimant[basis][0] += cl_ok
            claimant[basis][1] += 1
        rows.append((float(c.get("confidence") or 0.0), num_ok and cl_ok))
    lines = []
    if fit:
        lines += ["NUMBER_COUNTS = " + repr({k: tuple(v) for k, v in sorted(number.items())}),
                  "CLAIMANT_COUNTS = " + repr({k: tuple(v) for k, v in sorted(claimant.items())}), ""]
    lines.append("confidence      claims  mean conf  right (number and claimant)")
    for lo, hi in BINS:
        sel = [(p, ok) for p, ok in rows if lo <= p < hi]
        if sel:
            lines.append(f"{lo:.1f}-{min(hi, 1.0):.1f}  {len(sel):>12}  {sum(p for p, _ in sel) / len(sel):9.3f}  "
                         f"{sum(ok for _, ok in sel) / len(sel):.3f}")
    if rows:
        brier = sum((p - ok) ** 2 for p, ok in rows) / len(rows)
        lines.append(f"all       {len(rows):>12}  {sum(p for p, _ in rows) / len(rows):9.3f}  "
                     f"{sum(ok for _, ok in rows) / len(rows):.3f}   Brier {brier:.3f}")
    return "\n".join(lines)


# --- reports ---------------------------------------------------------------------------------------------


def _by_class(items: list[tuple[str, str, Seen]], examples: int, of: Counter[str] | None = None) -> list[str]:
    groups: dict[str, list[tuple[str, Seen]]] = defaultdict(list)
    for cls, name, s in items:
        groups[cls].append((name, s))
    lines = []
    for cls, members in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        heads = sum(1 for _, s in members if s.headline)
        lines.append(f"  {cls:<22} {len(members):>4}" + (f" of {of[cls]:<4}" if of is not None else "")
                     + (f"   ({heads} in headlines)" if heads else ""))
        for name, s in members[:examples]:
            ctx = re.sub(r"\s+", " ", f"{s.before[-30:]}[{s.number}]{s.after[:30]}")
            lines.append(f"      {ctx}   ({name[:28]})")
    return lines


def report(gold: dict[str, list[dict[str, Any]]], pred: dict[str, dict[str, Any]], texts: dict[str, str],
           examples: int) -> str:
    out = match(gold, {k: v.get("claims", []) for k, v in pred.items()})
    missed = [(classify(s), g["file"], s) for g in out.missed for s in [seen_gold(g, texts[g["file"]])]]
    spurious = [(classify(s), c["file"], s) for c in out.spurious for s in [seen_pred(c, texts[c["file"]])]]
    gold_cls = Counter(classify(seen_gold(g, texts[g["file"]])) for g, _ in out.matched) + \
        Counter(c for c, _, _ in missed)
    wrong = [(g, c) for g, c in out.matched if not (figures(g) & figures(c) or not (figures(g) or figures(c)))]
    lines = [out.summary(), "", f"missed ({len(missed)}) by class (of the gold claims in that class):"]
    lines += _by_class(missed, examples, gold_cls)
    lines += ["", f"spurious ({len(spurious)}) by class:", *_by_class(spurious, examples)]
    lines += ["", *claimant_report(out.matched, examples)]
    lines += ["", f"value wrong ({len(wrong)}):"]
    lines += [f"      {g['number_text']!r}: gold {sorted(figures(g))} got {sorted(figures(c))} ({g['file'][:28]})"
              for g, c in wrong[:examples * 3]]
    return "\n".join(lines)


def sanity(n: int, cache: Path | None, dump: Path | None = None) -> str:
    """Claims per 100 articles by kind and by class, on PolNeAR dev then train (held-out excluded)."""
    files = sorted((SHARED / "polnear" / "dev" / "text").glob("*.txt")) + sorted(TEXTS.glob("*.txt"))
    files = [f for f in files if not is_heldout(f)][:n]
    pred = extract(files, cache)
    if dump is not None:
        with dump.open("w", encoding="utf-8") as fh:
            for name, rec in pred.items():
                fh.write(json.dumps({"source": name, "claims": rec.get("claims", [])}, ensure_ascii=False) + "\n")
    kinds: Counter[str] = Counter()
    classes: Counter[str] = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    for rec in pred.values():
        for c in rec.get("claims", []):
            kinds[c["kind"]] += 1
            s = seen_pred(c, rec["text"])
            cls = classify(s)
            classes[cls] += 1
            if len(examples[cls]) < 3:
                examples[cls].append(re.sub(r"\s+", " ", f"{s.before[-25:]}[{s.number}]{s.after[:25]}"))
    per = 100 / max(1, len(pred))
    lines = [f"{len(pred)} articles, {sum(kinds.values())} claims, {sum(kinds.values()) * per:.0f} per 100 articles",
             "by kind (per 100 articles):"]
    lines += [f"  {k:<12} {v * per:7.1f}" for k, v in kinds.most_common()]
    lines += ["by class of number (per 100 articles):"]
    for k, v in classes.most_common():
        lines.append(f"  {k:<22} {v * per:7.1f}   e.g. " + " | ".join(examples[k]))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--pred", type=Path, help="read this `claimgraph extract --format jsonl` output")
    ap.add_argument("--heldout", action="store_true", help="score the held-out files: summary only")
    ap.add_argument("--all", action="store_true", help="score all gold files: summary only")
    ap.add_argument("--examples", type=int, default=4, help="examples printed per class")
    ap.add_argument("--sanity", type=int, metavar="N", help="claims per 100 articles on N PolNeAR articles")
    ap.add_argument("--cache", type=Path, help="keep spaCy parses in this folder")
    ap.add_argument("--dump", type=Path, help="with --sanity: write the claims found as jsonl")
    ap.add_argument("--calibrate", action="store_true",
                    help="counts for claim_confidence.py (tuning files) and the reliability table")
    a = ap.parse_args(argv)
    if a.sanity:
        print(sanity(a.sanity, a.cache, a.dump))
        return 0
    if not a.gold.is_file():
        print(f"error: {a.gold}: no such gold file (../shared is not beside the project)", file=sys.stderr)
        return 2
    gold_all = {o["file"]: o["claims"] for o in map(json.loads, a.gold.read_text(encoding="utf-8").splitlines()) if o}
    gold = {f: c for f, c in gold_all.items() if a.all or is_heldout(f) == a.heldout}
    pred = read_pred(a.pred) if a.pred else extract([TEXTS / f for f in gold], a.cache)
    pred = {k: v for k, v in pred.items() if k in gold}
    if a.calibrate:
        out = match(gold, {k: v.get("claims", []) for k, v in pred.items()})
        print(("held-out" if a.heldout else "all" if a.all else "tuning") + f" {len(gold)} files")
        print(calibration(out, fit=not (a.heldout or a.all)))
        return 0
    if a.heldout or a.all:
        out = match(gold, {k: v.get("claims", []) for k, v in pred.items()})
        right = sum(claimant_verdict(g, c) == "right" for g, c in out.matched) / max(1, len(out.matched))
        print(("held-out " if a.heldout else "all ") + f"{len(gold)} files: " + out.summary()
              + f" claimant={right:.3f}")
        return 0
    texts = {f: pred[f]["text"] if f in pred and "text" in pred[f] else (TEXTS / f).read_text(encoding="utf-8")
             for f in gold}
    print(f"tuning {len(gold)} files: " + report(gold, pred, texts, a.examples))
    return 0


if __name__ == "__main__":
    sys.exit(main())
