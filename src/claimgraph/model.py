"""The records that flow between the stages, declared once.

ingest   -> Source (bytes + where they came from) -> Parsed (decoded text + metadata)
normalise-> Normalised (clean text, offset map back to the decoded text, flags)
extract  -> Extraction (entities, quotes, claims, flags) — the public JSON contract
resolve  -> cross-document records live in claimgraph.resolve (they need the store)

Offsets in Entity/Quote/Claim/Flag spans index the *normalised* text. `Normalised.offsets`
maps them back to `Parsed.text`, and `Parsed.byte_offsets` (plain text only) maps that to the
original bytes.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from functools import cached_property
from typing import Any, Literal

Span = tuple[int, int]
# direct, partial and mixed hold the speaker's own words (in quotation marks); indirect reports
# what was said in the writer's words; belief is a thought or an intention ("X believes that ...",
# "X wants to ..."); stance is a position or an act attributed without what was said ("X criticised
# the plan", "X discussed the budget"). Speech-only uses keep the first four.
QuoteKind = Literal["direct", "indirect", "partial", "mixed", "belief", "stance"]


@dataclass(frozen=True)
class Location:
    """Where one copy of an original was found."""

    uri: str  # a path as given, a URL, "-" for standard input, "upload:NAME"
    kind: str  # file | url | stdin | upload | warc
    captured_at: str  # ISO 8601, UTC
    container: str | None = None  # the WARC or archive file that held it


@dataclass
class Source:
    """Bytes as received: the unaltered original and its location."""

    data: bytes
    location: Location
    name: str  # file name (or URL) used in messages
    media_type: str | None = None  # a hint from the container (WARC Content-Type)
    hints: dict[str, str | None] = field(default_factory=dict)  # url/published from a container

    @cached_property
    def sha256(self) -> str:
        # Computed once where the bytes are read; it travels with the Source to a pool worker.
        return hashlib.sha256(self.data).hexdigest()


@dataclass
class Metadata:
    """What a document says about itself: title, author, publisher, date, URL, language."""

    title: str | None = None
    author: str | None = None
    publisher: str | None = None
    published: str | None = None  # YYYY-MM-DD
    url: str | None = None
    language: str | None = None


@dataclass
class Parsed:
    """Text decoded from an original, before normalisation."""

    text: str
    metadata: Metadata
    format: str  # text | html | pdf
    # For plain text, `text` decodes the original exactly: with the encoding and the length of
    # the byte-order mark, any span maps back to bytes. None where the text was extracted (HTML, PDF).
    encoding: str | None = None
    bom: int = 0
    body_start: int = 0  # where the body starts, after a title/URL header
    steps: list[Step] = field(default_factory=list)
    # Text read by OCR from page images: where each word sits on its page (spans index `text`).
    ocr: OcrLayer | None = None


@dataclass
class Step:
    """One processing step applied to a document, with the tool that did it."""

    name: str
    tool: str
    version: str
    detail: str | None = None


@dataclass
class OcrWord:
    """One word read by OCR: its span in the text, its page (from 1), its box in the page image's
    pixels (left, top, width, height) and the engine's confidence (0-100)."""

    span: Span
    page: int
    box: tuple[int, int, int, int]
    confidence: float


@dataclass
class OcrPage:
    page: int
    width: int  # pixels of the page image the boxes refer to
    height: int
    dpi: int | None  # resolution the page was rendered at (PDF), None for an image as given
    confidence: float  # mean word confidence on the page (0-100)


@dataclass
class OcrLayer:
    """What OCR read: the engine, the languages it was run with, and every word's place."""

    engine: str
    version: str
    languages: list[str]
    confidence: float  # mean word confidence over the document (0-100)
    pages: list[OcrPage] = field(default_factory=list)
    words: list[OcrWord] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        out = plain(self)
        # Compact rows for the many words: [start, end, page, left, top, width, height, confidence].
        out["words"] = [[w.span[0], w.span[1], w.page, *w.box, round(w.confidence, 1)] for w in self.words]
        return out

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> OcrLayer:
        """The layer back from `to_json` (confidences as rounded there)."""
        words = [OcrWord((int(w[0]), int(w[1])), int(w[2]), (int(w[3]), int(w[4]), int(w[5]), int(w[6])),
                         float(w[7])) for w in d.get("words") or []]
        return cls(engine=d["engine"], version=d["version"], languages=list(d.get("languages") or []),
                   confidence=d["confidence"], pages=[OcrPage(**p) for p in d.get("pages") or []], words=words)


@dataclass
class LanguageSpan:
    """A stretch of the normalised text in one language (a document may mix several)."""

    span: Span
    language: str  # ISO 639-1 ("en", "fa", "fr"), or "und" where no letters tell
    script: str  # Latin | Arabic | Cyrillic | ... (the Unicode script of most of its letters)
    confidence: float | None = None

    def to_json(self) -> dict[str, Any]:
        return plain(self)


