"""Alembic environment: migrations run on the connection `newsgraph.store.migrate` hands over
(in `config.attributes["connection"]`), inside its transaction."""

from __future__ import annotations

from alembic import context

from newsgraph.store.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - the `alembic` command line is not how the store migrates
    raise RuntimeError("newsgraph migrations run through newsgraph.store.migrate(engine)")

context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
