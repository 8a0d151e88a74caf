"""resolve: across documents — one entity under all its names, one group per claimed quantity,
independent sources and contradictions.

This module's functions are the contract the faces (CLI, web, report) call. Shapes:

global entity (entities()/entity()):
  {"id": int, "name": str, "type": str, "aliases": [str], "roles": [str], "n_documents": int,
   "n_mentions": int,
   "documents": [{"id", "sha256", "title", "publisher", "published", "local_id"}],   # entity() only
   "quotes_by": [quote rows as Store.quotes() returns them],                      # entity() only
   "quotes_about": [quote rows that mention the entity but are spoken by others],  # entity() only
   "merges": [{"id": int, "name_a", "name_b", "score": float, "evidence": str,
               "status": "auto"|"confirmed"|"rejected"}]}                        # entity() only

claim group (claim_groups()/claim_group()): the issue's public JSON contract
  {"id", "label", "counted", "event", "time", "place", "contradiction": bool, "independent_sources": n,
   "contradictions": [{"a": value index, "b": value index, "why": str}],
   "values": [{"low", "high", "qualifier", "claimants": [...], "documents": [sha256...], "independent_sources": n,
               "labels": {label: n}}],
   "claims": [{"id", "document", "document_id", "publisher", "claimant", "text", "low", "high", "qualifier",
               "span": [start, end]}]}
  Extensions: group "event_class", "n_documents", "labels" ({label: {"values": [i], "low", "high"}}: the
  spread of values by publisher label); value "text" (as people read it), "range" ([lo, hi|null], after
  tolerances), "exact", "partial", "publishers", "sources" (the keys counted as independent), "n_claims";
  claim "value" (index into values), "local_id", "title", "published", "basis", "source", "origin",
  "number_text". Ids of entities, merges and groups are kept across resolves (by name keys and a
  group's first claim); claim_groups() is ordered most independently sourced first.

publisher (publishers()): {"publisher": str, "labels": [str], "n_documents": int}

merge (merges()): {"id", "global_id", "name_a", "name_b", "key_a", "key_b", "score", "evidence", "status"}
"""

from __future__ import annotations

import json
from typing import Any

from ..errors import NotFound
from ..store import Store
from . import build, judgements, labels
from .entities import node_key


def resolve_all(store: Store) -> dict[str, Any]:
    """Recompute cross-document entities and claim groups from what is stored; keeps judgements."""
    return build.resolve_all(store.conn)


def _resolved(store: Store) -> None:
    """Resolve once on first use of a store that has claims or entities but no resolution yet.
    A read-only store cannot keep the result, so it is not computed there (it would be redone on
    every read): `claimgraph resolve`, ingest and reprocess keep it."""
    if store.readonly:
        return
    c = store.conn
    outdated = "rank" not in {r[1] for r in c.execute("PRAGMA table_info(claim_groups)")}
    empty = c.execute("SELECT 1 FROM global_entities LIMIT 1").fetchone() is None
    has_input = bool(c.execute("SELECT 1 FROM entities LIMIT 1").fetchone()
                     or c.execute("SELECT 1 FROM claims LIMIT 1").fetchone())
    if outdated or (empty and has_input):
        try:
            resolve_all(store)
        except Exception as exc:  # a read-only store: report that nothing is resolved yet
            if "readonly" not in str(exc).lower():
                raise


def _entity_row(r: Any) -> dict[str, Any]:
    d = dict(r)
    d["aliases"] = json.loads(d["aliases"])
    d["roles"] = json.loads(d["roles"])
    d.pop("key", None)
    return d


