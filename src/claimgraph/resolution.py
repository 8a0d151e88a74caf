"""The records resolve reads from the store and gives back to it, declared once (as model.py
declares extract's). resolve computes them with pure functions; the store loads and writes them.

The claim group is the public JSON contract described in claimgraph.resolve's docstring.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypedDict


class DocumentRow(TypedDict):
    """A stored document as resolve reads it."""

    id: int
    sha256: str
    title: str | None
    author: str | None
    publisher: str | None
    published: str | None
    text: str


class EntityRow(TypedDict):
    """A per-document entity as resolve reads it."""

    id: int
    document_id: int
    local_id: str
    name: str
    type: str
    aliases: list[str]
    roles: list[str]
    n_mentions: int


class ClaimRow(TypedDict, total=False):
    """A stored claim with its document's metadata: the claims table's columns (value, low, high,
    qualifier, bound, unit, number_text, counted, event, time, place, claimant_* ...), the whole
    record in `claim` (every field extract knew), and the document's sha256, publisher, title and
    published date."""

    id: int
    document_id: int
    local_id: str
    sha256: str
    kind: str
    text: str
    start: int
    end: int
    value: float | None
    low: float | None
    high: float | None
    qualifier: str | None
    bound: str | None
    unit: str | None
    number_text: str | None
    counted: str | None
    event: str | None
    time: str | None
    place: str | None
    claimant_name: str | None
    claimant_entity: str | None
    claimant_basis: str | None
    publisher: str | None
    title: str | None
    published: str | None
    claim: dict[str, Any]


class GlobalEntity(TypedDict):
    """One person or body across documents."""

    key: str
    name: str
    type: str
    aliases: list[str]
    roles: list[str]
    n_documents: int
    n_mentions: int


@dataclass
class ResolvedEntity:
    """A global entity with the nodes and per-document rows it was made of."""

    entity: GlobalEntity
    nodes: list[str]  # node keys (type class + folded name)
    rows: list[tuple[str, int]]  # (node key, per-document entity row id)


@dataclass
class Merge:
    """A pair of names the resolver joined, or that a user keeps apart, with why."""

    key_a: str
    key_b: str
    name_a: str
    name_b: str
    score: float
    evidence: str
    status: str  # auto | confirmed | rejected
    entity_key: str | None  # the global entity it formed (None when rejected)


@dataclass
class EntityComponent:
    """Entity nodes resolve can only join with each other, and what it made of them."""

    id: int
    nodes: dict[str, list[str]]  # node key -> its blocks
    entities: list[ResolvedEntity] = field(default_factory=list)
    merges: list[Merge] = field(default_factory=list)


class ValueJSON(TypedDict, total=False):
    """One distinct value of a claim group, with who claims it and how independently."""

    text: str
    low: float | int | None
    high: float | int | None
    qualifier: str | None
    range: list[float | int | None]
    exact: bool
    partial: bool
    claimants: list[str]
    documents: list[str]
    publishers: list[str]
    sources: list[str]
    n_claims: int
    labels: dict[str, int]
    independent_sources: int


class GroupClaimJSON(TypedDict, total=False):
    """One claim of a claim group, with its claimant, source and the value it states."""

    id: int
    local_id: str
    document: str
    document_id: int
    publisher: str | None
    title: str | None
    published: str | None
    claimant: str | None
    basis: str | None
    source: str
    origin: str
    text: str | None
    low: float | int | None
    high: float | int | None
    qualifier: str | None
    number_text: str | None
    span: list[int]
    value: int


class ClaimGroupJSON(TypedDict, total=False):
    """A claim group in the public contract's shape (see claimgraph.resolve)."""

    id: int
    label: str
    counted: str | None
    event: str | None
    time: str | None
    place: str | None
    event_class: str
    contradiction: bool
    independent_sources: int
    n_documents: int
    contradictions: list[dict[str, Any]]
    values: list[ValueJSON]
    labels: dict[str, dict[str, Any]]
    claims: list[GroupClaimJSON]


@dataclass
class ClaimGroup:
    """A claim group as the store keeps it: its key, component, members and JSON."""

    key: str  # sha256:local id of its first claim: what keeps its id across resolves
    component: int
    claims: list[int]  # claim row ids
    data: ClaimGroupJSON


@dataclass
class ClaimComponent:
    """Claims resolve can only group with each other."""

    id: int
    claims: list[int]
    groups: list[list[int]] = field(default_factory=list)  # claim row ids per group


@dataclass
class Origin:
    """Where a document's story comes from."""

    document_id: int
    credit: str | None  # folded wire credit or author: a publisher name it may refer to
    own: str
    cluster: str
    origin: str
    signature: bytes
    bands: list[str]


@dataclass
class ResolveStats:
    """What a resolve run did (printed by `claimgraph resolve`)."""

    mode: str  # full | incremental | none
    entities: int = 0
    merges: int = 0
    groups: int = 0
    groups_with_several_claims: int = 0
    contradictions: int = 0
    claims: int = 0
    documents: int = 0
    seconds: float = 0.0
    seconds_entities: float = 0.0
    seconds_grouping: float = 0.0
    pairs_compared: int = 0
    pairs_scored: int = 0
    components_recomputed: int = 0


SUMMARY_VALUES = 12  # values (and contradictions) a group summary keeps
SUMMARY_NAMES = 5  # claimants, publishers ... each value of a summary keeps


def group_summary(group: ClaimGroupJSON | dict[str, Any]) -> dict[str, Any]:
    """What a listing of claim groups shows of one: the group without its claims, its first
    values and contradictions, each value's first names; with `n_values`, `n_contradictions` and
    per value `n_claimants` counting what was cut. A group in a large corpus carries thousands
    of claims and claimants; a listing reads twenty groups."""
    values = list(group.get("values") or [])
    contradictions = list(group.get("contradictions") or [])
    out: dict[str, Any] = {k: v for k, v in group.items() if k not in ("claims", "values", "contradictions")}
    out["values"] = [{**{k: v for k, v in value.items() if not isinstance(v, list) or k == "range"},
                      **{k: v[:SUMMARY_NAMES] for k, v in value.items() if isinstance(v, list) and k != "range"},
                      "n_claimants": len(value.get("claimants") or [])} for value in values[:SUMMARY_VALUES]]
    out["contradictions"] = [c for c in contradictions if c.get("a", 0) < SUMMARY_VALUES
                             and c.get("b", 0) < SUMMARY_VALUES][:SUMMARY_VALUES]
    out["n_values"], out["n_contradictions"] = len(values), len(contradictions)
    return out
