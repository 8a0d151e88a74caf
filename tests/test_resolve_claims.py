"""Claim groups, contradictions and independent sources on the labelled corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

import resolve_corpus as rc
from claimgraph import workflow
from claimgraph.store import Store


@pytest.fixture()
def store(tmp_path: Path):
    s = Store(tmp_path / "r.db")
    gold = rc.load(s)
    workflow.resolve(s, full=True)
    yield s, gold
    s.close()


def _group_of(store: Store, gold: dict, label: str) -> list[dict]:
    pred = rc.predicted(store)
    ids = {pred[k] for k, g in gold.items() if g == label}
    return [store.claim_group(i) for i in sorted(ids)]


def test_purity_and_completeness(store) -> None:
    s, gold = store
    purity, completeness = rc.purity_completeness(gold, rc.predicted(s))
    assert purity >= 0.95 and completeness >= 0.9, (purity, completeness)


def test_one_group_for_the_1988_toll_in_all_its_wordings(store) -> None:
    s, gold = store
    (g,) = _group_of(s, gold, "iran88.dead")
    assert len(g["claims"]) == sum(1 for v in gold.values() if v == "iran88.dead")
    texts = {v["text"] for v in g["values"]}
    assert {"over 30,000", "2,800–3,800", "2,800–5,000", "thousands", "more than 1,200"} <= texts
    assert g["time"] == "1988"


def test_other_events_never_join(store) -> None:
    s, gold = store
    for label in ("iran88.dead", "iran22.dead", "flood.dead", "mine.dead", "iran88.identified", "flood.identified"):
        for g in _group_of(s, gold, label):
            members = {gold[(c["document"], _local(s, c["id"]))] for c in g["claims"]}
            assert members == {label}, (label, members)


def test_contradictions_flagged_and_compatible_values_not(store) -> None:
    s, gold = store
    (g,) = _group_of(s, gold, "iran88.dead")
    vals = g["values"]
    idx = {v["text"]: i for i, v in enumerate(vals)}
    pairs = {frozenset((c["a"], c["b"])) for c in g["contradictions"]}
    assert g["contradiction"]
    assert frozenset((idx["over 30,000"], idx["2,800–3,800"])) in pairs
    assert frozenset((idx["thousands"], idx["2,800–5,000"])) not in pairs
    assert frozenset((idx["more than 1,200"], idx["2,800–5,000"])) not in pairs
    # the identified dead are a lower bound of another quantity, not a rival total
    assert all("4,672" not in v["text"] for v in vals)


def test_committee_of_three_against_four(store) -> None:
    s, gold = store
    for label in ("iran88.committee", "flood.committee"):
        (g,) = _group_of(s, gold, label)
        assert g["contradiction"] and {v["text"] for v in g["values"]} == {"3", "4"}


def test_a_wire_story_on_two_sites_counts_once(store) -> None:
    s, gold = store
    (g,) = _group_of(s, gold, "iran88.dead")
    some = next(v for v in g["values"] if v["text"] == "some 5,000")
    assert len(some["documents"]) == 2 and some["independent_sources"] == 1
    assert some["claimants"] == ["Gulf Wire"]
    (flood,) = _group_of(s, gold, "flood.dead")
    wire = next(v for v in flood["values"] if v["text"] == "some 700")
    assert set(wire["publishers"]) == {"Meridian Press", "Valley Herald"} and wire["independent_sources"] == 1


def test_an_upstream_claimant_counts_once_however_many_outlets_repeat_it(store) -> None:
    s, gold = store
    (g,) = _group_of(s, gold, "iran88.dead")
    amnesty = next(v for v in g["values"] if v["text"] == "more than 1,200")
    assert len(amnesty["documents"]) == 2 and amnesty["independent_sources"] == 1
    (flood,) = _group_of(s, gold, "flood.dead")
    gov = next(v for v in flood["values"] if v["text"] == "212")
    # Yusuf Karimov quoted by a wire, its copy, state media and (as "Yousef") the opposition: one source
    assert len(gov["documents"]) >= 4 and gov["independent_sources"] == 1
    # the 1988 toll: Amnesty, HRW, the wire, Resistance News, Montazeri, "opposition groups"
    assert g["independent_sources"] == 6


def test_spread_by_label(store) -> None:
    s, gold = store
    workflow.label_publisher(s, "National Tribune", "state media")
    workflow.label_publisher(s, "Free Voice", "opposition")
    workflow.label_publisher(s, "Civic Watch", "rights group")
    (g,) = _group_of(s, gold, "flood.dead")
    assert g["labels"]["state media"]["high"] == 212
    assert g["labels"]["opposition"]["high"] is None  # "over 1,500" is open above
    assert any("rights group" in v["labels"] for v in g["values"])
    pubs = {p["publisher"]: p for p in s.publishers()}
    assert pubs["National Tribune"]["labels"] == ["state media"]


def test_labels_file(store, tmp_path: Path) -> None:
    s, _ = store
    csv = tmp_path / "labels.csv"
    csv.write_text("publisher,label\nGulf Wire,wire\nResistance News,opposition;mek-aligned\n", encoding="utf-8")
    yml = tmp_path / "labels.yaml"
    yml.write_text("Pars Daily: state media\nAmnesty International: [rights group]\n", encoding="utf-8")
    assert workflow.load_labels(s, str(csv)) == 3
    assert workflow.load_labels(s, str(yml)) == 2
    pubs = {p["publisher"]: p["labels"] for p in s.publishers()}
    assert pubs["Resistance News"] == ["mek-aligned", "opposition"]
    assert pubs["Pars Daily"] == ["state media"]


def test_entities_across_documents(store) -> None:
    s, _ = store
    names = {e["name"]: e for e in s.global_entities(limit=500)}
    assert "Ali Khamenei" in names and "Ruhollah Khomeini" in names
    assert "Khamenei" in names["Ali Khamenei"]["aliases"]
    mont = next(e for e in names.values() if "Montazeri" in e["name"])
    assert mont["n_documents"] == 2
    karimov = s.global_entity(names["Yusuf Karimov"]["id"])
    assert "Yousef Karimov" in karimov["aliases"] and len(karimov["documents"]) >= 4
    assert karimov["quotes_by"] and all(m["status"] in ("auto", "confirmed", "rejected") for m in karimov["merges"])


def _local(s: Store, claim_id: int) -> str:
    return s.claim_local_ids([claim_id])[claim_id]
