"""Storage: one :class:`Store` interface, chosen by a database URL."""

from __future__ import annotations

from pathlib import Path

from watchfloor.store.base import Fingerprint, Store, StoredArticle
from watchfloor.store.sqlite import SQLiteStore

DEFAULT_DATABASE = "watchfloor.db"

__all__ = ["DEFAULT_DATABASE", "Fingerprint", "SQLiteStore", "Store", "StoredArticle", "open_store"]


def open_store(target: str | Path = DEFAULT_DATABASE) -> Store:
    """Open a store from a URL (``sqlite:///file.db``) or a plain file path."""
    text = str(target)
    if text.startswith("sqlite:///"):
        return SQLiteStore(text.removeprefix("sqlite:///"))
    if text.startswith("sqlite://"):
        return SQLiteStore(text.removeprefix("sqlite://") or ":memory:")
    if "://" in text:
        scheme = text.split("://", 1)[0]
        raise ValueError(f"unsupported database URL scheme {scheme!r}: use sqlite:///FILE")
    return SQLiteStore(text)
