"""Claims about the same quantity, across documents, in one group.

Structure first: a claim's kind (count, money ...), the class of its event (killed, executed,
died, put to death and massacre are one class; identified, injured, arrested are others), the
class of what it counts, and its year. Claims that differ there never meet. Among the rest,
what tells two disasters' tolls apart is context: the words of the sentence and the salient
words and names of the document. Claims are compared only inside blocks that share
(kind, event class, a rare context term or the year), so the work grows with the corpus, not its
square; blocks too big for all pairs are walked with a sliding window.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from .. import places
from ..corrections import extracted_anchor, group_decision
from ..folding import content_terms, fold, stem, translit
from ..resolution import ClaimRow, DocumentRow, EntityRow
from ..unionfind import DisjointSets
from ..words.events import SETTING
from .counted import cause_of, class_of_word, counted_of, event_of, event_years, year_reading

_SETTING = re.compile(SETTING, re.I)
BLOCK_CAP = 64  # larger blocks are too generic to compare on (their claims meet through rarer keys)
THRESHOLD = 0.1  # cosine of two groups' centroid context vectors needed to join them
ANCHOR_THRESHOLD = 0.14  # the same for names and years alone
PAIR_FLOOR = 0.02  # pairs of claims sharing less than this are not even considered
ANCHOR_IDF_FLOOR = 1.0
# Claims assumed around every component that share none of its terms: in a component of two
# stories, what both share must still weigh less than what only one has.
PRIOR_CLAIMS = 50
TOP_TERMS = 20  # salient words kept per document


@dataclass
class ClaimFeatures:
    row: ClaimRow
    kind: str
    event_class: str
    event_word: str | None
    counted_class: str
    counted_word: str | None
    year: str | None
    places: list[str]
    vector: dict[str, float] = field(default_factory=dict)
    keys: list[str] = field(default_factory=list)
    cause: str | None = None  # what killed (injured, displaced) those counted, where the claim says


@dataclass
class DocProfile:
    terms: set[str]  # what the document is about: its names, its salient words, its years
    places: list[str]
    names: list[tuple[str, str]] = field(default_factory=list)  # (surface name, its term)


PLACE_TYPES = ("GPE", "LOC", "FAC")


def name_term(name: str, type_: str) -> str:
    """A name as a context term: one term for the spellings of a surname, an organisation or a
    place, whatever the resolution of entities (so that a claim's context never changes when
    another document's names are joined)."""
    toks = fold(name).split()
    if not toks:
        return "ent:"
    head = toks[-1] if type_ == "PERSON" else " ".join(toks)
    return "ent:" + translit(head)


def place_terms(name: str) -> list[str]:
    """A place as context terms: the gazetteer's key for it and for the country it lies in, so that
    a claim about Tehran and one about Iran share a term; a place the gazetteer does not know
    is its name."""
    p = places.lookup(name)
    if p is None:
        return [name_term(name, "GPE")]
    return [f"place:{p.key}"] + [f"place:{k}" for k in p.parents if not k.startswith("cont:")]


def incidental_places(text: str, names: Iterable[str]) -> set[str]:
    """Places a document names only as where something was said ("told reporters in Paris"):
    not where the counted event happened, so not part of what the document is about."""
    out = set()
    for name in names:
        hits = [m.start() for m in re.finditer(re.escape(name), text)] if name else []
        if hits and all(_SETTING.search(text[max(0, k - 60):k]) for k in hits):
            out.add(name)
    return out


def document_profile(doc: DocumentRow, entities: list[EntityRow], top: int = TOP_TERMS) -> DocProfile:
    """The names, years and most frequent content words of one document: what tells one
    disaster's articles from another's when a sentence alone ("212 dead") does not. Computed
    from the document alone, so a new document changes no other document's profile."""
    text = (doc.get("text") or "")[:20000]
    tf: Counter[str] = Counter(content_terms(text))
    tf.update(content_terms(doc.get("title") or "") * 2)
    aside = incidental_places(text, {e["name"] for e in entities if e["type"] in PLACE_TYPES})
    named: list[tuple[str, str]] = []
    for e in entities:
        if e["type"] in PLACE_TYPES and e["name"] not in aside:
            named += [(e["name"], t) for t in place_terms(e["name"])]
        elif e["type"] in ("EVENT", "ORG", "PERSON"):
            named.append((e["name"], name_term(e["name"], e["type"])))
    years = {"year:" + y for _, y in event_years(f"{doc.get('title') or ''}\n{text}")}
    ranked = sorted(entities, key=lambda e: (-int(e.get("n_mentions") or 0), e["local_id"]))
    where = [e["name"] for e in ranked if e["type"] in PLACE_TYPES and e["name"] not in aside]
    salient = sorted(tf, key=lambda t: (-tf[t], t))[:top]
    return DocProfile(terms=set(salient) | {t for _, t in named} | years, places=where, names=named)


SENTENCE_WEIGHT = 0.5  # the sentence's own words count, but less than what the document is about


def features(rows: list[ClaimRow], profiles: Mapping[int, DocProfile]) -> list[ClaimFeatures]:
    """Structure and context of each claim, from the claim and its document alone."""
    feats: list[ClaimFeatures] = []
    for r in rows:
        ec, ew = event_of(r)
        cc, cw = counted_of(r)
        if ec == "composition":
            cc = "members"  # a committee of three officials / of four men: the same quantity
        year, stated = year_reading(r)
        prof = profiles.get(r["document_id"])
        place = r.get("place")
        places_ = [place] if place else []
        if prof:
            places_ += [p for p in prof.places if p not in places_]
        vec: dict[str, float] = {t: SENTENCE_WEIGHT for t in content_terms(r.get("text") or "")}
        if place:
            for t in place_terms(place):
                vec[t] = 2.0
        if year:
            # a year the claim's own clause states dates the event as surely as a name there
            vec["year:" + year] = 3.0 if stated else 2.0
        if prof:
            # names and years anchor an event more than words do, and most of all the names in
            # the claim's own sentence ("over 1,500 people drown in the Karst Valley")
            for t in prof.terms:
                vec[t] = max(vec.get(t, 0.0), 2.0 if _is_anchor(t) else 1.0)
            sentence = r.get("text") or ""
            for surf, t in prof.names:
                if surf and surf in sentence:
                    vec[t] = 3.0
        vec = {t: w for t, w in vec.items() if w > 0 and t != "ent:"}
        norm = math.sqrt(sum(w * w for w in vec.values())) or 1.0
        f = ClaimFeatures(row=r, kind=r.get("kind") or "count", event_class=ec, event_word=ew, counted_class=cc,
                          counted_word=cw, year=year, places=places_, vector={t: w / norm for t, w in vec.items()},
                          cause=cause_of(r, ew))
        # Blocking keys: the structural class alone, and with each of the claim's names and years
        # and its heaviest words; a block holding more than BLOCK_CAP claims is not compared on.
        base = f"{f.kind}|{f.event_class}|{f.counted_class}"
        anchors = sorted(t for t in f.vector if _is_anchor(t))
        heavy = [t for t, _ in sorted(f.vector.items(), key=lambda kv: (-kv[1], kv[0]))[:8]]
        f.keys = [base] + [f"{base}|{t}" for t in dict.fromkeys(anchors + heavy)]
        feats.append(f)
    return feats


def features_json(f: ClaimFeatures) -> dict[str, Any]:
    """What the store keeps of a claim's features (its row is stored already)."""
    return {k.name: getattr(f, k.name) for k in fields(f) if k.name != "row"}


def features_from_json(row: ClaimRow, data: dict[str, Any]) -> ClaimFeatures:
    return ClaimFeatures(row=row, **data)


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    # The key intersection runs in C; only shared terms reach the Python loop.
    return sum(a[t] * b[t] for t in a.keys() & b.keys())


def compatible(a: ClaimFeatures, b: ClaimFeatures) -> bool:
    if a.row["document_id"] == b.row["document_id"] and a.row.get("text") == b.row.get("text") \
            and a.row.get("low") != b.row.get("low"):
        return False  # two numbers of one sentence are two quantities
    return (a.kind == b.kind and a.event_class == b.event_class and a.counted_class == b.counted_class
            and (a.year is None or b.year is None or a.year == b.year)
            and (a.cause is None or b.cause is None or a.cause == b.cause))


def _is_anchor(term: str) -> bool:
    return term.startswith(("ent:", "year:", "place:"))


class _Groups:
    """Union-find whose clusters keep their years and the sum of their members' context vectors.

    Joining is decided on the clusters' centroids, not on the one pair that brought them
    together: a group gathers its story's vocabulary (names, places, years) as it grows, so a
    new article that shares little with any single member still finds it. Two conditions must
    hold: the whole context is similar, and so are the anchors alone (names and years): two
    floods share every word of a flood report, but not the valley, the minister or the year.
    A claim without a year never bridges a 1988 group and a 2022 group, nor one without a cause
    a flood's toll and an execution's."""

    KEEP = 150  # terms kept per centroid: the rest weigh little and cost a lot

    def __init__(self, feats: list[ClaimFeatures]) -> None:
        self.sets: DisjointSets[int] = DisjointSets(range(len(feats)))
        self.size = [1] * len(feats)
        self.years: list[set[str]] = [{f.year} if f.year else set() for f in feats]
        self.causes: list[set[str]] = [{f.cause} if f.cause else set() for f in feats]
        self.centroid: list[dict[str, float]] = [dict(f.vector) for f in feats]
        self.anchors: list[dict[str, float]] = [{t: w for t, w in f.vector.items() if _is_anchor(t)} for f in feats]
        self.norm: list[float] = [1.0 for _ in feats]
        self.anorm: list[float] = [_norm(a) for a in self.anchors]

    def reset(self, vectors: dict[int, dict[str, float]]) -> None:
        """Start these (still single) claims from their weighted vectors."""
        for i, v in vectors.items():
            self.centroid[i] = dict(v)
            self.anchors[i] = {t: w for t, w in v.items() if _is_anchor(t)}
            self.norm[i] = 1.0
            self.anorm[i] = _norm(self.anchors[i])

    def find(self, i: int) -> int:
        return self.sets.find(i)

    def similarity(self, ri: int, rj: int) -> tuple[float, float]:
        whole = cosine(self.centroid[ri], self.centroid[rj]) / (self.norm[ri] * self.norm[rj])
        if not self.anorm[ri] or not self.anorm[rj]:
            return whole, 0.0
        return whole, cosine(self.anchors[ri], self.anchors[rj]) / (self.anorm[ri] * self.anorm[rj])

    def union(self, ri: int, rj: int, force: bool = False) -> bool:
        if ri == rj:
            return True
        yi, yj = self.years[ri], self.years[rj]
        if yi and yj and not (yi & yj) and not force:
            return False
        ci, cj = self.causes[ri], self.causes[rj]
        if ci and cj and not (ci & cj) and not force:
            return False
        self.sets.link(ri, rj)
        self.size[rj] += self.size[ri]
        self.years[rj] = yi | yj
        self.causes[rj] = ci | cj
        self.centroid[rj] = _add(self.centroid[rj], self.centroid[ri], self.KEEP)
        self.anchors[rj] = _add(self.anchors[rj], self.anchors[ri], self.KEEP)
        self.norm[rj] = _norm(self.centroid[rj])
        self.anorm[rj] = _norm(self.anchors[rj])
        self.centroid[ri], self.anchors[ri] = {}, {}
        return True


def _add(a: dict[str, float], b: dict[str, float], keep: int) -> dict[str, float]:
    out = dict(a)
    for t, w in b.items():
        out[t] = out.get(t, 0.0) + w
    if len(out) > keep:
        out = dict(sorted(out.items(), key=lambda kv: (-kv[1], kv[0]))[:keep])
    return out


def _norm(v: dict[str, float]) -> float:
    return math.sqrt(sum(w * w for w in v.values()))


def candidate_pairs(feats: list[ClaimFeatures], block_size: Mapping[str, int] | None = None) -> dict[tuple[int, int], bool]:
    """Each pair of claims that share a block of at most BLOCK_CAP claims, and whether they share
    a block of a name or a year (an anchor block). `block_size` gives a block's size in the whole
    corpus when feats are only the part an update recomputes."""
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, f in enumerate(feats):
        for k in f.keys:
            blocks[k].append(i)
    sizes = block_size or {}
    pairs: dict[tuple[int, int], bool] = {}
    for k, members in blocks.items():
        if len(members) < 2 or sizes.get(k, len(members)) > BLOCK_CAP:
            continue
        anchored = _is_anchor(k.split("|", 3)[-1]) if k.count("|") >= 3 else False
        for x, a in enumerate(members):
            for b in members[x + 1:]:
                if anchored or (a, b) not in pairs:
                    pairs[(a, b)] = anchored or pairs.get((a, b), False)
    return pairs


@dataclass
class Grouping:
    groups: list[list[int]]  # indices of feats, one list per group
    components: list[list[int]]  # indices of feats that can only be grouped with each other
    pairs_compared: int = 0
    pairs_scored: int = 0


def group(feats: list[ClaimFeatures], block_size: Mapping[str, int] | None = None, threshold: float = THRESHOLD,
          anchor_threshold: float = ANCHOR_THRESHOLD, min_confidence: float | None = None) -> Grouping:
    """Groups of claims about one quantity. Compatible claims with some context in common that
    share the block of a name or a year are linked; the linked components are grouped one by one
    (pairs met through other blocks count inside a component), so the
    result for a component depends on its claims alone, never on the rest of the corpus or on
    the order claims were stored in (feats are taken in the order of their claim keys). Claims
    extract was less sure of than `min_confidence` stay alone, unless a person corrected them."""
    pairs: list[tuple[int, int]] = []
    candidates = candidate_pairs(feats, block_size)
    comps: DisjointSets[int] = DisjointSets(range(len(feats)))
    _, links = decided(feats)
    apart = kept_apart(feats, min_confidence)
    links = [(i, j) for i, j in links if i not in apart and j not in apart]
    for (i, j), anchored in candidates.items():
        a, b = feats[i], feats[j]
        if i in apart or j in apart:
            continue
        if compatible(a, b) and cosine(a.vector, b.vector) >= PAIR_FLOOR:
            pairs.append((i, j))
            if anchored:  # claims meet only through a name or a year they share
                comps.union(i, j)
    for i, j in links:
        comps.union(i, j)
    compared = len(candidates)
    by_comp: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for i, j in pairs:
        if comps.find(i) == comps.find(j):
            by_comp[comps.find(i)].append((i, j))
    members = comps.groups()
    uf = _Groups(feats)
    forced: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for i, j in links:
        forced[comps.find(i)].append((i, j))
    for root in sorted(set(by_comp) | set(forced)):
        vectors = weighted(feats, members[root])
        scored = sorted(((cosine(vectors[i], vectors[j]), i, j) for i, j in by_comp.get(root, [])),
                        key=lambda t: (-t[0], t[1], t[2]))
        uf.reset(vectors)
        for i, j in sorted(forced.get(root, [])):
            uf.union(uf.find(i), uf.find(j), force=True)  # a person said they are one quantity
        _agglomerate(uf, scored, threshold, anchor_threshold)
    out: dict[int, list[int]] = defaultdict(list)
    for i in range(len(feats)):
        out[uf.find(i)].append(i)
    return Grouping(groups=sorted(out.values(), key=lambda g: (-len(g), g[0])),
                    components=sorted(members.values(), key=lambda c: c[0]),
                    pairs_compared=compared, pairs_scored=len(pairs))


def confident(record: Mapping[str, Any], min_confidence: float) -> bool:
    """Whether a claim is grouped under a confidence threshold: found with at least it, of unknown
    confidence, or corrected by a person."""
    conf = record.get("confidence")
    return conf is None or float(conf) >= min_confidence or bool(record.get("corrections"))


def kept_apart(feats: list[ClaimFeatures], min_confidence: float | None = None) -> set[int]:
    """The claims group() leaves alone: kept apart by a person, or less sure than `min_confidence`."""
    apart, _ = decided(feats)
    if min_confidence:
        apart |= {i for i, f in enumerate(feats) if not confident(f.row.get("claim") or {}, min_confidence)}
    return apart


def linked_outside(feats: list[ClaimFeatures]) -> bool:
    """Whether a person joined one of these claims to a claim not among them (what only a group
    of both can honour)."""
    index = {(f.row["sha256"], extracted_anchor(f.row.get("claim") or f.row)) for f in feats}
    return any(target and target not in index for f in feats
               for alone, target in [group_decision(f.row.get("claim") or {})] if not alone)


def decided(feats: list[ClaimFeatures]) -> tuple[set[int], list[tuple[int, int]]]:
    """What people decided about claims' groups (claimgraph.corrections): the claims kept apart
    from every group, and the pairs of claims they said are one quantity (both must be among
    feats: a correction leaves resolve the components of both)."""
    apart: set[int] = set()
    wanted: list[tuple[int, tuple[str, str]]] = []
    for i, f in enumerate(feats):
        alone, target = group_decision(f.row.get("claim") or {})
        if alone:
            apart.add(i)
        elif target:
            wanted.append((i, target))
    if not wanted:
        return apart, []
    index = {(f.row["sha256"], extracted_anchor(f.row.get("claim") or f.row)): i for i, f in enumerate(feats)}
    links = [(i, index[t]) for i, t in wanted if t in index and index[t] != i and index[t] not in apart]
    return apart, links


def weighted(feats: list[ClaimFeatures], members: list[int]) -> dict[int, dict[str, float]]:
    """The members' context vectors weighted by how rare each term is among them: what the
    stories competing in one component share (their country, the verb "killed") weighs little,
    what tells them apart (the valley, the mine) weighs much. Names and years keep a floor, so a
    story's own names keep weight when every claim of the component shares them."""
    df: Counter[str] = Counter(t for i in members for t in feats[i].vector)
    n = len(members) + PRIOR_CLAIMS
    out: dict[int, dict[str, float]] = {}
    for i in members:
        v = {t: w * idf(t, df[t], n) for t, w in feats[i].vector.items()}
        v = {t: w for t, w in v.items() if w > 0}
        norm = math.sqrt(sum(w * w for w in v.values())) or 1.0
        out[i] = {t: w / norm for t, w in v.items()}
    return out


def idf(term: str, df: int, n: int) -> float:
    """How much a term weighs among n claims of which df hold it (n counts PRIOR_CLAIMS): names
    and years keep a floor."""
    x = math.log((n + 1) / (df + 0.5))
    return max(ANCHOR_IDF_FLOOR, x) if _is_anchor(term) else x


def is_anchor(term: str) -> bool:
    """A name or a year: the context terms that link claims into one component."""
    return _is_anchor(term)


def _agglomerate(uf: _Groups, scored: list[tuple[float, int, int]], threshold: float, anchor_threshold: float) -> None:
    """Join clusters from the most similar pair down, on their centroids."""
    # Many claim pairs link the same two clusters; a refusal stands until either cluster grows.
    refused: dict[tuple[int, int], tuple[int, int]] = {}
    todo = scored
    for _ in range(2):  # a second pass lets pairs passed over early meet grown centroids
        again: list[tuple[float, int, int]] = []
        for item in todo:
            _, i, j = item
            ri, rj = uf.find(i), uf.find(j)
            if ri == rj:
                continue
            key = (ri, rj) if ri < rj else (rj, ri)
            state = (uf.size[key[0]], uf.size[key[1]])
            if refused.get(key) == state:
                again.append(item)
                continue
            whole, anchors = uf.similarity(ri, rj)
            if not (whole >= threshold and anchors >= anchor_threshold and uf.union(ri, rj)):
                refused[key] = state
                again.append(item)
        todo = again


def label(members: list[ClaimFeatures]) -> dict[str, str | None]:
    """A readable name for a group from its most common words: 'people killed — Karst Valley, 2023'."""

    def common(xs: Iterable[str | None]) -> str | None:
        c = Counter(x for x in xs if x)
        return min(c, key=lambda k: (-c[k], k)) if c else None

    counted = common(fold(f.counted_word) for f in members if f.counted_word)
    event = common(fold(f.event_word) for f in members if f.event_word)
    head_word = counted.split()[-1] if counted else ""
    if event and counted and (event == counted or stem(event) == stem(head_word)
                              or class_of_word(head_word)):
        event = None  # "212 dead", "187 bodies", "a death toll of 16": the noun is the event
    year = common(f.year for f in members)
    place = common(f.row.get("place") for f in members) or common(f.places[0] if f.places else None for f in members)
    cls = members[0].event_class
    head = " ".join(x for x in (counted or ("people" if members[0].counted_class == "persons" else None),
                                event or (cls if not cls.startswith("other") else None)) if x)
    head = head or "figures"
    where = ", ".join(x for x in (place, year) if x)
    text = f"{head} — {where}" if where else head
    return {"label": text, "counted": counted, "event": event, "time": year, "place": place}
