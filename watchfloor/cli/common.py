"""What every command shares: the consoles, the database option, opening the store."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, TypeVar

import typer
from rich.console import Console

from watchfloor.store import DEFAULT_DATABASE, Store, open_store

console = Console()
err = Console(stderr=True)

DbOption = Annotated[str, typer.Option("--db", help="SQLite file or database URL.")]

__all__ = ["DEFAULT_DATABASE", "DbOption", "console", "err", "found", "opened"]

T = TypeVar("T")


def found(value: T | None, missing: str) -> T:
    """``value``, or a clear message and exit 1 when the look-up found nothing."""
    if value is None:
        err.print(missing)
        raise typer.Exit(1)
    return value


@contextmanager
def opened(db: str) -> Iterator[Store]:
    """The store at ``db``, closed afterwards; a clear error and exit 2 if it cannot open."""
    try:
        store = open_store(db)
    except (ValueError, OSError) as exc:
        err.print(f"cannot open database {db!r}: {exc}")
        raise typer.Exit(2) from exc
    try:
        yield store
    finally:
        store.close()
