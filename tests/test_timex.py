"""Time expressions (extract/timex.py): what find_times finds and resolves against the article date,
and which event time_for gives a time to. Sentences are invented; the article date is a Wednesday."""

from __future__ import annotations

import pytest

import newsgraph
from newsgraph.extract.timex import TimeExpr, find_times, resolve, time_for

NLP = newsgraph.load()
DATE = "2023-05-17"  # a Wednesday


def times(text: str, doc_date: str | None = DATE) -> list[TimeExpr]:
    return find_times(NLP(text), doc_date)


def only(text: str, doc_date: str | None = DATE) -> TimeExpr:
    found = times(text, doc_date)
    assert len(found) == 1, f"{text!r}: {found}"
    return found[0]


def time_of(text: str, trigger: str, doc_date: str | None = DATE) -> TimeExpr | None:
    """The time time_for gives the event triggered by the (first) token `trigger`."""
    doc = NLP(text)
    index = next(t.i for t in doc if t.text == trigger)
    return time_for(doc, find_times(doc, doc_date), index)


# ---- each kind of expression, resolved against the article date


@pytest.mark.parametrize(
    ("text", "surface", "date", "end_date", "granularity"),
    [
        ("The ministry closed the border last week.", "last week", "2023-05-08", "2023-05-14", "week"),
        ("The minister resigned on Tuesday.", "Tuesday", "2023-05-16", None, "day"),
        ("The minister resigned on Wednesday.", "Wednesday", "2023-05-17", None, "day"),
        ("The minister resigned last Wednesday.", "last Wednesday", "2023-05-10", None, "day"),
        ("The envoys will meet on Tuesday.", "Tuesday", "2023-05-23", None, "day"),
        ("The talks could resume next Tuesday.", "next Tuesday", "2023-05-23", None, "day"),
        ("The storm could reach the coast by Friday.", "Friday", "2023-05-19", None, "day"),
        ("Rebels may have attacked the convoy on Friday.", "Friday", "2023-05-12", None, "day"),
        ("Police detained the editor yesterday.", "yesterday", "2023-05-16", None, "day"),
        ("The court freed the editor today.", "today", "2023-05-17", None, "day"),
        ("Fuel prices rose sharply this month.", "this month", "2023-05", None, "month"),
        ("The rebels signed a truce last month.", "last month", "2023-04", None, "month"),
        ("The army withdrew from the valley in 2022.", "2022", "2022", None, "year"),
        ("The envoy visited the capital last year.", "last year", "2022", None, "year"),
        ("The two states signed the pact over a decade ago.", "over a decade ago", "2013", None, "year"),
        ("The militia seized the port three years ago.", "three years ago", "2020", None, "year"),
        ("The council adopted the plan on September 29.", "September 29", "2022-09-29", None, "day"),
        ("The council will vote on September 29.", "September 29", "2023-09-29", None, "day"),
        ("Troops reached the river in mid-August.", "mid-August", "2022-08", None, "month"),
        ("The court convicted the colonel on March 14, 2019.", "March 14, 2019", "2019-03-14", None, "day"),
        ("The fort was rebuilt in the 20th century.", "the 20th century", "1901", "2000", "range"),
        ("Rebels shelled the town in the past few days.", "the past few days", "2023-05-14", DATE, "range"),
        ("The party ruled the province in the 1990s.", "the 1990s", "1990", "1999", "range"),
        ("Talks were held on March 15 to 17.", "March 15 to 17", "2023-03-15", "2023-03-17", "range"),
    ],
)
def test_an_expression_is_resolved_against_the_article_date(text, surface, date, end_date, granularity):
    t = only(text)
    assert (t.text, t.date, t.end_date, t.granularity) == (surface, date, end_date, granularity)


def test_offsets_point_at_the_expression_in_the_text():
    text = "On Monday the army shelled the port, and in 2021 it had bombed the airport."
    for t in times(text):
        assert text[t.start : t.end] == t.text
    assert [t.text for t in times(text)] == ["Monday", "2021"]


def test_a_hedged_expression_is_approximate():
    assert only("The treaty was signed over a decade ago.").approximate
    assert not only("The treaty was signed a decade ago.").approximate


# ---- ranges from "since"


def test_since_a_year_is_a_range_to_the_article_date():
    t = only("Aid to the rebels has flowed since 2022.")
    assert (t.text, t.date, t.end_date, t.granularity) == ("since 2022", "2022", DATE, "range")


def test_since_an_event_in_a_year_is_a_range_from_that_year():
    t = only("The U.S. has provided over $64.1 billion since the invasion in 2022.")
    assert (t.text, t.date, t.end_date, t.granularity) == (
        "since the invasion in 2022",
        "2022",
        DATE,
        "range",
    )


