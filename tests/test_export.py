"""Exports on a real store: sample articles ingested and analysed, every format read back."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from watchfloor.cli import app
from watchfloor.export import TABLES, export
from watchfloor.export.parquet_tables import arrow_schema
from watchfloor.export.rows import export_source, table_batches
from watchfloor.export.schema import SECTIONS, columns
from watchfloor.service import IngestOptions, ingest
from watchfloor.store import SQLiteStore, open_store

ARTICLES = (
    "wn-2019-01-23-germany-bans-mahan-air-of-iran",
    "wn-2019-02-21-sixteen-states-sue-u-s-president",
    "wn-2019-03-28-thousands-march-in-anti-brexit-protest",
    "wn-2019-06-23-hong-kong-protesters-surround-downtown-police",
)
COPY_URL = "https://syndication.example/germany-bans-mahan-air"


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory, sample_dir: Path) -> list[str]:
    """Four sample articles, the first also seen again at a syndicated URL."""
    folder = tmp_path_factory.mktemp("inputs")
    first = json.loads((sample_dir / f"{ARTICLES[0]}.json").read_text(encoding="utf-8"))
    copy = {**first, "doc_id": "syndicated-mahan-air", "url": COPY_URL, "source": "Syndicate"}
    (folder / "copy.json").write_text(json.dumps(copy), encoding="utf-8")
    return [str(sample_dir / f"{name}.json") for name in ARTICLES] + [str(folder / "copy.json")]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, inputs: list[str]) -> Path:
    """A SQLite store with the inputs ingested and analysed."""
    path = tmp_path_factory.mktemp("export") / "facts.db"
    store = SQLiteStore(path)
    summary = ingest(store, inputs, IngestOptions())
    assert (summary.ingested, summary.duplicates, summary.analysed) == (4, 1, 4)
    store.close()
    return path


@pytest.fixture
def filled(db: Path) -> Iterator[SQLiteStore]:
    opened = SQLiteStore(db)
    yield opened
    opened.close()


def stored_counts(store: SQLiteStore, since: str = "") -> dict[str, int]:
    rows = store.db.execute(
        "SELECT f.section, count(*) FROM facts f JOIN articles a ON a.id = f.article_id"
        " WHERE coalesce(a.published, a.ingested_at) >= ? GROUP BY f.section",
        (since,),
    )
    return {section: 0 for section in SECTIONS} | dict(rows.fetchall())


def test_jsonl_has_every_fact_once_with_its_section_evidence_and_urls(
    filled: SQLiteStore, tmp_path: Path
) -> None:
    counts = export(filled, "jsonl", tmp_path / "facts.jsonl")
    lines = [json.loads(line) for line in (tmp_path / "facts.jsonl").read_text().splitlines()]
    assert counts == stored_counts(filled) and sum(counts.values()) == len(lines)
    assert counts["events"] > 0 and counts["quotes"] > 0
    assert len({(row["section"], row["fact_id"]) for row in lines}) == len(lines)
    for row in lines:
        assert row["section"] in SECTIONS
        assert row["evidence"] and row["doc_id"] and row["url"] in row["urls"]
        assert list(row)[1:] == [name for name, _ in columns(row["section"])]


def test_csv_one_file_per_table_reads_back(filled: SQLiteStore, tmp_path: Path) -> None:
    counts = export(filled, "csv", tmp_path)
    assert set(counts) == set(TABLES) and counts["articles"] == 4
    for table in TABLES:
        with (tmp_path / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            rows = list(reader)
        assert reader.fieldnames == [name for name, _ in columns(table)]
        assert len(rows) == counts[table]
    with (tmp_path / "events.csv").open(encoding="utf-8", newline="") as handle:
        events = list(csv.DictReader(handle))
    for event in events:
        assert event["evidence"] and event["type"] and event["url"]
        assert event["url"] in json.loads(event["urls"])
        assert event["evidence"] in _article_text(filled, int(event["article_id"]))


def test_parquet_tables_have_their_schemas_and_every_row(
    filled: SQLiteStore, tmp_path: Path
) -> None:
    counts = export(filled, "parquet", tmp_path)
    for table in TABLES:
        read = pq.read_table(tmp_path / f"{table}.parquet")
        assert read.schema.equals(arrow_schema(table)) and read.num_rows == counts[table]
    events = pq.read_table(tmp_path / "events.parquet").to_pylist()
    assert events and all(e["evidence"] and e["urls"] and e["doc_id"] for e in events)
    actors = pq.read_table(tmp_path / "actors.parquet").to_pylist()
    germany = next(a for a in actors if a["name"] == "Germany")
    assert germany["country"] == "DEU" and germany["articles"] >= 1 and germany["aliases"]


def test_plover_records_carry_evidence_and_every_source_url(
    filled: SQLiteStore, tmp_path: Path
) -> None:
    export(filled, "plover", tmp_path)
    records = [json.loads(line) for line in (tmp_path / "events.plover.jsonl").open()]
    assert len(records) == stored_counts(filled)["events"]
    assert len({r["id"] for r in records}) == len(records)
    for record in records:
        assert record["event"] == [record["event_type"]] and record["date"]
        assert record["evidence"] == record["text"] and record["source_urls"]
        assert record["doc_ids"] and record["quad_code"] in {1, 2, 3, 4}
        assert isinstance(record["actor"], list) and isinstance(record["recipient"], list)
    mahan = [r for r in records if r["doc_ids"] == [ARTICLES[0]]]
    assert mahan and all(COPY_URL in r["source_urls"] for r in mahan)
    assert any(a["code"] == "DEU" for r in mahan for a in r["actor"])
    assert any(r["actor_country"] == "DEU" for r in mahan)


def test_since_keeps_facts_of_later_articles(filled: SQLiteStore, tmp_path: Path) -> None:
    counts = export(filled, "jsonl", tmp_path / "later.jsonl", since="2019-03-01")
    assert counts == stored_counts(filled, "2019-03-01")
    assert 0 < sum(counts.values()) < sum(stored_counts(filled).values())
    for line in (tmp_path / "later.jsonl").read_text().splitlines():
        assert json.loads(line)["published"] >= "2019-03-01"
    tables = export(filled, "csv", tmp_path / "later", since="2019-03-01")
    assert tables["articles"] == 2


def test_small_pages_stream_the_same_rows(filled: SQLiteStore) -> None:
    source = export_source(filled)
    for table in TABLES:
        paged = [row for batch in table_batches(source, table, size=3) for row in batch]
        whole = [row for batch in table_batches(source, table) for row in batch]
        assert paged == whole


def test_cli_writes_plover_to_stdout_and_refuses_stdout_for_tables(db: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["export", "--db", str(db), "--format", "plover", "--out", "-"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert records and all(r["source_urls"] for r in records)
    refused = runner.invoke(app, ["export", "--db", str(db), "--format", "parquet"])
    assert refused.exit_code == 2
    bad_date = runner.invoke(app, ["export", "--db", str(db), "--since", "someday"])
    assert bad_date.exit_code == 2


@pytest.mark.postgres
def test_postgres_exports_the_same_rows(db: Path, inputs: list[str], postgres_url: str) -> None:
    postgres, sqlite = open_store(postgres_url), SQLiteStore(db)
    try:
        ingest(postgres, inputs, IngestOptions())
        for since in (None, "2019-03-01"):
            for table in TABLES:
                assert _rows(postgres, table, since) == _rows(sqlite, table, since), table
    finally:
        postgres.close()
        sqlite.close()


def _rows(store: object, table: str, since: str | None) -> list[dict[str, object]]:
    batches = table_batches(export_source(store), table, since, size=2)
    return [{k: v for k, v in row.items() if k != "ingested_at"} for b in batches for row in b]


def test_a_store_without_export_reads_is_refused() -> None:
    with pytest.raises(TypeError, match="cannot export"):
        export(object(), "jsonl", "-")


def _article_text(store: SQLiteStore, article_id: int) -> str:
    return str(
        store.db.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()[0]
    )
