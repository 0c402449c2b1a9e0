"""Alerts as Atom 1.0 feeds (RFC 4287), written with feedgen.

Each entry is one alert: its title, the fact, every evidence sentence and every
article link (the first as the entry's alternate link, all of them as related
links and in the content). ``updated`` moves when a second source reports it.
"""

from __future__ import annotations

import html
import json
from datetime import UTC, datetime
from typing import Any

from feedgen.feed import FeedGenerator

FEED_ID = "urn:watchfloor:alerts"


def alerts_atom(alerts: list[dict[str, Any]], title: str, self_url: str, feed_id: str) -> bytes:
    """The Atom document of ``alerts`` (newest first), UTF-8."""
    feed = FeedGenerator()
    feed.id(feed_id)
    feed.title(title)
    feed.author({"name": "watchfloor"})
    feed.link(href=self_url, rel="self", type="application/atom+xml")
    feed.generator("watchfloor")
    times = [_time(a["updated_at"]) for a in alerts]
    feed.updated(max(times) if times else datetime.now(UTC))
    for alert in reversed(alerts):  # feedgen puts the last added entry first
        _entry(feed, alert)
    return bytes(feed.atom_str(pretty=True))


def _entry(feed: FeedGenerator, alert: dict[str, Any]) -> None:
    payload = json.loads(alert["payload"])
    entry = feed.add_entry()
    entry.id(f"urn:watchfloor:alert:{alert['key']}")
    entry.title(str(alert["title"]))
    entry.published(_time(alert["created_at"]))
    entry.updated(_time(alert["updated_at"]))
    entry.category(term=str(alert["rule"]), label=f"rule {alert['rule']}")
    links = [a for a in payload.get("articles", []) if a.get("url")]
    for index, article in enumerate(links):
        rel = "alternate" if index == 0 else "related"
        entry.link(href=article["url"], rel=rel, title=article.get("title") or article["url"])
    entry.summary(" ".join(payload.get("evidence", []))[:500] or str(alert["title"]))
    entry.content(_content(payload), type="html")


def _content(payload: dict[str, Any]) -> str:
    fact = payload.get("fact", {})
    who = " → ".join(str(n) for n in (fact.get("source"), fact.get("target")) if n)
    lines = [
        f"<p><b>{_e(fact.get('kind') or fact.get('section'))}</b> {_e(who)}"
        f" ({_e(fact.get('date') or 'undated')}), {payload.get('source_count', 1)} source(s)</p>",
        "<ul>",
        *(f"<li>{_e(text)}</li>" for text in payload.get("evidence", [])),
        "</ul><ul>",
        *(
            f'<li><a href="{_e(a.get("url"))}">{_e(a.get("title") or a.get("url"))}</a>'
            f" {_e(a.get('source') or '')} {_e(a.get('published') or '')}</li>"
            for a in payload.get("articles", [])
        ),
        "</ul>",
    ]
    return "\n".join(lines)


def _e(value: Any) -> str:
    return html.escape(str(value)) if value is not None else ""


def _time(text: str) -> datetime:
    value = datetime.fromisoformat(str(text))
    return value if value.tzinfo else value.replace(tzinfo=UTC)
