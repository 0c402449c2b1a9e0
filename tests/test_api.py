"""The REST API through a real uvicorn server on 127.0.0.1 (and TestClient where simpler)."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest
import uvicorn
from loopback_server import serve
from query_corpus import NORTH, build_small

from watchfloor.api import ApiSettings, create_app
from watchfloor.store import open_store

KEY = "test-key-0123456789abcdef"
ARTICLE = (
    b"<html lang='en'><head><title>Port strike ends after deal</title></head><body><article>"
    b"<h1>Port strike ends after deal</h1><p>Dock workers in Bellport returned to work on Friday"
    b" after union leaders and the port authority agreed a new pay deal, ending a strike that had"
    b" lasted eleven days.</p><p>The agreement raises wages by six percent over two years and adds"
    b" a night-shift allowance, the union said in a statement read outside the harbour gates.</p>"
    b"<p>Shipping companies said it would take about a week to clear the backlog of some forty"
    b" vessels waiting at anchor outside the port.</p></article></body></html>"
)
HOSTILE = ["'; DROP TABLE facts; --", "\x00", "\u202e\ufeff", 'NEAR("a', "%_*", "9" * 400]


@contextmanager
def running(settings: ApiSettings) -> Iterator[httpx.Client]:
    """The API on a free port of 127.0.0.1, in a thread; an httpx client for it."""
    config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=0, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the server did not start"
        time.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
            yield client
    finally:
        server.should_exit = True
        thread.join(10)


def small_db(folder: Path) -> str:
    path = folder / "small.db"
    store = open_store(path)
    build_small(store)
    store.close()
    return str(path)


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    db = small_db(tmp_path_factory.mktemp("api"))
    with running(ApiSettings(database=db, api_key=KEY)) as client:
        yield client


def ok(client: httpx.Client, url: str, **params: Any) -> Any:
    response = client.get(url, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_health_and_schema(api: httpx.Client) -> None:
    health = ok(api, "/health")
    assert health["status"] == "ok" and health["counts"]["articles"] == 2
    schema = ok(api, "/openapi.json")
    assert {"/articles", "/actors/{name}", "/dyads", "/events", "/ingest"} <= set(schema["paths"])
    assert "X-API-Key" in str(schema["components"]["securitySchemes"])


def test_events_paginated_with_evidence(api: httpx.Client) -> None:
    first = ok(api, "/events", per_page=2)
    assert (first["total"], first["next_page"], len(first["items"])) == (5, 2, 2)
    last = ok(api, "/events", per_page=2, page=3)
    assert last["next_page"] is None and len(last["items"]) == 1
    shelling = last["items"][0]
    assert shelling["mention_count"] == 2 and shelling["source_count"] == 2
    assert shelling["evidence"] == NORTH[0]
    for mention in shelling["mentions"]:
        assert {"doc_id", "url", "title"} <= set(mention["article"]) and mention["evidence"]
    planned = ok(api, "/events", modality="planned")["items"]
    assert [e["type"] for e in planned] == ["CONSULT"]
    assert ok(api, "/events", type="ACCUSE", actor="Jon Ode")["total"] == 1
    assert ok(api, "/events", quad="material conflict", since="2024-05-01")["total"] == 1
    assert ok(api, "/events", country="CLD", until="2024-04-30")["total"] == 1


@pytest.mark.parametrize(
    "params",
    [
        {"per_page": 201},
        {"per_page": 0},
        {"page": 0},
        {"page": 10**30},
        {"type": "HUG"},
        {"modality": "sort-of"},
        {"since": "soonish"},
        {"country": "Northland"},
    ],
)
def test_bad_parameters_are_422(api: httpx.Client, params: dict[str, Any]) -> None:
    assert api.get("/events", params=params).status_code == 422


def test_profile_and_dyad(api: httpx.Client) -> None:
    profile = ok(api, "/actors/Northland")
    assert profile["actor"]["key"] == "state:NTH"
    assert profile["partners"][0]["actor"]["name"] == "Calder"
    assert profile["events"]["total"] == 3 and profile["forecasts"]["total"] == 1
    assert api.get("/actors/Nobody Atall").status_code == 404
    dyad = ok(api, "/dyads", a="Northland", b="Calder")
    assert dyad["a_to_b"]["material_conflict"] == 2 and dyad["b_to_a"]["verbal_cooperation"] == 1
    assert dyad["events"]["total"] == 3
    assert api.get("/dyads", params={"a": "Northland", "b": "Nowhere"}).status_code == 404
    assert api.get("/dyads", params={"a": "Northland", "b": "Northland"}).status_code == 422
    actors = ok(api, "/actors", per_page=1, type="PERSON")
    assert actors["total"] == 2 and actors["next_page"] == 2


def test_articles_and_facts(api: httpx.Client) -> None:
    found = ok(api, "/articles", search="shelled")
    assert {a["doc_id"] for a in found["items"]} == {"north-1", "south-1"}
    assert ok(api, "/articles", since="2024-05-03")["total"] == 1
    article = ok(api, "/articles/north-1")
    assert article["url"] == "https://example.org/north-1"
    assert len(article["facts"]["events"]) == 3
    assert api.get("/articles/none-such").status_code == 404
    quotes = ok(api, "/quotes", speaker="Anna Berg")["items"]
    assert [q["article"]["doc_id"] for q in quotes] == ["north-1"]
    assert [c["data"]["value"] for c in ok(api, "/claims", subject="hurt")["items"]] == [40]
    open_ = ok(api, "/forecasts", status="open", as_of="2024-07-01")["items"]
    assert [f["data"]["statement"] for f in open_] == ["the talks fail"]
    assert ok(api, "/forecasts", status="due", as_of="2024-07-01")["total"] == 1
    assert ok(api, "/watch")["items"][0]["article"]["title"] == "south-1 headline"


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_parameters_never_500(api: httpx.Client, text: str) -> None:
    for url, name in [
        ("/articles", "search"),
        ("/actors", "search"),
        ("/events", "actor"),
        ("/events", "search"),
        ("/quotes", "speaker"),
        ("/claims", "subject"),
        ("/forecasts", "source"),
        ("/watch", "search"),
        ("/dyads?b=Calder", "a"),
    ]:
        status = api.get(url, params={name: text}).status_code
        assert status in (200, 404, 422), (url, name, status)
    assert api.get(f"/actors/{quote(text, safe='')}").status_code in (404, 422)
    assert api.get(f"/articles/{quote(text, safe='')}").status_code in (404, 422)


def test_ingest_needs_the_key(api: httpx.Client) -> None:
    body = {"urls": ["http://127.0.0.1:9/none"]}
    assert api.post("/ingest", json=body).status_code == 401
    assert api.post("/ingest", json=body, headers={"X-API-Key": "wrong"}).status_code == 403
    keyed = {"X-API-Key": KEY}
    assert api.post("/ingest", json={"urls": ["/etc/passwd"]}, headers=keyed).status_code == 422
    assert api.post("/ingest", json={"urls": []}, headers=keyed).status_code == 422
    assert api.post("/ingest", content=b"x", headers=keyed).status_code == 415
    with running(ApiSettings(database=":memory:")) as no_key:
        assert no_key.post("/ingest", json=body, headers={"X-API-Key": "x"}).status_code == 403


def test_ingest_urls_and_uploads(tmp_path: Path) -> None:
    settings = ApiSettings(database=str(tmp_path / "in.db"), api_key=KEY, allow_private=True)
    keyed = {"X-API-Key": KEY}
    sample = resources.files("watchfloor") / "data" / "sample"
    upload = (sample / "wn-2019-10-15-kurds-announce-deal-with-assad-s.json").read_bytes()
    with serve() as web, running(settings) as api:
        web.route("/news/strike", ARTICLE, content_type="text/html; charset=utf-8")
        body = {"urls": [web.url("/news/strike")], "analyse": False}
        done = api.post("/ingest", json=body, headers=keyed)
        assert done.status_code == 200, done.text
        assert done.json()["ingested"] == 1
        files = {"file": ("kurds.json", upload, "application/json")}
        done = api.post("/ingest", files=files, headers=keyed)
        assert done.status_code == 200, done.text
        assert (done.json()["ingested"], done.json()["analysed"]) == (1, 2)
        again = api.post("/ingest", files=files, headers=keyed).json()
        assert again["ingested"] == 0
        article = ok(api, "/articles/wn-2019-10-15-kurds-announce-deal-with-assad-s")
        assert article["facts"]["events"] and article["facts"]["quotes"]
        assert ok(api, "/events", actor="Syria")["total"] > 0
    small = ApiSettings(database=settings.database, api_key=KEY, max_upload_bytes=100)
    with running(small) as client:
        assert client.post("/ingest", files=files, headers=keyed).status_code == 413
        assert client.post("/ingest", data={"x": "1"}, headers=keyed).status_code == 415


def test_read_access_by_key(tmp_path: Path) -> None:
    settings = ApiSettings(database=small_db(tmp_path), api_key=KEY, read_access="key")
    with running(settings) as client:
        assert client.get("/events").status_code == 401
        assert client.get("/events", headers={"X-API-Key": "nope"}).status_code == 403
        assert client.get("/events", headers={"X-API-Key": KEY}).json()["total"] == 5
        assert client.get("/health").status_code == 200
    with pytest.raises(ValueError):
        ApiSettings(read_access="key")


def test_settings_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WATCHFLOOR_API_KEY", "from-env")
    monkeypatch.setenv("WATCHFLOOR_READ_ACCESS", "key")
    settings = ApiSettings.from_env("x.db")
    assert (settings.api_key, settings.read_access, settings.database) == (
        "from-env",
        "key",
        "x.db",
    )
    assert ApiSettings.from_env("x.db", api_key="given").api_key == "given"


def test_watchfloor_serve(tmp_path: Path) -> None:
    """``watchfloor serve`` answers on the port it is given."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    db = small_db(tmp_path)
    command = [sys.executable, "-c", "from watchfloor.cli import app; app()", "serve"]
    args = ["--db", db, "--port", str(port), "--api-key", KEY, "--read-access", "key"]
    process = subprocess.Popen([*command, *args], stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None and time.monotonic() < deadline, "serve did not start"
            try:
                response = httpx.get(
                    f"http://127.0.0.1:{port}/events", headers={"X-API-Key": KEY}, timeout=5
                )
                break
            except httpx.TransportError:
                time.sleep(0.1)
        assert response.status_code == 200 and response.json()["total"] == 5
    finally:
        process.terminate()
        process.wait(10)
