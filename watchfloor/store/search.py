"""Turning what a user types into a safe FTS5 query."""

from __future__ import annotations

import re

# A search ranks at most this many matches, the most recently stored: ranking every
# match of a common word took 50-110 ms (SQLite's BM25) and 60 ms per 5,000 matches
# (PostgreSQL's ts_rank) on 100,000 articles (bench/query.py).
RANKED_MATCHES = 1000
_TOKEN = re.compile(r'"[^"]+"|[^\s"]+')
_OPERATORS = {"AND", "OR", "NOT"}


def fts_query(text: str) -> str:
    """An FTS5 MATCH expression from free text.

    Words are quoted so that punctuation and FTS syntax in user input can never
    raise a syntax error; "quoted phrases" stay phrases; AND/OR/NOT keep their
    meaning; a trailing ``*`` makes a prefix search.
    """
    parts: list[str] = []
    for token in _TOKEN.findall(text[:500]):
        if token in _OPERATORS:
            if parts and parts[-1] not in _OPERATORS:
                parts.append(token)
            continue
        prefix = token.endswith("*")
        words = re.sub(r"[^\w\s'-]", " ", token.strip('"*')).split()
        if not words:
            continue
        phrase = '"' + " ".join(w.replace('"', "") for w in words) + '"'
        parts.append(phrase + ("*" if prefix else ""))
    while parts and parts[-1] in _OPERATORS:
        parts.pop()
    return " ".join(parts)
