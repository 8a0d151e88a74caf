"""Per-document caches kept in the spaCy Doc's user_data.

`Doc.text` joins every token each time it is read, so reading it once per mention or per
number made entity and claim extraction quadratic in the length of the document.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from spacy.tokens import Doc

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
        starts = data[_STARTS] = [t.idx for t in doc]
    return cast(list[int], starts)