def entities(store: Store, q: str | None = None, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    _resolved(store)
    where = ""
    args_q: tuple[str, ...] = ()
    if q:
        where, args_q = "WHERE name LIKE ? OR aliases LIKE ?", (f"%{q}%", f"%{q}%")
    rows = store.conn.execute(
        f"SELECT * FROM global_entities {where} ORDER BY n_documents DESC, n_mentions DESC, name LIMIT ? OFFSET ?",
        (*args_q, limit, offset))
    return [_entity_row(r) for r in rows]


def entity(store: Store, entity_id: int) -> dict[str, Any]:
    _resolved(store)
    c = store.conn
    row = c.execute("SELECT * FROM global_entities WHERE id = ?", (entity_id,)).fetchone()
    if row is None:
        raise NotFound(f"no entity {entity_id}")
    out = _entity_row(row)
    members = [dict(r) for r in c.execute(
        "SELECT e.id, e.document_id, e.local_id, e.name, e.type, d.sha256, d.title, d.publisher, d.published"
        " FROM entity_members m JOIN entities e ON e.id = m.entity_id JOIN documents d ON d.id = e.document_id"
        " WHERE m.global_id = ? ORDER BY d.id", (entity_id,))]
    out["documents"] = [{"id": m["document_id"], "sha256": m["sha256"], "title": m["title"],
                         "publisher": m["publisher"], "published": m["published"], "local_id": m["local_id"]}
                        for m in members]
    local = {(m["document_id"], m["local_id"]) for m in members}
    names = {node_key(n, t) for n in [out["name"], *out["aliases"]] for t in ("PERSON", "ORG")}
    spans: dict[int, list[tuple[int, int]]] = {}
    for m in members:
        spans.setdefault(m["document_id"], []).extend(
            (a, b) for a, b in c.execute("SELECT start, end FROM mentions WHERE entity_id = ?", (m["id"],)))
    quotes_by, quotes_about = [], []
    for doc_id in sorted(spans):
        for q in store.quotes(document_id=doc_id, limit=10_000):
            spoken = (doc_id, q.get("speaker_entity")) in local or (
                q.get("speaker_name") and node_key(q["speaker_name"], out["type"]) in names)
            if spoken:
                quotes_by.append(q)
            elif any(a < q["end"] and q["start"] < b for a, b in spans[doc_id]):
                quotes_about.append(q)
    out["quotes_by"], out["quotes_about"] = quotes_by, quotes_about
    keys = {node_key(m["name"], m["type"]) for m in members}
    out["merges"] = [dict(r) for r in c.execute(
        "SELECT id, name_a, name_b, score, evidence, status FROM entity_merges WHERE global_id = ?"
        " UNION SELECT id, name_a, name_b, score, evidence, status FROM entity_merges"
        f" WHERE status = 'rejected' AND (key_a IN ({','.join('?' * len(keys))}) OR key_b IN"
        f" ({','.join('?' * len(keys))})) ORDER BY score DESC", (entity_id, *keys, *keys))] if keys else []
    return out


def merges(store: Store, status: str | None = None, limit: int = 200, offset: int = 0) -> list[dict[str, Any]]:
    _resolved(store)
    where, args = ("WHERE status = ?", (status,)) if status else ("", ())
    return [dict(r) for r in store.conn.execute(
        f"SELECT id, global_id, name_a, name_b, key_a, key_b, score, evidence, status FROM entity_merges {where}"
        " ORDER BY score ASC, id LIMIT ? OFFSET ?", (*args, limit, offset))]


def judge(store: Store, merge_id: int, decision: str, note: str | None = None) -> tuple[str, str] | None:
    """Record a user's decision on a merge: confirm, reject (split the names apart). Returns the
    two names the merge joined."""
    row = store.conn.execute("SELECT name_a, name_b FROM entity_merges WHERE id = ?", (merge_id,)).fetchone()
    key_a, key_b = judgements.merge_keys(store.conn, merge_id)
    judgements.record(store.conn, key_a, key_b, decision, note)
    store.commit()
    resolve_all(store)  # the decision changes the entities, and with them who counts as one source
    return (row[0], row[1]) if row else None


def claim_groups(store: Store, limit: int = 100, offset: int = 0, min_claims: int = 1) -> list[dict[str, Any]]:
    _resolved(store)
    rows = store.conn.execute(
        "SELECT data FROM claim_groups WHERE n_claims >= ? ORDER BY rank LIMIT ? OFFSET ?", (min_claims, limit, offset))
    return [json.loads(r[0]) for r in rows]


def claim_group(store: Store, group_id: int) -> dict[str, Any]:
    _resolved(store)
    row = store.conn.execute("SELECT data FROM claim_groups WHERE id = ?", (group_id,)).fetchone()
    if row is None:
        raise NotFound(f"no claim group {group_id}")
    return dict(json.loads(row[0]))


def publishers(store: Store) -> list[dict[str, Any]]:
    labs = labels.all_labels(store.conn)
    counts = {r[0]: r[1] for r in store.conn.execute(
        "SELECT publisher, count(*) FROM documents WHERE publisher IS NOT NULL GROUP BY publisher")}
    names = sorted(set(counts) | set(labs), key=lambda p: (-counts.get(p, 0), p))
    return [{"publisher": p, "labels": labs.get(p, []), "n_documents": counts.get(p, 0)} for p in names]


def label_publisher(store: Store, publisher: str, label: str, remove: bool = False) -> None:
    labels.set_label(store.conn, publisher, label, remove=remove)
    store.commit()
    _refresh_labels(store)


def load_labels(store: Store, path: str) -> int:
    n = labels.load_file(store.conn, path)
    store.commit()
    _refresh_labels(store)
    return n


def _refresh_labels(store: Store) -> None:
    # Labels feed each group's spread by label; groups already resolved are recomputed.
    if store.conn.execute("SELECT 1 FROM claim_groups LIMIT 1").fetchone():
        resolve_all(store)
