"""Versioned schema migrations, kept as numbered SQL files per backend.

``sqlite_0001_articles.sql`` is version 1 of the SQLite schema; each file runs
once, in order, in its own transaction, and is recorded in ``schema_migrations``.

A line ``-- after: method_name`` names a store method that runs next, in the same
transaction: it fills tables derived from the stored rows, in SQL written once for
every backend (the same method recomputes them later on demand).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

_AFTER = re.compile(r"^-- after: (?P<method>[a-z_]+)\s*$", re.MULTILINE)
_NAME = re.compile(r"^(?P<backend>[a-z]+)_(?P<version>\d{4})_(?P<name>\w+)\.sql$")


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str

    @property
    def after(self) -> str | None:
        """The store method to run once the SQL has run, if any."""
        match = _AFTER.search(self.sql)
        return match["method"] if match else None


def migrations_for(backend: str) -> list[Migration]:
    """All migrations of one backend, oldest first."""
    folder = resources.files("watchfloor.store") / "migrations"
    found: list[Migration] = []
    for entry in folder.iterdir():
        match = _NAME.match(entry.name)
        if match and match["backend"] == backend:
            found.append(Migration(int(match["version"]), match["name"], entry.read_text("utf-8")))
    return sorted(found, key=lambda m: m.version)
