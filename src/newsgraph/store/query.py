"""Queries over the store, for people and programs: each returns a list of dicts (one per
row, JSON-ready), newest fields first-class, lists kept as lists.

Every function takes an `Engine` (from `newsgraph.store.open`) or an open `Connection`.
Filters that several take:
- `actor`: an actor id (an int, or digits) or a case-insensitive piece of its name, on either
  side of an event (actors or recipients);
- `country`: ISO 3166-1 alpha-3 (or IGO, NGO…) of an actor on either side;
- `type` (PLOVER root type) and `status` (asserted, reported, possible, denied, negated);
- `since` / `until`: ISO dates, inclusive; a year or month means all of it ("2024", "2024-10").
Events are dated by their time expression, else by their article's date (`event_mentions.date`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    case,
    distinct,
    exists,
    func,
    or_,
    select,
)

from newsgraph.store import schema as t
from newsgraph.store.write import iso_day

Row = dict[str, Any]
SIDES = ("actor", "recipient")
FOR = ("asserted", "reported")
AGAINST = ("denied", "negated")
_CHUNK = 900  # ids per IN (...) list


@contextmanager
def _connected(db: Engine | Connection) -> Iterator[Connection]:
    if isinstance(db, Connection):
        yield db
    else:
        with db.connect() as conn:
            yield conn


def _chunks(ids: Sequence[Any]) -> Iterator[Sequence[Any]]:
    for i in range(0, len(ids), _CHUNK):
        yield ids[i : i + _CHUNK]


def display(name: str, country: str | None) -> str:
    """An actor as people read it: "North Korea (PRK)"."""
    return f"{name} ({country})" if country else name


def _until(value: str) -> str:
    """The last ISO day a date, month or year covers, as a string bound."""
    v = value.strip()
    if len(v) == 4:
        return f"{v}-12-31"
    if len(v) == 7:
        return f"{v}-31"
    return v[:10]


def _since(value: str) -> str:
    day = iso_day(value)
    if day is None:
        raise ValueError(f"not an ISO date: {value!r} (use yyyy, yyyy-mm or yyyy-mm-dd)")
    return day


def _actor_match(actor: int | str) -> ColumnElement[bool]:
    if isinstance(actor, int) or str(actor).strip().isdigit():
        return t.actors.c.id == int(actor)
    return func.lower(t.actors.c.name).contains(str(actor).strip().lower(), autoescape=True)


def _mention_filters(
    *,
    actor: int | str | None = None,
    country: str | None = None,
    type: str | None = None,  # noqa: A002 - the PLOVER word
    status: str | None = None,
    since: str | None = None,
    until: str | None = None,
    article: str | None = None,
    probe: bool = False,
) -> list[ColumnElement[bool]]:
    """Conditions on `event_mentions` for the filters. Actor and country filters come in two
    forms that select the same rows: by default a set of mention ids from the (actor_id, role)
    index, from which the database starts (fast when the actor is the most selective filter);
    with `probe`, a test on each mention (fast when something else picks the few mentions,
    e.g. a walk along the date index or a page of event ids)."""
    em = t.event_mentions
    where: list[ColumnElement[bool]] = []
    if type:
        where.append(em.c.type == type.strip().upper())
    if status:
        where.append(em.c.status == status.strip().lower())
    if since:
        where.append(em.c.date >= _since(since))
    if until:
        _since(until)
        where.append(em.c.date <= _until(until))
    if article:
        where.append(em.c.article_id == article)
    ea = t.event_actors
    for cond in (
        _actor_match(actor) if actor not in (None, "") else None,
        t.actors.c.country == country.strip().upper() if country else None,
    ):
        if cond is None:
            continue
        who = select(t.actors.c.id).where(cond)
        if probe:
            where.append(
                exists(
                    select(1).where(
                        ea.c.event_mention_id == em.c.id, ea.c.role.in_(SIDES), ea.c.actor_id.in_(who)
                    )
                )
            )
        else:
            where.append(
                em.c.id.in_(select(ea.c.event_mention_id).where(ea.c.actor_id.in_(who), ea.c.role.in_(SIDES)))
            )
    return where


def _group_key() -> ColumnElement[Any]:
    """The event a mention counts for: its fused event when fused, else its own."""
    return func.coalesce(t.events.c.fused_event_id, t.events.c.id)


def _sides(conn: Connection, mention_ids: Sequence[int]) -> dict[int, dict[str, list[Row]]]:
    """For each event mention: its actors, recipients and sources, in order."""
    out: dict[int, dict[str, list[Row]]] = defaultdict(
        lambda: {"actor": [], "recipient": [], "according_to": []}
    )
    for chunk in _chunks(list(mention_ids)):
        rows = conn.execute(
            select(
                t.event_actors.c.event_mention_id,
                t.event_actors.c.role,
                t.actors.c.id,
                t.actors.c.name,
                t.actors.c.country,
                t.actors.c.kind,
            )
            .join(t.actors, t.actors.c.id == t.event_actors.c.actor_id)
            .where(t.event_actors.c.event_mention_id.in_(chunk))
            .order_by(t.event_actors.c.event_mention_id, t.event_actors.c.role, t.event_actors.c.position)
        )
        for r in rows:
            out[r.event_mention_id][r.role].append(
                {"id": r.id, "name": r.name, "country": r.country, "kind": r.kind}
            )
    return out


WALK_FROM = 15000  # matching mentions from which walking them in date order beats grouping them all


def _many(
    conn: Connection, where: list[ColumnElement[bool]], actor: int | str | None, country: str | None
) -> bool:
    """Whether the filters select many mentions (at least WALK_FROM), counted cheaply: on the
    (actor_id, role) index for the most selective of the actor and country filters, else on
    the mentions the other filters select."""
    ea = t.event_actors
    sides = [
        _actor_match(actor) if actor not in (None, "") else None,
        t.actors.c.country == country.strip().upper() if country else None,
    ]
    counts = []
    for cond in sides:
        if cond is not None:
            rows = select(ea.c.event_mention_id).where(
                ea.c.actor_id.in_(select(t.actors.c.id).where(cond)), ea.c.role.in_(SIDES)
            )
            counts.append(_capped_count(conn, rows))
    if not counts:
        counts.append(_capped_count(conn, select(t.event_mentions.c.id).where(*where)))
    return min(counts) >= WALK_FROM


def _capped_count(conn: Connection, rows: Any) -> int:
    return int(conn.execute(select(func.count()).select_from(rows.limit(WALK_FROM).subquery())).scalar_one())


def _first_events(
    conn: Connection,
    where: list[ColumnElement[bool]],
    probed: list[ColumnElement[bool]],
    limit: int,
    *,
    walk: bool,
) -> list[int]:
    """The first `limit` events, oldest first, among the mentions `where` selects (an event's
    date: its earliest matching mention's; undated events last). Grouping all the matching
    mentions is fast when they are few; when they are many (`walk`: a top actor's), walking them
    in date order and stopping at the `limit`-th event is fast. `where` and `probed` are the
    same filters in `_mention_filters`' two forms."""
    em, ev = t.event_mentions, t.events
    joined = em.join(ev, ev.c.id == em.c.event_id)
    if not walk:
        first_day = func.min(em.c.date)
        stmt = (
            select(_group_key())
            .select_from(joined)
            .where(*where)
            .group_by(_group_key())
            .order_by(first_day.is_(None), first_day, _group_key())
            .limit(limit)
        )
        return [r[0] for r in conn.execute(stmt)]
    seen: dict[int, None] = {}
    for dated in (em.c.date.is_not(None), em.c.date.is_(None)):
        stmt = select(_group_key()).select_from(joined).where(dated, *probed).order_by(em.c.date, em.c.id)
        for (event_id,) in conn.execution_options(yield_per=1000).execute(stmt):
            seen.setdefault(event_id)
            if len(seen) == limit:
                return list(seen)
    return list(seen)


def _unique(items: Iterable[Row]) -> list[Row]:
    seen: dict[int, Row] = {}
    for a in items:
        seen.setdefault(a["id"], a)
    return list(seen.values())


def events(
    db: Engine | Connection,
    *,
    actor: int | str | None = None,
    country: str | None = None,
    type: str | None = None,  # noqa: A002
    status: str | None = None,
    since: str | None = None,
    until: str | None = None,
    min_sources: int | None = None,
    article: str | None = None,
    limit: int | None = None,
) -> list[Row]:
    """Events, oldest first, one row per (fused) event with the mentions that match.

    An event is fused across articles (`newsgraph.store.fuse`); its row gathers the mentions
    that match the filters. `min_sources`: at least that many sources tell of the event (a
    source is an article's `source`, or the article itself when it names none). Row fields:
    event, date, type, mode, actors, recipients, status (the mentions' statuses,
    comma-separated), according_to, mentions, articles, sources, first_seen and last_seen
    (publication dates), contested (some mentions assert or report it, others deny or negate
    it), reports (each matching mention: mention, article, source, published, status,
    trigger), article, trigger, sentence (of the first mention), place, latitude, longitude,
    confidence, and the actor ids (actor_ids, recipient_ids, according_to_ids)."""
    em, ev, ar = t.event_mentions, t.events, t.articles
    group = _group_key().label("event")
    filters: dict[str, Any] = dict(
        actor=actor, country=country, type=type, status=status, since=since, until=until, article=article
    )
    where = _mention_filters(**filters)
    probed = _mention_filters(**filters, probe=True)
    if min_sources:
        src = func.count(distinct(func.coalesce(ar.c.source, ar.c.id)))
        grouped = (
            select(_group_key().label("g"))
            .select_from(em.join(ev, ev.c.id == em.c.event_id).join(ar, ar.c.id == em.c.article_id))
            .group_by(_group_key())
            .having(src >= min_sources)
        )
        where.append(_group_key().in_(grouped))
        probed.append(_group_key().in_(grouped))
    if limit is not None:  # a page: its events' mentions, found from the events' ids
        with _connected(db) as conn:
            page = _first_events(conn, where, probed, limit, walk=_many(conn, where, actor, country))
        in_page = or_(ev.c.id.in_(page), ev.c.fused_event_id.in_(page))
        where = [em.c.event_id.in_(select(ev.c.id).where(in_page)), *probed]
    stmt = event_mentions_select(*where).order_by(em.c.date.is_(None), em.c.date, group, em.c.id)
    with _connected(db) as conn:
        return event_rows(conn, stmt)


def event_mentions_select(*where: ColumnElement[bool]) -> Any:
    """The event mentions `where` selects, with what an events row is made of (`event_rows`)."""
    em, ev, ar = t.event_mentions, t.events, t.articles
    sentence = func.substr(ar.c.text, em.c.sentence_start + 1, em.c.sentence_end - em.c.sentence_start)
    return (
        select(
            _group_key().label("event"),
            em.c.id.label("mention"),
            em.c.date,
            em.c.type,
            em.c.mode,
            em.c.status,
            em.c.article_id,
            ar.c.source,
            ar.c.date.label("published"),
            em.c.trigger_text,
            sentence.label("sentence"),
            em.c.confidence,
            t.places.c.name.label("place"),
            t.places.c.latitude,
            t.places.c.longitude,
        )
        .select_from(
            em.join(ev, ev.c.id == em.c.event_id)
            .join(ar, ar.c.id == em.c.article_id)
            .outerjoin(t.places, t.places.c.id == em.c.place_id)
        )
        .where(*where)
    )


def event_rows(conn: Connection, stmt: Any) -> list[Row]:
    """One row per (fused) event from the mentions `stmt` (an `event_mentions_select`) gives,
    in the order of their first mention (the fields are listed in `events`)."""
    by_event: dict[int, list[Any]] = {}
    for r in conn.execute(stmt):
        by_event.setdefault(r.event, []).append(r)
    sides = _sides(conn, [r.mention for rs in by_event.values() for r in rs])
    out = []
    for event_id, rs in by_event.items():
        first = rs[0]
        acts = _unique([a for r in rs for a in sides[r.mention]["actor"]])
        recs = _unique([a for r in rs for a in sides[r.mention]["recipient"]])
        srcs = _unique([a for r in rs for a in sides[r.mention]["according_to"]])
        statuses = list(dict.fromkeys(r.status for r in rs))
        seen = sorted(r.published for r in rs if r.published)
        out.append(
            {
                "event": event_id,
                "date": first.date,
                "type": first.type,
                "mode": first.mode,
                "actors": [display(a["name"], a["country"]) for a in acts],
                "recipients": [display(a["name"], a["country"]) for a in recs],
                "status": ", ".join(statuses),
                "according_to": [display(a["name"], a["country"]) for a in srcs],
                "mentions": len(rs),
                "articles": len({r.article_id for r in rs}),
                "sources": len({r.source or r.article_id for r in rs}),
                "first_seen": seen[0] if seen else None,
                "last_seen": seen[-1] if seen else None,
                "contested": any(x in FOR for x in statuses) and any(x in AGAINST for x in statuses),
                "reports": [
                    {
                        "mention": r.mention,
                        "article": r.article_id,
                        "source": r.source,
                        "published": r.published,
                        "status": r.status,
                        "trigger": r.trigger_text,
                    }
                    for r in rs
                ],
                "article": first.article_id,
                "trigger": first.trigger_text,
                "sentence": " ".join((first.sentence or "").split()),
                "place": first.place,
                "latitude": first.latitude,
                "longitude": first.longitude,
                "confidence": max((r.confidence for r in rs if r.confidence is not None), default=None),
                "actor_ids": [a["id"] for a in acts],
                "recipient_ids": [a["id"] for a in recs],
                "according_to_ids": [a["id"] for a in srcs],
            }
        )
    return out


def actors(
    db: Engine | Connection,
    *,
    name: int | str | None = None,
    country: str | None = None,
    kind: str | None = None,
    limit: int | None = None,
) -> list[Row]:
    """Actors, most written about first: id, name, kind, country, sector, articles (that
    mention them), mentions, events (fused, on either side), aliases. `name` as `actor` above."""
    ea, em = t.event_actors, t.event_mentions
    n_events = (
        select(func.count(distinct(_group_key())))
        .select_from(
            ea.join(em, em.c.id == ea.c.event_mention_id).join(t.events, t.events.c.id == em.c.event_id)
        )
        .where(ea.c.actor_id == t.actors.c.id, ea.c.role.in_(SIDES))
        .scalar_subquery()
    )
    n_articles = func.count(distinct(t.mentions.c.article_id))
    stmt = (
        select(
            t.actors.c.id,
            t.actors.c.name,
            t.actors.c.kind,
            t.actors.c.country,
            t.actors.c.sector,
            n_articles.label("articles"),
            func.count(t.mentions.c.id).label("mentions"),
            n_events.label("events"),
        )
        .select_from(t.actors.outerjoin(t.mentions, t.mentions.c.actor_id == t.actors.c.id))
        .group_by(t.actors.c.id, t.actors.c.name, t.actors.c.kind, t.actors.c.country, t.actors.c.sector)
        .order_by(n_articles.desc(), func.count(t.mentions.c.id).desc(), t.actors.c.name, t.actors.c.id)
    )
    if name not in (None, ""):
        assert name is not None
        if isinstance(name, int) or str(name).strip().isdigit():
            stmt = stmt.where(t.actors.c.id == int(name))
        else:
            piece = str(name).strip().lower()
            alias_hit = exists(
                select(1).where(
                    t.actor_aliases.c.actor_id == t.actors.c.id, t.actor_aliases.c.alias.contains(piece)
                )
            )
            stmt = stmt.where(or_(func.lower(t.actors.c.name).contains(piece, autoescape=True), alias_hit))
    if country:
        stmt = stmt.where(t.actors.c.country == country.strip().upper())
    if kind:
        stmt = stmt.where(t.actors.c.kind == kind.strip().lower())
    if limit is not None:
        stmt = stmt.limit(limit)
    with _connected(db) as conn:
        rows = [dict(r._mapping) for r in conn.execute(stmt)]
        names: dict[int, list[str]] = defaultdict(list)
        for chunk in _chunks([r["id"] for r in rows]):
            for a in conn.execute(
                select(t.actor_aliases.c.actor_id, t.actor_aliases.c.name)
                .where(t.actor_aliases.c.actor_id.in_(chunk))
                .order_by(t.actor_aliases.c.actor_id, t.actor_aliases.c.alias)
            ):
                names[a.actor_id].append(a.name)
    for r in rows:
        r["aliases"] = [n for n in names[r["id"]] if n != r["name"]]
    return rows


def claims(
    db: Engine | Connection,
    *,
    speaker: int | str | None = None,
    country: str | None = None,
    stance: str | None = None,
    kind: str | None = None,
    since: str | None = None,
    until: str | None = None,
    article: str | None = None,
    limit: int | None = None,
) -> list[Row]:
    """Claims (who said what), by article date: claim, date, article, speaker, country, source,
    cue, content, kind, stance, events (how many events the content carries). `speaker` as
    `actor` above; `country` is the speaker's; dates are the article's."""
    n_events = (
        select(func.count())
        .select_from(t.claim_events)
        .where(t.claim_events.c.claim_id == t.claims.c.id)
        .scalar_subquery()
    )
    stmt = select(
        t.claims.c.id.label("claim"),
        t.articles.c.date,
        t.claims.c.article_id.label("article"),
        t.actors.c.name.label("speaker_name"),
        t.actors.c.country,
        t.claims.c.source_text.label("source"),
        t.claims.c.cue_text.label("cue"),
        t.claims.c.content_text.label("content"),
        t.claims.c.kind,
        t.claims.c.stance,
        n_events.label("events"),
        t.claims.c.speaker_id,
    ).select_from(
        t.claims.join(t.articles, t.articles.c.id == t.claims.c.article_id).outerjoin(
            t.actors, t.actors.c.id == t.claims.c.speaker_id
        )
    )
    if speaker not in (None, ""):
        assert speaker is not None
        stmt = stmt.where(_actor_match(speaker))
    if country:
        stmt = stmt.where(t.actors.c.country == country.strip().upper())
    if stance:
        stmt = stmt.where(t.claims.c.stance == stance.strip().lower())
    if kind:
        stmt = stmt.where(t.claims.c.kind == kind.strip().lower())
    stmt = stmt.where(*_article_dates(since, until))
    if article:
        stmt = stmt.where(t.claims.c.article_id == article)
    # Dated articles first, then the undated: two queries (ORDER BY date IS NULL would sort
    # every claim before the first row). With no filter on the claims themselves, a page is
    # read from the first articles by date (the article date index), not from every claim.
    order = (t.articles.c.date, t.claims.c.article_id, t.claims.c.id)
    dated, undated = t.articles.c.date.is_not(None), t.articles.c.date.is_(None)
    parts = [stmt.where(dated).order_by(*order), stmt.where(undated).order_by(*order)]
    with _connected(db) as conn:
        found: list[Any] = []
        if limit is not None and not (speaker not in (None, "") or country or stance or kind or article):
            firsts = select(t.articles.c.id).where(dated, *_article_dates(since, until))
            firsts = firsts.order_by(t.articles.c.date, t.articles.c.id).limit(limit)
            found = list(conn.execute(parts[0].where(t.claims.c.article_id.in_(firsts)).limit(limit)))
            if len(found) == limit:  # else those articles hold fewer claims: read them all below
                parts = []
            else:
                found = []
        for part in parts:
            left = None if limit is None else limit - len(found)
            if left is not None and left <= 0:
                break
            found += conn.execute(part if left is None else part.limit(left)).all()
        rows = []
        for r in found:
            row = dict(r._mapping)
            name = row.pop("speaker_name")
            row["speaker"] = display(name, row["country"]) if name else None
            rows.append(row)
    fields = ["claim", "date", "article", "speaker", "country", "source", "cue", "content", "kind", "stance"]
    return [{k: r[k] for k in fields} | {"events": r["events"], "speaker_id": r["speaker_id"]} for r in rows]


def _article_dates(since: str | None, until: str | None) -> list[ColumnElement[bool]]:
    where = []
    if since:
        where.append(t.articles.c.date >= _since(since))
    if until:
        _since(until)
        where.append(t.articles.c.date <= _until(until) + "~")  # the whole day, whatever follows it
    return where


def _contested_events() -> Any:
    """The ids of the (fused) events with a mention against them (denied, negated) and one
    for them (asserted, reported), as a subquery: from the few mentions against, through the
    mention and fusion indexes, never a scan of every mention."""
    em, ev = t.event_mentions, t.events
    against = (
        select(_group_key().label("event"))
        .select_from(em.join(ev, ev.c.id == em.c.event_id))
        .where(em.c.status.in_(AGAINST))
        .distinct()
        .subquery()
    )

    def supported(event_id: Any) -> Any:
        return exists(select(1).where(em.c.event_id == event_id, em.c.status.in_(FOR)))

    fused = select(1).where(ev.c.fused_event_id == against.c.event, supported(ev.c.id))
    return select(against.c.event).where(or_(supported(against.c.event), exists(fused)))


def contested(
    db: Engine | Connection,
    *,
    actor: int | str | None = None,
    country: str | None = None,
    type: str | None = None,  # noqa: A002
    since: str | None = None,
    until: str | None = None,
    limit: int | None = None,
) -> list[Row]:
    """Events (fused across articles) that some mentions assert or report and others deny
    (or, in the narrator's voice, negate), with who says what. Row fields: event, type,
    actors, recipients, supported (mentions asserting or reporting), denied (mentions denying
    or negating), statuses, reported_by, denied_by (who the mentions are according to; an
    asserted mention is according to its article's source), mentions, articles, sources,
    first, last (event dates), events (the fused event's id, as a list)."""
    em, ev, ar = t.event_mentions, t.events, t.articles
    groups_sq = _contested_events()
    where = _mention_filters(type=type, since=since, until=until)
    stmt = (
        select(
            _group_key().label("event"),
            em.c.id,
            em.c.type,
            em.c.status,
            em.c.article_id,
            em.c.date,
            ar.c.source,
        )
        .select_from(em.join(ev, ev.c.id == em.c.event_id).join(ar, ar.c.id == em.c.article_id))
        .where(or_(ev.c.id.in_(groups_sq), ev.c.fused_event_id.in_(groups_sq)), *where)
        .order_by(em.c.id)
    )
    with _connected(db) as conn:
        rows = list(conn.execute(stmt))
        sides = _sides(conn, [r.id for r in rows])
    groups: dict[int, list[Any]] = defaultdict(list)
    who: dict[int, Row] = {}
    for r in rows:
        for a in sides[r.id]["actor"] + sides[r.id]["recipient"] + sides[r.id]["according_to"]:
            who[a["id"]] = a
        groups[r.event].append(r)
    actor_ok = _side_filter(who, actor, country)
    out: list[Row] = []
    for event_id, rs in groups.items():
        statuses = Counter(r.status for r in rs)
        supported = sum(statuses[s] for s in FOR)
        denied = sum(statuses[s] for s in AGAINST)
        acts = {a["id"] for r in rs for a in sides[r.id]["actor"]}
        recs = {a["id"] for r in rs for a in sides[r.id]["recipient"]}
        if not supported or not denied or not actor_ok(frozenset(acts | recs)):
            continue

        def names(ids: set[int]) -> list[str]:
            return sorted(display(who[i]["name"], who[i]["country"]) for i in ids)

        def by(kinds: tuple[str, ...], rs: list[Any] = rs) -> list[str]:
            out = set(names({a["id"] for r in rs if r.status in kinds for a in sides[r.id]["according_to"]}))
            out |= {
                r.source or r.article_id
                for r in rs
                if r.status in kinds and r.status in ("asserted", "negated")
            }
            return sorted(out)

        dates = sorted(r.date for r in rs if r.date)
        out.append(
            {
                "event": event_id,
                "type": rs[0].type,
                "actors": names(acts),
                "recipients": names(recs),
                "supported": supported,
                "denied": denied,
                "statuses": ", ".join(f"{s} {n}" for s, n in statuses.most_common()),
                "reported_by": by(FOR),
                "denied_by": by(AGAINST),
                "mentions": len(rs),
                "articles": len({r.article_id for r in rs}),
                "sources": len({r.source or r.article_id for r in rs}),
                "first": dates[0] if dates else None,
                "last": dates[-1] if dates else None,
                "events": [event_id],
            }
        )
    out.sort(key=lambda g: (-g["mentions"], g["type"], g["actors"], g["recipients"]))
    return out[:limit] if limit is not None else out


def _side_filter(who: dict[int, Row], actor: int | str | None, country: str | None) -> Any:
    def ok(ids: frozenset[int]) -> bool:
        people = [who[i] for i in ids]
        if country and not any(a["country"] == country.strip().upper() for a in people):
            return False
        if actor not in (None, ""):
            if isinstance(actor, int) or str(actor).strip().isdigit():
                return int(actor) in ids
            piece = str(actor).strip().lower()
            return any(piece in a["name"].lower() for a in people)
        return True

    return ok


def timeline(
    db: Engine | Connection,
    *,
    actor: int | str | None = None,
    country: str | None = None,
    type: str | None = None,  # noqa: A002
    status: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> list[Row]:
    """Events per day and type: date, type, events. An event (fused across articles) counts
    once, on the earliest date of its mentions that match; undated events are left out."""
    em, ev = t.event_mentions, t.events
    if not (actor not in (None, "") or country or status or since or until):
        # Every mention counts: a fused event's row carries its type and its earliest date, so
        # the count is one index scan of the events (fused_event_id wrapped in coalesce to keep
        # SQLite's planner on the (type, date) index).
        own = [func.coalesce(ev.c.fused_event_id, 0) == 0, ev.c.date.is_not(None)]
        if type:
            own.append(ev.c.type == type.strip().upper())
        stmt = (
            select(ev.c.date, ev.c.type, func.count().label("events"))
            .where(*own)
            .group_by(ev.c.date, ev.c.type)
            .order_by(ev.c.date, ev.c.type)
        )
        with _connected(db) as conn:
            return [dict(r._mapping) for r in conn.execute(stmt)]
    where = _mention_filters(actor=actor, country=country, type=type, status=status, since=since, until=until)
    first = (
        select(_group_key().label("event"), em.c.type, func.min(em.c.date).label("date"))
        .select_from(em.join(t.events, t.events.c.id == em.c.event_id))
        .where(em.c.date.is_not(None), *where)
        .group_by(_group_key(), em.c.type)
        .subquery()
    )
    stmt = (
        select(first.c.date, first.c.type, func.count().label("events"))
        .group_by(first.c.date, first.c.type)
        .order_by(first.c.date, first.c.type)
    )
    with _connected(db) as conn:
        return [dict(r._mapping) for r in conn.execute(stmt)]


def count(db: Engine | Connection, table: str) -> int:
    with _connected(db) as conn:
        return int(conn.execute(select(func.count()).select_from(t.metadata.tables[table])).scalar_one())


def summary(db: Engine | Connection) -> Row:
    """What the store holds: articles (extracted), duplicates, actors, events (fused across
    articles), event_mentions, claims, quantities, events_by_type (fused events),
    events_by_status (of event mentions: one event can be reported here and denied there),
    contested (events)."""
    with _connected(db) as conn:
        dup = func.sum(case((t.articles.c.duplicate_of.is_not(None), 1), else_=0))
        total, dups = conn.execute(select(func.count(), dup).select_from(t.articles)).one()
        own = t.events.c.fused_event_id.is_(None)
        by_type = {
            r[0]: int(r[1])
            for r in conn.execute(select(t.events.c.type, func.count()).where(own).group_by(t.events.c.type))
        }
        status = t.event_mentions.c.status
        by_status = {r[0]: int(r[1]) for r in conn.execute(select(status, func.count()).group_by(status))}
        return {
            "articles": int(total or 0) - int(dups or 0),
            "duplicates": int(dups or 0),
            "actors": count(conn, "actors"),
            "events": sum(by_type.values()),
            "event_mentions": count(conn, "event_mentions"),
            "claims": count(conn, "claims"),
            "quantities": count(conn, "quantities"),
            "events_by_type": by_type,
            "events_by_status": by_status,
            "contested": int(
                conn.execute(select(func.count()).select_from(_contested_events().subquery())).scalar_one()
            ),
        }


def table_counts(db: Engine | Connection) -> dict[str, int]:
    """Rows per table (for checks and tests)."""
    with _connected(db) as conn:
        return {name: count(conn, name) for name in sorted(t.metadata.tables)}
