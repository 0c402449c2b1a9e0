"""``watchfloor follow``: poll sources forever; ``watchfloor sources``: their health."""

# No "from __future__ import annotations": typer reads these annotations at run time.

import json
import signal
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import anyio
import typer
from rich.table import Table
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from watchfloor.alerts.webhook import DeliveryPolicy
from watchfloor.cli.common import DEFAULT_DATABASE, DbOption, console, err, opened
from watchfloor.follow import follow_backend, parse_duration
from watchfloor.follow.poll import FollowOptions
from watchfloor.follow.runner import Follower
from watchfloor.follow.sources import SourcesFileError, read_sources
from watchfloor.follow.status import source_health
from watchfloor.sources.fetch import FetchConfig

EveryOption = Annotated[
    str, typer.Option("--every", help="Time between two polls of a source: 30s, 15m, 2h.")
]
MaxNewOption = Annotated[
    int, typer.Option("--max-new", min=1, help="New pages taken from a source per poll, at most.")
]
HostDelayOption = Annotated[
    float, typer.Option("--per-host-delay", min=0, help="Seconds between requests to one host.")
]
ParkOption = Annotated[
    int, typer.Option("--park-after", min=1, help="Failed polls in a row that park a source.")
]
PrivateOption = Annotated[
    bool,
    typer.Option(help="Let sources and webhooks be on private and loopback addresses."),
]
RetryOption = Annotated[
    float, typer.Option("--retry-after", min=0.1, help="Seconds before a webhook's first retry.")
]
RoundsOption = Annotated[
    int | None, typer.Option("--rounds", min=1, help="Stop after this many polling rounds.")
]


def follow_cmd(
    sources_file: Annotated[Path, typer.Argument(help="Feeds, sitemaps and pages, one a line.")],
    db: DbOption = DEFAULT_DATABASE,
    every: EveryOption = "15m",
    max_new: MaxNewOption = 20,
    per_host_delay: HostDelayOption = 1.0,
    park_after: ParkOption = 8,
    allow_private: PrivateOption = False,
    retry_after: RetryOption = 30.0,
    rounds: RoundsOption = None,
) -> None:
    """Follow sources: poll them politely, ingest what is new, fire the watch rules."""
    follower_args = _settings(sources_file, every, max_new, per_host_delay, park_after)
    options, sources = follower_args
    options.fetch.allow_private = allow_private
    policy = DeliveryPolicy(first_retry=retry_after, allow_private=allow_private)
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    with opened(db) as store:
        follower = Follower(follow_backend(store), sources, options, policy, stop)
        err.print(f"following {len(sources)} source(s) every {every}; SIGTERM stops")
        follower.run(max_rounds=rounds)
    err.print("stopped")


def _settings(
    sources_file: Path, every: str, max_new: int, per_host_delay: float, park_after: int
) -> tuple[FollowOptions, list[Any]]:
    try:
        seconds = parse_duration(every)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--every") from exc
    try:
        sources = read_sources(sources_file)
    except SourcesFileError as exc:
        err.print(str(exc))
        raise typer.Exit(2) from exc
    fetch = FetchConfig(per_host_delay=per_host_delay)
    options = FollowOptions(every=seconds, max_new=max_new, park_after=park_after, fetch=fetch)
    return options, sources


def start_in_thread(
    db: str, sources_file: Path, every: str, allow_private: bool
) -> Callable[[], None]:
    """A follower on its own store connection in a thread (``serve --follow``); the
    function returned stops it once its current article is done."""
    options, sources = _settings(sources_file, every, 20, 1.0, 8)
    options.fetch.allow_private = allow_private
    stop = threading.Event()

    def run() -> None:
        with opened(db) as store:
            policy = DeliveryPolicy(allow_private=allow_private)
            Follower(follow_backend(store), sources, options, policy, stop).run()

    thread = threading.Thread(target=run, name="follower", daemon=True)
    thread.start()

    def stop_follower() -> None:
        stop.set()
        thread.join()
        err.print("follower stopped")

    return stop_follower


def stopping_with(app: ASGIApp, stop_follower: Callable[[], None]) -> ASGIApp:
    """``app``, whose shutdown (on SIGTERM, before uvicorn exits) stops the follower."""

    async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "lifespan":
            await app(scope, receive, send)
            return

        async def sending(message: Message) -> None:
            if message["type"] == "lifespan.shutdown.complete":
                await anyio.to_thread.run_sync(stop_follower)
            await send(message)

        await app(scope, receive, sending)

    return wrapped


def sources_cmd(
    db: DbOption = DEFAULT_DATABASE,
    unpark: Annotated[
        str | None, typer.Option("--unpark", help="Poll this parked source again.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines.")] = False,
) -> None:
    """The followed sources: last poll, last new article, errors, parked or not."""
    with opened(db) as store:
        keeper = follow_backend(store)
        if unpark is not None and not keeper.unpark_source(unpark):
            err.print(f"no followed source {unpark!r}")
            raise typer.Exit(1)
        rows = source_health(keeper)
    if as_json:
        for row in rows:
            print(json.dumps(row, ensure_ascii=False))
        return
    table = Table(
        "source",
        "kind",
        "state",
        "last poll",
        "last new",
        "polls",
        "304",
        "new",
        "errors",
        "last error",
        title="sources",
    )
    for row in rows:
        table.add_row(
            row["url"],
            row["kind"],
            row["state"],
            row["last_poll"] or "",
            row["last_new"] or "",
            str(row["polls"]),
            str(row["not_modified"]),
            str(row["new_pages"]),
            str(row["errors"]),
            row["last_error"] or "",
        )
    console.print(table)
