"""Commands over the query service: search, events, profile, dyad."""

# No "from __future__ import annotations": typer reads these annotations at run time.

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from watchfloor import query
from watchfloor.cli.common import DEFAULT_DATABASE, DbOption, console, err, found, opened
from watchfloor.extract.dates import normalise_date
from watchfloor.query import MAX_PER_PAGE, PageRequest, QueryError, QueryStore
from watchfloor.query.results import ActorRef, Event, Fact, QuadCounts, TimelinePoint

PageOption = Annotated[int, typer.Option(min=1, max=query.MAX_PAGE, help="Page number.")]
LimitOption = Annotated[
    int, typer.Option("--limit", "--per-page", min=1, max=MAX_PER_PAGE, help="Items per page.")
]
JsonOption = Annotated[bool, typer.Option("--json", help="JSON lines.")]


@contextmanager
def _queries(db: str) -> Iterator[QueryStore]:
    """The store at ``db`` for the query service; a query it cannot answer exits 2."""
    with opened(db) as store:
        try:
            yield query.query_store(store)
        except QueryError as exc:
            err.print(str(exc))
            raise typer.Exit(2) from exc


def _day(value: str | None, name: str) -> str | None:
    if value is None:
        return None
    iso = normalise_date(value)
    if iso is None:
        raise typer.BadParameter(f"not a date: {value!r}", param_hint=name)
    return iso


def search(
    words: Annotated[str, typer.Argument(help='Full-text query: words, "phrases", OR, NOT.')],
    db: DbOption = DEFAULT_DATABASE,
    since: Annotated[str | None, typer.Option(help="Published on or after this date.")] = None,
    page: PageOption = 1,
    limit: LimitOption = 20,
    as_json: JsonOption = False,
) -> None:
    """Full-text search over stored articles, best match first (among the 1,000 most
    recently stored matches)."""
    day = _day(since, "--since")
    with _queries(db) as store:
        result = query.search_articles(store, words, day, PageRequest(page, limit))
    if as_json:
        _lines(result.items)
        return
    table = Table("published", "title", "snippet", "article", title=f"search: {words}")
    for a in result.items:
        table.add_row((a.published or "")[:10], a.title or "", Text(a.snippet or ""), a.doc_id)
    console.print(table)
    _footer(result.page, result.next_page, result.total)


def events_cmd(
    db: DbOption = DEFAULT_DATABASE,
    actor: Annotated[str | None, typer.Option(help="Source or target actor (name).")] = None,
    kind: Annotated[str | None, typer.Option("--type", help="PLOVER type, e.g. ASSAULT.")] = None,
    quad: Annotated[str | None, typer.Option(help="Quad class, e.g. 'verbal conflict'.")] = None,
    country: Annotated[str | None, typer.Option(help="Actor's country, ISO alpha-3.")] = None,
    since: Annotated[str | None, typer.Option(help="On or after this date.")] = None,
    until: Annotated[str | None, typer.Option(help="On or before this date.")] = None,
    modality: Annotated[
        str | None, typer.Option(help=f"One of: {', '.join(query.MODALITIES)}.")
    ] = None,
    search: Annotated[
        str | None, typer.Option("--search", "-s", help="Words in the evidence.")
    ] = None,
    location_country: Annotated[
        str | None, typer.Option(help="Country of the event's place, ISO alpha-3.")
    ] = None,
    near: Annotated[
        str | None, typer.Option(help="Place name (or lat,lon) near the event.")
    ] = None,
    km: Annotated[float | None, typer.Option(help="Distance from --near (default 50).")] = None,
    page: PageOption = 1,
    limit: LimitOption = 50,
    as_json: JsonOption = False,
) -> None:
    """List events (reports of one event merged), latest first, with evidence and article."""
    days = _day(since, "--since"), _day(until, "--until")
    with _queries(db) as store:
        result = query.list_events(
            store,
            type=kind,
            quad=quad,
            actor=actor,
            country=country,
            since=days[0],
            until=days[1],
            modality=modality,
            search=search,
            location_country=location_country,
            near=near,
            km=km,
            page=PageRequest(page, limit),
        )
    if as_json:
        _lines(result.items)
        return
    console.print(_events_table("events", result.items))
    _footer(result.page, result.next_page, result.total)


