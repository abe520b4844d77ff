"""The store, on SQLite and on a real PostgreSQL server: the schema its migrations build, what
one newsgraph/1 record becomes in the tables, and each query with each of its filters.

Articles go through the real pipeline (`store.ingest` calls `newsgraph.extract_many`); the
expected rows are read off the records `newsgraph.extract` gives for the same texts."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, insert, inspect, select, text, update
from sqlalchemy.exc import IntegrityError

import newsgraph
from conftest import BACKENDS, new_store_url
from newsgraph import store
from newsgraph.article import Article
from newsgraph.store import query
from newsgraph.store import schema as t
from newsgraph.store.db import current_revision, head_revision, normalize_url

ARTICLES: list[dict[str, Any]] = [
    {
        "id": "kharkiv",
        "date": "2024-03-04",
        "source": "Kyiv Daily",
        "url": "https://example.org/kharkiv",
        "title": "Russia attacks",
        "text": "Russia attacked Ukraine on Monday, Ukrainian officials said.",
    },
    {
        "id": "denial",
        "date": "2024-03-05",
        "source": "Moscow Herald",
        "text": "Russia denied that it attacked Ukraine.",
    },
    {"id": "drones", "date": "2024-05-10", "text": "U.S. officials said Iran sent drones to Russia."},
    {
        "id": "drones-denied",
        "date": "2024-05-11",
        "text": "Iran denied reports that it sent drones to Russia.",
    },
    {"id": "not-attacked", "date": "2023-01-02", "text": "Russia has not attacked Ukraine."},
    {
        "id": "aid",
        "date": "2024-06-01",
        "text": "The United States sent 500 soldiers and $2 million in aid to Poland in March, the "
        "Pentagon said. Police arrested 30 protesters in Warsaw.",
    },
]
TABLES = {
    "articles",
    "actors",
    "actor_aliases",
    "mentions",
    "places",
    "events",
    "event_mentions",
    "event_actors",
    "quantities",
    "event_quantities",
    "claims",
    "claim_events",
}


@pytest.fixture(scope="module")
def records() -> dict[str, dict[str, Any]]:
    """What the extractor gives for each article, to compare the store with."""
    fields = ("id", "title", "date", "source", "url")
    return {a["id"]: newsgraph.extract(a["text"], **{k: a.get(k) for k in fields}) for a in ARTICLES}


@pytest.fixture(scope="module", params=BACKENDS)
def loaded(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """A store holding ARTICLES, on each backend (read-only for the tests that use it)."""
    url = new_store_url(request, request.param, tmp_path_factory.mktemp("store"))
    engine = store.open(url)
    stats = store.ingest(engine, [Article(**a) for a in ARTICLES], batch_size=4)
    assert stats.new == len(ARTICLES), stats
    yield engine
    engine.dispose()


def rows(engine: Engine, stmt: Any) -> list[Any]:
    with engine.connect() as conn:
        return list(conn.execute(stmt))


# -- schema and migrations -----------------------------------------------------------------


def test_open_migrates_a_new_store_to_the_newest_schema(db_url: str) -> None:
    engine = store.open(db_url)
    try:
        assert current_revision(engine) == head_revision() is not None
        with engine.connect() as conn:
            assert compare_metadata(MigrationContext.configure(conn), t.metadata) == []
        assert set(inspect(engine).get_table_names()) == TABLES | {"alembic_version"}
    finally:
        engine.dispose()


def test_opening_a_store_again_keeps_its_rows_and_version(db_url: str) -> None:
    engine = store.open(db_url)
    store.ingest(engine, [Article(**ARTICLES[4])])
    engine.dispose()
    again = store.open(db_url)
    try:
        assert current_revision(again) == head_revision()
        assert query.count(again, "articles") == 1
    finally:
        again.dispose()


def test_indexes_cover_the_query_filters(db_url: str) -> None:
    engine = store.open(db_url)
    try:
        insp = inspect(engine)

        def indexed(table: str) -> set[tuple[str, ...]]:
            return {tuple(ix["column_names"]) for ix in insp.get_indexes(table)}

        assert {("type",), ("status",), ("date",), ("article_id",), ("event_id",)} <= indexed(
            "event_mentions"
        )
        assert {("type",), ("date",), ("fused_event_id",)} <= indexed("events")
        assert ("actor_id", "role") in indexed("event_actors")
        assert {("country",), ("name",)} <= indexed("actors")
        assert {("url",), ("text_hash",), ("date",)} <= indexed("articles")
        assert {("speaker_id",), ("stance",)} <= indexed("claims")
    finally:
        engine.dispose()


def test_foreign_keys_are_enforced(db_url: str) -> None:
    engine = store.open(db_url)
    try:
        with pytest.raises(IntegrityError), engine.begin() as conn:
            conn.execute(
                insert(t.mentions).values(article_id="no-such-article", actor_id=12345, local_id="A1")
            )
    finally:
        engine.dispose()


def test_a_sqlite_store_is_in_wal_mode(tmp_path: Path) -> None:
    engine = store.open(f"sqlite:///{tmp_path / 'wal.db'}")
    try:
        with engine.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    finally:
        engine.dispose()


def test_a_store_written_by_a_newer_newsgraph_is_refused(db_url: str) -> None:
    engine = store.open(db_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    engine.dispose()
    with pytest.raises(store.StoreError, match="newer newsgraph"):
        store.open(db_url)


def test_a_file_that_is_not_sqlite_is_a_clear_error_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 20)
    with pytest.raises(store.StoreError, match="notes.db is not a SQLite database"):
        store.open(f"sqlite:///{path}")
    assert path.read_text() == "these are my notes, not a database\n" * 20


def test_a_damaged_sqlite_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "damaged.db"
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 2000)
    with pytest.raises(store.StoreError, match="damaged.db"):
        store.open(f"sqlite:///{path}")


def test_reading_a_store_that_does_not_exist_does_not_create_one(tmp_path: Path) -> None:
    path = tmp_path / "missing.db"
    with pytest.raises(store.StoreError, match="no database at"):
        store.open(f"sqlite:///{path}", create=False)
    assert not path.exists()


def test_urls(tmp_path: Path) -> None:
    assert normalize_url("postgresql://u@h/db").drivername == "postgresql+psycopg"
    assert normalize_url("postgres://u@h/db").drivername == "postgresql+psycopg"
    assert normalize_url(str(tmp_path / "x.db")).drivername == "sqlite"
    with pytest.raises(store.StoreError, match="unsupported database"):
        store.open("mysql://u@h/db")
    with pytest.raises(store.StoreError, match="no directory"):
        store.open(f"sqlite:///{tmp_path / 'no' / 'such' / 'dir.db'}")


def test_an_unreachable_postgresql_server_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(store.StoreError, match="cannot connect"):
        store.open(f"postgresql://nobody@/nodb?host={tmp_path}")


# -- what a record becomes -----------------------------------------------------------------


def names_of(engine: Engine, mention_id: int, role: str) -> list[str]:
    stmt = (
        select(t.actors.c.name)
        .join(t.event_actors, t.event_actors.c.actor_id == t.actors.c.id)
        .where(t.event_actors.c.event_mention_id == mention_id, t.event_actors.c.role == role)
        .order_by(t.event_actors.c.position)
    )
    return [r.name for r in rows(engine, stmt)]


def test_every_part_of_each_record_is_stored(loaded: Engine, records: dict[str, dict[str, Any]]) -> None:
    for art in ARTICLES:
        rec = records[art["id"]]
        actors = {a["id"]: a for a in rec["actors"]}

        (row,) = rows(loaded, select(t.articles).where(t.articles.c.id == art["id"]))
        assert (row.url, row.title, row.date, row.source) == tuple(
            art.get(k) for k in ("url", "title", "date", "source")
        )
        assert (row.text, row.language, row.duplicate_of) == (rec["text"], "en", None)

        mentions = rows(
            loaded, select(t.mentions, t.actors).join(t.actors).where(t.mentions.c.article_id == art["id"])
        )
        assert sorted(
            (m.local_id, m.name, m.kind, m.country, m.sector, m.char_start, m.char_end) for m in mentions
        ) == sorted(
            (a["id"], a["name"], a["kind"], a["country"], a["sector"], s, e)
            for a in rec["actors"]
            for s, e in a["mentions"]
        )

        stored = rows(loaded, select(t.event_mentions).where(t.event_mentions.c.article_id == art["id"]))
        assert len(stored) == len(rec["events"])
        by_local = {m.local_id: m for m in stored}
        for e in rec["events"]:
            m = by_local[e["id"]]
            assert (m.type, m.mode, m.status, m.confidence, m.evidence) == (
                e["type"],
                e["mode"],
                e["status"],
                e["confidence"],
                e["evidence"],
            )
            assert (m.trigger_text, m.trigger_start, m.trigger_end) == tuple(e["trigger"].values())
            assert (m.sentence_start, m.sentence_end) == (e["sentence"]["start"], e["sentence"]["end"])
            for role, field in (
                ("actor", "actors"),
                ("recipient", "recipients"),
                ("according_to", "according_to"),
            ):
                assert names_of(loaded, m.id, role) == [actors[i]["name"] for i in e[field]], (e, role)
            time = e["time"] or {}
            assert (m.time_text, m.time_date, m.time_end_date, m.time_granularity) == (
                time.get("text"),
                time.get("date"),
                time.get("end_date"),
                time.get("granularity"),
            )
            qty = rows(
                loaded,
                select(t.quantities.c.text, t.quantities.c.value)
                .join(t.event_quantities)
                .where(t.event_quantities.c.event_mention_id == m.id),
            )
            assert sorted(qty) == sorted((q["text"], q["value"]) for q in e["quantities"])

        qs = rows(loaded, select(t.quantities).where(t.quantities.c.article_id == art["id"]))
        assert sorted(
            (q.value, q.unit, q.unit_class, q.approximate, q.bound, q.text, q.char_start, q.char_end)
            for q in qs
        ) == sorted(
            (
                q["value"],
                q["unit"],
                q["unit_class"],
                q["approximate"],
                q["bound"],
                q["text"],
                q["start"],
                q["end"],
            )
            for q in rec["quantities"]
        )

        cls = rows(
            loaded,
            select(t.claims, t.actors.c.name)
            .outerjoin(t.actors, t.actors.c.id == t.claims.c.speaker_id)
            .where(t.claims.c.article_id == art["id"]),
        )
        assert sorted(
            (
                c.local_id,
                c.name,
                c.source_text,
                c.source_start,
                c.cue_text,
                c.cue_start,
                c.content_text,
                c.kind,
                c.stance,
            )
            for c in cls
        ) == sorted(
            (
                c["id"],
                actors[c["speaker"]]["name"] if c["speaker"] else None,
                (c["source"] or {}).get("text"),
                (c["source"] or {}).get("start"),
                c["cue"]["text"],
                c["cue"]["start"],
                c["content"]["text"],
                c["kind"],
                c["stance"],
            )
            for c in rec["claims"]
        )
        links = rows(
            loaded,
            select(t.claims.c.local_id, t.event_mentions.c.local_id.label("event"))
            .join(t.claim_events, t.claim_events.c.claim_id == t.claims.c.id)
            .join(t.event_mentions, t.event_mentions.c.id == t.claim_events.c.event_mention_id)
            .where(t.claims.c.article_id == art["id"]),
        )
        assert sorted(tuple(r) for r in links) == sorted(
            (c["id"], ev) for c in rec["claims"] for ev in c["events"]
        )


def test_offsets_point_into_the_stored_text(loaded: Engine) -> None:
    texts = {r.id: r.text for r in rows(loaded, select(t.articles.c.id, t.articles.c.text))}
    for m in rows(loaded, select(t.mentions)):
        assert texts[m.article_id][m.char_start : m.char_end] == m.text
    for e in rows(loaded, select(t.event_mentions)):
        assert texts[e.article_id][e.trigger_start : e.trigger_end] == e.trigger_text
    for c in rows(loaded, select(t.claims)):
        assert texts[c.article_id][c.cue_start : c.cue_end] == c.cue_text


def test_an_actor_is_one_row_across_articles(loaded: Engine) -> None:
    (russia,) = rows(loaded, select(t.actors).where(t.actors.c.key == "state|russia|RUS"))
    assert (russia.name, russia.kind, russia.country) == ("Russia", "state", "RUS")
    in_articles = {
        r.article_id for r in rows(loaded, select(t.mentions).where(t.mentions.c.actor_id == russia.id))
    }
    assert in_articles == {"kharkiv", "denial", "drones", "drones-denied", "not-attacked"}
    aliases = {
        r.alias for r in rows(loaded, select(t.actor_aliases).where(t.actor_aliases.c.actor_id == russia.id))
    }
    assert "russia" in aliases


def test_event_dates_come_from_the_time_expression_else_the_article(loaded: Engine) -> None:
    def dated(article: str) -> dict[str, tuple[str | None, str | None, str | None]]:
        stmt = select(t.event_mentions).where(t.event_mentions.c.article_id == article)
        return {r.type: (r.date, r.time_date, r.time_granularity) for r in rows(loaded, stmt)}

    assert dated("kharkiv")["ASSAULT"] == ("2024-03-04", "2024-03-04", "day")  # "on Monday"
    assert dated("aid")["AID"] == ("2024-03-01", "2024-03", "month")  # "in March": its first day
    assert dated("aid")["COERCE"] == ("2024-06-01", None, None)  # no time: the article's date
    assert dated("drones")["AID"] == ("2024-05-10", None, None)


def test_mentions_of_the_same_event_in_several_articles_are_fused(loaded: Engine) -> None:
    """Kyiv's report of the attack and Moscow's denial a day later are one event; the
    narrator's "has not attacked" of a year before is another."""
    assert query.count(loaded, "events") == query.count(loaded, "event_mentions")  # one row each
    pairs = rows(loaded, select(t.events.c.type, t.event_mentions.c.type).join(t.event_mentions))
    assert all(a == b for a, b in pairs)
    fused = {
        frozenset(m["article"] for m in e["reports"]): e
        for e in query.events(loaded)
        if len(e["reports"]) > 1
    }
    assert set(fused) == {frozenset({"kharkiv", "denial"}), frozenset({"drones", "drones-denied"})}
    attack = fused[frozenset({"kharkiv", "denial"})]
    assert (attack["type"], attack["sources"], attack["contested"]) == ("ASSAULT", 2, True)
    assert (attack["first_seen"], attack["last_seen"]) == ("2024-03-04", "2024-03-05")
    (negated,) = query.events(loaded, article="not-attacked")
    assert negated["event"] != attack["event"] and not negated["contested"]


