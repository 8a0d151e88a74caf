"""Storing an extraction built in a test, with an original whose bytes are its text: what
`workflow.ingest` would have kept, without running extraction."""

from __future__ import annotations

from claimgraph.model import Extraction, Location, Source
from claimgraph.store import Store


def save(store: Store, x: Extraction, pipeline: str = "test", captured_at: str = "2026-01-01T00:00:00Z") -> None:
    src = Source(data=x.text.encode(), location=Location(uri=x.source, kind="file", captured_at=captured_at),
                 name=x.source)
    store.put_original(src, x.document.sha256)
    store.save_extraction(x, pipeline)
