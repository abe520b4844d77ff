"""The store's tables (SQLAlchemy Core), the same on SQLite and PostgreSQL.

This is the schema the code reads and writes; the migrations in `migrations/versions/` build
it (a test checks that the migrated database and this metadata agree). Conventions, so that
Datasette, pandas and plain SQL read it without help:

- surrogate integer ids, except `articles.id`, which is the article's identity (its `id`
  when the input gives one, else its URL, else `sha256:` and its text hash);
- dates are ISO text (`yyyy-mm-dd`, as given for articles), times UTC ISO text;
- character offsets are `[*_start, *_end)` into `articles.text` (the text as extracted);
- coordinates are `latitude` / `longitude`;
- lists live in link tables (`event_actors`, `event_quantities`, `claim_events`), not JSON,
  except `articles.warnings` (a JSON list of strings, for humans).
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING)

# One row per article read: extracted ones carry their text; a duplicate (same URL or same
# normalised text as an article already stored) carries `duplicate_of` and no text.
articles = Table(
    "articles",
    metadata,
    Column("id", String, primary_key=True),
    Column("url", String),
    Column("title", String),
    Column("date", String),
    Column("source", String),
    Column("language", String),
    Column("text_hash", String(64), nullable=False),
    Column("text", Text),
    Column("duplicate_of", String, ForeignKey("articles.id")),
    Column("warnings", Text),
    Column("ingested_at", String, nullable=False),
    Index(None, "url"),
    Index(None, "text_hash"),
    Index(None, "date"),
    Index(None, "duplicate_of"),
)

# One row per actor across articles, keyed for now by kind, normalised name and country
# (`key`); resolving names to one actor across articles is a later step (`actor_aliases`).
actors = Table(
    "actors",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("key", String, nullable=False, unique=True),
    Column("name", String, nullable=False),
    Column("kind", String, nullable=False),
    Column("country", String),
    Column("sector", String),
    Index(None, "country"),
    Index(None, "name"),
)

# Names an actor is mentioned by (normalised `alias`, first spelling seen in `name`).
actor_aliases = Table(
    "actor_aliases",
    metadata,
    Column("actor_id", Integer, ForeignKey("actors.id"), primary_key=True),
    Column("alias", String, primary_key=True),
    Column("name", String, nullable=False),
    Index(None, "alias"),
)

# Where an actor is mentioned in an article: one row per span (offsets null when the record
# names the actor without a span). `local_id` is the record's actor id ("A1").
mentions = Table(
    "mentions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", String, ForeignKey("articles.id"), nullable=False),
    Column("actor_id", Integer, ForeignKey("actors.id"), nullable=False),
    Column("local_id", String, nullable=False),
    Column("role", String),
    Column("char_start", Integer),
    Column("char_end", Integer),
    Column("text", String),
    Index(None, "article_id"),
    Index(None, "actor_id"),
)

# A place events happen at: one row per geonameid, or per (name, country) without one.
places = Table(
    "places",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("key", String, nullable=False, unique=True),
    Column("name", String, nullable=False),
    Column("country", String),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("geonameid", Integer),
    Index(None, "country"),
)

# A cross-article event. For now one per event mention; fusing mentions of the same event
# from several articles will point the others' `fused_event_id` at the one that stands for them.
events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("type", String, nullable=False),
    Column("mode", String),
    Column("date", String),
    Column("fused_event_id", Integer, ForeignKey("events.id")),
    Index(None, "type"),
    Index(None, "type", "date"),
    Index(None, "date"),
    Index(None, "fused_event_id"),
)

# An event as one article tells it (one event of a newsgraph/1 record). `date` is the ISO day
# the event is placed on: its time expression's date (a month or year is its first day), else
# the article's date.
event_mentions = Table(
    "event_mentions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("event_id", Integer, ForeignKey("events.id"), nullable=False),
    Column("article_id", String, ForeignKey("articles.id"), nullable=False),
    Column("local_id", String, nullable=False),
    Column("type", String, nullable=False),
    Column("mode", String),
    Column("status", String, nullable=False),
    Column("confidence", Float),
    Column("evidence", Text),
    Column("trigger_text", String),
    Column("trigger_start", Integer),
    Column("trigger_end", Integer),
    Column("sentence_start", Integer),
    Column("sentence_end", Integer),
    Column("date", String),
    Column("time_text", String),
    Column("time_text_start", Integer),
    Column("time_text_end", Integer),
    Column("time_date", String),
    Column("time_end_date", String),
    Column("time_granularity", String),
    Column("place_id", Integer, ForeignKey("places.id")),
    Index(None, "event_id"),
    Index(None, "article_id"),
    Index(None, "type"),
    Index(None, "status"),
    Index(None, "type", "date"),
    Index(None, "status", "date"),
    Index(None, "date"),
    Index(None, "place_id"),
)

# Who an event mention is by (`role` "actor"), to ("recipient") and according to
# ("according_to"), in the record's order (`position`).
event_actors = Table(
    "event_actors",
    metadata,
    Column("event_mention_id", Integer, ForeignKey("event_mentions.id"), primary_key=True),
    Column("role", String, primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("actor_id", Integer, ForeignKey("actors.id"), nullable=False),
    Index(None, "actor_id", "role"),
    # Covering: an actor's mentions (profile, network, events page) without reading the table.
    Index(None, "actor_id", "role", "event_mention_id"),
)

# Every quantity an article states; `event_quantities` says which belong to which event.
quantities = Table(
    "quantities",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", String, ForeignKey("articles.id"), nullable=False),
    Column("value", Float, nullable=False),
    Column("unit", String, nullable=False),
    Column("unit_class", String, nullable=False),
    Column("approximate", Boolean, nullable=False),
    Column("bound", String),
    Column("text", String),
    Column("char_start", Integer),
    Column("char_end", Integer),
    Index(None, "article_id"),
    Index(None, "unit_class"),
)

event_quantities = Table(
    "event_quantities",
    metadata,
    Column("event_mention_id", Integer, ForeignKey("event_mentions.id"), primary_key=True),
    Column("quantity_id", Integer, ForeignKey("quantities.id"), primary_key=True),
    Index(None, "quantity_id"),
)

# Who said what: the speaker (an actor, or null), and the source, cue and content spans.
claims = Table(
    "claims",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", String, ForeignKey("articles.id"), nullable=False),
    Column("local_id", String, nullable=False),
    Column("speaker_id", Integer, ForeignKey("actors.id")),
    Column("source_text", String),
    Column("source_start", Integer),
    Column("source_end", Integer),
    Column("cue_text", String),
    Column("cue_start", Integer),
    Column("cue_end", Integer),
    Column("content_text", Text),
    Column("content_start", Integer),
    Column("content_end", Integer),
    Column("kind", String),
    Column("stance", String),
    Index(None, "article_id"),
    Index(None, "speaker_id"),
    Index(None, "stance"),
)

claim_events = Table(
    "claim_events",
    metadata,
    Column("claim_id", Integer, ForeignKey("claims.id"), primary_key=True),
    Column("event_mention_id", Integer, ForeignKey("event_mentions.id"), primary_key=True),
    Index(None, "event_mention_id"),
)

# Tables in the order rows must be deleted (children first).
TABLES = [t for t in reversed(metadata.sorted_tables)]
