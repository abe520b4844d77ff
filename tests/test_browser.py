"""The dashboard in a real browser: Debian's Chromium driven by Playwright, against
`newsgraph serve`'s app on a free port over the same store as the API tests (the examples,
a reported and a denied attack, and a hostile article).

Each page loads without a script error or a CSP violation; a filter changes the URL and the
view; clicking an actor in the network filters by it; the evidence view marks the trigger,
actors and the claim in the article text; the hostile article renders as text. Screenshots
go to artifacts/screenshots/ (git-ignored), for people to look at."""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from test_api import build_store

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "screenshots"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason=f"no Chromium at {CHROMIUM} (apt-get install chromium)"
)


# Where the middle of an SVG path is on the screen.
MIDDLE_OF_PATH = """path => {
  const p = path.getPointAtLength(path.getTotalLength() / 2);
  const m = path.getScreenCTM();
  return {x: p.x * m.a + p.y * m.c + m.e, y: p.x * m.b + p.y * m.d + m.f};
}"""


def until(condition: Any, tries: int = 100) -> None:
    """Wait for a condition on the page (polled; the page's CSP forbids evaluated strings)."""
    for _ in range(tries):
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError("the page never got there")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The address of the app, served by uvicorn in a thread, on a read-only store."""
    import uvicorn

    from newsgraph import store
    from newsgraph.server import create_app

    engine = store.open(build_store(tmp_path_factory.mktemp("browser")), read_only=True)
    port = _free_port()
    app = create_app(engine, allowed_hosts=["127.0.0.1", "localhost"])
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    assert server.started, "the server did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    engine.dispose()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


class Watched:
    """A page, and every script error, failed request and console error it produced."""

    def __init__(self, page: Any, base: str) -> None:
        self.page, self.base, self.problems = page, base, []
        page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        page.on("console", lambda m: m.type == "error" and self.problems.append(f"console: {m.text}"))
        page.on("requestfailed", lambda r: self.problems.append(f"request failed: {r.url}"))
        page.on("request", lambda r: r.url.startswith(base) or self.problems.append(f"external: {r.url}"))

    def open(self, path: str) -> Any:
        self.page.goto(self.base + path)
        self.page.wait_for_load_state("networkidle")
        return self.page

    def shot(self, name: str) -> None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)

    def clean(self) -> None:
        assert self.problems == []
        assert self.page.evaluate("window.__xss === undefined")
        assert self.page.locator("#error").is_hidden()


@pytest.fixture()
def tab(browser: Any, base_url: str) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    watched = Watched(page, base_url)
    yield watched
    context.close()


def test_overview_shows_counts_top_actors_dyads_and_contested(tab: Watched) -> None:
    page = tab.open("/")
    page.wait_for_selector("#top-actors li")
    assert page.locator(".card").count() == 6
    assert page.locator("#top-dyads li").count() >= 3
    assert "ASSAULT" in page.locator("#latest-contested").inner_text()
    tab.shot("overview")
    tab.clean()


def test_events_table_filters_sorts_pages_and_opens_the_evidence(tab: Watched) -> None:
    page = tab.open("/events")
    page.wait_for_selector("#events-table tbody tr")
    everything = page.locator("#events-table tbody tr").count()
    page.select_option("#f-type", "ASSAULT")
    page.click("#filters button[type=submit]")
    page.wait_for_url("**/events?type=ASSAULT")
    until(lambda: set(page.locator("#events-table td.c-type").all_inner_texts()) == {"ASSAULT"})
    assert 0 < page.locator("#events-table tbody tr").count() < everything
    page.click("a[data-sort=date]")  # already ascending: now newest first
    page.wait_for_url("**order=desc**")
    page.wait_for_selector("a.sorted.desc")
    dates = page.locator("#events-table td.c-date").all_inner_texts()
    assert dates == sorted(dates, reverse=True)
    tab.shot("events")
    # The filter survives a reload: it lives in the URL.
    page.reload()
    page.wait_for_load_state("networkidle")
    assert page.locator("#f-type").input_value() == "ASSAULT"
    page.locator("#events-table tbody tr").first.click()
    page.wait_for_url("**/events/*")
    page.wait_for_selector("#article-text mark.hl-trigger")
    tab.clean()


def test_the_evidence_view_marks_trigger_actors_and_the_claim(tab: Watched) -> None:
    page = tab.open("/events?type=ASSAULT&actor=Russia&since=2024-10")
    page.wait_for_selector("#events-table tbody tr")
    row = page.locator("#events-table tbody tr", has_text="Ukraine").first
    row.locator("a.open").click()
    page.wait_for_selector("#denials .mention-card")
    # Who reports it beside who denies it.
    assert "Kyiv Daily" in page.locator("#reports").inner_text()
    assert "Moscow Wire" in page.locator("#denials").inner_text()
    page.locator("#denials .mention-card a").first.click()
    expect(page.locator("#article-title")).to_have_text("Moscow denies attack")
    text = page.locator("#article-text")
    assert text.inner_text().startswith("Russia denied that it attacked Ukraine")
    assert text.locator("mark.hl-trigger").first.inner_text() == "attacked"
    assert text.locator("mark.hl-recipient").first.inner_text() == "Ukraine"
    assert text.locator("mark.hl-claim_cue").first.inner_text() == "denied"
    assert text.locator("mark.hl-claim_source").first.inner_text() == "Russia"
    content = "".join(text.locator("mark.hl-claim_content").all_inner_texts())
    assert content.startswith("that it attacked Ukraine")
    assert page.locator("#status").inner_text() == "denied"
    assert page.locator("#according-to").inner_text() == "Russia (RUS)"
    assert "mention=" in page.url  # the chosen article is in the URL too
    tab.shot("evidence")
    tab.clean()


def test_the_hostile_article_renders_as_text(tab: Watched) -> None:
    page = tab.open("/events?type=ASSAULT&actor=Russia&since=2024-10")
    page.wait_for_selector("#events-table tbody tr")
    page.locator("#events-table tbody tr a.open").first.click()
    page.wait_for_selector("#reports .mention-card")
    hostile = page.locator("#reports .mention-card", has_text="<script>")
    assert hostile.count() == 1
    hostile.locator("a").first.click()
    expect(page.locator("#article-title")).to_have_text(re.compile(r"^<script>window.__xss=1</script>"))
    assert page.locator("#article-text").inner_text().startswith("<script>window.__xss=3</script>")
    assert page.locator("main script, main img, main a[href^='javascript']").count() == 0
    assert "<b>evil</b>" in page.locator("main .meta").all_inner_texts()[-1]
    tab.shot("evidence-hostile")
    tab.clean()


def test_clicking_an_actor_in_the_network_filters_by_it(tab: Watched) -> None:
    page = tab.open("/network")
    page.wait_for_selector("#network-svg g.node")
    assert page.locator("#network-svg path.edge").count() > 5
    tab.shot("network")
    everything = page.locator("#network-svg g.node").count()
    russia = page.locator("#network-svg g.node", has_text="Russia").first
    actor_id = russia.get_attribute("data-id")
    russia.locator("circle").click()
    page.wait_for_url(f"**/network?actor={actor_id}")
    page.wait_for_selector(f"#network-svg g.node.selected[data-id='{actor_id}']")
    assert page.locator("#network-svg g.node").count() < everything
    assert page.locator("#f-actor").input_value() == actor_id
    assert "Russia" in page.locator("#panel h2").inner_text()
    middle = page.locator("#network-svg path.edge").first.evaluate(MIDDLE_OF_PATH)
    page.mouse.click(middle["x"], middle["y"])  # a curved edge: click on its line, not its box
    page.wait_for_selector("#edge-events li")
    tab.shot("network-actor")
    # The filter goes with the analyst to the other views.
    assert page.locator("nav a[data-page='/events']").get_attribute("href") == f"/events?actor={actor_id}"
    tab.clean()


def test_timeline_brushing_filters_the_range(tab: Watched) -> None:
    page = tab.open("/timeline?by=week&group=quad")
    page.wait_for_selector("#timeline-svg rect.bar")
    box = page.locator("#brush-overlay").bounding_box()
    assert box is not None
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.75, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.999, y, steps=5)
    page.mouse.up()
    page.wait_for_url("**since=**")
    expect(page.locator("#range-title")).to_have_text(re.compile(r"^Events from"))
    since = page.locator("#f-since").input_value()
    assert since and page.locator("#f-until").input_value() >= since
    assert page.locator("#range-list li").count() >= 1
    tab.shot("timeline")
    tab.clean()


def test_the_map_draws_countries_and_events_offline(tab: Watched) -> None:
    page = tab.open("/map")
    page.wait_for_selector("#map-svg circle.dot")
    assert page.locator("#map-svg path.country").count() > 150
    page.locator("#map-svg circle.dot").first.click()
    page.wait_for_selector("#place-events li")
    tab.shot("map")
    tab.clean()


def test_contested_events_side_by_side(tab: Watched) -> None:
    page = tab.open("/contested")
    page.wait_for_selector("article.contested")
    # The attack on Ukraine reported by Kyiv and denied by Moscow (other articles have contested
    # assaults of their own).
    attack = page.locator("article.contested", has_text="Ukrainian officials").filter(has_text="ASSAULT")
    assert "Russia (RUS)" in attack.locator(".side.against").inner_text()
    assert "Ukrainian officials" in attack.locator(".side.for").inner_text()
    tab.shot("contested")
    page.select_option("#f-type", "AID")
    page.click("#filters button[type=submit]")
    page.wait_for_selector("#contested .empty")
    tab.clean()


def test_an_actor_profile_page(tab: Watched) -> None:
    page = tab.open("/")
    page.wait_for_selector("#top-actors li a")
    page.locator("#top-actors li a").first.click()
    page.wait_for_url("**/actors/*")
    page.wait_for_selector("#profile dl")
    assert page.locator("#profile ol li").count() >= 1
    tab.shot("actor")
    tab.clean()
