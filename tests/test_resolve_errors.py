"""The resolve-side errors issue 9 lists, one test each, on text written for these tests: an
invented purge in Kyrgyzstan in 1994, reported by invented outlets in other words, at another
granularity of place, beside incidental places and years, an age and unrelated counts. (The
1988 toll articles of tests/toll_articles/ are tested in test_resolve_articles.py.)"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from claimgraph import workflow
from claimgraph.options import Options
from claimgraph.resolve.claims import incidental_places, place_terms
from claimgraph.resolve.counted import cause_of, event_of, year_of
from claimgraph.resolve.values import claim_range, contradictions
from claimgraph.serve.web.render import claim_range as shown
from claimgraph.store import Store

# outlet -> (date, body)
ARTICLES = {
    "Steppe Herald": ("2021-05-02", "Some 900 detainees were executed in Bishkek's prisons in 1994, the rights group "
                                    "Open Door said."),
    "Lowland Post": ("2021-06-10", "Survivors say 1,400 prisoners were massacred in Kyrgyzstan in 1994.\n\n"
                                   "No one has been tried for the killings."),
    "Alpine Wire": ("2021-07-01", "The commission's chair told reporters in Geneva that more than 700 inmates had been "
                                  "put to death in Kyrgyzstan in 1994."),
    "River Review": ("2021-08-15", "In its annual report for 1996, Open Door said at least 800 prisoners had been "
                                   "killed in Kyrgyzstan in 1994."),
    "Hill Gazette": ("2021-09-03", "Timur, a 27-year-old engineer, lost his father in the killings of 1994 in "
                                   "Kyrgyzstan.\n\nHis mother still keeps 12 letters his father wrote from prison."),
    "Twofold Times": ("2021-10-04", "Open Door says 1,100 detainees were executed in Kyrgyzstan in 1994. The Lawyers' "
                                    "Guild says 1,300 prisoners were executed there that year."),
    # the same country, year and verb: another toll
    "Osh Courier": ("2021-04-01", "Floods in Osh killed 30 people in 1994, the emergencies ministry said."),
    "Valley Monitor": ("2021-04-20", "In 2010, some 400 people were killed in clashes in southern Kyrgyzstan."),
    # words that state no figure
    "Border Wire": ("2021-03-08", "Guards at the Naryn crossing fired several warning shots on Monday, the border "
                                  "service said."),
}
TOLL = {"Some 900", "1,400", "more than 700", "at least 800", "1,100", "1,300"}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    folder = tmp_path_factory.mktemp("purge")
    for i, (outlet, (date, body)) in enumerate(ARTICLES.items()):
        (folder / f"{i:02d}.txt").write_text(
            f"Title: {outlet} on 1994\nPublisher: {outlet}\nDate: {date}\nURL: https://a{i}.example/a\n\n{body}\n",
            encoding="utf-8")
    s = Store(folder / "p.db")
    report = workflow.ingest(s, sorted(str(p) for p in folder.glob("*.txt")), Options())
    assert not report.failed, report.failed
    yield s
    s.close()


def _group_holding(store: Store, words: str) -> dict:
    (g,) = [g for g in store.claim_groups(limit=100) if any(c["number_text"] == words for c in g["claims"])]
    return store.claim_group(g["id"])


def test_one_toll_whatever_the_wording_the_place_granularity_or_an_incidental_place_or_year(store: Store) -> None:
    g = _group_holding(store, "Some 900")
    assert {c["number_text"] for c in g["claims"]} == TOLL  # no age, no letters
    assert g["time"] == "1994" and g["contradiction"]


def test_an_age_and_an_unrelated_count_never_join_a_toll(store: Store) -> None:
    for words in ("27", "12", "30", "some 400"):
        groups = [g for g in store.claim_groups(limit=100) if any(c["number_text"] == words for c in g["claims"])]
        assert all({c["number_text"] for c in g["claims"]} == {words} for g in groups), words


def test_words_that_state_no_figure_are_a_value_of_their_group(store: Store) -> None:
    g = _group_holding(store, "several")  # its group used to hold no value and list no claim
    assert [v["text"] for v in g["values"]] == ["several"] and len(g["claims"]) == 1
    assert not g["contradiction"]
    assert all(g["claims"] for g in map(store.claim_group, (x["id"] for x in store.claim_groups(limit=100))))


def test_two_claimants_of_one_article_are_one_independent_source(store: Store) -> None:
    g = _group_holding(store, "Some 900")
    # Open Door (in three outlets), the Lawyers' Guild (quoted beside it in one), survivors, the chair:
    # four claimants, three independent sources
    assert len({c["claimant"] for c in g["claims"]}) == 4
    assert g["independent_sources"] == 3


def test_the_claim_cards_show_each_claims_own_words(store: Store) -> None:
    from fastapi.testclient import TestClient

    from claimgraph.serve.web import create_app

    g = _group_holding(store, "Some 900")
    for c in g["claims"]:  # a claim's "value" is the index of its value: never shown as a number
        assert shown(c) == g["values"][c["value"]]["text"]
    with TestClient(create_app(store.path), base_url="http://127.0.0.1") as client:
        html = client.get(f"/claims/{g['id']}").text
    cards = html.split("Every claim, in its sentence", 1)[1]
    assert set(re.findall(r'<span class="num">([^<]*)</span>', cards)) == {v["text"] for v in g["values"]}


def test_the_demo_claim_group_pages_show_values_as_written(tmp_path: Path) -> None:
    """Every number a claim card shows is one its claim's words state ("over 5" and "between 3" were
    a claim's index read as its value)."""
    from fastapi.testclient import TestClient

    from claimgraph.cli import main
    from claimgraph.serve.web import create_app

    db = str(tmp_path / "demo.db")
    assert main(["demo", "--db", db]) == 0
    with Store(db) as s:
        groups = [s.claim_group(g["id"]) for g in s.claim_groups(limit=100)]
    assert groups
    with TestClient(create_app(db), base_url="http://127.0.0.1") as client:
        for g in groups:
            cards = client.get(f"/claims/{g['id']}").text.split("Every claim, in its sentence", 1)[1]
            nums = re.findall(r'<span class="num">([^<]*)</span>', cards)
            assert len(nums) == min(len(g["claims"]), len(nums)) > 0
            for c, text in zip(g["claims"], nums, strict=False):
                stated = set(re.findall(r"\d[\d,.]*", c["number_text"] or ""))
                if stated:  # words ("four") are shown as figures
                    assert set(re.findall(r"\d[\d,.]*", text)) <= stated, (c["number_text"], text)


