"""Entity error analysis on real text nobody here wrote: suspicious typings by class.

There is no entity gold for PolNeAR, so this counts what is suspicious on its face, per 100
documents, over PolNeAR train + dev less the held-out slice (bench/heldout.py):

  place_typed_person   the main name of a country, a region or a city of a million, typed PERSON
                       with no person cue (no title, no full name)
  place_typed_org      the same, typed ORG
  town_in_context      any place name after "in/at/near ..." or before ", Country", or a
                       capitalised dateline ("FARGO, N.D. -"), typed PERSON/ORG
  surname_split        a person's bare surname left as a separate entity of another type
  name_several_types   one name in two entities of different types in one document
  type_against_corpus  a name typed unlike in most other documents (>= 3 documents, >= 75% agree)
  title_unresolved     "the Imam", "the President" ... not tied to anyone while the text names
                       exactly one holder of that title
  outlet_typed_person  a PERSON that is the head word of a news outlet named in the document

and, with --score, the speaker accuracy of quotes on PolNeAR dev and on the tuning slice of train
through ../shared/eval/score_quotes.py (entities feed speakers: that figure must not fall).

    python bench/errors_entities.py --save /tmp/before.json        # counts, kept for later
    python bench/errors_entities.py --before /tmp/before.json      # counts beside the earlier ones
    python bench/errors_entities.py --examples 5 --only place_typed_org
    python bench/errors_entities.py --score                        # and speaker accuracy
    python bench/errors_entities.py --heldout --score              # to confirm, counts only

Parses are cached by text hash (--cache, /tmp by default): extraction is a pure function of the
text, so only the first run pays for spaCy. Examples are printed for the tuning documents only:
never list errors of the held-out slice.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterator
from multiprocessing import get_context
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from heldout import split  # noqa: E402

SHARED = ROOT.parent / "shared"
POLNEAR = SHARED / "data" / "polnear"
SCORER = SHARED / "eval" / "score_quotes.py"
CLASSES = ["place_typed_person", "place_typed_org", "town_in_context", "surname_split", "name_several_types",
           "type_against_corpus", "title_unresolved", "outlet_typed_person"]
# "to" and "from" are left out: a letter goes to, and comes from, a person as often as a place.
LOCATIVE = re.compile(r"\b(?:in|at|near|outside|across|around|(?:city|town|province) of)\s+$", re.I)
COMMA_PLACE = re.compile(r"^,\s+([A-Z][\w.]+(?:\s+[A-Z][\w.]+)?)")
DATELINE = re.compile(r"^(?:,\s+[A-Z][\w.]*(?:\s[A-Z][\w.]*)?\s*)?(?:[—–-]|\()")
TITLES = ["Imam", "Ayatollah", "President", "Senator", "Governor", "Secretary", "Speaker", "Mayor",
          "Prime Minister", "Supreme Leader", "Candidate", "Nominee", "Congressman", "Congresswoman",
          "Judge", "General", "Chairman", "Pope", "King", "Queen", "Shah"]
TITLE_REF = re.compile(r"\b(?:the|The)\s+(" + "|".join(TITLES) + r")\b(?!\s+[A-Z])(?!\s+(?:of|for)\b)")
OUTLET_WORDS = {"news", "times", "post", "journal", "tribune", "herald", "magazine", "network", "radio", "tv",
                "television", "press", "daily", "gazette", "review", "report", "examiner", "wire", "media"}

_CACHE: Path = Path(tempfile.gettempdir()) / "claimgraph-parse-cache"


class CachedParser:
    """spaCy's pipeline, with each parse kept on disk by the hash of its text."""

    def __init__(self, nlp: Any, folder: Path) -> None:
        self.nlp, self.folder = nlp, folder
        self.vocab, self.meta = nlp.vocab, nlp.meta
        folder.mkdir(parents=True, exist_ok=True)

    def __call__(self, text: str) -> Any:
        from spacy.tokens import Doc

        path = self.folder / (hashlib.sha256(text.encode()).hexdigest() + ".spacy")
        if path.exists():
            return Doc(self.vocab).from_bytes(path.read_bytes())
        doc = self.nlp(text)
        path.write_bytes(doc.to_bytes())
        return doc


def _patch_parser(folder: Path) -> None:
    """Every reader loads the parser through extract.nlp.load: wrap it once per process."""
    from functools import lru_cache

    from claimgraph.extract import nlp as nlp_module

    original = nlp_module.load

    @lru_cache(maxsize=4)
    def load(model: str = "en_core_web_sm") -> Any:
        return CachedParser(original(model), folder)

    nlp_module.load = load  # type: ignore[assignment]


def _extract(path: str) -> dict[str, Any]:
    from claimgraph.extract.pipeline import extract_one
    from claimgraph.ingest.sources import read_file
    from claimgraph.options import Options

    options = Options()
    x = extract_one(read_file(path, options.limits), options)
    out = x.to_json(include_text=True)
    out["source"] = path
    return out


