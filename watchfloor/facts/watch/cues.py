"""Watch items an analysis names without the verb "watch" before its object.

"The budget, due in the autumn, ..." (a thing with a date still ahead), "keep
an eye on X", "look out for X", "all eyes are on X", "attention turns to X",
"much depends on whether X", "whether X is the big question", and a short
heading before a colon: "What to watch: X", "The key question: whether X".
Read by :mod:`watchfloor.facts.watch.finder`.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from watchfloor.facts.horizon import find_time
from watchfloor.facts.parse import subject_of, text_of
from watchfloor.facts.watch.phrases import Item, opened, questions, split_items
from watchfloor.facts.watch.phrases import has_children as _has
from watchfloor.facts.watch.phrases import trim as _trim

Lex = dict[str, frozenset[str]]
HEADING_WORDS = 6  # "What to watch", "Also worth watching", "The key questions"


def due_noun(token: Token, lex: Lex) -> Iterator[Item]:
    """ "The budget, due in the autumn, will test ...", "the report due on Friday": the
    noun phrase "due" gives a time to ("due to" is "because of"); a noun a watch verb
    already names ("Watch X, due ...") is that rule's."""
    if token.lower_ != "due" or token.dep_ not in ("amod", "acl") or _has(token, "xcomp"):
        return
    noun = token.head
    preps = _has(token, "prep", "npadvmod")
    if noun.pos_ not in ("NOUN", "PROPN") or not preps or any(p.lower_ == "to" for p in preps):
        return
    if find_time(text_of(list(token.subtree)), None) is None or _watched(noun, lex):
        return
    yield _trim(list(noun.subtree))


def _watched(noun: Token, lex: Lex) -> bool:
    holder = noun.head.head if noun.dep_ == "pobj" else noun.head
    return holder.lemma_.lower() in lex["watch_verbs"] or holder.lower_ in lex["watch_verbs"]


def eye_on(token: Token, lex: Lex) -> Iterator[Item]:
    """ "Keep an eye on X", "all eyes are on X", "attention now turns to X", "look out
    for X": what the phrase points the reader at, split at its coordinated phrases."""
    verb, target = _pointed_at(token)
    if target is not None and verb is not None and not _past(verb):
        yield from split_items(target, lex)


def _pointed_at(token: Token) -> tuple[Token | None, Token | None]:
    """The verb of the phrase and its object, or Nones."""
    verb = token.head
    if token.lemma_ == "eye" and token.dep_ == "dobj" and verb.lemma_ == "keep":
        return verb, _object_of(token, "on")  # "keep an eye on X"
    if token.lemma_ == "eye" and token.dep_ == "nsubj" and verb.lemma_ == "be":
        return verb, _object_of(verb, "on")  # "all eyes are on X"
    turning = verb.lemma_ in ("turn", "shift", "move") and token.dep_ == "nsubj"
    if token.lemma_ in ("attention", "focus") and turning:
        return verb, _object_of(verb, "to")  # "attention turns to X"
    subject = subject_of(token)
    out = token.lemma_ == "look" and any(c.lower_ == "out" for c in _has(token, "prt"))
    bare = subject is None and not _has(token, "aux") and token.dep_ in ("ROOT", "conj")
    if out and (bare or (subject is not None and subject.lower_ == "we")):  # "look out for X"
        return token, _object_of(token, "for")
    return None, None


def _object_of(head: Token, preposition: str) -> Token | None:
    for prep in _has(head, "prep"):
        if prep.lower_ == preposition:
            return next(iter(_has(prep, "pobj", "pcomp")), None)
    return None


def _past(verb: Token) -> bool:
    return verb.tag_ in ("VBD", "VBN") or any(a.tag_ == "VBD" for a in _has(verb, "aux"))


def depends_on(token: Token, lex: Lex) -> Iterator[Item]:
    """ "Much depends on whether the unions back the deal": the open question (a finite
    verb: "depending on how ..." is a condition of another statement)."""
    finite = token.tag_ in ("VBZ", "VBP") or (token.tag_ == "VB" and _has(token, "aux"))
    if token.lemma_ not in ("depend", "hinge", "rest") or not finite or _past(token):
        return
    for prep in _has(token, "prep"):
        if prep.lower_ in ("on", "upon"):
            for clause in _has(prep, "pcomp", "pobj"):
                if opened(clause, lex):
                    yield from questions(list(clause.subtree), lex)


def question_subject(token: Token, lex: Lex) -> Iterator[Item]:
    """ "Whether the truce holds is the big question": a question noun as the predicate
    of an open "whether / how" clause."""
    if token.lemma_ != "be" or token.tag_ not in ("VBZ", "VBP", "MD") or _past(token):
        return
    if not any(a.lemma_.lower() in lex["question_nouns"] for a in _has(token, "attr")):
        return
    for clause in _has(token, "csubj"):
        if opened(clause, lex):
            yield from questions(list(clause.subtree), lex)


def heading(token: Token, lex: Lex) -> Iterator[Item]:
    """ "What to watch: the central bank's decision on Thursday", "The key question:
    whether the army stays neutral": what follows a short heading and its colon."""
    if token.text != ":" or token.i + 1 >= token.sent.end:
        return
    before = [t for t in token.doc[token.sent.start : token.i] if not t.is_space]
    after = [t for t in token.doc[token.i + 1 : token.sent.end] if not t.is_space]
    if not before or len(before) > HEADING_WORDS or any(t.tag_ == "VBD" for t in before):
        return
    cue = any(
        t.lemma_.lower() in lex["watch_verbs"] or t.lemma_.lower() in lex["question_nouns"]
        for t in before
    )
    if cue and after:
        yield from questions(after, lex)


def ahead_of(token: Token, lex: Lex) -> Iterator[Item]:
    """ "... ahead of Kenya's general election this autumn", "ahead of next week's summit":
    an event the text marks as still to come (a word such as "next", "upcoming" or, beside
    a verb not in the past, "this autumn", in the phrase or the time right after it)."""
    if token.lower_ != "ahead" or token.i + 1 >= token.sent.end:
        return
    of = token.doc[token.i + 1]
    event = next(iter(_has(of, "pobj")), None) if of.lower_ == "of" else None
    if event is None:
        return
    if event.lemma_.lower() not in lex["event_nouns"] | lex["decision_nouns"]:
        return  # "well ahead of its rivals"
    phrase = list(event.subtree)
    tail = _time_after(phrase[-1])
    words = {t.lower_ for t in [*phrase, *tail]}
    if _past(token.head):
        words -= {"this"}  # "resigned ahead of the vote this year": maybe held by now
    if words & lex["future_words"]:
        yield _trim(phrase + tail)


def _time_after(last: Token) -> list[Token]:
    """ "this autumn" / "next month" right after a phrase (parsed on the verb)."""
    doc, end = last.doc, last.sent.end
    after = [t for t in doc[last.i + 1 : min(last.i + 4, end)] if not t.is_punct]
    while after and find_time(text_of(after), None) is None:
        after.pop()
    return after
