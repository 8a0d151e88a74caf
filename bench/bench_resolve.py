"""Time, peak memory and quality of `resolve` on synthetic corpora of growing size.

    PYTHONPATH=src /work/main/.venv/bin/python bench/bench_resolve.py --sizes 1000 2500 5000 10000

Each corpus has many invented events (floods, mine collapses, executions, earthquakes) in
invented places and years; every event is reported by several outlets with its own wording and
figures, some stories are wire copies carried by a second site, and outlets quote officials and
rights groups. Claims are stored as extraction records (the extractor is not timed) and every
claim knows its event and quantity, so the run also scores group purity and completeness.
Blocking should keep the time near-linear: the figure to watch is seconds per 1,000 documents.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import random
import resource
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from claimgraph import workflow  # noqa: E402
from claimgraph.model import Claim, Claimant, DocumentInfo, Entity, Extraction, Location, Source  # noqa: E402
from claimgraph.store import Store  # noqa: E402

SYLLABLES = ["ka", "ri", "mo", "ve", "lo", "na", "dor", "nev", "ar", "ta", "sel", "im", "bra", "gu", "zo", "pe", "han", "ul", "tor", "mi", "sa", "ke", "lu", "ob", "ra", "fen", "kol"]
KINDS = {
    "flood": ("flood", "dam", "water", "river", "drowned", "swept"),
    "mine": ("mine", "tunnel", "shaft", "collapse", "miners", "copper"),
    "quake": ("earthquake", "quake", "tremor", "rubble", "magnitude", "aftershock"),
    "executions": ("executions", "prison", "prisoners", "commission", "graves", "hanged"),
    "fire": ("fire", "blaze", "factory", "smoke", "flames", "firefighters"),
}
VERBS = [("killed", "people"), ("dead", "dead"), ("died", "people"), ("lost their lives", "people"),
         ("victims", "victims"), ("put to death", "prisoners")]
FILLER = ["officials", "reporters", "residents", "government", "statement", "village", "region", "week", "morning", "evening", "road", "bridge", "school", "hospital", "market", "aid", "rescue", "team", "families", "survivors", "local", "national", "capital", "press", "conference", "investigation", "report", "minister", "spokesman", "group", "union", "police", "army", "volunteers", "supplies", "shelter"]


def name(rng: random.Random, parts: int = 2) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def make_corpus(n_docs: int, seed: int = 7) -> list[tuple[Extraction, dict[str, str]]]:
    rng = random.Random(seed)
    n_events = max(2, n_docs // 8)
    countries = [name(rng, 3) for _ in range(max(3, n_events // 40))]
    publishers = [f"{name(rng)} {rng.choice(['Times', 'Post', 'Herald', 'News', 'Daily', 'Wire'])}"
                  for _ in range(max(20, n_docs // 40))]
    events = []
    for e in range(n_events):
        kind = rng.choice(list(KINDS))
        events.append({"id": e, "kind": kind, "country": rng.choice(countries), "place": f"{name(rng, 3)}",
                       "year": str(rng.choice(range(1980, 2024))), "toll": rng.choice([12, 40, 212, 700, 3000]),
                       "official": f"{name(rng)} {name(rng, 3)}", "group": f"{name(rng)} Watch"})
    out: list[tuple[Extraction, dict[str, str]]] = []
    i = 0
    while len(out) < n_docs:
        ev = events[rng.randrange(n_events)]
        words = KINDS[ev["kind"]]
        pub = rng.choice(publishers)
        verb, noun = rng.choice(VERBS)
        toll = ev["toll"] * rng.choice([1, 1, 1, 2, 0.5])
        qual = rng.choice([None, "about", "more than", "some"])
        num = f"{int(toll):,}"
        year = rng.choice([f" in {ev['year']}", ""])
        s1 = (f"{(qual + ' ') if qual else ''}{num} {noun} {verb} in the {ev['place']} {words[0]}{year}, "
              f"in {ev['country']}.").capitalize()
        s2 = f"{ev['official']} said the {words[1]} had been inspected and that {ev['toll']} {noun} were {verb}."
        s3 = f"The {ev['group']} said the {words[2]} was known to be unsafe."
        filler = " ".join(rng.choice(FILLER + list(words)) for _ in range(rng.randint(60, 160))) + "."
        sentences = [s1, s2, s3, filler]
        text = "\n\n".join(sentences)
        a2 = len(s1) + 2
        claims = [
            Claim(id="c1", kind="count", text=s1, span=(0, len(s1)), value=toll, low=toll,
                  high=None if qual == "more than" else toll, qualifier=qual, counted=noun, event=verb,
                  time=ev["year"] if year else None, claimant=Claimant(name=pub, basis="publisher"),
                  number_text=num),
            Claim(id="c2", kind="count", text=s2, span=(a2, a2 + len(s2)), value=ev["toll"], low=ev["toll"],
                  high=ev["toll"], counted=noun, event=verb, claimant=Claimant(name=ev["official"], entity="e2",
                                                                                 basis="attribution"),
                  number_text=str(ev["toll"])),
        ]
        ents = [Entity(id="e1", name=ev["place"], type="GPE", mentions=[(0, 1)]),
                Entity(id="e2", name=ev["official"], type="PERSON", mentions=[(a2, a2 + 1)]),
                Entity(id="e3", name=ev["group"], type="ORG", mentions=[(0, 1)]),
                Entity(id="e4", name=ev["country"], type="GPE", mentions=[(0, 1)])]
        copies = [pub] + ([rng.choice(publishers)] if rng.random() < 0.1 else [])
        for k, p in enumerate(copies):
            sha = hashlib.sha256(f"{i}:{k}:{text}".encode()).hexdigest()
            info = DocumentInfo(sha256=sha, url=None, title=f"{words[0].capitalize()} in {ev['place']}",
                                publisher=p, published=f"{ev['year']}-06-01", author=pub if k else None)
            x = Extraction(source=f"doc{i}-{k}", document=info, text=text, entities=ents, claims=claims,
                           offsets=list(range(len(text) + 1)))
            out.append((x, {"c1": f"{ev['id']}", "c2": f"{ev['id']}"}))
        i += 1
    return out[:n_docs]


def load(store: Store, corpus: list[tuple[Extraction, dict[str, str]]]) -> dict[tuple[str, str], str]:
    gold = {}
    loc = Location(uri="bench", kind="file", captured_at="2024-01-01T00:00:00Z")
    for x, g in corpus:
        store.put_original(Source(data=x.document.sha256.encode(), location=loc, name=x.source), x.document.sha256)
        store.save_extraction(x, "bench")
        gold.update({(x.document.sha256, cid): grp for cid, grp in g.items()})
    store.commit()
    return gold


def score(store: Store, gold: dict[tuple[str, str], str]) -> tuple[float, float]:
    pred = store.claim_keys()
    by_pred: dict[int, Counter[str]] = {}
    by_gold: dict[str, Counter[int]] = {}
    for k, g in gold.items():
        by_pred.setdefault(pred[k], Counter())[g] += 1
        by_gold.setdefault(g, Counter())[pred[k]] += 1
    n = len(gold)
    return (sum(c.most_common(1)[0][1] for c in by_pred.values()) / n,
            sum(c.most_common(1)[0][1] for c in by_gold.values()) / n)


def _hwm_mb() -> float:
    """Peak resident memory of this process. ru_maxrss would do, but Linux carries the parent's
    peak over a fork, and the parent held the whole generated corpus."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_one(db: Path, gold_path: Path) -> None:
    """Resolve a stored corpus in this fresh process, so peak RSS is resolve's own (plus Python)."""
    import json

    gold = {tuple(k.split("|")): v for k, v in json.loads(gold_path.read_text()).items()}
    store = Store(db)
    base = _hwm_mb()
    w0, c0 = time.perf_counter(), time.process_time()
    stats = workflow.resolve(store, full=True)
    wall, cpu = time.perf_counter() - w0, time.process_time() - c0
    peak = _hwm_mb()
    purity, completeness = score(store, gold)  # type: ignore[arg-type]
    n = stats["documents"]
    print(f"{n:>6} {stats['claims']:>7} {stats['groups']:>7} {wall:>7.1f} {cpu:>7.1f} {cpu / n * 1000:>9.2f} "
          f"{stats['seconds_entities']:>10.2f} {stats['seconds_grouping']:>10.2f} {base:>8.0f} {peak:>8.0f} "
          f"{purity:>7.3f} {completeness:>8.3f} {stats['pairs_compared']:>10,} "
          f"{stats['pairs_compared'] / stats['claims']:>6.1f}", flush=True)


def main() -> None:
    import json
    import subprocess

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 2500, 5000, 10000])
    ap.add_argument("--one", nargs=2, metavar=("DB", "GOLD"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        run_one(Path(args.one[0]), Path(args.one[1]))
        return
    print(f"{'docs':>6} {'claims':>7} {'groups':>7} {'wall s':>7} {'cpu s':>7} {'cpu s/1k':>9} {'entities s':>10} "
          f"{'grouping s':>10} {'base MB':>8} {'peak MB':>8} {'purity':>7} {'complete':>8} {'pairs':>10} "
          f"{'/claim':>6}")
    for n in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            db, gold_path = Path(tmp) / "bench.db", Path(tmp) / "gold.json"
            store = Store(db)
            gold = load(store, make_corpus(n))
            store.close()
            gold_path.write_text(json.dumps({"|".join(k): v for k, v in gold.items()}))
            gc.collect()
            subprocess.run([sys.executable, __file__, "--one", str(db), str(gold_path)], check=True)


if __name__ == "__main__":
    main()