def _init(folder: str) -> None:
    _patch_parser(Path(folder))


def extract_all(paths: list[str], jobs: int, folder: Path) -> Iterator[dict[str, Any]]:
    if jobs <= 1:
        _init(str(folder))
        for p in paths:
            yield _extract(p)
        return
    with get_context("fork").Pool(jobs, initializer=_init, initargs=(str(folder),)) as pool:
        yield from pool.imap(_extract, paths, chunksize=4)


def _words(name: str) -> list[str]:
    return name.split()


def _context(text: str, span: list[int], width: int = 50) -> str:
    a, b = span
    return " ".join((text[max(0, a - width):a] + "[" + text[a:b] + "]" + text[b:b + width]).split())


def _person_cue(ent: dict[str, Any]) -> bool:
    return bool(ent.get("roles")) or any(len(_words(n)) > 1 for n in (ent["name"], *ent["aliases"]))


def analyse(doc: dict[str, Any]) -> dict[str, list[str]]:
    """Class -> examples ("name | TYPE | context") for one document."""
    from claimgraph.places import fold, lookup, readings

    text: str = doc["text"]
    ents: list[dict[str, Any]] = doc["entities"]
    found: dict[str, list[str]] = defaultdict(list)

    def note(cls: str, ent: dict[str, Any], span: list[int] | None = None) -> None:
        where = span or (ent["mentions"][0] if ent["mentions"] else [0, 0])
        found[cls].append(f"{ent['name']} | {ent['type']} | {_context(text, where)}")

    for e in ents:
        if e["type"] not in {"PERSON", "ORG"}:
            continue
        mains = [r.place for r in readings(e["name"]) if r.primary]
        if any(p.kind != "city" or p.population >= 1_000_000 for p in mains) and not _person_cue(e):
            note("place_typed_person" if e["type"] == "PERSON" else "place_typed_org", e)
        if lookup(e["name"]) is not None and not _person_cue(e):
            for a, b in e["mentions"]:
                before, after = text[max(0, a - 40):a], text[b:b + 40]
                m = COMMA_PLACE.match(after)
                if re.match(r"['’]s\b", after):
                    continue  # "in Obama's words": the name is the owner, not the place
                line_start = a == 0 or text[a - 1] == "\n"
                caps = text[a:b].isupper() and line_start and DATELINE.match(after)
                if LOCATIVE.search(before) or caps or (m and (p2 := lookup(m.group(1))) is not None
                                                       and p2.kind != "city"):
                    note("town_in_context", e, [a, b])
                    break

    surnames = {n.split()[-1]: e for e in ents if e["type"] == "PERSON" for n in (e["name"], *e["aliases"])
                if len(n.split()) > 1}
    for e in ents:
        if e["type"] != "PERSON" and e["name"] in surnames and not e["name"].isupper():
            note("surname_split", e)

    by_name: dict[str, set[str]] = defaultdict(set)
    first: dict[str, dict[str, Any]] = {}
    for e in ents:
        for n in (e["name"], *e["aliases"]):
            by_name[fold(n)].add(e["type"])
            first.setdefault(fold(n), e)
    for n, types in by_name.items():
        if len(types) > 1:
            note("name_several_types", first[n])

    holders: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for e in ents:
        if e["type"] != "PERSON":
            continue
        for t in TITLES:
            if any(re.search(rf"\b{t}\b", r, re.I) for r in e.get("roles") or []):
                holders[t.lower()].append(e)
    covered = sorted(tuple(m) for e in ents for m in e["mentions"])
    for m in TITLE_REF.finditer(text):
        title = m.group(1).lower()
        if len(holders.get(title, [])) != 1:
            continue
        a, b = m.span(1)
        if not any(x < b and a < y for x, y in covered):
            found["title_unresolved"].append(f"the {m.group(1)} | -> {holders[title][0]['name']} | "
                                             f"{_context(text, [a, b])}")

    outlets = {e["name"].split()[0] for e in ents if e["type"] == "ORG" and len(e["name"].split()) > 1
               and e["name"].split()[-1].lower() in OUTLET_WORDS}
    for e in ents:
        if e["type"] == "PERSON" and len(e["name"].split()) == 1 and e["name"] in outlets:
            note("outlet_typed_person", e)
    return found


