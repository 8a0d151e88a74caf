"""An update: new documents' names and claims join what is stored, read through indexes and
summaries (entity tallies, group states), never through the members of what they join. Its
cost follows the new documents, not the size of the database."""

from __future__ import annotations

import logging
import time
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..folding import fold
from ..resolution import (
    ClaimRow,
    DocumentRow,
    EntityChange,
    EntityRow,
    Merge,
    Origin,
    ResolveStats,
)
from ..resolve import claims as claimgroups
from ..resolve import entities as ents
from ..resolve import entity_joins, independence
from ..resolve import groups as groupjson
from ..resolve.claims import Grouping
from ..store import PendingWork, Store
from .claim_update import Context, join_claims
from .names import claim_key, node_of, stats

log = logging.getLogger(__name__)


@dataclass
class Entities:
    """What the entity half of an update made, and the names claims resolve their claimants to."""

    changes: list[EntityChange]
    by_local: dict[tuple[int, str], str] = field(default_factory=dict)  # (document, local entity) -> global name
    by_node: dict[str, str] = field(default_factory=dict)  # node -> global name, for nodes this update named
    renamed: set[str] = field(default_factory=set)  # stored nodes whose entity's name changed or merged
    names: dict[int, str] = field(default_factory=dict)  # stored entity (kept or absorbed) -> its name now


def run(store: Store, work: PendingWork) -> ResolveStats | None:
    """New documents joined to what is stored; None when only a full run can honour them."""
    t0 = time.perf_counter()
    docs = store.documents_for_resolve(work.ids("document"))
    new_ids = {d["id"] for d in docs}
    new_rows = store.entity_rows(new_ids)
    judgements = store.judgements()
    ent = join_entities(store, new_rows, judgements)
    t_entities = time.perf_counter() - t0
    origins, origin_changed = _origins(store, docs, new_ids)

    by_doc: dict[int, list[EntityRow]] = defaultdict(list)
    for r in new_rows:
        by_doc[r["document_id"]].append(r)
    profiles = {d["id"]: claimgroups.document_profile(d, by_doc[d["id"]]) for d in docs}
    new_feats = sorted(claimgroups.features(store.claim_rows(new_ids), profiles), key=claim_key)
    if claimgroups.linked_outside(new_feats):
        log.info("a person joined a new claim to a stored one: only a full run can group them")
        return None
    t1 = time.perf_counter()
    new_claims = [f.row for f in new_feats]
    origin = store.origins_of({r["document_id"] for r in new_claims})
    origin.update({o.document_id: o.origin for o in origins})
    by_local, by_node = store.claimant_lookup(new_claims, ent.names)
    by_local.update(ent.by_local)
    by_node.update(ent.by_node)
    dependent = set(store.groups_of_claims(store.claims_of_claimants(ent.renamed)
                                           | store.claims_of_documents(origin_changed)))
    cu = join_claims(store, new_feats, Context(origin, store.labels(), by_local, by_node, dependent, ent.names,
                                               store.group_threshold()))
    t_grouping = time.perf_counter() - t1
    node_of_local = _node_of_local(new_rows)
    store.write_update(
        work, entities=ent.changes, origins=origins, dropped=cu.dropped, groups=cu.changes, rewritten=cu.rewritten,
        features={f.row["id"]: claimgroups.features_json(f) for f in new_feats},
        blocks={f.row["id"]: f.keys for f in new_feats},
        claimants={f.row["id"]: groupjson.claimant_nodes(f.row, node_of_local) for f in new_feats})
    groups = [c.group for c in cu.changes] + list(cu.rewritten.values())
    out = stats("incremental", groups, len(ent.changes),
                sum(1 for c in ent.changes for m in c.merges if m.status != "rejected"), len(new_feats),
                Grouping([], [], cu.pairs_compared, cu.pairs_scored), len(docs), t0, t_entities, t_grouping,
                changed=cu.joined + len(cu.dropped) + len(cu.rewritten) + sum(1 for c in ent.changes if c.id is not None))
    log.info("update: %d documents, %d claims: %d groups made or grown (%d stored joined, %d regrouped), "
             "%d rewritten, %.2f s", len(docs), len(new_feats), len(cu.changes), cu.joined, len(cu.dropped),
             len(cu.rewritten), out.seconds)
    return out


def _node_of_local(rows: list[EntityRow]) -> dict[tuple[int, str], str]:
    return {(r["document_id"], r["local_id"]): n for r in rows if (n := node_of(r))}


