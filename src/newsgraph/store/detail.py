"""Reads the dashboard needs beyond `query`: one page of events, one event with every article
that tells it, one actor's profile, one article with its extraction, and the timeline by week
or quad.

Like `query`, each function takes an `Engine` or an open `Connection` and returns JSON-ready
dicts; filters mean what they mean there (`actor`, `country`, `type`, `status`, `since`,
`until`, `article`), plus `quad` (one of the four quad classes, `newsgraph.lexicon.quads()`).
An event here is the *fused* event, `coalesce(events.fused_event_id, events.id)`: its mentions
are every article's telling of it, so the evidence view can show who reports it and who
denies it. Every statement is built with SQLAlchemy (parameterised), never by formatting SQL.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Connection, Engine, Select, false, func, or_, select

from newsgraph.lexicon import quads
from newsgraph.store import query
from newsgraph.store import schema as t
from newsgraph.store.query import AGAINST, FOR, Row

# Counting more than this many matching events for a page costs more than it tells.
COUNT_CAP = 1_000
SORTS = ("date", "type", "id")


def _filters(
    *,
    actor: int | str | None = None,
    country: str | None = None,
    type: str | None = None,  # noqa: A002 - the PLOVER word
    status: str | None = None,
    since: str | None = None,
    until: str | None = None,
    article: str | None = None,
    quad: str | None = None,
) -> list[ColumnElement[bool]]:
    """Conditions on `event_mentions`, the same as the command line's (`query`), plus quad."""
    where = query._mention_filters(type=type, status=status, since=since, until=until, article=article)
    # Actor and country as in `query`, an actor on either side; the match is wrapped in
    # coalesce(…, false) so that SQLite looks up the mention's own actors (by its key) rather
    # than every event a popular actor is in.
    for cond in (
        query._actor_match(actor) if actor not in (None, "") else None,
        t.actors.c.country == country.strip().upper() if country else None,
    ):
        if cond is not None:
            ea = t.event_actors
            where.append(
                select(1)
                .select_from(ea.join(t.actors, t.actors.c.id == ea.c.actor_id))
                .where(
                    ea.c.event_mention_id == t.event_mentions.c.id,
                    func.coalesce(ea.c.role.in_(query.SIDES), false()),
                    func.coalesce(cond, false()),
                )
                .exists()
            )
    if quad:
        where.append(t.event_mentions.c.type.in_(types_of_quad(quad)))
    return where


def types_of_quad(quad: str) -> list[str]:
    """The PLOVER types of a quad class; a ValueError names the classes when it is not one."""
    found = [ty for ty, q in quads().items() if q == quad.strip().lower()]
    if not found:
        raise ValueError(f"not a quad class: {quad!r} (one of {', '.join(sorted(set(quads().values())))})")
    return found


def _group_of(ids: Sequence[int]) -> Select[Any]:
    """The events rows that belong to these fused events (themselves and those fused into them)."""
    ev = t.events
    return select(ev.c.id).where(or_(ev.c.id.in_(ids), ev.c.fused_event_id.in_(ids)))


def _late(conditions: list[ColumnElement[bool]]) -> list[Any]:
    """Conditions checked on rows found by another index: wrapped in coalesce(…, false), a
    no-op that SQLite's planner (which has no statistics) cannot use as an index, so that it
    looks rows up by event id rather than fetching, say, every mention of a type."""
    return [func.coalesce(c, false()) for c in conditions]


def _conn(db: Engine | Connection) -> Any:
    return query._connected(db)


# -- a page of events ------------------------------------------------------------------------


