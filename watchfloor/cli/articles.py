"""Commands over articles: ingest, articles, show, article, extract, demo."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from watchfloor import service
from watchfloor.cli.brief import print_brief
from watchfloor.cli.common import DEFAULT_DATABASE, DbOption, console, err, found, opened, shown
from watchfloor.cli.ledger import demo_ledger
from watchfloor.extract import extract
from watchfloor.extract.dates import normalise_date
from watchfloor.languages import describe
from watchfloor.models import BlockKind, Skip, SkipError
from watchfloor.sources import InputFormat, iter_inputs
from watchfloor.sources.fetch import FetchConfig, Fetcher
from watchfloor.store import Store


def ingest(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders, URLs, or - for stdin.")],
    db: DbOption = DEFAULT_DATABASE,
    fmt: Annotated[InputFormat, typer.Option("--format", help="Input format.")] = InputFormat.AUTO,
    near_threshold: Annotated[
        float, typer.Option(help="MinHash Jaccard for near-duplicates.")
    ] = 0.8,
    allow_private: Annotated[
        bool, typer.Option(help="Allow fetching private/loopback hosts.")
    ] = False,
    ignore_robots: Annotated[bool, typer.Option(help="Do not honour robots.txt.")] = False,
    max_mb: Annotated[float, typer.Option(help="Largest page or file to read, in MB.")] = 10.0,
    analyse: Annotated[bool, typer.Option(help="Find and file the actors of new articles.")] = True,
    workers: Annotated[
        int, typer.Option(min=1, help="Processes for the analysis (each loads the models).")
    ] = 1,
    dask: Annotated[
        str | None,
        typer.Option(help="Run on a Dask cluster: its scheduler (tcp://host:8786) or local:N."),
    ] = None,
    partition_records: Annotated[
        int, typer.Option(min=1, help="With --dask: WARC records per partition.")
    ] = 300,
) -> None:
    """Read pages, extract their articles, de-duplicate them and store them."""
    options = service.IngestOptions(
        fmt=fmt,
        near_threshold=near_threshold,
        max_bytes=int(max_mb * 1024 * 1024),
        fetch=FetchConfig(allow_private=allow_private, respect_robots=not ignore_robots),
        analyse=analyse,
        workers=workers,
    )
    if dask is not None:  # the cluster ingest (watchfloor/scale/, docs/scale.md)
        from watchfloor.cli.scale import ingest_on_cluster
        from watchfloor.scale.run import ClusterOptions

        ingest_on_cluster(inputs, db, ClusterOptions(dask, partition_records), options)
        return
    with opened(db) as store:
        summary = _ingest_with_progress(store, inputs, options)
    _print_summary(summary, db)


def _ingest_with_progress(
    store: Store, inputs: list[str], options: service.IngestOptions
) -> service.IngestSummary:
    columns = (
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed} pages"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=err, transient=True) as progress:
        task = progress.add_task("ingesting", total=None)

        def advance(origin: str, outcome: service.Outcome, reason: str) -> None:
            progress.update(
                task, advance=1, description=f"{outcome.value:<9} {Path(origin).name[:40]}"
            )

        return service.ingest(store, inputs, options, on_item=advance)


def _print_summary(summary: service.IngestSummary, db: str) -> None:
    table = Table(title=f"ingest -> {shown(db)}", show_header=False)
    table.add_row("ingested", str(summary.ingested))
    table.add_row("duplicates (new copies)", str(summary.duplicates))
    table.add_row("unchanged (seen before)", str(summary.unchanged))
    for reason, count in sorted(summary.skipped.items()):
        table.add_row(f"skipped: {reason}", str(count))
    table.add_row("words ingested", f"{summary.words:,}")
    table.add_row("articles analysed (actors, facts)", str(summary.analysed))
    if stored_only := describe(summary.not_analysed):
        table.add_row("stored, not analysed (language)", stored_only)
    console.print(table)


def articles(
    db: DbOption = DEFAULT_DATABASE,
    search: Annotated[str | None, typer.Option("--search", "-s", help="Full-text query.")] = None,
    since: Annotated[str | None, typer.Option(help="Published on or after this date.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=10_000)] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines instead of a table.")] = False,
) -> None:
    """List stored articles, newest first, or the best matches of a search."""
    since_iso = normalise_date(since) if since else None
    if since and since_iso is None:
        raise typer.BadParameter(f"not a date: {since!r}", param_hint="--since")
    with opened(db) as store:
        rows = store.list_articles(search=search, since=since_iso, limit=limit)
    if as_json:
        for row in rows:
            print(json.dumps(row.__dict__, ensure_ascii=False))
        return
    table = Table("id", "published", "source", "title", "copies")
    for row in rows:
        table.add_row(
            str(row.id),
            (row.published or "")[:10],
            row.source or "",
            row.title or row.doc_id,
            str(row.copies),
        )
        if row.snippet:
            table.add_row("", "", "", f"[dim]{row.snippet}[/dim]", "")
    console.print(table)


def show(
    key: Annotated[str, typer.Argument(help="Article id or doc_id.")],
    db: DbOption = DEFAULT_DATABASE,
) -> None:
    """Print one stored article with its metadata and copies."""
    with opened(db) as store:
        stored = found(store.get_article(key), f"no article {key!r}")
    a = stored.article
    console.print(f"[bold]{a.title or a.doc_id}[/bold]")
    for label, value in (
        ("id", stored.id),
        ("doc_id", a.doc_id),
        ("published", a.published),
        ("source", a.source),
        ("author", a.author),
        ("urls", ", ".join(stored.urls)),
        ("words", a.word_count),
        ("copies", len(stored.copies)),
    ):
        console.print(f"[dim]{label:>9}[/dim] {value if value is not None else ''}")
    console.print()
    for block in a.blocks:
        style = "bold" if block.kind is BlockKind.SUBHEADING else ""
        console.print(Text(block.text, style=style))
        console.print()


def article_cmd(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders, URLs, or - for stdin.")],
    fmt: Annotated[InputFormat, typer.Option("--format")] = InputFormat.AUTO,
    allow_private: Annotated[bool, typer.Option()] = False,
) -> None:
    """Extract articles without storing them: one JSON line per input page."""
    with Fetcher(FetchConfig(allow_private=allow_private)) as fetcher:
        for item in iter_inputs(inputs, fmt, fetcher=fetcher):
            print(json.dumps(_article_line(item), ensure_ascii=False), flush=True)


def _article_line(item: object) -> dict[str, object]:
    if isinstance(item, Skip):
        return {"input": item.origin, "skipped": item.reason.value, "detail": item.detail}
    try:
        a = extract(item)  # type: ignore[arg-type]
    except SkipError as exc:
        return {"input": item.origin, "skipped": exc.reason.value, "detail": exc.detail}  # type: ignore[attr-defined]
    return {
        "input": a.origin,
        "doc_id": a.doc_id,
        "title": a.title,
        "published": a.published,
        "author": a.author,
        "source": a.source,
        "url": a.url,
        "language": a.language,
        "text": a.text,
        "paragraphs": [
            {"text": b.text, "kind": b.kind.value, "start": b.start, "end": b.end} for b in a.blocks
        ],
    }


def demo(db: DbOption = DEFAULT_DATABASE) -> None:
    """The main job on the bundled sample corpus: ingest it and report."""
    corpus = resources.files("watchfloor") / "data" / "sample"
    with resources.as_file(corpus) as folder:
        console.rule("watchfloor demo: ingesting the bundled Wikinews sample")
        with opened(db) as store:
            summary = _ingest_with_progress(store, [str(folder)], service.IngestOptions())
            rows = store.list_articles(limit=10)
            actors = store.list_actors(limit=12)
            events = store.list_facts("events", limit=8)
    _print_summary(summary, db)
    if not rows:
        err.print("[red]the demo stored no article: see the skip reasons above[/red]")
        raise typer.Exit(1)
    table = Table("published", "title", title="latest articles in the store")
    for row in rows:
        table.add_row((row.published or "")[:10], row.title or row.doc_id)
    console.print(table)
    people = Table("actor", "type", "country", "articles", title="most reported actors")
    for actor in actors:
        people.add_row(actor.name, actor.type, actor.country or "", str(actor.articles))
    console.print(people)
    latest = Table("date", "type", "who", "evidence", title="latest events, with their evidence")
    for event in events:
        who = " → ".join(x for x in (event.source, event.target) if x)
        latest.add_row(
            (event.date or event.published or "")[:10], event.kind or "", who, Text(event.evidence)
        )
    console.print(latest)
    where = shown(db)
    console.print(f"next: watchfloor actors --db {where} | watchfloor actor NAME --db {where}")
    console.rule("the brief for the whole sample (watchfloor brief --since all)")
    print_brief(db, "all")
    demo_ledger(db)  # the forecast ledger (#14)


def extract_cmd(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders, URLs, or - for stdin.")],
    out: Annotated[Path, typer.Option("--out", help="Folder for <doc_id>.json files.")],
    output: Annotated[
        str, typer.Option("--format", help="json (one file each) or jsonl.")
    ] = "json",
    allow_private: Annotated[bool, typer.Option()] = False,
) -> None:
    """Analyse inputs and write their facts JSON, without storing anything."""
    from watchfloor.analysis import facts_json, load_analyser

    if output not in {"json", "jsonl"}:
        raise typer.BadParameter("use json or jsonl", param_hint="--format")
    out.mkdir(parents=True, exist_ok=True)
    articles = []
    with Fetcher(FetchConfig(allow_private=allow_private)) as fetcher:
        for item in iter_inputs(inputs, InputFormat.AUTO, fetcher=fetcher):
            line = _article_line(item)
            if "skipped" in line:
                err.print(f"skipped {line['input']}: {line['skipped']} {line['detail']}")
                continue
            articles.append(extract(item))  # type: ignore[arg-type]
    rows = [facts_json(a) for a in load_analyser().analyse_many(articles)]
    if output == "jsonl":
        with (out / "facts.jsonl").open("w", encoding="utf-8") as handle:
            for row in rows:
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    else:
        for row in rows:
            path = out / f"{row['doc_id']}.json"
            path.write_text(json.dumps(row, ensure_ascii=False, indent=1), encoding="utf-8")
    console.print(f"{len(rows)} articles analysed -> {out}")
