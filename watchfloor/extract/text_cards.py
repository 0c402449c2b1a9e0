"""Product cards right after the body of scraped page text.

A deals or review article often ends in its products: for each one a name, a few
feature lines, a price on a line of its own and the same call to action ("Buy
now", "Available from ..."). Read as lines they are short and unpunctuated, and
the call to action repeats, so the scores of
:func:`watchfloor.extract.text.body_span` leave them out. They are kept when

* they start within a few lines of the last paragraph (a heading over them, such
  as "Don't miss", may stand between; the heading itself stays out);
* at least ``MIN_CARDS`` prices follow one another, each within ``CARD_MAX_LINES``
  lines of the one before;
* the lines right after every price are the same (the call to action): a list of
  prices without one (a price guide, a classified list in a sidebar) is no cards.

The cards end after the last price's call to action.
"""

from __future__ import annotations

import re

from watchfloor.extract.text import Line, Role

MIN_CARDS = 3
CARD_MAX_LINES = 25  # most lines from one price to the next
CARDS_START = 3  # the first card starts within this many lines of the last paragraph
COMMENTS_PENALTY = 50  # furniture.toml's comments family: nothing after it is article

_CURRENCY = "$£€¥₹₩"
_PRICE = re.compile(
    rf"^(?:(?:now|only|from|sale|price|deal)\s*:?\s+)?"
    rf"(?:[{_CURRENCY}]\s?\d[\d,.]*|\d[\d,.]*\s?(?:[{_CURRENCY}]|eur|usd|gbp))\*?$",
    re.I,
)
_CONTENT = (Role.PARAGRAPH, Role.OTHER, Role.REPEAT)


def product_cards(lines: list[Line], end: int) -> int:
    """``end`` past the product cards that follow the body, or ``end`` if none do."""
    first = end + 1 if end < len(lines) and _is_heading(lines[end]) else end
    prices: list[int] = []
    k = first
    while k < len(lines) and lines[k].role in _CONTENT:
        if _PRICE.match(lines[k].text):
            prices.append(k)
        last = prices[-1] if prices else end - 1
        if k - last > (CARD_MAX_LINES if prices else CARDS_START + CARD_MAX_LINES):
            break
        k += 1
    if len(prices) < MIN_CARDS or prices[0] - first > CARD_MAX_LINES:
        return end
    action = _call_to_action(lines, prices)
    return prices[-1] + action + 1 if action else end


def cards_follow(lines: list[Line], heading: int) -> bool:
    """Whether product cards follow the promo heading ``lines[heading]``."""
    return product_cards(lines, heading) > heading


def _is_heading(line: Line) -> bool:
    return line.is_boundary and line.penalty < COMMENTS_PENALTY


def _call_to_action(lines: list[Line], prices: list[int]) -> int:
    """How many lines right after every price are the same."""
    n = 0
    while all(p + n + 1 < len(lines) for p in prices):
        keys = {lines[p + n + 1].key for p in prices}
        if len(keys) != 1 or lines[prices[0] + n + 1].role not in _CONTENT:
            break
        n += 1
    return n
