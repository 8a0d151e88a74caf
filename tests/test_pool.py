"""The extraction processes: a document that needs too much memory fails alone, workers die with
the process that started them, and error lines stay one line each whoever reads them."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from claimgraph import workflow
from claimgraph.errors import InputError
from claimgraph.model import Extraction, Location, Source
from claimgraph.options import MB, Limits, Options
from conftest import NEWS, SRC

linux = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_DATA and PR_SET_PDEATHSIG are Linux's")


def long_text(paragraphs: int) -> bytes:
    para = ("The council met on Monday and said that 40 schools would close. \u201cWe had no choice,\u201d "
            "the mayor, Anna Kowalski, told reporters after the vote.")
    return ("\n\n".join(f"{para} Item {i}." for i in range(paragraphs)) + "\n").encode()


def src(name: str, data: bytes) -> Source:
    return Source(data=data, location=Location(uri=name, kind="file", captured_at=""), name=name)


@linux
@pytest.mark.parametrize("jobs", [1, 2])
def test_a_document_over_the_memory_cap_fails_alone(jobs: int) -> None:
    options = Options(jobs=jobs, limits=Limits(max_memory=60 * MB))
    batch = [src("big.txt", long_text(2500)), src("small.txt", NEWS.encode())]
    results = dict((s.name, r) for s, r in workflow.run_extraction(batch, options))
    big = results["big.txt"]
    assert isinstance(big, InputError) and "60 MB one document may use" in big.reason
    assert isinstance(results["small.txt"], Extraction)  # the process goes on, memory back
    import resource

    assert resource.getrlimit(resource.RLIMIT_DATA)[0] == resource.RLIM_INFINITY or jobs == 2


def test_the_memory_cap_does_not_change_what_is_current() -> None:
    assert workflow.pipeline_key(Options()) == workflow.pipeline_key(Options(limits=Limits(max_memory=1)))


# The parent: a pool of two whose documents never end; it prints the workers' ids and waits.
PARENT = textwrap.dedent("""
    import os, sys, time
    sys.path.insert(0, {src!r})
    from claimgraph import workflow
    from claimgraph.extract import nlp
    from claimgraph.model import Location, Source
    from claimgraph.options import Options

    nlp.load = lambda model="": None  # the model is not what is tested: start at once

    def slow(source, options=None):
        if source.name.startswith("pid"):
            return os.getpid()
        time.sleep(600)

    workflow._work = slow

    def sources():
        for i in range(2):
            yield Source(data=b"x", location=Location("pid", "file", ""), name=f"pid{{i}}")
        for i in range(6):
            yield Source(data=b"x", location=Location("slow", "file", ""), name=f"slow{{i}}")

    import multiprocessing

    for s, pid in workflow.run_extraction(sources(), Options(jobs=2)):
        if s.name == "pid1":  # both workers have started: name every one, not only those that answered
            print(" ".join(str(p.pid) for p in multiprocessing.active_children()), flush=True)
""")


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return False
    return state != "Z"


@linux
def test_workers_die_with_a_killed_parent(tmp_path: Path) -> None:
    script = tmp_path / "parent.py"
    script.write_text(PARENT.format(src=str(SRC)))
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    try:
        assert parent.stdout is not None
        line = parent.stdout.readline()
        workers = [int(p) for p in line.split()]
        assert len(workers) == 2 and all(alive(p) for p in workers), line
    finally:
        parent.send_signal(signal.SIGKILL)
        parent.wait()
    deadline = time.monotonic() + 10
    while any(alive(p) for p in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    left = [p for p in workers if alive(p)]
    for p in left:  # never leave them behind, even when the test fails
        os.kill(p, signal.SIGKILL)
    assert not left, "workers outlived their parent"


@linux
def test_error_lines_are_whole_lines_and_names_are_not_markup(tmp_path: Path) -> None:
    # The folder's "[" and the file's "/x]" make a closing tag if the line is read as markup.
    folder = tmp_path / ("a-folder-with-a-long-name-" * 4 + "[bold]and[")
    folder.mkdir()
    (folder / "x] name.txt").write_bytes(b"\x00\x01binary")
    (folder / "good.txt").write_text(NEWS)
    (folder / "long.txt").write_bytes(long_text(2500))
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    env.update(PYTHONPATH=str(SRC), NO_COLOR="1")
    out = subprocess.run([sys.executable, "-m", "claimgraph.cli", "ingest", str(folder), "--db",
                          str(tmp_path / "db.sqlite"), "--max-memory-mb", "60"], capture_output=True, text=True, env=env, timeout=300)
    assert "Traceback" not in out.stderr
    lines = [ln for ln in out.stderr.splitlines() if ln.strip()]
    assert len(lines) == 2, lines  # not wrapped at 80 columns
    assert lines[0].startswith(f"error: {folder}/long.txt: needed more than the 60 MB one document may use")
    assert lines[1].startswith(f"error: {folder}/x] name.txt: ") and "binary" in lines[1]
    assert "1 new" in out.stdout


@linux
def test_documents_extracted_at_once_in_threads_share_one_cap_and_leave_none() -> None:
    import resource
    import threading

    from claimgraph.process_guard import memory_cap

    before = resource.getrlimit(resource.RLIMIT_DATA)
    first_in, second_done = threading.Event(), threading.Event()
    seen: list[int] = []

    def first() -> None:
        with memory_cap(500 * MB):
            first_in.set()
            second_done.wait(10)
            seen.append(resource.getrlimit(resource.RLIMIT_DATA)[0])

    def second() -> None:
        first_in.wait(10)
        with memory_cap(500 * MB):
            seen.append(resource.getrlimit(resource.RLIMIT_DATA)[0])
        second_done.set()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(seen) == 2 and seen[0] == seen[1] != resource.RLIM_INFINITY  # the first's cap, still on
    assert resource.getrlimit(resource.RLIMIT_DATA) == before
