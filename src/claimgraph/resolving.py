"""The resolve workflow: read what the store owes (resolve_pending), run resolve's pure
functions, write the result back.

An update recomputes only the components the new documents touch: the entity nodes and claims
that share a block with them (names, event and counted class, year, heaviest words), whole
components at a time, so that its result equals a full run's. Everything is computed before the
write lock is taken; the write is one short transaction that also clears the pending work, and
is dropped and computed again if documents changed meanwhile.
"""

from __future__ import annotations

import logging
import time
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Protocol

from .folding import fold, norm_name, type_class
from .resolution import ClaimGroup, ClaimRow, DocumentRow, EntityRow, Origin, ResolveStats
from .resolve import claims as claimgroups
from .resolve import entities as ents
from .resolve import groups as groupjson
from .resolve import independence
from .resolve.claims import ClaimFeatures, Grouping
from .store import PendingWork, Stale, Store

log = logging.getLogger(__name__)
RETRIES = 5


def resolve(store: Store, full: bool = False) -> ResolveStats:
    """Bring the cross-document tables up to date: the pending work only, or everything (full)."""
    for attempt in range(RETRIES):
        work = store.pending()
        try:
            if full or work.full:
                return _full(store, work)
            if not work.rows:
                return ResolveStats(mode="none")
            return _update(store, work)
        except Stale:
            log.info("documents changed while resolving; again (%d)", attempt + 1)
    return _full(store, store.pending())


def _claim_key(f: ClaimFeatures) -> tuple[str, str]:
    return f.row["sha256"], f.row["local_id"]


def _node_of(r: EntityRow) -> str | None:
    cls = type_class(r["type"])
    return f"{cls}:{norm_name(r['name'], cls)}" if norm_name(r["name"], cls) else None


class ResolveInputs(Protocol):
    """The typed loads a full resolve reads: the store's (Derived), or a Parquet corpus's."""

    def documents_for_resolve(self) -> list[DocumentRow]: ...
    def entity_rows(self) -> list[EntityRow]: ...
    def claim_rows(self) -> list[ClaimRow]: ...
    def judgements(self) -> dict[tuple[str, str], str]: ...
    def publisher_names(self) -> list[str]: ...
    def labels(self) -> dict[str, list[str]]: ...


@dataclass
class FullResolution:
    """Everything a full resolve computes, before anything is written."""

    entities: ents.EntityResolution
    origins: list[Origin]
    features: list[ClaimFeatures]
    groups: list[ClaimGroup]
    node_of_local: dict[tuple[int, str], str]
    stats: ResolveStats


def compute_full(source: ResolveInputs) -> FullResolution:
    """Resolve everything `source` holds: pure computation over its typed loads."""
    t0 = time.perf_counter()
    docs = source.documents_for_resolve()
    rows = source.entity_rows()
    res = ents.resolve_entities(rows, source.judgements())
    t_entities = time.perf_counter() - t0
    log.info("entities: %d rows -> %d global entities", len(rows), len(res.clusters))
    pubs = {fold(p): p for p in source.publisher_names()}
    origins = independence.origins(docs, pubs)
    log.info("origins of %d documents", len(docs))
    by_doc: dict[int, list[EntityRow]] = defaultdict(list)
    for r in rows:
        by_doc[r["document_id"]].append(r)
    profiles = {d["id"]: claimgroups.document_profile(d, by_doc[d["id"]]) for d in docs}
    feats = sorted(claimgroups.features(source.claim_rows(), profiles), key=_claim_key)
    t1 = time.perf_counter()
    grouping = claimgroups.group(feats)
    t_grouping = time.perf_counter() - t1
    by_local, by_node = _names(rows, res)
    node_of_local = {(r["document_id"], r["local_id"]): n for r in rows if (n := _node_of(r))}
    groups = _groups(feats, grouping, {o.document_id: o.origin for o in origins}, source.labels(),
                     groupjson.claimant_resolver(by_local, by_node))
    stats = _stats("full", groups, res, feats, grouping, len(docs), t0, t_entities, t_grouping)
    return FullResolution(res, origins, feats, groups, node_of_local, stats)


def _full(store: Store, work: PendingWork) -> ResolveStats:
    t0 = time.perf_counter()
    full = compute_full(store)
    feats = full.features
    store.write_resolution(
        work, full=True, entity_components=[], entities=full.entities.components, claim_components=[],
        groups=full.groups, features={f.row["id"]: claimgroups.features_json(f) for f in feats},
        blocks={f.row["id"]: f.keys for f in feats},
        claimants={f.row["id"]: groupjson.claimant_nodes(f.row, full.node_of_local) for f in feats},
        regrouped={}, origins=full.origins, entity_rows_resolved=[])
    stats = replace(full.stats, seconds=round(time.perf_counter() - t0, 3))
    log.info("full resolve: %d groups from %d claims in %.2f s", stats.groups, stats.claims, stats.seconds)
    return stats


