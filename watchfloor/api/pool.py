"""Open stores kept between requests: opening one (a PostgreSQL connection, the
migration check, the session settings) costs more than most queries."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from watchfloor.store import Store, open_store

log = logging.getLogger(__name__)

IDLE_STORES = 8  # open stores kept between requests at most


class StorePool:
    """Stores on one database, lent to one request at a time and kept when returned.

    A request that fails gives its store back closed, not kept: after an error the
    connection may be in a state no other request should inherit.
    """

    def __init__(self, database: str, idle: int = IDLE_STORES) -> None:
        self.database = database
        self.idle = idle
        self._free: list[Store] = []
        self._lock = threading.Lock()
        self._closed = False

    @contextmanager
    def store(self) -> Iterator[Store]:
        store = self._take()
        try:
            yield store
        except BaseException:
            _close(store)
            raise
        self._give_back(store)

    def _take(self) -> Store:
        with self._lock:
            if self._free:
                return self._free.pop()
        return open_store(self.database)

    def _give_back(self, store: Store) -> None:
        with self._lock:
            if not self._closed and len(self._free) < self.idle:
                self._free.append(store)
                return
        _close(store)

    def close(self) -> None:
        """Close every kept store; stores lent out now are closed when given back."""
        with self._lock:
            self._closed = True
            free, self._free = self._free, []
        for store in free:
            _close(store)


def _close(store: Store) -> None:
    try:
        store.close()
    except Exception:  # a broken connection still leaves the pool
        log.warning("closing a store failed", exc_info=True)
