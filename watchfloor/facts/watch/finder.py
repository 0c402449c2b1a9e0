"""Watch items: what the text says to watch for, or names as still pending.

Cue words live in ``watchfloor/data/facts/watch.toml``. Each rule reads the
parse of one sentence: "we're watching for X" / "Watch X" (X split at its
coordinated noun phrases), "the key indicator to track is X", "the question
is whether X", "X remains to be seen", "it is unclear whether X", "X is due
on/to ...", "X is set/expected to <decide> ...", "a decision is expected ...",
"X will vote next week", "... when X rules on ...", "X awaits Y", "pending Y",
"X has yet to decide / hasn't yet agreed". ``due`` is the date the item's time
phrase resolves to. The rules of steps still to come live in ``steps.py``, matters
named by their state ("the deadline is ...", "under investigation") in ``states.py``,
and cues other than a watch verb ("keep an eye on", "What to watch: X") in ``cues.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

from spacy.tokens import Span, Token

from watchfloor.facts.context import Fact, FactContext
from watchfloor.facts.horizon import facts_data, find_time
from watchfloor.facts.parse import subject_of, text_of
from watchfloor.facts.watch.cues import (
    ahead_of,
    depends_on,
    due_noun,
    eye_on,
    heading,
    question_subject,
)
from watchfloor.facts.watch.headings import NOMINAL, opens_as_name, watch_heading
from watchfloor.facts.watch.phrases import Item
from watchfloor.facts.watch.phrases import has_children as _has
from watchfloor.facts.watch.phrases import opened as _opened
from watchfloor.facts.watch.phrases import questions as _questions
from watchfloor.facts.watch.phrases import split_items as _split
from watchfloor.facts.watch.phrases import trim as _trim
from watchfloor.facts.watch.states import condition, deadline, pending_noun, under_way
from watchfloor.facts.watch.steps import (
    announced,
    decision_expected,
    in_the_past,
    is_to,
    pending,
    plans_to,
    scheduled,
    to_come,
    will_decide,
)
from watchfloor.nlp.tokens import TokenTable


@cache
def _lex() -> dict[str, frozenset[str]]:
    data: dict[str, Any] = facts_data("watch.toml")
    return {key: frozenset(value) for key, value in data.items()}


def _watching(token: Token, lex: dict[str, frozenset[str]]) -> Iterator[Item]:
    opening = _opening_noun(token)  # "Watch X, due in July, ...": "Watch" tagged a name
    if token.lemma_.lower() not in lex["watch_verbs"] or (token.pos_ != "VERB" and not opening):
        return
    subject = subject_of(token)
    bare = subject is None and token.tag_ == "VB" and _commanded(token)
    imperative = bare or opening
    if not imperative and (subject is None or subject.lower_ not in lex["watch_subjects"]):
        return
    for child in token.children:
        if child.dep_ == "dobj" or (child.dep_ in ("prep", "conj") and child.lower_ == "for"):
            obj = child if child.dep_ == "dobj" else next(iter(_has(child, "pobj", "pcomp")), None)
            again = _later_fors(child, token)
            if obj is not None and again:
                yield from _each_for([child, *again])  # "for X and for Y"
            elif obj is not None:
                yield from _with_tail(_split(obj, lex), token)
        elif child.dep_ in ("conj", "appos") and child.pos_ in ("NOUN", "PROPN"):
            yield from _split(child, lex)  # "Watch for X, Y, and Z": Y hung on the verb
        elif child.dep_ in ("ccomp", "conj", "relcl") and _opened(child, lex):
            yield from _questions(list(child.subtree), lex)  # "Watch whether X and how Y"


def _commanded(verb: Token) -> bool:
    """An imperative: neither the verb nor the first of the verbs it is joined to has an
    auxiliary ("to take down a post, monitor the site ..." is no command to the reader)."""
    while True:
        if _has(verb, "aux", "auxpass") or verb.dep_ in ("xcomp", "advcl", "acl", "relcl"):
            return False
        if verb.dep_ != "conj":
            return True
        verb = verb.head


def _opening_noun(token: Token) -> bool:
    """ "Watch X, due in July": a sentence-opening watch verb tagged as a noun, with an
    object of its own (without one, :func:`watch_heading` reads the sentence)."""
    return opens_as_name(token) and token.pos_ in NOMINAL and bool(_has(token, "dobj"))


def _later_fors(first: Token, verb: Token) -> list[Token]:
    """ "Watch for X, due ..., and for Y": each later coordinated "for", wherever the
    parse hung it in the watch verb's clause."""
    return [
        t
        for t in verb.subtree
        if t.dep_ == "conj" and t.lower_ == "for" and t.i > first.i and _has(t, "pobj", "pcomp")
    ]