def _names(rows: Iterable[EntityRow], res: ents.EntityResolution) -> tuple[dict[tuple[int, str], str], dict[str, str]]:
    """Global names by (document, local entity id) and by node key, from one entity resolution."""
    row_of = {r["id"]: r for r in rows}
    by_local: dict[tuple[int, str], str] = {}
    by_node: dict[str, str] = {}
    for comp in res.components:
        for e in comp.entities:
            for _, rid in e.rows:
                r = row_of[rid]
                by_local[(r["document_id"], r["local_id"])] = e.entity["name"]
            for node in e.nodes:
                by_node[node] = e.entity["name"]
    return by_local, by_node


def _groups(feats: list[ClaimFeatures], grouping: Grouping, origin: Mapping[int, str],
            labels: Mapping[str, list[str]], claimant: groupjson.Claimant) -> list[ClaimGroup]:
    comp_of: dict[int, int] = {}
    for members in grouping.components:
        cid = ents.component_id([f"{feats[i].row['sha256']}:{feats[i].row['local_id']}" for i in members])
        comp_of.update((i, cid) for i in members)
    out = []
    for members in grouping.groups:
        fs = [feats[i] for i in members]
        out.append(ClaimGroup(key=groupjson.group_key([f.row for f in fs]), component=comp_of[members[0]],
                              claims=[f.row["id"] for f in fs], data=groupjson.group_json(fs, origin, labels, claimant)))
    return out


def _stats(mode: str, groups: list[ClaimGroup], res: ents.EntityResolution, feats: list[ClaimFeatures],
           grouping: Grouping, n_docs: int, t0: float, t_entities: float, t_grouping: float,
           recomputed: int = 0) -> ResolveStats:
    return ResolveStats(
        mode=mode, entities=len(res.clusters), merges=sum(1 for _, s in res.merges if s != "rejected"),
        groups=len(groups), groups_with_several_claims=sum(1 for g in groups if len(g.claims) > 1),
        contradictions=sum(1 for g in groups if g.data["contradiction"]), claims=len(feats), documents=n_docs,
        seconds=round(time.perf_counter() - t0, 3), seconds_entities=round(t_entities, 3),
        seconds_grouping=round(t_grouping, 3), pairs_compared=grouping.pairs_compared,
        pairs_scored=grouping.pairs_scored, components_recomputed=recomputed)


