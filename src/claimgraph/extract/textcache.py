"""Per-document caches kept in the spaCy Doc's user_data.

`Doc.text` joins every token each time it is read, so reading it once per mention or per
number made entity and claim extraction quadratic in the length of the document.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from .context import Context

_TEXT = ("claimgraph", "text")
_STARTS = ("claimgraph", "token_starts")


def doc_text(ctx: Context) -> str:
    data: dict[Any, Any] = ctx.doc.user_data
    text = data.get(_TEXT)
    if text is None:
        text = data[_TEXT] = ctx.doc.text
    return cast(str, text)


def token_starts(doc: Doc) -> list[int]:
    """The character offset of every token, for bisecting offsets to tokens."""
    data: dict[Any, Any] = doc.user_data
    starts = data.get(_STARTS)
    if starts is None:
        from spacy.attrs import IDX

        # One array read instead of a Token object per token: this runs once per document.
        starts = data[_STARTS] = doc.to_array([IDX]).ravel().tolist() if len(doc) else []
    return cast(list[int], starts)


def last_token(doc: Doc, start: int, end: int) -> Token | None:
    """The last token of the characters [start, end)."""
    i = bisect_right(token_starts(doc), end - 1) - 1
    return doc[i] if i >= 0 else None


def next_token(doc: Doc, end: int) -> Token | None:
    """The first token starting at or after `end`."""
    starts = token_starts(doc)
    i = bisect_left(starts, end)
    return doc[i] if i < len(starts) else None
