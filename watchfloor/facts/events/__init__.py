"""Events: PLOVER-coded interactions between the document's actors.

:func:`find_events` is the section's finder. The hand-written rules
(:mod:`watchfloor.facts.events.rules`) propose and the learned coder
(:mod:`watchfloor.facts.events.coder`) decides.
"""

from __future__ import annotations

from watchfloor.facts.events.rules import find_events

__all__ = ["find_events"]
