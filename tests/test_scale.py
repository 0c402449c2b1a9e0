"""The ingest on a Dask cluster: partitions, a worker killed mid-run, resuming, idempotence."""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from dask_cluster import DaskCluster, dask_cluster
from distributed import Client
from news_warc import build_news_warc, near_copies
from typer.testing import CliRunner

from watchfloor.cli import app
from watchfloor.models import Skip
from watchfloor.scale.partitions import iter_partition_pages, plan_partitions
from watchfloor.scale.run import ClusterOptions, RunProgress, ingest_on_dask
from watchfloor.scale.worker import Extracted, warm_up
from watchfloor.service import IngestOptions, ingest
from watchfloor.sources import iter_inputs
from watchfloor.store import SQLiteStore, open_store
from watchfloor.store.base import Store

PAGES = 200  # short pages: the analysis of all of them twice stays near a minute
RECORDS = 40  # WARC records per partition: 11 partitions for two workers


def test_warc_record_ranges_give_the_pages_of_the_whole_file(tmp_path: Path) -> None:
    for name, gz in (("a.warc.gz", True), ("b.warc", False)):
        warc = build_news_warc(tmp_path / name, 50, gz=gz)
        parts = plan_partitions([str(warc)], records=15)
        assert len(parts) == 8 and [p.kind for p in parts] == ["warc"] * 8
        assert parts[-1].key == f"warc:{warc}#records=105-end"
        read = [page for part in parts for page in iter_partition_pages(part)]
        assert read == list(iter_inputs([str(warc)]))
        assert parts[0].offset == 0 and sum(p.size for p in parts) == warc.stat().st_size
    whole = tmp_path / "b.warc"
    cut = tmp_path / "cut.warc"
    cut.write_bytes(whole.read_bytes()[:-300])  # the last record cut short
    parts = plan_partitions([str(cut)], records=15)
    read = [page for part in parts for page in iter_partition_pages(part)]
    assert read == list(iter_inputs([str(cut)]))
    assert isinstance(read[-1], Skip) and read[-1].reason.value == "truncated"


def test_a_folder_is_partitioned_by_file(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "one.txt").write_text("Title\n\nSome text of a story.")
    build_news_warc(tmp_path / "in" / "two.warc.gz", 10)
    parts = plan_partitions([str(tmp_path / "in"), "https://example.org/x"], records=1000)
    assert [p.kind for p in parts] == ["file", "file", "url"]
    with pytest.raises(ValueError, match="standard input"):
        plan_partitions(["-"])


def test_the_warm_up_page_goes_through_every_stage() -> None:
    """What a worker runs as it joins, so that no partition pays for loading data."""
    item = warm_up()
    assert isinstance(item, Extracted) and item.analysis is not None
    assert item.analysis.error is None and item.analysis.actors
    assert item.analysis.facts["events"] and item.analysis.facts["quotes"]


def stored(store: Store) -> dict[str, Any]:
    """What the ingest filed, by article URL: the article, its copies, mentions and facts
    with the registry actors they name (ids and timestamps aside)."""
    sql = store._all  # type: ignore[attr-defined]
    articles = {r["id"]: r["url"] for r in sql("SELECT id, url FROM articles ORDER BY id")}
    out: dict[str, Any] = {}
    for row in sql("SELECT id, url, doc_id, title, text_hash FROM articles ORDER BY id"):
        out[row["url"]] = {"article": (row["doc_id"], row["title"], row["text_hash"])}
    for row in sql("SELECT article_id, url, kind FROM copies ORDER BY article_id, url"):
        out[articles[row["article_id"]]].setdefault("copies", []).append((row["url"], row["kind"]))
    for row in sql(
        'SELECT m.article_id, m.start, m."end", m.text, r.key FROM mentions m'
        ' JOIN actors r ON r.id = m.actor_id ORDER BY m.article_id, m.start, m."end", r.key'
    ):
        entry = out[articles[row["article_id"]]]
        entry.setdefault("mentions", []).append(tuple(row.values())[1:])
    for row in sql(
        "SELECT f.article_id, f.section, f.ordinal, f.date, f.evidence, f.evidence_start,"
        " f.evidence_end, f.data, s.key AS source, t.key AS target FROM facts f"
        " LEFT JOIN actors s ON s.id = f.source_actor_id"
        " LEFT JOIN actors t ON t.id = f.target_actor_id"
        " ORDER BY f.article_id, f.section, f.ordinal"
    ):
        entry = out[articles[row["article_id"]]]
        entry.setdefault("facts", []).append(tuple(row.values())[1:])
    return out


