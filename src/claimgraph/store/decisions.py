"""People's own records: judgements on merges, labels of publishers, corrections of what
extraction found. Never derived, never deleted by reprocess or resolve; keyed by names and
content, never by row ids (which `reprocess` renumbers). Each write leaves resolve the work it
causes, in the same transaction."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import Any

from ..clock import now
from ..errors import InputError, NotFound
from .database import Database

DECISIONS = {"confirm": "confirm", "confirmed": "confirm", "reject": "reject", "rejected": "reject",
             "split": "reject"}
CORRECTED = {"quote": ("speaker",), "claim": ("value", "claimant", "group")}
# The verdict rows of claim groups (alias m: claim_members), found again through their anchor claim.
_VERDICTS_OF_GROUPS = ("SELECT v.id FROM verdicts v JOIN documents d ON d.sha256 = v.sha256 JOIN claims c"
                       " ON c.document_id = d.id AND c.text = v.anchor AND coalesce(c.number_text, '') = v.number"
                       " JOIN claim_members m ON m.claim_id = c.id")


@dataclass(frozen=True)
class Verdict:
    """A verdict on a claim: in words, and on a scale where one was given (schema.org's Rating)."""

    verdict: str
    rating: float | None = None
    best: float | None = None
    worst: float | None = None
    author: str | None = None
    note: str | None = None
    origin: str = "person"  # person | the feed a published review was imported from
    ref: str = ""  # what tells two reviews from one feed apart (their URL)
    claim: str | None = None  # the claim as a published review words it
    url: str | None = None
    published: str | None = None

    def checked(self) -> Verdict:
        """The verdict with its scale filled in (1 to 5 unless told), or an InputError."""
        words = " ".join(self.verdict.split())
        if not words:
            raise InputError("verdict", "a verdict needs words (e.g. \"Accurate\", \"Misleading\")")
        if self.rating is None:
            return replace(self, verdict=words, best=None, worst=None)
        best = 5.0 if self.best is None else self.best
        worst = 1.0 if self.worst is None else self.worst
        if not min(worst, best) <= self.rating <= max(worst, best) or worst == best:
            raise InputError(f"--rating {self.rating:g}", f"a rating lies between worst ({worst:g}) and best ({best:g})")
        return replace(self, verdict=words, best=best, worst=worst)

    def scaled(self) -> Verdict:
        """A published verdict as given: its rating kept only with the scale it was given on."""
        if self.rating is None or self.best is None or self.worst is None or not (
                self.worst <= self.rating <= self.best or self.best <= self.rating <= self.worst):
            return replace(self, rating=None, best=None, worst=None)
        return self


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

    # -- verdicts on claim groups -------------------------------------------------------------

    def _group_anchor(self, group_id: int) -> tuple[str, str, str]:
        """(document SHA-256, sentence, number) of the claim a group is known by (its key)."""
        key = self.db.value("SELECT key FROM claim_groups WHERE id = ?", (group_id,))
        if key is None:
            raise NotFound(f"no claim group {group_id} (list them with `claimgraph claims --grouped`)")
        sha, _, local = str(key).partition(":")
        row = self.db.row("SELECT c.text, c.number_text FROM claims c JOIN documents d ON d.id = c.document_id"
                          " WHERE d.sha256 = ? AND c.local_id = ?", (sha, local))
        if row is None:
            raise NotFound(f"claim group {group_id} lost its first claim: run `claimgraph resolve`")
        return sha, row["text"], row["number_text"] or ""

    def claim_anchor(self, claim_id: int) -> tuple[str, str, str]:
        """(document SHA-256, sentence, number): what finds a claim again after `reprocess`."""
        row = self.db.row("SELECT d.sha256, c.text, c.number_text FROM claims c JOIN documents d"
                          " ON d.id = c.document_id WHERE c.id = ?", (claim_id,))
        if row is None:
            raise NotFound(f"no claim {claim_id}")
        return row["sha256"], row["text"], row["number_text"] or ""

    def set_verdict(self, group_id: int, verdict: Verdict) -> None:
        """Keep a person's verdict on a claim group (one per group: a new one replaces it)."""
        self.put_verdict(self._group_anchor(group_id), replace(verdict, origin="person", ref=""))

    def put_verdict(self, anchor: tuple[str, str, str], verdict: Verdict) -> None:
        """Keep a verdict anchored to a claim, replacing the one from the same origin and review."""
        v = verdict.checked()
        self.db.execute(
            "INSERT INTO verdicts(sha256, anchor, number, origin, ref, verdict, rating, best, worst, author, claim, url,"
            " published, note, at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
            " ON CONFLICT(sha256, anchor, number, origin, ref) DO UPDATE SET verdict = excluded.verdict,"
            " rating = excluded.rating, best = excluded.best, worst = excluded.worst, author = excluded.author,"
            " claim = excluded.claim, url = excluded.url, published = excluded.published, note = excluded.note,"
            " at = excluded.at",
            (*anchor, v.origin, v.ref, v.verdict, v.rating, v.best, v.worst, v.author, v.claim, v.url, v.published,
             v.note, now()))

    def remove_verdict(self, group_id: int) -> int:
        """Take back the person's verdict on a group; how many were removed."""
        return self.db.changes("DELETE FROM verdicts WHERE origin = 'person' AND id IN (" + _VERDICTS_OF_GROUPS +
                               " WHERE m.group_id = ?)", (group_id,))

    def verdicts(self, group_id: int | None = None, origin: str | None = None) -> list[dict[str, Any]]:
        """Verdicts with the group their anchor claim is in now (a person's first, then by date)."""
        where: list[str] = []
        args: list[Any] = []
        if group_id is not None:
            where.append("m.group_id = ?")
            args.append(group_id)
        if origin is not None:
            where.append("v.origin = ?")
            args.append(origin)
        clause = (" WHERE " + " AND ".join(where)) if where else ""
        return self.db.query(
            "SELECT m.group_id, g.label, v.id, v.origin, v.verdict, v.rating, v.best, v.worst, v.author, v.claim, v.url,"
            " v.published, v.note, v.at, v.sha256, v.anchor, v.number FROM verdicts v"
            " JOIN documents d ON d.sha256 = v.sha256"
            " JOIN claims c ON c.document_id = d.id AND c.text = v.anchor AND coalesce(c.number_text, '') = v.number"
            f" JOIN claim_members m ON m.claim_id = c.id JOIN claim_groups g ON g.id = m.group_id{clause}"
            " ORDER BY m.group_id, v.origin != 'person', v.published DESC, v.id", args)
