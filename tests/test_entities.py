"""Entities: document-level types, titles as roles, aliases and merges with reasons, user lists."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimgraph.errors import ConfigError
from claimgraph.extract.known import load_file
from claimgraph.extract.names import clean, same_word, spelling_key, strip_title, variant_reason
from claimgraph.model import Entity
from claimgraph_text import extract_text


def by_name(ents: list[Entity], name: str) -> Entity:
    found = [e for e in ents if e.name == name or name in e.aliases]
    assert found, f"{name!r} not among {[e.name for e in ents]}"
    assert len(found) == 1, f"{name!r} is in several entities: {[e.name for e in found]}"
    return found[0]


# --- names, without a parse

@pytest.mark.parametrize("raw,name,roles", [
    ("Mullah Abbasian", "Abbasian", ["Mullah"]),
    ("Supreme Leader Ali Khamenei", "Ali Khamenei", ["Supreme Leader"]),
    ("Mr. Mousavi", "Mousavi", ["Mr"]),
    ("President Hassan Rouhani", "Hassan Rouhani", ["President"]),
    ("Ayatollah", "Ayatollah", []),  # a title alone is left alone
])
def test_strip_title(raw: str, name: str, roles: list[str]) -> None:
    assert strip_title(raw) == (name, roles)


@pytest.mark.parametrize("raw,name", [
    ("the People’s Mojahedin Organization", "People’s Mojahedin Organization"),
    ("MEK’s", "MEK"), ("Khomeini's", "Khomeini"), ("the Guards'", "Guards"),
])
def test_clean_drops_the_and_possessive(raw: str, name: str) -> None:
    assert clean(raw) == name


def test_spelling_variants_and_guards() -> None:
    assert same_word("Raisie", "Raisi")
    assert same_word("Khomenei", "Khomeini")
    assert spelling_key("Khomeini") != spelling_key("Khamenei")
    assert not same_word("Khomeini", "Khamenei")
    assert not same_word("Khomenei", "Khamenei")  # one letter apart, still two men
    assert not same_word("Clinton", "Clintons")
    assert variant_reason("Ebrahim Raisie", "Ebrahim Raisi") == "spelling variant"
    assert variant_reason("Ali Khamenei", "Ruhollah Khomeini") is None
    assert variant_reason("Ahmad Khatami", "Mohammad Khatami") is None  # different first names


# --- entities in documents

def test_acronyms_defined_in_text_make_one_entity() -> None:
    x = extract_text(
        "Most victims were members of the People’s Mojahedin Organization of Iran (PMOI/MEK). "
        "The MEK says the regime fears it. The PMOI’s leaders live in exile. "
        "The National Council of Resistance of Iran (NCRI) held a press conference.")
    mek = by_name(x.entities, "MEK")
    assert mek.name == "People’s Mojahedin Organization of Iran"
    assert {"PMOI", "MEK"} <= set(mek.aliases)
    assert mek.type == "ORG"
    assert {m["alias"]: m["reason"] for m in mek.merges}["PMOI"] == "acronym defined in text"
    assert len(mek.mentions) >= 4
    ncri = by_name(x.entities, "NCRI")
    assert ncri.name == "National Council of Resistance of Iran" and ncri is not mek


def test_khomeini_and_khamenei_stay_apart() -> None:
    x = extract_text(
        "In 1988 Ruhollah Khomeini issued the decree. Years later Supreme Leader Ali Khamenei praised it. "
        "Khomeini died in 1989, and Khamenei succeeded him. Some writers spell the name Khomenei.")
    khomeini = by_name(x.entities, "Khomeini")
    khamenei = by_name(x.entities, "Khamenei")
    assert khomeini is not khamenei
    assert khomeini.name == "Ruhollah Khomeini"
    assert khamenei.name == "Ali Khamenei"
    assert "Supreme Leader" in khamenei.roles


def test_surname_and_spelling_variant_merge_with_reasons() -> None:
    x = extract_text(
        "Conservative cleric Ebrahim Raisie was a candidate. Critics called Ebrahim Raisi a murderer. "
        "Voters said Raisi was the worst choice.")
    raisi = by_name(x.entities, "Raisi")
    assert raisi.type == "PERSON"
    assert raisi.name == "Ebrahim Raisi"  # the spelling used most often
    reasons = {m["alias"]: m["reason"] for m in raisi.merges}
    assert reasons["Ebrahim Raisie"] == "spelling variant"
    assert reasons["Raisi"].startswith("surname")


def test_two_people_sharing_a_surname_do_not_absorb_it() -> None:
    x = extract_text("Ahmad Khatami gave the sermon. Mohammad Khatami was president. Khatami spoke later.")
    ahmad, mohammad = by_name(x.entities, "Ahmad Khatami"), by_name(x.entities, "Mohammad Khatami")
    assert ahmad is not mohammad
    assert "Khatami" not in ahmad.aliases and "Khatami" not in mohammad.aliases


def test_person_once_person_everywhere_and_roles_from_appositions() -> None:
    x = extract_text(
        "Ali Fallahian, the former Iranian intelligence minister, gave an interview. "
        "In the interview, Fallahian explained the ruling. Fallahian said the order was clear.")
    f = by_name(x.entities, "Fallahian")
    assert f.name == "Ali Fallahian" and f.type == "PERSON"
    assert "the former Iranian intelligence minister" in f.roles
    assert len(f.mentions) == 3


def test_apposition_role_head_of_a_court() -> None:
    x = extract_text("Ali Razini, the head of Branch 41 of the Supreme Court, defended the executions.")
    assert "the head of Branch 41 of the Supreme Court" in by_name(x.entities, "Ali Razini").roles


def test_title_kept_as_role() -> None:
    x = extract_text("Mullah Abbasian, another Friday prayers imam, made similar remarks.")
    e = by_name(x.entities, "Abbasian")
    assert e.type == "PERSON" and "Mullah" in e.roles


def test_prison_is_a_facility() -> None:
    x = extract_text("Political prisoners in Rajai Shahr prison wrote a letter to the United Nations.")
    assert by_name(x.entities, "Rajai Shahr prison").type == "FAC"


def test_repeated_paragraph_is_skipped() -> None:
    para = "Earlier this month Ali Razini, the head of the court, said the executions were lawful."
    x = extract_text(f"{para}\n\n{para}\n\nThe debate continues in Tehran.")
    razini = by_name(x.entities, "Ali Razini")
    assert len(razini.mentions) == 1


def test_mentions_are_indexed_for_lookup() -> None:
    x = extract_text("Hassan Rouhani won the election. Rouhani promised reform.")
    e = by_name(x.entities, "Rouhani")
    assert all(x.text[a:b] in (e.name, *e.aliases) for a, b in e.mentions)


# --- user lists

def test_user_lists_name_and_merge(tmp_path: Path) -> None:
    csv_file = tmp_path / "known.csv"
    csv_file.write_text("name,type,aliases,id\nMojahedin-e Khalq,ORG,MEK;PMOI;Mujahedin-e Khalq,mek-1\n")
    yaml_file = tmp_path / "known.yaml"
    yaml_file.write_text("- name: Death Commission\n  type: ORG\n  aliases: [Death Committee]\n")
    ftm_file = tmp_path / "people.json"
    ftm_file.write_text(json.dumps({"id": "q-raisi", "schema": "Person",
                                    "properties": {"name": ["Ebrahim Raisi"], "alias": ["Raisi", "Raeisi"]}}))
    x = extract_text("The MEK and the Mujahedin-e Khalq are one group. Raeisi sat on the Death Committee. "
                     "Critics say the Death Commission killed thousands.",
                     entity_files=(str(csv_file), str(yaml_file), str(ftm_file)))
    mek = by_name(x.entities, "MEK")
    assert mek.name == "Mojahedin-e Khalq" and mek.ids == ["mek-1"] and mek.type == "ORG"
    assert "Mujahedin-e Khalq" in mek.aliases
    raisi = by_name(x.entities, "Raeisi")
    assert raisi.name == "Ebrahim Raisi" and raisi.type == "PERSON" and raisi.ids == ["ftm:q-raisi"]
    dc = by_name(x.entities, "Death Committee")
    assert dc.name == "Death Commission"
    assert any(m["reason"].startswith("user list") for m in dc.merges)


@pytest.mark.parametrize("name,content,message", [
    ("a.csv", "title,type\nX,ORG\n", "header row with a 'name' column"),
    ("b.csv", "name,type\nX,ALIEN\n", "unknown entity type"),
    ("c.csv", "name,type\n,ORG\n", "row 2: missing 'name'"),
    ("d.yaml", "name: [unclosed\n", "not valid YAML"),
    ("e.yaml", "just a string\n", "expected a list"),
    ("f.json", "{not json", "not JSON"),
    ("g.json", '{"properties": {}}', "needs 'schema'"),
    ("h.json", '{"schema": "NoSuchSchema", "properties": {"name": ["X"]}}', "not a valid FollowTheMoney entity"),
    ("i.txt", "X\n", "unknown entity file type"),
])
def test_bad_entity_files_say_what_is_wrong(tmp_path: Path, name: str, content: str, message: str) -> None:
    path = tmp_path / name
    path.write_text(content)
    with pytest.raises(ConfigError, match=message):
        load_file(str(path))


def test_missing_entity_file() -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        extract_text("Nothing here.", entity_files=("/nonexistent/known.csv",))


def test_plural_and_short_forms_of_organisations() -> None:
    x = extract_text(
        "The Revolutionary Guards control much of the economy. Critics say the Revolutionary Guard "
        "answers only to the Supreme Leader. The Islamic Republic of Iran denies it; the Islamic Republic "
        "has long done so.")
    guards = by_name(x.entities, "Revolutionary Guard")
    assert {m["alias"]: m["reason"] for m in guards.merges}.get("Revolutionary Guard", "plural form") == "plural form"
    assert by_name(x.entities, "Islamic Republic").name == "Islamic Republic of Iran"


def test_the_clintons_are_not_hillary() -> None:
    x = extract_text("Hillary Clinton spoke on Monday. The Clintons later left for New York.")
    hillary = by_name(x.entities, "Hillary Clinton")
    assert "Clintons" not in hillary.aliases


def test_institution_names_keep_their_title_words() -> None:
    x = extract_text("President Obama spoke to the General Assembly in New York.")
    assert by_name(x.entities, "General Assembly").type == "ORG"
    assert "President" in by_name(x.entities, "Obama").roles


# --- places, with the gazetteer's help

def test_towns_after_at_are_places_not_people_or_bodies() -> None:
    x = extract_text(
        "Inspectors visited two sites last year: an enrichment plant at Natanz and a heavy water "
        "reactor at Arak. Both are run by the atomic agency.")
    assert by_name(x.entities, "Natanz").type == "GPE"
    assert by_name(x.entities, "Arak").type == "GPE"


def test_town_followed_by_its_country_is_a_place() -> None:
    x = extract_text("Protesters gathered in the streets of Natanz, Iran, on Friday, witnesses said.")
    assert by_name(x.entities, "Natanz").type == "GPE"


def test_a_country_tagged_as_a_person_is_a_country() -> None:
    x = extract_text("Talks on the hostage crisis stalled. Mali rejected the proposal on Tuesday.")
    assert by_name(x.entities, "Mali").type == "GPE"


def test_people_named_like_small_towns_stay_people() -> None:
    x = extract_text(
        "Obama said the agreement was fair. Reporters asked whether Obama would sign it. "
        "Senator Elizabeth Warren disagreed, and Warren took a swipe at Clinton.")
    assert by_name(x.entities, "Obama").type == "PERSON"
    assert by_name(x.entities, "Elizabeth Warren").type == "PERSON"


# --- titles used as names

def test_title_written_with_the_name_then_alone() -> None:
    x = extract_text(
        "Ruhollah Khomeini ruled Iran for a decade. Imam (Khomeini) said the prisoners must die, "
        "the official recalled. Imam repeatedly insisted that no one be spared.")
    k = by_name(x.entities, "Ruhollah Khomeini")
    assert "Imam" in k.roles
    imam = [x.text[a:b] for a, b in k.mentions if x.text[a:b] == "Imam"]
    assert len(imam) == 2
    assert {m["reason"] for m in k.merges if m["alias"] == "Imam"}
    assert "Imam" not in k.aliases  # a title is never an alias: resolve joins entities on aliases


def test_the_president_is_the_one_president_named() -> None:
    x = extract_text(
        "President Barack Obama met the families on Monday. Later the President said the law "
        "would change, and aides confirmed the President’s plan.")
    obama = by_name(x.entities, "Barack Obama")
    surfaces = [x.text[a:b] for a, b in obama.mentions]
    assert surfaces.count("President") == 2
    reasons = {m["alias"]: m["reason"] for m in obama.merges}
    assert reasons["President"].startswith("title used as a name")
    speakers = [q.speaker.name for q in x.quotes if q.speaker]
    assert "Barack Obama" in speakers


def test_two_holders_of_a_title_leave_it_unresolved() -> None:
    x = extract_text(
        "Ayatollah Ruhollah Khomeini issued the decree. Decades later Ayatollah Ali Khamenei defended it. "
        "The Ayatollah said the matter was closed.")
    for name in ("Ruhollah Khomeini", "Ali Khamenei"):
        e = by_name(x.entities, name)
        assert not any(x.text[a:b] == "Ayatollah" and a > x.text.index("The Ayatollah") for a, b in e.mentions)


def test_a_former_holder_is_not_the_president() -> None:
    x = extract_text("Former President Bill Clinton campaigned in Ohio. The President did not attend.")
    clinton = by_name(x.entities, "Bill Clinton")
    assert not any(m["reason"].startswith("title used") for m in clinton.merges)


# --- outlets and surnames

def test_outlet_cut_short_is_the_outlet() -> None:
    x = extract_text(
        "Breitbart News published the memo on Sunday. Breitbart said its sources were reliable, "
        "and the memo was shared widely.")
    b = by_name(x.entities, "Breitbart")
    assert b.type == "ORG" and b.name == "Breitbart News"


def test_an_outlet_the_parser_calls_an_event_is_an_organisation() -> None:
    x = extract_text("Karim Osmani, who was called as “the most dangerous judge in Kabul” by the News Week is "
                     "wanted by Interpol for the attack.")
    assert by_name(x.entities, "News Week").type == "ORG"  # the parser says EVENT
    assert by_name(x.entities, "Karim Osmani").type == "PERSON"


def test_a_region_written_short_is_not_the_initials_of_a_body() -> None:
    x = extract_text("The regime convened what came to be known as the Death Commission. In June, the council's "
                     "Washington, D.C. office held a press conference.")
    assert by_name(x.entities, "Death Commission").aliases == []  # "D.C" was joined to it as its initials


def test_a_bodys_head_word_alone_is_the_body() -> None:
    x = extract_text("The Revolutionary Guards control the ports. Officials said sanctioning the Guards could "
                     "improve regional security.")
    guards = by_name(x.entities, "Guards")  # the parser's NORP, apart
    assert guards.name == "Revolutionary Guards" and guards.type == "ORG"
    # two bodies end in the word: it stays apart
    y = extract_text("The Supreme Court and the Constitutional Court disagreed. The Court did not explain.")
    assert "Court" not in by_name(y.entities, "Supreme Court").aliases


def test_a_body_the_parser_calls_a_facility_is_an_organisation_and_a_site_stays_one() -> None:
    x = extract_text("Envoys will ask lawmakers to recognize the role of the Iranian Resistance in building a "
                     "democratic Iranian republic.")
    assert by_name(x.entities, "Iranian Resistance").type == "ORG"  # the parser says FAC
    x = extract_text("Envoys praised the role of the Kurdish Resistance in the region.")
    assert by_name(x.entities, "Kurdish Resistance").type == "ORG"  # the parser says EVENT
    y = extract_text("Protesters gathered in Times Square on Sunday.")
    assert by_name(y.entities, "Times Square").type != "ORG"


def test_a_city_the_parser_calls_a_nationality_is_a_place() -> None:
    x = extract_text("The monitor said shelling killed at least 40 people in Aleppo.")
    assert by_name(x.entities, "Aleppo").type == "GPE"  # the parser says NORP


def test_a_first_name_is_not_cut_from_an_outlet() -> None:
    x = extract_text("Bernie Sanders spoke in Vermont. Bernie Delegates Network organised the rally, "
                     "and Bernie thanked them.")
    assert by_name(x.entities, "Bernie Delegates Network").type == "ORG"
    assert "Bernie" not in by_name(x.entities, "Bernie Delegates Network").aliases


def test_a_surname_tagged_as_a_place_joins_its_person() -> None:
    x = extract_text(
        "Ohio Gov. John Kasich suspended his campaign on Wednesday. Kasich had won only his home state. "
        "Supporters of Kasich were disappointed.")
    k = by_name(x.entities, "John Kasich")
    assert k.type == "PERSON" and "Kasich" in k.aliases


def test_capital_place_beside_a_namesake_stays_a_place() -> None:
    x = extract_text(
        "WASHINGTON (AP) - The actress Kerry Washington thanked the president on Monday. "
        "Lawmakers in Washington were less impressed.")
    assert by_name(x.entities, "Kerry Washington").type == "PERSON"
    assert not any(x.text[a:b] == "WASHINGTON" for a, b in by_name(x.entities, "Kerry Washington").mentions)


def test_datelines_are_places() -> None:
    x = extract_text("Candidate tours the state.\n\nFARGO, N.D. — Ted Cruz won most delegates on Sunday.")
    assert by_name(x.entities, "FARGO").type == "GPE"


def test_who_after_a_place_belongs_to_the_person_before() -> None:
    x = extract_text("Jon Ralston, a veteran commentator in Nevada, who attended the event, said little.")
    assert by_name(x.entities, "Nevada").type == "GPE"


def test_a_surname_two_people_share_is_still_a_person() -> None:
    x = extract_text("Bill Clinton campaigned for Hillary Clinton in Iowa. Clinton supporters cheered, "
                     "and aides said Clinton would return.")
    bare = [e for e in x.entities if e.name == "Clinton"]
    assert all(e.type == "PERSON" for e in bare)


def test_transcript_labels_in_capitals_are_the_speakers() -> None:
    x = extract_text("Moderator Jorge Ramos questioned Hillary Clinton on Wednesday.\n\n"
                     "RAMOS: Did you lie to them?\n\nCLINTON: I feel a great deal of sympathy for the families.")
    assert "CLINTON" in by_name(x.entities, "Hillary Clinton").aliases


def test_also_known_as_and_initials_join_with_reasons() -> None:
    x = extract_text(
        "Amnesty International and the United Nations have called for an inquiry; the UN rapporteur said "
        "the MEK (also known as the PMOI) lost most of its members. Critics called Trump a liar.")
    un = by_name(x.entities, "UN")
    assert un.name == "United Nations" and {m["alias"]: m["reason"] for m in un.merges}["UN"].startswith("initials")
    mek = by_name(x.entities, "PMOI")
    assert "MEK" in (mek.name, *mek.aliases) and any(m["reason"] == "also known as" for m in mek.merges)


def test_a_full_name_tagged_org_is_a_person_when_its_surname_is_one() -> None:
    x = extract_text("The panel sat with Ebrahim Raisi in 1988. Raisie, as some spell it, never spoke of it.")
    raisi = by_name(x.entities, "Raisie")
    assert raisi.name == "Ebrahim Raisi" and raisi.type == "PERSON"
