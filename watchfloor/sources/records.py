"""JSON and JSON Lines article records -> pages.

A record is an object with ``text`` (or ``html``) and optional ``title``,
``url``, ``published``, ``source``, ``author`` and ``doc_id``. A JSON file may
hold one record, a list of them, or ``{"articles": [...]}``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from watchfloor.models import Page, PageKind, Skip, SkipReason

_HINT_FIELDS = ("url", "title", "published", "author", "source")
# JSON's \ud800-style escapes decode to lone surrogates, which no database can store
_SURROGATE = re.compile("[\ud800-\udfff]")


def iter_json_pages(text: str, origin: str, stem: str) -> Iterator[Page | Skip]:
    """Pages from a JSON document holding one record or a list of records."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        yield Skip(origin, SkipReason.MALFORMED_JSON, f"line {exc.lineno}: {exc.msg}")
        return
    if isinstance(value, dict) and isinstance(value.get("articles"), list):
        value = value["articles"]
    if isinstance(value, dict):
        yield record_to_page(value, origin, stem)
        return
    if not isinstance(value, list):
        yield Skip(origin, SkipReason.MALFORMED_JSON, "expected an object or a list of objects")
        return
    for index, item in enumerate(value, start=1):
        yield record_to_page(item, f"{origin}#{index}", f"{stem}-{index}")


def iter_jsonl_pages(text: str, origin: str, stem: str) -> Iterator[Page | Skip]:
    """Pages from JSON Lines; a malformed line is skipped, the rest go on."""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        line_origin = f"{origin}#L{number}"
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Skip(line_origin, SkipReason.MALFORMED_JSON, f"column {exc.colno}: {exc.msg}")
            continue
        yield record_to_page(value, line_origin, f"{stem}-{number}")


def record_to_page(record: Any, origin: str, default_id: str) -> Page | Skip:
    """One article record as a page, or a skip saying what is wrong with it."""
    if not isinstance(record, dict):
        return Skip(origin, SkipReason.MALFORMED_JSON, "record is not an object")
    hints = {name: _string(record.get(name)) for name in _HINT_FIELDS}
    doc_id = _string(record.get("doc_id")) or _string(record.get("id")) or default_id
    text = record.get("text")
    if isinstance(text, str) and text.strip():
        data = _valid(text)
        return Page(origin=origin, kind=PageKind.RECORD, data=data, doc_id=doc_id, **hints)
    html = record.get("html")
    if isinstance(html, str) and html.strip():
        return Page(origin=origin, kind=PageKind.HTML, data=_valid(html), doc_id=doc_id, **hints)
    return Skip(origin, SkipReason.EMPTY, "record has no text or html field")


def _string(value: Any) -> str | None:
    if value is None:
        return None
    text = _valid(str(value)).strip()
    return text or None


def _valid(text: str) -> str:
    """``text`` with each lone surrogate replaced by U+FFFD."""
    return _SURROGATE.sub("\ufffd", text)
