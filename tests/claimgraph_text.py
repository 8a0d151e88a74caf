"""Run the extraction on a string, for tests of entities and claims."""

from __future__ import annotations

from claimgraph.extract.pipeline import extract_parsed
from claimgraph.model import Extraction, Location, Metadata, Parsed, Source
from claimgraph.options import Options


def extract_text(text: str, *, publisher: str | None = "Test Wire", author: str | None = None,
                 published: str | None = None, entity_files: tuple[str, ...] = ()) -> Extraction:
    meta = Metadata(publisher=publisher, author=author, published=published)
    source = Source(data=text.encode(), location=Location(uri="test", kind="file", captured_at="1970-01-01T00:00:00Z"),
                    name="test")
    return extract_parsed(source, Parsed(text=text, metadata=meta, format="text"),
                          Options(entity_files=entity_files))
