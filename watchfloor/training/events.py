"""Fitting the event coder on marked articles, and scoring it on held-out folds.

Labels come from the gold files by the scorer's own rules: a sentence holds a
gold event when it covers the event's evidence; a candidate trigger of type T
is right when such an event lists T; an argument is the right source (target)
when its actor's names meet the event's source (target) list, and "nobody" is
right only where the gold names nobody. Events marked optional teach nothing.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from watchfloor.actors.types import DocActor
from watchfloor.evaluation.scoring import as_list, covers, name_key
from watchfloor.facts.context import FactContext
from watchfloor.facts.events.candidates import Argument, TriggerCandidate, sentence_candidates
from watchfloor.facts.events.coder import rule_events
from watchfloor.facts.events.features import argument_key, role_features, type_features
from watchfloor.facts.events.lexicons import EventLexicons, base_lexicons
from watchfloor.facts.events.model import EventModel, LinearModel, Thresholds
from watchfloor.facts.events.tuples import candidate_types
from watchfloor.nlp.types import Sentence
from watchfloor.training.corpus import MarkedArticle

Json = dict[str, Any]
LEARN_MIN_COUNT = 3  # a learned trigger: seen in this many marked events of its type
LEARN_MIN_SHARE = 0.3  # ... and this share of its sentences hold such an event
LEXICAL_POS = frozenset({"VERB", "NOUN"})


@dataclass
class SentenceExample:
    sentence: Sentence
    gold: list[Json]  # required gold events stated by this sentence
    optional: list[Json]
    candidates: list[TriggerCandidate]
    lemmas: list[str]  # verbs and nouns, for learning trigger words


@dataclass
class DocExample:
    marked: MarkedArticle
    context: FactContext
    sentences: list[SentenceExample] = field(default_factory=list)


def context_of(marked: MarkedArticle) -> FactContext:
    a = marked.analysed
    return FactContext(a.article, a.doc, a.actors, a.actor_ids())


def prepare(marked: list[MarkedArticle], lexicons: EventLexicons | None) -> list[DocExample]:
    """Gold, lemmas and candidates of every sentence (no candidates without ``lexicons``,
    whose ``learned`` should be the widest any fold may use: :func:`restrict` narrows it)."""
    out: list[DocExample] = []
    for m in marked:
        context = context_of(m)
        example = DocExample(m, context)
        table = context.doc.token_table
        rules = rule_events(context) if lexicons is not None else {}
        for sentence in context.doc.sentences:
            gold = [g for g in m.gold.get("events", []) if _states(sentence, g)]
            optional = [g for g in m.gold.get("optional_events", []) if _states(sentence, g)]
            lemmas = [
                table.lemma_lower[i]
                for i in range(sentence.token_start, sentence.token_end)
                if table.pos[i] in LEXICAL_POS and not table.ent_type[i]
            ]
            candidates = sentence_candidates(context, sentence, lexicons, rules) if lexicons else []
            example.sentences.append(SentenceExample(sentence, gold, optional, candidates, lemmas))
        out.append(example)
    return out


def _states(sentence: Sentence, gold: Json) -> bool:
    return covers(sentence.text, as_list(gold.get("evidence")))


def learn_triggers(
    docs: Iterable[DocExample], min_share: float = LEARN_MIN_SHARE
) -> dict[str, tuple[str, ...]]:
    """Lemmas that, in the marked articles, mostly sit in sentences holding an event of a type."""
    with_type: Counter[tuple[str, str]] = Counter()
    seen: Counter[str] = Counter()
    for doc in docs:
        for s in doc.sentences:
            types = {t for g in s.gold for t in as_list(g.get("type"))}
            for lemma in set(s.lemmas):
                seen[lemma] += 1
                for t in types:
                    with_type[lemma, t] += 1
    learned: dict[str, set[str]] = defaultdict(set)
    for (lemma, t), n in with_type.items():
        if n >= LEARN_MIN_COUNT and n / seen[lemma] >= min_share:
            learned[lemma].add(t)
    return {lemma: tuple(sorted(ts)) for lemma, ts in sorted(learned.items())}


def restrict(
    candidate: TriggerCandidate, learned: dict[str, tuple[str, ...]]
) -> TriggerCandidate | None:
    """The candidate as a lexicon with only ``learned`` for learned triggers would give it."""
    lemma = candidate.token.lemma_.lower()
    allowed = set(learned.get(lemma, ()))
    typed: dict[str, list[str]] = {}
    for t, evidence in candidate.typed.items():
        kept = [e for e in evidence if e != "learned" or t in allowed]
        if kept:
            typed[t] = kept
    if not typed:
        return None
    return TriggerCandidate(
        candidate.token,
        tuple(typed),
        candidate.base,
        typed,
        candidate.arguments,
        candidate.rule_facts,
    )


def _actor_keys(actor: DocActor) -> set[str]:
    names = [actor.name, *actor.surface_forms]
    if actor.country:
        names.append(actor.country)
    return {name_key(n) for n in names if n}


def argument_right(argument: Argument, gold_names: Any) -> bool:
    names = as_list(gold_names)
    if argument.actor is None:
        return not names
    return bool(names) and bool(_actor_keys(argument.actor) & {name_key(n) for n in names})


def sentence_candidates_of(
    s: SentenceExample, learned: dict[str, tuple[str, ...]]
) -> list[TriggerCandidate]:
    """The sentence's candidates as a fold that learned ``learned`` would see them."""
    return [c for c in (restrict(raw, learned) for raw in s.candidates) if c is not None]


