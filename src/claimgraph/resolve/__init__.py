"""resolve: across documents — one entity under all its names, one group per claimed quantity,
independent sources and contradictions.

This module's functions are the contract the faces (CLI, web, report) call. Shapes:

global entity (entities()/entity()):
  {"id": int, "name": str, "type": str, "aliases": [str], "roles": [str], "n_documents": int,
   "n_mentions": int,
   "documents": [{"id", "sha256", "title", "publisher", "published", "local_id"}],   # entity() only
   "quotes_by": [quote rows as Store.quotes() returns them],                      # entity() only
   "quotes_about": [quote rows that mention the entity but are spoken by others],  # entity() only
   "merges": [{"id": int, "name_a", "name_b", "score": float, "evidence": str,
               "status": "auto"|"confirmed"|"rejected"}]}                        # entity() only

claim group (claim_groups()/claim_group()): the issue's public JSON contract
  {"id", "label", "counted", "event", "time", "place", "contradiction": bool, "independent_sources": n,
   "contradictions": [{"a": value index, "b": value index, "why": str}],
   "values": [{"low", "high", "qualifier", "claimants": [...], "documents": [sha256...], "independent_sources": n,
               "labels": {label: n}}],
   "claims": [{"id", "document", "document_id", "publisher", "claimant", "text", "low", "high", "qualifier",
               "span": [start, end]}]}

publisher (publishers()): {"publisher": str, "labels": [str], "n_documents": int}
"""

from __future__ import annotations

from typing import Any

from ..store import Store


def resolve_all(store: Store) -> dict[str, Any]:
    """Recompute cross-document entities and claim groups from what is stored; keeps judgements."""
    return {"entities": 0, "groups": 0}


def entities(store: Store, q: str | None = None, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    return []


def entity(store: Store, entity_id: int) -> dict[str, Any]:
    from ..errors import NotFound

    raise NotFound(f"no entity {entity_id}")


def judge(store: Store, merge_id: int, decision: str, note: str | None = None) -> None:
    """Record a user's decision on a merge: confirm, reject (split the names apart)."""
    raise NotImplementedError


def claim_groups(store: Store, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
    return []


def claim_group(store: Store, group_id: int) -> dict[str, Any]:
    from ..errors import NotFound

    raise NotFound(f"no claim group {group_id}")


def publishers(store: Store) -> list[dict[str, Any]]:
    return []


def label_publisher(store: Store, publisher: str, label: str, remove: bool = False) -> None:
    raise NotImplementedError
