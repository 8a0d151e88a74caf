"""What resolve reads from the store and what it gives back: typed loads of its inputs, the
block and component indexes an update looks new documents up in, and the writes of its results
(each in one short transaction that also clears the pending work it finished)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..errors import ClaimgraphError
from ..folding import name_key
from ..resolution import (
    ClaimGroup,
    ClaimRow,
    DocumentRow,
    EntityComponent,
    EntityRow,
    Origin,
    group_summary,
)
from .database import Database

CHUNK = 500  # ids per IN (...) list: SQLite's limit on variables is 32,766, kept well below


class Stale(ClaimgraphError):
    """Documents changed while resolve computed: its result is dropped and computed again."""


@dataclass
class PendingWork:
    """What resolve owes the derived tables (resolve_pending), as read at one moment."""

    rows: list[tuple[str, str]] = field(default_factory=list)
    generation: int = 0

    def refs(self, kind: str) -> set[str]:
        return {ref for k, ref in self.rows if k == kind}

    def ids(self, kind: str) -> set[int]:
        return {int(ref) for ref in self.refs(kind)}

    @property
    def full(self) -> bool:
        return any(k == "full" for k, _ in self.rows)


def _chunks(ids: Iterable[Any]) -> Iterable[list[Any]]:
    items = list(ids)
    for i in range(0, len(items), CHUNK):
        yield items[i:i + CHUNK]


def _marks(items: Sequence[Any]) -> str:
    return ",".join("?" * len(items))


def _claim_row(r: dict[str, Any]) -> ClaimRow:
    r["claim"] = json.loads(r.pop("data") or "{}")
    return r  # type: ignore[return-value]


def _entity_row(r: dict[str, Any]) -> EntityRow:
    r["aliases"] = json.loads(r["aliases"])
    r["roles"] = json.loads(r["roles"])
    return r  # type: ignore[return-value]


_CLAIM_SELECT = ("SELECT c.id, c.document_id, c.local_id, c.kind, c.text, c.start, c.end, c.value, c.low, c.high,"
                 " c.qualifier, c.bound, c.unit, c.number_text, c.counted, c.event, c.time, c.place, c.claimant_name,"
                 " c.claimant_entity, c.claimant_basis, c.data, d.sha256, d.publisher, d.title, d.published"
                 " FROM claims c JOIN documents d ON d.id = c.document_id")
_ENTITY_SELECT = "SELECT e.id, e.document_id, e.local_id, e.name, e.type, e.aliases, e.roles, e.n_mentions FROM entities e"
_DOC_SELECT = "SELECT id, sha256, title, author, publisher, published, text FROM documents"


class Derived:
    """Resolve's inputs and outputs."""

    db: Database

    def _rows_in(self, sql: str, items: Iterable[Any]) -> list[dict[str, Any]]:
        """Rows of `sql`, whose `{marks}` is an IN (...) list, for all items (in chunks)."""
        out: list[dict[str, Any]] = []
        for chunk in _chunks(sorted(set(items))):
            out += self.db.query(sql.format(marks=_marks(chunk)), chunk)
        return out

    # -- pending work ----------------------------------------------------------------------

    def pending(self) -> PendingWork:
        rows = [(r["kind"], r["ref"]) for r in self.db.query("SELECT kind, ref FROM resolve_pending")]
        return PendingWork(rows=rows, generation=self.generation())

    def generation(self) -> int:
        """How many document writes the store has seen: a change while resolve computed means stale."""
        return int(self.db.value("SELECT value FROM meta WHERE key = 'generation'") or 0)

    def mark_pending(self, kind: str, refs: Iterable[str]) -> None:
        self.db.executemany("INSERT OR IGNORE INTO resolve_pending(kind, ref) VALUES (?, ?)", [(kind, r) for r in refs])

    def _finish(self, work: PendingWork) -> None:
        """Inside the writing transaction: check nothing changed since work was read, and clear it."""
        if self.generation() != work.generation:
            raise Stale("documents changed while resolving")
        self.db.executemany("DELETE FROM resolve_pending WHERE kind = ? AND ref = ?", work.rows)

    # -- inputs ----------------------------------------------------------------------------

    def documents_for_resolve(self, ids: Iterable[int] | None = None) -> list[DocumentRow]:
        if ids is None:
            return self.db.query(f"{_DOC_SELECT} ORDER BY id")  # type: ignore[return-value]
        return self._rows_in(_DOC_SELECT + " WHERE id IN ({marks})", ids)  # type: ignore[return-value]

    def entity_rows(self, documents: Iterable[int] | None = None) -> list[EntityRow]:
        if documents is None:
            return [_entity_row(r) for r in self.db.iterate(f"{_ENTITY_SELECT} ORDER BY e.id")]
        return [_entity_row(r) for r in self._rows_in(_ENTITY_SELECT + " WHERE e.document_id IN ({marks})", documents)]

    def entity_rows_of_nodes(self, nodes: Iterable[str]) -> list[EntityRow]:
        """Rows already resolved into these nodes (by their keys)."""
        return [_entity_row(r) for r in self._rows_in(
            _ENTITY_SELECT + " JOIN entity_members m ON m.entity_id = e.id WHERE m.node IN ({marks})", nodes)]

    def entity_nodes_of_components(self, components: Iterable[int]) -> set[str]:
        return {r["key"] for r in self._rows_in("SELECT key FROM entity_nodes WHERE component IN ({marks})", components)}

    def entity_components_of_nodes(self, nodes: Iterable[str]) -> set[int]:
        return {r["component"] for r in self._rows_in("SELECT component FROM entity_nodes WHERE key IN ({marks})", nodes)}

    def entity_block_members(self, blocks: Iterable[str], cap: int) -> dict[str, list[tuple[str, int]]]:
        """block -> (node, component) for every node in it, for the blocks of at most `cap` nodes
        (bigger ones are not compared on: their members are never needed)."""
        out: dict[str, list[tuple[str, int]]] = {}
        for r in self._rows_in(
                "SELECT b.block, b.node, n.component FROM entity_blocks b JOIN entity_nodes n ON n.key = b.node"
                " WHERE b.block IN (SELECT block FROM entity_blocks WHERE block IN ({marks}) GROUP BY block"
                f" HAVING count(*) <= {int(cap)})", blocks):
            out.setdefault(r["block"], []).append((r["node"], r["component"]))
        return out

    def judgements(self, kind: str = "entity") -> dict[tuple[str, str], str]:
        return {(r["key_a"], r["key_b"]): r["decision"] for r in self.db.query(
            "SELECT key_a, key_b, decision FROM judgements WHERE kind = ?", (kind,))}

    def claim_rows(self, documents: Iterable[int] | None = None) -> list[ClaimRow]:
        if documents is None:
            return [_claim_row(r) for r in self.db.iterate(f"{_CLAIM_SELECT} ORDER BY c.id")]
        return [_claim_row(r) for r in self._rows_in(_CLAIM_SELECT + " WHERE c.document_id IN ({marks})", documents)]

    def claim_rows_by_id(self, ids: Iterable[int]) -> list[ClaimRow]:
        return [_claim_row(r) for r in self._rows_in(_CLAIM_SELECT + " WHERE c.id IN ({marks})", ids)]

    def claims_of_components(self, components: Iterable[int]) -> dict[int, dict[str, Any]]:
        """claim id -> its stored features, for every claim of these components."""
        return {r["claim_id"]: json.loads(r["data"]) for r in self._rows_in(
            "SELECT m.claim_id, f.data FROM claim_members m JOIN claim_features f ON f.claim_id = m.claim_id"
            " WHERE m.component IN ({marks})", components)}

    def claim_features(self, ids: Iterable[int]) -> dict[int, dict[str, Any]]:
        return {r["claim_id"]: json.loads(r["data"])
                for r in self._rows_in("SELECT claim_id, data FROM claim_features WHERE claim_id IN ({marks})", ids)}

    def claim_block_members(self, blocks: Iterable[str], cap: int) -> dict[str, list[tuple[int, int]]]:
        """block -> (claim id, component) for every claim in it, for the blocks of at most `cap`
        claims (bigger ones are not compared on: their members are never needed)."""
        out: dict[str, list[tuple[int, int]]] = {}
        for r in self._rows_in(
                "SELECT b.block, b.claim_id, m.component FROM claim_blocks b JOIN claim_members m"
                " ON m.claim_id = b.claim_id WHERE b.block IN (SELECT block FROM claim_blocks WHERE block IN ({marks})"
                f" GROUP BY block HAVING count(*) <= {int(cap)})", blocks):
            out.setdefault(r["block"], []).append((r["claim_id"], r["component"]))
        return out

    def claims_of_claimants(self, nodes: Iterable[str]) -> set[int]:
        return {r["claim_id"] for r in self._rows_in("SELECT claim_id FROM claim_claimants WHERE node IN ({marks})", nodes)}

    def claims_of_documents(self, documents: Iterable[int]) -> set[int]:
        return {r["id"] for r in self._rows_in("SELECT id FROM claims WHERE document_id IN ({marks})", documents)}

    def groups_of_claims(self, claims: Iterable[int]) -> dict[int, list[int]]:
        """group id -> every claim in it, for the groups these claims belong to."""
        groups: set[int] = set()
        for chunk in _chunks(sorted(set(claims))):
            groups.update(self.db.column(f"SELECT group_id FROM claim_members WHERE claim_id IN ({_marks(chunk)})",
                                         chunk))
        out: dict[int, list[int]] = {}
        for chunk in _chunks(sorted(groups)):
            for r in self.db.query(f"SELECT group_id, claim_id FROM claim_members WHERE group_id IN ({_marks(chunk)})",
                                   chunk):
                out.setdefault(r["group_id"], []).append(r["claim_id"])
        return out

    def claimant_lookup(self, rows: Iterable[ClaimRow]) -> tuple[dict[tuple[int, str], str], dict[str, str]]:
        """The global entity names claimants may be: by (document id, local entity id) for the
        entities these claims name, and by node key for any name that folds like a claimant's."""
        rows = list(rows)
        by_local: dict[tuple[int, str], str] = {}
        docs = sorted({r["document_id"] for r in rows if r.get("claimant_entity")})
        for chunk in _chunks(docs):
            for r in self.db.query(
                    "SELECT e.document_id, e.local_id, g.name FROM entities e JOIN entity_members m ON m.entity_id = e.id"
                    f" JOIN global_entities g ON g.id = m.global_id WHERE e.document_id IN ({_marks(chunk)})", chunk):
                by_local[(r["document_id"], r["local_id"])] = r["name"]
        keys = sorted({name_key(r["claimant_name"] or "", t) for r in rows if r.get("claimant_name")
                       for t in ("PERSON", "ORG")})
        by_node: dict[str, str] = {}
        for chunk in _chunks(keys):
            for r in self.db.query("SELECT n.key, g.name FROM entity_nodes n JOIN global_entities g ON g.id = n.global_id"
                                   f" WHERE n.key IN ({_marks(chunk)})", chunk):
                by_node[r["key"]] = r["name"]
        return by_local, by_node

    def claims_of_publishers(self, publishers: Iterable[str]) -> set[int]:
        return {r["id"] for r in self._rows_in("SELECT c.id FROM claims c JOIN documents d ON d.id = c.document_id"
                                               " WHERE d.publisher IN ({marks})", publishers)}

    def entity_block_outside(self, blocks: Iterable[str], components: Iterable[int]) -> dict[str, int]:
        """block -> how many of its nodes lie outside these components."""
        comps = sorted(set(components))
        out: dict[str, int] = {}
        for chunk in _chunks(sorted(set(blocks))):
            not_in = f"AND n.component NOT IN ({_marks(comps)})" if comps else ""
            for r in self.db.query("SELECT b.block, count(*) AS n FROM entity_blocks b JOIN entity_nodes n"
                                   f" ON n.key = b.node WHERE b.block IN ({_marks(chunk)}) {not_in} GROUP BY b.block",
                                   [*chunk, *comps]):
                out[r["block"]] = r["n"]
        return out

    def claim_block_outside(self, blocks: Iterable[str], components: Iterable[int]) -> dict[str, int]:
        """block -> how many of its claims lie outside these components."""
        comps = sorted(set(components))
        out: dict[str, int] = {}
        for chunk in _chunks(sorted(set(blocks))):
            not_in = f"AND m.component NOT IN ({_marks(comps)})" if comps else ""
            for r in self.db.query("SELECT b.block, count(*) AS n FROM claim_blocks b JOIN claim_members m"
                                   f" ON m.claim_id = b.claim_id WHERE b.block IN ({_marks(chunk)}) {not_in}"
                                   " GROUP BY b.block", [*chunk, *comps]):
                out[r["block"]] = r["n"]
        return out

    def origins_of(self, documents: Iterable[int]) -> dict[int, str]:
        return {r["document_id"]: r["origin"] for r in self._rows_in(
            "SELECT document_id, origin FROM document_origins WHERE document_id IN ({marks})", documents)}

    def copy_candidates(self, bands: Iterable[str]) -> set[int]:
        return {r["document_id"] for r in self._rows_in("SELECT document_id FROM copy_bands WHERE band IN ({marks})",
                                                         bands)}

    def copy_cluster_members(self, documents: Iterable[int], credits: Iterable[str] = ()) -> set[int]:
        """Every document in the copy clusters of these documents, or crediting these names."""
        clusters: set[str] = set()
        for chunk in _chunks(sorted(set(documents))):
            clusters.update(self.db.column(f"SELECT cluster FROM document_origins WHERE document_id IN ({_marks(chunk)})",
                                           chunk))
        for chunk in _chunks(sorted(set(credits))):
            clusters.update(self.db.column(f"SELECT cluster FROM document_origins WHERE credit IN ({_marks(chunk)})",
                                           chunk))
        out: set[int] = set(documents)
        for chunk in _chunks(sorted(clusters)):
            out.update(self.db.column(f"SELECT document_id FROM document_origins WHERE cluster IN ({_marks(chunk)})",
                                      chunk))
        return out

    def signatures(self, documents: Iterable[int]) -> dict[int, tuple[bytes, list[str]]]:
        out: dict[int, tuple[bytes, list[str]]] = {}
        for chunk in _chunks(sorted(set(documents))):
            for r in self.db.query("SELECT document_id, signature FROM document_origins"
                                   f" WHERE document_id IN ({_marks(chunk)})", chunk):
                out[r["document_id"]] = (bytes(r["signature"] or b""), [])
            for r in self.db.query(f"SELECT document_id, band FROM copy_bands WHERE document_id IN ({_marks(chunk)})",
                                   chunk):
                out.setdefault(r["document_id"], (b"", []))[1].append(r["band"])
        return out

    def new_publishers(self) -> set[str]:
        """Publishers no document had before the pending ones: a story crediting one of them
        may now come from a publisher in the store."""
        return {r["publisher"] for r in self.db.query(
            "SELECT DISTINCT d.publisher FROM resolve_pending p JOIN documents d ON d.id = CAST(p.ref AS INTEGER)"
            " WHERE p.kind = 'document' AND d.publisher IS NOT NULL AND NOT EXISTS (SELECT 1 FROM documents o"
            " WHERE o.publisher = d.publisher AND o.id NOT IN (SELECT CAST(ref AS INTEGER) FROM resolve_pending"
            " WHERE kind = 'document'))")}

    def publisher_names(self) -> list[str]:
        return [str(p) for p in self.db.column("SELECT DISTINCT publisher FROM documents WHERE publisher IS NOT NULL")]

    # -- writing ---------------------------------------------------------------------------

    def write_resolution(self, work: PendingWork, *, full: bool, entity_components: Sequence[int],
                         entities: list[EntityComponent], claim_components: Sequence[int], groups: list[ClaimGroup],
                         features: dict[int, dict[str, Any]], blocks: dict[int, list[str]],
                         claimants: dict[int, list[str]], regrouped: dict[int, ClaimGroup],
                         origins: list[Origin], entity_rows_resolved: Sequence[int]) -> None:
        """Replace the derived rows of the components recomputed (all of them when full) with
        these results, in one transaction that also clears `work`."""
        db = self.db
        with db.transaction():
            self._finish(work)
            self._write_entities(full, entity_components, entities, entity_rows_resolved)
            self._write_origins(full, origins)
            self._write_claims(full, claim_components, groups, features, blocks, claimants)
            for gid, g in regrouped.items():
                g.data["id"] = gid
                db.execute("UPDATE claim_groups SET label = ?, counted = ?, event = ?, time = ?, place = ?,"
                           " contradiction = ?, independent_sources = ?, n_claims = ?, data = ?, summary = ?"
                           " WHERE id = ?",
                           (*_group_columns(g)[2:], gid))

    def _write_entities(self, full: bool, components: Sequence[int], comps: list[EntityComponent],
                        rows: Sequence[int]) -> None:
        db = self.db
        where, args = ("", []) if full else (f"WHERE component IN ({_marks(components)})", list(components))
        old_g = {r["key"]: r["id"] for r in db.query(f"SELECT key, id FROM global_entities {where}", args)}
        old_m = {(r["key_a"], r["key_b"]): r["id"] for r in db.query(f"SELECT key_a, key_b, id FROM entity_merges {where}",
                                                                       args)}
        if full:
            for table in ("entity_blocks", "entity_nodes", "entity_merges", "entity_members", "global_entities"):
                db.execute(f"DELETE FROM {table}")
        else:
            old_nodes = db.column(f"SELECT key FROM entity_nodes {where}", args)
            new_nodes = [k for c in comps for k in c.nodes]
            for chunk in _chunks(sorted(set(old_nodes) | set(new_nodes))):
                db.execute(f"DELETE FROM entity_blocks WHERE node IN ({_marks(chunk)})", chunk)
                db.execute(f"DELETE FROM entity_nodes WHERE key IN ({_marks(chunk)})", chunk)
            for chunk in _chunks(sorted(rows)):
                db.execute(f"DELETE FROM entity_members WHERE entity_id IN ({_marks(chunk)})", chunk)
            db.execute(f"DELETE FROM entity_merges {where}", args)
            db.execute(f"DELETE FROM global_entities {where}", args)
        next_g = int(db.value("SELECT coalesce(max(id), 0) FROM global_entities") or 0)
        next_g = max(next_g, max(old_g.values(), default=0)) + 1
        next_m = max(int(db.value("SELECT coalesce(max(id), 0) FROM entity_merges") or 0),
                     max(old_m.values(), default=0)) + 1
        for comp in comps:
            gid_of: dict[str, int] = {}
            for e in comp.entities:
                d = e.entity
                key = d["key"]
                if db.value("SELECT 1 FROM global_entities WHERE key = ?", (key,)):
                    key = f"{key}#{comp.id}"  # the same name resolved apart in another component
                gid = old_g.get(key)
                if gid is None:
                    gid, next_g = next_g, next_g + 1
                gid_of[d["key"]] = gid
                db.execute("INSERT INTO global_entities(id, key, name, type, aliases, roles, n_documents, n_mentions,"
                           " component) VALUES (?,?,?,?,?,?,?,?,?)",
                           (gid, key, d["name"], d["type"], json.dumps(d["aliases"], ensure_ascii=False),
                            json.dumps(d["roles"], ensure_ascii=False), d["n_documents"], d["n_mentions"], comp.id))
                db.executemany("INSERT OR REPLACE INTO entity_members(entity_id, global_id, node) VALUES (?,?,?)",
                               [(rid, gid, node) for node, rid in e.rows])
                db.executemany("INSERT INTO entity_nodes(key, global_id, component) VALUES (?,?,?)",
                               [(n, gid, comp.id) for n in e.nodes])
            db.executemany("INSERT OR IGNORE INTO entity_blocks(block, node) VALUES (?,?)",
                           [(b, n) for n, bs in comp.nodes.items() for b in bs])
            for m in comp.merges:
                mid = old_m.get((m.key_a, m.key_b))
                if mid is None:
                    mid, next_m = next_m, next_m + 1
                db.execute("INSERT INTO entity_merges(id, global_id, name_a, name_b, key_a, key_b, score, evidence,"
                           " status, component) VALUES (?,?,?,?,?,?,?,?,?,?)",
                           (mid, gid_of.get(m.entity_key or ""), m.name_a, m.name_b, m.key_a, m.key_b, m.score,
                            m.evidence, m.status, comp.id))

    def _write_origins(self, full: bool, origins: list[Origin]) -> None:
        db = self.db
        if full:
            db.execute("DELETE FROM copy_bands")
            db.execute("DELETE FROM document_origins")
        for chunk in _chunks([o.document_id for o in origins]):
            db.execute(f"DELETE FROM copy_bands WHERE document_id IN ({_marks(chunk)})", chunk)
        db.executemany("INSERT OR REPLACE INTO document_origins(document_id, credit, own, cluster, origin, signature)"
                       " VALUES (?,?,?,?,?,?)",
                       [(o.document_id, o.credit, o.own, o.cluster, o.origin, o.signature) for o in origins])
        db.executemany("INSERT OR IGNORE INTO copy_bands(band, document_id) VALUES (?,?)",
                       [(b, o.document_id) for o in origins for b in o.bands])

    def _write_claims(self, full: bool, components: Sequence[int], groups: list[ClaimGroup],
                      features: dict[int, dict[str, Any]], blocks: dict[int, list[str]],
                      claimants: dict[int, list[str]]) -> None:
        db = self.db
        where, args = ("", []) if full else (f"WHERE component IN ({_marks(components)})", list(components))
        old = {r["key"]: r["id"] for r in db.query(f"SELECT key, id FROM claim_groups {where}", args)}
        if full:
            for table in ("claim_claimants", "claim_blocks", "claim_features", "claim_members", "claim_groups"):
                db.execute(f"DELETE FROM {table}")
        else:
            db.execute(f"DELETE FROM claim_groups {where}", args)  # cascades to their members
        next_id = max(int(db.value("SELECT coalesce(max(id), 0) FROM claim_groups") or 0),
                      max(old.values(), default=0)) + 1
        for g in groups:
            gid = old.get(g.key)
            if gid is None:
                gid, next_id = next_id, next_id + 1
            g.data["id"] = gid
            _, key, *cols, data, summary = _group_columns(g)
            db.execute("INSERT INTO claim_groups(id, key, label, counted, event, time, place, contradiction,"
                       " independent_sources, n_claims, component, data, summary) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                       (gid, key, *cols, g.component, data, summary))
            db.executemany("INSERT OR REPLACE INTO claim_members(claim_id, group_id, component) VALUES (?,?,?)",
                           [(c, gid, g.component) for c in g.claims])
        db.executemany("INSERT OR REPLACE INTO claim_features(claim_id, data) VALUES (?,?)",
                       [(cid, json.dumps(f, ensure_ascii=False)) for cid, f in features.items()])
        db.executemany("INSERT OR IGNORE INTO claim_blocks(block, claim_id) VALUES (?,?)",
                       [(b, cid) for cid, bs in blocks.items() for b in bs])
        db.executemany("INSERT OR IGNORE INTO claim_claimants(node, claim_id) VALUES (?,?)",
                       [(n, cid) for cid, ns in claimants.items() for n in ns])


def _group_columns(g: ClaimGroup) -> tuple[Any, ...]:
    """(id, key, label, counted, event, time, place, contradiction, independent_sources, n_claims, data,
    summary)."""
    d = g.data
    summary = group_summary(d)
    return (d.get("id"), g.key, d["label"], d.get("counted"), d.get("event"), d.get("time"), d.get("place"),
            int(d["contradiction"]), d["independent_sources"], len(d["claims"]), json.dumps(d, ensure_ascii=False),
            json.dumps(summary, ensure_ascii=False))
