"""A readable summary of newsgraph/1 records: `python -m newsgraph.summary FILE.jsonl`."""

from __future__ import annotations

import json
import sys
from collections import Counter
from typing import Any

WIDTH = 110


def excerpt(text: str, start: int, end: int, sentence: dict[str, int]) -> str:
    """The sentence around a trigger, trimmed to WIDTH characters with the trigger in view."""
    s, e = sentence["start"], sentence["end"]
    left = max(s, min(start - WIDTH // 3, e - WIDTH))
    piece = text[left : min(e, left + WIDTH)].replace("\n", " ")
    return ("…" if left > s else "") + piece + ("…" if left + WIDTH < e else "")


def describe(record: dict[str, Any]) -> str:
    actors = {a["id"]: a for a in record["actors"]}

    def name(actor_id: str) -> str:
        a = actors[actor_id]
        return f"{a['name']} ({a['country'] or '?'})"

    def names(ids: list[str]) -> str:
        return " + ".join(name(i) for i in ids)

    doc = record["doc"]
    text = record.get("text", "")
    kinds = Counter(a["kind"] for a in record["actors"])
    statuses = Counter(e["status"] for e in record["events"])
    lines = [
        f"== {doc.get('id')}" + (f": {doc['title']}" if doc.get("title") else ""),
        f"   {len(record['actors'])} actors ({', '.join(f'{n} {k}' for k, n in kinds.most_common())}); "
        f"{len(record['events'])} events ({', '.join(f'{n} {s}' for s, n in statuses.most_common())}); "
        f"{len(record.get('claims', []))} claims; {len(record.get('quantities', []))} quantities",
    ]
    for ev in record["events"]:
        whom = f" -> {names(ev['recipients'])}" if ev["recipients"] else ""
        per = f" per {names(ev['according_to'])}" if ev["according_to"] else ""
        extras = [q["text"] for q in ev.get("quantities", [])]
        if ev.get("time"):
            extras.append(f"when: {ev['time']['text']}")
        if ev.get("place"):
            extras.append(f"where: {ev['place']['name']}")
        lines.append(
            f"   {ev['type']:9s} {names(ev['actors']) or '?'}{whom}  [{ev['status']}{per}]"
            + (f"  ({'; '.join(extras)})" if extras else "")
        )
        trig = ev["trigger"]
        lines.append(f"             «{excerpt(text, trig['start'], trig['end'], ev['sentence'])}»")
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
