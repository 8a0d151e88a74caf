"""New claims join the groups already stored, on summaries of those groups, never their claims.

A full run (claims.group) agglomerates every claim of a component. An update cannot afford that:
components chain through the names and years stories share, and an update that recomputed
them read a third of a 100,000-document corpus for 1,000 new articles. Instead it keeps, for
each stored group, a `GroupState`: the sum of its members' context vectors, how many members
hold each term, its years and the words its label is made of. An update groups its new claims
among themselves as a full run would (claims.group over them alone, with the corpus's block
sizes), then `join`s each new group to the stored groups it shares a name or year block with,
by the full run's rule on centroids (claims.THRESHOLD and ANCHOR_THRESHOLD, terms weighed by
claims.idf among the groups that meet), from the most similar pair down. A new group may join
several stored groups into one; a stored group is never split and a stored claim never moves:
that is what a full run (`claimgraph resolve`) does.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..unionfind import DisjointSets
from . import claims as claimgroups
from .claims import ClaimFeatures

STATE_TERMS = 150  # terms kept in a group's state, as claims._Groups.KEEP keeps per centroid
SETTLED = 12  # claims from which a group is joined on its state (see GroupState.settled)


@dataclass
class GroupState:
    """What joining claims to a group needs to know of its members, without reading them."""

    base: str  # kind|event class|counted class: what every member shares (the prefix of its blocks)
    n: int = 0
    grouped: int = 0  # how many members it had when last grouped from its members' features
    years: list[str] = field(default_factory=list)
    causes: list[str] = field(default_factory=list)  # what killed those its members count, where they say
    vector: dict[str, float] = field(default_factory=dict)  # sum of the members' unit context vectors
    df: dict[str, int] = field(default_factory=dict)  # how many members hold each kept term
    # (counted word, event word, year, place, first place of its document) -> members: what
    # claims.label reads of each member
    label: list[tuple[str | None, str | None, str | None, str | None, str | None, int]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"base": self.base, "n": self.n, "grouped": self.grouped, "years": self.years, "causes": self.causes,
                "vector": self.vector,
                "df": self.df, "label": self.label}

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> GroupState:
        return cls(base=d["base"], n=d["n"], grouped=d.get("grouped", d["n"]), years=list(d["years"]),
                   causes=list(d.get("causes") or []),
                   vector=dict(d["vector"]), df=dict(d["df"]), label=[tuple(x) for x in d["label"]])

    @property
    def settled(self) -> bool:
        """Whether an update joins claims to it on its state. A group is grouped again from its
        members, with the new claims it meets, while it is small (early claims of a story share
        little that tells it from another's) and whenever joins have doubled it since it was
        last grouped: the cost stays proportional to what updates add, and a group formed on
        thin evidence is revisited as evidence comes."""
        return self.n >= SETTLED and self.n < 2 * max(self.grouped, 1)


def base_of(f: ClaimFeatures) -> str:
    return f"{f.kind}|{f.event_class}|{f.counted_class}"


def state_of(fs: Sequence[ClaimFeatures]) -> GroupState:
    """The state of a group of these claims."""
    vector: dict[str, float] = defaultdict(float)
    df: Counter[str] = Counter()
    labels: Counter[tuple[str | None, ...]] = Counter()
    for f in fs:
        for t, w in f.vector.items():
            vector[t] += w
        df.update(f.vector.keys())
        labels[(f.counted_word, f.event_word, f.year, f.row.get("place"), f.places[0] if f.places else None)] += 1
    state = GroupState(base=base_of(fs[0]), n=len(fs), grouped=len(fs), years=sorted({f.year for f in fs if f.year}),
                       causes=sorted({f.cause for f in fs if f.cause}),
                       vector=dict(vector), df=dict(df),
                       label=[(*k, n) for k, n in sorted(labels.items(), key=repr)])  # type: ignore[misc]
    return _trimmed(state)


def merged(states: Iterable[GroupState]) -> GroupState:
    """The state of a group made of these groups."""
    items = list(states)
    vector: dict[str, float] = defaultdict(float)
    df: Counter[str] = Counter()
    labels: Counter[tuple[Any, ...]] = Counter()
    for s in items:
        for t, w in s.vector.items():
            vector[t] += w
        df.update(s.df)
        for *k, n in s.label:
            labels[tuple(k)] += n
    return _trimmed(GroupState(
        base=items[0].base, n=sum(s.n for s in items), grouped=max(s.grouped for s in items),
        years=sorted({y for s in items for y in s.years}), causes=sorted({c for s in items for c in s.causes}),
        vector=dict(vector), df=dict(df),
        label=[(*k, n) for k, n in sorted(labels.items(), key=repr)]))


def _trimmed(s: GroupState) -> GroupState:
    if len(s.vector) > STATE_TERMS:
        keep = sorted(s.vector, key=lambda t: (-s.vector[t], t))[:STATE_TERMS]
        s.vector = {t: s.vector[t] for t in keep}
        s.df = {t: s.df.get(t, 1) for t in keep}
    return s


def label_members(state: GroupState) -> list[ClaimFeatures]:
    """Stand-ins for a group's members as claims.label reads them (one per member)."""
    kind, event_class, counted_class = state.base.split("|", 2)
    out: list[ClaimFeatures] = []
    for counted, event, year, place, first, n in state.label:
        f = ClaimFeatures(row={"place": place}, kind=kind, event_class=event_class, event_word=event,
                          counted_class=counted_class, counted_word=counted, year=year,
                          places=[first] if first else [])
        out += [f] * n
    return out


def anchor_keys(f: ClaimFeatures) -> list[str]:
    """The blocks of a claim's names and years: the only ones claims join groups through."""
    return [k for k in f.keys if k.count("|") >= 3 and claimgroups.is_anchor(k.split("|", 3)[3])]


@dataclass
class Joined:
    """One group after an update: the new groups (indices into the update's list) and the stored
    groups (ids) it is made of."""

    new: list[int]
    stored: list[int]


Node = tuple[str, int]  # ("new", index) or ("stored", group id)


def join(new: Sequence[GroupState], stored: Mapping[int, GroupState], pairs: Iterable[tuple[int, int]],
         threshold: float = claimgroups.THRESHOLD, anchor_threshold: float = claimgroups.ANCHOR_THRESHOLD,
         ) -> list[Joined]:
    """Join new groups to the stored groups they met through a block, `pairs` being (index of a
    new group, id of a stored one). Returns every group that took new claims; a new group that
    joined nothing is returned alone."""
    states: dict[Node, GroupState] = {("new", i): s for i, s in enumerate(new)}
    states.update((("stored", g), s) for g, s in stored.items())
    links = sorted({(("new", i), ("stored", g)) for i, g in pairs
                    if ("stored", g) in states and stored[g].base == new[i].base})
    sets: DisjointSets[Node] = DisjointSets(states)
    for a, b in links:
        sets.union(a, b)
    weights: dict[Node, Mapping[str, float]] = {}
    for members in sets.groups().values():
        if len(members) > 1:
            w = _weights([states[m] for m in members])
            weights.update((m, w) for m in members)
    clusters = _Clusters(states, weights)
    scored = sorted(((clusters.similarity(a, b)[0], a, b) for a, b in links), key=lambda t: (-t[0], t[1], t[2]))
    todo = scored
    for _ in range(2):  # as claims._agglomerate: a second pass meets grown centroids
        again = []
        for item in todo:
            _, a, b = item
            ra, rb = clusters.find(a), clusters.find(b)
            if ra == rb:
                continue
            whole, anchors = clusters.similarity(ra, rb)
            if not (whole >= threshold and anchors >= anchor_threshold and clusters.union(ra, rb)):
                again.append(item)
        todo = again
    out: dict[Node, Joined] = {}
    for i in range(len(new)):
        root = clusters.find(("new", i))
        out.setdefault(root, Joined([], [])).new.append(i)
    for g in stored:
        root = clusters.find(("stored", g))
        if root in out:
            out[root].stored.append(g)
    return sorted(out.values(), key=lambda j: j.new[0])


def _weights(states: list[GroupState]) -> dict[str, float]:
    """Each term's weight among the groups that meet: claims.idf over their members."""
    df: Counter[str] = Counter()
    for s in states:
        df.update(s.df)
    n = sum(s.n for s in states) + claimgroups.PRIOR_CLAIMS
    return {t: claimgroups.idf(t, c, n) for t, c in df.items()}


class _Clusters:
    """Groups being joined, with their summed states and weighted centroids."""

    def __init__(self, states: dict[Node, GroupState], weights: Mapping[Node, Mapping[str, float]]) -> None:
        self.sets: DisjointSets[Node] = DisjointSets(states)
        self.states = dict(states)
        self.weights = weights
        self.centroids: dict[Node, tuple[dict[str, float], float, dict[str, float], float]] = {}

    def find(self, x: Node) -> Node:
        return self.sets.find(x)

    def _centroid(self, r: Node) -> tuple[dict[str, float], float, dict[str, float], float]:
        c = self.centroids.get(r)
        if c is None:
            w = self.weights.get(r, {})
            v = {t: x * w.get(t, 0.0) for t, x in self.states[r].vector.items()}
            v = {t: x for t, x in v.items() if x > 0}
            a = {t: x for t, x in v.items() if claimgroups.is_anchor(t)}
            c = self.centroids[r] = (v, _norm(v), a, _norm(a))
        return c

    def similarity(self, a: Node, b: Node) -> tuple[float, float]:
        va, na, aa, naa = self._centroid(a)
        vb, nb, ab, nab = self._centroid(b)
        whole = claimgroups.cosine(va, vb) / (na * nb) if na and nb else 0.0
        anchors = claimgroups.cosine(aa, ab) / (naa * nab) if naa and nab else 0.0
        return whole, anchors

    def union(self, a: Node, b: Node) -> bool:
        sa, sb = self.states[a], self.states[b]
        if sa.years and sb.years and not set(sa.years) & set(sb.years):
            return False  # a 1988 group and a 2022 group never join
        if sa.causes and sb.causes and not set(sa.causes) & set(sb.causes):
            return False  # nor a flood's toll and an execution's
        self.sets.link(a, b)
        self.states[b] = merged([sa, sb])
        self.centroids.pop(a, None)
        self.centroids.pop(b, None)
        return True


def _norm(v: Mapping[str, float]) -> float:
    return math.sqrt(sum(x * x for x in v.values()))
