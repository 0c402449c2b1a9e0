"""The facts half of the SQLite store: every fact with its evidence and article."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

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


class SQLiteFacts:
    """Mixin: needs ``self.db``; writes happen inside ``save_analysis``'s transaction."""

    db: sqlite3.Connection

    def _file_facts(
        self, article_id: int, facts: dict[str, list[dict[str, Any]]], local: dict[str, int]
    ) -> None:
        keys = {
            local_id: self.db.execute("SELECT key FROM actors WHERE id = ?", (rid,)).fetchone()[0]
            for local_id, rid in local.items()
        }
        for section in SECTIONS:
            source_field, target_field = _ROLES[section]
            for ordinal, fact in enumerate(facts.get(section, [])):
                evidence = fact.get("evidence")
                if not isinstance(evidence, str) or not evidence:
                    continue  # a fact without its evidence is not kept
                self.db.execute(
                    "INSERT OR REPLACE INTO facts (article_id, section, ordinal, kind,"
                    " source_actor_id, target_actor_id, date, evidence, evidence_start,"
                    " evidence_end, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        article_id,
                        section,
                        ordinal,
                        _text(fact.get(_KIND[section])),
                        local.get(fact.get(source_field, "")) if source_field else None,
                        local.get(fact.get(target_field, "")) if target_field else None,
                        _text(fact.get(_DATE.get(section, ""))),
                        evidence,
                        fact.get("evidence_start"),
                        fact.get("evidence_end"),
                        json.dumps(_with_keys(fact, keys), ensure_ascii=False),
                    ),
                )

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
        """Facts of one section, newest article first, filtered as asked."""
        if section not in SECTIONS:
            raise ValueError(f"unknown section {section!r}")
        where, params = ["f.section = ?"], [section]  # type: list[str], list[Any]
        if actor:
            where.append(
                "(f.source_actor_id IN (SELECT actor_id FROM actor_aliases"
                " WHERE alias_key = ?) OR f.target_actor_id IN (SELECT actor_id"
                " FROM actor_aliases WHERE alias_key = ?))"
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
            where.append("f.evidence LIKE ? ESCAPE '\\'")
            params.append(
                "%" + search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            )
        sql = (
            "SELECT f.id, f.section, f.kind, s.name, t.name, f.date, f.evidence, a.id,"
            " a.doc_id, a.title, a.url, a.published, f.data FROM facts f"
            " JOIN articles a ON a.id = f.article_id"
            " LEFT JOIN actors s ON s.id = f.source_actor_id"
            " LEFT JOIN actors t ON t.id = f.target_actor_id"
            f" WHERE {' AND '.join(where)}"
            " ORDER BY coalesce(f.date, a.published) DESC, f.id LIMIT ?"
        )
        rows = self.db.execute(sql, [*params, max(1, min(int(limit), 10_000))]).fetchall()
        names = [f for f in FactRow.__dataclass_fields__ if f != "data"]
        return [
            FactRow(**dict(zip(names, row[:-1], strict=True)), data=json.loads(row[-1]))
            for row in rows
        ]


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