def events_page(
    db: Engine | Connection,
    *,
    sort: str = "date",
    descending: bool = False,
    offset: int = 0,
    limit: int = 50,
    **filters: Any,
) -> Row:
    """One page of fused events matching `filters`, in `sort` order: {"total", "total_capped",
    "rows"}. Rows have the fields of `query.events` rows (computed over the matching mentions).

    Why not `query.events(limit=…)`: a page needs an offset and a sort, and must not group every
    mention in the store to find fifty events. Here the page is chosen on the `events` table
    (one row per fused event, `fused_event_id` null), walking the date or type index, with the
    filters as an EXISTS over the group's mentions; `total` stops counting at COUNT_CAP
    (`total_capped` says so)."""
    if sort not in SORTS:
        raise ValueError(f"cannot sort by {sort!r} (one of {', '.join(SORTS)})")
    ev, em = t.events, t.event_mentions
    member = t.events.alias("member")
    where = _filters(**filters)
    rare = _rare_actor_ids(db, filters.get("actor"))
    # One row per fused event. `coalesce(…) = 0` rather than `IS NULL`, so that the planner
    # walks the index of the sort column instead of the (unselective) fused_event_id index.
    head: list[ColumnElement[bool]] = [func.coalesce(ev.c.fused_event_id, 0) == 0]
    # Fused events share their mentions' type, so type and quad filter the events rows directly
    # (wrapped in coalesce(…, false) so that SQLite walks the sort column's index and filters,
    # rather than fetching every event of the type and sorting them).
    if filters.get("type"):
        head.append(func.coalesce(ev.c.type == str(filters["type"]).strip().upper(), false()))
    if filters.get("quad"):
        head.append(func.coalesce(ev.c.type.in_(types_of_quad(str(filters["quad"]))), false()))
    narrow = rare is None and _few_mentions(db, filters)
    if narrow:
        # The mention filters (a date range, a status with a date range…) select few mentions:
        # the page's events are found from those mentions (by the date or status index) rather
        # than by walking every event in date order until fifty match. The set carries every
        # mention filter (the actor's as a test on each mention), so no EXISTS is needed.
        mine = t.events.alias("mine")
        probed = query._mention_filters(**{k: v for k, v in filters.items() if k != "quad"}, probe=True)
        if filters.get("quad"):
            probed.append(em.c.type.in_(types_of_quad(str(filters["quad"]))))
        theirs = (
            select(func.coalesce(mine.c.fused_event_id, mine.c.id))
            .select_from(em.join(mine, mine.c.id == em.c.event_id))
            .where(*probed)
        )
        head.append(ev.c.id.in_(theirs))
    if rare is not None:
        # A rare actor's events, found from its side of the event_actors index: its page then
        # costs its few events, not a walk through every event looking for them. (A common
        # actor is found quickly by that walk, so it takes the EXISTS below.)
        ea, mine = t.event_actors, t.events.alias("mine")
        others = query._mention_filters(
            **{k: v for k, v in filters.items() if k not in ("actor", "quad")}, probe=True
        )
        if filters.get("quad"):
            others.append(em.c.type.in_(types_of_quad(str(filters["quad"]))))
        theirs = (
            select(func.coalesce(mine.c.fused_event_id, mine.c.id))
            .select_from(ea.join(em, em.c.id == ea.c.event_mention_id).join(mine, mine.c.id == em.c.event_id))
            .where(ea.c.actor_id.in_(rare), ea.c.role.in_(query.SIDES), *_late(others))
        )
        head.append(ev.c.id.in_(theirs))
    # Unless a set of events above carries every filter, a mention of the event itself, or of
    # one fused into it, must match them.
    skip = {"type", "quad"}
    on_mentions = {
        k: v
        for k, v in filters.items()
        if v not in (None, "") and k not in skip and not narrow and rare is None
    }
    if on_mentions:
        # Each condition wrapped in coalesce(…, false), a no-op that keeps SQLite's planner
        # (which has no statistics) from probing, say, the status index for every event
        # instead of the event's own mentions by event_id.
        probe = _late(where)
        own = select(1).where(em.c.event_id == ev.c.id, *probe).correlate(ev).exists()
        fused = (
            select(1)
            .select_from(em.join(member, member.c.id == em.c.event_id))
            .where(member.c.fused_event_id == ev.c.id, *probe)
            .correlate(ev)
            .exists()
        )
        head.append(or_(own, fused))
    column = {"date": ev.c.date, "type": ev.c.type, "id": ev.c.id}[sort]
    order: list[Any] = [column.desc(), ev.c.id.desc()] if descending else [column, ev.c.id]
    counted = select(func.count()).select_from(select(ev.c.id).where(*head).limit(COUNT_CAP + 1).subquery())
    with _conn(db) as conn:
        if sort == "date":
            # Dated events in order, then the undated (by id), as `query.events` has them; two
            # queries, because `ORDER BY date IS NULL` would keep the date index from serving.
            dated = [*head, ev.c.date.is_not(None)]
            ids = [
                r[0]
                for r in conn.execute(
                    select(ev.c.id).where(*dated).order_by(*order).limit(limit).offset(offset)
                )
            ]
            if len(ids) < limit:
                n_dated = int(conn.execute(select(func.count()).select_from(ev).where(*dated)).scalar_one())
                undated = (
                    select(ev.c.id)
                    .where(*head, ev.c.date.is_(None))
                    .order_by(ev.c.id.desc() if descending else ev.c.id)
                    .limit(limit - len(ids))
                    .offset(max(0, offset - n_dated))
                )
                ids += [r[0] for r in conn.execute(undated)]
        else:
            ids = [
                r[0]
                for r in conn.execute(
                    select(ev.c.id).where(*head).order_by(*order).limit(limit).offset(offset)
                )
            ]
        total = int(conn.execute(counted).scalar_one())
        rows = _event_rows(conn, ids, where)
    return {"total": min(total, COUNT_CAP), "total_capped": total > COUNT_CAP, "rows": rows}


