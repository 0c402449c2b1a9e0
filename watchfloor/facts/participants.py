"""Who did what to whom: the actors around a trigger in the dependency parse.

The source is the actor in the trigger's subject (the "by" agent of a
passive, the controller of an infinitive, the noun a relative clause hangs
on); the target is the actor in its object, dative or a prepositional object
(to/with/against/on/into/...). Demonyms ("Iranian officials") stand for their
state when that state is an actor of the document.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from spacy.tokens import Span

from watchfloor.actors.kb import load_knowledge_base
from watchfloor.actors.types import DocActor
from watchfloor.facts.conjuncts import appositive_conjuncts
from watchfloor.facts.context import FactContext
from watchfloor.facts.genders import PRONOUN_GENDER
from watchfloor.facts.plover import load_lexicon
from watchfloor.facts.state_nouns import (
    _main_state_body,
    _subject,
    _the_country,
    in_quote,
)
from watchfloor.facts.surnames import surname_actor
from watchfloor.facts.targets import hangs_on_object, happening
from watchfloor.nlp.types import doc_text

Token = Any  # a spaCy token

NOUN_SOURCE_DEPS = frozenset({"poss", "compound", "amod", "nmod"})
SUBJECTS = frozenset({"nsubj", "csubj"})
RELATIVE = frozenset({"who", "which", "that", "whom"})
# Pronoun -> the actor types it can stand for.
PERSONAL = frozenset({"he", "she"})  # subject pronouns: they continue the subject before
PRONOUN_TYPES = {
    **dict.fromkeys(("he", "him", "his", "she", "her"), frozenset({"PERSON"})),
    **dict.fromkeys(("it", "its"), frozenset({"ORG", "GPE"})),
    **dict.fromkeys(("they", "them", "their"), frozenset({"GROUP", "ORG", "GPE"})),
}
# "X raised the possibility of doing": X is who would do it.
PROSPECT_NOUNS = frozenset({"possibility", "prospect", "option", "idea", "plan", "intention"})
# "a spokesman for X" speaks for X.
SPOKESPEOPLE = frozenset({"spokesman", "spokeswoman", "spokesperson", "representative"})
# "the brother of X", "critics of X": someone related to X, not X.
RELATION_NOUNS = frozenset(
    {
        "brother", "sister", "wife", "husband", "son", "daughter", "mother", "father",
        "widow", "widower", "cousin", "nephew", "niece", "uncle", "aunt", "relative",
        "family", "friend", "lawyer", "attorney", "critic", "opponent", "rival", "victim",
        "associate", "aide", "adviser", "advisor", "assistant",
    }
)  # fmt: skip
# First-person pronouns inside a direct quote stand for the quote's speaker.
FIRST_PERSON = frozenset({"i", "me", "my", "we", "us", "our"})
SPEECH_VERBS = frozenset(
    {"say", "tell", "add", "write", "state", "declare", "tweet", "insist", "warn", "stress"}
)


def actor_of(context: FactContext, token: Token) -> DocActor | None:
    """The document actor a noun phrase headed by ``token`` stands for."""
    found = _actor_at(context, token) or _demonym_agent(context, token)
    if found is not None and found.agent is not None:
        found = _body_modifier(context, token) or found  # "EU ministers" act for the EU
    if found:
        return found
    if token.lower_ in PRONOUN_TYPES:
        return refer(context, token)
    if token.lower_ in FIRST_PERSON and token.tag_ in {"PRP", "PRP$"}:
        return _quote_speaker(context, token)
    children = sorted(token.children, key=_child_rank)
    for child in children:
        if (child.lower_ in PRONOUN_TYPES or child.lower_ in FIRST_PERSON) and child.dep_ == "poss":
            found = actor_of(context, child)  # "his wish", "their talks"
        elif child.dep_ in {"compound", "poss", "appos", "nmod"}:
            found = _actor_at(context, child) or _demonym_actor(context, child)
        elif child.dep_ == "amod" or child.ent_type_ == "NORP":
            found = _demonym_actor(context, child)
        elif child.dep_ == "prep" and (
            (child.lower_ == "of" and not happening(token) and not _someone_of(token))
            or (child.lower_ == "by" and token.pos_ == "NOUN")  # "a request by X"
            or _such_as(child)
            or (child.lower_ == "for" and token.lemma_.lower() in SPOKESPEOPLE)
        ):
            found = next((actor_of(context, o) for o in child.children if o.dep_ == "pobj"), None)
        if found:
            return found
    found = (
        _group_noun(context, token)
        or _main_state_body(context, token)
        or _the_country(context, token)
    )
    return found or surname_actor(context, token) or _apposed_to(context, token)


def _apposed_to(context: FactContext, noun: Token) -> DocActor | None:
    """The named actor a common noun describes in apposition: "Albert Ojwang, a
    teacher and blogger arrested over a post" (the blogger is Ojwang)."""
    if noun.pos_ != "NOUN":
        return None
    if noun.dep_ == "conj" and noun.head.dep_ == "appos":
        noun = noun.head
    if noun.dep_ != "appos" or noun.head.pos_ != "PROPN":
        return None
    return _actor_at(context, noun.head)


