"""The brief: the most salient events of a window, key quotes, new numeric claims,
forecasts made and falling due, and watch items, every line linked to its article.

:func:`build_brief` reads the store (:mod:`.collect`); :func:`to_markdown` and
:func:`to_html` write it out (:mod:`.render`); :func:`mark_brief` records a brief
delivered, so that the next lists what the watch rules caught since.
"""

from __future__ import annotations

from watchfloor.brief.collect import Limits, build_brief, mark_brief
from watchfloor.brief.model import Brief, Item, Link, Section
from watchfloor.brief.render import to_html, to_markdown
from watchfloor.brief.window import Window, parse_since, window_for

__all__ = [
    "Brief",
    "Item",
    "Limits",
    "Link",
    "Section",
    "Window",
    "build_brief",
    "mark_brief",
    "parse_since",
    "to_html",
    "to_markdown",
    "window_for",
]
