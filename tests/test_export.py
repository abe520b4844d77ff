"""`newsgraph export` and `newsgraph.store.export`: every format, read back with its own reader
(pyarrow, csv, json, networkx), against what the store holds.

The store is built for real, once for the module: the bundled examples plus a few short
articles (an attack, its denial, aid and arrests with places) go through `store.ingest` and so
through the whole pipeline. What each test expects is read off the store's tables with plain
SQL or off `newsgraph.extract_many`, never copied from an earlier run."""

from __future__ import annotations

import csv
import io
import json
import os
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pyarrow.parquet as pq
import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import ResourceClosedError

import newsgraph
from conftest import new_store_url
from newsgraph import store
from newsgraph.article import Article
from newsgraph.cli import main
from newsgraph.lexicon import quads
from newsgraph.read import read_paths
from newsgraph.store.export import FORMATS, export
from newsgraph.store.frames import EVENT_TABLE
from newsgraph.store.write import normalize_name

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
EXTRA: list[dict[str, Any]] = [
    {
        "id": "kharkiv",
        "date": "2024-03-04",
        "source": "Kyiv Daily",
        "url": "https://example.org/kharkiv",
        "text": "Russia attacked Ukraine on Monday, Ukrainian officials said.",
    },
    {
        "id": "denial",
        "date": "2024-03-05",
        "source": "Moscow Herald",
        "text": "Russia denied that it attacked Ukraine.",
    },
    {
        "id": "aid",
        "date": "2024-06-01",
        "text": "The United States sent 500 soldiers and $2 million in aid to Poland in March, the "
        "Pentagon said. Police arrested 30 protesters in Warsaw.",
    },
]


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    examples = [a for a in read_paths([str(EXAMPLES)]) if isinstance(a, Article)]
    assert len(examples) >= 10
    return examples + [Article(**a) for a in EXTRA]


