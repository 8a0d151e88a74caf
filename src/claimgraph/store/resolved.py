"""Reading what resolve stored: global entities, merges, claim groups, publishers.

Reads never write: what was not resolved yet reads as empty (a writing command resolves it).
Shapes are the contract in claimgraph.resolve's docstring.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from typing import Any

from ..errors import NotFound
from ..folding import name_key
from ..words.names import ABBREVIATIONS
from .database import Database


def _entity(r: dict[str, Any]) -> dict[str, Any]:
    r["aliases"] = json.loads(r["aliases"])
    r["roles"] = json.loads(r["roles"])
    r.pop("key", None)
    r.pop("component", None)
    return r


# Where one sentence ends and the next starts: after . ! ? (and a closing quote), or a blank line.
_SENTENCE_BREAK = re.compile(r"(\w*)[.!?][\"”’)]?(\s+)(?=[\"“‘(]?[A-Z0-9])|()()\n\s*\n")
WINDOW = 600  # characters either side of a mention searched for its sentence's ends
DESCRIBED = 50  # sentences describing an entity shown per entity


def sentence_at(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the sentence of `text` around [start, end): how an outlet words what it says
    about a name it mentions."""
    lo = max(0, start - WINDOW)
    a, b = lo, min(len(text), end + WINDOW)
    for m in _SENTENCE_BREAK.finditer(text, lo, b):
        word = m.group(1) or ""
        if m.group(2) and (word.lower() in ABBREVIATIONS or len(word) == 1):
            continue
        stop = m.start(2) if m.group(2) else m.start()
        if m.end() <= start:
            a = m.end()
        elif stop >= end:
            b = stop
            break
    return a, b


