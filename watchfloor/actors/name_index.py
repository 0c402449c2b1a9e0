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
from watchfloor.actors.kb_build import NAME_PARTICLES, TITLE_WORDS

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


@lru_cache(maxsize=4)
def person_keys(kb: KnowledgeBase) -> frozenset[str]:
    """The keys of :func:`name_keys` that name people only."""
    people = {normalise(n) for a in kb if a.type == "PERSON" and not a.phrase_match
              for n, _ in a.names()}  # fmt: skip
    others = {normalise(n) for a in kb if a.type != "PERSON" and not a.phrase_match
              for n, _ in a.names()}  # fmt: skip
    return frozenset(people - others)


def identity_spans(doc: Doc, kb: KnowledgeBase) -> list[Span]:
    """Spans of ``doc`` equal to an identity-only actor's name (longest per start)."""
    keys = name_keys(kb)
    if not keys:
        return []
    found: list[Span] = []
    i = 0
    while i < len(doc):
        end = _run_end(doc, i)
        found += _spans_in_run(doc, i, end, keys, kb)
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


def _spans_in_run(
    doc: Doc, start: int, end: int, keys: frozenset[str], kb: KnowledgeBase
) -> list[Span]:
    """Names in a run; a body's name that does not open it follows only titles and
    demonyms: "National Liberation Army" is no name inside "Ta'ang National Liberation
    Army" (a person's may follow anything: "House Speaker ...")."""
    people = person_keys(kb)
    spans: list[Span] = []
    i = start
    while i < end:
        match = None
        if doc[i].text[:1].isupper():
            for j in range(end, i + 1, -1):  # longest first
                if not doc[j - 1].text[:1].isupper():
                    continue
                key = normalise(doc[i:j].text)
                if key in keys and (key in people or _opens(doc, start, i, kb)):
                    match = doc[i:j]
                    break
        if match is not None and len(match) > 1:
            spans.append(match)
            i = match.end
        else:
            i += 1
    return spans


def _opens(doc: Doc, run_start: int, i: int, kb: KnowledgeBase) -> bool:
    """Every word of the run before token i is a title, a role word or a demonym."""
    for token in doc[run_start:i]:
        key = normalise(token.text)
        if key in TITLE_WORDS or key in kb.normalised_role_words:
            continue
        if token.text in _JOINERS or kb.country_of_demonym(token.text):
            continue
        return False
    return True
