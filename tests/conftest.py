"""Shared fixtures: databases to test the store on, SQLite and a real PostgreSQL server.

PostgreSQL, in order:
- `NEWSGRAPH_TEST_PG` (a URL, e.g. postgresql://user:pw@127.0.0.1/postgres): a server of
  your own; each test gets a database of its own there, so the user needs CREATEDB;
- else a throwaway cluster started in a temporary directory from the server binaries
  (`initdb`, `pg_ctl`; Debian's `postgresql` package puts them in /usr/lib/postgresql/N/bin),
  listening on a unix socket only, trust auth, stopped and deleted after the session. As root
  it runs as the `postgres` user (PostgreSQL refuses to run as root);
- else the PostgreSQL tests are skipped, with the reason. `NEWSGRAPH_REQUIRE_PG=1` (CI
  sets it) turns that skip into a failure.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

BACKENDS = ["sqlite", "postgresql"]


def _pg_bindir() -> Path | None:
    """The directory of initdb and pg_ctl: on PATH, or Debian's newest version."""
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3].split(".")[0])
    )
    return Path(candidates[-1]).parent if candidates else None


def _unavailable(reason: str) -> None:
    if os.environ.get("NEWSGRAPH_REQUIRE_PG") == "1":
        pytest.fail(f"PostgreSQL required (NEWSGRAPH_REQUIRE_PG=1) but {reason}", pytrace=False)
    pytest.skip(f"PostgreSQL not available: {reason}")


class Cluster:
    """A throwaway PostgreSQL cluster in a temporary directory, on a unix socket."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.root = Path(tempfile.mkdtemp(prefix="ngpg-"))  # short: socket paths are limited
        self.data = self.root / "data"
        self.user: str | None = None
        if os.geteuid() == 0:
            try:
                pwd.getpwnam("postgres")
            except KeyError:
                shutil.rmtree(self.root)
                raise RuntimeError(
                    "running as root and there is no 'postgres' user to run the server"
                ) from None
            self.user = "postgres"
            shutil.chown(self.root, "postgres", "postgres")
        os.chmod(self.root, 0o700)

    def run(self, *args: str) -> None:
        proc = subprocess.run(
            [str(self.bindir / args[0]), *args[1:]],
            user=self.user,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        if proc.returncode != 0:
            raise RuntimeError(
                f"{args[0]} failed ({proc.returncode}): {proc.stderr.strip() or proc.stdout.strip()}"
            )

    def start(self) -> str:
        self.run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync")
        options = f"-k {self.root} -c listen_addresses='' -c fsync=off -c full_page_writes=off"
        self.run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-l",
            str(self.root / "log"),
            "-o",
            options,
            "-w",
            "-t",
            "60",
            "start",
        )
        return f"postgresql://postgres@/postgres?host={self.root}"

    def stop(self) -> None:
        try:
            self.run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """The admin URL of a PostgreSQL server to make test databases on."""
    url = os.environ.get("NEWSGRAPH_TEST_PG")
    if url:
        yield url
        return
    bindir = _pg_bindir()
    if bindir is None:
        _unavailable("NEWSGRAPH_TEST_PG is not set and no initdb was found (apt-get install postgresql)")
    assert bindir is not None
    try:
        cluster = Cluster(bindir)
        admin = cluster.start()
    except (RuntimeError, OSError, subprocess.TimeoutExpired) as e:
        _unavailable(f"could not start a throwaway cluster: {e}")
    try:
        yield admin
    finally:
        cluster.stop()


def _psycopg_url(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


def new_store_url(request: pytest.FixtureRequest, backend: str, directory: Path) -> str:
    """A URL for an empty store on `backend`: a SQLite file in `directory`, or a new PostgreSQL
    database dropped when the requesting fixture or test ends."""
    if backend == "sqlite":
        return f"sqlite:///{directory / f'store-{uuid.uuid4().hex[:8]}.db'}"
    import psycopg
    from psycopg.conninfo import conninfo_to_dict

    admin = _psycopg_url(str(request.getfixturevalue("pg_server")))
    name = f"newsgraph_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    request.addfinalizer(drop)
    params = conninfo_to_dict(admin)
    params["dbname"] = name
    return _sqlalchemy_url(params)


def _sqlalchemy_url(p: dict[str, object]) -> str:
    """libpq connection parameters as a postgresql:// URL."""
    from sqlalchemy.engine import URL

    host = str(p.get("host") or "")
    query = {}
    if host.startswith("/"):
        query["host"] = host
        host = ""
    return URL.create(
        "postgresql",
        username=str(p["user"]) if p.get("user") else None,
        password=str(p["password"]) if p.get("password") else None,
        host=host or None,
        port=int(str(p["port"])) if p.get("port") else None,
        database=str(p["dbname"]),
        query=query,
    ).render_as_string(hide_password=False)


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty store URL on each backend: a SQLite file, then a PostgreSQL database."""
    return new_store_url(request, request.param, tmp_path)


@pytest.fixture()
def pg_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty store URL on PostgreSQL (a database of its own, dropped afterwards)."""
    return new_store_url(request, "postgresql", tmp_path)
