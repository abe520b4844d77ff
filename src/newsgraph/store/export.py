"""The store as files for other tools (`newsgraph export`).

    >>> from newsgraph import store
    >>> from newsgraph.store.export import export
    >>> export(store.open("sqlite:///newsgraph.db"), "parquet", "events.parquet", country="PRK")

Formats (`FORMATS`):

- `parquet`: the event table of `newsgraph.store.frames.event_table`, one row per event
  mention, list columns as Arrow lists (pandas, Polars, DuckDB, R's arrow read it typed);
- `csv`: the same table; list cells joined with "; ", quantities written out ("about 3000
  soldiers");
- `jsonl`: newsgraph/1 records (`../shared/spec/EXTRACTION.md`), one per stored article,
  rebuilt from the store's tables (doc, text, actors with mentions, events with status,
  sources, evidence, quantities, time and place, claims, quantities);
- `plover-json`: one PLOVER JSON record per event, JSON Lines (see `plover_record` for the
  fields filled);
- `graphml`, `gexf`: the actor network of `newsgraph.store.graph.actor_network` (yEd, Gephi,
  Cytoscape, networkx), counts by type, quad and status flattened to scalar attributes
  (`type_ASSAULT`, `quad_material_conflict`, `status_denied`);
- `geojson`: the event map of `newsgraph.store.geo.event_places`.

Every format takes the event filters of `newsgraph.store.query` (`actor`, `country`, `type`,
`status`, `since`, `until`); `jsonl` writes whole records of the articles with a matching
event mention (all articles without filters). A file is written beside its target under a
temporary name and renamed into place when complete, so a failed export leaves no half file
(and an existing file untouched); "-" writes the text formats to standard output.
"""

from __future__ import annotations

import csv
import json
import os
import sys
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import networkx as nx
import pyarrow.parquet as pq
from sqlalchemy import Connection, Engine, select

from newsgraph.record import SCHEMA
from newsgraph.store import schema as t
from newsgraph.store.frames import EVENT_TABLE, SIDE_COLUMNS, actor_rows, event_table, mention_rows
from newsgraph.store.geo import event_places
from newsgraph.store.graph import actor_network
from newsgraph.store.query import Row, _chunks, _connected, _mention_filters

FORMATS = ("parquet", "csv", "jsonl", "plover-json", "graphml", "gexf", "geojson")
BINARY = ("parquet",)  # the formats that cannot go to standard output
Filters = dict[str, Any]


