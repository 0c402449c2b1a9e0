"""Who a speaking 'he' or 'she' is: the person the sentence is about.

'Mugabe agreed to a deal in which Tsvangirai became prime minister. "...," he
declared.' A pronoun that speaks continues the subject of the main clause of
its own sentence (before it) or of the sentence before, not a person named in
a clause inside it, nor one named only as an object or an owner ("Asked whether
Maduro's days were numbered, he said ..." is not Maduro).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from watchfloor.actors.types import DocActor
from watchfloor.facts.context import FactContext
from watchfloor.facts.genders import PRONOUN_GENDER
from watchfloor.facts.quotes.marks import Token

PERSONAL = frozenset({"he", "she"})
MAIN_DEPS = frozenset({"ROOT", "conj"})


def main_subject(
    context: FactContext, pronoun: Token, resolve: Callable[[Token], DocActor | None]
) -> DocActor | None:
    """The person a speaking 'he'/'she' continues, or None; ``resolve`` gives the actor a
    subject stands for (a 'he' before it continues further back)."""
    if pronoun.lower_ not in PERSONAL:
        return None
    for subject in _main_subjects(pronoun):
        actor = resolve(subject)
        if actor is not None and actor.type == "PERSON" and _may_be(context, actor, pronoun):
            return actor
    return None


def _main_subjects(pronoun: Token) -> Iterator[Token]:
    """Subjects of the main clauses before the pronoun in its sentence, nearest first, then
    those of the sentence before."""
    doc, sent = pronoun.doc, pronoun.sent
    sentences = [sent]
    if sent.start > 0:
        sentences.append(doc[sent.start - 1].sent)
    for current in sentences:
        verbs = [current.root, *(c for c in current.root.children if c.dep_ in MAIN_DEPS)]
        found = [
            c
            for verb in verbs
            for c in verb.children
            if c.dep_ == "nsubj" and c.i < pronoun.i and c.i != pronoun.i
        ]
        yield from sorted(found, key=lambda t: -t.i)


def _may_be(context: FactContext, actor: DocActor, pronoun: Token) -> bool:
    """'she' skips a person the text calls 'he', and the other way round."""
    known = context.genders.get(actor.key)
    return not known or known == PRONOUN_GENDER.get(pronoun.lower_)
