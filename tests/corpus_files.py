"""Inputs for the Parquet corpus tests (texts written for them), and a corpus folder written the
way the Spark job writes it, without Spark: the same worker functions over Arrow batches, then
one partitioned Parquet write."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from claimgraph import corpus
from claimgraph.options import Options
from claimgraph.spark import partitions
from claimgraph.workflow import extract_paths, pipeline_key
from conftest import HTML_PARAS, NEWS, html_page, make_warc

FLOOD = ("The river authority said on Friday that 212 homes had been flooded in Karst Valley.\n\n"
         "\u201cThe water rose faster than any model predicted,\u201d said engineer Tomas Varga.\n")
FLOOD_AGAIN = ("Karst Valley residents said about 250 homes were under water after the river burst its banks.\n\n"
               "Engineer Tomas Varga told the council that the barrier had failed in two places.\n")


def write_inputs(folder: Path) -> Path:
    """A handful of documents: two texts, an HTML page, a WARC holding a page, and a broken PDF."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "bus.txt").write_text(NEWS, encoding="utf-8")
    (folder / "flood.txt").write_text(FLOOD, encoding="utf-8")
    (folder / "flood-2.txt").write_text(FLOOD_AGAIN, encoding="utf-8")
    (folder / "barrier.html").write_text(html_page("County approves barrier", HTML_PARAS), encoding="utf-8")
    page = html_page("Levees", [HTML_PARAS[2], HTML_PARAS[0]], site="River News")
    (folder / "crawl.warc.gz").write_bytes(make_warc([("https://river-news.example/levees",
                                                        "2024-03-01T10:00:00Z", page)], gz=True))
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj <<\n")
    return folder


def expected(paths: list[str], options: Options | None = None) -> tuple[dict[str, Any], dict[str, str]]:
    """What `claimgraph extract` gives for the inputs: extraction JSON and failures, by name."""
    docs: dict[str, Any] = {}
    failed: dict[str, str] = {}
    for name, result in extract_paths(paths, options or Options()):
        if isinstance(result, Exception):
            failed[name] = result.reason
        else:
            docs[name] = result.to_json()
    return docs, failed


def write_corpus(files: list[Path], out: Path, run: str = "test-run", options: Options | None = None) -> None:
    """The corpus the Spark job writes for these files, made by its worker functions alone."""
    opts = options or Options()
    job = partitions.Job(opts, pipeline_key(opts), run)
    batch = pa.RecordBatch.from_pylist([{"path": f"file:{f}", "content": f.read_bytes()} for f in files])
    docs = list(partitions.unpack(iter([batch]), job))
    rows = pa.Table.from_batches(list(partitions.extract(iter(docs), job)), schema=corpus.SCHEMA)
    pq.write_to_dataset(rows, out, partition_cols=[corpus.PARTITION])


def table(out: Path, name: str) -> list[dict[str, Any]]:
    files = sorted((out / f"{corpus.PARTITION}={name}").glob("*.parquet"))
    return [r for f in files for r in pq.read_table(f).to_pylist()]


def extractions(out: Path) -> dict[str, Any]:
    """The extraction JSON of every documents row, by input name."""
    return {r["source"]: json.loads(r["extraction"]) for r in table(out, "documents")}
