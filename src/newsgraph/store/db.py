"""Opening a store: the URL, the engine (SQLite pragmas), and migrations to head on open."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any
from urllib.parse import quote

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

DEFAULT_URL = "sqlite:///newsgraph.db"
MIGRATIONS = Path(__file__).with_name("migrations")
# Any number: the key of the PostgreSQL advisory lock that serialises migrations.
_MIGRATION_LOCK = 0x6E657773


class StoreError(Exception):
    """The store cannot be opened or used (the message says why, for a person)."""


def normalize_url(url: str) -> URL:
    """A SQLAlchemy URL: `postgresql://` gets the psycopg 3 driver; a bare path is SQLite."""
    if "://" not in url:
        url = f"sqlite:///{url}"
    try:
        parsed = make_url(url)
    except ArgumentError as e:
        raise StoreError(f"not a database URL: {url!r} ({e})") from None
    if parsed.drivername in {"postgresql", "postgres"}:
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() not in {"sqlite", "postgresql"}:
        raise StoreError(f"unsupported database {parsed.drivername!r}: use sqlite:///PATH or postgresql://…")
    return parsed


def describe(url: URL) -> str:
    """The URL for messages, password hidden."""
    return url.render_as_string(hide_password=True)


def open(  # noqa: A001 - store.open
    url: str = DEFAULT_URL, *, create: bool = True, read_only: bool = False
) -> Engine:
    """An engine on the store at `url`, its schema migrated to the newest version.

    SQLite (the default, a file) runs in WAL mode with foreign keys on; PostgreSQL URLs
    (`postgresql://user@host/db`) use psycopg 3. With `create=False` a SQLite file that does
    not exist is an error rather than a new empty store. With `read_only=True` (what the HTTP
    server uses, so that no request can change the store) the database refuses every write:
    SQLite opens the file with `mode=ro` and `PRAGMA query_only`, PostgreSQL sessions start with
    `default_transaction_read_only`; the store must exist and already be at the newest schema
    (nothing is migrated). Raises `StoreError`."""
    parsed = normalize_url(url)
    if parsed.get_backend_name() == "sqlite":
        engine = _sqlite_engine(parsed, create=create and not read_only, read_only=read_only)
    else:
        connect_args = {"options": "-c default_transaction_read_only=on"} if read_only else {}
        try:
            engine = create_engine(parsed, connect_args=connect_args)
        except NoSuchModuleError as e:  # pragma: no cover - psycopg is a dependency
            raise StoreError(f"no driver for {parsed.drivername}: {e}") from None
    try:
        if read_only:
            _check_current(engine)
        else:
            migrate(engine)
    except DBAPIError as e:
        engine.dispose()
        raise StoreError(_explain(parsed, e)) from None
    except BaseException:
        engine.dispose()
        raise
    return engine


def _sqlite_engine(url: URL, *, create: bool, read_only: bool = False) -> Engine:
    path = url.database
    if read_only and (not path or path == ":memory:"):
        raise StoreError("a read-only store needs a database file, not an in-memory one")
    if path and path != ":memory:" and not path.startswith("file:"):
        file = Path(path)
        if not create and not file.exists():
            raise StoreError(f"no database at {path} (run `newsgraph ingest` first, or give --db)")
        if file.is_dir():
            raise StoreError(f"{path} is a directory, not a SQLite database file")
        if file.exists() and file.stat().st_size and not _has_sqlite_header(file):
            raise StoreError(f"{path} is not a SQLite database (its header is not SQLite's)")
        if not file.parent.exists():
            raise StoreError(f"cannot create {path}: no directory {file.parent}")
    if read_only and path and not path.startswith("file:"):
        # SQLite's own read-only mode: the file is opened O_RDONLY, every write fails ("?" or
        # "#" in a file name must be quoted in a URI).
        where = quote(Path(path).resolve().as_posix())
        url = url.set(database=f"file:{where}?mode=ro", query={"uri": "true"})
    engine = create_engine(url, connect_args={"timeout": 60})

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide where transactions begin (so that
        # SAVEPOINTs work), then set the pragmas every connection needs.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            if read_only:
                cursor.execute("PRAGMA query_only = ON")
                return
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute("PRAGMA journal_mode = WAL")
            # WAL with synchronous=NORMAL: a committed batch survives the process being
            # killed (not a power cut in the last instants), and commits stay cheap.
            cursor.execute("PRAGMA synchronous = NORMAL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN")

    return engine


def _has_sqlite_header(file: Path) -> bool:
    try:
        with file.open("rb") as f:
            return f.read(16) == b"SQLite format 3\x00"
    except OSError:
        return True  # let SQLite report why it cannot read it


def _explain(url: URL, e: DBAPIError) -> str:
    where = describe(url)
    orig = e.orig
    if isinstance(orig, sqlite3.DatabaseError) and "not a database" in str(orig):
        return f"{url.database} is not a SQLite database ({orig})"
    first = str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__
    if url.get_backend_name() == "postgresql" and e.connection_invalidated or "connect" in first.lower():
        return f"cannot connect to {where}: {first}"
    return f"{where}: {first}"


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def _check_current(engine: Engine) -> None:
    """A store opened read-only cannot be migrated: it must already be at the newest schema."""
    current, head = current_revision(engine), head_revision()
    if current != head:
        raise StoreError(
            f"{describe(engine.url)} has schema version {current!r}, not {head!r}: open it once for "
            "writing (e.g. `newsgraph ingest`) to migrate it, then serve it read-only"
        )


def migrate(engine: Engine, revision: str = "head") -> None:
    """Upgrade the store's schema to `revision` (one transaction; on PostgreSQL under an
    advisory lock, so that two processes opening a new store do not both create it)."""
    cfg = alembic_config()
    script = ScriptDirectory.from_config(cfg)
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
        current = MigrationContext.configure(conn).get_current_revision()
        if current is not None and current not in {s.revision for s in script.walk_revisions()}:
            raise StoreError(
                f"{describe(engine.url)} has schema version {current!r}, which this newsgraph does not "
                "know (it was written by a newer newsgraph)"
            )
        if revision == "head" and current == script.get_current_head():
            return
        cfg.attributes["connection"] = conn
        try:
            command.upgrade(cfg, revision)
        except CommandError as e:
            raise StoreError(f"cannot migrate {describe(engine.url)}: {e}") from None
