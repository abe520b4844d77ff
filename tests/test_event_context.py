"""What an event carries besides its type and sides (spec section 1): the figures that measure
it, the article's deduplicated list of figures, when it happened (resolved against the
article date), where it happened (a target is not a place), and an evidence string that names
the status rule."""

from __future__ import annotations

import pytest

from helpers import Record, event_at, events_of, extract, summary

DATE = "2024-03-14"  # a Thursday


def run(text: str) -> Record:
    return extract(text, id="context", date=DATE)


def figures(event_or_record: Record) -> list[tuple[float, str]]:
    return [(q["value"], q["unit_class"]) for q in event_or_record["quantities"]]


def measured_by(rec: Record, value: float, unit_class: str) -> list[Record]:
    """The events that list a quantity of this value and class."""
    return [e for e in rec["events"] if (value, unit_class) in figures(e)]


# ---- quantities on events


def test_troops_sent_are_counted_on_the_sending():
    rec = run("Britain sent 3,000 troops to Estonia last week.")
    found = [(q["value"], q["unit_class"], q["text"]) for q in event_at(rec, "sent")["quantities"]]
    assert found == [(3000, "people", "3,000")], summary(rec)


def test_people_killed_are_counted_on_the_attack():
    rec = run("Russian forces shelled a market in Kharkiv on Tuesday, killing 12 civilians.")
    assert [e["type"] for e in measured_by(rec, 12, "people")] == ["ASSAULT"], summary(rec)


def test_money_pledged_is_counted_on_the_pledge():
    rec = run("Japan pledged $2 billion in aid to Ukraine on Friday.")
    owners = measured_by(rec, 2e9, "money")
    assert len(owners) == 1, summary(rec)
    (money,) = [q for q in owners[0]["quantities"] if q["unit_class"] == "money"]
    assert money["unit"] == "USD"
    assert money["text"] == "$2 billion"


def test_weapons_fired_are_counted_on_the_attack():
    rec = run("Russia fired 40 missiles at Ukraine on Sunday.")
    assert figures(event_at(rec, "fired")) == [(40, "weapons")], summary(rec)


def test_an_approximate_figure_is_marked_approximate_on_its_event():
    rec = run("Police arrested about 200 protesters in Tbilisi on Saturday.")
    (quantity,) = event_at(rec, "arrested")["quantities"]
    assert (quantity["value"], quantity["unit_class"], quantity["approximate"]) == (200, "people", True)


def test_a_figure_stays_with_the_event_it_measures_not_its_neighbour():
    rec = run("Britain sent 3,000 troops to Estonia after Russia attacked Finland.")
    assert figures(event_at(rec, "sent")) == [(3000, "people")], summary(rec)
    assert event_at(rec, "attacked")["quantities"] == [], summary(rec)


def test_each_of_two_events_gets_its_own_figure():
    rec = run("Britain sent 3,000 troops to Estonia, and Russia fired 40 missiles at Ukraine.")
    assert figures(event_at(rec, "sent")) == [(3000, "people")], summary(rec)
    assert figures(event_at(rec, "fired")) == [(40, "weapons")], summary(rec)


def test_a_reported_event_keeps_its_figure():
    rec = run("Britain sent 3,000 troops to Estonia, the ministry said.")
    event = event_at(rec, "sent")
    assert event["status"] == "reported", summary(rec)
    assert figures(event) == [(3000, "people")]


def test_quantity_offsets_point_at_their_text():
    rec = run("Police arrested about 200 protesters in Tbilisi on Saturday.")
    for q in rec["quantities"] + event_at(rec, "arrested")["quantities"]:
        assert rec["text"][q["start"] : q["end"]] == q["text"]


# ---- the article's list of quantities


def test_top_level_quantities_hold_every_figure_of_the_article():
    rec = run("Britain sent 3,000 troops to Estonia, and Russia fired 40 missiles at Ukraine.")
    assert sorted(figures(rec)) == [(40, "weapons"), (3000, "people")]


def test_top_level_quantities_list_a_repeated_figure_once():
    rec = run(
        "Britain sent 3,000 troops to Estonia last week. The 3,000 troops arrived in Tallinn on Monday."
    )
    assert figures(rec) == [(3000, "people")], rec["quantities"]


def test_top_level_quantities_are_empty_when_the_article_has_no_figures():
    rec = run("Ethiopia attacked Eritrea.")
    assert rec["quantities"] == []


# ---- time, resolved against the article date


