"""A full run: every entity, origin and claim group computed again from the extraction tables.
Its result depends only on the documents stored, never on the order they came in."""

from __future__ import annotations

import logging
import time
from collections import defaultdict
from dataclasses import dataclass, replace
from typing import Protocol

from ..folding import fold
from ..resolution import ClaimGroup, ClaimRow, DocumentRow, EntityRow, Origin, ResolveStats
from ..resolve import claims as claimgroups
from ..resolve import entities as ents
from ..resolve import groups as groupjson
from ..resolve import independence
from ..resolve.claims import ClaimFeatures
from ..store import PendingWork, Store
from .names import claim_key, global_names, groups_of, node_of, stats

log = logging.getLogger(__name__)


class ResolveInputs(Protocol):
    """The typed loads a full resolve reads: the store's (Derived), or a Parquet corpus's (bulk.py)."""

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


def compute(source: ResolveInputs, min_confidence: float | None = None) -> FullResolution:
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
    feats = sorted(claimgroups.features(source.claim_rows(), profiles), key=claim_key)
    t1 = time.perf_counter()
    grouping = claimgroups.group(feats, min_confidence=min_confidence)
    t_grouping = time.perf_counter() - t1
    by_local, by_node = global_names(rows, res.components)
    node_of_local = {(r["document_id"], r["local_id"]): n for r in rows if (n := node_of(r))}
    groups = groups_of(feats, grouping, {o.document_id: o.origin for o in origins}, source.labels(),
                       groupjson.claimant_resolver(by_local, by_node))
    out = stats("full", groups, len(res.clusters), sum(1 for _, s in res.merges if s != "rejected"), len(feats),
                grouping, len(docs), t0, t_entities, t_grouping)
    return FullResolution(res, origins, feats, groups, node_of_local, out)


def run(store: Store, work: PendingWork) -> ResolveStats:
    t0 = time.perf_counter()
    full = compute(store, store.group_threshold())
    feats = full.features
    store.write_full(
        work, entities=full.entities.components, groups=full.groups,
        features={f.row["id"]: claimgroups.features_json(f) for f in feats},
        blocks={f.row["id"]: f.keys for f in feats},
        claimants={f.row["id"]: groupjson.claimant_nodes(f.row, full.node_of_local) for f in feats},
        origins=full.origins)
    out = replace(full.stats, seconds=round(time.perf_counter() - t0, 3))
    log.info("full resolve: %d groups from %d claims in %.2f s", out.groups, out.claims, out.seconds)
    return out