def test_places_are_geocoded_rows_events_point_to(loaded: Engine) -> None:
    (warsaw,) = rows(loaded, select(t.places).where(t.places.c.name == "Warsaw"))
    assert (warsaw.country, warsaw.geonameid) == ("POL", 756135)
    assert warsaw.latitude == pytest.approx(52.23, abs=0.01) and warsaw.longitude == pytest.approx(
        21.01, abs=0.01
    )
    (coerce,) = rows(loaded, select(t.event_mentions).where(t.event_mentions.c.type == "COERCE"))
    assert coerce.place_id == warsaw.id


# -- queries -------------------------------------------------------------------------------


def triples(events: list[dict[str, Any]]) -> set[tuple[str, str, str]]:
    """(article, type, status) of every mention of these events."""
    return {(m["article"], e["type"], m["status"]) for e in events for m in e["reports"]}


def test_events_lists_every_event_oldest_first(loaded: Engine, records: dict[str, dict[str, Any]]) -> None:
    events = query.events(loaded)
    assert sum(len(e["reports"]) for e in events) == sum(len(r["events"]) for r in records.values())
    dates = [e["date"] for e in events]
    assert dates == sorted(dates)
    (kharkiv,) = [e for e in events if e["article"] == "kharkiv"]
    assert kharkiv | {"event": 0} == kharkiv | {
        "event": 0,
        "date": "2024-03-04",
        "type": "ASSAULT",
        "actors": ["Russia (RUS)"],
        "recipients": ["Ukraine (UKR)"],
        "status": "reported, denied",  # Moscow's denial is a mention of the same event
        "according_to": ["Ukrainian officials (UKR)", "Russia (RUS)"],
        "mentions": 2,
        "articles": 2,
        "sources": 2,
        "trigger": "attacked",
        "sentence": ARTICLES[0]["text"],
    }


