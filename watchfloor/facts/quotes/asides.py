"""Speech verbs set off by commas inside or after the clause they report.

"X were killed, the UN says": the clause before the aside. "Any deal, she said,
would need a vote" and "Most residents, the report noted, have no car": the rest
of the clause after the aside, which is what the reported words say (the words
before it only say what they are about).
"""

from __future__ import annotations

from typing import Any

from watchfloor.facts.quotes.marks import Span, Token, token_end

SPEECH_POS = ("VERB", "AUX")


def aside_content(verb: Token) -> Span | None:
    """The clause a speech verb set off by commas reports, or None."""
    if verb.dep_ == "parataxis" and verb.head.pos_ in SPEECH_POS:
        if verb.head.i < verb.i:
            return _clause_before(verb)
        return _rest_of_clause(verb)
    return _verb_after_aside(verb)


def _words_start(verb: Token) -> Token:
    """The first word of the aside ('the UN says'), past commas."""
    doc = verb.doc
    first = verb.left_edge
    while first.i < verb.i and (first.is_punct or first.is_space):
        first = doc[first.i + 1]
    return first


def _after_comma(token: Token) -> bool:
    return bool(token.i > 0 and token.doc[token.i - 1].text == ",")


def _clause_before(verb: Token) -> Span | None:
    """'X were killed, the UN says, and ...': the clause up to the verb's own words."""
    head, doc = verb.head, verb.doc
    first = _words_start(verb)
    if first.i <= head.left_edge.i or not doc[first.i - 1].is_punct:
        return None  # the verb's words must follow a comma: 'X, the UN says'
    return _trimmed(doc, head.left_edge.i, first.i)


def _rest_of_clause(verb: Token) -> Span | None:
    """'Any deal, she said, would need a vote': the clause's words after the aside."""
    head, doc = verb.head, verb.doc
    first = _words_start(verb)
    if first.i <= head.left_edge.i or not _after_comma(first):
        return None
    if verb.right_edge.text != "," and doc[verb.right_edge.i + 1].text != ",":
        return None  # the aside closes with a comma too
    return _trimmed(doc, verb.right_edge.i + 1, head.right_edge.i + 1)


def _verb_after_aside(verb: Token) -> Span | None:
    """'Most residents, the report noted, have no car', parsed with the speech verb as the
    root and the clause's own verb coordinated with it (no 'and', no subject of its own)."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i]
    subject = subjects[-1] if subjects else None  # 'Most farmers, the report noted, ...'
    if subject is None or not _after_comma(subject.left_edge):
        return None
    for child in (c for c in verb.children if c.i > verb.i):
        if child.dep_ == "cc":
            return None  # 'X said A and left': a coordination, not an aside
        if child.dep_ == "conj" and child.pos_ in SPEECH_POS and _after_comma(child.left_edge):
            if any(k.dep_ in ("nsubj", "nsubjpass") for k in child.children):
                return None
            return _trimmed(verb.doc, child.left_edge.i, child.right_edge.i + 1)
    return None


def _trimmed(doc: Any, start: int, end: int) -> Span | None:
    tokens = list(doc[start:end])
    while tokens and (tokens[0].is_punct or tokens[0].is_space):
        tokens.pop(0)
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens.pop()
    return (tokens[0].idx, token_end(tokens[-1])) if tokens else None


INVERTED_DEPS = frozenset({"conj", "parataxis", "ROOT", "ccomp"})
# Verbs whose object is who is spoken to ('..., told Reuters'), never who speaks.
ADDRESSEE_VERBS = frozenset({"tell", "ask", "urge", "assure", "advise", "warn", "inform", "remind"})
SPEAKER_DEPS = frozenset({"dobj", "npadvmod", "nsubj", "attr", "appos", "dative"})


def speaker_after(verb: Token) -> Token | None:
    """'The bridge was closed, stated the mayor, Anna Berg': a speech verb right after the
    comma closing a clause, with no subject before it and the speaker after it; the
    speaker's word, or None."""
    doc = verb.doc
    if verb.i < 2 or doc[verb.i - 1].text != "," or verb.dep_ not in INVERTED_DEPS:
        return None
    if verb.lemma_.lower() in ADDRESSEE_VERBS:
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass") and c.i < verb.i for c in verb.children):
        return None
    after = [c for c in verb.children if c.i > verb.i and c.dep_ in SPEAKER_DEPS]
    speaker = after[0] if after else None
    if speaker is None or speaker.left_edge.i > verb.i + 1 or speaker.pos_ not in ("NOUN", "PROPN"):
        return None
    return speaker


def inverted_content(verb: Token) -> Span | None:
    """The clause an inverted speech verb reports: the sentence up to the comma before it."""
    if speaker_after(verb) is None:
        return None
    head = verb.head if verb.dep_ != "ROOT" and verb.head.i < verb.i else None
    start = head.left_edge.i if head is not None else verb.sent.start
    clause = verb.doc[start : verb.i - 1]
    if not any(t.pos_ in SPEECH_POS for t in clause):
        return None
    return _trimmed(verb.doc, start, verb.i - 1)
