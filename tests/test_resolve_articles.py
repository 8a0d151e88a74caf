"""Resolve on articles read by the real extractors (tests/toll_articles/, written for these
tests): the 1988 toll in one group whatever the wording, the place's granularity or an incidental
year; its values side by side in their own words, disputed; nothing else in it; a rising toll
an update, not a contradiction; a wire copy and two claimants of one article counted once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import toll_corpus
from claimgraph.store import Store


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, dict]]:
    store = Store(Path(tmp_path_factory.mktemp("articles")) / "a.db")
    gold = toll_corpus.load(store)
    yield store, gold
    store.close()


def _groups_of(store: Store, gold: dict, label: str) -> list[dict]:
    keys = store.claim_keys()
    return [store.claim_group(g) for g in sorted({keys[k] for k, v in gold.items() if v == label and k in keys})]


def _labels(store: Store, gold: dict, group: dict) -> set[str]:
    local = store.claim_local_ids([c["id"] for c in group["claims"]])
    return {gold[(c["document"], local[c["id"]])] for c in group["claims"]}


def test_one_toll_group_with_every_value_as_written_and_nothing_else(loaded) -> None:
    store, gold = loaded
    (g,) = _groups_of(store, gold, toll_corpus.TOLL)
    assert _labels(store, gold, g) == {toll_corpus.TOLL}  # no age, no judges, no identified dead
    texts = {v["text"] for v in g["values"]}
    assert toll_corpus.TOLL_VALUES - {"over 30,000"} <= texts
    over = next(v for v in g["values"] if v["stated"] == [30000, None])
    assert set(over["wordings"]) == {"over 30,000", "more than 30,000"}
    assert g["contradiction"] and g["time"] == "1988"
    estimated = next(v for v in g["values"] if v["text"] == "an estimated 30,000")
    assert estimated["stated"] == [30000, 30000] and estimated["reading"] == "27,000–33,000"


def test_compatible_values_are_not_contradictions(loaded) -> None:
    store, gold = loaded
    (g,) = _groups_of(store, gold, toll_corpus.TOLL)
    at = {v["text"]: i for i, v in enumerate(g["values"])}
    pairs = {frozenset((c["a"], c["b"])) for c in g["contradictions"]}
    for a, b in (("some 5,000", "4,000–5,000"), ("some 5,000", "2,800–5,000"), ("thousands", "2,800–3,800"),
                 ("more than 1,200", "an estimated 30,000"), ("several thousand", "2,800–5,000")):
        assert frozenset((at[a], at[b])) not in pairs, (a, b)
    assert frozenset((at["2,800–3,800"], at["an estimated 30,000"])) in pairs


def test_a_wire_copy_and_two_claimants_of_one_article_count_once(loaded) -> None:
    store, gold = loaded
    (g,) = _groups_of(store, gold, toll_corpus.TOLL)
    some = next(v for v in g["values"] if v["text"] == "some 5,000")
    assert len(some["documents"]) == 2 and some["independent_sources"] == 1
    # The Caspian Ledger quotes the NCRI and Amnesty; the Exile Monitor quotes Amnesty too
    over_1200 = next(v for v in g["values"] if v["text"] == "more than 1,200")
    assert over_1200["independent_sources"] == 1
    assert g["independent_sources"] < len({c["publisher"] for c in g["claims"]})


def test_a_rising_toll_is_an_update_not_a_contradiction(loaded) -> None:
    store, gold = loaded
    (fire,) = _groups_of(store, gold, toll_corpus.FIRE)
    assert {v["text"] for v in fire["values"]} == {"14", "16"}
    assert not fire["contradiction"] and len(fire["updates"]) == 1
    u = fire["updates"][0]
    assert fire["values"][u["a"]]["text"] == "14" and fire["values"][u["b"]]["text"] == "16"
    assert _labels(store, gold, fire) == {toll_corpus.FIRE}


def test_the_group_page_shows_the_claims_own_words(loaded) -> None:
    from fastapi.testclient import TestClient

    from claimgraph.serve.web import create_app

    store, gold = loaded
    (g,) = _groups_of(store, gold, toll_corpus.TOLL)
    with TestClient(create_app(store.path), base_url="http://127.0.0.1") as client:
        html = client.get(f"/claims/{g['id']}").text
    assert "an estimated 30,000" in html and "read as 27,000–33,000" in html
    # the claim cards: each claim's own words, never its value's index ("between 3") nor our reading
    cards = html.split("Every claim, in its sentence", 1)[1]
    assert '<span class="num">2,800–3,800</span>' in cards and '<span class="num">several thousand</span>' in cards
    assert '<span class="num">between ' not in cards and "an estimated 27,000" not in html


def test_an_entity_page_shows_what_outlets_say_about_a_person(loaded) -> None:
    store, _ = loaded
    by_name = {e["name"]: e["id"] for e in store.global_entities(limit=100)}
    former = store.global_entity(by_name["Reza Tavakoli"])
    assert any("spent six years in Gohardasht" in d["text"] for d in former["described"])
    assert {c["number_text"] for c in former["claims_about"]} >= {"61"}
    montazeri = store.global_entity(by_name["Hossein-Ali Montazeri"])
    # what he wrote is his own (a quote by him), not a description of him
    assert montazeri["quotes_by"] and not any("put to death" in d["text"] for d in montazeri["described"])
    from fastapi.testclient import TestClient

    from claimgraph.serve.web import create_app

    with TestClient(create_app(store.path), base_url="http://127.0.0.1") as client:
        html = client.get(f"/entities/{by_name['Reza Tavakoli']}").text
    assert "What others said about Reza Tavakoli (1)" in html and "spent six years in Gohardasht" in html


def test_weak_claims_and_quotes_are_hidden_on_request(loaded) -> None:
    store, gold = loaded
    from claimgraph.resolve.groups import above

    (g,) = _groups_of(store, gold, toll_corpus.TOLL)
    confs = sorted(c["confidence"] for c in g["claims"])
    assert all(isinstance(x, float) for x in confs)
    t = confs[len(confs) // 2]
    if t == confs[0]:  # every claim found the same way: nothing to hide
        t = min(1.0, t + 0.001)
    f = above(g, t, store.labels())
    assert f["hidden"] == sum(1 for x in confs if x < t) and f["hidden"] > 0
    assert all(c["confidence"] >= t for c in f["claims"])
    assert sorted({c["value"] for c in f["claims"]}) == list(range(len(f["values"])))
    assert all(0 <= c[k] < len(f["values"]) for c in f["contradictions"] for k in ("a", "b"))
    assert sum(v["n_claims"] for v in f["values"]) == len(f["claims"])
    quotes = store.quotes(limit=1000)
    qt = sorted(q["confidence"] for q in quotes)[len(quotes) // 2]
    kept = store.quotes(limit=1000, min_confidence=qt)
    assert 0 < len(kept) < len(quotes) or qt == min(q["confidence"] for q in quotes)
    assert all(q["confidence"] >= qt for q in kept)


def test_groups_built_with_a_confidence_threshold(loaded) -> None:
    store, gold = loaded
    from claimgraph import workflow

    (g,) = _groups_of(store, gold, toll_corpus.TOLL)
    t = max(c["confidence"] for c in g["claims"])
    workflow.resolve(store, full=True, min_confidence=t, threshold_given=True)
    try:
        for grp in store.claim_groups(limit=100):
            if len(grp["claims"]) > 1:
                assert all(c["confidence"] is None or c["confidence"] >= t for c in grp["claims"])
        assert store.group_threshold() == t
        assert len(_groups_of(store, gold, toll_corpus.TOLL)) > 1  # the weaker claims stand alone
    finally:
        workflow.resolve(store, full=True, min_confidence=None, threshold_given=True)
    assert len(_groups_of(store, gold, toll_corpus.TOLL)) == 1


def test_the_command_line_hides_weak_items(loaded, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from claimgraph.cli import main

    store, _ = loaded
    for cmd in (["quotes"], ["claims"], ["claims", "--grouped"]):
        assert main([*cmd, "--db", store.path, "--format", "json", "--limit", "500"]) == 0
        every = json.loads(capsys.readouterr().out)
        assert main([*cmd, "--db", store.path, "--format", "json", "--limit", "500", "--min-confidence", "0.9"]) == 0
        strong = json.loads(capsys.readouterr().out)
        assert len(strong) <= len(every)
        items = [c for g in strong for c in g["claims"]] if "--grouped" in cmd else strong
        assert all(x["confidence"] is None or x["confidence"] >= 0.9 for x in items)
    out = tmp_path / "r.html"
    assert main(["report", "--db", store.path, "--out", str(out), "--min-confidence", "0.5"]) == 0 and out.exists()
    with pytest.raises(SystemExit):  # argparse's one-line usage error
        main(["quotes", "--db", store.path, "--min-confidence", "2"])
