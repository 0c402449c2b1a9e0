"""Facts in the store, in portable SQL: every fact with its evidence and article."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from watchfloor.store.sql_base import SQLBase, clamp_limit, like_escape
from watchfloor.store.sql_places import fill_event_places, place_columns

SECTIONS = ("events", "quotes", "claims", "forecasts", "watch_items")
# Which field of a fact names its source actor and its target actor, per section.
_ROLES: dict[str, tuple[str | None, str | None]] = {
    "events": ("source", "target"),
    "quotes": ("speaker", None),
    "claims": ("source", None),
    "forecasts": ("source", None),
    "watch_items": (None, None),
}
_KIND: dict[str, str] = {
    "events": "type",
    "quotes": "kind",
    "claims": "unit",
    "forecasts": "phrase",
    "watch_items": "due",
}
_DATE: dict[str, str] = {"events": "date", "forecasts": "horizon_end", "watch_items": "due"}
# Re-filing a fact replaces it in place (and takes it out of its event cluster).
_UPSERT = """INSERT INTO facts (article_id, section, ordinal, kind, source_actor_id,
    target_actor_id, date, evidence, evidence_start, evidence_end, data, effective_date,
    location_country, location_lat, location_lon, place_id)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, coalesce(?, ?, ''), ?, ?, ?, ?)
    ON CONFLICT (article_id, section, ordinal) DO UPDATE SET kind = excluded.kind,
    location_country = excluded.location_country, location_lat = excluded.location_lat,
    location_lon = excluded.location_lon, place_id = excluded.place_id,
    effective_date = excluded.effective_date,
    source_actor_id = excluded.source_actor_id, target_actor_id = excluded.target_actor_id,
    date = excluded.date, evidence = excluded.evidence,
    evidence_start = excluded.evidence_start, evidence_end = excluded.evidence_end,
    data = excluded.data, cluster_id = NULL"""
_LIST = """SELECT f.id AS id, f.section AS section, f.kind AS kind, s.name AS source,
    t.name AS target, f.date AS date, f.evidence AS evidence, a.id AS article_id,
    a.doc_id AS doc_id, a.title AS title, a.url AS url, a.published AS published,
    f.data AS data
    FROM facts f
    JOIN articles a ON a.id = f.article_id
    LEFT JOIN actors s ON s.id = f.source_actor_id
    LEFT JOIN actors t ON t.id = f.target_actor_id"""


@dataclass(frozen=True)
class FactRow:
    """One stored fact, ready to list: what, who, when, and where it is stated."""

    id: int
    section: str
    kind: str | None
    source: str | None  # actor names
    target: str | None
    date: str | None
    evidence: str
    article_id: int
    doc_id: str
    title: str | None
    url: str | None
    published: str | None
    data: dict[str, Any]


class SQLFacts(SQLBase):
    """Mixin: writes happen inside ``save_analysis``'s transaction."""

    def _file_facts(
        self, article_id: int, facts: dict[str, list[dict[str, Any]]], local: dict[str, int]
    ) -> None:
        keys = self._registry_keys(local)
        article = self._one("SELECT published FROM articles WHERE id = ?", (article_id,))
        published = article["published"] if article else None
        rows: list[tuple[Any, ...]] = []
        for section in SECTIONS:
            for ordinal, fact in enumerate(facts.get(section, [])):
                evidence = fact.get("evidence")
                if isinstance(evidence, str) and evidence:  # a fact without evidence is not kept
                    row = _fact_row(article_id, section, ordinal, fact, local, keys)
                    rows.append((*row, row[6], published, *place_columns(section, fact)))
        self._run_many(_UPSERT, rows)

    def fill_event_places(self) -> None:
        """Migration 0014: the place of every event filed before it (store/sql_places.py)."""
        fill_event_places(self)

    def _registry_keys(self, local: dict[str, int]) -> dict[str, str]:
        """Registry keys of the document's actors, by document actor id ("a3")."""
        keys: dict[str, str] = {}
        for local_id, registry_id in local.items():
            row = self._one("SELECT key FROM actors WHERE id = ?", (registry_id,))
            if row is not None:
                keys[local_id] = row["key"]
        return keys

    def list_facts(
        self,
        section: str,
        actor: str | None = None,
        kind: str | None = None,
        country: str | None = None,
        since: str | None = None,
        until: str | None = None,
        search: str | None = None,
        limit: int = 50,
    ) -> list[FactRow]:
        """Facts of one section, newest first, filtered as asked."""
        if section not in SECTIONS:
            raise ValueError(f"unknown section {section!r}")
        where, params = _fact_filters(section, actor, kind, country, since, until, search)
        rows = self._all(
            f"{_LIST} WHERE {' AND '.join(where)}"
            " ORDER BY coalesce(f.date, a.published) DESC NULLS LAST, f.id LIMIT ?",
            [*params, clamp_limit(limit)],
        )
        return [FactRow(**{**row, "data": json.loads(row["data"])}) for row in rows]


def _fact_row(
    article_id: int,
    section: str,
    ordinal: int,
    fact: dict[str, Any],
    local: dict[str, int],
    keys: dict[str, str],
) -> tuple[Any, ...]:
    source_field, target_field = _ROLES[section]
    return (
        article_id,
        section,
        ordinal,
        _text(fact.get(_KIND[section])),
        local.get(fact.get(source_field, "")) if source_field else None,
        local.get(fact.get(target_field, "")) if target_field else None,
        _text(fact.get(_DATE.get(section, ""))),
        fact["evidence"],
        fact.get("evidence_start"),
        fact.get("evidence_end"),
        json.dumps(_with_keys(fact, keys), ensure_ascii=False),
    )


def _fact_filters(
    section: str,
    actor: str | None,
    kind: str | None,
    country: str | None,
    since: str | None,
    until: str | None,
    search: str | None,
) -> tuple[list[str], list[Any]]:
    where, params = ["f.section = ?"], [section]  # type: list[str], list[Any]
    if actor:
        where.append(
            "(f.source_actor_id IN (SELECT actor_id FROM actor_aliases WHERE alias_key = ?)"
            " OR f.target_actor_id IN (SELECT actor_id FROM actor_aliases WHERE alias_key = ?))"
        )
        params += [_alias_key(actor)] * 2
    if kind:
        where.append("upper(f.kind) = upper(?)")
        params.append(kind)
    if country:
        where.append("(s.country = upper(?) OR t.country = upper(?))")
        params += [country, country]
    if since:
        where.append("coalesce(f.date, a.published) >= ?")
        params.append(since)
    if until:
        where.append("coalesce(f.date, a.published) <= ?")
        params.append(until)
    if search:
        where.append("lower(f.evidence) LIKE lower(?) ESCAPE '\\'")
        params.append("%" + like_escape(search) + "%")
    return where, params


def _with_keys(fact: dict[str, Any], keys: dict[str, str]) -> dict[str, Any]:
    """The fact with document actor ids ("a3") replaced by registry keys."""
    out: dict[str, Any] = {}
    for name, value in fact.items():
        if isinstance(value, str) and value in keys and name in {"source", "target", "speaker"}:
            out[name] = keys[value]
        elif name == "actors" and isinstance(value, list):
            out[name] = [keys.get(v, v) for v in value]
        else:
            out[name] = value
    return out


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _alias_key(name: str) -> str:
    from watchfloor.actors.kb import normalise

    return normalise(name)
