"""Inputs -> pages: files, folders, standard input, WARC, feeds and URLs.

Every reader yields :class:`~watchfloor.models.Page` or
:class:`~watchfloor.models.Skip` and never raises for bad input, so one broken
file cannot stop a run.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from watchfloor.models import Page, Skip
from watchfloor.sources.fetch import Fetcher, iter_url_pages
from watchfloor.sources.files import DEFAULT_MAX_BYTES, iter_path_pages, iter_stdin_pages
from watchfloor.sources.formats import InputFormat

__all__ = ["InputFormat", "is_url", "iter_inputs"]


def is_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


def iter_inputs(
    inputs: Sequence[str],
    fmt: InputFormat = InputFormat.AUTO,
    *,
    fetcher: Fetcher | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Page | Skip]:
    """The pages of every input, in order: paths, URLs, or ``-`` for stdin."""
    for item in inputs:
        if item == "-":
            yield from iter_stdin_pages(sys.stdin.buffer, fmt, fetcher=fetcher, max_bytes=max_bytes)
        elif is_url(item):
            if fetcher is None:
                raise ValueError("a fetcher is needed to read URLs")
            yield from iter_url_pages(item, fetcher)
        else:
            yield from iter_path_pages(Path(item), fmt, fetcher=fetcher, max_bytes=max_bytes)
