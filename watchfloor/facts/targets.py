"""Who is acted upon: the noun phrases around a trigger that can be its target.

A verb's objects, its passive subject, the objects of its target prepositions
(to/with/against/on/into/...), what its object is aimed at or for ("missiles
targeting X", "a deal to supply X"), and what a retreat leaves ("withdrew from
X"). :mod:`watchfloor.facts.participants` turns these phrases into actors.
"""

from __future__ import annotations

from typing import Any

from watchfloor.facts.plover import load_lexicon

Token = Any  # a spaCy token

TARGET_PREPS = frozenset(
    {
        "to",
        "with",
        "against",
        "on",
        "into",
        "at",
        "from",
        "toward",
        "towards",
        "upon",
        "of",
        "between",
        "over",
        "for",
    }
)
OBJECTS = frozenset({"dobj", "dative", "attr", "oprd"})
JOINT_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})
AIMING_VERBS = frozenset({"target", "aim", "direct"})
PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})


def happening(noun: Token) -> bool:
    """A noun naming something done to someone ("the shooting of X", "the arrest of X"):
    its "of" phrase is whom it was done to, not whose it is. The nouns of joint events
    ("a meeting of A and B", "the summit of") name their parties there."""
    lemma = noun.lemma_.lower()
    cues = load_lexicon().nouns.get(lemma, ())
    if any(cue.type in JOINT_TYPES for cue in cues):
        return False
    return bool(cues) or (noun.tag_ == "NN" and noun.lower_.endswith("ing"))


def verb_targets(token: Token) -> list[Token]:
    """Noun phrases acted upon: objects, passive subjects, prepositional objects."""
    found: list[Token] = []
    for child in token.children:
        if child.dep_ == "dative" and child.pos_ == "ADP":  # "requesting X to Y"
            found.extend(o for o in child.children if o.dep_ == "pobj")
        elif child.dep_ in OBJECTS or child.dep_ == "nsubjpass":
            found.append(child)
        elif child.dep_ == "prep" and child.lower_ in TARGET_PREPS:
            objects = [o for o in child.children if o.dep_ == "pobj"]
            if child.lower_ == "at" and any(c.dep_ == "dobj" for c in token.children):
                objects = [o for o in objects if not _a_place(o)]  # "killed X at Baghdad airport"
            if child.lower_ == "with":  # "banned X, with officials saying ...": who says, aside;
                objects = [o for o in objects if not _aside(o)]  # "with X as witness"
            found.extend(objects)
        elif child.dep_ == "prt":
            found.extend(prep_objects(child))
    if token.dep_ == "acl" and token.tag_ == "VBN":
        found.append(token.head)
    for obj in [c for c in token.children if c.dep_ == "dobj"]:
        # "protested the shooting of X": X is who was shot, not whom the protest is against
        found.extend(prep_objects(obj, of=not happening(obj)))
        found.extend(_aimed_at(obj))
        found.extend(_purpose_objects(obj))
    if hangs_on_object(token):  # "sent a letter to X requesting ..."
        verb = token.head.head
        found.extend(o for c in verb.children if c.dep_ == "dative" for o in c.children)
        found.extend(prep_objects(verb))
    for clause in token.children:  # "called for X to leave": X is asked
        if for_clause_mark(token, clause) is not None:
            found.extend(c for c in clause.children if c.dep_ == "nsubj")
    if not found:  # "refused to sign a deal with X": the target of the governed verb
        for clause in (c for c in token.children if c.dep_ == "xcomp"):
            found.extend(verb_targets(clause))
    return found


def _aside(noun: Token) -> bool:
    """ "with officials saying ...", "with Marco Rubio as witness": someone beside the act."""
    if any(c.tag_ == "VBG" or (c.dep_ == "prep" and c.lower_ == "as") for c in noun.children):
        return True
    after = noun.right_edge.i + 1  # "as witness" the parse hung on the verb
    return after < len(noun.doc) and bool(noun.doc[after].lower_ == "as")


def _a_place(noun: Token) -> bool:
    """A place named by its entity or a place-name modifier ("a Baghdad airport")."""
    return noun.ent_type_ in PLACE_ENTS or any(
        c.dep_ == "compound" and c.ent_type_ in PLACE_ENTS for c in noun.children
    )


def _aimed_at(noun: Token) -> list[Token]:
    """Whom "missiles targeting X" or "strikes aimed at X" are aimed at."""
    found: list[Token] = []
    for clause in noun.children:
        if clause.dep_ == "acl" and clause.lemma_.lower() in AIMING_VERBS:
            found.extend(c for c in clause.children if c.dep_ == "dobj")
            found.extend(prep_objects(clause, of=False))
    return found


def _purpose_objects(noun: Token) -> list[Token]:
    """Who "a deal to supply X" or "an agreement to send troops to X" is for."""
    found: list[Token] = []
    for clause in noun.children:
        if clause.dep_ in {"relcl", "acl"} and any(
            a.dep_ == "aux" and a.lower_ == "to" for a in clause.children
        ):
            found.extend(c for c in clause.children if c.dep_ in {"dobj", "dative"})
            found.extend(prep_objects(clause))
    return found


def hangs_on_object(token: Token) -> bool:
    """A participle on a verb's common-noun object ("issued a statement condemning")."""
    noun = token.head
    return bool(
        token.dep_ == "acl"
        and token.tag_ == "VBG"
        and noun.dep_ == "dobj"
        and noun.pos_ == "NOUN"
        and noun.head.pos_ == "VERB"
    )


def origin_objects(token: Token) -> list[Token]:
    """What is left: "withdrew from X", "pulled out of X" ("of" hanging on "out")."""
    preps = [p for p in token.children if p.dep_ in {"prep", "prt"}]
    preps += [g for p in preps if p.lower_ in {"out", "away"} for g in p.children]
    return [
        o
        for p in preps
        if p.dep_ == "prep" and p.lower_ in {"from", "of"}
        for o in p.children
        if o.dep_ == "pobj"
    ]


def prep_objects(token: Token, *, of: bool = True) -> list[Token]:
    return [
        o
        for p in token.children
        if p.dep_ == "prep" and p.lower_ in TARGET_PREPS and (of or p.lower_ != "of")
        for o in p.children
        if o.dep_ == "pobj"
    ]


def for_clause_mark(verb: Token, clause: Token) -> Token | None:
    """The "for" right after a verb that opens its for-to clause ("called for allies to
    pay more", "pushed for the vote to be held"): a preposition the parser hung on the
    clause instead of the verb."""
    if clause.dep_ not in {"advcl", "ccomp", "xcomp"}:
        return None
    return next(
        (
            m
            for m in clause.children
            if m.dep_ == "mark" and m.lower_ == "for" and m.i == verb.i + 1
        ),
        None,
    )
