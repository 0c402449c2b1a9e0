"""Watch items: what the text says to watch for, or names as still pending.

Cue words live in ``watchfloor/data/facts/watch.toml``. Each rule reads the
parse of one sentence: "we're watching for X" / "Watch X" (X split at its
coordinated noun phrases), "the key indicator to track is X", "the question
is whether X", "X remains to be seen", "it is unclear whether X", "X is due
on/to ...", "X is set/expected to <decide> ...", "a decision is expected ...",
"X will vote next week", "... when X rules on ...", "X awaits Y", "pending Y",
"X has yet to decide / hasn't yet agreed". ``due`` is the date the item's time
phrase resolves to.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

from spacy.tokens import Span, Token

from watchfloor.facts.context import Fact, FactContext
from watchfloor.facts.horizon import facts_data, find_time
from watchfloor.facts.parse import clause_tokens, subject_of, text_of
from watchfloor.facts.watch.headings import NOMINAL, opens_as_name, watch_heading
from watchfloor.facts.watch.phrases import Item
from watchfloor.facts.watch.phrases import has_children as _has
from watchfloor.facts.watch.phrases import opened as _opened
from watchfloor.facts.watch.phrases import split_items as _split
from watchfloor.facts.watch.phrases import trim as _trim
from watchfloor.nlp.tokens import TokenTable

BE_HAVE = frozenset({"be", "have"})


@cache
def _lex() -> dict[str, frozenset[str]]:
    data: dict[str, Any] = facts_data("watch.toml")
    return {key: frozenset(value) for key, value in data.items()}


def _watching(token: Token, lex: dict[str, frozenset[str]]) -> Iterator[Item]:
    opening = _opening_noun(token)  # "Watch X, due in July, ...": "Watch" tagged a name
    if token.lemma_.lower() not in lex["watch_verbs"] or (token.pos_ != "VERB" and not opening):
        return
    subject = subject_of(token)
    bare = subject is None and token.tag_ == "VB" and not _has(token, "aux", "auxpass")
    imperative = bare or opening
    if not imperative and (subject is None or subject.lower_ not in lex["watch_subjects"]):
        return
    for child in token.children:
        if child.dep_ == "dobj" or (child.dep_ in ("prep", "conj") and child.lower_ == "for"):
            obj = child if child.dep_ == "dobj" else next(iter(_has(child, "pobj", "pcomp")), None)
            again = [
                t for t in child.subtree if t.dep_ == "conj" and t.lower_ == "for" and t != child
            ]
            if obj is not None and again:
                yield from _each_for([child, *again])  # "for X and for Y"
            elif obj is not None:
                yield from _with_tail(_split(obj, lex), token)
        elif child.dep_ == "conj" and child.pos_ in ("NOUN", "PROPN"):
            yield from _split(child, lex)
        elif child.dep_ in ("ccomp", "conj", "relcl") and _opened(child, lex):
            yield from _questions(list(child.subtree), lex)  # "Watch whether X and how Y"


def _opening_noun(token: Token) -> bool:
    """ "Watch X, due in July": a sentence-opening watch verb tagged as a noun, with an
    object of its own (without one, :func:`watch_heading` reads the sentence)."""
    return opens_as_name(token) and token.pos_ in NOMINAL and bool(_has(token, "dobj"))


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
    if token.lemma_ != "be" or token.tag_ in ("VBD", "VBN") or _past(token):
        return
    if not any(s.lemma_.lower() in lex["question_nouns"] for s in _has(token, "nsubj")):
        return
    for clause in _has(token, "ccomp", "advcl"):
        if _opened(clause, lex):
            yield from _questions(list(clause.subtree), lex)


def _negative(verb: Token, lex: dict[str, frozenset[str]]) -> bool:
    subject = subject_of(verb)
    words = (
        {subject.lower_, *(c.lower_ for c in subject.children)} if subject is not None else set()
    )
    return bool(_has(verb, "neg")) or bool(words & lex["negative_subjects"])


def _scheduled(token: Token, lex: dict[str, frozenset[str]]) -> Iterator[Item]:
    """ "X is due on Saturday", "X is set to open tomorrow", "X is expected to rule"."""
    if token.lower_ not in lex["scheduled_verbs"] or token.tag_ not in ("JJ", "VBN"):
        return
    verb = token.head if token.dep_ == "acomp" else token
    if (verb.lemma_ != "be" and not _has(token, "auxpass", "aux")) or _negative(verb, lex):
        return
    if _past(verb):
        return  # "was due to stand down in August": the plan of a past report
    goal = next((c for c in token.children if c.dep_ == "xcomp"), None)
    if goal is None and token.lower_ in ("scheduled", "slated", "set") and _for_a_time(token):
        yield _trim(clause_tokens(verb))
        return
    if goal is None and token.lower_ == "due":
        preps = [*_has(token, "prep", "npadvmod"), *_has(verb, "prep", "npadvmod")]
        if preps and not any(c.lower_ == "to" for c in preps):  # "due to" = because of
            yield _trim(clause_tokens(verb))
        return
    if goal is None:
        return
    subject = subject_of(verb) or subject_of(token)
    named = subject is not None and subject.pos_ == "PROPN"
    deciding = goal.lemma_ in lex["decision_verbs"] or named  # a named actor's arranged step
    dated = find_time(text_of(clause_tokens(verb)), None) is not None
    if (token.lower_ in ("due", "scheduled", "slated") or deciding) and (
        dated or token.lower_ != "set" or named
    ):
        yield _trim(clause_tokens(verb))


def _for_a_time(token: Token) -> bool:
    """ "scheduled for March 3", "set for this week": a "for" phrase that is a time."""
    return any(
        c.lower_ == "for" and find_time(text_of(c.subtree), None) is not None
        for c in _has(token, "prep")
    )


def _plans_to(token: Token, lex: dict[str, frozenset[str]]) -> Iterator[Item]:
    """ "Democrats plan to address the shutdown", "he intends to appeal": a named actor's
    stated next step, still to come."""
    if token.lemma_ not in lex["plan_verbs"] or token.tag_ not in ("VBZ", "VBP", "VBG"):
        return
    goal = next((c for c in _has(token, "xcomp") if c.pos_ == "VERB"), None)
    subject = subject_of(token)
    if goal is None or subject is None or _negative(token, lex) or _past(token):
        return
    if not any(c.lower_ == "to" for c in _has(goal, "aux")):
        return
    yield _trim(clause_tokens(token))


def _decision_expected(token: Token, lex: dict[str, frozenset[str]]) -> Iterator[Item]:
    if token.lower_ != "expected" or _has(token, "xcomp") or _negative(token, lex):
        return
    subject = subject_of(token)
    if subject is not None and subject.lower_ in lex["decision_nouns"]:
        yield _trim(clause_tokens(token))


def _will_decide(token: Token, lex: dict[str, frozenset[str]]) -> Iterator[Item]:
    """ "X will vote next week", "... when the court rules on ...", both with a date."""
    if token.lemma_ not in lex["decision_verbs"] or token.pos_ != "VERB":
        return
    will = any(c.lower_ in ("will", "'ll") for c in _has(token, "aux"))
    when = token.tag_ in ("VBZ", "VBP") and any(c.lower_ == "when" for c in _has(token, "advmod"))
    if _negative(token, lex) or not (will or when):
        return
    scope = token.head if when else token
    if find_time(text_of(clause_tokens(scope)), None) is not None:
        yield _trim(list(token.subtree) if when else clause_tokens(token))


def _to_come(token: Token, lex: dict[str, frozenset[str]]) -> Iterator[Item]:
    """ "a plan to be unveiled next week", "the rule, which is to take effect on May 1"."""
    if token.lemma_ not in lex["decision_verbs"] or not any(
        c.lower_ == "to" for c in _has(token, "aux")
    ):
        return
    passive = token.dep_ in ("acl", "relcl") and bool(_has(token, "auxpass"))
    destined = (
        token.dep_ == "xcomp"
        and token.head.lemma_ == "be"
        and not _has(token.head, "acomp", "attr")
    )
    if not (passive or destined) or find_time(text_of(token.subtree), None) is None:
        return
    if passive:
        yield _trim(list(token.head.subtree))
    elif token.head.dep_ == "relcl":
        noun = token.head.head
        yield _trim([t for t in noun.subtree if t.i <= token.right_edge.i], asides=True)
    else:
        yield _trim(clause_tokens(token.head))


def _questions(tokens: list[Token], lex: dict[str, frozenset[str]]) -> Iterator[Item]:
    """ "Who replaces him, and whether Congress forces a vote": one item per question."""
    start = 0
    for n, t in enumerate(tokens[:-1]):
        after = tokens[n + 1].lower_
        listed = t.text == "," and after == "whether"  # "whether X, whether Y, and how Z"
        if listed or (t.lower_ in ("and", "or") and after in lex["clause_openers"]):
            yield _trim(tokens[start:n])
            start = n + 1
    yield _trim(tokens[start:])


def _past(verb: Token) -> bool:
    """ "was due to", "were to", "had been set to": said of a past plan."""
    return any(
        t.tag_ == "VBD" for t in [verb, *_has(verb, "aux", "auxpass")] if t.lemma_ in BE_HAVE
    )


def _is_to(verb: Token, lex: dict[str, frozenset[str]]) -> Iterator[Item]:
    """ "Liberal Democrats are to find a new leader", "May is to step down today": a named
    actor's arranged next step (a plain noun's "is to" states an aim: "the plan is to")."""
    if verb.lemma_ != "be" or verb.pos_ not in ("AUX", "VERB") or _has(verb, "acomp", "attr"):
        return
    goal = next((c for c in _has(verb, "xcomp") if c.pos_ == "VERB"), None)
    if goal is None or goal.lemma_ in lex["decision_verbs"]:
        return  # decision verbs are _to_come's
    subject = subject_of(verb)
    if not any(c.lower_ == "to" for c in _has(goal, "aux")) or subject is None:
        return
    passive = bool(_has(goal, "auxpass"))  # "the cable is to be completed by 2023"
    if (subject.pos_ != "PROPN" and not passive) or _negative(verb, lex):
        return
    if _past(verb):
        return  # "X was to ...": a plan of the past
    yield _trim(clause_tokens(verb))


def _pending(token: Token, lex: dict[str, frozenset[str]]) -> Iterator[Item]:
    """ "X awaits Y", "pending Y", "X has yet to decide", "we haven't yet agreed on Y"."""
    if token.lemma_ in lex["await_verbs"] and token.tag_ in ("VBZ", "VBP", "VBG"):
        yield from (_trim(list(o.subtree)) for o in _has(token, "dobj"))
    elif token.lower_ == "pending" and token.dep_ in ("prep", "acomp"):
        target = _has(token, "pobj", "dobj") or [s for s in [subject_of(token.head)] if s]
        yield from (_trim(list(o.subtree)) for o in target)
    elif token.lower_ == "yet" and token.head.pos_ in ("VERB", "AUX"):
        verb = token.head
        goal = next((c for c in verb.children if c.dep_ == "xcomp"), verb)
        negated = bool(_has(verb, "neg")) or goal.i != verb.i
        if negated and goal.lemma_ in lex["decision_verbs"]:
            yield _trim(clause_tokens(verb))


_RULES: list[Callable[[Token, dict[str, frozenset[str]]], Iterator[Item]]] = [
    _watching,
    _to_watch,
    _to_be_seen,
    _unclear,
    _open_question,
    _scheduled,
    _decision_expected,
    _will_decide,
    _to_come,
    _is_to,
    _pending,
    _plans_to,
    watch_heading,
]


@cache
def _starts() -> tuple[frozenset[str], frozenset[str]]:
    """The lemmas and the words with which some rule of _RULES can start: each rule
    tests one of them first, so no other token need meet the rules."""
    lex = _lex()
    lemmas = lex["watch_verbs"] | lex["decision_verbs"] | lex["await_verbs"] | lex["plan_verbs"]
    lemmas |= {"be"}
    words = lex["unclear_words"] | lex["scheduled_verbs"] | {"seen", "expected", "pending", "yet"}
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
