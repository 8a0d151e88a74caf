"""Numeric claims: one test per pattern, on sentences written for the purpose."""

from __future__ import annotations

from pathlib import Path

import pytest

import claimgraph
from claimgraph.extract import extract_one
from claimgraph.extract.dates import document_year, find_dates, published_date
from claimgraph.extract.numbers import scan, words_value
from claimgraph.model import Claim, Location, Source
from claimgraph.options import Options
from claimgraph_text import extract_text


def claims(text: str, **kw: str | None) -> list[Claim]:
    return extract_text(text, **kw).claims  # type: ignore[arg-type]


def one(text: str, **kw: str | None) -> Claim:
    found = claims(text, **kw)
    assert len(found) == 1, [(c.number_text, c.value) for c in found]
    return found[0]


def bounds(c: Claim) -> tuple[float | None, float | None, float | None]:
    return c.value, c.low, c.high


# --- numbers as written

@pytest.mark.parametrize("words,value", [
    ("three", 3), ("twenty-five", 25), ("two hundred and fifty thousand", 250000), ("a dozen", 12),
    ("a hundred", 100), ("half a million", 500000), ("one thousand five hundred", 1500),
])
def test_words_value(words: str, value: float) -> None:
    assert words_value(words) == value


@pytest.mark.parametrize("text,value", [
    ("30 thousand", 30000), ("1.2 million", 1200000), ("5,000", 5000), ("$5bn", 5e9), ("2.5 billion", 2.5e9),
])
def test_digits_with_scales(text: str, value: float) -> None:
    (atom,) = scan(text)
    assert atom.value == value


# --- qualifiers and bounds (conventions in claimgraph.extract.numbers)

@pytest.mark.parametrize("sentence,qualifier,expected,bound", [
    ("Over 30,000 prisoners were executed.", "over", (30000, 30000, None), "lower"),
    ("More than 1,500 people were arrested.", "more than", (1500, 1500, None), "lower"),
    ("At least 176 people died.", "at least", (176, 176, None), "lower"),
    ("Up to 40,000 refugees crossed.", "up to", (40000, None, 40000), "upper"),
    ("Fewer than 100 people attended.", "fewer than", (100, None, 100), "upper"),
    ("About 5,000 prisoners were hanged.", "about", (5000, 4500, 5500), "approx"),
    ("Some 5,000 prisoners were hanged.", "some", (5000, 4500, 5500), "approx"),
    ("An estimated 30,000 people were killed.", "an estimated", (30000, 27000, 33000), "approx"),
    ("Approximately 120,000 members were killed.", "approximately", (120000, 108000, 132000), "approx"),
    ("Nearly 2,000 workers were fired.", "nearly", (2000, 1800, 2000), "approx"),
    ("Exactly 312 votes were cast.", "exactly", (312, 312, 312), "exact"),
    ("3,000 or more prisoners were held.", "or more", (3000, 3000, None), "lower"),
    ("Three judges were appointed.", None, (3, 3, 3), "exact"),
])
def test_qualifiers(sentence: str, qualifier: str | None, expected: tuple, bound: str) -> None:
    c = one(sentence)
    assert c.qualifier == qualifier
    assert bounds(c) == pytest.approx(expected) if None not in expected else bounds(c) == expected
    assert c.bound == bound


@pytest.mark.parametrize("sentence,low,high,qualifier", [
    ("Between 2,800 and 3,800 prisoners were executed.", 2800, 3800, "between"),
    ("Sources put the number at 2,800 to 5,000 prisoners.", 2800, 5000, None),
    ("Some 2,800–5,000 prisoners were executed.", 2800, 5000, "some"),  # as stated: the qualifier is kept
    ("From 2,800 to 5,000 prisoners were executed.", 2800, 5000, "from"),
    ("Two or three guards stood at the gate.", 2, 3, None),
    ("Two to three thousand people were detained.", 2000, 3000, None),
    ("Between 5 and 10 million people live there.", 5e6, 10e6, "between"),
])
def test_ranges(sentence: str, low: float, high: float, qualifier: str | None) -> None:
    c = one(sentence)
    assert c.value is None and c.bound == "range"
    assert (c.low, c.high) == pytest.approx((low, high))
    assert c.qualifier == qualifier


