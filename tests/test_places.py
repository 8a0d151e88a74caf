"""The gazetteer: kinds, spellings, containment, and the compact cache giving the same answers."""

from __future__ import annotations

import json

import pytest

from claimgraph import places
from claimgraph.places import Gazetteer, compatible, fold, lookup, place_key, readings, within


@pytest.mark.parametrize("name,kind,country", [
    ("Iran", "country", "IR"),
    ("Islamic Republic of Iran", "country", "IR"),
    ("Britain", "country", "GB"),
    ("U.S.", "country", "US"),
    ("Tehran", "city", "IR"),  # the city before the province named after it
    ("Natanz", "city", "IR"),  # a town of some 40,000 people
    ("Arak", "city", "IR"),
    ("Texas", "region", "US"),
    ("Europe", "continent", None),
])
def test_lookup_kind_and_country(name: str, kind: str, country: str | None) -> None:
    p = lookup(name)
    assert p is not None and p.kind == kind and p.country == country


def test_spellings_of_one_place_share_a_key() -> None:
    assert place_key("Teheran") == place_key("Téhéran") == place_key("Tehran") == lookup("Tehran").key
    main = [r for r in readings("Teheran") if r.place.name == "Tehran"]
    assert main and not main[0].primary  # an alternative spelling, and said so


def test_unknown_names_and_airport_codes_are_not_places() -> None:
    assert lookup("Zzyzxville Heights") is None
    assert lookup("THR") is None  # Tehran's airport code is not a name in text
    assert place_key("") is None


def test_containment_city_region_country_continent() -> None:
    assert within("Natanz", "Iran")
    assert within("Tehran", "Asia")
    assert within("Los Angeles", "California") and within("California", "United States")
    assert not within("Iran", "Tehran")
    assert not within("Tehran", "Tehran")
    assert not within("Paris", "United States")  # the big Paris is read, not a small US namesake
    assert not within("Nowhere Special", "Iran")


def test_a_name_is_read_in_the_light_of_the_other() -> None:
    assert lookup("Georgia").kind == "country"
    assert lookup("Georgia", near={"US"}).kind == "region"
    assert within("Georgia", "United States")


def test_compatible_places() -> None:
    assert compatible("Tehran", "Iran") and compatible("Iran", "Tehran")
    assert compatible("Teheran", "Tehran")
    assert not compatible("Tehran", "Paris")
    assert not compatible("Tehran", "Nowhere Special")


def test_fold_fast_path_agrees_with_normality() -> None:
    from normality import normalize

    for name in ["U.S.", "St. John's", "Washington, D.C.", "Aix-en-Provence", "Sana'a", "New  York"]:
        assert fold(name) == normalize(name, lowercase=True, ascii=True)
    assert fold("Téhéran") == "teheran"


def test_the_cache_gives_the_same_answers() -> None:
    gaz = Gazetteer.load(json.loads(json.dumps(places.gazetteer().dump())))
    for key in ["tehran", "georgia", "u s", "natanz"]:
        assert gaz.readings(key) == places.gazetteer().readings(key)
    with pytest.raises(ValueError):
        Gazetteer.load({"format": -1, "places": [], "names": {}})


def test_state_abbreviations_of_datelines_are_alternative_names_only() -> None:
    assert lookup("N.H.").name == "New Hampshire"
    assert within("Reno", "Nev.")
    assert not [r for r in readings("Miss.") if r.primary]  # "Miss." alone names no place
