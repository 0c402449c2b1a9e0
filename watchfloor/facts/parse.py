"""Parse helpers the fact finders share: clause extent, subjects, the actor a token names."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Span, Token

from watchfloor.facts.context import FactContext
from watchfloor.facts.participants import refer
from watchfloor.facts.state_nouns import in_quote
from watchfloor.nlp.types import doc_text

_CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "conj", "advcl", "relcl", "xcomp", "pcomp", "csubj"})


def text_of(tokens: Iterable[Token]) -> str:
    """The tokens as written, in text order, without edge punctuation."""
    ordered = sorted(set(tokens), key=lambda t: t.i)
    parts = [
        t.text + (" " if n + 1 < len(ordered) and ordered[n + 1].i > t.i + 1 else t.whitespace_)
        for n, t in enumerate(ordered)
    ]  # a word before left-out ones keeps a space after it
    text = "".join(parts).strip()
    return text.strip(" ,;:-–—").strip()


def clause_of(token: Token) -> Token:
    """The nearest clause head at or above ``token``."""
    while token.dep_ not in _CLAUSE_DEPS and token.head.i != token.i:
        token = token.head
    return token


def clause_tokens(head: Token) -> list[Token]:
    """The clause of ``head`` without the clauses coordinated to it."""
    skip = {
        t.i
        for c in head.children
        if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")
        for t in c.subtree
    }
    skip |= {c.i for c in head.children if c.dep_ == "cc" and c.i > head.i}
    return [t for t in head.subtree if t.i not in skip]


def in_quotes(token: Token, sent: Span) -> bool:
    return in_quote(doc_text(sent.doc), sent.start_char, token.idx)


def token_actor_id(context: FactContext, token: Token) -> str | None:
    """The actor a (subject) token names: its own mention, its phrase, or a he/she antecedent."""
    if token.lower_ in ("he", "she", "him", "her"):
        return context.id_of(refer(context, token))
    own = context.actor_id_at(token.idx, token.idx + len(token.text))
    if own:
        return own
    for dep in ("appos", "compound", "poss"):
        for child in token.children:
            found = (
                context.actor_id_at(child.idx, child.idx + len(child.text))
                if child.dep_ == dep
                else None
            )
            if found:
                return found
    return None


def subject_of(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass", "csubj"):
            return child
    return None
