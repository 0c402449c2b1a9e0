"""A quick test that rules a case-insensitive pattern out before it runs.

A regular expression built on a long alternation costs time at every character
of every sentence, though most sentences hold none of the words it needs. An
:class:`AnyWord` holds the words of which a pattern needs at least one (matched
as written, in any case): when a text holds none of them, the pattern cannot
match it and need not run.

The test is exact only where case-insensitive matching is plain lower-casing,
for ASCII words in ASCII text: Unicode case folding lets some other characters
match ASCII letters ("K", the Kelvin sign, matches "k"). For any other text the
answer is "maybe", and the pattern runs.
"""

from __future__ import annotations

from collections.abc import Iterable


class AnyWord:
    """Words of which a case-insensitive pattern needs one ("needs one of the digits or
    number words"), as a test that a text holds none of them."""

    def __init__(self, words: Iterable[str]) -> None:
        lowered = {word.lower() for word in words}
        self._words = tuple(sorted(lowered)) if all(w.isascii() for w in lowered) else None

    def absent_from(self, text: str) -> bool:
        """True only when ``text`` surely holds none of the words, in any case."""
        if self._words is None or not text.isascii():
            return False
        lowered = text.lower()
        return not any(word in lowered for word in self._words)
