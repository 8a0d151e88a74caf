"""One global entity per person or body, across documents and the names they go by.

Per-document entities with the same normalised name (and a compatible type) start as one node.
Nodes are compared only inside blocks (surname transliteration key, surname consonant skeleton,
acronym, shared alias), scored with guards, then joined greedily from the best score down, never
across a pair a user rejected. Every join is kept with its score and evidence so a user can
confirm or split it; decisions are keyed by normalised names and survive `reprocess`.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from ..folding import acronym, name_key, norm_name, skeleton, translit, type_class
from ..resolution import EntityComponent, EntityRow, GlobalEntity, Merge, ResolvedEntity
from ..unionfind import DisjointSets
from ..words.names import ORG_STOP

BLOCK_CAP = 2000  # a blocking key shared by more nodes than this is too generic to compare on
# Blocks whose members a lone name is compared with as a whole: a bare surname joins the one
# person in the corpus with it, a one-word organisation the one organisation its name starts.
SHORT_FORM_BLOCKS = ("person|sur|", "org|tok|")
node_key = name_key  # the name nodes are keyed by (kept under the old name for callers)


def component_id(keys: list[str]) -> int:
    """A component's id: a hash of its first key, so any insertion order gives the same ids."""
    return int(hashlib.sha1(min(keys).encode()).hexdigest()[:15], 16)


@dataclass
class Node:
    key: str
    cls: str
    norm: str
    rows: list[EntityRow] = field(default_factory=list)
    surfaces: Counter[str] = field(default_factory=Counter)
    aliases: set[str] = field(default_factory=set)

    @property
    def tokens(self) -> list[str]:
        return self.norm.split()


@dataclass
class Edge:
    a: str
    b: str
    score: float
    evidence: str


def build_nodes(rows: list[EntityRow]) -> dict[str, Node]:
    nodes: dict[str, Node] = {}
    for r in rows:
        cls = type_class(r["type"])
        norm = norm_name(r["name"], cls)
        if not norm:
            continue
        key = f"{cls}:{norm}"
        n = nodes.get(key)
        if n is None:
            n = nodes[key] = Node(key=key, cls=cls, norm=norm)
        n.rows.append(r)
        n.surfaces[r["name"]] += max(1, int(r.get("n_mentions") or 1))
        for a in r.get("aliases") or []:
            if norm_name(a, cls):
                n.aliases.add(norm_name(a, cls))
    return nodes


def blocking_keys(n: Node) -> set[str]:
    keys = {f"{n.cls}|alias|{a}" for a in n.aliases | {n.norm}}
    toks = n.tokens
    if n.cls == "person":
        keys.add(f"person|sur|{translit(toks[-1])}")
        keys.add(f"person|skel|{skeleton(toks[-1])}")
    elif n.cls == "org":
        acr = acronym(n.norm)
        if acr:
            keys.add(f"org|acr|{acr}")
        if len(toks) == 1:
            keys.add(f"org|acr|{toks[0]}")
        keys.add(f"org|tok|{translit(toks[0])}")
    else:
        keys.add(f"{n.cls}|tr|{translit(n.norm)}")
    return keys


def score_pair(a: Node, b: Node) -> Edge | None:
    """Why two names are one entity, or None. The guards matter more than the scores: two
    different surnames (Khomeini/Khamenei) or two different first names never join."""
    if a.cls != b.cls:
        return None
    if a.norm in b.aliases or b.norm in a.aliases or (a.aliases & b.aliases):
        return Edge(a.key, b.key, 0.97, "a name one document gives as an alias of the other")
    if a.cls == "person":
        return _score_person(a, b)
    if a.cls == "org":
        return _score_org(a, b)
    if translit(a.norm) == translit(b.norm):
        return Edge(a.key, b.key, 0.95, "same name in another spelling")
    return None


