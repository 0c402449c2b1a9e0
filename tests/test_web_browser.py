"""The dashboard in a real headless Chromium (Debian's, installed by
scripts/ensure-chromium.sh), served by uvicorn on 127.0.0.1 over a store filled by
the pipeline. Skipped only where no Chromium is installed. Screenshots of every
page are kept in build/screenshots/."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import sync_playwright
from web_corpus import HOSTILE, fill, serving

from watchfloor import query
from watchfloor.api import ApiSettings
from watchfloor.brief import build_brief
from watchfloor.query.geo import event_map
from watchfloor.store import SQLiteStore
from watchfloor.web.charts import SHADES
from watchfloor.web.map_marks import near_of

CHROMIUM = Path(os.environ.get("WATCHFLOOR_CHROMIUM", "/usr/bin/chromium"))
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SHOTS = Path(__file__).resolve().parents[1] / "build" / "screenshots"

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason=f"no Chromium at {CHROMIUM} (scripts/ensure-chromium.sh)"
)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("web") / "web.db"
    store = SQLiteStore(path)
    fill(store)
    store.close()
    return path


@pytest.fixture(scope="module")
def base(db: Path) -> Iterator[str]:
    with serving(ApiSettings(database=str(db))) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


class Tab:
    """A page of the browser that records console errors, failed requests and dialogs."""

    def __init__(self, browser: Any, base: str, height: int = 900) -> None:
        self.base = base
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.context = browser.new_context(viewport={"width": 1280, "height": height})
        self.page = self.context.new_page()
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda exc: self.errors.append(f"page error: {exc}"))
        self.page.on("requestfailed", lambda r: self.errors.append(f"failed: {r.url}"))
        self.page.on("dialog", self._dialog)

    def _console(self, message: Any) -> None:
        if message.type == "error":
            self.errors.append(message.text)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def open(self, path: str) -> Any:
        response = self.page.goto(self.base + path)
        assert response is not None and response.status == 200, path
        self.page.wait_for_load_state("load")
        return self.page

    def shot(self, name: str) -> None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)

    def close(self) -> None:
        self.context.close()
        assert self.errors == [], self.errors
        assert self.dialogs == [], self.dialogs


@pytest.fixture
def tab(browser: Any, base: str) -> Iterator[Tab]:
    opened = Tab(browser, base)
    yield opened
    opened.close()


def in_view(page: Any, selector: str) -> bool:
    box = page.locator(selector).first.bounding_box()
    height = page.viewport_size["height"]
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height


def click_inside(page: Any, selector: str) -> None:
    """Click a point of the element that is not under another one (a place's mark)."""
    point = page.evaluate(
        """(selector) => {
        const shape = document.querySelector(selector), box = shape.getBoundingClientRect();
        for (let y = box.top + 1; y < box.bottom; y += 2)
          for (let x = box.left + 1; x < box.right; x += 2)
            if (document.elementFromPoint(x, y) === shape) return [x, y];
        return null; }""",
        selector,
    )
    assert point is not None, selector
    page.mouse.click(*point)


def test_the_brief_renders_its_events(tab: Tab, db: Path) -> None:
    store = SQLiteStore(db)
    brief = build_brief(store, "1d")
    store.close()
    expected = next(s for s in brief.sections if s.title == "Top events").items
    assert expected  # the window holds the newest zoned articles
    page = tab.open("/")
    top = page.locator("section.brief-section", has_text="Top events").locator("li.brief-item")
    assert top.count() == len(expected)
    for shown, item in zip(top.all_inner_texts(), expected, strict=True):
        assert item.label in shown and item.text in shown
    tab.shot("brief")


def test_clicking_an_event_opens_its_article_at_the_sentence(tab: Tab) -> None:
    page = tab.open("/")
    item = page.locator("section.brief-section", has_text="Top events").locator("li").first
    evidence = item.inner_text().split(" — ", 1)[1][:40]
    item.locator(".links a").first.click()
    page.wait_for_url(re.compile(r"/article/"))
    current = page.locator("mark.current")
    assert current.count() >= 1
    assert evidence in " ".join(current.all_inner_texts())
    assert in_view(page, "mark.current")
    tab.shot("article")


def test_a_fact_in_the_side_panel_scrolls_to_its_sentence(browser: Any, base: str) -> None:
    tab = Tab(browser, base, height=500)
    page = tab.open("/article/france-germany-pact")
    links = page.locator("a.fact-link")
    assert links.count() >= 3
    last = links.last
    fact = last.get_attribute("data-fact")
    assert page.evaluate("window.scrollY") == 0
    assert not in_view(page, f"#f-{fact}")  # far down a long article
    last.click()
    page.wait_for_function(
        f"document.getElementById('f-{fact}').closest('mark').classList.contains('current')"
    )
    page.wait_for_function(  # the smooth scroll ends with the sentence in view
        f"() => {{ const r = document.getElementById('f-{fact}').getBoundingClientRect();"
        " return r.top >= 0 && r.bottom <= window.innerHeight; }"
    )
    assert in_view(page, f"#f-{fact}") and page.evaluate("window.scrollY") > 0
    assert page.url.endswith(f"#f-{fact}")
    tab.close()


def test_the_actor_timeline_has_a_mark_per_row_of_the_query(tab: Tab, db: Path) -> None:
    store = SQLiteStore(db)
    actor = query.find_actor(query.query_store(store), "United States")
    assert actor is not None
    rows = [r for r in store.actor_timeline(actor.summary.id) if r["period"] and int(r["n"]) > 0]
    store.close()
    assert rows
    page = tab.open(f"/actor/{actor.summary.key}")
    marks = page.locator("svg.chart rect.mark")
    assert marks.count() == len(rows)
    shown = sorted(
        (
            m.get_attribute("data-period"),
            m.get_attribute("data-kind"),
            int(m.get_attribute("data-n") or 0),
        )
        for m in marks.all()
    )
    assert shown == sorted((r["period"], r["type"], int(r["n"])) for r in rows)
    assert page.locator("svg.network circle.node").count() >= 2  # the actor and a partner
    tab.shot("actor")


def test_the_map_colours_the_countries_the_events_name(tab: Tab, db: Path) -> None:
    store = SQLiteStore(db)
    qs = query.query_store(store)
    counts = {c.country: c.events for c in event_map(qs).countries}
    iraq = query.list_events(qs, country="IRQ").items
    store.close()
    assert {"USA", "IRQ", "FRA", "DEU", "ESP"} <= set(counts)
    page = tab.open("/map")
    for country in page.locator("path.country[data-country]").all():
        code = country.get_attribute("data-country")
        coloured = country.get_attribute("fill") != SHADES[0]
        assert coloured == (code in counts), code
        if code in counts:
            assert country.get_attribute("data-events") == str(counts[code])
    click_inside(page, 'path.country[data-country="IRQ"]')  # beside its places' marks
    panel = page.locator("#map-events")
    panel.locator("li.event").first.wait_for()
    assert panel.locator("li.event").count() == len(iraq)
    for event in iraq:
        assert event.evidence in panel.inner_text()
    assert page.locator('path.country.chosen[data-country="IRQ"]').count() == 1
    tab.shot("map")


def test_a_hostile_article_runs_nothing(tab: Tab) -> None:
    page = tab.open("/article/x")
    text = page.locator("#article-text").inner_text()
    assert "<script>alert(4)</script>" in text  # shown as text, not run
    assert page.locator("#article-text img, #article-text script, #article-text a").count() == 0
    assert HOSTILE["title"] in page.locator("h1").inner_text()
    tab.shot("article-hostile")
    for path in ("/", "/search?q=Madrid", "/map?country=ESP", "/actor/state:ESP", "/outlook"):
        page = tab.open(path)
        assert page.locator('a[href^="javascript:" i]').count() == 0, path
        assert page.locator("main img").count() == 0, path
    assert page.evaluate("typeof window.alert") == "function"  # and no dialog was opened


def test_every_page_renders_without_errors(tab: Tab) -> None:
    pages = {
        "search": "/search?q=airstrikes",
        "actors": "/actor",
        "dyad": "/dyad?a=state:USA&b=state:IRQ",
        "forecasts": "/outlook",
    }
    for name, path in pages.items():
        page = tab.open(path)
        assert page.locator("h1").count() == 1
        tab.shot(name)
    page = tab.open("/search?q=airstrikes")
    assert page.locator("ol.articles li").count() >= 2
    page.locator(".facet a", has_text="ASSAULT").first.click()
    page.wait_for_url(re.compile(r"type=ASSAULT"))
    assert (
        page.locator("ul.events li.event .type").all_inner_texts()
        == ["ASSAULT"] * page.locator("ul.events li.event").count()
    )


def test_the_map_marks_the_places_events_are_placed_at(tab: Tab, db: Path) -> None:
    store = SQLiteStore(db)
    qs = query.query_store(store)
    marked = event_map(qs).places
    places: dict[str, list[Any]] = {}
    for p in marked:  # a country drawn at its capital may share the capital's point
        places.setdefault(near_of(p), []).append(p)
    iraq = next(p for p in marked if p.country == "IRQ")
    placed = query.list_events(qs, near=near_of(iraq), km=1).items
    store.close()
    assert len(places) >= 3 and placed  # the pipeline resolved the events' places
    page = tab.open("/map")
    marks = page.locator("#world a.place-link")
    assert marks.count() == len(marked)
    for mark in marks.all():
        here = places[mark.get_attribute("data-near") or ""]
        circle = mark.locator("circle.place")
        ringed = "country-place" in (circle.get_attribute("class") or "")
        drawn = (circle.get_attribute("data-events"), ringed)
        # a country is drawn ringed, at its capital
        assert drawn in {(str(p.events), p.kind == "country") for p in here}
    mark = page.locator(f'#world a.place-link[data-near="{near_of(iraq)}"] circle')
    dot, country = mark.bounding_box(), page.locator('path[data-country="IRQ"]').bounding_box()
    assert dot is not None and country is not None
    centre = (dot["x"] + dot["width"] / 2, dot["y"] + dot["height"] / 2)
    assert country["x"] <= centre[0] <= country["x"] + country["width"]  # Baghdad in Iraq
    assert country["y"] <= centre[1] <= country["y"] + country["height"]
    mark.click()
    panel = page.locator("#map-events")
    panel.locator("li.event").first.wait_for()
    assert panel.locator("li.event").count() == len(placed)
    for event in placed:
        assert event.evidence in panel.inner_text()
    assert "placed here" in panel.locator("h2").inner_text()
    assert page.locator("#world circle.place.chosen").count() == 1
    assert "near=" in page.url
    tab.shot("map-place")


def test_search_has_a_language_facet(tab: Tab, db: Path) -> None:
    store = SQLiteStore(db)
    found = query.search_articles(query.query_store(store), "airstrikes").items
    store.close()
    languages = {a.language for a in found}
    assert found and None not in languages
    page = tab.open("/search?q=airstrikes")
    facet = page.locator("section.facet", has_text="Language")
    shown = facet.locator("li").all_inner_texts()
    assert sorted(shown) == sorted(
        f"{lang} ({sum(a.language == lang for a in found)})" for lang in languages
    )
    first = sorted(languages)[0]
    facet.locator("a", has_text=first).first.click()
    page.wait_for_url(re.compile(rf"language={first}"))
    assert page.locator("ol.articles li").count() == sum(a.language == first for a in found)
    page = tab.open("/search?q=airstrikes&language=xx")
    assert page.locator("ol.articles li.empty").count() == 1  # no article in that language
