"""Full names of identity-only actors found in running text, without a PhraseMatcher.

The knowledge base's ~18,000 Phoenix office holders (``KnownActor.phrase_match`` False)
would cost a spaCy PhraseMatcher over 100 MB and seconds to build. Their names are
instead kept as a set of :func:`normalise` keys, and each run of capitalised words in a
document (with name particles and hyphens: "Zine El Abidine Ben Ali", "Ban Ki-moon") is
looked up, every sub-span of two or more words that begins and ends with a capital.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc, Span

from watchfloor.actors.kb import KnowledgeBase, normalise
from watchfloor.actors.kb_build import NAME_PARTICLES

_JOINERS = frozenset({"-", ".", "'"})


@lru_cache(maxsize=4)
def name_keys(kb: KnowledgeBase) -> frozenset[str]:
    """The normalised full names and aliases of the identity-only actors."""
    return frozenset(
        normalise(name)
        for actor in kb
        if not actor.phrase_match
        for name, via in actor.names()
        if via != "surname"
    )


def identity_spans(doc: Doc, kb: KnowledgeBase) -> list[Span]:
    """Spans of ``doc`` equal to an identity-only actor's name (longest per start)."""
    keys = name_keys(kb)
    if not keys:
        return []
    found: list[Span] = []
    i = 0
    while i < len(doc):
        end = _run_end(doc, i)
        found += _spans_in_run(doc, i, end, keys)
        i = max(end, i + 1)
    return found


def _run_end(doc: Doc, start: int) -> int:
    """The end of the run of name-like tokens starting at ``start`` (start if none)."""
    if not doc[start].text[:1].isupper():
        return start
    end = start
    while end < len(doc):
        token = doc[end]
        capital = token.text[:1].isupper()
        if not (capital or token.lower_ in NAME_PARTICLES or token.text in _JOINERS):
            break
        if end > start and token.is_sent_start:
            break
        end += 1
    return end


def _spans_in_run(doc: Doc, start: int, end: int, keys: frozenset[str]) -> list[Span]:
    spans: list[Span] = []
    i = start
    while i < end:
        match = None
        if doc[i].text[:1].isupper():
            for j in range(end, i + 1, -1):  # longest first
                if doc[j - 1].text[:1].isupper() and normalise(doc[i:j].text) in keys:
                    match = doc[i:j]
                    break
        if match is not None and len(match) > 1:
            spans.append(match)
            i = match.end
        else:
            i += 1
    return spans
