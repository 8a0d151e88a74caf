"""`claimgraph spark extract`: the unchanged extraction over Spark, written as a Parquet corpus.

Inputs are what Spark's binaryFile source reads (local paths, folders, globs, s3a://, hdfs://
...), given directly or listed one per line in text files (the Common Crawl pattern: a list of
WARC paths, one file per task, the WARC unpacked inside the task). Spark reads the bytes; the
Python workers unpack and extract (partitions.py); one partitioned Parquet write appends the
rows to the corpus folder (corpus.py). Before extracting, documents whose (SHA-256, pipeline)
the folder already holds are dropped by an anti-join, so a re-run does only what is new. Every
failure is an `errors` row: a missing input, a file over the size limit, a damaged WARC, a
document extraction could not read. Only DataFrame calls are used, so Spark Connect runs it too.
"""

from __future__ import annotations

import glob
import logging
import os
import time
import uuid
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pyarrow as pa

from .. import corpus
from ..options import Options
from ..workflow import pipeline_key
from . import partitions
from .partitions import Job

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

log = logging.getLogger(__name__)

_SPARK_TYPES = {pa.string(): "STRING", pa.int32(): "INT", pa.int64(): "BIGINT", pa.float64(): "DOUBLE",
                pa.binary(): "BINARY", pa.list_(pa.int32()): "ARRAY<INT>"}


def ddl(schema: pa.Schema) -> str:
    """An Arrow schema as the DDL string mapInArrow takes."""
    return ", ".join(f"`{f.name}` {_SPARK_TYPES[f.type]}" for f in schema)


@dataclass
class ExtractReport:
    run: str
    out: str
    pipeline: str
    rows: dict[str, int] = field(default_factory=dict)  # table -> rows this run wrote
    seconds: float = 0.0
    errors: list[dict[str, str]] = field(default_factory=list)  # the first few, for people

    def to_json(self) -> dict[str, Any]:
        return {"run": self.run, "out": self.out, "pipeline": self.pipeline, "seconds": self.seconds,
                **{t: self.rows.get(t, 0) for t in corpus.TABLES}, "first_errors": self.errors}


def _remote(path: str) -> bool:
    return urlsplit(path).scheme not in ("", "file") and not (len(path) > 1 and path[1] == ":")  # C:\ is local


def read_lists(spark: SparkSession, lists: list[str], prefix: str = "") -> list[str]:
    """The paths listed one per line in these files (blank lines and # comments skipped)."""
    out: list[str] = []
    for name in lists:
        if _remote(name):
            lines = [r[0] for r in spark.read.text(name).collect()]
        else:
            with open(name, encoding="utf-8") as fh:
                lines = fh.read().splitlines()
        out += [prefix + s.strip() for s in lines if s.strip() and not s.lstrip().startswith("#")]
    return out