def _someone_of(noun: Token) -> bool:
    """ "the brother of X", "critics of X": the noun names someone related to X."""
    return noun.lemma_.lower() in RELATION_NOUNS


def _body_modifier(context: FactContext, noun: Token) -> DocActor | None:
    """An organisation named as the modifier of a generic group ("EU foreign
    ministers", "NATO officials"): its people act for it. A state so named
    ("Russian officials") gives the group its country instead (actors/generic.py)."""
    for child in noun.children:
        if child.dep_ in {"compound", "nmod"} and child.i < noun.i:
            inside = context.mentions_in(child.idx, child.idx + len(child.text))
            for _, _, body in inside:  # the modifier's own mention, inside the group's
                if body.type == "ORG" and body.agent is None:
                    return body
    return None


def _child_rank(child: Token) -> int:
    """A named person in apposition first, a possessive pronoun last."""
    return 0 if child.dep_ == "appos" else 2 if child.lower_ in PRONOUN_TYPES else 1


def _group_noun(context: FactContext, token: Token) -> DocActor | None:
    """A bare plural ("allies") naming the document's one unnamed group ("Ukraine's allies")."""
    if token.tag_ != "NNS":
        return None
    groups = [a for a in context.actors if a.type == "GROUP"]
    found = [a for a in groups if a.name.lower().split()[-1:] == [token.lower_]]
    return found[0] if len(found) == 1 else None


def refer(context: FactContext, pronoun: Token) -> DocActor | None:
    """The actor a third-person pronoun stands for: the reporting subject ("X said it
    would ..."), else its antecedent. The one resolution events, quotes and forecasts
    share."""
    return _reporter(context, pronoun) or _antecedent(context, pronoun)


def _antecedent(context: FactContext, pronoun: Token) -> DocActor | None:
    """The actor an earlier mention outside quotes gives a pronoun: for "he"/"she", the
    nearest person in subject position (the one the text is about; a window of one, two
    or four sentences back scored lower on the training articles than none), else the
    nearest mention; "they" only stands for a subject."""
    text = doc_text(pronoun.doc)
    if in_quote(text, text.rfind("\n", 0, pronoun.idx) + 1, pronoun.idx):
        return None  # quotations pair within a paragraph: '"... B," she said' is outside
    personal, plural = pronoun.lower_ in PERSONAL, pronoun.lower_ in {"they", "them", "their"}
    nearest: DocActor | None = None
    for span, actor in _candidates(context, pronoun):  # nearest first, read lazily
        if _subject(span.root) or not (personal or plural):
            return actor
        if personal and nearest is None:
            nearest = actor  # the fallback when no earlier person is a subject
    return nearest


def _candidates(context: FactContext, pronoun: Token) -> Iterator[tuple[Span, DocActor]]:
    """Earlier mentions outside quotes of actors the pronoun may stand for, nearest first."""
    doc = pronoun.doc
    types = PRONOUN_TYPES[pronoun.lower_]
    for start, end, actor in reversed(context.mentions_in(0, pronoun.idx)):
        if actor.type not in types or _other_gender(context, actor, pronoun):
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or in_quote(doc_text(doc), span.sent.start_char, start):
            continue
        yield span, actor


def _other_gender(context: FactContext, actor: DocActor, pronoun: Token) -> bool:
    """ "she" cannot stand for a person the text calls "he", nor the other way round."""
    wanted = PRONOUN_GENDER.get(pronoun.lower_)
    known = context.genders.get(actor.key) if wanted and actor.type == "PERSON" else None
    return bool(known) and known != wanted


