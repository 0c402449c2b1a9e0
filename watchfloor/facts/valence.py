"""Word valence from the VADER sentiment lexicon (vaderSentiment, MIT; Hutto and
Gilbert 2014): about 7,500 English words and phrases rated by people from -4
(most negative) to +4. Used only where a speaker applies a word to something
("called the vote a fraud", "called him a hero"), never to whole sentences: news
that reports violence reads negative without accusing anyone.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

NEGATIVE = -1.5  # "fraud" -2.8, "farce" -1.7, "ridiculous" -1.5; not "mistake" -1.4
POSITIVE = 2.2  # "hero" 2.6, "excellent" 2.7; not "effective" 2.1, which describes


@cache
def valences() -> dict[str, float]:
    text = files("vaderSentiment").joinpath("vader_lexicon.txt").read_text(encoding="utf-8")
    table: dict[str, float] = {}
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) >= 2:
            try:
                table[parts[0]] = float(parts[1])
            except ValueError:
                continue
    return table


def valence(word: str) -> float:
    return valences().get(word.lower(), 0.0)


def disapproving(word: str) -> bool:
    return valence(word) <= NEGATIVE


def approving(word: str) -> bool:
    return valence(word) >= POSITIVE