def _origins(store: Store, docs: list[DocumentRow], new_ids: set[int]) -> tuple[list[Origin], set[int]]:
    """The copy clusters the new documents join, and the documents crediting them, computed
    again exactly; returns their origins and the stored documents whose origin changed."""
    copies = {d["id"]: independence.copy_of(d) for d in docs}
    near = store.copy_candidates(b for c in copies.values() for b in c.bands)
    credits = {fold(p) for p in store.new_publishers()}
    cluster_ids = store.copy_cluster_members(near | new_ids, credits) | new_ids
    cluster_docs = store.documents_for_resolve(cluster_ids)
    signatures = store.signatures(cluster_ids - new_ids)
    all_copies = [copies.get(d["id"]) or independence.Copy(d["id"], (d.get("published") or "9999", d["sha256"]),
                                                           *signatures.get(d["id"], (b"", [])))
                  for d in cluster_docs]
    pubs = {fold(p): p for p in store.publisher_names()}
    origins = independence.origins(cluster_docs, pubs, all_copies)
    before = store.origins_of(cluster_ids)
    return origins, {o.document_id for o in origins if o.document_id not in new_ids
                     and before.get(o.document_id) != o.origin}


def join_entities(store: Store, new_rows: list[EntityRow], judgements: Mapping[tuple[str, str], str]) -> Entities:
    """New rows join stored entities (resolve.entity_joins); each entity that takes rows is
    described again from its tally plus theirs."""
    nodes, blocks = entity_joins.node_blocks_to_fetch(new_rows)
    around = store.entities_around(nodes, blocks, ents.BLOCK_CAP)
    known = entity_joins.Known(
        entity_of=around.entity_of, blocks_of=around.blocks_of, members=around.members, block_size=around.block_size,
        entity_nodes=around.entity_nodes,
        nodes={k: entity_joins.aliases_from_blocks(k, bs) for k, bs in around.blocks_of.items()})
    upd = entity_joins.join(nodes, known, judgements)
    stored_ids = {g for j in upd.joins for g in j.stored}
    tallies = store.entity_tallies(stored_ids)
    _tally_missing(store, stored_ids - tallies.keys(), tallies)
    shown = store.node_names({k for j in upd.joins for e, _ in j.merges for k in (e.a, e.b) if k not in nodes})
    shown.update((k, n.surfaces.most_common(1)[0][0]) for k, n in nodes.items() if n.surfaces)
    node_of_row = {r["id"]: k for k, n in nodes.items() for r in n.rows}
    out = Entities(changes=[])
    for j in upd.joins:
        fresh = ents.tally(list(ents.build_nodes(j.rows).values()))
        if not j.stored:
            t = fresh
        else:
            base = [ents.Tally(**tallies[g]["tally"]) for g in j.stored]
            t = base[0]
            for extra in base[1:]:
                t = t.plus(extra, 0)
            n_docs = (base[0].n_documents + fresh.n_documents if len(base) == 1
                      else len(store.entity_documents(j.stored) | {r["document_id"] for r in j.rows}))
            t = t.plus(fresh, n_docs)
        entity = ents.described(t)
        keep = j.stored[0] if j.stored else None
        merges = [Merge(key_a=e.a, key_b=e.b, name_a=shown.get(e.a, e.a.split(":", 1)[-1]),
                        name_b=shown.get(e.b, e.b.split(":", 1)[-1]), score=e.score, evidence=e.evidence,
                        status=status, entity_key=entity["key"] if status != "rejected" else None)
                  for e, status in j.merges]
        out.changes.append(EntityChange(
            id=keep, absorbed=j.stored[1:], entity=entity, tally=vars(t).copy(),
            blocks={k: upd.new_blocks[k] for k in sorted({node_of_row[r["id"]] for r in j.rows}) if upd.new_blocks[k]
                    or k in j.nodes},
            rows=sorted((node_of_row[r["id"]], r["id"]) for r in j.rows), merges=merges))
        for r in j.rows:
            out.by_local[(r["document_id"], r["local_id"])] = entity["name"]
        out.names.update((g, entity["name"]) for g in j.stored)
        group_nodes = set(j.nodes) | {k for g in j.stored for k in around.entity_nodes.get(g, [])}
        out.by_node.update((k, entity["name"]) for k in group_nodes)
        if j.stored and (j.stored[1:] or any(tallies[g]["name"] != entity["name"] for g in j.stored)):
            out.renamed |= group_nodes
        out.renamed |= set(j.nodes)  # stored claims may name it already, under their own spelling
    return out


def _tally_missing(store: Store, missing: set[int], tallies: dict[int, dict[str, Any]]) -> None:
    """Tallies of stored entities that have none (written by an interrupted repair), from their rows."""
    if not missing:
        return
    rows = store.entity_rows_of_entities(missing)
    by_entity = store.entities_of_rows(r["id"] for r in rows)
    for g in missing:
        mine = [r for r in rows if by_entity.get(r["id"]) == g]
        t = ents.tally(list(ents.build_nodes(mine).values())) if mine else None
        if t is not None:
            tallies[g] = {"tally": vars(t).copy(), "name": ents.described(t)["name"], "key": ""}


__all__ = ["ClaimRow", "run"]