def _each_for(preps: list[Token]) -> Iterator[Item]:
    """ "Watch for X and for Y": the parser hangs the second "for" inside X."""
    later = {t.i for prep in preps[1:] for t in prep.subtree}
    for prep in preps:
        for obj in _has(prep, "pobj", "pcomp"):
            yield _trim([t for t in obj.subtree if prep is not preps[0] or t.i not in later])


def _with_tail(items: list[Item], verb: Token) -> list[Item]:
    """The last item with the verb's phrase right after it ("turnout | among voters abroad")."""
    if items and items[-1]:
        last = items[-1][-1]
        tail = [p for p in _has(verb, "prep") if p.i == last.i + 1 and p.lower_ != "for"]
        if tail:
            items[-1] = _trim(items[-1] + list(tail[0].subtree))
    return items


def _to_watch(token: Token, lex: dict[str, frozenset[str]]) -> Iterator[Item]:
    noun = token.head
    if token.lemma_ not in lex["watch_verbs"] or token.dep_ not in ("relcl", "acl"):
        return
    if noun.lower_ not in lex["watch_nouns"] or not any(c.lower_ == "to" for c in token.children):
        return
    verb = noun.head
    if noun.dep_ == "nsubj":
        yield from (_trim(list(a.subtree)) for a in _has(verb, "attr"))
    elif noun.dep_ == "attr":
        yield from (_trim(list(s.subtree)) for s in _has(verb, "nsubj"))


def _to_be_seen(token: Token, lex: dict[str, frozenset[str]]) -> Iterator[Item]:
    if token.lower_ != "seen" or token.head.lemma_ != "remain":
        return
    remains = token.head
    subjects = _has(remains, "csubj")
    for clause in [*subjects, *_has(token, "ccomp"), *_has(remains, "ccomp")]:
        if not (clause in subjects and _opened(clause, lex)) and not _apart(clause, remains):
            yield _trim(list(clause.subtree))
    opened = [c for c in [*subjects, *_has(remains, "advcl")] if _opened(c, lex)]
    if remains.dep_ == "ccomp" and _opened(remains.head, lex):  # misparsed: "remains" hangs
        opened.append(remains.head)  # from the question it is about
    starts = [clause.left_edge.i for clause in opened]
    first = _segment_start(remains)
    if not starts and first.lower_ in lex["clause_openers"] and first.i < remains.i:
        starts.append(first.i)  # the parse lost the question: "Whether X, Y and Z ... remains"
    for start in starts:  # "Whether X ... remains": all from the question up to "remains"
        yield from _questions(list(token.doc[start : remains.i]), lex)


def _segment_start(verb: Token) -> Token:
    """The first word of the verb's sentence, or of its part after the last semicolon."""
    sent = verb.sent
    cuts = [t.i for t in sent if t.text == ";" and t.i < verb.i]
    start = cuts[-1] + 1 if cuts else sent.start
    return next((t for t in verb.doc[start : verb.i] if not t.is_space), verb)


def _apart(clause: Token, verb: Token) -> bool:
    """A clause cut from the verb by a semicolon: "A; whether B remains to be seen"."""
    between = clause.doc[clause.right_edge.i + 1 : verb.i]
    return any(t.text == ";" for t in between)


def _unclear(token: Token, lex: dict[str, frozenset[str]]) -> Iterator[Item]:
    if token.lower_ not in lex["unclear_words"] or token.dep_ not in ("acomp", "attr"):
        return
    verb = token.head
    if verb.tag_ in ("VBD", "VBN") or (token.lower_ == "open" and not _has(verb, "csubj")):
        return
    for clause in [*_has(verb, "csubj"), *_has(verb, "ccomp"), *_has(token, "ccomp")]:
        opener = clause.doc[clause.left_edge.i]
        if opener.lower_ in lex["clause_openers"] and clause.doc[opener.i + 1].lower_ != "many":
            yield from _questions(list(clause.subtree), lex)


