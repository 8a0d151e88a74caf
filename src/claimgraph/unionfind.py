"""Union-find (disjoint sets) with path halving: the one implementation resolve builds on."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)


class DisjointSets(Generic[K]):
    """Sets of keys; `union` joins two sets, `groups` lists them."""

    def __init__(self, keys: Iterable[K] = ()) -> None:
        self.parent: dict[K, K] = {k: k for k in keys}

    def add(self, k: K) -> None:
        self.parent.setdefault(k, k)

    def find(self, k: K) -> K:
        parent = self.parent
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    def link(self, child_root: K, root: K) -> None:
        """Put one set's root under another's (for callers that choose the direction)."""
        self.parent[child_root] = root

    def union(self, a: K, b: K) -> K:
        """Join the sets of a and b; returns the root of the joined set."""
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[ra] = rb
        return rb

    def groups(self) -> dict[K, list[K]]:
        """root -> members, in the order the keys were added."""
        out: dict[K, list[K]] = {}
        for k in self.parent:
            out.setdefault(self.find(k), []).append(k)
        return out