def test_on_a_weekday_resolves_to_the_last_such_day_before_the_article_date():
    rec = run("Russia attacked Kyiv on Tuesday.")
    time = event_at(rec, "attacked")["time"]
    assert (time["text"], time["granularity"], time["date"]) == ("Tuesday", "day", "2024-03-12"), summary(rec)


def test_last_week_resolves_to_the_week_before_the_article_date():
    rec = run("Britain sent 3,000 troops to Estonia last week.")
    time = event_at(rec, "sent")["time"]
    assert (time["text"], time["granularity"]) == ("last week", "week")
    assert (time["date"], time["end_date"]) == ("2024-03-04", "2024-03-10")


def test_in_a_year_resolves_to_that_year():
    rec = run("Poland sent 200 tanks to Ukraine in 2019.")
    time = event_at(rec, "sent")["time"]
    assert (time["granularity"], time["date"]) == ("year", "2019"), summary(rec)


def test_since_a_year_is_a_range_up_to_the_article_date():
    rec = run("Germany has provided about $5 billion in military aid to Ukraine since 2022.")
    time = event_at(rec, "provided")["time"]
    assert time["text"] == "since 2022"
    assert (time["granularity"], time["date"], time["end_date"]) == ("range", "2022", DATE)


def test_time_offsets_point_at_their_text():
    rec = run("Germany has provided about $5 billion in military aid to Ukraine since 2022.")
    time = event_at(rec, "provided")["time"]
    assert rec["text"][time["start"] : time["end"]] == time["text"]


def test_an_event_with_no_time_expression_has_no_time():
    rec = run("Ethiopia attacked Eritrea.")
    assert event_at(rec, "attacked")["time"] is None


def test_each_event_takes_the_time_of_its_own_sentence():
    rec = run(
        "Russia attacked Ukraine last week. "
        "Russia attacked Ukraine again on Tuesday, according to Ukrainian officials."
    )
    by_status = {e["status"]: e["time"]["text"] for e in events_of(rec, "ASSAULT") if e["time"]}
    assert by_status == {"asserted": "last week", "reported": "Tuesday"}, summary(rec)


# ---- place


def test_in_a_city_places_the_event_there_with_coordinates_and_country():
    rec = run("Russian forces shelled a market in Kharkiv on Tuesday, killing 12 civilians.")
    place = event_at(rec, "shelled")["place"]
    assert (place["name"], place["country"]) == ("Kharkiv", "UKR"), summary(rec)
    assert place["lat"] == pytest.approx(49.98, abs=0.5)
    assert place["lon"] == pytest.approx(36.25, abs=0.5)


def test_an_arrest_in_a_capital_is_placed_there():
    rec = run("Police arrested about 200 protesters in Tbilisi on Saturday.")
    place = event_at(rec, "arrested")["place"]
    assert (place["name"], place["country"]) == ("Tbilisi", "GEO")


def test_the_target_of_an_attack_is_not_its_place():
    rec = run("Russia attacked Kyiv on Tuesday.")
    assert event_at(rec, "attacked")["place"] is None, summary(rec)


def test_an_event_with_no_place_named_has_no_place():
    rec = run("Britain sent 3,000 troops to Estonia last week.")
    assert event_at(rec, "sent")["place"] is None


# ---- evidence names the status rule


@pytest.mark.parametrize(
    ("text", "trigger", "status", "rule"),
    [
        ("Ethiopia attacked Eritrea on Tuesday.", "attacked", "asserted", "narrator"),
        ("Kenyan officials said that Somalia attacked Ethiopia.", "attacked", "reported", "inside a claim"),
        ("Turkey may attack Kurdish militants in Syria.", "attack", "possible", "hedged by 'may'"),
        ("Canada has not deployed troops to Latvia.", "deployed", "negated", "negated"),
        ("Azerbaijan denied that its forces had shelled Armenian villages.", "shelled", "denied", "deny"),
    ],
    ids=["asserted", "reported", "possible", "negated", "denied"],
)
def test_evidence_names_the_status_rule_that_fired(text, trigger, status, rule):
    rec = run(text)
    event = event_at(rec, trigger)
    assert event["status"] == status, summary(rec)
    assert f"{status}:" in event["evidence"], event["evidence"]
    assert rule in event["evidence"].split(f"{status}:", 1)[1], event["evidence"]


def test_evidence_names_the_trigger_lexicon_entry():
    rec = run("Ethiopia attacked Eritrea on Tuesday.")
    assert "'attack'" in event_at(rec, "attacked")["evidence"]