RARE = 40_000  # event mentions: up to this many, an actor's events are looked up from its side
FEW = 30_000  # mentions: up to this many matching the date, status and article filters, a
# page's events are looked up from those mentions rather than found by walking every event


def _few_mentions(db: Engine | Connection, filters: dict[str, Any]) -> bool:
    """Whether the date, status and article filters (those an index on event_mentions serves)
    select at most FEW mentions, counted with a cap; False when there are none of them."""
    indexed: dict[str, Any] = {
        k: filters[k] for k in ("status", "since", "until", "article") if filters.get(k)
    }
    if not indexed:
        return False
    em = t.event_mentions
    where = query._mention_filters(**indexed)
    rows = select(em.c.id).where(*where).limit(FEW + 1).subquery()
    with _conn(db) as conn:
        return int(conn.execute(select(func.count()).select_from(rows)).scalar_one()) <= FEW


def _rare_actor_ids(db: Engine | Connection, actor: Any) -> list[int] | None:
    """The ids of the actors `actor` (an id or a piece of a name, as in `query`) matches, when
    together they are in at most RARE event mentions; None when they are in more, or no actor."""
    if actor in (None, ""):
        return None
    with _conn(db) as conn:
        ids = [r[0] for r in conn.execute(select(t.actors.c.id).where(query._actor_match(actor)).limit(RARE))]
        ea = t.event_actors
        n = conn.execute(
            select(func.count()).select_from(
                select(1).where(ea.c.actor_id.in_(ids), ea.c.role.in_(query.SIDES)).limit(RARE + 1).subquery()
            )
        ).scalar_one()
    return ids if n <= RARE else None


def _event_rows(conn: Connection, ids: Sequence[int], where: list[ColumnElement[bool]]) -> list[Row]:
    """`query.events` rows (with their quad) for these fused events, in the order given."""
    if not ids:
        return []
    em = t.event_mentions
    stmt = query.event_mentions_select(em.c.event_id.in_(_group_of(ids)), *_late(where)).order_by(
        em.c.date.is_(None), em.c.date, em.c.id
    )
    rows = {r["event"]: r | {"quad": quads().get(r["type"])} for r in query.event_rows(conn, stmt)}
    return [rows[i] for i in ids if i in rows]


ROLES = ("actor", "recipient", "according_to")


# -- one event -------------------------------------------------------------------------------