def _open_question(token: Token, lex: dict[str, frozenset[str]]) -> Iterator[Item]:
    """ "The key question is whether X", "the test will be how fast Y": the clause."""
    if token.lemma_ != "be" or token.tag_ in ("VBD", "VBN") or in_the_past(token):
        return
    if not any(s.lemma_.lower() in lex["question_nouns"] for s in _has(token, "nsubj")):
        return
    for clause in _has(token, "ccomp", "advcl"):
        if _opened(clause, lex):
            yield from _questions(list(clause.subtree), lex)


def _we_will_see(token: Token, lex: dict[str, frozenset[str]]) -> Iterator[Item]:
    """ "We'll see whether the truce holds", "we will soon see what they can do": the
    question the writer (or speaker) says the coming days will answer."""
    if token.lemma_ != "see" or not any(a.lower_ in ("will", "'ll") for a in _has(token, "aux")):
        return
    subject = subject_of(token)
    if subject is None or subject.lower_ not in ("we", "i"):
        return
    for clause in _has(token, "ccomp"):
        if _opened(clause, lex):
            yield from _questions(list(clause.subtree), lex)


_RULES: list[Callable[[Token, dict[str, frozenset[str]]], Iterator[Item]]] = [
    _watching,
    _to_watch,
    _to_be_seen,
    _unclear,
    _open_question,
    _we_will_see,
    scheduled,
    decision_expected,
    will_decide,
    to_come,
    is_to,
    pending,
    plans_to,
    watch_heading,
    deadline,
    under_way,
    pending_noun,
    condition,
    due_noun,
    eye_on,
    depends_on,
    question_subject,
    heading,
    announced,
    ahead_of,
]


@cache
def _starts() -> tuple[frozenset[str], frozenset[str]]:
    """The lemmas and the words with which some rule of _RULES can start: each rule
    tests one of them first, so no other token need meet the rules."""
    lex = _lex()
    lemmas = lex["watch_verbs"] | lex["decision_verbs"] | lex["await_verbs"] | lex["plan_verbs"]
    lemmas |= lex["announce_verbs"] | {"wait"}
    lemmas |= {"be", "stand", "see", "eye", "attention", "focus", "look", "depend", "hinge"}
    lemmas |= {"rest"}
    words = lex["unclear_words"] | lex["scheduled_verbs"] | {"seen", "expected", "pending", "yet"}
    words |= {"under", "for", ":", "ahead"}
    words |= lex["watch_verbs"]  # "Watch X" opening a sentence, misparsed as a name
    return lemmas, words


def _items(sent: Span, table: TokenTable) -> list[Item]:
    lex = _lex()
    lemmas, words = _starts()
    lemma, lower = table.lemma, table.lower
    found: list[Item] = []
    for i in range(sent.start, sent.end):
        if lemma[i] not in lemmas and lower[i] not in words:
            continue
        token = sent.doc[i]
        for rule in _RULES:
            for item in rule(token, lex):
                span = {t.i for t in item}
                if item and not any(span <= {t.i for t in other} for other in found):
                    found = [o for o in found if not {t.i for t in o} <= span] + [item]
    return sorted(found, key=lambda item: item[0].i)


def find_watch_items(context: FactContext) -> list[Fact]:
    doc = context.doc.spacy_doc
    table = context.doc.token_table
    published = context.article.published
    facts: list[Fact] = []
    for sentence in context.doc.sentences:
        sent = doc[sentence.token_start : sentence.token_end]
        for item in _items(sent, table):
            start, end = item[0].idx, item[-1].idx + len(item[-1].text)
            when = find_time(text_of(item), published) or _due_nearby(item, published)
            ids = [context.id_of(a) for _, _, a in context.mentions_in(start, end)]
            facts.append(
                {
                    "text": text_of(item),
                    "actors": list(dict.fromkeys(i for i in ids if i)),
                    "due": when.iso if when else None,
                    **context.evidence(sentence),
                }
            )
    return facts


def _due_nearby(item: Item, published: str | None) -> Any:
    """ "Watch X, due this weekend": the time phrase of a "due" beside the item."""
    near = {t.i for t in item} | {t.head.i for t in item}
    for token in item[0].sent:
        if token.lower_ == "due" and token.head.i in near and token.i not in near:
            return find_time(text_of(token.subtree), published)
    return None
