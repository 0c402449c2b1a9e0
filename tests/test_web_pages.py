"""The dashboard's pages over HTTP on SQLite and PostgreSQL: every page answers, escapes
hostile text, sends its security headers, stays small, and asks for the key when reads
need one (the browser tests are in test_web_browser.py)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

import httpx
import pytest
from pg_server import PgServer
from web_corpus import HOSTILE, STRIKES, SYNDICATED, fill, serving

from watchfloor import query
from watchfloor.api import ApiSettings
from watchfloor.ledger.service import ledger_report, resolve_forecast
from watchfloor.query.geo import PlaceCount, places_of
from watchfloor.store import open_store

KEY = "web-key-0123456789abcdef"
PAGES = [
    "/",
    "/?since=all",
    "/search?q=airstrikes",
    "/search?q=Madrid&type=COERCE",
    "/article/us-strikes-iraq",
    "/article/x",
    "/actor",
    "/actor/state:USA",
    "/actor/United%20States",
    "/dyad?a=state:USA&b=state:IRQ",
    "/map",
    "/map?type=ASSAULT&since=2029-01-01&until=2030-12-31",
    "/map?country=IRQ",
    "/map/events?country=ESP",
    "/outlook",
    "/outlook?status=open&as_of=2030-01-05",
]
MAX_PAGE_BYTES = 2 * 1024 * 1024


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def site(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[httpx.Client]:
    if request.param == "sqlite":
        url = str(tmp_path_factory.mktemp("web") / "pages.db")
    else:
        url = str(request.getfixturevalue("pg_module_url"))
    store = open_store(url)
    fill(store)
    store.close()
    with serving(ApiSettings(database=url)) as base, httpx.Client(base_url=base) as client:
        yield client


@pytest.fixture(scope="module")
def pg_module_url(pg_server: PgServer) -> Iterator[str]:
    """An empty PostgreSQL schema for this module's tests (tests/pg_server.py)."""
    schema = pg_server.new_schema()
    try:
        yield pg_server.schema_url(schema)
    finally:
        pg_server.drop_schema(schema)


@pytest.mark.parametrize("path", PAGES)
def test_every_page_answers_escaped_and_small(site: httpx.Client, path: str) -> None:
    response = site.get(path)
    assert response.status_code == 200, response.text[:2000]
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"
    body = response.text
    assert len(response.content) < MAX_PAGE_BYTES
    assert "<script>alert" not in body and "<img src=x" not in body
    assert not re.search(r"href=\"\s*javascript:", body, re.IGNORECASE)
    assert re.findall(r"<script\b[^>]*>", body) in ([], ['<script src="/static/app.js" defer>'])


def test_the_hostile_article_is_shown_as_text(site: httpx.Client) -> None:
    body = site.get("/article/x").text
    assert "&lt;script&gt;alert(4)&lt;/script&gt;" in body
    assert "&lt;img src=x onerror=alert(2)&gt;" in body
    assert HOSTILE["url"] not in body  # the address holds markup: shown escaped or not at all


def test_an_article_shows_its_copies_and_its_story(site: httpx.Client) -> None:
    body = site.get("/article/us-strikes-iraq").text
    copies = body.split("Copies of this article", 1)[1].split("Its story", 1)
    assert SYNDICATED["url"] in copies[0] and "Syndicator" in copies[0]
    assert f"<strong>{STRIKES['title']}</strong>" in copies[1]  # the story lists it, and any other


def test_the_map_lists_the_events_of_a_country(site: httpx.Client) -> None:
    body = site.get("/map/events", params={"country": "IRQ"}).text
    assert "The United States launched airstrikes on Iraq" in body
    assert (
        site.get("/map/events", params={"country": "IRQ", "type": "AGREE"}).text.count(
            'class="event"'
        )
        == 0
    )


def test_unknown_things_say_so(site: httpx.Client) -> None:
    assert site.get("/article/no-such-article").status_code == 404
    assert site.get("/actor/Nobody%20At%20All").status_code == 404
    assert site.get("/?since=soonish").status_code == 400
    assert site.get("/map", params={"type": "DANCE"}).status_code == 400


def test_pages_need_the_key_when_reads_do(tmp_path_factory: pytest.TempPathFactory) -> None:
    db = str(tmp_path_factory.mktemp("web-key") / "key.db")
    store = open_store(db)
    store.close()
    settings = ApiSettings(database=db, api_key=KEY, read_access="key")
    with serving(settings) as base, httpx.Client(base_url=base) as client:
        asked = client.get("/map")
        assert asked.status_code == 303 and asked.headers["location"].startswith("/login?next=")
        form = client.get("/login", params={"next": "/map"})
        csrf = re.search(r'name="csrf" value="([^"]+)"', form.text)
        assert csrf is not None
        wrong = client.post("/login", data={"key": "nope", "csrf": csrf[1], "next": "/map"})
        assert wrong.status_code == 403 and client.get("/map").status_code == 303
        forged = client.post("/login", data={"key": KEY, "csrf": "forged", "next": "/map"})
        assert forged.status_code == 403
        right = client.post("/login", data={"key": KEY, "csrf": csrf[1], "next": "/map"})
        assert right.status_code == 303 and right.headers["location"] == "/map"
        cookie = right.headers["set-cookie"].lower()
        assert "httponly" in cookie and "samesite=strict" in cookie
        assert "secure" not in cookie  # plain HTTP here; Secure over HTTPS
        assert client.get("/map").status_code == 200
        away = client.post("/login", data={"key": KEY, "csrf": csrf[1], "next": "//evil.example"})
        assert away.headers["location"] == "/"


def test_the_forecasts_page_shows_the_ledger(tmp_path_factory: pytest.TempPathFactory) -> None:
    db = str(tmp_path_factory.mktemp("web-ledger") / "ledger.db")
    store = open_store(db)
    fill(store)
    (made,) = ledger_report(store).forecasts  # "Iran was likely to retaliate ... by March"
    with serving(ApiSettings(database=db)) as base, httpx.Client(base_url=base) as client:
        page = client.get("/outlook").text
        assert "Ledger: sources scored" in page and made["statement"] in page
        assert client.get("/outlook/calibration.svg").status_code == 404  # nothing scored yet
        resolve_forecast(store, int(made["id"]), "yes", "analyst")
        page = client.get("/outlook").text
        assert "yes (analyst)" in page and "/outlook/calibration.svg" in page
        image = client.get("/outlook/calibration.svg")
        assert image.status_code == 200 and image.headers["content-type"] == "image/svg+xml"
        assert image.text.lstrip().startswith("<svg")
    store.close()


def test_places_are_read_from_the_listed_events(tmp_path_factory: pytest.TempPathFactory) -> None:
    store = open_store(str(tmp_path_factory.mktemp("web-places") / "places.db"))
    fill(store)
    events = query.list_events(query.query_store(store), country="IRQ").items
    store.close()
    located = [
        replace(e, data={**e.data, "location": "Baghdad", "location_country": "IRQ"})
        for e in events
    ]
    placed = sum(1 for e in events if e.data.get("location"))  # the pipeline's own places
    assert sum(p.events for p in places_of(events)) == placed
    assert places_of([*located, *located]) == [PlaceCount("Baghdad", "IRQ", 2 * len(events))]
