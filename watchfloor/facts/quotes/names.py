"""Speakers named in part: a lone name, or a title with 'the'.

'Abiy said' after 'Abiy Ahmed' (a name that leads); 'Mendez said' where two
Mendezes are named (the one the article names most); 'the Prime Minister said'
after 'Prime Minister Anna Berg'.
"""

from __future__ import annotations

from watchfloor.actors.types import DocActor
from watchfloor.facts.context import FactContext
from watchfloor.facts.quotes.marks import Token

PLACE_ENTS = frozenset({"GPE", "LOC", "NORP", "FAC"})
TITLE_REACH = 3  # compound words before a title's head: 'the Deputy Prime Minister'
TITLE_CHARS = 40  # how far before a mention its title is read


def name_actor(context: FactContext, token: Token) -> DocActor | None:
    """The actor a lone proper noun names: by its first word or by its last."""
    if (
        token.tag_ != "NNP"
        or len(token.text) < 3
        or any(c.dep_ == "compound" for c in token.children)
    ):
        return None
    return _given_name(context, token) or _surname(context, token)


def _given_name(context: FactContext, token: Token) -> DocActor | None:
    """'Abiy said', after 'Abiy Ahmed' (a name that leads, as Ethiopian, Chinese or
    Korean names do), 'Acme said' after 'Acme Shipping Ltd': the one person or
    organisation actor whose name begins with the lone proper noun, when no person's
    name ends with it."""
    words = [a.name.split() for a in context.actors if a.type == "PERSON"]
    if any(len(w) > 1 and w[-1] == token.text for w in words):
        return None
    found = [
        a
        for a in context.actors
        if a.type in ("PERSON", "ORG") and a.name.startswith(token.text + " ")
    ]
    return found[0] if len(found) == 1 else None


def _surname(context: FactContext, token: Token) -> DocActor | None:
    """'Mendez said' where two people named Mendez appear: the one the article names
    most, when it names one more than the other."""
    if token.ent_type_ in PLACE_ENTS:
        return None
    people = [a for a in context.actors if a.type == "PERSON" and a.name.endswith(" " + token.text)]
    if len(people) < 2:
        return None  # one: the shared surname resolution already found it
    ranked = sorted(people, key=lambda a: -len(a.mentions))
    return ranked[0] if len(ranked[0].mentions) > len(ranked[1].mentions) else None


def titled_actor(context: FactContext, token: Token) -> DocActor | None:
    """'the Prime Minister', 'the Interior Minister': the nearest person before whose name,
    role or written title holds every word of the title."""
    if token.pos_ != "PROPN" or not any(c.lower_ == "the" for c in token.children):
        return None
    words = [c.lower_ for c in token.children if c.dep_ == "compound" and c.i < token.i]
    title = [*words[-TITLE_REACH:], token.lower_]
    for _, _, actor in reversed(context.mentions_in(0, token.idx)):
        if actor.type == "PERSON" and all(w in _described_as(context, actor) for w in title):
            return actor
    return None


def _described_as(context: FactContext, actor: DocActor) -> set[str]:
    """The words of a person's name, role and the title written before a mention
    ('Prime Minister Anna Berg')."""
    text = context.doc.text
    words = f"{actor.name} {actor.role or ''}".lower().split()
    for mention in actor.mentions:
        words += text[max(mention.start - TITLE_CHARS, 0) : mention.start].lower().split()[-3:]
    return set(words)
