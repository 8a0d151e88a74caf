"""An entity's page reads only what it shows (store/entity_page.py): its newest items equal the
first of everything sorted as the page sorts, whichever way they are found; and the sentence
attributing one of its own quotes is not shown as what others said about it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from claimgraph import resolving
from claimgraph.model import (
    Claim,
    Claimant,
    DocumentInfo,
    Entity,
    Extraction,
    Quote,
    Speaker,
    Step,
)
from claimgraph.serve.web import create_app
from claimgraph.serve.web.render import by_date
from claimgraph.store import Store, entity_page
from stored import save

PLACE, SPEAKER, OTHER = "Lake Orvan", "Tomas Velde", "Ada Krol"


def _document(i: int) -> Extraction:
    """A report naming the place; Velde quoted in every other one, about Krol or about the place."""
    parts: list[str] = []

    def add(s: str) -> tuple[int, int]:
        a = sum(map(len, parts))
        parts.append(s)
        return a, a + len(s)

    pa, pb = add(PLACE)
    add(f" flooded again in week {i}. ")
    qa, _ = add('"We rebuilt ')
    ma, mb = add(OTHER if i % 3 else PLACE)
    _, qb = add(' twice."')
    add(" ")
    sa, sb = add(SPEAKER)
    add(" said. ")
    ca, cb = add(f"The water covered {i + 2} farms near {PLACE}. ")
    text = "".join(parts)
    near = (cb - len(PLACE) - 2, cb - 2)
    spoken = i % 2 == 0
    entities = [Entity(id="e1", name=PLACE, type="GPE", mentions=[(pa, pb), near] + ([] if i % 3 else [(ma, mb)])),
                Entity(id="e2", name=SPEAKER, type="PERSON", mentions=[(sa, sb)]),
                Entity(id="e3", name=OTHER, type="PERSON", mentions=[(ma, mb)] if i % 3 else [])]
    quotes = [Quote(id="q1", kind="direct", text=text[qa + 1:qb - 2], span=(qa, qb), cue="said", confidence=0.9,
                    speaker=Speaker(name=SPEAKER, text=SPEAKER, entity="e2", span=(sa, sb)))] if spoken else []
    claims = [Claim(id="c1", kind="count", text=text[ca:cb], span=(ca, cb), value=i + 2, low=i + 2, high=i + 2,
                    counted="farms", claimant=Claimant(name="North Post"), confidence=0.8)]
    # few dates and two outlets: many items share a date and a publisher (the page's ties)
    doc = DocumentInfo(sha256=f"{i:064x}", url=f"https://news.example/{i}", title=f"Flood {i}",
                       publisher=("North Post", "South Wire")[i % 2], published=f"2024-0{1 + i % 4}-01", format="text")
    return Extraction(source=f"t/{i}.txt", document=doc, text=text, entities=entities, quotes=quotes, claims=claims,
                      steps=[Step("read", "test", "1")], offsets=list(range(len(text) + 1)), encoding="utf-8")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    s = Store(Path(tmp_path_factory.mktemp("entity")) / "e.db")
    for i in range(40):
        save(s, _document(i))
    s.commit()
    resolving.resolve(s)
    s.commit()
    yield s
    s.close()


def _id(store: Store, name: str) -> int:
    return next(e["id"] for e in store.global_entities(limit=50) if e["name"] == name)


def _keys(rows: list[dict]) -> list[tuple]:
    return [(r.get("id"), r.get("document_id"), r.get("local_id"), r.get("start")) for r in rows]


@pytest.mark.parametrize("direct", [entity_page.DIRECT, 0])  # dates read, or the date index walked
@pytest.mark.parametrize("name", [PLACE, SPEAKER, OTHER])
def test_the_bounded_page_is_the_first_of_everything(store: Store, monkeypatch: pytest.MonkeyPatch, direct: int,
                                                     name: str) -> None:
    monkeypatch.setattr(entity_page, "DIRECT", direct)
    everything = store.global_entity(_id(store, name))
    for offset in (0, 7):
        page = store.global_entity(_id(store, name), limit=6, offset=offset)
        for key in ("documents", "quotes_by", "quotes_about", "claims_about"):
            assert _keys(page[key]) == _keys(by_date(everything[key])[offset:offset + 6]), (key, offset)
            assert page["totals"][key] == len(everything[key])
        assert page["described"] == everything["described"]
    assert everything["totals"]["documents"] == 40 if name == PLACE else everything["totals"]["documents"] > 0


def test_what_a_page_counts(store: Store) -> None:
    place, speaker = store.global_entity(_id(store, PLACE), limit=5), store.global_entity(_id(store, SPEAKER), limit=5)
    assert speaker["totals"]["quotes_by"] == 20 and place["totals"]["quotes_by"] == 0
    assert place["totals"]["quotes_about"] == 7  # i = 0, 6, ..., 36: the even ones of the multiples of 3
    assert place["totals"]["claims_about"] == 40  # "… farms near Lake Orvan."
    assert sum(place["dated"]["documents"].values()) == 40
    with TestClient(create_app(store.path), base_url="http://127.0.0.1") as client:
        html = client.get(f"/entities/{_id(store, PLACE)}").text
        api = client.get(f"/api/entities/{_id(store, PLACE)}?limit=3&offset=3").json()
    assert "Numbers about Lake Orvan (40)" in html and "documents naming it" in html
    assert len(api["documents"]) == 3 and api["totals"]["documents"] == 40 and api["limit"] == 3


def test_the_sentence_attributing_its_own_quote_is_not_what_others_said(tmp_path: Path) -> None:
    text = ('Reza Fallahian spoke in Tehran on Monday. The court met again. "We will not step back." '
            "Fallahian said in the interview. Critics said Fallahian misled the court.")
    q = text.index('"We'), text.index('back."') + len('back."')
    said = text.index("Fallahian said")
    critics = text.index("Fallahian misled")
    x = Extraction(
        source="t/f.txt", document=DocumentInfo(sha256="f" * 64, url="https://news.example/f", title="Fallahian", publisher="North Post",
                                                published="2024-05-01", format="text"),
        text=text, steps=[Step("read", "test", "1")], offsets=list(range(len(text) + 1)), encoding="utf-8",
        entities=[Entity(id="e1", name="Reza Fallahian", type="PERSON", aliases=["Fallahian"],
                         mentions=[(0, 14), (said, said + 9), (critics, critics + 9)])],
        quotes=[Quote(id="q1", kind="direct", text="We will not step back.", span=q, cue="said", confidence=0.9,
                      speaker=Speaker(name="Reza Fallahian", text="Fallahian", entity="e1", span=(said, said + 9)))])
    with Store(tmp_path / "f.db") as s:
        save(s, x)
        s.commit()
        resolving.resolve(s)
        s.commit()
        e = s.global_entity(_id(s, "Reza Fallahian"), limit=10)
    assert [d["text"] for d in e["described"]] == ["Reza Fallahian spoke in Tehran on Monday.",
                                                   "Critics said Fallahian misled the court."]
    assert len(e["quotes_by"]) == 1 and not e["quotes_about"]


def test_an_attribution_before_the_quote_is_the_speaker_s() -> None:
    text = 'Fallahian answered the judges. "We will not step back." Later, others spoke.'
    q = {"start": text.index('"We'), "end": text.index('back."') + 6, "cue": "answered"}
    assert entity_page.attributes(text, (0, text.index(" \"We")), q)  # ends where the quote starts
    text = 'Fallahian answered the judges, at length; "We will not step back."'
    assert not entity_page.attributes(text, (0, 10), {"start": 60, "end": 66, "cue": "spoke"})