def _update(store: Store, work: PendingWork) -> ResolveStats:
    t0 = time.perf_counter()
    docs = store.documents_for_resolve(work.ids("document"))
    new_ids = {d["id"] for d in docs}
    new_rows = store.entity_rows(new_ids)

    # -- entities: the components of every node the new names share a block with
    touched = {n for r in new_rows if (n := _node_of(r))}
    node_rows = _unique(store.entity_rows_of_nodes(touched) + new_rows)
    blocks = ents.node_blocks(ents.build_nodes(node_rows))
    comps = work.ids("entities") | store.entity_components_of_nodes(touched)
    for members in store.entity_block_members(blocks, ents.BLOCK_CAP).values():
        comps |= {c for _, c in members}
    nodes = store.entity_nodes_of_components(comps) | touched
    rows = _unique(store.entity_rows_of_nodes(nodes) + new_rows)
    inside = ents.node_blocks(ents.build_nodes(rows))
    outside = store.entity_block_outside(inside, comps)
    sizes = {k: len(v) + outside.get(k, 0) for k, v in inside.items()}
    res = ents.resolve_entities(rows, store.judgements(), sizes)
    t_entities = time.perf_counter() - t0
    log.info("entities: %d nodes in %d components recomputed", len(nodes), len(comps))

    # -- origins: the copy clusters the new documents join, and the documents crediting them
    copies = {d["id"]: independence.copy_of(d) for d in docs}
    near = store.copy_candidates(b for c in copies.values() for b in c.bands)
    credits = {fold(p) for p in store.new_publishers()}
    cluster_ids = store.copy_cluster_members(near | new_ids, credits) | new_ids
    cluster_docs = store.documents_for_resolve(cluster_ids)
    stored = store.signatures(cluster_ids - new_ids)
    all_copies = [copies.get(d["id"]) or independence.Copy(d["id"], (d.get("published") or "9999", d["sha256"]),
                                                           *stored.get(d["id"], (b"", [])))
                  for d in cluster_docs]
    pubs = {fold(p): p for p in store.publisher_names()}
    origins = independence.origins(cluster_docs, pubs, all_copies)
    before = store.origins_of(cluster_ids)
    origin_changed = {o.document_id for o in origins if before.get(o.document_id) != o.origin}

    # -- claims: the components of every claim the new claims share a block with
    by_doc: dict[int, list[EntityRow]] = defaultdict(list)
    for r in new_rows:
        by_doc[r["document_id"]].append(r)
    profiles = {d["id"]: claimgroups.document_profile(d, by_doc[d["id"]]) for d in docs}
    new_feats = claimgroups.features(store.claim_rows(new_ids), profiles)
    keys = {k for f in new_feats for k in f.keys}
    ccomps = work.ids("claims")
    for cmembers in store.claim_block_members(keys | work.refs("claim-block"), claimgroups.BLOCK_CAP).values():
        ccomps |= {c for _, c in cmembers}
    stored_feats = store.claims_of_components(ccomps)
    old_rows = {r["id"]: r for r in store.claim_rows_by_id(stored_feats)}
    feats = sorted([claimgroups.features_from_json(old_rows[i], d) for i, d in stored_feats.items() if i in old_rows]
                   + new_feats, key=_claim_key)
    inside_c: dict[str, int] = defaultdict(int)
    for f in feats:
        for k in f.keys:
            inside_c[k] += 1
    outside_c = store.claim_block_outside(inside_c, ccomps)
    t1 = time.perf_counter()
    grouping = claimgroups.group(feats, {k: n + outside_c.get(k, 0) for k, n in inside_c.items()})
    t_grouping = time.perf_counter() - t1

    # -- the groups' JSON: those regrouped, and those whose claimants or origins changed
    dependent = (store.claims_of_claimants(nodes) | store.claims_of_documents(origin_changed)
                 | store.claims_of_publishers(work.refs("publisher")))
    regroup_ids = {gid: cs for gid, cs in store.groups_of_claims(dependent).items()
                   if not set(cs) & set(stored_feats)}
    extra_rows = store.claim_rows_by_id(c for cs in regroup_ids.values() for c in cs)
    extra_feats = store.claim_features(r["id"] for r in extra_rows)
    all_rows: list[ClaimRow] = [f.row for f in feats] + extra_rows
    origin = store.origins_of({r["document_id"] for r in all_rows})
    origin.update({o.document_id: o.origin for o in origins})
    by_local, by_node = store.claimant_lookup(all_rows)
    new_local, new_node = _names(rows, res)
    by_local.update(new_local)
    by_node.update(new_node)
    claimant = groupjson.claimant_resolver(by_local, by_node)
    labels = store.labels()
    groups = _groups(feats, grouping, origin, labels, claimant)
    feat_of = {r["id"]: claimgroups.features_from_json(r, extra_feats[r["id"]]) for r in extra_rows
               if r["id"] in extra_feats}
    regrouped = {gid: ClaimGroup(key="", component=0, claims=cs, data=groupjson.group_json(
        [feat_of[c] for c in cs if c in feat_of], origin, labels, claimant))
        for gid, cs in regroup_ids.items() if any(c in feat_of for c in cs)}
    node_of_local = {(r["document_id"], r["local_id"]): n for r in new_rows if (n := _node_of(r))}
    store.write_resolution(
        work, full=False, entity_components=sorted(comps), entities=res.components, claim_components=sorted(ccomps),
        groups=groups, features={f.row["id"]: claimgroups.features_json(f) for f in new_feats},
        blocks={f.row["id"]: f.keys for f in new_feats},
        claimants={f.row["id"]: groupjson.claimant_nodes(f.row, node_of_local) for f in new_feats},
        regrouped=regrouped, origins=origins, entity_rows_resolved=[r["id"] for r in rows])
    stats = _stats("incremental", groups, res, feats, grouping, len(docs), t0, t_entities, t_grouping,
                   recomputed=len(comps) + len(ccomps))
    log.info("update: %d documents, %d claims regrouped in %d components, %d groups rewritten, %.2f s",
             len(docs), len(feats), len(ccomps), len(regrouped), stats.seconds)
    return stats


def _unique(rows: list[EntityRow]) -> list[EntityRow]:
    seen: dict[int, EntityRow] = {}
    for r in rows:
        seen.setdefault(r["id"], r)
    return list(seen.values())


def document_rows(store: Store, ids: Iterable[int]) -> list[DocumentRow]:
    return store.documents_for_resolve(ids)


__all__ = ["Origin", "resolve"]
