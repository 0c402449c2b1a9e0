"""Which languages the pipeline analyses, and how to report the ones it only stores.

Every language is extracted, de-duplicated, stored and searchable. The NLP stage
(spaCy's English pipeline, the English lexicons of the actor and fact finders)
runs only on the languages named here; an article in any other language is
stored with its detected language and filed as analysed with no actors or facts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

ANALYSED_LANGUAGES = frozenset({"en"})
UNKNOWN = "und"  # ISO 639-2 "undetermined": no language could be detected


def is_analysed(language: str | None) -> bool:
    """Whether articles in ``language`` go through the NLP and fact stages.

    An article whose language is unknown (too little text to tell) is analysed.
    """
    return not language or language == UNKNOWN or language in ANALYSED_LANGUAGES


def not_analysed(counts: Mapping[str, int]) -> dict[str, int]:
    """The counts by language of the languages that are stored but not analysed,
    most articles first."""
    kept = {lang: n for lang, n in counts.items() if lang and n and not is_analysed(lang)}
    return dict(sorted(kept.items(), key=lambda item: (-item[1], item[0])))


def describe(counts: Mapping[str, int]) -> str:
    """ "3 articles in 2 languages (fr 2, ru 1)"; empty for no articles."""
    total = sum(counts.values())
    if not total:
        return ""
    noun = "article" if total == 1 else "articles"
    langs = "language" if len(counts) == 1 else "languages"
    listed = ", ".join(f"{lang} {n}" for lang, n in counts.items())
    return f"{total} {noun} in {len(counts)} {langs} ({listed})"


def tally(languages: Iterable[str | None]) -> dict[str, int]:
    """Counts of the languages not analysed, from one language per article."""
    counts: dict[str, int] = {}
    for language in languages:
        key = language or UNKNOWN
        counts[key] = counts.get(key, 0) + 1
    return not_analysed(counts)
