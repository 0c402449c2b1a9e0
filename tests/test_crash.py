"""Crashes lose nothing: ``watchfloor ingest`` killed with SIGKILL, run twice at once, and
cut off by a PostgreSQL restart, on real SQLite and PostgreSQL stores.

A few kills here; ``make crash`` (bench/crash.py) kills it dozens of times.
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from crash_harness import (
    Snapshot,
    concurrent,
    run_ingest,
    snapshot,
    start_ingest,
    store_problems,
    trial,
    wait_for_articles,
)
from pg_server import PgServer, _tool

from watchfloor.store import open_store

ARTICLES = 10  # sample articles in the corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, sample_dir: Path) -> Path:
    """Sample articles, an exact copy of one under another name, and a broken file."""
    folder = tmp_path_factory.mktemp("crash-corpus")
    files = sorted(sample_dir.glob("*.json"))[:ARTICLES]
    for path in files:
        shutil.copy(path, folder / path.name)
    record = json.loads(files[0].read_text(encoding="utf-8"))
    record.update(doc_id="syndicated", url="https://syndicator.example/story", source="Syndicator")
    (folder / "zz-copy-of-first.json").write_text(json.dumps(record), encoding="utf-8")
    (folder / "zz-broken.json").write_text('{"text": "unterminated', encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Snapshot, float]:
    """The store one uninterrupted run makes, and how long that run took."""
    db = str(tmp_path_factory.mktemp("crash-ref") / "ref.db")
    began = time.monotonic()
    code, output = run_ingest(db, [str(corpus)])
    took = time.monotonic() - began
    assert code == 0, output
    shot = snapshot(db)
    assert len(shot.articles) == ARTICLES and shot.counts["copies"] == ARTICLES + 1
    assert store_problems(db) == []
    return shot, took


def test_store_problems_finds_a_broken_store(tmp_path: Path, corpus: Path) -> None:
    """The checker itself: a kept row removed and an orphan fact are both reported."""
    db = str(tmp_path / "broken.db")
    assert run_ingest(db, [str(corpus)])[0] == 0
    store = open_store(db)
    run = store._run  # type: ignore[attr-defined]
    run("DELETE FROM actor_totals WHERE actor_id = (SELECT min(actor_id) FROM actor_totals)")
    run("DELETE FROM analysed WHERE article_id = (SELECT min(article_id) FROM facts)")
    store.close()
    found = store_problems(db)
    assert any(p.startswith("actor_totals") for p in found), found
    assert any(p.startswith("fact of an article not marked analysed") for p in found), found


def test_sigkill_on_sqlite(tmp_path: Path, corpus: Path, reference: tuple[Snapshot, float]) -> None:
    want = reference[0]
    result = trial(str(tmp_path / "k.db"), [str(corpus)], want, 3, random.Random(13))
    assert result.ok, result
    assert any(k.killed for k in result.kills)


@pytest.mark.postgres
def test_sigkill_on_postgres(
    postgres_url: str, corpus: Path, reference: tuple[Snapshot, float]
) -> None:
    want = reference[0]
    result = trial(postgres_url, [str(corpus)], want, 2, random.Random(14))
    assert result.ok, result


def test_two_ingests_at_once_on_sqlite(
    tmp_path: Path, corpus: Path, reference: tuple[Snapshot, float]
) -> None:
    result = concurrent(str(tmp_path / "c.db"), [str(corpus)], reference[0])
    assert result.ok, result


@pytest.mark.postgres
def test_two_ingests_at_once_on_postgres(
    postgres_url: str, corpus: Path, reference: tuple[Snapshot, float]
) -> None:
    result = concurrent(postgres_url, [str(corpus)], reference[0])
    assert result.ok, result


@pytest.mark.postgres
def test_postgres_restart_mid_ingest(
    pg_server: PgServer, postgres_url: str, corpus: Path, reference: tuple[Snapshot, float]
) -> None:
    """The run stops with a clear error (exit 3, no traceback); the next one resumes."""
    if pg_server.data_dir is None:
        pytest.skip("a server of your own (WATCHFLOOR_TEST_POSTGRES) is not restarted")
    process = start_ingest(postgres_url, [str(corpus)])
    wait_for_articles(postgres_url, 2, process, reference[1] * 3)
    running = process.poll() is None
    log = str(pg_server.data_dir.parent / "log")
    restart = _tool(pg_server, "pg_ctl", "-m", "immediate", "-l", log, "-w", "restart")
    subprocess.run(restart, capture_output=True, timeout=120, check=True)
    output = process.communicate(timeout=600)[0].decode(errors="replace")
    assert running, output  # the analysis of ARTICLES articles takes seconds
    assert process.returncode == 3, output
    assert "database error" in output and "Traceback" not in output, output
    assert store_problems(postgres_url) == []
    code, output = run_ingest(postgres_url, [str(corpus)])
    assert code == 0, output
    assert store_problems(postgres_url) == []
    assert snapshot(postgres_url).articles == reference[0].articles