def _score_person(a: Node, b: Node) -> Edge | None:
    ta, tb = a.tokens, b.tokens
    if len(ta) < 2 or len(tb) < 2:
        return None  # a bare surname joins later, only when it names one person in the corpus
    if translit(ta[-1]) != translit(tb[-1]):
        return None
    fa, fb = ta[0], tb[0]
    sur = "same surname" if ta[-1] == tb[-1] else f"surname spelt {ta[-1]}/{tb[-1]}"
    if translit(fa) == translit(fb):
        return Edge(a.key, b.key, 0.98, f"{sur}; first name a transliteration variant ({fa}/{fb})")
    if len(fa) == 1 or len(fb) == 1:
        if fa[0] == fb[0]:
            return Edge(a.key, b.key, 0.85, f"{sur}; initial {fa[0].upper()} matches")
        return None
    if skeleton(fa) == skeleton(fb) and fuzz.ratio(translit(fa), translit(fb)) >= 70:
        return Edge(a.key, b.key, 0.9, f"{sur}; first name differs only in vowels ({fa}/{fb})")
    return None


def _shown(n: Node) -> str:
    return n.surfaces.most_common(1)[0][0] if n.surfaces else n.norm


def _score_org(a: Node, b: Node) -> Edge | None:
    for x, y in ((a, b), (b, a)):
        if len(y.tokens) == 1 and acronym(x.norm) == y.norm and len(y.norm) >= 2:
            return Edge(a.key, b.key, 0.92, f"{_shown(y)} is the acronym of {_shown(x)}")
    ta, tb = translit(a.norm), translit(b.norm)
    if ta == tb:
        return Edge(a.key, b.key, 0.95, "same name in another spelling")
    if min(len(a.tokens), len(b.tokens)) >= 2:
        r = fuzz.ratio(ta, tb)
        if r >= 93:
            return Edge(a.key, b.key, round(r / 100, 3), f"spelling variant ({r:.0f}% similar)")
    return None


class _Clusters:
    """Union-find that refuses to join two clusters a user has said to keep apart."""

    def __init__(self, nodes: dict[str, Node], cannot: dict[str, set[str]]) -> None:
        self.sets: DisjointSets[str] = DisjointSets(nodes)
        self.members: dict[str, set[str]] = {k: {k} for k in nodes}
        self.cannot = cannot
        # Full first names per cluster: chaining through an initial ("Ali X" - "A. X" - "Ahmad X")
        # must not join two different first names.
        self.firsts: dict[str, set[str]] = {
            k: {n.tokens[0]} if n.cls == "person" and len(n.tokens) >= 2 and len(n.tokens[0]) > 1 else set()
            for k, n in nodes.items()}

    def find(self, k: str) -> str:
        return self.sets.find(k)

    def union(self, a: str, b: str) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        ma, mb = self.members[ra], self.members[rb]
        if len(ma) > len(mb):
            ra, rb, ma, mb = rb, ra, mb, ma
        if any(self.cannot.get(k, set()) & mb for k in ma):
            return False
        fa, fb = self.firsts[ra], self.firsts[rb]
        if any(not _same_first(x, y) for x in fa for y in fb):
            return False
        self.sets.link(ra, rb)
        mb |= ma
        fb |= fa
        del self.members[ra], self.firsts[ra]
        return True


def _same_first(a: str, b: str) -> bool:
    return a == b or translit(a) == translit(b) or (skeleton(a) == skeleton(b)
                                                    and fuzz.ratio(translit(a), translit(b)) >= 70)


@dataclass
class EntityResolution:
    clusters: list[list[Node]]
    merges: list[tuple[Edge, str]]  # (edge, status)
    member_of: dict[str, int]  # node key -> cluster index
    components: list[EntityComponent] = field(default_factory=list)
    pairs_compared: int = 0


def node_blocks(nodes: dict[str, Node]) -> dict[str, list[str]]:
    """Block key -> the node keys in it."""
    blocks: dict[str, list[str]] = defaultdict(list)
    for n in nodes.values():
        for k in sorted(blocking_keys(n)):
            blocks[k].append(n.key)
    return blocks


