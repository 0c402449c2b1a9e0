"""What only the SQLite store does: WAL mode, file paths and URLs.

Everything every backend must do is in test_store_contract.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from watchfloor.store import SQLiteStore, open_store
from watchfloor.store.migrations import migrations_for


def test_sqlite_file_is_in_wal_mode(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "x.db")
    assert store.schema_version() == len(migrations_for("sqlite"))
    mode = store.db.execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"
    store.close()


def test_open_store_urls(tmp_path: Path) -> None:
    for target in (f"sqlite:///{tmp_path / 'u.db'}", str(tmp_path / "plain.db"), "sqlite://"):
        store = open_store(target)
        assert isinstance(store, SQLiteStore) and store.schema_version() >= 4
        store.close()
    assert (tmp_path / "u.db").exists() and (tmp_path / "plain.db").exists()
    with pytest.raises(ValueError, match="unsupported"):
        open_store("mysql://host/db")


def test_unreachable_postgres_is_an_os_error() -> None:
    with pytest.raises(OSError):  # what the CLI reports as "cannot open database"
        open_store("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2")


def test_stores_opened_at_once_migrate_a_fresh_file_once(tmp_path: Path) -> None:
    """Processes started together on a new store: each migration runs once, the others
    find it applied when they get the write lock (ALTER TABLE ADD COLUMN cannot run twice)."""
    import subprocess
    import sys

    path = tmp_path / "race.db"
    code = f"from watchfloor.store import SQLiteStore; SQLiteStore({str(path)!r}).close()"
    runs = [
        subprocess.Popen([sys.executable, "-c", code], stderr=subprocess.PIPE) for _ in range(4)
    ]
    errors = [run.communicate()[1].decode() for run in runs]
    assert [run.returncode for run in runs] == [0, 0, 0, 0], errors
    versions = [m.version for m in migrations_for("sqlite")]
    store = SQLiteStore(path)
    assert store.schema_version() == max(versions)
    store.close()