def test_a_year_in_a_clause_after_since_is_not_a_range():
    t = only("Aid has grown since the talks, which began in 2019.")
    assert (t.text, t.granularity) == ("2019", "year")


# ---- what is not a date


def test_money_counts_and_the_modal_may_are_not_dates():
    assert times("The ministry may release 3,000 prisoners and pay $64 million.") == []
    assert times("Officials said the rebels may have 1,500 fighters and $2,000 in cash.") == []


def test_durations_and_ages_are_left_out():
    assert times("The 19-year-old was held for 30 hours.") == []
    assert times("He served two years in prison and paid a fine.") == []
    assert times("The annual parade drew crowds every year.") == []


def test_a_year_that_counts_something_is_not_a_date():
    assert times("Floods destroyed homes in 2000 villages.") == []


def test_months_and_weekdays_without_the_model_are_found_by_patterns():
    doc = NLP.make_doc("Russia attacked Kyiv on Monday in 2022.")  # no entities at all
    assert [(t.text, t.date) for t in find_times(doc, DATE)] == [("Monday", "2023-05-15"), ("2022", "2022")]


# ---- events' times


def test_each_clause_gets_its_own_time():
    text = "Russia shelled Kharkiv on Monday, and Ukraine struck Belgorod on Wednesday."
    shelled, struck = time_of(text, "shelled"), time_of(text, "struck")
    assert shelled is not None and (shelled.text, shelled.date) == ("Monday", "2023-05-15")
    assert struck is not None and (struck.text, struck.date) == ("Wednesday", "2023-05-17")


def test_the_time_of_a_report_is_not_the_time_of_what_it_reports():
    text = "Officials said on Thursday that rebels had seized the town."
    said = time_of(text, "said")
    assert said is not None and said.text == "Thursday"
    assert time_of(text, "seized") is None


def test_a_noun_trigger_takes_the_time_of_its_verb():
    t = time_of("The army launched strikes on the port on Tuesday.", "strikes")
    assert t is not None and t.text == "Tuesday"


def test_a_controlled_verb_takes_the_time_of_its_governing_verb():
    t = time_of("Last week the rebels agreed to withdraw from the city.", "withdraw")
    assert t is not None and t.text == "Last week"


def test_no_time_in_the_sentence_gives_none():
    assert time_of("Russia attacked Kyiv. The strike came on Monday.", "attacked") is None
    doc = NLP("Russia attacked Kyiv.")
    assert time_for(doc, [], 1) is None
    assert time_for(doc, [], 99) is None


def test_the_json_form_is_the_record_time_object():
    t = only("The army withdrew in 2022.")
    assert t.to_json() == {
        "text": "2022",
        "start": t.start,
        "end": t.end,
        "granularity": "year",
        "date": "2022",
        "end_date": None,
    }


# ---- bad dates and bad article dates


@pytest.mark.parametrize("doc_date", [None, "", "garbage", "2015-13-45", "99999-01-01", "0010-01-01"])
def test_without_a_usable_article_date_only_absolute_expressions_resolve(doc_date):
    found = times("On Tuesday, three days ago, the army attacked; in 2022 it had retreated.", doc_date)
    assert [(t.text, t.date) for t in found] == [
        ("Tuesday", None),
        ("three days ago", None),
        ("2022", "2022"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "on the 45th of Smarch",
        "the year 99999",
        "March 14, 99999",
        "February 30",
        "99999999999 days ago",
        "2240",
    ],
)
def test_absurd_dates_have_no_date(text):
    t = resolve(text, DATE)
    assert t is None or t.date is None


def test_absurd_dates_in_a_sentence_do_not_crash():
    assert all(t.date is None for t in times("Protests began on the 45th of Smarch in the year 99999."))


def test_dates_past_the_supported_years_are_none():
    assert resolve("next year", "2200-12-31").date is None  # type: ignore[union-attr]
    assert resolve("yesterday", "1000-01-01").date is None  # type: ignore[union-attr]
    assert resolve("the 20th century", None).date == "1901"  # type: ignore[union-attr]


def test_a_leap_day_without_a_year_takes_a_leap_year():
    t = resolve("February 29", DATE, "past")
    assert t is not None and t.date == "2020-02-29"


def test_anaphoric_and_clock_times_are_kept_without_a_date():
    later = resolve("three days later", DATE)
    clock = resolve("10:45 a.m.", DATE)
    assert later is not None and (later.date, later.granularity) == (None, "day")
    assert clock is not None and (clock.date, clock.granularity) == (None, "time")