class Resolved:
    """Cross-document results, as the faces show them."""

    db: Database

    def global_entities(self, q: str | None = None, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
        """People, organisations and places across documents, most documented first."""
        where, args = ("WHERE name LIKE ? OR aliases LIKE ?", (f"%{q}%", f"%{q}%")) if q else ("", ())
        return [_entity(r) for r in self.db.query(
            f"SELECT * FROM global_entities {where} ORDER BY n_documents DESC, n_mentions DESC, name LIMIT ? OFFSET ?",
            (*args, limit, offset))]

    def has_global_entities(self) -> bool:
        return self.db.value("SELECT 1 FROM global_entities LIMIT 1") is not None

    def global_entity(self, entity_id: int) -> dict[str, Any]:
        """One entity with its documents, what it said, what was said about it, and its merges."""
        db = self.db
        row = db.row("SELECT * FROM global_entities WHERE id = ?", (entity_id,))
        if row is None:
            raise NotFound(f"no entity {entity_id}")
        out = _entity(row)
        members = db.query(
            "SELECT e.id, e.document_id, e.local_id, e.name, e.type, m.node, d.sha256, d.title, d.publisher, d.published"
            " FROM entity_members m JOIN entities e ON e.id = m.entity_id JOIN documents d ON d.id = e.document_id"
            " WHERE m.global_id = ? ORDER BY d.id", (entity_id,))
        out["documents"] = [{"id": m["document_id"], "sha256": m["sha256"], "title": m["title"],
                             "publisher": m["publisher"], "published": m["published"], "local_id": m["local_id"]}
                            for m in members]
        local = {(m["document_id"], m["local_id"]) for m in members}
        names = {name_key(n, t) for n in [out["name"], *out["aliases"]] for t in ("PERSON", "ORG")}
        # Two queries, not two per document: an entity named in 750 documents was 1,500 queries.
        spans: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for r in db.query("SELECT e.document_id, mn.start, mn.end FROM entity_members m JOIN entities e ON e.id = m.entity_id"
                          " JOIN mentions mn ON mn.entity_id = e.id WHERE m.global_id = ?", (entity_id,)):
            spans[r["document_id"]].append((r["start"], r["end"]))
        quotes_by, quotes_about = [], []
        inside: dict[int, list[tuple[int, int]]] = defaultdict(list)  # each document's quote spans
        meta = {m["document_id"]: {k: m[k] for k in ("sha256", "title", "publisher", "published")} for m in members}
        for q in db.query("SELECT q.* FROM quotes q WHERE q.document_id IN"
                          " (SELECT e.document_id FROM entity_members m JOIN entities e ON e.id = m.entity_id"
                          "  WHERE m.global_id = ?) ORDER BY q.document_id, q.start", (entity_id,)):
            doc_id = q["document_id"]
            q.update(meta[doc_id])  # the document's columns, read once with the members
            inside[doc_id].append((q["start"], q["end"]))
            spoken = (doc_id, q.get("speaker_entity")) in local or (
                q.get("speaker_name") and name_key(q["speaker_name"], out["type"]) in names)
            if spoken:
                quotes_by.append(q)
            elif any(a < q["end"] and q["start"] < b for a, b in spans[doc_id]):
                quotes_about.append(q)
        out["quotes_by"], out["quotes_about"] = quotes_by, quotes_about
        own = {(q["document_id"], q["start"], q["end"]) for q in quotes_by}
        out["claims_about"], out["described"] = self._about(entity_id, meta, spans, inside, local, own)
        keys = sorted({m["node"] for m in members})
        marks = ",".join("?" * len(keys))
        out["merges"] = db.query(
            "SELECT id, name_a, name_b, score, evidence, status FROM entity_merges WHERE global_id = ?"
            " UNION SELECT id, name_a, name_b, score, evidence, status FROM entity_merges"
            f" WHERE status = 'rejected' AND (key_a IN ({marks}) OR key_b IN ({marks})) ORDER BY score DESC",
            (entity_id, *keys, *keys)) if keys else []
        return out

    def _about(self, entity_id: int, meta: dict[int, dict[str, Any]], spans: dict[int, list[tuple[int, int]]],
               inside: dict[int, list[tuple[int, int]]], local: set[tuple[int, str]],
               own: set[tuple[int, int, int]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """What outlets state about an entity in their own words: the claims whose sentence names
        it (or whose number is its age), and the sentences naming it outside any quote (`inside`:
        each document's quote spans) and apart from what it says itself (`own`: its quotes'
        spans). An outlet describing a person is no quote, and was not shown at all."""
        db = self.db
        claims_about: list[dict[str, Any]] = []
        described: list[dict[str, Any]] = []
        # One query for the claims of every document naming it, texts only while sentences are
        # wanted: three queries per document took 120-170 ms for a name in 830 documents.
        claims: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for c in db.query("SELECT document_id, id, local_id, kind, text, start, end, value, low, high, qualifier, bound,"
                          " number_text, counted, event, claimant_name, claimant_entity, data FROM claims"
                          " WHERE document_id IN (SELECT e.document_id FROM entity_members m"
                          " JOIN entities e ON e.id = m.entity_id WHERE m.global_id = ?)"
                          " ORDER BY document_id, start", (entity_id,)):
            claims[c.pop("document_id")].append(c)
        for doc_id in sorted(spans):
            mentions = sorted(set(spans[doc_id]))
            for c in claims.get(doc_id, []):
                data = json.loads(c.pop("data") or "{}")
                if (doc_id, c.get("claimant_entity")) in local:
                    continue  # what it claims itself
                if (doc_id, data.get("about")) in local or any(c["start"] <= a and b <= c["end"] for a, b in mentions):
                    claims_about.append({**c, "document_id": doc_id, **meta[doc_id]})
            if len(described) >= DESCRIBED:
                continue
            text = db.value("SELECT text FROM documents WHERE id = ?", (doc_id,)) or ""
            seen: set[tuple[int, int]] = set()
            for a, b in mentions:
                if len(described) >= DESCRIBED:
                    break
                if any(x <= a and b <= y for x, y in inside.get(doc_id, [])):
                    continue
                span = sentence_at(text, a, b)
                if span in seen or any(d == doc_id and x < span[1] and span[0] < y for d, x, y in own):
                    continue
                seen.add(span)
                described.append({"document_id": doc_id, "text": text[span[0]:span[1]].strip(), "start": span[0],
                                  "end": span[1], **meta[doc_id]})
        return claims_about, described

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
