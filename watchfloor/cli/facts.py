"""Commands that list stored facts: events, quotes, claims, forecasts, watch."""

# No "from __future__ import annotations": typer reads these annotations at run time,
# and the help text of each command closes over its section.

import json
from collections.abc import Callable
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from watchfloor.cli.common import DEFAULT_DATABASE, DbOption, console, err, opened
from watchfloor.extract.dates import normalise_date
from watchfloor.store.sqlite_facts import FactRow

_KIND_HELP = {
    "events": "PLOVER event type, e.g. ASSAULT.",
    "quotes": "direct or indirect.",
    "claims": "Unit, e.g. soldiers, USD, percent.",
    "forecasts": "Estimative phrase, e.g. likely.",
    "watch_items": "Due date.",
}


def lister(section: str) -> Callable[..., None]:
    """The list command of one facts section."""

    def command(
        db: DbOption = DEFAULT_DATABASE,
        actor: Annotated[str | None, typer.Option(help="Source or target actor (name).")] = None,
        kind: Annotated[str | None, typer.Option("--type", help=_KIND_HELP[section])] = None,
        country: Annotated[str | None, typer.Option(help="Actor's country, ISO alpha-3.")] = None,
        since: Annotated[str | None, typer.Option(help="On or after this date.")] = None,
        until: Annotated[str | None, typer.Option(help="On or before this date.")] = None,
        search: Annotated[
            str | None, typer.Option("--search", "-s", help="Words in the evidence.")
        ] = None,
        limit: Annotated[int, typer.Option(min=1, max=10_000)] = 50,
        as_json: Annotated[bool, typer.Option("--json", help="JSON lines.")] = False,
    ) -> None:
        dates = [_date(since, "--since"), _date(until, "--until")]
        with opened(db) as store:
            rows = store.list_facts(
                section,
                actor=actor,
                kind=kind,
                country=country,
                since=dates[0],
                until=dates[1],
                search=search,
                limit=limit,
            )
        if as_json:
            for row in rows:
                print(json.dumps(_json(row), ensure_ascii=False))
            return
        _print(section, rows)

    command.__doc__ = (
        f"List stored {section.replace('_', ' ')}, each with its evidence and article."
    )
    return command


def _date(value: str | None, name: str) -> str | None:
    if value is None:
        return None
    iso = normalise_date(value)
    if iso is None:
        err.print(f"not a date: {value!r}")
        raise typer.BadParameter(f"not a date: {value!r}", param_hint=name)
    return iso


def _json(row: FactRow) -> dict[str, object]:
    return {
        **row.data,
        "section": row.section,
        "article": row.doc_id,
        "url": row.url,
        "published": row.published,
    }


def _print(section: str, rows: list[FactRow]) -> None:
    table = Table("date", "kind", "who", "evidence", "article", title=section.replace("_", " "))
    for row in rows:
        who = " → ".join(x for x in (row.source, row.target) if x)
        table.add_row(
            (row.date or row.published or "")[:10],
            row.kind or "",
            who,
            Text(row.evidence),
            row.url or row.doc_id,
        )
    console.print(table)
