"""The store as networks of actors (networkx), for network analysis, Gephi and yEd.

    >>> from newsgraph.store.graph import actor_network, comention_network
    >>> g = actor_network(engine, type="ASSAULT", since="2024")
    >>> sorted(g.edges(data="events"), key=lambda e: -e[2])[:5]   # who attacks whom most

Nodes are actors, keyed by their store id, with `name`, `country`, `sector` and `kind`
(`None` when unknown). Both functions take the event filters of `newsgraph.store.query`
(`actor`, `country`, `type`, `status`, `since`, `until`); they choose the event mentions the
network is built from.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

import networkx as nx
from sqlalchemy import Connection, Engine, select

from newsgraph.lexicon import quads
from newsgraph.store import schema as t
from newsgraph.store.frames import actor_rows, mention_rows
from newsgraph.store.query import Row, _connected, _mention_filters

# The quad classes in PLOVER's order, cooperation to conflict, verbal before material: a tie
# for an edge's dominant quad goes to the later one (the graver act).
QUAD_ORDER = list(dict.fromkeys(quads().values()))


@dataclass
class _Tally:
    """What one actor→recipient edge counts, as sets so that each thing counts once."""

    events: set[int] = field(default_factory=set)
    mentions: set[int] = field(default_factory=set)
    articles: set[str] = field(default_factory=set)
    types: dict[str, set[int]] = field(default_factory=dict)
    quads: dict[str, set[int]] = field(default_factory=dict)
    statuses: dict[str, set[int]] = field(default_factory=dict)

    def add(self, row: Row) -> None:
        event = row["event"]
        self.events.add(event)
        self.mentions.add(row["mention"])
        self.articles.add(row["article"])
        self.types.setdefault(row["type"], set()).add(event)
        if row["quad"]:
            self.quads.setdefault(row["quad"], set()).add(event)
        self.statuses.setdefault(row["status"], set()).add(event)

    def attributes(self) -> dict[str, Any]:
        by_quad = {q: len(evs) for q, evs in sorted(self.quads.items())}
        return {
            "events": len(self.events),
            "weight": len(self.events),
            "mentions": len(self.mentions),
            "articles": len(self.articles),
            "types": {k: len(v) for k, v in sorted(self.types.items())},
            "quads": by_quad,
            "statuses": {k: len(v) for k, v in sorted(self.statuses.items())},
            "quad": max(by_quad, key=lambda q: (by_quad[q], QUAD_ORDER.index(q))) if by_quad else None,
        }


def _pairs(row: Row) -> list[tuple[int, int]]:
    """Who acted on whom in one event mention: each actor → each recipient; in a reciprocal
    act (parties listed as actors, no recipient: a treaty, a meeting) each party → each other."""
    actors, recipients = row["actor_ids"], row["recipient_ids"]
    if recipients:
        return [(a, r) for a in actors for r in recipients]
    return [(a, b) for a in actors for b in actors if a != b]


def actor_network(
    db: Engine | Connection,
    *,
    actor: int | str | None = None,
    country: str | None = None,
    type: str | None = None,  # noqa: A002 - the PLOVER word
    status: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> nx.DiGraph:
    """Who acted on whom: a directed graph with an edge actor → recipient for every pair in
    the matching event mentions (reciprocal acts give an edge each way).

    Edge attributes: `events` (distinct events: mentions of one fused event count once; also
    as `weight`, for networkx algorithms and Gephi), `mentions`, `articles`, and events by
    PLOVER type (`types`), by quad class (`quads`, from `newsgraph.lexicon.quads`) and by
    status (`statuses`) as dicts, and `quad`, the quad class most of the edge's events are
    in. Every status counts unless `status` says otherwise: a denied attack is an edge too,
    and `statuses` tells it apart. Actors of one-sided events (MOBILIZE) are nodes without
    edges."""
    with _connected(db) as conn:
        rows = mention_rows(
            conn, actor=actor, country=country, type=type, status=status, since=since, until=until
        )
        ids = {i for r in rows for i in r["actor_ids"] + r["recipient_ids"]}
        people = actor_rows(conn, list(ids))
    tallies: dict[tuple[int, int], _Tally] = {}
    for r in rows:
        for pair in _pairs(r):
            tallies.setdefault(pair, _Tally()).add(r)
    graph = nx.DiGraph()
    for i in sorted(ids):
        graph.add_node(i, **_node(people[i]))
    for (a, b), tally in sorted(tallies.items()):
        graph.add_edge(a, b, **tally.attributes())
    return graph


def _node(actor: Row) -> dict[str, Any]:
    return {k: actor[k] for k in ("name", "country", "sector", "kind")}


def comention_network(
    db: Engine | Connection,
    *,
    actor: int | str | None = None,
    country: str | None = None,
    type: str | None = None,  # noqa: A002
    status: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> nx.Graph:
    """Who is written about together: an undirected graph of actors with an edge between two
    actors mentioned in the same article; `weight` (and `articles`) is how many articles.

    The filters choose the articles: those with an event mention that matches them (without
    filters, every article). Every actor those articles mention is a node, whether or not it
    takes part in an event; nodes carry `articles`, how many of the chosen articles mention
    them."""
    m = t.mentions
    where = _mention_filters(actor=actor, country=country, type=type, status=status, since=since, until=until)
    stmt = select(m.c.article_id, m.c.actor_id).distinct().order_by(m.c.article_id, m.c.actor_id)
    if where:
        stmt = stmt.where(m.c.article_id.in_(select(t.event_mentions.c.article_id).where(*where)))
    with _connected(db) as conn:
        by_article: dict[str, list[int]] = {}
        for article_id, actor_id in conn.execute(stmt):
            by_article.setdefault(article_id, []).append(actor_id)
        people = actor_rows(conn, [i for ids in by_article.values() for i in ids])
    weights: Counter[tuple[int, int]] = Counter()
    seen_in: Counter[int] = Counter()
    for ids in by_article.values():
        seen_in.update(ids)
        weights.update(combinations(sorted(ids), 2))
    graph = nx.Graph()
    for i in sorted(seen_in):
        graph.add_node(i, **_node(people[i]), articles=seen_in[i])
    for (a, b), n in sorted(weights.items()):
        graph.add_edge(a, b, weight=n, articles=n)
    return graph
