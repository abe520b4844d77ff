"""The FastAPI app: a JSON API over `newsgraph.store.query` / `detail` / `graph` / `geo`, and
the dashboard's pages (static HTML shells whose scripts fetch the API).

The app is a thin layer: it checks parameters (bounded, typed, 400 with a message when wrong),
calls one library function, and returns its rows. Aggregates over the whole store (overview,
network, timeline, places, contested, actors) are cached per parameters and invalidated when
the store's fingerprint (`detail.version`) changes, because on a store of a million events
they cost seconds and an analyst asks for them on every page load.
"""

from __future__ import annotations

import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from datetime import date
from functools import partial
from importlib import import_module
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware

from newsgraph.lexicon import quads
from newsgraph.server.security import guard
from newsgraph.store import detail, query

HERE = Path(__file__).parent
STATIC, TEMPLATES = HERE / "static", HERE / "templates"
TYPES = list(quads())
STATUSES = ["asserted", "reported", "possible", "denied", "negated"]
QUADS = list(dict.fromkeys(quads().values()))
PAGES = {
    "/": "overview.html",
    "/network": "network.html",
    "/timeline": "timeline.html",
    "/map": "map.html",
    "/events": "events.html",
    "/contested": "contested.html",
}
MAX_PAGE = 200  # rows per page of events
MAX_LIST = 500  # rows of actors, claims, contested
MAX_PAGES = 1000  # deep offsets cost a scan; filter instead
DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
CACHE_SIZE = 256
RECHECK = 5.0  # seconds between fingerprint checks


class BadParameter(ValueError):
    """A parameter the library cannot take (the message names it)."""


def _upper_choice(value: str | None, name: str, choices: list[str]) -> str | None:
    if value in (None, ""):
        return None
    assert value is not None
    v = value.strip().upper() if name == "type" else value.strip().lower()
    if v not in choices:
        raise BadParameter(f"{name}: {value[:40]!r} is not one of {', '.join(choices)}")
    return v


def event_filters(
    actor: Annotated[str | None, Query(max_length=200, description="actor id or a piece of its name")] = None,
    country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{3}$", description="ISO alpha-3")] = None,
    type: Annotated[str | None, Query(max_length=20, description="PLOVER type")] = None,  # noqa: A002
    status: Annotated[str | None, Query(max_length=20)] = None,
    quad: Annotated[str | None, Query(max_length=40, description="quad class")] = None,
    since: Annotated[str | None, Query(pattern=DATE)] = None,
    until: Annotated[str | None, Query(pattern=DATE)] = None,
) -> dict[str, Any]:
    """The filters every event view takes, checked; only those given are passed on."""
    filters = {
        "actor": actor.strip() if actor and actor.strip() else None,
        "country": country.upper() if country else None,
        "type": _upper_choice(type, "type", TYPES),
        "status": _upper_choice(status, "status", STATUSES),
        "quad": _upper_choice(quad, "quad", QUADS),
        "since": since,
        "until": until,
    }
    for name, value in (("since", since), ("until", until)):
        if value:
            _check_date(name, value)
    if since and until and since > until[: len(since)]:
        raise BadParameter(f"since {since} is after until {until}")
    return {k: v for k, v in filters.items() if v is not None}


def _check_date(name: str, value: str) -> None:
    """A year, a month or a day that exists (the pattern has checked the shape)."""
    parts = [int(p) for p in value.split("-")]
    try:
        date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        raise BadParameter(f"{name}: {value!r} is not a date (yyyy, yyyy-mm or yyyy-mm-dd)") from None


Filters = Annotated[dict[str, Any], Depends(event_filters)]


