"""Run the extraction on a string, for tests of entities and claims; on files, for the gates;
and load a bench/ script (not a package) as a module."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

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


def extract_files_to_jsonl(files: list[str], out: Path) -> None:
    """`claimgraph extract FILES --format jsonl > out`, in process: what the reference scorers read."""
    from claimgraph.extract.pipeline import extract_source
    from claimgraph.ingest import read_sources

    options = Options()
    with out.open("w", encoding="utf-8") as fh:
        for source in read_sources(files, options.limits):
            assert not isinstance(source, Exception), source
            for _, result in extract_source(source, options):
                assert not isinstance(result, Exception), result
                fh.write(json.dumps(result.to_json(), ensure_ascii=False) + "\n")


def load_bench(name: str) -> ModuleType:
    """bench/NAME.py as a module (bench/ is not a package)."""
    path = Path(__file__).resolve().parents[1] / "bench" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module
