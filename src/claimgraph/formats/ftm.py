"""FollowTheMoney entities, one JSON object a line (what `ftm store write`, Aleph and OpenAleph
load), made with followthemoney's own model so that every property is one the schema has and
every value is cleaned by its type.

- People, organisations, places and events across documents: Person, Organization, Address
  (with its country where the gazetteer knows the place), Event; roles become a person's
  `position`.
- Each document: Article when a publisher put it out, else Document, with its URL, publisher,
  dates and (unless left out) its text. FtM's `contentHash` is a SHA-1 by the model (it is how
  Aleph's archive finds the original): it holds the SHA-1 of the same unaltered bytes, and the
  SHA-256 claimgraph knows the original by is in the entity's id and its `notes`.
- Each entity named in a document: a Mention linking the two, with the names used there.
- Each quote and numeric claim: a Note on its speaker or claimant (`entity`) with the document
  as `proof`; a speaker that resolved to no entity is named in `namesMentioned`.

Values longer than the model allows (a document's text beyond 65,000 characters, a title beyond
1,024) are split into several values where the type is free text, else cut. Ids are stable: a document's comes from its SHA-256, an entity's from resolve's key, a quote's
and a claim's from the document and span. Entities come first, then each document with its
mentions and notes, so every id a link names was written before the link.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Iterator
from pathlib import PurePosixPath
from typing import IO, Any

from followthemoney import model, registry
from followthemoney.proxy import EntityProxy

from .. import __version__, places
from ..filters import Filters
from ..formatting import value_text
from ..store import Store
from ..store.filtered import Aligned

log = logging.getLogger(__name__)

SCHEMA = {"PERSON": "Person", "ORG": "Organization", "GPE": "Address", "LOC": "Address", "FAC": "Address",
          "EVENT": "Event"}
MIME = {"text": "text/plain", "html": "text/html", "pdf": "application/pdf"}
AGENT = f"claimgraph {__version__}"


def entity_id(key: str | int) -> str:
    return model.make_entity("Thing").make_id("claimgraph", "entity", str(key)) or ""


def document_id(sha256: str) -> str:
    return f"claimgraph-doc-{sha256}"


def _entity(row: dict[str, Any]) -> EntityProxy | None:
    schema = SCHEMA.get(row["type"])
    if schema is None:
        return None
    p = model.make_entity(schema)
    p.id = entity_id(row["id"])
    if schema == "Address":
        _put(p, "full", row["name"])
        place = places.lookup(row["name"])
        if place is not None and place.country:
            p.add("country", place.country.lower())
            if place.kind == "city":
                p.add("city", place.name)
    else:
        _put(p, "name", row["name"])
        for alias in row["aliases"]:
            if alias != row["name"]:
                _put(p, "alias", alias)
    if schema == "Person":
        for role in row["roles"]:
            _put(p, "position", role)
    return p


def _chunks(text: str, limit: int) -> Iterator[str]:
    """Pieces of at most `limit` characters, cut at white space where there is some."""
    start = 0
    while start < len(text):
        end = start + limit
        if end < len(text):
            cut = text.rfind(" ", start + 1, end)
            end = cut if cut > start else end
        yield text[start:end]
        start = end


def _put(p: EntityProxy, prop: str, value: str | None) -> None:
    """Add a value within the length the property's type allows: long free text as several
    values in order, anything else cut."""
    if not value:
        return
    limit = p.schema.properties[prop].type.max_length
    if len(value) <= limit:
        p.add(prop, value)
    elif p.schema.properties[prop].type == registry.text:
        p.add(prop, list(_chunks(value, limit)))
    else:
        p.add(prop, value[: limit - 1] + "\u2026")


def _document(doc: dict[str, Any], original: bytes, with_text: bool) -> EntityProxy:
    p = model.make_entity("Article" if doc["publisher"] else "Document")
    p.id = document_id(doc["sha256"])
    p.add("contentHash", hashlib.sha1(original).hexdigest())
    p.add("notes", f"SHA-256 of the original: {doc['sha256']}")
    for prop, key in (("title", "title"), ("author", "author"), ("publisher", "publisher")):
        _put(p, prop, doc[key])
    p.add("publishedAt", doc["published"])
    p.add("sourceUrl", doc["url"])
    p.add("language", doc["language"])
    _put(p, "fileName", PurePosixPath(doc["source"] or "").name)
    p.add("mimeType", MIME.get(doc["format"] or ""))
    p.add("processingAgent", AGENT)
    p.add("processedAt", (doc["processed_at"] or "")[:10])
    if with_text:
        _put(p, "bodyText", doc["text"])
    return p


def _mention(doc_id: str, entity: dict[str, Any]) -> EntityProxy:
    p = model.make_entity("Mention")
    p.make_id(doc_id, "mention", str(entity["id"]))
    p.add("document", doc_id)
    p.add("resolved", entity_id(entity["id"]))
    for name in entity["names"]:
        _put(p, "name", name)
    p.add("detectedSchema", SCHEMA[entity["type"]])
    return p


def _note(doc: dict[str, Any], kind: str, item: dict[str, Any], who: str | None, who_id: int | None,
          linked: dict[int, dict[str, Any]], summary: str) -> EntityProxy:
    p = model.make_entity("Note")
    p.make_id(doc["sha256"], kind, str(item["start"]), str(item["end"]))
    _put(p, "description", item["text"])
    _put(p, "summary", summary)
    p.add("proof", document_id(doc["sha256"]))
    p.add("sourceUrl", doc["url"])
    p.add("publisher", doc["publisher"])
    if who_id is not None and who_id in linked:
        p.add("entity", entity_id(who_id))
    elif who:
        _put(p, "namesMentioned", who)
    return p


def _claim_summary(c: dict[str, Any]) -> str:
    value = value_text(c["low"], c["high"], c["value"], c["qualifier"])
    what = " ".join(x for x in (value, c["counted"], c["event"]) if x)
    by = f" (claimed by {c['claimant_name']})" if c["claimant_name"] else ""
    return f"{c['kind']}: {what}{by}"


def entities(store: Store, f: Filters, with_text: bool = True,
             tick: Callable[[], None] | None = None) -> Iterator[EntityProxy]:
    """Every FtM entity of the kept documents, links after what they link to."""
    # Every entity a kept document names goes first: its Mentions and Notes may point to any.
    for row in store.export_entities(f):
        p = _entity(row)
        if p is not None:
            yield p
    mentions, quotes, claims = (Aligned(store.export_mentions(f)), Aligned(store.export_quotes(f)),
                                Aligned(store.export_claims(f)))
    for doc in store.export_documents(f, full=with_text):
        d = _document(doc, store.original(doc["sha256"])[0], with_text)
        yield d
        named: dict[int, dict[str, Any]] = {}
        for e in mentions.of(doc["id"]):
            if e["type"] in SCHEMA:  # those written above
                names = named.setdefault(e["id"], {**e, "names": []})["names"]
                names.extend(n for n in e["names"] if n not in names)
        for e in named.values():
            yield _mention(d.id or "", e)
        for q in quotes.of(doc["id"]):
            yield _note(doc, "quote", q, q["speaker_name"], q["speaker_id"], named, f"{q['kind']} quote")
        for c in claims.of(doc["id"]):
            yield _note(doc, "claim", c, c["claimant_name"], c["claimant_id"], named, _claim_summary(c))
        if tick:
            tick()


def write_ftm(store: Store, f: Filters, out: IO[str], with_text: bool = True,
              tick: Callable[[], None] | None = None) -> int:
    n = 0
    for p in entities(store, f, with_text, tick):
        out.write(json.dumps(p.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")
        n += 1
    log.info("wrote %d FollowTheMoney entities", n)
    return n