def test_events_by_actor_name_or_id(loaded: Engine) -> None:
    assert triples(query.events(loaded, actor="iran")) == {
        ("drones", "AID", "reported"),
        ("drones-denied", "REJECT", "asserted"),
        ("drones-denied", "AID", "denied"),
    }
    (iran,) = query.actors(loaded, name="Iran")
    assert triples(query.events(loaded, actor=iran["id"])) == triples(query.events(loaded, actor="IRAN"))
    assert triples(query.events(loaded, actor=str(iran["id"]))) == triples(query.events(loaded, actor="iran"))
    assert query.events(loaded, actor="Atlantis") == []


def test_events_by_country_on_either_side(loaded: Engine) -> None:
    ukraine = query.events(loaded, country="ukr")
    assert {x for x in triples(ukraine) if x[1] == "ASSAULT"} == {
        ("kharkiv", "ASSAULT", "reported"),
        ("denial", "ASSAULT", "denied"),
        ("not-attacked", "ASSAULT", "negated"),
    }
    assert all("Ukraine (UKR)" in e["actors"] + e["recipients"] for e in ukraine)
    assert {e["article"] for e in query.events(loaded, country="POL")} == {"aid"}


def test_events_by_type_and_status(loaded: Engine) -> None:
    assert triples(query.events(loaded, type="reject")) == {
        ("denial", "REJECT", "asserted"),
        ("drones-denied", "REJECT", "asserted"),
    }
    assert triples(query.events(loaded, status="denied")) == {
        ("denial", "ASSAULT", "denied"),
        ("drones-denied", "AID", "denied"),
    }
    assert triples(query.events(loaded, type="ASSAULT", status="negated")) == {
        ("not-attacked", "ASSAULT", "negated")
    }


