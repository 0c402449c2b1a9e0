"""The brief lists what the watch rules caught since the last brief, on SQLite and
PostgreSQL: alerts fired before the last brief are not listed again, new ones are,
and a preview (``watchfloor brief --no-mark``, ``GET /brief``, the dashboard) moves
no mark. Alerts are filed here as the alert engine files them (``save_alert``).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from watchfloor.alerts.rules import add_rule, new_rule
from watchfloor.api import ApiSettings, create_app
from watchfloor.brief import Brief, build_brief, mark_brief, to_markdown
from watchfloor.cli import app
from watchfloor.dedup import fingerprint
from watchfloor.models import Article, BlockKind, build_blocks
from watchfloor.store import SQLiteStore, Store
from watchfloor.store.sql_base import now
from watchfloor.store.sql_store import SQLStore

API_KEY = "test-key-" + "b" * 32


def fire(store: Store, rule: str, subject: str, sources: int = 1, at: str | None = None) -> None:
    """An alert of ``rule`` about ``subject``, as the engine writes one (with an article
    of its day stored first: a brief's window ends at the newest article)."""
    assert isinstance(store, SQLStore)
    if not store.counts()["articles"]:
        body, blocks = build_blocks([(BlockKind.PARAGRAPH, "Aid convoys reached the port.")])
        article = Article("a1", "test:a1", body, blocks, published="2030-01-02")
        store.add_article(article, fingerprint(body)[0])
    found = store.watch_rule(rule)
    rule_id = add_rule(store, new_rule(rule, keyword=rule)).id if found is None else found["id"]
    articles = [
        {"url": f"https://news{n}.example/{subject}", "title": subject, "published": "2030-01-02"}
        for n in range(sources)
    ]
    payload = {"evidence": [f"Evidence of {subject}."], "articles": articles}
    row = {
        "rule_id": rule_id,
        "subject": f"event:{subject}",
        "key": f"wf-{rule_id}-{subject}",
        "title": subject,
        "payload": json.dumps(payload, sort_keys=True),
        "source_count": sources,
        "at": at or now(),
    }
    with store.alerts_transaction():
        store.save_alert(row, None)


def caught(brief: Brief) -> list[str]:
    (section,) = [s for s in brief.sections if s.title == "Caught by watch rules"]
    return sorted(item.label for item in section.items)


def test_alerts_fired_before_the_last_brief_are_not_listed_again(any_store: Store) -> None:
    fire(any_store, "aid", "convoy")
    fire(any_store, "strike", "port")
    first = build_brief(any_store, "all")  # no brief yet: what fired in the window
    assert caught(first) == ["aid: convoy", "strike: port"]
    assert build_brief(any_store, "all") == first  # building one records nothing
    assert mark_brief(any_store, first) is not None

    fire(any_store, "aid", "airlift")
    fire(any_store, "aid", "convoy", sources=2)  # a second source: updated, not fired again
    second = build_brief(any_store, "all")
    assert caught(second) == ["aid: airlift"]
    section = next(s for s in second.sections if s.title == "Caught by watch rules")
    assert section.note.startswith("Since the last brief, produced ")
    assert "Since the last brief" in to_markdown(second)
    assert caught(build_brief(any_store, "1h")) == ["aid: airlift"]  # whatever the window
    mark_brief(any_store, second)

    third = build_brief(any_store, "all")
    assert caught(third) == []
    assert "No watch rule fired since the last brief." in to_markdown(third)


def test_an_alert_given_the_id_of_a_removed_one_is_still_new(any_store: Store) -> None:
    """SQLite hands out the highest id again once its row is gone (a rule removed with
    its alerts); an alert created after the brief's second is new all the same."""
    assert isinstance(any_store, SQLStore)
    fire(any_store, "aid", "convoy")
    fire(any_store, "gone", "quake")
    mark_brief(any_store, build_brief(any_store, "all"))
    assert any_store.remove_rule("gone")
    later = (datetime.now(UTC) + timedelta(seconds=2)).isoformat(timespec="seconds")
    fire(any_store, "strike", "port", at=later)
    assert caught(build_brief(any_store, "all")) == ["strike: port"]


def test_the_cli_brief_records_itself_and_no_mark_previews(tmp_path: Path) -> None:
    db = tmp_path / "cli.db"
    store = SQLiteStore(db)
    fire(store, "aid", "convoy")
    store.close()
    runner = CliRunner()
    for _ in range(2):  # previews: the alert stays new
        shown = runner.invoke(app, ["brief", "--db", str(db), "--since", "all", "--no-mark"])
        assert shown.exit_code == 0 and "aid: convoy" in shown.output
    out = tmp_path / "brief.md"
    written = runner.invoke(app, ["brief", "--db", str(db), "--since", "all", "--out", str(out)])
    assert written.exit_code == 0 and "aid: convoy" in out.read_text(encoding="utf-8")
    after = runner.invoke(app, ["brief", "--db", str(db), "--since", "all"])
    assert after.exit_code == 0 and "aid: convoy" not in after.output
    assert "No watch rule fired since the last brief." in after.output


def test_the_api_previews_on_get_and_records_on_post(tmp_path: Path) -> None:
    db = tmp_path / "api.db"
    store = SQLiteStore(db)
    fire(store, "aid", "convoy")
    store.close()
    client = TestClient(create_app(ApiSettings(database=str(db), api_key=API_KEY)))
    key = {"X-API-Key": API_KEY}

    def labels(body: dict[str, object]) -> list[str]:
        sections = body["sections"]
        assert isinstance(sections, list)
        (section,) = [s for s in sections if s["title"] == "Caught by watch rules"]
        return [item["label"] for item in section["items"]]

    for _ in range(2):
        preview = client.get("/brief", params={"since": "all"})
        assert preview.status_code == 200 and labels(preview.json()) == ["aid: convoy"]
        assert preview.json()["marked_at"] is None
        assert client.get("/", params={"since": "all"}).status_code == 200  # the dashboard
    assert client.get("/brief", params={"since": "soon"}).status_code == 422
    assert client.get("/brief", params={"from_day": "2030-01-02"}).json()["since"] == "2030-01-02"
    assert client.post("/brief", params={"since": "all"}).status_code == 401
    delivered = client.post("/brief", params={"since": "all"}, headers=key)
    assert delivered.status_code == 200 and labels(delivered.json()) == ["aid: convoy"]
    assert delivered.json()["marked_at"]
    assert "aid: convoy" in delivered.json()["markdown"]
    assert labels(client.get("/brief", params={"since": "all"}).json()) == []
    page = client.get("/", params={"since": "all"}).text
    assert "Since the last brief" in page and "No watch rule fired since the last brief." in page
