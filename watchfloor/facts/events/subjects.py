"""Subjects the parser hung on an auxiliary: "The United States has been
encouraging ..." parsed with the subject on "been" still names who encourages."""

from __future__ import annotations

from typing import Any

Token = Any  # a spaCy token


def with_auxiliary_subjects(verb: Token) -> list[Token]:
    """The verb's children, and the subjects of its auxiliaries when it has none."""
    children = list(verb.children)
    if any(c.dep_ in {"nsubj", "nsubjpass"} for c in children):
        return children
    return children + [
        s for a in children if a.dep_ == "aux" for s in a.children if s.dep_ == "nsubj"
    ]
