"""Near-duplicate candidates by their LSH band keys (migration 0017), in portable SQL.

Every article filed gets the band keys (:mod:`watchfloor.store.bands`) of each layout
in ``band_layouts``, in the transaction that files it; a look-up is one indexed query.
A layout asked for later (another near-duplicate threshold) is filled for the articles
already stored a page at a time, each page in its own transaction, and is used only
once complete (:meth:`SQLBands.keep_bands` returns when it is).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from watchfloor.store.bands import band_keys
from watchfloor.store.sql_base import SQLBase

_BANDS_VERSION = 17  # the migration that adds the tables
_FILL_PAGE = 500  # articles per transaction while a layout is filled
_INSERT = "INSERT INTO article_bands (rows_per_band, band_hash, article_id) VALUES "
_UNFILLED = (
    "SELECT id, minhash FROM articles WHERE id > ? AND minhash IS NOT NULL ORDER BY id LIMIT ?"
)


class SQLBands(SQLBase):
    """Mixin: the ``article_bands`` and ``band_layouts`` tables."""

    _bands_kept: bool | None = None  # whether this store has them (a store of an older
    # release opened with only its own migrations, as some tests do, has not)

    def newest_article_id(self) -> int:
        """The highest article id stored (0 for none): every article filed later has a
        higher one, as writers take the store's write lock one at a time."""
        row = self._one("SELECT max(id) AS id FROM articles")
        return int(row["id"] or 0) if row else 0

    def near_candidates(
        self, rows: int, keys: Sequence[int]
    ) -> tuple[int, list[tuple[int, bytes]]]:
        """The highest article id stored, and the stored articles (id, signature) sharing
        a band key with ``keys`` in the layout of ``rows``-value bands, by id: both read
        by one statement, so every article up to that id was looked at."""
        marks = ", ".join("?" for _ in keys) or "NULL"
        found = self._all(
            "SELECT m.newest AS newest, a.id AS id, a.minhash AS minhash"
            " FROM (SELECT max(id) AS newest FROM articles) m LEFT JOIN articles a ON a.id IN"
            " (SELECT b.article_id FROM article_bands b"
            f" WHERE b.rows_per_band = ? AND b.band_hash IN ({marks})) ORDER BY a.id",
            [rows, *keys],
        )
        newest = int(found[0]["newest"] or 0) if found else 0
        return newest, [
            (int(r["id"]), bytes(r["minhash"])) for r in found if r["minhash"] is not None
        ]

    def keep_bands(self, rows: int) -> None:
        """Keep the band keys of ``rows``-value bands for every article, stored or to come:
        add the layout if it is new, and fill it for the stored articles (as many
        processes as ask share the work; each page is one transaction)."""
        kept = self._one("SELECT complete FROM band_layouts WHERE rows_per_band = ?", (rows,))
        if kept is not None and int(kept["complete"]):
            return  # the usual case: no write, no lock
        with self._transaction():
            self._run(
                "INSERT INTO band_layouts (rows_per_band) VALUES (?)"
                " ON CONFLICT (rows_per_band) DO NOTHING",
                (rows,),
            )
        while True:
            with self._transaction():
                if self._fill_page(rows):
                    return

    def fill_bands(self) -> None:
        """Migration 0017: the keys of every layout not yet complete, for the articles
        stored before it (in the migration's transaction)."""
        for layout in self._all("SELECT rows_per_band FROM band_layouts WHERE complete = 0"):
            while not self._fill_page(int(layout["rows_per_band"])):
                pass

    def _fill_page(self, rows: int) -> bool:
        """Fill the next page of one layout; True once the layout is complete."""
        state = self._one(
            "SELECT filled_to, complete FROM band_layouts WHERE rows_per_band = ?", (rows,)
        )
        if state is None or int(state["complete"]):
            return True
        page = self._all(_UNFILLED, (int(state["filled_to"]), _FILL_PAGE))
        if not page:
            self._run("UPDATE band_layouts SET complete = 1 WHERE rows_per_band = ?", (rows,))
            return True
        for row in page:
            self._insert_bands([rows], int(row["id"]), bytes(row["minhash"]))
        self._run(
            "UPDATE band_layouts SET filled_to = ? WHERE rows_per_band = ?",
            (int(page[-1]["id"]), rows),
        )
        return False

    def _file_bands(self, article_id: int, signature: bytes | None) -> None:
        """The keys of a new article in every layout kept (in the caller's transaction)."""
        if self._bands_kept is None:
            row = self._one("SELECT max(version) AS version FROM schema_migrations")
            self._bands_kept = row is not None and int(row["version"] or 0) >= _BANDS_VERSION
        if signature and self._bands_kept:
            layouts = self._all("SELECT rows_per_band FROM band_layouts")
            self._insert_bands([int(r["rows_per_band"]) for r in layouts], article_id, signature)

    def _insert_bands(self, layouts: list[int], article_id: int, signature: bytes) -> None:
        values: list[Any] = []
        for rows in layouts:
            for key in dict.fromkeys(band_keys(signature, rows)):  # two equal bands: one row
                values += [rows, key, article_id]
        if values:
            marks = ", ".join("(?, ?, ?)" for _ in range(len(values) // 3))
            self._run(f"{_INSERT}{marks} ON CONFLICT DO NOTHING", values)