def test_events_by_date_a_month_or_year_means_all_of_it(loaded: Engine) -> None:
    assert {e["date"] for e in query.events(loaded, since="2024-05")} == {
        "2024-05-10",
        "2024-05-11",
        "2024-06-01",
    }
    assert {e["date"] for e in query.events(loaded, until="2024-03")} == {
        "2023-01-02",
        "2024-03-01",
        "2024-03-04",
        "2024-03-05",
    }
    assert {e["date"] for e in query.events(loaded, since="2024-03-04", until="2024-03-05")} == {
        "2024-03-04",
        "2024-03-05",
    }
    assert {e["date"] for e in query.events(loaded, until="2023")} == {"2023-01-02"}
    with pytest.raises(ValueError, match="not an ISO date"):
        query.events(loaded, since="last tuesday")


def test_events_by_number_of_sources(loaded: Engine) -> None:
    assert len(query.events(loaded, min_sources=1)) == len(query.events(loaded))
    two = query.events(loaded, min_sources=2)  # the attack and the drones, each reported and denied
    assert {(e["type"], e["sources"]) for e in two} == {("ASSAULT", 2), ("AID", 2)}
    assert query.events(loaded, min_sources=3) == []


def test_events_of_one_article_and_a_limit(loaded: Engine) -> None:
    assert triples(query.events(loaded, article="drones")) == {("drones", "AID", "reported")}
    assert len(query.events(loaded, limit=2)) == 2


