"""Modality of an event from the parse: asserted, planned, predicted, possible, negated.

The trigger's own dependents (negation, modal auxiliaries) and the words that
govern it on the way up its clause chain ("plans to", "is expected to",
"raised the possibility of", an "if" clause) decide; the strongest cue wins.
"""

from __future__ import annotations

from typing import Any

from watchfloor.facts.plover import Lexicon

Token = Any  # a spaCy token

# Dependencies along which a governing word still speaks about the event.
CHAIN_DEPS = frozenset(
    {
        "xcomp",
        "ccomp",
        "pcomp",
        "dobj",
        "pobj",
        "prep",
        "csubj",
        "nsubj",
        "nsubjpass",
        "acl",
        "attr",
        "oprd",
        "advcl",
        "compound",
    }
)
RANK = {"negated": 4, "predicted": 3, "possible": 2, "planned": 1, "asserted": 0}


def modality_of(trigger: Token, lexicon: Lexicon) -> str:
    """The event's modality, read from the trigger and the words above it."""
    best = _own(trigger, lexicon)
    token = trigger
    while token.dep_ in CHAIN_DEPS and token.head is not token:
        head = token.head
        found = _governing(head, token, lexicon)
        if RANK[found] > RANK[best]:
            best = found
        if token.dep_ == "advcl":
            break
        token = head
    return best


def _own(token: Token, lexicon: Lexicon) -> str:
    found = "asserted"
    for child in token.children:
        cue = _child_cue(child, lexicon)
        if RANK[cue] > RANK[found]:
            found = cue
    return found


def _child_cue(child: Token, lexicon: Lexicon) -> str:
    lower = child.lower_
    if child.dep_ == "neg" or (child.dep_ == "det" and lower == "no"):
        return "negated"
    if child.dep_ == "mark" and lower in {"if", "unless", "whether"}:
        return "possible"
    if child.dep_ in {"aux", "advmod", "acomp"}:
        if lower in lexicon.possible_aux or child.lemma_ in lexicon.possible:
            return "possible"
        if child.lemma_ in lexicon.predicted:
            return "predicted"
        if lower in lexicon.planned_aux:
            return "planned"
    return "asserted"


def not_yet(trigger: Token) -> bool:
    """The event is pending, not refused ("has yet to concede")."""
    return trigger.dep_ == "xcomp" and _yet_to(trigger.head, trigger)


def _yet_to(head: Token, below: Token) -> bool:
    """ "has yet to concede", "is yet to withdraw": not done (so far)."""
    return (
        below.dep_ == "xcomp"
        and head.lemma_ in {"have", "be"}
        and any(c.dep_ == "advmod" and c.lower_ == "yet" for c in head.children)
    )


def _governing(head: Token, below: Token, lexicon: Lexicon) -> str:
    """What a governing word says about the clause below it."""
    lemma = head.lemma_.lower()
    if lemma in lexicon.negating and below.dep_ in {"xcomp", "dobj", "pcomp", "ccomp"}:
        return "negated"
    if _yet_to(head, below):
        return "negated"
    if lemma in lexicon.predicted:
        return "predicted"
    if lemma in lexicon.possible:
        return "possible"
    own = _own(head, lexicon)
    if own != "asserted":
        return own
    if lemma in lexicon.planned and below.dep_ in {"xcomp", "dobj", "ccomp", "acl"}:
        return "planned"
    return "asserted"
