"""Demands in reported speech: "Russia said Sudan must return the helicopter".

A speaker who says that someone else must, should or needs to do something
asks it of them: CAMEO codes "demand" and PLOVER a REQUEST, from the speaker to
the subject of the reported clause. The speech verbs and the words of
obligation are in ``plover.toml`` (``[obligation]``). The cue needs a target
actor, so "said the talks should resume" is no event; "we must" and "I
should" are the speaker's own intent, not a demand.
"""

from __future__ import annotations

from typing import Any

from watchfloor.facts.plover import Cue, Lexicon

Token = Any  # a spaCy token

SELF = frozenset({"we", "i", "us", "you"})


def obligation_cue(token: Token, lexicon: Lexicon) -> Cue | None:
    """The REQUEST cue for "X said Y must/should/needs to ...", else None."""
    if obliged_subjects(token, lexicon):
        return Cue(token.lemma_.lower(), (), "REQUEST", None, True)
    return None


def obliged_subjects(token: Token, lexicon: Lexicon) -> list[Token]:
    """The subjects of the clauses a speech verb says must be acted on: its targets."""
    if token.pos_ != "VERB" or token.lemma_.lower() not in lexicon.obligation_speech:
        return []
    found = []
    for clause in (c for c in token.children if c.dep_ == "ccomp"):
        subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
        if subject is not None and subject.lower_ not in SELF and _obliged(clause, lexicon):
            found.append(subject)
    return found


def _obliged(clause: Token, lexicon: Lexicon) -> bool:
    """ "must return", "should leave", "needs to stop", "has to pay"."""
    if any(c.dep_ == "aux" and c.lower_ in lexicon.obligation_modals for c in clause.children):
        return True
    return clause.lemma_.lower() in lexicon.obligation_needs and any(
        c.dep_ == "xcomp" and any(g.lower_ == "to" for g in c.children) for c in clause.children
    )
