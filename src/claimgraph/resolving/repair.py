"""A repair: the entities and groups that lost members or whose names, origins or labels changed
are made again from their stored rows (a reprocessed or corrected document, a user's decision
on a merge, a publisher's new label). Each entity repaired is resolved again with the others
repaired with it, as a full run resolves names; a group keeps its remaining claims (a full run
may regroup them)."""

from __future__ import annotations

import logging
import time

from ..resolution import ResolveStats
from ..resolve import entities as ents
from ..resolve.claims import Grouping
from ..store import PendingWork, Store
from .names import global_names, stats
from .rebuild import rebuild_groups

log = logging.getLogger(__name__)
KINDS = ("group", "entity", "node", "publisher", "claim-block")


def run(store: Store, work: PendingWork) -> ResolveStats | None:
    """Repair what `work` owes besides new documents, and take the documents pending again out
    of what they had joined (an update joins them anew). None when there is nothing to repair."""
    t0 = time.perf_counter()
    again = store.resolved_documents(work.ids("document"))
    mine = work.only(*KINDS)
    if not mine.rows and not again:
        return None
    leave_claims, leave_rows = store.document_members(again)
    entities = work.ids("entity") | store.entities_of_nodes(work.refs("node")) | set(leave_rows.values())
    rows = [r for r in store.entity_rows_of_entities(entities) if r["id"] not in leave_rows]
    blocks = {b for n in ents.build_nodes(rows).values() for b in ents.blocking_keys(n)}
    res = ents.resolve_entities(rows, store.judgements(), store.entity_block_sizes(blocks))
    by_local, by_node = global_names(rows, res.components)
    renamed = {n for c in res.components for e in c.entities for n in e.nodes}  # (a repair is rare: all of them)
    groups = (work.ids("group") | set(leave_claims.values())
              | set(store.groups_of_claims(store.claims_of_claimants(renamed)
                                           | store.claims_of_publishers(work.refs("publisher")))))
    rebuilt = rebuild_groups(store, {g: ([g], []) for g in groups}, {}, store.labels(), by_local, by_node,
                             leave_out=frozenset(leave_claims))
    for g in rebuilt.values():
        g.claims = []  # members stay; the write keeps their rows
    store.write_repair(work.only(*KINDS), entities_replaced=sorted(entities), entities=res.components,
                       rewritten=rebuilt, emptied=groups - rebuilt.keys(), detached_claims=sorted(leave_claims),
                       detached_rows=sorted(leave_rows))
    out = stats("repair", list(rebuilt.values()), len(res.clusters), 0, 0, Grouping([], []), 0, t0,
                time.perf_counter() - t0, 0, changed=len(entities) + len(groups))
    log.info("repair: %d entities resolved again, %d groups rewritten, %d emptied, %.2f s", len(entities),
             len(rebuilt), len(groups - rebuilt.keys()), out.seconds)
    return out
