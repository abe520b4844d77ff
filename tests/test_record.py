"""The newsgraph/1 record: its fields, offsets and JSON form, and the library API around it."""

from __future__ import annotations

import json

import pytest

import newsgraph
from helpers import extract, extract_many_records
from newsgraph.lexicon import gazetteer

ARTICLE = (
    "Finland sent winter equipment to Estonia on Monday.\n"
    "Estonian Defence Minister Anna Kask thanked Finland for the shipment. "
    "Kask said the two countries would hold a joint exercise in March.\n"
    "Lithuania criticized Belarus over a border incident. The U.S. welcomed the shipment."
)
META = {
    "id": "ng-test-001",
    "title": "Finland sends equipment to Estonia",
    "date": "2031-01-13",
    "source": "Test Wire",
    "url": "https://example.org/ng-test-001",
}


@pytest.fixture(scope="module")
def rec():
    return extract(ARTICLE, **META)


def test_schema_is_newsgraph_1(rec):
    assert rec["schema"] == "newsgraph/1"


def test_doc_fields_are_passed_through(rec):
    assert rec["doc"] == {**META, "language": "en"}


def test_doc_fields_default_to_null():
    bare = extract("Finland sent winter equipment to Estonia on Monday.")
    assert bare["doc"] == {
        "id": None,
        "title": None,
        "date": None,
        "source": None,
        "url": None,
        "language": "en",
    }


def test_record_carries_the_text(rec):
    assert rec["text"] == ARTICLE


def test_record_has_actors_events_claims_quantities_lists(rec):
    for key in ("actors", "events", "claims", "quantities"):
        assert isinstance(rec[key], list), key


def test_the_article_yields_events(rec):
    assert len(rec["events"]) >= 2


def test_ids_are_sequential(rec):
    assert [a["id"] for a in rec["actors"]] == [f"A{n}" for n in range(1, len(rec["actors"]) + 1)]
    assert [e["id"] for e in rec["events"]] == [f"E{n}" for n in range(1, len(rec["events"]) + 1)]


def test_every_actor_has_the_actor_fields(rec):
    for actor in rec["actors"]:
        assert set(actor) >= {"id", "name", "kind", "country", "sector", "role", "mentions"}
        assert actor["kind"] in {"person", "organization", "state", "group"}
        assert actor["mentions"], actor


def test_every_event_has_sentence_trigger_evidence_confidence(rec):
    for event in rec["events"]:
        assert set(event["trigger"]) == {"text", "start", "end"}
        assert set(event["sentence"]) == {"start", "end"}
        assert isinstance(event["evidence"], str) and event["evidence"]
        assert 0.0 < event["confidence"] <= 1.0


def test_event_actors_and_recipients_are_actor_ids(rec):
    ids = {a["id"] for a in rec["actors"]}
    for event in rec["events"]:
        assert set(event["actors"]) <= ids
        assert set(event["recipients"]) <= ids
        assert not set(event["actors"]) & set(event["recipients"])


def test_trigger_offsets_slice_the_text_to_the_trigger(rec):
    for event in rec["events"]:
        trigger = event["trigger"]
        assert ARTICLE[trigger["start"] : trigger["end"]] == trigger["text"]


def test_trigger_lies_inside_its_sentence(rec):
    for event in rec["events"]:
        sentence, trigger = event["sentence"], event["trigger"]
        assert sentence["start"] <= trigger["start"] < trigger["end"] <= sentence["end"]


def test_sentence_offsets_span_one_line_of_the_article(rec):
    for event in rec["events"]:
        sentence = ARTICLE[event["sentence"]["start"] : event["sentence"]["end"]]
        assert sentence.strip() and "\n" not in sentence.strip()


def forms_of(actor):
    """What a mention of `actor` may read: its name, a word of it (a short name), or a
    gazetteer name or demonym of its country ("U.S." for the United States, "Estonian")."""
    forms = {actor["name"], *actor["name"].split()}
    if actor["country"]:
        gaz = gazetteer()
        forms |= {form for form, entry in gaz.names.items() if entry.country == actor["country"]}
        forms |= {form for form, iso3 in gaz.demonyms.items() if iso3 == actor["country"]}
    return forms


def test_actor_mentions_slice_the_text_to_the_name_or_an_alias(rec):
    for actor in rec["actors"]:
        for start, end in actor["mentions"]:
            surface = ARTICLE[start:end]
            assert surface and surface.strip() == surface
            assert any(form in surface for form in forms_of(actor)), (surface, actor)


