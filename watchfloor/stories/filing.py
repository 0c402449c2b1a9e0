"""Filing analysed articles into stories and their event facts into clusters.

:func:`file_article` runs right after an article's analysis is saved, in one
transaction: the article joins a story (see :mod:`.grouping`), each of its
event facts not yet in a cluster joins one or starts one (see :mod:`.merging`),
and the summaries of every story and cluster it touched are recomputed from
their members (see :mod:`.summary`). Filing an article again changes nothing;
re-analysing it replaces its facts, and their old clusters are recounted.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from watchfloor.facts.plover import quad_class
from watchfloor.store.base import Store
from watchfloor.store.sql_stories import SQLStories
from watchfloor.stories.dates import day_of, end_of_day, interval
from watchfloor.stories.grouping import (
    LEAD_CHARS,
    ArticleFeatures,
    StoryMember,
    choose_story,
    window_bounds,
)
from watchfloor.stories.merging import (
    DATE_WINDOW_DAYS,
    ClusterView,
    EventMention,
    choose_cluster,
    event_interval,
    search_bounds,
)
from watchfloor.stories.summary import Row, cluster_fields, modality, story_fields, when
from watchfloor.stories.text import stems

# At most this many stored articles are compared with a new one: the newest
# in its story window (a busy news day holds a few hundred).
NEIGHBOUR_LIMIT = 500

Progress = Callable[[int, int], None]


def backend(store: Store | SQLStories) -> SQLStories:
    """The store, as the keeper of stories; a clear error for one that keeps none."""
    if isinstance(store, SQLStories):
        return store
    raise TypeError(f"{type(store).__name__} keeps no stories")


def file_article(store: Store | SQLStories, article_id: int) -> None:
    """File an analysed article in its story and its event facts in event clusters."""
    db = backend(store)
    with db.stories_transaction():
        row = db.story_article(article_id, LEAD_CHARS)
        if row is None:
            return
        refiled = row["story_id"] is not None
        story_id = int(row["story_id"]) if refiled else _join_story(db, row)
        _file_events(db, article_id, story_id, refiled)


def rebuild(store: Store | SQLStories, on_progress: Progress | None = None) -> None:
    """Recompute every story and cluster from the stored articles and facts."""
    db = backend(store)
    with db.stories_transaction():
        db.clear_stories()
    file_pending(db, on_progress)
    with db.stories_transaction():
        db.refresh_query_tables()


def file_pending(store: Store | SQLStories, on_progress: Progress | None = None) -> int:
    """File every analysed article that is not filed yet; how many there were."""
    db = backend(store)
    ids = db.unfiled_article_ids()
    for done, article_id in enumerate(ids, start=1):
        file_article(db, article_id)
        if on_progress is not None:
            on_progress(done, len(ids))
    return len(ids)


# -- stories ------------------------------------------------------------------
def _join_story(db: SQLStories, row: Row) -> int:
    (features,) = _features(db, [row])
    bounds = window_bounds(features.day)
    neighbours = db.story_neighbours(*bounds, LEAD_CHARS, NEIGHBOUR_LIMIT) if bounds else []
    members = [
        StoryMember(int(n["story_id"]), f)
        for n, f in zip(neighbours, _features(db, neighbours), strict=True)
    ]
    choice = choose_story(features, members)
    story_id, similarity = choice if choice else (db.new_story(), 1.0)
    db.add_story_article(story_id, features.article_id, round(similarity, 3))
    db.update_story(story_id, story_fields(db.story_members(story_id)))
    return story_id


def _features(db: SQLStories, rows: list[Row]) -> list[ArticleFeatures]:
    actors: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for r in db.article_actor_counts([int(r["article_id"]) for r in rows]):
        actors[int(r["article_id"])].append((-int(r["mentions"]), int(r["actor_id"])))
    return [
        ArticleFeatures.build(
            int(r["article_id"]),
            day_of(when(r)),
            r["title"],
            r["lead"] or "",
            [actor for _, actor in sorted(actors[int(r["article_id"])])],
        )
        for r in rows
    ]


# -- events -------------------------------------------------------------------
def _file_events(db: SQLStories, article_id: int, story_id: int, refiled: bool) -> None:
    pending = [
        (row, mention)
        for row in db.article_events(article_id)
        if row["cluster_id"] is None and (mention := _mention(row)) is not None
    ]
    if not pending:
        return
    touched: set[int] = set()
    joined: list[int] = []  # facts merged into an existing event: their counts change
    if refiled:  # re-analysed: the clusters of its replaced facts must be recounted
        low = min(m.earliest for _, m in pending) - timedelta(days=DATE_WINDOW_DAYS)
        high = max(m.latest for _, m in pending) + timedelta(days=DATE_WINDOW_DAYS)
        touched.update(db.clusters_near(story_id, low.isoformat(), end_of_day(high.isoformat())))
    for row, mention in pending:
        candidates = db.cluster_candidates(mention.type, *search_bounds(mention))
        cluster_id = choose_cluster(mention, _views(candidates))
        if cluster_id is None:
            cluster_id = db.new_cluster(_new_cluster(row, story_id))
        else:
            joined.append(mention.fact_id)
        db.assign_cluster(mention.fact_id, cluster_id)
        touched.add(cluster_id)
    refresh_clusters(db, touched)
    db.refresh_fact_rollups(joined)


def refresh_clusters(db: SQLStories, cluster_ids: set[int]) -> None:
    """Recompute the summaries of these clusters; drop those left without members."""
    members: dict[int, list[Row]] = defaultdict(list)
    for row in db.cluster_members(sorted(cluster_ids)):
        members[int(row["cluster_id"])].append(row)
    for cluster_id in sorted(cluster_ids):
        if members[cluster_id]:
            db.update_cluster(cluster_id, cluster_fields(members[cluster_id]))
        else:
            db.delete_cluster(cluster_id)


def _mention(row: Row) -> EventMention | None:
    span = interval(row["date"])
    if span is None:
        published = day_of(when(row))
        if published is None:
            return None
        span = event_interval(None, published)
    earliest, latest = span
    return EventMention(
        fact_id=int(row["fact_id"]),
        article_id=int(row["article_id"]),
        type=str(row["type"]).upper(),
        modality=modality(row),
        source=row["source_id"],
        target=row["target_id"],
        earliest=earliest,
        latest=latest,
        words=stems(row["evidence"]),
    )


def _views(rows: list[Row]) -> list[ClusterView]:
    grouped: dict[int, list[Row]] = defaultdict(list)
    for row in rows:
        grouped[int(row["cluster_id"])].append(row)
    views = []
    for cluster_id, members in grouped.items():
        span = interval(members[0]["first_date"])
        if span is None:
            continue
        views.append(
            ClusterView(
                cluster_id=cluster_id,
                type=str(members[0]["type"]).upper(),
                modality=modality(members[0]),
                source=members[0]["source_id"],
                target=members[0]["target_id"],
                first_date=span[0],
                words=tuple(stems(m["evidence"]) for m in members),
                articles=frozenset(int(m["article_id"]) for m in members),
            )
        )
    return views


def _new_cluster(row: Row, story_id: int) -> dict[str, Any]:
    """A one-mention cluster; :func:`refresh_clusters` fills in the rest."""
    day = str(row["date"] or when(row)[:10])
    return {
        "type": str(row["type"]).upper(),
        "quad": quad_class(row["type"]),
        "source_actor_id": row["source_id"],
        "target_actor_id": row["target_id"],
        "first_date": day,
        "last_date": day,
        "evidence": row["evidence"],
        "fact_id": row["fact_id"],
        "story_id": story_id,
    }
