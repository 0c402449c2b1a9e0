"""A store as an older release left it: opened with only the migrations before one."""

from __future__ import annotations

from typing import Any

import pytest

from watchfloor.store import open_store
from watchfloor.store.migrations import migrations_for


def open_before(store_url: str, version: int, monkeypatch: pytest.MonkeyPatch) -> Any:
    """The store at ``store_url`` migrated up to ``version - 1`` only. Undo ``monkeypatch``
    once it is closed, and the next ``open_store`` runs the migrations from ``version`` on."""
    import watchfloor.store.postgres as postgres
    import watchfloor.store.sqlite as sqlite

    def older(backend: str) -> list[Any]:
        return [m for m in migrations_for(backend) if m.version < version]

    for module in (sqlite, postgres):
        monkeypatch.setattr(module, "migrations_for", older)
    store = open_store(store_url)
    assert store.schema_version() == version - 1
    return store
