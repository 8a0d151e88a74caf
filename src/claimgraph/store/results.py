"""What resolve gives back, written: a full run replaces every derived row; an update adds the
entities, groups and origins it made or changed; a repair replaces the entities it resolved
again and rewrites the groups that lost claims. Each write is one short transaction that first
checks that nothing changed since the work was read (derived.PendingWork) and clears that work."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ..resolution import ClaimGroup, EntityChange, EntityComponent, GroupChange, Merge, Origin, group_summary
from .database import Database
from .derived import RESOLVER, Derived, PendingWork, _chunks, _marks


def _dumps(x: Any) -> str:
    return json.dumps(x, ensure_ascii=False)


class Results(Derived):
    """Resolve's inputs (Derived) and the writes of its results."""

    db: Database

    # -- a full run ----------------------------------------------------------------------------

    def write_full(self, work: PendingWork, *, entities: list[EntityComponent], groups: list[ClaimGroup],
                   features: dict[int, dict[str, Any]], blocks: dict[int, list[str]],
                   claimants: dict[int, list[str]], origins: list[Origin]) -> None:
        """Replace every derived row with a full run's results; ids are kept by key."""
        db = self.db
        with db.transaction():
            self._finish(work)
            old_g = {r["key"]: r["id"] for r in db.query("SELECT key, id FROM global_entities")}
            old_m = {(r["key_a"], r["key_b"]): r["id"] for r in db.query("SELECT key_a, key_b, id FROM entity_merges")}
            for table in ("entity_tallies", "entity_blocks", "entity_nodes", "entity_merges", "entity_members",
                          "global_entities"):
                db.execute(f"DELETE FROM {table}")
            self._insert_entities(entities, old_g, old_m)
            db.execute("DELETE FROM copy_bands")
            db.execute("DELETE FROM document_origins")
            self._write_origins(origins)
            old = {r["key"]: r["id"] for r in db.query("SELECT key, id FROM claim_groups")}
            for table in ("claim_group_states", "claim_block_sizes", "claim_claimants", "claim_blocks",
                          "claim_features", "claim_members", "claim_groups"):
                db.execute(f"DELETE FROM {table}")
            next_id = max(old.values(), default=0) + 1
            for g in groups:
                gid = old.get(g.key)
                if gid is None:
                    gid, next_id = next_id, next_id + 1
                self._insert_group(gid, g)
            self._write_claim_rows(features, blocks, claimants)
            db.execute("INSERT INTO claim_block_sizes(block, n) SELECT block, count(*) FROM claim_blocks GROUP BY block")
            self._mark_resolver()

    def _mark_resolver(self) -> None:
        self.db.execute("INSERT INTO meta(key, value) VALUES ('resolver', ?)"
                        " ON CONFLICT(key) DO UPDATE SET value = excluded.value", (RESOLVER,))

    # -- an update -----------------------------------------------------------------------------

    def write_update(self, work: PendingWork, *, entities: list[EntityChange], origins: list[Origin],
                     dropped: Sequence[int], groups: list[GroupChange], rewritten: Mapping[int, ClaimGroup],
                     features: dict[int, dict[str, Any]], blocks: dict[int, list[str]],
                     claimants: dict[int, list[str]]) -> None:
        """Add what an update made: entities new or grown (and those they absorbed), the origins
        it computed, groups new, grown or regrouped (`dropped`: stored groups whose claims it
        regrouped, deleted first), and stored groups whose JSON it rewrote."""
        db = self.db
        with db.transaction():
            self._finish(work)
            self._mark_resolver()
            for e in entities:
                self._write_entity_change(e)
            self._write_origins(origins)
            self._write_claim_rows(features, blocks, claimants)
            sizes = Counter(b for bs in blocks.values() for b in bs)
            db.executemany("INSERT INTO claim_block_sizes(block, n) VALUES (?, ?)"
                           " ON CONFLICT(block) DO UPDATE SET n = n + excluded.n", sorted(sizes.items()))
            next_id = int(db.value("SELECT coalesce(max(id), 0) FROM claim_groups") or 0) + 1
            for chunk in _chunks(sorted(dropped)):
                db.execute(f"DELETE FROM claim_groups WHERE id IN ({_marks(chunk)})", chunk)
            for c in groups:
                if c.absorbed:
                    self._absorb_groups(c.id or 0, c.absorbed)
                if c.id is None:
                    self._insert_group(next_id, c.group)
                    next_id += 1
                else:
                    self._update_group(c.id, c.group)
                    db.executemany("INSERT OR REPLACE INTO claim_members(claim_id, group_id, component) VALUES (?,?,?)",
                                   [(cid, c.id, c.group.component) for cid in c.group.claims])
            for gid, g in rewritten.items():
                self._update_group(gid, g)

    def _absorb_groups(self, gid: int, absorbed: Sequence[int]) -> None:
        db = self.db
        for chunk in _chunks(sorted(absorbed)):
            db.execute(f"UPDATE claim_members SET group_id = ? WHERE group_id IN ({_marks(chunk)})", [gid, *chunk])
            db.execute(f"DELETE FROM claim_groups WHERE id IN ({_marks(chunk)})", chunk)

    def _write_entity_change(self, e: EntityChange) -> None:
        db = self.db
        if e.id is None:
            gid = int(db.value("SELECT coalesce(max(id), 0) FROM global_entities") or 0) + 1
            component = gid
        else:
            gid = e.id
            component = int(db.value("SELECT component FROM global_entities WHERE id = ?", (gid,)) or gid)
            for chunk in _chunks(sorted(e.absorbed)):
                marks = _marks(chunk)
                for table, column in (("entity_members", "global_id"), ("entity_nodes", "global_id"),
                                      ("entity_merges", "global_id")):
                    db.execute(f"UPDATE {table} SET {column} = ? WHERE {column} IN ({marks})", [gid, *chunk])
                db.execute(f"DELETE FROM global_entities WHERE id IN ({marks})", chunk)
        d = e.entity
        key = d["key"]
        if db.value("SELECT 1 FROM global_entities WHERE key = ? AND id != ?", (key, gid)):
            key = f"{key}#{gid}"  # the same name resolved apart
        db.execute("INSERT INTO global_entities(id, key, name, type, aliases, roles, n_documents, n_mentions, component)"
                   " VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET key = excluded.key, name = excluded.name,"
                   " type = excluded.type, aliases = excluded.aliases, roles = excluded.roles,"
                   " n_documents = excluded.n_documents, n_mentions = excluded.n_mentions",
                   (gid, key, d["name"], d["type"], _dumps(d["aliases"]), _dumps(d["roles"]), d["n_documents"],
                    d["n_mentions"], component))
        db.execute("INSERT OR REPLACE INTO entity_tallies(global_id, data) VALUES (?, ?)", (gid, _dumps(e.tally)))
        db.executemany("INSERT INTO entity_nodes(key, global_id, component) VALUES (?,?,?)"
                       " ON CONFLICT(key) DO UPDATE SET global_id = excluded.global_id",
                       [(n, gid, component) for n in sorted(e.blocks)])
        db.executemany("INSERT OR IGNORE INTO entity_blocks(block, node) VALUES (?,?)",
                       [(b, n) for n, bs in sorted(e.blocks.items()) for b in bs])
        db.executemany("INSERT OR REPLACE INTO entity_members(entity_id, global_id, node) VALUES (?,?,?)",
                       [(rid, gid, node) for node, rid in e.rows])
        self._insert_merges(e.merges, gid, component, {})

    # -- a repair ------------------------------------------------------------------------------

    def write_repair(self, work: PendingWork, *, entities_replaced: Sequence[int], entities: list[EntityComponent],
                     rewritten: Mapping[int, ClaimGroup], emptied: Iterable[int], detached_claims: Sequence[int] = (),
                     detached_rows: Sequence[int] = ()) -> None:
        """Take these claims and entity rows out of what they joined (their documents join
        again), replace these stored entities with the ones resolved again from their rows,
        rewrite the groups whose claims or their names changed, delete the groups left without
        claims."""
        db = self.db
        with db.transaction():
            self._finish(work)
            recount = set(work.refs("claim-block"))
            for chunk in _chunks(sorted(detached_claims)):
                marks = _marks(chunk)
                recount.update(db.column(f"SELECT block FROM claim_blocks WHERE claim_id IN ({marks})", chunk))
                for table in ("claim_members", "claim_features", "claim_blocks", "claim_claimants"):
                    db.execute(f"DELETE FROM {table} WHERE claim_id IN ({marks})", chunk)
            for chunk in _chunks(sorted(detached_rows)):
                db.execute(f"DELETE FROM entity_members WHERE entity_id IN ({_marks(chunk)})", chunk)
            old_g: dict[str, int] = {}
            old_m: dict[tuple[str, str], int] = {}
            for chunk in _chunks(sorted(entities_replaced)):
                marks = _marks(chunk)
                old_g.update((r["key"], r["id"]) for r in db.query(
                    f"SELECT key, id FROM global_entities WHERE id IN ({marks})", chunk))
                old_m.update(((r["key_a"], r["key_b"]), r["id"]) for r in db.query(
                    f"SELECT key_a, key_b, id FROM entity_merges WHERE global_id IN ({marks})", chunk))
                nodes = db.column(f"SELECT key FROM entity_nodes WHERE global_id IN ({marks})", chunk)
                for part in _chunks(nodes):
                    db.execute(f"DELETE FROM entity_blocks WHERE node IN ({_marks(part)})", part)
                    db.execute(f"DELETE FROM entity_nodes WHERE key IN ({_marks(part)})", part)
                    db.execute(f"DELETE FROM entity_merges WHERE status = 'rejected' AND (key_a IN ({_marks(part)})"
                               f" OR key_b IN ({_marks(part)}))", [*part, *part])
                db.execute(f"DELETE FROM entity_merges WHERE global_id IN ({marks})", chunk)
                db.execute(f"DELETE FROM global_entities WHERE id IN ({marks})", chunk)  # members cascade
            self._insert_entities(entities, old_g, old_m)
            for gid, g in rewritten.items():
                self._update_group(gid, g)
            for chunk in _chunks(sorted(set(emptied))):
                db.execute(f"DELETE FROM claim_groups WHERE id IN ({_marks(chunk)})", chunk)
            for chunk in _chunks(sorted(recount)):
                db.execute(f"DELETE FROM claim_block_sizes WHERE block IN ({_marks(chunk)})", chunk)
                db.execute("INSERT INTO claim_block_sizes(block, n) SELECT block, count(*) FROM claim_blocks"
                           f" WHERE block IN ({_marks(chunk)}) GROUP BY block", chunk)

    # -- shared --------------------------------------------------------------------------------

    def _insert_entities(self, comps: list[EntityComponent], old_g: Mapping[str, int],
                         old_m: Mapping[tuple[str, str], int]) -> None:
        db = self.db
        next_g = max(int(db.value("SELECT coalesce(max(id), 0) FROM global_entities") or 0),
                     max(old_g.values(), default=0)) + 1
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
                           (gid, key, d["name"], d["type"], _dumps(d["aliases"]), _dumps(d["roles"]),
                            d["n_documents"], d["n_mentions"], comp.id))
                db.execute("INSERT INTO entity_tallies(global_id, data) VALUES (?, ?)", (gid, _dumps(e.tally)))
                db.executemany("INSERT OR REPLACE INTO entity_members(entity_id, global_id, node) VALUES (?,?,?)",
                               [(rid, gid, node) for node, rid in e.rows])
                db.executemany("INSERT INTO entity_nodes(key, global_id, component) VALUES (?,?,?)",
                               [(n, gid, comp.id) for n in e.nodes])
            db.executemany("INSERT OR IGNORE INTO entity_blocks(block, node) VALUES (?,?)",
                           [(b, n) for n, bs in comp.nodes.items() for b in bs])
            for m in comp.merges:
                self._insert_merges([m], gid_of.get(m.entity_key or ""), comp.id, old_m)

    def _insert_merges(self, merges: Sequence[Merge], gid: int | None, component: int,
                       old_m: Mapping[tuple[str, str], int]) -> None:
        db = self.db
        for m in merges:
            mid = old_m.get((m.key_a, m.key_b))
            if mid is None:
                mid = int(db.value("SELECT coalesce(max(id), 0) FROM entity_merges") or 0) + 1
            db.execute("INSERT OR REPLACE INTO entity_merges(id, global_id, name_a, name_b, key_a, key_b, score,"
                       " evidence, status, component) VALUES (?,?,?,?,?,?,?,?,?,?)",
                       (mid, gid if m.status != "rejected" else None, m.name_a, m.name_b, m.key_a, m.key_b, m.score,
                        m.evidence, m.status, component))

    def _write_origins(self, origins: list[Origin]) -> None:
        db = self.db
        for chunk in _chunks([o.document_id for o in origins]):
            db.execute(f"DELETE FROM copy_bands WHERE document_id IN ({_marks(chunk)})", chunk)
        db.executemany("INSERT OR REPLACE INTO document_origins(document_id, credit, own, cluster, origin, signature)"
                       " VALUES (?,?,?,?,?,?)",
                       [(o.document_id, o.credit, o.own, o.cluster, o.origin, o.signature) for o in origins])
        db.executemany("INSERT OR IGNORE INTO copy_bands(band, document_id) VALUES (?,?)",
                       [(b, o.document_id) for o in origins for b in o.bands])

    def _insert_group(self, gid: int, g: ClaimGroup) -> None:
        db = self.db
        g.data["id"] = gid
        _, key, *cols, data, summary = _group_columns(g)
        db.execute("INSERT INTO claim_groups(id, key, label, counted, event, time, place, contradiction,"
                   " independent_sources, n_claims, component, data, summary) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                   (gid, key, *cols, g.component, data, summary))
        db.executemany("INSERT OR REPLACE INTO claim_members(claim_id, group_id, component) VALUES (?,?,?)",
                       [(c, gid, g.component) for c in g.claims])
        if g.state:
            db.execute("INSERT OR REPLACE INTO claim_group_states(group_id, data) VALUES (?, ?)", (gid, _dumps(g.state)))

    def _update_group(self, gid: int, g: ClaimGroup) -> None:
        db = self.db
        g.data["id"] = gid
        _, key, *cols, data, summary = _group_columns(g)
        db.execute("UPDATE claim_groups SET key = coalesce(nullif(?, ''), key), label = ?, counted = ?, event = ?,"
                   " time = ?, place = ?, contradiction = ?, independent_sources = ?, n_claims = ?, data = ?,"
                   " summary = ? WHERE id = ?", (key, *cols, data, summary, gid))
        if g.state:
            db.execute("INSERT OR REPLACE INTO claim_group_states(group_id, data) VALUES (?, ?)", (gid, _dumps(g.state)))

    def _write_claim_rows(self, features: dict[int, dict[str, Any]], blocks: dict[int, list[str]],
                          claimants: dict[int, list[str]]) -> None:
        db = self.db
        db.executemany("INSERT OR REPLACE INTO claim_features(claim_id, data) VALUES (?,?)",
                       [(cid, _dumps(f)) for cid, f in features.items()])
        db.executemany("INSERT OR IGNORE INTO claim_blocks(block, claim_id) VALUES (?,?)",
                       [(b, cid) for cid, bs in blocks.items() for b in bs])
        db.executemany("INSERT OR IGNORE INTO claim_claimants(node, claim_id) VALUES (?,?)",
                       [(n, cid) for cid, ns in claimants.items() for n in ns])


def _group_columns(g: ClaimGroup) -> tuple[Any, ...]:
    """(id, key, label, counted, event, time, place, contradiction, independent_sources, n_claims, data,
    summary)."""
    d = g.data
    return (d.get("id"), g.key, d["label"], d.get("counted"), d.get("event"), d.get("time"), d.get("place"),
            int(d["contradiction"]), d["independent_sources"], len(d["claims"]), _dumps(d), _dumps(group_summary(d)))
