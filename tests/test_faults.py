"""Faults during `newsgraph ingest`: the store stays consistent and a rerun completes it.

- killed with SIGKILL at random points (before the first commit, mid-batch, between batches,
  near the end), then run again: nothing lost, nothing twice, the same store as a clean run
  (`tests/test_ingest.py` kills once, after the first batch; this kills at random points);
- the disk fills up (SQLite's `max_page_count` caps the database file): the run stops with a
  clear error, the batches committed before are whole, the database passes its integrity
  check, and a rerun with room completes it;
- readers of a SQLite store keep working while an ingest writes to it (WAL): every snapshot
  they see holds whole articles only, and grows;
- the PostgreSQL server restarts while an ingest writes to it: the run either completes or
  fails with a one-line error (no traceback), and a rerun completes the store.

Every ingest here is a real `python -m newsgraph ingest` child process on the real pipeline.
`bench/faults.py` runs the random kill 20 times and prints lost and duplicated counts."""

from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, event, text

from conftest import Cluster, _pg_bindir, _sqlalchemy_url, _unavailable
from newsgraph import store
from newsgraph.read import read_paths
from newsgraph.store import query
from newsgraph.store.db import normalize_url
from test_ingest import CONTENT, _value, ingest_process, per_article, stored_articles

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
BATCH = 4
TIMEOUT = 300

# Every table by natural keys, as tests/test_ingest.py compares them, except that an event's
# fused event is named by its mention (article, local id), not by its surrogate id: PostgreSQL
# does not give back the ids of a rolled-back batch, so ids differ after a failure.
NATURAL = {
    **CONTENT,
    "events": "SELECT m.article_id, m.local_id, e.type, e.mode, e.date, "
    "(SELECT min(fm.article_id || '#' || fm.local_id) FROM event_mentions fm "
    "WHERE fm.event_id = e.fused_event_id) "
    "FROM events e JOIN event_mentions m ON m.event_id = e.id",
}


def content(engine: Engine) -> dict[str, tuple[int, str]]:
    """Per table: its row count and a digest of its rows by natural keys."""
    out = {}
    with engine.connect() as conn:
        for name, sql in NATURAL.items():
            rows = sorted((tuple(_value(v) for v in r) for r in conn.execute(text(sql))), key=repr)
            out[name] = (len(rows), hashlib.sha256(repr(rows).encode()).hexdigest())
    return out


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], dict[str, Any]]:
    """Content and per-article row counts of a store that ingested the examples in one run."""
    eng = store.open(f"sqlite:///{tmp_path_factory.mktemp('clean') / 'clean.db'}")
    try:
        assert store.ingest(eng, read_paths([str(EXAMPLES)]), batch_size=BATCH).ok
        return content(eng), per_article(eng)
    finally:
        eng.dispose()


def run_ingest(url: str, *extra: str) -> subprocess.CompletedProcess[str]:
    cmd = ingest_process(EXAMPLES, url, "--batch-size", str(BATCH), *extra)
    return subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT)


def losses(url: str, clean: dict[str, Any]) -> tuple[int, int, list[str]]:
    """(articles lost, rows duplicated, tables whose content differs from the clean run's) of
    the store at `url`."""
    eng = store.open(url, create=False)
    try:
        got = content(eng)
    finally:
        eng.dispose()
    lost = max(0, clean["articles"][0] - got["articles"][0])
    duplicated = sum(max(0, got[t][0] - clean[t][0]) for t in clean)
    return lost, duplicated, [t for t in clean if got[t] != clean[t]]


