"""Versioned schema migrations, kept as numbered SQL files per backend.

``sqlite_0001_articles.sql`` is version 1 of the SQLite schema; each file runs
once, in order, in its own transaction, and is recorded in ``schema_migrations``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

_NAME = re.compile(r"^(?P<backend>[a-z]+)_(?P<version>\d{4})_(?P<name>\w+)\.sql$")


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def migrations_for(backend: str) -> list[Migration]:
    """All migrations of one backend, oldest first."""
    folder = resources.files("watchfloor.store") / "migrations"
    found: list[Migration] = []
    for entry in folder.iterdir():
        match = _NAME.match(entry.name)
        if match and match["backend"] == backend:
            found.append(Migration(int(match["version"]), match["name"], entry.read_text("utf-8")))
    return sorted(found, key=lambda m: m.version)
