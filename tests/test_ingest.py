"""`newsgraph ingest` and the query commands, on SQLite and a real PostgreSQL server: the
bundled examples, idempotence, resuming after `kill -9`, bad input, duplicates and id
conflicts, a failing article in a batch, workers, and the output formats.

Everything runs the real pipeline. The kill test runs `python -m newsgraph ingest` in a child
process, kills it with SIGKILL once its first batch is committed, runs it again, and compares
every table, by natural keys, with a clean run."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.exc import DBAPIError

import newsgraph
from conftest import BACKENDS, new_store_url
from newsgraph import store
from newsgraph.article import Article
from newsgraph.cli import main
from newsgraph.read import read_paths
from newsgraph.store import query
from newsgraph.store.db import normalize_url

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
COPIES = 3  # the kill test ingests the examples this many times over (distinct ids and texts)

# Natural-key views of every table (no surrogate ids), to compare stores row for row.
CONTENT = {
    "articles": "SELECT id, url, title, date, source, language, text_hash, text, duplicate_of, warnings "
    "FROM articles",
    "actors": "SELECT key, name, kind, country, sector FROM actors",
    "actor_aliases": "SELECT a.key, x.alias, x.name FROM actor_aliases x JOIN actors a ON a.id = x.actor_id",
    "mentions": "SELECT m.article_id, m.local_id, a.key, m.role, m.char_start, m.char_end, m.text "
    "FROM mentions m JOIN actors a ON a.id = m.actor_id",
    "places": "SELECT key, name, country, latitude, longitude, geonameid FROM places",
    # The event a mention is fused into, named by that event's own mention (ids differ between
    # runs: PostgreSQL does not give back the ids of a rolled-back batch).
    "events": "SELECT m.article_id, m.local_id, e.type, e.mode, e.date, f.article_id, f.local_id "
    "FROM events e JOIN event_mentions m ON m.event_id = e.id "
    "LEFT JOIN event_mentions f ON f.event_id = e.fused_event_id",
    "event_mentions": "SELECT m.article_id, m.local_id, m.type, m.mode, m.status, m.confidence, m.evidence, "
    "m.trigger_text, m.trigger_start, m.trigger_end, m.sentence_start, m.sentence_end, m.date, m.time_text, "
    "m.time_text_start, m.time_text_end, m.time_date, m.time_end_date, m.time_granularity, p.key "
    "FROM event_mentions m LEFT JOIN places p ON p.id = m.place_id",
    "event_actors": "SELECT m.article_id, m.local_id, x.role, x.position, a.key FROM event_actors x "
    "JOIN event_mentions m ON m.id = x.event_mention_id JOIN actors a ON a.id = x.actor_id",
    "quantities": "SELECT article_id, value, unit, unit_class, approximate, bound, text, char_start, "
    "char_end FROM quantities",
    "event_quantities": "SELECT m.article_id, m.local_id, q.char_start, q.value FROM event_quantities x "
    "JOIN event_mentions m ON m.id = x.event_mention_id JOIN quantities q ON q.id = x.quantity_id",
    "claims": "SELECT c.article_id, c.local_id, a.key, c.source_text, c.source_start, c.source_end, "
    "c.cue_text, c.cue_start, c.cue_end, c.content_text, c.content_start, c.content_end, c.kind, c.stance "
    "FROM claims c LEFT JOIN actors a ON a.id = c.speaker_id",
    "claim_events": "SELECT c.article_id, c.local_id, m.local_id FROM claim_events x "
    "JOIN claims c ON c.id = x.claim_id JOIN event_mentions m ON m.id = x.event_mention_id",
}


def _value(v: Any) -> Any:
    if isinstance(v, bool):
        return int(v)
    if isinstance(v, float):
        return round(v, 9)
    return v


def content(engine: Engine) -> dict[str, tuple[int, str]]:
    """Per table: its row count and a digest of its rows by natural keys (backend-neutral)."""
    out = {}
    with engine.connect() as conn:
        for name, sql in CONTENT.items():
            rows = sorted((tuple(_value(v) for v in r) for r in conn.execute(text(sql))), key=repr)
            out[name] = (len(rows), hashlib.sha256(repr(rows).encode()).hexdigest())
    return out


def events_checksum(engine: Engine) -> str:
    """The events and event_mentions tables exactly as stored, ids included."""
    h = hashlib.sha256()
    with engine.connect() as conn:
        for table in ("events", "event_mentions"):
            for row in conn.execute(text(f"SELECT * FROM {table} ORDER BY id")):
                h.update(repr(tuple(_value(v) for v in row)).encode())
    return h.hexdigest()


def per_article(engine: Engine) -> dict[str, tuple[int, int, int, int]]:
    """For each extracted article: its mentions, event mentions, claims and quantities."""
    sql = """
        SELECT a.id,
          (SELECT count(*) FROM mentions x WHERE x.article_id = a.id),
          (SELECT count(*) FROM event_mentions x WHERE x.article_id = a.id),
          (SELECT count(*) FROM claims x WHERE x.article_id = a.id),
          (SELECT count(*) FROM quantities x WHERE x.article_id = a.id)
        FROM articles a WHERE a.duplicate_of IS NULL"""
    with engine.connect() as conn:
        return {r[0]: tuple(r[1:]) for r in conn.execute(text(sql))}


@pytest.fixture(scope="module")
def examples() -> list[Article]:
    items = list(read_paths([str(EXAMPLES)]))
    assert all(isinstance(a, Article) for a in items)
    return [a for a in items if isinstance(a, Article)]


@pytest.fixture(scope="module")
def example_records(examples: list[Article]) -> list[dict[str, Any]]:
    return list(newsgraph.extract_many(examples, batch_size=8))


@pytest.fixture()
def engine(db_url: str) -> Iterator[Engine]:
    eng = store.open(db_url)
    yield eng
    eng.dispose()


# -- the bundled examples, idempotence -----------------------------------------------------


def test_ingest_the_bundled_examples(engine: Engine, example_records: list[dict[str, Any]]) -> None:
    stats = store.ingest(engine, read_paths([str(EXAMPLES)]), batch_size=8)
    n = len(example_records)
    assert (stats.new, stats.duplicate, sum(stats.skipped.values()), sum(stats.failed.values())) == (
        n,
        0,
        0,
        0,
    )
    events = [e for r in example_records for e in r["events"]]
    assert sum(stats.events.values()) == len(events)
    counts = query.table_counts(engine)
    assert counts["articles"] == n
    assert counts["events"] == counts["event_mentions"] == len(events)
    assert counts["claims"] == sum(len(r["claims"]) for r in example_records)
    assert counts["quantities"] == sum(len(r["quantities"]) for r in example_records)
    assert counts["mentions"] == sum(len(a["mentions"]) or 1 for r in example_records for a in r["actors"])
    keys = {(a["kind"], a["name"], a["country"]) for r in example_records for a in r["actors"]}
    assert 0 < counts["actors"] <= len(keys)
    assert stats.actors_after - stats.actors_before == counts["actors"]
    assert query.summary(engine)["events_by_status"] == dict(stats.events)


def test_ingesting_the_same_inputs_twice_changes_nothing(engine: Engine, examples: list[Article]) -> None:
    first = store.ingest(engine, read_paths([str(EXAMPLES)]), batch_size=5)
    assert first.new == len(examples)
    before = (query.table_counts(engine), events_checksum(engine), content(engine))
    with engine.connect() as conn:
        ingested_at = {r[0]: r[1] for r in conn.execute(text("SELECT id, ingested_at FROM articles"))}

    again = store.ingest(engine, read_paths([str(EXAMPLES)]), batch_size=5)
    assert (again.new, again.duplicate, dict(again.skipped), again.ok) == (
        0,
        0,
        {"already stored": len(examples)},
        True,
    )
    assert (query.table_counts(engine), events_checksum(engine), content(engine)) == before
    with engine.connect() as conn:
        assert {r[0]: r[1] for r in conn.execute(text("SELECT id, ingested_at FROM articles"))} == ingested_at


# -- resuming after kill -9 ----------------------------------------------------------------


@pytest.fixture(scope="module")
def copies(examples: list[Article], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The examples COPIES times over as one JSON Lines file: distinct ids, URLs and texts."""
    path = tmp_path_factory.mktemp("copies") / "copies.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for k in range(COPIES):
            for a in examples:
                record = {
                    "id": f"{a.id}~{k}",
                    "title": a.title,
                    "date": a.date,
                    "url": f"{a.url}#copy-{k}" if a.url else None,
                    "text": f"{a.text}\n\n(Copy {k}.)",
                }
                f.write(json.dumps(record) + "\n")
    return path


