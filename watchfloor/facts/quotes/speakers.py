"""Speakers of speech cues: who says what a cue reports.

The speaker is the cue verb's subject as the parse has it (or that of the
speech verb or clause it hangs from), the source of "according to X", or the
nearest actor named as a subject earlier in the sentence. A subject resolves to
an actor by its mention, an apposition, an actor named inside the phrase, the
state a demonym names ("German officials"), a description ("the embassy"), or,
for a pronoun, the nearest fitting actor mentioned before it.
"""

from __future__ import annotations

from watchfloor.actors.kb import load_knowledge_base
from watchfloor.actors.types import DocActor
from watchfloor.facts.context import FactContext
from watchfloor.facts.participants import actor_of, refer
from watchfloor.facts.quotes.asides import speaker_after
from watchfloor.facts.quotes.marks import Span, Token, token_end
from watchfloor.facts.quotes.names import name_actor, titled_actor
from watchfloor.facts.quotes.pronouns import main_subject
from watchfloor.facts.quotes.speech import (
    Cue,
    SpeechLexicon,
    according_source,
    after_quotation,
    agent_of,
    is_speech,
    load_lexicon,
)
from watchfloor.nlp.types import doc_text

UNNAMED = "speaker:"  # the key prefix of an unnamed speaker's actor ("the spokesperson")
CLIMB_DEPS = frozenset({"conj", "xcomp", "advcl", "pcomp", "prep", "acl"})
RELATIVE = frozenset({"who", "which", "that"})
SPEAKER_ENTS = frozenset({"PERSON", "ORG", "NORP", "GPE"})


def speaker_of(
    context: FactContext, cue: Cue, quotes: list[Span]
) -> tuple[DocActor | None, Token | None]:
    """The actor who speaks through the cue, if found, and the subject token, if any."""
    speaker = speaker_after(cue.token) if not _own_subjects(cue.token) else None
    if speaker is not None:  # ', argued the party's lawyer, Tomas Brandt'
        actor = _inverted_speaker(context, cue.token) or _speaker(context, speaker, quotes)
        return actor, speaker
    subjects = _subjects(cue)
    for subject in subjects:
        actor = _speaker(context, subject, quotes)
        if actor is not None:
            return actor, subject
    if subjects:
        return None, subjects[0]
    if after_quotation(cue.token):
        inverted = _inverted_speaker(context, cue.token)
        if inverted is not None:
            return inverted, None
    return _nearby_speaker(context, cue.token, quotes), None


def _inverted_speaker(context: FactContext, verb: Token) -> DocActor | None:
    """'"...," said the mayor, Anna Berg': the actor named right after the verb."""
    sent = verb.sent
    end = min(sent.end_char, token_end(verb) + 60)
    mentions = context.mentions_in(token_end(verb), end)
    people = [a for _, _, a in mentions if a.type == "PERSON"]
    return people[0] if people else (mentions[0][2] if mentions else None)


def has_speaker(subject: Token | None, actor: DocActor | None, lexicon: SpeechLexicon) -> bool:
    """Reported speech needs someone who speaks: an actor, a pronoun or a speaker noun."""
    if actor is not None:
        return True
    if subject is None:
        return False
    if subject.lower_ in lexicon.pronouns or subject.ent_type_ in SPEAKER_ENTS:
        return True
    lemma = subject.lemma_.lower()
    return lemma in lexicon.speaker_nouns or lemma in lexicon.person_nouns


# ---------------------------------------------------------------- subjects


def _subjects(cue: Cue) -> list[Token]:
    """Who speaks, as the parse has it: the verb's subject, or that of the verb it hangs from."""
    if cue.key == "according to":
        source = according_source(cue.token)
        return [source] if source is not None else []
    agent = agent_of(cue.token)
    if agent is not None:
        return [agent]  # 'was described as "X" by the police'
    quoted = _quoted_as_saying(cue.token)
    if quoted is not None:
        return [quoted]
    own = _own_subjects(cue.token)
    if own:
        return own
    for head in _ancestors(cue.token, 4):
        if is_speech(head):
            return _agent_or_subjects(head)
    verb = cue.token
    while verb.dep_ in CLIMB_DEPS and verb.head.i != verb.i:
        verb = verb.head
        if verb.pos_ in ("VERB", "AUX") and (found := _agent_or_subjects(verb)):
            return found
    return []


def _agent_or_subjects(verb: Token) -> list[Token]:
    """'described by X as "...", saying ...': the passive's agent, else the subjects."""
    agent = agent_of(verb)
    return [agent] if agent is not None else _own_subjects(verb)


def _quoted_as_saying(verb: Token) -> Token | None:
    """'The paper quoted X as saying "..."': who is quoted, not who quotes."""
    as_ = verb.head
    if verb.dep_ != "pcomp" or as_.lower_ != "as" or as_.head.i == as_.i:
        return None
    return next((c for c in as_.head.children if c.dep_ == "dobj"), None)


