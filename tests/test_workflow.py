"""Workflows: re-ingest is a no-op, copies are one document, --jobs 2 equals --jobs 1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimgraph import workflow
from claimgraph.errors import InputError
from claimgraph.extract import extract_one
from claimgraph.model import Location, Source
from claimgraph.options import Options
from claimgraph.store import Store
from conftest import ACCENTED, HTML_PARAS, NEWS, blog_post, html_page, make_warc


def write(tmp_path: Path, files: dict[str, str | bytes]) -> list[str]:
    out = []
    for name, data in files.items():
        p = tmp_path / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data.encode() if isinstance(data, str) else data)
        out.append(str(p))
    return out


def test_reingest_is_a_noop_and_copies_are_locations(store: Store, tmp_path: Path) -> None:
    a, = write(tmp_path, {"a.txt": NEWS})
    first = workflow.ingest(store, [a], Options())
    assert (first.new, first.unchanged) == (1, 0)
    again = workflow.ingest(store, [a], Options())
    assert (again.new, again.updated, again.unchanged, again.new_locations) == (0, 0, 1, 0)
    b, = write(tmp_path, {"copy/b.txt": NEWS})
    copy = workflow.ingest(store, [b], Options())
    assert (copy.new, copy.unchanged, copy.new_locations) == (0, 1, 1)
    assert store.count("documents") == 1 and store.count("originals") == 1
    (doc,) = store.documents()
    assert [loc["uri"] for loc in store.locations(doc["sha256"])] == [a, b]


@pytest.mark.parametrize("jobs", [1, 2])
def test_copies_in_one_batch_are_extracted_once(store: Store, tmp_path: Path, jobs: int) -> None:
    paths = write(tmp_path, {"1.txt": NEWS, "2.txt": blog_post(), "3.txt": NEWS, "4.txt": NEWS})
    report = workflow.ingest(store, paths, Options(jobs=jobs))
    assert (report.new, report.updated, report.unchanged, report.new_locations) == (2, 0, 2, 2)
    assert store.count("documents") == 2 and store.count("locations") == 4
    assert len(report.documents) == 2


def test_jobs_2_gives_the_same_results_as_jobs_1(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {f"doc{i}.txt": text for i, text in
                                     enumerate([NEWS, blog_post(), ACCENTED, blog_post(False)] * 2)}
    files["broken.bin"] = b"\x7fELF\x02" + bytes(range(256)) * 4
    files["crawl.warc"] = make_warc([("https://n.example/x", "2024-02-02T00:00:00Z",
                                      html_page("A Page In A Crawl", HTML_PARAS))], gz=False)
    paths = write(tmp_path, files)

    def run(jobs: int) -> list[tuple[str, object]]:
        return [(name, r.reason if isinstance(r, InputError) else json.dumps(r.to_json(include_text=True)))
                for name, r in workflow.extract_paths(paths, Options(jobs=jobs))]

    one, two = run(1), run(2)
    assert one == two
    assert len(one) == len(files)
    assert sum(isinstance(r, str) and r.startswith("{") for _, r in one) == len(files) - 1

    stores = []
    for jobs in (1, 2):
        with Store(tmp_path / f"j{jobs}.db") as s:
            report = workflow.ingest(s, paths, Options(jobs=jobs))
            stores.append((report.new, report.unchanged, len(report.failed),
                           [(d["sha256"], d["n_quotes"], d["n_claims"], d["n_entities"]) for d in s.documents()]))
    assert stores[0] == stores[1]


def test_one_failing_document_does_not_stop_the_batch(store: Store, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(source: Source, options: Options) -> object:
        if "bad" in source.name:
            raise ValueError("an extractor bug")
        return extract_one(source, options)

    monkeypatch.setattr(workflow, "extract_one", boom)
    paths = write(tmp_path, {"bad.txt": blog_post(), "good.txt": NEWS})
    report = workflow.ingest(store, paths, Options())
    assert report.new == 1
    ((name, reason),) = report.failed
    assert name.endswith("bad.txt") and "internal error" in reason and "ValueError" in reason
    assert store.errors()[0]["stage"] == "extract"


def test_upload_takes_the_cli_path(store: Store) -> None:
    report = workflow.ingest_upload(store, "../../etc/news.txt", NEWS.encode(), Options())
    assert report.new == 1
    (doc,) = store.documents()
    assert store.locations(doc["sha256"])[0]["uri"] == "upload:news.txt"  # no path from the client kept


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_extraction_spans_map_to_original_bytes(encoding: str) -> None:
    data = (NEWS + ACCENTED).encode(encoding)
    x = extract_one(Source(data=data, location=Location("n.txt", "file", "2024-01-01T00:00:00Z"), name="n.txt"),
                    Options())
    for span in [(0, 5), (0, len(x.text))] + [q.span for q in x.quotes]:
        a, b = workflow.original_span(x, data, span)
        assert " ".join(data[a:b].decode(x.encoding or "").split()) == " ".join(x.text[span[0]:span[1]].split())


def test_pipeline_key_follows_options() -> None:
    assert workflow.pipeline_key(Options()) == workflow.pipeline_key(Options())
    assert workflow.pipeline_key(Options()) != workflow.pipeline_key(Options(beliefs=False))
    assert workflow.pipeline_key(Options()) == workflow.pipeline_key(Options(jobs=2))


def test_a_worker_that_dies_costs_one_document(store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    def crash(source: Source, options: Options) -> object:
        if "crash" in source.name:
            os._exit(3)  # what the kernel's OOM killer or a segfault in native code looks like
        return extract_one(source, options)

    monkeypatch.setattr(workflow, "extract_one", crash)  # the pool forks: workers see this too
    paths = write(tmp_path, {"a.txt": NEWS, "crash.txt": blog_post(), "c.txt": ACCENTED, "d.txt": blog_post(False)})
    report = workflow.ingest(store, paths, Options(jobs=2))
    assert report.new == 3
    ((name, reason),) = report.failed
    assert name.endswith("crash.txt") and "died" in reason
