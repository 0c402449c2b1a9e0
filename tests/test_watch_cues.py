"""Watch items named without "watch" before the object: "due in the autumn", "keep an
eye on", "all eyes are on", "depends on whether", "What to watch: X" (invented prose)."""

from __future__ import annotations

from typing import Any

import pytest

from watchfloor.analysis import load_analyser
from watchfloor.models import Article, BlockKind, build_blocks


def texts(*paragraphs: str) -> list[str]:
    text, blocks = build_blocks([(BlockKind.PARAGRAPH, p) for p in paragraphs])
    article = Article(doc_id="t", origin="test", text=text, blocks=blocks, published="2024-05-02")
    items: list[dict[str, Any]] = load_analyser().analyse(article).facts["watch_items"]
    return [item["text"] for item in items]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The budget, due in the autumn, will test the coalition.",
            ["The budget, due in the autumn"],
        ),
        ("Keep an eye on the port strike.", ["the port strike"]),
        ("Look out for the central bank's statement.", ["the central bank's statement"]),
        ("Attention now turns to the second round on May 5.", ["the second round on May 5"]),
        ("All eyes are on the court ruling.", ["the court ruling"]),
        ("Much depends on whether the unions back the deal.", ["whether the unions back the deal"]),
        ("Whether the truce holds is the big question.", ["Whether the truce holds"]),
        (
            "What to watch: the central bank's decision on Thursday.",
            ["the central bank's decision on Thursday"],
        ),
        (
            "The key questions: who leads the party, and whether it splits.",
            ["who leads the party", "whether it splits"],
        ),
        (
            "The deal keeps the port open ahead of Kenya's general election this autumn.",
            ["Kenya's general election this autumn"],
        ),
        ("Troops massed on the border ahead of next week's summit.", ["next week's summit"]),
    ],
)
def test_what_the_reader_is_pointed_at(sentence: str, expected: list[str]) -> None:
    assert texts(sentence) == expected


def test_a_watched_object_with_a_due_date_stays_the_watch_rules_item() -> None:
    assert texts("Watch the budget vote in parliament, due this weekend.") == [
        "the budget vote in parliament"
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Flights were delayed due to fog on Monday.",  # "due to" = because of
        "All eyes were on the court ruling.",  # past
        "She looked out for her brother.",  # past, and not the reader
        "He had one question: whether the bank was open.",  # a past heading
        "Much depended on whether the unions backed the deal.",
        "Radio alerts asked fishing boats to look out for the missing ferry.",
        "Costs may rise, depending on how the regulator rules.",
        "He resigned seven days ahead of the deadline set in 2017.",
        "He resigned ahead of the election this year.",  # maybe held by now
        "The team is well ahead of its rivals this year.",  # no event
    ],
)
def test_not_pointed_at(sentence: str) -> None:
    assert texts(sentence) == []
