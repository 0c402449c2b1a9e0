"""The ledger through the CLI (``watchfloor forecasts``, ``forecasts resolve``, ``ledger``)
and the API (``GET /ledger``, ``POST /forecasts/{id}/resolution``), on each backend."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from ledger_facts import file_series
from typer.testing import CliRunner

from watchfloor.api import ApiSettings, create_app
from watchfloor.cli import app
from watchfloor.store import open_store

KEY = "ledger-key-0123456789abcdef"
runner = CliRunner()


@pytest.fixture
def db(store_url: str) -> str:
    store = open_store(store_url)
    file_series(store)
    store.close()
    return store_url


@pytest.fixture
def client(db: str) -> Iterator[TestClient]:
    with TestClient(create_app(ApiSettings(database=db, api_key=KEY))) as test_client:
        yield test_client


def cli(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_forecasts_still_lists_and_resolve_resolves(db: str) -> None:
    lines = cli("forecasts", "--db", db, "--json", "--limit", "3").splitlines()
    assert len(lines) == 3 and all("statement" in json.loads(line) for line in lines)
    ledger = json.loads(cli("ledger", "--db", db, "--json", "--as-of", "2025-06-01"))
    sanction = next(f for f in ledger["forecasts"] if "sanction" in f["statement"])
    assert sanction["status"] == "due"
    out = cli("forecasts", "resolve", sanction["id"], "no", "--evidence", "r2", "--note", "none",
              "--who", "ana", "--db", db)  # fmt: skip
    assert f"forecast {sanction['id']}: resolved (no)" in out
    after = json.loads(cli("ledger", "--db", db, "--json", "--source", "Jane Roe"))
    resolved = next(f for f in after["forecasts"] if f["id"] == sanction["id"])
    assert resolved["resolved_by"]["kind"] == "analyst"
    assert (resolved["resolved_by"]["who"], resolved["resolved_by"]["doc_id"]) == ("ana", "r2")
    assert after["sources"][0]["resolved"] == 3


def test_resolve_rejects_bad_input(db: str) -> None:
    bad = runner.invoke(app, ["forecasts", "resolve", "1", "maybe", "--db", db])
    assert bad.exit_code == 2 and "yes, no, void" in bad.output
    missing = runner.invoke(app, ["forecasts", "resolve", "424242", "yes", "--db", db])
    assert missing.exit_code == 1 and "no forecast 424242" in missing.output


def test_ledger_plot_draws_bins_and_the_diagonal(db: str, tmp_path: Path) -> None:
    picture = tmp_path / "calibration.svg"
    cli("ledger", "--db", db, "--as-of", "2025-06-01", "--plot", str(picture))
    svg = picture.read_text()
    assert svg.startswith("<svg") and svg.rstrip().endswith("</svg>")
    assert 'stroke-dasharray="6 4"' in svg  # the diagonal
    assert svg.count("<circle") == 2  # Jane Roe's two non-empty bins
    assert "Jane Roe (n=2" in svg


def test_api_ledger_is_the_cli_json(db: str, client: TestClient) -> None:
    cli("ledger", "--db", db, "--as-of", "2025-06-01")  # files and resolves
    expected = json.loads(cli("ledger", "--db", db, "--json", "--no-update", "--limit", "50",
                              "--forecasts", "50", "--as-of", "2025-06-01"))  # fmt: skip
    got = client.get("/ledger", params={"as_of": "2025-06-01"})
    assert got.status_code == 200
    assert got.json() == expected
    one = client.get("/ledger", params={"source": "Daily Planet"}).json()
    assert [s["source"] for s in one["sources"]] == ["Daily Planet"]
    assert client.get("/ledger", params={"since": "yesterday"}).status_code == 422


def test_api_resolution_needs_the_key_and_wins(db: str, client: TestClient) -> None:
    cli("ledger", "--db", db, "--as-of", "2025-06-01")
    attack = next(
        f for f in client.get("/ledger").json()["forecasts"] if "attack" in f["statement"]
    )
    url = f"/forecasts/{attack['id']}/resolution"
    body = {"outcome": "void", "note": "the shelling was an accident", "analyst": "ana"}
    assert client.post(url, json=body).status_code == 401
    assert client.post(url, json=body, headers={"X-API-Key": "wrong"}).status_code == 403
    answer = client.post(url, json=body, headers={"X-API-Key": KEY})
    assert answer.status_code == 200
    item = answer.json()
    assert (item["status"], item["outcome"], item["resolved_by"]["who"]) == ("void", None, "ana")
    assert item["resolved_by"]["at"]
    headers = {"X-API-Key": KEY}
    assert (
        client.post("/forecasts/999999/resolution", json=body, headers=headers).status_code == 404
    )
    bad = client.post(url, json={"outcome": "perhaps"}, headers=headers)
    assert bad.status_code == 422
    listed = next(f for f in client.get("/ledger").json()["forecasts"] if f["id"] == attack["id"])
    assert listed["status"] == "void"
