"""Shared fixtures: a fresh store per test and paths to the bundled material."""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest

from watchfloor.store import SQLiteStore

FIXTURES = Path(__file__).parent / "fixtures"
SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SQLiteStore]:
    db = SQLiteStore(tmp_path / "test.db")
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
