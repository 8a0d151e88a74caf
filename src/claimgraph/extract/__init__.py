"""extract: entities and aliases, quotes and speakers, numeric claims — from one document."""

from __future__ import annotations

from .pipeline import extract_one, extract_parsed, extract_source

__all__ = ["extract_one", "extract_parsed", "extract_source"]
