"""What every command shares: the consoles, the database option, opening the store."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

import typer
from rich.console import Console

from watchfloor.store import DEFAULT_DATABASE, Store, open_store

console = Console()
err = Console(stderr=True)

DbOption = Annotated[str, typer.Option("--db", help="SQLite file or database URL.")]

__all__ = ["DEFAULT_DATABASE", "DbOption", "console", "err", "opened"]


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
