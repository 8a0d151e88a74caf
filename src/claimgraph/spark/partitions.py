"""What runs on Spark's Python workers, inside `mapInArrow`: Arrow batches in, Arrow batches out.

No pyspark here: these are plain functions over record batches, so they run (and are tested)
without Java, and the job in job.py only wires them into Spark. Two steps, so that Spark can
drop the documents already written between them (an anti-join on SHA-256):

1. `unpack`: files (path, bytes) -> single documents (WARC and zip members, gzip opened), with
   their SHA-256; a file that cannot be opened is an error row.
2. `extract`: documents -> corpus rows (documents, entities, quotes, claims) by the unchanged
   extraction (`workflow.extract_or_error`), or one error row.

spaCy loads once per Python worker (extract.nlp caches the pipeline in the process, and Spark
reuses its workers across tasks), never per record.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlsplit

import pyarrow as pa

from .. import corpus
from ..clock import now
from ..errors import InputError
from ..ingest import unpack as unpack_source
from ..model import Location, Source
from ..options import Options
from ..workflow import extract_or_error

log = logging.getLogger(__name__)

# A file found by Spark, before unpacking: the columns of Spark's binaryFile source it uses.
FILE_COLUMNS = ("path", "content")
DOCUMENTS = pa.schema([
    pa.field("sha256", pa.string()),  # null on an error row
    pa.field("name", pa.string(), nullable=False),
    pa.field("uri", pa.string()),
    pa.field("location_kind", pa.string()),
    pa.field("captured_at", pa.string()),
    pa.field("container", pa.string()),
    pa.field("media_type", pa.string()),
    pa.field("hints", pa.string()),  # JSON
    pa.field("data", pa.binary()),
    pa.field("reason", pa.string()),  # set on an error row
    pa.field("stage", pa.string()),
])
ROWS_PER_BATCH = 32  # documents per output batch: Arrow's per-batch cost stays small, memory flat


@dataclass(frozen=True)
class Job:
    """What every task needs: the options, the pipeline key they make, and the run's id."""

    options: Options
    pipeline: str
    run: str


def input_name(path: str) -> str:
    """A local file as a plain path (as `claimgraph extract` names it), anything else as its URI."""
    parts = urlsplit(path)
    if parts.scheme == "file":
        return unquote(parts.path)
    return path


def _location(path: str, name: str) -> Location:
    return Location(uri=name, kind="file" if urlsplit(path).scheme in ("", "file") else "url", captured_at=now())


def unpack(batches: Iterator[pa.RecordBatch], job: Job) -> Iterator[pa.RecordBatch]:
    """Files -> the single documents inside them (mapInArrow's function, schema DOCUMENTS)."""
    for batch in batches:
        out: list[dict[str, Any]] = []
        for path, content in zip(batch.column("path").to_pylist(), batch.column("content").to_pylist(), strict=True):
            name = input_name(path)
            source = Source(data=content, location=_location(path, name), name=name)
            for item in unpack_source(source, job.options.limits):
                if isinstance(item, InputError):
                    out.append(_failed(item.name, item.reason, "unpack"))
                else:
                    loc = item.location
                    out.append({"sha256": item.sha256, "name": item.name, "uri": loc.uri, "location_kind": loc.kind,
                                "captured_at": loc.captured_at, "container": loc.container,
                                "media_type": item.media_type, "hints": json.dumps(item.hints), "data": item.data})
        yield pa.RecordBatch.from_pylist(out, schema=DOCUMENTS)


def _failed(name: str, reason: str, stage: str) -> dict[str, Any]:
    return {"name": name, "reason": reason, "stage": stage}


def extract(batches: Iterator[pa.RecordBatch], job: Job,
            work: Callable[[Source, Options], Any] = extract_or_error) -> Iterator[pa.RecordBatch]:
    """Documents -> corpus rows (mapInArrow's function, schema corpus.SCHEMA)."""
    for batch in batches:
        rows: list[corpus.Row] = []
        for done, d in enumerate(batch.to_pylist(), start=1):
            rows += _rows(d, job, work)
            if done % ROWS_PER_BATCH == 0:
                yield pa.RecordBatch.from_pylist(rows, schema=corpus.SCHEMA)
                rows = []
        if rows:
            yield pa.RecordBatch.from_pylist(rows, schema=corpus.SCHEMA)


def _rows(d: dict[str, Any], job: Job, work: Callable[[Source, Options], Any]) -> list[corpus.Row]:
    if d["reason"] is not None:
        return [corpus.error_row(d["name"], d["reason"], d["stage"] or "read", job.pipeline, job.run)]
    loc = Location(uri=d["uri"], kind=d["location_kind"], captured_at=d["captured_at"], container=d["container"])
    source = Source(data=d["data"], location=loc, name=d["name"], media_type=d["media_type"],
                    hints=json.loads(d["hints"] or "{}"))
    result = work(source, job.options)
    if isinstance(result, InputError):
        return [corpus.error_row(result.name, result.reason, "extract", job.pipeline, job.run, source.sha256)]
    return corpus.document_rows(source, result, job.pipeline, job.run)


def failed_files(batches: Iterator[pa.RecordBatch], job: Job, reason: str) -> Iterator[pa.RecordBatch]:
    """Files Spark found but that are refused before reading (over the size limit): error rows."""
    for batch in batches:
        rows = [corpus.error_row(input_name(p), reason.format(size=size), "read", job.pipeline, job.run)
                for p, size in zip(batch.column("path").to_pylist(), batch.column("length").to_pylist(), strict=True)]
        yield pa.RecordBatch.from_pylist(rows, schema=corpus.SCHEMA)
