"""Kill a writing workflow with SIGKILL at a chosen database write, in a forked child process.

The child counts every write it sends to the database (each statement, each BEGIN and COMMIT)
and kills itself, with a real `kill -9`, just before the chosen one: the transaction open at
that moment is lost exactly as it would be if the power went. A counting run first tells which
stage each write belongs to (a document write, or resolve's), so the points can be spread over
the stages with a seeded generator. Forking from the test process keeps the loaded NLP pipeline,
so each kill costs a fraction of a second instead of a fresh interpreter's start.
"""

from __future__ import annotations

import inspect
import json
import os
import signal
from collections.abc import Callable
from pathlib import Path
from typing import Any

from claimgraph.store.database import Database

WRITES = ("execute", "changes", "executemany", "commit", "transaction", "script")
RESOLVE_FRAMES = {"write_resolution", "_finish"}


def _stage() -> str:
    """Which stage the write being made belongs to, read from the call stack."""
    names = {f.function for f in inspect.stack()[2:40]}
    if names & RESOLVE_FRAMES:
        return "resolve"
    if "migrate" in names:
        return "schema"
    return "store"


def _hook(on_write: Callable[[int], None]) -> None:
    """Route every write method of Database through on_write(its number) first (child only)."""
    count = [0]
    for name in WRITES:
        original = getattr(Database, name)

        def wrapped(self: Database, *args: Any, __original: Any = original, **kwargs: Any) -> Any:
            count[0] += 1
            on_write(count[0])
            return __original(self, *args, **kwargs)

        setattr(Database, name, wrapped)


def _in_child(work: Callable[[], object], on_write: Callable[[int], None]) -> int:
    """Run work in a forked child with the hook; return the child's wait status."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 0
        try:
            _hook(on_write)
            work()
        except BaseException:  # noqa: BLE001 - reported by the exit code
            import traceback

            traceback.print_exc()
            code = 3
        os._exit(code)
    _, status = os.waitpid(pid, 0)
    return status


def stages(work: Callable[[], object], scratch: Path) -> list[str]:
    """Run work once to the end in a child, and return the stage of each of its writes in order."""
    out = scratch / "stages.json"
    seen: list[str] = []

    def record(n: int) -> None:
        seen.append(_stage())

    def run() -> None:
        work()
        out.write_text(json.dumps(seen))

    status = _in_child(run, record)
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0, status
    return list(json.loads(out.read_text()))


def killed_at(work: Callable[[], object], point: int) -> bool:
    """Run work in a child killed with SIGKILL just before its write number `point`; True when
    the kill happened (False: the work finished first)."""

    def kill(n: int) -> None:
        if n == point:
            os.kill(os.getpid(), signal.SIGKILL)

    status = _in_child(work, kill)
    if os.WIFSIGNALED(status):
        assert os.WTERMSIG(status) == signal.SIGKILL
        return True
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0, status
    return False
