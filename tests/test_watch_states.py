"""Watch items: lists the parse breaks up, matters named by their state, reported plans.

Invented sentences through the real pipeline (tests/test_facts_watch.py holds the rest).
"""

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
        (  # the middle item hung on the first as an apposition
            "Watch the cabinet reshuffle the premier has promised, the next review of the "
            "bond programme, and whether the bank loan ever materialises.",
            [
                "the cabinet reshuffle the premier has promised",
                "the next review of the bond programme",
                "whether the bank loan ever materialises",
            ],
        ),
        (  # a "who" question joined to a "whether" question after a relative clause
            "Watch whether the rally grows behind the mayor, who backed the strike, "
            "and who is picked to chair the inquiry.",
            ["whether the rally grows behind the mayor", "who is picked to chair the inquiry"],
        ),
        (  # the second "for" hung inside the "due" aside
            "Watch for the decree naming Ortiz as army chief, due before the current chief's "
            "term lapses, and for who is picked to lead the navy.",
            ["the decree naming Ortiz as army chief", "who is picked to lead the navy"],
        ),
    ],
)
def test_each_item_of_a_watch_list_the_parse_broke_up(sentence: str, expected: list[str]) -> None:
    assert texts(sentence) == expected


def test_an_apposition_without_a_list_stays_one_item() -> None:
    assert texts("Watch the finance minister, Ana Ruiz.") == ["the finance minister, Ana Ruiz"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The filing deadline is March 31.", "The filing deadline is March 31"),
        ("The deadline now stands at October 31.", "The deadline now stands at October 31"),
        ("The first court date is July 16.", "The first court date is July 16"),
        (
            "The case is currently under police investigation and the club will not comment.",
            "The case is currently under police investigation",
        ),
        (
            "Thousands marched against the pending closure of the steel plant.",
            "the pending closure of the steel plant",
        ),
        (
            "For the treaty to take effect, it must also be ratified by the lower house.",
            "For the treaty to take effect, it must also be ratified by the lower house",
        ),
        (
            "In order for the plan to become law, both chambers would have to approve it.",
            "In order for the plan to become law, both chambers would have to approve it",
        ),
        ("We'll see soon whether the plan works.", "whether the plan works"),
        ("The challenger has yet to concede.", "The challenger has yet to concede"),
        (
            "The parliament issued a summons for the minister, scheduled for this week.",
            "a summons for the minister, scheduled for this week",
        ),
        (
            "The two guards will ask for a stay of their sentences pending their appeals.",
            "a stay of their sentences pending their appeals",
        ),
        (
            "The Constitutional Court hears the case on Thursday.",
            "The Constitutional Court hears the case on Thursday",
        ),
        (
            "The High Court hears arguments on Monday over the ban.",
            "The High Court hears arguments on Monday over the ban",
        ),
        (
            "They indicated they would seek suspension of the fines pending the appeals.",
            "suspension of the fines pending the appeals",
        ),
        (
            "For the budget to pass, it must be approved by the upper house.",
            "For the budget to pass, it must be approved by the upper house",
        ),
        (
            "Parliament sits through May 14; the filing deadline is May 31.",
            "the filing deadline is May 31",
        ),
        (
            "The judges are required to rule by this coming Friday on the appeal.",
            "The judges are required to rule by this coming Friday on the appeal",
        ),
    ],
)
def test_a_matter_still_open(sentence: str, expected: str) -> None:
    assert texts(sentence) == [expected]


@pytest.mark.parametrize(
    "sentence",
    [
        "The deadline was March 31.",  # past
        "The date of the vote is unclear.",  # no date
        "The date of the crash is unclear, with reports giving either May 2 or May 3.",
        "There is no deadline for the talks.",
        "The case was under review for a year.",  # no longer pending
        "For years, he must have known about the payments.",  # no purpose clause
        "We saw what the storm did to the coast.",  # past, no "will"
        "The council usually meets on Tuesday.",  # a habit, no timetable
        "Firms are required to publish their accounts.",  # a standing duty, no date
        "Under the agreement, Serbia is to withdraw its police within 60 days.",  # its terms
        "Under the deal, the ministry will open the border crossing on Friday.",
    ],
)
def test_a_matter_no_longer_or_never_open(sentence: str) -> None:
    assert texts(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The governor said he is to leave office on June 2.", "he is to leave office on June 2"),
        ("She said she plans on leaving the party.", "she plans on leaving the party"),
    ],
)
def test_a_plan_someone_reports(sentence: str, expected: str) -> None:
    found = texts(sentence)
    assert len(found) == 1 and found[0].startswith(expected)


@pytest.mark.parametrize(
    "sentence",
    [
        "Her term was to end in August.",  # a past plan
        "The two leaders announced they were to form four working groups.",  # may be done
        "His lawyer announced Ortiz intended to appeal the verdict.",
        "The debate is to be moderated by a radio host.",  # how it is to be, no date
        "Senator Reyes is expected to win the primary.",  # a forecast, no arranged step
        "They have given no sign that they intend to leave the city.",
        "He is to leave office.",  # a plain pronoun, nobody reports it
        "The court could order the firm to take down the post, monitor its feed for copies, "
        "and report back.",  # "monitor" is no command to the reader
    ],
)
def test_not_a_pending_step(sentence: str) -> None:
    assert texts(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The mayor announced that the city will close the old bridge.",
            ["the city will close the old bridge"],
        ),
        (
            "It was agreed a curfew would be imposed on Friday.",
            ["a curfew would be imposed on Friday"],
        ),
    ],
)
def test_an_announced_or_agreed_step(sentence: str, expected: list[str]) -> None:
    assert texts(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The mayor announced that the city would close the old bridge.",  # may be done by now
        "He confirmed he will not run again.",
    ],
)
def test_an_announcement_that_names_no_step_still_to_come(sentence: str) -> None:
    assert texts(sentence) == []


def test_a_pledge_of_a_quality_is_no_step() -> None:
    assert texts("I pledge that this council will be open and fair.") == []


def test_what_people_are_still_waiting_for() -> None:
    assert texts("Families are still waiting for news of the missing crew.") == [
        "news of the missing crew"
    ]
    assert texts("The villagers waited for help for three days.") == []
    assert texts("She was waiting for a bus.") == []
