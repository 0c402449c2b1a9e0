"""The ``stories`` command: stories with their article counts, and the rebuild."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from watchfloor.cli.common import DEFAULT_DATABASE, DbOption, console, err, opened
from watchfloor.store import Store
from watchfloor.stories import file_pending, rebuild
from watchfloor.stories.filing import backend


def stories_cmd(
    db: DbOption = DEFAULT_DATABASE,
    rebuild_all: Annotated[
        bool, typer.Option("--rebuild", help="Recompute every story and merged event.")
    ] = False,
    limit: Annotated[int, typer.Option(min=1, max=10_000)] = 50,
) -> None:
    """List stories, latest first, with their articles and distinct sources."""
    with opened(db) as store:
        file_stories(store, everything=rebuild_all)
        rows = backend(store).list_stories(limit=limit)
    table = Table("id", "first", "last", "articles", "sources", "title", title="stories")
    for row in rows:
        table.add_row(
            str(row["id"]),
            (row["first_published"] or "")[:10],
            (row["last_published"] or "")[:10],
            str(row["article_count"]),
            str(row["source_count"]),
            row["title"] or "",
        )
    console.print(table)


def file_stories(store: Store, everything: bool = False) -> None:
    """File the articles not filed yet (or, with ``everything``, all again), with a bar."""
    if not everything and not backend(store).unfiled_article_ids():
        return
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=err, transient=True) as progress:
        task = progress.add_task("filing stories", total=None)

        def advance(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        if everything:
            rebuild(store, advance)
        else:
            file_pending(store, advance)
