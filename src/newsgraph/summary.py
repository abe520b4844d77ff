"""A readable summary of newsgraph/1 records: `python -m newsgraph.summary FILE.jsonl`."""

from __future__ import annotations

import json
import sys
from collections import Counter
from typing import Any


def describe(record: dict[str, Any]) -> str:
    actors = {a["id"]: a for a in record["actors"]}

    def name(actor_id: str) -> str:
        a = actors[actor_id]
        return f"{a['name']} ({a['country'] or '?'})"

    doc = record["doc"]
    lines = [f"== {doc.get('id')}: {doc.get('title') or ''}".rstrip(": ")]
    kinds = Counter(a["kind"] for a in record["actors"])
    lines.append(
        f"   {len(record['actors'])} actors ({', '.join(f'{n} {k}' for k, n in kinds.most_common())}), "
        f"{len(record['events'])} events"
    )
    text = record.get("text", "")
    for ev in record["events"]:
        who = " + ".join(name(i) for i in ev["actors"]) or "?"
        whom = " + ".join(name(i) for i in ev["recipients"])
        status = ev["status"] + (
            f" per {', '.join(name(i) for i in ev['according_to'])}" if ev["according_to"] else ""
        )
        sentence = text[ev["sentence"]["start"] : ev["sentence"]["end"]].replace("\n", " ")
        lines.append(
            f"   {ev['type']:9s} {who}{' -> ' + whom if whom else ''}  [{status}]  «{ev['trigger']['text']}»"
        )
        lines.append(f"             {sentence[:150]}{'…' if len(sentence) > 150 else ''}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    paths = sys.argv[1:] if argv is None else argv
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    print(describe(json.loads(line)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
