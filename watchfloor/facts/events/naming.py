"""Speech acts with no event verb: "called the move reckless", "branded it a coup".

A naming verb (``call``, ``describe``, ``label``, ``brand``, ``dub``, ``term``)
whose object is given a disapproving complement ("reckless", "illegal", "a
coup", "null and void", "a fraud") is a PLOVER ACCUSE (mode *disapprove*) by
the speaker against whoever the object stands for; an approving one ("a hero")
a SUPPORT (praise). The verbs and the project's own disapproving words are in
``plover.toml`` (``[naming]``); the rest come from the VADER lexicon
(:mod:`watchfloor.facts.valence`).

A passive "call" with a to-infinitive ("X was called to join the bloc") is
no naming but a summons: a REQUEST to the passive subject by an unnamed source.
"""

from __future__ import annotations

from typing import Any

from watchfloor.facts.plover import Cue, Lexicon
from watchfloor.facts.valence import approving, disapproving

Token = Any  # a spaCy token

COMPLEMENT_DEPS = frozenset({"oprd", "xcomp", "attr", "ccomp", "acomp"})
NAMING_CUE = Cue("call", (), "ACCUSE", "disapprove", False)
PRAISING_CUE = Cue("call", (), "SUPPORT", "praise", False)
PRAISING_VERBS = frozenset({"call", "describe"})  # naming ("dub", "name") is no praise
SUMMONS_VERB = "call"
SUMMONS_CUE = Cue(SUMMONS_VERB, (), "REQUEST", None, True)


def naming_lemmas(lexicon: Lexicon) -> frozenset[str]:
    """The verb lemmas with which :func:`naming_cue` or :func:`summons_cue` may find a cue."""
    return lexicon.naming_verbs | {SUMMONS_VERB}


def summons_cue(token: Token) -> Cue | None:
    """The REQUEST cue for "was called to <verb>", else None."""
    if token.pos_ != "VERB" or token.lemma_.lower() != SUMMONS_VERB:
        return None
    children = list(token.children)
    if not any(c.dep_ == "auxpass" for c in children):
        return None
    for child in children:
        if child.dep_ == "xcomp" and any(
            g.dep_ == "aux" and g.lower_ == "to" for g in child.children
        ):
            return SUMMONS_CUE
    return None


def naming_cue(token: Token, lexicon: Lexicon) -> Cue | None:
    """The ACCUSE cue for a naming verb with a disapproving complement, else None."""
    if token.pos_ != "VERB" or token.lemma_.lower() not in lexicon.naming_verbs:
        return None
    if not any(c.dep_ == "dobj" for c in token.children):
        return None
    objects = [c for c in token.children if c.dep_ == "dobj"]
    named = [  # "called X a hero", "described the attacks as a dastardly act"
        a
        for o in objects
        for a in o.children
        if a.dep_ == "appos" or (a.dep_ == "prep" and a.lower_ == "as")
    ]
    after = max(o.i for o in objects)
    for child in [*token.children, *named]:
        complement = (
            child.dep_ in COMPLEMENT_DEPS
            or child in named
            or (child.dep_ == "prep" and child.lower_ == "as")
        )
        complement = complement and child.i > after  # not a clause before the verb
        if not complement:
            continue
        words = list(child.subtree)
        if any(w.lemma_.lower() in lexicon.disapproving or disapproving(w.lower_) for w in words):
            return NAMING_CUE
        if token.lemma_.lower() in PRAISING_VERBS and any(
            approving(w.lower_) and w.pos_ != "PROPN" for w in words
        ):
            return PRAISING_CUE  # "called him a hero", not "named it Operation Peace"
    return None
