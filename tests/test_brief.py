"""The brief, on a real store built from articles run through the analyser."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from watchfloor.brief import (
    Brief,
    Item,
    Link,
    Section,
    Window,
    build_brief,
    to_html,
    to_markdown,
    window_for,
)
from watchfloor.brief.events import salience
from watchfloor.cli import app
from watchfloor.models import Page, PageKind
from watchfloor.service import analyse_stored, ingest_pages
from watchfloor.store import SQLiteStore
from watchfloor.stories import file_pending

EU_WIRE = {
    "url": "https://wire-one.example/world/eu-sanctions-russia",
    "title": "EU imposes new sanctions on Russia",
    "published": "2024-05-07",
    "source": "Wire One",
    "text": "The European Union imposed new sanctions on Russia on Tuesday over its war in "
    "Ukraine, targeting banks and oil exports, officials in Brussels said.\n\n"
    "The number of sanctioned Russian banks rose to 40 from 28, the European Commission said."
    '\n\n"Russia must pay a price for its aggression against Ukraine," foreign policy chief '
    "Josep Borrell told reporters in Brussels.\n\n"
    "Analysts said the measures were likely to cut Russian oil revenue by the end of the year.",
}
EU_DAILY = {
    "url": "https://daily-two.example/2024/05/08/brussels-sanctions",
    "title": "Brussels hits Russian banks and oil with sanctions",
    "published": "2024-05-08",
    "source": "Daily Two",
    "text": "The European Union imposed sanctions on Russia on Tuesday, freezing the assets of "
    "twelve Russian banks and banning imports of refined oil products.\n\n"
    "EU leaders are due to discuss a further package at a summit on May 20.",
}
GAZA = {  # read from a file: no web address
    "url": "",
    "origin": "/archive/gaza.json",
    "title": "Israeli forces kill 20 in Gaza",
    "published": "2024-05-08",
    "source": "",
    "text": "Israeli forces killed 20 Palestinians in Gaza on Tuesday, health officials said."
    "\n\nThe Israeli military said it had struck Hamas fighters.\n\n"
    "Talks on a ceasefire are expected to resume in Cairo next week, Egyptian officials said.",
}
SUMMIT = {
    "url": "https://wire-one.example/world/eu-summit",
    "title": "EU leaders meet in Brussels",
    "published": "2024-05-21",
    "source": "Wire One",
    "text": "European Union leaders met in Brussels on Tuesday to discuss the war in Ukraine.",
}
ITEM_LINE = re.compile(r"^\d+\. ", re.MULTILINE)


def page(record: dict[str, str], **changes: str) -> Page:
    fields = {**record, **changes}
    return Page(
        origin=fields.get("origin") or fields["url"],
        kind=PageKind.RECORD,
        data=fields["text"],
        url=fields["url"] or None,
        title=fields["title"],
        published=fields["published"],
        source=fields["source"] or None,
    )


@pytest.fixture(scope="module")
def brief_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("brief") / "brief.db"
    store = SQLiteStore(path)
    ingest_pages(store, [page(r) for r in (EU_WIRE, EU_DAILY, GAZA, SUMMIT)])
    analyse_stored(store)
    file_pending(store)
    store.close()
    return path


@pytest.fixture
def store(brief_db: Path, tmp_path: Path) -> Iterator[SQLiteStore]:
    copy = tmp_path / "copy.db"
    shutil.copy(brief_db, copy)
    db = SQLiteStore(copy)
    yield db
    db.close()


def section(brief: Brief, title: str) -> Section:
    return next(s for s in brief.sections if s.title == title)


def test_every_line_links_to_its_article(store: SQLiteStore) -> None:
    brief = build_brief(store, "all")
    markdown = to_markdown(brief)
    lines = [line for line in markdown.splitlines() if ITEM_LINE.match(line)]
    assert len(lines) >= 8
    for line in lines:
        assert "](https://" in line or "`watchfloor show " in line, line
    page_html = to_html(brief)
    items = re.findall(r"<li>.*?</li>", page_html, re.DOTALL)
    assert len(items) == len(lines)
    for item in items:
        assert '<a href="https://' in item or "<code>watchfloor show " in item, item
    # no web address: the command that shows it
    assert "Israeli forces kill 20 in Gaza (2024-05-08): `watchfloor show gaza`" in markdown


def test_the_event_reported_by_two_outlets_comes_first(store: SQLiteStore) -> None:
    top = section(build_brief(store, "all"), "Top events").items[0]
    assert top.label == "SANCTION · European Union → Russia"
    assert "2 mentions in 2 articles from 2 sources" in top.note
    assert {link.url for link in top.links} == {EU_WIRE["url"], EU_DAILY["url"]}
    assert top.text.startswith("The European Union imposed new sanctions on Russia")


def test_a_syndicated_copy_is_shown_but_never_counted(store: SQLiteStore) -> None:
    copy = page(EU_WIRE, url="https://syndicator.example/eu", source="Syndicator Daily")
    assert ingest_pages(store, [copy]).duplicates == 1
    top = section(build_brief(store, "all"), "Top events").items[0]
    assert "2 mentions in 2 articles from 2 sources" in top.note
    assert "also carried by 1 other outlet" in top.note


def test_sections_of_the_whole_store(store: SQLiteStore) -> None:
    brief = build_brief(store, "all")
    quotes = section(brief, "Key quotes").items
    assert quotes[0].label == "Josep Borrell" and "pay a price" in quotes[0].text
    claims = section(brief, "New numeric claims").items
    assert claims[0].label == "sanctioned Russian banks: 40" and "rose" in claims[0].note
    made = [i.text for i in section(brief, "Forecasts made").items]
    assert any("likely to cut Russian oil revenue" in t for t in made)
    (due,) = section(brief, "Forecasts falling due").items  # "next week" ends before May 21
    assert due.label.startswith("due 2024-05-19") and "Cairo" in due.text
    watched = [i.label for i in section(brief, "Watch items").items]
    assert "due 2024-05-20" in watched


def test_a_short_window_ends_at_the_newest_article(store: SQLiteStore) -> None:
    brief = build_brief(store, "1d")  # only the summit article of 2024-05-21
    assert brief.articles == 1 and brief.window.until.startswith("2024-05-21")
    markdown = to_markdown(brief)
    assert "_No attributed quotes in this window._" in markdown
    assert "_No numeric claims in this window._" in markdown
    since_may_8 = build_brief(store, "2024-05-08")
    assert since_may_8.articles == 3


def test_window_rule() -> None:
    day = window_for("1d", "2020-11-22", "2026-01-01T10:00:00")
    assert (day.since, day.until) == ("2020-11-22T00:00:00", "2020-11-22T23:59:59")
    hours = window_for("12h", "2024-03-04T10:15:00+01:00", None)  # 09:15 UTC
    assert (hours.since, hours.until) == ("2024-03-03T21:15:01", "2024-03-04T09:15:00")
    assert window_for("all", "2020-11-22", None).since is None
    assert window_for("2020-01-01", "2020-11-22", None).since == "2020-01-01"
    assert window_for("1d", None, "2026-01-02T08:00:00+00:00").since == "2026-01-01T08:00:01"
    with pytest.raises(ValueError):
        window_for("soonish", "2020-11-22", None)


def row(type_: str, quad: str, sources: int = 1, modality: str = "asserted") -> dict[str, Any]:
    return {
        "type": type_,
        "quad": quad,
        "source_count": sources,
        "article_count": sources,
        "mention_count": sources,
        "data": f'{{"modality": "{modality}"}}',
        "last_date": "2024-05-07",
        "first_reported": "2024-05-07",
    }


def test_salience_weighs_sources_then_conflict() -> None:
    assault = salience(row("ASSAULT", "material conflict"))
    coerce = salience(row("COERCE", "material conflict"))
    accuse = salience(row("ACCUSE", "verbal conflict"))
    agree = salience(row("AGREE", "verbal cooperation"))
    aid = salience(row("AID", "material cooperation"))
    assert assault > coerce > accuse > agree == aid
    assert salience(row("AGREE", "verbal cooperation", sources=3)) > assault
    assert salience(row("ASSAULT", "material conflict", modality="planned")) < assault
    background = {**row("ASSAULT", "material conflict"), "last_date": "2011"}
    assert salience(background) < agree


def test_markup_in_articles_is_escaped() -> None:
    hostile = Link("x1", "<script>alert(1)</script>", "2024-01-01", "javascript:alert(1)")
    item = Item("<b>label</b>", 'said "*hi*" & [left](x)', "", (hostile,))
    brief = Brief(Window(None, "2024-01-01", "all"), 1, 1, 0, (Section("S", "none", (item,)),))
    page_html = to_html(brief)
    assert "<script>" not in page_html and "&lt;script&gt;" in page_html
    assert "javascript:" not in page_html and "<code>watchfloor show x1</code>" in page_html
    markdown = to_markdown(brief)
    assert "\\<b\\>label\\</b\\>" in markdown and "\\*hi\\*" in markdown
    assert "\\[left\\](x)" in markdown and "`watchfloor show x1`" in markdown


def test_brief_command(store: SQLiteStore, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "brief.html"
    args = ["brief", "--db", store.path, "--since", "all", "--format", "html", "--out", str(out)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    result = runner.invoke(app, ["brief", "--db", store.path])
    assert result.exit_code == 0 and result.output.startswith("# watchfloor brief: 1 day")
    assert runner.invoke(app, ["brief", "--db", store.path, "--since", "soonish"]).exit_code != 0


@pytest.mark.slow
def test_demo_ends_with_the_brief(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["demo", "--db", str(tmp_path / "demo.db")])
    assert result.exit_code == 0, result.output
    brief = result.output[result.output.index("the brief for the whole sample") :]
    assert "Top events" in brief and "Forecasts falling due" in brief
