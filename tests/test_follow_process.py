"""``watchfloor follow`` as a real subprocess: SIGTERM finishes the current article,
SIGKILL loses nothing stored and no alert (each delivered once, by its key)."""

from __future__ import annotations

import random
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from follow_sites import BOMBING, FLOODS, SANCTIONS_A, SANCTIONS_B, NewsSite, receiver
from loopback_server import serve

from watchfloor.alerts.rules import add_rule, new_rule
from watchfloor.store import SQLiteStore

SECRET = "process-secret-" + "x" * 16
COMMAND = [sys.executable, "-c", "from watchfloor.cli import app; app()", "follow"]


def start(db: Path, sources: Path, log: Path) -> subprocess.Popen[bytes]:
    args = ["--db", str(db), "--every", "1s", "--per-host-delay", "0", "--allow-private"]
    with log.open("ab") as out:
        return subprocess.Popen(
            [*COMMAND, str(sources), *args, "--retry-after", "0.2"],
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
        )


def wait_for(condition: Callable[[], bool], process: subprocess.Popen[bytes], limit: float) -> None:
    deadline = time.monotonic() + limit
    while not condition():
        assert process.poll() is None, "the follower exited early"
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def stored(db: Path, sql: str) -> list[dict[str, object]]:
    store = SQLiteStore(db)
    try:
        return store._all(sql)
    finally:
        store.close()


def count(db: Path, table: str) -> int:
    return int(stored(db, f"SELECT count(*) AS n FROM {table}")[0]["n"])  # type: ignore[call-overload]


def sources_file(tmp_path: Path, *urls: str) -> Path:
    path = tmp_path / "sources.txt"
    path.write_text("\n".join(urls) + "\n")
    return path


def test_sigterm_finishes_the_current_article(tmp_path: Path) -> None:
    db, log = tmp_path / "wf.db", tmp_path / "follow.log"
    SQLiteStore(db).close()
    with serve() as server:
        site = NewsSite(server, "wire", "Wire One")
        for index, (title, text) in enumerate((SANCTIONS_A, FLOODS, BOMBING)):
            site.publish(f"s{index}", title, text, delay=1.5)  # slow pages
        process = start(db, sources_file(tmp_path, site.feed_url), log)
        try:
            wait_for(lambda: count(db, "articles") >= 1, process, 120)
            process.send_signal(signal.SIGTERM)
            assert process.wait(timeout=60) == 0
        finally:
            process.kill()
    assert "stopped" in log.read_text()
    articles = count(db, "articles")
    assert 1 <= articles < 3  # it stopped early ...
    assert count(db, "analysed") == articles  # ... but finished the article it had
    progress = stored(db, "SELECT article_id FROM alert_progress")[0]["article_id"]
    assert progress == stored(db, "SELECT max(id) AS id FROM articles")[0]["id"]


def test_sigkill_while_an_alert_is_sent_delivers_it_once_after_restart(tmp_path: Path) -> None:
    db, log = tmp_path / "wf.db", tmp_path / "follow.log"
    store = SQLiteStore(db)
    with serve() as server, receiver(SECRET) as hook:
        add_rule(store, new_rule("russia", actor="Russia", webhook=hook.url, webhook_secret=SECRET))
        store.close()
        site = NewsSite(server, "wire", "Wire One")
        site.publish("eu", *SANCTIONS_A)
        listing = sources_file(tmp_path, site.feed_url)
        hook.hold.set()  # the first POST hangs: the fact and its alert are stored, not sent
        process = start(db, listing, log)
        try:
            wait_for(lambda: hook.held == 1, process, 120)
            process.kill()  # SIGKILL between storing the alert and its delivery
            process.wait(timeout=30)
        finally:
            process.kill()
            hook.hold.clear()
        (alert,) = stored(db, "SELECT key FROM alerts")
        assert stored(db, "SELECT status FROM alert_outbox") == [{"status": "pending"}]
        process = start(db, listing, log)
        try:
            wait_for(lambda: len(hook.accepted_ids()) == 1, process, 120)
            time.sleep(2.5)  # time for a duplicate to show up, if one were coming
            process.send_signal(signal.SIGTERM)
            assert process.wait(timeout=60) == 0
        finally:
            process.kill()
    assert hook.accepted_ids() == [alert["key"]]
    assert all(d.signature_ok for d in hook.deliveries)
    assert count(db, "alerts") == 1 and count(db, "articles") == 1


@pytest.mark.slow
def test_random_sigkills_lose_and_repeat_no_alert(tmp_path: Path) -> None:
    db, log = tmp_path / "wf.db", tmp_path / "follow.log"
    store = SQLiteStore(db)
    randomness = random.Random(16)
    with serve() as server, receiver(SECRET, fail_first=1) as hook:
        for name, extra in (
            ("russia", {"actor": "Russia"}),
            ("corroborated", {"actor": "Russia", "min_sources": 2}),
            ("toll", {"section": "claims", "claim_above": 30}),
        ):
            rule = new_rule(name, webhook=hook.url, webhook_secret=SECRET, **extra)  # type: ignore[arg-type]
            add_rule(store, rule)
        store.close()
        wire, daily = NewsSite(server, "wire", "Wire One"), NewsSite(server, "daily", "Daily Two")
        wire.publish("eu", *SANCTIONS_A, delay=0.3)
        wire.publish("bomb", *BOMBING, delay=0.3)
        daily.publish("floods", *FLOODS, delay=0.3)
        daily.publish("brussels", *SANCTIONS_B, delay=0.3)
        listing = sources_file(tmp_path, wire.feed_url, daily.feed_url)
        for _ in range(3):
            process = start(db, listing, log)
            time.sleep(randomness.uniform(1.0, 8.0))
            process.kill()
            process.wait(timeout=30)
        process = start(db, listing, log)
        try:
            wait_for(lambda: len(set(hook.accepted_ids())) == 3, process, 180)
            time.sleep(2.0)
            process.send_signal(signal.SIGTERM)
            assert process.wait(timeout=60) == 0
        finally:
            process.kill()
    keys = {str(row["key"]) for row in stored(db, "SELECT key FROM alerts")}
    assert len(keys) == 3 and set(hook.accepted_ids()) == keys  # none lost, by key
    assert stored(db, "SELECT DISTINCT status FROM alert_outbox") == [{"status": "sent"}]
    assert count(db, "articles") == 4


def test_serve_follows_sources_too(tmp_path: Path) -> None:
    import httpx

    db, log = tmp_path / "wf.db", tmp_path / "serve.log"
    SQLiteStore(db).close()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with serve() as server:
        site = NewsSite(server, "wire", "Wire One")
        site.publish("floods", *FLOODS)
        listing = sources_file(tmp_path, site.feed_url)
        command = [*COMMAND[:-1], "serve", "--db", str(db), "--port", str(port)]
        with log.open("ab") as out:
            process = subprocess.Popen(
                [*command, "--allow-private", "--follow", str(listing), "--every", "1s"],
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
            )

        def followed() -> bool:
            try:
                rows = httpx.get(f"http://127.0.0.1:{port}/sources", timeout=2).json()
            except httpx.HTTPError:
                return False
            return bool(rows) and rows[0]["new_pages"] == 1

        try:
            wait_for(followed, process, 120)
            process.send_signal(signal.SIGTERM)
            assert process.wait(timeout=60) in (0, -signal.SIGTERM)  # uvicorn re-raises it
        finally:
            process.kill()
    assert "follower stopped" in log.read_text()
    assert count(db, "articles") == 1 and count(db, "analysed") == 1
