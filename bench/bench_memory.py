"""Benchmark: peak memory and time of extracting one document, against its size. Not a test: run
it by hand on a quiet machine (about ten minutes; --sizes 0.1,0.5,1 for a quick look).

    python bench/bench_memory.py
    python bench/bench_memory.py --sizes 0.1,0.5,1,2,5 --shapes paragraphs,line

Every document is extracted in a fresh Python process, with no memory cap, and that process's
peak resident memory is its own. The texts are generated here (news-like sentences with names,
numbers and quotations, no two paragraphs alike), in two shapes: paragraphs, and one single line
(capped at 1.9 MB: the line limit is 2 MB). "above base" is the peak less the process's peak
after loading the model, which is what one document costs.

The parser's working memory is bounded by parsing in pieces of nlp.CHUNK_CHARS characters; what
still grows with the document is the document itself (its Doc, clean text, offset map and what
is extracted from it). Printed (targets in brackets):
  (d) memory above base per MB of text, 5 MB / 1 MB document   [about 1 or below: no growth
      beyond the document's own records]
  (e) CPU seconds per MB, 5 MB / 1 MB document                   [about 1: linear time]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PEOPLE = ["Anna Kowalski", "Tom Ferris", "Leila Haddad", "Priya Natarajan", "Glen Abbott", "Maria Ostrander",
          "Samuel Okafor", "Ines Carvalho", "Piotr Zielinski", "Hannah Brandt"]
BODIES = ["the transport union", "the city council", "the regional water board", "the health ministry",
          "the electoral commission", "the hospital trust", "the teachers' federation"]
PLACES = ["Harbour Town", "Lyonsdale", "the northern district", "the river valley", "Eastfield", "the capital"]
MONTHS = ["January", "March", "June", "September", "November"]


def sentence(rng: random.Random) -> str:
    who, body, place = rng.choice(PEOPLE), rng.choice(BODIES), rng.choice(PLACES)
    n, year, month = rng.randint(2, 9000), rng.randint(1988, 2024), rng.choice(MONTHS)
    kind = rng.randrange(8)
    if kind == 0:
        return (f"\u201cWe will hire {n:,} new staff before {month},\u201d {who} told reporters in {place}, "
                f"adding that {body} had agreed.")
    if kind == 1:
        return f"{body.capitalize()} said about {n:,} people had left {place} since {year}."
    if kind == 2:
        return f"{who}, who chairs {body}, said the plan would cost {rng.randint(2, 90)} million pounds."
    if kind == 3:
        return f"According to {body}, {rng.randint(3, 80)} per cent of the homes in {place} were damaged in {month}."
    if kind == 4:
        return (f"The meeting in {place} lasted {rng.randint(2, 9)} hours, and residents asked why repairs "
                f"promised in {year} had never started.")
    if kind == 5:
        return f"{who} said she believed the figures were too low, and {rng.choice(PEOPLE)} disagreed."
    if kind == 6:
        return (f"Records kept by {body} since {year} show that the work was postponed {rng.randint(2, 12)} "
                f"times, each time for a different reason.")
    return f"Nobody from {body} in {place} answered questions on {month} {rng.randint(1, 28)}."


def document(size: int, one_line: bool, seed: int = 0) -> str:
    """About `size` characters of news-like text; every paragraph differs from every other."""
    rng = random.Random(seed)
    paras: list[str] = []
    total = 0
    while total < size:
        para = " ".join(sentence(rng) for _ in range(rng.randint(2, 6))) + f" (Report {len(paras) + 1}.)"
        paras.append(para)
        total += len(para) + 2
    return (" " if one_line else "\n\n").join(paras) + "\n"


def peak_mb() -> float:
    scale = 1024 if sys.platform != "darwin" else 1024 * 1024  # ru_maxrss is KB on Linux
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / scale


def measure(size: int, shape: str) -> dict[str, object]:
    sys.path.insert(0, str(ROOT / "src"))
    from claimgraph.extract import extract_one
    from claimgraph.extract.nlp import load
    from claimgraph.model import Location, Source
    from claimgraph.options import Limits, Options

    data = document(size, shape == "line").encode("utf-8")
    load("en_core_web_sm")
    base = peak_mb()
    # (Checkouts before the memory cap have no max_memory: the bench measures them too.)
    options = Options(limits=Limits(**({"max_memory": 0} if "max_memory" in Limits.__dataclass_fields__ else {})))
    start, cpu = time.perf_counter(), time.process_time()
    x = extract_one(Source(data=data, location=Location("bench.txt", "file", ""), name="bench.txt"), options)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    return {"bytes": len(data), "seconds": seconds, "cpu": cpu, "base_mb": base, "peak_mb": peak_mb(),
            "quotes": len(x.quotes), "claims": len(x.claims)}


def run(size: int, shape: str) -> dict[str, object]:
    out = subprocess.run([sys.executable, __file__, "--_measure", f"{size}:{shape}"], capture_output=True,
                         text=True, check=False)
    if out.returncode != 0:
        raise SystemExit(f"{size} {shape} failed:\n{out.stderr[-3000:]}")
    result: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="0.1,0.5,1,2,5", help="document sizes in MB (default 0.1,0.5,1,2,5)")
    ap.add_argument("--shapes", default="paragraphs,line", help="paragraphs, line, or both (default)")
    ap.add_argument("--_measure")
    args = ap.parse_args()
    if args._measure:
        size, shape = args._measure.split(":")
        print(json.dumps(measure(int(size), shape)))
        return

    sys.path.insert(0, str(ROOT / "src"))
    from claimgraph.extract import nlp
    from claimgraph.options import Limits

    max_chars, max_line = Limits().max_chars, Limits().max_line
    pieces = f"pieces of {nlp.CHUNK_CHARS:,} characters" if hasattr(nlp, "CHUNK_CHARS") else "parsed whole"
    print(f"one document per process, no memory cap; {pieces}; python {sys.version.split()[0]}")
    print(f"{'shape':<11}{'MB':>5}{'seconds':>9}{'CPU s':>7}{'CPU s/MB':>10}{'peak MB':>9}{'above base':>12}"
          f"{'per MB':>8}{'quotes':>8}{'claims':>8}")
    per_mb: dict[tuple[str, float], tuple[float, float]] = {}
    for shape in args.shapes.split(","):
        done: set[int] = set()
        for mb in (float(s) for s in args.sizes.split(",")):
            size = min(int(mb * 1_000_000), max_chars - 1000, *([max_line - 100_000] if shape == "line" else []))
            if size in done:  # a size past the line limit, already measured at the limit
                continue
            done.add(size)
            r = run(size, shape)
            real_mb = float(r["bytes"]) / 1_000_000  # type: ignore[arg-type]
            above = float(r["peak_mb"]) - float(r["base_mb"])  # type: ignore[arg-type]
            secs, cpu = float(r["seconds"]), float(r["cpu"])  # type: ignore[arg-type]
            # CPU time, not wall time, for the speed ratio: it holds on a machine shared with others.
            per_mb[(shape, mb)] = (above / real_mb, cpu / real_mb)
            print(f"{shape:<11}{real_mb:>5.1f}{secs:>9.1f}{cpu:>7.1f}{cpu / real_mb:>10.1f}{float(r['peak_mb']):>9.0f}"  # type: ignore[arg-type]
                  f"{above:>12.0f}{above / real_mb:>8.0f}{r['quotes']:>8}{r['claims']:>8}", flush=True)
    for shape in args.shapes.split(","):
        sizes = sorted(mb for s, mb in per_mb if s == shape)
        if len(sizes) >= 2 and sizes[-1] > 1:
            small = min((mb for mb in sizes if mb >= 1), default=sizes[0])
            big = sizes[-1]
            mem = per_mb[(shape, big)][0] / per_mb[(shape, small)][0]
            speed = per_mb[(shape, big)][1] / per_mb[(shape, small)][1]
            print(f"(d) {shape}: memory above base per MB, {big:g} MB / {small:g} MB: {mem:.2f}  [about 1 or below]")
            print(f"(e) {shape}: CPU seconds per MB, {big:g} MB / {small:g} MB: {speed:.2f}  [about 1]")


if __name__ == "__main__":
    main()
