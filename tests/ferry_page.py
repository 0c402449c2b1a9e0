"""A scraped news page written for the plain-text extraction tests: a headline, four
paragraphs, the site's furniture above and below, and the helpers that build and read it.
"""

from __future__ import annotations

from watchfloor.models import Extracted

HEADLINE = "Riverside ferry strike ends after pay deal"
P1 = (
    "Ferry crews on the Riverside routes returned to work on Friday after their union "
    "accepted a two-year pay deal worth seven percent, ending a strike that began in May."
)
P2 = (
    "The operator said the first sailings would leave at six in the morning and that the "
    "timetable would be back to normal by the weekend."
)
P3 = (
    "Passenger groups welcomed the agreement but asked for compensation for season ticket "
    "holders who had paid for journeys that never ran."
)
P4 = (
    "A spokesperson for the regional council said it would review the operator's contract "
    "when it comes up for renewal next spring."
)
TOP = ("Skip to main content", "Riverside Courier", "Home", "News", "Transport")
BOTTOM = ("Share on Facebook", "About us", "© 2031 Riverside Courier Ltd. All rights reserved.")


def page(*body: str, before: tuple[str, ...] = (), title: str = HEADLINE) -> str:
    return "\n".join([*TOP, *before, title, "By Lena Fischer", *body, *BOTTOM])


def texts(result: Extracted) -> list[str]:
    return [text for _, text in result.blocks]
