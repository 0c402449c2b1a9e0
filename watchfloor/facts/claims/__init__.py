"""Numeric claims: figures with their unit, subject, change and source.

``figures`` finds the numbers worth a claim (lexicon in ``cues``), ``parse``
reads what they count and who says so, ``finder`` writes the facts.
"""

from __future__ import annotations

from watchfloor.facts.claims.finder import find_claims

__all__ = ["find_claims"]
