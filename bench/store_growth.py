"""Store size and query latency as the store grows: 10⁴, 10⁵ and 10⁶ events, in one run.

    python bench/store_growth.py                          # 10,000 100,000 1,000,000 in /tmp
    python bench/store_growth.py --sizes 10000 100000 --dir /var/tmp/stores --requests 40

For each size N, a SQLite store of N synthetic events (`bench/synthetic.py`; built once as
`DIR/synthetic-N.db` and reused when it already holds N events) is measured: its size on disk
(the database file plus its WAL), bytes per event, then `newsgraph serve` on it and the
latency of each API endpoint (`bench/api.py`: the cold first request, p50 and p95 of
`--requests` more with varied parameters). Printed last: the p50 of each endpoint at each size
and its ratio from the smallest to the largest size (1.0 = the size of the store costs
nothing; 100 = linear in the store over 10⁴ -> 10⁶).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from api import latencies, samples, serving  # noqa: E402
from newsgraph import store  # noqa: E402
from synthetic import build  # noqa: E402


def ensure(path: Path, n_events: int) -> str:
    """The URL of a store of `n_events` synthetic events at `path`, built if it is not there."""
    url = f"sqlite:///{path}"
    if path.exists():
        engine = store.open(url)
        try:
            have = store.query.count(engine, "events")
        finally:
            engine.dispose()
        if have == n_events:
            print(f"{path}: {have:,} events (reused)", flush=True)
            return url
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    began = time.perf_counter()
    build(url, n_events)
    print(f"{path}: built {n_events:,} events in {time.perf_counter() - began:.0f} s", flush=True)
    return url


def disk_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    ap.add_argument("--dir", type=Path, default=Path("/tmp"), help="where the stores are kept")
    ap.add_argument("--requests", type=int, default=40, help="requests per endpoint (after the first)")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    args.dir.mkdir(parents=True, exist_ok=True)
    sizes = sorted(args.sizes)
    results: dict[int, dict[str, tuple[float, float, float]]] = {}
    on_disk: dict[int, int] = {}
    for n in sizes:
        path = args.dir / f"synthetic-{n}.db"
        url = ensure(path, n)
        on_disk[n] = disk_bytes(path)
        print(f"\n== {n:,} events: {on_disk[n] / 2**20:,.1f} MiB on disk, {on_disk[n] / n:,.0f} bytes/event")
        urls = samples(url, random.Random(args.seed))
        with serving(url) as base:
            results[n] = latencies(base, urls, args.requests)

    small, large = sizes[0], sizes[-1]
    print(f"\n{'size':>10} {'MiB':>9} {'bytes/event':>12}")
    for n in sizes:
        print(f"{n:>10,} {on_disk[n] / 2**20:9.1f} {on_disk[n] / n:12,.0f}")
    print(f"bytes/event {large:,} / {small:,}: {on_disk[large] / large / (on_disk[small] / small):.2f}")
    header = "".join(f"{f'p50 {n:,}':>14}" for n in sizes)
    print(f"\n{'endpoint':20}{header}{f'p50 x{large // small:,}':>14}{'p95 at ' + format(large, ','):>18}")
    for name in results[small]:
        p50s = "".join(f"{results[n][name][1]:14.1f}" for n in sizes)
        ratio = results[large][name][1] / max(results[small][name][1], 0.01)
        print(f"{name:20}{p50s}{ratio:14.2f}{results[large][name][2]:18.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
