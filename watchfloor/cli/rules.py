"""``watchfloor rules add|list|remove`` and ``watchfloor alerts``."""

# No "from __future__ import annotations": typer reads these annotations at run time.

import json
from typing import Annotated

import typer
from rich.table import Table

from watchfloor.alerts.rules import RuleError, add_rule, list_rules, new_rule
from watchfloor.alerts.webhook import SECRET_ENV
from watchfloor.cli.common import DEFAULT_DATABASE, DbOption, console, err, opened
from watchfloor.follow import follow_backend

rules_app = typer.Typer(help="Watch rules: what to be alerted about.", no_args_is_help=True)
SECTION_HELP = "events, quotes, claims, forecasts or watch_items."


@rules_app.command("add")
def rules_add(
    name: Annotated[str, typer.Argument(help="The rule's name.")],
    db: DbOption = DEFAULT_DATABASE,
    actor: Annotated[str | None, typer.Option(help="An actor taking part (name).")] = None,
    with_actor: Annotated[
        str | None, typer.Option("--with", help="The other actor taking part.")
    ] = None,
    types: Annotated[
        list[str] | None, typer.Option("--type", help="Event types (or kinds), e.g. AID,MOBILIZE.")
    ] = None,
    country: Annotated[str | None, typer.Option(help="An actor's country, ISO alpha-3.")] = None,
    section: Annotated[str, typer.Option(help=SECTION_HELP)] = "events",
    keyword: Annotated[str | None, typer.Option(help="A word in the evidence.")] = None,
    min_sources: Annotated[
        int, typer.Option("--min-sources", min=1, help="Outlets reporting it before it fires.")
    ] = 1,
    claim_above: Annotated[
        float | None, typer.Option("--claim-above", help="Claims whose figure is above this.")
    ] = None,
    webhook: Annotated[str | None, typer.Option(help="POST each alert to this URL.")] = None,
    webhook_secret: Annotated[
        str | None,
        typer.Option("--webhook-secret", envvar=SECRET_ENV, help="Key that signs the webhooks."),
    ] = None,
) -> None:
    """Add a watch rule; it fires once per matching merged event or fact."""
    try:
        fields = new_rule(
            name,
            section=section,
            actor=actor,
            with_actor=with_actor,
            types=types,
            country=country,
            keyword=keyword,
            min_sources=min_sources,
            claim_above=claim_above,
            webhook=webhook,
            webhook_secret=webhook_secret,
        )
        with opened(db) as store:
            add_rule(follow_backend(store), fields)
    except RuleError as exc:
        err.print(str(exc))
        raise typer.Exit(2) from exc
    err.print(f"rule {fields['name']!r} added")


@rules_app.command("list")
def rules_list(
    db: DbOption = DEFAULT_DATABASE,
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines.")] = False,
) -> None:
    """List the watch rules (secrets are never shown)."""
    with opened(db) as store:
        rules = list_rules(follow_backend(store))
    if as_json:
        for rule in rules:
            print(json.dumps(rule, ensure_ascii=False))
        return
    table = Table("name", "section", "asks for", "min sources", "webhook", title="rules")
    for rule in rules:
        asks = ", ".join(
            f"{k}={v}"
            for k, v in rule.items()
            if k in ("actor", "with_actor", "country", "keyword", "claim_above") and v is not None
        )
        if rule["types"]:
            asks = ", ".join(filter(None, (asks, "type=" + ",".join(rule["types"]))))
        table.add_row(
            rule["name"], rule["section"], asks, str(rule["min_sources"]), rule["webhook"] or ""
        )
    console.print(table)


@rules_app.command("remove")
def rules_remove(
    name: Annotated[str, typer.Argument(help="The rule's name.")],
    db: DbOption = DEFAULT_DATABASE,
) -> None:
    """Remove a watch rule and its alerts."""
    with opened(db) as store:
        if not follow_backend(store).remove_rule(name):
            err.print(f"no rule named {name!r}")
            raise typer.Exit(1)
    err.print(f"rule {name!r} removed")


def alerts_cmd(
    db: DbOption = DEFAULT_DATABASE,
    rule: Annotated[str | None, typer.Option(help="Only this rule's alerts.")] = None,
    since: Annotated[
        str | None, typer.Option(help="Fired or updated on or after (ISO date or time).")
    ] = None,
    limit: Annotated[int, typer.Option(min=1, max=10_000)] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines.")] = False,
) -> None:
    """What the watch rules fired, newest first, with the delivery state of each."""
    with opened(db) as store:
        keeper = follow_backend(store)
        if rule is not None and keeper.watch_rule(rule) is None:
            err.print(f"no rule named {rule!r}")
            raise typer.Exit(1)
        rows = keeper.list_alerts(rule, since, limit)
    if as_json:
        for row in rows:
            print(json.dumps({**row, "payload": json.loads(row["payload"])}, ensure_ascii=False))
        return
    table = Table("fired", "updated", "rule", "alert", "sources", "webhook", title="alerts")
    for row in rows:
        delivery = row["delivery"] or ""
        if delivery and row["attempts"]:
            delivery = f"{delivery} ({row['attempts']} tries)"
        table.add_row(
            row["created_at"],
            row["updated_at"],
            row["rule"],
            row["title"],
            str(row["source_count"]),
            delivery,
        )
    console.print(table)
