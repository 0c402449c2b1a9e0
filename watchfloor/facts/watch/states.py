"""Watch items named by the state a matter is in rather than by a step: still open.

"The deadline is October 31" / "the deadline stands at ..." (a date still ahead),
"the case is under investigation" (a process not yet done), "the pending
closure of the plant", and a requirement still to meet: "For the treaty to take
effect, it must be ratified by ...". Read by :mod:`watchfloor.facts.watch.finder`.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from watchfloor.facts.horizon import find_time
from watchfloor.facts.parse import clause_tokens, subject_of, text_of
from watchfloor.facts.watch.phrases import Item
from watchfloor.facts.watch.phrases import has_children as _has
from watchfloor.facts.watch.phrases import trim as _trim

Lex = dict[str, frozenset[str]]
PRESENT = ("VBZ", "VBP")


def deadline(token: Token, lex: Lex) -> Iterator[Item]:
    """ "The deadline is March 31", "the court date is July 16", "the deadline now stands
    at October 31": a present "be"/"stand" whose subject is a deadline noun, with a date."""
    if token.lemma_ not in ("be", "stand") or token.tag_ not in PRESENT:
        return
    subject = subject_of(token)
    if subject is None or subject.lemma_.lower() not in lex["deadline_nouns"]:
        return
    if any(c.lower_ in ("no", "not") for c in [*subject.children, *token.children]):
        return
    if _has(token, "acomp"):
        return  # "the date is unclear, with reports giving May 2 or May 3"
    dates = [t for c in _has(token, "attr", "prep") for t in c.subtree]
    if dates and find_time(text_of(dates), None) is not None:  # from the subject on, not
        yield _trim([t for t in clause_tokens(token) if t.i >= subject.left_edge.i])  # "A; the"


def under_way(token: Token, lex: Lex) -> Iterator[Item]:
    """ "The case is (currently) under investigation": a process not yet finished, from
    the subject up to the process noun; a past "was under review" is no longer pending."""
    if token.lower_ != "under" or token.dep_ != "prep" or token.head.lemma_ != "be":
        return
    verb = token.head
    nouns = [o for o in _has(token, "pobj") if o.lemma_.lower() in lex["process_nouns"]]
    subject = subject_of(verb)
    if not nouns or subject is None or verb.tag_ not in PRESENT or _has(verb, "neg"):
        return
    start = min(subject.left_edge.i, verb.i)
    yield _trim(list(token.doc[start : _phrase_end(nouns[0]) + 1]))


def _phrase_end(noun: Token) -> int:
    """The last word of a noun phrase, without what is coordinated to it."""
    cut = [c.i for c in noun.children if c.dep_ in ("cc", "conj") and c.i > noun.i]
    inside = [t.i for t in noun.subtree if not cut or t.i < min(cut)]
    return max(inside)


def pending_noun(token: Token, lex: Lex) -> Iterator[Item]:
    """ "the pending closure of the plant": the noun phrase "pending" describes."""
    if token.lower_ == "pending" and token.dep_ == "amod" and token.head.pos_ == "NOUN":
        yield _trim(list(token.head.subtree))


def condition(token: Token, lex: Lex) -> Iterator[Item]:
    """ "For the treaty to take effect, it must be ratified by ...", "In order for the plan
    to become law, both chambers would have to approve it": a requirement still to be met,
    stated as what must happen for a pending outcome. The whole sentence is the item."""
    if token.lower_ != "for" or token.dep_ not in ("prep", "mark"):
        return
    first = _first_word(token)
    if first.lower_ == "in" and token.i == first.i + 2 and token.doc[first.i + 1].lower_ == "order":
        pass  # "In order for X to ..."
    elif first.i != token.i:
        return
    scope = [token.head] if token.dep_ == "mark" else list(token.subtree)
    purpose = [t for t in scope if t.dep_ in ("acl", "relcl", "advcl") and _has(t, "aux")]
    if not any(any(a.lower_ == "to" for a in _has(p, "aux")) for p in purpose):
        return
    main = first.head if first.i != token.i else token.head
    main = main.head if token.dep_ == "mark" else main
    if _required(main):
        yield _trim([t for t in token.sent if not t.is_space])


def _first_word(token: Token) -> Token:
    return next(t for t in token.sent if not t.is_space)


def _required(verb: Token) -> bool:
    """ "must be ratified", "would have to approve", "needs to pass"."""
    if any(a.lower_ == "must" for a in _has(verb, "aux")):
        return True
    goal = _has(verb, "xcomp")
    return verb.lemma_ in ("have", "need") and any(
        any(a.lower_ == "to" for a in _has(g, "aux")) for g in goal
    )
