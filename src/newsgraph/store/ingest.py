"""`ingest`: read articles, extract them, and write the records to the store.

- Articles already in the store (same identity and text) are skipped before extraction, so
  ingesting the same inputs twice changes nothing; duplicates (same URL or text under another
  identity) are recorded as such, not extracted; a conflicting id is reported, not stored.
- Records are written in batches, each batch in one transaction, each article in a savepoint:
  an article's rows are all there or none are, and a failing article does not stop its batch.
- Killed at any moment, a run loses at most the batch it had not committed; run it again and
  that batch is extracted again (nothing lost, nothing twice).
- Extraction streams through `newsgraph.extract_many` (`n_process` workers) in input order;
  this process is the only writer.
"""

from __future__ import annotations

import dataclasses
import sys
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import DBAPIError, InterfaceError, InternalError, OperationalError
from tqdm import tqdm

from newsgraph import extract_many
from newsgraph.article import Article
from newsgraph.store.db import StoreError, describe
from newsgraph.store.query import count
from newsgraph.store.write import (
    Index,
    Stored,
    Verdict,
    Written,
    article_key,
    lookup,
    text_hash,
    write_duplicate,
    write_record,
)

T = TypeVar("T")
# Articles to extract -> their newsgraph/1 records, one each, in input order.
Extractor = Callable[[Iterator[Article]], Iterable[dict[str, Any]]]
# The prefix newsgraph.extract_many gives the warning of a record whose extraction failed.
EXTRACTION_FAILED = "extraction failed"
# Reasons to skip an article that lose nothing (the exit status stays 0).
BENIGN = {"already stored", "repeated in input", "skipped by reader"}


@dataclass
class IngestStats:
    """What one run did. `skipped` and `failed` count by reason."""

    new: int = 0
    duplicate: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    failed: Counter[str] = field(default_factory=Counter)
    events: Counter[str] = field(default_factory=Counter)  # by status, of the new articles
    actors_before: int = 0
    actors_after: int = 0

    @property
    def read(self) -> int:
        return self.new + self.duplicate + sum(self.skipped.values()) + sum(self.failed.values())

    @property
    def ok(self) -> bool:
        """No input was lost: nothing failed, nothing unreadable or in conflict."""
        return not self.failed and not (self.skipped.keys() - BENIGN)


@dataclass
class _Item:
    key: str
    hash: str
    verdict: Verdict
    stored: Stored
    article: Article  # for duplicates: the metadata only (text dropped)


def batched(items: Iterable[T], n: int) -> Iterator[list[T]]:
    it = iter(items)
    while chunk := list(islice(it, n)):
        yield chunk


def _classify(key: str, url: str | None, hash_: str, stored: Index, pending: Index) -> Verdict:
    """The verdict for an incoming article, against the store and this run's queue."""
    for index, repeat in ((stored, "already stored"), (pending, "repeated in input")):
        same = index.by_key.get(key)
        if same is not None:
            return Verdict("skipped", repeat if same.text_hash == hash_ else "id conflict")
    for index in (stored, pending):
        other = (index.by_url.get(url) if url else None) or index.by_hash.get(hash_)
        if other is not None:
            return Verdict("duplicate", original=other.original)
    return Verdict("new")


class _Progress:
    """A tqdm bar on stderr (articles/s, events so far, skipped with reasons), or nothing."""

    def __init__(self, enabled: bool, stats: IngestStats) -> None:
        self.stats = stats
        self.bar = tqdm(
            desc="ingest",
            unit=" articles",
            file=sys.stderr,
            disable=not enabled,
            dynamic_ncols=True,
            mininterval=0.5,
        )

    def update(self, n: int = 1) -> None:
        if self.bar.disable:
            return
        s = self.stats
        skipped = sum(s.skipped.values())
        post = f"new {s.new}, events {sum(s.events.values())}"
        if s.duplicate:
            post += f", duplicate {s.duplicate}"
        if skipped:
            post += f", skipped {skipped} (" + ", ".join(f"{r} {n}" for r, n in s.skipped.most_common()) + ")"
        if s.failed:
            post += f", failed {sum(s.failed.values())}"
        self.bar.set_postfix_str(post, refresh=False)
        self.bar.update(n)

    def write(self, message: str) -> None:
        if self.bar.disable:
            print(message, file=sys.stderr, flush=True)
        else:
            self.bar.write(message, file=sys.stderr)

    def close(self) -> None:
        self.bar.close()


