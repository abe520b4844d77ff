"""Latency of `newsgraph serve` on a big store, and a bounded load run.

    python bench/api.py --db sqlite:///big.db            # builds 1,000,000 synthetic events if empty
    python bench/api.py --db sqlite:///big.db --events 1000000 --requests 40 --clients 20 --seconds 30

Starts the real server (`newsgraph serve`, uvicorn, on 127.0.0.1 and a free port) as a
subprocess, then:

1. for each main endpoint, requests it with varied parameters (different event ids, actors,
   types, pages: not one URL over and over) and prints the first (cold) request's time and
   the p50/p95 of the others. Aggregates over the whole store (overview, network, timeline,
   places, contested) are cached by the server per parameters until the store changes, so for
   those the cold time is the honest cost of the first view and p50/p95 mostly a cache hit;
2. a load run: `--clients` threads, each with its own connection, cycling through a mix of
   those URLs for `--seconds`, and prints requests, errors (non-200 or failed) and latency.
"""

from __future__ import annotations

import argparse
import random
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
from sqlalchemy import func, select

sys.path.insert(0, str(Path(__file__).parent))

from newsgraph import store  # noqa: E402
from newsgraph.store import schema as t  # noqa: E402
from synthetic import build  # noqa: E402

TYPES = ["ASSAULT", "AID", "CONSULT", "ACCUSE", "PROTEST", "SANCTION", "THREATEN", "MOBILIZE"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def ensure_store(url: str, n_events: int) -> None:
    engine = store.open(url)
    try:
        have = store.query.count(engine, "events")
    finally:
        engine.dispose()
    if have == 0:
        began = time.perf_counter()
        build(url, n_events)
        print(f"built {n_events:,} synthetic events in {time.perf_counter() - began:.0f} s", flush=True)
    else:
        print(f"store has {have:,} events", flush=True)


def samples(url: str, rng: random.Random) -> dict[str, list[str]]:
    """URLs per endpoint, with parameters drawn from what the store holds."""
    engine = store.open(url, read_only=True)
    try:
        with engine.connect() as conn:
            max_event = conn.execute(select(func.max(t.events.c.id))).scalar_one()
            max_actor = conn.execute(select(func.max(t.actors.c.id))).scalar_one()
            n_articles = conn.execute(select(func.count()).select_from(t.articles)).scalar_one()
            offset = rng.randrange(0, max(1, min(1000, n_articles - 50)))
            articles = [r[0] for r in conn.execute(select(t.articles.c.id).limit(50).offset(offset))]
    finally:
        engine.dispose()
    busy = list(range(1, min(max_actor, 40) + 1))  # the power law's head: the most active actors
    some_actor = lambda: rng.choice(busy) if rng.random() < 0.5 else rng.randrange(1, max_actor + 1)  # noqa: E731
    return {
        "overview": ["/api/overview"],
        "events (page 1)": ["/api/events?per_page=50"],
        "events (filtered)": [
            f"/api/events?type={rng.choice(TYPES)}&page={rng.randrange(1, 20)}" for _ in range(10)
        ]
        + [f"/api/events?actor={some_actor()}" for _ in range(10)]
        + [f"/api/events?status=denied&sort=date&order=desc&page={rng.randrange(1, 10)}" for _ in range(5)]
        + [f"/api/events?actor={some_actor()}&status={rng.choice(['denied', 'reported'])}" for _ in range(5)]
        + [
            f"/api/events?since={y}-0{rng.randrange(1, 7)}&until={y}-12"
            for y in rng.sample(range(2015, 2025), 5)
        ],
        "event (evidence)": [f"/api/events/{rng.randrange(1, max_event + 1)}" for _ in range(50)],
        "actor profile": [f"/api/actors/{some_actor()}" for _ in range(50)],
        "article": [f"/api/articles/{a}" for a in articles],
        "actors": ["/api/actors?limit=50", "/api/actors?kind=state&limit=50"],
        "claims": ["/api/claims?limit=100", "/api/claims?stance=deny&limit=100"],
        "timeline": ["/api/timeline?by=week&group=quad"]
        + [f"/api/timeline?by=week&group=type&type={ty}" for ty in TYPES[:3]],
        "network": [f"/api/network?type={ty}&since=2024" for ty in TYPES[:3]],
        "places": [f"/api/places?type={ty}&since=2024" for ty in TYPES[:3]],
        "contested": ["/api/contested?since=2024-06"],
    }


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def latencies(base: str, urls: dict[str, list[str]], requests: int) -> dict[str, tuple[float, float, float]]:
    """Per endpoint: the cold (first) request's ms, and the p50 and p95 of the others."""
    out = {}
    print(f"\n{'endpoint':20} {'cold ms':>9} {'p50 ms':>8} {'p95 ms':>8}  (n={requests} each)")
    with httpx.Client(base_url=base, timeout=600) as client:
        for name, pool in urls.items():
            times = []
            for i in range(requests + 1):
                url = pool[i % len(pool)]
                began = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - began) * 1000)
                if response.status_code != 200:
                    print(f"  {url}: HTTP {response.status_code} {response.text[:200]}")
            cold, warm = times[0], times[1:]
            out[name] = (cold, percentile(warm, 50), percentile(warm, 95))
            print(f"{name:20} {cold:9.1f} {out[name][1]:8.1f} {out[name][2]:8.1f}", flush=True)
    return out


