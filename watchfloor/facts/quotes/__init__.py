"""Quotes: direct and indirect speech with its speaker.

``finder`` attaches quotations and reported clauses to speech cues (``speech``)
and gives each its speaker (``speakers``).
"""

from __future__ import annotations

from watchfloor.facts.quotes.finder import find_quotes

__all__ = ["find_quotes"]