@pytest.mark.parametrize("sentence,low,high", [
    ("Thousands of prisoners were executed.", 2000, None),
    ("Tens of thousands of people protested.", 20000, None),
    ("Hundreds of thousands of people fled.", 200000, None),
    ("Dozens of activists were arrested.", 24, None),
    ("Millions of viewers watched.", 2e6, None),
    ("Several thousand prisoners were moved.", 2000, None),  # no upper figure was stated
])
def test_vague_numbers(sentence: str, low: float, high: float | None) -> None:
    c = one(sentence)
    assert c.value is None and c.bound == "vague" and (c.low, c.high) == (low, high)


def test_a_change_is_not_a_range() -> None:
    found = claims("The death toll rose from 2,800 to 5,000.")
    assert [c.value for c in found] == [2800, 5000]


# --- what is counted and the event

def test_counted_and_event() -> None:
    c = one("Over 30,000 political prisoners were executed.")
    assert c.counted == "political prisoners" and c.event == "executed"
    c = one("The regime massacred over 30,000 political prisoners.")
    assert c.event == "massacred"
    c = one("Over 1,200 political prisoners were identified by name.")
    assert c.event == "identified by name"
    c = one("An estimated 30,000 people had been put to death.")
    assert c.event == "put to death"
    c = one("The massacre of thousands of MEK members was never investigated.")
    assert c.counted == "MEK members" and c.event == "massacre"


def test_counted_from_the_subject() -> None:
    assert one("The death toll rose to 5,000.").counted == "death toll"
    assert one("The ministry put the number of deaths at 3,200.").counted == "deaths"


# --- not claims

@pytest.mark.parametrize("sentence", [
    "The massacre took place in the summer of 1988.",
    "The bomb exploded on July 18, 1994.",
    "The meeting began at 10:30 and ended at 5 p.m.",
    "See page 12 of the report.",
    "Ali Razini heads Branch 41 of the Supreme Court.",
    "Article 5 of the law was amended.",
    "Call 555-0142 or (202) 555-0199.",
    "He lives at 221 Baker Street.",
    "This is the 29th anniversary of the massacre.",
    "One of the judges resigned.",
    "They arrived one after another.",
    "The decline began in the 1990s.",
])
def test_not_claims(sentence: str) -> None:
    assert claims(sentence) == []


# --- kinds

def test_money_and_percent() -> None:
    c = one("The fund received $5 million in donations.")
    assert (c.kind, c.value, c.unit) == ("amount", 5e6, "USD")
    c = one("The bail was set at 2 billion rials.")
    assert (c.kind, c.value, c.unit) == ("amount", 2e9, "IRR")
    c = one("Only 45% of voters approved the measure.")
    assert (c.kind, c.value, c.counted) == ("percent", 45, "voters")
    assert one("Turnout was 62 percent.").kind == "percent"


@pytest.mark.parametrize("sentence,age,person", [
    ("John Smith, 45, was arrested.", 45, "John Smith"),
    ("The 19-year-old student Navid Afkari was arrested.", 19, "Navid Afkari"),
    ("Hamid Nouri, aged 60, stood trial.", 60, "Hamid Nouri"),
    ("Peter Brown died at the age of 82.", 82, "Peter Brown"),
    ("Fatemeh Karimi (34) was detained.", 34, "Fatemeh Karimi"),
])
def test_ages_are_about_a_person(sentence: str, age: int, person: str) -> None:
    x = extract_text(sentence)
    (c,) = x.claims
    assert (c.kind, c.value) == ("age", age)
    about = next(e for e in x.entities if e.id == c.about)
    assert about.name == person


# --- who claims it

