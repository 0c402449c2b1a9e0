"""Measures undone: "cut tariffs", "suspended the sanctions", "the curfew was lifted".

A sanction, tariff, ban, embargo, curfew or blockade names a measure; the verb
that governs it says which way it goes. "Imposed tariffs" is a SANCTION, but
"cut", "halved", "suspended", "scrapped" or "waived" tariffs undoes one, which
the PLOVER codebook codes as a concession ("ending sanctions, easing curfews and
boycotts": CONCEDE). The verbs that undo and the measures they undo are in
``plover.toml`` (``[easing]``); a verb that governs such a measure as its object
(or, passive, as its subject) becomes a CONCEDE trigger and claims the noun, so the
noun no longer reads as a SANCTION of its own.
"""

from __future__ import annotations

from typing import Any

from watchfloor.facts.plover import Cue, Lexicon

Token = Any  # a spaCy token

MEASURE_DEPS = frozenset({"dobj", "nsubjpass"})


def easing_cue(token: Token, lexicon: Lexicon) -> Cue | None:
    """The CONCEDE cue for a verb that undoes a measure, else None."""
    if token.pos_ != "VERB" or token.lemma_.lower() not in lexicon.easing_verbs:
        return None
    for child in token.children:
        noun = child.lemma_.lower()
        if child.dep_ in MEASURE_DEPS and noun in lexicon.eased_measures:
            return Cue(token.lemma_.lower(), (noun,), "CONCEDE", None, False)
    return None
