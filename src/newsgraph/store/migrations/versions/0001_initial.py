"""The initial schema: articles, actors and their aliases and mentions, places, events and
their mentions, actors and quantities, quantities, claims.

Written out here rather than imported from `schema.py`, so that this migration stays what it
was when later ones change the schema (tests check that head equals `schema.metadata`).

Revision ID: 0001
Revises:
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _id() -> sa.Column:
    return sa.Column("id", sa.Integer(), nullable=False)


def _index(table: str, *columns: str) -> None:
    op.create_index(f"ix_{table}_{'_'.join(columns)}", table, list(columns), unique=False)


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("url", sa.String(), nullable=True),
        sa.Column("title", sa.String(), nullable=True),
        sa.Column("date", sa.String(), nullable=True),
        sa.Column("source", sa.String(), nullable=True),
        sa.Column("language", sa.String(), nullable=True),
        sa.Column("text_hash", sa.String(length=64), nullable=False),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("duplicate_of", sa.String(), nullable=True),
        sa.Column("warnings", sa.Text(), nullable=True),
        sa.Column("ingested_at", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["duplicate_of"], ["articles.id"], name="fk_articles_duplicate_of_articles"),
        sa.PrimaryKeyConstraint("id", name="pk_articles"),
    )
    for column in ("url", "text_hash", "date", "duplicate_of"):
        _index("articles", column)

    op.create_table(
        "actors",
        _id(),
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("country", sa.String(), nullable=True),
        sa.Column("sector", sa.String(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_actors"),
        sa.UniqueConstraint("key", name="uq_actors_key"),
    )
    _index("actors", "country")
    _index("actors", "name")

    op.create_table(
        "actor_aliases",
        sa.Column("actor_id", sa.Integer(), nullable=False),
        sa.Column("alias", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["actor_id"], ["actors.id"], name="fk_actor_aliases_actor_id_actors"),
        sa.PrimaryKeyConstraint("actor_id", "alias", name="pk_actor_aliases"),
    )
    _index("actor_aliases", "alias")

    op.create_table(
        "mentions",
        _id(),
        sa.Column("article_id", sa.String(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=False),
        sa.Column("local_id", sa.String(), nullable=False),
        sa.Column("role", sa.String(), nullable=True),
        sa.Column("char_start", sa.Integer(), nullable=True),
        sa.Column("char_end", sa.Integer(), nullable=True),
        sa.Column("text", sa.String(), nullable=True),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], name="fk_mentions_article_id_articles"),
        sa.ForeignKeyConstraint(["actor_id"], ["actors.id"], name="fk_mentions_actor_id_actors"),
        sa.PrimaryKeyConstraint("id", name="pk_mentions"),
    )
    _index("mentions", "article_id")
    _index("mentions", "actor_id")

    op.create_table(
        "places",
        _id(),
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("country", sa.String(), nullable=True),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("geonameid", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_places"),
        sa.UniqueConstraint("key", name="uq_places_key"),
    )
    _index("places", "country")

    op.create_table(
        "events",
        _id(),
        sa.Column("type", sa.String(), nullable=False),
        sa.Column("mode", sa.String(), nullable=True),
        sa.Column("date", sa.String(), nullable=True),
        sa.Column("fused_event_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["fused_event_id"], ["events.id"], name="fk_events_fused_event_id_events"),
        sa.PrimaryKeyConstraint("id", name="pk_events"),
    )
    for column in ("type", "date", "fused_event_id"):
        _index("events", column)

    op.create_table(
        "event_mentions",
        _id(),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.String(), nullable=False),
        sa.Column("local_id", sa.String(), nullable=False),
        sa.Column("type", sa.String(), nullable=False),
        sa.Column("mode", sa.String(), nullable=True),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=True),
        sa.Column("evidence", sa.Text(), nullable=True),
        sa.Column("trigger_text", sa.String(), nullable=True),
        sa.Column("trigger_start", sa.Integer(), nullable=True),
        sa.Column("trigger_end", sa.Integer(), nullable=True),
        sa.Column("sentence_start", sa.Integer(), nullable=True),
        sa.Column("sentence_end", sa.Integer(), nullable=True),
        sa.Column("date", sa.String(), nullable=True),
        sa.Column("time_text", sa.String(), nullable=True),
        sa.Column("time_text_start", sa.Integer(), nullable=True),
        sa.Column("time_text_end", sa.Integer(), nullable=True),
        sa.Column("time_date", sa.String(), nullable=True),
        sa.Column("time_end_date", sa.String(), nullable=True),
        sa.Column("time_granularity", sa.String(), nullable=True),
        sa.Column("place_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], name="fk_event_mentions_event_id_events"),
        sa.ForeignKeyConstraint(
            ["article_id"], ["articles.id"], name="fk_event_mentions_article_id_articles"
        ),
        sa.ForeignKeyConstraint(["place_id"], ["places.id"], name="fk_event_mentions_place_id_places"),
        sa.PrimaryKeyConstraint("id", name="pk_event_mentions"),
    )
    for column in ("event_id", "article_id", "type", "status", "date", "place_id"):
        _index("event_mentions", column)

    op.create_table(
        "event_actors",
        sa.Column("event_mention_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_mention_id"],
            ["event_mentions.id"],
            name="fk_event_actors_event_mention_id_event_mentions",
        ),
        sa.ForeignKeyConstraint(["actor_id"], ["actors.id"], name="fk_event_actors_actor_id_actors"),
        sa.PrimaryKeyConstraint("event_mention_id", "role", "position", name="pk_event_actors"),
    )
    _index("event_actors", "actor_id", "role")

    op.create_table(
        "quantities",
        _id(),
        sa.Column("article_id", sa.String(), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("unit", sa.String(), nullable=False),
        sa.Column("unit_class", sa.String(), nullable=False),
        sa.Column("approximate", sa.Boolean(), nullable=False),
        sa.Column("bound", sa.String(), nullable=True),
        sa.Column("text", sa.String(), nullable=True),
        sa.Column("char_start", sa.Integer(), nullable=True),
        sa.Column("char_end", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], name="fk_quantities_article_id_articles"),
        sa.PrimaryKeyConstraint("id", name="pk_quantities"),
    )
    _index("quantities", "article_id")
    _index("quantities", "unit_class")

    op.create_table(
        "event_quantities",
        sa.Column("event_mention_id", sa.Integer(), nullable=False),
        sa.Column("quantity_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_mention_id"],
            ["event_mentions.id"],
            name="fk_event_quantities_event_mention_id_event_mentions",
        ),
        sa.ForeignKeyConstraint(
            ["quantity_id"], ["quantities.id"], name="fk_event_quantities_quantity_id_quantities"
        ),
        sa.PrimaryKeyConstraint("event_mention_id", "quantity_id", name="pk_event_quantities"),
    )
    _index("event_quantities", "quantity_id")

    op.create_table(
        "claims",
        _id(),
        sa.Column("article_id", sa.String(), nullable=False),
        sa.Column("local_id", sa.String(), nullable=False),
        sa.Column("speaker_id", sa.Integer(), nullable=True),
        sa.Column("source_text", sa.String(), nullable=True),
        sa.Column("source_start", sa.Integer(), nullable=True),
        sa.Column("source_end", sa.Integer(), nullable=True),
        sa.Column("cue_text", sa.String(), nullable=True),
        sa.Column("cue_start", sa.Integer(), nullable=True),
        sa.Column("cue_end", sa.Integer(), nullable=True),
        sa.Column("content_text", sa.Text(), nullable=True),
        sa.Column("content_start", sa.Integer(), nullable=True),
        sa.Column("content_end", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(), nullable=True),
        sa.Column("stance", sa.String(), nullable=True),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], name="fk_claims_article_id_articles"),
        sa.ForeignKeyConstraint(["speaker_id"], ["actors.id"], name="fk_claims_speaker_id_actors"),
        sa.PrimaryKeyConstraint("id", name="pk_claims"),
    )
    for column in ("article_id", "speaker_id", "stance"):
        _index("claims", column)

    op.create_table(
        "claim_events",
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("event_mention_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["claim_id"], ["claims.id"], name="fk_claim_events_claim_id_claims"),
        sa.ForeignKeyConstraint(
            ["event_mention_id"],
            ["event_mentions.id"],
            name="fk_claim_events_event_mention_id_event_mentions",
        ),
        sa.PrimaryKeyConstraint("claim_id", "event_mention_id", name="pk_claim_events"),
    )
    _index("claim_events", "event_mention_id")


TABLES = [
    "claim_events",
    "claims",
    "event_quantities",
    "quantities",
    "event_actors",
    "event_mentions",
    "events",
    "places",
    "mentions",
    "actor_aliases",
    "actors",
    "articles",
]


def downgrade() -> None:
    for table in TABLES:  # children first; indexes go with their tables
        op.drop_table(table)
