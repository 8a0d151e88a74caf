"""Quote extraction over many files with the spaCy parse cached, for the quote error-analysis loop.

Parsing is nearly all the time extraction takes, and a change to the quote rules does not change
the parse: each document's normalised text, parse (a DocBin) and entities are kept in a cache
folder under a key made of the normalised text, the model and the source of the modules that
produce them, so only quote extraction runs again. A change to normalise/ or to the entity
modules changes the key and the document is parsed afresh.

    from quotes_run import run
    docs = run(paths, jobs=2)   # {file name: DocRun}
"""

from __future__ import annotations

import hashlib
import pickle
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from multiprocessing import get_context
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
CACHE = Path(tempfile.gettempdir()) / "quotes-errors-cache"
# The modules whose output is cached: a change to any of them is a new key.
_KEYED = ["normalise/text.py", "normalise/sentences.py", "extract/nlp.py", "extract/entities.py", "extract/names.py", "extract/known.py", "ingest/text.py"]


@dataclass
class DocRun:
    """One document: its clean text, the offset map to the file's text, and quote records."""

    name: str
    text: str  # normalised
    source_text: str  # as decoded from the file (the gold offsets index it)
    offsets: list[int]
    quotes: list[dict[str, Any]] = field(default_factory=list)  # Quote.to_json() + "features"
    token_starts: list[int] = field(default_factory=list)  # every token: where it starts, its lemma, its tag
    lemmas: list[str] = field(default_factory=list)
    pos: list[str] = field(default_factory=list)


@lru_cache(maxsize=1)
def _code_key() -> str:
    h = hashlib.sha256()
    for rel in _KEYED:
        p = ROOT / "src" / "claimgraph" / rel
        if p.exists():
            h.update(p.read_bytes())
    return h.hexdigest()[:16]


def _features(ctx: Any, q: Any) -> dict[str, Any]:
    """What the error classes look at, read off the parse while it is at hand."""
    doc = ctx.doc
    out: dict[str, Any] = {}
    span = doc.char_span(q.span[0], q.span[1], alignment_mode="expand")
    toks = list(span) if span is not None else []
    out["has_verb"] = any(t.pos_ in ("VERB", "AUX") for t in toks)
    out["n_words"] = len([t for t in toks if not t.is_punct])
    if span is not None and len(span):
        out["content_dep"] = span.root.dep_  # how the content hangs on its cue ("ccomp", "dobj" ...)
        out["content_pos"] = span.root.pos_
    if q.cue_span:
        cue = doc.char_span(q.cue_span[0], q.cue_span[1], alignment_mode="expand")
        if cue is not None:
            head = max(cue, key=lambda t: t.pos_ in ("VERB", "NOUN"))
            out["cue_lemma"] = head.lemma_.lower()
            out["cue_pos"] = head.pos_
            out["cue_dep"] = head.dep_
    sp = q.speaker
    if sp is not None and sp.span is not None:
        s = doc.char_span(sp.span[0], sp.span[1], alignment_mode="expand")
        if s is not None:
            out["speaker_named"] = any(t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or t.pos_ == "PROPN" for t in s)
            out["speaker_pron"] = all(t.pos_ in ("PRON", "DET") for t in s if not t.is_punct)
            out["speaker_root_lemma"] = s.root.lemma_.lower()
            out["speaker_root_dep"] = s.root.dep_
            out["speaker_sent"] = s.root.sent.start_char
    if toks:
        out["sent_start"] = toks[0].sent.start_char
    return out


def _one(path: str, cache: str) -> DocRun:
    from spacy.tokens import DocBin

    from claimgraph.extract.context import Context
    from claimgraph.extract.entities import find_entities
    from claimgraph.extract.nlp import load, model_version
    from claimgraph.extract.quotes import find_quotes
    from claimgraph.ingest import parse_one
    from claimgraph.model import DocumentInfo, Location, Source
    from claimgraph.normalise import normalise
    from claimgraph.options import Options

    options = Options()
    data = Path(path).read_bytes()
    source = Source(data=data, location=Location(uri=path, kind="file", captured_at="1970-01-01T00:00:00Z"),
                    name=Path(path).name)
    parsed = parse_one(source, options.limits)
    norm = normalise(parsed.text, parsed.body_start)
    info = DocumentInfo.from_metadata(source.sha256, parsed.metadata, parsed.format)
    nlp = load(options.model)
    key = hashlib.sha256(f"{model_version(options.model)}|{_code_key()}|{norm.text}".encode()).hexdigest()[:24]
    file = Path(cache) / f"{key}.pkl"
    ctx: Context
    if file.exists():
        blob, entities = pickle.loads(file.read_bytes())
        doc = next(DocBin().from_bytes(blob).get_docs(nlp.vocab))
        ctx = Context(doc=doc, info=info, options=options, skip=norm.repeated, entities=entities)
    else:
        doc = nlp(norm.text)
        ctx = Context(doc=doc, info=info, options=options, skip=norm.repeated)
        find_entities(ctx)
        bin_ = DocBin(attrs=["ORTH", "LEMMA", "POS", "TAG", "DEP", "HEAD", "ENT_IOB", "ENT_TYPE", "SENT_START",
                             "MORPH", "SPACY"])
        bin_.add(doc)
        Path(cache).mkdir(parents=True, exist_ok=True)
        tmp = file.with_suffix(".tmp")
        tmp.write_bytes(pickle.dumps((bin_.to_bytes(), ctx.entities)))
        tmp.replace(file)
    find_quotes(ctx)
    records = []
    for q in ctx.quotes:
        rec = q.to_json()
        rec["features"] = _features(ctx, q)
        records.append(rec)
    return DocRun(name=source.name, text=norm.text, source_text=parsed.text, offsets=norm.offsets, quotes=records,
                  token_starts=[t.idx for t in ctx.doc], lemmas=[t.lemma_.lower() for t in ctx.doc],
                  pos=[t.pos_ for t in ctx.doc])


def _star(args: tuple[str, str]) -> DocRun:
    return _one(*args)


def run(paths: Iterable[str], jobs: int = 2, cache: Path = CACHE, progress: bool = True) -> dict[str, DocRun]:
    paths = list(paths)
    out: dict[str, DocRun] = {}
    work = [(p, str(cache)) for p in paths]
    if jobs <= 1:
        results: Iterable[DocRun] = map(_star, work)
    else:
        pool = get_context("fork").Pool(jobs)
        results = pool.imap(_star, work, chunksize=4)
    for k, r in enumerate(results, 1):
        out[r.name] = r
        if progress and (k % 50 == 0 or k == len(paths)):
            print(f"  {k}/{len(paths)} documents", file=sys.stderr)
    if jobs > 1:
        pool.close()
        pool.join()
    return out
