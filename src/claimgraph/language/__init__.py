"""language: which language (and script) each paragraph of a document is in."""

from __future__ import annotations

from .identify import identify, main_language

__all__ = ["identify", "main_language"]