def check_local(paths: list[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """Local inputs made absolute (every executor of a local session sees the same files), and
    those that name nothing; remote ones are left for Spark to find."""
    found: list[str] = []
    missing: list[tuple[str, str]] = []
    for p in paths:
        if _remote(p):
            found.append(p)
        elif any(ch in p for ch in "*?[") and not os.path.exists(p):
            if glob.glob(p, recursive=True):
                found.append(os.path.abspath(p))
            else:
                missing.append((p, "no file matches this pattern"))
        elif os.path.exists(p):
            found.append(os.path.abspath(p))
        else:
            missing.append((p, "no such file or folder"))
    return found, missing


def _files(spark: SparkSession, paths: list[str]) -> tuple[DataFrame | None, list[tuple[str, str]]]:
    """Spark's binaryFile source over the paths; a path Spark cannot find is a failure of its
    own (probed one at a time only when the whole list does not load)."""
    reader = spark.read.format("binaryFile").option("recursiveFileLookup", "true")
    if not paths:
        return None, []
    try:
        df = reader.load(paths)
        df.schema  # noqa: B018 -- analysis happens here, on a classic session and on Connect alike
        return df, []
    except Exception as exc:
        if len(paths) == 1:
            return None, [(paths[0], f"Spark cannot read it ({str(exc).splitlines()[0][:200]})")]
    good: list[str] = []
    bad: list[tuple[str, str]] = []
    for p in paths:
        _, failed = _files(spark, [p])
        (bad.extend(failed) if failed else good.append(p))
    return (reader.load(good) if good else None), bad


def extract(spark: SparkSession, inputs: list[str], out: str, options: Options, lists: list[str] | None = None,
            prefix: str = "", repartition: int | None = None) -> ExtractReport:
    """Extract every document the inputs hold and append the rows to the corpus at `out`."""
    from pyspark.sql import functions as F

    t0 = time.perf_counter()
    job = Job(options=options, pipeline=pipeline_key(options), run=uuid.uuid4().hex[:16])
    paths, missing = check_local(inputs + read_lists(spark, lists or [], prefix))
    files, unreadable = _files(spark, paths)
    failed = [corpus.error_row(p, reason, "read", job.pipeline, job.run) for p, reason in missing + unreadable]
    parts: list[DataFrame] = []
    if failed:
        parts.append(spark.createDataFrame(pa.Table.from_pylist(failed, schema=corpus.SCHEMA)))
    if files is not None:
        limit = options.limits.max_bytes
        # binaryFile checks the length before it reads a file: one over the limit is never read.
        too_big = files.where(F.col("length") > limit).select("path", "length")
        parts.append(too_big.mapInArrow(partial(partitions.failed_files, job=job,
                                                reason=f"file is {{size:,}} bytes, over the limit of {limit:,}"),
                                        ddl(corpus.SCHEMA)))
        docs = files.where(F.col("length") <= limit).select(*partitions.FILE_COLUMNS).mapInArrow(
            partial(partitions.unpack, job=job), ddl(partitions.DOCUMENTS))
        done = _written(spark, out, job.pipeline)
        if done is not None:
            docs = docs.join(done, on="sha256", how="left_anti")  # an error row (no SHA-256) is kept
        if repartition:
            docs = docs.repartition(repartition)
        parts.append(docs.mapInArrow(partial(partitions.extract, job=job), ddl(corpus.SCHEMA)))
    if not parts:
        return ExtractReport(job.run, out, job.pipeline)
    rows = parts[0]
    for p in parts[1:]:
        rows = rows.unionByName(p)
    rows.write.partitionBy(corpus.PARTITION).mode("append").parquet(out)
    report = _report(spark, out, job)
    report.seconds = round(time.perf_counter() - t0, 2)
    return report


def _written(spark: SparkSession, out: str, pipeline: str) -> DataFrame | None:
    """SHA-256 of the documents the corpus already holds from this pipeline, or None for a new folder."""
    from pyspark.sql import functions as F

    written = f"{out.rstrip('/')}/{corpus.PARTITION}=documents"
    if not _remote(out) and not os.path.isdir(written):
        return None
    try:
        docs = spark.read.parquet(written)
        docs.schema  # noqa: B018
    except Exception:  # no such folder yet: nothing to skip
        return None
    return docs.where(F.col("pipeline") == pipeline).select(F.col("document").alias("sha256")).distinct()


def _report(spark: SparkSession, out: str, job: Job) -> ExtractReport:
    from pyspark.sql import functions as F

    written = spark.read.parquet(out).where(F.col("run") == job.run)
    counts = {r[corpus.PARTITION]: int(r["count"]) for r in written.groupBy(corpus.PARTITION).count().collect()}
    errors = [{"input": r["input"], "reason": r["reason"], "stage": r["stage"]}
              for r in written.where(F.col(corpus.PARTITION) == "errors").select("input", "reason", "stage")
              .limit(20).collect()]
    return ExtractReport(job.run, out, job.pipeline, rows=counts, errors=errors)
