"""Watch items through the real pipeline, on invented news prose."""

from __future__ import annotations

from typing import Any

import pytest

from watchfloor.analysis import load_analyser
from watchfloor.models import Article, BlockKind, build_blocks


def watch_items(*paragraphs: str) -> list[dict[str, Any]]:
    text, blocks = build_blocks([(BlockKind.PARAGRAPH, p) for p in paragraphs])
    article = Article(doc_id="t", origin="test", text=text, blocks=blocks, published="2024-05-02")
    return load_analyser().analyse(article).facts["watch_items"]


def texts(*paragraphs: str) -> list[str]:
    return [item["text"] for item in watch_items(*paragraphs)]


def test_watching_for_splits_coordinated_items() -> None:
    found = texts("We're watching for signs of a new offensive and news of a prisoner swap.")
    assert found == ["signs of a new offensive", "news of a prisoner swap"]


def test_imperative_watch_with_due_date() -> None:
    items = watch_items("Watch the budget vote in parliament, due this weekend.")
    assert items[0]["text"] == "the budget vote in parliament"
    assert items[0]["due"] == "2024-05-05"
    assert items[0]["evidence"] == "Watch the budget vote in parliament, due this weekend."


def test_remains_to_be_seen_and_unclear() -> None:
    found = texts(
        "Whether the coalition holds together remains to be seen.",
        "It is unclear whether the president will sign the bill.",
    )
    assert found == [
        "Whether the coalition holds together",
        "whether the president will sign the bill",
    ]


def test_scheduled_and_pending() -> None:
    found = texts(
        "A verdict is due on Monday.",
        "The court is expected to rule on the appeal by the end of the month.",
        "The former minister awaits trial on fraud charges.",
        "The ministry has yet to decide whether to extend the ban.",
        "The committee will vote on the nomination next week.",
        "The key indicator to track is Friday's inflation report.",
    )
    assert "A verdict is due on Monday" in found
    assert any(t.startswith("The court is expected to rule") for t in found)
    assert "trial on fraud charges" in found or "trial" in found
    assert any("yet to decide" in t for t in found)
    assert any(t.startswith("The committee will vote") for t in found)
    assert "Friday's inflation report" in found


def test_actor_ids_and_dates() -> None:
    items = watch_items("The European Union is set to announce new sanctions tomorrow.")
    assert items and items[0]["due"] == "2024-05-03"
    assert items[0]["actors"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Flights were cancelled due to the storm.",
        "No election is due until 2028.",
        "Thousands watched the parade on Sunday.",
        "It was unclear how many people died.",
    ],
)
def test_not_watch_items(sentence: str) -> None:
    assert watch_items(sentence) == []


def test_watch_splits_a_question_clause_from_a_noun_phrase() -> None:
    found = texts("Watch the pace of the talks and whether Serbia reopens the border crossing.")
    assert found == ["the pace of the talks", "whether Serbia reopens the border crossing"]


def test_watch_for_each_coordinated_for_phrase_and_question() -> None:
    found = texts(
        "Watch for the ministry's formal notice on tariffs, and for how quickly "
        "licences reach American buyers."
    )
    assert len(found) == 2 and found[1].startswith("how quickly")


def test_a_whether_clause_that_remains_to_be_seen() -> None:
    found = texts("Whether the senate restores the funds it cut in January remains to be seen.")
    assert found and found[0].startswith("Whether the senate restores the funds")


def test_a_named_actors_arranged_next_step() -> None:
    assert texts("Theresa May is to step down on Friday.") == [
        "Theresa May is to step down on Friday"
    ]
    assert texts("The plan is to expand the port.") == []


def test_each_question_that_remains_to_be_seen() -> None:
    found = texts(
        "Who replaces him, and whether Congress forces another war-powers vote, remains to be seen."
    )
    assert found == ["Who replaces him", "whether Congress forces another war-powers vote"]


