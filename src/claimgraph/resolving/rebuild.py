"""Groups written again from their stored members: when their claimants' names or their
documents' origins changed, when they lost claims, or when an update found no state to join on."""

from __future__ import annotations

from collections.abc import Mapping

from ..resolution import ClaimGroup
from ..resolve import claim_joins
from ..resolve import claims as claimgroups
from ..resolve import groups as groupjson
from ..resolve.claims import ClaimFeatures
from ..store import Store
from .names import claim_key


def rebuild_groups(store: Store, wanted: Mapping[int, tuple[list[int], list[ClaimFeatures]]],
                   origin: Mapping[int, str], labels: Mapping[str, list[str]],
                   by_local: Mapping[tuple[int, str], str], by_node: Mapping[str, str],
                   leave_out: frozenset[int] = frozenset(), names: Mapping[int, str] | None = None,
                   ) -> dict[int, ClaimGroup]:
    """group id -> its JSON and state made again from the members of the stored groups it holds
    (`wanted`: id -> (stored groups, new claims it takes)), without the claims in `leave_out`.
    A group left with no claim is not returned. `origin`, `by_local`, `by_node` and `names`
    (entity id -> name) override what the store holds (what the caller computed and has not
    written yet)."""
    if not wanted:
        return {}
    members = store.group_members({g for gs, _ in wanted.values() for g in gs})
    ids = {c for cs in members.values() for c in cs} - leave_out
    rows = {r["id"]: r for r in store.claim_rows_by_id(ids)}
    feats = store.claim_features(ids)
    extra = [f.row for _, fs in wanted.values() for f in fs]
    all_rows = [*rows.values(), *extra]
    org = store.origins_of({r["document_id"] for r in all_rows})
    org.update(origin)
    local, node = store.claimant_lookup(all_rows, names)
    local.update(by_local)
    node.update(by_node)
    claimant = groupjson.claimant_resolver(local, node)
    out: dict[int, ClaimGroup] = {}
    for gid, (groups, new) in wanted.items():
        fs = [claimgroups.features_from_json(rows[c], feats[c]) for g in groups for c in members.get(g, [])
              if c in rows and c in feats] + list(new)
        if not fs:
            continue
        fs.sort(key=claim_key)
        out[gid] = ClaimGroup(key=groupjson.group_key([f.row for f in fs]), component=0,
                              claims=[f.row["id"] for f in fs], data=groupjson.group_json(fs, org, labels, claimant),
                              state=claim_joins.state_of(fs).to_json())
    return out