def _fatal(e: BaseException) -> bool:
    """Errors that mean the connection or database is unusable, not that one article is bad."""
    return isinstance(e, OperationalError | InterfaceError | InternalError) or (
        isinstance(e, DBAPIError) and e.connection_invalidated
    )


def ingest(
    engine: Engine,
    items: Iterable[Article | Any],
    *,
    batch_size: int = 64,
    n_process: int = 1,
    progress: bool = False,
    report: Callable[[str], None] | None = None,
    extractor: Extractor | None = None,
) -> IngestStats:
    """Ingest articles into the store. `items` are `Article`s; anything else is an input error
    whose `str()` says why (e.g. `newsgraph.read.ReadError`), counted as skipped: "unreadable",
    or "skipped by reader" when it has a true `skipped` attribute (a reader's deliberate skip).

    Messages ("error: …", "warning: …") go to `report`, by default stderr (above the bar).
    `extractor` turns the articles to extract into their records, in order (by default
    `newsgraph.extract_many` with `batch_size` and `n_process`; the Dask cluster passes its own).
    Raises `StoreError` if the database fails (the batches committed before stay)."""
    stats = IngestStats()
    bar = _Progress(progress, stats)
    say = report or bar.write
    queue: deque[_Item] = deque()
    pending = Index()
    failed_keys: set[str] = set()
    batch_size = max(1, batch_size)

    def feed() -> Iterator[Article]:
        """Articles to extract, in input order; the others are queued or counted here."""
        for chunk in batched(items, batch_size):
            arts: list[Article] = []
            for item in chunk:
                if isinstance(item, Article):
                    arts.append(item)
                elif getattr(item, "skipped", False):  # a reader's deliberate skip (e.g. not English)
                    stats.skipped["skipped by reader"] += 1
                    say(f"skipped: {item}")
                    bar.update()
                else:
                    stats.skipped["unreadable"] += 1
                    say(f"error: {item}")
                    bar.update()
            if not arts:
                continue
            hashes = [text_hash(a.text) for a in arts]
            keys = [article_key(a, h) for a, h in zip(arts, hashes, strict=True)]
            stored = Index()
            try:
                with engine.connect() as conn:
                    for s in lookup(conn, keys, [a.url for a in arts if a.url], hashes):
                        stored.add(s)
            except DBAPIError as e:
                raise StoreError(
                    f"{describe(engine.url)}: looking up stored articles failed: {_first_line(e)}"
                ) from None
            for a, h, key in zip(arts, hashes, keys, strict=True):
                verdict = _classify(key, a.url, h, stored, pending)
                if verdict.outcome == "skipped":
                    assert verdict.reason is not None
                    stats.skipped[verdict.reason] += 1
                    if verdict.reason == "id conflict":
                        say(
                            f"error: article {key!r} has a different text from the article stored (or read "
                            "earlier) under that id; not ingested (give it an id of its own)"
                        )
                    bar.update()
                    continue
                entry = Stored(key, h, a.url, verdict.original or key)
                pending.add(entry)
                if verdict.outcome == "new":
                    queue.append(_Item(key, h, verdict, entry, a))
                    yield a
                else:
                    queue.append(_Item(key, h, verdict, entry, dataclasses.replace(a, text="")))

    batch: list[tuple[_Item, dict[str, Any] | None]] = []

    def write_one(conn: Connection, item: _Item, record: dict[str, Any] | None) -> tuple[str, Written | None]:
        """One article in its own savepoint: its outcome ("new", "duplicate" or a failure reason)."""
        if record is None:
            if item.stored.original in failed_keys:
                failed_keys.add(item.key)
                return "duplicate of a failed article", None
            try:
                with conn.begin_nested():
                    write_duplicate(conn, item.key, item.article, item.hash, item.stored.original)
            except Exception as e:
                if _fatal(e):
                    raise
                failed_keys.add(item.key)
                say(f"error: article {item.key!r}: not stored ({_first_line(e)})")
                return "write failed", None
            return "duplicate", None
        warnings = record.get("warnings") or []
        for w in warnings:
            say(f"warning: {item.key}: {w}")
        if any(str(w).startswith(EXTRACTION_FAILED) for w in warnings):
            failed_keys.add(item.key)
            return "extraction failed", None
        try:
            with conn.begin_nested():
                written = write_record(conn, item.key, item.hash, record)
        except Exception as e:
            if _fatal(e):
                raise
            failed_keys.add(item.key)
            say(f"error: article {item.key!r}: not stored ({type(e).__name__}: {_first_line(e)})")
            return "write failed", None
        return "new", written

    def flush() -> None:
        if not batch:
            return
        outcomes = []
        try:
            with engine.begin() as conn:
                for item, record in batch:
                    outcomes.append(write_one(conn, item, record))
        except DBAPIError as e:
            raise StoreError(
                f"{describe(engine.url)}: writing a batch failed: {_first_line(_cause(e))}"
            ) from None
        for (item, _), (outcome, written) in zip(batch, outcomes, strict=True):
            pending.discard(item.stored)
            if outcome == "new":
                stats.new += 1
                assert written is not None
                stats.events.update(written.statuses)
            elif outcome == "duplicate":
                stats.duplicate += 1
            else:
                stats.failed[outcome] += 1
            bar.update()
        batch.clear()

    stats.actors_before = _count_actors(engine)
    try:
        extract = extractor or (
            lambda arts: extract_many(arts, batch_size=batch_size, n_process=max(1, n_process))
        )
        for record in extract(feed()):
            while queue[0].verdict.outcome != "new":
                batch.append((queue.popleft(), None))
            batch.append((queue.popleft(), record))
            if len(batch) >= batch_size:
                flush()
        while queue:
            batch.append((queue.popleft(), None))
            if len(batch) >= batch_size:
                flush()
        flush()
    finally:
        bar.close()
    stats.actors_after = _count_actors(engine)
    return stats


