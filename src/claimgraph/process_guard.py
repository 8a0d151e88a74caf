"""What keeps one document from taking a whole process, and a worker from outliving its parent.

Both lean on Linux (setrlimit's RLIMIT_DATA, prctl's PR_SET_PDEATHSIG); elsewhere they do
nothing, and the pool's own recovery (a dead worker fails its document) is what remains.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

log = logging.getLogger(__name__)

LINUX = sys.platform.startswith("linux")


def data_bytes() -> int | None:
    """The memory this process has claimed as it is counted against RLIMIT_DATA (VmData)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmData:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        return None
    return None


@lru_cache(maxsize=1)
def _prime_native_pools() -> None:
    """OpenBLAS ends the process (exit(1), "Memory allocation still failed") when it cannot get
    a work buffer, where Python would raise MemoryError. Its buffers are allocated on first use
    and kept: a product big enough to run on all its threads, before any cap, means none is
    needed under one. (The parser's BLIS buffers are primed by nlp.load's first parse.)"""
    import numpy

    for dtype in ("float32", "float64"):
        a = numpy.ones((512, 512), dtype=dtype)
        a @ a  # noqa: B018 -- run for the buffers it allocates


# RLIMIT_DATA is the process's, not a thread's: documents extracted at once in one process (a
# web server's threads) share one cap, set by the first to start and lifted by the last to end.
_cap_lock = threading.Lock()
_cap_users = 0
_cap_saved: tuple[int, int] | None = None


@contextmanager
def memory_cap(budget: int) -> Iterator[None]:
    """Within the block, allocations past `budget` bytes more than the process holds on entry
    raise MemoryError (in Python and in the libraries it calls), which the caller turns into
    one failed document. The earlier limit is back when the block ends, however it ends.
    Whatever the block needs loaded (the model, its modules) must be loaded before it."""
    if not LINUX or budget <= 0 or data_bytes() is None:
        yield
        return
    _prime_native_pools()
    _enter_cap(budget)
    try:
        yield
    finally:
        _leave_cap()


def _enter_cap(budget: int) -> None:
    import resource

    global _cap_users, _cap_saved
    with _cap_lock:
        _cap_users += 1
        if _cap_users > 1:
            return
        soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
        cap = (data_bytes() or 0) + budget
        for limit in (soft, hard):
            if limit != resource.RLIM_INFINITY:
                cap = min(cap, limit)
        try:
            resource.setrlimit(resource.RLIMIT_DATA, (cap, hard))
            _cap_saved = (soft, hard)
        except (ValueError, OSError) as exc:  # a sandbox that forbids it: run without the cap
            log.debug("no memory cap: %s", exc)


def _leave_cap() -> None:
    import resource

    global _cap_users, _cap_saved
    with _cap_lock:
        _cap_users -= 1
        if _cap_users == 0 and _cap_saved is not None:
            resource.setrlimit(resource.RLIMIT_DATA, _cap_saved)
            _cap_saved = None


def die_with_parent(parent: int) -> None:
    """Have the kernel kill this process when the process that started it dies, however it dies
    (kill -9 included): a pool worker left behind would go on holding memory and a CPU."""
    if not LINUX:
        return
    import ctypes
    import signal

    PR_SET_PDEATHSIG = 1  # noqa: N806 -- the name in <sys/prctl.h>
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
            log.debug("prctl(PR_SET_PDEATHSIG) failed: errno %d", ctypes.get_errno())
            return
    except (OSError, AttributeError) as exc:
        log.debug("no prctl: %s", exc)
        return
    # The parent may have died between the fork and the prctl call: then nobody will send it.
    if os.getppid() != parent:
        os._exit(1)
