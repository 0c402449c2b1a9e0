"""Watch items that are steps still to come: scheduled, due, planned or awaited.

"X is due on Saturday", "X is set/expected to <decide> ...", "a decision is
expected ...", "X will vote next week", "... when X rules on ...", "a plan to be
unveiled next week", a named actor's "is to" and "plans to", "X awaits Y",
"pending Y", "X has yet to decide". Read by :mod:`watchfloor.facts.watch.finder`.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from watchfloor.facts.horizon import find_time
from watchfloor.facts.parse import clause_tokens, subject_of, text_of
from watchfloor.facts.watch.phrases import Item
from watchfloor.facts.watch.phrases import has_children as _has
from watchfloor.facts.watch.phrases import trim as _trim

BE_HAVE = frozenset({"be", "have"})
Lex = dict[str, frozenset[str]]


def _negative(verb: Token, lex: Lex) -> bool:
    subject = subject_of(verb)
    words = (
        {subject.lower_, *(c.lower_ for c in subject.children)} if subject is not None else set()
    )
    return bool(_has(verb, "neg")) or bool(words & lex["negative_subjects"]) or _no_sign(verb)


def _no_sign(verb: Token) -> bool:
    """A clause that fills a noun with "no": "no sign that they intend to leave"."""
    noun = verb.head
    return verb.dep_ in ("acl", "ccomp") and any(
        c.dep_ == "det" and c.lower_ == "no" for c in noun.children
    )


def scheduled(token: Token, lex: Lex) -> Iterator[Item]:
    """ "X is due on Saturday", "X is set to open tomorrow", "X is expected to rule"."""
    if token.lower_ not in lex["scheduled_verbs"] or token.tag_ not in ("JJ", "VBN"):
        return
    verb = token.head if token.dep_ == "acomp" else token
    noun = _scheduled_noun(token)
    if noun:  # "a hearing, scheduled for this week": the noun phrase with its time
        yield _trim(noun)
        return
    if (verb.lemma_ != "be" and not _has(token, "auxpass", "aux")) or _negative(verb, lex):
        return
    if in_the_past(verb):
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
    named = named and token.lower_ not in ("expected", "required")
    deciding = goal.lemma_ in lex["decision_verbs"] or named  # a named actor's arranged step
    # ("Smith is expected to win" is a forecast, not a step someone has arranged)
    dated = find_time(text_of(clause_tokens(verb)), None) is not None
    if (token.lower_ in ("due", "scheduled", "slated") or deciding) and (
        dated or token.lower_ not in ("set", "required") or named
    ):  # "are required to rule by Friday": a deadline; without a date, a standing duty
        yield _trim(clause_tokens(verb))


def _scheduled_noun(token: Token) -> list[Token]:
    """ "the hearing scheduled for May 3", "issued a summons, scheduled for this week": the
    noun phrase a participle without "be" fixes a time for (parsed on the noun, or on the
    verb whose object it follows)."""
    if token.lower_ not in ("scheduled", "slated", "set") or not _for_a_time(token):
        return []
    if token.dep_ == "acl" and token.head.pos_ in ("NOUN", "PROPN"):
        return list(token.head.subtree)
    objects = [o for o in _has(token.head, "dobj") if o.right_edge.i + 2 == token.i]
    if token.dep_ == "advcl" and objects and token.doc[token.i - 1].text == ",":
        return [*objects[0].subtree, token.doc[token.i - 1], *token.subtree]
    return []


def _for_a_time(token: Token) -> bool:
    """ "scheduled for March 3", "set for this week": a "for" phrase that is a time."""
    return any(
        c.lower_ == "for" and find_time(text_of(c.subtree), None) is not None
        for c in _has(token, "prep")
    )


def plans_to(token: Token, lex: Lex) -> Iterator[Item]:
    """ "Democrats plan to address the shutdown", "he intends to appeal": a named actor's
    stated next step, still to come; "he plans on leaving". A plan reported in the past
    ("she announced she planned to join") is often carried out by the time of writing."""
    if token.lemma_ not in lex["plan_verbs"] or token.tag_ not in ("VBZ", "VBP", "VBG"):
        return
    goal = next((c for c in _has(token, "xcomp") if c.pos_ == "VERB"), None)
    subject = subject_of(token)
    if subject is None or _negative(token, lex) or in_the_past(token):
        return
    infinitive = goal is not None and any(c.lower_ == "to" for c in _has(goal, "aux"))
    if infinitive or _plans_on(token):
        yield _trim(clause_tokens(token))


def _plans_on(token: Token) -> bool:
    """ "plans on leaving": "on" with a gerund."""
    return any(
        p.lower_ == "on" and any(c.tag_ == "VBG" for c in _has(p, "pcomp"))
        for p in _has(token, "prep")
    )


def decision_expected(token: Token, lex: Lex) -> Iterator[Item]:
    if token.lower_ != "expected" or _has(token, "xcomp") or _negative(token, lex):
        return
    subject = subject_of(token)
    if subject is not None and subject.lower_ in lex["decision_nouns"]:
        yield _trim(clause_tokens(token))


def will_decide(token: Token, lex: Lex) -> Iterator[Item]:
    """ "X will vote next week", "... when the court rules on ...", both with a date; a
    timetable's present, "the court hears the case on Thursday"."""
    if token.lemma_ not in lex["decision_verbs"] or token.pos_ != "VERB":
        return
    will = any(c.lower_ in ("will", "'ll") for c in _has(token, "aux"))
    when = token.tag_ in ("VBZ", "VBP") and any(c.lower_ == "when" for c in _has(token, "advmod"))
    if _negative(token, lex) or not (will or when or _timetabled(token, lex)):
        return
    if _terms(token, lex):
        return
    scope = token.head if when else token
    if find_time(text_of(clause_tokens(scope)), None) is not None:
        yield _trim(list(token.subtree) if when else clause_tokens(token))