@dataclass
class Analysis:
    """One analysis a document's language called for: whether it ran, with which tool, or why not."""

    name: str  # entities | quotes | claims | sentences | ocr
    language: str
    status: str  # ran | skipped
    tool: str | None = None
    reason: str | None = None

    def to_json(self) -> dict[str, Any]:
        return plain(self)


@dataclass
class Flag:
    """Something about a span of the text a reader should know (repeated, appended, unbalanced ...)."""

    kind: str  # repeated_paragraph | appended_article | boilerplate_removed | unbalanced_quote ...
    span: Span
    detail: str | None = None

    def to_json(self) -> dict[str, Any]:
        return plain(self)



@dataclass
class Normalised:
    """Clean text with the map of each clean character back to the decoded text."""

    text: str
    offsets: list[int]  # offsets[i] = index in Parsed.text of clean char i; len == len(text) + 1
    flags: list[Flag] = field(default_factory=list)
    # Spans of the clean text that repeat earlier text: extraction skips them so nothing is
    # counted twice.
    repeated: list[Span] = field(default_factory=list)

    def to_source(self, span: Span) -> Span:
        start, end = span
        if end <= start:
            return (self.offsets[start], self.offsets[start])
        return (self.offsets[start], self.offsets[end - 1] + 1)


@dataclass
class Entity:
    """A person, organisation or place in one document, under all the names it goes by there."""

    id: str
    name: str
    type: str  # PERSON | ORG | GPE | LOC | FAC | EVENT | NORP | WORK
    aliases: list[str] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    # Why names were merged into this entity: [{"alias": ..., "reason": ...}]
    merges: list[dict[str, str]] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)  # external ids (FollowTheMoney, user lists)

    def to_json(self) -> dict[str, Any]:
        return plain(self)



@dataclass
class Speaker:
    """Who speaks a quote, and how the extractor found them."""

    name: str  # the resolved full name, or the surface text when nothing resolves it
    text: str  # the words in the document that name the speaker here
    entity: str | None = None  # Entity.id
    span: Span | None = None
    method: str = "cue"  # how it was found: cue | pronoun | surname | description | previous | nested ...

    def to_json(self) -> dict[str, Any]:
        return plain(self)



@dataclass
class Quote:
    """Something said or written, attributed to a speaker."""

    id: str
    kind: str  # QuoteKind
    text: str
    span: Span
    cue: str | None = None
    cue_span: Span | None = None
    speaker: Speaker | None = None
    medium: str | None = None
    # Nested attribution: the quote that reports this one ("X said that Y used to say ...")
    reported_by: str | None = None
    # How the quote was found (cue-clause | cue-quotation | cue-around | according | noun-cue |
    # label | quotation | quotation-dash | quotation-lead-in; the speaker has its own method) and how
    # likely it is to be a right attribution with a right speaker, in [0, 1] (see
    # extract/confidence.py and docs/QUALITY.md for the calibration).
    method: str | None = None
    confidence: float | None = None

    def to_json(self) -> dict[str, Any]:
        return plain(self)



@dataclass
class Claimant:
    """Who makes a numeric claim, and on what basis (quoted, attributed, the author, the publisher)."""

    name: str | None
    entity: str | None = None
    basis: str = "publisher"  # quote | attribution | author | publisher | unknown
    quote: str | None = None  # Quote.id when the claim sits in a quote

    def to_json(self) -> dict[str, Any]:
        return plain(self)




@dataclass
class Claim:
    """A number a document states as fact: value and bounds, what is counted, when, where, by whom."""

    id: str
    kind: str  # count | amount | percent | age | measure | rank (claimgraph.extract.quantities)
    text: str  # the sentence
    span: Span  # the sentence's span
    value: float | None
    low: float | None
    high: float | None
    qualifier: str | None = None
    counted: str | None = None
    event: str | None = None
    time: str | None = None
    time_inferred: bool = False
    place: str | None = None
    claimant: Claimant | None = None
    number_text: str | None = None  # the words that state the number
    number_span: Span | None = None
    about: str | None = None  # Entity.id the number is about (ages)
    # How low/high relate to value: exact | lower | upper | approx | range | vague (see
    # claimgraph.extract.numbers for the conventions).
    bound: str | None = None
    unit: str | None = None  # currency code for amounts, "%" for percent, "years" for ages, a measure's unit
    # How the number and the claimant were found: "<number>/<claimant>", e.g. "digits/quote:cue",
    # "fraction/attribution", "words/publisher" (claimgraph.extract.claim_confidence lists them).
    method: str | None = None
    confidence: float | None = None  # in [0, 1]: the share of claims found this way that were right
    time_text: str | None = None  # the words `time` was read from, kept beside it (a Jalali date)

    def to_json(self) -> dict[str, Any]:
        return plain(self)


