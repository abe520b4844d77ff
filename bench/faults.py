"""kill -9 of `newsgraph ingest` at random points, 20 times, then rerun: lost and duplicated.

Each run ingests the bundled examples (`python -m newsgraph ingest examples --batch-size 4`)
into an empty SQLite store (`--backend postgresql` with NEWSGRAPH_TEST_PG, a server of your
own, is not wired here), kills it with SIGKILL once it has stored a random number of articles
(0: at a random moment while it starts) plus a random fraction of a second, runs it again,
and compares the store with a clean run, table by table by natural keys
(`tests/test_faults.py`). Printed per run: articles stored at the kill, articles lost, rows
duplicated, tables that differ; then the totals.

    .venv/bin/python bench/faults.py            # 20 runs
    .venv/bin/python bench/faults.py --runs 5 --seed 7
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import test_faults as tf  # noqa: E402
from newsgraph import store  # noqa: E402
from newsgraph.read import read_paths  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--seed", type=int, default=2024)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    lost_total = dup_total = differ_total = killed_total = 0
    with tempfile.TemporaryDirectory(prefix="ngfaults-") as tmp:
        eng = store.open(f"sqlite:///{Path(tmp, 'clean.db')}")
        assert store.ingest(eng, read_paths([str(tf.EXAMPLES)]), batch_size=tf.BATCH).ok
        clean = tf.content(eng)
        eng.dispose()
        total = clean["articles"][0]
        print(
            f"{total} articles per run, batch size {tf.BATCH}, {args.runs} runs, seed {args.seed}", flush=True
        )
        for run in range(1, args.runs + 1):
            url = f"sqlite:///{Path(tmp, f'run{run}.db')}"
            outcome = tf.kill_at_random_and_resume(url, rng, total)
            lost, duplicated, differ = tf.losses(url, clean)
            ok = outcome["rerun"].returncode == 0
            killed_total += outcome["killed"]
            lost_total += lost
            dup_total += duplicated
            differ_total += bool(differ)
            print(
                f"run {run:>2}: target {outcome['target']:>3}, "
                f"{'killed' if outcome['killed'] else 'finished before the kill'}, "
                f"stored at kill {outcome['stored_at_kill']:>3}, rerun {'ok' if ok else 'FAILED'}, "
                f"lost {lost}, duplicated {duplicated}, differing tables {differ or 'none'}",
                flush=True,
            )
    print(
        f"total: {args.runs} runs, {killed_total} killed mid-run, {lost_total} articles lost, "
        f"{dup_total} rows duplicated, {differ_total} runs with a store unlike the clean run",
        flush=True,
    )
    sys.exit(1 if lost_total or dup_total or differ_total else 0)


if __name__ == "__main__":
    main()