def event(db: Engine | Connection, event_id: int) -> Row | None:
    """A fused event with every mention of it (the articles that report, doubt or deny it):
    event, type, quad, date, statuses, supported/denied counts, and `mentions`, each with its
    article (id, title, date, source, url), status, according_to, actors, recipients, trigger,
    sentence, time, place, quantities, evidence, claims (source, cue, content with offsets) and
    `highlights`: the spans to mark in the article text, [{kind, start, end, text}], kind one of
    trigger, actor, recipient, source (an according_to actor), quantity, claim_source,
    claim_cue, claim_content, time. None when there is no such event."""
    ev, em, ar = t.events, t.event_mentions, t.articles
    with _conn(db) as conn:
        found = conn.execute(select(ev.c.id, ev.c.fused_event_id).where(ev.c.id == event_id)).first()
        if found is None:
            return None
        group = found.fused_event_id or found.id
        stmt = (
            select(
                em,
                ar.c.title,
                ar.c.date.label("article_date"),
                ar.c.source,
                ar.c.url,
                t.places.c.name.label("place"),
                t.places.c.country.label("place_country"),
                t.places.c.latitude,
                t.places.c.longitude,
            )
            .select_from(
                em.join(ar, ar.c.id == em.c.article_id).outerjoin(t.places, t.places.c.id == em.c.place_id)
            )
            .where(em.c.event_id.in_(_group_of([group])))
            .order_by(em.c.date.is_(None), em.c.date, em.c.id)
        )
        rows = list(conn.execute(stmt))
        ids = [r.id for r in rows]
        sides = query._sides(conn, ids)
        qty = _quantities_of(conn, ids)
        cls = _claims_of(conn, ids)
        spans = _actor_spans(conn, [(r.article_id, a["id"]) for r in rows for a in _all(sides[r.id])])
    mentions = []
    for r in rows:
        s = sides[r.id]
        highlights = _highlights(r, s, qty[r.id], cls[r.id], spans)
        mentions.append(
            {
                "mention": r.id,
                "event": r.event_id,
                "local_id": r.local_id,
                "article": {
                    "id": r.article_id,
                    "title": _short(r.title),
                    "date": r.article_date,
                    "source": r.source,
                    "url": r.url,
                },
                "type": r.type,
                "mode": r.mode,
                "status": r.status,
                "confidence": r.confidence,
                "evidence": r.evidence,
                "date": r.date,
                "actors": s["actor"],
                "recipients": s["recipient"],
                "according_to": s["according_to"],
                "trigger": _span(r.trigger_text, r.trigger_start, r.trigger_end),
                "sentence": {"start": r.sentence_start, "end": r.sentence_end},
                "time": _span(r.time_text, r.time_text_start, r.time_text_end)
                | {"date": r.time_date, "end_date": r.time_end_date, "granularity": r.time_granularity},
                "place": {
                    "name": r.place,
                    "country": r.place_country,
                    "latitude": r.latitude,
                    "longitude": r.longitude,
                }
                if r.place
                else None,
                "quantities": qty[r.id],
                "claims": cls[r.id],
                "highlights": highlights,
            }
        )
    statuses = Counter(m["status"] for m in mentions)
    first = rows[0] if rows else None
    return {
        "event": group,
        "type": first.type if first else None,
        "quad": quads().get(first.type) if first else None,
        "date": first.date if first else None,
        "statuses": dict(statuses),
        "supported": sum(statuses[s] for s in FOR),
        "denied": sum(statuses[s] for s in AGAINST),
        "articles": len({m["article"]["id"] for m in mentions}),
        "mentions": mentions,
    }


TITLE_CHARS = 500  # of an article's title in an event's mentions (the article has it whole)


def _short(title: str | None) -> str | None:
    return title[:TITLE_CHARS] + "…" if title and len(title) > TITLE_CHARS else title


def _all(side: dict[str, list[Row]]) -> list[Row]:
    return [a for role in ROLES for a in side[role]]


def _span(text: str | None, start: int | None, end: int | None) -> Row:
    return {"text": text, "start": start, "end": end}


def _quantities_of(conn: Connection, mention_ids: Sequence[int]) -> dict[int, list[Row]]:
    q, eq = t.quantities, t.event_quantities
    out: dict[int, list[Row]] = defaultdict(list)
    if mention_ids:
        stmt = (
            select(eq.c.event_mention_id, q)
            .join(q, q.c.id == eq.c.quantity_id)
            .where(eq.c.event_mention_id.in_(mention_ids))
            .order_by(q.c.char_start, q.c.id)
        )
        for r in conn.execute(stmt):
            row = dict(r._mapping)
            out[row.pop("event_mention_id")].append(row)
    return out


def _claim_row(r: Any) -> Row:
    return {
        "claim": r.id,
        "speaker_id": r.speaker_id,
        "source": _span(r.source_text, r.source_start, r.source_end),
        "cue": _span(r.cue_text, r.cue_start, r.cue_end),
        "content": _span(r.content_text, r.content_start, r.content_end),
        "kind": r.kind,
        "stance": r.stance,
    }


def _claims_of(conn: Connection, mention_ids: Sequence[int]) -> dict[int, list[Row]]:
    c, ce = t.claims, t.claim_events
    out: dict[int, list[Row]] = defaultdict(list)
    if mention_ids:
        stmt = (
            select(ce.c.event_mention_id, c)
            .join(c, c.c.id == ce.c.claim_id)
            .where(ce.c.event_mention_id.in_(mention_ids))
            .order_by(c.c.id)
        )
        for r in conn.execute(stmt):
            out[r.event_mention_id].append(_claim_row(r))
    return out


