"""Bounds on every integer a URL carries: SQLite's integers stop at 2**63 - 1, and a larger one
must be a 422 that says so, not an OverflowError deep in a query."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Query

MAX_ID = 2**63 - 1
MAX_OFFSET = 1_000_000_000

Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="rows to skip")]
Limit = Annotated[int, Query(ge=1, le=500, description="rows per page")]
EntityId = Annotated[int, Path(ge=1, le=MAX_ID, description="an entity's id")]
GroupId = Annotated[int, Path(ge=1, le=MAX_ID, description="a claim group's id")]
JobId = Annotated[int, Path(ge=1, le=MAX_ID, description="an upload job's number")]
MergeId = Annotated[int, Path(ge=1, le=MAX_ID, description="a merge's id")]
SearchSort = Annotated[str, Query(max_length=20, description="relevance, newest (stored) or date (published)")]
