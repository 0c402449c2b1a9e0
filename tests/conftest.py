"""Shared fixtures: a fresh store per test and paths to the bundled material."""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest
from pg_server import PgServer, pg_server, postgres_url

from watchfloor.store import SQLiteStore, Store, open_store

FIXTURES = Path(__file__).parent / "fixtures"
SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SQLiteStore]:
    db = SQLiteStore(tmp_path / "test.db")
    yield db
    db.close()


__all__ = ["PgServer", "pg_server", "postgres_url"]  # fixtures of pg_server.py, registered here

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "postgres: needs the test PostgreSQL server")


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database URL for each backend: a SQLite file, and an empty PostgreSQL schema."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'test.db'}"
    return str(request.getfixturevalue("postgres_url"))


@pytest.fixture
def any_store(store_url: str) -> Iterator[Store]:
    """A fresh store on each backend (tests using it run once per backend)."""
    db = open_store(store_url)
    yield db
    db.close()


@pytest.fixture(scope="session")
def sample_dir() -> Iterator[Path]:
    """The Wikinews sample corpus shipped inside the package (CC BY 2.5)."""
    with resources.as_file(resources.files("watchfloor") / "data" / "sample") as folder:
        yield folder


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES
