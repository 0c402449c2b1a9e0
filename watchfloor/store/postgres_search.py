"""What a user types, as a safe PostgreSQL ``to_tsquery`` expression.

The text goes through :func:`~watchfloor.store.search.fts_query` first, the very
sanitiser SQLite's search uses, so both backends read a query the same way:
"quoted phrases" stay phrases (``<->``), AND/OR/NOT keep their meaning
(``&``, ``|``, ``& !``), words side by side must all match, and a trailing ``*``
makes a prefix search (``:*``). Every word is quoted and made of word
characters only, so no input can raise a syntax error.
"""

from __future__ import annotations

import re

from watchfloor.store.search import fts_query

CONFIG = "watchfloor_english"  # the text search configuration of postgres_0001
_PART = re.compile(r'"(?P<phrase>[^"]*)"(?P<prefix>\*?)|(?P<op>AND|OR|NOT)')
_WORD = re.compile(r"\w+")
_OPERATORS = {"AND": "&", "OR": "|", "NOT": "& !"}
_LONGEST = 200  # characters of a word; tsquery refuses words over 2047 bytes


def ts_query(text: str) -> str:
    """A ``to_tsquery`` expression from free text; empty when nothing is searchable."""
    parts: list[str] = []
    for match in _PART.finditer(fts_query(text)):
        if match["op"]:
            if parts and parts[-1] not in _OPERATORS.values():
                parts.append(_OPERATORS[match["op"]])
            continue
        words = _WORD.findall(match["phrase"])
        if not words:
            continue
        if parts and parts[-1] not in _OPERATORS.values():
            parts.append("&")  # words side by side must all match
        parts.append(_phrase(words, prefix=bool(match["prefix"])))
    while parts and parts[-1] in _OPERATORS.values():
        parts.pop()
    return " ".join(parts)


def _phrase(words: list[str], prefix: bool) -> str:
    quoted = [f"'{word[:_LONGEST]}'" for word in words]
    if prefix:
        quoted[-1] += ":*"
    return quoted[0] if len(quoted) == 1 else "(" + " <-> ".join(quoted) + ")"