def _count_actors(engine: Engine) -> int:
    return count(engine, "actors")


def _cause(e: BaseException) -> BaseException:
    """The error that broke a batch. When SQLite rolls a whole transaction back (a full disk),
    releasing the article's savepoint fails next ("no such savepoint") and hides the real error
    in the exception's context."""
    seen: BaseException | None = e
    while seen is not None:
        if "no such savepoint" not in str(getattr(seen, "orig", None) or seen):
            return seen
        seen = seen.__context__
    return e


def _first_line(e: BaseException) -> str:
    orig = getattr(e, "orig", None) or e
    lines = str(orig).strip().splitlines()
    return lines[0] if lines else type(orig).__name__


def summary_lines(stats: IngestStats, totals: dict[str, Any]) -> list[str]:
    """The end-of-run summary: this run, then what the store holds."""

    def reasons(c: Counter[str]) -> str:
        return " (" + ", ".join(f"{r}: {n}" for r, n in c.most_common()) + ")" if c else ""

    lines = [
        f"articles read: {stats.read}: {stats.new} new, {stats.duplicate} duplicate, "
        f"{sum(stats.skipped.values())} skipped{reasons(stats.skipped)}, "
        f"{sum(stats.failed.values())} failed{reasons(stats.failed)}",
        f"events written: {sum(stats.events.values())}"
        + (" (" + ", ".join(f"{s} {n}" for s, n in stats.events.most_common()) + ")" if stats.events else ""),
        f"actors: {stats.actors_after - stats.actors_before} new",
        "",
    ]
    return lines + store_lines(totals)


def store_lines(totals: dict[str, Any]) -> list[str]:
    """What the store holds (from `query.summary`), for people."""

    def dist(d: dict[str, int]) -> str:
        return ", ".join(f"{k} {n}" for k, n in sorted(d.items(), key=lambda kv: (-kv[1], kv[0]))) or "none"

    return [
        f"store: {totals['articles']} articles ({totals['duplicates']} duplicates), "
        f"{totals['actors']} actors, "
        f"{totals['events']} events, {totals['claims']} claims, {totals['quantities']} quantities",
        f"events by type: {dist(totals['events_by_type'])}",
        f"events by status: {dist(totals['events_by_status'])}",
        f"contested events: {totals['contested']}",
    ]
