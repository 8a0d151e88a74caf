"""A small corpus for the export and import tests, built from Extraction records written here
(no NLP: the tests check the formats, not the extractors).

An invented reservoir collapse at Dunmore in the invented country of Kestria: a minister puts
the toll at 41 (twice, a year apart), a relief fund at "at least 300" and accuses her; every
span is computed from the text, so highlights and graphs are exact. The fixtures that open it
are in formats_fixtures.py.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from claimgraph import workflow
from claimgraph.model import (
    Claim,
    Claimant,
    DocumentInfo,
    Entity,
    Extraction,
    Location,
    Quote,
    Source,
    Speaker,
)
from claimgraph.store import Store

PIPELINE = "test-formats"


@dataclass
class Doc:
    name: str
    publisher: str
    published: str
    url: str
    text: str
    entities: list[tuple[str, str, list[str]]]  # (name, type, surface forms to find)
    quotes: list[tuple[str, str]] = field(default_factory=list)  # (quoted words, speaker name)
    claims: list[tuple[str, str, float, float | None, str | None, str, str]] = field(default_factory=list)
    # (sentence, number text, low, high, qualifier, claimant, what is counted and the event)


DOCS = [
    Doc("ledger-1", "Harbour Ledger", "2022-03-04", "https://ledger.example/2022/03/04/dunmore",
        "Minister Petra Vulk said 41 people died when the Dunmore reservoir burst. "
        "\u201cThe Kestria Relief Fund counted nobody,\u201d Vulk told reporters in Orlen.",
        [("Petra Vulk", "PERSON", ["Petra Vulk", "Vulk"]), ("Kestria Relief Fund", "ORG", ["Kestria Relief Fund"]),
         ("Dunmore", "GPE", ["Dunmore"]), ("Orlen", "GPE", ["Orlen"])],
        quotes=[("\u201cThe Kestria Relief Fund counted nobody,\u201d", "Petra Vulk")],
        claims=[("Minister Petra Vulk said 41 people died when the Dunmore reservoir burst.", "41", 41, 41, None,
                 "Petra Vulk", "people died")]),
    Doc("open-1", "Open Kestria", "2022-03-10", "https://openkestria.example/dunmore-toll",
        "The Kestria Relief Fund said at least 300 people died when the Dunmore reservoir burst. "
        "\u201cPetra Vulk is hiding the dead,\u201d said Anton Brel of the Kestria Relief Fund. "
        "The fund said it sent 12 volunteers to Orlen.",
        [("Kestria Relief Fund", "ORG", ["Kestria Relief Fund"]), ("Petra Vulk", "PERSON", ["Petra Vulk"]),
         ("Anton Brel", "PERSON", ["Anton Brel"]), ("Dunmore", "GPE", ["Dunmore"]), ("Orlen", "GPE", ["Orlen"])],
        quotes=[("\u201cPetra Vulk is hiding the dead,\u201d", "Anton Brel")],
        claims=[("The Kestria Relief Fund said at least 300 people died when the Dunmore reservoir burst.",
                 "at least 300", 300, None, "at least", "Kestria Relief Fund", "people died"),
                ("The fund said it sent 12 volunteers to Orlen.", "12", 12, 12, None, "Kestria Relief Fund",
                 "volunteers sent")]),
    Doc("ledger-2", "Harbour Ledger", "2023-01-15", "https://ledger.example/2023/01/15/dunmore-year",
        "A year after the Dunmore reservoir burst, Petra Vulk said again that 41 people died there. "
        "\u201cWe will rebuild,\u201d an official said.",
        [("Petra Vulk", "PERSON", ["Petra Vulk"]), ("Dunmore", "GPE", ["Dunmore"])],
        quotes=[("\u201cWe will rebuild,\u201d", "an official")],
        claims=[("A year after the Dunmore reservoir burst, Petra Vulk said again that 41 people died there.", "41",
                 41, 41, None, "Petra Vulk", "people died")]),
]


def sha(doc: Doc) -> str:
    return hashlib.sha256(doc.text.encode()).hexdigest()


def extraction(doc: Doc, claim_ids: int = 1) -> Extraction:
    """The document's extraction; `claim_ids` numbers its claims from there (as a re-extraction might)."""
    text = doc.text
    entities, by_name = [], {}
    for i, (name, type_, surfaces) in enumerate(doc.entities, 1):
        mentions = []
        for s in surfaces:
            start = 0
            while (at := text.find(s, start)) >= 0:
                if not any(a <= at < b for a, b in mentions):
                    mentions.append((at, at + len(s)))
                start = at + len(s)
        entities.append(Entity(id=f"e{i}", name=name, type=type_, mentions=sorted(mentions)))
        by_name[name] = f"e{i}"
    quotes = []
    for i, (words, speaker) in enumerate(doc.quotes, 1):
        at = text.index(words)
        quotes.append(Quote(id=f"q{i}", kind="direct", text=words.strip("\u201c\u201d,"), span=(at, at + len(words)),
                            cue="said", speaker=Speaker(name=speaker, text=speaker, entity=by_name.get(speaker)),
                            method="cue-quotation", confidence=0.9))
    claims = []
    for i, (sentence, number_text, low, high, qualifier, claimant, what) in enumerate(doc.claims, claim_ids):
        at = text.index(sentence)
        n_at = text.index(number_text, at)
        counted, event = what.split()
        claims.append(Claim(id=f"c{i}", kind="count", text=sentence, span=(at, at + len(sentence)), value=low, low=low,
                            high=high, qualifier=qualifier, counted=counted, event=event,
                            place="Orlen" if counted == "volunteers" else "Dunmore",
                            time=doc.published[:4] if doc.name != "ledger-2" else "2022", number_text=number_text,
                            number_span=(n_at, n_at + len(number_text)), bound="exact" if high == low else "lower",
                            claimant=Claimant(name=claimant, entity=by_name.get(claimant), basis="attribution"),
                            method="digits/attribution", confidence=0.8))
    return Extraction(source=f"{doc.name}.txt", text=text, offsets=list(range(len(text) + 1)),
                      document=DocumentInfo(sha256=sha(doc), url=doc.url, title=f"{doc.publisher} on Dunmore",
                                            publisher=doc.publisher, published=doc.published, format="text",
                                            language="en"),
                      entities=entities, quotes=quotes, claims=claims)


def build(path: Path) -> Path:
    """The corpus stored and resolved."""
    with Store(path) as store:
        for doc in DOCS:
            loc = Location(uri=f"{doc.name}.txt", kind="file", captured_at="2024-01-01T00:00:00Z")
            store.put_original(Source(data=doc.text.encode(), location=loc, name=f"{doc.name}.txt"), sha(doc))
            store.save_extraction(extraction(doc), PIPELINE)
        store.commit()
        workflow.resolve(store)
    return path
