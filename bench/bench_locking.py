"""How long resolve holds the write lock, and what another writer waits meanwhile.

    PYTHONPATH=src .venv/bin/python bench/bench_locking.py --sizes 1000 10000

For each size, a synthetic corpus (bench_resolve's) is stored, then a full resolve and an
update of 1% new documents run while a second process writes one small row every 20 ms, each in
its own immediate transaction (as ingest writes a document). Printed per run: resolve's total
time, the longest it held the write lock (resolve computes before it takes the lock and writes
in one transaction at the end), and the longest the other writer waited, against SQLite's 30 s
busy wait. The figure to watch is the hold as a share of the total.
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from multiprocessing.connection import Connection
from multiprocessing.synchronize import Event
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_resolve import load, make_corpus  # noqa: E402
from claimgraph import workflow  # noqa: E402
from claimgraph.store import Store  # noqa: E402
from claimgraph.store.database import BUSY_MS, Database  # noqa: E402

holds: list[float] = []
_transaction = Database.transaction


@contextmanager
def _timed(self: Database) -> Iterator[None]:
    """Database.transaction, timing from the lock taken to the commit done."""
    with _transaction(self):
        t = time.perf_counter()
        yield
    holds.append(time.perf_counter() - t)


def probe(db: str, stop: Event, out: Connection) -> None:
    """The other writer: a small write every 20 ms; sends (writes, longest wait, failures)."""
    waits, failures = [], 0
    with Store(db) as s:
        while not stop.is_set():
            t = time.perf_counter()
            try:
                with s.transaction():
                    s.record_error("bench-probe", "probe", "bench")
            except Exception:  # noqa: BLE001 - counted, not raised: the figure is how many
                failures += 1
            waits.append(time.perf_counter() - t)
            time.sleep(0.02)
    out.send((len(waits), max(waits, default=0.0), failures))


def with_probe(db: Path, run: Callable[[], object]) -> tuple[float, float, tuple[int, float, int]]:
    """(seconds the run took, longest lock hold in it, the probe's figures)."""
    ctx = multiprocessing.get_context("fork")
    stop = ctx.Event()
    here, there = ctx.Pipe()
    p = ctx.Process(target=probe, args=(str(db), stop, there))
    p.start()
    time.sleep(0.5)
    holds.clear()
    t = time.perf_counter()
    run()
    seconds = time.perf_counter() - t
    longest = max(holds, default=0.0)
    stop.set()
    figures = here.recv()
    p.join()
    return seconds, longest, figures


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    args = ap.parse_args()
    Database.transaction = _timed  # type: ignore[method-assign]
    print(f"{'docs':>7} {'run':<12} {'seconds':>8} {'lock held':>10} {'share':>6} {'other writer: writes':>21} "
          f"{'longest wait':>13} {'failed':>7}   (busy wait {BUSY_MS / 1000:.0f} s)")
    for n in args.sizes:
        corpus = make_corpus(int(n * 1.01))
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "lock.db"
            with Store(db) as s:
                load(s, corpus[:n])
            for name, docs in (("full resolve", []), ("update 1%", corpus[n:])):
                with Store(db) as s:
                    if docs:
                        load(s, docs)

                    def run(s: Store = s, full: bool = not docs) -> object:
                        return workflow.resolve(s, full=full)

                    seconds, held, (writes, wait, failed) = with_probe(db, run)
                print(f"{n:>7,} {name:<12} {seconds:>8.2f} {held:>9.2f}s {held / seconds:>6.0%} {writes:>21,} "
                      f"{wait:>12.2f}s {failed:>7}", flush=True)


if __name__ == "__main__":
    main()
