"""Peak memory and time of `claimgraph export` at two corpus sizes: exports stream, so peak memory
must not grow with the corpus (the ratio of the peaks is the figure to watch, ~1.0).

    PYTHONPATH=src .venv/bin/python bench/bench_export.py --sizes 10000 100000

Sizes count claims. The corpus is bench_resolve.py's (invented events reported by many outlets,
two claims a document), with a quote a document added (an official's words naming the place,
the rights group and the country), stored as extraction records and resolved once per size
(neither timed). Each export runs in its own fresh interpreter, which reports its peak resident
memory (VmHWM) as it exits, so one export's memory never hides another's.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from bench_resolve import load, make_corpus  # noqa: E402
from claimgraph import workflow  # noqa: E402
from claimgraph.model import Quote, Speaker  # noqa: E402
from claimgraph.store import Store  # noqa: E402

EXPORTS: list[tuple[str, list[str]]] = [
    ("csv", ["--table", "claims"]),
    ("jsonl", ["--table", "quotes"]),
    ("parquet", []),
    ("ftm", []),
    ("claimreview", []),
    ("gexf", []),
    ("graphml", ["--network", "comention"]),
]


def build(db: Path, n_claims: int) -> None:
    corpus = make_corpus(max(1, n_claims // 2))  # two claims a document
    for x, _ in corpus:
        official = next(e for e in x.entities if e.type == "PERSON")
        c2 = x.claims[1]
        x.quotes = [Quote(id="q1", kind="indirect", text=c2.text, span=(0, c2.span[1]), cue="said",
                          speaker=Speaker(name=official.name, text=official.name, entity=official.id))]
    with Store(db) as store:
        t = time.perf_counter()
        load(store, corpus)
        del corpus
        stats = workflow.resolve(store, full=True)
        print(f"  built {stats.documents:,} documents, {stats.claims:,} claims, {stats.groups:,} groups, "
              f"{stats.entities:,} entities in {time.perf_counter() - t:.0f}s", flush=True)


# The export, run by a fresh interpreter that reports its own peak: the kernel's figure for a
# child (wait4, getrusage) starts from the parent's memory when it forked, here the corpus.
CHILD = """import sys
from claimgraph.cli import main
rc = main(sys.argv[1:])
peak = next(line.split()[1] for line in open("/proc/self/status") if line.startswith("VmHWM"))
print(f"VmHWM {peak}", file=sys.stderr)
sys.exit(rc)
"""


def measure(db: Path, fmt: str, args: list[str], out: Path) -> tuple[float, float, int]:
    """(peak resident MB, seconds, bytes written) of one export in its own process."""
    cmd = [sys.executable, "-c", CHILD, "export", fmt, "--db", str(db), "-o", str(out), *args]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    t = time.perf_counter()
    proc = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False)
    seconds = time.perf_counter() - t
    peak = [line.split()[1] for line in proc.stderr.splitlines() if line.startswith("VmHWM ")]
    if proc.returncode != 0 or not peak:
        raise SystemExit(f"{' '.join(cmd[3:])} failed: {proc.stderr}")
    return int(peak[-1]) / 1024, seconds, out.stat().st_size


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs=2, default=[10_000, 100_000], metavar=("SMALL", "LARGE"),
                    help="claims in the two corpora (default 10000 100000)")
    ap.add_argument("--only", nargs="*", help="formats to run (default all)")
    a = ap.parse_args()
    runs = [(f, args) for f, args in EXPORTS if not a.only or f in a.only]
    results: dict[tuple[str, int], tuple[float, float, int]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in a.sizes:
            db = Path(tmp) / f"bench-{size}.db"
            print(f"{size:,} claims:", flush=True)
            build(db, size)
            for fmt, args in runs:
                results[(fmt, size)] = measure(db, fmt, args, Path(tmp) / f"out-{size}.{fmt}")
                mb, s, size_out = results[(fmt, size)]
                print(f"  {fmt:<12} {mb:7.1f} MB peak  {s:6.1f}s  {size_out / 1e6:8.1f} MB written", flush=True)
    small, large = a.sizes
    print(f"\npeak memory of each export, {small:,} vs {large:,} claims (ratio ~1.0: constant memory)")
    print(f"{'format':<12} {'peak ' + str(small):>12} {'peak ' + str(large):>13} {'ratio':>6} {'growth':>8}"
          f" {'s/1k claims':>12}")
    for fmt, _ in runs:
        (m1, _, _), (m2, s2, _) = results[(fmt, small)], results[(fmt, large)]
        print(f"{fmt:<12} {m1:10.1f}MB {m2:11.1f}MB {m2 / m1:6.2f} {m2 - m1:6.1f}MB {s2 / large * 1000:12.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
