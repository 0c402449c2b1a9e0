"""The eval command: scores against gold files, with floors for CI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from watchfloor.cli.common import console, err


def eval_cmd(
    gold: Annotated[Path, typer.Option("--gold", help="Folder of gold files.")],
    root: Annotated[Path | None, typer.Option(help="Where gold inputs live.")] = None,
    explain: Annotated[bool, typer.Option(help="List missed and false facts.")] = False,
    pred_out: Annotated[
        Path | None, typer.Option("--pred-out", help="Also write predictions.")
    ] = None,
    floors: Annotated[
        Path | None, typer.Option(help="TOML of score floors; fail under them.")
    ] = None,
) -> None:
    """Score the engine against gold files with the project's matching rules."""
    from watchfloor.evaluation.runner import evaluate, table_rows

    if not gold.exists():
        err.print(f"no gold at {gold}")
        raise typer.Exit(2)
    result = evaluate(gold, root)
    for doc_id, reason in result.failures.items():
        err.print(f"[red]{doc_id}: input failed: {reason}[/red]")
    if pred_out:
        pred_out.mkdir(parents=True, exist_ok=True)
        for doc_id, obj in result.predictions.items():
            (pred_out / f"{doc_id}.json").write_text(json.dumps(obj, ensure_ascii=False, indent=1))
    if explain:
        for name, tally in result.score.sections.items():
            for line in tally.missed:
                console.print(
                    f"[yellow]{name} missed[/yellow] {line}", markup=True, highlight=False
                )
            for line in tally.false:
                console.print(f"[red]{name} false [/red] {line}", markup=True, highlight=False)
    d = result.score.documents
    console.print(
        f"documents {d.n} (no prediction: {d.missing})  title {d.title}/{d.n}  "
        f"boilerplate-free {d.clean}/{d.n}  body complete {d.body}/{d.n}"
    )
    table = Table("section", "P", "R", "F1", "tp", "fp", "fn", "attributes")
    for row in table_rows(result.score):
        table.add_row(*row)
    console.print(table)
    console.print(f"macro_f1 {result.score.macro_f1:.3f}")
    if floors is not None:
        from watchfloor.evaluation.floors import check_floors

        failures = check_floors(result.score, floors)
        for line in failures:
            err.print(f"[red]under the floor: {line}[/red]")
        if failures:
            raise typer.Exit(1)
        console.print(f"all floors in {floors} held")