def profile(
    name: Annotated[str, typer.Argument(help="A name, alias or registry key.")],
    db: DbOption = DEFAULT_DATABASE,
    items: Annotated[int, typer.Option(min=1, max=50, help="Items per list.")] = 5,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object.")] = False,
) -> None:
    """An actor's profile: events over time, partners, quotes by and about it, claims."""
    with _queries(db) as store:
        result = found(query.actor_profile(store, name, items), f"no actor named {name!r}")
    if as_json:
        print(json.dumps(asdict(result), ensure_ascii=False))
        return
    a = result.actor
    console.print(Text(f"{a.name}  ({a.type}, {a.country or 'no country'})", style="bold"))
    console.print(f"{a.articles} articles, {a.mentions} mentions; {_balance(result.balance)}")
    console.print(_timeline_table(result.timeline))
    partners = Table("partner", "events", "as source", "as target", "balance", title="partners")
    for p in result.partners:
        partners.add_row(
            p.actor.name, str(p.events), str(p.as_source), str(p.as_target), _balance(p.quads)
        )
    console.print(partners)
    console.print(_events_table(f"events ({result.events.total})", result.events.items))
    for title, page in (
        ("quotes by", result.quotes_by),
        ("quotes about", result.quotes_about),
        ("claims", result.claims),
    ):
        console.print(_facts_table(f"{title} ({page.total})", page.items))


def dyad(
    a: Annotated[str, typer.Argument(help="The first actor.")],
    b: Annotated[str, typer.Argument(help="The second actor.")],
    db: DbOption = DEFAULT_DATABASE,
    page: PageOption = 1,
    limit: LimitOption = 20,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object.")] = False,
) -> None:
    """Everything between two actors over time: events both ways, quotes, claims."""
    with _queries(db) as store:
        result = found(query.dyad(store, a, b, PageRequest(page, limit)), "no such actor")
    if as_json:
        print(json.dumps(asdict(result), ensure_ascii=False))
        return
    console.print(Text(f"{result.a.name} ↔ {result.b.name}", style="bold"))
    console.print(f"{result.a.name} → {result.b.name}: {_balance(result.a_to_b)}")
    console.print(f"{result.b.name} → {result.a.name}: {_balance(result.b_to_a)}")
    console.print(_timeline_table(result.timeline))
    console.print(_events_table(f"events ({result.events.total})", result.events.items))
    _footer(result.events.page, result.events.next_page, result.events.total)
    console.print(_facts_table("quotes", result.quotes))
    console.print(_facts_table("claims", result.claims))


def _lines(items: list[Any]) -> None:
    """One JSON line per item; events and facts also carry doc_id, url, title on top."""
    for item in items:
        row = asdict(item)
        article = row.get("article")
        if isinstance(article, dict):
            row.update({k: article[k] for k in ("doc_id", "url", "title")})
        print(json.dumps(row, ensure_ascii=False))


def _footer(page: int, next_page: int | None, total: int | None) -> None:
    more = f", next: --page {next_page}" if next_page else ""
    count = f" of {total}" if total is not None else ""
    err.print(f"page {page}{count}{more}")


def _who(source: ActorRef | None, target: ActorRef | None) -> str:
    return " → ".join(x.name for x in (source, target) if x)


def _balance(q: QuadCounts) -> str:
    return f"cooperation {q.cooperation}, conflict {q.conflict}, balance {q.balance:+.2f}"


def _events_table(title: str, events: list[Event]) -> Table:
    table = Table("date", "type", "who", "evidence", "article", "reports", title=title)
    for e in events:
        reports = f"{e.mention_count} in {e.article_count} art., {e.source_count} src."
        who = _who(e.source, e.target)
        table.add_row((e.date or "")[:10], e.type or "", who, Text(e.evidence), _link(e), reports)
    return table


def _facts_table(title: str, facts: list[Fact]) -> Table:
    table = Table("date", "kind", "who", "evidence", "article", title=title)
    for f in facts:
        date = (f.date or f.article.published or "")[:10]
        table.add_row(date, f.kind or "", _who(f.source, f.target), Text(f.evidence), _link(f))
    return table


def _link(row: Event | Fact) -> str:
    return row.article.url or row.article.doc_id


def _timeline_table(points: list[TimelinePoint]) -> Table:
    table = Table("month", "events", "cooperation", "conflict", "balance", title="over time")
    for p in points:
        q = p.quads
        table.add_row(
            p.period or "undated", str(p.events), str(q.cooperation), str(q.conflict),
            f"{q.balance:+.2f}",
        )  # fmt: skip
    return table