@pytest.fixture(scope="module")
def engine(articles: list[Article], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """A SQLite store holding the articles (read-only for the tests)."""
    e = store.open(f"sqlite:///{tmp_path_factory.mktemp('export') / 'store.db'}")
    stats = store.ingest(e, articles, batch_size=32)
    assert stats.new == len(articles), stats
    yield e
    e.dispose()


@pytest.fixture(scope="module")
def db_arg(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def sql(engine: Engine, query: str, **params: Any) -> list[Any]:
    with engine.connect() as conn:
        return list(conn.execute(text(query), params))


def n_mentions(engine: Engine, where: str = "1 = 1", **params: Any) -> int:
    return int(sql(engine, f"SELECT count(*) FROM event_mentions WHERE {where}", **params)[0][0])


def group_of(engine: Engine) -> dict[int, int]:
    """Event mention id -> the event it counts for (its fused event, else its own)."""
    rows = sql(
        engine,
        "SELECT m.id, coalesce(e.fused_event_id, e.id) "
        "FROM event_mentions m JOIN events e ON e.id = m.event_id",
    )
    return dict(rows)


def sides(engine: Engine) -> dict[int, dict[str, list[int]]]:
    """Event mention id -> role -> actor ids, in order, straight from `event_actors`."""
    out: dict[int, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for mid, role, actor_id in sql(
        engine,
        "SELECT event_mention_id, role, actor_id FROM event_actors ORDER BY event_mention_id, role, position",
    ):
        out[mid][role].append(actor_id)
    return out


def write(engine: Engine, fmt: str, path: Path, **filters: Any) -> int:
    return export(engine, fmt, str(path), **filters)


def lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def a_type(engine: Engine) -> str:
    """The most frequent event type in the store (so a type filter keeps some, not all)."""
    return str(
        sql(engine, "SELECT type FROM event_mentions GROUP BY type ORDER BY count(*) DESC, type")[0][0]
    )


# -- the event table: parquet and csv ----------------------------------------------------------


def test_parquet_has_one_typed_row_per_event_mention(engine: Engine, tmp_path: Path) -> None:
    n = write(engine, "parquet", tmp_path / "events.parquet")
    table = pq.read_table(tmp_path / "events.parquet")
    assert n == table.num_rows == n_mentions(engine) > 0
    assert table.schema.names == EVENT_TABLE.names
    assert table.schema.field("actor_ids").type == EVENT_TABLE.field("actor_ids").type  # lists stay lists
    rows = table.to_pylist()
    assert len({r["mention"] for r in rows}) == len(rows)
    groups, who = group_of(engine), sides(engine)
    for r in rows:
        assert r["event"] == groups[r["mention"]]
        assert r["actor_ids"] == who[r["mention"]]["actor"]
        assert r["recipient_ids"] == who[r["mention"]]["recipient"]
        assert r["according_to_ids"] == who[r["mention"]]["according_to"]
        assert len(r["actors"]) == len(r["actor_ids"]) == len(r["actor_countries"])
        assert r["quad"] == quads()[r["type"]]


def test_parquet_rows_carry_their_quantities(engine: Engine, tmp_path: Path) -> None:
    write(engine, "parquet", tmp_path / "events.parquet")
    rows = pq.read_table(tmp_path / "events.parquet").to_pylist()
    linked = sql(engine, "SELECT event_mention_id, count(*) FROM event_quantities GROUP BY event_mention_id")
    assert linked, "the store should hold some event quantities"
    by_mention = {r["mention"]: r for r in rows}
    for mid, count in linked:
        amounts = by_mention[mid]["quantities"]
        assert len(amounts) == count
        assert all(q["value"] is not None and q["unit"] and q["unit_class"] for q in amounts)


def test_a_type_filter_narrows_the_table(engine: Engine, tmp_path: Path) -> None:
    etype = a_type(engine)
    n = write(engine, "parquet", tmp_path / "some.parquet", type=etype)
    rows = pq.read_table(tmp_path / "some.parquet").to_pylist()
    assert n == len(rows) == n_mentions(engine, "type = :t", t=etype)
    assert 0 < len(rows) < n_mentions(engine)
    assert {r["type"] for r in rows} == {etype}


def test_csv_is_the_same_table_with_list_cells_joined(engine: Engine, tmp_path: Path) -> None:
    n = write(engine, "csv", tmp_path / "events.csv")
    with open(tmp_path / "events.csv", newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        rows = list(reader)
        assert reader.fieldnames == EVENT_TABLE.names
    write(engine, "parquet", tmp_path / "events.parquet")
    table = pq.read_table(tmp_path / "events.parquet").to_pylist()
    assert n == len(rows) == len(table)
    for got, want in zip(rows, table, strict=True):
        assert int(got["mention"]) == want["mention"]
        assert got["actor_ids"] == "; ".join(str(i) for i in want["actor_ids"])
        assert got["actors"] == "; ".join(want["actors"])
        assert got["type"] == want["type"]
        assert got["latitude"] == ("" if want["latitude"] is None else str(want["latitude"]))
        if want["quantities"]:
            written = got["quantities"].split("; ")
            assert len(written) == len(want["quantities"])
            assert all(q["unit"] in cell for q, cell in zip(want["quantities"], written, strict=True))
        else:
            assert got["quantities"] == ""


def test_country_filter_keeps_events_with_that_country_on_either_side(engine: Engine, tmp_path: Path) -> None:
    n = write(engine, "csv", tmp_path / "rus.csv", country="RUS")
    with open(tmp_path / "rus.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert n == len(rows) > 0
    for r in rows:
        assert "RUS" in (r["actor_countries"] + "; " + r["recipient_countries"]).split("; ")


# -- newsgraph/1 records -------------------------------------------------------------------------


def identity(record: dict[str, Any], local: str | None) -> tuple[str, str, str | None] | None:
    """A record's actor as the store knows actors: kind, normalised name, country."""
    if local is None:
        return None
    a = next(x for x in record["actors"] if x["id"] == local)
    return (a["kind"], normalize_name(a["name"]), a["country"])


def as_stored(record: dict[str, Any]) -> dict[str, Any]:
    """What of a record the store gives back: actors by their store identity (the store keeps
    one name and sector per actor across articles, and actors of one record that share an
    identity become one), an event's quantities as a set (the store keeps no order for them)."""

    def who(ids: list[str]) -> list[Any]:
        return [identity(record, i) for i in ids]

    actors = [
        {"identity": identity(record, a["id"]), "id": a["id"], "role": a["role"], "mentions": a["mentions"]}
        for a in record["actors"]
    ]
    events = [
        e
        | {
            "actors": who(e["actors"]),
            "recipients": who(e["recipients"]),
            "according_to": who(e["according_to"]),
            "quantities": sorted(e["quantities"], key=lambda q: (q["start"], q["value"])),
        }
        for e in record["events"]
    ]
    claims = [c | {"speaker": identity(record, c["speaker"])} for c in record["claims"]]
    same = {k: record[k] for k in ("schema", "doc", "text", "quantities", "warnings")}
    return same | {"actors": actors, "events": events, "claims": claims}


def test_jsonl_rebuilds_each_article_record_from_the_store(
    engine: Engine, articles: list[Article], tmp_path: Path
) -> None:
    n = write(engine, "jsonl", tmp_path / "records.jsonl")
    exported = {r["doc"]["id"]: r for r in lines(tmp_path / "records.jsonl")}
    assert n == len(exported) == len(articles)
    extracted = list(newsgraph.extract_many(articles))
    assert sum(len(r["events"]) for r in extracted) > 0
    for want in extracted:
        got = exported[want["doc"]["id"]]
        assert list(got) == list(want)  # the same fields, in the same order
        assert as_stored(got) == as_stored(want), want["doc"]["id"]


def test_jsonl_with_a_filter_writes_whole_records_of_matching_articles(
    engine: Engine, tmp_path: Path
) -> None:
    etype = a_type(engine)
    n = write(engine, "jsonl", tmp_path / "some.jsonl", type=etype)
    records = lines(tmp_path / "some.jsonl")
    having = {
        r[0] for r in sql(engine, "SELECT DISTINCT article_id FROM event_mentions WHERE type = :t", t=etype)
    }
    assert n == len(records) == len(having)
    assert {r["doc"]["id"] for r in records} == having
    for r in records:  # whole records: the articles' other events stay in
        assert len(r["events"]) == n_mentions(engine, "article_id = :a", a=r["doc"]["id"])


# -- PLOVER --------------------------------------------------------------------------------------


def test_plover_json_has_one_record_per_event_with_plover_fields(engine: Engine, tmp_path: Path) -> None:
    n = write(engine, "plover-json", tmp_path / "events.plover.jsonl")
    records = lines(tmp_path / "events.plover.jsonl")
    groups = group_of(engine)
    assert n == len(records) == len(set(groups.values()))
    assert len({r["id"] for r in records}) == len(records)
    actors = {row.id: row for row in sql(engine, "SELECT id, name, country, sector FROM actors")}
    quad_code = {
        "verbal cooperation": 1,
        "material cooperation": 2,
        "verbal conflict": 3,
        "material conflict": 4,
    }
    for r in records:
        assert {"id", "date", "source", "event"} <= set(r)  # PLOVER's required fields
        assert all(t in quads() for t in r["event"])
        assert r["quad_code"] == quad_code[quads()[r["event"][0]]]
        for a in r["source"] + r["recipient"] + r["according_to"]:
            stored = actors[a["actor_id"]]
            assert a["actor_text"] == stored.name
            assert a.get("code") == stored.country
            assert a.get("sector") == stored.sector
        if "event_loc" in r:  # a geonames-style location; coordinates when the store has them
            assert "name" in r["event_loc"]
            assert ("latitude" in r["event_loc"]) == ("longitude" in r["event_loc"])
        assert r["mentions"] == sum(1 for g in groups.values() if f"newsgraph-{g}" == r["id"])


def test_plover_records_of_a_fused_event_gather_its_mentions(engine: Engine, tmp_path: Path) -> None:
    groups = group_of(engine)
    fused = {g for g in groups.values() if sum(1 for x in groups.values() if x == g) > 1}
    if not fused:
        pytest.skip("no event in the store has more than one mention")
    write(engine, "plover-json", tmp_path / "events.plover.jsonl")
    records = {r["id"]: r for r in lines(tmp_path / "events.plover.jsonl")}
    who = sides(engine)
    for g in fused:
        mids = [m for m, x in groups.items() if x == g]
        record = records[f"newsgraph-{g}"]
        assert record["mentions"] == len(mids)
        assert {a["actor_id"] for a in record["source"]} == {i for m in mids for i in who[m]["actor"]}


# -- networks ------------------------------------------------------------------------------------


def expected_edges(engine: Engine) -> dict[tuple[str, str], set[int]]:
    """actor -> recipient (node ids as GraphML gives them) -> the distinct events behind it:
    each actor of an event mention to each of its recipients; without recipients (a reciprocal
    act) each actor to each other."""
    groups, out = group_of(engine), defaultdict(set)
    for mid, roles in sides(engine).items():
        acts, recs = roles.get("actor", []), roles.get("recipient", [])
        pairs = (
            [(a, r) for a in acts for r in recs] if recs else [(a, b) for a in acts for b in acts if a != b]
        )
        for a, b in pairs:
            out[(str(a), str(b))].add(groups[mid])
    return out


def test_graphml_edges_run_from_actor_to_recipient(engine: Engine, tmp_path: Path) -> None:
    n = write(engine, "graphml", tmp_path / "net.graphml")
    graph = nx.read_graphml(tmp_path / "net.graphml")
    assert graph.is_directed()
    want = expected_edges(engine)
    assert n == graph.number_of_edges() == len(want) > 0
    assert set(graph.edges()) == set(want)
    for (a, b), events in want.items():
        data = graph.edges[a, b]
        assert data["events"] == data["weight"] == len(events)
        assert sum(v for k, v in data.items() if k.startswith("status_")) >= data["events"]
        quad_counts = [v for k, v in data.items() if k.startswith("quad_")]
        assert data["quad_" + data["quad"].replace(" ", "_")] == max(quad_counts) > 0  # the dominant one


def test_graphml_nodes_are_actors_with_their_attributes(engine: Engine, tmp_path: Path) -> None:
    write(engine, "graphml", tmp_path / "net.graphml")
    graph = nx.read_graphml(tmp_path / "net.graphml")
    in_events = {
        str(r[0])
        for r in sql(engine, "SELECT DISTINCT actor_id FROM event_actors WHERE role <> 'according_to'")
    }
    assert set(graph.nodes) == in_events
    for row in sql(engine, "SELECT id, name, kind, country, sector FROM actors"):
        if str(row.id) in graph:
            node = graph.nodes[str(row.id)]
            assert (node["name"], node["kind"], node.get("country"), node.get("sector")) == (
                row.name,
                row.kind,
                row.country,
                row.sector,
            )


def test_type_counts_are_flat_attributes_on_every_edge(engine: Engine, tmp_path: Path) -> None:
    write(engine, "graphml", tmp_path / "net.graphml")
    graph = nx.read_graphml(tmp_path / "net.graphml")
    type_keys = {k for _, _, d in graph.edges(data=True) for k in d if k.startswith("type_")}
    assert type_keys and type_keys <= {f"type_{t}" for t in quads()}
    for _, _, data in graph.edges(data=True):
        assert type_keys <= set(data)  # 0 where an edge has none, so tools can filter on it
        assert sum(data[k] for k in type_keys) >= data["events"]


def test_gexf_holds_the_same_network_with_names_as_labels(engine: Engine, tmp_path: Path) -> None:
    n = write(engine, "gexf", tmp_path / "net.gexf")
    write(engine, "graphml", tmp_path / "net.graphml")
    gexf = nx.read_gexf(tmp_path / "net.gexf")
    graphml = nx.read_graphml(tmp_path / "net.graphml")
    assert gexf.is_directed()
    assert n == gexf.number_of_edges()
    assert set(gexf.edges()) == set(graphml.edges())
    for node in graphml.nodes:
        assert gexf.nodes[node]["label"] == graphml.nodes[node]["name"]
    for a, b in graphml.edges():
        assert gexf.edges[a, b]["events"] == graphml.edges[a, b]["events"]


def test_an_actor_filter_keeps_that_actors_events(engine: Engine, tmp_path: Path) -> None:
    write(engine, "graphml", tmp_path / "all.graphml")
    everyone = nx.read_graphml(tmp_path / "all.graphml")
    busiest = max(everyone.nodes, key=everyone.degree)
    write(engine, "graphml", tmp_path / "one.graphml", actor=int(busiest))
    one = nx.read_graphml(tmp_path / "one.graphml")
    assert 0 < one.number_of_edges() < everyone.number_of_edges()
    assert busiest in one
    assert set(one.edges()) <= set(everyone.edges())


# -- the map -------------------------------------------------------------------------------------


def test_geojson_places_events_at_longitude_latitude(engine: Engine, tmp_path: Path) -> None:
    n = write(engine, "geojson", tmp_path / "events.geojson")
    collection = json.loads((tmp_path / "events.geojson").read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection"
    placed = sql(
        engine,
        "SELECT DISTINCT coalesce(e.fused_event_id, e.id) AS event, p.name, p.latitude, p.longitude "
        "FROM event_mentions m JOIN events e ON e.id = m.event_id JOIN places p ON p.id = m.place_id "
        "WHERE p.latitude IS NOT NULL AND p.longitude IS NOT NULL",
    )
    assert n == len(collection["features"]) == len(placed) > 0
    want = {(r.event, r.name): [r.longitude, r.latitude] for r in placed}
    for f in collection["features"]:
        assert f["type"] == "Feature" and f["geometry"]["type"] == "Point"
        p = f["properties"]
        assert f["geometry"]["coordinates"] == want[(p["event"], p["place"])]
        assert p["mentions"] >= 1 and p["articles"] >= 1
        assert p["quad"] == quads()[p["type"]]


def test_geojson_leaves_out_what_the_filters_exclude(engine: Engine, tmp_path: Path) -> None:
    n = write(engine, "geojson", tmp_path / "none.geojson", since="2999")
    assert n == 0
    assert json.loads((tmp_path / "none.geojson").read_text(encoding="utf-8")) == {
        "type": "FeatureCollection",
        "features": [],
    }


# -- files, standard output and errors -----------------------------------------------------------


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f != "parquet"])
def test_text_formats_go_to_standard_output(engine: Engine, fmt: str, tmp_path: Path, capsys: Any) -> None:
    n = export(engine, fmt, "-")
    printed = capsys.readouterr().out
    write(engine, fmt, tmp_path / "out")
    written = (tmp_path / "out").read_text(encoding="utf-8")
    assert n > 0 and printed
    assert undated(printed) == undated(written)


def undated(output: str) -> list[str]:
    """The lines of an export without GEXF's stamp of the day it was written."""
    return [line for line in output.splitlines() if "lastmodifieddate" not in line]


def test_binary_formats_refuse_standard_output(engine: Engine) -> None:
    with pytest.raises(ValueError, match="parquet is a binary format"):
        export(engine, "parquet", "-")


def test_an_unknown_format_names_the_allowed_ones(engine: Engine, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown export format 'xlsx'") as err:
        export(engine, "xlsx", str(tmp_path / "out.xlsx"))
    assert all(f in str(err.value) for f in FORMATS)
    assert not list(tmp_path.iterdir())


def test_a_failed_export_leaves_the_old_file_and_no_half_file(engine: Engine, tmp_path: Path) -> None:
    target = tmp_path / "events.csv"
    target.write_text("old\n", encoding="utf-8")
    closed = engine.connect()
    closed.close()  # the export fails on its first read, after its temporary file is made
    with pytest.raises(ResourceClosedError):
        export(closed, "csv", str(target))
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["events.csv"]


def test_an_export_replaces_the_file_with_the_usual_permissions(engine: Engine, tmp_path: Path) -> None:
    target = tmp_path / "events.geojson"
    target.write_text("old\n", encoding="utf-8")
    write(engine, "geojson", target)
    assert json.loads(target.read_text(encoding="utf-8"))["type"] == "FeatureCollection"
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask
    assert [p.name for p in tmp_path.iterdir()] == ["events.geojson"]


def test_a_bad_date_is_refused_before_anything_is_written(engine: Engine, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="not an ISO date"):
        write(engine, "csv", tmp_path / "out.csv", since="last week")
    assert not list(tmp_path.iterdir())


# -- the command line ----------------------------------------------------------------------------


def test_cli_export_writes_the_file_and_says_how_much(db_arg: str, tmp_path: Path, capsys: Any) -> None:
    out = tmp_path / "events.parquet"
    assert main(["export", "--db", db_arg, "--format", "parquet", "--output", str(out)]) == 0
    err = capsys.readouterr().err
    rows = pq.read_table(out).num_rows
    assert f"wrote {rows} parquet items to {out}" in err


def test_cli_export_passes_the_filters(engine: Engine, db_arg: str, tmp_path: Path) -> None:
    etype = a_type(engine)
    out = tmp_path / "some.csv"
    assert (
        main(["export", "--db", db_arg, "--format", "csv", "--output", str(out), "--type", etype.lower()])
        == 0
    )
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert len(rows) == n_mentions(engine, "type = :t", t=etype)


def test_cli_export_of_parquet_to_stdout_fails_with_a_message(db_arg: str, capsys: Any) -> None:
    assert main(["export", "--db", db_arg, "--format", "parquet", "--output", "-"]) == 1
    assert "newsgraph: error: parquet is a binary format" in capsys.readouterr().err


def test_cli_export_into_a_missing_directory_fails_with_a_message(
    db_arg: str, tmp_path: Path, capsys: Any
) -> None:
    out = tmp_path / "no" / "such" / "events.geojson"
    assert main(["export", "--db", db_arg, "--format", "geojson", "--output", str(out)]) == 1
    err = capsys.readouterr().err
    assert "newsgraph: error:" in err and "no such directory" in err
    assert not out.parent.exists()


def test_cli_export_from_a_missing_store_fails(tmp_path: Path, capsys: Any) -> None:
    db = f"sqlite:///{tmp_path / 'none.db'}"
    assert main(["export", "--db", db, "--format", "csv", "--output", str(tmp_path / "x.csv")]) == 1
    assert "newsgraph: error:" in capsys.readouterr().err
    assert not (tmp_path / "x.csv").exists()


def test_cli_export_refuses_an_unknown_format(db_arg: str, tmp_path: Path, capsys: Any) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["export", "--db", db_arg, "--format", "xlsx", "--output", str(tmp_path / "x")])
    assert exit_.value.code == 2
    assert "invalid choice: 'xlsx'" in capsys.readouterr().err


# -- PostgreSQL ----------------------------------------------------------------------------------


def test_postgresql_exports_the_same_as_sqlite(request: pytest.FixtureRequest, tmp_path: Path) -> None:
    """The same articles in a store on each backend export the same records and counts."""
    few = [Article(**a) for a in EXTRA]
    counts: dict[str, dict[str, int]] = {}
    records: dict[str, list[dict[str, Any]]] = {}
    for backend in ("sqlite", "postgresql"):
        e = store.open(new_store_url(request, backend, tmp_path))
        try:
            store.ingest(e, few)
            counts[backend] = {f: export(e, f, str(tmp_path / f"{backend}.{f}")) for f in FORMATS}
            records[backend] = lines(tmp_path / f"{backend}.jsonl")
        finally:
            e.dispose()
    assert counts["postgresql"] == counts["sqlite"]
    assert records["postgresql"] == records["sqlite"]
    assert counts["sqlite"]["jsonl"] == len(few)
