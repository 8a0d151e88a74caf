"""Cues found beyond the plain speech verb: commitments, mis-lemmatised verbs, adjectives of
attitude or position, and attributions inside other attributions. Every sentence is made up here."""

from __future__ import annotations

import pytest

from test_quotes import quotes

SPEECH = frozenset({"direct", "indirect", "partial", "mixed"})


def only(text: str, containing: str) -> list[tuple[str, str, str | None]]:
    """(kind, text, speaker name) of each quote holding the words."""
    return [(q.kind, q.text, q.speaker.name if q.speaker else None) for q in quotes(text) if containing in q.text]


@pytest.mark.parametrize("sentence", [
    "The governor vowed to repeal the toll on the northern bridge.",
    "The governor has promised to repeal the toll on the northern bridge.",
    "The governor agreed to repeal the toll on the northern bridge.",
])
def test_commitment_with_an_infinitive_is_an_intention(sentence: str) -> None:
    found = only(sentence, "repeal the toll")
    assert found and found[0][:2] == ("belief", "to repeal the toll on the northern bridge")


def test_commitment_with_a_clause_stays_speech() -> None:
    found = only("The governor vowed that the toll on the northern bridge would go.", "toll")
    assert found and found[0][0] == "indirect"


@pytest.mark.parametrize("form", ["hoped", "hopes", "is hoping"])
def test_hope_in_every_form(form: str) -> None:
    found = only(f"Mayor Ada Quist {form} to open the new library before the winter.", "open the new library")
    assert found and found[0][0] == "belief" and found[0][2] == "Ada Quist"


@pytest.mark.parametrize(("sentence", "words", "kind"), [
    ("The union is confident that the strike will end by Friday.", "the strike will end by Friday", "belief"),
    ("Farmers remain skeptical of the new water rules.", "the new water rules", "belief"),
    ("The mayor is not willing to raise the parking fees.", "to raise the parking fees", "belief"),
    ("Two councillors were critical of the budget for the harbour.", "the budget for the harbour", "stance"),
    ("The residents' association is opposed to the new tower.", "the new tower", "stance"),
])
def test_adjective_of_attitude_or_position(sentence: str, words: str, kind: str) -> None:
    found = [q for q in quotes(sentence) if q.text == words]
    assert found, [q.text for q in quotes(sentence)]
    assert found[0].kind == kind and found[0].method == "predicate"


@pytest.mark.parametrize("sentence", [
    "It is clear that the bridge will not open this year.",
    "The road is ready to carry heavy trucks again.",
    "The evidence is critical to the case against the firm.",
])
def test_adjective_without_someone_holding_a_view(sentence: str) -> None:
    assert not [q for q in quotes(sentence) if q.method == "predicate"]


def test_view_inside_reported_words_is_part_of_them() -> None:
    found = quotes("The minister said that farmers are worried about the drought and want more help.")
    assert [q.kind for q in found] == ["indirect"]
    assert found[0].speaker is not None and found[0].speaker.name.endswith("minister")


def test_speech_inside_reported_speech_is_part_of_it() -> None:
    found = quotes("The mayor said the engineers told her that the bridge was safe to reopen next week.")
    assert len([q for q in found if q.kind in SPEECH]) == 1


@pytest.mark.parametrize(("sentence", "words", "kind"), [
    ("The latest survey shows a narrow lead for the harbour party.", "a narrow lead for the harbour party", "stance"),
    ("Councillor Ruth Amsel voted against the new parking rules.", "the new parking rules", "stance"),
    ("Councillor Ruth Amsel voted in favour of the new parking rules.", "the new parking rules", "stance"),
    ("The fishermen's union is calling for the province to close the bay.", "the province to close the bay", None),
    ("The developer claims to own the land under the old mill.", "to own the land under the old mill", "indirect"),
    ("The mayor tweeted a photo of the flooded underpass.", "a photo of the flooded underpass", "stance"),
])
def test_more_frames_of_known_cues(sentence: str, words: str, kind: str | None) -> None:
    found = [q for q in quotes(sentence) if words in q.text]
    assert found, [q.text for q in quotes(sentence)]
    assert kind is None or found[0].kind == kind


