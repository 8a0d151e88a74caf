"""People's own records: judgements on merges, labels of publishers, corrections of what
extraction found. Never derived, never deleted by reprocess or resolve; keyed by names and
content, never by row ids (which `reprocess` renumbers). Each write leaves resolve the work it
causes, in the same transaction."""

from __future__ import annotations

import json
from typing import Any

from ..clock import now
from ..errors import InputError
from .database import Database

DECISIONS = {"confirm": "confirm", "confirmed": "confirm", "reject": "reject", "rejected": "reject",
             "split": "reject"}
CORRECTED = {"quote": ("speaker",), "claim": ("value", "claimant", "group")}


class Decisions:
    """Judgements, labels and corrections."""

    db: Database

    def record_judgement(self, key_a: str, key_b: str, decision: str, note: str | None = None,
                         kind: str = "entity") -> str:
        """Keep (or change) a decision on two name keys; the components of both are recomputed."""
        d = DECISIONS.get(decision.lower())
        if d is None:
            raise InputError(decision, "a decision is confirm, reject or split")
        a, b = sorted((key_a, key_b))
        self.db.execute(
            "INSERT INTO judgements(kind, key_a, key_b, decision, note, at) VALUES (?,?,?,?,?,?)"
            " ON CONFLICT(kind, key_a, key_b) DO UPDATE SET decision = excluded.decision, note = excluded.note,"
            " at = excluded.at", (kind, a, b, d, note, now()))
        self.db.execute("INSERT OR IGNORE INTO resolve_pending(kind, ref) SELECT DISTINCT 'entities', component"
                        " FROM entity_nodes WHERE key IN (?, ?)", (a, b))
        return d

    def set_label(self, publisher: str, label: str, remove: bool = False, origin: str = "cli") -> None:
        """Give a publisher a label (or take it away); its groups' spreads by label are rebuilt."""
        publisher, label = publisher.strip(), label.strip().lower()
        if not publisher or not label:
            raise InputError(publisher or "publisher", "a publisher and a label are both needed")
        if remove:
            self.db.execute("DELETE FROM publisher_labels WHERE publisher = ? AND label = ?", (publisher, label))
        else:
            self.db.execute("INSERT OR REPLACE INTO publisher_labels(publisher, label, origin, at) VALUES (?,?,?,?)",
                            (publisher, label, origin, now()))
        self.db.execute("INSERT OR IGNORE INTO resolve_pending(kind, ref) VALUES ('publisher', ?)", (publisher,))

    def add_correction(self, sha256: str, item: str, anchor: str, field: str, value: Any,
                       note: str | None = None) -> None:
        """Keep a person's correction of one extracted item, found again by its document and text."""
        if field not in CORRECTED.get(item, ()):
            raise InputError(f"{item}.{field}", "not a field people can correct")
        self.db.execute(
            "INSERT INTO corrections(sha256, item, anchor, field, value, note, at) VALUES (?,?,?,?,?,?,?)"
            " ON CONFLICT(sha256, item, anchor, field) DO UPDATE SET value = excluded.value, note = excluded.note,"
            " at = excluded.at", (sha256, item, anchor, field, json.dumps(value, ensure_ascii=False), note, now()))
        self.db.execute("INSERT OR IGNORE INTO resolve_pending(kind, ref)"
                        " SELECT 'document', id FROM documents WHERE sha256 = ?", (sha256,))

    def corrections(self, sha256: str | None = None) -> list[dict[str, Any]]:
        where, args = ("WHERE sha256 = ?", (sha256,)) if sha256 else ("", ())
        rows = self.db.query(f"SELECT sha256, item, anchor, field, value, note, at FROM corrections {where} ORDER BY id",
                             args)
        for r in rows:
            r["value"] = json.loads(r["value"])
        return rows