def test_an_alias_mention_belongs_to_the_state(rec):
    usa = next(a for a in rec["actors"] if a["country"] == "USA")
    assert usa["kind"] == "state"
    assert [ARTICLE[s:e] for s, e in usa["mentions"]] == ["U.S."]


def test_short_name_mention_is_on_the_full_name_actor(rec):
    kask = next(a for a in rec["actors"] if a["name"] == "Anna Kask")
    assert [ARTICLE[s:e] for s, e in kask["mentions"]] == ["Anna Kask", "Kask"]


def test_status_is_asserted_by_default(rec):
    shipment = next(e for e in rec["events"] if e["trigger"]["text"] == "sent")
    assert shipment["status"] == "asserted"


def test_according_to_and_quantities_are_lists(rec):
    for event in rec["events"]:
        assert isinstance(event["according_to"], list)
        assert isinstance(event["quantities"], list)


def test_asserted_events_are_according_to_no_one(rec):
    for event in rec["events"]:
        if event["status"] == "asserted":
            assert event["according_to"] == []


def test_time_and_place_keys_exist_and_are_null_or_objects(rec):
    for event in rec["events"]:
        assert "time" in event and (
            event["time"] is None or {"text", "start", "end", "granularity"} <= set(event["time"])
        )
        assert "place" in event and (
            event["place"] is None or {"name", "country", "lat", "lon"} <= set(event["place"])
        )


def test_mode_is_null_or_a_string(rec):
    for event in rec["events"]:
        assert event["mode"] is None or isinstance(event["mode"], str)


def test_record_is_json_serialisable(rec):
    assert json.loads(json.dumps(rec)) == rec


def test_extract_returns_a_new_record_each_call():
    first = newsgraph.extract("Finland sent winter equipment to Estonia.", id="a")
    first["events"].clear()
    again = newsgraph.extract("Finland sent winter equipment to Estonia.", id="a")
    assert again["events"]


def test_extract_many_yields_records_in_input_order_and_accepts_dicts():
    articles = [
        {"id": "one", "text": "Chile praised Peru on Monday."},
        {"id": "two", "text": "Peru criticized Chile on Tuesday.", "title": "Second"},
        {"id": "three", "text": "Bolivia welcomed Chile's offer."},
    ]
    records = list(newsgraph.extract_many(articles))
    assert [r["doc"]["id"] for r in records] == ["one", "two", "three"]
    assert records[1]["doc"]["title"] == "Second"
    assert records[1]["text"] == "Peru criticized Chile on Tuesday."


def test_extract_many_accepts_articles():
    articles = [newsgraph.Article(text="Chile praised Peru on Monday.", id="art")]
    (record,) = newsgraph.extract_many(articles)
    assert record["doc"]["id"] == "art"


def test_extract_many_is_lazy():
    records = newsgraph.extract_many(iter([{"text": "Chile praised Peru."}]))
    assert not isinstance(records, list)
    assert next(records)["schema"] == "newsgraph/1"


def test_extract_many_with_small_batches_matches_extract():
    texts = [f"Chile praised Peru on day {n}." for n in range(5)]
    records = extract_many_records([{"id": str(n), "text": t} for n, t in enumerate(texts)], batch_size=2)
    assert [r["doc"]["id"] for r in records] == ["0", "1", "2", "3", "4"]
    assert records == [newsgraph.extract(t, id=str(n)) for n, t in enumerate(texts)]


def test_extract_many_with_two_processes_matches_one():
    # spawns worker processes: a few seconds
    articles = [{"id": str(n), "text": f"Chile praised Peru on day {n}."} for n in range(4)]
    assert extract_many_records(articles, n_process=2, batch_size=1) == extract_many_records(articles)


def test_extract_many_rejects_a_record_without_text():
    with pytest.raises(newsgraph.ArticleError):
        list(newsgraph.extract_many([{"id": "no-text", "title": "Headline only"}]))


def test_extract_many_rejects_a_record_that_is_not_a_dict():
    with pytest.raises(newsgraph.ArticleError):
        list(newsgraph.extract_many(["Chile praised Peru."]))  # type: ignore[list-item]


def test_metadata_values_become_strings():
    (record,) = newsgraph.extract_many([{"id": 17, "date": 2031, "text": "Chile praised Peru."}])
    assert record["doc"]["id"] == "17"
    assert record["doc"]["date"] == "2031"


def test_empty_text_gives_an_empty_record():
    record = newsgraph.extract("   \n  ", id="blank")
    assert record["actors"] == [] and record["events"] == []


def test_load_returns_one_shared_pipeline():
    assert newsgraph.load() is newsgraph.load()
