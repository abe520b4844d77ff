"""Writing to the store: article identity and deduplication, and one record's rows.

Identity: an article is its `id` when the input gives one, else its URL, else `sha256:` and
the hash of its normalised text (`articles.id`). Deduplication, checked before extraction:

- the same identity with the same text is already stored: skipped;
- the same identity with a different text is a conflict: reported, not stored, never merged;
- a new identity whose URL or normalised text is already stored (or queued in this run) is a
  duplicate: recorded as an `articles` row with `duplicate_of` set, no text, not extracted.

`write_record` writes an article and all its rows; the caller runs it inside a savepoint so
that an article is stored whole or not at all.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Table, insert, or_, select
from sqlalchemy.dialects import postgresql, sqlite

from newsgraph.article import Article
from newsgraph.store.fuse import fuse
from newsgraph.store.identity import is_proper_name, resolve_person
from newsgraph.store.schema import (
    actor_aliases,
    actors,
    articles,
    claim_events,
    claims,
    event_actors,
    event_mentions,
    event_quantities,
    events,
    mentions,
    places,
    quantities,
)

_SPACE = re.compile(r"\s+")
_DROP = re.compile(r"[.'’`]")
_NONWORD = re.compile(r"[^\w]+")
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def normalize_text(text: str) -> str:
    """What two copies of one article have in common: NFC, blanks collapsed, trimmed."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text).replace("\x00", " ")).strip()


def text_hash(text: str) -> str:
    return hashlib.sha256(normalize_text(text).encode("utf-8")).hexdigest()


def article_key(article: Article, hash_: str) -> str:
    """The article's identity in the store (`articles.id`)."""
    return article.id or article.url or f"sha256:{hash_}"


def normalize_name(name: str) -> str:
    """An actor name for keys and aliases: case-folded, dots and apostrophes dropped
    ("U.S." = "US"), punctuation to blanks, a leading "the" dropped."""
    folded = _DROP.sub("", unicodedata.normalize("NFKC", name).casefold())
    words = _NONWORD.sub(" ", folded).split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def actor_key(kind: str, name: str, country: str | None) -> str:
    return f"{kind}|{normalize_name(name)}|{country or ''}"


def iso_day(value: str | None) -> str | None:
    """An ISO date or datetime, or a year or month, as the ISO day it starts on."""
    if not value:
        return None
    m = _ISO_DATE.match(value.strip())
    if not m:
        return None
    year, month, day = m.group(1), m.group(2) or "01", m.group(3) or "01"
    return f"{year}-{month}-{day}"


def now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# -- classification (before extraction) ------------------------------------------------------


@dataclass
class Stored:
    """What the store (or this run's queue) knows about an article identity."""

    key: str
    text_hash: str
    url: str | None
    original: str  # the article this one stands for (itself, or what it duplicates)


@dataclass
class Verdict:
    outcome: str  # "new" | "duplicate" | "skipped"
    reason: str | None = None  # for skipped: "already stored", "id conflict"
    original: str | None = None  # for duplicates: the stored article's id


def lookup(conn: Connection, keys: Sequence[str], urls: Sequence[str], hashes: Sequence[str]) -> list[Stored]:
    """Stored articles with any of these identities, URLs or text hashes."""
    conds = []
    if keys:
        conds.append(articles.c.id.in_(keys))
    if urls:
        conds.append(articles.c.url.in_(urls))
    if hashes:
        conds.append(articles.c.text_hash.in_(hashes))
    if not conds:
        return []
    rows = conn.execute(
        select(articles.c.id, articles.c.text_hash, articles.c.url, articles.c.duplicate_of).where(
            or_(*conds)
        )
    )
    return [Stored(r.id, r.text_hash, r.url, r.duplicate_of or r.id) for r in rows]


