"""The claim half of an update: new claims are grouped among themselves, regrouped with the
members of the small or doubled stored groups they meet, then joined to the settled stored
groups on their states (resolve/claim_joins.py)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..resolution import ClaimGroup, ClaimRow, GroupChange
from ..resolve import claim_joins
from ..resolve import claims as claimgroups
from ..resolve import entities as ents
from ..resolve import groups as groupjson
from ..resolve.claims import ClaimFeatures
from ..store import Store
from .names import claim_key
from .rebuild import rebuild_groups


@dataclass
class ClaimUpdate:
    changes: list[GroupChange] = field(default_factory=list)
    dropped: list[int] = field(default_factory=list)  # stored groups regrouped from their members
    rewritten: dict[int, ClaimGroup] = field(default_factory=dict)  # stored groups whose JSON is made again
    joined: int = 0  # stored groups that took claims
    pairs_compared: int = 0
    pairs_scored: int = 0


@dataclass
class Context:
    """What the JSON of a group needs beyond its claims."""

    origin: dict[int, str]
    labels: Mapping[str, list[str]]
    by_local: dict[tuple[int, str], str]
    by_node: dict[str, str]
    dependent: set[int]  # stored groups whose claimants' names or documents' origins changed
    names: dict[int, str] = field(default_factory=dict)  # stored entity -> the name this update gives it
    min_confidence: float | None = None  # claims found with less stay alone (Decisions.group_threshold)

    @property
    def claimant(self) -> groupjson.Claimant:
        return groupjson.claimant_resolver(self.by_local, self.by_node)

    def add_stored(self, rows: list[ClaimRow], store: Store) -> None:
        """Origins and claimant names of stored claims an update regroups (what it computed wins)."""
        for d, o in store.origins_of({r["document_id"] for r in rows}).items():
            self.origin.setdefault(d, o)
        by_local, by_node = store.claimant_lookup(rows, self.names)
        for k, v in by_local.items():
            self.by_local.setdefault(k, v)
        for n, v in by_node.items():
            self.by_node.setdefault(n, v)


def join_claims(store: Store, new_feats: list[ClaimFeatures], ctx: Context) -> ClaimUpdate:
    out = ClaimUpdate()
    counts = Counter(k for f in new_feats for k in f.keys)
    stored_sizes = store.claim_block_sizes(counts)
    sizes = {k: n + stored_sizes.get(k, 0) for k, n in counts.items()}
    grouping = claimgroups.group(new_feats, sizes, min_confidence=ctx.min_confidence)
    out.pairs_compared, out.pairs_scored = grouping.pairs_compared, grouping.pairs_scored
    # Claims a person kept apart, or found with less confidence than the threshold, join nothing.
    alone = {id(new_feats[i]) for i in claimgroups.kept_apart(new_feats, ctx.min_confidence)}
    batch = [[new_feats[i] for i in g] for g in grouping.groups]
    batch = [fs for fs in batch if not any(id(f) in alone for f in fs)] + [
        fs for fs in batch if any(id(f) in alone for f in fs)]
    joinable = sum(1 for fs in batch if not any(id(f) in alone for f in fs))
    pairs = _pairs(store, batch[:joinable], sizes, set())
    stored = store.group_states({g for _, g in pairs})
    _fill_states(store, stored)
    states = [claim_joins.state_of(fs) for fs in batch]
    due = _due(stored, pairs)
    due_key: dict[str, int] = {}  # a regrouped group still led by the same first claim keeps its id
    moved_from: dict[int, int] = {}  # stored claim -> the regrouped group it leaves
    settled = {g: claim_joins.GroupState.from_json(s["state"]) for g, s in stored.items() if g not in due}
    if due:
        # New groups that join no settled group are grouped again with the small, doubled or
        # weakly met groups they meet, from those groups' members, as a full run would.
        joins_settled = {b for j in claim_joins.join(states, settled, [p for p in pairs if p[1] in settled])
                         for b in j.new if j.stored}
        met = sorted({b for b, g in pairs if g in due and b not in joins_settled})
        due = {g for b, g in pairs if g in due and b in set(met)}
    if due:
        due_key = {stored[g]["key"]: g for g in due}
        members = store.group_members(due)
        moved = _features(store, [c for cs in members.values() for c in cs])
        moved_from = {c: g for g, cs in members.items() for c in cs}
        ctx.add_stored([f.row for f in moved], store)
        local = sorted([f for b in met for f in batch[b]] + moved, key=claim_key)
        more = Counter(k for f in moved for k in f.keys if k not in sizes)
        sizes.update(store.claim_block_sizes(more))
        regroup = claimgroups.group(local, sizes, min_confidence=ctx.min_confidence)
        out.pairs_compared += regroup.pairs_compared
        out.pairs_scored += regroup.pairs_scored
        unmet = [b for b in range(len(batch)) if b not in set(met)]
        batch = [batch[b] for b in unmet] + [[local[i] for i in g] for g in regroup.groups]
        states = [states[b] for b in unmet] + [claim_joins.state_of(fs) for fs in batch[len(unmet):]]
        pairs = _pairs(store, batch, sizes, due, alone)
        more_stored = store.group_states({g for _, g in pairs} - stored.keys())
        _fill_states(store, more_stored)
        stored.update(more_stored)
        settled.update((g, claim_joins.GroupState.from_json(s["state"])) for g, s in more_stored.items())
    joined = claim_joins.join(states, settled, [p for p in pairs if p[1] in settled])
    out.joined = sum(len(j.stored) for j in joined)
    slow: dict[int, tuple[list[int], list[ClaimFeatures]]] = {}
    claimant = ctx.claimant
    for j in joined:
        fs = sorted((f for b in j.new for f in batch[b]), key=claim_key)
        key = groupjson.group_key([f.row for f in fs])
        ids = [f.row["id"] for f in fs]
        if not j.stored:
            reuse = due_key.pop(key, None)
            g = ClaimGroup(key=key, component=ents.component_id([f"{f.row['sha256']}:{f.row['local_id']}" for f in fs]),
                           claims=ids, data=groupjson.group_json(fs, ctx.origin, ctx.labels, claimant),
                           state=states[j.new[0]].to_json())
            out.changes.append(GroupChange(id=reuse, absorbed=[], group=g))
            continue
        keep = j.stored[0]
        state = claim_joins.merged([claim_joins.GroupState.from_json(stored[g]["state"]) for g in j.stored]
                                   + [states[b] for b in j.new])
        change = GroupChange(id=keep, absorbed=j.stored[1:], group=ClaimGroup(
            key=min([stored[g]["key"] for g in j.stored] + [key]), component=stored[keep]["component"], claims=ids,
            data={}, state=state.to_json()))
        if set(j.stored) & ctx.dependent:
            slow[keep] = (j.stored, fs)
        else:
            entries = [e for g in j.stored for e in groupjson.entries_of(stored[g]["data"])]
            entries += [e for f in fs if (e := groupjson.claim_entry(f, ctx.origin, claimant))]
            change.group.data = groupjson.group_from_entries(entries, claimgroups.label(claim_joins.label_members(state)),
                                                   fs[0].event_class, ctx.labels)
        out.changes.append(change)
    out.dropped = sorted(due_key.values())
    for gid in ctx.dependent - {g for j in joined for g in j.stored} - due:
        slow[gid] = ([gid], [])
    rebuilt = rebuild_groups(store, slow, ctx.origin, ctx.labels, ctx.by_local, ctx.by_node,
                             leave_out=frozenset(moved_from), names=ctx.names)
    for change in out.changes:
        if change.id is not None and change.id in rebuilt:
            change.group.data = rebuilt.pop(change.id).data
    for g in rebuilt.values():
        g.key, g.claims, g.state = "", [], {}  # its claims and state stay as stored
    out.rewritten = rebuilt
    return out


def _due(stored: Mapping[int, dict[str, Any]], pairs: Mapping[tuple[int, int], int]) -> set[int]:
    """Stored groups to group again from their members: small or doubled since last grouped
    (GroupState.settled), or met only through names or years that few of their claims have
    (they may hold a stray claim of the story meeting them)."""
    link: dict[int, int] = {}
    for (_, g), n in pairs.items():
        link[g] = max(link.get(g, 0), n)
    return {g for g, s in stored.items() if not claim_joins.GroupState.from_json(s["state"]).settled
            or link.get(g, 0) * 2 < s["state"]["n"]}


def _pairs(store: Store, batch: list[list[ClaimFeatures]], sizes: Mapping[str, int],
           leave: set[int], alone: frozenset[int] | set[int] = frozenset()) -> dict[tuple[int, int], int]:
    """(new group, stored group) -> how many of the stored group's claims are in the most shared
    block, for each stored group a new group meets through the block of a name or a year within
    the cap (not those in `leave`, nor for new groups holding a claim in `alone`: ids of features)."""
    reach: dict[str, list[int]] = defaultdict(list)
    for b, fs in enumerate(batch):
        if any(id(f) in alone for f in fs):
            continue
        for k in sorted({k for f in fs for k in claim_joins.anchor_keys(f)}):
            if sizes.get(k, 0) <= claimgroups.BLOCK_CAP:
                reach[k].append(b)
    out: dict[tuple[int, int], int] = {}
    for k, gs in store.claim_block_groups(reach).items():
        for g, n in gs.items():
            if g not in leave:
                for b in reach[k]:
                    out[(b, g)] = max(out.get((b, g), 0), n)
    return out


def _features(store: Store, ids: list[int]) -> list[ClaimFeatures]:
    rows = {r["id"]: r for r in store.claim_rows_by_id(ids)}
    feats = store.claim_features(rows)
    return [claimgroups.features_from_json(rows[c], feats[c]) for c in ids if c in rows and c in feats]


def _fill_states(store: Store, stored: dict[int, dict[str, Any]]) -> None:
    """A group stored without a state (written by a repair) gets it from its members; one
    without members is left out."""
    missing = [g for g, s in stored.items() if not s["state"]]
    if missing:
        members = store.group_members(missing)
        fs = {f.row["id"]: f for f in _features(store, [c for cs in members.values() for c in cs])}
        for g in missing:
            mine = [fs[c] for c in members.get(g, []) if c in fs]
            if mine:
                stored[g]["state"] = claim_joins.state_of(mine).to_json()
    for g in [g for g, s in stored.items() if not s["state"]]:
        del stored[g]
