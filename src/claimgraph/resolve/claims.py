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
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .text import content_terms, fold, stem

# Words that name what happened to the counted; the first class found nearest the number wins,
# except that "identified" beats "dead" in "412 of the dead have been identified" (a different
# quantity: the named dead, a lower bound of the toll, not the toll).
EVENT_CLASSES: dict[str, tuple[str, ...]] = {
    "identified": ("identified", "identify", "named", "identification"),
    "death": ("killed", "kill", "killing", "executed", "execute", "execution", "died", "die", "dead", "death",
              "massacre", "massacred", "drowned", "drown", "hanged", "hanging", "slain", "murdered", "murder",
              "perished", "victim", "toll", "fatality", "fatalities", "lives", "body", "bodies", "buried",
              "shot", "deceased", "casualty", "casualties", "lost", "slaughtered", "exterminated", "purge"),
    "injury": ("injured", "wounded", "hurt", "injury", "injuries", "maimed"),
    "missing": ("missing", "disappeared", "unaccounted", "disappearance"),
    "displaced": ("displaced", "homeless", "evacuated", "fled", "refugee", "refugees", "evacuee"),
    "arrest": ("arrested", "detained", "jailed", "imprisoned", "detention", "arrest", "held", "detainee"),
    "composition": ("committee", "commission", "panel", "board", "council", "tribunal", "delegation", "jury"),
    "construction": ("built", "build", "rebuilt", "construct", "constructed", "home", "homes", "houses"),
}
_EVENT_OF = {stem(w): cls for cls, ws in EVENT_CLASSES.items() for w in ws}
_EVENT_OF.update({w: cls for cls, ws in EVENT_CLASSES.items() for w in ws})
MULTIWORD_EVENTS = {"put to death": "death", "lost their lives": "death", "death toll": "death",
                    "went missing": "missing"}

# What is counted: people in general are one class (people, victims, prisoners, the dead: the
# same toll in other words); a demographic part of them (children, women) is another quantity.
PERSONS = frozenset(stem(w) for w in ["people", "persons", "person", "victims", "victim", "dead", "deaths", "death", "lives", "life", "bodies", "body", "casualties", "fatalities", "prisoners", "prisoner", "inmates", "inmate", "detainees", "detainee", "civilians", "civilian", "residents", "villagers", "individuals", "souls", "miners", "miner", "workers", "worker", "protesters", "protester", "demonstrators", "soldiers", "passengers", "members", "men"])
SUBSETS = frozenset(stem(w) for w in ["children", "child", "women", "woman", "girls", "boys", "minors", "students", "babies"])

WINDOW = 9  # tokens either side of the number where its event word is looked for
BLOCK_ALL_PAIRS = 64  # larger blocks are compared with a sliding window instead of all pairs
SLIDE = 16
THRESHOLD = 0.1  # cosine of two groups' centroid context vectors needed to join them
ANCHOR_THRESHOLD = 0.14  # the same for names and years alone
ANCHOR_IDF_FLOOR = 1.0
PAIR_FLOOR = 0.02  # pairs of claims sharing less than this are not even considered
_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_DATED = re.compile(
    rf"\b(?:in|of|since|during|summer|spring|autumn|fall|winter|year|early|late|mid|{_MONTHS})[ -]"
    rf"(?:of )?(?:the )?(?:\d{{1,2}},? )?(1[5-9]\d\d|20\d\d)\b|\b(?:the )(1[5-9]\d\d|20\d\d)(?= [a-z])", re.I)
_TOKEN = re.compile(r"[^\W_]+(?:[.,'’][^\W_]+)*", re.UNICODE)


@dataclass
class ClaimFeatures:
    row: dict[str, Any]
    kind: str
    event_class: str
    event_word: str | None
    counted_class: str
    counted_word: str | None
    year: str | None
    places: list[str]
    vector: dict[str, float] = field(default_factory=dict)
    keys: list[str] = field(default_factory=list)


def _number_position(tokens: list[str], row: dict[str, Any]) -> int | None:
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


def event_of(row: dict[str, Any]) -> tuple[str, str | None]:
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


def _event_in_sentence(row: dict[str, Any]) -> tuple[str, str | None]:
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


def counted_of(row: dict[str, Any]) -> tuple[str, str | None]:
    c = row.get("counted")
    if not c:
        return "persons" if row.get("kind") == "count" else "thing", None
    head = stem(fold(c).split()[-1]) if fold(c) else ""
    if head in SUBSETS:
        return f"subset:{head}", c
    if head in PERSONS:
        return "persons", c
    return f"thing:{head}", c


def compatible_counted(a: str, b: str) -> bool:
    return a == b


