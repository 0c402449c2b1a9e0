"""Numeric claims through the real pipeline: counts, money, shares, changes, sources, non-claims.

Every sentence here was written for these tests (invented news prose).
"""

from __future__ import annotations

from typing import Any

import pytest

from watchfloor.analysis import load_analyser
from watchfloor.models import Article, BlockKind, build_blocks


def claims_of(*paragraphs: str) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """The claims of an article made of ``paragraphs``, and actor ids by actor name."""
    text, blocks = build_blocks([(BlockKind.PARAGRAPH, p) for p in paragraphs])
    article = Article(doc_id="t", origin="test", text=text, blocks=blocks, published="2024-05-02")
    analysed = load_analyser().analyse(article)
    ids = analysed.actor_ids()
    names = {actor.name: ids[actor.key] for actor in analysed.actors}
    return analysed.facts["claims"], names


def only(claims: list[dict[str, Any]]) -> dict[str, Any]:
    assert len(claims) == 1, claims
    return claims[0]


def test_count_with_hedge_and_speaker() -> None:
    claims, names = claims_of(
        "Health Minister Anna Kovacs said more than 1,200 people were injured in the floods."
    )
    claim = only(claims)
    assert claim["value"] == 1200
    assert claim["unit"] == "people"
    assert claim["qualifier"] == "more than"
    assert claim["currency"] is None
    assert claim["source"] == names["Anna Kovacs"]


@pytest.mark.parametrize(
    ("sentence", "value", "currency"),
    [
        ("The government approved €2.5bn in aid for farmers.", 2_500_000_000, "EUR"),
        ("The company paid 5.7 million rubles to the families.", 5_700_000, "RUB"),
        ("The port authority spent US$40 million on new cranes.", 40_000_000, "USD"),
    ],
)
def test_money_is_scaled_with_its_currency(sentence: str, value: int, currency: str) -> None:
    claim = only(claims_of(sentence)[0])
    assert claim["value"] == value
    assert claim["currency"] == currency
    assert claim["unit"] == currency


def test_range_keeps_both_ends() -> None:
    claim = only(claims_of("Economists say the drought will cost between $5 and $7 billion.")[0])
    assert claim["value"] == 5_000_000_000
    assert claim["value_high"] == 7_000_000_000


def test_percent_with_earlier_value_is_one_claim() -> None:
    claim = only(claims_of("Turnout reached 61%, up from 48% in the previous election.")[0])
    assert claim["value"] == 61
    assert claim["unit"] == "percent"
    assert claim["previous"] == 48
    assert claim["change"] == "up from 48%"


def test_change_verb_with_hedge() -> None:
    text = "The agency more than doubled its estimate of the number of refugees to 40,000."
    claim = only(claims_of(text)[0])
    assert claim["value"] == 40000
    assert claim["change"] == "more than doubled"
    assert "refugees" in claim["subject"]


def test_from_to_is_a_change_not_a_range() -> None:
    claim = only(claims_of("The number of inspectors rose from 300 to 450 this year.")[0])
    assert claim["value"] == 450
    assert claim["previous"] == 300
    assert "value_high" not in claim


def test_share_of_a_group() -> None:
    claim = only(claims_of("About a third of the town's residents have left since the war.")[0])
    assert claim["value"] == 0.333
    assert claim["qualifier"] == "about"
    assert "residents" in claim["subject"]


def test_according_to_names_the_source() -> None:
    claims, names = claims_of("According to the United Nations, 350 families lost their homes.")
    claim = only(claims)
    assert claim["value"] == 350
    assert claim["unit"] == "families"
    assert claim["source"] == names["United Nations"]


def test_duration_given_is_a_claim_but_a_date_span_is_not() -> None:
    assert only(claims_of("The court gave the company 30 days to pay the fine.")[0])["value"] == 30
    assert claims_of("The company must pay the fine within 30 days.")[0] == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Dozens of protesters gathered outside the parliament on Tuesday.",
        "The talks were held on 12 March 2024 in the capital.",
        "The 84-year-old senator, aged 84, retired in 2023.",
        "It was the second time the ministers met this year.",
        "The delegation flew on a Boeing 737 to the G7 summit.",
        "Protesters gathered outside 10 Downing Street in the rain.",
        "Article 5 of the treaty was cited by the minister.",
        "The two sides agreed to meet again next month.",
        "Two dozen journalists waited outside the court.",
        "The vote was postponed until the first half of the year.",
    ],
)
def test_not_claims(sentence: str) -> None:
    assert claims_of(sentence)[0] == []


def test_evidence_is_the_sentence_with_offsets() -> None:
    first = "The storm hit the coast overnight."
    second = "Rescuers said 14 fishermen were still missing."
    claims, _ = claims_of(first, second)
    claim = only(claims)
    text = first + "\n\n" + second
    assert claim["evidence"] == second
    assert text[claim["evidence_start"] : claim["evidence_end"]] == second