@pytest.fixture(scope="module")
def clean_run(
    copies: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The content of a store that ingested `copies` in one uninterrupted run."""
    eng = store.open(f"sqlite:///{tmp_path_factory.mktemp('clean') / 'clean.db'}")
    try:
        stats = store.ingest(eng, read_paths([str(copies)]), batch_size=4)  # as the child
        assert stats.new == len(copies.read_text().splitlines()) and stats.ok
        return content(eng), per_article(eng)
    finally:
        eng.dispose()


def ingest_process(path: Path, url: str, *extra: str) -> list[str]:
    return [sys.executable, "-m", "newsgraph", "ingest", str(path), "--db", url, "--no-progress", *extra]


def stored_articles(poller: Engine) -> int:
    try:
        with poller.connect() as conn:
            return int(conn.execute(text("SELECT count(*) FROM articles")).scalar_one())
    except DBAPIError:  # not created yet, or locked for a moment
        return 0


@pytest.mark.parametrize("backend", BACKENDS)
def test_killed_mid_run_then_run_again_loses_and_repeats_nothing(
    backend: str,
    request: pytest.FixtureRequest,
    tmp_path: Path,
    copies: Path,
    clean_run: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    clean, clean_per_article = clean_run
    total = clean["articles"][0]
    url = new_store_url(request, backend, tmp_path)
    child = subprocess.Popen(
        ingest_process(copies, url, "--batch-size", "4"), stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    sqlite_file = Path(normalize_url(url).database or "") if backend == "sqlite" else None
    poller = create_engine(normalize_url(url))
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and child.poll() is None:
            if (sqlite_file is None or sqlite_file.exists()) and stored_articles(poller) > 0:
                break
            time.sleep(0.05)
        assert child.poll() is None, f"the run ended before it could be killed: {child.communicate()}"
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
        assert child.returncode == -signal.SIGKILL
    finally:
        poller.dispose()
        if child.poll() is None:
            child.kill()
        child.communicate()

    killed = store.open(url)
    try:
        kept = per_article(killed)
        assert 0 < len(kept) < total
        assert len(kept) % 4 == 0, "whole batches only (4 articles per commit)"
        for article, counts in kept.items():  # every stored article has all its rows
            assert counts == clean_per_article[article], article
    finally:
        killed.dispose()

    rerun = subprocess.run(
        ingest_process(copies, url, "--batch-size", "4"), capture_output=True, text=True, timeout=300
    )
    assert rerun.returncode == 0, rerun.stderr
    assert f"{total - len(kept)} new" in rerun.stdout and f"already stored: {len(kept)}" in rerun.stdout
    resumed = store.open(url)
    try:
        assert content(resumed) == clean
    finally:
        resumed.dispose()


# -- bad input -----------------------------------------------------------------------------


def test_unreadable_files_are_reported_and_the_rest_ingested(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "good.txt").write_text("Chile praised Peru for its help after the floods.")
    (inputs / "binary.txt").write_bytes(b"\x00\x01\x02 not text at all \x00" * 10)
    (inputs / "latin1.txt").write_bytes("Caf\xe9 owners protested in Lima.".encode("latin-1"))
    (inputs / "mixed.jsonl").write_text(
        '{"id": "ok-line", "text": "Canada sanctioned Nicaragua over the election."}\n'
        '{"id": "broken", "text": \n'
    )
    db = f"sqlite:///{tmp_path / 'store.db'}"
    status = main(["ingest", str(inputs), "--db", db, "--no-progress", "--batch-size", "2"])
    out, err = capsys.readouterr()
    assert status == 1
    assert "binary.txt" in err and "mixed.jsonl:2" in err and "newsgraph: error:" in err
    assert "articles read: 5: 2 new" in out and "unreadable: " in out
    eng = store.open(db)
    try:
        with eng.connect() as conn:
            assert set(conn.execute(text("SELECT id FROM articles")).scalars()) == {"good", "ok-line"}
    finally:
        eng.dispose()


def test_a_database_file_that_is_not_sqlite_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "notes.db"
    path.write_text("my notes\n" * 100)
    status = main(["ingest", str(EXAMPLES), "--db", f"sqlite:///{path}", "--no-progress"])
    _, err = capsys.readouterr()
    assert status == 1
    assert f"newsgraph: error: {path} is not a SQLite database" in err
    assert path.read_text() == "my notes\n" * 100


def test_an_id_reused_for_another_text_is_reported_not_merged(engine: Engine) -> None:
    messages: list[str] = []
    first = Article(id="story", text="Chile praised Peru for its help after the floods.")
    other = Article(id="story", text="Canada sanctioned Nicaragua over the election.")
    stats = store.ingest(engine, [first, other], report=messages.append)
    assert (stats.new, dict(stats.skipped), stats.ok) == (1, {"id conflict": 1}, False)
    assert any("'story'" in m and "different text" in m for m in messages), messages

    later = store.ingest(engine, [Article(id="story", text="Peru thanked Chile.")], report=messages.append)
    assert dict(later.skipped) == {"id conflict": 1}
    with engine.connect() as conn:
        assert conn.execute(text("SELECT text FROM articles")).scalars().all() == [first.text]


def test_duplicates_by_url_or_text_are_recorded_not_extracted(engine: Engine) -> None:
    text_a = "Chile praised Peru for its help after the floods."
    arts = [
        Article(id="a", url="https://example.org/a", text=text_a),
        Article(id="b", url="https://example.org/a", text="Chile praised Peru, updated."),  # same URL
        Article(id="c", text="  Chile praised Peru for its help\nafter the floods.  "),  # same text, reflowed
        Article(
            url="https://example.org/d", text="Canada sanctioned Nicaragua over the election."
        ),  # id: URL
        Article(text="The Kenyan president visited Tanzania on Monday."),  # id: text hash
    ]
    stats = store.ingest(engine, arts, batch_size=2)
    assert (stats.new, stats.duplicate, stats.ok) == (3, 2, True)
    with engine.connect() as conn:
        rows = {r.id: r for r in conn.execute(text("SELECT id, duplicate_of, text FROM articles"))}
        extracted = set(conn.execute(text("SELECT DISTINCT article_id FROM event_mentions")).scalars())
    assert {k: (r.duplicate_of, r.text is None) for k, r in rows.items() if r.duplicate_of} == {
        "b": ("a", True),
        "c": ("a", True),
    }
    assert "https://example.org/d" in rows and any(k.startswith("sha256:") for k in rows)
    assert not extracted & {"b", "c"}
    assert query.summary(engine)["duplicates"] == 2

    again = store.ingest(engine, arts)
    assert (again.new, again.duplicate, dict(again.skipped)) == (0, 0, {"already stored": 5})


POISON = {
    "sqlite": [
        "CREATE TRIGGER poison BEFORE INSERT ON event_mentions WHEN NEW.article_id = 'poison' "
        "BEGIN SELECT RAISE(ABORT, 'poisoned article'); END"
    ],
    "postgresql": ["ALTER TABLE event_mentions ADD CONSTRAINT poison CHECK (article_id <> 'poison')"],
}
CURE = {
    "sqlite": ["DROP TRIGGER poison"],
    "postgresql": ["ALTER TABLE event_mentions DROP CONSTRAINT poison"],
}


def test_an_article_the_database_refuses_fails_alone_and_whole(engine: Engine) -> None:
    """The database rejects one article's events (a constraint the test adds): that article is
    stored not at all (no article row, no mentions), its batch goes on, a rerun stores it."""
    arts = [
        Article(id="before", text="Chile praised Peru for its help after the floods."),
        Article(id="poison", text="Russia attacked Ukraine."),
        Article(id="after", text="Canada sanctioned Nicaragua over the election."),
    ]
    with engine.begin() as conn:
        for sql in POISON[engine.dialect.name]:
            conn.execute(text(sql))
    messages: list[str] = []
    stats = store.ingest(engine, arts, batch_size=3, report=messages.append)
    assert (stats.new, dict(stats.failed), stats.ok) == (2, {"write failed": 1}, False)
    assert any("'poison'" in m and "not stored" in m for m in messages), messages
    assert set(per_article(engine)) == {"before", "after"}
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM mentions WHERE article_id = 'poison'")).scalar() == 0

    with engine.begin() as conn:
        for sql in CURE[engine.dialect.name]:
            conn.execute(text(sql))
    rerun = store.ingest(engine, arts, batch_size=3)
    assert (rerun.new, dict(rerun.skipped)) == (1, {"already stored": 2})
    assert set(per_article(engine)) == {"before", "poison", "after"}


def test_reader_skips_are_counted_not_errors(engine: Engine) -> None:
    class Skip:
        skipped = True

        def __str__(self) -> str:
            return "page.html: not English (fr)"

    messages: list[str] = []
    stats = store.ingest(
        engine, [Skip(), Article(id="x", text="Chile praised Peru.")], report=messages.append
    )
    assert (stats.new, dict(stats.skipped), stats.ok) == (1, {"skipped by reader": 1}, True)
    assert messages == ["skipped: page.html: not English (fr)"]


def test_workers_give_the_same_store(tmp_path: Path, examples: list[Article]) -> None:
    stores = []
    for workers in (1, 2):
        eng = store.open(f"sqlite:///{tmp_path / f'w{workers}.db'}")
        store.ingest(eng, examples[:6], batch_size=2, n_process=workers)
        stores.append(content(eng))
        eng.dispose()
    assert stores[0] == stores[1]


# -- the command line ----------------------------------------------------------------------

CLI_ARTICLES = [
    {
        "id": "kharkiv",
        "date": "2024-03-04",
        "text": "Russia attacked Ukraine on Monday, Ukrainian officials said.",
    },
    {"id": "denial", "date": "2024-03-05", "text": "Russia denied that it attacked Ukraine."},
    {
        "id": "aid",
        "date": "2024-06-01",
        "text": "The United States sent 500 soldiers to Poland in March, the Pentagon said.",
    },
]


@pytest.fixture(scope="module")
def cli_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("cli")
    inp = path / "in.jsonl"
    inp.write_text("".join(json.dumps(a) + "\n" for a in CLI_ARTICLES))
    db = f"sqlite:///{path / 'cli.db'}"
    assert main(["ingest", str(inp), "--db", db, "--no-progress"]) == 0
    return db


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def test_ingest_shows_progress_and_a_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    inp = tmp_path / "in.jsonl"
    inp.write_text("".join(json.dumps(a) + "\n" for a in CLI_ARTICLES))
    db = f"sqlite:///{tmp_path / 'p.db'}"
    status, out, err = run(capsys, "ingest", str(inp), "--db", db)
    assert status == 0
    assert "ingest: " in err and "articles/s" in err and "events 4" in err  # the bar, on stderr
    eng = store.open(db)
    actors = query.count(eng, "actors")
    eng.dispose()
    assert out.splitlines()[:3] == [
        "articles read: 3: 3 new, 0 duplicate, 0 skipped, 0 failed",
        "events written: 4 (reported 2, asserted 1, denied 1)",
        f"actors: {actors} new",
    ]
    assert "contested events: 1" in out
    status, out, err = run(capsys, "ingest", str(inp), "--db", db)
    assert status == 0 and "skipped 3 (already stored 3)" in err
    assert "3 skipped (already stored: 3)" in out


def test_events_as_a_table(cli_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "events", "--db", cli_db)
    lines = out.splitlines()
    assert status == 0
    assert lines[0].split() == [
        "event",
        "date",
        "type",
        "actors",
        "recipients",
        "status",
        "according_to",
        "article",
        "trigger",
    ]
    assert set(lines[1]) <= {"-", " "}
    assert len(lines) == 2 + 3  # four event mentions, three events: the attack and its denial are one
    assert any("ASSAULT" in line and "Russia (RUS)" in line and "denied" in line for line in lines)


def test_events_as_json_lines_with_filters(cli_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(
        capsys, "events", "--db", cli_db, "--json", "--type", "assault", "--status", "denied"
    )
    rows = [json.loads(line) for line in out.splitlines()]
    assert status == 0 and len(rows) == 1
    assert rows[0]["actors"] == ["Russia (RUS)"] and rows[0]["according_to"] == ["Russia (RUS)"]
    assert rows[0]["sentence"] == "Russia denied that it attacked Ukraine."
    _, out, _ = run(capsys, "events", "--db", cli_db, "--json", "--country", "pol", "--since", "2024-03")
    assert [json.loads(line)["type"] for line in out.splitlines()] == ["AID"]
    _, out, _ = run(capsys, "events", "--db", cli_db, "--json", "--actor", "russia", "--until", "2024-03-04")
    assert [json.loads(line)["article"] for line in out.splitlines()] == ["kharkiv"]
    _, out, _ = run(capsys, "events", "--db", cli_db, "--json", "--min-sources", "2")
    (fused,) = [json.loads(line) for line in out.splitlines()]
    assert (fused["type"], fused["articles"], fused["contested"]) == ("ASSAULT", 2, True)


def test_events_as_csv(cli_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "events", "--db", cli_db, "--csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert status == 0 and len(rows) == 3
    assert {"event", "date", "type", "actors", "latitude", "longitude", "sentence"} <= set(rows[0])
    (aid,) = [r for r in rows if r["type"] == "AID"]
    assert aid["date"] == "2024-03-01" and aid["recipients"] == "Poland (POL)"


def test_actors_claims_contested_and_timeline(cli_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "actors", "--db", cli_db, "--csv", "--country", "RUS")
    assert [r["name"] for r in csv.DictReader(io.StringIO(out))] == ["Russia"]
    _, out, _ = run(capsys, "actors", "--db", cli_db, "--limit", "2")
    assert len(out.splitlines()) == 4 and out.splitlines()[2].split()[1] == "Russia"

    _, out, _ = run(capsys, "claims", "--db", cli_db, "--json", "--stance", "deny")
    (claim,) = [json.loads(line) for line in out.splitlines()]
    assert (claim["speaker"], claim["cue"], claim["article"]) == ("Russia (RUS)", "denied", "denial")

    _, out, _ = run(capsys, "contested", "--db", cli_db)
    lines = out.splitlines()
    assert len(lines) == 3 and lines[2].split()[:3] == ["ASSAULT", "Russia", "(RUS)"]
    _, out, _ = run(capsys, "contested", "--db", cli_db, "--json")
    (group,) = [json.loads(line) for line in out.splitlines()]
    assert (group["supported"], group["denied"], group["denied_by"]) == (1, 1, ["Russia (RUS)"])

    _, out, _ = run(capsys, "timeline", "--db", cli_db, "--json")
    assert [json.loads(line) for line in out.splitlines()] == [
        {"date": "2024-03-01", "type": "AID", "events": 1},
        {"date": "2024-03-04", "type": "ASSAULT", "events": 1},  # reported, and denied a day later
        {"date": "2024-03-05", "type": "REJECT", "events": 1},
    ]
    _, out, _ = run(capsys, "timeline", "--db", cli_db, "--csv", "--type", "REJECT")
    assert out.splitlines() == ["date,type,events", "2024-03-05,REJECT,1"]


def test_empty_results_and_bad_options(
    cli_db: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status, out, _ = run(capsys, "events", "--db", cli_db, "--type", "PROTEST")
    assert (status, out) == (0, "(no events)\n")
    with pytest.raises(SystemExit) as e:
        main(["events", "--db", cli_db, "--type", "RIOT"])
    assert e.value.code == 2
    with pytest.raises(SystemExit):
        main(["events", "--db", cli_db, "--since", "yesterday"])
    with pytest.raises(SystemExit):
        main(["events", "--db", cli_db, "--json", "--csv"])
    capsys.readouterr()
    missing = tmp_path / "missing.db"
    status, _, err = run(capsys, "events", "--db", f"sqlite:///{missing}")
    assert status == 1 and "no database at" in err and not missing.exists()


def test_query_commands_work_on_postgresql(
    pg_url: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    inp = tmp_path / "in.jsonl"
    inp.write_text("".join(json.dumps(a) + "\n" for a in CLI_ARTICLES))
    assert main(["ingest", str(inp), "--db", pg_url, "--no-progress"]) == 0
    capsys.readouterr()
    for command in ("events", "actors", "claims", "contested", "timeline"):
        status, out, err = run(capsys, command, "--db", pg_url, "--json")
        assert status == 0 and out and not err, command
