"""Coordinated lists the parser split: "Spain, the largest buyer, and Portugal"
hangs Portugal on the apposition, not on Spain; both are members of the list."""

from __future__ import annotations

from typing import Any

Token = Any  # a spaCy token


def appositive_conjuncts(token: Token) -> list[Token]:
    """Names the parser hung on an apposition instead of on the first member:
    "Spain, the largest buyer, and Portugal" -- Portugal joins Spain's list."""
    return [
        part
        for child in token.children
        if child.dep_ == "appos" and child.tag_ in {"NN", "NNS"}
        for part in child.conjuncts
        if part.tag_ == "NNP" and part.i > child.i
    ]


REASON_PREPS = frozenset({"over", "for"})


def split_reasons(verb: Token, phrases: list[Token]) -> tuple[list[Token], list[Token]]:
    """Target phrases apart from the reasons given for acting on an object:
    "sanctioned X over Y's plots" -- Y only when X names no one."""
    if verb.pos_ != "VERB" or not any(c.dep_ == "dobj" for c in verb.children):
        return phrases, []
    reasons = [
        np
        for np in phrases
        if np.dep_ == "pobj" and np.head.lower_ in REASON_PREPS and np.head.head.i == verb.i
    ]
    return [np for np in phrases if np not in reasons], reasons
