"""Benchmark: documents per second of `claimgraph extract --jobs 2` against `claimgraph spark
extract` on local[1] and local[2], on the same documents, with the fixed cost kept apart.

    python bench/bench_spark.py                  # 500 PolNeAR texts from ../shared (held-out slice left out)
    python bench/bench_spark.py --docs 100       # quicker, on a busy machine

Fixed cost is what a run pays whatever its size: for `extract --jobs 2`, a run over 2 documents
(Python start, loading the pipeline, forking the workers); for Spark, the session's start and a
first job over 2 documents (the JVM, the Python workers, each loading the pipeline once: the first job is spread over as many
tasks as the session has cores). The job
part is the rest: the `extract` run over N documents less its fixed run; the Spark job over the N
documents in the warmed session (planning, reading, extracting, writing Parquet). Wall-clock
seconds, and CPU seconds beside them (every process of the run: the pool's workers; the JVM,
the Python daemon and its workers): on a machine shared with other work, wall-clock ratios say
little, CPU-time ones still hold.

Printed ratios (target in brackets):
  Spark local[2] / extract --jobs 2, documents per second on the job part   [>= 0.8]
  the same from CPU time (documents per CPU-second)                         (information)
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from bench_extract import SHARED, corpus  # noqa: E402
from heldout import split  # noqa: E402

CLAIMGRAPH = [sys.executable, "-m", "claimgraph.cli"]
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src")}


def timed_extract(files: list[str]) -> tuple[float, float]:
    """(wall, CPU) seconds of one `extract --jobs 2` run, its pool's workers included."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run([*CLAIMGRAPH, "extract", "--jobs", "2", "--format", "jsonl", *files], env=ENV, check=False,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.perf_counter() - t0, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


# The Spark side runs in its own process per master, so each starts cold in the same way.
SPARK_RUN = """
import json, os, shutil, sys, tempfile, time
TICK = os.sysconf("SC_CLK_TCK")
def cpu_tree(root):
    # CPU seconds of root and every process under it, the ended ones included (from /proc).
    kids, cpu = {}, {}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/stat") as fh:
                f = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        kids.setdefault(int(f[1]), []).append(int(pid))
        cpu[int(pid)] = sum(int(x) for x in f[11:15]) / TICK
    todo, total = [root], 0.0
    while todo:
        p = todo.pop()
        total += cpu.get(p, 0.0)
        todo += kids.get(p, [])
    return total
t0 = time.perf_counter()
from claimgraph.options import Options
from claimgraph.spark import job, session
spark = session.start(sys.argv[1])
t_session = time.perf_counter() - t0
def run(listing, tasks=None):
    out = tempfile.mkdtemp(prefix="cg-bench-spark-")
    t, c = time.perf_counter(), cpu_tree(os.getpid())
    report = job.extract(spark, [], out, Options(), lists=[listing], repartition=tasks)
    took, cpu = time.perf_counter() - t, cpu_tree(os.getpid()) - c
    size = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(out) for f in fs if f.endswith(".parquet"))
    shutil.rmtree(out)
    return took, cpu, report.rows.get("documents", 0), size
c_session = cpu_tree(os.getpid())
warm, c_warm, _, _ = run(sys.argv[2], int(sys.argv[1][6:-1]))  # local[N]: N tasks, so that every worker loads spaCy
t_job, c_job, n, size = run(sys.argv[3])
spark.stop()
print(json.dumps({"session": t_session, "warm": warm, "job": t_job, "documents": n, "cpu_fixed": c_session + c_warm,
                  "cpu_job": c_job, "bytes": size}))
"""


def timed_spark(master: str, small: str, full: str) -> dict[str, float]:
    """The Spark run's figures; it removes the corpus folders it writes."""
    out = subprocess.run([sys.executable, "-c", SPARK_RUN, master, small, full], env=ENV, check=True,
                         capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def listing(files: list[str]) -> str:
    fd, path = tempfile.mkstemp(suffix=".txt", prefix="cg-bench-list-")
    with os.fdopen(fd, "w") as fh:
        fh.write("\n".join(files) + "\n")
    return path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=500)
    args = ap.parse_args()
    available = len(list(SHARED.glob("*/text/*.txt")))
    # The held-out slice is never read, even for speed; without ../shared, generated texts.
    files = split(corpus(available))[0][:args.docs] if available else corpus(args.docs)
    n = len(files)
    print(f"{n} documents, {sum(os.path.getsize(f) for f in files) / 1e6:.1f} MB; load average {os.getloadavg()[0]:.1f}")

    (fixed, cfixed), (whole, cwhole) = timed_extract(files[:2]), timed_extract(files)
    job2, cjob2 = max(whole - fixed, 1e-9), max(cwhole - cfixed, 1e-9)
    print(f"extract --jobs 2   fixed {fixed:6.1f} s ({cfixed:.1f} CPU-s)   job {job2:6.1f} s ({cjob2:.1f} CPU-s)"
          f"   {n / job2:5.2f} docs/s   {n / cjob2:5.2f} docs/CPU-s")

    small, full = listing(files[:2]), listing(files)
    rates, cpu_rates = {}, {}
    for master in ("local[2]", "local[1]"):
        r = timed_spark(master, small, full)
        rates[master], cpu_rates[master] = r["documents"] / r["job"], r["documents"] / r["cpu_job"]
        print(f"spark {master:9s}   fixed {r['session'] + r['warm']:6.1f} s (session {r['session']:.1f}, first job "
              f"{r['warm']:.1f}; {r['cpu_fixed']:.1f} CPU-s)   job {r['job']:6.1f} s ({r['cpu_job']:.1f} CPU-s)"
              f"   {rates[master]:5.2f} docs/s   {cpu_rates[master]:5.2f} docs/CPU-s   corpus {r['bytes'] / n / 1e3:.1f} KB/doc")
    for path in (small, full):
        os.unlink(path)
    print(f"load average {os.getloadavg()[0]:.1f}")
    print(f"ratio Spark local[2] / extract --jobs 2 (job part, docs/s): {rates['local[2]'] / (n / job2):.2f}   [>= 0.8]")
    print(f"ratio Spark local[2] / extract --jobs 2 (job part, docs/CPU-s): {cpu_rates['local[2]'] / (n / cjob2):.2f}")
    print(f"ratio Spark local[2] / local[1] (job part, docs/s): {rates['local[2]'] / rates['local[1]']:.2f}")


if __name__ == "__main__":
    main()
