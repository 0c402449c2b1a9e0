"""Actors named without a name: unnamed collectives and definite role phrases.

- "Ukraine's allies", "Western allies": an unnamed collective that acts becomes
  a GROUP actor (no country: a group of states is no one state).
- "the president", "the foreign minister": a mention of the one person in the
  document who holds that role, when exactly one does.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from watchfloor.actors.cues import NameCues
from watchfloor.actors.types import DocActor, Mention
from watchfloor.nlp.tokens import TokenTable

_PARTICLE = re.compile(r"^[a-z]{1,3}-(?=[A-Z])")  # "al-Sharaa", "el-Sisi": the article prefix
_ACTING_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "dative", "appos", "conj"})


def group_actors(table: TokenTable, cues: NameCues, taken: set[int]) -> list[DocActor]:
    """GROUP actors for unnamed collectives; ``taken`` holds token indices of named actors."""
    groups: dict[str, DocActor] = {}
    for i, word in enumerate(table.lower):
        if word not in cues.collective_nouns:
            continue
        token = table.doc[i]
        if token.dep_ not in _ACTING_DEPS:
            continue
        span = _collective_span(token, cues)
        if span is None or any(t.i in taken for t in span[-1:]):
            continue
        key = "group:" + re.sub(r"[^a-z0-9]+", "-", _fold(span.text).lower()).strip("-")
        actor = groups.setdefault(key, DocActor(key=key, name=span.text, type="GROUP"))
        actor.mentions.append(Mention(span.start_char, span.end_char, span.text))
    return list(groups.values())


def _collective_span(noun: Token, cues: NameCues) -> Span | None:
    """'Ukraine's allies' (a proper-noun possessor) or 'Western allies' (a known adjective)."""
    for child in noun.children:
        if child.dep_ == "poss" and child.pos_ == "PROPN" and child.i < noun.i:
            start = child.i
            while start > 0 and noun.doc[start - 1].pos_ == "PROPN":  # "North Korea's"
                start -= 1
            return noun.doc[start : noun.i + 1]
        if child.dep_ in {"amod", "compound"} and child.text in cues.collective_adjectives:
            return noun.doc[child.i : noun.i + 1]
    return None


def name_words(name: str) -> list[str]:
    """The capitalised words of a person's name, with an article-prefixed word also bare:
    "Ahmed al-Sharaa" -> Ahmed, Sharaa (the name alone is how later sentences write it)."""
    words: list[str] = []
    for word in name.split():
        bare = _PARTICLE.sub("", word)
        if bare[:1].isupper() and len(bare) > 1:
            words += [word, bare] if bare != word else [word]
    return words


def surname_mentions(table: TokenTable, actors: list[DocActor], taken: set[int]) -> None:
    """Add "Simion" to George Simion where the tagger named no entity: a capitalised
    word, alone (no name word beside it), equal to the surname of exactly one
    person of the document named in full."""
    by_surname: dict[str, list[DocActor]] = {}
    for actor in actors:
        parts = actor.name.split()
        if actor.type == "PERSON" and len(parts) >= 2:
            surname = _PARTICLE.sub("", parts[-1]).lower()
            by_surname.setdefault(surname, []).append(actor)
    if not by_surname:
        return
    doc = table.doc
    for i, token in enumerate(doc):
        bare = _PARTICLE.sub("", token.text)  # "al-Eryani" (the tagger's name, not a candidate)
        holders = by_surname.get(bare.lower())
        if not holders or len(holders) != 1 or i in taken:
            continue
        if not bare[:1].isupper():  # tagged or not: a tagged name no candidate kept
            continue
        if _beside_a_name(doc, i):
            continue
        holders[0].mentions.append(Mention(token.idx, token.idx + len(token.text), token.text))
        taken.add(i)


def _beside_a_name(doc: Doc, i: int) -> bool:
    """A capitalised word right before or after, other than at a sentence's start."""
    before = doc[i - 1] if i > 0 else None
    after = doc[i + 1] if i + 1 < len(doc) else None
    return any(
        t is not None and t.text[:1].isupper() and t.pos_ == "PROPN" and not t.is_sent_start
        for t in (before, after)
    )


def role_mentions(table: TokenTable, actors: list[DocActor], taken: set[int]) -> None:
    """Add 'the president' to the one person whose role ends in 'president'."""
    people = [a for a in actors if a.type == "PERSON" and a.role]
    if not people:
        return  # no one to add a mention to
    doc = table.doc
    for i, word in enumerate(table.lower):
        if word != "the" or i + 1 >= len(table) or i + 1 in taken:
            continue
        phrase = _role_phrase(doc, i + 1)
        if phrase is None:
            continue
        words = phrase.text.lower()
        holders = [a for a in people if (a.role or "").lower().endswith(words)]
        if len(holders) == 1:
            span = doc[i : phrase.end]
            holders[0].mentions.append(Mention(span.start_char, span.end_char, span.text))


def head_noun_mentions(table: TokenTable, actors: list[DocActor], taken: set[int]) -> None:
    """Add 'the commission' to the one organisation named earlier whose name holds the word
    ("the Kenya National Commission on Human Rights ... the commission said")."""
    by_word: dict[str, list[DocActor]] = {}
    for actor in actors:
        words = actor.name.split()
        if actor.type == "ORG" and len(words) > 1:
            for word in {w.lower() for w in words if w[:1].isupper() and w.isalpha()}:
                by_word.setdefault(word, []).append(actor)
    doc = table.doc
    for i, word in enumerate(table.lower):
        if word != "the" or i + 2 > len(table) or i + 1 in taken:
            continue
        noun = doc[i + 1]
        if noun.pos_ != "NOUN" or not noun.is_lower or _continues_phrase(doc, i + 2):
            continue
        earlier = [
            a for a in by_word.get(noun.lower_, []) if a.mentions and a.mentions[0].start < noun.idx
        ]
        if len(earlier) == 1:
            span = doc[i : i + 2]
            earlier[0].mentions.append(Mention(span.start_char, span.end_char, span.text))
            taken.add(i + 1)


def _continues_phrase(doc: Doc, i: int) -> bool:
    """'the commission chairman', 'the council of ...': the noun is not the phrase's head."""
    return i < len(doc) and (doc[i].pos_ in {"NOUN", "PROPN"} or doc[i].lower_ == "of")


def _role_phrase(doc: Doc, start: int) -> Span | None:
    """'foreign minister' in 'the foreign minister said': lower-case, not before a name."""
    end = start
    while end < len(doc) and doc[end].pos_ in {"NOUN", "ADJ"} and doc[end].is_lower:
        end += 1
    if end == start or end - start > 3 or doc[end - 1].pos_ != "NOUN":
        return None
    if end < len(doc) and doc[end].pos_ == "PROPN":
        return None  # "the president Emmanuel Macron": a title, not a reference
    return doc[start:end]


def _fold(text: str) -> str:
    return text.replace("\u2019", "'")
