"""What pages show besides the query service's results: an article's story, and
the ledger's score of forecasts once a forecast ledger is there to give one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from watchfloor.store.sql_stories import SQLStories

STORY_ARTICLES = 20


@dataclass(frozen=True)
class StoryView:
    id: int
    articles: list[dict[str, Any]]  # doc_id, title, source, published, url


def story_of(store: object, article_id: int) -> StoryView | None:
    """The story the article was filed in, with its articles (earliest first)."""
    if not isinstance(store, SQLStories):
        return None
    row = store.story_article(article_id, 0)
    if row is None or row.get("story_id") is None:
        return None
    members = store.story_members(int(row["story_id"]))[:STORY_ARTICLES]
    return StoryView(int(row["story_id"]), members)


def forecast_scores(store: object, fact_ids: list[int]) -> dict[int, str]:
    """The ledger's word on each forecast (fact id -> text); none until a ledger exists."""
    return {}
