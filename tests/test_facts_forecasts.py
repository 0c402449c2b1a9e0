"""Forecasts through the real pipeline, on invented news prose."""

from __future__ import annotations

from typing import Any

import pytest

from watchfloor.analysis import load_analyser
from watchfloor.facts.horizon import find_time
from watchfloor.models import Article, BlockKind, build_blocks


def forecasts(*paragraphs: str) -> list[dict[str, Any]]:
    text, blocks = build_blocks([(BlockKind.PARAGRAPH, p) for p in paragraphs])
    article = Article(doc_id="t", origin="test", text=text, blocks=blocks, published="2024-05-02")
    return load_analyser().analyse(article).facts["forecasts"]


def by_phrase(found: list[dict[str, Any]], phrase: str) -> dict[str, Any]:
    return next(f for f in found if f["phrase"].lower() == phrase)


def test_scale_word_with_range_and_horizon() -> None:
    found = forecasts("The ruling party is very likely to win the runoff in the coming weeks.")
    fact = by_phrase(found, "very likely")
    assert (fact["p_low"], fact["p_high"]) == (0.80, 0.95)
    assert fact["source"] is None and not fact["negated"]
    assert "win the runoff" in fact["statement"]
    assert fact["horizon_text"] == "in the coming weeks"
    assert fact["horizon_end"] == "2024-05-30"
    assert fact["evidence"].startswith("The ruling party")


def test_negation_flips_the_range() -> None:
    fact = by_phrase(
        forecasts("It is not likely that the strike will end this month."), "not likely"
    )
    assert (fact["p_low"], fact["p_high"]) == (0.20, 0.45)
    assert fact["negated"]
    assert fact["horizon_end"] == "2024-05-31"


def test_attributed_source_and_condition() -> None:
    found = forecasts(
        "If the talks fail, a ceasefire before the end of the year is very unlikely, "
        "Maria Lopez, an economist at the bank, said."
    )
    fact = by_phrase(found, "very unlikely")
    assert (fact["p_low"], fact["p_high"]) == (0.05, 0.20)
    assert fact["condition"] == "If the talks fail"
    assert fact["source"] is not None


def test_explicit_odds_are_exact() -> None:
    found = forecasts(
        "Traders price a 30% chance of a rate cut at the June meeting.",
        "Analysts at the bank put the odds of a default by the end of March at one in four.",
    )
    assert (found[0]["p_low"], found[0]["p_high"]) == (0.30, 0.30)
    assert found[0]["phrase"] == "a 30% chance"
    odds = by_phrase(found, "one in four")
    assert odds["p_low"] == odds["p_high"] == 0.25


def test_outlet_view_has_no_source() -> None:
    found = forecasts("A lasting truce is, in our view, a remote prospect.")
    fact = by_phrase(found, "remote")
    assert (fact["p_low"], fact["p_high"]) == (0.01, 0.05)
    assert fact["source"] is None
    think = by_phrase(
        forecasts("We think the coalition would survive a confidence vote."), "we think"
    )
    assert think["p_low"] is None and think["source"] is None


def test_off_scale_words_have_null_ranges() -> None:
    found = forecasts(
        "Fuel prices are expected to rise, and the minister said rationing may follow."
    )
    assert by_phrase(found, "expected to")["p_low"] is None
    assert by_phrase(found, "may")["p_high"] is None


@pytest.mark.parametrize(
    "sentence",
    [
        "A poll of likely voters put the mayor ahead.",
        "The likely candidate is a former general.",
        "Students and farmers formed an unlikely coalition.",
        "The two sides could not agree on a venue.",
        "The ministry asked for the files as soon as possible.",
        "Elections were held in May.",
    ],
)
def test_non_forecasts(sentence: str) -> None:
    assert forecasts(sentence) == []


def test_horizon_rules() -> None:
    assert find_time("by the end of June", "2024-05-02").iso == "2024-06-30"  # type: ignore[union-attr]
    assert find_time("next year", "2024-05-02").iso == "2025-12-31"  # type: ignore[union-attr]
    assert find_time("within three months", "2024-05-02").iso == "2024-08-02"  # type: ignore[union-attr]
    assert find_time("on Saturday", "2024-05-02").iso == "2024-05-04"  # type: ignore[union-attr]
    assert find_time("within a month of the vote", "2024-05-02").iso is None  # type: ignore[union-attr]


def test_the_outlets_view_of_a_scaled_forecast_is_one_forecast() -> None:
    found = forecasts("We think the truce is likely to hold until the April summit.")
    assert [(f["phrase"], f["p_low"], f["source"]) for f in found] == [("likely", 0.55, None)]


def test_the_outlets_view_alone_is_a_forecast() -> None:
    found = forecasts("We think the truce will hold until the April summit.")
    assert [f["phrase"].lower() for f in found] == ["we think"]


def test_a_question_or_a_wish_is_no_forecast() -> None:
    assert forecasts("Could you explain why the talks failed?") == []
    assert forecasts("May he rest in peace.") == []
    assert [f["phrase"] for f in forecasts("The talks could fail next week.")] == ["could"]
