"""Whether an event fact joins an existing event cluster: pure functions.

One real-world event reported by several articles (or twice in one) becomes
one cluster. A fact joins a cluster when all of these hold:

* the same PLOVER type and the same modality (an attack that happened never
  merges with one that was threatened or denied);
* compatible actors: for source and for target, the same registry actor, or
  one side unknown; a known actor on both sides that differs rules it out;
* close dates: the fact's date (the event date the text gives, else its
  article's publication date, when the event happened up to
  :data:`REPORT_LAG_DAYS` earlier) lies within :data:`DATE_WINDOW_DAYS` of the
  cluster's first date, so that a daily run of similar events never chains
  into one cluster;
* similar evidence: the fact's evidence sentence resembles one of the
  cluster's, the more so the less the actors vouch for the match; within one
  article, one shared actor vouches as much as two (an article retelling its
  own lead: "Turkey began a military offensive into Syria on Wednesday" and
  "On Wednesday, Turkey began a military offensive with airstrikes").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from watchfloor.stories.text import dice

# Two reports of one event give dates at most this far apart: "on Monday" read
# by a wire on Monday night and by a weekly on Wednesday.
DATE_WINDOW_DAYS = 2
# An undated fact happened on its article's publication day or up to this many
# days before (news reports what happened recently).
REPORT_LAG_DAYS = 2
# Evidence similarity (Dice over content-word stems) a fact needs, by how many
# roles (source, target) name the same known actor on both sides. Two reports
# of one event with both actors resolved share little more than the actors'
# names and the verb ("European Union imposed sanctions on Russia": 0.2 to
# 0.5); with one actor unknown, the sentences must share more than the names
# (about 0.5 for two wordings of one event, 0.35 for unrelated sentences about
# the same places); with none, they must tell much the same thing.
EVIDENCE_NEEDED = {2: 0.15, 1: 0.4, 0: 0.6}


@dataclass(frozen=True)
class EventMention:
    """One event fact, as merging sees it."""

    fact_id: int
    article_id: int
    type: str
    modality: str
    source: int | None  # registry actor ids
    target: int | None
    earliest: date  # the interval the event happened in
    latest: date
    words: frozenset[str]  # evidence stems


@dataclass(frozen=True)
class ClusterView:
    """A stored cluster, as merging sees it."""

    cluster_id: int
    type: str
    modality: str
    source: int | None
    target: int | None
    first_date: date
    words: tuple[frozenset[str], ...]  # evidence stems of each member
    articles: frozenset[int] = frozenset()  # the articles of its members


def event_interval(event_date: date | None, published: date) -> tuple[date, date]:
    """When the event happened: its own date, or the days before its report."""
    if event_date is not None:
        return event_date, event_date
    return published - timedelta(days=REPORT_LAG_DAYS), published


def shared_actors(mention: EventMention, cluster: ClusterView) -> int | None:
    """How many roles name the same actor on both sides; None when one conflicts."""
    same = 0
    for ours, theirs in ((mention.source, cluster.source), (mention.target, cluster.target)):
        if ours is None or theirs is None:
            continue
        if ours != theirs:
            return None
        same += 1
    return same


def close_in_time(mention: EventMention, cluster: ClusterView) -> bool:
    window = timedelta(days=DATE_WINDOW_DAYS)
    return mention.earliest - window <= cluster.first_date <= mention.latest + window


def match_score(mention: EventMention, cluster: ClusterView) -> tuple[int, float] | None:
    """(shared actors, evidence similarity) when the fact may join the cluster, else None."""
    if (mention.type, mention.modality) != (cluster.type, cluster.modality):
        return None
    same = shared_actors(mention, cluster)
    if same is None or not close_in_time(mention, cluster):
        return None
    similarity = max((dice(mention.words, words) for words in cluster.words), default=0.0)
    vouched = 2 if same and mention.article_id in cluster.articles else same
    return (same, similarity) if similarity >= EVIDENCE_NEEDED[vouched] else None


def choose_cluster(mention: EventMention, clusters: list[ClusterView]) -> int | None:
    """The cluster the fact joins, or None: most shared actors, then most similar, then oldest."""
    scored = [
        (score, -cluster.cluster_id)
        for cluster in clusters
        if (score := match_score(mention, cluster)) is not None
    ]
    return -max(scored)[1] if scored else None


def search_bounds(mention: EventMention) -> tuple[str, str]:
    """ISO bounds on a cluster's first date for it to be a candidate."""
    window = timedelta(days=DATE_WINDOW_DAYS)
    return (mention.earliest - window).isoformat(), (mention.latest + window).isoformat()