def resolve_entities(rows: list[EntityRow], judgements: Mapping[tuple[str, str], str],
                     block_size: Mapping[str, int] | None = None) -> EntityResolution:
    """Global entities from per-document entity rows. Names meet only inside blocks of at most
    BLOCK_CAP nodes; `block_size` gives each block's size in the whole corpus when `rows` is only
    the part an update recomputes, so that a block is compared exactly as a full run would."""
    nodes = build_nodes(rows)
    blocks = node_blocks(nodes)

    def small(k: str) -> bool:
        return (block_size or {}).get(k, len(blocks.get(k, ()))) <= BLOCK_CAP

    edges: dict[tuple[str, str], Edge] = {}
    compared = 0
    for k, members in blocks.items():
        if len(members) < 2 or not small(k):
            continue
        for i, ka in enumerate(members):
            for kb in members[i + 1:]:
                pair = (ka, kb) if ka < kb else (kb, ka)
                if pair in edges:
                    continue
                compared += 1
                e = score_pair(nodes[pair[0]], nodes[pair[1]])
                if e:
                    edges[pair] = e
    cannot: dict[str, set[str]] = defaultdict(set)
    confirmed: list[tuple[str, str]] = []
    for (ka, kb), decision in judgements.items():
        if ka not in nodes or kb not in nodes:
            continue
        if decision == "reject":
            cannot[ka].add(kb)
            cannot[kb].add(ka)
        elif decision == "confirm":
            confirmed.append((ka, kb))
            edges.setdefault((ka, kb), Edge(ka, kb, 1.0, "joined by a user"))
    uf = _Clusters(nodes, cannot)
    merges: list[tuple[Edge, str]] = []
    for ka, kb in confirmed:
        uf.union(ka, kb)

    def apply(es: dict[tuple[str, str], Edge]) -> None:
        for pair, e in sorted(es.items(), key=lambda kv: (-kv[1].score, kv[0])):
            decision = judgements.get(pair)
            if decision == "reject":
                merges.append((e, "rejected"))
            elif decision == "confirm":
                merges.append((e, "confirmed"))
            elif uf.union(*pair):
                merges.append((e, "auto"))

    apply(edges)
    late = _short_forms(nodes, uf, small)
    apply(late)
    groups: dict[str, list[Node]] = defaultdict(list)
    for k, n in nodes.items():
        groups[uf.find(k)].append(n)
    clusters = sorted(groups.values(), key=lambda ns: min(n.key for n in ns))
    member_of = {n.key: i for i, ns in enumerate(clusters) for n in ns}
    comps = _components(nodes, blocks, small, [*edges, *late], clusters, merges)
    return EntityResolution(clusters=clusters, merges=merges, member_of=member_of, components=comps,
                            pairs_compared=compared)


def _short_forms(nodes: dict[str, Node], uf: _Clusters, small: Callable[[str], bool]) -> dict[tuple[str, str], Edge]:
    """A bare surname ("Karimov") joins a full name only when one person in the corpus has it,
    counted after the spelling variants of full names have joined; likewise a one-word
    organisation name ("Amnesty") joins the one organisation whose name starts with it, unless it
    already belongs to a cluster with a longer name (an acronym). Not in blocks too big to
    compare: a name that common is ambiguous anyway."""
    by_surname: dict[str, set[str]] = defaultdict(set)
    by_head: dict[str, set[str]] = defaultdict(set)
    for n in nodes.values():
        if n.cls == "person" and len(n.tokens) >= 2:
            by_surname[translit(n.tokens[-1])].add(uf.find(n.key))
        elif n.cls == "org" and len(n.tokens) >= 2 and n.tokens[0] not in ORG_STOP:
            by_head[translit(n.tokens[0])].add(uf.find(n.key))
    late: dict[tuple[str, str], Edge] = {}

    def join(n: Node, roots: set[str], score: float, evidence: str) -> None:
        if len(roots) != 1:
            return
        (root,) = roots
        fk = max(uf.members[root], key=lambda k: (sum(nodes[k].surfaces.values()), k))
        pair = (n.key, fk) if n.key < fk else (fk, n.key)
        late[pair] = Edge(pair[0], pair[1], score, evidence)

    for n in nodes.values():
        if n.cls == "org" and len(n.tokens) == 1 and len(uf.members[uf.find(n.key)]) == 1 \
                and small(f"org|tok|{translit(n.norm)}"):
            join(n, by_head.get(translit(n.norm), set()), 0.75,
                 "short form; the only organisation in the corpus whose name starts with it")
    for n in nodes.values():
        if n.cls == "person" and len(n.tokens) == 1 and small(f"person|sur|{translit(n.norm)}"):
            join(n, by_surname.get(translit(n.norm), set()), 0.8, "surname alone; the only person in the corpus with it")
    return late


def _components(nodes: dict[str, Node], blocks: dict[str, list[str]], small: Callable[[str], bool],
                pairs: list[tuple[str, str]], clusters: list[list[Node]],
                merges: list[tuple[Edge, str]]) -> list[EntityComponent]:
    """Nodes that can affect each other's resolution: joined by a scored pair, or sharing a
    short-form block (a lone name there weighs every name in it)."""
    sets: DisjointSets[str] = DisjointSets(sorted(nodes))
    for a, b in pairs:
        sets.union(a, b)
    for k, members in blocks.items():
        if k.startswith(SHORT_FORM_BLOCKS) and small(k):
            for m in members[1:]:
                sets.union(members[0], m)
    node_blocks: dict[str, list[str]] = defaultdict(list)
    for k, members in blocks.items():
        for m in members:
            node_blocks[m].append(k)
    out: dict[str, EntityComponent] = {}
    for root, keys in sets.groups().items():
        out[root] = EntityComponent(id=component_id(keys), nodes={k: sorted(node_blocks[k]) for k in keys})
    used: set[str] = set()
    for i, cluster in enumerate(clusters):
        d = describe(cluster)
        key = d["key"] if d["key"] not in used else f"{d['key']}#{i}"
        used.add(key)
        d["key"] = key
        comp = out[sets.find(cluster[0].key)]
        comp.entities.append(ResolvedEntity(entity=d, nodes=sorted(n.key for n in cluster),
                                            rows=sorted((n.key, r["id"]) for n in cluster for r in n.rows)))
    entity_of = {n.key: e.entity["key"] for c in out.values() for e in c.entities for n_key in e.nodes
                 for n in [nodes[n_key]]}
    shown = {n.key: _shown(n) for n in nodes.values()}
    for e, status in merges:
        out[sets.find(e.a)].merges.append(Merge(
            key_a=e.a, key_b=e.b, name_a=shown[e.a], name_b=shown[e.b], score=e.score, evidence=e.evidence,
            status=status, entity_key=entity_of[e.a] if status != "rejected" else None))
    return sorted(out.values(), key=lambda c: c.id)


def describe(cluster: list[Node]) -> GlobalEntity:
    """Canonical name, type and counts of one cluster: the fullest, most mentioned name wins."""
    surfaces: Counter[str] = Counter()
    types: Counter[str] = Counter()
    roles: list[str] = []
    docs: set[int] = set()
    mentions = 0
    aliases: set[str] = set()
    for n in cluster:
        surfaces.update(n.surfaces)
        for r in n.rows:
            types[r["type"]] += 1
            docs.add(r["document_id"])
            mentions += int(r.get("n_mentions") or 0)
            aliases.update(r.get("aliases") or [])
            roles.extend(x for x in (r.get("roles") or []) if x not in roles)
    name = max(surfaces, key=lambda s: (len(norm_name(s, cluster[0].cls).split()), surfaces[s], s[:1].isupper(),
                                        -len(s), s))
    aliases |= set(surfaces)
    aliases.discard(name)
    type_ = types.most_common(1)[0][0]
    return {"key": node_key(name, type_), "name": name, "type": type_, "aliases": sorted(aliases),
            "roles": roles, "n_documents": len(docs), "n_mentions": mentions}
