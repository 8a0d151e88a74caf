"""Reading what resolve stored: global entities, merges, claim groups, publishers.

Reads never write: what was not resolved yet reads as empty (a writing command resolves it).
Shapes are the contract in claimgraph.resolve's docstring.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from ..errors import NotFound
from .database import Database
from .entity_page import EntityPage, entity_row


class Resolved(EntityPage):
    """Cross-document results, as the faces show them."""

    db: Database

    def global_entities(self, q: str | None = None, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
        """People, organisations and places across documents, most documented first."""
        where, args = ("WHERE name LIKE ? OR aliases LIKE ?", (f"%{q}%", f"%{q}%")) if q else ("", ())
        return [entity_row(r) for r in self.db.query(
            f"SELECT * FROM global_entities {where} ORDER BY n_documents DESC, n_mentions DESC, name LIMIT ? OFFSET ?",
            (*args, limit, offset))]

    def has_global_entities(self) -> bool:
        return self.db.value("SELECT 1 FROM global_entities LIMIT 1") is not None

    def merges(self, status: str | None = None, limit: int = 200, offset: int = 0) -> list[dict[str, Any]]:
        """Every join of two names (weakest first), to confirm or reject."""
        where, args = ("WHERE status = ?", (status,)) if status else ("", ())
        return self.db.query(
            f"SELECT id, global_id, name_a, name_b, key_a, key_b, score, evidence, status FROM entity_merges {where}"
            " ORDER BY score ASC, id LIMIT ? OFFSET ?", (*args, limit, offset))

    def merge(self, merge_id: int) -> dict[str, Any]:
        row = self.db.row("SELECT id, global_id, name_a, name_b, key_a, key_b, score, evidence, status"
                          " FROM entity_merges WHERE id = ?", (merge_id,))
        if row is None:
            raise NotFound(f"no merge {merge_id} (list them with `claimgraph merges`)")
        return row

    def claim_groups(self, limit: int = 100, offset: int = 0, min_claims: int = 1) -> list[dict[str, Any]]:
        """Claim groups (resolution.ClaimGroupJSON), most independently sourced first."""
        return [json.loads(v) for v in self.db.column(
            "SELECT data FROM claim_groups WHERE n_claims >= ?"
            " ORDER BY independent_sources DESC, n_claims DESC, label LIMIT ? OFFSET ?", (min_claims, limit, offset))]

    def claim_group_summaries(self, limit: int = 20, offset: int = 0, contradicted: bool = False) -> list[dict[str, Any]]:
        """Claim groups without their claims (what listings show), most independently sourced
        first, each with `n_claims`. A group carries every claim: thousands in a large corpus."""
        where = "WHERE contradiction = 1" if contradicted else ""
        out = []
        for r in self.db.query(f"SELECT n_claims, summary FROM claim_groups {where}"
                               " ORDER BY independent_sources DESC, n_claims DESC, label LIMIT ? OFFSET ?", (limit, offset)):
            g = json.loads(r["summary"])
            g["n_claims"] = r["n_claims"]
            out.append(g)
        return out

    def count_claim_groups(self, contradicted: bool = False) -> int:
        where = "WHERE contradiction = 1" if contradicted else ""
        return int(self.db.value(f"SELECT count(*) FROM claim_groups {where}"))

    def claim_group(self, group_id: int) -> dict[str, Any]:
        data = self.db.value("SELECT data FROM claim_groups WHERE id = ?", (group_id,))
        if data is None:
            raise NotFound(f"no claim group {group_id}")
        out: dict[str, Any] = json.loads(data)
        return out

    def publishers(self) -> list[dict[str, Any]]:
        """Publishers with their labels and document counts (labelled ones without documents too)."""
        labs = self.labels()
        counts = {r["publisher"]: r["n"] for r in self.db.query(
            "SELECT publisher, count(*) AS n FROM documents WHERE publisher IS NOT NULL GROUP BY publisher")}
        names = sorted(set(counts) | set(labs), key=lambda p: (-counts.get(p, 0), p))
        return [{"publisher": p, "labels": labs.get(p, []), "n_documents": counts.get(p, 0)} for p in names]

    def labels(self) -> dict[str, list[str]]:
        """publisher -> its labels."""
        out: dict[str, list[str]] = defaultdict(list)
        for r in self.db.query("SELECT publisher, label FROM publisher_labels ORDER BY publisher, label"):
            out[r["publisher"]].append(r["label"])
        return dict(out)
