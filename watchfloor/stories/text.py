"""Word-level similarity for grouping articles and merging events.

Texts are compared as sets of content-word stems: lower-cased words of three
letters or more, function words and calendar words dropped, each cut to its
first :data:`STEM_CHARS` characters. The cut is a crude stemmer that needs no
model: "shelled" and "shelling", "sanction" and "sanctions", "Russia" and
"Russian" fall together. The similarity of two sets is their Dice coefficient.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

STEM_CHARS = 5  # long enough to keep "sanct" apart from "santa", short enough for inflections
_WORD = re.compile(r"[^\W\d_]{3,}")

_STOP_WORDS = """
    the and for are was were has have had not but its it's this that these those with from into
    onto over under than then there their they them his her hers him she he who whom whose which
    what when where why how all any both each few more most other some such only own same very can
    will would could should may might must shall also about after again against before being
    below between during further once out off our ours you your yours just been being did does
    doing done said says saying told tells according reported reports report stated statement
    while since until upon via per one two three four five six seven eight nine ten first second
    new news year years day days week weeks month months today yesterday tomorrow
    monday tuesday wednesday thursday friday saturday sunday january february march april june
    july august september october november december mr mrs ms
"""
_STOP = frozenset(_STOP_WORDS.split())


def stems(text: str | None) -> frozenset[str]:
    """The content-word stems of a text."""
    if not text:
        return frozenset()
    words = (w.lower() for w in _WORD.findall(text))
    return frozenset(w[:STEM_CHARS] for w in words if w not in _STOP)


def dice(a: frozenset[str] | set[str], b: frozenset[str] | set[str]) -> float:
    """Dice coefficient of two sets: 1.0 when equal, 0.0 when disjoint or empty."""
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def overlap(a: frozenset[int] | set[int], b: frozenset[int] | set[int]) -> float:
    """Overlap coefficient: the share of the smaller set found in the other."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def outlet(source: str | None, url: str | None) -> str | None:
    """Who published a page: its source name, else its URL's host, else None."""
    if source and source.strip():
        return " ".join(source.casefold().split())
    if url:
        host = (urlsplit(url).hostname or "").casefold()
        return host.removeprefix("www.") or None
    return None


def count_outlets(pairs: list[tuple[str | None, str | None]]) -> int:
    """Distinct outlets among (source, url) pairs; pages naming none count once together."""
    named = {outlet(s, u) for s, u in pairs}
    return len(named - {None}) + (1 if None in named else 0)


def shorten(text: str, limit: int = 220) -> str:
    """The text cut at a word boundary with an ellipsis when longer than ``limit``."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"
