"""Who a claim really comes from, so that copies are counted once.

- Documents whose texts are near-identical (MinHash over word shingles) are one story.
- A story credited to a wire in its dateline ("MARENKO, Veloria (Meridian Press) —"), or whose
  author is another publisher in the store, comes from that wire, whichever site carries it.
- Several documents of one publisher count once.
- When a claim is quoted or attributed ("Amnesty said ..."), its source is the claimant, not
  the outlet that repeats it: ten outlets quoting Amnesty's figure are Amnesty once.

Copies are found through MinHash bands the store indexes, so a new document meets its copies
without comparing it with every other; a cluster of copies is a connected set of near-identical
texts, and its root is its earliest document (by date, then SHA-256), whatever the order the
documents were stored in.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
from datasketch import MinHash

from ..folding import fold, words
from ..resolution import DocumentRow, Origin
from ..unionfind import DisjointSets

NUM_PERM = 64
NEAR_DUPLICATE = 0.7  # estimated Jaccard of 5-word shingles above which two texts are one story
BANDS, ROWS = 8, 8  # LSH bands for that threshold with 64 permutations (datasketch's optimum)
SHINGLE = 5
MAX_WORDS = 3000  # the opening of a long text is enough to recognise a copy
# A dateline's credit: "MARENKO, Veloria (Meridian Press) —" or "TEHRAN (Wire) -"
_CREDIT = re.compile(r"^[^\n()]{0,80}?\(([A-Z][\w.&'’ -]{1,50}?)\)\s*[—–-]{1,2}\s", re.M)
QUOTED_BASES = frozenset({"quote", "attribution"})
# Drawn once (datasketch's default seed): drawing them for every document cost more than hashing it.
_FIRST = MinHash(num_perm=NUM_PERM)


def _shingles(text: str) -> list[bytes]:
    ws = words(text)[:MAX_WORDS]
    if len(ws) < SHINGLE:
        return [" ".join(ws).encode()] if ws else []
    return list({" ".join(ws[i:i + SHINGLE]).encode() for i in range(len(ws) - SHINGLE + 1)})


@dataclass
class Copy:
    """One document as copy detection sees it."""

    id: int
    order: tuple[str, str]  # (published, sha256): the earliest is a cluster's root
    signature: bytes  # empty for a text with no words
    bands: list[str]


def copy_of(doc: DocumentRow) -> Copy:
    sh = _shingles(doc.get("text") or "")
    order = (doc.get("published") or "9999", doc["sha256"])
    if not sh:
        return Copy(doc["id"], order, b"", [])
    m = MinHash(num_perm=NUM_PERM, permutations=_FIRST.permutations, scheme=_FIRST.scheme)
    m.update_batch(sh)
    hv = m.hashvalues.astype(np.uint32)
    bands = [f"{b}:{hv[b * ROWS:(b + 1) * ROWS].tobytes().hex()}" for b in range(BANDS)]
    return Copy(doc["id"], order, hv.tobytes(), bands)


def similar(a: bytes, b: bytes) -> bool:
    if not a or not b:
        return False
    x, y = np.frombuffer(a, dtype=np.uint32), np.frombuffer(b, dtype=np.uint32)
    return float(np.count_nonzero(x == y)) / len(x) >= NEAR_DUPLICATE


def copy_clusters(copies: list[Copy]) -> dict[int, int]:
    """document id -> id of the root document of its cluster of near-identical texts."""
    by_band: dict[str, list[Copy]] = {}
    for c in copies:
        for band in c.bands:
            by_band.setdefault(band, []).append(c)
    sets: DisjointSets[int] = DisjointSets(c.id for c in copies)
    for members in by_band.values():
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                if similar(a.signature, b.signature):
                    sets.union(a.id, b.id)
    order = {c.id: c.order for c in copies}
    out: dict[int, int] = {}
    for ids in sets.groups().values():
        root = min(ids, key=lambda i: order[i])
        out.update((i, root) for i in ids)
    return out


def wire_credit(text: str) -> str | None:
    m = _CREDIT.search(text[:400])
    return m.group(1).strip() if m else None


def credit_of(doc: DocumentRow) -> str | None:
    """The folded name a document credits (its dateline's wire, else its author): a publisher
    it may come from."""
    credit = wire_credit(doc.get("text") or "")
    if credit:
        return fold(credit)
    author = doc.get("author")
    return fold(author) if author else None


def own_origin(doc: DocumentRow, publishers: Mapping[str, str]) -> str:
    """The outlet a document names as its story's source: a credited wire (under the name it
    publishes as, when it is in the store), an author who is a publisher, else its own publisher."""
    credit = wire_credit(doc.get("text") or "")
    author = doc.get("author")
    if credit:
        return publishers.get(fold(credit), credit)
    if author and fold(author) in publishers:
        return publishers[fold(author)]
    return doc.get("publisher") or doc.get("sha256") or str(doc["id"])


def origins(docs: list[DocumentRow], publishers: Mapping[str, str] | None = None,
            copies: list[Copy] | None = None) -> list[Origin]:
    """Where each document's story comes from: the outlet its cluster of copies credits most
    (the root document's own name breaks ties). `publishers` maps every folded publisher name
    in the store to its name (by default those of docs); `copies` are the documents' copy
    records when already computed."""
    pubs = dict(publishers) if publishers is not None else {fold(p): p for d in docs if (p := d.get("publisher"))}
    copies = copies if copies is not None else [copy_of(d) for d in docs]
    by_id = {c.id: c for c in copies}
    root = copy_clusters(copies)
    own = {d["id"]: own_origin(d, pubs) for d in docs}
    sha = {d["id"]: d["sha256"] for d in docs}
    votes: dict[int, Counter[str]] = {}
    for d in docs:
        votes.setdefault(root[d["id"]], Counter())[own[d["id"]]] += 1
    out = []
    for d in docs:
        r = root[d["id"]]
        v = votes[r]
        origin = max(v, key=lambda k: (v[k], k == own[r], k))
        c = by_id[d["id"]]
        out.append(Origin(document_id=d["id"], credit=credit_of(d), own=own[d["id"]], cluster=sha[r], origin=origin,
                          signature=c.signature, bands=c.bands))
    return out


def source_of(claim: Mapping[str, Any], origin: str, claimant_name: str | None) -> str:
    """The key that counts once: the claimant when the outlet only reports them, else the origin."""
    basis = claim.get("claimant_basis") or "publisher"
    if basis in QUOTED_BASES and claimant_name:
        return fold(claimant_name)
    return fold(origin)


def count_independent(sources: Iterable[str]) -> int:
    return len(set(sources))
