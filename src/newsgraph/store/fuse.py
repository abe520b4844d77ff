"""Event fusion: mentions of the same real event, from one article or many, become one event.

A new event mention joins an existing event when it is compatible with *every* mention the
event already has (so a chain of near matches cannot drift from Kharkiv to Odesa):

- the same PLOVER root type;
- time: their intervals overlap, give or take `SLACK_DAYS` (a mention dated only by its
  article covers the `LOOKBACK_DAYS` before publication: news reports what just happened);
  a mention with no date at all only joins mentions of its own article;
- actors: some actor on one side matches some actor on the other (`same_actor`), and the
  same for recipients unless one of the two mentions names none;
- place: the same place, or places within `NEAR_KM` of each other, or a country and a place
  in it; a mention without a place is compatible with any.

Status plays no part: one outlet reporting an event and another denying it is exactly what
fusion must bring together (that is what makes an event contested). Quantities play no part
either: outlets' counts of the same event differ ("some 3,000" vs "up to 12,000").

Among the events a mention is compatible with, it joins the one sharing the most actors by
identity, then the earliest. Fusion runs inside the article's transaction, in ingest order,
so the result is deterministic for a given input order and safe under kill -9.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache

from sqlalchemy import ColumnElement, Connection, exists, func, or_, select, update

from newsgraph.store import schema as t

SLACK_DAYS = 1
LOOKBACK_DAYS = 2
NEAR_KM = 25.0
# How far apart (in days) the start dates of candidate mentions may be, for the index lookup.
SEARCH_DAYS = 7
MAX_CANDIDATES = 5000


@dataclass(frozen=True)
class Party:
    """An actor as fusion sees it."""

    id: int
    kind: str
    country: str | None
    sector: str | None
    generic: bool  # a state, or a role noun ("police", "Russian forces"), not a named entity


@dataclass(frozen=True)
class Place:
    id: int
    country: str | None
    latitude: float | None
    longitude: float | None
    is_country: bool


@dataclass
class Mention:
    """One event mention with what fusion compares."""

    id: int
    event_id: int
    article_id: str
    type: str
    start: date | None
    end: date | None
    actors: list[Party] = field(default_factory=list)
    recipients: list[Party] = field(default_factory=list)
    place: Place | None = None


def same_actor(a: Party, b: Party) -> bool:
    """Two actors that can stand for the same party: the same actor; or, when at least one is
    generic, the same country and either a state (a state stands for its organs: "Russia" for
    "Russian forces") or the same sector ("Russian troops" and "the Russian army"). Two
    different named entities (Kharkiv and Odesa, Putin and Peskov) never match."""
    if a.id == b.id:
        return True
    if not (a.generic or b.generic) or not a.country or a.country != b.country:
        return False
    return a.kind == "state" or b.kind == "state" or (a.sector is not None and a.sector == b.sector)


def same_side(a: Sequence[Party], b: Sequence[Party], *, optional: bool) -> bool:
    """Two mentions' actors (or recipients) can be the same party. Named entities come first:
    when both sides name some, they must share one ("Sanders and the US endorsed Biden" and
    "Warren endorsed Biden" are two endorsements, though "the US" would stand for either)."""
    if not a or not b:
        return optional or (not a and not b)
    named_a, named_b = [x for x in a if not x.generic], [y for y in b if not y.generic]
    if named_a and named_b:
        return any(x.id == y.id for x in named_a for y in named_b)
    return any(same_actor(x, y) for x in a for y in b)


def same_time(a: Mention, b: Mention) -> bool:
    if a.start is None or b.start is None:
        return a.article_id == b.article_id
    slack = timedelta(days=SLACK_DAYS)
    a_end, b_end = a.end or a.start, b.end or b.start
    return a.start - slack <= b_end and b.start - slack <= a_end


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def same_place(a: Place | None, b: Place | None) -> bool:
    if a is None or b is None or a.id == b.id:
        return True
    if a.is_country or b.is_country:
        return a.country is not None and a.country == b.country
    if None not in (a.latitude, a.longitude, b.latitude, b.longitude):
        assert a.latitude is not None and a.longitude is not None
        assert b.latitude is not None and b.longitude is not None
        return distance_km(a.latitude, a.longitude, b.latitude, b.longitude) <= NEAR_KM
    return False


def compatible(a: Mention, b: Mention) -> bool:
    """Whether two mentions can be of the same real event (see the module docstring)."""
    return (
        a.type == b.type
        and same_time(a, b)
        and same_side(a.actors, b.actors, optional=False)
        and same_side(a.recipients, b.recipients, optional=True)
        and same_place(a.place, b.place)
    )


def shared_actors(a: Mention, b: Mention) -> int:
    ids = {p.id for p in a.actors + a.recipients}
    return sum(1 for p in b.actors + b.recipients if p.id in ids)


def choose(mention: Mention, events: dict[int, list[Mention]]) -> int | None:
    """The event (its id) the mention joins, or None for a new one."""
    best: tuple[int, int] | None = None
    for event_id, members in events.items():
        if all(compatible(mention, m) for m in members):
            score = (-max(shared_actors(mention, m) for m in members), event_id)
            if best is None or score < best:
                best = score
    return best[1] if best else None


# ---------------------------------------------------------------------------------------------
# The store side: load mentions, pick candidates, point events at the event they join.


def _day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def load(conn: Connection, mention_ids: Iterable[int]) -> dict[int, Mention]:
    """The mentions with their parties and places, by id."""
    ids = list(mention_ids)
    out: dict[int, Mention] = {}
    em, ar, pl = t.event_mentions, t.articles, t.places
    for i in range(0, len(ids), 900):
        chunk = ids[i : i + 900]
        rows = conn.execute(
            select(
                em.c.id,
                em.c.event_id,
                em.c.article_id,
                em.c.type,
                em.c.date,
                em.c.time_date,
                em.c.time_end_date,
                ar.c.date.label("article_date"),
                pl.c.id.label("place_id"),
                pl.c.name.label("place_name"),
                pl.c.country.label("place_country"),
                pl.c.latitude,
                pl.c.longitude,
            )
            .select_from(em.join(ar, ar.c.id == em.c.article_id).outerjoin(pl, pl.c.id == em.c.place_id))
            .where(em.c.id.in_(chunk))
        )
        for r in rows:
            start, end = _interval(r.time_date, r.time_end_date, r.date, r.article_date)
            place = None
            if r.place_id is not None:
                place = Place(
                    r.place_id,
                    r.place_country,
                    r.latitude,
                    r.longitude,
                    _names_country(r.place_name, r.place_country),
                )
            out[r.id] = Mention(r.id, r.event_id, r.article_id, r.type, start, end, place=place)
        parties = conn.execute(
            select(
                t.event_actors.c.event_mention_id,
                t.event_actors.c.role,
                t.actors.c.id,
                t.actors.c.kind,
                t.actors.c.country,
                t.actors.c.sector,
                t.actors.c.name,
            )
            .join(t.actors, t.actors.c.id == t.event_actors.c.actor_id)
            .where(
                t.event_actors.c.event_mention_id.in_(chunk),
                t.event_actors.c.role.in_(("actor", "recipient")),
            )
            .order_by(t.event_actors.c.event_mention_id, t.event_actors.c.role, t.event_actors.c.position)
        )
        for p in parties:
            party = Party(p.id, p.kind, p.country, p.sector, is_generic(p.kind, p.name))
            m = out[p.event_mention_id]
            (m.actors if p.role == "actor" else m.recipients).append(party)
    return out


def is_generic(kind: str, name: str) -> bool:
    """An actor that stands for a kind of party rather than one named entity: a state, a group
    ("police", "Russian forces", "protesters"), or a person or body named by a title or role
    noun ("United States Senator", "the president", "the defence ministry")."""
    if kind in ("state", "group"):
        return True
    words = name.lower().replace("'s", "").split()
    if not words:
        return True
    tail = " ".join(words[-2:])
    return words[-1] in _role_words() or tail in _role_words()


@cache
def _role_words() -> frozenset[str]:
    from newsgraph.lexicon import roles, titles

    return frozenset(titles()) | frozenset(roles()) | frozenset(r + "s" for r in roles())


def _names_country(name: str | None, country: str | None) -> bool:
    """A place that is a whole country (its name resolves to the country's code)."""
    if not name or not country:
        return False
    from newsgraph.lexicon import gazetteer

    return gazetteer().country_names.get(country) == name


def _interval(
    time_date: str | None, time_end: str | None, day: str | None, article_date: str | None
) -> tuple[date | None, date | None]:
    start = _day(time_date)
    if start is not None:
        return start, _day(time_end) or start
    published = _day(article_date) or _day(day)
    if published is None:
        return None, None
    return published - timedelta(days=LOOKBACK_DAYS), published


def fuse(conn: Connection, mention_ids: Sequence[int]) -> int:
    """Fuse these (newly written) event mentions into the events already stored; returns how
    many joined an existing event. Their own events must not have been fused into yet."""
    new = load(conn, mention_ids)
    em, ev = t.event_mentions, t.events
    group = func.coalesce(ev.c.fused_event_id, ev.c.id)
    joined = 0
    for mid in sorted(new):
        m = new[mid]
        where = [em.c.type == m.type, em.c.id != m.id, _shares_an_actor(m)]
        if m.start is None:
            where.append(em.c.article_id == m.article_id)
        else:
            lo = (m.start - timedelta(days=SEARCH_DAYS)).isoformat()
            hi = ((m.end or m.start) + timedelta(days=SLACK_DAYS)).isoformat()
            where.append(em.c.date.between(lo, hi))
        rows = conn.execute(
            select(em.c.id, group.label("event"))
            .select_from(em.join(ev, ev.c.id == em.c.event_id))
            .where(*where)
            .order_by(em.c.id)
            .limit(MAX_CANDIDATES)
        ).all()
        if not rows:
            continue
        candidate_events = {r.event for r in rows}
        members_of = _members(conn, candidate_events)
        member_ids = {i for ids in members_of.values() for i in ids}
        known = load(conn, [i for i in member_ids if i not in new])
        known |= {i: new[i] for i in member_ids if i in new and i < mid}  # this article's, fused already
        events = {e: [known[i] for i in ids] for e, ids in members_of.items() if all(i in known for i in ids)}
        target = choose(m, events)
        if target is not None and target != m.event_id:
            conn.execute(update(ev).where(ev.c.id == m.event_id).values(fused_event_id=target))
            # The fused event is dated by its earliest mention.
            day = select(ev.c.date).where(ev.c.id == m.event_id).scalar_subquery()
            conn.execute(
                update(ev)
                .where(ev.c.id == target, or_(ev.c.date.is_(None), ev.c.date > day))
                .values(date=day)
            )
            joined += 1
    return joined


def _shares_an_actor(m: Mention) -> ColumnElement[bool]:
    """Candidates must have an actor that is one of m's or of the same country (an index
    lookup that keeps the compatibility checks to a few mentions)."""
    ea, ac = t.event_actors, t.actors
    ids = [p.id for p in m.actors]
    countries = sorted({p.country for p in m.actors if p.country})
    cond = or_(ac.c.id.in_(ids), ac.c.country.in_(countries)) if countries else ac.c.id.in_(ids)
    return exists(
        select(1)
        .select_from(ea.join(ac, ac.c.id == ea.c.actor_id))
        .where(ea.c.event_mention_id == t.event_mentions.c.id, ea.c.role == "actor", cond)
    )


def _members(conn: Connection, event_ids: set[int]) -> dict[int, list[int]]:
    """The mention ids of each (fused) event."""
    em, ev = t.event_mentions, t.events
    group = func.coalesce(ev.c.fused_event_id, ev.c.id)
    out: dict[int, list[int]] = defaultdict(list)
    ids = sorted(event_ids)
    for i in range(0, len(ids), 900):
        rows = conn.execute(
            select(group.label("event"), em.c.id)
            .select_from(em.join(ev, ev.c.id == em.c.event_id))
            .where(group.in_(ids[i : i + 900]))
            .order_by(em.c.id)
        )
        for r in rows:
            out[r.event].append(r.id)
    return out