def test_a_past_plan_is_no_watch_item() -> None:
    assert texts("Nkurunziza became president in 2005 and was due to stand down in August.") == []
    assert texts("The vote is due on Friday.") == ["The vote is due on Friday"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Opposition parties plan to challenge the result in court.", "challenge the result"),
        ("Torres intends to appeal the conviction.", "appeal the conviction"),
        ("The hearing is scheduled for March 3.", "The hearing is scheduled for March 3"),
        ("Governor Ruiz is set to be replaced by her deputy.", "replaced by her deputy"),
        ("The new pipeline is to be completed by December 2026.", "to be completed by"),
    ],
)
def test_pending_steps_named_as_such(sentence: str, expected: str) -> None:
    assert any(expected in text for text in texts(sentence))


@pytest.mark.parametrize(
    "sentence",
    [
        "The party planned to challenge the result but dropped the idea.",
        "Torres does not intend to appeal.",
        "The aim of the talks is to end the war.",
    ],
)
def test_past_denied_and_aimed_steps_are_not_pending(sentence: str) -> None:
    assert texts(sentence) == []


def test_a_watch_sentence_misparsed_as_a_name_still_names_what_to_watch() -> None:
    found = texts(
        "Analysts say the talks stalled.",
        "Watch Abiy Ahmed's next move.",
        "Watch Biya's swearing-in before parliament, and the vote count in Douala.",
        "Watchdogs in Kenya criticised the ruling.",
    )
    assert "Abiy Ahmed's next move" in found
    assert "Biya's swearing-in before parliament" in found
    assert "the vote count in Douala" in found
    assert not [t for t in found if "ruling" in t]


def test_the_open_question_is_a_watch_item() -> None:
    found = texts(
        "The key question is whether the ceasefire holds through the winter.",
        "The test will be how fast Kenya repays the loan.",
        "The question was whether the court had jurisdiction.",
        "The issue is that prices rose.",
    )
    assert found == [
        "whether the ceasefire holds through the winter",
        "how fast Kenya repays the loan",
    ]


def test_a_long_whether_question_that_remains_to_be_seen_survives_a_lost_parse() -> None:
    found = texts(
        "Whether the authorities release Ekane, Tchameni and the protesters detained "
        "since the vote remains to be seen.",
        "Whether Suu Kyi, who turned 80 in June, is moved to house arrest remains to be seen.",
    )
    assert found[0].startswith("Whether the authorities release Ekane, Tchameni")
    assert found[0].endswith("since the vote")
    assert "Whether Suu Kyi is moved to house arrest" in found  # the aside and its commas go


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Watch whether the governor fires his police chief after the riots, "
            "and whether the unions call a general strike.",
            [
                "whether the governor fires his police chief after the riots",
                "whether the unions call a general strike",
            ],
        ),
        (
            "Watch whether the rebels take the airport, whether the port reopens, "
            "and how the junta treats foreign reporters.",
            [
                "whether the rebels take the airport",
                "whether the port reopens",
                "how the junta treats foreign reporters",
            ],
        ),
        (
            "Analysts will watch whether the central bank cuts rates and how quickly prices fall.",
            ["whether the central bank cuts rates", "how quickly prices fall"],
        ),
        (
            "It is unclear whether the truce holds and how many families return.",
            ["whether the truce holds", "how many families return"],
        ),
        (
            "Watch for a ruling on the appeal and for the first meeting of the new committee.",
            ["a ruling on the appeal", "the first meeting of the new committee"],
        ),
    ],
)
def test_each_coordinated_question_is_its_own_item(sentence: str, expected: list[str]) -> None:
    assert texts(sentence) == expected


def test_what_remains_to_be_seen_after_a_semicolon_is_the_question_not_the_first_half() -> None:
    found = texts(
        "The port authority takes over the contract in January; "
        "whether it can cut the fees remains to be seen."
    )
    assert found == ["whether it can cut the fees"]


def test_questions_after_a_semicolon_survive_a_parse_that_hangs_them_elsewhere() -> None:
    found = texts(
        "Adm. John Smith, the head of the fleet, is due to retire in December, barely a year "
        "into the job; who replaces him, and whether Congress forces another vote, "
        "remains to be seen."
    )
    assert "who replaces him" in found
    assert "whether Congress forces another vote" in found


def test_watch_tagged_as_a_name_still_watches_its_object_and_its_question() -> None:
    found = texts(
        "Watch Japan's annual Kita exercises, due in July, and whether Beijing answers "
        "them with another round of drills."
    )
    assert found == [
        "Japan's annual Kita exercises",
        "whether Beijing answers them with another round of drills",
    ]
