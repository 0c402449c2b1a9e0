"""The headline of scraped page text: a title-like line just above the body.

A line a byline or a date follows is the headline first. Otherwise: after a
promo heading ("Trending now", "Most read") the lines that follow it are its
teasers and the headline is the last of them, the one nearest the body; with
no promo heading, the first title-like line among the few lines before the body
(a line repeated on the page only when no other qualifies: the headline is
sometimes printed twice, but so are taglines and menus).
"""

from __future__ import annotations

import re

from watchfloor.extract.text import Line, Role, is_title_like

HEADLINE_LOOKBACK = 3  # non-furniture lines before the body searched for a headline
PROMO_LOOKBACK = 8  # ... or up to this many, for one a byline follows or after a promo heading

_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_BYLINE_OR_DATE = re.compile(
    rf"^by\s|\b{_MONTHS} \d{{1,2}}\b|\b\d{{1,2}} {_MONTHS} \d{{4}}|\d{{4}}-\d\d-\d\d", re.I
)
_NOT_HEADLINE = re.compile(  # a byline, a date, or a kicker ("Asia · Trade")
    rf"{_BYLINE_OR_DATE.pattern}|\s[·|•]\s", re.I
)


def headline(lines: list[Line], start: int) -> str | None:
    """The headline among the non-furniture lines before ``start`` (see the module)."""
    found, after_promo = _headline_candidates(lines, start)
    titles = [i for i in reversed(found) if is_title_like(lines[i].text, lines[i].words)]
    titles = [i for i in titles if not _NOT_HEADLINE.search(lines[i].text)]
    over_byline = [i for i in titles if _is_byline_or_date(lines[i + 1])]
    if over_byline:
        return lines[over_byline[-1]].text
    if after_promo:
        return lines[titles[-1]].text if titles else None
    near = set(found[:HEADLINE_LOOKBACK])
    nearest = [i for i in titles if i in near]
    nearest.sort(key=lambda i: lines[i].role is Role.REPEAT)  # stable: first unique one wins
    return lines[nearest[0]].text if nearest else None


def _is_byline_or_date(line: Line) -> bool:
    """A byline or a date line, as follows a headline."""
    if line.role is Role.FURNITURE:
        return bool(_BYLINE_OR_DATE.search(line.text))
    return line.role is Role.OTHER and line.text[:3].lower() == "by "


def _headline_candidates(lines: list[Line], start: int) -> tuple[list[int], bool]:
    """The indexes of the non-furniture lines before the body, nearest first, and
    whether a promo heading is above them."""
    found: list[int] = []
    for i in range(start - 1, -1, -1):
        line = lines[i]
        if line.is_boundary:
            return found, True
        if line.role is Role.FURNITURE:
            continue
        if line.role is Role.PARAGRAPH or len(found) >= PROMO_LOOKBACK:
            break
        found.append(i)
    return found, False
