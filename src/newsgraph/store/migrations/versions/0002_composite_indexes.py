"""Composite indexes for the API on big stores: event mentions by (type, date) and (status,
date), events by (type, date), and an actor's event mentions straight from the index
(`event_actors (actor_id, role, event_mention_id)`). The shorter indexes stay (checks and
other readers expect them).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# (table, columns) of the new indexes
NEW = [
    ("event_mentions", ["type", "date"]),
    ("event_mentions", ["status", "date"]),
    ("events", ["type", "date"]),
    ("event_actors", ["actor_id", "role", "event_mention_id"]),
]


def _name(table: str, columns: list[str]) -> str:
    return f"ix_{table}_{'_'.join(columns)}"


def upgrade() -> None:
    for table, new in NEW:
        op.create_index(_name(table, new), table, new, unique=False)


def downgrade() -> None:
    for table, new in reversed(NEW):
        op.drop_index(_name(table, new), table_name=table)