def test_estimated_and_several_thousand_are_shown_as_written_and_our_reading_alone_never_contradicts() -> None:
    est = {"range": claim_range(27000, 33000, 30000, "an estimated", bound="approx"), "text": "an estimated 30,000"}
    several = {"range": claim_range(2000, None, None, None, bound="vague"), "text": "several thousand"}
    assert shown({"low": 27000, "high": 33000, "value": 30000, "qualifier": "an estimated", "bound": "approx",
                  "number_text": "an estimated 30,000"}) == "an estimated 30,000"
    assert shown({"low": 2000, "qualifier": None, "bound": "vague", "number_text": "Several thousand"}) == "several thousand"
    # a figure in words reads as written: as a number "well over half" would read "well over 50"
    assert shown({"low": 50, "qualifier": "well over", "bound": "lower", "number_text": "well over half"}) == \
        "well over half"
    assert shown({"low": 1.5, "high": 1.5, "value": 1.5, "bound": "exact", "number_text": "a month and a half"}) == \
        "a month and a half"
    # the stated figures differ, but our reading of the approximate words lets both be true
    near = {"range": claim_range(32000, 32000, 32000, None), "text": "32,000"}
    assert contradictions([est, near]) == []
    assert contradictions([several, {"range": claim_range(2800, 3800, None, None, bound="range"), "text": "2,800–3,800"}]) == []
    # the words alone apart, and our reading too: a contradiction, and it says what we read
    (c,) = contradictions([{"range": claim_range(1200, None, None, "more than"), "text": "more than 1,200"},
                           {"range": claim_range(300, 300, 300, None), "text": "300"}])
    assert "read as" not in c["why"]


