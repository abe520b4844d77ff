"""How the cost of `newsgraph ingest` grows with the number of articles.

For each size N (default 1,000 and 10,000), a JSON Lines file of N articles is made by cycling
the Wikinews corpus (`../shared/corpus/wikinews_en.jsonl`) plus the bundled examples, each
pass k > 0 giving every article a new id, URL and a text of its own ("(copy k)" appended: the
store deduplicates identical texts), and `python -m newsgraph ingest FILE --db sqlite:///…`
runs on it in a fresh process, alone, into an empty SQLite store. Printed per size: wall time,
time per article, articles/s, the ingest process's peak RSS (from `wait4`, that process only),
the store's size; then the ratios between sizes. Memory is flat when the peak RSS at the
largest size is within ±10% of the smallest.

    .venv/bin/python bench/scale.py                    # 1k and 10k
    .venv/bin/python bench/scale.py --sizes 1000 10000 100000 --workers 1
    .venv/bin/python bench/scale.py --sizes 1000 100000 --cluster local:2 --trace 300
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "wikinews_en.jsonl"
EXAMPLES = ROOT / "examples"


def base_articles(corpus: Path | None = CORPUS) -> list[dict[str, Any]]:
    """The corpus (if any) and the bundled examples, as JSON-ready dicts."""
    sys.path.insert(0, str(ROOT / "src"))
    from newsgraph.article import Article
    from newsgraph.read import read_paths

    out = []
    for a in read_paths([*([str(corpus)] if corpus else []), str(EXAMPLES)]):
        if isinstance(a, Article):
            out.append({"id": a.id, "title": a.title, "date": a.date, "url": a.url, "text": a.text})
    return out


def cycled(base: list[dict[str, Any]], n: int) -> Iterator[dict[str, Any]]:
    """N articles: the base list again and again, every pass after the first with unique ids,
    URLs and texts."""
    for i in range(n):
        k, a = divmod(i, len(base))
        a = dict(base[a])
        if k:
            a["id"] = f"{a['id']}~{k}"
            a["url"] = f"{a['url']}#copy-{k}" if a.get("url") else None
            a["text"] = f"{a['text']}\n\n(copy {k})"
        yield a


def write_corpus(path: Path, n: int, base: list[dict[str, Any]] | None = None) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for a in cycled(base or base_articles(), n):
            f.write(json.dumps(a) + "\n")
    return path


def _rss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _stored(db: str) -> int:
    import sqlite3

    try:
        with sqlite3.connect(f"file:{db.removeprefix('sqlite:///')}?mode=ro", uri=True, timeout=1) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return 0


def run_ingest(inputs: Path, db: str, *extra: str, trace: float = 0) -> tuple[float, int, str]:
    """Wall seconds, peak RSS in KiB of the ingest process itself, and its stdout. With
    `trace`, print the process's RSS and the articles stored every `trace` seconds."""
    cmd = [sys.executable, "-m", "newsgraph", "ingest", str(inputs), "--db", db, "--no-progress", *extra]
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.DEVNULL)
        next_trace = start + trace
        while trace:  # poll every second (the wall time stays exact), print every `trace` s
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            time.sleep(1)
            if time.perf_counter() >= next_trace and (rss := _rss_kib(proc.pid)):
                next_trace += trace
                now = time.perf_counter() - start
                print(f"    t={now:7.0f} s  stored {_stored(db):>6}  RSS {rss / 1024:7.1f} MiB", flush=True)
        else:
            _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        elapsed = time.perf_counter() - start
        out.seek(0)
        stdout = out.read().decode()
    if proc.returncode not in (0, 1):
        raise SystemExit(f"ingest failed ({proc.returncode}): {' '.join(cmd)}\n{stdout}")
    return elapsed, usage.ru_maxrss, stdout


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--workers", type=int, default=1, help="ingest --workers (default 1: one process)")
    ap.add_argument("--cluster", metavar="ADDRESS", help="ingest --cluster ADDRESS (e.g. local:2) instead")
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument(
        "--trace", type=float, default=0, metavar="S", help="print RSS and progress every S seconds"
    )
    args = ap.parse_args()
    base = base_articles(args.corpus)
    engine = f"cluster {args.cluster}" if args.cluster else f"workers {args.workers}"
    print(f"base: {len(base)} articles ({args.corpus.name} + examples); {engine}", flush=True)
    rows = []
    with tempfile.TemporaryDirectory(prefix="ngscale-") as tmp:
        for n in args.sizes:
            inputs = write_corpus(Path(tmp, f"in-{n}.jsonl"), n, base)
            db_path = Path(tmp, f"store-{n}.db")
            engine = ["--cluster", args.cluster] if args.cluster else ["--workers", str(args.workers)]
            extra = [*engine, "--batch-size", str(args.batch_size)]
            seconds, rss_kib, out = run_ingest(inputs, f"sqlite:///{db_path}", *extra, trace=args.trace)
            first = out.splitlines()[0] if out else "(no summary)"
            size = db_path.stat().st_size
            rows.append((n, seconds, rss_kib, size))
            print(
                f"{n:>7} articles: {seconds:8.1f} s, {1000 * seconds / n:6.1f} ms/article, "
                f"{n / seconds:5.1f} articles/s, peak RSS {rss_kib / 1024:7.1f} MiB "
                f"({rss_kib / n:7.2f} KiB/article), store {size / 2**20:7.1f} MiB "
                f"({size / n / 1024:5.1f} KiB/article) | {first}",
                flush=True,
            )
            inputs.unlink()
            db_path.unlink()
    n0, s0, r0, _ = rows[0]
    for n, s, r, _ in rows[1:]:
        print(
            f"{n0} -> {n}: time per article x{(s / n) / (s0 / n0):.2f}, peak RSS x{r / r0:.3f} "
            f"({'flat' if abs(r / r0 - 1) <= 0.10 else 'NOT flat'} within ±10%)",
            flush=True,
        )


if __name__ == "__main__":
    main()