def _timetabled(verb: Token, lex: Lex) -> bool:
    """ "The court hears the case on Thursday": a main verb in the simple present with a
    day named by "on", not a habit ("meets on Mondays", "usually votes on ...")."""
    if verb.tag_ not in ("VBZ", "VBP") or verb.dep_ != "ROOT" or _has(verb, "aux", "auxpass"):
        return False
    days = [
        o
        for p in [*_has(verb, "prep"), *(q for d in _has(verb, "dobj") for q in _has(d, "prep"))]
        if p.lower_ == "on"
        for o in _has(p, "pobj")
        if o.tag_ == "NNP" and find_time(o.text, None) is not None
    ]
    habit = any(t.lower_ in lex["habit_words"] for t in verb.subtree)
    return bool(days) and not habit


def _terms(verb: Token, lex: Lex) -> bool:
    """ "Under the deal, Serbia is to withdraw ...": a term of an agreement, its content
    rather than a step the text names as pending."""
    return any(
        p.lower_ in ("under", "in") and any(o.lemma_.lower() in lex["terms_nouns"] for o in pobjs)
        for p in _has(verb, "prep")
        for pobjs in [_has(p, "pobj")]
    )


def to_come(token: Token, lex: Lex) -> Iterator[Item]:
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
    if destined and in_the_past(token.head):
        return  # "his term was to end in August": a plan of the past
    if passive:
        yield _trim(list(token.head.subtree))
    elif token.head.dep_ == "relcl":
        noun = token.head.head
        yield _trim([t for t in noun.subtree if t.i <= token.right_edge.i], asides=True)
    else:
        yield _trim(clause_tokens(token.head))


def in_the_past(verb: Token) -> bool:
    """ "was due to", "were to", "had been set to": said of a past plan."""
    return any(
        t.tag_ == "VBD" for t in [verb, *_has(verb, "aux", "auxpass")] if t.lemma_ in BE_HAVE
    )


