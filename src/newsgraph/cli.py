"""The command line: argument parsing over the library API, nothing more."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator

from newsgraph import extract_many
from newsgraph.article import Article
from newsgraph.read import ReadError, read_paths


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="newsgraph", description="Who did and said what to whom, from news.")
    sub = ap.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("extract", help="articles to newsgraph/1 JSON Lines on stdout")
    ex.add_argument(
        "paths", nargs="+", metavar="PATH", help=".txt, .jsonl, a directory, or - for stdin (JSONL)"
    )
    ex.add_argument(
        "--format",
        choices=["jsonl", "json"],
        default="jsonl",
        help="jsonl: one record per line (default); json: pretty-printed records",
    )
    ex.add_argument("--workers", type=int, default=1, help="parallel spaCy processes (default 1)")
    ex.add_argument("--batch-size", type=int, default=64)
    return ap


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return run_extract(args.paths, fmt=args.format, workers=args.workers, batch_size=args.batch_size)


def run_extract(paths: list[str], *, fmt: str, workers: int, batch_size: int) -> int:
    failed = 0

    def articles() -> Iterator[Article]:
        nonlocal failed
        for item in read_paths(paths):
            if isinstance(item, ReadError):
                failed += 1
                print(f"newsgraph: error: {item}", file=sys.stderr, flush=True)
            else:
                yield item

    indent = 2 if fmt == "json" else None
    out = sys.stdout
    try:
        for record in extract_many(articles(), batch_size=batch_size, n_process=max(1, workers)):
            for warning in record.pop("warnings", []):
                print(f"newsgraph: warning: {record['doc']['id']}: {warning}", file=sys.stderr)
            out.write(json.dumps(record, ensure_ascii=False, indent=indent) + "\n")
    except BrokenPipeError:
        return failed and 1
    except KeyboardInterrupt:
        return 130
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
