"""Filters on what listings and exports show: one typed record, parsed once, turned into SQL here.

Every face narrows the same way: the CLI's listing and `export` options, the web's listing
pages and their CSV/JSON downloads all build a `Filters` with `parse_filters` (from argparse's
namespace or a query string) and hand it to the store's filtered reads (`store/filtered.py`,
`store/networks.py`). What each filter means:

- Document filters narrow every item to the documents they keep: `publisher` (exact name),
  `label` (publishers a person gave that label), `since`/`until` (publication date: a year, a
  month or a day; `until` takes the whole year or month it names), `document` (an id or a
  SHA-256 prefix).
- `entity` (a global entity's id, or a name or alias, any case) keeps the quotes it speaks or
  is named in, the claims it makes or is named in, the documents that name it, the entity itself
  and the claim groups with such claims.
- `speaker` (part of a name) keeps quotes by such a speaker and claims by such a claimant.
- `group` (a claim group id) keeps that group, its claims and their documents; `disputed` keeps
  groups whose values contradict each other, their claims and documents. Quotes and entities
  follow the documents.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any, NamedTuple

from ..errors import InputError

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True)
class Filters:
    """What to keep; every field None (or False) keeps everything."""

    publisher: str | None = None
    label: str | None = None
    since: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD
    until: str | None = None
    document: str | None = None  # numeric id or SHA-256 prefix
    entity: str | None = None  # global entity id, or a name or alias
    speaker: str | None = None
    group: int | None = None
    disputed: bool = False

    def active(self) -> bool:
        return any(getattr(self, f.name) not in (None, False) for f in fields(self))

    def to_json(self) -> dict[str, Any]:
        """The filters that are set, as a query string or a report names them."""
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) not in (None, False)}


FILTERS: tuple[str, ...] = tuple(f.name for f in fields(Filters))


def parse_filters(values: Mapping[str, Any]) -> Filters:
    """Filters from a mapping of names to values (argparse's `vars(args)`, a query string's
    parameters): other keys are ignored, blanks are unset. A date or an id that cannot be read
    is an InputError naming the filter."""

    def text(name: str) -> str | None:
        v = values.get(name)
        v = str(v).strip() if v is not None else ""
        return v or None

    dates = {}
    for name in ("since", "until"):
        v = text(name)
        if v is not None and not _DATE.match(v):
            raise InputError(f"--{name} {v}", "a date is YYYY, YYYY-MM or YYYY-MM-DD")
        dates[name] = v
    group = text("group")
    if group is not None and not (group.isdigit() and int(group) > 0):
        raise InputError(f"--group {group}", "a claim group is its number (see `claimgraph claims --grouped`)")
    disputed = values.get("disputed")
    on = disputed is True or str(disputed).strip().lower() in ("1", "true", "yes", "on")
    return Filters(publisher=text("publisher"), label=text("label"), since=dates["since"], until=dates["until"],
                   document=text("document"), entity=text("entity"), speaker=text("speaker"),
                   group=int(group) if group else None, disputed=on)


class Where(NamedTuple):
    """SQL conditions joined by AND, with their arguments in order."""

    sql: str
    args: tuple[Any, ...]

    @staticmethod
    def of(parts: list[tuple[str, tuple[Any, ...]]]) -> Where:
        if not parts:
            return Where("1", ())
        return Where(" AND ".join(f"({sql})" for sql, _ in parts), tuple(a for _, args in parts for a in args))


Parts = list[tuple[str, tuple[Any, ...]]]


def entity_rows(f: Filters) -> tuple[str, tuple[Any, ...]]:
    """The per-document entity rows the entity filter names (a subquery of their ids)."""
    e = f.entity or ""
    if e.isdigit():
        return "SELECT entity_id FROM entity_members WHERE global_id = ?", (int(e),)
    # Documents not resolved yet have no global entity: their own entities answer by name.
    return ("SELECT m.entity_id FROM entity_members m JOIN global_entities g ON g.id = m.global_id"
            " WHERE g.name = ? COLLATE NOCASE"
            " OR EXISTS (SELECT 1 FROM json_each(g.aliases) a WHERE a.value = ? COLLATE NOCASE)"
            " UNION SELECT id FROM entities WHERE name = ? COLLATE NOCASE", (e, e, e))


def entity_globals(f: Filters) -> tuple[str, tuple[Any, ...]]:
    """The global entity ids the entity filter names (a subquery)."""
    rows, args = entity_rows(f)
    return f"SELECT global_id FROM entity_members WHERE entity_id IN ({rows})", args


def _names_entity(alias: str, f: Filters) -> tuple[str, tuple[Any, ...]]:
    """An item (alias q or c: document_id, start, end and an attributed local entity) that the
    filter's entity speaks, makes or is named in."""
    rows, args = entity_rows(f)
    who = "speaker_entity" if alias == "q" else "claimant_entity"
    return (f"EXISTS (SELECT 1 FROM entities e WHERE e.document_id = {alias}.document_id"
            f" AND e.local_id = {alias}.{who} AND e.id IN ({rows}))"
            f" OR EXISTS (SELECT 1 FROM mentions mn JOIN entities e ON e.id = mn.entity_id"
            f" WHERE e.document_id = {alias}.document_id AND e.id IN ({rows})"
            f" AND mn.start < {alias}.end AND mn.end > {alias}.start)", args + args)


