"""resolve: across documents — one entity under all its names, one group per claimed quantity,
independent sources and contradictions. Pure functions from records to records
(claimgraph.resolution); claimgraph.resolving reads their inputs from the store and writes
their results back, and the store's reads give the faces these shapes:

global entity (Store.global_entities()/global_entity()):
  {"id": int, "name": str, "type": str, "aliases": [str], "roles": [str], "n_documents": int,
   "n_mentions": int,
   "documents": [{"id", "sha256", "title", "publisher", "published", "local_id"}],   # one entity only
   "quotes_by": [quote rows as Store.quotes() returns them],                      # one entity only
   "quotes_about": [quote rows that mention the entity but are spoken by others],  # one entity only
   "merges": [{"id": int, "name_a", "name_b", "score": float, "evidence": str,
               "status": "auto"|"confirmed"|"rejected"}]}                        # one entity only

claim group (Store.claim_groups()/claim_group()): the issue's public JSON contract
  {"id", "label", "counted", "event", "time", "place", "contradiction": bool, "independent_sources": n,
   "contradictions": [{"a": value index, "b": value index, "why": str}],
   "values": [{"low", "high", "qualifier", "claimants": [...], "documents": [sha256...], "independent_sources": n,
               "labels": {label: n}}],
   "claims": [{"id", "document", "document_id", "publisher", "claimant", "text", "low", "high", "qualifier",
               "span": [start, end]}]}
  Extensions: group "event_class", "n_documents", "labels" ({label: {"values": [i], "low", "high"}}: the
  spread of values by publisher label); value "text" (as people read it), "range" ([lo, hi|null], after
  tolerances), "exact", "partial", "publishers", "sources" (the keys counted as independent), "n_claims";
  claim "value" (index into values), "local_id", "title", "published", "basis", "source", "origin",
  "number_text". Ids of entities, merges and groups are kept across resolves (by name keys and a
  group's first claim); claim_groups() is ordered most independently sourced first.

publisher (Store.publishers()): {"publisher": str, "labels": [str], "n_documents": int}

merge (Store.merges()): {"id", "global_id", "name_a", "name_b", "key_a", "key_b", "score", "evidence", "status"}

Everything here depends only on the documents themselves, never on the order they were stored
in: an update that recomputes the components a new document touches gives what a full run gives.
"""
