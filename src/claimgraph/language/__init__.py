"""language: which language (and script) each paragraph of a document is in."""

from __future__ import annotations

from .identify import identify, language_name, main_language

__all__ = ["identify", "language_name", "main_language"]
