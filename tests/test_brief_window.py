"""The brief's window compares publication times as times, on SQLite and PostgreSQL:
a time with a zone ("Z", "+02:00"), one without, and a bare date."""

from __future__ import annotations

import pytest

from watchfloor.brief import build_brief
from watchfloor.models import Page, PageKind
from watchfloor.service import ingest_pages
from watchfloor.store import Store

TEXT = (
    "Dock workers in {town} returned to work on Friday after union leaders and the port"
    " authority agreed a new pay deal, ending a strike that had lasted eleven days."
)


def page(town: str, published: str) -> Page:
    return Page(
        origin=f"https://news.example/{town.lower()}",
        kind=PageKind.RECORD,
        data=TEXT.format(town=town),
        url=f"https://news.example/{town.lower()}",
        title=f"Strike ends in {town}",
        published=published,
        source="News Example",
    )


def filled(store: Store, *dated: tuple[str, str]) -> Store:
    summary = ingest_pages(store, [page(town, published) for town, published in dated])
    assert summary.ingested == len(dated)
    return store


def test_a_page_with_a_zoned_time_is_in_its_own_brief(any_store: Store) -> None:
    brief = build_brief(filled(any_store, ("Bellport", "2030-01-02T10:00:00Z")), "1d")
    assert brief.window.until == "2030-01-02T10:00:00"
    assert brief.articles == 1


def test_zones_are_compared_as_times(any_store: Store) -> None:
    store = filled(
        any_store,
        ("Bellport", "2030-01-02T10:00:00Z"),  # the newest as a time
        ("Ardmore", "2030-01-02T11:30:00+02:00"),  # 09:30 UTC: sorts last as text
        ("Corran", "2030-01-02T08:59:00-02:00"),  # 10:59 UTC, but older as text
    )
    assert build_brief(store, "1d").window.until == "2030-01-02T10:59:00"
    assert build_brief(store, "1d").articles == 3
    assert build_brief(store, "1h").articles == 2  # 10:00 and 10:59, not 09:30 UTC
    assert build_brief(store, "2030-01-02T10:00:00+00:00").articles == 2


@pytest.mark.parametrize(("span", "articles"), [("12h", 1), ("1d", 1), ("2d", 2), ("all", 3)])
def test_bare_dates_count_as_their_whole_day(any_store: Store, span: str, articles: int) -> None:
    store = filled(
        any_store,
        ("Bellport", "2030-01-02"),
        ("Ardmore", "2030-01-01"),
        ("Corran", "2029-12-30T23:00:00"),  # no zone: UTC
    )
    brief = build_brief(store, span)
    assert brief.window.until == "2030-01-02T23:59:59"
    assert brief.articles == articles


def test_bare_and_zoned_times_together(any_store: Store) -> None:
    store = filled(any_store, ("Bellport", "2030-01-02"), ("Ardmore", "2030-01-02T22:00:00-05:00"))
    brief = build_brief(store, "1d")  # 22:00 at -05:00 is 03:00 UTC on January 3rd
    assert brief.window.until == "2030-01-03T03:00:00"
    assert brief.articles == 2
