"""What resolve reads from the store: typed loads of its inputs, the pending work, and the
indexes an update finds what new documents meet through (blocks of names and claims, node keys,
copy bands) with the states it joins them on. store/results.py writes what resolve gives back."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..errors import ClaimgraphError
from ..folding import name_key
from ..resolution import ClaimRow, DocumentRow, EntityRow
from .database import Database

CHUNK = 500  # ids per IN (...) list: SQLite's limit on variables is 32,766, kept well below
# Written by every full run of this resolver; a database resolved by an earlier one lacks the
# states an update joins on, and is resolved in full once.
RESOLVER = "online-2"


class Stale(ClaimgraphError):
    """Documents changed while resolve computed: its result is dropped and computed again."""


@dataclass
class PendingWork:
    """What resolve owes the derived tables (resolve_pending), as read at one moment, with the
    counters that tell whether anything changed before its result is written."""

    rows: list[tuple[str, str]] = field(default_factory=list)
    generation: int = 0  # document writes
    resolved: int = 0  # resolve writes: an update builds on what is stored, so two must not both apply

    def refs(self, kind: str) -> set[str]:
        return {ref for k, ref in self.rows if k == kind}

    def ids(self, kind: str) -> set[int]:
        return {int(ref) for ref in self.refs(kind)}

    def only(self, *kinds: str) -> PendingWork:
        return PendingWork([r for r in self.rows if r[0] in kinds], self.generation, self.resolved)

    @property
    def full(self) -> bool:
        return any(k == "full" for k, _ in self.rows)


@dataclass
class EntitiesAround:
    """What the store holds around new names (see resolve.entity_joins.Known)."""

    entity_of: dict[str, int]  # stored node -> its entity
    blocks_of: dict[str, set[str]]  # stored node met -> its blocks (alias blocks give its aliases)
    members: dict[str, list[str]]  # block -> its stored nodes, for blocks within the cap
    block_size: dict[str, int]  # block -> its stored nodes
    entity_nodes: dict[int, list[str]]  # entity met -> its nodes


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
            out += self.db.query(sql.format(marks=_marks(chunk)), chunk * sql.count("{marks}"))
        return out

    # -- pending work ----------------------------------------------------------------------

    def pending(self) -> PendingWork:
        rows = [(r["kind"], r["ref"]) for r in self.db.query("SELECT kind, ref FROM resolve_pending")]
        return PendingWork(rows=rows, generation=self.generation(), resolved=self._counter("resolved"))

    def generation(self) -> int:
        """How many document writes the store has seen: a change while resolve computed means stale."""
        return self._counter("generation")

    def _counter(self, key: str) -> int:
        return int(self.db.value("SELECT value FROM meta WHERE key = ?", (key,)) or 0)

    def resolver(self) -> str | None:
        """Which resolver made the derived tables (None: none yet, or one before updates joined)."""
        v = self.db.value("SELECT value FROM meta WHERE key = 'resolver'")
        return str(v) if v is not None else None

    def has_resolved(self) -> bool:
        return self.db.value("SELECT 1 FROM claim_groups LIMIT 1") is not None or \
            self.db.value("SELECT 1 FROM global_entities LIMIT 1") is not None

    def mark_pending(self, kind: str, refs: Iterable[str]) -> None:
        self.db.executemany("INSERT OR IGNORE INTO resolve_pending(kind, ref) VALUES (?, ?)", [(kind, r) for r in refs])

    def _finish(self, work: PendingWork) -> None:
        """Inside the writing transaction: check that nothing changed since work was read, clear
        it, and count this write."""
        if self.generation() != work.generation or self._counter("resolved") != work.resolved:
            raise Stale("documents or resolved tables changed while resolving")
        self.db.executemany("DELETE FROM resolve_pending WHERE kind = ? AND ref = ?", work.rows)
        self.db.execute("INSERT INTO meta(key, value) VALUES ('resolved', '1')"
                        " ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1")

    # -- inputs ----------------------------------------------------------------------------

    def documents_for_resolve(self, ids: Iterable[int] | None = None) -> list[DocumentRow]:
        if ids is None:
            return self.db.query(f"{_DOC_SELECT} ORDER BY id")  # type: ignore[return-value]
        return self._rows_in(_DOC_SELECT + " WHERE id IN ({marks})", ids)  # type: ignore[return-value]

    def entity_rows(self, documents: Iterable[int] | None = None) -> list[EntityRow]:
        if documents is None:
            return [_entity_row(r) for r in self.db.iterate(f"{_ENTITY_SELECT} ORDER BY e.id")]
        return [_entity_row(r) for r in self._rows_in(_ENTITY_SELECT + " WHERE e.document_id IN ({marks})", documents)]

    def judgements(self, kind: str = "entity") -> dict[tuple[str, str], str]:
        return {(r["key_a"], r["key_b"]): r["decision"] for r in self.db.query(
            "SELECT key_a, key_b, decision FROM judgements WHERE kind = ?", (kind,))}

    def claim_rows(self, documents: Iterable[int] | None = None) -> list[ClaimRow]:
        if documents is None:
            return [_claim_row(r) for r in self.db.iterate(f"{_CLAIM_SELECT} ORDER BY c.id")]
        return [_claim_row(r) for r in self._rows_in(_CLAIM_SELECT + " WHERE c.document_id IN ({marks})", documents)]

    def claim_rows_by_id(self, ids: Iterable[int]) -> list[ClaimRow]:
        return [_claim_row(r) for r in self._rows_in(_CLAIM_SELECT + " WHERE c.id IN ({marks})", ids)]

    def claim_features(self, ids: Iterable[int]) -> dict[int, dict[str, Any]]:
        return {r["claim_id"]: json.loads(r["data"])
                for r in self._rows_in("SELECT claim_id, data FROM claim_features WHERE claim_id IN ({marks})", ids)}

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

    # -- what an update joins new names and claims to ------------------------------------------

    def entities_around(self, nodes: Iterable[str], blocks: Iterable[str], cap: int) -> EntitiesAround:
        """The stored nodes among `nodes`, the stored members of `blocks` (members listed only for
        blocks of at most `cap` nodes), the blocks of every stored node met, and the nodes of
        every entity met."""
        entity_of = {r["key"]: r["global_id"] for r in self._rows_in(
            "SELECT key, global_id FROM entity_nodes WHERE key IN ({marks})", nodes)}
        size = {r["block"]: r["n"] for r in self._rows_in(
            "SELECT block, count(*) AS n FROM entity_blocks WHERE block IN ({marks}) GROUP BY block", blocks)}
        members: dict[str, list[str]] = {}
        for r in self._rows_in(
                "SELECT b.block, b.node, n.global_id FROM entity_blocks b JOIN entity_nodes n ON n.key = b.node"
                " WHERE b.block IN ({marks})", [b for b, n in size.items() if n <= cap]):
            members.setdefault(r["block"], []).append(r["node"])
            entity_of[r["node"]] = r["global_id"]
        entity_nodes: dict[int, list[str]] = {}
        for r in self._rows_in("SELECT key, global_id FROM entity_nodes WHERE global_id IN ({marks})",
                               set(entity_of.values())):
            entity_nodes.setdefault(r["global_id"], []).append(r["key"])
            entity_of[r["key"]] = r["global_id"]
        blocks_of: dict[str, set[str]] = {}
        for r in self._rows_in("SELECT node, block FROM entity_blocks WHERE node IN ({marks})", entity_of):
            blocks_of.setdefault(r["node"], set()).add(r["block"])
        return EntitiesAround(entity_of, blocks_of, members, size, entity_nodes)

    def entity_tallies(self, entities: Iterable[int]) -> dict[int, dict[str, Any]]:
        """entity -> its tally (resolve.entities.Tally), its name and key as stored."""
        return {r["global_id"]: {"tally": json.loads(r["data"]), "name": r["name"], "key": r["key"]}
                for r in self._rows_in("SELECT t.global_id, t.data, g.name, g.key FROM entity_tallies t"
                                       " JOIN global_entities g ON g.id = t.global_id WHERE t.global_id IN ({marks})",
                                       entities)}

    def entity_documents(self, entities: Iterable[int]) -> set[int]:
        """The documents that name any of these entities."""
        return {r["document_id"] for r in self._rows_in(
            "SELECT DISTINCT e.document_id FROM entity_members m JOIN entities e ON e.id = m.entity_id"
            " WHERE m.global_id IN ({marks})", entities)}

    def entity_rows_of_entities(self, entities: Iterable[int]) -> list[EntityRow]:
        """Every per-document row these entities are made of."""
        return [_entity_row(r) for r in self._rows_in(
            _ENTITY_SELECT + " JOIN entity_members m ON m.entity_id = e.id WHERE m.global_id IN ({marks})", entities)]

    def resolved_documents(self, documents: Iterable[int]) -> set[int]:
        """Those of these documents whose claims or names already joined a group or an entity."""
        return {r["document_id"] for r in self._rows_in(
            "SELECT DISTINCT c.document_id FROM claims c JOIN claim_members m ON m.claim_id = c.id"
            " WHERE c.document_id IN ({marks}) UNION SELECT DISTINCT e.document_id FROM entities e"
            " JOIN entity_members m ON m.entity_id = e.id WHERE e.document_id IN ({marks})", documents)}

    def document_members(self, documents: Iterable[int]) -> tuple[dict[int, int], dict[int, int]]:
        """(claim -> its group, entity row -> its global entity) for these documents."""
        claims = {r["claim_id"]: r["group_id"] for r in self._rows_in(
            "SELECT m.claim_id, m.group_id FROM claim_members m JOIN claims c ON c.id = m.claim_id"
            " WHERE c.document_id IN ({marks})", documents)}
        rows = {r["entity_id"]: r["global_id"] for r in self._rows_in(
            "SELECT m.entity_id, m.global_id FROM entity_members m JOIN entities e ON e.id = m.entity_id"
            " WHERE e.document_id IN ({marks})", documents)}
        return claims, rows

    def entities_of_rows(self, rows: Iterable[int]) -> dict[int, int]:
        """per-document entity row -> its global entity."""
        return {r["entity_id"]: r["global_id"] for r in self._rows_in(
            "SELECT entity_id, global_id FROM entity_members WHERE entity_id IN ({marks})", rows)}

    def entities_of_nodes(self, nodes: Iterable[str]) -> set[int]:
        return {r["global_id"] for r in self._rows_in("SELECT global_id FROM entity_nodes WHERE key IN ({marks})", nodes)}

    def node_names(self, nodes: Iterable[str]) -> dict[str, str]:
        """A name as written for each stored node (what a merge shows)."""
        return {r["node"]: r["name"] for r in self._rows_in(
            "SELECT m.node, min(e.name) AS name FROM entity_members m JOIN entities e ON e.id = m.entity_id"
            " WHERE m.node IN ({marks}) GROUP BY m.node", nodes)}

    def entity_block_sizes(self, blocks: Iterable[str]) -> dict[str, int]:
        return {r["block"]: r["n"] for r in self._rows_in(
            "SELECT block, count(*) AS n FROM entity_blocks WHERE block IN ({marks}) GROUP BY block", blocks)}

    def claim_block_sizes(self, blocks: Iterable[str]) -> dict[str, int]:
        """block -> how many stored claims are in it."""
        return {r["block"]: r["n"] for r in self._rows_in(
            "SELECT block, n FROM claim_block_sizes WHERE block IN ({marks})", blocks)}

    def claim_block_groups(self, blocks: Iterable[str]) -> dict[str, dict[int, int]]:
        """block -> {group: how many of its claims are in the block}, for the stored claims in
        these blocks (ask only for blocks within the cap)."""
        out: dict[str, dict[int, int]] = {}
        for r in self._rows_in("SELECT b.block, m.group_id, count(*) AS n FROM claim_blocks b JOIN claim_members m"
                               " ON m.claim_id = b.claim_id WHERE b.block IN ({marks}) GROUP BY b.block, m.group_id",
                               blocks):
            out.setdefault(r["block"], {})[r["group_id"]] = r["n"]
        return out

    def group_states(self, groups: Iterable[int]) -> dict[int, dict[str, Any]]:
        """group -> its key, JSON (`data`), state (None when not stored) and component."""
        out: dict[int, dict[str, Any]] = {}
        for r in self._rows_in("SELECT g.id, g.key, g.component, g.data, s.data AS state FROM claim_groups g"
                               " LEFT JOIN claim_group_states s ON s.group_id = g.id WHERE g.id IN ({marks})", groups):
            out[r["id"]] = {"key": r["key"], "component": r["component"], "data": json.loads(r["data"]),
                            "state": json.loads(r["state"]) if r["state"] else None}
        return out

    def group_members(self, groups: Iterable[int]) -> dict[int, list[int]]:
        """group -> its claims."""
        out: dict[int, list[int]] = {}
        for r in self._rows_in("SELECT group_id, claim_id FROM claim_members WHERE group_id IN ({marks})", groups):
            out.setdefault(r["group_id"], []).append(r["claim_id"])
        return out

    def claimant_lookup(self, rows: Iterable[ClaimRow], names: Mapping[int, str] | None = None,
                        ) -> tuple[dict[tuple[int, str], str], dict[str, str]]:
        """The global entity names claimants may be: by (document id, local entity id) for the
        entities these claims name, and by node key for any name that folds like a claimant's.
        `names` gives entities (by id) a name not written yet."""
        names = names or {}
        rows = list(rows)
        by_local: dict[tuple[int, str], str] = {}
        docs = sorted({r["document_id"] for r in rows if r.get("claimant_entity")})
        for chunk in _chunks(docs):
            for r in self.db.query(
                    "SELECT e.document_id, e.local_id, g.id, g.name FROM entities e JOIN entity_members m"
                    " ON m.entity_id = e.id JOIN global_entities g ON g.id = m.global_id"
                    f" WHERE e.document_id IN ({_marks(chunk)})", chunk):
                by_local[(r["document_id"], r["local_id"])] = names.get(r["id"], r["name"])
        keys = sorted({name_key(r["claimant_name"] or "", t) for r in rows if r.get("claimant_name")
                       for t in ("PERSON", "ORG")})
        by_node: dict[str, str] = {}
        for chunk in _chunks(keys):
            for r in self.db.query("SELECT n.key, g.id, g.name FROM entity_nodes n JOIN global_entities g"
                                   f" ON g.id = n.global_id WHERE n.key IN ({_marks(chunk)})", chunk):
                by_node[r["key"]] = names.get(r["id"], r["name"])
        return by_local, by_node

    def claims_of_publishers(self, publishers: Iterable[str]) -> set[int]:
        return {r["id"] for r in self._rows_in("SELECT c.id FROM claims c JOIN documents d ON d.id = c.document_id"
                                               " WHERE d.publisher IN ({marks})", publishers)}

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

