"""k-fold cross-validation of the event coder over marked articles.

Every article is coded by a model fitted on the other folds (its learned
trigger words included), and the predictions are scored together by the
scorer's rules, so the figure says how the coder does on articles it never saw.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from watchfloor.analysis import actor_json
from watchfloor.evaluation.scoring import Score, score
from watchfloor.facts.events.coder import decode, to_fact
from watchfloor.facts.events.model import EventModel
from watchfloor.facts.events.tuples import readings
from watchfloor.training.events import DocExample, fit, folds, sentence_candidates_of

Json = dict[str, Any]


@dataclass
class FoldRun:
    score: Score
    predictions: dict[str, Json]


def predict(doc: DocExample, model: EventModel) -> Json:
    """The facts JSON (actors and events) of one prepared article under ``model``."""
    events: list[Json] = []
    for s in doc.sentences:
        scored = readings(sentence_candidates_of(s, model.learned), model)
        events.extend(to_fact(doc.context, s.sentence, r, p) for p, r in decode(scored))
    ids = doc.context.ids
    return {
        "doc_id": doc.marked.doc_id,
        "actors": [actor_json(a, ids[a.key]) for a in doc.context.actors],
        "events": events,
    }


def cross_validate(
    docs: list[DocExample], k: int = 5, fitter: Callable[[list[DocExample]], EventModel] = fit
) -> FoldRun:
    predictions: dict[str, Json] = {}
    parts = folds(docs, k)
    for n, held_out in enumerate(parts):
        training = [d for m, part in enumerate(parts) if m != n for d in part]
        model = fitter(training)
        for doc in held_out:
            predictions[doc.marked.doc_id] = predict(doc, model)
    return FoldRun(score([d.marked.gold for d in docs], predictions), predictions)