def load(base: str, urls: list[str], clients: int, seconds: float) -> None:
    stop = time.monotonic() + seconds
    times: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()

    def worker(seed: int) -> None:
        rng = random.Random(seed)
        mine: list[float] = []
        with httpx.Client(base_url=base, timeout=60) as client:
            while time.monotonic() < stop:
                url = rng.choice(urls)
                began = time.perf_counter()
                try:
                    response = client.get(url)
                    if response.status_code != 200:
                        with lock:
                            errors.append(f"{url}: HTTP {response.status_code}")
                except httpx.HTTPError as e:
                    with lock:
                        errors.append(f"{url}: {type(e).__name__}: {e}")
                mine.append((time.perf_counter() - began) * 1000)
        with lock:
            times.extend(mine)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(clients)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    print(
        f"\nload: {clients} clients for {seconds:.0f} s: {len(times):,} requests "
        f"({len(times) / seconds:,.0f}/s), {len(errors)} errors; "
        f"p50 {percentile(times, 50):.1f} ms, p95 {percentile(times, 95):.1f} ms, "
        f"max {max(times):.0f} ms"
    )
    for e in errors[:10]:
        print(f"  {e}")


@contextmanager
def serving(url: str) -> Iterator[str]:
    """`newsgraph serve` on the store at `url`, on a free port, up and warmed: its base URL."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "newsgraph", "serve", "--db", url, "--port", str(port)],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        began = time.perf_counter()
        for _ in range(300):
            try:
                httpx.get(f"{base}/api/meta", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        # The server warms its whole-store views at start (overview, actors, contested, the
        # busiest actors' profiles); measure once that is done, and say how long it took.
        while httpx.get(f"{base}/api/meta", timeout=10).json().get("warming"):
            time.sleep(0.5)
        print(f"server up and warmed in {time.perf_counter() - began:.1f} s", flush=True)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", required=True, help="sqlite:///PATH or postgresql://…")
    ap.add_argument("--events", type=int, default=1_000_000, help="synthetic events if the store is empty")
    ap.add_argument("--requests", type=int, default=40, help="requests per endpoint (after the first)")
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    ensure_store(args.db, args.events)
    rng = random.Random(args.seed)
    urls = samples(args.db, rng)
    with serving(args.db) as base:
        latencies(base, urls, args.requests)
        mix = [u for pool in urls.values() for u in pool]
        load(base, mix, args.clients, args.seconds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
