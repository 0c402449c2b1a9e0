"""``watchfloor serve``: the REST API on a local port."""

# No "from __future__ import annotations": typer reads these annotations at run time.

from pathlib import Path
from typing import Annotated

import typer
from starlette.types import ASGIApp

from watchfloor.cli.common import DEFAULT_DATABASE, DbOption, err
from watchfloor.cli.follow import start_in_thread, stopping_with


def serve(
    db: DbOption = DEFAULT_DATABASE,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port to listen on.")] = 8000,
    api_key: Annotated[
        str | None,
        typer.Option(
            "--api-key",
            envvar="WATCHFLOOR_API_KEY",
            help="Key for POST /ingest (and for reads with --read-access key).",
        ),
    ] = None,
    read_access: Annotated[
        str, typer.Option(help="public: anyone may read; key: reads need the key.")
    ] = "public",
    allow_private: Annotated[
        bool, typer.Option(help="Let /ingest fetch private and loopback addresses.")
    ] = False,
    follow: Annotated[
        Path | None, typer.Option("--follow", help="Also follow the sources in this file.")
    ] = None,
    every: Annotated[str, typer.Option(help="With --follow: time between two polls.")] = "15m",
) -> None:
    """Serve the REST API (OpenAPI schema at /docs and /openapi.json)."""
    import uvicorn

    from watchfloor.api import ApiSettings, create_app

    try:
        settings = ApiSettings.from_env(db, api_key, read_access, allow_private)
    except ValueError as exc:
        err.print(str(exc))
        raise typer.Exit(2) from exc
    if settings.api_key is None:
        err.print("no API key (--api-key or WATCHFLOOR_API_KEY): POST /ingest is off")
    app: ASGIApp = create_app(settings)
    if follow is not None:  # on shutdown the follower finishes its article, then stops
        app = stopping_with(app, start_in_thread(db, follow, every, allow_private))
    uvicorn.run(app, host=host, port=port, log_level="info")