def _quote_speaker(context: FactContext, pronoun: Token) -> DocActor | None:
    """The speaker of the direct quote a first-person pronoun stands in: the
    subject of the speech verb, outside the quote, of the same sentence ("we"
    only for a speaking state or body, not a person speaking for one)."""
    doc, sent = pronoun.doc, pronoun.sent
    if not in_quote(doc_text(doc), sent.start_char, pronoun.idx):
        return None
    for verb in sent:
        if verb.lemma_.lower() not in SPEECH_VERBS or verb.pos_ != "VERB":
            continue
        if in_quote(doc_text(doc), sent.start_char, verb.idx):
            continue
        subject = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
        if subject is None or subject.lower_ in FIRST_PERSON:
            continue
        speaker = actor_of(context, subject)
        plural = pronoun.lower_ in {"we", "us", "our"}
        return None if speaker is None or (plural and speaker.type == "PERSON") else speaker
    return None


def _reporter(context: FactContext, pronoun: Token) -> DocActor | None:
    """The actor a subject pronoun stands for in "X said it would ...", "X announced he ..."."""
    if pronoun.dep_ not in SUBJECTS or pronoun.lower_ not in {"it", "he", "she", "they"}:
        return None
    clause = pronoun.head
    while clause.dep_ in {"xcomp", "conj"}:
        clause = clause.head
    if clause.dep_ != "ccomp":
        return None
    subject = next((c for c in clause.head.children if c.dep_ in SUBJECTS), None)
    return actor_of(context, subject) if subject is not None and subject.tag_ != "PRP" else None


def _actor_at(context: FactContext, token: Token) -> DocActor | None:
    return context.actor_at(token.idx, token.idx + len(token.text))


def _demonym_actor(context: FactContext, token: Token) -> DocActor | None:
    if token.ent_type_ not in {"NORP", "GPE"} and not _demonym_modifier(token):
        return None
    code = load_knowledge_base().country_of_demonym(token.text)
    if code is None:
        return None
    states = [a for a in context.actors if a.type == "GPE" and a.country == code]
    return states[0] if states else None


def _demonym_agent(context: FactContext, token: Token) -> DocActor | None:
    """A demonym on a nominal event aimed at someone, or told as the subject, stands
    for the state that acts: "Indian strikes on Pakistan", "a further Israeli withdrawal
    is unlikely" (not "allowed Turkish deployments in Libya")."""
    head = token.head
    event = head.pos_ == "NOUN" and head.lemma_.lower() in load_lexicon().nouns
    aimed = any(c.dep_ == "prep" and c.lower_ in {"on", "against"} for c in head.children)
    told = event and head.dep_ in {"nsubj", "nsubjpass"}
    return _demonym_actor(context, token) if token.dep_ == "amod" and (aimed or told) else None


def _demonym_modifier(token: Token) -> bool:
    """A capitalised modifier the tagger took for a name ("Moldovan police" read as a
    PERSON compound): still a demonym when it ends like one."""
    return (
        token.dep_ in {"compound", "amod"}
        and token.ent_type_ in {"", "PERSON"}
        and token.text[:1].isupper()
        and token.lower_.endswith(("an", "ese", "ish", "i", "ic"))
    )


def conjuncts(token: Token) -> list[Token]:
    """The token and every noun coordinated with it ("X, Y and Z")."""
    return sorted([token, *token.conjuncts, *appositive_conjuncts(token)], key=lambda t: t.i)


def actors_of(context: FactContext, token: Token | None) -> list[DocActor]:
    if token is None:
        return []
    found: list[DocActor] = []
    for part in conjuncts(token):
        actor = actor_of(context, part)
        named = _actor_at(context, part)
        unnamed = named is None or named.agent is not None  # "the ministers of A and B"
        members = _of_conjuncts(context, part) if unnamed else []
        if members and _exemplified(part) and actor not in members:
            actor = None  # "German firms including Siemens": the firms act, not Germany
        elif members and named is not None and not _exemplified(part):
            actor = _first_owner(context, part)  # "the foreign ministers of A and B": A, B
        if actor is not None and actor not in found:
            found.append(actor)
        if actor is not None or members:
            found.extend(a for a in members if a not in found)
    return found


def _first_owner(context: FactContext, noun: Token) -> DocActor | None:
    """The actor of the first "of" object ("the ministers of A and B": A)."""
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"):
        for obj in (o for o in prep.children if o.dep_ == "pobj"):
            return actor_of(context, obj)
    return None


def _exemplified(token: Token) -> bool:
    return any(c.dep_ == "prep" and _such_as(c) for c in token.children)


def _such_as(prep: Token) -> bool:
    """ "allies such as Germany", "firms including Siemens": members named by example."""
    return (prep.lower_ == "as" and any(c.lower_ == "such" for c in prep.children)) or (
        prep.lower_ == "including" and prep.dep_ == "prep"
    )


