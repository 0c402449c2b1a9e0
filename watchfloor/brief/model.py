"""What a brief is made of: sections of items, each item linked to its articles."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from watchfloor.brief.window import Window
from watchfloor.languages import describe


@dataclass(frozen=True)
class Link:
    """An article an item stands on."""

    doc_id: str
    title: str
    published: str | None
    url: str | None

    @classmethod
    def of(cls, row: dict[str, Any]) -> Link:
        """The link to the article of a store row (doc_id, title, published, url)."""
        return cls(row["doc_id"], row["title"] or row["doc_id"], row["published"], row["url"])

    @property
    def href(self) -> str | None:
        """The article's web address, when it is one a reader can follow (http, https)."""
        if self.url and urlsplit(self.url).scheme.lower() in {"http", "https"}:
            return self.url
        return None

    @property
    def command(self) -> str:
        """The command that shows the stored article, for articles without an address."""
        return f"watchfloor show {self.doc_id}"

    @property
    def text(self) -> str:
        day = f" ({self.published[:10]})" if self.published else ""
        return f"{self.title}{day}"


@dataclass(frozen=True)
class Item:
    """One line of a brief: a bold label, the text (mostly evidence), a note, its articles."""

    label: str
    text: str
    note: str
    links: tuple[Link, ...]


@dataclass(frozen=True)
class Section:
    title: str
    empty: str  # what the section says when it has no item
    items: tuple[Item, ...]
    note: str = ""  # what the section covers, when not the brief's window


@dataclass(frozen=True)
class Brief:
    window: Window
    articles: int
    stories: int
    events: int
    sections: tuple[Section, ...]
    # articles of the window stored but not analysed (a language the NLP stage does not
    # read), by language, most first
    not_analysed: tuple[tuple[str, int], ...] = ()
    alerts_up_to: int = 0  # the highest alert id when it was read (brief/collect.mark_brief)

    @property
    def title(self) -> str:
        return f"watchfloor brief: {self.window.label}"

    @property
    def summary(self) -> str:
        return (
            f"{plural(self.articles, 'article')} in {plural(self.stories, 'story')},"
            f" {plural(self.events, 'distinct event')}."
            " Counts are of distinct articles: syndicated copies never add mentions."
            + self.languages_note
        )

    @property
    def languages_note(self) -> str:
        """What was stored and not analysed, by language; empty when nothing was."""
        stored_only = describe(dict(self.not_analysed))
        if not stored_only:
            return ""
        return f" Stored but not analysed (no facts for their language yet): {stored_only}."


def plural(count: int, noun: str) -> str:
    """ "1 story", "2 stories", "3 articles"."""
    if count == 1:
        return f"{count} {noun}"
    return f"{count} {noun[:-1]}ies" if noun.endswith("y") else f"{count} {noun}s"
