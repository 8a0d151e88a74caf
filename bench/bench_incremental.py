"""Incremental resolve: one article into a large database, and a batch of 1,000 articles into
it, against the same batch into an empty database.

    .venv/bin/python bench/bench_incremental.py --docs 100000 --cache /tmp/arch-bench

The large database is built once through the store (the corpus of bench_resolve.py: invented
events reported by several outlets, wire copies, quoted officials), resolved in one full run,
and cached as CACHE-DOCS.db; the measurements run on one copy. What is timed is what ingest does after extraction: storing each document (one
transaction each) and resolving across documents once for the batch. The extractor is not
timed: its cost per article does not depend on the database.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parent), str(Path(__file__).resolve().parents[1] / "src")]

from bench_resolve import make_corpus  # noqa: E402
from claimgraph import workflow  # noqa: E402
from claimgraph.model import Extraction, Location, Source  # noqa: E402
from claimgraph.store import Store  # noqa: E402

BATCH = 5000  # documents stored per transaction while the large database is built
LOC = Location(uri="bench", kind="file", captured_at="2024-01-01T00:00:00Z")


def store_all(store: Store, docs: list[Extraction]) -> float:
    """Store documents as ingest does, one transaction each; returns the seconds it took."""
    t = time.perf_counter()
    for x in docs:
        store.put_original(Source(data=x.document.sha256.encode(), location=LOC, name=x.source), x.document.sha256)
        store.save_extraction(x, "bench")
        store.commit()
    return time.perf_counter() - t


def build(path: Path, docs: list[Extraction]) -> None:
    """Store every document, then resolve them in one full run."""
    t0 = time.perf_counter()
    with Store(path) as store:
        store.db.execute("PRAGMA synchronous = OFF")  # a throwaway benchmark database
        for i in range(0, len(docs), BATCH):
            for x in docs[i:i + BATCH]:
                store.put_original(Source(data=x.document.sha256.encode(), location=LOC, name=x.source),
                                   x.document.sha256)
                store.save_extraction(x, "bench")
            store.commit()
            print(f"  {i + BATCH:>7,} documents stored, {time.perf_counter() - t0:.0f} s", file=sys.stderr, flush=True)
        stats = workflow.resolve(store, full=True)
        print(f"  full resolve: {stats.seconds:.0f} s ({stats.groups:,} groups from {stats.claims:,} claims)",
              file=sys.stderr, flush=True)
        store.db.execute("ANALYZE")
        store.commit()


def timed(store: Store, docs: list[Extraction]) -> tuple[float, float, int]:
    """(seconds storing, seconds resolving, groups) for docs stored as one ingest batch."""
    stored = store_all(store, docs)
    stats = workflow.resolve(store)
    return stored, stats.seconds, stats.groups


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--new", type=int, default=1000, help="new articles: 5 one at a time, then the rest as one batch")
    ap.add_argument("--cache", default="/tmp/arch-bench", help="prefix of the cached large database")
    args = ap.parse_args()
    corpus = [x for x, _ in make_corpus(args.docs + args.new)]
    old, new = corpus[:args.docs], corpus[args.docs:]
    path = Path(f"{args.cache}-{args.docs}.db")
    if not path.exists():
        print(f"building {path} ...", file=sys.stderr)
        build(path, old)
    with Store(path, readonly=True) as s:
        n = s.count("documents")
    print(f"database: {n:,} documents ({path})")

    batch = new[5:]
    with tempfile.TemporaryDirectory(dir="/tmp") as tmp:
        with Store(Path(tmp) / "empty.db") as empty:
            s_empty, r_empty, _ = timed(empty, batch)
        big = Path(tmp) / "big.db"
        shutil.copy(path, big)  # the cached database stays as it was
        with Store(big) as store:
            one = [timed(store, [x])[1] for x in new[:5]]
            print(f"one article into {n:,} documents: resolve {min(one):.2f} s (best of 5), {max(one):.2f} s worst "
                  f"(target < 2 s)", flush=True)
            s_big, r_big, _ = timed(store, batch)
    rate_empty = len(batch) / (s_empty + r_empty)
    rate_big = len(batch) / (s_big + r_big)
    print(f"{len(batch)} articles into an empty database: store {s_empty:.1f} s + resolve {r_empty:.1f} s = "
          f"{rate_empty:.0f} articles/s")
    print(f"{len(batch)} articles into {n:,} documents: store {s_big:.1f} s + resolve {r_big:.1f} s = "
          f"{rate_big:.0f} articles/s")
    print(f"ratio (large / empty): {rate_big / rate_empty:.2f} (target ≈ 1)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
