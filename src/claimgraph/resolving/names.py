"""How resolve's results name things, shared by the full run, repairs and updates: a claim's
key, an entity row's node, and the global names claimants resolve to."""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping

from ..folding import norm_name, type_class
from ..resolution import ClaimGroup, EntityComponent, EntityRow, ResolveStats
from ..resolve import claim_joins
from ..resolve import entities as ents
from ..resolve import groups as groupjson
from ..resolve.claims import ClaimFeatures, Grouping


def claim_key(f: ClaimFeatures) -> tuple[str, str]:
    return f.row["sha256"], f.row["local_id"]


def node_of(r: EntityRow) -> str | None:
    cls = type_class(r["type"])
    norm = norm_name(r["name"], cls)
    return f"{cls}:{norm}" if norm else None


def global_names(rows: Iterable[EntityRow], comps: Iterable[EntityComponent],
                 ) -> tuple[dict[tuple[int, str], str], dict[str, str]]:
    """Global names by (document, local entity id) and by node key, from resolved components."""
    row_of = {r["id"]: r for r in rows}
    by_local: dict[tuple[int, str], str] = {}
    by_node: dict[str, str] = {}
    for comp in comps:
        for e in comp.entities:
            for _, rid in e.rows:
                r = row_of.get(rid)
                if r is not None:
                    by_local[(r["document_id"], r["local_id"])] = e.entity["name"]
            for node in e.nodes:
                by_node[node] = e.entity["name"]
    return by_local, by_node


def groups_of(feats: list[ClaimFeatures], grouping: Grouping, origin: Mapping[int, str],
              labels: Mapping[str, list[str]], claimant: groupjson.Claimant) -> list[ClaimGroup]:
    """The groups of a grouping, with their JSON and states."""
    comp_of: dict[int, int] = {}
    for members in grouping.components:
        cid = ents.component_id([f"{feats[i].row['sha256']}:{feats[i].row['local_id']}" for i in members])
        comp_of.update((i, cid) for i in members)
    out = []
    for members in grouping.groups:
        fs = [feats[i] for i in members]
        out.append(ClaimGroup(key=groupjson.group_key([f.row for f in fs]), component=comp_of[members[0]],
                              claims=[f.row["id"] for f in fs], data=groupjson.group_json(fs, origin, labels, claimant),
                              state=claim_joins.state_of(fs).to_json()))
    return out


def stats(mode: str, groups: list[ClaimGroup], n_entities: int, n_merges: int, n_claims: int, grouping: Grouping,
          n_docs: int, t0: float, t_entities: float, t_grouping: float, changed: int = 0) -> ResolveStats:
    return ResolveStats(
        mode=mode, entities=n_entities, merges=n_merges, groups=len(groups),
        groups_with_several_claims=sum(1 for g in groups if len(g.data["claims"]) > 1),
        contradictions=sum(1 for g in groups if g.data["contradiction"]), claims=n_claims, documents=n_docs,
        seconds=round(time.perf_counter() - t0, 3), seconds_entities=round(t_entities, 3),
        seconds_grouping=round(t_grouping, 3), pairs_compared=grouping.pairs_compared,
        pairs_scored=grouping.pairs_scored, components_recomputed=changed)
