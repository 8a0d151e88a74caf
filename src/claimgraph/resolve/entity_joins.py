"""New names join the entities already stored, without reading those entities' rows.

A row whose node (type class and folded name) is stored joins that node's entity. A new node
(or a stored node with a new alias) is compared with the names in its blocks as a full run
compares them (entities.score_pair, blocks of at most entities.BLOCK_CAP names, a user's
decisions, the first-name guard), the best-scored pairs first; it joins the entity it scores
with, and may join two stored entities into one. Then the short forms: a bare surname joins the
one person in its block with that surname, a one-word organisation the one organisation whose
name starts with it. Nothing stored is split and no stored name leaves its entity: a bare
surname that a later person makes ambiguous stays where it went until a full run
(`claimgraph resolve`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from ..folding import translit
from ..resolution import EntityRow
from ..unionfind import DisjointSets
from ..words.names import ORG_STOP
from . import entities as ents
from .entities import Edge, Node


@dataclass
class Known:
    """What the store holds around the new names."""

    entity_of: dict[str, int] = field(default_factory=dict)  # stored node -> its entity
    nodes: dict[str, Node] = field(default_factory=dict)  # stored nodes met (aliases from their blocks, no rows)
    blocks_of: dict[str, set[str]] = field(default_factory=dict)  # stored node -> its blocks
    members: dict[str, list[str]] = field(default_factory=dict)  # block -> its stored nodes (blocks within the cap)
    block_size: dict[str, int] = field(default_factory=dict)  # block -> how many stored nodes it holds
    entity_nodes: dict[int, list[str]] = field(default_factory=dict)  # stored entity met -> its nodes


@dataclass
class EntityJoin:
    """One entity after an update: the stored entities it is made of (none for a new one), the
    nodes that were not stored before, the new rows it takes and the pairs that joined it."""

    stored: list[int]
    nodes: list[str]
    rows: list[EntityRow]
    merges: list[tuple[Edge, str]]


@dataclass
class Update:
    joins: list[EntityJoin]
    nodes: dict[str, Node]  # every node with new rows (built from those rows alone)
    new_blocks: dict[str, list[str]]  # node -> blocks to store for it (all of a new node's)


def node_blocks_to_fetch(rows: list[EntityRow]) -> tuple[dict[str, Node], set[str]]:
    """The nodes of new rows and every block they are in: what the store is asked about."""
    nodes = ents.build_nodes(rows)
    return nodes, {b for n in nodes.values() for b in ents.blocking_keys(n)}


def aliases_from_blocks(key: str, blocks: Iterable[str]) -> Node:
    """A stored node as scoring sees it: its class, folded name and aliases (its alias blocks)."""
    cls, norm = key.split(":", 1)
    node = Node(key=key, cls=cls, norm=norm)
    marker = f"{cls}|alias|"
    node.aliases = {b[len(marker):] for b in blocks if b.startswith(marker)} - {norm}
    return node


def join(nodes: dict[str, Node], known: Known, judgements: Mapping[tuple[str, str], str]) -> Update:
    """Join the nodes of new rows (`nodes`, from node_blocks_to_fetch) to what is stored."""
    stored = {k for k in nodes if k in known.entity_of}
    new_blocks: dict[str, list[str]] = {}
    batch: dict[str, set[str]] = defaultdict(set)  # block -> nodes of this update newly in it
    for k, n in nodes.items():
        mine = ents.blocking_keys(n)
        if k in stored:
            old = known.nodes.get(k)
            if old is not None:  # score with every alias the node has, stored or new
                n.aliases |= old.aliases
            mine -= known.blocks_of.get(k, set())
        new_blocks[k] = sorted(mine)
        for b in mine:
            batch[b].add(k)
    allnodes = {**known.nodes, **nodes}
    uf = _Clusters(allnodes, known, judgements)

    def small(b: str) -> bool:
        return known.block_size.get(b, 0) + len(batch.get(b, ())) <= ents.BLOCK_CAP

    edges: dict[tuple[str, str], Edge] = {}
    for b, mine_in in batch.items():
        if not small(b):
            continue
        others = sorted(set(known.members.get(b, [])) | mine_in)
        for a in sorted(mine_in):
            for o in others:
                if o == a or (o in mine_in and o < a):
                    continue
                pair = (a, o) if a < o else (o, a)
                if pair not in edges and uf.item(pair[0]) != uf.item(pair[1]):
                    e = ents.score_pair(allnodes[pair[0]], allnodes[pair[1]])
                    if e:
                        edges[pair] = e
    merges: list[tuple[Edge, str]] = []
    for (ka, kb), decision in judgements.items():
        if decision == "confirm" and ka in allnodes and kb in allnodes and (ka in nodes or kb in nodes):
            uf.union(ka, kb)
            edges.setdefault((ka, kb), Edge(ka, kb, 1.0, "joined by a user"))

    merges += ents.judged(edges, judgements, uf.union)
    merges += ents.judged(_short_forms(nodes, stored, allnodes, known, batch, uf, small), judgements, uf.union)
    by_root: dict[str, EntityJoin] = {}
    for k, n in sorted(nodes.items()):
        j = by_root.setdefault(uf.find(k), EntityJoin([], [], [], []))
        j.rows += n.rows
        if k not in stored:
            j.nodes.append(k)
    for item, gid in sorted(uf.stored_items.items()):
        root = uf.sets.find(item)
        if root in by_root:
            by_root[root].stored.append(gid)
    for e, status in merges:
        found = by_root.get(uf.find(e.a)) or by_root.get(uf.find(e.b))
        if found is not None:
            found.merges.append((e, status))
    return Update(joins=list(by_root.values()), nodes=nodes, new_blocks=new_blocks)


class _Clusters:
    """Union-find over stored entities (one item each) and new nodes, refusing what the full run
    refuses: a pair a user rejected, two different first names."""

    def __init__(self, nodes: dict[str, Node], known: Known, judgements: Mapping[tuple[str, str], str]) -> None:
        self.known = known
        self.stored_items = {f"entity:{g}": g for g in sorted(set(known.entity_of.values()))}
        self.sets: DisjointSets[str] = DisjointSets(self.stored_items)
        self.members: dict[str, set[str]] = {f"entity:{g}": set(known.entity_nodes.get(g, ())) for g in
                                             set(known.entity_of.values())}
        for k in nodes:
            item = self.item(k)
            self.sets.add(item)
            self.members.setdefault(item, set()).add(k)
        self.firsts = {item: {f for k in ms if k in nodes for f in ents.first_names(nodes[k])}
                       | {f for k in ms if k not in nodes for f in _firsts_of_key(k)}
                       for item, ms in self.members.items()}
        self.cannot: dict[str, set[str]] = defaultdict(set)
        for (a, b), decision in judgements.items():
            if decision == "reject":
                self.cannot[a].add(b)
                self.cannot[b].add(a)

    def item(self, key: str) -> str:
        gid = self.known.entity_of.get(key)
        return f"entity:{gid}" if gid is not None else key

    def find(self, key: str) -> str:
        return self.sets.find(self.item(key))

    def union(self, a: str, b: str) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        ma, mb = self.members[ra], self.members[rb]
        if any(self.cannot.get(k, set()) & mb for k in ma):
            return False
        if not ents.firsts_agree(self.firsts[ra], self.firsts[rb]):
            return False
        if len(ma) > len(mb) or (ra.startswith("entity:") and not rb.startswith("entity:")):
            ra, rb, ma, mb = rb, ra, mb, ma  # a stored entity stays the root
        self.sets.link(ra, rb)
        mb |= ma
        self.firsts[rb] |= self.firsts[ra]
        del self.members[ra], self.firsts[ra]
        return True

    def size(self, key: str) -> int:
        return len(self.members[self.find(key)])


def _firsts_of_key(key: str) -> set[str]:
    cls, norm = key.split(":", 1)
    return ents.first_names(Node(key=key, cls=cls, norm=norm))


def _short_forms(nodes: dict[str, Node], stored: set[str], allnodes: dict[str, Node], known: Known,
                 batch: Mapping[str, set[str]], uf: _Clusters, small: Callable[[str], bool]) -> dict[tuple[str, str], Edge]:
    """entities._short_forms for what an update touches: a new bare surname (or one-word
    organisation) joins the one person (organisation) of its block; a new full name lets a
    bare surname of its block that stands alone join it, when it is now the only one."""
    late: dict[tuple[str, str], Edge] = {}

    def members(b: str) -> list[str]:
        return sorted(set(known.members.get(b, [])) | batch.get(b, set()))

    def add(short: str, roots: dict[str, str], score: float, evidence: str) -> None:
        if len(roots) == 1:
            (fk,) = roots.values()
            pair = (short, fk) if short < fk else (fk, short)
            late[pair] = Edge(pair[0], pair[1], score, evidence)

    def node(k: str) -> Node:
        return allnodes.get(k) or aliases_from_blocks(k, ())

    touched = set()
    for n in nodes.values():
        if n.cls == "person":
            touched.add(f"person|sur|{translit(n.tokens[-1])}")
        elif n.cls == "org":
            touched.add(f"org|tok|{translit(n.tokens[0])}")
    for b in sorted(touched):
        if not small(b):
            continue
        ms = [node(k) for k in members(b)]
        if b.startswith("person|"):
            full: dict[str, str] = {}
            for m in ms:
                if len(m.tokens) >= 2:
                    full.setdefault(uf.find(m.key), m.key)
            for m in ms:
                if len(m.tokens) == 1 and (m.key in nodes and m.key not in stored or uf.size(m.key) == 1):
                    add(m.key, full, 0.8, "surname alone; the only person in the corpus with it")
        else:
            heads: dict[str, str] = {}
            for m in ms:
                if len(m.tokens) >= 2 and m.tokens[0] not in ORG_STOP:
                    heads.setdefault(uf.find(m.key), m.key)
            for m in ms:
                if len(m.tokens) == 1 and uf.size(m.key) == 1:
                    add(m.key, heads, 0.75, "short form; the only organisation in the corpus whose name starts with it")
    return late
