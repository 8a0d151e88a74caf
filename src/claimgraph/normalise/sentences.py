"""Paragraph breaks are sentence breaks: a spaCy component that tells the parser so.

The normaliser writes each paragraph (and each headline or subheading, which ends with no full
stop) as its own block, separated by a blank line. The parser does not see a blank line as the end
of a sentence, so a headline without final punctuation was parsed as one sentence with the lead
under it, and its words leaked into the lead's quotes and claims ("Mayor Defends Cuts\\n\\nThe
mayor said ..." gave the headline as the subject of "said"). Marking the first word after every
line break as a sentence start, before the parser runs, keeps each block its own sentence; the
text and its offsets are unchanged.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

NAME = "claimgraph_paragraphs"


def mark_paragraph_starts(doc: Doc) -> Doc:
    """Every token that follows a line break (clean text has line breaks only between blocks)
    starts a sentence."""
    for i in range(1, len(doc)):
        prev, tok = doc[i - 1], doc[i]
        if not tok.is_space and ("\n" in prev.whitespace_ or prev.is_space and "\n" in prev.text):
            tok.is_sent_start = True
    return doc


def add_to(nlp: Language) -> None:
    """Put the component in a pipeline, before its parser (once)."""
    from spacy.language import Language

    if NAME not in Language.factories:
        Language.component(NAME, func=mark_paragraph_starts)
    if NAME not in nlp.pipe_names:
        nlp.add_pipe(NAME, before="parser" if "parser" in nlp.pipe_names else None)