class Cache:
    """Results by key, dropped when the store's fingerprint changes (checked every few seconds)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.items: OrderedDict[Any, Any] = OrderedDict()
        self.lock = threading.Lock()
        self.fingerprint: Any = None
        self.checked = 0.0

    def _fresh(self) -> None:
        now = time.monotonic()
        if now - self.checked < RECHECK:
            return
        fingerprint = detail.version(self.engine)
        with self.lock:
            if fingerprint != self.fingerprint:
                self.items.clear()
                self.fingerprint = fingerprint
            self.checked = now

    def get(self, key: Any, compute: Callable[[], Any]) -> Any:
        self._fresh()
        with self.lock:
            if key in self.items:
                self.items.move_to_end(key)
                return self.items[key]
        value = compute()
        with self.lock:
            self.items[key] = value
            while len(self.items) > CACHE_SIZE:
                self.items.popitem(last=False)
        return value


def _json_safe(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_json_safe(v) for v in value]
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


def network_json(graph: Any, limit: int) -> dict[str, Any]:
    """A networkx DiGraph as {nodes, links} for the page, keeping the `limit` actors with the
    most events (and the edges among them), so a big store still draws a readable graph."""

    def weight(n: Any) -> float:
        return sum(float(d.get("events", 1)) for _, _, d in graph.in_edges(n, data=True)) + sum(
            float(d.get("events", 1)) for _, _, d in graph.out_edges(n, data=True)
        )

    kept = sorted(graph.nodes, key=lambda n: (-weight(n), str(n)))[:limit]
    keep = set(kept)
    nodes = [{"id": n} | _json_safe(dict(graph.nodes[n])) | {"weight": weight(n)} for n in kept]
    links = [
        {"source": u, "target": v} | _json_safe(dict(d))
        for u, v, d in graph.edges(data=True)
        if u in keep and v in keep
    ]
    return {"nodes": nodes, "links": links, "total_nodes": graph.number_of_nodes()}


def _optional(module: str, name: str) -> Callable[..., Any]:
    """A function of a store module that may not be in this tree yet (graph, geo)."""
    try:
        return getattr(import_module(f"newsgraph.store.{module}"), name)
    except (ImportError, AttributeError):
        raise HTTPException(503, f"newsgraph.store.{module}.{name} is not available in this build") from None


def _library_filters(filters: dict[str, Any]) -> dict[str, Any]:
    """Filters for `query`/`graph`/`geo` functions, which do not know quads: a quad with no type
    is applied by the caller."""
    return {k: v for k, v in filters.items() if k != "quad"}


def create_app(
    engine: Engine,
    *,
    token: str | None = None,
    allowed_hosts: list[str] | None = None,
    warm: bool = False,
) -> FastAPI:
    """The app over an open (read-only) engine. `token`: required on every request.
    `allowed_hosts`: the Host headers to answer (a local server answers only its own names,
    so that a web page elsewhere cannot reach it by DNS rebinding). `warm`: compute, in a
    background thread, the whole-store views the dashboard opens on (overview, actors,
    contested, timeline) and the profiles of the busiest actors, so that the first analyst
    does not wait seconds for them; `/api/meta` says `warming` until it is done."""
    app = FastAPI(
        title="newsgraph",
        version="1",
        description="Who did and said what to whom, according to whom: events, actors, claims.",
        docs_url=None,  # Swagger UI loads from a CDN; the schema is at /api/openapi.json
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    cache = Cache(engine)
    app.state.cache = cache
    app.state.warming = False
    app.add_middleware(BaseHTTPMiddleware, dispatch=guard(token))
    if allowed_hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)
    _errors(app)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    def page_route(path: str, template: str) -> None:
        def page() -> FileResponse:
            return FileResponse(TEMPLATES / template, media_type="text/html; charset=utf-8")

        app.get(path, include_in_schema=False, name=f"page:{template}")(page)

    for path, template in PAGES.items():
        page_route(path, template)

    @app.get("/events/{event_id}", include_in_schema=False)
    def evidence_page(event_id: Annotated[int, PathParam(ge=1, le=2**62)]) -> FileResponse:
        return FileResponse(TEMPLATES / "evidence.html", media_type="text/html; charset=utf-8")

    @app.get("/actors/{actor_id}", include_in_schema=False)
    def actor_page(actor_id: Annotated[int, PathParam(ge=1, le=2**62)]) -> FileResponse:
        return FileResponse(TEMPLATES / "actor.html", media_type="text/html; charset=utf-8")

    @app.get("/api/meta", summary="Types, quads, statuses: the filter vocabularies")
    def meta() -> dict[str, Any]:
        return {
            "types": TYPES,
            "quads": quads(),
            "statuses": STATUSES,
            "max_page": MAX_PAGE,
            "warming": app.state.warming,
        }

    def overview_now() -> dict[str, Any]:
        contested = query.contested(engine)
        latest = sorted(contested, key=lambda g: (g["last"] or "", g["mentions"]), reverse=True)[:5]
        return detail.counts(engine) | {
            "contested": len(contested),
            "top_actors": query.actors(engine, limit=10),
            "top_dyads": detail.top_dyads(engine, limit=10),
            "latest_contested": latest,
        }

    @app.get("/api/overview", summary="Counts, top actors, top dyads, status mix, latest contested")
    def overview() -> dict[str, Any]:
        return cache.get("overview", overview_now)

    @app.get("/api/events", summary="Fused events matching the filters, one page")
    def events(
        filters: Filters,
        article: Annotated[str | None, Query(max_length=2000)] = None,
        sort: Annotated[str, Query(pattern="^(date|type|id)$")] = "date",
        order: Annotated[str, Query(pattern="^(asc|desc)$")] = "asc",
        page: Annotated[int, Query(ge=1, le=MAX_PAGES)] = 1,
        per_page: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
    ) -> dict[str, Any]:
        extra = {"article": article} if article else {}
        result = detail.events_page(
            engine,
            sort=sort,
            descending=order == "desc",
            offset=(page - 1) * per_page,
            limit=per_page,
            **filters,
            **extra,
        )
        return result | {"page": page, "per_page": per_page}

    @app.get("/api/events/{event_id}", summary="One event with every mention, claim and source")
    def event(event_id: Annotated[int, PathParam(ge=1, le=2**62)]) -> dict[str, Any]:
        found = detail.event(engine, event_id)
        if found is None:
            raise HTTPException(404, f"no event {event_id}")
        return found

    @app.get("/api/actors", summary="Actors, most written about first")
    def actors(
        name: Annotated[str | None, Query(max_length=200)] = None,
        country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{3}$")] = None,
        kind: Annotated[str | None, Query(pattern="^(person|organization|state|group)$")] = None,
        limit: Annotated[int, Query(ge=1, le=MAX_LIST)] = 50,
    ) -> list[dict[str, Any]]:
        key = ("actors", name, country, kind, limit)
        args = {"name": name, "country": country, "kind": kind}
        return cache.get(key, lambda: query.actors(engine, limit=limit, **args))

    @app.get("/api/actors/{actor_id}", summary="One actor's profile")
    def actor(actor_id: Annotated[int, PathParam(ge=1, le=2**62)]) -> dict[str, Any]:
        # Cached: a head-of-the-power-law actor is in a third of all event mentions, and its
        # profile (counts by type, status, partners) costs seconds to compute.
        found = cache.get(("actor", actor_id), lambda: detail.actor(engine, actor_id))
        if found is None:
            raise HTTPException(404, f"no actor {actor_id}")
        return found

    @app.get("/api/claims", summary="Claims: who said what")
    def claims(
        speaker: Annotated[str | None, Query(max_length=200)] = None,
        country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{3}$")] = None,
        stance: Annotated[str | None, Query(pattern="^(assert|deny|accuse|speculate)$")] = None,
        kind: Annotated[str | None, Query(pattern="^(direct|indirect|mixed)$")] = None,
        since: Annotated[str | None, Query(pattern=DATE)] = None,
        until: Annotated[str | None, Query(pattern=DATE)] = None,
        article: Annotated[str | None, Query(max_length=2000)] = None,
        limit: Annotated[int, Query(ge=1, le=MAX_LIST)] = 100,
    ) -> list[dict[str, Any]]:
        for name, value in (("since", since), ("until", until)):
            if value:
                _check_date(name, value)
        args = dict(speaker=speaker, country=country, stance=stance, kind=kind, since=since, until=until)
        args |= {"article": article}
        return query.claims(engine, limit=limit, **{k: v for k, v in args.items() if v})

    @app.get("/api/contested", summary="Events some sources report and others deny")
    def contested(
        filters: Filters, limit: Annotated[int, Query(ge=1, le=MAX_LIST)] = 100
    ) -> list[dict[str, Any]]:
        args = {k: v for k, v in _library_filters(filters).items() if k != "status"}
        wanted = set(detail.types_of_quad(filters["quad"])) if "quad" in filters else None

        def compute() -> list[dict[str, Any]]:
            rows = query.contested(engine, **args)
            return [r for r in rows if wanted is None or r["type"] in wanted][:limit]

        return cache.get(("contested", tuple(sorted(filters.items())), limit), compute)

    @app.get("/api/timeline", summary="Events per day or week, by type or quad")
    def timeline(
        filters: Filters,
        by: Annotated[str, Query(pattern="^(day|week)$")] = "day",
        group: Annotated[str, Query(pattern="^(type|quad)$")] = "type",
    ) -> list[dict[str, Any]]:
        key = ("timeline", tuple(sorted(filters.items())), by, group)
        return cache.get(key, lambda: detail.timeline(engine, by=by, group=group, **filters))

    @app.get("/api/network", summary="The actor network: who acts on whom, events per edge")
    def network(filters: Filters, limit: Annotated[int, Query(ge=1, le=MAX_LIST)] = 150) -> dict[str, Any]:
        actor_network = _optional("graph", "actor_network")
        args = _network_args(filters)

        def compute() -> dict[str, Any]:
            return network_json(actor_network(engine, **args), limit)

        return cache.get(("network", tuple(sorted(filters.items())), limit), compute)

    @app.get("/api/places", summary="Events with places, as GeoJSON")
    def places(filters: Filters) -> dict[str, Any]:
        event_places = _optional("geo", "event_places")
        args = _network_args(filters)
        return cache.get(
            ("places", tuple(sorted(filters.items()))), lambda: _json_safe(event_places(engine, **args))
        )

    @app.get("/api/articles/{article_id:path}", summary="One article with its extraction")
    def article(article_id: Annotated[str, PathParam(max_length=2000)]) -> dict[str, Any]:
        found = detail.article(engine, article_id)
        if found is None:
            raise HTTPException(404, "no such article")
        return found

    if warm:

        def warm_up() -> None:
            app.state.warming = True
            try:
                cache.get("overview", overview_now)
                busiest = query.actors(engine, limit=50)
                cache.get(("actors", None, None, None, 50), lambda: busiest)
                key = ("contested", (), 200)
                cache.get(key, lambda: query.contested(engine)[:200])
                cache.get(("timeline", (), "day", "type"), lambda: detail.timeline(engine))
                for a in busiest[:WARM_PROFILES]:
                    actor_id = int(a["id"])
                    cache.get(("actor", actor_id), partial(detail.actor, engine, actor_id))
            except Exception:  # noqa: BLE001 - a failed warm-up only leaves the cache cold
                pass
            finally:
                app.state.warming = False

        app.state.warming = True
        threading.Thread(target=warm_up, name="newsgraph-warm-up", daemon=True).start()

    return app


WARM_PROFILES = 40  # the busiest actors whose profiles are computed at start


def _network_args(filters: dict[str, Any]) -> dict[str, Any]:
    """Filters for graph/geo, which take actor, country, type, status, since, until; a quad
    cannot be passed there, so it is refused rather than silently ignored."""
    if "quad" in filters:
        raise BadParameter("quad: the network and the map filter by type, not by quad")
    return filters


_CLEAN = re.compile(r"[^\x20-\x7e]")


def _errors(app: FastAPI) -> None:
    """Every error is JSON with a message for a person; never a traceback, never the input
    echoed back (it may be a megabyte, or markup)."""

    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [
            {
                "parameter": ".".join(str(p) for p in e.get("loc", ())[1:]) or "request",
                "message": e.get("msg", ""),
            }
            for e in exc.errors()
        ]
        return JSONResponse({"error": "bad parameter", "problems": problems}, status_code=400)

    @app.exception_handler(BadParameter)
    @app.exception_handler(ValueError)
    async def bad_value(_request: Request, exc: Exception) -> JSONResponse:
        message = _CLEAN.sub("?", str(exc))[:300]
        return JSONResponse({"error": "bad parameter", "message": message}, status_code=400)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        error = {401: "unauthorized", 404: "not found", 405: "method not allowed", 503: "unavailable"}
        return JSONResponse(
            {"error": error.get(exc.status_code, "error"), "message": str(exc.detail)},
            status_code=exc.status_code,
            headers=getattr(exc, "headers", None),
        )

    @app.exception_handler(Exception)
    async def crashed(_request: Request, _exc: Exception) -> JSONResponse:
        return JSONResponse({"error": "internal error", "message": "the server could not answer"}, 500)
