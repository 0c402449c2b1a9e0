"""The forecast ledger on each backend: filing, merging, resolving, scoring (issue 14)."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from typing import Any

import pytest
from ledger_facts import ATTACK, actors_of, event, file_article, file_series, forecast

from watchfloor.ledger.scores import BINS, Cell, bin_of, brier, calibration, interval, score
from watchfloor.ledger.service import (
    LedgerError,
    calibration_extremes,
    ledger_report,
    resolve_forecast,
    resolved_since,
    update_ledger,
)
from watchfloor.store import Store

TODAY = "2025-06-01"


@pytest.fixture
def store(any_store: Store) -> Iterator[Store]:
    yield any_store


def _by_statement(store: Store) -> dict[str, dict[str, Any]]:
    report = ledger_report(store, forecasts=100, today=TODAY)
    return {f["statement"]: f for f in report.forecasts}


def _rows(store: Store) -> tuple[int, ...]:
    db: Any = store
    tables = ("ledger_forecasts", "ledger_mentions", "ledger_resolutions")
    return tuple(int(db._one(f"SELECT count(*) AS n FROM {t}")["n"]) for t in tables)


def test_later_reporting_resolves_forecasts(store: Store) -> None:
    file_series(store)
    done = update_ledger(store, today=TODAY)
    assert (done.filed, done.resolved) == (6, 2)
    found = _by_statement(store)
    attack = found["Northland to attack Calder"]
    assert (attack["status"], attack["outcome"], attack["mentions"]) == ("resolved", "yes", 2)
    assert attack["resolved_by"]["kind"] == "engine"
    assert attack["resolved_by"]["doc_id"] == "r1"
    assert attack["resolved_by"]["confidence"] >= 0.9
    assert (attack["plover"], attack["p"], attack["due"]) == ("ASSAULT", 0.675, "2025-03-31")
    talks = found["Northland hold talks with Calder"]
    assert (talks["status"], talks["outcome"]) == ("resolved", "no")
    assert talks["resolved_by"]["evidence"] == "Northland did not hold talks with Calder."


def test_weak_matches_wait_and_nothing_is_silently_no(store: Store) -> None:
    file_series(store)
    update_ledger(store, today=TODAY)
    found = _by_statement(store)
    inflation = found["inflation to exceed 5% in Calder"]
    assert (inflation["status"], inflation["outcome"], inflation["resolved_by"]) == (
        "open",
        None,
        None,
    )
    (proposal,) = inflation["proposals"]
    assert (proposal["outcome"], proposal["doc_id"]) == ("yes", "r3")
    assert proposal["confidence"] < 0.9
    assert inflation["source"] == "Daily Planet"  # the outlet's own view
    sanction = found["Northland to sanction Calder"]  # past due, nothing reported
    assert (sanction["status"], sanction["outcome"]) == ("due", None)
    vague = found["Northland change course"]
    assert vague["p"] is None and vague["due"] == "2026-01-16"  # no horizon: made + 365 days


def test_re_ingesting_duplicates_nothing(store: Store) -> None:
    file_series(store)
    update_ledger(store, today=TODAY)
    before = _rows(store)
    update_ledger(store, today=TODAY)
    article = store.get_article("f1")
    assert article is not None
    facts = {
        "forecasts": [forecast("Northland to attack Calder", (0.55, 0.8), "2025-03-31")],
        "events": [event("ASSAULT", "predicted", "2025-03-31")],
    }
    text = article.article.text
    span = {"evidence": text, "evidence_start": 0, "evidence_end": len(text)}
    filed = {s: [{**f, **span} for f in items] for s, items in facts.items()}
    store.save_analysis(article.id, "f1", actors_of(text), filed)  # analysed again
    update_ledger(store, today=TODAY)
    assert _rows(store) == before == (5, 6, 3)


def test_a_changed_probability_is_a_new_forecast(store: Store) -> None:
    file_article(store, "p1", "2025-01-10", ATTACK, {
        "forecasts": [forecast("Northland to attack Calder", (0.55, 0.8), "2025-03-31")],
    })  # fmt: skip
    file_article(store, "p2", "2025-01-20", "Now: " + ATTACK, {
        "forecasts": [forecast("Northland to attack Calder", (0.8, 0.95), "2025-03-31")],
    })  # fmt: skip
    update_ledger(store, today=TODAY)
    report = ledger_report(store, today=TODAY)
    assert sorted(f["p"] for f in report.forecasts) == [0.675, 0.875]


def test_the_analyst_wins_and_is_kept(store: Store) -> None:
    file_series(store)
    update_ledger(store, today=TODAY)
    attack = _by_statement(store)["Northland to attack Calder"]
    item = resolve_forecast(
        store, int(attack["id"]), "no", "ana", evidence="r1", note="shelling was not an attack"
    )
    assert (item["status"], item["outcome"]) == ("resolved", "no")
    assert item["resolved_by"]["kind"] == "analyst"
    assert (item["resolved_by"]["who"], item["resolved_by"]["doc_id"]) == ("ana", "r1")
    assert item["resolved_by"]["at"]
    update_ledger(store, today=TODAY)  # the engine does not take it back
    again = _by_statement(store)["Northland to attack Calder"]
    assert (again["outcome"], again["resolved_by"]["kind"]) == ("no", "analyst")
    voided = resolve_forecast(store, int(attack["id"]), "void", "ben")
    assert (voided["status"], voided["outcome"], voided["resolved_by"]["who"]) == (
        "void",
        None,
        "ben",
    )
    recent = resolved_since(store, "2000-01-01")
    assert attack["id"] in [f["id"] for f in recent]
    assert resolved_since(store, "2999-01-01") == []
    with pytest.raises(LedgerError):
        resolve_forecast(store, 999_999, "yes", "ana")
    with pytest.raises(LedgerError):
        resolve_forecast(store, int(attack["id"]), "maybe", "ana")


def test_source_scores_match_a_hand_computation(store: Store) -> None:
    file_series(store)
    update_ledger(store, today=TODAY)
    (roe,) = ledger_report(store, source="Jane Roe", today=TODAY).sources
    # attack: p 0.675, yes; talks: p 0.97, no
    hand = ((0.675 - 1) ** 2 + (0.97 - 0) ** 2) / 2
    assert roe["brier"] == pytest.approx(hand, abs=1e-4)
    assert (roe["made"], roe["resolved"], roe["open"], roe["scored"]) == (4, 2, 2, 2)
    assert roe["brier_low"] <= roe["brier"] <= roe["brier_high"]
    assert [b["n"] for b in roe["calibration"]] == [0, 0, 0, 0, 0, 0, 1, 0, 0, 1]
    assert roe == ledger_report(store, source="person:jane-roe", today=TODAY).sources[0]
    since = ledger_report(store, source="Roe", since="2025-01-11", today=TODAY).sources[0]
    assert (since["made"], since["resolved"]) == (3, 1)  # the attack was made on the 10th


def test_brier_and_calibration_by_hand() -> None:
    cells = [Cell(0.9, 1, 3), Cell(0.9, 0, 1), Cell(0.2, 0, 4), Cell(1.0, 1, 2)]
    hand = (3 * 0.01 + 1 * 0.81 + 4 * 0.04 + 2 * 0.0) / 10
    assert brier(cells) == pytest.approx(hand)
    bins = calibration(cells)
    assert all(a.p_high == b.p_low for a, b in itertools.pairwise(bins))
    assert (bins[0].p_low, bins[-1].p_high, len(bins)) == (0.0, 1.0, BINS)
    assert (bins[9].n, bins[9].observed) == (6, pytest.approx(5 / 6, abs=1e-4))
    assert bins[2].observed == 0.0
    assert {bin_of(0.0), bin_of(1.0), bin_of(0.1), bin_of(0.999)} == {0, 9, 1}
    low, high = interval(cells)  # n = 10: a bootstrap
    assert low < hand < high
    many = [Cell(c.p, c.outcome, c.n * 50) for c in cells]  # n = 500: the normal interval
    wide, narrow = high - low, interval(many)[1] - interval(many)[0]
    assert interval(many)[0] < hand < interval(many)[1] and narrow < wide / 3


def test_verdicts_name_over_and_underconfidence() -> None:
    over = score([Cell(0.95, 1, 5), Cell(0.95, 0, 5)])
    under = score([Cell(0.6, 1, 10), Cell(0.4, 0, 10)])
    fair = score([Cell(0.7, 1, 7), Cell(0.7, 0, 3)])
    assert over.verdict.startswith("strongly overconfident")
    assert "underconfident" in under.verdict
    assert fair.verdict == "well calibrated"
    assert "too few" in score([Cell(0.7, 1, 2)]).verdict


def test_best_and_worst_calibrated_sources(store: Store) -> None:
    file_series(store)
    update_ledger(store, today=TODAY)
    best, worst = calibration_extremes(store, least=1)
    assert best[0]["source"] == worst[0]["source"] == "Jane Roe"
    assert calibration_extremes(store, least=3) == ([], [])


def test_the_report_is_plain_json(store: Store) -> None:
    file_series(store)
    update_ledger(store, today=TODAY)
    data = json.loads(json.dumps(ledger_report(store, today=TODAY).as_json()))
    assert set(data) == {"sources", "forecasts"}
    source_keys = {"source", "made", "resolved", "brier", "brier_low", "brier_high", "calibration"}
    assert source_keys <= set(data["sources"][0])
    forecast_keys = {"id", "statement", "source", "p", "made", "due", "status", "outcome"}
    assert forecast_keys | {"resolved_by"} <= set(data["forecasts"][0])


def test_the_brief_shows_resolved_forecasts(store: Store) -> None:
    from watchfloor.brief import build_brief
    from watchfloor.ledger.brief import calibrated_sources

    file_series(store)
    update_ledger(store, today=TODAY)
    brief = build_brief(store, "all")
    resolved = next(s for s in brief.sections if s.title == "Forecasts resolved")
    labels = sorted((i.label, i.text) for i in resolved.items)
    assert labels == [
        ("NO", "Northland hold talks with Calder"),
        ("YES", "Northland to attack Calder"),
    ]
    attack = next(i for i in resolved.items if i.label == "YES")
    assert [link.doc_id for link in attack.links] == ["f1", "r1"]  # made in, settled by
    assert "settled by later reporting" in attack.note
    window = build_brief(store, "2025-03-01")  # the attack was settled before that day
    assert [
        i.label for i in next(s for s in window.sections if s.title == "Forecasts resolved").items
    ] == ["NO"]
    ranked = next(s for s in brief.sections if s.title == "Best and worst calibrated")
    assert ranked.items == ()  # nobody has 5 scored forecasts
    assert calibrated_sources(store, None, "9999", 2) == []
