"""The library's DataFrames and tables (`newsgraph.store.frames`) and the networks and map built
on them (`newsgraph.store.graph`, `newsgraph.store.geo`), over a store built for real once for
the module (the bundled examples and a few short articles, through `store.ingest`)."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from sqlalchemy import Engine, text

from newsgraph import store
from newsgraph.article import Article
from newsgraph.lexicon import quads
from newsgraph.read import read_paths
from newsgraph.store import frames, query
from newsgraph.store.geo import event_places
from newsgraph.store.graph import actor_network, comention_network

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
EXTRA: list[dict[str, Any]] = [
    {
        "id": "attack",
        "date": "2024-03-04",
        "source": "Kyiv Daily",
        "text": "Russia attacked Ukraine on Monday.",
    },
    {
        "id": "denial",
        "date": "2024-03-05",
        "source": "Moscow Herald",
        "text": "Russia denied that it attacked Ukraine.",
    },
    {"id": "arrests", "date": "2024-06-01", "text": "Police arrested 30 protesters in Warsaw."},
]

# Each frame function and the query it wraps, with the columns of an empty result.
FRAMES: list[tuple[Callable[..., pd.DataFrame], Callable[..., list[dict[str, Any]]], list[str]]] = [
    (frames.events_frame, query.events, frames.EVENT_COLUMNS),
    (frames.actors_frame, query.actors, frames.ACTOR_COLUMNS),
    (frames.claims_frame, query.claims, frames.CLAIM_COLUMNS),
    (frames.contested_frame, query.contested, frames.CONTESTED_COLUMNS),
    (frames.timeline_frame, query.timeline, frames.TIMELINE_COLUMNS),
]
NOTHING = {"country": "ZZZ"}  # a filter every query takes and nothing matches


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    articles = [a for a in read_paths([str(EXAMPLES)]) if isinstance(a, Article)]
    articles += [Article(**a) for a in EXTRA]
    e = store.open(f"sqlite:///{tmp_path_factory.mktemp('frames') / 'store.db'}")
    stats = store.ingest(e, articles, batch_size=32)
    assert stats.new == len(articles), stats
    yield e
    e.dispose()


def sql(engine: Engine, query_: str, **params: Any) -> list[Any]:
    with engine.connect() as conn:
        return list(conn.execute(text(query_), params))


# -- DataFrames of the queries -------------------------------------------------------------------


@pytest.mark.parametrize("frame, rows, _", FRAMES, ids=[q.__name__ for _, q, _ in FRAMES])
def test_each_frame_takes_the_arguments_of_its_query(frame: Any, rows: Any, _: list[str]) -> None:
    assert inspect.signature(frame).parameters == inspect.signature(rows).parameters


@pytest.mark.parametrize("frame, rows, _", FRAMES, ids=[q.__name__ for _, q, _ in FRAMES])
def test_each_frame_holds_the_rows_of_its_query(engine: Engine, frame: Any, rows: Any, _: list[str]) -> None:
    want = rows(engine)
    got = frame(engine)
    assert want, f"the store should give some {rows.__name__}"
    assert list(got.columns) == list(want[0])
    assert len(got) == len(want)
    for column in want[0]:
        values = [r[column] for r in want]
        lists, texts = (all(isinstance(v, kind) for v in values) for kind in (list, str))
        if lists or texts:  # list fields stay Python lists
            assert got[column].tolist() == values


@pytest.mark.parametrize("frame, rows, columns", FRAMES, ids=[q.__name__ for _, q, _ in FRAMES])
def test_an_empty_frame_keeps_the_columns_of_its_query(
    engine: Engine, frame: Any, rows: Any, columns: list[str]
) -> None:
    empty = frame(engine, **NOTHING)
    assert empty.empty
    assert list(empty.columns) == columns == list(rows(engine)[0])


def test_frames_pass_their_filters_on(engine: Engine) -> None:
    some = frames.events_frame(engine, country="RUS", limit=3)
    assert len(some) == len(query.events(engine, country="RUS", limit=3)) > 0
    assert some["event"].tolist() == [r["event"] for r in query.events(engine, country="RUS", limit=3)]
    ukr = frames.actors_frame(engine, country="UKR")
    assert set(ukr["country"]) == {"UKR"}
    timeline = frames.timeline_frame(engine, since="2024")
    assert (timeline["date"] >= "2024-01-01").all() and len(timeline) > 0


def test_a_bad_date_raises_as_the_query_does(engine: Engine) -> None:
    with pytest.raises(ValueError, match="not an ISO date"):
        frames.events_frame(engine, since="yesterday")


# -- the event table -----------------------------------------------------------------------------


def test_the_event_table_has_a_row_per_event_mention(engine: Engine) -> None:
    table = frames.event_table(engine)
    assert table.schema == frames.EVENT_TABLE
    assert table.num_rows == sql(engine, "SELECT count(*) FROM event_mentions")[0][0] > 0
    # counting distinct events in the table counts what `query.events` lists
    assert len(set(table.column("event").to_pylist())) == len(query.events(engine))


def test_event_table_rows_say_what_the_store_says(engine: Engine) -> None:
    rows = frames.event_table(engine).to_pylist()
    stored = {
        r.id: r
        for r in sql(
            engine,
            "SELECT m.id, m.article_id, m.type, m.status, m.trigger_text, a.text, m.sentence_start, "
            "m.sentence_end FROM event_mentions m JOIN articles a ON a.id = m.article_id",
        )
    }
    for r in rows:
        s = stored[r["mention"]]
        assert (r["article"], r["type"], r["status"], r["trigger"]) == (
            s.article_id,
            s.type,
            s.status,
            s.trigger_text,
        )
        assert r["quad"] == quads()[r["type"]]
        assert r["sentence"] == " ".join(s.text[s.sentence_start : s.sentence_end].split())
        assert r["trigger"] in r["sentence"]


def test_event_table_filters_as_the_queries_do(engine: Engine) -> None:
    for filters in ({"country": "RUS"}, {"status": "reported"}, {"since": "2015", "until": "2016-06"}):
        table = frames.event_table(engine, **filters).to_pylist()
        assert table, filters
        assert {r["event"] for r in table} == {e["event"] for e in query.events(engine, **filters)}
    assert all(
        "RUS" in r["actor_countries"] + r["recipient_countries"]
        for r in frames.event_table(engine, country="RUS").to_pylist()
    )


def test_event_table_becomes_a_dataframe_with_list_columns(engine: Engine) -> None:
    df = frames.event_table(engine).to_pandas()
    assert list(df.columns) == frames.EVENT_TABLE.names
    assert len(df) > 0
    assert all(len(a) == len(i) for a, i in zip(df["actors"], df["actor_ids"], strict=True))


# -- the actor network ---------------------------------------------------------------------------


def test_actor_network_edges_count_distinct_events(engine: Engine) -> None:
    graph = actor_network(engine)
    table = frames.event_table(engine).to_pylist()
    assert graph.number_of_edges() > 0
    for a, b, data in graph.edges(data=True):
        behind = [
            r
            for r in table
            if (a in r["actor_ids"] and b in r["recipient_ids"])
            or (not r["recipient_ids"] and a in r["actor_ids"] and b in r["actor_ids"] and a != b)
        ]
        assert data["events"] == len({r["event"] for r in behind}) > 0
        assert data["mentions"] == len(behind)
        assert data["types"] == {
            t: len({r["event"] for r in behind if r["type"] == t})
            for t in sorted({r["type"] for r in behind})
        }
        assert set(data["quads"]) == {quads()[t] for t in data["types"]}
        assert data["quad"] in data["quads"]
        assert data["quads"][data["quad"]] == max(data["quads"].values())


def test_actor_network_nodes_are_actors(engine: Engine) -> None:
    graph = actor_network(engine)
    actors = {r.id: r for r in sql(engine, "SELECT id, name, country, sector, kind FROM actors")}
    for node, data in graph.nodes(data=True):
        a = actors[node]
        assert data == {"name": a.name, "country": a.country, "sector": a.sector, "kind": a.kind}


def test_actor_network_of_a_type_has_only_that_type(engine: Engine) -> None:
    graph = actor_network(engine, type="ASSAULT")
    assert graph.number_of_edges() > 0
    assert all(set(d["types"]) == {"ASSAULT"} for _, _, d in graph.edges(data=True))
    assert all(d["quad"] == quads()["ASSAULT"] for _, _, d in graph.edges(data=True))


def test_an_attack_runs_from_attacker_to_attacked(engine: Engine) -> None:
    graph = actor_network(engine, type="ASSAULT", since="2024-02", until="2024-03")
    names = {n: d["name"] for n, d in graph.nodes(data=True)}
    edges = {(names[a], names[b]) for a, b in graph.edges()}
    assert ("Russia", "Ukraine") in edges
    assert ("Ukraine", "Russia") not in edges


def test_comention_network_links_actors_of_the_same_article(engine: Engine) -> None:
    graph = comention_network(engine)
    per_article: dict[str, set[int]] = {}
    for article_id, actor_id in sql(engine, "SELECT DISTINCT article_id, actor_id FROM mentions"):
        per_article.setdefault(article_id, set()).add(actor_id)
    assert graph.number_of_edges() > 0
    assert set(graph.nodes) == set().union(*per_article.values())
    for a, b, data in graph.edges(data=True):
        assert data["weight"] == sum(1 for ids in per_article.values() if {a, b} <= ids)


def test_comention_network_with_filters_reads_only_matching_articles(engine: Engine) -> None:
    graph = comention_network(engine, type="ASSAULT")
    chosen = {
        r[0] for r in sql(engine, "SELECT DISTINCT article_id FROM event_mentions WHERE type = 'ASSAULT'")
    }
    mentioned = {r[0] for r in sql(engine, "SELECT DISTINCT actor_id FROM mentions")}
    in_chosen = {
        r[0] for r in sql(engine, "SELECT DISTINCT actor_id, article_id FROM mentions") if r[1] in chosen
    }
    assert set(graph.nodes) == in_chosen
    assert in_chosen < mentioned


# -- the map -------------------------------------------------------------------------------------


def test_event_places_are_points_at_longitude_latitude(engine: Engine) -> None:
    collection = event_places(engine)
    features = collection["features"]
    assert features, "the store should place some events (Warsaw, Moscow)"
    places = {
        r.name: (r.longitude, r.latitude) for r in sql(engine, "SELECT name, latitude, longitude FROM places")
    }
    for f in features:
        lon, lat = f["geometry"]["coordinates"]
        assert (lon, lat) == places[f["properties"]["place"]]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
    warsaw = [f["geometry"]["coordinates"] for f in features if f["properties"]["place"] == "Warsaw"]
    assert warsaw
    lon, lat = warsaw[0]
    assert 20 < lon < 22 and 51 < lat < 53  # Warsaw is at 21°E, 52°N


def test_event_places_filter_and_count_mentions(engine: Engine) -> None:
    everything = event_places(engine)["features"]
    coerced = event_places(engine, type="COERCE")["features"]
    assert 0 < len(coerced) <= len(everything)
    for f in coerced:
        p = f["properties"]
        assert p["type"] == "COERCE"
        assert p["mentions"] >= p["articles"] >= 1
