"""A user's decisions on merges, kept by stable keys (normalised names), never by row ids: rows
are renumbered by every `reprocess` and `resolve`, the names are not."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from ..errors import InputError, NotFound

DECISIONS = {"confirm": "confirm", "confirmed": "confirm", "reject": "reject", "rejected": "reject",
             "split": "reject"}


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def load(conn: Any, kind: str = "entity") -> dict[tuple[str, str], str]:
    return {(r[0], r[1]): r[2] for r in conn.execute(
        "SELECT key_a, key_b, decision FROM judgements WHERE kind = ?", (kind,))}


def record(conn: Any, key_a: str, key_b: str, decision: str, note: str | None = None, kind: str = "entity") -> str:
    d = DECISIONS.get(decision.lower())
    if d is None:
        raise InputError(decision, "a decision is confirm, reject or split")
    a, b = sorted((key_a, key_b))
    conn.execute(
        "INSERT INTO judgements(kind, key_a, key_b, decision, note, at) VALUES (?,?,?,?,?,?)"
        " ON CONFLICT(kind, key_a, key_b) DO UPDATE SET decision = excluded.decision, note = excluded.note,"
        " at = excluded.at",
        (kind, a, b, d, note, _now()),
    )
    return d


def merge_keys(conn: Any, merge_id: int) -> tuple[str, str]:
    row = conn.execute("SELECT key_a, key_b FROM entity_merges WHERE id = ?", (merge_id,)).fetchone()
    if row is None:
        raise NotFound(f"no merge {merge_id} (list them with `claimgraph merges`)")
    return row[0], row[1]


def listing(conn: Any) -> list[dict[str, Any]]:
    return [dict(r) for r in conn.execute(
        "SELECT id, kind, key_a, key_b, decision, note, at FROM judgements ORDER BY id")]
