"""A store of synthetic but realistically shaped rows, fast, for benchmarks of the store, the
API and the ingest at sizes no corpus here reaches (a million events).

    python bench/synthetic.py sqlite:///big.db 1000000        # or: build(url, n_events, seed)

Shapes, after what real extraction writes: about four events per article; actors drawn from
a power law (a few states in most events, a long tail of people and groups); PLOVER types and
statuses in proportions like the Wikinews output (asserted most, then reported; a few percent
denied or negated); dates over ten years; two in five events placed; reported and denied
events carry a source (`according_to`) and the claim that carries them; one mention in ten is
fused into an earlier event of the same type (another article telling it). Article texts are
short generated sentences whose offsets (trigger, sentence, actor mentions, claims) are right,
so the evidence view works on them. Rows go in by bulk inserts with ids set here, one
transaction per chunk; indexes are the schema's.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection, insert

from newsgraph import store
from newsgraph.lexicon import quads
from newsgraph.store import schema as t

EVENTS_PER_ARTICLE = 4
CHUNK = 20_000  # events per transaction
TYPES = list(quads())
TYPE_WEIGHTS = [6, 10, 6, 2, 5, 8, 2, 7, 8, 6, 3, 5, 4, 6, 7, 15]
STATUSES = ["asserted", "reported", "possible", "denied", "negated"]
STATUS_WEIGHTS = [60, 25, 8, 5, 2]
VERBS = {
    "AGREE": "agreed with",
    "CONSULT": "met",
    "SUPPORT": "praised",
    "CONCEDE": "released prisoners to",
    "COOPERATE": "cooperated with",
    "AID": "sent aid to",
    "RETREAT": "withdrew from",
    "REQUEST": "asked",
    "ACCUSE": "accused",
    "REJECT": "rejected",
    "THREATEN": "threatened",
    "PROTEST": "protested against",
    "SANCTION": "sanctioned",
    "MOBILIZE": "deployed troops near",
    "COERCE": "arrested members of",
    "ASSAULT": "attacked",
}
KINDS = ["state", "organization", "person", "group"]
COUNTRIES = [
    "USA", "RUS", "UKR", "CHN", "PRK", "KOR", "GBR", "FRA", "DEU", "ISR", "PSE", "IRN", "IND", "PAK",
    "TUR", "SYR", "IRQ", "AFG", "BRA", "MEX", "NGA", "ETH", "SDN", "JPN", "POL", "SAU", "EGY", "VEN",
]  # fmt: skip
START = date(2015, 1, 1)
DAYS = 3652


def _actors(rng: random.Random, n: int) -> list[dict[str, Any]]:
    rows = []
    for i in range(1, n + 1):
        country = COUNTRIES[min(len(COUNTRIES) - 1, int(rng.paretovariate(1.2)) - 1)]
        kind = "state" if i <= len(COUNTRIES) else KINDS[1 + i % 3]
        name = country if kind == "state" else f"{kind.title()} {i} of {country}"
        if kind == "state":
            country = COUNTRIES[i - 1]
            name = f"State of {country}"
        rows.append(
            {
                "id": i,
                "key": f"{kind}|{name.lower()}|{country}",
                "name": name,
                "kind": kind,
                "country": country,
            }
        )
    return rows


def _pick_actor(rng: random.Random, n: int) -> int:
    """Power law: actor 1 most often, then 2, … (Pareto with a heavy tail)."""
    return min(n, int(rng.paretovariate(0.9)))


def _places(rng: random.Random, n: int) -> list[dict[str, Any]]:
    return [
        {
            "id": i,
            "key": f"synthetic:{i}",
            "name": f"Town {i}",
            "country": rng.choice(COUNTRIES),
            "latitude": round(rng.uniform(-45, 65), 4),
            "longitude": round(rng.uniform(-120, 150), 4),
            "geonameid": None,
        }
        for i in range(1, n + 1)
    ]


class _Ids:
    def __init__(self) -> None:
        self.mention = 0
        self.claim = 0
        self.actor_mention = 0
        self.unfused: dict[str, list[int]] = {ty: [] for ty in TYPES}  # events others fuse into


def _chunk(
    rng: random.Random, first: int, last: int, n_actors: int, n_places: int, ids: _Ids, names: list[str]
) -> dict[str, list[dict[str, Any]]]:
    """Rows for events first..last (ids), grouped into articles of EVENTS_PER_ARTICLE."""
    out: dict[str, list[dict[str, Any]]] = {
        k: []
        for k in (
            "articles",
            "events",
            "event_mentions",
            "event_actors",
            "mentions",
            "claims",
            "claim_events",
        )
    }
    for start in range(first, last + 1, EVENTS_PER_ARTICLE):
        article_id = f"synthetic-{start}"
        day = START + timedelta(days=rng.randrange(DAYS))
        pieces: list[str] = []
        offset = 0
        seen: set[int] = set()
        for event_id in range(start, min(last, start + EVENTS_PER_ARTICLE - 1) + 1):
            etype = rng.choices(TYPES, TYPE_WEIGHTS)[0]
            status = rng.choices(STATUSES, STATUS_WEIGHTS)[0]
            a, b = _pick_actor(rng, n_actors), _pick_actor(rng, n_actors)
            if a == b:
                b = a % n_actors + 1
            source = _pick_actor(rng, n_actors) if status != "asserted" else None
            earlier = ids.unfused[etype]
            fused = (
                earlier[rng.randrange(max(0, len(earlier) - 500), len(earlier))]
                if len(earlier) > 10 and rng.random() < 0.1
                else None
            )
            if fused is None:
                earlier.append(event_id)
            # The sentence: "A attacked B[, S said|denied]." with the offsets of each part.
            sentence_start = offset
            a_text, verb, b_text = names[a - 1], VERBS[etype], names[b - 1]
            sentence = f"{a_text} {verb} {b_text}"
            spans = {"a": (offset, offset + len(a_text))}
            trigger = (offset + len(a_text) + 1, offset + len(a_text) + 1 + len(verb))
            spans["b"] = (trigger[1] + 1, trigger[1] + 1 + len(b_text))
            if source is not None:
                cue = "denied" if status in ("denied", "negated") else "said"
                s_text = names[source - 1]
                spans["s"] = (spans["b"][1] + 2, spans["b"][1] + 2 + len(s_text))
                spans["cue"] = (spans["s"][1] + 1, spans["s"][1] + 1 + len(cue))
                sentence += f", {s_text} {cue}"
            sentence += ". "
            pieces.append(sentence)
            offset += len(sentence)
            ids.mention += 1
            mid = ids.mention
            out["events"].append(
                {
                    "id": event_id,
                    "type": etype,
                    "mode": None,
                    "date": day.isoformat(),
                    "fused_event_id": fused,
                }
            )
            out["event_mentions"].append(
                {
                    "id": mid,
                    "event_id": event_id,
                    "article_id": article_id,
                    "local_id": f"E{event_id - start + 1}",
                    "type": etype,
                    "mode": None,
                    "status": status,
                    "confidence": 0.8,
                    "evidence": "synthetic",
                    "trigger_text": verb,
                    "trigger_start": trigger[0],
                    "trigger_end": trigger[1],
                    "sentence_start": sentence_start,
                    "sentence_end": offset - 1,
                    "date": day.isoformat(),
                    "time_text": None,
                    "time_text_start": None,
                    "time_text_end": None,
                    "time_date": None,
                    "time_end_date": None,
                    "time_granularity": None,
                    "place_id": rng.randrange(1, n_places + 1) if rng.random() < 0.4 else None,
                }
            )
            roles = [("actor", a, "a"), ("recipient", b, "b")] + (
                [("according_to", source, "s")] if source else []
            )
            for role, actor_id, span in roles:
                out["event_actors"].append(
                    {"event_mention_id": mid, "role": role, "position": 0, "actor_id": actor_id}
                )
                ids.actor_mention += 1
                out["mentions"].append(
                    {
                        "id": ids.actor_mention,
                        "article_id": article_id,
                        "actor_id": actor_id,
                        "local_id": f"A{actor_id}",
                        "role": None,
                        "char_start": spans[span][0],
                        "char_end": spans[span][1],
                        "text": names[actor_id - 1],
                    }
                )
                seen.add(actor_id)
            if source is not None:
                ids.claim += 1
                out["claims"].append(
                    {
                        "id": ids.claim,
                        "article_id": article_id,
                        "local_id": f"C{ids.claim}",
                        "speaker_id": source,
                        "source_text": names[source - 1],
                        "source_start": spans["s"][0],
                        "source_end": spans["s"][1],
                        "cue_text": "denied" if status in ("denied", "negated") else "said",
                        "cue_start": spans["cue"][0],
                        "cue_end": spans["cue"][1],
                        "content_text": pieces[-1][: spans["b"][1] - sentence_start],
                        "content_start": sentence_start,
                        "content_end": spans["b"][1],
                        "kind": "indirect",
                        "stance": "deny" if status in ("denied", "negated") else "assert",
                    }
                )
                out["claim_events"].append({"claim_id": ids.claim, "event_mention_id": mid})
        body = "".join(pieces)
        out["articles"].append(
            {
                "id": article_id,
                "url": f"https://news.example/{article_id}",
                "title": f"Synthetic report {start}",
                "date": day.isoformat(),
                "source": f"Outlet {start % 97}",
                "language": "en",
                "text_hash": f"{start:064x}",
                "text": body,
                "duplicate_of": None,
                "warnings": None,
                "ingested_at": "2025-01-01T00:00:00Z",
            }
        )
    return out


ORDER = ["articles", "events", "event_mentions", "event_actors", "mentions", "claims", "claim_events"]


def _insert(conn: Connection, rows: dict[str, list[dict[str, Any]]]) -> None:
    for name in ORDER:
        if rows[name]:
            conn.execute(insert(t.metadata.tables[name]), rows[name])


def build(url: str, n_events: int, seed: int = 0) -> dict[str, int]:
    """Fill the store at `url` (created and migrated if new; should be empty) with `n_events`
    synthetic events and everything around them; returns rows per table."""
    rng = random.Random(seed)
    engine = store.open(url)
    try:
        n_actors = max(50, n_events // 20)
        n_places = max(20, min(5000, n_events // 200))
        actors = _actors(rng, n_actors)
        names = [a["name"] for a in actors]
        with engine.begin() as conn:
            conn.execute(insert(t.actors), actors)
            conn.execute(
                insert(t.actor_aliases),
                [{"actor_id": a["id"], "alias": a["name"].lower(), "name": a["name"]} for a in actors],
            )
            conn.execute(insert(t.places), _places(rng, n_places))
        ids = _Ids()
        for first in range(1, n_events + 1, CHUNK):
            last = min(n_events, first + CHUNK - 1)
            rows = _chunk(rng, first, last, n_actors, n_places, ids, names)
            with engine.begin() as conn:
                _insert(conn, rows)
        return store.query.table_counts(engine)
    finally:
        engine.dispose()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Fill a store with synthetic events.")
    ap.add_argument("url", help="sqlite:///PATH or postgresql://… (an empty store)")
    ap.add_argument("events", type=int, help="how many events, e.g. 1000000")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    began = time.perf_counter()
    counts = build(args.url, args.events, args.seed)
    took = time.perf_counter() - began
    print(", ".join(f"{k} {v:,}" for k, v in counts.items() if v))
    print(f"built in {took:.1f} s ({args.events / took:,.0f} events/s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
