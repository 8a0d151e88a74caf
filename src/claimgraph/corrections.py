"""People's corrections of what extraction found, and how they apply to it.

A person marks a quote's speaker, or a claim's value, claimant or group, as wrong and gives the
right one. A correction names its document by SHA-256 and its item by content (its anchor: a
quote's words; a claim's number as written and its sentence), never by row id, so that it finds
its item again after `reprocess` renumbers everything (as merge judgements do).

The extraction stored with a document stays what extract made; the records people and resolve
read (the quotes and claims rows, the document's page) are that extraction with the corrections
applied by `apply`, each corrected item carrying what changed: "corrections": [{"field", "was",
"now", "by", "at", "note"}].
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .folding import fold

FIELDS: dict[str, tuple[str, ...]] = {"quote": ("speaker",), "claim": ("value", "claimant", "group")}
VALUE_KEYS = ("value", "low", "high", "qualifier", "bound", "number_text")
# What a claimant's basis becomes when a person names who makes a claim the outlet made its own.
NAMED_BASIS = {"publisher": "attribution", "author": "attribution", "unknown": "attribution"}


@dataclass(frozen=True)
class Correction:
    """One person's correction of one field of one extracted item."""

    sha256: str
    item: str  # quote | claim
    anchor: str
    field: str  # speaker | value | claimant | group
    now: Any  # the right value: {"name"} (speaker, claimant), the value's fields, {"apart"} or {"with"}
    author: str | None = None
    at: str | None = None
    note: str | None = None


def quote_anchor(q: Mapping[str, Any]) -> str:
    """What finds a quote again: its words."""
    return " ".join(str(q.get("text") or "").split())


def claim_anchor(c: Mapping[str, Any]) -> str:
    """What finds a claim again: its number as written, and its sentence (one sentence may hold
    several numbers)."""
    return f"{c.get('number_text') or ''} @ {' '.join(str(c.get('text') or '').split())}"


def anchor(item: str, record: Mapping[str, Any]) -> str:
    return quote_anchor(record) if item == "quote" else claim_anchor(record)


def was(item: str, field: str, record: Mapping[str, Any]) -> Any:
    """What the corrected field held as extracted."""
    if item == "quote":
        sp = record.get("speaker") or {}
        return {"name": sp.get("name"), "entity": sp.get("entity"), "method": sp.get("method")}
    if field == "value":
        return {k: record.get(k) for k in VALUE_KEYS}
    if field == "claimant":
        cm = record.get("claimant") or {}
        return {"name": cm.get("name"), "entity": cm.get("entity"), "basis": cm.get("basis")}
    return record.get("group")


def apply(quotes: list[dict[str, Any]], claims: list[dict[str, Any]], entities: list[Mapping[str, Any]],
          corrections: Iterable[Correction]) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[Correction]]:
    """The document's quotes and claims (JSON records, as extract made them) with the corrections
    applied, and the corrections that found no item (the text changed under them)."""
    quotes, claims = copy.deepcopy(quotes), copy.deepcopy(claims)
    by_anchor: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for q in quotes:
        by_anchor.setdefault(("quote", quote_anchor(q)), []).append(q)
    for c in claims:
        by_anchor.setdefault(("claim", claim_anchor(c)), []).append(c)
    lost: list[Correction] = []
    for fix in sorted(corrections, key=lambda f: (f.at or "", f.item, f.anchor, f.field)):
        targets = by_anchor.get((fix.item, fix.anchor))
        if not targets:
            lost.append(fix)
            continue
        for record in targets:
            before = was(fix.item, fix.field, record)
            _set(fix, record, entities)
            record.setdefault("corrections", []).append(
                {"field": fix.field, "was": before, "now": fix.now, "by": fix.author, "at": fix.at, "note": fix.note})
    return quotes, claims, lost


def _set(fix: Correction, record: dict[str, Any], entities: list[Mapping[str, Any]]) -> None:
    now = fix.now if isinstance(fix.now, dict) else {}
    if fix.field in ("speaker", "claimant"):
        name = str(now.get("name") or "").strip()
        key = "speaker" if fix.field == "speaker" else "claimant"
        old = dict(record.get(key) or {})
        old.update({"name": name, "entity": entity_named(entities, name)})
        if fix.field == "speaker":
            old["method"] = "corrected"
            old.setdefault("text", name)
        else:
            old["basis"] = NAMED_BASIS.get(str(old.get("basis") or "publisher"), old.get("basis"))
        record[key] = old
    elif fix.field == "value":
        record.update({k: now.get(k) for k in VALUE_KEYS if k in now})
    elif fix.field == "group":
        record["group"] = now


def entity_named(entities: Iterable[Mapping[str, Any]], name: str) -> str | None:
    """The id of the document's entity a corrected name names (by its name or an alias)."""
    want = fold(name)
    for e in entities:
        if want and (fold(str(e.get("name") or "")) == want or any(fold(str(a)) == want for a in e.get("aliases") or [])):
            return str(e["id"])
    return None


def extracted_anchor(record: Mapping[str, Any]) -> str:
    """A corrected claim's anchor as extracted (a value correction rewrites its number's words)."""
    for fix in record.get("corrections") or []:
        if fix.get("field") == "value" and isinstance(fix.get("was"), dict):
            return claim_anchor({**record, "number_text": fix["was"].get("number_text")})
    return claim_anchor(record)


def group_decision(record: Mapping[str, Any]) -> tuple[bool, tuple[str, str] | None]:
    """A claim's group as a person decided it: (kept apart from every group, the (document, anchor)
    of the claim it belongs with)."""
    g = record.get("group")
    if not isinstance(g, dict):
        return False, None
    w = g.get("with")
    return bool(g.get("apart")), (str(w.get("sha256")), str(w.get("anchor"))) if isinstance(w, dict) else None