def year_of(row: dict[str, Any]) -> str | None:
    """The year the quantity belongs to: the extractor's time, else a year the sentence dates
    the event with ("in 1988", "the 1988 massacre", "since September 2022") — not any year
    ("ran the budget until 2021" says nothing about when the dead died)."""
    t = row.get("time")
    if t:
        m = _YEAR.search(str(t))
        if m:
            return m.group(1)
    nums = {str(int(v)) for v in (row.get("low"), row.get("high"), row.get("value")) if v is not None
            and float(v).is_integer()}
    for m in _DATED.finditer(row.get("text") or ""):
        year = m.group(1) or m.group(2)
        if year not in nums:
            return year
    return None


@dataclass
class DocProfile:
    terms: set[str]  # what the document is about: its names, its salient words, its years
    places: list[str]
    names: list[tuple[str, str]] = field(default_factory=list)  # (surface name, its term)


def document_profiles(docs: Iterable[dict[str, Any]], entity_rows: dict[int, list[dict[str, Any]]],
                      entity_key: dict[int, str] | None = None, top: int = 20) -> dict[int, DocProfile]:
    """The names, years and salient words of each document: what tells one disaster's articles
    from another's when a sentence alone ("212 dead") does not. Names are global entities when
    resolved, so "Ayatollah Khomeini" and "Ruhollah Khomeini" are one term."""
    entity_key = entity_key or {}
    tfs: dict[int, Counter[str]] = {}
    fixed: dict[int, set[str]] = {}
    surface: dict[int, list[tuple[str, str]]] = {}
    df: Counter[str] = Counter()
    places: dict[int, list[str]] = {}
    for d in docs:
        text = (d.get("text") or "")[:20000]
        tf: Counter[str] = Counter(content_terms(text))
        tf.update(content_terms(d.get("title") or "") * 2)
        ents = entity_rows.get(d["id"], [])
        named = [(e["name"], "ent:" + entity_key.get(e["id"], fold(e["name"]))) for e in ents
                 if e["type"] in ("GPE", "LOC", "FAC", "EVENT", "ORG", "PERSON")]
        surface[d["id"]] = named
        years = {"year:" + y for y in _YEAR.findall(f"{d.get('title') or ''} {text}")}
        fixed[d["id"]] = {t for _, t in named} | years
        places[d["id"]] = [e["name"] for e in sorted(ents, key=lambda e: -int(e.get("n_mentions") or 0))
                           if e["type"] in ("GPE", "LOC", "FAC")]
        tfs[d["id"]] = tf
        df.update(tf.keys())
    n = max(1, len(tfs))
    out: dict[int, DocProfile] = {}
    for doc_id, tf in tfs.items():
        scored = sorted(tf, key=lambda t: -(1 + math.log(tf[t])) * math.log((n + 1) / (df[t] + 0.5)))
        out[doc_id] = DocProfile(terms=set(scored[:top]) | fixed[doc_id], places=places[doc_id],
                                 names=surface[doc_id])
    return out


SENTENCE_WEIGHT = 0.5  # the sentence's own words count, but less than what the document is about


def features(rows: list[dict[str, Any]], profiles: dict[int, DocProfile],
             name_key: dict[str, str] | None = None) -> list[ClaimFeatures]:
    """Structure and context of each claim. name_key maps a folded name to its global entity key,
    so a claim's place is the same term as that place in the documents' profiles."""
    name_key = name_key or {}
    feats: list[ClaimFeatures] = []
    df: Counter[str] = Counter()
    for r in rows:
        ec, ew = event_of(r)
        cc, cw = counted_of(r)
        if ec == "composition":
            cc = "members"  # a committee of three officials / of four men: the same quantity
        year = year_of(r)
        prof = profiles.get(r["document_id"])
        places = [r["place"]] if r.get("place") else []
        if prof:
            places += [p for p in prof.places if p not in places]
        vec: dict[str, float] = {t: SENTENCE_WEIGHT for t in content_terms(r.get("text") or "")}
        if r.get("place"):
            vec["ent:" + name_key.get(fold(r["place"]), fold(r["place"]))] = 2.0
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
        f = ClaimFeatures(row=r, kind=r.get("kind") or "count", event_class=ec, event_word=ew, counted_class=cc,
                          counted_word=cw, year=year, places=places, vector=vec)
        feats.append(f)
        df.update(vec.keys())
    n = max(1, len(feats))
    for f in feats:
        # An anchor every article of a dominant story shares (the 1988 massacre in a corpus about
        # it) must keep weight: the floor stops IDF from erasing the story's own names.
        f.vector = {t: w * (max(ANCHOR_IDF_FLOOR, idf) if _is_anchor(t) else idf)
                    for t, w in f.vector.items() for idf in (math.log((n + 1) / (df[t] + 0.5)),)}
        f.vector = {t: w for t, w in f.vector.items() if w > 0}
        norm = math.sqrt(sum(w * w for w in f.vector.values())) or 1.0
        f.vector = {t: w / norm for t, w in f.vector.items()}
        # Blocking keys: the structural class alone (compared in full only while it is small),
        # and with each of the claim's names and years and its rarest words.
        base = f"{f.kind}|{f.event_class}|{f.counted_class}"
        anchors = [t for t in f.vector if t.startswith(("ent:", "year:"))]
        rare = [t for t, _ in sorted(f.vector.items(), key=lambda kv: (-kv[1], kv[0]))[:8]]
        f.keys = [base] + [f"{base}|{t}" for t in dict.fromkeys(anchors + rare)]
    return feats


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    # The key intersection runs in C; only shared terms reach the Python loop.
    return sum(a[t] * b[t] for t in a.keys() & b.keys())


