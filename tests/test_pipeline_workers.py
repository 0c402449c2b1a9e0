"""The analysis in worker processes: the same stored facts as one process, bad articles skipped."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from watchfloor.service import IngestOptions, Outcome, analyse_stored, ingest
from watchfloor.store import SQLiteStore

SAMPLES = (
    "wn-2019-01-23-germany-bans-mahan-air-of-iran",
    "wn-2019-03-28-thousands-march-in-anti-brexit-protest",
    "wn-2019-10-15-kurds-announce-deal-with-assad-s",
    "wn-2020-01-13-iran-admits-downing-ukrainian-jet-cites",
)
# Everything the analysis files; the timestamps of ``analysed`` aside.
TABLES = {
    "actors": "id",
    "actor_aliases": "actor_id, alias",
    "actor_roles": "actor_id, article_id, role",
    "mentions": "id",
    "facts": "id",
}


def stored(store: SQLiteStore) -> dict[str, list[tuple[object, ...]]]:
    return {
        table: [tuple(row) for row in store.db.execute(f"SELECT * FROM {table} ORDER BY {order}")]
        for table, order in TABLES.items()
    }


def fresh(folder: Path, name: str, inputs: list[str]) -> SQLiteStore:
    store = SQLiteStore(folder / f"{name}.db")
    ingest(store, inputs, IngestOptions(analyse=False))
    return store


def test_two_workers_store_the_same_facts_as_one(tmp_path: Path, sample_dir: Path) -> None:
    inputs = [str(sample_dir / f"{name}.json") for name in SAMPLES]
    one, two = fresh(tmp_path, "one", inputs), fresh(tmp_path, "two", inputs)
    seen: list[Outcome] = []
    assert analyse_stored(one) == len(SAMPLES)
    done = analyse_stored(two, batch_size=1, workers=2, on_item=lambda o, x, r: seen.append(x))
    assert done == len(SAMPLES) and seen == [Outcome.ANALYSED] * len(SAMPLES)
    expected = stored(one)
    assert expected["facts"] and expected["mentions"]
    assert stored(two) == expected
    assert two.unanalysed_ids() == []
    one.close()
    two.close()


def test_a_failing_article_is_logged_and_skipped_without_losing_the_others(
    tmp_path: Path, sample_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # A real article past spaCy's max_length (1,000,000 characters) breaks the analyser.
    paragraphs = [
        f"Item {n}: the council met again on Monday to discuss the port." for n in range(16_000)
    ]
    record = {"doc_id": "too-long", "title": "Minutes", "published": "2020-01-01"}
    (tmp_path / "too-long.json").write_text(json.dumps({**record, "text": "\n\n".join(paragraphs)}))
    inputs = [str(sample_dir / f"{name}.json") for name in SAMPLES[:2]]
    inputs += [str(tmp_path / "too-long.json"), str(sample_dir / f"{SAMPLES[2]}.json")]
    store = fresh(tmp_path, "failing", inputs)
    long_id = store.db.execute("SELECT id FROM articles WHERE doc_id = 'too-long'").fetchone()[0]
    assert len(store.get_article(long_id).article.text) > 1_000_000  # type: ignore[union-attr]
    with caplog.at_level(logging.ERROR, logger="watchfloor.service"):
        assert analyse_stored(store, batch_size=2, workers=2) == 4
    failed = [r.getMessage() for r in caplog.records if "analysis failed" in r.getMessage()]
    assert len(failed) == 1 and f"article {long_id} (too-long)" in failed[0]
    assert "E088" in failed[0]  # spaCy's own error, with its traceback, in the log
    with_facts = {
        row[0] for row in store.db.execute("SELECT DISTINCT article_id FROM mentions").fetchall()
    }
    assert long_id not in with_facts and len(with_facts) == 3
    assert store.unanalysed_ids() == []  # skipped for good: the next run does not retry it
    store.close()