def _actor_spans(conn: Connection, pairs: Sequence[tuple[str, int]]) -> dict[tuple[str, int], list[Row]]:
    """Where each (article, actor) is mentioned: [{start, end, text}]."""
    m = t.mentions
    out: dict[tuple[str, int], list[Row]] = defaultdict(list)
    for article_id in {a for a, _ in pairs}:
        wanted = sorted({actor for a, actor in pairs if a == article_id})
        stmt = (
            select(m.c.actor_id, m.c.char_start, m.c.char_end, m.c.text)
            .where(m.c.article_id == article_id, m.c.actor_id.in_(wanted), m.c.char_start.is_not(None))
            .order_by(m.c.char_start)
        )
        for r in conn.execute(stmt):
            out[(article_id, r.actor_id)].append({"start": r.char_start, "end": r.char_end, "text": r.text})
    return out


def _highlights(
    r: Any,
    side: dict[str, list[Row]],
    qty: list[Row],
    cls: list[Row],
    spans: dict[tuple[str, int], list[Row]],
) -> list[Row]:
    """The spans of one event mention to mark in its article, sorted by start."""
    out: list[Row] = []

    def add(kind: str, start: int | None, end: int | None, text: str | None, **extra: Any) -> None:
        if start is not None and end is not None and end > start:
            out.append({"kind": kind, "start": start, "end": end, "text": text} | extra)

    add("trigger", r.trigger_start, r.trigger_end, r.trigger_text)
    add("time", r.time_text_start, r.time_text_end, r.time_text)
    for role, kind in (("actor", "actor"), ("recipient", "recipient"), ("according_to", "source")):
        for a in side[role]:
            for s in spans.get((r.article_id, a["id"]), []):
                add(kind, s["start"], s["end"], s["text"], actor=a["id"])
    for q in qty:
        add("quantity", q["char_start"], q["char_end"], q["text"])
    for c in cls:
        for part in ("source", "cue", "content"):
            add(f"claim_{part}", c[part]["start"], c[part]["end"], c[part]["text"], claim=c["claim"])
    out.sort(key=lambda h: (h["start"], -h["end"]))
    return out


# -- one actor -------------------------------------------------------------------------------


def actor(db: Engine | Connection, actor_id: int, *, recent: int = 20, partners: int = 10) -> Row | None:
    """An actor's profile: its `query.actors` row (name, kind, country, sector, articles,
    mentions, events, aliases), how many event mentions it is on each side of (`roles`), its
    events by type and by status, its most frequent counterparts (`partners`: id, name,
    country, events), how many claims it made, and its latest events (`recent`, rows as in
    `events_page`). None when there is no such actor."""
    rows = query.actors(db, name=actor_id, limit=1)
    if not rows:
        return None
    profile = rows[0]
    ea, em, ev = t.event_actors, t.event_mentions, t.events
    mine = ea.alias("mine")
    other = ea.alias("other")
    with _conn(db) as conn:
        profile["roles"] = {
            r.role: int(r.n)
            for r in conn.execute(
                select(ea.c.role, func.count().label("n"))
                .where(ea.c.actor_id == actor_id)
                .group_by(ea.c.role)
            )
        }
        by = {}
        for column in (em.c.type, em.c.status):
            by[column.name] = {
                r[0]: int(r[1])
                for r in conn.execute(
                    select(column, func.count())
                    .select_from(em.join(mine, mine.c.event_mention_id == em.c.id))
                    .where(mine.c.actor_id == actor_id, mine.c.role.in_(query.SIDES))
                    .group_by(column)
                    .order_by(func.count().desc())
                )
            }
        profile["by_type"], profile["by_status"] = by["type"], by["status"]
        n = func.count(func.distinct(other.c.event_mention_id))
        profile["partners"] = [
            {"id": r.id, "name": r.name, "country": r.country, "events": int(r.n)}
            for r in conn.execute(
                select(t.actors.c.id, t.actors.c.name, t.actors.c.country, n.label("n"))
                .select_from(
                    mine.join(other, other.c.event_mention_id == mine.c.event_mention_id).join(
                        t.actors, t.actors.c.id == other.c.actor_id
                    )
                )
                .where(
                    mine.c.actor_id == actor_id,
                    mine.c.role.in_(query.SIDES),
                    other.c.role.in_(query.SIDES),
                    other.c.actor_id != actor_id,
                )
                .group_by(t.actors.c.id, t.actors.c.name, t.actors.c.country)
                .order_by(n.desc(), t.actors.c.name)
                .limit(partners)
            )
        ]
        profile["claims"] = int(
            conn.execute(select(func.count()).where(t.claims.c.speaker_id == actor_id)).scalar_one()
        )
        group = func.coalesce(ev.c.fused_event_id, ev.c.id)
        latest = (
            select(group.label("g"), func.max(em.c.date).label("d"))
            .select_from(em.join(ev, ev.c.id == em.c.event_id).join(mine, mine.c.event_mention_id == em.c.id))
            .where(mine.c.actor_id == actor_id, mine.c.role.in_(query.SIDES))
            .group_by(group)
            .order_by(func.max(em.c.date).is_(None), func.max(em.c.date).desc(), group.desc())
            .limit(recent)
        )
        ids = [r.g for r in conn.execute(latest)]
        profile["recent"] = _event_rows(conn, ids, [])
    return profile


