"""The forecast ledger's commands: ``watchfloor forecasts [resolve]`` and ``watchfloor ledger``."""

# No "from __future__ import annotations": typer reads these annotations at run time.

import getpass
import inspect
import json
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from watchfloor import service
from watchfloor.cli import facts
from watchfloor.cli.common import DEFAULT_DATABASE, DbOption, console, err, opened
from watchfloor.ledger.plot import calibration_svg
from watchfloor.ledger.report import pooled
from watchfloor.ledger.service import (
    OUTCOMES,
    LedgerError,
    ledger_report,
    resolve_forecast,
    update_ledger,
)


def _listing_callback() -> Any:
    """``watchfloor forecasts`` alone lists forecasts (the facts lister); with a
    sub-command it only runs the sub-command."""
    listing = facts.lister("forecasts")

    def callback(ctx: typer.Context, **options: Any) -> None:
        if ctx.invoked_subcommand is None:
            listing(**options)

    signature = inspect.signature(listing)
    context = inspect.Parameter(
        "ctx", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=typer.Context
    )
    callback.__signature__ = signature.replace(  # type: ignore[attr-defined]
        parameters=[context, *signature.parameters.values()]
    )
    callback.__annotations__ = {"ctx": typer.Context, "return": None}
    callback.__doc__ = listing.__doc__
    return callback


forecasts_app = typer.Typer(invoke_without_command=True, no_args_is_help=False)
forecasts_app.callback()(_listing_callback())


@forecasts_app.command("resolve")
def resolve_cmd(
    forecast_id: Annotated[int, typer.Argument(help="The forecast's id (watchfloor ledger).")],
    outcome: Annotated[str, typer.Argument(help="yes, no or void.")],
    evidence: Annotated[
        str | None, typer.Option("--evidence", help="The article (doc id) that settles it.")
    ] = None,
    note: Annotated[str | None, typer.Option("--note", help="Why.")] = None,
    who: Annotated[str | None, typer.Option("--who", help="Who resolves (default: you).")] = None,
    db: DbOption = DEFAULT_DATABASE,
) -> None:
    """Resolve a forecast by hand: yes, no or void. It wins over the engine's resolution."""
    if outcome not in OUTCOMES:
        raise typer.BadParameter(f"expected one of {', '.join(OUTCOMES)}", param_hint="OUTCOME")
    with opened(db) as store:
        try:
            item = resolve_forecast(
                store, forecast_id, outcome, who or getpass.getuser(), evidence, note
            )
        except LedgerError as exc:
            err.print(str(exc))
            raise typer.Exit(1) from exc
    console.print(
        f"forecast {item['id']}: {item['status']}"
        + (f" ({item['outcome']})" if item["outcome"] else "")
        + f" — {item['statement']}"
    )


def ledger_cmd(
    db: DbOption = DEFAULT_DATABASE,
    source: Annotated[
        str | None, typer.Option(help="One source: a name, part of one, or its key.")
    ] = None,
    since: Annotated[str | None, typer.Option(help="Forecasts made on or after this date.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="The ledger as JSON.")] = False,
    plot: Annotated[
        Path | None, typer.Option("--plot", help="Write the calibration picture (SVG) here.")
    ] = None,
    limit: Annotated[int, typer.Option(min=1, max=10_000, help="Sources listed.")] = 20,
    forecasts: Annotated[int, typer.Option(min=1, max=10_000, help="Forecasts listed.")] = 20,
    as_of: Annotated[str | None, typer.Option(help="The day that counts as today.")] = None,
    update: Annotated[
        bool, typer.Option(help="File new forecasts and look for resolutions first.")
    ] = True,
) -> None:
    """Every source's forecasts scored: made, resolved, Brier score, calibration."""
    day = facts._date(since, "--since")
    today = facts._date(as_of, "--as-of")
    with opened(db) as store:
        if update:
            update_ledger(store, today=today)
        report = ledger_report(
            store, source=source, since=day, limit=limit, forecasts=forecasts, today=today
        )
    if plot is not None:
        scored = [s for s in report.sources if s["scored"]]
        series = [pooled(scored), *scored] if len(scored) > 1 else scored
        plot.write_text(calibration_svg(series, "forecast calibration"))
        err.print(f"calibration picture written to {plot}")
    if as_json:
        print(json.dumps(report.as_json(), ensure_ascii=False, indent=1))
        return
    _print_sources(report.sources)
    _print_forecasts(report.forecasts)


def _print_sources(sources: list[dict[str, Any]]) -> None:
    table = Table(
        "source", "kind", "made", "resolved", "open", "Brier", "95% interval", "calibration",
        title="forecast ledger: sources",
    )  # fmt: skip
    for s in sources:
        interval = f"{s['brier_low']:.3f}–{s['brier_high']:.3f}" if s["brier"] is not None else ""
        brier = f"{s['brier']:.3f}" if s["brier"] is not None else ""
        table.add_row(
            s["source"], s["kind"], str(s["made"]), str(s["resolved"]), str(s["open"]),
            brier, interval, s["verdict"],
        )  # fmt: skip
    console.print(table)


def _print_forecasts(forecasts: list[dict[str, Any]]) -> None:
    table = Table("id", "made", "due", "p", "status", "source", "statement", "evidence",
                  title="forecasts")  # fmt: skip
    for f in forecasts:
        status = f["status"] + (f" ({f['outcome']})" if f["outcome"] else "")
        settled = f["resolved_by"] or (f["proposals"][0] if f["proposals"] else None)
        proof = ""
        if settled:
            proof = f"{settled['kind']} {settled['outcome']} {settled['confidence']:.2f}: "
            proof += settled["evidence"] or settled["note"] or settled["doc_id"] or ""
        p = "" if f["p"] is None else f"{f['p']:.2f}"
        table.add_row(
            f["id"], f["made"], f["due"] or "", p, status, f["source"], Text(f["statement"]),
            Text(proof),
        )  # fmt: skip
    console.print(table)


def demo_ledger(db: str) -> None:
    """The demo's last part: the bundled CC0 series, where later articles settle earlier
    forecasts, ingested (the ledger is updated after analysis) and the ledger shown."""
    series = resources.files("watchfloor") / "data" / "ledger_series"
    console.rule("the forecast ledger: a CC0 series where later articles settle earlier forecasts")
    with resources.as_file(series) as folder, opened(db) as store:
        service.ingest(store, [str(folder)])
        report = ledger_report(store, limit=10, forecasts=15)
    _print_sources(report.sources)
    _print_forecasts(report.forecasts)
    console.print(f"next: watchfloor ledger --db {db} --plot calibration.svg")
