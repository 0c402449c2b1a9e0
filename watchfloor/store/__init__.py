"""Storage: one :class:`Store` interface, chosen by a database URL.

``sqlite:///file.db`` (or a plain path) opens :class:`SQLiteStore`;
``postgresql://...`` (or ``postgres://...``) opens
:class:`~watchfloor.store.postgres.PostgresStore`.
"""

from __future__ import annotations

from pathlib import Path

from watchfloor.store.base import Fingerprint, Store, StoredArticle
from watchfloor.store.sqlite import SQLiteStore

DEFAULT_DATABASE = "watchfloor.db"
POSTGRES_SCHEMES = ("postgresql://", "postgres://")

__all__ = ["DEFAULT_DATABASE", "Fingerprint", "SQLiteStore", "Store", "StoredArticle", "open_store"]


def open_store(target: str | Path = DEFAULT_DATABASE) -> Store:
    """Open a store from a URL (``sqlite:///file.db``, ``postgresql://...``) or a file path.

    A PostgreSQL server that cannot be reached raises :class:`ConnectionError`
    (an :class:`OSError`, as a SQLite file that cannot be opened does).
    """
    text = str(target)
    if text.startswith(POSTGRES_SCHEMES):
        from watchfloor.store.postgres import PostgresStore  # psycopg only when asked for

        return PostgresStore(text)
    if text.startswith("sqlite:///"):
        return SQLiteStore(text.removeprefix("sqlite:///"))
    if text.startswith("sqlite://"):
        return SQLiteStore(text.removeprefix("sqlite://") or ":memory:")
    if "://" in text:
        scheme = text.split("://", 1)[0]
        raise ValueError(
            f"unsupported database URL scheme {scheme!r}: use sqlite:///FILE or postgresql://..."
        )
    return SQLiteStore(text)