def test_claimant_from_quote_attribution_author_publisher() -> None:
    c = one("Amnesty International said that 2,800 prisoners were executed.")
    # Reported speech is a quote (kind indirect) once the quote stage finds it: either basis names Amnesty.
    assert c.claimant and c.claimant.name == "Amnesty International" and c.claimant.basis in ("quote", "attribution")
    c = one("Some 5,000 prisoners were hanged, according to the United Nations.")
    assert c.claimant and c.claimant.name == "United Nations"
    c = one("Over 500 people were arrested.", author="Jane Doe")
    assert c.claimant and (c.claimant.name, c.claimant.basis) == ("Jane Doe", "author")
    c = one("Over 500 people were arrested.", publisher="Daily Planet")
    assert c.claimant and (c.claimant.name, c.claimant.basis) == ("Daily Planet", "publisher")
    c = one("Over 500 people were arrested.", publisher=None)
    assert c.claimant and c.claimant.basis == "unknown"


def test_claimant_inside_a_quote() -> None:
    x = extract_text("“Over 2,000 families have lost someone,” said Maryam Hosseini.")
    (c,) = x.claims
    assert c.claimant and c.claimant.name == "Maryam Hosseini" and c.claimant.basis == "quote"
    assert c.claimant.quote is not None


def test_pronoun_speaker_resolves_to_the_previous_person() -> None:
    c = one("Ali Razini spoke to state television. He said 300 people were executed.")
    assert c.claimant and c.claimant.name == "Ali Razini"


# --- when and where

def test_time_place() -> None:
    c = one("Amnesty said 2,800 prisoners were executed in Iran in the summer of 1988.")
    assert (c.time, c.place, c.time_inferred) == ("1988", "Iran", False)
    c = one("On July 18, 1994, a bomb killed 85 people in Buenos Aires.")
    assert (c.time, c.place) == ("1994-07-18", "Buenos Aires")
    c = one("The regime executed dozens of activists in the 1980s.")
    assert c.time == "1980/1989"


@pytest.mark.parametrize("text,time", [
    # a time in a clause or phrase describing someone else does not date the number, either way round
    ("Governor Lena Strand, who says that only 40 people drowned, ran the flood agency until 2015.", None),
    ("Governor Lena Strand, who ran the flood agency until 2015, says that 40 people drowned.", None),
    ("The mayor, a councillor since 2009, said 40 people drowned.", None),
    # ...but one in a clause on the counted noun, or on the phrase it describes, does
    ("The 3,000 fans who came to the stadium in 2018 saw the final.", "2018"),
    ("The 2004 flooding of the valley, which destroyed 300 homes, was never forgotten.", "2004"),
    # a time that opens the sentence dates all of it; a figure set beside its noun is no clause
    ("In 2010, the council hired a firm that built 12 bridges.", "2010"),
    ("Households carry heavy debt — $9,000 per family as of 2019.", "2019"),
    ("Officials said on Monday that 40 people drowned.", "2020-03-02"),
])
def test_a_claims_time_is_read_in_its_own_clause(text: str, time: str | None) -> None:
    assert one(text, published="2020-03-04").time == time


def test_a_place_someone_is_based_in_and_a_place_heading_a_line_are_not_the_claims_place_or_source() -> None:
    c = one("A Britain-based monitor said shelling killed at least 40 people in Aleppo.")
    assert c.place == "Aleppo"
    assert one("A London-based monitor counted at least 40 dead.").place is None
    c = one("Kyrgyzstan: at least 40 killed in shelling, says Turkey-based monitor.")
    assert c.place != "Turkey" and c.claimant.name != "Kyrgyzstan"  # the line's topic speaks nothing