def plain(record: Any) -> dict[str, Any]:
    """A record as JSON-ready data: nested records as dicts, spans as lists, whole floats as ints
    (30000, not 30000.0). The one place the records' JSON is made."""

    def conv(v: Any) -> Any:
        if isinstance(v, tuple | list):
            return [conv(x) for x in v]
        if isinstance(v, dict):
            return {k: conv(x) for k, x in v.items()}
        if isinstance(v, float):
            return plain_number(v)
        return v

    return {k: conv(v) for k, v in asdict(record).items()}


def plain_number(x: float | None) -> float | int | None:
    """A number as JSON shows it: 30000, not 30000.0."""
    if x is None:
        return None
    return int(x) if float(x).is_integer() else x


@dataclass
class DocumentInfo:
    """A document's identity (SHA-256 of its original) and metadata, as the extraction JSON shows it."""

    sha256: str
    url: str | None
    title: str | None
    publisher: str | None
    published: str | None
    author: str | None = None
    format: str | None = None
    language: str | None = None

    @classmethod
    def from_metadata(cls, sha256: str, meta: Metadata, fmt: str | None) -> DocumentInfo:
        return cls(
            sha256=sha256,
            url=meta.url,
            title=meta.title,
            publisher=meta.publisher,
            published=meta.published,
            author=meta.author,
            format=fmt,
            language=meta.language,
        )


@dataclass
class Extraction:
    """Everything extracted from one document: a pure function of (bytes, metadata, options)."""

    source: str
    document: DocumentInfo
    text: str
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)
    offsets: list[int] = field(default_factory=list)  # Normalised.offsets
    encoding: str | None = None  # Parsed.encoding: set when spans map back to the original bytes
    bom: int = 0
    languages: list[LanguageSpan] = field(default_factory=list)
    analyses: list[Analysis] = field(default_factory=list)
    ocr: OcrLayer | None = None  # word spans index the normalised text, like every other span

    def to_json(self, include_text: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "source": self.source,
            "document": asdict(self.document),
            "entities": [e.to_json() for e in self.entities],
            "quotes": [q.to_json() for q in self.quotes],
            "claims": [c.to_json() for c in self.claims],
            "flags": [f.to_json() for f in self.flags],
            "languages": [s.to_json() for s in self.languages],
            "analyses": [a.to_json() for a in self.analyses],
        }
        if self.ocr is not None:
            out["ocr"] = self.ocr.to_json()
        if include_text:
            out["text"] = self.text
        return out

    @classmethod
    def from_json(cls, payload: dict[str, Any], text: str, offsets: list[int], encoding: str | None = None,
                  bom: int = 0, steps: list[dict[str, Any]] | None = None) -> Extraction:
        """The record back from its JSON (`to_json`) and what the JSON leaves out: the text, its
        offset map, the encoding and the steps. What a Parquet corpus or another machine hands over."""

        def span(v: Any) -> Span:
            return (int(v[0]), int(v[1]))

        def opt_span(v: Any) -> Span | None:
            return span(v) if v is not None else None

        def quote(q: dict[str, Any]) -> Quote:
            s = q.get("speaker")
            speaker = Speaker(**{**s, "span": opt_span(s.get("span"))}) if s else None
            return Quote(**{**q, "span": span(q["span"]), "cue_span": opt_span(q.get("cue_span")), "speaker": speaker})

        def claim(c: dict[str, Any]) -> Claim:
            cm = c.get("claimant")
            return Claim(**{**c, "span": span(c["span"]), "number_span": opt_span(c.get("number_span")),
                            "claimant": Claimant(**cm) if cm else None})

        ocr = payload.get("ocr")
        return cls(
            source=payload["source"], document=DocumentInfo(**payload["document"]), text=text,
            entities=[Entity(**{**e, "mentions": [span(m) for m in e.get("mentions") or []]})
                      for e in payload.get("entities") or []],
            quotes=[quote(q) for q in payload.get("quotes") or []],
            claims=[claim(c) for c in payload.get("claims") or []],
            flags=[Flag(**{**f, "span": span(f["span"])}) for f in payload.get("flags") or []],
            steps=[Step(**s) for s in steps or []], offsets=list(offsets), encoding=encoding, bom=bom,
            languages=[LanguageSpan(**{**s, "span": span(s["span"])}) for s in payload.get("languages") or []],
            analyses=[Analysis(**a) for a in payload.get("analyses") or []],
            ocr=OcrLayer.from_json(ocr) if ocr else None,
        )
