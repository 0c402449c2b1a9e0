"""Article -> analysed article: the NLP stage, actors, and (later) facts, as one call.

``Analyser.analyse_many`` batches articles through spaCy and hands each
annotated document to the actor resolver; ``facts_json`` writes the result in
the facts JSON shape of the project's format (doc_id, title, text, actors,
events, quotes, claims, forecasts, watch_items).
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from watchfloor.actors.resolve import ActorResolver
from watchfloor.actors.taking_part import keep_actors_taking_part
from watchfloor.actors.types import DocActor, local_ids
from watchfloor.facts import FactContext, find_facts
from watchfloor.languages import is_analysed
from watchfloor.models import Article
from watchfloor.nlp import AnnotatedDoc, Annotator, load_annotator

FACT_SECTIONS = ("events", "quotes", "claims", "forecasts", "watch_items")

log = logging.getLogger(__name__)


@dataclass
class AnalysedArticle:
    article: Article
    doc: AnnotatedDoc
    actors: list[DocActor]
    facts: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def actor_ids(self) -> dict[str, str]:
        """Document-level ids (a1, a2, ...) by actor key, in order of first mention."""
        return local_ids(self.actors)


class Analyser:
    """The stages after extraction, with their models loaded once."""

    def __init__(self, annotator: Annotator, with_facts: bool = True) -> None:
        self.annotator = annotator
        self.resolver = ActorResolver(annotator.nlp)
        self.with_facts = with_facts

    def analyse_many(self, articles: Iterable[Article]) -> Iterator[AnalysedArticle]:
        """Each article analysed, in order; one in a language the NLP stage does not
        read (:mod:`watchfloor.languages`) comes back with no actors and no facts."""
        pending = list(articles) if not isinstance(articles, list) else articles
        read = [a for a in pending if is_analysed(a.language)]
        docs = iter(self.annotator.annotate_many(read))
        for article in pending:
            if not is_analysed(article.language):
                unread = AnnotatedDoc(article.doc_id, article.text, [], [])
                yield AnalysedArticle(article, unread, [])
                continue
            doc = next(docs)
            actors = self.resolver.resolve(doc, article_when(article.published), article.title)
            analysed = AnalysedArticle(article, doc, actors)
            if self.with_facts:
                context = FactContext(article, doc, actors, analysed.actor_ids())
                analysed.facts = find_facts(context)
                analysed.actors = keep_actors_taking_part(actors, analysed.facts, article.text)
            yield analysed

    def analyse(self, article: Article) -> AnalysedArticle:
        return next(self.analyse_many([article]))


@lru_cache(maxsize=1)
def load_analyser() -> Analyser:
    return Analyser(load_annotator())


@dataclass
class ArticleAnalysis:
    """What the store files of one article's analysis: plain data, picklable (no spaCy)."""

    actors: list[DocActor]
    facts: dict[str, list[dict[str, Any]]]
    error: str | None = None  # the traceback, when the analyser broke on this article


def analyse_safely(analyser: Analyser, articles: list[Article]) -> list[ArticleAnalysis]:
    """Actors and facts of each article; one that breaks the analyser gets none, and its error."""
    try:
        return [ArticleAnalysis(a.actors, a.facts) for a in analyser.analyse_many(articles)]
    except Exception as exc:
        log.info("batch analysis failed (%r); retrying one article at a time", exc)
    return [_analyse_one(analyser, article) for article in articles]


def _analyse_one(analyser: Analyser, article: Article) -> ArticleAnalysis:
    try:
        analysed = analyser.analyse(article)
    except Exception:
        return ArticleAnalysis([], {}, error=traceback.format_exc())
    return ArticleAnalysis(analysed.actors, analysed.facts)


# -- worker processes (``ingest --workers N``): each loads the analyser once -------------
def start_worker() -> None:
    """Process-pool initializer: load the models before the first batch arrives."""
    load_analyser()


def analyse_in_worker(articles: list[Article]) -> list[ArticleAnalysis]:
    """One batch, in a worker process; the results travel back to the writing process."""
    return analyse_safely(load_analyser(), articles)


def article_when(published: str | None) -> date | int | None:
    """The article's day ('2019-05-01...'), else its year, else None: offices are
    resolved to the people holding them then."""
    if not published or not published[:4].isdigit():
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return int(published[:4])


def facts_json(analysed: AnalysedArticle) -> dict[str, Any]:
    """The facts JSON object of one analysed article."""
    article = analysed.article
    ids = analysed.actor_ids()
    out: dict[str, Any] = {
        "doc_id": article.doc_id,
        "title": article.title,
        "published": article.published,
        "source": article.source,
        "url": article.url,
        "text": article.text,
        "actors": [actor_json(actor, ids[actor.key]) for actor in analysed.actors],
    }
    for section in FACT_SECTIONS:
        out[section] = analysed.facts.get(section, [])
    return out


def actor_json(actor: DocActor, local_id: str) -> dict[str, Any]:
    """One actor as facts JSON."""
    aliases = [form for form in actor.surface_forms if form != actor.name]
    return {
        "id": local_id,
        "key": actor.key,
        "name": actor.name,
        "aliases": aliases,
        "type": actor.type,
        "country": actor.country,
        "role": actor.role,
        "organisation": actor.organisation,
        "wikidata": actor.wikidata,
        "agent": actor.agent,
        "mentions": [{"start": m.start, "end": m.end, "text": m.text} for m in actor.mentions],
    }
