"""The cross-article store: newsgraph/1 records as tables in SQLite (the default) or PostgreSQL.

    >>> from newsgraph import store
    >>> from newsgraph.read import read_paths
    >>> engine = store.open("sqlite:///newsgraph.db")      # migrates to the newest schema
    >>> stats = store.ingest(engine, read_paths(["examples/"]))
    >>> store.query.events(engine, country="PRK", status="denied")

Modules: `schema` (the tables), `db` (opening, migrations), `write` (identity, dedup, one
record's rows), `ingest` (batches, transactions, progress), `query` (reads as lists of dicts),
`output` (table, JSON Lines and CSV for the command line). Migrations live in `migrations/`.
"""

from __future__ import annotations

from newsgraph.store import query
from newsgraph.store.db import DEFAULT_URL, StoreError, migrate, normalize_url, open
from newsgraph.store.ingest import IngestStats, ingest

__all__ = [
    "DEFAULT_URL",
    "IngestStats",
    "StoreError",
    "ingest",
    "migrate",
    "normalize_url",
    "open",
    "query",
]
