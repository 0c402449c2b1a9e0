"""Queries about articles: full-text search and one article with its facts."""

from __future__ import annotations

from watchfloor.query import rows
from watchfloor.query.pagination import Page, PageRequest, clean, page_of
from watchfloor.query.results import ArticleDetail, ArticleSummary, Fact
from watchfloor.store.sql_queries import FactQuery, QueryStore

MAX_FACTS = 10_000  # facts listed with one article


def search_articles(
    store: QueryStore,
    search: str | None = None,
    since: str | None = None,
    page: PageRequest | None = None,
) -> Page[ArticleSummary]:
    """Articles matching the words (best first among the 1,000 most recently stored
    matches: ``RANKED_MATCHES`` in watchfloor.store.search), or all articles (newest first).

    ``total`` is given for plain listings; a search page says only whether
    another page follows.
    """
    request = page or PageRequest()
    text, day = clean(search), clean(since)
    found = store.list_articles(
        search=text, since=day, limit=request.per_page + 1, offset=request.offset
    )
    total = None if text else store.count_articles(day)
    return page_of(found, request, total)


def article_detail(store: QueryStore, doc_id: str) -> ArticleDetail | None:
    """The article stored under ``doc_id`` (or its number), with every fact read in it."""
    key = clean(doc_id)
    stored = store.get_article(key) if key else None
    if stored is None:
        return None
    facts: dict[str, list[Fact]] = {}
    for row in store.select_facts(FactQuery(article_id=stored.id), MAX_FACTS):
        facts.setdefault(row["section"], []).append(rows.fact(row))
    for found in facts.values():
        found.sort(key=lambda f: (f.evidence_start or 0, f.id))
    a = stored.article
    return ArticleDetail(
        id=stored.id,
        doc_id=a.doc_id,
        url=a.url,
        title=a.title,
        published=a.published,
        source=a.source,
        author=a.author,
        word_count=a.word_count,
        urls=stored.urls,
        text=a.text,
        facts=facts,
    )
