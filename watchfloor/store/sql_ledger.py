"""The forecast ledger in the store, in portable SQL (the logic: :mod:`watchfloor.ledger`).

Tables (migration 0010): ``ledger_forecasts`` (one row per forecast, its status and
outcome), ``ledger_mentions`` (each forecast fact, filed once), ``ledger_resolutions``
(the engine's proposals and the analysts' decisions), and the per-source tallies
``ledger_cells`` and ``ledger_sources`` that :meth:`SQLLedger.ledger_refresh_sources`
recomputes for the sources a change touches.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from watchfloor.store.sql_base import SQLBase, clamp_limit, clamp_offset, like_escape, now

# Forecast facts not yet in the ledger, with their article and source actor.
_UNFILED = """SELECT f.id AS fact_id, f.article_id AS article_id, f.data AS data,
    f.evidence AS evidence, f.evidence_start AS evidence_start, a.doc_id AS doc_id,
    a.published AS published, a.source AS outlet, s.key AS source_key, s.name AS source_name,
    s.type AS source_type
    FROM facts f JOIN articles a ON a.id = f.article_id
    LEFT JOIN actors s ON s.id = f.source_actor_id
    LEFT JOIN ledger_mentions m ON m.fact_id = f.id
    WHERE f.section = 'forecasts' AND m.fact_id IS NULL
    ORDER BY coalesce(a.published, ''), f.id LIMIT ?"""
_SENTENCE_EVENTS = """SELECT f.kind AS kind, f.data AS data, f.source_actor_id AS source_id,
    f.target_actor_id AS target_id, s.key AS source_key, t.key AS target_key
    FROM facts f LEFT JOIN actors s ON s.id = f.source_actor_id
    LEFT JOIN actors t ON t.id = f.target_actor_id
    WHERE f.article_id = ? AND f.section = 'events' AND f.evidence_start = ?
    ORDER BY f.ordinal"""
_FILE = """INSERT INTO ledger_forecasts (fkey, statement, source_key, source, source_kind,
    plover, actor1_id, actor2_id, actors, p, made, due, horizon, doc_id, evidence)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (fkey) DO UPDATE SET mentions = ledger_forecasts.mentions
    RETURNING id"""
_FORECAST_COLUMNS = """lf.id AS id, lf.statement AS statement, lf.source_key AS source_key,
    lf.source AS source, lf.source_kind AS source_kind, lf.plover AS plover,
    lf.actor1_id AS actor1_id, lf.actor2_id AS actor2_id, lf.actors AS actors, lf.p AS p,
    lf.made AS made, lf.due AS due, lf.horizon AS horizon, lf.status AS status,
    lf.outcome AS outcome, lf.doc_id AS doc_id, lf.evidence AS evidence,
    lf.mentions AS mentions"""
# Later facts that involve one actor: the candidates that may settle a forecast.
_LATER = """SELECT f.id AS id, f.section AS section, f.kind AS kind, f.data AS data,
    f.evidence AS evidence, f.source_actor_id AS source_id, f.target_actor_id AS target_id,
    f.effective_date AS effective_date, a.doc_id AS doc_id, a.published AS published
    FROM fact_actors x JOIN facts f ON f.id = x.fact_id JOIN articles a ON a.id = f.article_id
    WHERE x.actor_id = ? AND x.section IN ('events', 'claims') AND x.effective_date > ?
    AND coalesce(a.published, '') > ? AND f.article_id NOT IN (
        SELECT g.article_id FROM ledger_mentions m JOIN facts g ON g.id = m.fact_id
        WHERE m.forecast_id = ?)
    ORDER BY f.effective_date, f.id LIMIT 500"""
# Later claims in one unit, reported after a day: the candidates for a threshold forecast.
_LATER_CLAIMS = """SELECT f.id AS id, f.section AS section, f.kind AS kind, f.data AS data,
    f.evidence AS evidence, f.source_actor_id AS source_id, f.target_actor_id AS target_id,
    f.effective_date AS effective_date, a.doc_id AS doc_id, a.published AS published
    FROM facts f JOIN articles a ON a.id = f.article_id
    WHERE f.section = 'claims' AND upper(f.kind) = upper(?) AND f.effective_date > ?
    AND coalesce(a.published, '') > ? AND f.article_id NOT IN (
        SELECT g.article_id FROM ledger_mentions m JOIN facts g ON g.id = m.fact_id
        WHERE m.forecast_id = ?)
    ORDER BY f.effective_date, f.id LIMIT 500"""
_RESOLUTION_COLUMNS = """r.id AS id, r.forecast_id AS forecast_id, r.kind AS kind,
    r.outcome AS outcome, r.doc_id AS doc_id, r.evidence AS evidence,
    r.confidence AS confidence, r.applied AS applied, r.who AS who, r.note AS note,
    r.made_at AS made_at"""
_CELL_OUTCOME = "CASE WHEN status = 'resolved' THEN coalesce(outcome, '') ELSE '' END"
_CELL_P = "CASE WHEN status = 'resolved' THEN coalesce(p, -1) ELSE -1 END"
_CELLS = f"""INSERT INTO ledger_cells (source_key, status, outcome, p, n)
    SELECT source_key, status, {_CELL_OUTCOME}, {_CELL_P}, count(*)
    FROM ledger_forecasts WHERE source_key IN ({{marks}})
    GROUP BY source_key, status, {_CELL_OUTCOME}, {_CELL_P}"""
_SOURCES = """INSERT INTO ledger_sources (source_key, source, source_kind, made, resolved, scored)
    SELECT source_key, min(source), min(source_kind), count(*),
    sum(CASE WHEN status = 'resolved' THEN 1 ELSE 0 END),
    sum(CASE WHEN status = 'resolved' AND p IS NOT NULL THEN 1 ELSE 0 END)
    FROM ledger_forecasts WHERE source_key IN ({marks}) GROUP BY source_key"""


class LedgerStore(Protocol):
    """What :mod:`watchfloor.ledger` asks of a store (both backends have it)."""

    backend: str

    def ledger_unfiled(self, limit: int = 1000) -> list[dict[str, Any]]: ...

    def ledger_sentence_events(self, article_id: int, start: int) -> list[dict[str, Any]]: ...

    def ledger_file(self, fact_id: int, forecast: Sequence[Any]) -> int: ...

    def ledger_forecast(self, forecast_id: int) -> dict[str, Any] | None: ...

    def ledger_pending(self, after_id: int = 0, limit: int = 1000) -> list[dict[str, Any]]: ...

    def ledger_later_facts(
        self, actor_id: int, made: str, forecast_id: int
    ) -> list[dict[str, Any]]: ...

    def ledger_later_claims(
        self, unit: str, made: str, forecast_id: int
    ) -> list[dict[str, Any]]: ...

    def ledger_add_resolution(self, forecast_id: int, row: dict[str, Any]) -> bool: ...

    def ledger_resolutions(self, forecast_ids: Sequence[int]) -> list[dict[str, Any]]: ...

    def ledger_set_status(
        self, forecast_id: int, status: str, outcome: str | None, applied: int | None
    ) -> None: ...

    def ledger_refresh_sources(self, source_keys: Sequence[str]) -> None: ...

    def ledger_source_rows(
        self, source_keys: Sequence[str] | None, limit: int, offset: int = 0
    ) -> list[dict[str, Any]]: ...

    def ledger_cells(self, source_keys: Sequence[str]) -> list[dict[str, Any]]: ...

    def ledger_source_keys(self, source: str, limit: int = 100) -> list[str]: ...

    def ledger_cells_since(
        self, since: str, source_keys: Sequence[str] | None
    ) -> list[dict[str, Any]]: ...

    def ledger_forecasts(
        self,
        source_keys: Sequence[str] | None = None,
        since: str | None = None,
        status: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[dict[str, Any]]: ...

    def ledger_resolved_since(self, since: str, limit: int = 50) -> list[dict[str, Any]]: ...

    def ledger_decided(self, limit: int = 500) -> list[dict[str, Any]]: ...

    def ledger_articles(self, doc_ids: Sequence[str]) -> list[dict[str, Any]]: ...

    def close(self) -> None: ...


class SQLLedger(SQLBase):
    """Mixin: the ledger's reads and writes; each write is its own transaction."""

    def ledger_unfiled(self, limit: int = 1000) -> list[dict[str, Any]]:
        """Forecast facts no ledger forecast holds yet, oldest article first."""
        return self._all(_UNFILED, (clamp_limit(limit),))

    def ledger_sentence_events(self, article_id: int, start: int) -> list[dict[str, Any]]:
        """The events coded in the sentence that starts at ``start``."""
        return self._all(_SENTENCE_EVENTS, (article_id, start))

    def ledger_file(self, fact_id: int, forecast: Sequence[Any]) -> int:
        """File a forecast fact as a mention of the forecast ``forecast`` (the columns of
        ``_FILE``); the forecast's id. Filing the same fact again changes nothing."""
        with self._transaction():
            forecast_id = self._insert(_FILE, forecast)
            self._run(
                "INSERT INTO ledger_mentions (fact_id, forecast_id) VALUES (?, ?)"
                " ON CONFLICT (fact_id) DO NOTHING",
                (fact_id, forecast_id),
            )
            self._run(
                "UPDATE ledger_forecasts SET mentions = (SELECT count(*) FROM ledger_mentions"
                " WHERE forecast_id = ?), made = CASE WHEN made > ? THEN ? ELSE made END"
                " WHERE id = ?",
                (forecast_id, forecast[10], forecast[10], forecast_id),
            )
        return forecast_id

    def ledger_forecast(self, forecast_id: int) -> dict[str, Any] | None:
        return self._one(
            f"SELECT {_FORECAST_COLUMNS} FROM ledger_forecasts lf WHERE lf.id = ?", (forecast_id,)
        )

    def ledger_pending(self, after_id: int = 0, limit: int = 1000) -> list[dict[str, Any]]:
        """Forecasts not yet decided (open or due), by id after ``after_id``."""
        return self._all(
            f"SELECT {_FORECAST_COLUMNS} FROM ledger_forecasts lf"
            " WHERE lf.status IN ('open', 'due') AND lf.id > ? ORDER BY lf.id LIMIT ?",
            (after_id, clamp_limit(limit)),
        )

    def ledger_later_facts(
        self, actor_id: int, made: str, forecast_id: int
    ) -> list[dict[str, Any]]:
        """Events and claims involving ``actor_id`` reported after ``made``, outside the
        forecast's own articles."""
        return self._all(_LATER, (actor_id, made, made, forecast_id))

    def ledger_later_claims(self, unit: str, made: str, forecast_id: int) -> list[dict[str, Any]]:
        """Claims in ``unit`` reported after ``made``, outside the forecast's own articles."""
        return self._all(_LATER_CLAIMS, (unit, made, made, forecast_id))

    def ledger_add_resolution(self, forecast_id: int, row: dict[str, Any]) -> bool:
        """File a resolution; False when the engine filed the same one before."""
        conflict = " ON CONFLICT (forecast_id, doc_id, evidence, outcome) WHERE kind = 'engine'"
        sql = (
            "INSERT INTO ledger_resolutions (forecast_id, kind, outcome, doc_id, evidence,"
            " confidence, applied, who, note, made_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        )
        if row["kind"] == "engine":
            sql += conflict + " DO NOTHING"
        params = (
            forecast_id,
            row["kind"],
            row["outcome"],
            row.get("doc_id") or "",
            row.get("evidence") or "",
            float(row.get("confidence", 1.0)),
            int(row.get("applied", 0)),
            row.get("who") or "",
            row.get("note") or "",
            row.get("made_at") or now(),
        )
        return self._run(sql, params) > 0

    def ledger_resolutions(self, forecast_ids: Sequence[int]) -> list[dict[str, Any]]:
        """Every resolution of these forecasts, oldest first."""
        ids = list(forecast_ids)
        if not ids:
            return []
        marks = ", ".join("?" for _ in ids)
        return self._all(
            f"SELECT {_RESOLUTION_COLUMNS} FROM ledger_resolutions r"
            f" WHERE r.forecast_id IN ({marks}) ORDER BY r.forecast_id, r.made_at, r.id",
            ids,
        )

    def ledger_set_status(
        self, forecast_id: int, status: str, outcome: str | None, applied: int | None
    ) -> None:
        """Set a forecast's status; ``applied`` is the resolution that decided it (the
        others are marked not applied)."""
        with self._transaction():
            self._run(
                "UPDATE ledger_forecasts SET status = ?, outcome = ? WHERE id = ?",
                (status, outcome, forecast_id),
            )
            self._run(
                "UPDATE ledger_resolutions SET applied = CASE WHEN id = ? THEN 1 ELSE 0 END"
                " WHERE forecast_id = ?",
                (applied if applied is not None else -1, forecast_id),
            )

    def ledger_refresh_sources(self, source_keys: Sequence[str]) -> None:
        """Recount the tallies of these sources from their forecasts."""
        keys = sorted(set(source_keys))
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            marks = ", ".join("?" for _ in chunk)
            with self._transaction():
                self._run(f"DELETE FROM ledger_cells WHERE source_key IN ({marks})", chunk)
                self._run(f"DELETE FROM ledger_sources WHERE source_key IN ({marks})", chunk)
                self._run(_CELLS.format(marks=marks), chunk)
                self._run(_SOURCES.format(marks=marks), chunk)

    def ledger_source_rows(
        self, source_keys: Sequence[str] | None, limit: int, offset: int = 0
    ) -> list[dict[str, Any]]:
        """Sources with their totals, the most scored first: these (all: None)."""
        where, params = "1 = 1", []  # type: str, list[Any]
        if source_keys is not None:
            where = (
                f"s.source_key IN ({', '.join('?' for _ in source_keys)})"
                if source_keys
                else "1 = 0"
            )
            params = list(source_keys)
        return self._all(
            "SELECT s.source_key AS source_key, s.source AS source, s.source_kind AS source_kind,"
            " s.made AS made, s.resolved AS resolved, s.scored AS scored"
            f" FROM ledger_sources s WHERE {where}"
            " ORDER BY s.scored DESC, s.made DESC, s.source_key LIMIT ? OFFSET ?",
            [*params, clamp_limit(limit), clamp_offset(offset)],
        )

    def ledger_cells(self, source_keys: Sequence[str]) -> list[dict[str, Any]]:
        keys = list(source_keys)
        if not keys:
            return []
        marks = ", ".join("?" for _ in keys)
        return self._all(
            "SELECT source_key AS source_key, status AS status, outcome AS outcome, p AS p,"
            f" n AS n FROM ledger_cells WHERE source_key IN ({marks})",
            keys,
        )

    def ledger_source_keys(self, source: str, limit: int = 100) -> list[str]:
        """The keys of the sources a filter names: its key or its name (from their
        indexes), else every source with the filter in its name (case-insensitive)."""
        order = " ORDER BY s.scored DESC, s.made DESC, s.source_key LIMIT ?"
        rows = self._all(
            "SELECT s.source_key AS source_key, s.scored AS scored, s.made AS made"
            " FROM ledger_sources s WHERE s.source_key = ? UNION"
            " SELECT s.source_key, s.scored, s.made FROM ledger_sources s WHERE s.source = ?",
            (source, source),
        )
        if not rows:
            where, params = _source_filter(source, "s")
            sql = f"SELECT s.source_key AS source_key FROM ledger_sources s WHERE {where}{order}"
            rows = self._all(sql, [*params, clamp_limit(limit)])
        return [str(r["source_key"]) for r in rows][: clamp_limit(limit)]

    def ledger_cells_since(
        self, since: str, source_keys: Sequence[str] | None
    ) -> list[dict[str, Any]]:
        """The cells of forecasts made on or after ``since``, counted now, with names."""
        where, params = _keys_filter(source_keys)
        return self._all(
            "SELECT lf.source_key AS source_key, min(lf.source) AS source,"
            " min(lf.source_kind) AS source_kind, lf.status AS status,"
            " coalesce(lf.outcome, '') AS outcome, coalesce(lf.p, -1) AS p, count(*) AS n"
            f" FROM ledger_forecasts lf WHERE lf.made >= ? AND {where}"
            " GROUP BY lf.source_key, lf.status, coalesce(lf.outcome, ''), coalesce(lf.p, -1)",
            [since, *params],
        )

    def ledger_forecasts(
        self,
        source_keys: Sequence[str] | None = None,
        since: str | None = None,
        status: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Forecasts, the latest made first, of these sources (all: None), filtered as asked.

        Several sources are read one by one, each from its own range of the index and
        at most as many as the page needs, then merged: not every forecast of them sorted."""
        where, params = "1 = 1", []  # type: str, list[Any]
        if since:
            where += " AND lf.made >= ?"
            params.append(since)
        if status:
            where += " AND lf.status = ?"
            params.append(status)
        page = [clamp_limit(limit), clamp_offset(offset)]
        if source_keys is None:
            sql = f"SELECT {_FORECAST_COLUMNS} FROM ledger_forecasts lf WHERE {where}"
            return self._all(
                f"{sql} ORDER BY made DESC, id DESC LIMIT ? OFFSET ?", [*params, *page]
            )
        if not source_keys:
            return []
        part = (
            f"SELECT * FROM (SELECT {_FORECAST_COLUMNS} FROM ledger_forecasts lf"
            f" WHERE lf.source_key = ? AND {where} ORDER BY lf.made DESC, lf.id DESC LIMIT ?)"
        )
        union = " UNION ALL ".join(f"{part} AS k{n}" for n in range(len(source_keys)))
        values = [v for key in source_keys for v in (key, *params, sum(page))]
        return self._all(
            f"SELECT * FROM ({union}) AS merged ORDER BY made DESC, id DESC LIMIT ? OFFSET ?",
            [*values, *page],
        )

    def ledger_resolved_since(self, since: str, limit: int = 50) -> list[dict[str, Any]]:
        """Forecasts whose deciding resolution was made on or after ``since``."""
        return self._all(
            f"SELECT {_FORECAST_COLUMNS}, r.made_at AS resolved_at, r.kind AS resolved_kind"
            " FROM ledger_resolutions r JOIN ledger_forecasts lf ON lf.id = r.forecast_id"
            " WHERE r.applied = 1 AND r.made_at >= ? AND lf.status IN ('resolved', 'void')"
            " ORDER BY r.made_at DESC, lf.id LIMIT ?",
            (since, clamp_limit(limit)),
        )

    def ledger_decided(self, limit: int = 500) -> list[dict[str, Any]]:
        """Decided forecasts with their deciding resolution and when it was settled (the
        settling article's publication, else when the resolution was made), latest first."""
        return self._all(
            f"SELECT {_FORECAST_COLUMNS}, r.kind AS resolved_kind, r.doc_id AS settled_doc,"
            " r.confidence AS confidence, r.who AS who,"
            " coalesce(a.published, r.made_at) AS settled_at"
            " FROM ledger_resolutions r JOIN ledger_forecasts lf ON lf.id = r.forecast_id"
            " LEFT JOIN articles a ON a.doc_id = r.doc_id"
            " WHERE r.applied = 1 AND lf.status IN ('resolved', 'void')"
            " ORDER BY coalesce(a.published, r.made_at) DESC, lf.id LIMIT ?",
            (clamp_limit(limit),),
        )

    def ledger_articles(self, doc_ids: Sequence[str]) -> list[dict[str, Any]]:
        """doc_id, title, published and url of these articles."""
        ids = sorted(set(doc_ids))
        if not ids:
            return []
        return self._all(
            "SELECT doc_id AS doc_id, title AS title, published AS published, url AS url"
            f" FROM articles WHERE doc_id IN ({', '.join('?' for _ in ids)})",
            ids,
        )


def _source_filter(source: str | None, alias: str) -> tuple[str, list[Any]]:
    """A source by key, by name, or by a part of its name (case-insensitive)."""
    if not source:
        return "1 = 1", []
    return (
        f"({alias}.source_key = ? OR lower({alias}.source) LIKE lower(?) ESCAPE '\\')",
        [source, "%" + like_escape(source) + "%"],
    )


def _keys_filter(keys: Sequence[str] | None) -> tuple[str, list[Any]]:
    if keys is None:
        return "1 = 1", []
    if not keys:
        return "1 = 0", []
    return f"lf.source_key IN ({', '.join('?' for _ in keys)})", list(keys)
