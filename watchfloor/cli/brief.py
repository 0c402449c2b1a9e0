"""The ``brief`` command: the window's most salient events, quotes, claims, forecasts."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.markdown import Markdown

from watchfloor.brief import build_brief, mark_brief, parse_since, to_html, to_markdown
from watchfloor.cli.common import DEFAULT_DATABASE, DbOption, console, err, opened
from watchfloor.cli.stories import file_stories

SINCE_HELP = "12h, 1d, 7d, 2w (counted back from the newest stored article), an ISO date, or all."
MARK_HELP = (
    "Record this brief, so that the next one lists only the alerts fired after it"
    " (--no-mark: a preview, which changes nothing)."
)


class BriefFormat(StrEnum):
    MD = "md"
    HTML = "html"


def brief_cmd(
    db: DbOption = DEFAULT_DATABASE,
    since: Annotated[str, typer.Option(help=SINCE_HELP)] = "1d",
    fmt: Annotated[BriefFormat, typer.Option("--format", help="md or html.")] = BriefFormat.MD,
    out: Annotated[Path | None, typer.Option("--out", help="Write the brief to this file.")] = None,
    pretty: Annotated[bool, typer.Option(help="Render the Markdown in the terminal.")] = False,
    mark: Annotated[bool, typer.Option(help=MARK_HELP)] = True,
) -> None:
    """The brief: top events, key quotes, new numeric claims, forecasts, watch items,
    and what the watch rules caught since the last brief."""
    try:
        parse_since(since)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--since") from exc
    with opened(db) as store:
        file_stories(store)
        brief = build_brief(store, since)
        text = to_html(brief) if fmt is BriefFormat.HTML else to_markdown(brief)
        if out is not None:
            out.write_text(text, encoding="utf-8")
            err.print(f"brief -> {out}")
        elif pretty and fmt is BriefFormat.MD:
            console.print(Markdown(text, hyperlinks=False))
        else:
            print(text)
        if mark:  # once written out: a brief that failed to arrive moves no mark
            mark_brief(store, brief)


def brief_text(db: str, since: str, fmt: BriefFormat = BriefFormat.MD) -> str:
    """The brief of the store at ``db``, its unfiled articles filed first (a preview:
    no mark is recorded)."""
    with opened(db) as store:
        file_stories(store)
        brief = build_brief(store, since)
    return to_html(brief) if fmt is BriefFormat.HTML else to_markdown(brief)


def print_brief(db: str, since: str = "all") -> None:
    """The brief, rendered in the terminal (the demo ends with it)."""
    console.print(Markdown(brief_text(db, since), hyperlinks=False))  # addresses in full