@dataclass
class Rows:
    """Training rows (features, label) of the three models."""

    types: list[tuple[list[str], int]] = field(default_factory=list)
    sources: list[tuple[list[str], int]] = field(default_factory=list)
    targets: list[tuple[list[str], int]] = field(default_factory=list)


def examples(docs: Iterable[DocExample], learned: dict[str, tuple[str, ...]]) -> Rows:
    """Every (sentence, type) a candidate allows, labelled by whether a marked event of the
    sentence lists the type; for the marked types, every actor (and nobody) as source and
    as target, labelled by the marked names. A type only optional events list teaches
    nothing."""
    rows = Rows()
    for doc in docs:
        for s in doc.sentences:
            candidates = sentence_candidates_of(s, learned)
            marked = {t for g in s.gold for t in as_list(g.get("type"))}
            optional = {t for g in s.optional for t in as_list(g.get("type"))} - marked
            for type_ in candidate_types(candidates):
                if type_ in optional:
                    continue
                rows.types.append((type_features(candidates, type_), int(type_ in marked)))
                if type_ in marked:
                    _role_rows(rows, candidates, type_, s.gold)
    return rows


def _role_rows(
    rows: Rows, candidates: list[TriggerCandidate], type_: str, gold: list[Json]
) -> None:
    typed = [c for c in candidates if type_ in c.types]
    events = [g for g in gold if type_ in as_list(g.get("type"))]
    for argument in typed[0].arguments:
        key = argument_key(argument)
        right_source = any(argument_right(argument, g.get("source")) for g in events)
        right_target = any(argument_right(argument, g.get("target")) for g in events)
        rows.sources.append((role_features("S", typed, type_, key), int(right_source)))
        rows.targets.append((role_features("O", typed, type_, key), int(right_target)))


def fit_linear(rows: list[tuple[list[str], int]], c: float = 0.5) -> LinearModel:
    """L2 logistic regression (scikit-learn, at build time only) as a weight table."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([dict.fromkeys(f, 1) for f, _ in rows])
    y = [label for _, label in rows]
    if len(set(y)) < 2:
        return LinearModel({}, 0.0 if not y else (5.0 if y[0] else -5.0))
    fitted = LogisticRegression(C=c, max_iter=2000, solver="liblinear").fit(x, y)
    names = vectorizer.get_feature_names_out()
    weights = {
        str(n): float(w) for n, w in zip(names, fitted.coef_[0], strict=True) if abs(w) > 1e-4
    }
    return LinearModel(weights, float(fitted.intercept_[0]))


def fit(docs: list[DocExample], thresholds: Thresholds | None = None, c: float = 0.5) -> EventModel:
    learned = learn_triggers(docs)
    rows = examples(docs, learned)
    return EventModel(
        fit_linear(rows.types, c),
        fit_linear(rows.sources, c),
        fit_linear(rows.targets, c),
        learned,
        thresholds or Thresholds(),
    )


def folds(docs: list[DocExample], k: int, seed: int = 13) -> list[list[DocExample]]:
    order = sorted(docs, key=lambda d: d.marked.doc_id)
    random.Random(seed).shuffle(order)
    return [order[n::k] for n in range(k)]


def widest_lexicons(marked: list[MarkedArticle]) -> EventLexicons:
    """Base lexicons plus every trigger any fold could learn (all articles' counts, at a
    third of the share a fold asks for)."""
    loose = learn_triggers(prepare(marked, None), min_share=LEARN_MIN_SHARE / 3)
    return base_lexicons().with_learned(loose)