def test_relative_dates_use_the_published_date() -> None:
    pub = "2019-11-20"  # a Wednesday
    assert one("Police arrested 1,500 people last week.", published=pub).time == "2019-W46"
    assert one("Police arrested 1,500 people earlier this month.", published=pub).time == "2019-11"
    assert one("Police arrested 1,500 people on Friday.", published=pub).time == "2019-11-15"
    assert one("Police arrested 1,500 people last year.", published=pub).time == "2018"
    # "three days ago" is itself a claim (a measure); the count takes the date it gives.
    (count,) = [c for c in claims("Police arrested 1,500 people three days ago.", published=pub) if c.kind == "count"]
    assert count.time == "2019-11-17"


def test_year_inferred_from_an_anniversary() -> None:
    text = ("The massacre of 1988 is remembered. Marking the 29th anniversary, 300 people gathered last week. ")
    assert document_year(text) == 2017
    c = one(text)
    assert (c.time, c.time_inferred) == ("2017", True)


def test_dates_helpers() -> None:
    pub = published_date("2017-08-01")
    got = [w.iso for w in find_dates("In July 1988 and on 1 August 2017 and in 1981-85", 0, pub, None, [])]
    assert got == ["1988-07", "2017-08-01", "1981/1985"]


# --- repeated paragraphs

def test_repeated_paragraph_is_not_counted_twice() -> None:
    para = "Ali Razini said that 30,000 prisoners were executed in 1988."
    x = extract_text(f"{para}\n\n{para}\n\nThe debate continues.")
    assert len(x.claims) == 1


def test_ratios_are_percentages() -> None:
    c = one("Nearly eight of 10 voters say they will watch.")
    assert (c.kind, c.number_text, c.counted) == ("percent", "Nearly eight of 10", "voters")
    assert (c.value, c.low, c.high) == pytest.approx((80, 72, 80))
    c = one("One in 4 residents lives in poverty.")
    assert (c.kind, c.value) == ("percent", 25)


def test_scores_are_two_figures_and_heights_a_measure() -> None:
    assert [(c.value, c.bound) for c in claims("A 4-4 ruling would leave the rules in place.")] == [
        (4, "exact"), (4, "exact")]
    c = one("He is 6'3\" tall.")
    assert (c.kind, c.value, c.unit) == ("measure", 6.25, "foot")


def test_age_range_and_age_after_a_misread_name() -> None:
    c = one("For Americans between the ages of 17 and 20, jobs are scarce.")
    assert (c.kind, c.low, c.high) == ("age", 17, 20)
    c = one("Keith Lamont Scott, 43, was killed by police.")
    assert c.kind == "age"


def test_numbers_a_person_has_are_about_that_person() -> None:
    x = extract_text("Donald Trump weighs 236 pounds. Joseph Smith, who has four children, spoke.")
    names = {e.id: e.name for e in x.entities}
    assert [(c.value, names.get(c.about or "")) for c in x.claims] == [(236, "Donald Trump"), (4, "Joseph Smith")]
    assert extract_text("Police arrested 30 people.").claims[0].about is None


def test_percent_range_with_the_unit_repeated() -> None:
    c = one("Tariffs ranged from 5 percent to 25 percent on those products.")
    assert (c.kind, c.low, c.high, c.bound) == ("percent", 5, 25, "range")


def test_a_claim_sentence_does_not_start_with_the_quote_mark_closing_the_paragraph_before() -> None:
    x = extract_text("“Nothing was done in time,” the mayor said. \"\n\nThe report, signed by 12 engineers, was read.")
    (c,) = [c for c in x.claims if c.value == 12]
    assert c.text.startswith("The report")
    assert x.text[c.span[0]:c.span[1]] == c.text


def test_the_demos_only_212_takes_no_time_from_the_clause_about_the_budget() -> None:
    """Issue 9's audit: the claims listing dated the minister's "only 212" by the year his budget
    ran until (2021); resolve already read no year for it."""
    path = Path(claimgraph.__file__).parent / "examples" / "free-voice-opposition.txt"
    src = Source(data=path.read_bytes(), location=Location(str(path), "file", "2023-05-25T00:00:00Z"), name=path.name)
    (c,) = [c for c in extract_one(src, Options()).claims if c.number_text == "only 212"]
    assert c.time is None
