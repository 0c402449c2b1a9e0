"""Who acts and who is acted upon in a nominal event ("Turkey's offensive",
"sanctions on Iran", "Mahan has been the subject of US sanctions")."""

from __future__ import annotations

from spacy.tokens import Token

from watchfloor.facts.participants import NOUN_SOURCE_DEPS, SUBJECTS, verb_source
from watchfloor.facts.targets import TARGET_PREPS, prep_objects

# "X is the subject/target of sanctions", "X came under sanctions": X undergoes them.
UNDERGOING_NOUNS = frozenset({"subject", "target", "object"})
UNDERGOING_VERBS = frozenset({"be", "remain", "come", "fall", "stay", "face", "become"})


def noun_source(token: Token) -> Token | None:
    """Who acts in a nominal event: "Turkey's offensive", "a visit by Kim",
    "X launched an attack"."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "by":
            return next((o for o in child.children if o.dep_ == "pobj"), None)
    for child in token.children:
        if child.dep_ in NOUN_SOURCE_DEPS and child.ent_type_ in {"GPE", "NORP", "ORG", "PERSON"}:
            return child
    if token.dep_ in {"dobj", "attr"} and token.head.pos_ in {"VERB", "AUX"}:
        return verb_source(token.head)
    return None


def noun_targets(token: Token) -> list[Token]:
    found = prep_objects(token)
    for obj in list(found):  # "restrictions on flights to Cuba", "a ban on exports from X"
        if obj.pos_ == "NOUN":
            found.extend(
                o
                for p in obj.children
                if p.dep_ == "prep" and p.lower_ in {"to", "from", "into"}
                for o in p.children
                if o.dep_ == "pobj"
            )
    subject = undergoer(token)
    if subject is not None:
        found.append(subject)
    if token.dep_ == "dobj":
        found.extend(
            o
            for p in token.head.children
            if p.dep_ == "prep" and p.lower_ in TARGET_PREPS
            for o in p.children
            if o.dep_ == "pobj"
        )
    return found


def undergoer(token: Token) -> Token | None:
    """The subject that undergoes a nominal event: "Mahan has been the subject of US
    sanctions", "Turkey is already under EU sanctions", "Iran faces sanctions"."""
    head = token.head
    if token.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_ in UNDERGOING_NOUNS:
        noun = head.head
        if noun.dep_ not in {"attr", "dobj"}:
            return None
        verb = noun.head
    elif token.dep_ == "pobj" and head.lower_ == "under" and head.dep_ == "prep":
        verb = head.head
    elif token.dep_ == "dobj" and head.lemma_ == "face":
        verb = head
    else:
        return None
    if verb.lemma_.lower() not in UNDERGOING_VERBS:
        return None
    return next((c for c in verb.children if c.dep_ in SUBJECTS), None)
