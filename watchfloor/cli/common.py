"""What every command shares: the consoles, the database option, opening the store."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, TypeVar
from urllib.parse import urlsplit, urlunsplit

import psycopg
import typer
from rich.console import Console

from watchfloor.store import DEFAULT_DATABASE, Store, open_store

console = Console()
err = Console(stderr=True)

DbOption = Annotated[str, typer.Option("--db", help="SQLite file or database URL.")]

__all__ = ["DEFAULT_DATABASE", "DbOption", "console", "err", "found", "opened", "shown"]

T = TypeVar("T")


def found(value: T | None, missing: str) -> T:
    """``value``, or a clear message and exit 1 when the look-up found nothing."""
    if value is None:
        err.print(missing)
        raise typer.Exit(1)
    return value


def shown(db: str) -> str:
    """The database as it may be printed: a password in its URL is masked."""
    parts = urlsplit(db)
    if parts.password is None:
        return db
    user = parts.username or ""
    host = parts.hostname or ""
    if parts.port is not None:
        host = f"{host}:{parts.port}"
    return urlunsplit(parts._replace(netloc=f"{user}:***@{host}"))


@contextmanager
def opened(db: str) -> Iterator[Store]:
    """The store at ``db``, closed afterwards; a clear error and exit 2 if it cannot open,
    exit 3 if the database fails mid-command (a server restarted: every write is one
    transaction, so what was stored stays whole and the same command resumes it)."""
    try:
        store = open_store(db)
    except (ValueError, OSError) as exc:
        err.print(f"cannot open database {shown(db)!r}: {exc}")
        raise typer.Exit(2) from exc
    try:
        yield store
    except (sqlite3.Error, psycopg.Error) as exc:
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        err.print(f"database error on {shown(db)!r}: {detail}; run the command again to resume")
        raise typer.Exit(3) from exc
    finally:
        _close(store)


def _close(store: Store) -> None:
    try:
        store.close()
    except (sqlite3.Error, psycopg.Error) as exc:  # a connection the server dropped
        err.print(f"closing the database: {exc}")