def _own_subjects(verb: Token) -> list[Token]:
    subjects = sorted((c for c in verb.children if c.dep_ == "nsubj"), key=lambda c: -c.i)
    if verb.dep_ == "relcl" and any(s.lower_ in RELATIVE for s in subjects):
        return [verb.head]
    return subjects


def _ancestors(token: Token, limit: int) -> list[Token]:
    found: list[Token] = []
    while token.head.i != token.i and len(found) < limit:
        token = token.head
        found.append(token)
    return found


# ---------------------------------------------------------------- actors


def _nearby_speaker(context: FactContext, verb: Token, quotes: list[Span]) -> DocActor | None:
    """No subject in the parse: the nearest actor named as a subject earlier in the sentence,
    or named right before the verb (a name the parser hung elsewhere)."""
    doc = verb.doc
    for start, end, actor in reversed(context.mentions_in(verb.sent.start_char, verb.idx)):
        if any(q[0] <= start < q[1] for q in quotes):
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None and span.root.dep_ in ("nsubj", "conj", "appos", "ROOT"):
            return actor
        if not doc_text(doc)[end : verb.idx].strip():
            return actor  # "On Friday Ford Motor Company announced": the name right before
    return None


def resolve_speaker(context: FactContext, token: Token) -> DocActor | None:
    """The actor a subject phrase headed by ``token`` stands for, as a speaker: the one
    resolution quotes and claims share."""
    return _speaker(context, token, [])


PART_NOUNS = frozenset({"part", "portion", "excerpt", "passage"})


def _speaker(context: FactContext, token: Token, quotes: list[Span]) -> DocActor | None:
    lexicon = load_lexicon()
    if token.lemma_.lower() in PART_NOUNS and (whole := _part_of(token)) is not None:
        return _speaker(context, whole, quotes)  # "Part of the judge's ruling reads"
    if token.lower_ in lexicon.pronouns:
        return _pronoun_speaker(context, token, quotes)
    actor = context.actor_at(token.idx, token_end(token))
    if actor is not None and not actor.key.startswith(UNNAMED):
        return actor
    named = _named_for(context, token)
    if named is not None or actor is not None:
        return named or actor
    return (
        _author(context, token, lexicon)
        or _phrase_actor(context, token)
        or _state_of(context, token, lexicon)
        or _described(context, token)
        or _owned_by_pronoun(context, token)
        or actor_of(context, token)
        or name_actor(context, token)
        or titled_actor(context, token)
    )


def _part_of(token: Token) -> Token | None:
    """The text that 'part of X' is part of."""
    of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    return next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None


def _pronoun_speaker(context: FactContext, token: Token, quotes: list[Span]) -> DocActor | None:
    """'It said', 'its spokesperson': the earlier subject the pronoun continues, as a
    speaker, else the shared pronoun resolution."""
    antecedent = context.subject_antecedent(token)
    found = _speaker(context, antecedent, quotes) if antecedent is not None else None
    if found is None:
        found = main_subject(context, token, lambda subject: _speaker(context, subject, quotes))
    return found or refer(context, token)


def _owned_by_pronoun(context: FactContext, token: Token) -> DocActor | None:
    """'Its leaders say': the body the possessive pronoun of the subject stands for."""
    owner = next((c for c in token.children if c.dep_ == "poss"), None)
    if owner is None or owner.lower_ not in ("its", "their"):
        return None
    return _pronoun_speaker(context, owner, [])


def _named_for(context: FactContext, token: Token) -> DocActor | None:
    """Who an unnamed speaker is: the name in apposition ("its spokesperson, Zhu Fenglian";
    "Council spokesperson Jan Berg"), else the body (not the person) it speaks for ("the
    court's prosecutor", "its spokesperson")."""
    for child in token.children:
        if child.dep_ == "appos" or (child.dep_ == "compound" and child.i > token.i):
            actor = context.actor_at(child.idx, token_end(child))
            if actor is not None and not actor.key.startswith(UNNAMED):
                return actor
    owner = next((c for c in token.children if c.dep_ == "poss"), None)
    if owner is None:
        return _the_body_before(context, token)
    if owner.lower_ in ("its", "their"):
        body = _pronoun_speaker(context, owner, [])
    else:
        body = context.actor_at(owner.idx, token_end(owner)) or actor_of(context, owner)
    return body if body is not None and body.type != "PERSON" else None  # not "Merkel's aide"


BODY_NOUNS = frozenset(
    {"group", "organisation", "organization", "company", "movement", "party", "firm"}
)


