"""Receiving one uploaded file: shared by the API and the upload page so both behave alike."""

from __future__ import annotations

import contextlib
import hashlib
from dataclasses import dataclass, field
from typing import BinaryIO

from fastapi import UploadFile

from ... import workflow
from ...errors import InputError, LimitError, NotFound
from ...options import Options
from ...workflow import IngestReport
from .stores import StorePool

CHUNK = 1024 * 1024
MAX_FILES = 100


def read_limited(fh: BinaryIO, name: str, limit: int) -> bytes:
    """The file's bytes, stopping as soon as it passes the limit rather than after reading it all."""
    parts: list[bytes] = []
    size = 0
    while chunk := fh.read(CHUNK):
        size += len(chunk)
        if size > limit:
            raise LimitError(name, f"upload is over the limit of {limit:,} bytes")
        parts.append(chunk)
    return b"".join(parts)


@dataclass
class Received:
    report: IngestReport
    documents: list[int] = field(default_factory=list)  # stored now, or already stored before

    def to_json(self) -> dict[str, object]:
        return {**self.report.to_json(), "documents": self.documents,
                "links": [f"/documents/{d}" for d in self.documents]}


def receive(pool: StorePool, options: Options, name: str, fh: BinaryIO) -> Received:
    """Ingest one upload through the CLI's path. Raises InputError when nothing in it could be read."""
    data = read_limited(fh, name, options.limits.max_bytes)
    if not data:
        raise InputError(name or "upload", "the file is empty")
    with pool.writer() as store:
        report = workflow.ingest_upload(store, name or "upload", data, options)
        docs = list(report.documents)
        if not docs and report.unchanged:
            # The same bytes were uploaded before: point at the stored document.
            with contextlib.suppress(NotFound):
                docs = [int(store.resolve_document(hashlib.sha256(data).hexdigest())["id"])]
    if not docs and report.failed:
        raise InputError(name or "upload", "; ".join(reason for _, reason in report.failed))
    return Received(report, docs)


def read_files(files: list[UploadFile], limit: int) -> list[tuple[str, bytes]]:
    """Every uploaded file's name and bytes (each within the limit); an empty one is kept, for
    the job to report it with the others."""
    if not files:
        raise InputError("file", "no file was sent")
    if len(files) > MAX_FILES:
        raise InputError("file", f"at most {MAX_FILES} files at once (zip them for more)")
    return [(f.filename or "upload", read_limited(f.file, f.filename or "upload", limit)) for f in files]
