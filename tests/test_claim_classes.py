"""Numeric claims by class (issue 9): what real articles state that the first extractor missed,
and what it invented. Sentences written for these tests; the definition of a claim is the one in
../shared/data/claims/README.md."""

from __future__ import annotations

import pytest

from claimgraph.model import Claim
from claimgraph_text import extract_text


def claims(text: str, **kw: str | None) -> list[Claim]:
    return extract_text(text, **kw).claims  # type: ignore[arg-type]


def one(text: str) -> Claim:
    found = claims(text)
    assert len(found) == 1, [(c.number_text, c.value, c.kind) for c in found]
    return found[0]


def seen(text: str) -> list[tuple[str | None, float | None, str, str | None]]:
    return [(c.number_text, c.value, c.kind, c.unit) for c in claims(text)]


# --- missed: durations, measures, compound adjectives

@pytest.mark.parametrize("sentence,words,value,unit", [
    ("The trial lasted three months.", "three", 3, "month"),
    ("A judge sentenced Farid Rostami to 20 years in prison.", "20", 20, "year"),
    ("The club signed the striker to an eight-year deal.", "eight", 8, "year"),
    ("Her three-month stay in the clinic ended on Friday.", "three", 3, "month"),
    ("The ferry left four years ago.", "four", 4, "year"),
    ("The council spoke for more than 45 minutes.", "more than 45", 45, "minute"),
    ("The convoy arrived about an hour after the blast.", "about an hour", 1, "hour"),
    ("The families waited almost a year and a half for a ruling.", "almost a year and a half", 1.5, "year"),
    ("He served two and a half years as mayor.", "two and a half", 2.5, "year"),
    ("A magnitude-5.9 quake shook the coast at dawn.", "5.9", 5.9, "magnitude"),
    ("The pipeline runs 1,500 kilometres across the steppe.", "1,500", 1500, "kilometre"),
    ("The 6-foot-7 centre scored twice in the final.", "6-foot-7", 6.58, "foot"),
    ("The mayor holds a 10-point lead in the latest poll.", "10", 10, "point"),
    ("The gap narrowed by 3 percentage points.", "3", 3, "percentage point"),
    ("Rescuers worked in temperatures of minus 10 degrees.", "minus 10", -10, "degree"),
    ("The governor spoke for an hour.", "an hour", 1, "hour"),
])
def test_measures_and_durations(sentence: str, words: str, value: float, unit: str) -> None:
    c = next(c for c in claims(sentence) if c.kind == "measure")
    assert (c.number_text, c.value, c.unit) == (words, pytest.approx(value), unit)


def test_a_measure_used_as_an_adjective_of_a_count() -> None:
    c = one("The 104-page report was published on Monday.")
    assert (c.kind, c.value) == ("count", 104)


# --- missed: vague amounts, fractions, multipliers, repetitions, ranks, scores

@pytest.mark.parametrize("sentence,words", [
    ("Several protesters were detained near the port.", "Several"),
    ("A few reporters stayed behind.", "A few"),
    ("The firm holds multiple accounts in Cyprus.", "multiple"),
    ("Only a handful of survivors were found.", "Only a handful"),
])
def test_several_and_a_few_are_vague_without_bounds(sentence: str, words: str) -> None:
    c = one(sentence)
    assert (c.number_text, c.bound, c.value, c.low, c.high) == (words, "vague", None, None, None)


def test_vague_amounts_with_a_figure() -> None:
    c = one("A few dozen supporters waited outside.")
    assert (c.bound, c.low, c.high) == ("vague", 24, None)
    c = one("The challenger now trails by double digits.")
    assert (c.bound, c.low, c.high) == ("vague", 10, 99)


@pytest.mark.parametrize("sentence,words,value,low,high", [
    ("Half of the passengers were children.", "Half", 50, 50, 50),
    ("More than half of the voters stayed home.", "More than half", 50, 50, None),
    ("Less than a third agreed with the minister.", "Less than a third", 33.33, None, 33.33),
    ("Two-thirds of the members backed the motion.", "Two-thirds", 66.67, 66.67, 66.67),
    ("The crew of 12 included six women, half of whom were engineers.", "half", 50, 50, 50),
    ("The plan would cut emissions by a third.", "a third", 33.33, 33.33, 33.33),
])
def test_fractions_are_percents(sentence: str, words: str, value: float, low: float | None,
                                high: float | None) -> None:
    c = next(c for c in claims(sentence) if c.number_text == words)
    assert (c.kind, c.value, c.low, c.high) == ("percent", pytest.approx(value), low, high)


