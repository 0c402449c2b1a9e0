"""What the article itself says of a person's gender, so that "she" skips the men.

No name list: the evidence is the text's own. A title before a mention ("Mrs",
"Mr"), a gendered role ("spokeswoman", "king"), and pronouns that cannot stand
for anyone else: the subject of a clause reported by the person ("Frederiksen
said she would ...") and a possessive inside the person's own clause
("Frederiksen and her ministers met ..."). Each is a vote; the majority wins,
a tie says nothing.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from spacy.tokens import Token

if TYPE_CHECKING:
    from watchfloor.facts.context import FactContext

FEMALE, MALE = "f", "m"
PRONOUN_GENDER = {
    **dict.fromkeys(("she", "her", "hers", "herself"), FEMALE),
    **dict.fromkeys(("he", "him", "his", "himself"), MALE),
}
TITLE_GENDER = {
    **dict.fromkeys(("mrs", "mrs.", "ms", "ms.", "miss", "madam", "dame", "lady"), FEMALE),
    **dict.fromkeys(("mr", "mr.", "sir", "lord"), MALE),
}
ROLE_GENDER = {
    **dict.fromkeys(
        """woman chairwoman spokeswoman congresswoman assemblywoman queen princess duchess
        countess empress actress mother wife widow daughter sister grandmother businesswoman
        sportswoman girl""".split(),  # noqa: SIM905 (a word list reads better as text)
        FEMALE,
    ),
    **dict.fromkeys(
        """man chairman spokesman congressman assemblyman king prince duke count emperor actor
        father husband widower son brother grandfather businessman sportsman boy""".split(),  # noqa: SIM905
        MALE,
    ),
}
SUBJECTS = frozenset({"nsubj", "nsubjpass"})


def person_genders(context: FactContext) -> dict[str, str]:
    """Actor key -> "f" or "m", for the persons the text genders one way more than the other."""
    doc = context.doc.spacy_doc
    if doc is None:
        return {}
    votes: dict[str, Counter[str]] = {}
    people = [a for a in context.actors if a.type == "PERSON"]
    for actor in people:
        tally = votes.setdefault(actor.key, Counter())
        for word in (actor.role or "").lower().replace("-", " ").split():
            if word in ROLE_GENDER:
                tally[ROLE_GENDER[word]] += 1
        for mention in actor.mentions:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is not None and span.start > 0:
                title = TITLE_GENDER.get(doc[span.start - 1].lower_)
                if title:
                    tally[title] += 1
    for token in doc:
        gender = PRONOUN_GENDER.get(token.lower_)
        if gender is None:
            continue
        owner = _bound_to(context, token)
        if owner is not None and owner in votes:
            votes[owner][gender] += 1
    return {key: _winner(tally) for key, tally in votes.items() if _winner(tally)}


def _winner(tally: Counter[str]) -> str:
    ranked = tally.most_common()
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return ""
    return ranked[0][0]


def _bound_to(context: FactContext, pronoun: Token) -> str | None:
    """The person a pronoun is bound to by the clause: the reporter of the clause it is
    the subject of, or the subject of the clause it is a possessive in."""
    if pronoun.dep_ in SUBJECTS:
        clause = pronoun.head
        while clause.dep_ in {"xcomp", "conj"} and clause.head.i != clause.i:
            clause = clause.head
        if clause.dep_ == "ccomp":
            return _person_key(context, _subject(clause.head), pronoun)
        return None
    if pronoun.dep_ == "poss":
        verb = pronoun.head
        while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
            verb = verb.head
        return _person_key(context, _subject(verb), pronoun)
    return None


def _subject(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in SUBJECTS), None)


def _person_key(context: FactContext, subject: Token | None, pronoun: Token) -> str | None:
    if subject is None or subject.i >= pronoun.i or subject.tag_ == "PRP":
        return None
    start, end = subject.left_edge.idx, subject.idx + len(subject.text)
    people = [a for _, _, a in context.mentions_in(start, end) if a.type == "PERSON"]
    return people[0].key if len(people) == 1 else None
