"""Phrases of a watch item: the tokens of a noun phrase or clause, trimmed and split.

Shared by the watch rules (:mod:`watchfloor.facts.watch.finder`) and the repair of
a misparsed "Watch X" heading (:mod:`watchfloor.facts.watch.headings`).
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from spacy.tokens import Token

from watchfloor.nlp.types import doc_text

Item = list[Token]  # the tokens of the thing to watch


def has_children(token: Token, *deps: str) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def trim(tokens: list[Token], asides: bool = False) -> Item:
    """Without parentheses, non-restrictive relative clauses and coordinators at the edges."""
    full_text = doc_text(tokens[0].doc) if tokens else ""
    depth, kept = 0, []
    skip: set[int] = set()
    inside = {t.i for t in tokens}
    for t in tokens:
        if (
            not asides
            and t.dep_ == "relcl"
            and t.head.i in inside
            and t.doc[t.left_edge.i - 1].text == ","
        ):
            skip |= {s.i for s in t.subtree} | {t.left_edge.i - 1}  # and its commas
            after = t.right_edge.i + 1
            if after < len(t.doc) and t.doc[after].text == ",":
                skip.add(after)
    for t in tokens:
        depth += t.text == "("
        if depth == 0 and t.i not in skip:
            kept.append(t)
        depth -= t.text == ")" and depth > 0
    while kept and (kept[0].dep_ in ("cc", "punct") or kept[0].lower_ in ("when", "that")):
        kept.pop(0)
    while kept and (kept[-1].dep_ in ("cc", "punct") or kept[-1].is_punct or kept[-1].is_space):
        kept.pop()
    return kept if full_text else []


def split_items(obj: Token, lex: dict[str, frozenset[str]]) -> list[Item]:
    """An object phrase, one item per coordinated noun phrase or question clause
    ("the pace of returns and whether Israel reopens the crossing"); a noun phrase the
    parse hung as an apposition counts as one more item where a coordinator follows it
    ("the changes, the next review, and whether ...")."""
    heads = [obj] + [
        t
        for t in obj.subtree
        if (
            t.dep_ == "conj"
            and (
                (
                    t.pos_ in ("NOUN", "PROPN")
                    and (t.head.i == obj.i or in_parens(t.head) or has_children(t, "prep"))
                )
                or (t.pos_ in ("VERB", "AUX") and opened(t, lex))
            )
        )
        or (t.dep_ == "appos" and t.head.i == obj.i and _listed(t))
    ]
    items = []
    for n, head in enumerate(heads):
        others = {s.i for h in heads if h.i != head.i for s in h.subtree} if n == 0 else set()
        items.append(trim([t for t in head.subtree if t.i not in others]))
    return items


def _listed(token: Token) -> bool:
    """A phrase after a comma with a list's ", and" / ", or" coming later in its sentence."""
    doc, end = token.doc, token.sent.end
    after = [t for t in doc[token.right_edge.i + 1 : end] if not t.is_space]
    before = doc[token.left_edge.i - 1] if token.left_edge.i > 0 else None
    return (
        before is not None
        and before.text == ","
        and any(a.text == "," and b.lower_ in ("and", "or") for a, b in pairwise(after))
    )


def in_parens(token: Token) -> bool:
    before = token.doc[max(0, token.i - 20) : token.i].text
    return before.rfind("(") > before.rfind(")")


def opened(clause: Token, lex: dict[str, frozenset[str]]) -> bool:
    """A clause opened by "whether", "how", "which" ...: a question to watch."""
    first = clause.doc[clause.left_edge.i]
    first = clause.doc[first.i + 1] if first.dep_ in ("cc", "punct") else first
    return first.lower_ in lex["clause_openers"] or any(
        t.lower_ in lex["clause_openers"] for t in has_children(clause, "mark")
    )


def questions(tokens: list[Token], lex: dict[str, frozenset[str]]) -> Iterator[Item]:
    """ "Who replaces him, and whether Congress forces a vote": one item per question."""
    start = 0
    for n, t in enumerate(tokens[:-1]):
        after = tokens[n + 1].lower_
        listed = t.text == "," and after == "whether"  # "whether X, whether Y, and how Z"
        if listed or (t.lower_ in ("and", "or") and after in lex["clause_openers"]):
            yield trim(tokens[start:n])
            start = n + 1
    yield trim(tokens[start:])
