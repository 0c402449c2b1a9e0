"""Watch rules, their alerts and the webhook outbox, in portable SQL.

An alert and its outbox row are written in one transaction with the progress
mark of the article whose facts caused them (:meth:`SQLAlerts.alerts_transaction`),
so a process killed at any point either wrote all three or none: the article
is checked again after a restart and, alerts being unique per rule and merged
event, nothing fires twice (see :mod:`watchfloor.alerts.engine`).
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import Any

from watchfloor.store.sql_base import SQLBase, clamp_limit

Row = dict[str, Any]
RULE_FIELDS = (
    "name",
    "section",
    "actor",
    "with_actor",
    "types",
    "country",
    "keyword",
    "min_sources",
    "claim_above",
    "webhook",
    "webhook_secret",
    "created_at",
)
_ALERT = (
    "SELECT al.id AS id, r.name AS rule, al.subject AS subject, al.key AS key,"
    " al.title AS title, al.payload AS payload, al.source_count AS source_count,"
    " al.created_at AS created_at, al.updated_at AS updated_at,"
    " o.status AS delivery, o.attempts AS attempts, o.last_error AS delivery_error"
    " FROM alerts al JOIN watch_rules r ON r.id = al.rule_id"
    " LEFT JOIN alert_outbox o ON o.alert_id = al.id"
)


def _marks(values: Sequence[object]) -> str:
    return ", ".join("?" for _ in values)


class SQLAlerts(SQLBase):
    """Mixin: the ``watch_rules``, ``alerts``, ``alert_outbox`` and related tables."""

    def alerts_transaction(self) -> AbstractContextManager[Any]:
        """One transaction around checking one article's facts against the rules."""
        return self._transaction()

    # -- rules ------------------------------------------------------------------
    def add_rule(self, fields: dict[str, Any]) -> int:
        """Store a new rule; ValueError if one of that name exists."""
        with self._transaction():
            if self.watch_rule(str(fields["name"])) is not None:
                raise ValueError(f"a rule named {fields['name']!r} exists")
            names = [n for n in RULE_FIELDS if n in fields]
            return self._insert(
                f"INSERT INTO watch_rules ({', '.join(names)}) VALUES ({_marks(names)})"
                " RETURNING id",
                [fields[n] for n in names],
            )

    def watch_rules(self) -> list[Row]:
        return self._all("SELECT * FROM watch_rules ORDER BY name")

    def watch_rule(self, name: str) -> Row | None:
        return self._one("SELECT * FROM watch_rules WHERE name = ?", (name,))

    def remove_rule(self, name: str) -> bool:
        """Forget a rule and its alerts; False if there was none."""
        return self._run("DELETE FROM watch_rules WHERE name = ?", (name,)) > 0

    # -- what to check ------------------------------------------------------------
    def alert_progress(self) -> int:
        row = self._one("SELECT article_id FROM alert_progress WHERE id = 1")
        return int(row["article_id"]) if row else 0

    def set_alert_progress(self, article_id: int) -> None:
        self._run("UPDATE alert_progress SET article_id = ? WHERE id = 1", (article_id,))

    def articles_after(self, article_id: int, limit: int) -> list[Row]:
        """The next articles, oldest first, with whether they are analysed yet."""
        return self._all(
            "SELECT a.id AS id, a.ingested_at AS ingested_at,"
            " CASE WHEN an.article_id IS NULL THEN 0 ELSE 1 END AS analysed"
            " FROM articles a LEFT JOIN analysed an ON an.article_id = a.id"
            " WHERE a.id > ? ORDER BY a.id LIMIT ?",
            (article_id, clamp_limit(limit)),
        )

    def article_fact_rows(self, article_id: int) -> list[Row]:
        return self._all(
            "SELECT f.id AS id, f.section AS section, f.kind AS kind, f.date AS date,"
            " f.source_actor_id AS source_id, f.target_actor_id AS target_id,"
            " f.evidence AS evidence, f.data AS data, f.cluster_id AS cluster_id,"
            " f.article_id AS article_id FROM facts f WHERE f.article_id = ? ORDER BY f.id",
            (article_id,),
        )

    def clusters_by_id(self, cluster_ids: Sequence[int]) -> list[Row]:
        if not cluster_ids:
            return []
        return self._all(
            "SELECT id, type, mode, source_actor_id AS source_id, target_actor_id AS target_id,"
            " first_date, last_date, evidence, fact_id, mention_count, article_count,"
            f" source_count FROM event_clusters WHERE id IN ({_marks(cluster_ids)})",
            list(cluster_ids),
        )

    def facts_of_clusters(self, cluster_ids: Sequence[int]) -> list[Row]:
        """Every mention of the clusters with its article, earliest first."""
        if not cluster_ids:
            return []
        return self._all(
            "SELECT f.cluster_id AS cluster_id, f.id AS id, f.evidence AS evidence, f.data AS data,"
            " a.id AS article_id, a.title AS title, a.url AS url, a.source AS source,"
            " a.published AS published FROM facts f JOIN articles a ON a.id = f.article_id"
            f" WHERE f.cluster_id IN ({_marks(cluster_ids)}) ORDER BY f.cluster_id, a.id, f.id",
            list(cluster_ids),
        )

    def article_rows(self, article_ids: Sequence[int]) -> list[Row]:
        if not article_ids:
            return []
        return self._all(
            "SELECT id AS article_id, title, url, source, published FROM articles"
            f" WHERE id IN ({_marks(article_ids)})",
            list(article_ids),
        )

    def actors_by_id(self, actor_ids: Sequence[int]) -> list[Row]:
        if not actor_ids:
            return []
        return self._all(
            f"SELECT id, key, name, country FROM actors WHERE id IN ({_marks(actor_ids)})",
            list(actor_ids),
        )

    def actor_ids_named(self, name: str, alias_key: str) -> set[int]:
        """Ids of the actors a rule's name means: an alias, the name or the registry key."""
        rows = self._all(
            "SELECT actor_id AS id FROM actor_aliases WHERE alias_key = ?"
            " UNION SELECT id FROM actors WHERE lower(name) = lower(?) OR lower(key) = lower(?)",
            (alias_key, name, name),
        )
        return {int(r["id"]) for r in rows}

    # -- alerts -----------------------------------------------------------------
    def save_alert(self, alert: Row, webhook: str | None) -> str:
        """Insert or update the alert of (rule, subject): "new", "updated" or "same".

        A new alert with a webhook gets its outbox row here, in the caller's
        transaction; an update never queues a second delivery.
        """
        old = self._one(
            "SELECT id, payload FROM alerts WHERE rule_id = ? AND subject = ?",
            (alert["rule_id"], alert["subject"]),
        )
        if old is None:
            alert_id = self._insert(
                "INSERT INTO alerts (rule_id, subject, key, title, payload, source_count,"
                " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                [alert[k] for k in ("rule_id", "subject", "key", "title", "payload")]
                + [alert["source_count"], alert["at"], alert["at"]],
            )
            if webhook:
                self._run(
                    "INSERT INTO alert_outbox (alert_id, url) VALUES (?, ?)"
                    " ON CONFLICT (alert_id, url) DO NOTHING",
                    (alert_id, webhook),
                )
            return "new"
        if old["payload"] == alert["payload"]:
            return "same"
        self._run(
            "UPDATE alerts SET payload = ?, title = ?, source_count = ?, updated_at = ?"
            " WHERE id = ?",
            (alert["payload"], alert["title"], alert["source_count"], alert["at"], old["id"]),
        )
        return "updated"

    def list_alerts(
        self, rule: str | None = None, since: str | None = None, limit: int = 100
    ) -> list[Row]:
        """Alerts, newest first, of one rule or all, created or updated since ``since``."""
        where, params = ["1 = 1"], []  # type: list[str], list[Any]
        if rule:
            where.append("r.name = ?")
            params.append(rule)
        if since:
            where.append("al.updated_at >= ?")
            params.append(since)
        return self._all(
            f"{_ALERT} WHERE {' AND '.join(where)} ORDER BY al.updated_at DESC, al.id DESC LIMIT ?",
            [*params, clamp_limit(limit)],
        )

    # -- the outbox ---------------------------------------------------------------
    def due_deliveries(self, now_ts: float, limit: int = 50) -> list[Row]:
        """Pending deliveries whose time has come, to endpoints not marked dead."""
        return self._all(
            "SELECT o.id AS id, o.url AS url, o.attempts AS attempts, al.key AS key,"
            " al.payload AS payload, r.name AS rule, r.webhook_secret AS secret"
            " FROM alert_outbox o JOIN alerts al ON al.id = o.alert_id"
            " JOIN watch_rules r ON r.id = al.rule_id"
            " LEFT JOIN webhook_endpoints e ON e.url = o.url"
            " WHERE o.status = 'pending' AND o.next_attempt <= ? AND coalesce(e.dead, 0) = 0"
            " ORDER BY o.id LIMIT ?",
            (now_ts, clamp_limit(limit)),
        )

    def delivery_sent(self, outbox_id: int, url: str, when: str) -> None:
        with self._transaction():
            self._run(
                "UPDATE alert_outbox SET status = 'sent', attempts = attempts + 1,"
                " sent_at = ?, last_error = NULL WHERE id = ?",
                (when, outbox_id),
            )
            self._endpoint(url, 0, None, dead=False)

    def delivery_failed(
        self, outbox_id: int, url: str, error: str, retry_at: float | None, endpoint_limit: int
    ) -> bool:
        """Count a failed attempt; ``retry_at`` None gives the delivery up (dead).
        True when the endpoint is now marked dead."""
        with self._transaction():
            status = "pending" if retry_at is not None else "dead"
            self._run(
                "UPDATE alert_outbox SET status = ?, attempts = attempts + 1,"
                " next_attempt = ?, last_error = ? WHERE id = ?",
                (status, retry_at or 0.0, error[:500], outbox_id),
            )
            row = self._one("SELECT failures FROM webhook_endpoints WHERE url = ?", (url,))
            failures = (int(row["failures"]) if row else 0) + 1
            dead = failures >= endpoint_limit
            self._endpoint(url, failures, error[:500], dead=dead)
        return dead

    def _endpoint(self, url: str, failures: int, error: str | None, *, dead: bool) -> None:
        self._run(
            "INSERT INTO webhook_endpoints (url, failures, dead, last_error) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (url) DO UPDATE SET failures = excluded.failures,"
            " dead = excluded.dead, last_error = excluded.last_error",
            (url, failures, int(dead), error),
        )

    def webhook_endpoints(self) -> list[Row]:
        return self._all("SELECT * FROM webhook_endpoints ORDER BY url")

    def revive_endpoint(self, url: str) -> None:
        self._run("UPDATE webhook_endpoints SET dead = 0, failures = 0 WHERE url = ?", (url,))
