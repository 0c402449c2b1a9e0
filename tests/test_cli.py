"""The command line, run in-process with typer's runner against a real SQLite file."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from watchfloor.cli import app

runner = CliRunner()


def run(*args: str, input: str | None = None) -> str:
    result = runner.invoke(app, list(args), input=input)
    assert result.exit_code == 0, result.output
    return result.output


def test_ingest_list_search_show(tmp_path: Path, fixtures: Path) -> None:
    db = str(tmp_path / "cli.db")
    out = run("ingest", str(fixtures / "records" / "broken.jsonl"), "--db", db)
    assert "ingested" in out and "malformed_json" in out
    listing = run("articles", "--db", db, "--json")
    rows = [json.loads(line) for line in listing.splitlines()]
    assert {r["doc_id"] for r in rows} == {"good-one", "good-two"}
    found = run("articles", "--db", db, "--search", "bridge", "--json")
    assert [json.loads(line)["doc_id"] for line in found.splitlines()] == ["good-two"]
    since = run("articles", "--db", db, "--since", "2024-05-03", "--json")
    assert [json.loads(line)["doc_id"] for line in since.splitlines()] == ["good-two"]
    shown = run("show", "good-one", "--db", db)
    assert "River levels across the lowland districts" in shown


def test_bad_parameters_get_clear_errors(tmp_path: Path) -> None:
    db = str(tmp_path / "cli.db")
    result = runner.invoke(app, ["articles", "--db", db, "--since", "not a date"])
    assert result.exit_code != 0 and "not a date" in result.output
    result = runner.invoke(app, ["show", "nope", "--db", db])
    assert result.exit_code == 1
    result = runner.invoke(app, ["articles", "--db", "postgresql+foo://x"])
    assert result.exit_code == 2


def test_article_prints_one_json_line_per_input(fixtures: Path, tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    out = run(
        "article", str(fixtures / "records" / "two-articles.jsonl"), str(tmp_path / "empty.txt")
    )
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line.get("doc_id") for line in lines] == ["harbour-talks", "grain-convoy", None]
    first = lines[0]
    assert set(first) >= {
        "input",
        "title",
        "published",
        "author",
        "source",
        "url",
        "language",
        "text",
        "paragraphs",
    }
    assert first["paragraphs"][0]["text"] in first["text"]
    assert lines[1]["published"] == "2024-03-06T09:30:00+01:00"
    assert lines[2]["skipped"] == "empty"


def test_ingest_from_stdin(tmp_path: Path) -> None:
    db = str(tmp_path / "cli.db")
    record = {
        "title": "Canal reopens",
        "text": "The canal reopened to barges on Monday after "
        "repairs to the lock gates were finished ahead of schedule, the authority said.",
    }
    out = run("ingest", "-", "--db", db, input=json.dumps(record))
    assert "ingested" in out
    assert "Canal reopens" in run("articles", "--db", db)


def test_demo_ingests_the_sample(tmp_path: Path) -> None:
    out = run("demo", "--db", str(tmp_path / "demo.db"))
    assert "ingested" in out and "latest articles" in out


def test_a_password_in_the_database_url_is_never_printed() -> None:
    from watchfloor.cli.common import shown

    assert shown("postgresql://ann:s3cret@db.example:5433/news") == (
        "postgresql://ann:***@db.example:5433/news"
    )
    assert shown("postgresql://ann@db.example/news") == "postgresql://ann@db.example/news"
    assert shown("sqlite:///watchfloor.db") == "sqlite:///watchfloor.db"
    assert shown("watchfloor.db") == "watchfloor.db"


def test_an_unreachable_database_url_is_reported_without_its_password() -> None:
    result = runner.invoke(app, ["articles", "--db", "postgresql://ann:s3cret@127.0.0.1:1/news"])
    assert result.exit_code == 2
    assert "s3cret" not in result.output and "ann:***@127.0.0.1:1" in result.output
