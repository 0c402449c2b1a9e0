"""Which story an article joins: pure functions over article features.

Two articles belong to the same story when they were published close together
and say much the same thing: their headlines and leads share content words,
and they are about the same actors. A new article joins the story of the
stored article it resembles most, provided that resemblance reaches the
thresholds below; otherwise it starts a story of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from watchfloor.stories.dates import end_of_day
from watchfloor.stories.text import dice, overlap, stems

# A story stays open this many days after its latest article: news stories
# (a crisis, a summit, an election count) are reported over days, rarely over
# weeks without a pause.
STORY_WINDOW_DAYS = 7
# The lead: the headline and about the first paragraph of the body, where a
# news article says what it is about.
LEAD_CHARS = 600
# The actors that characterise an article: its most mentioned ones.
TOP_ACTORS = 6
# Weights of the two signals in an article pair's score.
TEXT_WEIGHT = 0.6
ACTOR_WEIGHT = 0.4
# An article joins a story when it shares an actor with one of its articles and
# the weighted score reaches JOIN_SCORE; two reports of one event by different
# outlets score about 0.45 to 0.7, unrelated articles about the same actors
# (two Trump stories a week apart) 0.2 to 0.35.
JOIN_SCORE = 0.42
# ... or, without any shared actor, when lead texts alone are this similar
# (the actor stage found nobody, yet the articles tell the same thing).
TEXT_ALONE = 0.5


@dataclass(frozen=True)
class ArticleFeatures:
    """What grouping knows of one article."""

    article_id: int
    day: date | None
    words: frozenset[str]  # stems of headline + lead
    actors: frozenset[int]  # registry ids of its most mentioned actors

    @classmethod
    def build(
        cls, article_id: int, day: date | None, title: str | None, lead: str, actors: list[int]
    ) -> ArticleFeatures:
        text = f"{title or ''} {lead[:LEAD_CHARS]}"
        return cls(article_id, day, stems(text), frozenset(actors[:TOP_ACTORS]))


@dataclass(frozen=True)
class StoryMember:
    """A stored article and the story it belongs to."""

    story_id: int
    features: ArticleFeatures


def pair_score(a: ArticleFeatures, b: ArticleFeatures) -> float:
    """How much two articles look like reports of the same story (0 to 1)."""
    text = dice(a.words, b.words)
    if not a.actors & b.actors:
        return text if text >= TEXT_ALONE else 0.0
    return TEXT_WEIGHT * text + ACTOR_WEIGHT * overlap(a.actors, b.actors)


def within_window(a: date | None, b: date | None) -> bool:
    """Published close enough together to be one story (unknown dates never are)."""
    if a is None or b is None:
        return False
    return abs((a - b).days) <= STORY_WINDOW_DAYS


def choose_story(article: ArticleFeatures, members: list[StoryMember]) -> tuple[int, float] | None:
    """The story the article joins and its score, or None for a story of its own."""
    best: tuple[int, float] | None = None
    for member in members:
        other = member.features
        if other.article_id == article.article_id or not within_window(article.day, other.day):
            continue
        score = pair_score(article, other)
        if score >= JOIN_SCORE and (best is None or score > best[1]):
            best = (member.story_id, score)
    return best


def window_bounds(day: date | None) -> tuple[str, str] | None:
    """ISO bounds (inclusive, as text) of the days whose articles may share a story."""
    if day is None:
        return None
    span = timedelta(days=STORY_WINDOW_DAYS)
    return (day - span).isoformat(), end_of_day((day + span).isoformat())
