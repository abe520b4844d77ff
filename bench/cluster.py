"""Cluster ingest (Dask, 2 local workers) against local ingest, on the same inputs.

The inputs are the Wikinews corpus plus the bundled examples, `--copies` times over (every
copy after the first with its own ids, URLs and texts; see `bench/scale.py`). Three runs of
`python -m newsgraph ingest`, each into an empty SQLite store, each timed from process start
to exit (so the cluster's start-up and the pipeline loads are included):

- `--cluster local:2` (a LocalCluster of 2 single-threaded worker processes);
- `--workers 2` (spaCy's own multiprocessing);
- `--workers 1`.

Printed: seconds and articles/s of each, the ratios (cluster / workers 2, as throughput: 1.0
means no engine overhead; workers 2 / workers 1) and whether the three stores have the same
content (every table by natural keys, the digest `tests/test_ingest.py` compares).

    .venv/bin/python bench/cluster.py               # the corpus once (298 articles)
    .venv/bin/python bench/cluster.py --copies 100 --examples-only  # the bundled corpus x100 (3,500)
    .venv/bin/python bench/cluster.py --copies 100  # with the Wikinews corpus (~31k articles)
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from scale import CORPUS, ROOT, base_articles, run_ingest, write_corpus

sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "src"))


def store_digest(db: str) -> dict[str, tuple[int, str]]:
    from newsgraph import store
    from test_ingest import content

    eng = store.open(db, create=False)
    try:
        return content(eng)
    finally:
        eng.dispose()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--copies", type=int, default=1, help="times over the corpus (default 1)")
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--examples-only", action="store_true", help="the bundled examples/ only, no corpus")
    ap.add_argument(
        "--runs",
        nargs="+",
        default=["cluster", "workers2", "workers1"],
        choices=["cluster", "workers2", "workers1"],
    )
    args = ap.parse_args()
    base = base_articles(None if args.examples_only else args.corpus)
    n = len(base) * args.copies
    modes = {
        "cluster": ["--cluster", "local:2"],
        "workers2": ["--workers", "2"],
        "workers1": ["--workers", "1"],
    }
    print(f"{n} articles ({args.copies} x {len(base)}), batch size {args.batch_size}", flush=True)
    seconds: dict[str, float] = {}
    digests = {}
    with tempfile.TemporaryDirectory(prefix="ngcluster-") as tmp:
        inputs = write_corpus(Path(tmp, "in.jsonl"), n, base)
        for mode in args.runs:
            db = f"sqlite:///{Path(tmp, mode + '.db')}"
            s, rss, out = run_ingest(inputs, db, *modes[mode], "--batch-size", str(args.batch_size))
            seconds[mode] = s
            digests[mode] = store_digest(db)
            events = digests[mode]["event_mentions"][0]
            print(
                f"{mode:>9}: {s:8.1f} s, {n / s:6.2f} articles/s, {events} event mentions, "
                f"writer peak RSS {rss / 1024:.0f} MiB | {out.splitlines()[0] if out else ''}",
                flush=True,
            )
    if "cluster" in seconds and "workers2" in seconds:
        print(
            f"ratio cluster(local:2) / workers 2 (throughput): {seconds['workers2'] / seconds['cluster']:.2f}"
        )
    if "workers2" in seconds and "workers1" in seconds:
        print(f"ratio workers 2 / workers 1 (throughput): {seconds['workers1'] / seconds['workers2']:.2f}")
    names = list(digests)
    for other in names[1:]:
        same = digests[other] == digests[names[0]]
        diff = [t for t in digests[names[0]] if digests[names[0]][t] != digests[other][t]]
        print(
            f"store {other} == store {names[0]}: {same}" + (f" (differ: {', '.join(diff)})" if diff else "")
        )


if __name__ == "__main__":
    main()
