"""Small helpers the spec-style tests share: extract once per sentence, then look things up.

Every test calls the real pipeline (`newsgraph.extract`); nothing of newsgraph is mocked.
Records are cached per (text, metadata) so a sentence used by several tests is parsed once,
and handed out as fresh copies so no test can change what another sees."""

from __future__ import annotations

import copy
from functools import cache
from typing import Any

import newsgraph

Record = dict[str, Any]


@cache
def _extract(text: str, meta: tuple[tuple[str, str | None], ...]) -> Record:
    return newsgraph.extract(text, **dict(meta))


def extract(text: str, **meta: str | None) -> Record:
    """The newsgraph/1 record for `text` (a fresh copy of a cached extraction)."""
    return copy.deepcopy(_extract(text, tuple(sorted(meta.items()))))


def actors_by_id(rec: Record) -> dict[str, Record]:
    return {a["id"]: a for a in rec["actors"]}


def countries(rec: Record, ids: list[str]) -> frozenset[str | None]:
    """The countries of the actors with these ids."""
    by_id = actors_by_id(rec)
    return frozenset(by_id[i]["country"] for i in ids)


def tuples(rec: Record) -> list[tuple[str, frozenset[str | None], frozenset[str | None]]]:
    """Each event as (type, actor countries, recipient countries), so a test can say
    `("ASSAULT", {"RUS"}, {"UKR"}) in tuples(rec)` (a list: sets compare equal to frozensets)."""
    return [(e["type"], countries(rec, e["actors"]), countries(rec, e["recipients"])) for e in rec["events"]]


def types(rec: Record) -> list[str]:
    return [e["type"] for e in rec["events"]]


def events_of(rec: Record, event_type: str) -> list[Record]:
    return [e for e in rec["events"] if e["type"] == event_type]


def event_at(rec: Record, trigger: str) -> Record:
    """The one event whose trigger text is `trigger` (fails the test if there is none)."""
    found = [e for e in rec["events"] if e["trigger"]["text"] == trigger]
    assert found, f"no event triggered by {trigger!r}: {summary(rec)}"
    return found[0]


def mention_texts(rec: Record, actor: Record) -> list[str]:
    return [rec["text"][start:end] for start, end in actor["mentions"]]


def actor_mentioned_as(rec: Record, surface: str) -> Record:
    """The actor one of whose mentions is exactly `surface` in the text."""
    for actor in rec["actors"]:
        if surface in mention_texts(rec, actor):
            return actor
    raise AssertionError(f"no actor mentioned as {surface!r}: {summary(rec)}")


def summary(rec: Record) -> str:
    """A readable one-line-per-item account of a record, for assertion messages."""
    by_id = actors_by_id(rec)

    def side(ids: list[str]) -> str:
        return ", ".join(f"{by_id[i]['name']}/{by_id[i]['country']}" for i in ids) or "-"

    lines = [
        f"\n  actor {a['id']}: {a['name']!r} {a['kind']} {a['country']} {a['sector']}" for a in rec["actors"]
    ]
    lines += [
        f"\n  event {e['type']}: {side(e['actors'])} -> {side(e['recipients'])} ({e['status']}, "
        f"trigger {e['trigger']['text']!r})"
        for e in rec["events"]
    ]
    return "".join(lines) or " (no actors, no events)"


def extract_many_records(articles: list[Record], **options: int) -> list[Record]:
    """All records of `newsgraph.extract_many(articles, **options)`, as a list."""
    return list(newsgraph.extract_many(articles, **options))
