"""The ``watchfloor`` command line: thin layers over :mod:`watchfloor.service` and the store.

Every command lives in a submodule as a plain function; they are registered
here, in one place, so that the list of commands reads as a table.
"""

from __future__ import annotations

import logging
from typing import Annotated

import typer

from watchfloor.cli import (
    actors,
    articles,
    brief,
    evaluate,
    export,
    facts,
    follow,
    ledger,
    query,
    rules,
    serve,
    stories,
)

app = typer.Typer(
    help="watchfloor: news pages in, a sourced knowledge base out.", no_args_is_help=True
)


@app.callback()
def main(verbose: Annotated[bool, typer.Option("--verbose", "-v")] = False) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(message)s")


app.command("ingest")(articles.ingest)
app.command("articles")(articles.articles)
app.command("show")(articles.show)
app.command("article")(articles.article_cmd)
app.command("extract")(articles.extract_cmd)
app.command("demo")(articles.demo)
app.command("actors")(actors.actors_cmd)
app.command("actor")(actors.actor_cmd)
app.command("eval")(evaluate.eval_cmd)
app.command("brief")(brief.brief_cmd)
app.command("stories")(stories.stories_cmd)
for _name, _section in (
    ("quotes", "quotes"),
    ("claims", "claims"),
    ("watch", "watch_items"),
):
    app.command(_name)(facts.lister(_section))
app.add_typer(ledger.forecasts_app, name="forecasts")  # lists; `forecasts resolve` too
app.command("ledger")(ledger.ledger_cmd)
app.command("events")(query.events_cmd)
app.command("search")(query.search)
app.command("profile")(query.profile)
app.command("dyad")(query.dyad)
app.command("serve")(serve.serve)
app.command("export")(export.export_cmd)
app.command("follow")(follow.follow_cmd)
app.command("sources")(follow.sources_cmd)
app.add_typer(rules.rules_app, name="rules")
app.command("alerts")(rules.alerts_cmd)