def export(
    engine: Engine | Connection,
    fmt: str,
    output: str,
    *,
    actor: int | str | None = None,
    country: str | None = None,
    type: str | None = None,  # noqa: A002 - the PLOVER word
    status: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> int:
    """Write the store (what the filters select) to `output` ("-": standard output) in format
    `fmt`, and return how many items were written: rows (parquet, csv), records (jsonl,
    plover-json), edges (graphml, gexf) or features (geojson).

    Raises ValueError for an unknown format, a binary format to standard output or a bad
    date, before anything is written; OSError when the file cannot be written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r} (use one of: {', '.join(FORMATS)})")
    if output == "-" and fmt in BINARY:
        raise ValueError(
            f"{fmt} is a binary format and cannot be written to standard output; give a file name"
        )
    filters: Filters = dict(actor=actor, country=country, type=type, status=status, since=since, until=until)
    _mention_filters(**filters)  # a bad date fails here, before a file is made
    write = WRITERS[fmt]
    with _snapshot(engine) as conn, _target(output, binary=fmt in BINARY) as out:
        return write(conn, out, filters)


@contextmanager
def _snapshot(db: Engine | Connection) -> Iterator[Connection]:
    """A connection whose reads all see one state of the store, while an ingest may be writing:
    a read transaction does it on SQLite; PostgreSQL needs REPEATABLE READ for that."""
    if isinstance(db, Connection):
        yield db
        return
    options = {"isolation_level": "REPEATABLE READ"} if db.dialect.name == "postgresql" else {}
    with db.connect().execution_options(**options) as conn, conn.begin():
        yield conn


@contextmanager
def _target(output: str, *, binary: bool) -> Iterator[IO[Any]]:
    """A file to write the export to: standard output for "-", else a temporary file beside
    `output` that replaces it only once everything is written (and is removed on failure)."""
    if output == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    path = Path(output)
    if path.is_dir():
        raise IsADirectoryError(f"{output} is a directory")
    if not path.parent.is_dir():
        raise FileNotFoundError(f"{output}: no such directory {str(path.parent)!r}")
    part = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.part")
    try:
        with open(part, "xb") if binary else open(part, "x", encoding="utf-8", newline="") as f:
            yield f
        os.replace(part, path)
    finally:
        part.unlink(missing_ok=True)


# -- the event table -------------------------------------------------------------------------


def _parquet(conn: Connection, out: IO[Any], filters: Filters) -> int:
    table = event_table(conn, **filters)
    pq.write_table(table, out)
    return int(table.num_rows)


def _csv(conn: Connection, out: IO[Any], filters: Filters) -> int:
    rows = mention_rows(conn, **filters)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(EVENT_TABLE.names)
    for r in rows:
        writer.writerow([csv_cell(r[name]) for name in EVENT_TABLE.names])
    return len(rows)


def csv_cell(value: Any) -> str:
    """A value as CSV text: lists joined with "; ", a quantity written out, None empty."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(csv_cell(v) for v in value)
    if isinstance(value, dict):
        return quantity_text(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def quantity_text(q: Row) -> str:
    """A quantity as people read it: "about 3000 soldiers", "over 64100000000 USD"."""
    value = q["value"]
    number = str(int(value)) if float(value).is_integer() else str(value)
    words = ["about" if q.get("approximate") else None, q.get("bound"), number, q["unit"]]
    return " ".join(w for w in words if w)


# -- newsgraph/1 records ---------------------------------------------------------------------


def _jsonl(conn: Connection, out: IO[Any], filters: Filters) -> int:
    n = 0
    for record in article_records(conn, **filters):
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        n += 1
    return n


def article_records(db: Engine | Connection, **filters: Any) -> Iterator[Row]:
    """newsgraph/1 records rebuilt from the store, one per stored (not duplicate) article, by
    date (undated last) and id; with filters, only the articles with a matching event
    mention, each whole.

    What the store cannot give back exactly: an actor's `name` and `sector` are those of the
    store's actor, which articles share by kind, normalised name and country (the first
    spelling and sector seen); two actors of one record that the store merged point to the
    first of them in events and claims."""
    ar = t.articles
    stmt = (
        select(ar.c.id).where(ar.c.duplicate_of.is_(None)).order_by(ar.c.date.is_(None), ar.c.date, ar.c.id)
    )
    where = _mention_filters(**filters)
    if where:
        stmt = stmt.where(ar.c.id.in_(select(t.event_mentions.c.article_id).where(*where)))
    with _connected(db) as conn:
        ids = list(conn.scalars(stmt))
        for chunk in _chunks(ids):
            yield from _records(conn, chunk)


def _records(conn: Connection, article_ids: Sequence[str]) -> list[Row]:
    """The records of these articles, in the order given (one query per table)."""
    ar, me, ac = t.articles, t.mentions, t.actors
    em, ea, pl, q, eq = t.event_mentions, t.event_actors, t.places, t.quantities, t.event_quantities
    cl, ce = t.claims, t.claim_events
    ids = list(article_ids)

    docs = {r.id: r for r in conn.execute(select(ar).where(ar.c.id.in_(ids)))}

    # Actors: a record's actor is its local id in one article, with every span it has there.
    actors: dict[str, dict[str, Row]] = defaultdict(dict)
    local_of: dict[tuple[str, int], str] = {}  # (article, store actor) -> the record's actor id
    for r in conn.execute(
        select(me, ac.c.name, ac.c.kind, ac.c.country, ac.c.sector)
        .join(ac, ac.c.id == me.c.actor_id)
        .where(me.c.article_id.in_(ids))
        .order_by(me.c.id)
    ):
        actor = actors[r.article_id].get(r.local_id)
        if actor is None:
            actor = actors[r.article_id][r.local_id] = {
                "id": r.local_id,
                "name": r.name,
                "kind": r.kind,
                "country": r.country,
                "sector": r.sector,
                "role": r.role,
                "mentions": [],
            }
            local_of.setdefault((r.article_id, r.actor_id), r.local_id)
        if r.char_start is not None and r.char_end is not None:
            actor["mentions"].append([r.char_start, r.char_end])

    # Quantities: every one of the article, and those of each event.
    quantities: dict[str, list[Row]] = defaultdict(list)
    for r in conn.execute(select(q).where(q.c.article_id.in_(ids)).order_by(q.c.id)):
        quantities[r.article_id].append(_quantity(r))

    # Events, with their sides, quantities, time and place.
    mentions = list(
        conn.execute(
            select(
                em,
                pl.c.name.label("place_name"),
                pl.c.country.label("place_country"),
                pl.c.latitude,
                pl.c.longitude,
                pl.c.geonameid,
            )
            .outerjoin(pl, pl.c.id == em.c.place_id)
            .where(em.c.article_id.in_(ids))
            .order_by(em.c.id)
        )
    )
    mention_ids = [m.id for m in mentions]
    sides: dict[int, dict[str, list[str]]] = defaultdict(
        lambda: {"actor": [], "recipient": [], "according_to": []}
    )
    event_amounts: dict[int, list[Row]] = defaultdict(list)
    for chunk in _chunks(mention_ids):
        for r in conn.execute(
            select(ea, em.c.article_id)
            .join(em, em.c.id == ea.c.event_mention_id)
            .where(ea.c.event_mention_id.in_(chunk))
            .order_by(ea.c.event_mention_id, ea.c.role, ea.c.position)
        ):
            sides[r.event_mention_id][r.role].append(local_of[(r.article_id, r.actor_id)])
        for r in conn.execute(
            select(eq.c.event_mention_id, q)
            .join(q, q.c.id == eq.c.quantity_id)
            .where(eq.c.event_mention_id.in_(chunk))
            .order_by(eq.c.event_mention_id, q.c.char_start, q.c.id)
        ):
            event_amounts[r.event_mention_id].append(_quantity(r))
    events: dict[str, list[Row]] = defaultdict(list)
    local_event: dict[int, str] = {}
    for m in mentions:
        local_event[m.id] = m.local_id
        events[m.article_id].append(_event(m, sides[m.id], event_amounts[m.id]))

    # Claims, and the events their content carries.
    carried: dict[int, list[str]] = defaultdict(list)
    for r in conn.execute(
        select(ce.c.claim_id, ce.c.event_mention_id)
        .join(cl, cl.c.id == ce.c.claim_id)
        .where(cl.c.article_id.in_(ids))
        .order_by(ce.c.claim_id, ce.c.event_mention_id)
    ):
        carried[r.claim_id].append(local_event[r.event_mention_id])
    claims: dict[str, list[Row]] = defaultdict(list)
    for r in conn.execute(select(cl).where(cl.c.article_id.in_(ids)).order_by(cl.c.id)):
        speaker = local_of.get((r.article_id, r.speaker_id)) if r.speaker_id is not None else None
        claims[r.article_id].append(
            {
                "id": r.local_id,
                "speaker": speaker,
                "source": _span(r.source_text, r.source_start, r.source_end),
                "cue": _span(r.cue_text, r.cue_start, r.cue_end),
                "content": _span(r.content_text, r.content_start, r.content_end),
                "kind": r.kind,
                "stance": r.stance,
                "events": carried[r.id],
            }
        )

    out = []
    for article_id in ids:
        d = docs[article_id]
        out.append(
            {
                "schema": SCHEMA,
                "doc": {
                    "id": d.id,
                    "title": d.title,
                    "date": d.date,
                    "source": d.source,
                    "url": d.url,
                    "language": d.language,
                },
                "text": d.text,
                "actors": list(actors[article_id].values()),
                "events": events[article_id],
                "claims": claims[article_id],
                "quantities": quantities[article_id],
                "warnings": json.loads(d.warnings) if d.warnings else [],
            }
        )
    return out


def _span(text: str | None, start: int | None, end: int | None) -> Row | None:
    if text is None and start is None:
        return None
    return {"text": text, "start": start, "end": end}


def _quantity(r: Any) -> Row:
    return {
        "value": r.value,
        "unit": r.unit,
        "unit_class": r.unit_class,
        "text": r.text,
        "start": r.char_start,
        "end": r.char_end,
        "approximate": bool(r.approximate),
        "bound": r.bound,
    }


def _event(m: Any, sides: dict[str, list[str]], amounts: list[Row]) -> Row:
    """One event of a record, from its `event_mentions` row (joined with its place)."""
    time = None
    if m.time_text is not None or m.time_date is not None:
        time = {
            "text": m.time_text,
            "start": m.time_text_start,
            "end": m.time_text_end,
            "granularity": m.time_granularity,
            "date": m.time_date,
            "end_date": m.time_end_date,
        }
    place = None
    if m.place_name is not None:
        place = {
            "name": m.place_name,
            "country": m.place_country,
            "lat": m.latitude,
            "lon": m.longitude,
            "geonameid": m.geonameid,
        }
    return {
        "id": m.local_id,
        "type": m.type,
        "actors": sides["actor"],
        "recipients": sides["recipient"],
        "trigger": _span(m.trigger_text, m.trigger_start, m.trigger_end),
        "sentence": {"start": m.sentence_start, "end": m.sentence_end},
        "evidence": m.evidence,
        "confidence": m.confidence,
        "mode": m.mode,
        "status": m.status,
        "according_to": sides["according_to"],
        "quantities": amounts,
        "time": time,
        "place": place,
    }


# -- PLOVER ----------------------------------------------------------------------------------

# PLOVER's numeric quad codes for the quad classes (`newsgraph.lexicon.quads`, PLOVER's table).
QUAD_CODES = {
    "verbal cooperation": 1,
    "material cooperation": 2,
    "verbal conflict": 3,
    "material conflict": 4,
}


def _plover(conn: Connection, out: IO[Any], filters: Filters) -> int:
    rows = mention_rows(conn, **filters)
    by_event: dict[int, list[Row]] = {}
    for r in rows:
        by_event.setdefault(r["event"], []).append(r)
    people = actor_rows(conn, [i for r in rows for _, ids, _ in SIDE_COLUMNS.values() for i in r[ids]])
    for event_id, mentions in by_event.items():
        out.write(json.dumps(plover_record(event_id, mentions, people), ensure_ascii=False) + "\n")
    return len(by_event)


def plover_record(event_id: int, mentions: list[Row], people: dict[int, Row]) -> Row:
    """One event (its mentions, as `frames.mention_rows` gives them) as a PLOVER JSON record.

    PLOVER fields filled (PLOVER manual, "JSON Data Fields"): `id` ("newsgraph-" and the event
    id), `date` (the earliest mention's), `source` and `recipient` (actor objects: `code` the
    country, `sector`, `actor_text` the name), `event` (the PLOVER types, one unless mentions
    disagree), `mode` (when coded), `quad_code` (1-4), `event_loc` (a geonames-style location:
    `name`, `latitude`, `longitude`, `cc3`; when the event has a place), `event_text` (the
    sentences that tell it), `cite_info` (`url`, `publication`, `citation` the article id,
    `coder`, `codebook`; of the first mention's article) and `coder`. Left out: `time`,
    `enddate`, `endtime`, `event_scale`, `context`, `link`, `text`, `text_info`,
    `coded_date`. Added, as PLOVER allows: `status` (the mentions' epistemic statuses),
    `according_to` (actor objects of the sources), `articles` (ids), `mentions` (how many)
    and `confidence` (the highest); actor objects carry `actor_id`, the store's id."""
    first = mentions[0]
    dates = sorted(r["date"] for r in mentions if r["date"])

    def side(role: str) -> list[Row]:
        ids = SIDE_COLUMNS[role][1]
        return [_plover_actor(people[i]) for i in dict.fromkeys(i for r in mentions for i in r[ids])]

    record: Row = {
        "id": f"newsgraph-{event_id}",
        "date": dates[0] if dates else None,
        "source": side("actor"),
        "recipient": side("recipient"),
        "event": list(dict.fromkeys(r["type"] for r in mentions)),
    }
    modes = list(dict.fromkeys(r["mode"] for r in mentions if r["mode"]))
    if modes:
        record["mode"] = modes
    if first["quad"] in QUAD_CODES:
        record["quad_code"] = QUAD_CODES[first["quad"]]
    placed = [r for r in mentions if r["place"]]
    if placed:
        p = placed[0]
        loc = {
            "name": p["place"],
            "latitude": p["latitude"],
            "longitude": p["longitude"],
            "cc3": p["place_country"],
        }
        record["event_loc"] = {k: v for k, v in loc.items() if v is not None}
    record["event_text"] = list(dict.fromkeys(r["sentence"] for r in mentions if r["sentence"]))
    cite = {
        "url": first["url"],
        "publication": first["source"],
        "citation": first["article"],
        "coder": "newsgraph",
        "codebook": f"PLOVER root types ({SCHEMA})",
    }
    record["cite_info"] = {k: v for k, v in cite.items() if v is not None}
    record["coder"] = "newsgraph"
    record["status"] = list(dict.fromkeys(r["status"] for r in mentions))
    record["according_to"] = side("according_to")
    record["articles"] = list(dict.fromkeys(r["article"] for r in mentions))
    record["mentions"] = len(mentions)
    confidences = [r["confidence"] for r in mentions if r["confidence"] is not None]
    record["confidence"] = max(confidences) if confidences else None
    return record


def _plover_actor(actor: Row) -> Row:
    fields = {"code": actor["country"], "sector": actor["sector"], "actor_text": actor["name"]}
    return {k: v for k, v in fields.items() if v is not None} | {"actor_id": actor["id"]}


# -- networks and maps -----------------------------------------------------------------------


def _graphml(conn: Connection, out: IO[Any], filters: Filters) -> int:
    graph = flat_graph(actor_network(conn, **filters))
    for line in nx.generate_graphml(graph):
        out.write(line + "\n")
    return int(graph.number_of_edges())


def _gexf(conn: Connection, out: IO[Any], filters: Filters) -> int:
    graph = flat_graph(actor_network(conn, **filters))
    for line in nx.generate_gexf(graph):
        out.write(line + "\n")
    return int(graph.number_of_edges())


# Edge attributes holding counts by key, and the prefix of their flattened names.
COUNTS = {"types": "type", "quads": "quad", "statuses": "status"}


def flat_graph(graph: nx.DiGraph) -> nx.DiGraph:
    """The graph with scalar attributes only, as GraphML and GEXF need: unknown (None) values
    left out, a `label` (the actor's name) on each node, and each count dict spread into one
    attribute per key (`types` {"ASSAULT": 2} → `type_ASSAULT` 2; "material conflict" →
    `quad_material_conflict`), 0 on edges that have none, so every edge has the same ones."""
    keys = {name: sorted({k for _, _, d in graph.edges(data=True) for k in d[name]}) for name in COUNTS}
    flat = nx.DiGraph()
    for node, data in graph.nodes(data=True):
        flat.add_node(node, label=data["name"], **{k: v for k, v in data.items() if v is not None})
    for a, b, data in graph.edges(data=True):
        attrs = {k: v for k, v in data.items() if k not in COUNTS and v is not None}
        for name, prefix in COUNTS.items():
            for k in keys[name]:
                attrs[f"{prefix}_{k.replace(' ', '_')}"] = data[name].get(k, 0)
        flat.add_edge(a, b, **attrs)
    return flat


def _geojson(conn: Connection, out: IO[Any], filters: Filters) -> int:
    collection = event_places(conn, **filters)
    json.dump(collection, out, ensure_ascii=False)
    out.write("\n")
    return len(collection["features"])


WRITERS: dict[str, Callable[[Connection, IO[Any], Filters], int]] = {
    "parquet": _parquet,
    "csv": _csv,
    "jsonl": _jsonl,
    "plover-json": _plover,
    "graphml": _graphml,
    "gexf": _gexf,
    "geojson": _geojson,
}
