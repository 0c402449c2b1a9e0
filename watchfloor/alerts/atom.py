"""Alerts as Atom 1.0 feeds (RFC 4287), written with lxml.

Each entry is one alert: its title, the fact, every evidence sentence and every
article link (the first as the entry's ``alternate`` link, the others as
``related`` links, all of them in the content). ``updated`` moves when a second
source reports it; ``published`` is when it fired. (feedgen 1.0 was tried: it
drops the ``rel`` and ``title`` of entry links, so an entry had no alternate.)
"""

from __future__ import annotations

import html
import json
from datetime import UTC, datetime
from typing import Any

from lxml import etree

FEED_ID = "urn:watchfloor:alerts"
NS = "http://www.w3.org/2005/Atom"


def alerts_atom(alerts: list[dict[str, Any]], title: str, self_url: str, feed_id: str) -> bytes:
    """The Atom document of ``alerts`` (newest first), UTF-8."""
    feed = etree.Element(f"{{{NS}}}feed", nsmap={None: NS})
    _add(feed, "id", feed_id)
    _add(feed, "title", title)
    stamps = [_time(a["updated_at"]) for a in alerts]
    _add(feed, "updated", _stamp(max(stamps) if stamps else datetime.now(UTC)))
    _add(_add(feed, "author"), "name", "watchfloor")
    _add(feed, "link", href=self_url, rel="self", type="application/atom+xml")
    _add(feed, "generator", "watchfloor")
    for alert in alerts:
        _entry(feed, alert)
    return bytes(etree.tostring(feed, xml_declaration=True, encoding="utf-8", pretty_print=True))


def _entry(feed: etree._Element, alert: dict[str, Any]) -> None:
    payload = json.loads(alert["payload"])
    entry = _add(feed, "entry")
    _add(entry, "id", f"urn:watchfloor:alert:{alert['key']}")
    _add(entry, "title", str(alert["title"]))
    _add(entry, "updated", _stamp(_time(alert["updated_at"])))
    _add(entry, "published", _stamp(_time(alert["created_at"])))
    _add(entry, "category", term=str(alert["rule"]), label=f"rule {alert['rule']}")
    links = [a for a in payload.get("articles", []) if a.get("url")]
    for index, article in enumerate(links):
        rel = "alternate" if index == 0 else "related"
        name = str(article.get("title") or article["url"])
        _add(entry, "link", href=str(article["url"]), rel=rel, type="text/html", title=name)
    summary = " ".join(payload.get("evidence", []))[:500] or str(alert["title"])
    _add(entry, "summary", summary, type="text")
    _add(entry, "content", _content(payload), type="html")


def _add(parent: etree._Element, name: str, text: str | None = None, **attrs: str) -> Any:
    element = etree.SubElement(parent, f"{{{NS}}}{name}", attrs)
    if text is not None:
        element.text = text
    return element


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


def _stamp(moment: datetime) -> str:
    """RFC 3339, as Atom dates must be."""
    return moment.astimezone(UTC).isoformat(timespec="seconds")