def test_voting_somewhere_is_no_attribution() -> None:
    assert not quotes("Councillor Ruth Amsel voted in the east ward on Tuesday morning.")


@pytest.mark.parametrize(("sentence", "words", "kind"), [
    ("The reporter asked the minister if the ferry would run in winter.", "the ferry would run in winter", "indirect"),
    ("The harbour master proposed closing the north pier for a month.", "closing the north pier for a month",
     "indirect"),
    ("Councillor Ruth Amsel said widening the road could bring more traffic to the school.",
     "could bring more traffic to the school", "indirect"),
    ("The union made the case that the new shifts were unsafe.", "the new shifts were unsafe", "indirect"),
    ("The mayor made it clear that she would not resign over the audit.", "she would not resign over the audit",
     "indirect"),
    ("The mayor made clear on Monday that she would not resign.", "she would not resign", "indirect"),
    ("The chief noted the drop in break-ins since the spring.", "the drop in break-ins since the spring", "stance"),
    ("The governor made no mention of the hospital closures.", "the hospital closures", "stance"),
    ("The candidate talked up her plan for the ferry service.", "her plan for the ferry service", "stance"),
])
def test_questions_gerunds_and_light_verbs(sentence: str, words: str, kind: str) -> None:
    found = [q for q in quotes(sentence) if words in q.text]
    assert found and found[0].kind == kind, [(q.kind, q.text) for q in quotes(sentence)]


@pytest.mark.parametrize("sentence", [
    "In this case the ferry will not run in winter.",
    "The point of the new pier is to shelter the boats.",
    "The heavy rain made the roads clear of snow.",
])
def test_light_nouns_alone_attribute_nothing(sentence: str) -> None:
    assert not quotes(sentence)


@pytest.mark.parametrize(("sentence", "words", "speaker"), [
    ("That is why the mayor had to borrow money for the ferry last month, council records show.",
     "the mayor had to borrow money", "council records"),
    ("The storm hit the coast on Monday, the weather service said.", "The storm hit the coast on Monday",
     "the weather service"),
    ("A survey by the university found broad support for the new ferry among islanders.",
     "broad support for the new ferry", "A survey by the university"),
])
def test_reported_words_around_a_cue(sentence: str, words: str, speaker: str) -> None:
    found = [q for q in quotes(sentence) if words in q.text]
    assert found and found[0].speaker is not None and found[0].speaker.name == speaker, [
        (q.text, q.speaker) for q in quotes(sentence)]


@pytest.mark.parametrize("sentence", [
    "Police found a stolen car near the harbour.",
    "The race moves to Nevada, which holds caucuses on Friday, and then to the coast.",
])
def test_no_reported_words_around_these(sentence: str) -> None:
    assert not quotes(sentence)


@pytest.mark.parametrize(("sentence", "words", "kind"), [
    ("Her plan to widen the harbour road is a good idea.", "to widen the harbour road", "belief"),
    ("The council's decision to close the pier angered fishermen.", "to close the pier", "belief"),
    ("His recent call to ban cars from the bridge drew criticism.", "to ban cars from the bridge", "indirect"),
    ("Officials pushed back against claims by the union that the pier was unsafe.", "the pier was unsafe",
     "indirect"),
])
def test_cue_nouns_with_an_infinitive_or_an_agent(sentence: str, words: str, kind: str) -> None:
    found = [q for q in quotes(sentence) if words in q.text]
    assert found and found[0].kind == kind, [(q.kind, q.text) for q in quotes(sentence)]


def test_a_decision_without_an_infinitive_attributes_nothing() -> None:
    assert not quotes("The decision came late on Friday night.")


def test_a_cue_ending_its_paragraph_with_a_colon_speaks_the_next_quotation() -> None:
    text = ("The council made the same claims in March, and the harbour union responded:\n\n"
            "“If the pier closes, the boats will leave the island for good.”\n\nThe pier stayed open.")
    found = [q for q in quotes(text) if "boats will leave" in q.text]
    assert found and found[0].speaker is not None and found[0].speaker.name == "the harbour union"
