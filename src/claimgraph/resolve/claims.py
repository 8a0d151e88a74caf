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

from ..folding import content_terms, fold, stem, translit
from ..resolution import ClaimRow, DocumentRow, EntityRow
from ..unionfind import DisjointSets
from ..words.events import EVENT_CLASSES, MULTIWORD_EVENTS, PERSONS, SUBSETS

_EVENT_OF = {stem(w): cls for cls, ws in EVENT_CLASSES.items() for w in sorted(ws)}
_EVENT_OF.update({w: cls for cls, ws in EVENT_CLASSES.items() for w in sorted(ws)})
_PERSONS = frozenset(stem(w) for w in PERSONS)
_SUBSETS = frozenset(stem(w) for w in SUBSETS)

WINDOW = 9  # tokens either side of the number where its event word is looked for
BLOCK_CAP = 64  # larger blocks are too generic to compare on (their claims meet through rarer keys)
THRESHOLD = 0.1  # cosine of two groups' centroid context vectors needed to join them
ANCHOR_THRESHOLD = 0.14  # the same for names and years alone
PAIR_FLOOR = 0.02  # pairs of claims sharing less than this are not even considered
ANCHOR_IDF_FLOOR = 1.0
# Claims assumed around every component that share none of its terms: in a component of two
# stories, what both share must still weigh less than what only one has.
PRIOR_CLAIMS = 50
TOP_TERMS = 20  # salient words kept per document
_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
_TOKEN = re.compile(r"[^\W_]+(?:[.,'’][^\W_]+)*", re.UNICODE)


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


def _number_position(tokens: list[str], row: ClaimRow) -> int | None:
    nt = (row.get("number_text") or "").lower()
    cand = [fold(x) for x in _TOKEN.findall(nt)] if nt else []
    want = {t for t in cand if t}
    for v in (row.get("low"), row.get("high"), row.get("value")):
        if v is not None and float(v).is_integer():
            want |= {str(int(v)), f"{int(v):,}"}
    for i, t in enumerate(tokens):
        if t in want:
            return i
    return None


def event_of(row: ClaimRow) -> tuple[str, str | None]:
    """(event class, the word that gave it) from the extractor's event, else from the sentence."""
    ev = row.get("event")
    if ev:
        f = fold(ev)
        for phrase, cls in MULTIWORD_EVENTS.items():
            if phrase in f:
                return cls, ev
        for w in reversed(f.split()):
            hit = _EVENT_OF.get(w) or _EVENT_OF.get(stem(w))
            if hit:
                return hit, ev
    cls, word = _event_in_sentence(row)
    if cls == "other" and ev:
        return f"other:{stem(fold(ev).split()[-1])}" if fold(ev) else "other", ev
    return cls, word


def _event_in_sentence(row: ClaimRow) -> tuple[str, str | None]:
    text = row.get("text") or ""
    lowered = fold(text)
    tokens = [t.lower().strip(".,") for t in _TOKEN.findall(text)]
    pos = _number_position(tokens, row)
    best: tuple[int, str, str] | None = None
    for i, t in enumerate(tokens):
        w = fold(t)
        cls = _EVENT_OF.get(w) or _EVENT_OF.get(stem(w))
        if not cls:
            continue
        dist = abs(i - pos) if pos is not None else 0
        if pos is not None and dist > WINDOW:
            continue
        if cls == "identified":
            dist -= WINDOW  # a subset wording is decisive wherever it sits in the clause
        if best is None or dist < best[0]:
            best = (dist, cls, w)
    for phrase, cls in MULTIWORD_EVENTS.items():
        if phrase in lowered and (best is None or best[1] != "identified"):
            return cls, phrase
    if best:
        return best[1], best[2]
    counted = fold(row.get("counted") or "")
    for w in reversed(counted.split()):
        cls = _EVENT_OF.get(w) or _EVENT_OF.get(stem(w))
        if cls:
            return cls, w  # "212 dead", "187 bodies": the noun says what happened
    return "other", None


