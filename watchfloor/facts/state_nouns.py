"""Nouns that stand for a state without naming it: "the government", "officials",
"the country", "the Middle Eastern nation"; and the clause facts they need."""

from __future__ import annotations

from spacy.tokens import Token

from watchfloor.actors.types import DocActor
from watchfloor.facts.context import FactContext
from watchfloor.nlp.types import doc_text

QUOTE_MARKS = '"\u201c\u201d'


# Bare nouns for a state's own organs: "the government", "the ministry", "officials".
STATE_BODIES = frozenset({"government", "ministry", "official", "authority", "cabinet"})


def _main_state_body(context: FactContext, token: Token) -> DocActor | None:
    """ "The government" or "officials" with no owner named stands for the document's
    main state, when one state has clearly the most mentions."""
    if token.lemma_.lower() not in STATE_BODIES or token.pos_ != "NOUN":
        return None
    if any(c.dep_ not in {"det", "punct"} for c in token.children):
        return None
    if not any(c.lower_ == "the" for c in token.children) and token.tag_ != "NNS":
        return None
    counts: dict[str, tuple[int, DocActor]] = {}
    for _, _, actor in context.mentions_in(0, len(doc_text(token.doc))):
        if actor.type == "GPE":
            counts[actor.key] = (counts.get(actor.key, (0, actor))[0] + 1, actor)
    ranked = sorted(counts.values(), key=lambda pair: -pair[0])
    if not ranked or ranked[0][0] < 3:
        return None
    if len(ranked) > 1 and ranked[0][0] < 2 * ranked[1][0]:
        return None
    return ranked[0][1]


# "The country", "the Middle Eastern nation": a definite noun for a state.
STATE_NOUNS = frozenset({"country", "nation", "state", "kingdom", "republic"})


def _the_country(context: FactContext, token: Token) -> DocActor | None:
    """ "The country" stands for the state named last before it, in its own sentence
    (not its subject) or the one before, never one named inside a quote."""
    if token.lemma_.lower() not in STATE_NOUNS or token.tag_ != "NN":
        return None
    if not any(c.lower_ == "the" and c.dep_ == "det" for c in token.children):
        return None
    if any(c.dep_ in {"prep", "relcl", "acl", "poss", "compound"} for c in token.children):
        return None  # "the state of emergency", "the country's", "the state media"
    sent = token.sent
    first = token.doc[sent.start - 1].sent if sent.start > 0 else sent
    doc = token.doc
    for start, end, actor in reversed(context.mentions_in(first.start_char, token.idx)):
        if actor.type != "GPE" or in_quote(doc_text(doc), first.start_char, start):
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None and span.sent == sent and _subject(span.root):
            continue  # "Spain said it would send aid to the country": not Spain
        return actor
    return None


def in_quote(text: str, start: int, position: int) -> bool:
    """Whether ``position`` lies inside a quotation opened after ``start`` (an odd number
    of quotation marks between them)."""
    return sum(text.count(q, start, position) for q in QUOTE_MARKS) % 2 == 1


def _subject(token: Token) -> bool:
    while token.dep_ in {"compound", "poss", "appos", "conj"} and token.head is not token:
        token = token.head
    return token.dep_ in {"nsubj", "nsubjpass"}
