"""Where events happened, as GeoJSON (RFC 7946) for maps: QGIS, Leaflet, geojson.io, kepler.gl.

>>> from newsgraph.store.geo import event_places
>>> collection = event_places(engine, type="ASSAULT", since="2024-10")
>>> json.dump(collection, open("assaults.geojson", "w"))
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Engine

from newsgraph.store.frames import SIDE_COLUMNS, mention_rows
from newsgraph.store.query import Row, display


def event_places(
    db: Engine | Connection,
    *,
    actor: int | str | None = None,
    country: str | None = None,
    type: str | None = None,  # noqa: A002 - the PLOVER word
    status: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> dict[str, Any]:
    """A GeoJSON FeatureCollection with one Point per (event, place) among the event
    mentions that match the filters (as in `newsgraph.store.query.events`).

    An event told by several articles may be placed at more than one place: each place is a
    feature of its own, counting the mentions that put the event there. Coordinates are
    `[longitude, latitude]`, as GeoJSON wants them; places without coordinates (and events
    without a place) are left out. Properties: event (the fused event id), type, quad, status
    (the mentions' statuses, comma-separated), date (the earliest), place, country (the
    place's), actors, recipients and according_to (as "North Korea (PRK)"), their ids,
    mentions and articles."""
    rows = mention_rows(db, actor=actor, country=country, type=type, status=status, since=since, until=until)
    groups: dict[tuple[int, str, float, float], list[Row]] = {}
    for r in rows:
        if r["latitude"] is not None and r["longitude"] is not None:
            groups.setdefault((r["event"], r["place"], r["latitude"], r["longitude"]), []).append(r)
    return {"type": "FeatureCollection", "features": [_feature(rs) for rs in groups.values()]}


def _feature(rows: list[Row]) -> dict[str, Any]:
    first = rows[0]
    dates = sorted(r["date"] for r in rows if r["date"])
    actors = _people(rows, "actor")
    recipients = _people(rows, "recipient")
    sources = _people(rows, "according_to")
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [first["longitude"], first["latitude"]]},
        "properties": {
            "event": first["event"],
            "type": first["type"],
            "quad": first["quad"],
            "status": ", ".join(dict.fromkeys(r["status"] for r in rows)),
            "date": dates[0] if dates else None,
            "place": first["place"],
            "country": first["place_country"],
            "actors": [display(name, c) for _, name, c in actors],
            "recipients": [display(name, c) for _, name, c in recipients],
            "according_to": [display(name, c) for _, name, c in sources],
            "actor_ids": [i for i, _, _ in actors],
            "recipient_ids": [i for i, _, _ in recipients],
            "according_to_ids": [i for i, _, _ in sources],
            "mentions": len(rows),
            "articles": len({r["article"] for r in rows}),
        },
    }


def _people(rows: list[Row], role: str) -> list[tuple[int, str, str | None]]:
    """The (id, name, country) of everyone in one role ("actor", "recipient", "according_to")
    in these mentions, once each, in order."""
    names, ids, countries = SIDE_COLUMNS[role]
    seen: dict[int, tuple[int, str, str | None]] = {}
    for r in rows:
        for i, name, c in zip(r[ids], r[names], r[countries], strict=True):
            seen.setdefault(i, (i, name, c))
    return list(seen.values())