def counted_of(row: ClaimRow) -> tuple[str, str | None]:
    c = row.get("counted")
    if not c:
        return "persons" if row.get("kind") == "count" else "thing", None
    head = stem(fold(c).split()[-1]) if fold(c) else ""
    if head in _SUBSETS:
        return f"subset:{head}", c
    if head in _PERSONS:
        return "persons", c
    return f"thing:{head}", c


def year_of(row: ClaimRow) -> str | None:
    """The year the quantity belongs to, as extract read it (Claim.time, stated or inferred)."""
    m = _YEAR.search(str(row.get("time") or ""))
    return m.group(1) if m else None


@dataclass
class DocProfile:
    terms: set[str]  # what the document is about: its names, its salient words, its years
    places: list[str]
    names: list[tuple[str, str]] = field(default_factory=list)  # (surface name, its term)


def name_term(name: str, type_: str) -> str:
    """A name as a context term: one term for the spellings of a surname, an organisation or a
    place, whatever the resolution of entities (so that a claim's context never changes when
    another document's names are joined)."""
    toks = fold(name).split()
    if not toks:
        return "ent:"
    head = toks[-1] if type_ == "PERSON" else " ".join(toks)
    return "ent:" + translit(head)


def document_profile(doc: DocumentRow, entities: list[EntityRow], top: int = TOP_TERMS) -> DocProfile:
    """The names, years and most frequent content words of one document: what tells one
    disaster's articles from another's when a sentence alone ("212 dead") does not. Computed
    from the document alone, so a new document changes no other document's profile."""
    text = (doc.get("text") or "")[:20000]
    tf: Counter[str] = Counter(content_terms(text))
    tf.update(content_terms(doc.get("title") or "") * 2)
    named = [(e["name"], name_term(e["name"], e["type"])) for e in entities
             if e["type"] in ("GPE", "LOC", "FAC", "EVENT", "ORG", "PERSON")]
    years = {"year:" + y for y in _YEAR.findall(f"{doc.get('title') or ''} {text}")}
    places = [e["name"] for e in sorted(entities, key=lambda e: (-int(e.get("n_mentions") or 0), e["local_id"]))
              if e["type"] in ("GPE", "LOC", "FAC")]
    salient = sorted(tf, key=lambda t: (-tf[t], t))[:top]
    return DocProfile(terms=set(salient) | {t for _, t in named} | years, places=places, names=named)


SENTENCE_WEIGHT = 0.5  # the sentence's own words count, but less than what the document is about


def features(rows: list[ClaimRow], profiles: Mapping[int, DocProfile]) -> list[ClaimFeatures]:
    """Structure and context of each claim, from the claim and its document alone."""
    feats: list[ClaimFeatures] = []
    for r in rows:
        ec, ew = event_of(r)
        cc, cw = counted_of(r)
        if ec == "composition":
            cc = "members"  # a committee of three officials / of four men: the same quantity
        year = year_of(r)
        prof = profiles.get(r["document_id"])
        place = r.get("place")
        places = [place] if place else []
        if prof:
            places += [p for p in prof.places if p not in places]
        vec: dict[str, float] = {t: SENTENCE_WEIGHT for t in content_terms(r.get("text") or "")}
        if place:
            vec[name_term(place, "GPE")] = 2.0
        if year:
            vec["year:" + year] = 2.0
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
                          counted_word=cw, year=year, places=places, vector={t: w / norm for t, w in vec.items()})
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
            and (a.year is None or b.year is None or a.year == b.year))


def _is_anchor(term: str) -> bool:
    return term.startswith(("ent:", "year:"))