# -- one article -----------------------------------------------------------------------------


def article(db: Engine | Connection, article_id: str) -> Row | None:
    """An article with its extraction: id, url, title, date, source, language, text,
    duplicate_of, warnings, and its actors (with their mention spans), events (fused event id,
    type, status, trigger and sentence offsets, actors, recipients, according_to), claims and
    quantities. None when there is no such article."""
    ar, m, em = t.articles, t.mentions, t.event_mentions
    with _conn(db) as conn:
        row = conn.execute(select(ar).where(ar.c.id == article_id)).first()
        if row is None:
            return None
        out = dict(row._mapping)
        out.pop("text_hash", None)
        actors: dict[int, Row] = {}
        stmt = (
            select(m.c.actor_id, m.c.local_id, m.c.char_start, m.c.char_end, m.c.text, t.actors)
            .join(t.actors, t.actors.c.id == m.c.actor_id)
            .where(m.c.article_id == article_id)
            .order_by(m.c.local_id, m.c.char_start)
        )
        for r in conn.execute(stmt):
            a = actors.setdefault(
                r.actor_id,
                {
                    "id": r.actor_id,
                    "local_id": r.local_id,
                    "name": r.name,
                    "kind": r.kind,
                    "country": r.country,
                    "sector": r.sector,
                    "mentions": [],
                },
            )
            if r.char_start is not None:
                a["mentions"].append({"start": r.char_start, "end": r.char_end, "text": r.text})
        group = func.coalesce(t.events.c.fused_event_id, t.events.c.id)
        evs = list(
            conn.execute(
                select(em, group.label("group"))
                .join(t.events, t.events.c.id == em.c.event_id)
                .where(em.c.article_id == article_id)
                .order_by(em.c.id)
            )
        )
        sides = query._sides(conn, [e.id for e in evs])
        out["actors"] = list(actors.values())
        out["events"] = [
            {
                "event": e.group,
                "mention": e.id,
                "local_id": e.local_id,
                "type": e.type,
                "quad": quads().get(e.type),
                "status": e.status,
                "date": e.date,
                "trigger": _span(e.trigger_text, e.trigger_start, e.trigger_end),
                "sentence": {"start": e.sentence_start, "end": e.sentence_end},
                "actors": sides[e.id]["actor"],
                "recipients": sides[e.id]["recipient"],
                "according_to": sides[e.id]["according_to"],
            }
            for e in evs
        ]
        out["claims"] = [
            _claim_row(c)
            for c in conn.execute(
                select(t.claims).where(t.claims.c.article_id == article_id).order_by(t.claims.c.id)
            )
        ]
        out["quantities"] = [
            dict(q._mapping)
            for q in conn.execute(
                select(t.quantities)
                .where(t.quantities.c.article_id == article_id)
                .order_by(t.quantities.c.char_start)
            )
        ]
    return out


# -- timeline and overview -------------------------------------------------------------------


def week_of(day: str) -> str:
    """The Monday of an ISO day's week (weeks are Monday to Sunday, as ISO 8601 has them)."""
    d = date.fromisoformat(day[:10])
    return (d - timedelta(days=d.weekday())).isoformat()


