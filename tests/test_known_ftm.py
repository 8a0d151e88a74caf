"""Known entities from a FollowTheMoney file shaped as OpenSanctions publishes them: people and
bodies beside the links between them (occupancies, positions), with datasets and referents."""

from __future__ import annotations

import json
from pathlib import Path

from claimgraph.extract.known import load_file
from claimgraph_text import extract_text

ENTITIES = [
    {"id": "ks-vulk", "schema": "Person", "caption": "Petra Vulk", "target": True, "datasets": ["ks_peps"],
     "referents": ["ks-pep-0012"], "first_seen": "2021-01-05T00:00:00", "last_seen": "2024-02-01T00:00:00",
     "properties": {"name": ["Petra Vulk"], "alias": ["Petra Vulková"], "firstName": ["Petra"], "lastName": ["Vulk"],
                    "country": ["xk"], "birthDate": ["1961-04-02"], "position": ["Minister of Water"],
                    "topics": ["role.pep"]}},
    {"id": "ks-ministry-water", "schema": "PublicBody", "caption": "Ministry of Water", "datasets": ["ks_peps"],
     "properties": {"name": ["Ministry of Water"], "alias": ["MoW"], "jurisdiction": ["xk"]}},
    {"id": "ks-pos-water", "schema": "Position", "caption": "Minister of Water", "datasets": ["ks_peps"],
     "properties": {"name": ["Minister of Water"], "organization": ["ks-ministry-water"], "country": ["xk"]}},
    {"id": "ks-occ-1", "schema": "Occupancy", "caption": "Occupancy", "datasets": ["ks_peps"],
     "properties": {"holder": ["ks-vulk"], "post": ["ks-pos-water"], "startDate": ["2019"]}},
    {"id": "ks-fund", "schema": "Organization", "caption": "Kestria Relief Fund", "datasets": ["ks_ngos"],
     "properties": {"name": ["Kestria Relief Fund"], "alias": ["KRF"]}},
]


def write(tmp_path: Path) -> Path:
    path = tmp_path / "entities.ftm.json"
    path.write_text("\n".join(json.dumps(e, ensure_ascii=False) for e in ENTITIES) + "\n", encoding="utf-8")
    return path


def test_people_and_bodies_are_known_and_links_are_left_out(tmp_path: Path) -> None:
    known = {k.name: k for k in load_file(str(write(tmp_path)))}
    assert set(known) == {"Petra Vulk", "Ministry of Water", "Kestria Relief Fund"}  # no Position, no Occupancy
    vulk = known["Petra Vulk"]
    assert (vulk.type, vulk.ids, vulk.aliases) == ("PERSON", ("ftm:ks-vulk",), ("Petra Vulková",))
    assert known["Ministry of Water"].type == "ORG" and known["Ministry of Water"].aliases == ("MoW",)


def test_extraction_names_them_and_keeps_their_ids(tmp_path: Path) -> None:
    x = extract_text("The KRF said the Ministry of Water ignored its warnings. Petra Vulková did not reply.",
                     entity_files=(str(write(tmp_path)),))
    by_id = {i: e for e in x.entities for i in e.ids}
    assert by_id["ftm:ks-fund"].name == "Kestria Relief Fund" and "KRF" in by_id["ftm:ks-fund"].aliases
    assert by_id["ftm:ks-vulk"].name == "Petra Vulk" and by_id["ftm:ks-vulk"].type == "PERSON"
    assert by_id["ftm:ks-ministry-water"].type == "ORG"
    assert not any(e.name == "Minister of Water" for e in x.entities)