def test_actors_most_written_about_first_with_filters(loaded: Engine) -> None:
    everyone = query.actors(loaded)
    assert everyone[0]["name"] == "Russia" and everyone[0]["articles"] == 5
    assert everyone[0]["events"] == len(query.events(loaded, actor=everyone[0]["id"]))
    assert [a["name"] for a in query.actors(loaded, name="russ")] == ["Russia"]
    assert {a["name"] for a in query.actors(loaded, country="USA")} >= {"United States", "U.S. officials"}
    assert {a["kind"] for a in query.actors(loaded, kind="group")} == {"group"}
    pentagon = query.actors(loaded, name="pentagon")  # a name it is mentioned by
    assert [a["name"] for a in pentagon] == ["United States"]
    assert "Pentagon" in pentagon[0]["aliases"]
    assert len(query.actors(loaded, limit=3)) == 3


def test_claims_with_filters(loaded: Engine) -> None:
    def arts(claims: list[dict[str, Any]]) -> set[str]:
        return {c["article"] for c in claims}

    everything = query.claims(loaded)
    assert arts(everything) == {"kharkiv", "denial", "drones", "drones-denied", "aid"}
    assert arts(query.claims(loaded, stance="deny")) == {"denial", "drones-denied"}
    assert arts(query.claims(loaded, speaker="iran")) == {"drones-denied"}
    assert arts(query.claims(loaded, country="USA")) == {"drones", "aid"}
    assert arts(query.claims(loaded, kind="indirect")) == arts(everything)
    assert arts(query.claims(loaded, since="2024-05", until="2024-05-31")) == {"drones", "drones-denied"}
    (kharkiv,) = query.claims(loaded, article="kharkiv")
    assert (kharkiv["speaker"], kharkiv["cue"], kharkiv["content"], kharkiv["events"]) == (
        "Ukrainian officials (UKR)",
        "said",
        "Russia attacked Ukraine on Monday",
        1,
    )


