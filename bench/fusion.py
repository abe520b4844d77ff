"""How well events are fused across articles, on a set written for it.

`examples/outlets.jsonl` holds five outlets' differently worded reports of one story (North Korean
troops in Russia, Moscow's and Pyongyang's denials, U.S. aid to Ukraine) and pairs of
look-alike events that are not the same (strikes on two cities the same day, sanctions on two
countries the same day, the same two ministers meeting months apart, arrests in two capitals).
`bench/fusion/key.tsv` says which real event each mention stands for. The articles are ingested for real
into a throwaway SQLite store; then, over the labelled mentions extraction produced:

- false merges: pairs of mentions fused into one event that are different real events, as a
  share of all fused pairs (the issue's "false-merge rate"), and the events holding more
  than one real event;
- missed merges: pairs of the same real event left in different events;
- per real event: how many store events it became and its sources.

    python bench/fusion.py
"""

from __future__ import annotations

import csv
import itertools
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from sqlalchemy import func, select

from newsgraph import store
from newsgraph.read import read_paths
from newsgraph.store import schema as t

HERE = Path(__file__).parent / "fusion"
ARTICLES = Path(__file__).parents[1] / "examples" / "outlets.jsonl"


def load_key(path: Path) -> dict[tuple[str, str, str], str]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return {
        (r["article"], r["trigger"], r["type"]): r["event"] for r in csv.DictReader(lines, delimiter="\t")
    }


def measure(articles: Path = ARTICLES, key_path: Path = HERE / "key.tsv") -> dict[str, object]:
    key = load_key(key_path)
    with tempfile.TemporaryDirectory() as tmp:
        engine = store.open(f"sqlite:///{tmp}/fusion.db")
        store.ingest(engine, read_paths([str(articles)]), report=lambda _m: None)
        em, ev, ar = t.event_mentions, t.events, t.articles
        with engine.connect() as conn:
            rows = conn.execute(
                select(
                    func.coalesce(ev.c.fused_event_id, ev.c.id).label("event"),
                    em.c.article_id,
                    em.c.trigger_text,
                    em.c.type,
                    ar.c.source,
                )
                .select_from(em.join(ev, ev.c.id == em.c.event_id).join(ar, ar.c.id == em.c.article_id))
                .order_by(em.c.id)
            ).all()
        engine.dispose()
    labelled = [
        (r, key[(r.article_id, r.trigger_text, r.type)])
        for r in rows
        if (r.article_id, r.trigger_text, r.type) in key
    ]
    fused_pairs = false_pairs = same_pairs = missed_pairs = 0
    for (a, la), (b, lb) in itertools.combinations(labelled, 2):
        if a.event == b.event:
            fused_pairs += 1
            false_pairs += la != lb
        if la == lb:
            same_pairs += 1
            missed_pairs += a.event != b.event
    labels_of: dict[int, set[str]] = defaultdict(set)
    events_of: dict[str, set[int]] = defaultdict(set)
    sources_of: dict[str, set[str]] = defaultdict(set)
    for r, label in labelled:
        labels_of[r.event].add(label)
        events_of[label].add(r.event)
        sources_of[label].add(r.source or r.article_id)
    return {
        "key_mentions": len(key),
        "labelled_mentions": len(labelled),
        "real_events": len(events_of),
        "store_events": len(labels_of),
        "fused_pairs": fused_pairs,
        "false_merge_pairs": false_pairs,
        "false_merge_rate": false_pairs / fused_pairs if fused_pairs else 0.0,
        "events_with_several_real_events": sum(1 for ls in labels_of.values() if len(ls) > 1),
        "same_event_pairs": same_pairs,
        "missed_merge_pairs": missed_pairs,
        "merge_recall": (same_pairs - missed_pairs) / same_pairs if same_pairs else 1.0,
        "per_event": {
            label: {"store_events": len(events_of[label]), "sources": len(sources_of[label])}
            for label in sorted(events_of)
        },
        "missing": sorted(
            f"{a} {tr} {ty}"
            for (a, tr, ty) in key
            if not any((r.article_id, r.trigger_text, r.type) == (a, tr, ty) for r, _ in labelled)
        ),
    }


def main() -> int:
    m = measure()
    print(f"labelled mentions extracted: {m['labelled_mentions']} of {m['key_mentions']} in the key")
    print(f"real events: {m['real_events']}, store events holding them: {m['store_events']}")
    print(
        f"fused pairs: {m['fused_pairs']}, of which different real events: {m['false_merge_pairs']} "
        f"(false-merge rate {m['false_merge_rate']:.3f}); events mixing real events: "
        f"{m['events_with_several_real_events']}"
    )
    print(
        f"same-event pairs: {m['same_event_pairs']}, left apart: {m['missed_merge_pairs']} "
        f"(merge recall {m['merge_recall']:.3f})"
    )
    per_event = m["per_event"]
    assert isinstance(per_event, dict)
    for label, info in per_event.items():
        print(f"  {label:32} store events {info['store_events']}  sources {info['sources']}")
    missing = m["missing"]
    assert isinstance(missing, list)
    if missing:
        print("not extracted (so not measured): " + "; ".join(missing))
    return 0


if __name__ == "__main__":
    sys.exit(main())
