"""Unnamed speakers: "the interior ministry said", "according to health officials".

News attributes much of what it reports to bodies and people it does not name.
A noun phrase headed by a speaker noun of the speech lexicon (``speech.toml``:
"official", "spokesperson", "ministry", "office", ...) that is the subject of a
reporting verb, or the object of "according to", becomes an actor named by its
own words ("interior ministry", "family spokesperson"): a body (ORG) in the
singular, a group (GROUP) in the plural. A phrase whose modifier names a state
("Iraqi officials", "Taiwan's military") is left to the state, which the facts
stage makes the speaker; so are nouns other stages own (the army, police,
the government, a president). Such an actor is kept only when a fact names it.
"""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Token

from watchfloor.actors.generic import modified_from, modifier_country
from watchfloor.actors.kb import KnowledgeBase
from watchfloor.actors.types import DocActor, Mention
from watchfloor.datafiles import read_toml
from watchfloor.nlp.tokens import TokenTable

KEY_PREFIX = "speaker:"
# Speaker nouns that other stages resolve: persons by role, the state itself, the forces.
OWNED_ELSEWHERE = frozenset(
    {
        "minister", "president", "chancellor", "commander", "leader", "senator", "envoy",
        "ambassador", "representative", "negotiator", "government", "police", "military",
        "army", "source", "statement", "report", "media", "summit", "state",
    }
)  # fmt: skip
SUBJECTS = frozenset({"nsubj", "nsubjpass"})


@cache
def _lexicon() -> tuple[frozenset[str], frozenset[str]]:
    """(speaker head nouns, reporting verbs) from the speech lexicon."""
    data = read_toml("facts", "speech.toml")
    heads = {n for n in data["speaker_nouns"] if " " not in n} - OWNED_ELSEWHERE
    verbs = {v for v in data["clause_verbs"] if " " not in v}
    return frozenset(heads), frozenset(verbs)


def speaker_actors(table: TokenTable, kb: KnowledgeBase, taken: set[int]) -> list[DocActor]:
    """Actors for the unnamed speakers of a document (``taken``: tokens of other actors)."""
    heads, verbs = _lexicon()
    found: dict[str, DocActor] = {}
    for i, lemma in enumerate(table.lemma_lower):
        if lemma not in heads or i in taken or table.ent_type[i] or table.pos[i] != "NOUN":
            continue
        token = table.doc[i]
        if not _speaks(token, verbs):
            continue
        start = modified_from(token)
        if any(j in taken for j in range(start, i)) or modifier_country(token, kb)[0]:
            continue  # a named owner or a state: they speak ("Taiwan's military")
        span = table.doc[start : i + 1]
        key = KEY_PREFIX + re.sub(r"[^a-z0-9]+", "-", span.text.lower()).strip("-")
        kind = "GROUP" if token.tag_ == "NNS" else "ORG"
        actor = found.setdefault(key, DocActor(key=key, name=span.text, type=kind))
        actor.mentions.append(Mention(span.start_char, span.end_char, span.text))
        taken.update(range(start, i + 1))
    return list(found.values())


def _speaks(noun: Token, verbs: frozenset[str]) -> bool:
    """The subject of a reporting verb, or the object of "according to"."""
    if noun.dep_ in SUBJECTS:
        return bool(noun.head.lemma_.lower() in verbs)
    to = noun.head
    return bool(noun.dep_ == "pobj" and to.lower_ == "to" and to.head.lower_ == "according")
