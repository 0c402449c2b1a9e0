"""Pages of results, the bounds on asking for them, and cleaning what users type."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")

MAX_PER_PAGE = 200
MAX_PAGE = 100_000
DEFAULT_PER_PAGE = 50
MAX_TEXT = 200  # characters kept of a filter a user typed


class QueryError(ValueError):
    """A query that cannot be answered as asked (a bad bound, an unknown value)."""


@dataclass(frozen=True)
class PageRequest:
    """Which page to return: 1-based ``page`` of ``per_page`` items."""

    page: int = 1
    per_page: int = DEFAULT_PER_PAGE

    def __post_init__(self) -> None:
        if not 1 <= self.page <= MAX_PAGE:
            raise QueryError(f"page must be between 1 and {MAX_PAGE}")
        if not 1 <= self.per_page <= MAX_PER_PAGE:
            raise QueryError(f"per_page must be between 1 and {MAX_PER_PAGE}")

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of results; ``total`` is None where counting is not cheap."""

    items: list[T]
    page: int
    per_page: int
    total: int | None
    next_page: int | None


def page_of(items: list[T], request: PageRequest, total: int | None = None) -> Page[T]:
    """A page from the rows fetched for it: up to ``per_page + 1`` when ``total`` is unknown."""
    shown = items[: request.per_page]
    more = len(items) > request.per_page if total is None else request.offset + len(shown) < total
    next_page = request.page + 1 if more and request.page < MAX_PAGE else None
    return Page(shown, request.page, request.per_page, total, next_page)


def clean(text: str | None, limit: int = MAX_TEXT) -> str | None:
    """User text made safe to pass on: no control characters or lone surrogates, bounded.

    Empty or blank text is None (no filter).
    """
    if text is None:
        return None
    text = text.encode("utf-8", "replace").decode("utf-8")
    kept = "".join(ch for ch in text if unicodedata.category(ch) not in {"Cc", "Cs", "Cn"})
    kept = " ".join(kept.split())[:limit].strip()
    return kept or None