def against_corpus(docs: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """(document, example) for names typed unlike in most other documents."""
    from claimgraph.places import fold

    types: dict[str, Counter[str]] = defaultdict(Counter)
    for d in docs:
        seen = {(fold(e["name"]), e["type"]) for e in d["entities"]}
        for n, t in seen:
            types[n][t] += 1
    out = []
    for d in docs:
        for e in d["entities"]:
            c = types[fold(e["name"])]
            total = sum(c.values())
            top, n = c.most_common(1)[0]
            if total >= 3 and n / total >= 0.75 and e["type"] != top:
                out.append((d["source"], f"{e['name']} | {e['type']} (elsewhere {top} {n}/{total}) | "
                                         f"{_context(d['text'], e['mentions'][0]) if e['mentions'] else ''}"))
    return out


def score_speakers(docs: list[dict[str, Any]], chosen: set[str]) -> dict[str, str]:
    """Speaker accuracy (and quote F1) on the chosen documents of dev and of train."""
    out: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="entities-score-") as tmp:
        for split_name in ("dev", "train"):
            gold = POLNEAR / split_name
            folder = Path(tmp) / split_name
            (folder / "text").mkdir(parents=True)
            (folder / "attributions").mkdir()
            preds = Path(tmp) / f"{split_name}.jsonl"
            with preds.open("w") as fh:
                for d in docs:
                    p = Path(d["source"])
                    if p.parent.parent.name != split_name or d["source"] not in chosen:
                        continue
                    (folder / "text" / p.name).symlink_to(p)
                    for ann in (gold / "attributions").glob(p.stem + "_*.ann"):
                        (folder / "attributions" / ann.name).symlink_to(ann)
                    fh.write(json.dumps({"source": p.name, "quotes": d["quotes"]}) + "\n")
            res = subprocess.run([sys.executable, str(SCORER), "polnear", str(folder), str(preds)],
                                 capture_output=True, text=True, check=True)
            out[split_name] = res.stdout.strip().splitlines()[-1]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--splits", default="train,dev")
    ap.add_argument("--limit", type=int, default=0, help="first N documents only")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--cache", type=Path, default=_CACHE, help="folder for cached parses")
    ap.add_argument("--save", type=Path, help="write the counts (and examples) as JSON")
    ap.add_argument("--before", type=Path, help="a JSON written by --save, printed beside")
    ap.add_argument("--examples", type=int, default=0, help="examples to print per class")
    ap.add_argument("--only", default="", help="comma-separated classes to print examples of")
    ap.add_argument("--score", action="store_true", help="speaker accuracy via score_quotes.py")
    ap.add_argument("--heldout", action="store_true",
                    help="count on the held-out slice instead, to confirm a change (no examples, no listing)")
    ap.add_argument("--jsonl", type=Path, help="write each document's entities and quotes (to diff two runs)")
    args = ap.parse_args()

    paths: list[str] = []
    for s in args.splits.split(","):
        paths += sorted(str(p) for p in (POLNEAR / s / "text").glob("*.txt"))
    tuning, held = split(paths)
    if args.heldout:
        if args.examples or args.jsonl:
            ap.error("--heldout prints counts only: never list the held-out slice's errors")
        tuning = held
    if args.limit:
        tuning = tuning[:args.limit]
    docs: list[dict[str, Any]] = []
    try:
        from rich.progress import track

        docs = list(track(extract_all(tuning, args.jobs, args.cache), total=len(tuning),
                          description="extracting", transient=True))
    except ImportError:
        docs = list(extract_all(tuning, args.jobs, args.cache))

    if args.jsonl:
        with args.jsonl.open("w") as fh:
            for d in docs:
                fh.write(json.dumps({k: d[k] for k in ("source", "entities", "quotes")}) + "\n")
    counts: Counter[str] = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    for d in docs:
        for cls, items in analyse(d).items():
            counts[cls] += len(items)
            examples[cls] += [f"{Path(d['source']).name}: {x}" for x in items]
    for src, x in against_corpus(docs):
        counts["type_against_corpus"] += 1
        examples["type_against_corpus"].append(f"{Path(src).name}: {x}")
    n = max(1, len(docs))
    before = json.loads(args.before.read_text()) if args.before else None
    which = "the held-out slice only" if args.heldout else "held-out slice left out"
    print(f"{len(docs)} documents (PolNeAR {args.splits}, {which}); per 100 documents:")
    print(f"{'class':22} {'count':>7} {'/100':>7}" + (f" {'before':>7} {'change':>7}" if before else ""))
    for cls in CLASSES:
        per = 100 * counts[cls] / n
        line = f"{cls:22} {counts[cls]:7d} {per:7.1f}"
        if before:
            b = before["per100"].get(cls, 0.0)
            line += f" {b:7.1f} {per - b:+7.1f}"
        print(line)
    entities = sum(len(d["entities"]) for d in docs)
    print(f"{'entities':22} {entities:7d} {100 * entities / n:7.1f}")
    speakers = score_speakers(docs, set(tuning)) if args.score else {}
    for s, line in speakers.items():
        print(f"speakers[{s}]: {line}" + (f"   (before: {before['speakers'].get(s)})" if before and
                                           before.get("speakers", {}).get(s) else ""))
    only = set(filter(None, args.only.split(",")))
    for cls in CLASSES:
        if args.examples and (not only or cls in only):
            print(f"\n== {cls} ({counts[cls]})")
            for x in examples[cls][:args.examples]:
                print("  " + x)
    if args.save:
        args.save.write_text(json.dumps({"documents": len(docs), "counts": counts,
                                         "per100": {c: 100 * counts[c] / n for c in CLASSES},
                                         "speakers": speakers, "examples": examples}, indent=1))


if __name__ == "__main__":
    main()
