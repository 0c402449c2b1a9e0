"""Turning what a user types into a safe FTS5 query."""

from __future__ import annotations

import re

# A search ranks at most this many matches, the most recently stored: ranking every
# match of a common word took 50-110 ms (SQLite's BM25) and 60 ms per 5,000 matches
# (PostgreSQL's ts_rank) on 100,000 articles (bench/query.py).
RANKED_MATCHES = 1000
_TOKEN = re.compile(r'"[^"]+"|[^\s"]+')
_OPERATORS = {"AND", "OR", "NOT"}
# Scripts written without spaces between words (Chinese, Japanese kana and kanji, Thai,
# Lao, Khmer, Myanmar): a word tokenizer sees a whole clause as one token, so such a
# search is a substring search (:func:`unspaced_terms`).
UNSPACED_CHARS = (
    "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u2e80-\u2fdf\u3040-\u30ff"
    "\u3100-\u312f\u31a0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"
)
_UNSPACED = re.compile(f"[{UNSPACED_CHARS}]+")
_HANGUL = re.compile("[\uac00-\ud7a3]")  # Korean: spaced words with particles attached
# The languages written in those scripts: only their articles are searched by substring.
UNSPACED_LANGUAGES = ("zh", "ja", "th", "lo", "km", "my", "bo", "dz")


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
        # a Korean word carries its particles ("회담을"): search it as a prefix
        prefix = token.endswith("*") or bool(_HANGUL.search(token))
        words = re.sub(r"[^\w\s'-]", " ", token.strip('"*')).split()
        if not words:
            continue
        phrase = '"' + " ".join(w.replace('"', "") for w in words) + '"'
        parts.append(phrase + ("*" if prefix else ""))
    while parts and parts[-1] in _OPERATORS:
        parts.pop()
    return " ".join(parts)


def unspaced_terms(text: str) -> tuple[str, list[str]]:
    """The search without its runs of unspaced script, and those runs (at most 8).

    "中国 talks" gives ``("talks", ["中国"])``: the word goes to the full-text index,
    the run to a substring match.
    """
    terms = list(dict.fromkeys(_UNSPACED.findall(text[:500])))[:8]
    rest = _UNSPACED.sub(" ", text[:500]) if terms else text
    return rest, terms
