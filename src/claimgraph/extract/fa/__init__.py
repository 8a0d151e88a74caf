"""Persian: rules over a spaCy blank("fa") sentencizer, entities from the user's known lists.

There is no offline Persian parser or NER model; everything here is rules and lists (lexicon.py),
and the analyses say so.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from ...model import Analysis
from ..context import Context
from .entities import find_known_entities
from .quotes import find_quotes_fa

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["read_persian", "sentencizer"]


@lru_cache(maxsize=1)
def sentencizer() -> Language:
    """spaCy's Persian tokenizer with the punctuation sentencizer, and a sentence break at every
    line break: a headline or a line of a scanned page ends without a full stop."""
    import spacy
    from spacy.language import Language

    if "claimgraph_line_breaks" not in Language.factories:
        Language.component("claimgraph_line_breaks", func=_line_breaks)
    nlp = spacy.blank("fa")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("claimgraph_line_breaks")
    nlp.max_length = 10_000_000
    return nlp


def _line_breaks(doc: Doc) -> Doc:
    for i in range(len(doc) - 1):
        tok = doc[i]
        if "\n" in tok.whitespace_ or (tok.is_space and "\n" in tok.text):
            doc[i + 1].is_sent_start = True
    return doc


def read_persian(ctx: Context, ids: tuple[int, int, int] = (1, 1, 1)) -> list[Analysis]:
    """Fill ctx.entities and ctx.quotes and return the claims' analyses; `ids` are the first
    entity, quote and claim numbers (a mixed document numbers its languages' items in turn)."""
    import spacy

    rules = "claimgraph rules"
    out = [Analysis("sentences", "fa", "ran", f"spacy-{spacy.__version__} blank(fa) + sentencizer")]
    if ctx.options.entity_files:
        ctx.entities = find_known_entities(ctx, ids[0])
        ctx.index_mentions()
        out.append(Analysis("entities", "fa", "ran", "known-entity lists"))
    else:
        out.append(Analysis("entities", "fa", "skipped", None,
                            "no Persian NER model exists: give known-entity lists (--entities-file) with Persian names"))
    ctx.quotes = find_quotes_fa(ctx, ids[1])
    out.append(Analysis("quotes", "fa", "ran", rules))
    out.append(Analysis("claims", "fa", "ran", rules))
    return out
