"""Events: PLOVER-coded interactions between the document's actors.

:func:`find_events` is the section's finder: the hand-written rules
(:mod:`watchfloor.facts.events.rules`). The learned coder
(:mod:`watchfloor.facts.events.coder`, weights fitted by ``make models``) reads
the same sentences as scored (type, source, target) readings; ``make crossval``
measures both on held-out folds, and the rules stay the finder until the learned
coder beats them there (README, "Accuracy").
"""

from __future__ import annotations

from watchfloor.facts.context import Fact, FactContext
from watchfloor.facts.events import rules


def find_events(context: FactContext) -> list[Fact]:
    """The article's events (the rules' own trigger index left out)."""
    return [{k: v for k, v in e.items() if k != "trigger_i"} for e in rules.find_events(context)]


__all__ = ["find_events"]