def test_contested_events_are_fused_events_reported_and_denied(loaded: Engine) -> None:
    groups = {(g["type"], tuple(g["actors"]), tuple(g["recipients"])): g for g in query.contested(loaded)}
    assert set(groups) == {
        ("ASSAULT", ("Russia (RUS)",), ("Ukraine (UKR)",)),
        ("AID", ("Iran (IRN)",), ("Russia (RUS)",)),
    }
    attack = groups[("ASSAULT", ("Russia (RUS)",), ("Ukraine (UKR)",))]
    # The narrator's "has not attacked" of 2023 is another event: not part of this one.
    assert (attack["supported"], attack["denied"], attack["articles"], attack["sources"]) == (1, 1, 2, 2)
    assert attack["reported_by"] == ["Ukrainian officials (UKR)"] and attack["denied_by"] == ["Russia (RUS)"]
    assert (attack["first"], attack["last"]) == ("2024-03-04", "2024-03-05")
    drones = groups[("AID", ("Iran (IRN)",), ("Russia (RUS)",))]
    assert drones["statuses"] in {"reported 1, denied 1", "denied 1, reported 1"}
    assert [g["type"] for g in query.contested(loaded, type="AID")] == ["AID"]
    assert [g["type"] for g in query.contested(loaded, country="UKR")] == ["ASSAULT"]
    assert [g["type"] for g in query.contested(loaded, actor="iran")] == ["AID"]
    assert query.contested(loaded, since="2024-05-11") == []  # a denial alone is not contested


def test_timeline_counts_events_per_day_and_type(loaded: Engine) -> None:
    days = query.timeline(loaded)
    assert sum(d["events"] for d in days) == len(query.events(loaded))  # an event counts once,
    assert {"date": "2024-03-04", "type": "ASSAULT", "events": 1} in days  # on its first date
    assert {"date": "2024-03-05", "type": "ASSAULT", "events": 0} not in days
    assert {"date": "2024-03-05", "type": "REJECT", "events": 1} in days
    assert [(d["date"], d["type"]) for d in days] == sorted((d["date"], d["type"]) for d in days)
    assert query.timeline(loaded, status="denied") == [
        {"date": "2024-03-05", "type": "ASSAULT", "events": 1},
        {"date": "2024-05-11", "type": "AID", "events": 1},
    ]
    assert {d["type"] for d in query.timeline(loaded, type="REJECT")} == {"REJECT"}
    ukraine = {(d["date"], d["type"]) for d in query.timeline(loaded, country="UKR", since="2024")}
    assert ("2024-03-04", "ASSAULT") in ukraine and all(day >= "2024" for day, _ in ukraine)
    assert {d["date"] for d in query.timeline(loaded, actor="police")} == {"2024-06-01"}


