"""extract: one original -> one Extraction per document inside it.

A pure function of (bytes, location, options): no database, no global state but the cached
spaCy pipeline, so a process pool or a distributed engine can run it unchanged.
"""

from __future__ import annotations

from collections.abc import Iterator

from .. import __version__
from ..errors import InputError
from ..ingest import parse_one, unpack
from ..model import DocumentInfo, Extraction, Parsed, Source, Step
from ..normalise import normalise
from ..options import Options
from .claims import find_claims
from .context import Context
from .entities import find_entities
from .nlp import model_version, parse
from .quotes import find_quotes


def extract_parsed(source: Source, parsed: Parsed, options: Options, sha256: str | None = None) -> Extraction:
    sha = sha256 or source.sha256
    norm = normalise(parsed.text, parsed.body_start)
    info = DocumentInfo.from_metadata(sha, parsed.metadata, parsed.format)
    doc = parse(norm.text, options.model)
    ctx = Context(doc=doc, info=info, options=options, skip=norm.repeated)
    find_entities(ctx)
    find_quotes(ctx)
    claims = find_claims(ctx)
    steps = [
        *parsed.steps,
        Step("normalise", "claimgraph", __version__),
        Step("parse", "spacy", model_version(options.model)),
        Step("extract", "claimgraph", __version__),
    ]
    return Extraction(
        source=source.name, document=info, text=norm.text, entities=ctx.entities, quotes=ctx.quotes,
        claims=claims, flags=norm.flags, steps=steps, offsets=norm.offsets,
        encoding=parsed.encoding, bom=parsed.bom,
    )


def extract_one(source: Source, options: Options) -> Extraction:
    """Parse and extract one single document (containers already unpacked). Raises InputError."""
    return extract_parsed(source, parse_one(source, options.limits), options)


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
