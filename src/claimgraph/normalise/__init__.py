"""normalise: decoded text -> clean text with an offset map back to it.

Unwraps hard-wrapped lines, folds white space, strips trailing boilerplate (comment widgets,
share bars), and flags repeated paragraphs and a second article glued onto the first. Quote
marks are kept as they are: the quote extractor needs to see them.
"""

from __future__ import annotations

from .text import normalise

__all__ = ["normalise"]
