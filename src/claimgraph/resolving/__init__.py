"""The resolve workflow: read what the store owes (resolve_pending), run resolve's pure
functions, write the result back.

Three ways, by what is owed:
- `full.run` recomputes everything from the extraction tables (`claimgraph resolve`, a
  database made by an earlier resolver, work this resolver does not know). Its result depends
  only on the documents stored, never on the order they came in.
- `repair.run` redoes, from their rows, the entities and groups that lost members or whose
  names, origins or labels changed (a reprocessed or corrected document, a user's decision on a
  merge, a publisher's label).
- `update.run` joins new documents' names and claims to the stored entities and groups without
  reading those entities' and groups' members (resolve/entity_joins.py, claim_joins.py): its
  cost follows the new documents, not the database. ARCHITECTURE.md says what it gives that a
  full run would not.

Everything is computed before the write lock is taken; each write is one short transaction that
also clears the pending work it finished, and is dropped and computed again if documents or the
resolved tables changed meanwhile.
"""

from __future__ import annotations

import logging

from ..resolution import Origin, ResolveStats
from ..store import PendingWork, Stale, Store
from ..store.derived import RESOLVER
from . import full as full_run
from . import repair, update
from .full import FullResolution, ResolveInputs
from .full import compute as compute_full

__all__ = ["FullResolution", "ResolveInputs", "compute_full", "resolve"]
log = logging.getLogger(__name__)
RETRIES = 5
# What a document write, a reprocess or a user's decision leaves owed (resolve_pending kinds).
UPDATES = frozenset({"document"})
REPAIRS = frozenset({"group", "entity", "node", "publisher", "claim-block"})


def resolve(store: Store, full: bool = False) -> ResolveStats:
    """Bring the cross-document tables up to date: the pending work only, or everything (full)."""
    for attempt in range(RETRIES):
        work = store.pending()
        try:
            if full or _needs_full(store, work):
                return full_run.run(store, work)
            if not work.rows:
                return ResolveStats(mode="none")
            stats = repair.run(store, work)
            if work.refs("document"):
                stats = update.run(store, store.pending().only(*UPDATES))
                if stats is None:
                    return full_run.run(store, store.pending())
            return stats or ResolveStats(mode="none")
        except Stale:
            log.info("documents changed while resolving; again (%d)", attempt + 1)
    return full_run.run(store, store.pending())


def _needs_full(store: Store, work: PendingWork) -> bool:
    kinds = {k for k, _ in work.rows}
    if work.full or kinds - UPDATES - REPAIRS:
        return True  # asked for, or work left by an earlier resolver
    return bool(work.rows) and store.resolver() != RESOLVER and store.has_resolved()


__all__ = ["Origin", "resolve"]