@pytest.mark.parametrize("sentence", [
    "Prices rose in the first half of the year.",
    "She is running for a third term.",
    "He paused for a moment or two.",
])
def test_fractions_and_ordinals_that_are_not_shares(sentence: str) -> None:
    assert claims(sentence) == []


def test_repetitions_and_multipliers() -> None:
    assert seen("The man was shot 11 times by police.") == [("11", 11, "count", "times")]
    assert seen("She has been arrested twice since May.") == [("twice", 2, "count", "times")]
    assert seen("The camp holds twice as many people as planned.")[0][1:] == (2, "measure", "times")
    assert seen("The prison held three times its capacity.") == [("three", 3, "measure", "times")]


@pytest.mark.parametrize("sentence,value", [
    ("Lagos is the third-largest city on the continent.", 3),
    ("The two parties tied for fifth in the regional vote.", 5),
    ("The senator finished second in the primary.", 2),
    ("The hospital is now the second most crowded in the country.", 2),
])
def test_ranks_stated_by_ordinals(sentence: str, value: float) -> None:
    c = next(c for c in claims(sentence) if c.kind == "rank")
    assert c.value == value


@pytest.mark.parametrize("sentence", [
    "The first debate was held in Ohio.",
    "They had no right to be there in the first place.",
])
def test_ordinals_of_sequence_are_not_ranks(sentence: str) -> None:
    assert claims(sentence) == []


@pytest.mark.parametrize("sentence,values", [
    ("The visitors sealed a 31-24 victory on Sunday.", [31, 24]),
    ("The Hawks are now (7-7) after the loss.", [7, 7]),
    ("The nominee was confirmed 92 to 0.", [92, 0]),
    ("The court issued a 5-4 decision.", [5, 4]),
    ("The club finished the season 12-4.", [12, 4]),
])
def test_scores_and_records_are_two_figures(sentence: str, values: list[float]) -> None:
    assert [c.value for c in claims(sentence)] == values


# --- invented: years, ages, dates, times, codes, names, idioms

@pytest.mark.parametrize("sentence", [
    "The UN pressed the president over 1988 executions.",
    "Posted 9:29 PM, MARCH 8",
    "The session ended at 9:29 PM on Friday.",
    "The vendor patched the flaw in bulletin MS08-078.",
    "The pastor read from 2 Timothy 3:1-5.",
    "Air Force One landed at noon.",
    "See the table on page 12 of the filing.",
    "One lawmaker called the plan reckless.",
    "The plan will fail, said one official familiar with the talks.",
    '<post datetime="2016-08-23">Breaking news</post>',
    "1. The economy\n2. Foreign policy",
    "Posted by Ann LeeFebruary 6, 2016 8:57PM",
    "Is this the last one?",
])
def test_not_claims(sentence: str) -> None:
    assert seen(sentence) == []


def test_a_change_in_percent_and_a_price_are_not_a_range() -> None:
    assert seen("The shares fell 3.5 percent to $41.20.") == [("3.5", 3.5, "percent", "%"),
                                                           ("$41.20", 41.2, "amount", "USD")]


def test_a_claim_in_a_headline_is_the_headline_s_own() -> None:
    found = claims("Powerful quake kills 10 in mountain province\n\nRescuers said 200 people were injured.")
    assert [(c.number_text, c.text, c.event) for c in found][0] == (
        "10", "Powerful quake kills 10 in mountain province", "kills")
    assert found[1].claimant is not None and found[1].claimant.name == "Rescuers"


def test_a_year_is_a_count_only_after_a_qualifier_of_quantities() -> None:
    assert seen("About 2000 people marched on Sunday.") == [("About 2000", 2000, "count", None)]


def test_an_age_opening_a_sentence_is_an_age() -> None:
    c = one("At 27, Maryam Karimi was the youngest of the prisoners.")
    assert (c.kind, c.value) == ("age", 27)