def _row(text: str, words: str, event: str | None = None, counted: str = "prisoners") -> dict:
    return {"text": text, "number_text": words, "event": event, "counted": counted, "kind": "count",
            "low": None, "high": None, "value": None}


@pytest.mark.parametrize("text,words,event", [
    ("Officials executed 500 prisoners.", "500", "executed"),
    ("The executions of 500 prisoners were never admitted.", "500", None),
    ("500 prisoners were massacred.", "500", "massacred"),
    ("500 prisoners were put to death.", "500", "put to death"),
    ("500 prisoners were killed.", "500", "killed"),
    ("500 prisoners were hanged.", "500", None),
])
def test_every_wording_of_a_killing_is_one_event_class(text: str, words: str, event: str | None) -> None:
    assert event_of(_row(text, words, event))[0] == "killed"


def test_a_city_and_its_country_share_a_place_term_and_other_countries_do_not() -> None:
    assert set(place_terms("Bishkek")) & set(place_terms("Kyrgyzstan"))
    assert not set(place_terms("Bishkek")) & set(place_terms("Switzerland"))


def test_where_something_was_said_is_not_where_it_happened() -> None:
    said = "The chair told reporters in Geneva that 700 inmates had been put to death in Bishkek."
    assert incidental_places(said, ["Geneva", "Bishkek"]) == {"Geneva"}
    assert incidental_places("Floods in Geneva killed 3 people.", ["Geneva"]) == set()


def test_the_year_of_a_record_does_not_date_the_event() -> None:
    assert year_of(_row("In its annual report for 1996, the group said 800 prisoners had been killed.", "800",
                        "killed")) is None
    assert year_of(_row("In its annual report for 1996, the group said 800 prisoners had been killed in 1994.", "800",
                        "killed")) == "1994"
    assert year_of(_row("In 2010, some 400 people were killed in clashes.", "some 400", "killed")) == "2010"
    assert year_of(_row("In the summer of 1994, 400 people were killed.", "400", "killed")) == "1994"
    assert year_of(_row("Reza, now 61, was told in 1990 that 800 prisoners had been killed in 1994.", "800",
                        "killed")) == "1994"
    # a full date's comma is no clause break: "on May 3, 1994" dates the bombing, not another clause
    assert year_of(_row("Osmon is wanted for the bombing that killed 85 people on May 3, 1994 in Osh, Kyrgyzstan.",
                        "85", "killed")) == "1994"
    assert year_of(_row("The purge that killed 800 prisoners began on June 1, 1994.", "800", "killed")) == "1994"


def test_a_toll_names_its_cause_and_two_causes_are_two_tolls() -> None:
    assert cause_of(_row("Floods in Osh killed 30 people in 1994.", "30", "killed"), "killed") == "natural"
    assert cause_of(_row("500 prisoners were put to death.", "500", "put to death"), "put to death") == "violence"
    assert cause_of(_row("Troops opened fire on the crowd, killing 30.", "30", "killing"), "killing") is None
    assert cause_of(_row("A fire at the prison killed 14 inmates.", "14", "killed"), "killed") == "technological"
    # one event, several names: a cyclone's floods, an explosion's fire
    assert cause_of(_row("Cyclone Idra killed 600 people.", "600", "killed"), "killed") == \
        cause_of(_row("Floods killed 600 people.", "600", "killed"), "killed")
    assert cause_of(_row("The blast killed 30 workers.", "30", "killed"), "killed") == \
        cause_of(_row("The fire killed 30 workers.", "30", "killed"), "killed")
    assert cause_of(_row("800 prisoners had been killed.", "800", "killed"), "killed") is None