def _of_conjuncts(context: FactContext, token: Token) -> list[DocActor]:
    """The other owners in "the navies of China, India and Russia", the other
    members in "allies such as Germany and France"."""
    found: list[DocActor] = []
    for prep in token.children:
        if prep.dep_ == "prep" and (
            (prep.lower_ == "of" and not happening(token)) or _such_as(prep)
        ):
            objects = [o for o in prep.children if o.dep_ == "pobj"]
            for n, obj in enumerate(objects):  # "of A and B" parsed as two objects: B too
                first = n == 0 and prep.lower_ == "of"
                members = obj.conjuncts if first else (obj, *obj.conjuncts)
                for part in members:
                    actor = actor_of(context, part)
                    if actor is not None:
                        found.append(actor)
    return found


def verb_source(token: Token) -> Token | None:
    """The noun phrase standing for who does what the verb says."""
    for child in token.children:
        if child.dep_ in SUBJECTS and child.lower_ not in RELATIVE:
            return child
        if child.dep_ == "agent":
            return next((o for o in child.children if o.dep_ == "pobj"), None)
    if any(c.dep_ in {"nsubjpass", "auxpass"} for c in token.children):
        return _text_author(token)  # a passive without its "by" agent names nobody else
    if token.dep_ == "relcl":
        return token.head
    if hangs_on_object(token):  # "sent a letter requesting": the sender requests
        return verb_source(token.head.head)
    if token.dep_ == "acl" and token.tag_ == "VBG":
        return token.head
    if token.dep_ == "xcomp":
        controllers = {"dobj", "dative", "nsubjpass"}  # "urged X to", "X is expected to"
        controller = next((c for c in token.head.children if c.dep_ in controllers), None)
        if controller is None and token.head.dep_ == "acomp":  # "X was unlikely to"
            return verb_source(token.head.head)
        return controller or verb_source(token.head)
    if token.dep_ in {"conj", "advcl"} and token.head.pos_ in {"VERB", "AUX"}:
        return verb_source(token.head)
    if token.dep_ == "acl" and token.tag_ == "VB":  # "X announced plans to pull out"
        return _intender(token.head)
    if token.dep_ == "acl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
        return _owner(token.head)  # "Pakistan's claim to have shot down"
    if token.dep_ == "pcomp" and token.tag_ == "VBG":  # "X raised the possibility of arming Y"
        noun = token.head.head
        if noun.lemma_.lower() in PROSPECT_NOUNS and noun.head.pos_ in {"VERB", "AUX"}:
            return verb_source(noun.head) if noun.dep_ == "dobj" else None
    return None


INTENT_NOUNS = frozenset({"plan", "intention", "decision", "readiness", "bid", "effort", "move"})


def _text_author(verb: Token) -> Token | None:
    """The author of the text a passive act was done in: "was condemned in a joint
    statement by Egypt and Greece" (Egypt and Greece condemned)."""
    from watchfloor.facts.quotes.speech import load_lexicon as speech_lexicon  # no cycle

    texts = speech_lexicon().document_nouns  # the texts whose author speaks in them
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in {"in", "through"}):
        for text in (o for o in prep.children if o.dep_ == "pobj"):
            if text.lemma_.lower() not in texts:
                continue
            for by in (c for c in text.children if c.dep_ == "prep" and c.lower_ == "by"):
                return next((o for o in by.children if o.dep_ == "pobj"), None)
    return None


# Nouns whose owner does what their infinitive says ("X's claim to have shot down").
CONTROL_NOUNS = frozenset(
    {
        "claim", "attempt", "promise", "pledge", "threat", "offer", "vow", "commitment",
        "willingness", "refusal", "failure", "demand", "request", "call", "proposal", "order",
    }
)  # fmt: skip


def _owner(noun: Token) -> Token | None:
    """The possessor of a control noun: "Pakistan's claim to", "Trump's refusal to"."""
    if noun.lemma_.lower() not in CONTROL_NOUNS:
        return None
    return next((c for c in noun.children if c.dep_ == "poss"), None)


def _intender(noun: Token) -> Token | None:
    """Whose plan, decision or move a noun is: its possessor ("Germany's decision to"),
    or the subject of the verb it is the object of ("X announced plans to")."""
    if noun.lemma_.lower() not in INTENT_NOUNS:
        return None
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is not None:
        return owner
    if noun.dep_ == "dobj" and noun.head.pos_ in {"VERB", "AUX"}:
        return verb_source(noun.head)
    return None
