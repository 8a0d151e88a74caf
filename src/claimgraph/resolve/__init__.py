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
  Extensions (one entity only): "claims_about" (claims naming it or about it, by others),
  "described" (sentences of outlets naming it outside any quote, apart from its own attributions),
  "totals" ({"documents", "quotes_by", "quotes_about", "claims_about": n}: every item, whatever the
  page), "limit"/"offset" (the page of each list: newest first by publication date; no limit, every
  item), "dated" ({kind: {date: n}}: the timeline's counts, over the newest 500 of each kind).

claim group (Store.claim_groups()/claim_group()): the issue's public JSON contract
  {"id", "label", "counted", "event", "time", "place", "contradiction": bool, "independent_sources": n,
   "contradictions": [{"a": value index, "b": value index, "why": str}],
   "values": [{"low", "high", "qualifier", "claimants": [...], "documents": [sha256...], "independent_sources": n,
               "labels": {label: n}}],
   "claims": [{"id", "document", "document_id", "publisher", "claimant", "text", "low", "high", "qualifier",
               "span": [start, end]}]}
  Extensions: group "event_class", "n_documents", "labels" ({label: {"values": [i], "low", "high"}}: the
  spread of values by publisher label), "updates" ([{"a": earlier value, "b": later value, "why"}]: a
  later figure replacing an earlier one, not a contradiction); value "text" (in its first claim's own
  words: "an estimated 30,000", "several thousand"), "wordings" (every wording of it), "bound" (exact |
  lower | upper | approx | range | vague), "stated" ([lo, hi|null]: what the words state, a point for
  approximate words; [0, null] for words that state no figure, "several"), "range" ([lo, hi|null]: our
  reading of them, after the tolerance), "interpreted"
  (true when range is more than the words state), "reading" ("27,000–33,000": range worded, only when
  interpreted), "published" ([first, last]), "exact", "partial", "publishers", "sources" (the keys counted
  as independent), "n_claims"; claim "value" (index into values: not a number), "value_text" (the claim's
  own words), "bound", "method", "confidence", "corrections" (people's corrections of it: [{"field",
  "was", "now", "by", "at", "note"}]), "local_id", "title", "published", "basis", "source", "origin",
  "number_text". Contradictions are between values whose stated figures and readings both cannot
  meet, never between a value and its update. independent_sources counts connected sets of origins
  and the claimants they quote: one article quoting two claimants is one source. Ids of entities, merges and groups are kept across resolves (by name keys and a
  group's first claim); claim_groups() is ordered most independently sourced first.

publisher (Store.publishers()): {"publisher": str, "labels": [str], "n_documents": int}

merge (Store.merges()): {"id", "global_id", "name_a", "name_b", "key_a", "key_b", "score", "evidence", "status"}

Everything here depends only on the documents themselves, never on the order they were stored
in: an update that recomputes the components a new document touches gives what a full run gives.
"""
