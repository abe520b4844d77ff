"""The HTTP API (`newsgraph serve`): every endpoint over a real store, every bad parameter, and
the security rules (escaping, CSP, read-only, token, bounded pages, JSON errors).

The store is built once per module by ingesting `examples/` plus three articles of our own:
an outlet reporting an attack, another denying it (a contested event), and a hostile article
(`<script>`, `<img onerror>`, `javascript:` links, a 1 MB title)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select, text, update

from newsgraph import store
from newsgraph.read import read_paths
from newsgraph.server import create_app, serve
from newsgraph.server.app import STATIC, TEMPLATES
from newsgraph.store import query
from newsgraph.store import schema as t

ROOT = Path(__file__).resolve().parents[1]
BIG_TITLE = '<script>window.__xss=1</script><img src=x onerror="window.__xss=2">' + "X" * (1024 * 1024)
EXTRA = [
    {
        "id": "contested-report",
        "title": "Ukraine says Russia attacked",
        "date": "2024-10-21",
        "source": "Kyiv Daily",
        "text": "Russia attacked Ukraine on Monday, Ukrainian officials said.",
    },
    {
        "id": "contested-denial",
        "title": "Moscow denies attack",
        "date": "2024-10-22",
        "source": "Moscow Wire",
        "text": "Russia denied that it attacked Ukraine on Monday.",
    },
    {
        "id": "xss-article",
        "title": BIG_TITLE,
        "date": "2024-10-23",
        "source": "<b>evil</b>",
        "url": "javascript:alert(1)",
        "text": "<script>window.__xss=3</script> Russia attacked Ukraine, "
        '<img src=x onerror="window.__xss=4"> officials said. <a href="javascript:window.__xss=5">click</a>',
    },
]


def build_store(directory: Path) -> str:
    """A store of the examples and EXTRA; the report and the denial of the attack are one
    fused event (as fusion makes them; linked here if this build's ingest does not fuse)."""
    articles = directory / "extra.jsonl"
    articles.write_text("".join(json.dumps(a) + "\n" for a in EXTRA))
    url = f"sqlite:///{directory / 'api.db'}"
    engine = store.open(url)
    try:
        store.ingest(engine, read_paths([str(ROOT / "examples"), str(articles)]), progress=False)
        em, ev = t.event_mentions, t.events
        with engine.begin() as conn:
            rows = conn.execute(
                select(em.c.event_id, ev.c.fused_event_id)
                .join(ev, ev.c.id == em.c.event_id)
                .where(em.c.article_id.in_(["contested-report", "contested-denial"]), em.c.type == "ASSAULT")
                .order_by(em.c.id)
            ).all()
            groups = {r.fused_event_id or r.event_id for r in rows}
            if len(groups) > 1:
                first = min(groups)
                conn.execute(update(ev).where(ev.c.id.in_(groups - {first})).values(fused_event_id=first))
    finally:
        engine.dispose()
    return url


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return build_store(tmp_path_factory.mktemp("api"))


@pytest.fixture(scope="module")
def engine(url: str) -> Iterator[Engine]:
    e = store.open(url, read_only=True)
    yield e
    e.dispose()


@pytest.fixture(scope="module")
def client(engine: Engine) -> Iterator[TestClient]:
    with TestClient(create_app(engine), raise_server_exceptions=False) as c:
        yield c


def get(client: TestClient, path: str, **params: Any) -> Any:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text[:500]
    assert response.headers["content-type"].startswith("application/json")
    return response.json()


def contested_event(client: TestClient) -> dict[str, Any]:
    rows = get(client, "/api/events", type="ASSAULT", actor="Russia", since="2024-10")["rows"]
    (row,) = [r for r in rows if r["articles"] >= 2]
    return row  # type: ignore[no-any-return]


# -- pages and security ----------------------------------------------------------------------

PAGES = ["/", "/network", "/timeline", "/map", "/events", "/contested", "/events/1", "/actors/1"]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_is_html_under_a_policy_that_forbids_inline_script(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "default-src 'none'" in csp
    assert "unsafe-inline" not in csp and "http" not in csp
    assert response.headers["x-content-type-options"] == "nosniff"


def test_the_pages_load_nothing_from_elsewhere_and_have_no_inline_script() -> None:
    for page in TEMPLATES.glob("*.html"):
        html = page.read_text()
        assert not re.search(r"<script(?![^>]*\bsrc=\"/static/)", html), page
        assert not re.search(r"\son\w+\s*=", html), page
        assert not re.search(r"(src|href)=\"(https?:)?//", html), page
    for script in (STATIC / "js").glob("*.js"):
        code = script.read_text()
        assert not re.search(
            r"\.(inner|outer)HTML|insertAdjacentHTML\(|document\.write|eval\(|new Function", code
        )
        assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", code), script


def test_static_files_and_the_map_shapes_are_served(client: TestClient) -> None:
    world = client.get("/static/world.geojson")
    assert world.status_code == 200 and len(world.json()["features"]) > 150
    assert client.get("/static/js/common.js").status_code == 200
    assert client.get("/static/../app.py").status_code == 404


def test_the_openapi_schema_lists_every_endpoint(client: TestClient) -> None:
    paths = get(client, "/api/openapi.json")["paths"]
    for path in [
        "/api/events",
        "/api/events/{event_id}",
        "/api/actors",
        "/api/actors/{actor_id}",
        "/api/claims",
        "/api/contested",
        "/api/network",
        "/api/timeline",
        "/api/places",
        "/api/articles/{article_id}",
        "/api/overview",
        "/api/meta",
    ]:
        assert path in paths


def test_the_server_cannot_write_to_its_store(engine: Engine) -> None:
    with pytest.raises(Exception, match="readonly|read-only|read only"), engine.begin() as conn:
        conn.execute(text("DELETE FROM claims"))


def test_a_token_is_required_on_every_request_when_set(engine: Engine) -> None:
    with TestClient(create_app(engine, token="s3cret"), follow_redirects=False) as c:
        assert c.get("/api/meta").status_code == 401
        assert c.get("/").status_code == 401
        assert c.get("/static/app.css").status_code == 401
        assert c.get("/api/meta", headers={"Authorization": "Bearer wrong"}).status_code == 401
        assert c.get("/api/meta", headers={"Authorization": "Bearer s3cret"}).status_code == 200
        # A page opened with ?token= sets an HttpOnly cookie and drops the token from the URL.
        first = c.get("/events", params={"token": "s3cret", "type": "AID"})
        assert first.status_code == 303 and first.headers["location"] == "/events?type=AID"
        assert "httponly" in first.headers["set-cookie"].lower()
        assert c.get("/api/meta").status_code == 200  # the cookie now carries it
    with TestClient(create_app(engine, token="s3cret"), follow_redirects=False) as c:
        sneaky = c.get("http://testserver//evil.example/x", params={"token": "s3cret"})
        assert sneaky.headers["location"] == "/evil.example/x"  # never "//host": no redirect off site


def test_a_local_server_answers_only_to_its_own_host_names(engine: Engine) -> None:
    with TestClient(create_app(engine, allowed_hosts=["127.0.0.1", "localhost"])) as c:
        assert c.get("/api/meta", headers={"Host": "127.0.0.1:8000"}).status_code == 200
        assert c.get("/api/meta", headers={"Host": "attacker.example"}).status_code == 400


def test_serving_another_host_without_a_token_is_refused(
    url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert serve(url, host="0.0.0.0", port=1, token=None) == 2
    assert "without --token" in capsys.readouterr().err


def test_serving_a_store_that_does_not_exist_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert serve(f"sqlite:///{tmp_path / 'none.db'}", port=1) == 1
    assert "no database" in capsys.readouterr().err
    assert not (tmp_path / "none.db").exists()


# -- the hostile article ---------------------------------------------------------------------


def test_the_hostile_article_comes_back_as_data_never_as_markup(client: TestClient) -> None:
    response = client.get("/api/articles/xss-article")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    article = response.json()
    assert article["title"] == BIG_TITLE  # whole, as data
    assert article["url"] == "javascript:alert(1)"
    assert "<script>" in article["text"]
    # An event of it carries a shortened title (the article has it whole).
    event = article["events"][0]["event"]
    titles = [m["article"]["title"] for m in get(client, f"/api/events/{event}")["mentions"]]
    assert all(len(title or "") <= 501 for title in titles)


# -- endpoints -------------------------------------------------------------------------------


def test_meta_lists_the_filter_vocabularies(client: TestClient) -> None:
    meta = get(client, "/api/meta")
    assert len(meta["types"]) == 16 and meta["quads"]["ASSAULT"] == "material conflict"
    assert meta["statuses"] == ["asserted", "reported", "possible", "denied", "negated"]


def test_overview_counts_what_the_store_holds(client: TestClient, engine: Engine) -> None:
    o = get(client, "/api/overview")
    counts = query.table_counts(engine)
    assert o["articles"] + o["duplicates"] == counts["articles"]
    assert o["actors"] == counts["actors"] and o["claims"] == counts["claims"]
    assert o["event_mentions"] == counts["event_mentions"]
    assert sum(o["events_by_status"].values()) == counts["event_mentions"]
    assert o["top_actors"][0]["articles"] >= o["top_actors"][-1]["articles"]
    assert all(d["events"] >= 1 and d["actor"]["id"] != d["recipient"]["id"] for d in o["top_dyads"])
    assert o["contested"] >= 1 and o["latest_contested"][0]["denied"] >= 1


def test_events_are_the_same_as_the_command_lines(client: TestClient, engine: Engine) -> None:
    for filters in [{}, {"type": "AID"}, {"country": "USA"}, {"actor": "Korea", "status": "reported"}]:
        page = get(client, "/api/events", per_page=200, **filters)
        rows = query.events(engine, **filters)
        # The same events; in the same order when every mention counts (the API dates an event
        # by its earliest mention, the command line by its earliest mention that matches).
        assert sorted(r["event"] for r in page["rows"]) == sorted(r["event"] for r in rows)
        if not filters:
            assert [r["event"] for r in page["rows"]] == [r["event"] for r in rows]
        assert page["total"] == len(rows) and not page["total_capped"]


def test_events_filter_by_quad_and_dates(client: TestClient) -> None:
    rows = get(client, "/api/events", quad="material conflict", per_page=200)["rows"]
    assert rows and {r["quad"] for r in rows} == {"material conflict"}
    dated = get(client, "/api/events", since="2024-10", until="2024-10-31", per_page=200)["rows"]
    assert dated and all("2024-10-01" <= r["date"] <= "2024-10-31" for r in dated)
    assert get(client, "/api/events", type="assault")["rows"][0]["type"] == "ASSAULT"  # any case


def test_events_sort_and_page(client: TestClient) -> None:
    everything = get(client, "/api/events", per_page=200)
    first = get(client, "/api/events", per_page=10, page=1)
    second = get(client, "/api/events", per_page=10, page=2)
    assert [r["event"] for r in first["rows"] + second["rows"]] == [
        r["event"] for r in everything["rows"][:20]
    ]
    newest = get(client, "/api/events", sort="date", order="desc", per_page=5)["rows"]
    assert [r["date"] for r in newest] == sorted((r["date"] for r in newest), reverse=True)
    by_type = [r["type"] for r in get(client, "/api/events", sort="type", per_page=200)["rows"]]
    assert by_type == sorted(by_type)
    assert get(client, "/api/events", page=999)["rows"] == []


def test_an_event_has_every_article_that_reports_or_denies_it(client: TestClient) -> None:
    row = contested_event(client)
    event = get(client, f"/api/events/{row['event']}")
    assert event["type"] == "ASSAULT" and event["supported"] >= 1 and event["denied"] >= 1
    by_article = {m["article"]["id"]: m for m in event["mentions"]}
    assert by_article["contested-report"]["status"] == "reported"
    assert by_article["contested-denial"]["status"] == "denied"
    assert [a["name"] for a in by_article["contested-denial"]["according_to"]] == ["Russia"]
    assert by_article["contested-report"]["article"]["source"] == "Kyiv Daily"
    # Any mention's id opens the same fused event.
    other = by_article["contested-denial"]["event"]
    assert get(client, f"/api/events/{other}")["event"] == event["event"]


def test_highlights_are_spans_of_the_article_text(client: TestClient) -> None:
    event = get(client, f"/api/events/{contested_event(client)['event']}")
    denial = next(m for m in event["mentions"] if m["article"]["id"] == "contested-denial")
    text_ = get(client, "/api/articles/contested-denial")["text"]
    marks = {h["kind"]: text_[h["start"] : h["end"]] for h in denial["highlights"]}
    assert marks["trigger"] == "attacked" == denial["trigger"]["text"]
    assert marks["recipient"] == "Ukraine"
    assert marks["claim_cue"] == "denied" and marks["claim_source"] == "Russia"
    assert marks["claim_content"].startswith("that it attacked Ukraine")
    for h in denial["highlights"]:
        assert text_[h["start"] : h["end"]] == h["text"]


def test_quantities_are_highlighted_in_the_sample_article(client: TestClient) -> None:
    article = get(client, "/api/articles/seed-article")
    with_qty = [e for e in article["events"] if e["type"] == "MOBILIZE"]
    assert with_qty
    event = get(client, f"/api/events/{with_qty[0]['event']}")
    kinds = {h["kind"] for m in event["mentions"] for h in m["highlights"]}
    assert {"trigger", "actor", "quantity", "source"} <= kinds


def test_an_actor_profile(client: TestClient) -> None:
    russia = get(client, "/api/actors", name="Russia", kind="state")[0]
    profile = get(client, f"/api/actors/{russia['id']}")
    assert profile["name"] == "Russia" and profile["country"] == "RUS"
    assert profile["by_type"]["ASSAULT"] >= 2 and profile["roles"]["actor"] >= 2
    assert "UKR" in {p["country"] for p in profile["partners"]}
    assert profile["recent"] and all(
        russia["id"] in r["actor_ids"] + r["recipient_ids"] for r in profile["recent"]
    )


def test_actors_list_filters_and_is_bounded(client: TestClient) -> None:
    states = get(client, "/api/actors", kind="state", limit=5)
    assert len(states) == 5 and {a["kind"] for a in states} == {"state"}
    assert {a["country"] for a in get(client, "/api/actors", country="prk")} == {"PRK"}


def test_an_article_with_its_extraction(client: TestClient) -> None:
    article = get(client, "/api/articles/seed-article")
    assert article["text"].startswith("U.S. officials") and article["language"] == "en"
    assert article["actors"] and article["events"] and article["claims"] and article["quantities"]
    for a in article["actors"]:
        for m in a["mentions"]:
            assert article["text"][m["start"] : m["end"]] == m["text"]
    for c in article["claims"]:
        assert article["text"][c["cue"]["start"] : c["cue"]["end"]] == c["cue"]["text"]


def test_claims(client: TestClient) -> None:
    denials = get(client, "/api/claims", stance="deny")
    assert "contested-denial" in {c["article"] for c in denials}
    assert all(c["stance"] == "deny" for c in denials)
    assert len(get(client, "/api/claims", limit=3)) == 3


def test_contested_events_side_by_side(client: TestClient) -> None:
    rows = get(client, "/api/contested")
    attack = next(r for r in rows if r["type"] == "ASSAULT" and "Russia (RUS)" in r["actors"])
    assert "Russia (RUS)" in attack["denied_by"] and attack["reported_by"]
    assert get(client, "/api/contested", type="AID") == []
    assert get(client, "/api/contested", quad="material conflict")


def test_timeline_by_day_and_week_by_type_and_quad(client: TestClient, engine: Engine) -> None:
    days = get(client, "/api/timeline")
    total = sum(r["events"] for r in query.timeline(engine))
    assert sum(r["events"] for r in days) == total
    weeks = get(client, "/api/timeline", by="week", group="quad")
    assert sum(r["events"] for r in weeks) == total
    assert {r["key"] for r in weeks} <= set(get(client, "/api/meta")["quads"].values())
    assert all(__import__("datetime").date.fromisoformat(r["period"]).weekday() == 0 for r in weeks)
    only = get(client, "/api/timeline", quad="verbal cooperation", group="quad")
    assert {r["key"] for r in only} == {"verbal cooperation"}


def test_the_actor_network(client: TestClient) -> None:
    graph = get(client, "/api/network")
    ids = {n["id"] for n in graph["nodes"]}
    assert graph["links"] and all(link["source"] in ids and link["target"] in ids for link in graph["links"])
    assert all(link["events"] >= 1 and link["quad"] for link in graph["links"])
    small = get(client, "/api/network", limit=3)
    assert len(small["nodes"]) == 3 and small["total_nodes"] == graph["total_nodes"]
    russia = get(client, "/api/network", actor="Russia", type="ASSAULT")
    assert {n["name"] for n in russia["nodes"]} >= {"Russia", "Ukraine"}


def test_places_are_geojson(client: TestClient) -> None:
    places = get(client, "/api/places")
    assert places["type"] == "FeatureCollection" and places["features"]
    lon, lat = places["features"][0]["geometry"]["coordinates"]
    assert -180 <= lon <= 180 and -90 <= lat <= 90


# -- bad parameters: 4xx JSON with a message, never a traceback ---------------------------------

BAD = [
    ("/api/events", {"page": "0"}),
    ("/api/events", {"page": "1001"}),
    ("/api/events", {"page": "x"}),
    ("/api/events", {"per_page": "201"}),
    ("/api/events", {"per_page": "0"}),
    ("/api/events", {"sort": "title; DROP TABLE events"}),
    ("/api/events", {"order": "sideways"}),
    ("/api/events", {"type": "FOO"}),
    ("/api/events", {"status": "rumoured"}),
    ("/api/events", {"quad": "both"}),
    ("/api/events", {"country": "United States"}),
    ("/api/events", {"since": "yesterday"}),
    ("/api/events", {"since": "2024-13"}),
    ("/api/events", {"until": "2024-02-30"}),
    ("/api/events", {"since": "2024-10", "until": "2024-01"}),
    ("/api/events", {"actor": "x" * 201}),
    ("/api/actors", {"limit": "501"}),
    ("/api/actors", {"kind": "alien"}),
    ("/api/claims", {"stance": "maybe"}),
    ("/api/claims", {"since": "2024-00"}),
    ("/api/claims", {"limit": "-1"}),
    ("/api/contested", {"limit": "100000"}),
    ("/api/timeline", {"by": "hour"}),
    ("/api/timeline", {"group": "actor"}),
    ("/api/network", {"quad": "verbal conflict"}),
    ("/api/network", {"limit": "0"}),
    ("/api/places", {"type": "<script>"}),
    ("/api/events/abc", {}),
    ("/api/events/0", {}),
    ("/api/events/99999999999999999999999", {}),
    ("/api/actors/-1", {}),
]


@pytest.mark.parametrize(("path", "params"), BAD, ids=[f"{p}?{q}" for p, q in BAD])
def test_a_bad_parameter_is_a_400_with_a_message(
    client: TestClient, path: str, params: dict[str, str]
) -> None:
    response = client.get(path, params=params)
    assert response.status_code == 400, response.text[:300]
    body = response.json()
    assert body["error"] == "bad parameter" and (body.get("message") or body.get("problems"))
    assert "Traceback" not in response.text and len(response.text) < 2000


@pytest.mark.parametrize(
    "path", ["/api/events/999999", "/api/actors/999999", "/api/articles/no-such-article", "/api/nothing"]
)
def test_what_does_not_exist_is_a_404_in_json(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert response.json()["error"] == "not found"


def test_a_write_method_is_refused(client: TestClient) -> None:
    response = client.post("/api/events", json={})
    assert response.status_code == 405 and response.json()["error"] == "method not allowed"
