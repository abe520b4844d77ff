"""Ingest throughput, store size, and query latency on a large store.

    .venv/bin/python bench/ingest.py [--limit N] [--big sqlite:///PATH] [--events 1000000]

1. Bare spaCy (`nlp.pipe` of newsgraph's pipeline) and `newsgraph ingest` (read, extract,
   fuse, write to a fresh SQLite file, one process) on the same articles — the Wikinews corpus
   and examples/, as bench/throughput.py — in one run: articles/s of each and their ratio.
2. The size of that SQLite store per 1,000 articles (after a WAL checkpoint).
3. On a store of `--events` synthetic events (bench/synthetic.py; built at `--big` unless it
   is there already), the latency of `events --actor X` as the CLI and API run it (the
   library's `query.events`, first page of 50 events) for actors drawn across the frequency
   range, from the most written-about state to the long tail: p50 and p95 over the queries.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import synthetic  # noqa: E402
import throughput  # noqa: E402
from newsgraph import nlp as newsgraph_nlp  # noqa: E402
from newsgraph import store  # noqa: E402
from newsgraph.article import Article  # noqa: E402
from newsgraph.store import query  # noqa: E402


def sqlite_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=throughput.DEFAULT_CORPUS)
    ap.add_argument("--limit", type=int, default=None, help="use only the first N articles")
    ap.add_argument("--big", default="sqlite:////tmp/newsgraph-bench-1m.db", help="the large store (URL)")
    ap.add_argument("--events", type=int, default=1_000_000, help="events in the large store")
    ap.add_argument("--queries", type=int, default=60)
    ap.add_argument("--page", type=int, default=50, help="events per query (a page)")
    args = ap.parse_args(argv)

    articles = throughput.read_jsonl(args.corpus) + throughput.read_examples(throughput.DEFAULT_EXAMPLES)
    articles = articles[: args.limit] if args.limit else articles
    words = sum(len(a["text"].split()) for a in articles)
    print(f"articles: {len(articles)}, {words:,} words")

    nlp = newsgraph_nlp.load()
    list(nlp.pipe([a["text"] for a in articles[:16]]))  # warm up
    t0 = time.perf_counter()
    list(nlp.pipe([a["text"] for a in articles], batch_size=64))
    bare_s = time.perf_counter() - t0

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "ingest.db"
        engine = store.open(f"sqlite:///{path}")
        items = [Article(id=a["id"], title=a["title"], date=a["date"], text=a["text"]) for a in articles]
        t0 = time.perf_counter()
        stats = store.ingest(engine, items, report=lambda _m: None)
        ingest_s = time.perf_counter() - t0
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        summary = query.summary(engine)
        engine.dispose()
        size = sqlite_bytes(path)
    print(f"bare nlp.pipe: {bare_s:.1f} s, {len(articles) / bare_s:.2f} articles/s")
    print(
        f"ingest: {ingest_s:.1f} s, {len(articles) / ingest_s:.2f} articles/s "
        f"({stats.new} new, {summary['event_mentions']} event mentions, "
        f"{summary['events']} events after fusion)"
    )
    print(f"ratio ingest/bare = {bare_s / ingest_s:.2f}")
    print(
        f"store size: {size / 1e6:.1f} MB for {stats.new} articles = "
        f"{size / stats.new * 1000 / 1e6:.1f} MB per 1,000"
    )

    big_path = Path(store.normalize_url(args.big).database or "")
    if not big_path.exists():
        print(f"building {args.events:,} synthetic events at {args.big} …", flush=True)
        t0 = time.perf_counter()
        synthetic.build(args.big, args.events)
        print(f"  built in {time.perf_counter() - t0:.0f} s")
    engine = store.open(args.big, create=False)
    counts = query.table_counts(engine)
    print(
        f"large store: {counts['event_mentions']:,} event mentions, {counts['actors']:,} actors, "
        f"{sqlite_bytes(big_path) / 1e9:.2f} GB"
    )
    ranked = query.actors(engine, limit=None)
    step = max(1, len(ranked) // args.queries)
    picks = ranked[::step][: args.queries]
    latencies = []
    for a in picks:
        t0 = time.perf_counter()
        rows = query.events(engine, actor=a["id"], limit=args.page)
        latencies.append((time.perf_counter() - t0) * 1000)
        assert len(rows) <= args.page
    by_name: list[float] = []
    for a in picks[:10]:
        t0 = time.perf_counter()
        query.events(engine, actor=a["name"], limit=args.page)
        by_name.append((time.perf_counter() - t0) * 1000)
    engine.dispose()
    print(
        f"events --actor ID --limit {args.page}: {len(latencies)} actors from the most to the least "
        f"written about: p50 {statistics.median(latencies):.0f} ms, p95 {percentile(latencies, 95):.0f} ms, "
        f"max {max(latencies):.0f} ms (top actor: {picks[0]['name']}, {picks[0]['events']:,} events: "
        f"{latencies[0]:.0f} ms)"
    )
    print(
        f"events --actor NAME --limit {args.page}: p50 {statistics.median(by_name):.0f} ms, "
        f"p95 {percentile(by_name, 95):.0f} ms over {len(by_name)} names"
    )
    print(f"(machine: {os.cpu_count()} cores)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
