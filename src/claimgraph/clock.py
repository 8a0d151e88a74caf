"""The one clock: every stored timestamp is UTC, to the second, ISO 8601 with a Z."""

from __future__ import annotations

from datetime import UTC, datetime


def now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
