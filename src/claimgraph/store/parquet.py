"""A Parquet corpus (corpus.py) read through DuckDB, for corpora that do not fit one SQLite file.

`ParquetCorpus` offers the typed loads `Derived` offers resolve (documents, entity rows, claim
rows, judgements, publishers, labels), in the same shapes, so resolve's pure functions run over
it unchanged. DuckDB scans only the columns and partitions a query names. Row ids, which the
Parquet files do not have, are numbered here in (SHA-256, local id) order; a document extracted
by two runs or pipelines is read once (the newest pipeline key in sort order, then run).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..errors import StoreError
from ..resolution import ClaimRow, DocumentRow, EntityRow

log = logging.getLogger(__name__)

# One row per document: the pipeline kept for each, and the ids everything else joins on.
_DOCS = """
CREATE TEMP VIEW docs AS
SELECT row_number() OVER (ORDER BY document) AS id, document AS sha256, pipeline, run, text AS title, publisher,
       published,
       attributed_to AS author, clean_text AS text
FROM read_parquet({documents}, union_by_name = true)
QUALIFY row_number() OVER (PARTITION BY document ORDER BY pipeline DESC, run DESC) = 1
"""
_FACTS = """
CREATE TEMP VIEW {name} AS
SELECT row_number() OVER (ORDER BY f.document, f.id) AS row_id, d.id AS document_id, f.*
FROM (SELECT * FROM read_parquet({files}, union_by_name = true)
      QUALIFY row_number() OVER (PARTITION BY document, pipeline, id ORDER BY run DESC) = 1) f
JOIN docs d ON d.sha256 = f.document AND d.pipeline = f.pipeline
"""


class ParquetCorpus:
    """A corpus folder, opened read-only in an in-memory DuckDB."""

    def __init__(self, folder: str | Path, labels: dict[str, list[str]] | None = None,
                 memory_limit: str | None = None) -> None:
        import duckdb

        self.path = str(folder)
        self._labels = labels or {}
        root = Path(folder)
        tables = {t: sorted(str(p) for p in (root / f"table={t}").glob("*.parquet"))
                  for t in ("documents", "entities", "claims")}
        if not root.is_dir():
            raise StoreError(f"{self.path}: no such folder")
        if not tables["documents"]:
            raise StoreError(f"{self.path}: not a claimgraph Parquet corpus (no table=documents/*.parquet)")
        self._db = duckdb.connect()
        if memory_limit:
            self._db.execute(f"SET memory_limit = '{memory_limit}'")
        self._db.execute(_DOCS.format(documents=_list(tables["documents"])))
        for name in ("entities", "claims"):
            if tables[name]:
                self._db.execute(_FACTS.format(name=name, files=_list(tables[name])))
            else:  # a corpus with no entity (or claim) at all
                self._db.execute(f"CREATE TEMP VIEW {name} AS SELECT NULL::BIGINT AS row_id, NULL::BIGINT AS document_id,"
                                 " NULL::VARCHAR AS id, NULL::VARCHAR AS data, NULL::VARCHAR AS document WHERE false")

    def _query(self, sql: str, args: Iterable[Any] = ()) -> Iterator[dict[str, Any]]:
        cur = self._db.execute(sql, list(args))
        names = [d[0] for d in cur.description]
        while batch := cur.fetchmany(5000):
            for r in batch:
                yield dict(zip(names, r, strict=True))

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> ParquetCorpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- what resolve reads (Derived's typed loads, same shapes) ----------------------------

    def documents_for_resolve(self) -> list[DocumentRow]:
        return list(self._query("SELECT id, sha256, title, author, publisher, published, coalesce(text, '') AS text"
                                " FROM docs ORDER BY id"))  # type: ignore[arg-type]

    def entity_rows(self) -> list[EntityRow]:
        out: list[EntityRow] = []
        for r in self._query("SELECT row_id, document_id, id, data FROM entities ORDER BY row_id"):
            e = json.loads(r["data"])
            out.append({"id": r["row_id"], "document_id": r["document_id"], "local_id": r["id"], "name": e["name"],
                        "type": e["type"], "aliases": e.get("aliases") or [], "roles": e.get("roles") or [],
                        "n_mentions": len(e.get("mentions") or [])})
        return out

    def claim_rows(self) -> list[ClaimRow]:
        out: list[ClaimRow] = []
        for r in self._query("SELECT c.row_id, c.document_id, c.id, c.data, d.sha256, d.publisher, d.title,"
                             " d.published FROM claims c JOIN docs d ON d.id = c.document_id ORDER BY c.row_id"):
            c = json.loads(r["data"])
            cm = c.get("claimant") or {}
            start, end = c["span"]
            out.append({
                "id": r["row_id"], "document_id": r["document_id"], "local_id": r["id"], "sha256": r["sha256"],
                "kind": c["kind"], "text": c["text"], "start": start, "end": end, "value": c.get("value"),
                "low": c.get("low"), "high": c.get("high"), "qualifier": c.get("qualifier"), "bound": c.get("bound"),
                "unit": c.get("unit"), "number_text": c.get("number_text"), "counted": c.get("counted"),
                "event": c.get("event"), "time": c.get("time"), "place": c.get("place"),
                "claimant_name": cm.get("name"), "claimant_entity": cm.get("entity"),
                "claimant_basis": cm.get("basis"), "publisher": r["publisher"], "title": r["title"],
                "published": r["published"], "claim": c})
        return out

    def judgements(self, kind: str = "entity") -> dict[tuple[str, str], str]:
        return {}  # people's decisions live in a store, never in an extraction corpus

    def publisher_names(self) -> list[str]:
        return [r["publisher"] for r in self._query("SELECT DISTINCT publisher FROM docs WHERE publisher IS NOT NULL"
                                                    " ORDER BY publisher")]

    def labels(self) -> dict[str, list[str]]:
        """Publisher labels given with the corpus (a labels file): nothing in code assigns them."""
        return self._labels

    def count_documents(self) -> int:
        return int(next(self._query("SELECT count(*) AS n FROM docs"))["n"])


def _list(paths: list[str]) -> str:
    """A list of files as a DuckDB literal (the paths are ours, from a glob, but quote anyway)."""
    return "[" + ", ".join("'" + p.replace("'", "''") + "'" for p in paths) + "]"
