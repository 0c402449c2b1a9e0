"""Watch rules end to end: feeds on a loopback server, the real analyser, a real
webhook receiver on 127.0.0.1 that checks signatures, SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import feedparser
import pytest
from fastapi.testclient import TestClient
from follow_sites import BOMBING, FLOODS, SANCTIONS_A, SANCTIONS_B, NewsSite, receiver
from loopback_server import serve
from lxml import etree
from typer.testing import CliRunner

from watchfloor.alerts.rules import RuleError, add_rule, new_rule
from watchfloor.alerts.webhook import DeliveryPolicy, deliver_due, sign, verify
from watchfloor.api import ApiSettings, create_app
from watchfloor.cli import app
from watchfloor.follow import follow_backend
from watchfloor.follow.poll import FollowOptions
from watchfloor.follow.runner import Follower
from watchfloor.follow.sources import Source
from watchfloor.models import SkipError
from watchfloor.sources.fetch import FetchConfig
from watchfloor.store import SQLiteStore, Store
from watchfloor.store.sql_store import SQLStore

SECRET = "test-secret-" + "s" * 20
API_KEY = "test-key-" + "k" * 32
ATOM = "{http://www.w3.org/2005/Atom}"
POLICY = DeliveryPolicy(first_retry=0.1, allow_private=True)


def follower(store: SQLStore, urls: list[str]) -> Follower:
    fetch = FetchConfig(allow_private=True, per_host_delay=0.0)
    return Follower(store, [Source(u) for u in urls], FollowOptions(every=0.2, fetch=fetch), POLICY)


def follow_until(
    store: SQLStore, urls: list[str], done: Callable[[], bool], timeout: float = 120.0
) -> None:
    """Run a follower in a thread until ``done()`` holds, then stop it (as SIGTERM would)."""
    running = follower(store, urls)
    thread = threading.Thread(target=running.run)
    thread.start()
    deadline = time.monotonic() + timeout
    while not done() and time.monotonic() < deadline and thread.is_alive():
        time.sleep(0.1)
    running.stop.set()
    thread.join(timeout=60)
    assert done(), "the follower did not get there in time"


def alerts(store: SQLStore) -> dict[str, dict[str, Any]]:
    return {row["rule"]: row for row in store.list_alerts()}


def add_rules(store: SQLStore, webhook: str) -> None:
    common = {"webhook": webhook, "webhook_secret": SECRET}
    add_rule(store, new_rule("russia", actor="Russia", types=["SANCTION,AID"], **common))
    add_rule(
        store,
        new_rule(
            "corroborated", actor="European Union", with_actor="Russia", min_sources=2, **common
        ),
    )
    add_rule(store, new_rule("toll", section="claims", types=["people"], claim_above=30, **common))
    add_rule(store, new_rule("china", actor="China"))  # matches nothing here


def test_rules_fire_once_per_event_and_wait_for_corroboration(any_store: Store) -> None:
    store = follow_backend(any_store)
    with serve() as server, receiver(SECRET, fail_first=1) as hook:
        wire, daily = NewsSite(server, "wire", "Wire One"), NewsSite(server, "daily", "Daily Two")
        add_rules(store, hook.url)
        for slug, (title, text) in (("eu", SANCTIONS_A), ("floods", FLOODS), ("bomb", BOMBING)):
            wire.publish(slug, title, text)
        urls = [wire.feed_url, daily.feed_url]
        follow_until(store, urls, lambda: len(hook.accepted_ids()) == 2)
        first = alerts(store)
        assert sorted(first) == ["russia", "toll"]  # one source: no corroboration yet
        assert first["russia"]["title"] == "SANCTION: European Union -> Russia"
        assert first["russia"]["source_count"] == 1
        assert json.loads(first["toll"]["payload"])["fact"]["data"]["value"] == 42

        daily.publish("brussels", *SANCTIONS_B)  # a second outlet reports the same event
        follow_until(store, urls, lambda: len(hook.accepted_ids()) == 3)
        second = alerts(store)
        assert sorted(second) == ["corroborated", "russia", "toll"]
        assert second["russia"]["key"] == first["russia"]["key"]  # updated, not repeated
        assert second["russia"]["source_count"] == 2
        assert second["russia"]["created_at"] == first["russia"]["created_at"]
        payload = json.loads(second["corroborated"]["payload"])
        assert {a["source"] for a in payload["articles"]} == {"Wire One", "Daily Two"}
        assert len(payload["evidence"]) == 2

        restarted = follower(store, urls)  # a restart checks nothing twice, sends nothing twice
        restarted.run(max_rounds=2)
        assert alerts(store) == second
        time.sleep(0.3)
        deliveries = hook.deliveries
        assert sorted(d.delivery_id for d in deliveries) == sorted(
            a["key"] for a in second.values()
        )
        assert all(d.signature_ok for d in deliveries)
        assert hook.attempts == 4  # the first POST failed and was retried
        by_id = {d.delivery_id: d.body for d in deliveries}
        body = by_id[second["russia"]["key"]]
        assert body["rule"] == "russia" and body["fact"]["kind"] == "SANCTION"
        assert body["evidence"] and body["articles"][0]["url"].startswith(server.base_url)
        outbox = [(a["delivery"], a["attempts"]) for a in store.list_alerts()]
        assert sorted(outbox) == [("sent", 1), ("sent", 1), ("sent", 2)]


def test_the_signature_scheme() -> None:
    body = b'{"id": "wf-1-event-1"}'
    header = sign(SECRET, 1_700_000_000, body)
    timestamp, mac = header.split(",")
    assert timestamp == "t=1700000000" and len(mac.removeprefix("v1=")) == 64
    now = str(int(time.time()))
    fresh = sign(SECRET, int(now), body)
    assert verify(SECRET, fresh, body)
    assert not verify(SECRET, fresh, body + b" ")
    assert not verify("another-secret", fresh, body)
    assert not verify(SECRET, header, body)  # too old: a replay


def test_a_failing_endpoint_is_retried_then_marked_dead(store: SQLiteStore) -> None:
    import httpx

    with receiver(SECRET, fail_first=1000) as hook:
        add_rule(store, new_rule("r", actor="Russia", webhook=hook.url, webhook_secret=SECRET))
        rule_id = store.watch_rules()[0]["id"]
        for n in (1, 2):
            row = {"rule_id": rule_id, "subject": f"fact:{n}", "key": f"k{n}", "title": "t"}
            store.save_alert({**row, "payload": "{}", "source_count": 1, "at": "2026"}, hook.url)
        policy = DeliveryPolicy(
            first_retry=0.05, max_attempts=3, endpoint_limit=5, allow_private=True
        )
        with httpx.Client() as client:
            for _ in range(30):
                deliver_due(store, client, policy)
                time.sleep(0.06)
        states = [(a["delivery"], a["attempts"]) for a in store.list_alerts()]
        (endpoint,) = store.webhook_endpoints()
        assert (
            endpoint["dead"] == 1
            and endpoint["failures"] == 5
            and "HTTP 500" in endpoint["last_error"]
        )
        assert sorted(states) == [("dead", 3), ("pending", 2)]  # the endpoint died first
        assert hook.attempts == 5


# -- what the rules fired, read back: CLI, JSON, Atom ------------------------------
@pytest.fixture(scope="module")
def fired_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("alerts") / "fired.db"
    store = SQLiteStore(path)
    with serve() as server:
        wire, daily = NewsSite(server, "wire", "Wire One"), NewsSite(server, "daily", "Daily Two")
        add_rule(store, new_rule("russia", actor="Russia"))
        add_rule(store, new_rule("toll", section="claims", claim_above=30))
        wire.publish("eu", *SANCTIONS_A)
        wire.publish("bomb", *BOMBING)
        daily.publish("brussels", *SANCTIONS_B)
        follower(store, [wire.feed_url, daily.feed_url]).run(max_rounds=1)
    store.close()
    return path


@pytest.fixture
def fired(fired_db: Path, tmp_path: Path) -> Iterator[SQLiteStore]:
    shutil.copy(fired_db, tmp_path / "fired.db")
    store = SQLiteStore(tmp_path / "fired.db")
    yield store
    store.close()


def check_atom(body: bytes, entries: int) -> None:
    """Atom 1.0 as RFC 4287 asks: feed and entries with id, title, updated; an author."""
    parsed = feedparser.parse(body)
    assert parsed.version == "atom10" and not parsed.bozo, parsed.get("bozo_exception")
    assert len(parsed.entries) == entries
    root = etree.fromstring(body)
    assert root.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated", "author/" + ATOM + "name"):
        assert root.find(ATOM + name) is not None, name
    for entry in root.findall(f"{ATOM}entry"):
        for name in ("id", "title", "updated", "content", "summary"):
            assert (entry.findtext(ATOM + name) or "").strip(), name
        assert entry.find(f"{ATOM}link[@rel='alternate']").get("href").startswith("http://")
    for entry in parsed.entries:
        assert entry.link.startswith("http://127.0.0.1") and "<li>" in entry.content[0].value


def test_atom_feeds_are_valid(fired: SQLiteStore) -> None:
    client = TestClient(create_app(ApiSettings(database=fired.path)))
    everything = client.get("/alerts.atom")
    assert everything.headers["content-type"].startswith("application/atom+xml")
    check_atom(everything.content, 2)
    russia = client.get("/rules/russia/alerts.atom")
    check_atom(russia.content, 1)
    entry = feedparser.parse(russia.content).entries[0]
    assert entry.title == "SANCTION: European Union -> Russia"
    assert {link.href for link in entry.links} == {
        a["url"] for a in json.loads(fired.list_alerts("russia")[0]["payload"])["articles"]
    }
    assert client.get("/rules/nobody/alerts.atom").status_code == 404
    check_atom(client.get("/rules/toll/alerts.atom").content, 1)


def test_rules_api(fired: SQLiteStore) -> None:
    client = TestClient(create_app(ApiSettings(database=fired.path, api_key=API_KEY)))
    rule = {"name": "aid", "actor": "North Korea", "with_actor": "Russia", "types": ["AID"]}
    assert client.post("/rules", json=rule).status_code == 401
    assert client.post("/rules", json=rule, headers={"X-API-Key": "wrong"}).status_code == 403
    key = {"X-API-Key": API_KEY}
    made = client.post("/rules", json={**rule, "webhook": "http://127.0.0.1:9/h"}, headers=key)
    assert made.status_code == 422  # a webhook without a secret
    made = client.post("/rules", json={**rule, "webhook_secret": SECRET}, headers=key)
    assert made.status_code == 201 and made.json()["types"] == ["AID"]
    assert client.post("/rules", json=rule, headers=key).status_code == 409
    listed = client.get("/rules").json()
    assert [r["name"] for r in listed] == ["aid", "russia", "toll"]
    assert SECRET not in json.dumps(listed) and listed[0]["webhook_secret_set"] is True
    shown = client.get("/alerts", params={"rule": "russia"}).json()
    assert len(shown) == 1 and shown[0]["payload"]["source_count"] == 2
    assert client.delete("/rules/aid").status_code == 401
    assert client.delete("/rules/aid", headers=key).status_code == 204
    assert client.delete("/rules/aid", headers=key).status_code == 404


def test_rules_and_alerts_commands(fired: SQLiteStore, monkeypatch: pytest.MonkeyPatch) -> None:
    runner = CliRunner()
    db = ["--db", fired.path]
    add = ["rules", "add", "aid", *db, "--actor", "North Korea", "--type", "AID,MOBILIZE"]
    hooked = [*add, "--webhook", "https://hooks.example/x"]
    monkeypatch.delenv("WATCHFLOOR_WEBHOOK_SECRET", raising=False)
    refused = runner.invoke(app, hooked)
    assert refused.exit_code == 2 and "needs a secret" in refused.output
    monkeypatch.setenv("WATCHFLOOR_WEBHOOK_SECRET", SECRET)
    assert runner.invoke(app, hooked).exit_code == 0
    assert runner.invoke(app, hooked).exit_code == 2  # the name is taken
    listed = runner.invoke(app, ["rules", "list", *db, "--json"]).output
    rules = {r["name"]: r for r in map(json.loads, listed.splitlines())}
    assert rules["aid"]["types"] == ["AID", "MOBILIZE"] and SECRET not in listed
    shown = runner.invoke(app, ["alerts", *db, "--rule", "russia", "--json"]).output
    (row,) = map(json.loads, shown.splitlines())
    assert row["payload"]["fact"]["target"] == "Russia"
    assert runner.invoke(app, ["alerts", *db, "--since", "2999-01-01", "--json"]).output == ""
    assert runner.invoke(app, ["rules", "remove", "aid", *db]).exit_code == 0
    assert runner.invoke(app, ["rules", "remove", "aid", *db]).exit_code == 1
    with pytest.raises(RuleError):
        new_rule("nothing")


def test_the_brief_lists_what_each_rule_caught(fired: SQLiteStore) -> None:
    from watchfloor.brief import build_brief, to_markdown

    brief = build_brief(fired, "all")
    (section,) = [s for s in brief.sections if s.title == "Caught by watch rules"]
    labels = sorted(item.label for item in section.items)
    assert labels[0] == "russia: SANCTION: European Union -> Russia"
    assert labels[1].startswith("toll: people")
    russia = next(i for i in section.items if i.label.startswith("russia"))
    assert len(russia.links) == 2 and russia.note == "2 source(s)"
    assert "Caught by watch rules" in to_markdown(brief)
    later = build_brief(fired, "2999-01-01")
    assert not next(s for s in later.sections if s.title == "Caught by watch rules").items


def test_webhooks_connect_only_to_addresses_that_pass_the_guard(tmp_path: Path) -> None:
    """The follower posts webhooks through the fetcher's guarded transport: a loopback
    address is refused at connection time, not only by the check before the POST."""
    store = SQLiteStore(tmp_path / "guard.db")
    strict = Follower(store, [], FollowOptions(), DeliveryPolicy(allow_private=False))
    lenient = Follower(store, [], FollowOptions(), DeliveryPolicy(allow_private=True))
    with receiver(SECRET) as hook:
        with pytest.raises(SkipError, match="non-public"):
            strict._webhook_client().post(hook.url, content=b"{}")
        answered = lenient._webhook_client().post(hook.url, content=b"{}")
        assert answered.status_code >= 200  # reached the receiver (which wants a signature)
    store.close()
