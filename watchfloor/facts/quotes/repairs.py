"""Reported clauses the parse hung where a clause does not go.

The tagger and parser misread some reported clauses: a 'that' clause as a
relative clause on a time phrase ("said the next day that ..."), a clause's
subject as the verb's object ("said armed gangs operated ..."), a for-to clause
as an adverbial one ("called for his death to be investigated"). These helpers
find the clause again.
"""

from __future__ import annotations

from watchfloor.facts.quotes.marks import Span, Token, token_end


def for_to_mark(verb: Token, child: Token) -> Token | None:
    """The 'for' opening a for-to clause right after the verb: 'called for his death to be
    investigated', which the parse reads as a clause with a 'for' mark."""
    if child.dep_ not in ("advcl", "ccomp") or child.i < verb.i:
        return None
    mark = next((m for m in child.children if m.dep_ == "mark" and m.lower_ == "for"), None)
    return mark if mark is not None and mark.i == verb.i + 1 else None


def that_clause(clause: Token) -> bool:
    """A clause opening with 'that' that has a subject of its own: no relative clause."""
    return clause.left_edge.lower_ == "that" and any(
        k.dep_ in ("nsubj", "nsubjpass") and k.lower_ != "that" for k in clause.children
    )


FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "VBN"})  # VBN: the tagger's reduced relative


def object_read_as_clause(right: list[Token]) -> list[Token]:
    """'said armed gangs operated ...': the parse made the clause's subject an object with a
    finite verb hanging from it; the object's phrase is the clause."""
    for child in right:
        if child.dep_ == "dobj" and any(
            k.dep_ in {"acl", "relcl"}
            and k.tag_ in FINITE_TAGS
            and k.i > child.i
            and not any(m.dep_ in {"nsubj", "mark"} or m.tag_ in {"WDT", "WP"} for m in k.children)
            for k in child.children
        ):
            return [child]
    return []


def object_and_verb(right: list[Token]) -> Span | None:
    """'maintained an inquiry is what ...': the parse split the clause into the verb's
    object and a finite verb coordinated with the speech verb, with no 'and' or subject
    of its own between them; together they are the clause."""
    objects = [c for c in right if c.dep_ == "dobj"]
    if not objects:
        return None
    obj = objects[0]
    verbs = [
        c
        for c in right
        if c.dep_ == "conj"
        and c.i == obj.right_edge.i + 1
        and c.tag_ in {"VBZ", "VBP", "VBD"}
        and not any(k.dep_ in ("nsubj", "nsubjpass", "cc") for k in c.children)
    ]
    if not verbs:
        return None
    return (obj.left_edge.idx, token_end(verbs[0].right_edge))