def test_summary(loaded: Engine, records: dict[str, dict[str, Any]]) -> None:
    s = query.summary(loaded)
    events = [e for r in records.values() for e in r["events"]]
    fused = len(query.events(loaded))
    assert (s["articles"], s["duplicates"], s["event_mentions"]) == (len(ARTICLES), 0, len(events))
    assert (s["events"], s["contested"]) == (fused, 2) and fused < len(events)
    assert s["claims"] == sum(len(r["claims"]) for r in records.values())
    assert (
        s["events_by_status"]["denied"] == 2 and s["events_by_type"]["ASSAULT"] == 2
    )  # 3 mentions, 2 events
    assert sum(s["events_by_type"].values()) == fused
    assert sum(s["events_by_status"].values()) == len(events)


def test_queries_take_a_connection_too(loaded: Engine) -> None:
    with loaded.connect() as conn:
        assert len(query.events(conn, type="AID")) == len(query.events(loaded, type="AID"))


def test_the_store_reads_in_plain_clients(loaded: Engine) -> None:
    """Datasette, pandas, the sqlite3 shell and psql read the tables as they are."""
    sql = "SELECT count(*) FROM event_mentions WHERE status = 'denied'"
    if loaded.dialect.name == "sqlite":
        assert loaded.url.database
        with sqlite3.connect(loaded.url.database) as conn:
            assert conn.execute(sql).fetchone()[0] == 2
    else:
        import psycopg

        url = loaded.url.set(drivername="postgresql").render_as_string(hide_password=False)
        with psycopg.connect(url) as conn:
            assert conn.execute(sql).fetchone() == (2,)


def test_updating_fusion_is_possible_later(db_url: str) -> None:
    """`fused_event_id` groups events: the queries count a fused event once."""
    engine = store.open(db_url)
    try:
        store.ingest(engine, [Article(**ARTICLES[0]), Article(**ARTICLES[1])])
        (reported,) = query.events(engine, article="kharkiv")
        (denied,) = query.events(engine, article="denial", type="ASSAULT")
        with engine.begin() as conn:
            conn.execute(
                update(t.events)
                .where(t.events.c.id == denied["event"])
                .values(fused_event_id=reported["event"])
            )
        (fused,) = query.events(engine, type="ASSAULT")
        assert (fused["event"], fused["mentions"], fused["articles"], fused["sources"]) == (
            reported["event"],
            2,
            2,
            2,
        )
        assert fused["status"] == "reported, denied"
        assert [e["event"] for e in query.events(engine, type="ASSAULT", min_sources=2)] == [
            reported["event"]
        ]
    finally:
        engine.dispose()


@pytest.mark.parametrize(
    "filters", [{}, {"actor": "russia"}, {"country": "UKR", "type": "ASSAULT"}, {"actor": 1}]
)
def test_a_page_of_events_is_the_same_whichever_plan_finds_it(
    loaded: Engine, filters: dict[str, Any]
) -> None:
    """Walking mentions in date order (for filters that match many) and grouping them all (for
    few) pick the same first events, oldest first."""
    where = query._mention_filters(**filters)
    probed = query._mention_filters(**filters, probe=True)
    with loaded.connect() as conn:
        for n in (1, 2, 3, 100):
            walked = query._first_events(conn, where, probed, n, walk=True)
            grouped = query._first_events(conn, where, probed, n, walk=False)
            assert walked == grouped
    page = query.events(loaded, limit=2, **filters)
    assert [e["event"] for e in page] == [e["event"] for e in query.events(loaded, **filters)][:2]


def test_a_page_of_claims_is_the_start_of_all_of_them(loaded: Engine) -> None:
    everything = query.claims(loaded)
    for n in range(1, len(everything) + 2):
        assert query.claims(loaded, limit=n) == everything[:n]
    assert query.claims(loaded, limit=2, since="2024-05") == query.claims(loaded, since="2024-05")[:2]
