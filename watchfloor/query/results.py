"""What the query service returns: typed rows, each tied to its evidence and article."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from watchfloor.facts.plover import QUAD_CLASSES, quad_class
from watchfloor.query.pagination import Page
from watchfloor.store.actors import ActorSummary
from watchfloor.store.base import ArticleSummary

__all__ = [
    "ActorInfo",
    "ActorProfileResult",
    "ActorRef",
    "ActorSummary",
    "ArticleDetail",
    "ArticleRef",
    "ArticleSummary",
    "DyadResult",
    "Event",
    "Fact",
    "Mention",
    "Partner",
    "QuadCounts",
    "RoleItem",
    "TimelinePoint",
]


@dataclass(frozen=True)
class ArticleRef:
    """The article a fact was read in."""

    doc_id: str
    url: str | None
    title: str | None
    published: str | None
    source: str | None  # the publisher


@dataclass(frozen=True)
class ActorRef:
    key: str
    name: str
    type: str
    country: str | None


@dataclass(frozen=True)
class Fact:
    """A stored fact (quote, claim, forecast, watch item or event mention) and its evidence."""

    id: int
    section: str
    kind: str | None
    date: str | None
    source: ActorRef | None
    target: ActorRef | None
    evidence: str
    evidence_start: int | None
    evidence_end: int | None
    article: ArticleRef
    data: dict[str, Any]


@dataclass(frozen=True)
class Mention:
    """One report of an event: the sentence and the article that state it."""

    fact_id: int
    date: str | None
    modality: str | None
    evidence: str
    evidence_start: int | None
    evidence_end: int | None
    article: ArticleRef


@dataclass(frozen=True)
class Event:
    """A real-world event: a merged cluster of mentions, or a single mention not yet merged.

    ``evidence`` and ``article`` are those of its first mention.
    """

    id: str
    type: str | None
    quad: str | None
    mode: str | None
    modality: str | None
    source: ActorRef | None
    target: ActorRef | None
    date: str | None
    first_date: str | None
    last_date: str | None
    evidence: str
    article: ArticleRef
    mention_count: int
    article_count: int
    source_count: int
    mentions: list[Mention]
    data: dict[str, Any]


@dataclass(frozen=True)
class QuadCounts:
    """Events by PLOVER quad class, and the balance of cooperation against conflict."""

    verbal_cooperation: int = 0
    material_cooperation: int = 0
    verbal_conflict: int = 0
    material_conflict: int = 0
    unclassified: int = 0
    cooperation: int = 0
    conflict: int = 0
    total: int = 0
    balance: float = 0.0  # (cooperation - conflict) / (cooperation + conflict), in [-1, 1]

    @classmethod
    def of(cls, by_type: Counter[str]) -> QuadCounts:
        """Counts from events per PLOVER type."""
        quads: Counter[str] = Counter()
        for type_, n in by_type.items():
            quads[quad_class(type_) or "unclassified"] += n
        return cls.of_quads({_field(q): quads[q] for q in (*QUAD_CLASSES, "unclassified")})

    @classmethod
    def added(cls, parts: list[QuadCounts]) -> QuadCounts:
        """The sum of several counts."""
        names = [_field(q) for q in (*QUAD_CLASSES, "unclassified")]
        return cls.of_quads({n: sum(getattr(p, n) for p in parts) for n in names})

    @classmethod
    def of_quads(cls, values: dict[str, int]) -> QuadCounts:
        """Counts from events per quad class (keys as the field names)."""
        coop = values["verbal_cooperation"] + values["material_cooperation"]
        conflict = values["verbal_conflict"] + values["material_conflict"]
        balance = round((coop - conflict) / (coop + conflict), 3) if coop + conflict else 0.0
        total = sum(values.values())
        return cls(**values, cooperation=coop, conflict=conflict, total=total, balance=balance)


def _field(quad: str) -> str:
    return quad.replace(" ", "_")


@dataclass(frozen=True)
class TimelinePoint:
    period: str | None  # YYYY-MM; None for events with no date at all
    events: int
    quads: QuadCounts


@dataclass(frozen=True)
class Partner:
    """A counterpart of an actor in events, with the quad-class balance between them."""

    actor: ActorRef
    events: int
    as_source: int  # events in which the profiled actor acted on this partner
    as_target: int  # events in which this partner acted on the profiled actor
    types: dict[str, int]
    quads: QuadCounts


@dataclass(frozen=True)
class RoleItem:
    role: str
    organisation: str
    country: str
    last_seen: str | None


@dataclass(frozen=True)
class ActorInfo:
    key: str
    name: str
    type: str
    country: str | None
    wikidata: str | None
    articles: int
    mentions: int
    first_seen: str | None
    last_seen: str | None
    aliases: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    roles: list[RoleItem] = field(default_factory=list)
    agent: str | None = None  # CAMEO agent code of a generic actor ("COP": police)


@dataclass(frozen=True)
class ActorProfileResult:
    """An actor's profile: events over time, partners, quotes by and about it, claims."""

    actor: ActorInfo
    balance: QuadCounts
    timeline: list[TimelinePoint]
    partners: list[Partner]
    events: Page[Event]
    quotes_by: Page[Fact]
    quotes_about: Page[Fact]
    claims: Page[Fact]
    forecasts: Page[Fact]


@dataclass(frozen=True)
class DyadResult:
    """Everything between two actors over time."""

    a: ActorRef
    b: ActorRef
    a_to_b: QuadCounts
    b_to_a: QuadCounts
    timeline: list[TimelinePoint]
    events: Page[Event]
    quotes: list[Fact]  # what each said where the other is named
    claims: list[Fact]


@dataclass(frozen=True)
class ArticleDetail:
    """One article with every fact read in it."""

    id: int
    doc_id: str
    url: str | None
    title: str | None
    published: str | None
    source: str | None
    author: str | None
    word_count: int
    urls: list[str]
    text: str
    facts: dict[str, list[Fact]]