class Index:
    """Identities, URLs and text hashes known so far, to classify incoming articles."""

    def __init__(self) -> None:
        self.by_key: dict[str, Stored] = {}
        self.by_url: dict[str, Stored] = {}
        self.by_hash: dict[str, Stored] = {}

    def add(self, s: Stored) -> None:
        self.by_key[s.key] = s
        if s.url:
            self.by_url.setdefault(s.url, s)
        self.by_hash.setdefault(s.text_hash, s)

    def discard(self, s: Stored) -> None:
        for table, k in ((self.by_key, s.key), (self.by_url, s.url), (self.by_hash, s.text_hash)):
            if k is not None and table.get(k) is s:
                del table[k]

    def classify(self, key: str, url: str | None, hash_: str) -> Verdict:
        same = self.by_key.get(key)
        if same is not None:
            if same.text_hash == hash_:
                return Verdict("skipped", "already stored")
            return Verdict("skipped", "id conflict")
        other = (self.by_url.get(url) if url else None) or self.by_hash.get(hash_)
        if other is not None:
            return Verdict("duplicate", original=other.original)
        return Verdict("new")


# -- writing ---------------------------------------------------------------------------------


def _clean(value: Any) -> Any:
    """Strings without NUL characters (PostgreSQL text cannot hold them; SQLite would)."""
    return value.replace("\x00", "\ufffd") if isinstance(value, str) else value


def _row(**values: Any) -> dict[str, Any]:
    return {k: _clean(v) for k, v in values.items()}


def insert_ignore(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """INSERT … ON CONFLICT DO NOTHING, on either backend."""
    if not rows:
        return
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    conn.execute(dialect.insert(table).on_conflict_do_nothing(), rows)


def _ids_by_key(conn: Connection, table: Table, keys: Iterable[str]) -> dict[str, int]:
    wanted = sorted(set(keys))
    if not wanted:
        return {}
    return {r.key: r.id for r in conn.execute(select(table.c.key, table.c.id).where(table.c.key.in_(wanted)))}


def _ensure(conn: Connection, table: Table, rows: dict[str, dict[str, Any]]) -> dict[str, int]:
    """Ids of rows by their unique `key`, inserting those that are missing."""
    ids = _ids_by_key(conn, table, rows)
    missing = [rows[k] for k in rows if k not in ids]
    if missing:
        insert_ignore(conn, table, missing)
        ids.update(_ids_by_key(conn, table, [r["key"] for r in missing]))
    return ids


def write_duplicate(conn: Connection, key: str, article: Article, hash_: str, original: str) -> None:
    conn.execute(
        insert(articles),
        _row(
            id=key,
            url=article.url,
            title=article.title,
            date=article.date,
            source=article.source,
            language=None,
            text_hash=hash_,
            text=None,
            duplicate_of=original,
            warnings=None,
            ingested_at=now(),
        ),
    )


@dataclass
class Written:
    """What `write_record` wrote: events, their count by status, and how many of them joined
    an event already stored (fused)."""

    events: int = 0
    statuses: dict[str, int] = field(default_factory=dict)
    fused: int = 0


def write_record(conn: Connection, key: str, hash_: str, record: dict[str, Any]) -> Written:
    """An article and everything extracted from it (a newsgraph/1 record)."""
    doc = record["doc"]
    text = record.get("text") or ""
    warnings = record.get("warnings") or []
    conn.execute(
        insert(articles),
        _row(
            id=key,
            url=doc.get("url"),
            title=doc.get("title"),
            date=doc.get("date"),
            source=doc.get("source"),
            language=doc.get("language"),
            text_hash=hash_,
            text=text,
            duplicate_of=None,
            warnings=json.dumps(warnings, ensure_ascii=False) if warnings else None,
            ingested_at=now(),
        ),
    )

    # Actors: one row per key across articles; mentions and aliases per article.
    local_key = {a["id"]: actor_key(a["kind"], a["name"], a.get("country")) for a in record["actors"]}
    actor_rows = {
        local_key[a["id"]]: _row(
            key=local_key[a["id"]],
            name=a["name"],
            kind=a["kind"],
            country=a.get("country"),
            sector=a.get("sector"),
        )
        for a in record["actors"]
    }
    # People not stored under their key may be stored under another name (newsgraph.store.identity).
    stored = _ids_by_key(conn, actors, actor_rows)
    same_person: dict[str, int] = {}
    for a in record["actors"]:
        if a["kind"] == "person" and local_key[a["id"]] not in stored:
            found = resolve_person(conn, normalize_name(a["name"]), a.get("country"), a.get("sector"))
            if found is not None:
                same_person[a["id"]] = found
    new_keys = {local_key[local] for local in local_key if local not in same_person}
    ids = _ensure(conn, actors, {k: row for k, row in actor_rows.items() if k in new_keys})
    actor_id = {local: same_person.get(local) or ids[k] for local, k in local_key.items()}

    mention_rows: list[dict[str, Any]] = []
    aliases: dict[tuple[int, str], dict[str, Any]] = {}
    for a in record["actors"]:
        aid = actor_id[a["id"]]
        spans: list[tuple[int | None, int | None]] = [(int(s), int(e)) for s, e in a.get("mentions") or []]
        spans = spans or [(None, None)]
        for start, end in spans:
            surface = text[start:end] if start is not None and end is not None else None
            mention_rows.append(
                _row(
                    article_id=key,
                    actor_id=aid,
                    local_id=a["id"],
                    role=a.get("role"),
                    char_start=start,
                    char_end=end,
                    text=surface,
                )
            )
            for name in (a["name"], surface):
                alias = normalize_name(name) if name else ""
                if name and alias and is_proper_name(name):
                    aliases.setdefault((aid, alias), _row(actor_id=aid, alias=alias, name=name.strip()))
    if mention_rows:
        conn.execute(insert(mentions), mention_rows)
    insert_ignore(conn, actor_aliases, list(aliases.values()))

    # Quantities: every one the article states; events link to them by span and value.
    qty_index: dict[tuple[Any, ...], int] = {}

    def qty_ident(q: dict[str, Any]) -> tuple[Any, ...]:
        return (q.get("start"), q.get("end"), q.get("value"), q.get("unit"))

    def add_quantities(qs: list[dict[str, Any]]) -> None:
        new = [q for q in qs if qty_ident(q) not in qty_index]
        new = list({qty_ident(q): q for q in new}.values())
        if not new:
            return
        rows = [
            _row(
                article_id=key,
                value=float(q["value"]),
                unit=q["unit"],
                unit_class=q["unit_class"],
                approximate=bool(q.get("approximate")),
                bound=q.get("bound"),
                text=q.get("text"),
                char_start=q.get("start"),
                char_end=q.get("end"),
            )
            for q in new
        ]
        got = _insert_returning(conn, quantities, rows)
        for q, qid in zip(new, got, strict=True):
            qty_index[qty_ident(q)] = qid

    add_quantities(record.get("quantities") or [])
    for e in record["events"]:
        add_quantities(e.get("quantities") or [])

    # Places: one row per geonameid (or name and country).
    place_rows: dict[str, dict[str, Any]] = {}
    for e in record["events"]:
        p = e.get("place")
        if p and p.get("name"):
            place_rows[place_key(p)] = _row(
                key=place_key(p),
                name=p["name"],
                country=p.get("country"),
                latitude=p.get("lat"),
                longitude=p.get("lon"),
                geonameid=p.get("geonameid"),
            )
    place_ids = _ensure(conn, places, place_rows)

    # Events: each mention gets an event of its own, then joins an existing event when it is
    # compatible with all of that event's mentions (newsgraph.store.fuse).
    written = Written(events=len(record["events"]))
    evs = record["events"]
    mention_of: dict[str, int] = {}  # the record's event id -> its event_mentions row
    if evs:
        article_day = iso_day(doc.get("date"))
        days = [iso_day((e.get("time") or {}).get("date")) or article_day for e in evs]
        event_ids = _insert_returning(
            conn,
            events,
            [
                _row(type=e["type"], mode=e.get("mode"), date=d, fused_event_id=None)
                for e, d in zip(evs, days, strict=True)
            ],
        )
        mention_rows = []
        for e, eid, day in zip(evs, event_ids, days, strict=True):
            time = e.get("time") or {}
            place = e.get("place")
            trigger = e.get("trigger") or {}
            sentence = e.get("sentence") or {}
            mention_rows.append(
                _row(
                    event_id=eid,
                    article_id=key,
                    local_id=e["id"],
                    type=e["type"],
                    mode=e.get("mode"),
                    status=e.get("status") or "asserted",
                    confidence=e.get("confidence"),
                    evidence=e.get("evidence"),
                    trigger_text=trigger.get("text"),
                    trigger_start=trigger.get("start"),
                    trigger_end=trigger.get("end"),
                    sentence_start=sentence.get("start"),
                    sentence_end=sentence.get("end"),
                    date=day,
                    time_text=time.get("text"),
                    time_text_start=time.get("start"),
                    time_text_end=time.get("end"),
                    time_date=time.get("date"),
                    time_end_date=time.get("end_date"),
                    time_granularity=time.get("granularity"),
                    place_id=place_ids.get(place_key(place)) if place and place.get("name") else None,
                )
            )
            status = mention_rows[-1]["status"]
            written.statuses[status] = written.statuses.get(status, 0) + 1
        mention_ids = _insert_returning(conn, event_mentions, mention_rows)
        mention_of = {e["id"]: mid for e, mid in zip(evs, mention_ids, strict=True)}
        links: list[dict[str, Any]] = []
        qlinks: dict[tuple[int, int], dict[str, Any]] = {}
        for e, mid in zip(evs, mention_ids, strict=True):
            for role, field in (
                ("actor", "actors"),
                ("recipient", "recipients"),
                ("according_to", "according_to"),
            ):
                for pos, local in enumerate(e.get(field) or []):
                    links.append(
                        {"event_mention_id": mid, "role": role, "position": pos, "actor_id": actor_id[local]}
                    )
            for q in e.get("quantities") or []:
                qid = qty_index[qty_ident(q)]
                qlinks[(mid, qid)] = {"event_mention_id": mid, "quantity_id": qid}
        if links:
            conn.execute(insert(event_actors), links)
        if qlinks:
            conn.execute(insert(event_quantities), list(qlinks.values()))
        written.fused = fuse(conn, mention_ids)

    # Claims, and the events their content carries.
    cls = record.get("claims") or []
    if cls:
        claim_rows = []
        for c in cls:
            src, cue, content = c.get("source") or {}, c.get("cue") or {}, c.get("content") or {}
            claim_rows.append(
                _row(
                    article_id=key,
                    local_id=c["id"],
                    speaker_id=actor_id.get(c["speaker"]) if c.get("speaker") else None,
                    source_text=src.get("text"),
                    source_start=src.get("start"),
                    source_end=src.get("end"),
                    cue_text=cue.get("text"),
                    cue_start=cue.get("start"),
                    cue_end=cue.get("end"),
                    content_text=content.get("text"),
                    content_start=content.get("start"),
                    content_end=content.get("end"),
                    kind=c.get("kind"),
                    stance=c.get("stance"),
                )
            )
        claim_ids = _insert_returning(conn, claims, claim_rows)
        clinks = {
            (cid, mention_of[ev]): {"claim_id": cid, "event_mention_id": mention_of[ev]}
            for c, cid in zip(cls, claim_ids, strict=True)
            for ev in c.get("events") or []
            if ev in mention_of
        }
        if clinks:
            conn.execute(insert(claim_events), list(clinks.values()))
    return written


def place_key(place: dict[str, Any]) -> str:
    if place.get("geonameid") is not None:
        return f"geonames:{place['geonameid']}"
    return f"{normalize_name(place['name'])}|{place.get('country') or ''}"


def _insert_returning(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> list[int]:
    """Insert rows, returning their ids in the order given."""
    if not rows:
        return []
    result = conn.execute(insert(table).returning(table.c.id, sort_by_parameter_order=True), rows)
    return [r[0] for r in result]
