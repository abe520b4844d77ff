"""Event fusion across articles: the same event from many outlets is one event with every
source kept; look-alike events stay apart."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine

from newsgraph import store
from newsgraph.article import Article
from newsgraph.store import query
from newsgraph.store.fuse import Mention, Party, Place, compatible, distance_km, same_actor

RUSSIA = Party(1, "state", "RUS", "GOV", generic=True)
RUSSIAN_FORCES = Party(2, "group", "RUS", "MIL", generic=True)
RUSSIAN_POLICE = Party(3, "group", "RUS", "COP", generic=True)
PUTIN = Party(4, "person", "RUS", "GOV", generic=False)
PESKOV = Party(5, "person", "RUS", "GOV", generic=False)
UKRAINE = Party(6, "state", "UKR", "GOV", generic=True)
KHARKIV = Party(7, "organization", "UKR", "GOV", generic=False)
ODESA = Party(8, "organization", "UKR", "GOV", generic=False)
KYIV = Place(1, "UKR", 50.45, 30.52, is_country=False)
LVIV = Place(2, "UKR", 49.84, 24.03, is_country=False)
UKRAINE_PLACE = Place(3, "UKR", 49.0, 32.0, is_country=True)


def mention(
    *,
    actors: list[Party],
    recipients: list[Party],
    day: str = "2024-11-04",
    until: str | None = None,
    place: Place | None = None,
    article: str = "a",
    type: str = "ASSAULT",  # noqa: A002
) -> Mention:
    start = date.fromisoformat(day)
    end = date.fromisoformat(until) if until else start
    return Mention(0, 0, article, type, start, end, actors, recipients, place)


def test_a_state_stands_for_its_organs_but_organs_of_different_sectors_differ() -> None:
    assert same_actor(RUSSIA, RUSSIAN_FORCES) and same_actor(RUSSIA, PUTIN)
    assert not same_actor(RUSSIAN_FORCES, RUSSIAN_POLICE)
    assert not same_actor(PUTIN, PESKOV)  # two named people are two people
    assert not same_actor(KHARKIV, ODESA) and same_actor(KHARKIV, UKRAINE)


def test_same_type_time_sides_and_place_make_the_same_event() -> None:
    a = mention(actors=[RUSSIA], recipients=[UKRAINE], place=KYIV)
    assert compatible(
        a, mention(actors=[RUSSIAN_FORCES], recipients=[UKRAINE], day="2024-11-05", article="b")
    )
    assert compatible(a, mention(actors=[RUSSIA], recipients=[], article="b"))  # recipient left out
    assert compatible(a, mention(actors=[RUSSIA], recipients=[UKRAINE], place=UKRAINE_PLACE, article="b"))


@pytest.mark.parametrize(
    "other",
    [
        mention(actors=[RUSSIA], recipients=[UKRAINE], type="COERCE", article="b"),  # another type
        mention(actors=[RUSSIA], recipients=[UKRAINE], day="2024-11-09", article="b"),  # days later
        mention(actors=[UKRAINE], recipients=[RUSSIA], article="b"),  # the other way round
        mention(actors=[RUSSIA], recipients=[UKRAINE], place=LVIV, article="b"),  # another city
        mention(actors=[], recipients=[UKRAINE], article="b"),  # no actor to go on
    ],
)
def test_what_keeps_look_alike_events_apart(other: Mention) -> None:
    assert not compatible(mention(actors=[RUSSIA], recipients=[UKRAINE], place=KYIV), other)


def test_named_actors_on_both_sides_must_share_one() -> None:
    sanders, warren = Party(9, "person", "USA", "LEG", False), Party(10, "person", "USA", "LEG", False)
    usa, biden = Party(11, "state", "USA", "GOV", True), Party(12, "person", "USA", "GOV", False)
    one = mention(actors=[sanders, usa], recipients=[biden], type="SUPPORT")
    assert not compatible(one, mention(actors=[warren], recipients=[biden], type="SUPPORT", article="b"))
    assert compatible(one, mention(actors=[usa], recipients=[biden], type="SUPPORT", article="b"))


def test_a_long_time_span_overlaps_the_days_within_it() -> None:
    aid = mention(actors=[RUSSIA], recipients=[UKRAINE], day="2022-02-24", until="2024-11-01", type="AID")
    assert compatible(aid, mention(actors=[RUSSIA], recipients=[UKRAINE], day="2023-06-01", type="AID"))


def test_undated_mentions_only_fuse_within_their_article() -> None:
    undated = mention(actors=[RUSSIA], recipients=[UKRAINE])
    undated.start = undated.end = None
    assert compatible(undated, mention(actors=[RUSSIA], recipients=[UKRAINE]))
    assert not compatible(undated, mention(actors=[RUSSIA], recipients=[UKRAINE], article="b"))


def test_distance() -> None:
    assert (
        460
        < distance_km(KYIV.latitude or 0, KYIV.longitude or 0, LVIV.latitude or 0, LVIV.longitude or 0)
        < 480
    )


# -- in the store ------------------------------------------------------------------------------

OUTLETS = [
    Article(
        id="north",
        source="Northern Courier",
        date="2024-10-24",
        text="North Korea has deployed troops to Russia, U.S. officials said on Wednesday.",
    ),
    Article(
        id="south",
        source="Seoul Daily Post",
        date="2024-10-25",
        text="North Korea deployed thousands of soldiers to Russia this week, South Korea's spy agency said.",
    ),
    Article(
        id="east",
        source="Eastern Wire",
        date="2024-10-25",
        text="Russia denied that North Korea had deployed troops to Russia.",
    ),
    Article(
        id="kharkiv",
        source="Kyiv Daily",
        date="2024-11-04",
        text="Russian forces struck the city of Kharkiv with missiles on Monday.",
    ),
    Article(
        id="sumy",
        source="Kyiv Daily",
        date="2024-11-04",
        text="Russian forces struck the city of Sumy with drones on Monday.",
    ),
    Article(
        id="undated",
        source="Nowhere Times",
        text="North Korea has deployed troops to Russia, officials said.",
    ),
]


@pytest.fixture(scope="module")
def fused(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    path: Path = tmp_path_factory.mktemp("fusion") / "fusion.db"
    engine = store.open(f"sqlite:///{path}")
    store.ingest(engine, OUTLETS, report=lambda _m: None)
    return engine


def reports(event: dict[str, object]) -> set[str]:
    rs = event["reports"]
    assert isinstance(rs, list)
    return {r["article"] for r in rs}


def test_one_event_told_by_several_outlets_is_one_event_with_every_source(fused: Engine) -> None:
    (deployment,) = [e for e in query.events(fused, type="MOBILIZE") if "north" in reports(e)]
    assert reports(deployment) == {"north", "south", "east"}
    assert (deployment["sources"], deployment["first_seen"], deployment["last_seen"]) == (
        3,
        "2024-10-24",
        "2024-10-25",
    )


def test_reported_by_some_and_denied_by_others_is_contested(fused: Engine) -> None:
    (contested,) = query.contested(fused, type="MOBILIZE")
    assert contested["denied_by"] == ["Russia (RUS)"] and contested["sources"] == 3
    assert "U.S. officials (USA)" in contested["reported_by"]


def test_strikes_on_two_cities_the_same_day_stay_two_events(fused: Engine) -> None:
    strikes = [e for e in query.events(fused, type="ASSAULT") if reports(e) & {"kharkiv", "sumy"}]
    assert sorted(sorted(reports(e)) for e in strikes) == [["kharkiv"], ["sumy"]]


def test_an_undated_article_stays_apart(fused: Engine) -> None:
    (alone,) = [e for e in query.events(fused) if "undated" in reports(e)]
    assert reports(alone) == {"undated"}


def test_ingesting_again_fuses_nothing_more(fused: Engine) -> None:
    before = query.events(fused)
    store.ingest(fused, OUTLETS, report=lambda _m: None)
    assert query.events(fused) == before