def compatible(a: ClaimFeatures, b: ClaimFeatures) -> bool:
    if a.row["document_id"] == b.row["document_id"] and a.row.get("text") == b.row.get("text") \
            and a.row.get("low") != b.row.get("low"):
        return False  # two numbers of one sentence are two quantities
    return (a.kind == b.kind and a.event_class == b.event_class and compatible_counted(a.counted_class, b.counted_class)
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
        self.parent = list(range(len(feats)))
        self.size = [1] * len(feats)
        self.years: list[set[str]] = [{f.year} if f.year else set() for f in feats]
        self.centroid: list[dict[str, float]] = [dict(f.vector) for f in feats]
        self.anchors: list[dict[str, float]] = [{t: w for t, w in f.vector.items() if _is_anchor(t)} for f in feats]
        self.norm: list[float] = [1.0 for _ in feats]
        self.anorm: list[float] = [_norm(a) for a in self.anchors]

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def similarity(self, ri: int, rj: int) -> tuple[float, float]:
        whole = cosine(self.centroid[ri], self.centroid[rj]) / (self.norm[ri] * self.norm[rj])
        if not self.anorm[ri] or not self.anorm[rj]:
            return whole, 0.0
        return whole, cosine(self.anchors[ri], self.anchors[rj]) / (self.anorm[ri] * self.anorm[rj])

    def union(self, ri: int, rj: int) -> bool:
        yi, yj = self.years[ri], self.years[rj]
        if yi and yj and not (yi & yj):
            return False
        self.parent[ri] = rj
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
        out = dict(sorted(out.items(), key=lambda kv: -kv[1])[:keep])
    return out


def _norm(v: dict[str, float]) -> float:
    return math.sqrt(sum(w * w for w in v.values()))


def candidate_pairs(feats: list[ClaimFeatures]) -> Iterable[tuple[int, int]]:
    """Each pair of claims that share a block, once. Pairs seen are kept as packed integers:
    a set of tuples took more memory than the rest of the stage (measured on 10,000 documents)."""
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, f in enumerate(feats):
        for k in f.keys:
            blocks[k].append(i)
    n = max(1, len(feats))
    seen: set[int] = set()
    for k, members in blocks.items():
        m = len(members)
        if m < 2:
            continue
        if m > BLOCK_ALL_PAIRS and k.count("|") == 2:
            continue  # a whole structural class is only compared in full while it is small
        width = m if m <= BLOCK_ALL_PAIRS else SLIDE
        for x in range(m):
            a = members[x]
            for y in range(x + 1, min(m, x + width + 1)):
                b = members[y]
                packed = a * n + b if a < b else b * n + a
                if packed not in seen:
                    seen.add(packed)
                    yield (a, b) if a < b else (b, a)


def group(feats: list[ClaimFeatures], threshold: float = THRESHOLD,
          anchor_threshold: float = ANCHOR_THRESHOLD, stats: dict[str, int] | None = None) -> list[list[int]]:
    """Indices of feats, one list per group, largest first. `stats` gets the number of pairs
    compared: the figure that shows blocking at work (all pairs would be n(n-1)/2)."""
    scored: list[tuple[float, int, int]] = []
    compared = 0
    for i, j in candidate_pairs(feats):
        compared += 1
        a, b = feats[i], feats[j]
        if not compatible(a, b):
            continue
        s = cosine(a.vector, b.vector)
        if s >= PAIR_FLOOR:
            scored.append((s, i, j))
    scored.sort(key=lambda t: (-t[0], t[1], t[2]))
    if stats is not None:
        stats["pairs_compared"] = compared
        stats["pairs_scored"] = len(scored)
    uf = _Groups(feats)
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
    out: dict[int, list[int]] = defaultdict(list)
    for i in range(len(feats)):
        out[uf.find(i)].append(i)
    return sorted(out.values(), key=lambda g: (-len(g), g[0]))


def label(members: list[ClaimFeatures]) -> dict[str, str | None]:
    """A readable name for a group from its most common words: 'people killed — Karst Valley, 2023'."""

    def common(xs: Iterable[str | None]) -> str | None:
        c = Counter(x for x in xs if x)
        return c.most_common(1)[0][0] if c else None

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
