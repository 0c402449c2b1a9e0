"""Which merged events and facts of an article a rule catches, as alert rows.

An event fact is judged as the merged event (event cluster) it belongs to, so
a rule fires once per real-world event however many articles report it, and
``min_sources`` counts that event's outlets. Facts of the other sections are
judged one by one. The alert's payload holds the fact, every evidence sentence
and every article link; a second source changes the payload, which updates the
alert instead of firing a new one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from watchfloor.actors.kb import normalise
from watchfloor.alerts.rules import Rule
from watchfloor.store.sql_store import SQLStore

Row = dict[str, Any]


@dataclass
class Subject:
    """A merged event or a single fact, with what a rule looks at."""

    subject: str  # event:ID or fact:ID
    section: str
    kind: str | None
    source_id: int | None
    target_id: int | None
    date: str | None
    data: dict[str, Any]
    source_count: int = 1
    evidence: list[str] = field(default_factory=list)
    articles: list[Row] = field(default_factory=list)


def subjects_of(store: SQLStore, article_id: int) -> list[Subject]:
    """The article's merged events and its other facts."""
    facts = store.article_fact_rows(article_id)
    cluster_ids = sorted({int(f["cluster_id"]) for f in facts if f["cluster_id"] is not None})
    found = _clusters(store, cluster_ids)
    lone = [f for f in facts if f["cluster_id"] is None]
    articles = {int(r["article_id"]): r for r in store.article_rows([article_id])}
    for fact in lone:
        found.append(
            Subject(
                f"fact:{fact['id']}",
                fact["section"],
                fact["kind"],
                fact["source_id"],
                fact["target_id"],
                fact["date"],
                json.loads(fact["data"]),
                evidence=[fact["evidence"]],
                articles=[_link(articles[article_id])] if article_id in articles else [],
            )
        )
    return found


def _clusters(store: SQLStore, cluster_ids: list[int]) -> list[Subject]:
    mentions: dict[int, list[Row]] = {}
    for row in store.facts_of_clusters(cluster_ids):
        mentions.setdefault(int(row["cluster_id"]), []).append(row)
    subjects = []
    for cluster in store.clusters_by_id(cluster_ids):
        rows = mentions.get(int(cluster["id"]), [])
        if not rows:
            continue
        first = next((r for r in rows if r["id"] == cluster["fact_id"]), rows[0])
        links = {int(r["article_id"]): _link(r) for r in rows}
        subjects.append(
            Subject(
                f"event:{cluster['id']}",
                "events",
                cluster["type"],
                cluster["source_id"],
                cluster["target_id"],
                cluster["first_date"],
                json.loads(first["data"]),
                source_count=int(cluster["source_count"] or 1),
                evidence=list(dict.fromkeys(str(r["evidence"]) for r in rows)),
                articles=list(links.values()),
            )
        )
    return subjects


def _link(row: Row) -> Row:
    return {k: row.get(k) for k in ("title", "url", "source", "published")}


class Matcher:
    """One rule, with the actor ids its names stand for looked up once per article."""

    def __init__(self, store: SQLStore, rule: Rule) -> None:
        self.rule = rule
        self.actor_ids = _ids(store, rule.actor)
        self.with_ids = _ids(store, rule.with_actor)

    def matches(self, subject: Subject, countries: dict[int, str | None]) -> bool:
        rule = self.rule
        checks = (
            subject.section == rule.section,
            not rule.types or (subject.kind or "").upper() in rule.types,
            subject.source_count >= rule.min_sources,
            self._actors(subject),
            not rule.country or rule.country in _countries(subject, countries),
            not rule.keyword or _mentions(subject, rule.keyword),
            rule.claim_above is None or _value(subject.data) > rule.claim_above,
        )
        return all(checks)

    def _actors(self, subject: Subject) -> bool:
        pair = (subject.source_id, subject.target_id)
        if self.actor_ids is None:
            return self.with_ids is None or bool(self.with_ids & set(pair))
        for mine, other in (pair, pair[::-1]):
            if mine in self.actor_ids and (self.with_ids is None or other in self.with_ids):
                return True
        return False


def _ids(store: SQLStore, name: str | None) -> set[int] | None:
    return None if not name else store.actor_ids_named(name, normalise(name))


def _countries(subject: Subject, countries: dict[int, str | None]) -> set[str]:
    ids = (subject.source_id, subject.target_id)
    return {str(countries[i]).upper() for i in ids if i is not None and countries.get(i)}


def _mentions(subject: Subject, keyword: str) -> bool:
    return any(keyword.casefold() in text.casefold() for text in subject.evidence)


def _value(data: dict[str, Any]) -> float:
    value = data.get("value")
    return float(value) if isinstance(value, int | float) else float("-inf")


def alert_row(rule: Rule, subject: Subject, names: dict[int, str], at: str) -> Row:
    """The alert of ``rule`` for ``subject``: its key, title and payload."""
    source = names.get(subject.source_id) if subject.source_id is not None else None
    target = names.get(subject.target_id) if subject.target_id is not None else None
    fact = {
        "section": subject.section,
        "kind": subject.kind,
        "source": source,
        "target": target,
        "date": subject.date,
        "data": subject.data,
    }
    payload = {
        "rule": rule.name,
        "subject": subject.subject,
        "fact": fact,
        "evidence": subject.evidence,
        "articles": subject.articles,
        "source_count": subject.source_count,
    }
    return {
        "rule_id": rule.id,
        "subject": subject.subject,
        "key": f"wf-{rule.id}-{subject.subject.replace(':', '-')}",
        "title": _title(subject, source, target),
        "payload": json.dumps(payload, ensure_ascii=False, sort_keys=True),
        "source_count": subject.source_count,
        "at": at,
    }


def _title(subject: Subject, source: str | None, target: str | None) -> str:
    who = " -> ".join(n for n in (source, target) if n) or "unknown actor"
    kind = subject.kind or subject.section
    evidence = subject.evidence[0] if subject.evidence else ""
    if subject.section == "events":
        return f"{kind}: {who}"
    return f"{kind}: {who}: {evidence[:120]}"
