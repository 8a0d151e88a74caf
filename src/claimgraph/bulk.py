"""Workflows over a Parquet corpus (corpus.py), the folder `claimgraph spark extract` writes:
load it into a store, or resolve it with DuckDB where it does not fit one SQLite file.

`load` stores each document exactly as `ingest` would have (the unaltered original, where it
was found, the extraction, its steps) without extracting again, then resolves. `resolve_parquet`
runs the same full resolve as the store's (resolving.compute_full) over the corpus's typed loads
and writes the groups and entities as Parquet beside it.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from . import corpus, labelfiles, resolving
from .errors import InputError
from .resolution import ResolveStats
from .store import Store
from .store.parquet import ParquetCorpus
from .workflow import Progress

log = logging.getLogger(__name__)
BATCH = 64  # documents rows read at a time: each holds an original, so memory stays small


@dataclass
class LoadReport:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    new_locations: int = 0
    errors: int = 0  # errors rows of the corpus recorded in the store
    documents: list[int] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"new": self.new, "updated": self.updated, "unchanged": self.unchanged,
                "new_locations": self.new_locations, "errors": self.errors, "documents": self.documents}


def _table(folder: str | Path, table: str) -> ds.Dataset | None:
    path = Path(folder) / f"{corpus.PARTITION}={table}"
    files = sorted(str(p) for p in path.glob("*.parquet"))
    return ds.dataset(files, format="parquet") if files else None


def _rows(dataset: ds.Dataset, columns: list[str]) -> Iterator[dict[str, Any]]:
    for batch in dataset.to_batches(columns=columns, batch_size=BATCH):
        yield from batch.to_pylist()


def check_corpus(folder: str | Path) -> None:
    if not Path(folder).is_dir():
        raise InputError(str(folder), "no such folder")
    if _table(folder, "documents") is None and _table(folder, "errors") is None:
        raise InputError(str(folder), f"not a claimgraph Parquet corpus (no {corpus.PARTITION}=documents/*.parquet)")


def count_documents(folder: str | Path) -> int:
    docs = _table(folder, "documents")
    return docs.count_rows() if docs is not None else 0


def _kept_versions(docs: ds.Dataset) -> dict[str, tuple[str, str]]:
    """The (pipeline, run) whose row is kept for each document extracted more than once (by a
    newer claimgraph or other options): the greatest, as store/parquet.py keeps it for resolve."""
    kept: dict[str, tuple[str, str]] = {}
    for r in _rows(docs, ["document", "pipeline", "run"]):
        version = (r["pipeline"] or "", r["run"] or "")
        if version > kept.get(r["document"], ("", "")):
            kept[r["document"]] = version
    return kept


def load(store: Store, folder: str | Path, progress: Progress | None = None) -> LoadReport:
    """Store every document of the corpus (the same bytes once, every place they were found),
    record its errors, and resolve."""
    check_corpus(folder)
    report = LoadReport()
    resolving.resolve(store)  # what an interrupted run left pending
    docs = _table(folder, "documents")
    if docs is not None:
        kept = _kept_versions(docs)
        columns = ["document", "pipeline", "run", *(f.name for f in corpus.DOCUMENT_FIELDS)]
        for row in _rows(docs, columns):
            if (row["pipeline"] or "", row["run"] or "") != kept[row["document"]]:
                continue
            stored = corpus.stored_document(row)
            sha, loc = row["document"], stored.source.location
            if store.is_current(sha, stored.pipeline):
                report.unchanged += 1
                report.new_locations += store.add_location(sha, loc)
            else:
                known = store.has_original(sha)
                store.put_original(stored.source, sha)
                report.documents.append(store.save_extraction(stored.extraction, stored.pipeline))
                report.updated += known
                report.new += not known
            store.commit()
            if progress:
                progress(stored.source.name)
    errors = _table(folder, "errors")
    if errors is not None:
        for e in _rows(errors, ["input", "reason", "stage"]):
            if not store.has_error(e["input"], e["reason"]):  # loading twice records a failure once
                store.record_error(e["input"], e["reason"], e["stage"] or "extract")
                report.errors += 1
        store.commit()
    log.info("loaded %d new and %d updated documents from %s", report.new, report.updated, folder)
    resolving.resolve(store)
    return report


GROUPS = pa.schema([
    pa.field("key", pa.string()), pa.field("label", pa.string()), pa.field("counted", pa.string()),
    pa.field("event", pa.string()), pa.field("time", pa.string()), pa.field("place", pa.string()),
    pa.field("contradiction", pa.bool_()), pa.field("independent_sources", pa.int32()),
    pa.field("n_claims", pa.int32()),
    pa.field("claims", pa.list_(pa.string())),  # "SHA-256:claim id" of every member
    pa.field("data", pa.string()),  # the group in the public JSON shape (ids are this run's)
])
ENTITIES = pa.schema([
    pa.field("key", pa.string()), pa.field("name", pa.string()), pa.field("type", pa.string()),
    pa.field("aliases", pa.list_(pa.string())), pa.field("roles", pa.list_(pa.string())),
    pa.field("n_documents", pa.int32()), pa.field("n_mentions", pa.int32()),
])


def resolve_parquet(folder: str | Path, out: str | Path | None = None, labels_file: str | None = None,
                    memory_limit: str | None = None) -> ResolveStats:
    """Resolve the whole corpus (DuckDB reads it) and write `groups.parquet` and
    `entities.parquet` to `out` (default: the corpus's `resolved/` folder)."""
    check_corpus(folder)
    target = Path(out) if out else Path(folder) / "resolved"
    labels = dict[str, list[str]]()
    for publisher, label in labelfiles.parse_file(labels_file) if labels_file else []:
        labels.setdefault(publisher, []).append(label)
    with ParquetCorpus(folder, labels=labels, memory_limit=memory_limit) as source:
        full = resolving.compute_full(source)
    key_of = {f.row["id"]: f"{f.row['sha256']}:{f.row['local_id']}" for f in full.features}
    target.mkdir(parents=True, exist_ok=True)
    groups = [{"key": g.key, "label": g.data["label"], "counted": g.data.get("counted"), "event": g.data.get("event"),
               "time": g.data.get("time"), "place": g.data.get("place"), "contradiction": bool(g.data["contradiction"]),
               "independent_sources": g.data["independent_sources"], "n_claims": len(g.claims),
               "claims": [key_of[c] for c in g.claims], "data": json.dumps(g.data, ensure_ascii=False)}
              for g in full.groups]
    pq.write_table(pa.Table.from_pylist(groups, schema=GROUPS), target / "groups.parquet", compression="zstd")
    entities = [{k: v for k, v in e.entity.items() if k in ENTITIES.names} for c in full.entities.components
                for e in c.entities]
    pq.write_table(pa.Table.from_pylist(entities, schema=ENTITIES), target / "entities.parquet", compression="zstd")
    log.info("resolved %s: %d groups, %d entities -> %s", folder, len(groups), len(entities), target)
    return full.stats