class _Groups:
    """Union-find whose clusters keep their years and the sum of their members' context vectors.

    Joining is decided on the clusters' centroids, not on the one pair that brought them
    together: a group gathers its story's vocabulary (names, places, years) as it grows, so a
    new article that shares little with any single member still finds it. Two conditions must
    hold: the whole context is similar, and so are the anchors alone (names and years): two
    floods share every word of a flood report, but not the valley, the minister or the year.
    A claim without a year never bridges a 1988 group and a 2022 group."""

    KEEP = 150  # terms kept per centroid: the rest weigh little and cost a lot

    def __init__(self, feats: list[ClaimFeatures]) -> None:
        self.sets: DisjointSets[int] = DisjointSets(range(len(feats)))
        self.size = [1] * len(feats)
        self.years: list[set[str]] = [{f.year} if f.year else set() for f in feats]
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

    def union(self, ri: int, rj: int) -> bool:
        yi, yj = self.years[ri], self.years[rj]
        if yi and yj and not (yi & yj):
            return False
        self.sets.link(ri, rj)
        self.size[rj] += self.size[ri]
        self.years[rj] = yi | yj
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
          anchor_threshold: float = ANCHOR_THRESHOLD) -> Grouping:
    """Groups of claims about one quantity. Compatible claims with some context in common that
    share the block of a name or a year are linked; the linked components are grouped one by one
    (pairs met through other blocks count inside a component), so the
    result for a component depends on its claims alone, never on the rest of the corpus or on
    the order claims were stored in (feats are taken in the order of their claim keys)."""
    pairs: list[tuple[int, int]] = []
    candidates = candidate_pairs(feats, block_size)
    comps: DisjointSets[int] = DisjointSets(range(len(feats)))
    for (i, j), anchored in candidates.items():
        a, b = feats[i], feats[j]
        if compatible(a, b) and cosine(a.vector, b.vector) >= PAIR_FLOOR:
            pairs.append((i, j))
            if anchored:  # claims meet only through a name or a year they share
                comps.union(i, j)
    compared = len(candidates)
    by_comp: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for i, j in pairs:
        if comps.find(i) == comps.find(j):
            by_comp[comps.find(i)].append((i, j))
    members = comps.groups()
    uf = _Groups(feats)
    for root, comp_pairs in by_comp.items():
        vectors = weighted(feats, members[root])
        scored = sorted(((cosine(vectors[i], vectors[j]), i, j) for i, j in comp_pairs), key=lambda t: (-t[0], t[1], t[2]))
        uf.reset(vectors)
        _agglomerate(uf, scored, threshold, anchor_threshold)
    out: dict[int, list[int]] = defaultdict(list)
    for i in range(len(feats)):
        out[uf.find(i)].append(i)
    return Grouping(groups=sorted(out.values(), key=lambda g: (-len(g), g[0])),
                    components=sorted(members.values(), key=lambda c: c[0]),
                    pairs_compared=compared, pairs_scored=len(pairs))


def weighted(feats: list[ClaimFeatures], members: list[int]) -> dict[int, dict[str, float]]:
    """The members' context vectors weighted by how rare each term is among them: what the
    stories competing in one component share (their country, the verb "killed") weighs little,
    what tells them apart (the valley, the mine) weighs much. Names and years keep a floor, so a
    story's own names keep weight when every claim of the component shares them."""
    df: Counter[str] = Counter(t for i in members for t in feats[i].vector)
    n = len(members) + PRIOR_CLAIMS
    out: dict[int, dict[str, float]] = {}
    for i in members:
        v = {t: w * (max(ANCHOR_IDF_FLOOR, idf) if _is_anchor(t) else idf)
             for t, w in feats[i].vector.items() for idf in (math.log((n + 1) / (df[t] + 0.5)),)}
        v = {t: w for t, w in v.items() if w > 0}
        norm = math.sqrt(sum(w * w for w in v.values())) or 1.0
        out[i] = {t: w / norm for t, w in v.items()}
    return out


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
    if event and counted and (event == counted or stem(event) == stem(counted.split()[-1])):
        event = None  # "212 dead", "187 bodies": the noun is the event
    year = common(f.year for f in members)
    place = common(f.row.get("place") for f in members) or common(f.places[0] if f.places else None for f in members)
    cls = members[0].event_class
    head = " ".join(x for x in (counted or ("people" if members[0].counted_class == "persons" else None),
                                event or (cls if not cls.startswith("other") else None)) if x)
    head = head or "figures"
    where = ", ".join(x for x in (place, year) if x)
    text = f"{head} — {where}" if where else head
    return {"label": text, "counted": counted, "event": event, "time": year, "place": place}
