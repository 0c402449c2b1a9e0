"""Watch items: what the text says to watch for, or names as pending."""

from __future__ import annotations

from watchfloor.facts.watch.finder import find_watch_items

__all__ = ["find_watch_items"]
