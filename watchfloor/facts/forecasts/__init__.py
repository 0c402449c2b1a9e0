"""Forecasts: estimative language with its ICD 203 range, source and horizon.

``cues`` finds the estimative phrases, ``finder`` writes the facts (horizons
from :mod:`watchfloor.facts.horizon`).
"""

from __future__ import annotations

from watchfloor.facts.forecasts.finder import find_forecasts

__all__ = ["find_forecasts"]