def test_ages_of_unnamed_people() -> None:
    assert seen("Police said the suspect, 19, fled on foot.") == [("19", 19, "age", "years")]
    c = one("The victim, a man in his 70s, was taken to hospital.")
    assert (c.kind, c.number_text, c.low, c.high, c.bound) == ("age", "70s", 70, 79, "range")
    assert claims("Rents doubled in the 70s.") == []


def test_only_one_is_a_count() -> None:
    c = one("Only one candidate is likely to survive the vote.")
    assert (c.kind, c.value) == ("count", 1)


# --- values as written: bounds are an interpretation, marked by `bound`

def test_the_words_and_qualifier_are_kept_as_written() -> None:
    c = one("An estimated 30,000 people were killed.")
    assert (c.number_text, c.qualifier, c.value, c.bound) == ("An estimated 30,000", "an estimated", 30000, "approx")
    c = one("Around 30 to 70 people would show up.")
    assert (c.number_text, c.qualifier, c.low, c.high, c.bound) == ("Around 30 to 70", "around", 30, 70, "range")
    c = one("Several thousand prisoners were moved.")
    assert (c.number_text, c.low, c.high, c.bound) == ("Several thousand", 2000, None, "vague")


# --- claimants and places

@pytest.mark.parametrize("sentence,claimant", [
    ("Amnesty International, whose annual report for 1989 said 2,500 prisoners were executed, called for "
     "an inquiry.", "Amnesty International"),
    ("A memoir by Hossein Ali Montazeri, published by Baran Press, put the toll at 3,800.", "Hossein Ali Montazeri"),
    ("According to the memoirs of Hossein Ali Montazeri, published by Baran Press, 3,800 prisoners were "
     "executed.", "Hossein Ali Montazeri"),
])
def test_the_source_not_a_fragment_nor_the_publisher(sentence: str, claimant: str) -> None:
    c = one(sentence)
    assert c.claimant is not None and c.claimant.name == claimant


@pytest.mark.parametrize("sentence", [
    "Thirty people were killed in Syria on Sunday as Turkey warned of retaliation.",
    "At least 30 civilians died in the strikes, while Turkey insisted its forces were not involved.",
])
def test_a_place_in_the_sentence_is_not_the_claimant(sentence: str) -> None:
    c = one(sentence)
    assert c.claimant is not None and c.claimant.basis == "publisher"


@pytest.mark.parametrize("sentence,place", [
    ("The minister told reporters in Paris that 30 people died in Aleppo, Syria.", "Aleppo"),
    ("Turkey said 30 soldiers were killed in Syria.", "Syria"),
    ("In Syria, where Turkey says 30 of its soldiers died, the fighting continued.", "Syria"),
    ("State media reported 7 deaths in Zahedan, Iran.", "Zahedan"),
])
def test_the_place_is_where_the_event_happened(sentence: str, place: str) -> None:
    assert one(sentence).place == place


# --- how each claim was found, and how sure it is

def test_every_claim_carries_its_method_and_a_confidence() -> None:
    found = claims("Half of the 300 workers were laid off, and one manager quit over the plan. "
                   "Amnesty said 2,800 prisoners were executed.")
    # Reported speech is a quote (kind indirect) once the quote stage finds it: either basis names Amnesty.
    assert [c.method for c in found][:3] == ["fraction/publisher", "digits/publisher", "one/publisher"]
    assert found[3].method in ("digits/quote:cue", "digits/attribution")
    assert all(c.confidence is not None and 0 <= c.confidence <= 1 for c in found)
    by = {c.number_text: c for c in found}
    # A named source is checked less often right than the document speaking for itself, and
    # "one" less often a count than digits.
    assert by["2,800"].confidence < by["300"].confidence  # type: ignore[operator]
    assert by["one"].confidence < by["300"].confidence  # type: ignore[operator]


def test_the_method_names_how_the_number_and_the_claimant_were_found() -> None:
    c = one("Turnout was 62 percent, according to the electoral commission.")
    assert c.method in ("digits/quote:cue", "digits/attribution")
    c = one("The court issued its ruling after a third of the judges dissented.")
    assert c.method is not None and c.method.startswith("fraction/")
