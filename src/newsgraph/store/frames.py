"""The store as pandas DataFrames and Arrow tables, for notebooks and other programs.

    >>> from newsgraph import store
    >>> from newsgraph.store import frames
    >>> engine = store.open("sqlite:///newsgraph.db")
    >>> frames.events_frame(engine, country="PRK", status="denied")   # one row per event
    >>> frames.event_table(engine, type="ASSAULT").to_pandas()       # one row per event mention

`events_frame`, `actors_frame`, `claims_frame`, `contested_frame` and `timeline_frame` are the
functions of `newsgraph.store.query` with a DataFrame for a result: same arguments, same
columns, list fields kept as Python lists. `event_table` is the flat table the parquet and CSV
exports write: one row per event mention (an event as one article tells it), with the fused
event it counts for, so that counting distinct `event` values counts events.

Every function takes an `Engine` (from `newsgraph.store.open`) or an open `Connection`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import pandas as pd
import pyarrow as pa
from sqlalchemy import Connection, Engine, func, select

from newsgraph.lexicon import quads
from newsgraph.store import query
from newsgraph.store import schema as t
from newsgraph.store.query import Row, _chunks, _connected, _group_key, _mention_filters, _sides

# The columns of each query's rows, for the frame of an empty result (a test checks that they
# are the columns the queries give).
EVENT_COLUMNS = [
    "event", "date", "type", "mode", "actors", "recipients", "status", "according_to", "mentions",
    "articles", "sources", "first_seen", "last_seen", "contested", "reports", "article", "trigger",
    "sentence", "place", "latitude", "longitude", "confidence", "actor_ids", "recipient_ids",
    "according_to_ids",
]  # fmt: skip
ACTOR_COLUMNS = ["id", "name", "kind", "country", "sector", "articles", "mentions", "events", "aliases"]
CLAIM_COLUMNS = [
    "claim", "date", "article", "speaker", "country", "source", "cue", "content", "kind", "stance",
    "events", "speaker_id",
]  # fmt: skip
CONTESTED_COLUMNS = [
    "event", "type", "actors", "recipients", "supported", "denied", "statuses", "reported_by",
    "denied_by", "mentions", "articles", "sources", "first", "last", "events",
]  # fmt: skip
TIMELINE_COLUMNS = ["date", "type", "events"]


def _frame(rows: list[Row], columns: list[str]) -> pd.DataFrame:
    """Rows as a DataFrame; an empty result still has its columns, so code can select them."""
    if not rows:
        return pd.DataFrame(columns=columns)
    return pd.DataFrame.from_records(rows)


def events_frame(
    db: Engine | Connection,
    *,
    actor: int | str | None = None,
    country: str | None = None,
    type: str | None = None,  # noqa: A002 - the PLOVER word
    status: str | None = None,
    since: str | None = None,
    until: str | None = None,
    min_sources: int | None = None,
    article: str | None = None,
    limit: int | None = None,
) -> pd.DataFrame:
    """`query.events` as a DataFrame: one row per (fused) event, oldest first."""
    rows = query.events(
        db,
        actor=actor,
        country=country,
        type=type,
        status=status,
        since=since,
        until=until,
        min_sources=min_sources,
        article=article,
        limit=limit,
    )
    return _frame(rows, EVENT_COLUMNS)


def actors_frame(
    db: Engine | Connection,
    *,
    name: int | str | None = None,
    country: str | None = None,
    kind: str | None = None,
    limit: int | None = None,
) -> pd.DataFrame:
    """`query.actors` as a DataFrame: one row per actor, most written about first."""
    return _frame(query.actors(db, name=name, country=country, kind=kind, limit=limit), ACTOR_COLUMNS)


def claims_frame(
    db: Engine | Connection,
    *,
    speaker: int | str | None = None,
    country: str | None = None,
    stance: str | None = None,
    kind: str | None = None,
    since: str | None = None,
    until: str | None = None,
    article: str | None = None,
    limit: int | None = None,
) -> pd.DataFrame:
    """`query.claims` as a DataFrame: one row per claim (who said what), by article date."""
    rows = query.claims(
        db,
        speaker=speaker,
        country=country,
        stance=stance,
        kind=kind,
        since=since,
        until=until,
        article=article,
        limit=limit,
    )
    return _frame(rows, CLAIM_COLUMNS)


def contested_frame(
    db: Engine | Connection,
    *,
    actor: int | str | None = None,
    country: str | None = None,
    type: str | None = None,  # noqa: A002
    since: str | None = None,
    until: str | None = None,
    limit: int | None = None,
) -> pd.DataFrame:
    """`query.contested` as a DataFrame: events some mentions support and others deny."""
    rows = query.contested(db, actor=actor, country=country, type=type, since=since, until=until, limit=limit)
    return _frame(rows, CONTESTED_COLUMNS)


def timeline_frame(
    db: Engine | Connection,
    *,
    actor: int | str | None = None,
    country: str | None = None,
    type: str | None = None,  # noqa: A002
    status: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> pd.DataFrame:
    """`query.timeline` as a DataFrame: events per day and type (ISO date strings)."""
    rows = query.timeline(
        db, actor=actor, country=country, type=type, status=status, since=since, until=until
    )
    return _frame(rows, TIMELINE_COLUMNS)


# -- one row per event mention ---------------------------------------------------------------

QUANTITY = pa.struct(
    [
        ("value", pa.float64()),
        ("unit", pa.string()),
        ("unit_class", pa.string()),
        ("approximate", pa.bool_()),
        ("bound", pa.string()),
        ("text", pa.string()),
    ]
)

# The event table's columns. Dates stay ISO text, as in the store.
EVENT_TABLE = pa.schema(
    [
        ("mention", pa.int64()),
        ("event", pa.int64()),
        ("article", pa.string()),
        ("source", pa.string()),
        ("url", pa.string()),
        ("date", pa.string()),
        ("type", pa.string()),
        ("quad", pa.string()),
        ("mode", pa.string()),
        ("status", pa.string()),
        ("confidence", pa.float64()),
        ("according_to", pa.list_(pa.string())),
        ("according_to_ids", pa.list_(pa.int64())),
        ("according_to_countries", pa.list_(pa.string())),
        ("actors", pa.list_(pa.string())),
        ("actor_ids", pa.list_(pa.int64())),
        ("actor_countries", pa.list_(pa.string())),
        ("recipients", pa.list_(pa.string())),
        ("recipient_ids", pa.list_(pa.int64())),
        ("recipient_countries", pa.list_(pa.string())),
        ("trigger", pa.string()),
        ("sentence", pa.string()),
        ("evidence", pa.string()),
        ("place", pa.string()),
        ("place_country", pa.string()),
        ("latitude", pa.float64()),
        ("longitude", pa.float64()),
        ("quantities", pa.list_(QUANTITY)),
    ]
)


# The event table's parallel lists for each role in an event mention: names, ids, countries.
SIDE_COLUMNS = {
    "actor": ("actors", "actor_ids", "actor_countries"),
    "recipient": ("recipients", "recipient_ids", "recipient_countries"),
    "according_to": ("according_to", "according_to_ids", "according_to_countries"),
}


def mention_rows(
    db: Engine | Connection,
    *,
    actor: int | str | None = None,
    country: str | None = None,
    type: str | None = None,  # noqa: A002
    status: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> list[Row]:
    """The event mentions that match the filters (as in `query.events`), one dict per mention
    with the fields of `EVENT_TABLE`, by date (undated last), event and mention.

    The one read of event mentions that the event table, the actor network and the map are
    built from, so that they all count the same things."""
    em, ev, ar, pl = t.event_mentions, t.events, t.articles, t.places
    where = _mention_filters(actor=actor, country=country, type=type, status=status, since=since, until=until)
    sentence = func.substr(ar.c.text, em.c.sentence_start + 1, em.c.sentence_end - em.c.sentence_start)
    stmt = (
        select(
            em.c.id.label("mention"),
            _group_key().label("event"),
            em.c.article_id.label("article"),
            ar.c.source,
            ar.c.url,
            em.c.date,
            em.c.type,
            em.c.mode,
            em.c.status,
            em.c.confidence,
            em.c.trigger_text.label("trigger"),
            sentence.label("sentence"),
            em.c.evidence,
            pl.c.name.label("place"),
            pl.c.country.label("place_country"),
            pl.c.latitude,
            pl.c.longitude,
        )
        .select_from(
            em.join(ev, ev.c.id == em.c.event_id)
            .join(ar, ar.c.id == em.c.article_id)
            .outerjoin(pl, pl.c.id == em.c.place_id)
        )
        .where(*where)
        .order_by(em.c.date.is_(None), em.c.date, _group_key(), em.c.id)
    )
    quad_of = quads()
    with _connected(db) as conn:
        rows = [dict(r._mapping) for r in conn.execute(stmt)]
        ids = [r["mention"] for r in rows]
        sides = _sides(conn, ids)
        amounts = _quantities(conn, ids)
    for r in rows:
        s = sides[r["mention"]]
        r["quad"] = quad_of.get(r["type"])
        r["sentence"] = " ".join(r["sentence"].split()) if r["sentence"] else None
        for role, (name_column, id_column, country_column) in SIDE_COLUMNS.items():
            r[name_column] = [a["name"] for a in s[role]]
            r[id_column] = [a["id"] for a in s[role]]
            r[country_column] = [a["country"] for a in s[role]]
        r["quantities"] = amounts[r["mention"]]
    return [{name: r[name] for name in EVENT_TABLE.names} for r in rows]


def _quantities(conn: Connection, mention_ids: Sequence[int]) -> dict[int, list[Row]]:
    """For each event mention: its quantities, in text order."""
    q, eq = t.quantities, t.event_quantities
    out: dict[int, list[Row]] = defaultdict(list)
    for chunk in _chunks(list(mention_ids)):
        rows = conn.execute(
            select(
                eq.c.event_mention_id,
                q.c.value,
                q.c.unit,
                q.c.unit_class,
                q.c.approximate,
                q.c.bound,
                q.c.text,
            )
            .join(q, q.c.id == eq.c.quantity_id)
            .where(eq.c.event_mention_id.in_(chunk))
            .order_by(eq.c.event_mention_id, q.c.char_start, q.c.id)
        )
        for r in rows:
            amount = dict(r._mapping)
            del amount["event_mention_id"]
            amount["approximate"] = bool(amount["approximate"])
            out[r.event_mention_id].append(amount)
    return out


def event_table(
    db: Engine | Connection,
    *,
    actor: int | str | None = None,
    country: str | None = None,
    type: str | None = None,  # noqa: A002
    status: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> pa.Table:
    """One row per event mention that matches the filters (as in `query.events`), typed by
    `EVENT_TABLE`: mention and (fused) event ids, article, source, url, date, type, quad, mode,
    status, confidence, according_to, actors and recipients (names, ids and countries as
    parallel lists, `SIDE_COLUMNS`), trigger, sentence, evidence, place (name, country, latitude, longitude)
    and quantities (a list of structs). `.to_pandas()` makes it a DataFrame."""
    rows = mention_rows(db, actor=actor, country=country, type=type, status=status, since=since, until=until)
    return pa.Table.from_pylist(rows, schema=EVENT_TABLE)


def actor_rows(db: Engine | Connection, ids: Sequence[int]) -> dict[int, Row]:
    """Actors by id: id, name, kind, country, sector (what graphs and PLOVER records need)."""
    a = t.actors
    out: dict[int, Row] = {}
    with _connected(db) as conn:
        for chunk in _chunks(sorted(set(ids))):
            for r in conn.execute(
                select(a.c.id, a.c.name, a.c.kind, a.c.country, a.c.sector).where(a.c.id.in_(chunk))
            ):
                out[r.id] = dict(r._mapping)
    return out