def timeline(
    db: Engine | Connection, *, by: str = "day", group: str = "type", quad: str | None = None, **filters: Any
) -> list[Row]:
    """Events per day or week (`by`), per type or quad class (`group`): [{period, key, events}],
    oldest first. Built on `query.timeline` (fused events per day and type), so its counts are
    the command line's; a week sums its days (an event told on two days of a week counts on
    both)."""
    if by not in ("day", "week"):
        raise ValueError(f"timeline by {by!r}: day or week")
    if group not in ("type", "quad"):
        raise ValueError(f"timeline per {group!r}: type or quad")
    wanted = set(types_of_quad(quad)) if quad else None
    counts: Counter[tuple[str, str]] = Counter()
    for r in query.timeline(db, **filters):
        if wanted is not None and r["type"] not in wanted:
            continue
        try:
            period = week_of(r["date"]) if by == "week" else r["date"]
        except ValueError:  # a date the store holds but the calendar does not (e.g. 2024-02-31)
            continue
        key = quads().get(r["type"], "other") if group == "quad" else r["type"]
        counts[(period, key)] += int(r["events"])
    return [{"period": p, "key": k, "events": n} for (p, k), n in sorted(counts.items())]


def top_dyads(db: Engine | Connection, *, limit: int = 10) -> list[Row]:
    """The actor -> recipient pairs with the most events: actor, recipient (id, name, country),
    events (fused), quads (events per quad class)."""
    a, r, em, ev = t.event_actors.alias("a"), t.event_actors.alias("r"), t.event_mentions, t.events
    n = func.count(func.distinct(func.coalesce(ev.c.fused_event_id, ev.c.id)))
    stmt = (
        select(a.c.actor_id.label("src"), r.c.actor_id.label("dst"), n.label("n"))
        .select_from(
            a.join(r, r.c.event_mention_id == a.c.event_mention_id)
            .join(em, em.c.id == a.c.event_mention_id)
            .join(ev, ev.c.id == em.c.event_id)
        )
        .where(a.c.role == "actor", r.c.role == "recipient", a.c.actor_id != r.c.actor_id)
        .group_by(a.c.actor_id, r.c.actor_id)
        .order_by(n.desc(), a.c.actor_id, r.c.actor_id)
        .limit(limit)
    )
    with _conn(db) as conn:
        pairs = [(row.src, row.dst, int(row.n)) for row in conn.execute(stmt)]
        ids = sorted({i for p in pairs for i in p[:2]})
        who = {
            row.id: {"id": row.id, "name": row.name, "country": row.country}
            for row in conn.execute(
                select(t.actors.c.id, t.actors.c.name, t.actors.c.country).where(t.actors.c.id.in_(ids))
            )
        }
    return [{"actor": who[s], "recipient": who[d], "events": n} for s, d, n in pairs]


def version(db: Engine | Connection) -> tuple[Any, ...]:
    """A cheap fingerprint of what the store holds (newest ids, each an index lookup), so a
    reader can cache aggregates and notice when an ingest or a fusion run has changed them."""
    with _conn(db) as conn:
        return tuple(
            conn.execute(
                select(
                    select(func.max(t.event_mentions.c.id)).scalar_subquery(),
                    select(func.max(t.claims.c.id)).scalar_subquery(),
                    select(func.max(t.actors.c.id)).scalar_subquery(),
                    select(func.max(t.events.c.fused_event_id)).scalar_subquery(),
                )
            ).one()
        )


def counts(db: Engine | Connection) -> Row:
    """What the store holds, for the overview: articles (extracted), duplicates, actors, events
    (fused), event mentions, claims, events_by_type and events_by_status (of event mentions).
    `query.summary` without its contested count, which the overview takes from the contested
    list it shows anyway."""
    em, ev, ar = t.event_mentions, t.events, t.articles
    with _conn(db) as conn:

        def n(stmt: Any) -> int:
            return int(conn.execute(stmt).scalar_one() or 0)

        total = n(select(func.count()).select_from(ar))
        dups = n(select(func.count()).select_from(ar).where(ar.c.duplicate_of.is_not(None)))
        return {
            "articles": total - dups,
            "duplicates": dups,
            "actors": n(select(func.count()).select_from(t.actors)),
            "events": n(select(func.count()).select_from(ev).where(ev.c.fused_event_id.is_(None))),
            "event_mentions": n(select(func.count()).select_from(em)),
            "claims": n(select(func.count()).select_from(t.claims)),
            "events_by_type": {
                r[0]: int(r[1])
                for r in conn.execute(select(em.c.type, func.count()).group_by(em.c.type).order_by(em.c.type))
            },
            "events_by_status": {
                r[0]: int(r[1]) for r in conn.execute(select(em.c.status, func.count()).group_by(em.c.status))
            },
        }