def _group_claims(f: Filters) -> tuple[str, tuple[Any, ...]] | None:
    """The claim ids the group and dispute filters keep (a subquery), or None."""
    parts: Parts = []
    if f.group is not None:
        parts.append(("m.group_id = ?", (f.group,)))
    if f.disputed:
        parts.append(("g.contradiction = 1", ()))
    if not parts:
        return None
    w = Where.of(parts)
    return ("SELECT m.claim_id FROM claim_members m JOIN claim_groups g ON g.id = m.group_id WHERE " + w.sql, w.args)


def document_where(f: Filters, d: str = "d") -> Where:
    """Conditions on documents (alias `d`): the document filters, and for item filters the
    documents that hold a kept item."""
    parts: Parts = []
    if f.publisher:
        parts.append((f"{d}.publisher = ?", (f.publisher,)))
    if f.label:
        parts.append((f"{d}.publisher IN (SELECT publisher FROM publisher_labels WHERE label = ?)",
                      (f.label.strip().lower(),)))
    if f.since:
        parts.append((f"substr({d}.published, 1, ?) >= ?", (len(f.since), f.since)))
    if f.until:
        parts.append((f"substr({d}.published, 1, ?) <= ?", (len(f.until), f.until)))
    if f.document:
        ref = f.document.strip().lower()
        if ref.isdigit() and len(ref) < 12:
            parts.append((f"{d}.id = ?", (int(ref),)))
        else:
            parts.append((f"{d}.sha256 LIKE ?", (ref + "%",)))
    if f.entity:
        rows, args = entity_rows(f)
        parts.append((f"{d}.id IN (SELECT document_id FROM entities WHERE id IN ({rows}))", args))
    if f.speaker:
        like = f"%{f.speaker}%"
        parts.append((f"{d}.id IN (SELECT document_id FROM quotes WHERE speaker_name LIKE ? OR speaker_text LIKE ?"
                      " UNION SELECT document_id FROM claims WHERE claimant_name LIKE ?)", (like, like, like)))
    grouped = _group_claims(f)
    if grouped:
        parts.append((f"{d}.id IN (SELECT document_id FROM claims WHERE id IN ({grouped[0]}))", grouped[1]))
    return Where.of(parts)


def quote_where(f: Filters) -> Where:
    """Conditions on quotes (alias q, joined to their document d)."""
    parts: Parts = [document_where(replace(f, entity=None, speaker=None))]
    if f.entity:
        parts.append(_names_entity("q", f))
    if f.speaker:
        parts.append(("q.speaker_name LIKE ? OR q.speaker_text LIKE ?", (f"%{f.speaker}%",) * 2))
    return Where.of(parts)


def claim_where(f: Filters) -> Where:
    """Conditions on claims (alias c, joined to their document d)."""
    parts: Parts = [document_where(replace(f, entity=None, speaker=None, group=None, disputed=False))]
    if f.entity:
        parts.append(_names_entity("c", f))
    if f.speaker:
        parts.append(("c.claimant_name LIKE ?", (f"%{f.speaker}%",)))
    grouped = _group_claims(f)
    if grouped:
        parts.append((f"c.id IN ({grouped[0]})", grouped[1]))
    return Where.of(parts)


def entity_where(f: Filters, named_in_kept: bool = False) -> Where:
    """Conditions on global entities (alias g): the entity itself, or those named in a kept
    document; `named_in_kept`: every entity the kept documents name (what links in them need)."""
    parts: Parts = []
    if f.entity and not named_in_kept:
        rows, args = entity_rows(f)
        parts.append((f"g.id IN (SELECT global_id FROM entity_members WHERE entity_id IN ({rows}))", args))
    docs = document_where(f if named_in_kept else replace(f, entity=None))
    if docs.sql != "1":
        parts.append(("EXISTS (SELECT 1 FROM entity_members m JOIN entities e ON e.id = m.entity_id"
                      f" JOIN documents d ON d.id = e.document_id WHERE m.global_id = g.id AND {docs.sql})", docs.args))
    return Where.of(parts)


def group_where(f: Filters) -> Where:
    """Conditions on claim groups (alias g): those with a kept claim."""
    parts: Parts = []
    if f.group is not None:
        parts.append(("g.id = ?", (f.group,)))
    if f.disputed:
        parts.append(("g.contradiction = 1", ()))
    claims = claim_where(replace(f, group=None, disputed=False))
    if claims.sql != "1":
        parts.append(("EXISTS (SELECT 1 FROM claim_members m JOIN claims c ON c.id = m.claim_id"
                      f" JOIN documents d ON d.id = c.document_id WHERE m.group_id = g.id AND {claims.sql})",
                      claims.args))
    return Where.of(parts)
