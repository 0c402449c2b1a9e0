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


def watch_heading(token: Token, lex: dict[str, frozenset[str]]) -> Iterator[Item]:
    sentence = token.sent
    first = next((t for t in sentence if not t.is_space), None)
    if first is None or token.i != first.i or token.pos_ == "VERB":
        return
    if token.lower_ not in lex["watch_verbs"] or not token.text[:1].isupper():
        return
    root = sentence.root
    if root.pos_ not in NOMINAL or root.i == token.i:
        return
    for item in split_items(root, lex):
        kept = [t for t in item if t.i != token.i]
        if kept:
            yield kept