def kill_at_random_and_resume(url: str, rng: random.Random, total: int) -> dict[str, Any]:
    """Start an ingest, SIGKILL it once it has stored a random number of articles (0: at a
    random moment while it starts) plus a random fraction of a second, then run it again.
    Returns what was stored at the kill and the rerun's outcome."""
    target = rng.randrange(total)
    child = subprocess.Popen(
        ingest_process(EXAMPLES, url, "--batch-size", str(BATCH)),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    sqlite_file = Path(normalize_url(url).database or "") if url.startswith("sqlite") else None
    poller = create_engine(normalize_url(url))
    killed = False
    try:
        if target == 0:
            time.sleep(rng.uniform(0, 3))
        else:
            deadline = time.monotonic() + TIMEOUT
            while time.monotonic() < deadline and child.poll() is None:
                if (sqlite_file is None or sqlite_file.exists()) and stored_articles(poller) >= target:
                    break
                time.sleep(0.02)
        time.sleep(rng.uniform(0, 0.3))
        if child.poll() is None:
            os.kill(child.pid, signal.SIGKILL)
            killed = True
        child.wait(timeout=60)
    finally:
        poller.dispose()
        if child.poll() is None:
            child.kill()
        child.communicate()
    at_kill = stored_articles(create_engine(normalize_url(url))) if killed else total
    rerun = run_ingest(url)
    return {"target": target, "killed": killed, "stored_at_kill": at_kill, "rerun": rerun}


# -- kill -9 at random points --------------------------------------------------------------


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_killed_at_a_random_point_then_rerun_loses_and_repeats_nothing(
    seed: int, tmp_path: Path, clean: tuple[dict[str, Any], dict[str, Any]]
) -> None:
    expected, _ = clean
    url = f"sqlite:///{tmp_path / 'store.db'}"
    outcome = kill_at_random_and_resume(url, random.Random(seed), expected["articles"][0])
    assert outcome["rerun"].returncode == 0, outcome["rerun"].stderr
    assert losses(url, expected) == (0, 0, []), outcome


# -- disk full -----------------------------------------------------------------------------


def _pages(eng: Engine) -> tuple[int, int]:
    with eng.connect() as conn:
        return (
            int(conn.execute(text("PRAGMA page_count")).scalar_one()),
            int(conn.execute(text("PRAGMA page_size")).scalar_one()),
        )


def test_a_full_disk_stops_the_run_cleanly_and_a_rerun_completes(
    tmp_path: Path, clean: tuple[dict[str, Any], dict[str, Any]]
) -> None:
    expected, expected_per_article = clean
    url = f"sqlite:///{tmp_path / 'full.db'}"
    eng = store.open(url)  # an empty store, at the newest schema
    empty_pages, _ = _pages(eng)
    eng.dispose()
    full = store.open(f"sqlite:///{tmp_path / 'sized.db'}")
    store.ingest(full, read_paths([str(EXAMPLES)]), batch_size=BATCH)
    full_pages, _ = _pages(full)
    full.dispose()
    room = empty_pages + (full_pages - empty_pages) // 2  # room for about half the articles

    eng = store.open(url)
    event.listen(eng, "connect", lambda dbapi, _: dbapi.execute(f"PRAGMA max_page_count = {room}"))
    eng.dispose()  # connections from now on have the cap
    # SQLite rolls the whole transaction back on SQLITE_FULL; the error names the store, the
    # batch and the cause (not the savepoint that the rollback removed)
    with pytest.raises(store.StoreError, match=r"full\.db: writing a batch failed: .*full"):
        store.ingest(eng, read_paths([str(EXAMPLES)]), batch_size=BATCH, report=lambda _: None)
    eng.dispose()

    eng = store.open(url)  # no cap: the disk has room again
    try:
        with eng.connect() as conn:
            assert conn.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"
        kept = per_article(eng)
        assert 0 < len(kept) < expected["articles"][0] and len(kept) % BATCH == 0
        assert all(kept[a] == expected_per_article[a] for a in kept)  # whole articles only
        rerun = store.ingest(eng, read_paths([str(EXAMPLES)]), batch_size=BATCH)
        assert rerun.ok and rerun.new == expected["articles"][0] - len(kept)
        assert content(eng) == expected
    finally:
        eng.dispose()


# -- readers while an ingest writes --------------------------------------------------------


def test_readers_keep_working_while_an_ingest_writes(
    tmp_path: Path, clean: tuple[dict[str, Any], dict[str, Any]]
) -> None:
    expected, expected_per_article = clean
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    store.open(url).dispose()  # the store exists (WAL) before the writer starts
    child = subprocess.Popen(
        ingest_process(EXAMPLES, url, "--batch-size", "2"), stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    reader = store.open(url, read_only=True)
    seen: list[int] = []
    try:
        with reader.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar_one().lower() == "wal"
        while child.poll() is None:
            snapshot = per_article(reader)  # one consistent read
            assert all(snapshot[a] == expected_per_article[a] for a in snapshot), "a half-written article"
            summary = query.summary(reader)
            assert summary["articles"] >= len(snapshot)
            seen.append(len(snapshot))
            time.sleep(0.05)
    finally:
        reader.dispose()
        if child.poll() is None:
            child.kill()
        _, err = child.communicate(timeout=TIMEOUT)
    assert child.returncode == 0, err
    assert seen == sorted(seen) and len(set(seen)) > 2, seen  # it saw the store grow, batch by batch
    assert losses(url, expected) == (0, 0, [])


# -- PostgreSQL restarts mid-run -----------------------------------------------------------


class RestartableCluster(Cluster):
    """The conftest throwaway cluster, which can also be restarted (immediate shutdown: the
    open connections are cut as by a crash)."""

    def start(self) -> str:
        self.url = super().start()
        return self.url

    def restart(self) -> None:
        self.run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        options = f"-k {self.root} -c listen_addresses='' -c fsync=off -c full_page_writes=off"
        self.run("pg_ctl", "-D", str(self.data), "-l", str(self.root / "log"), "-o", options, "-w", "start")


@pytest.fixture(scope="module")
def own_pg() -> Iterator[RestartableCluster]:
    """A PostgreSQL server of this module's own, since the test restarts it."""
    bindir = _pg_bindir()
    if bindir is None or os.environ.get("NEWSGRAPH_TEST_PG"):
        _unavailable("no initdb to start a server this test may restart")
    assert bindir is not None
    try:
        cluster = RestartableCluster(bindir)
        cluster.start()
    except (RuntimeError, OSError, subprocess.TimeoutExpired) as e:
        _unavailable(f"could not start a throwaway cluster: {e}")
    yield cluster
    cluster.stop()


def test_a_postgresql_restart_mid_run_fails_clearly_and_a_rerun_completes(
    own_pg: RestartableCluster, clean: tuple[dict[str, Any], dict[str, Any]]
) -> None:
    import psycopg
    from psycopg.conninfo import conninfo_to_dict

    expected, _ = clean
    name = f"newsgraph_fault_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(own_pg.url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = _sqlalchemy_url({**conninfo_to_dict(own_pg.url), "dbname": name})
    store.open(url).dispose()

    child = subprocess.Popen(
        ingest_process(EXAMPLES, url, "--batch-size", "2"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    poller = create_engine(normalize_url(url))
    try:
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline and child.poll() is None and stored_articles(poller) < 2:
            time.sleep(0.02)
        poller.dispose()
        assert child.poll() is None, "the run ended before the restart"
        own_pg.restart()
        out, err = child.communicate(timeout=TIMEOUT)
    finally:
        poller.dispose()
        if child.poll() is None:
            child.kill()
            child.communicate()
    # either the restart fell between two batches and the run went on, or it failed, clearly
    assert "Traceback" not in err, err
    if child.returncode != 0:
        assert child.returncode == 1 and "newsgraph: error:" in err, err
    rerun = run_ingest(url)
    assert rerun.returncode == 0, rerun.stderr
    assert losses(url, expected) == (0, 0, [])
