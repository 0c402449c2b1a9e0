"""Actor registry rows: what the store keeps and returns about actors."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from watchfloor.actors.kb import normalise
from watchfloor.actors.types import DocActor

SAME_PERSON_SCORE = 90.0  # rapidfuzz ratio of folded full names ("Zelensky"/"Zelenskyy")


@dataclass(frozen=True)
class ActorSummary:
    id: int
    key: str
    name: str
    type: str
    country: str | None
    articles: int
    mentions: int
    first_seen: str | None
    last_seen: str | None


@dataclass(frozen=True)
class ActorProfile:
    summary: ActorSummary
    wikidata: str | None
    aliases: list[str] = field(default_factory=list)
    roles: list[tuple[str, str, str, str | None]] = field(
        default_factory=list
    )  # role, org, country, date
    countries: list[str] = field(default_factory=list)
    agent: str | None = None  # CAMEO agent code of a generic actor


def registry_key(actor: DocActor, doc_id: str) -> str:
    """The key an actor is filed under across documents.

    Known actors keep their knowledge-base id. An unknown person named by one
    word only ("Smith said") is kept per document, so two people who share a
    surname are never merged; full names and organisations are global. A generic
    actor ("police") is one per agent and country, or per document with no country.
    """
    if actor.known:
        return actor.key
    if actor.agent:
        where = actor.country or f"@{doc_id}"
        return f"group:{actor.agent.lower()}:{actor.name.lower()}:{where}"
    if actor.type == "PERSON" and len(actor.name.split()) < 2:
        return f"{actor.key}@{doc_id}"
    return actor.key


def alias_key(name: str) -> str:
    return normalise(name)


def same_person(name: str, other: str) -> bool:
    """Spelling variants of one full name: same first word or initial, close overall."""
    return first_variant(name, [alias_key(other)]) is not None


def first_variant(name: str, keys: Sequence[str]) -> int | None:
    """The index of the first folded name (:func:`alias_key`) in ``keys`` that is the
    same person as ``name`` (same initial, rapidfuzz ratio at least SAME_PERSON_SCORE),
    scored in one rapidfuzz pass; None when there is none."""
    key = alias_key(name)
    initial = _initial(key)
    if not initial:
        return None
    close = process.extract_iter(key, keys, scorer=fuzz.ratio, score_cutoff=SAME_PERSON_SCORE)
    return next((n for _, _, n in close if _initial(keys[n]) == initial), None)


def _initial(key: str) -> str:
    """The first letter of a folded name's first word ('' for no word)."""
    words = key.split()
    return words[0][0] if words else ""


def name_lengths(length: int) -> tuple[int, int]:
    """The lengths a folded name can have and still be :func:`same_person` as one of
    ``length`` characters (both ends included, rounded outwards).

    rapidfuzz's ratio is ``1 - d / (m + n)`` for names of lengths m and n, where the
    edit distance d (insertions and deletions) is at least ``|m - n|``; a score s
    therefore needs ``n`` between ``m * s / (2 - s)`` and ``m * (2 - s) / s``.
    """
    score = SAME_PERSON_SCORE / 100
    return math.floor(length * score / (2 - score)), math.ceil(length * (2 - score) / score)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