def is_to(verb: Token, lex: Lex) -> Iterator[Item]:
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
    reported = _reported(verb, lex)  # "she announced she is to resign"
    named = subject.pos_ == "PROPN" or (reported and subject.pos_ == "PRON")
    passive = bool(_has(goal, "auxpass"))  # "the cable is to be completed by 2023"
    if passive and not named and find_time(text_of(clause_tokens(verb)), None) is None:
        return  # "the debate is to be chaired by X": how a thing is to be, no date to watch
    if (not named and not passive) or _negative(verb, lex) or _terms(verb, lex):
        return
    if in_the_past(verb):
        return  # "X was to ...", "announced Benin was to join": often done by now
    yield _trim(clause_tokens(verb))


def _reported(verb: Token, lex: Lex) -> bool:
    """The verb of a clause someone announces or says: "Lopez said he is to resign"."""
    return verb.dep_ == "ccomp" and verb.head.lemma_ in lex["report_verbs"]


def _on_hold(token: Token) -> list[Token]:
    """ "a stay of the sentence pending appeal": the noun phrase held until the "pending"
    phrase, where "pending" hangs on the noun or on the verb whose object ends before it."""
    noun = token.head
    while noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ == "NOUN":
        noun = noun.head.head  # "a stay of the order pending ...": from "a stay" on
    if noun.pos_ == "NOUN":
        return [t for t in noun.subtree if t.i <= token.right_edge.i]
    objects = [o for o in _has(token.head, "dobj") if o.right_edge.i + 1 == token.i]
    return [*objects[0].subtree, *token.subtree] if objects else []


def _still_waiting(verb: Token) -> bool:
    """A present "waits for" / "is (still) waiting for", not a past wait."""
    if verb.tag_ in ("VBZ", "VBP"):
        return True
    return verb.tag_ == "VBG" and any(a.tag_ in ("VBZ", "VBP") for a in _has(verb, "aux"))


def pending(token: Token, lex: Lex) -> Iterator[Item]:
    """ "X awaits Y", "pending Y", "X has yet to decide", "we haven't yet agreed on Y"."""
    if token.lemma_ in lex["await_verbs"] and token.tag_ in ("VBZ", "VBP", "VBG"):
        yield from (_trim(list(o.subtree)) for o in _has(token, "dobj"))
    elif token.lemma_ == "wait" and _still_waiting(token):  # "are still waiting for X"
        fors = [p for p in _has(token, "prep") if p.lower_ == "for"]
        yield from (_trim(list(o.subtree)) for p in fors for o in _has(p, "pobj"))
    elif token.lower_ == "pending" and token.dep_ in ("prep", "acl") and _on_hold(token):
        yield _trim(_on_hold(token))  # "a stay of the sentence pending appeal"
    elif token.lower_ == "pending" and token.dep_ in ("prep", "acomp"):
        target = _has(token, "pobj", "dobj") or [s for s in [subject_of(token.head)] if s]
        yield from (_trim(list(o.subtree)) for o in target)
    elif token.lower_ == "yet" and token.head.pos_ in ("VERB", "AUX"):
        verb = token.head
        goal = next((c for c in verb.children if c.dep_ == "xcomp"), verb)
        negated = bool(_has(verb, "neg")) or goal.i != verb.i
        if negated and goal.lemma_ in lex["decision_verbs"]:
            yield _trim(clause_tokens(verb))


def announced(token: Token, lex: Lex) -> Iterator[Item]:
    """ "The mayor announced that the city will close the bridge", "it was agreed a curfew
    would be imposed on Friday": a step someone announced or agreed. With the tense moved
    back ("would") only with a time, since by the time of writing it may have happened."""
    if token.lemma_ not in lex["announce_verbs"] or token.pos_ != "VERB":
        return
    for step in _has(token, "ccomp"):
        modal = {a.lower_ for a in _has(step, "aux")} & {"will", "'ll", "would"}
        if not modal or _negative(step, lex):
            continue
        clause = clause_tokens(step)
        if "would" not in modal or find_time(text_of(clause), None) is not None:
            yield _trim(clause)
