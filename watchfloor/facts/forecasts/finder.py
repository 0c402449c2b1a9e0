"""Forecasts: statements about the future with an estimative word (ICD 203).

Every cue (:mod:`watchfloor.facts.forecasts.cues`) comes from
``watchfloor/data/facts/estimative.toml``: the ICD 203
scale (a band per phrase, mirrored by a negation), explicit odds ("a 70%
chance", "puts the odds ... at one in four"), off-scale words with a null range
(could, may, might, possible, expected to, set to, "X expects ...") and the
outlet's own view ("we think", "in our view"). The parse decides what is a
forecast: an attributive "likely voters" is not, a predicative "is likely to"
is; the attribution verb above the cue gives the source.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from watchfloor.facts.context import Fact, FactContext
from watchfloor.facts.forecasts.cues import Cue, lexicon, sentence_cues, sentence_text
from watchfloor.facts.horizon import find_time
from watchfloor.facts.parse import (
    clause_of,
    clause_tokens,
    subject_of,
    text_of,
    token_actor_id,
)
from watchfloor.nlp.types import Sentence

# ---------------------------------------------------------------- fields


def _statement(cue: Cue) -> str:
    head = cue.head
    nouns = lexicon().words("attributive", "chance_nouns")
    governor = head.head if head.dep_ in ("acomp", "attr", "advmod", "dobj") else head
    if head.lower_ in nouns:
        return _of_object(head) or text_of(clause_tokens(clause_of(head)))
    complement = next(
        (c for t in (head, governor) for c in t.children if c.dep_ in ("xcomp", "ccomp")), None
    )
    subject = subject_of(governor) or (
        subject_of(governor.head) if governor.dep_ == "xcomp" else None
    )
    if subject is not None and subject.lower_ in nouns:
        return _of_object(subject) or text_of(subject.subtree)
    if complement is not None:
        parts = list(complement.subtree)
        if subject is not None and subject.lower_ != "it" and not subject_of(complement):
            parts = [*subject.subtree, *parts]
        return _clause_text(complement, parts)
    if subject is not None and governor.i != head.i:
        return text_of(subject.subtree)
    clause = clause_of(head)
    return _clause_text(clause, clause_tokens(clause))


def _of_object(noun: Token) -> str | None:
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            objects = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
            if objects:
                return text_of(objects[0].subtree)
    return None


def _clause_text(clause: Token, parts: list[Token]) -> str:
    """Clause text without its complementiser ("that", "to", "because")."""
    return text_of(
        t
        for t in parts
        if not (
            t.head.i == clause.i and (t.dep_ == "mark" or (t.dep_ == "aux" and t.lower_ == "to"))
        )
    )


def _condition(cue: Cue) -> str | None:
    openers = lexicon().words("condition", "openers")
    token: Token | None = cue.head
    while token is not None:
        for child in token.children:
            if child.dep_ == "advcl":
                words = list(child.subtree)
                if words and words[0].lower_ in openers:
                    return text_of(words)
        token = None if token.head.i == token.i else token.head
    return None


def _source(context: FactContext, sent: Span, cue: Cue) -> str | None:
    if cue.outlet:
        return None
    lex = lexicon()
    lowered = sentence_text(sent).lower()
    if any(v in lowered for v in lex.data["attribution"]["outlet_views"]):
        return None
    verbs = lex.words("attribution", "verbs")
    token = cue.head
    while True:
        subject = subject_of(token)
        if token.lemma_ in verbs and subject is not None:
            if subject.lower_ in lex.words("attribution", "outlet_subjects"):
                return None
            return token_actor_id(context, subject)
        if token.head.i == token.i:
            break
        token = token.head
    return _according_to(context, sent)


def _according_to(context: FactContext, sent: Span) -> str | None:
    lower = context.doc.token_table.lower
    for i in range(sent.start, sent.end):
        if lower[i] == "according" and i + 1 < sent.end and lower[i + 1] == "to":
            objects = [c for c in sent.doc[i + 1].children if c.dep_ == "pobj"]
            if objects:
                return token_actor_id(context, objects[0])
    return None


def _range(cue: Cue) -> tuple[float | None, float | None]:
    if cue.value is not None:
        return cue.value, cue.value
    if cue.band is None:
        return None, None
    lex = lexicon()
    band = lex.data["negation"][cue.band] if cue.negated else cue.band
    return lex.bands[band]


def _fact(context: FactContext, sentence: Sentence, sent: Span, cue: Cue) -> Fact:
    p_low, p_high = _range(cue)
    clause = clause_tokens(clause_of(cue.head))
    lo, hi = min(t.idx for t in clause), max(t.idx + len(t.text) for t in clause)
    when = find_time(context.article.text[lo:hi], context.article.published)
    return {
        "statement": _statement(cue),
        "source": _source(context, sent, cue),
        "phrase": context.article.text[cue.start : cue.end],
        "p_low": p_low,
        "p_high": p_high,
        "negated": cue.negated,
        "condition": _condition(cue),
        "horizon_text": when.text if when else None,
        "horizon_end": when.iso if when else None,
        **context.evidence(sentence),
    }


def find_forecasts(context: FactContext) -> list[Fact]:
    doc = context.doc.spacy_doc
    table = context.doc.token_table
    facts: list[Fact] = []
    for sentence in context.doc.sentences:
        sent = doc[sentence.token_start : sentence.token_end]
        facts.extend(_fact(context, sentence, sent, cue) for cue in sentence_cues(sent, table))
    return facts
