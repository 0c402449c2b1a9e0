"""Commands over the actor registry: actors, actor."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from watchfloor.cli.common import DEFAULT_DATABASE, DbOption, console, found, opened


def actors_cmd(
    db: DbOption = DEFAULT_DATABASE,
    country: Annotated[str | None, typer.Option(help="ISO alpha-3 code, e.g. PRK.")] = None,
    kind: Annotated[str | None, typer.Option("--type", help="PERSON, ORG, GPE or GROUP.")] = None,
    search: Annotated[str | None, typer.Option("--search", "-s", help="Part of a name.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=10_000)] = 50,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """List actors in the registry, most reported first."""
    with opened(db) as store:
        rows = store.list_actors(country=country, kind=kind, search=search, limit=limit)
    if as_json:
        for row in rows:
            print(json.dumps(row.__dict__, ensure_ascii=False))
        return
    table = Table("name", "type", "country", "articles", "mentions", "first seen", "last seen")
    for r in rows:
        table.add_row(
            r.name,
            r.type,
            r.country or "",
            str(r.articles),
            str(r.mentions),
            (r.first_seen or "")[:10],
            (r.last_seen or "")[:10],
        )
    console.print(table)


def actor_cmd(
    name: Annotated[str, typer.Argument(help="A name, alias or registry key.")],
    db: DbOption = DEFAULT_DATABASE,
) -> None:
    """One actor's profile: aliases, roles, countries, article count, first and last seen."""
    with opened(db) as store:
        profile = found(store.get_actor(name), f"no actor named {name!r}")
    s = profile.summary
    console.print(Text(f"{s.name}  ({s.type}, {s.country or 'no country'})", style="bold"))
    console.print(f"key {s.key}  wikidata {profile.wikidata or '-'}")
    console.print(
        f"{s.articles} articles, {s.mentions} mentions, "
        f"first seen {(s.first_seen or '-')[:10]}, last seen {(s.last_seen or '-')[:10]}"
    )
    console.print(Text("aliases: " + ", ".join(profile.aliases)))
    console.print(Text("countries: " + (", ".join(profile.countries) or "-")))
    for role, org, country, when in profile.roles:
        label = " ".join(x for x in (role, f"({org})" if org else "", country) if x)
        console.print(Text(f"  role: {label}  [{(when or '')[:10]}]"))
