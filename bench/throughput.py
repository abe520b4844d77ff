"""Throughput of newsgraph.extract_many against bare nlp.pipe of the same spaCy pipeline.

Runs both on the same real articles (the Wikinews corpus in ../shared plus examples/), in
one process, alternating the two, and reports the median of N timed runs of each after one
warm-up of each on a few articles:

    .venv/bin/python bench/throughput.py [--corpus PATH] [--limit N] [--runs N]

"bare" is `list(nlp.pipe(texts, batch_size=64))` with `nlp = newsgraph.nlp.load()` (the
pipeline extract_many uses, newsgraph's own components included), so the ratio is what the
extraction adds on top of parsing. Words are whitespace-separated tokens of the input texts.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "wikinews_en.jsonl"
DEFAULT_EXAMPLES = REPO / "examples"
KEYS = ("id", "title", "date", "text")

Article = dict[str, Any]


def read_jsonl(path: Path) -> list[Article]:
    articles = []
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as e:
                raise SystemExit(f"{path}:{n}: not JSON: {e}") from e
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                raise SystemExit(f"{path}:{n}: no 'text' string")
            article = {k: record.get(k) for k in KEYS}
            article["id"] = article["id"] or f"{path.stem}:{n}"
            articles.append(article)
    return articles


def read_examples(folder: Path) -> list[Article]:
    articles: list[Article] = []
    for path in sorted(folder.iterdir()):
        if path.suffix == ".jsonl":
            articles.extend(read_jsonl(path))
        elif path.suffix == ".txt":
            text = path.read_text(encoding="utf-8")
            articles.append({"id": path.stem, "title": None, "date": None, "text": text})
    return articles


def timed(fn: Callable[[list[Article]], int], batch: list[Article]) -> float:
    """Seconds for fn(batch), which must return one result per article."""
    start = time.perf_counter()
    produced = fn(batch)
    seconds = time.perf_counter() - start
    if produced != len(batch):
        raise RuntimeError(f"produced {produced} results for {len(batch)} articles")
    return seconds


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="JSONL corpus (default: %(default)s)")
    ap.add_argument(
        "--examples", type=Path, default=DEFAULT_EXAMPLES, help="folder of .txt/.jsonl (default: %(default)s)"
    )
    ap.add_argument("--limit", type=int, default=None, help="use only the first N articles")
    ap.add_argument("--runs", type=int, default=3, help="timed runs of each mode; the median is reported")
    ap.add_argument("--warmup", type=int, default=16, help="articles in the warm-up run of each mode")
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--n-process", type=int, default=1)
    args = ap.parse_args(argv)
    if args.runs < 1:
        ap.error("--runs must be at least 1")

    if not args.corpus.is_file():
        ap.error(f"corpus not found: {args.corpus} (pass --corpus PATH)")
    corpus = read_jsonl(args.corpus)
    examples = read_examples(args.examples) if args.examples.is_dir() else []
    articles = corpus + examples
    if args.limit is not None:
        articles = articles[: args.limit]
    if not articles:
        ap.error("no articles")
    words = sum(len(a["text"].split()) for a in articles)

    try:
        import newsgraph
        from newsgraph import nlp as newsgraph_nlp
    except ImportError as e:
        print(f"error: cannot import newsgraph ({e}); run `make install` first", file=sys.stderr)
        return 1

    t0 = time.perf_counter()
    nlp = newsgraph_nlp.load()
    load_s = time.perf_counter() - t0

    bs, n_process = args.batch_size, args.n_process

    def bare(batch: list[Article]) -> int:
        return len(list(nlp.pipe([a["text"] for a in batch], batch_size=bs, n_process=n_process)))

    def extract(batch: list[Article]) -> int:
        return len(list(newsgraph.extract_many(batch, batch_size=bs, n_process=n_process)))

    print(
        f"articles: {len(articles)} ({len(corpus)} in {args.corpus}, {len(examples)} in {args.examples}"
        f"{f', first {args.limit} used' if args.limit is not None else ''}), {words:,} words"
    )
    model = f"{nlp.meta.get('lang')}_{nlp.meta.get('name')} {nlp.meta.get('version')}"
    print(
        f"pipeline: {model} [{', '.join(nlp.pipe_names)}], "
        f"loaded in {load_s:.1f} s; batch_size {bs}, n_process {n_process}, runs {args.runs} (median)"
    )

    modes: dict[str, Callable[[list[Article]], int]] = {"bare": bare, "extract": extract}
    times: dict[str, list[float]] = {m: [] for m in modes}
    failed: dict[str, str] = {}

    warm = articles[: max(1, args.warmup)]
    for mode, fn in modes.items():
        try:
            timed(fn, warm)
        except Exception as e:  # the extraction may be unfinished: still report bare
            failed[mode] = f"{type(e).__name__}: {e}"

    for _ in range(args.runs):
        for mode, fn in modes.items():  # alternate: bare, extract, bare, extract, ...
            if mode in failed:
                continue
            try:
                times[mode].append(timed(fn, articles))
            except Exception as e:
                failed[mode] = f"{type(e).__name__}: {e}"

    print()
    print(f"{'mode':<8} {'median s':>9} {'words/s':>9} {'articles/s':>11}   runs (s)")
    rate: dict[str, float] = {}
    for mode in modes:
        if mode in failed:
            print(f"{mode:<8} {'failed':>9}   {failed[mode]}")
            continue
        med = statistics.median(times[mode])
        rate[mode] = words / med
        runs = " ".join(f"{t:.1f}" for t in times[mode])
        print(f"{mode:<8} {med:>9.2f} {words / med:>9,.0f} {len(articles) / med:>11.2f}   {runs}")
    print()
    if failed:
        print("ratio extract/bare = n/a")
        for mode, err in failed.items():
            print(f"error: {mode} failed: {err}", file=sys.stderr)
        return 1
    print(f"ratio extract/bare = {rate['extract'] / rate['bare']:.2f}")
    print("(throughput of extract_many as a fraction of bare parsing; 1.00 = extraction costs nothing)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