def kill_a_busy_worker(
    cluster: DaskCluster, filed_one: threading.Event, done: threading.Event, killed: list[str]
) -> None:
    """Once a partition is filed, SIGKILL the first worker seen running a partition."""
    filed_one.wait(timeout=300)
    with Client(cluster.address, timeout=30) as client:
        while not done.is_set() and not killed:
            busy = [w for w, keys in client.processing().items() if keys]
            if busy:
                os.kill(client.run(os.getpid, workers=[busy[0]])[busy[0]], signal.SIGKILL)
                killed.append(busy[0])
            time.sleep(0.05)


@pytest.mark.postgres
@pytest.mark.timeout(600)  # two ingests of 200 pages; on a loaded 2-CPU machine up to 4 minutes
def test_two_workers_one_killed_store_what_one_process_stores(
    tmp_path: Path, pg_server: Any, postgres_url: str
) -> None:
    warc = build_news_warc(tmp_path / "news.warc.gz", PAGES)
    baseline_schema = pg_server.new_schema()
    try:
        one = open_store(pg_server.schema_url(baseline_schema))
        ingest(one, [str(warc)])
        expected = stored(one)
        one.close()
    finally:
        pg_server.drop_schema(baseline_schema)
    assert len(expected) == PAGES  # the near-duplicate copies are copies, not articles
    assert sum(len(e.get("facts", [])) for e in expected.values()) > PAGES
    assert sum(len(e["copies"]) for e in expected.values()) == PAGES + len(near_copies(PAGES))

    store = open_store(postgres_url)
    killed: list[str] = []
    with dask_cluster(2, tmp_path / "dask") as cluster:
        filed_one, done = threading.Event(), threading.Event()
        args = (cluster, filed_one, done, killed)
        killer = threading.Thread(target=kill_a_busy_worker, args=args)
        killer.start()

        def watch(progress: RunProgress) -> None:
            if progress.filed:
                filed_one.set()

        options = ClusterOptions(cluster.address, records=RECORDS)
        try:
            progress = ingest_on_dask(store, [str(warc)], options, on_progress=watch)
        finally:
            done.set()
            filed_one.set()
            killer.join()
        alive = cluster.worker_pids()
        assert killed, "no worker was seen with a partition in hand"
        assert len(alive) == 1 and killed[0] not in alive
        assert progress.failed == [] and progress.filed == progress.partitions == 11
        assert stored(store) == expected
        assert progress.summary.ingested == PAGES
        assert progress.summary.duplicates == len(near_copies(PAGES))
        again = ingest_on_dask(store, [str(warc)], options)  # a finished run: nothing to do
        assert again.finished_before == 11 and again.filed == 0
    assert stored(store) == expected
    store.close()


def test_a_stopped_local_run_continues_and_a_finished_one_changes_nothing(
    tmp_path: Path,
) -> None:
    warc = build_news_warc(tmp_path / "news.warc.gz", 30)
    db = tmp_path / "local.db"
    store = SQLiteStore(db)
    options = ClusterOptions("local:1", records=10)

    def stop_after_two(progress: RunProgress) -> None:
        if progress.filed == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        ingest_on_dask(store, [str(warc)], options, on_progress=stop_after_two)
    assert store.counts()["articles"] > 0
    store.close()
    cli = ["ingest", str(warc), "--db", str(db), "--dask", "local:1", "--partition-records", "10"]
    result = CliRunner().invoke(app, cli)
    assert result.exit_code == 0, result.output
    assert "Dask dashboard: http://" in result.output
    assert "7 partitions, 2 finished before" in result.output
    assert "partitions 7/7" in result.output and "skipped 1 (no_article 1)" in result.output
    store = SQLiteStore(db)
    filed = stored(store)
    assert len(filed) == 30 and store.unanalysed_ids() == []
    assert store.forget_partitions() == 7
    rerun = ingest_on_dask(store, [str(warc)], options, IngestOptions(analyse=False))
    assert rerun.summary.ingested == 0 and rerun.summary.unchanged == 30 + len(near_copies(30))
    assert stored(store) == filed
    store.close()


def test_a_remote_cluster_needs_a_shared_store(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "x.db")
    with pytest.raises(ValueError, match="PostgreSQL"):
        ingest_on_dask(store, [str(tmp_path)], ClusterOptions("tcp://127.0.0.1:1"))
    store.close()
