"""Who a claim really comes from, so that copies are counted once.

- Documents whose texts are near-identical (MinHash over word shingles) are one story.
- A story credited to a wire in its dateline ("MARENKO, Veloria (Meridian Press) —"), or whose
  author is another publisher in the store, comes from that wire, whichever site carries it.
- Several documents of one publisher count once.
- When a claim is quoted or attributed ("Amnesty said ..."), its source is the claimant, not
  the outlet that repeats it: ten outlets quoting Amnesty's figure are Amnesty once.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import Any

from datasketch import MinHash, MinHashLSH

from .text import fold, words

NUM_PERM = 64
NEAR_DUPLICATE = 0.7  # estimated Jaccard of 5-word shingles above which two texts are one story
SHINGLE = 5
MAX_WORDS = 3000  # the opening of a long text is enough to recognise a copy
# A dateline's credit: "MARENKO, Veloria (Meridian Press) —" or "TEHRAN (Wire) -"
_CREDIT = re.compile(r"^[^\n()]{0,80}?\(([A-Z][\w.&'’ -]{1,50}?)\)\s*[—–-]{1,2}\s", re.M)
QUOTED_BASES = frozenset({"quote", "attribution"})


def _shingles(text: str) -> list[bytes]:
    ws = words(text)[:MAX_WORDS]
    if len(ws) < SHINGLE:
        return [" ".join(ws).encode()] if ws else []
    return list({" ".join(ws[i:i + SHINGLE]).encode() for i in range(len(ws) - SHINGLE + 1)})


def copy_clusters(docs: list[dict[str, Any]]) -> dict[int, int]:
    """document id -> id of the first document of its near-duplicate cluster."""
    lsh = MinHashLSH(threshold=NEAR_DUPLICATE, num_perm=NUM_PERM)
    parent: dict[int, int] = {}
    hashes: dict[int, MinHash] = {}
    for d in sorted(docs, key=lambda d: d["id"]):
        sh = _shingles(d.get("text") or "")
        if not sh:
            parent[d["id"]] = d["id"]
            continue
        m = MinHash(num_perm=NUM_PERM)
        m.update_batch(sh)
        hits = [h for h in lsh.query(m) if hashes[h].jaccard(m) >= NEAR_DUPLICATE]
        parent[d["id"]] = min((parent[h] for h in hits), default=d["id"])
        key = d["id"]
        hashes[key] = m
        lsh.insert(key, m)
    return parent


def wire_credit(text: str) -> str | None:
    m = _CREDIT.search(text[:400])
    return m.group(1).strip() if m else None


def origins(docs: list[dict[str, Any]]) -> dict[int, str]:
    """document id -> the name of the outlet the story originates from."""
    publishers = {fold(d["publisher"]): d["publisher"] for d in docs if d.get("publisher")}
    cluster = copy_clusters(docs)
    own: dict[int, str] = {}
    for d in docs:
        credit = wire_credit(d.get("text") or "")
        author = d.get("author")
        if credit:
            own[d["id"]] = publishers.get(fold(credit), credit)
        elif author and fold(author) in publishers:
            own[d["id"]] = publishers[fold(author)]
        else:
            own[d["id"]] = d.get("publisher") or d.get("sha256") or str(d["id"])
    by_cluster: dict[int, Counter[str]] = {}
    for d in docs:
        by_cluster.setdefault(cluster[d["id"]], Counter())[own[d["id"]]] += 1
    out: dict[int, str] = {}
    for d in docs:
        votes = by_cluster[cluster[d["id"]]]
        # Copies credit the wire they came from; the root document's own name breaks ties.
        root = own[cluster[d["id"]]]
        out[d["id"]] = max(votes, key=lambda k: (votes[k], k == root, k))
    return out


def source_of(claim: dict[str, Any], origin: str, claimant_name: str | None) -> str:
    """The key that counts once: the claimant when the outlet only reports them, else the origin."""
    basis = claim.get("claimant_basis") or "publisher"
    if basis in QUOTED_BASES and claimant_name:
        return fold(claimant_name)
    return fold(origin)


def count_independent(sources: Iterable[str]) -> int:
    return len(set(sources))
