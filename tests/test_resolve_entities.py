"""One entity under its aliases, acronyms and transliterations; look-alikes kept apart."""

from __future__ import annotations

from claimgraph.resolve.entities import resolve_entities


def _rows(*names: tuple[str, str]) -> list[dict]:
    return [{"id": i, "document_id": i, "local_id": "e1", "name": n, "type": t, "aliases": [], "roles": [],
             "n_mentions": 1} for i, (n, t) in enumerate(names, start=1)]


def _clusters(rows: list[dict], judgements: dict | None = None) -> list[set[str]]:
    res = resolve_entities(rows, judgements or {})
    return [{r["name"] for n in cl for r in n.rows} for cl in res.clusters]


def _together(clusters: list[set[str]], *names: str) -> bool:
    return any(set(names) <= c for c in clusters)


def test_transliterations_and_honorifics_join() -> None:
    cl = _clusters(_rows(("Hossein-Ali Montazeri", "PERSON"), ("Hussein Ali Montazeri", "PERSON"),
                         ("Montazeri", "PERSON"), ("Yusuf Karimov", "PERSON"), ("Yousef Karimov", "PERSON"),
                         ("Ayatollah Ruhollah Khomeini", "PERSON"), ("Ruhollah Khomeini", "PERSON")))
    assert _together(cl, "Hossein-Ali Montazeri", "Hussein Ali Montazeri", "Montazeri")
    assert _together(cl, "Yusuf Karimov", "Yousef Karimov")
    assert _together(cl, "Ayatollah Ruhollah Khomeini", "Ruhollah Khomeini")


def test_khomeini_and_khamenei_stay_apart() -> None:
    cl = _clusters(_rows(("Ruhollah Khomeini", "PERSON"), ("Ali Khamenei", "PERSON"), ("Khomeini", "PERSON"),
                         ("Ayatollah Khamenei", "PERSON")))
    assert not _together(cl, "Ruhollah Khomeini", "Ali Khamenei")
    assert _together(cl, "Ruhollah Khomeini", "Khomeini")
    assert _together(cl, "Ali Khamenei", "Ayatollah Khamenei")


def test_different_first_names_stay_apart() -> None:
    cl = _clusters(_rows(("Ali Karimov", "PERSON"), ("Hadi Karimov", "PERSON"), ("Karimov", "PERSON")))
    assert not _together(cl, "Ali Karimov", "Hadi Karimov")
    assert not any("Karimov" in c and len(c) > 1 for c in cl)  # a bare surname shared by two: ambiguous


def test_one_name_typed_two_ways_is_one_entity_of_the_type_most_documents_give() -> None:
    rows = _rows(("Ebrahim Raisi", "PERSON"), ("Ebrahim Raisi", "ORG"), ("Ebrahim Raisi", "PERSON"),
                 ("Raisi", "GPE"), ("Civic Watch", "ORG"), ("Civic Watch", "PERSON"), ("Civic Watch", "ORG"))
    res = resolve_entities(rows, {})
    cl = [{r["name"] for n in c for r in n.rows} for c in res.clusters]
    assert _together(cl, "Ebrahim Raisi", "Raisi") and _together(cl, "Civic Watch")
    types = {e.entity["name"]: e.entity["type"] for comp in res.components for e in comp.entities}
    assert types == {"Ebrahim Raisi": "PERSON", "Civic Watch": "ORG"}


def test_a_place_the_gazetteer_knows_keeps_its_types_apart() -> None:
    # Jordan the country and a Jordan the parser typed PERSON are not one entity by their name alone
    cl = _clusters(_rows(("Jordan", "GPE"), ("Jordan", "PERSON"), ("Tehran", "GPE"), ("Tehran", "ORG")))
    assert sum(1 for c in cl if "Jordan" in c) == 2 and sum(1 for c in cl if "Tehran" in c) == 2


def test_an_initial_does_not_chain_two_first_names() -> None:
    cl = _clusters(_rows(("Ali Karimov", "PERSON"), ("A. Karimov", "PERSON"), ("Ahmad Karimov", "PERSON")))
    assert not _together(cl, "Ali Karimov", "Ahmad Karimov")


def test_acronyms_join_their_names() -> None:
    cl = _clusters(_rows(("National Liberation Front", "ORG"), ("NLF", "ORG"), ("Mujahedin-e Khalq", "ORG"),
                         ("MEK", "ORG"), ("The National Liberation Front", "ORG"), ("Human Rights Watch", "ORG"),
                         ("HRW", "ORG")))
    assert _together(cl, "National Liberation Front", "NLF", "The National Liberation Front")
    assert _together(cl, "Mujahedin-e Khalq", "MEK")
    assert _together(cl, "Human Rights Watch", "HRW")


def test_a_rejected_pair_stays_apart_even_through_a_third_name() -> None:
    rows = _rows(("Yusuf Karimov", "PERSON"), ("Yousef Karimov", "PERSON"), ("Karimov", "PERSON"))
    res = resolve_entities(rows, {})
    keys = sorted(n.key for cl in res.clusters for n in cl if " " in n.norm)
    cl = _clusters(rows, {(keys[0], keys[1]): "reject"})
    assert not _together(cl, "Yusuf Karimov", "Yousef Karimov")
    statuses = {s for _, s in resolve_entities(rows, {(keys[0], keys[1]): "reject"}).merges}
    assert "rejected" in statuses


def test_merges_carry_score_and_evidence() -> None:
    res = resolve_entities(_rows(("Yusuf Karimov", "PERSON"), ("Yousef Karimov", "PERSON")), {})
    (edge, status), = res.merges
    assert status == "auto" and 0 < edge.score <= 1 and "vowels" in edge.evidence


def test_a_short_organisation_name_joins_only_when_unambiguous() -> None:
    cl = _clusters(_rows(("Amnesty International", "ORG"), ("Amnesty", "ORG")))
    assert _together(cl, "Amnesty International", "Amnesty")
    cl = _clusters(_rows(("Amnesty International", "ORG"), ("Amnesty for Veloria", "ORG"), ("Amnesty", "ORG")))
    assert not _together(cl, "Amnesty International", "Amnesty")
    assert not _together(cl, "Amnesty for Veloria", "Amnesty")


def test_a_surname_given_as_an_alias_is_one_merge_not_two() -> None:
    rows = _rows(("Benito Verdi", "PERSON"), ("Verdi", "PERSON"))
    rows[0]["aliases"] = ["Verdi"]
    res = resolve_entities(rows, {})
    pairs = [(e.a, e.b) for e, _ in res.merges]
    assert len(pairs) == len(set(pairs)) == 1
