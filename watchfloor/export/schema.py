"""The columns of every exported table, with one portable kind each.

One table per store table: ``articles``, ``actors`` and one per facts section.
Every kind maps to one Parquet type and one way of writing a CSV cell:

``str`` text, ``int`` 64-bit integer, ``float`` double, ``bool`` true/false,
``strs`` a list of text (a JSON array in a CSV cell).
"""

from __future__ import annotations

from typing import Any

Column = tuple[str, str]  # name, kind
Row = dict[str, Any]

SECTIONS = ("events", "quotes", "claims", "forecasts", "watch_items")
TABLES = ("articles", "actors", *SECTIONS)

ARTICLES: tuple[Column, ...] = (
    ("id", "int"),
    ("doc_id", "str"),
    ("title", "str"),
    ("published", "str"),
    ("ingested_at", "str"),
    ("source", "str"),
    ("author", "str"),
    ("language", "str"),
    ("word_count", "int"),
    ("copies", "int"),
    ("origin", "str"),
    ("url", "str"),
    ("urls", "strs"),
    ("text", "str"),
)

ACTORS: tuple[Column, ...] = (
    ("id", "int"),
    ("key", "str"),
    ("name", "str"),
    ("type", "str"),
    ("country", "str"),
    ("wikidata", "str"),
    ("known", "bool"),
    ("aliases", "strs"),
    ("articles", "int"),
    ("mentions", "int"),
    ("first_seen", "str"),
    ("last_seen", "str"),
)

# The fields of each section's stored fact JSON that become columns.
FACT_FIELDS: dict[str, tuple[Column, ...]] = {
    "events": (
        ("type", "str"),
        ("mode", "str"),
        ("modality", "str"),
        ("date", "str"),
        ("date_text", "str"),
        ("location", "str"),
        ("location_country", "str"),
        ("location_lat", "float"),
        ("location_lon", "float"),
        ("place_id", "int"),
        ("place_name", "str"),
        ("trigger", "str"),
    ),
    "quotes": (("kind", "str"), ("text", "str"), ("cue", "str")),
    "claims": (
        ("subject", "str"),
        ("value", "float"),
        ("value_high", "float"),
        ("unit", "str"),
        ("currency", "str"),
        ("change", "str"),
        ("previous", "float"),
        ("qualifier", "str"),
    ),
    "forecasts": (
        ("statement", "str"),
        ("phrase", "str"),
        ("p_low", "float"),
        ("p_high", "float"),
        ("negated", "bool"),
        ("condition", "str"),
        ("horizon_text", "str"),
        ("horizon_end", "str"),
    ),
    "watch_items": (("text", "str"), ("due", "str"), ("actors", "strs")),
}

# Actor roles of each section: (column prefix, the store's side: source or target actor).
ACTOR_ROLES: dict[str, tuple[tuple[str, str], ...]] = {
    "events": (("source", "source"), ("target", "target")),
    "quotes": (("speaker", "source"),),
    "claims": (("source", "source"),),
    "forecasts": (("source", "source"),),
    "watch_items": (),
}
ACTOR_FIELDS: tuple[Column, ...] = (
    ("key", "str"),
    ("name", "str"),
    ("country", "str"),
    ("type", "str"),
    ("wikidata", "str"),
)

# Where each fact is stated: its evidence and its article, in every facts table.
FACT_SOURCE: tuple[Column, ...] = (
    ("evidence", "str"),
    ("evidence_start", "int"),
    ("evidence_end", "int"),
    ("doc_id", "str"),
    ("title", "str"),
    ("publication", "str"),
    ("published", "str"),
    ("url", "str"),
    ("urls", "strs"),
)


def fact_columns(section: str) -> tuple[Column, ...]:
    """The columns of one facts table: id, the fact, its actors, its evidence and article."""
    actors = tuple(
        (f"{prefix}_{name}", kind)
        for prefix, _ in ACTOR_ROLES[section]
        for name, kind in ACTOR_FIELDS
    )
    extra: tuple[Column, ...] = (("quad_class", "str"),) if section == "events" else ()
    ids: tuple[Column, ...] = (("fact_id", "int"), ("article_id", "int"), ("ordinal", "int"))
    return ids + FACT_FIELDS[section] + extra + actors + FACT_SOURCE


def columns(table: str) -> tuple[Column, ...]:
    if table == "articles":
        return ARTICLES
    if table == "actors":
        return ACTORS
    if table in SECTIONS:
        return fact_columns(table)
    raise ValueError(f"unknown table {table!r}")


def coerce(kind: str, value: Any) -> Any:
    """``value`` as its column's kind; None where it is missing or not of that kind."""
    if value is None:
        return [] if kind == "strs" else None
    try:
        if kind == "str":
            return str(value)
        if kind == "int":
            return int(value)
        if kind == "float":
            return float(value)
        if kind == "bool":
            return bool(value)
    except (TypeError, ValueError):
        return None
    if kind == "strs":
        return [str(v) for v in value] if isinstance(value, list | tuple) else [str(value)]
    raise ValueError(f"unknown column kind {kind!r}")


def project(table_columns: tuple[Column, ...], values: Row) -> Row:
    """A row with exactly the table's columns, in order, each of its kind."""
    return {name: coerce(kind, values.get(name)) for name, kind in table_columns}
