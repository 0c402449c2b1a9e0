"""Hostile input, briefly: every reader and the API's parameters (tests/fuzz_targets.py).

No input may make the run raise, take longer than ``INPUT_LIMIT`` seconds, or change
an article already stored. ``WATCHFLOOR_FUZZ_EXAMPLES`` (default 12) sets the
examples per target; ``make fuzz`` (bench/fuzz.py) runs the same targets for a
bounded time each, with fresh random seeds.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import fuzz_targets as fz
import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from query_corpus import build_small

from watchfloor.api import ApiSettings, create_app
from watchfloor.sources.fetch import Fetcher
from watchfloor.sources.formats import InputFormat
from watchfloor.store import open_store

BRIEF = settings(
    max_examples=int(os.environ.get("WATCHFLOOR_FUZZ_EXAMPLES", "12")),
    deadline=None,  # each check enforces INPUT_LIMIT itself
    suppress_health_check=list(HealthCheck),
    database=None,
    derandomize="WATCHFLOOR_FUZZ_RANDOM" not in os.environ,
)


@pytest.fixture(scope="module")
def arena(tmp_path_factory: pytest.TempPathFactory) -> Iterator[fz.Arena]:
    arena = fz.new_arena(tmp_path_factory.mktemp("fuzz"))
    yield arena
    arena.store.close()


@BRIEF
@given(data=fz.HTML)
def test_html(arena: fz.Arena, data: bytes) -> None:
    fz.check_bytes(arena, data, InputFormat.HTML)


@BRIEF
@given(data=fz.TEXT)
def test_plain_text(arena: fz.Arena, data: bytes) -> None:
    fz.check_bytes(arena, data, InputFormat.TEXT)


@BRIEF
@given(data=fz.JSON)
def test_json(arena: fz.Arena, data: bytes) -> None:
    fz.check_bytes(arena, data, InputFormat.JSON)


@BRIEF
@given(data=fz.JSONL)
def test_jsonl(arena: fz.Arena, data: bytes) -> None:
    fz.check_bytes(arena, data, InputFormat.JSONL)


@BRIEF
@given(data=fz.WARC)
def test_warc(arena: fz.Arena, data: bytes) -> None:
    fz.check_bytes(arena, data, InputFormat.WARC)


@BRIEF
@given(data=fz.FEED)
def test_feed(arena: fz.Arena, data: bytes) -> None:
    fz.check_bytes(arena, data, InputFormat.FEED)


@BRIEF
@given(case=fz.ANY_FILE)
def test_any_file(arena: fz.Arena, case: tuple[str, bytes, bool]) -> None:
    fz.check_file(arena, *case)


@pytest.fixture(scope="module")
def raw_server() -> Iterator[fz.RawServer]:
    with fz.raw_server() as server:
        yield server


@pytest.fixture(scope="module")
def fetcher() -> Iterator[Fetcher]:
    with fz.loopback_fetcher() as client:
        yield client


@BRIEF
@given(payload=fz.RESPONSES)
def test_fetched_responses(
    arena: fz.Arena, raw_server: fz.RawServer, fetcher: Fetcher, payload: bytes
) -> None:
    fz.check_response(arena, raw_server, fetcher, payload)


# -- the API's parameters -----------------------------------------------------------
HOSTILE = st.one_of(
    st.text(max_size=30),
    st.integers(-(10**20), 10**20).map(str),
    st.sampled_from(
        ["", "NaN", "inf", "-1", "0", "9" * 40, "2025-13-45", "' OR 1=1 --", "%", "_", "*",
         "\x00", "null", "[]", "a" * 5000, "Київ", "東京", "\"", "\\", "NEAR(", "title:x"]
    ),
)  # fmt: skip


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, list[APIRoute]]]:
    database = tmp_path_factory.mktemp("fuzz-api") / "small.db"
    store = open_store(database)
    build_small(store)
    store.close()
    app = create_app(ApiSettings(database=str(database), api_key="k" * 40))
    routes = [r for r in app.routes if isinstance(r, APIRoute) and "GET" in r.methods]
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client, routes


@BRIEF
@given(data=st.data())
def test_api_parameters(api: tuple[TestClient, list[APIRoute]], data: st.DataObject) -> None:
    """Any value in any parameter of any GET route: an answer, never a server error."""
    client, routes = api
    route = data.draw(st.sampled_from(routes))
    path = route.path
    for param in route.dependant.path_params:
        value = quote(data.draw(HOSTILE), safe="") or "x"
        path = path.replace("{" + param.alias + "}", value)
    names = [p.alias for p in route.dependant.query_params] + ["unknown"]
    query = data.draw(st.dictionaries(st.sampled_from(names), HOSTILE, max_size=len(names)))
    response = client.get(path, params=query)
    assert response.status_code < 500, (route.path, query, response.text[:300])


def test_lone_surrogates_in_json_records(arena: fz.Arena) -> None:
    """Found by fuzzing: a JSON escape such as \\udfff decodes to a lone surrogate, which
    SQLite cannot encode: the run stopped with UnicodeEncodeError at the store."""
    record = {
        "text": "The harbour \ud800 reopened after the week of storms, the port authority said."
        + " Ferries to the islands run on the winter timetable until March, it added." * 3,
        "title": "Storm \udfff",
        "url": "https://news.test/\ud83d",
        "doc_id": "\udc00",
    }
    before = arena.store.counts()["articles"]
    fz.check_bytes(arena, json.dumps(record).encode(), InputFormat.JSON)
    assert arena.store.counts()["articles"] == before + 1
    stored = arena.store._one("SELECT title, text FROM articles ORDER BY id DESC LIMIT 1")
    assert stored is not None and stored["title"] == "Storm \ufffd"


def test_arena_seed_is_whole(arena: fz.Arena, tmp_path: Path) -> None:
    """The rule the checks rely on: the seed article is there and a changed one is seen."""
    assert arena.seed["doc_id"] == "seed" and arena.seed["text"] == fz.SEED_TEXT
    changed = dict(arena.seed, title="changed")
    assert changed != arena.seed