def _the_body_before(context: FactContext, token: Token) -> DocActor | None:
    """'JNIM fighters overran the base; the group said ...': a bare "the group" (or
    organisation, company, movement) is the named body last in the news before it, in
    its sentence or the one before."""
    if token.lemma_.lower() not in BODY_NOUNS or [c.lower_ for c in token.children] != ["the"]:
        return None
    doc = token.doc
    start = doc[token.sent.start - 1].sent.start_char if token.sent.start > 0 else 0
    for _, _, actor in reversed(context.mentions_in(start, token.idx)):
        if actor.type in ("ORG", "GROUP") and not actor.key.startswith(UNNAMED):
            return actor
    return None


def _author(context: FactContext, token: Token, lexicon: SpeechLexicon) -> DocActor | None:
    """'The judge's statement reads', 'its notice claimed': who wrote the text."""
    if token.lemma_.lower() not in lexicon.document_nouns:
        return None
    owner = next((c for c in token.children if c.dep_ == "poss"), None)
    if owner is None:
        return _written_by(context, token) or _issuer(context, token) or _releaser(context, token)
    if owner.lower_ in ("its", "their", "his", "her"):
        return _pronoun_speaker(context, owner, [])
    return _speaker(context, owner, [])  # "the judge's statement": the judge named before


def _issuer(context: FactContext, token: Token) -> DocActor | None:
    """'X issued a statement on Monday. The statement said ...': who issued, sent or
    wrote the text a definite document noun names again, in its sentence or the two
    before."""
    if not any(c.lower_ in ("the", "this", "that") for c in token.children):
        return None
    doc, lemma = token.doc, token.lemma_.lower()
    sent = token.sent
    start = sent.start
    for _ in range(2):
        start = doc[start - 1].sent.start if start > 0 else start
    for noun in reversed(doc[start : token.i]):
        if noun.lemma_.lower() != lemma:
            continue
        if noun.dep_ != "dobj":  # "One study in the journal noted ... The same study"
            return _written_by(context, noun) or _phrase_actor(context, noun)
        subject = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            return _speaker(context, subject, [])
    return None


def _releaser(context: FactContext, token: Token) -> DocActor | None:
    """'X released a statement which read ...': who issued the text the subject names."""
    if token.dep_ != "dobj":
        return None
    subject = next((c for c in token.head.children if c.dep_ == "nsubj"), None)
    return _speaker(context, subject, []) if subject is not None else None


def _written_by(context: FactContext, token: Token) -> DocActor | None:
    """'Estimates by the government', 'a report from the ministry', 'a poll published by
    the network': the author named in a 'by'/'from' phrase on the text or on the
    participle that follows it."""
    made = [k for c in token.children if c.dep_ == "acl" and c.tag_ == "VBN" for k in c.children]
    for prep in (c for c in [*token.children, *made] if c.dep_ in ("prep", "agent")):
        if prep.lower_ in ("by", "from"):
            for author in (o for o in prep.children if o.dep_ == "pobj"):
                return _speaker(context, author, [])
    return None


def _phrase_actor(context: FactContext, token: Token) -> DocActor | None:
    """An actor named inside the subject phrase ('a tweet by X', 'reports from X'):
    a person first; never one named only as a possessor ("Merkel's spokesperson", "Oli's
    party") or in a clause on the phrase ("X, whose founder Y ...", "an alliance led by Y")."""
    skip = {
        t.i
        for c in token.subtree
        if c.dep_ in ("relcl", "acl", "poss") and c.i != token.i
        for t in c.subtree
    }
    mentions = [
        (start, actor)
        for start, end, actor in context.mentions_in(
            token.left_edge.idx, token_end(token.right_edge)
        )
        if not any(t.i in skip for t in token.doc.char_span(start, end, alignment_mode="expand"))
    ]
    people = [a for _, a in mentions if a.type == "PERSON"]
    return people[0] if people else (mentions[0][1] if mentions else None)


def _state_of(context: FactContext, token: Token, lexicon: SpeechLexicon) -> DocActor | None:
    """'German officials', 'the Saudi government': the state the demonym names."""
    if token.lemma_.lower() not in lexicon.state_nouns:
        return None
    kb = load_knowledge_base()
    for child in token.children:
        if child.dep_ in ("amod", "compound"):
            code = kb.country_of_demonym(child.text)
            state = next((a for a in context.actors if a.type == "GPE" and a.country == code), None)
            if code and state is not None:
                return state
    return None


def _described(context: FactContext, token: Token) -> DocActor | None:
    """'the embassy', 'the minister': the nearest actor before whose name or role has the noun."""
    definite = any(c.lower_ == "the" or c.dep_ == "poss" for c in token.children)
    if token.pos_ != "NOUN" or not definite:
        return None
    word = token.lemma_.lower()
    for _, _, actor in reversed(context.mentions_in(0, token.idx)):
        described = f"{actor.name} {actor.role or ''}".lower().split()
        if word in described:
            return actor
    return None
