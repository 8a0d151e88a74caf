"""Uploads that do not block: the request keeps the files and returns at once; one background
thread ingests them, a file at a time, through the CLI's path, and the page shows its progress
and each file's outcome (a 2 MB text once held its request for over two minutes)."""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import logging
import queue
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from ... import workflow
from ...errors import ClaimgraphError, NotFound
from ...options import Options
from .stores import StorePool

log = logging.getLogger(__name__)
KEEP = 50  # finished jobs remembered (their outcome, not their bytes)


@dataclass
class FileState:
    name: str
    size: int
    data: bytes | None  # dropped once ingested
    status: str = "queued"  # queued | ingesting | done | unchanged | failed
    reason: str | None = None
    documents: list[int] = field(default_factory=list)
    seconds: float | None = None

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "size": self.size, "status": self.status, "reason": self.reason,
                "documents": self.documents, "links": [f"/documents/{d}" for d in self.documents],
                "seconds": self.seconds}


@dataclass
class Job:
    id: int
    files: list[FileState]
    created: float = field(default_factory=time.time)
    finished: float | None = None

    @property
    def done(self) -> int:
        return sum(f.status not in ("queued", "ingesting") for f in self.files)

    def to_json(self) -> dict[str, Any]:
        state = "finished" if self.finished else ("running" if self.done or any(
            f.status == "ingesting" for f in self.files) else "queued")
        return {"id": self.id, "state": state, "done": self.done, "total": len(self.files),
                "failed": sum(f.status == "failed" for f in self.files),
                "files": [f.to_json() for f in self.files], "page": f"/upload/jobs/{self.id}"}


class Jobs:
    """The upload jobs of one server, and the thread that works through them."""

    def __init__(self, pool: StorePool, options: Options) -> None:
        self.pool = pool
        self.options = options
        self._jobs: OrderedDict[int, Job] = OrderedDict()
        self._ids = itertools.count(1)
        self._queue: queue.Queue[Job | None] = queue.Queue()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def submit(self, files: list[tuple[str, bytes]]) -> Job:
        job = Job(next(self._ids), [FileState(name or "upload", len(data), data) for name, data in files])
        with self._lock:
            self._jobs[job.id] = job
            while len(self._jobs) > KEEP:
                oldest = next(iter(self._jobs.values()))
                if not oldest.finished:
                    break
                self._jobs.popitem(last=False)
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._work, name="claimgraph-uploads", daemon=True)
                self._thread.start()
        self._queue.put(job)
        return job

    def get(self, job_id: int) -> Job:
        job = self._jobs.get(job_id)
        if job is None:
            raise NotFound(f"no upload job {job_id} (jobs are kept while the server runs)")
        return job

    def close(self) -> None:
        self._queue.put(None)

    def _work(self) -> None:
        while (job := self._queue.get()) is not None:
            for f in job.files:
                self._ingest(f)
            job.finished = time.time()

    def _ingest(self, f: FileState) -> None:
        f.status = "ingesting"
        t0 = time.perf_counter()
        data, f.data = f.data or b"", None
        try:
            if not data:
                raise ClaimgraphError(f"{f.name}: the file is empty")
            with self.pool.writer() as store:
                report = workflow.ingest_upload(store, f.name, data, self.options)
                f.documents = list(report.documents)
                if not f.documents and report.unchanged:  # the same bytes were uploaded before
                    with contextlib.suppress(NotFound):
                        f.documents = [int(store.resolve_document(hashlib.sha256(data).hexdigest())["id"])]
            if report.failed and not f.documents:
                f.status, f.reason = "failed", "; ".join(reason for _, reason in report.failed)
            else:
                f.status = "unchanged" if report.unchanged and not report.new and not report.updated else "done"
                if report.failed:  # some members of an archive failed
                    f.reason = "; ".join(f"{name}: {reason}" for name, reason in report.failed)
        except ClaimgraphError as exc:
            f.status, f.reason = "failed", str(exc)
        except Exception:  # a bug: logged with its traceback, the job goes on with the next file
            log.exception("ingesting upload %s", f.name)
            f.status, f.reason = "failed", "something went wrong on the server; it has been logged"
        f.seconds = round(time.perf_counter() - t0, 2)
