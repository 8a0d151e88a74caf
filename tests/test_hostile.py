"""Hostile input in one batch, through the command line as a user runs it: every good document
stored, every bad file named once with its reason, no traceback, in bounded time and memory."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

from claimgraph.ingest.sources import path_text
from claimgraph.store import Store
from conftest import SRC
from hostile_corpus import build

pytestmark = pytest.mark.skipif(os.name != "posix", reason="odd file names and symbolic links are POSIX's")


def test_a_batch_of_hostile_files(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    corpus = build(folder)
    assert corpus.files >= 200
    env = {**os.environ, "PYTHONPATH": str(SRC), "NO_COLOR": "1"}
    start = time.monotonic()
    out = subprocess.run([sys.executable, "-m", "claimgraph.cli", "ingest", str(folder), "--db",
                          str(tmp_path / "db.sqlite"), "--format", "json", "--jobs", "2"],
                         capture_output=True, text=True, env=env, timeout=900)
    seconds = time.monotonic() - start
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"{corpus.files} files ({len(corpus.good)} good, {len(corpus.bad)} bad, {len(corpus.flipped)} flipped): "
          f"{seconds:.0f} s, largest process {peak_mb:.0f} MB")
    assert "Traceback" not in out.stderr, out.stderr[-3000:]
    assert out.returncode == 1  # some inputs failed
    report = json.loads(out.stdout)
    failed = {f["input"]: f["reason"] for f in report["failed"]}
    assert len(failed) == len(report["failed"]), "a failure was reported twice"
    lines = [ln for ln in out.stderr.splitlines() if ln.strip()]
    assert len(lines) == len(failed) and all(ln.startswith("error: ") for ln in lines)

    # Every bad file is named, with its reason.
    for key, why in corpus.bad.items():
        name = path_text(key)
        assert name in failed, f"{name} was not reported"
        assert why.lower() in failed[name].lower(), (name, failed[name])
    # Nothing else failed but flipped files (which may or may not survive their flips), and no
    # failure is ours rather than the input's.
    allowed = {path_text(p).split("!")[0] for p in [*corpus.bad, *corpus.flipped]}
    for name, reason in failed.items():
        assert name.split("!")[0].split("#")[0] in allowed, (name, reason)
        assert "internal error" not in reason, (name, reason)

    # Every good file's documents are stored, each at its own place.
    with Store(tmp_path / "db.sqlite") as store:
        places: dict[str, int] = {}
        for doc in store.documents(limit=10_000):
            for loc in store.locations(doc["sha256"]):
                where = loc["container"] or loc["uri"].split("!")[0]
                places[where] = places.get(where, 0) + 1
        for path, docs in corpus.good.items():
            assert places.get(path_text(path)) == docs, (path_text(path), places.get(path_text(path)))
        assert store.count("errors") == len(failed)
    assert seconds < 600 and peak_mb < 2500, (seconds, peak_mb)
