"""Dev-set quality: extract the gold articles and score them with ../shared/eval/score.py.

    python bench/quality.py [--shared ../shared] [--errors N] [--only NAME]

The gold sets are for development; the scorer stays the arbiter of every number."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import newsgraph

SETS = ("dev", "wikinews_dev", "plover_gsr_dev")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[1].parent / "shared"))
    ap.add_argument("--errors", type=int, default=0)
    ap.add_argument("--only", choices=SETS)
    args = ap.parse_args()
    shared = Path(args.shared)
    for name in [args.only] if args.only else SETS:
        gold = shared / "gold" / f"{name}.jsonl"
        golds = [json.loads(line) for line in gold.open(encoding="utf-8") if line.strip()]
        articles = [
            {"id": g["doc_id"], "title": g.get("title"), "date": g.get("date"), "text": g["text"]}
            for g in golds
        ]
        with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as out:
            for record in newsgraph.extract_many(articles):
                out.write(json.dumps(record) + "\n")
        print(f"### {name}", flush=True)
        cmd = [
            sys.executable,
            str(shared / "eval" / "score.py"),
            str(gold),
            out.name,
            "--errors",
            str(args.errors),
        ]
        subprocess.run(cmd, check=True)
        Path(out.name).unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
