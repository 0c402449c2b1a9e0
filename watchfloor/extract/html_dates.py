"""The last resort for a page's date: a date stated only as visible text.

:func:`watchfloor.extract.html.find_published` reads the markup first (meta tags,
JSON-LD, ``<time>``, htmldate's fast search). Only when none of those gives a
date does it come here: first a cheap look for a labelled date in the page's
text ("Published 24 June 2025", "Posted on March 3, 2024", "Updated:
2025-06-24"), on a page in another language for the first date written in it
("24 июня 2025"), then htmldate's extensive search, which reads any date in the
text. The extensive search is slow: its date parser tries every language
(about 0.1 s a page, and several seconds the first time in a process), which is
why it runs last and only on pages with no other date.
"""

from __future__ import annotations

import re
from copy import deepcopy

from htmldate import find_date
from lxml.etree import XPath
from lxml.html import HtmlElement

from watchfloor.extract import detect_language
from watchfloor.extract.dates import normalise_date

TEXT_CHARS = 20_000  # of the page's visible text searched for a labelled date
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE = (
    rf"\d{{1,2}}(?:st|nd|rd|th)?\.?\s+{_MONTH},?\s+\d{{4}}"
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4}"
)
_LABEL = (
    r"(?P<label>first published|published|posted|last updated|updated|date)\b[\s:|-]*(?:on\s+)?"
)
_LABELLED = re.compile(
    rf"\b{_LABEL}(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*,?\s+)?(?P<date>{_DATE})",
    re.I,
)
_LOCAL_DATE = re.compile(
    r"\b\d{1,2}\.?\s+[^\W\d_]{3,12}\.?,?\s+\d{4}\b|\b[^\W\d_]{3,12}\.?\s+\d{1,2},?\s+\d{4}\b"
    r"|\d{4}\s*[年년]\s*\d{1,2}\s*[月월]\s*\d{1,2}\s*[日일]"
)
_PREFERENCE = {"first published": 0, "published": 0, "posted": 0, "date": 1}  # updated: 2
_INVISIBLE_ELEMENTS = XPath("//script|//style|//noscript|//template|//svg|//iframe")


def text_date(tree: HtmlElement, url: str | None = None, language: str | None = None) -> str | None:
    """A date the page states only as text: a labelled one, on a page in another
    language the first date written in that language, else htmldate's guess."""
    visible = _visible(tree)
    text = visible.text_content()[:TEXT_CHARS]
    language = language or detect_language(" ".join(text.split()))
    stated = labelled_date(text) or (local_date(text, language) if language != "en" else None)
    if stated:
        return stated
    found = find_date(visible, url=url, original_date=True, extensive_search=True)
    return normalise_date(found) if found else None


def labelled_date(text: str) -> str | None:
    """The date after "Published", "Posted", "Date" or, failing those, "Updated"."""
    found = [
        (_PREFERENCE.get(match["label"].lower(), 2), match.start(), match["date"])
        for match in _LABELLED.finditer(text)
    ]
    for _rank, _at, value in sorted(found):
        normalised = normalise_date(value)
        if normalised:
            return normalised
    return None


def local_date(text: str, language: str | None) -> str | None:
    """The first full date written in ``language`` ("24 июня 2025", "24. Juni 2025",
    "2025年6月24日"): labels differ in every language, so the first one that parses."""
    if not language:
        return None
    for match in _LOCAL_DATE.finditer(text):
        normalised = normalise_date(match.group(), language)
        if normalised:
            return normalised
    return None


def _visible(tree: HtmlElement) -> HtmlElement:
    """A copy of the page without the elements that hold no visible text."""
    copy = deepcopy(tree)
    for element in _INVISIBLE_ELEMENTS(copy):
        parent = element.getparent()
        if parent is not None:
            parent.remove(element)
    return copy
