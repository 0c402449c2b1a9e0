"""A "Watch X" sentence the parser read as a name: "Watch Biya's swearing-in ...".

Analysis pieces end with sentences such as "Watch Biya's swearing-in before
parliament" or "Watch Kenya's response". Where a proper name follows, the small
English model often takes the capitalised "Watch" for the first word of that
name, and the sentence becomes one noun phrase with no verb. When a sentence
opens with a watch verb that was not parsed as one and its root is a noun, the
rest of the sentence is the thing to watch, split at its coordinated phrases
like any watched object.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from watchfloor.facts.watch.phrases import Item, split_items

NOMINAL = frozenset({"NOUN", "PROPN"})


def opens_as_name(token: Token) -> bool:
    """The capitalised first word of its sentence, which the tagger did not read as a verb."""
    first = next((t for t in token.sent if not t.is_space), None)
    return (
        first is not None
        and token.i == first.i
        and token.pos_ != "VERB"
        and (token.text[:1].isupper())
    )


def watch_heading(token: Token, lex: dict[str, frozenset[str]]) -> Iterator[Item]:
    if token.lower_ not in lex["watch_verbs"] or not opens_as_name(token):
        return
    root = token.sent.root
    if root.pos_ not in NOMINAL or root.i == token.i:
        return
    for item in split_items(root, lex):
        kept = [t for t in item if t.i != token.i]
        if kept:
            yield kept
