"""Quotes finder: direct and reported speech through the real pipeline (invented prose)."""

from __future__ import annotations

from typing import Any

import pytest

from watchfloor.analysis import AnalysedArticle, load_analyser
from watchfloor.facts.quotes.finder import quotation_spans
from watchfloor.models import Article, BlockKind, build_blocks


def _analyse(*paragraphs: str) -> AnalysedArticle:
    text, blocks = build_blocks([(BlockKind.PARAGRAPH, p) for p in paragraphs])
    article = Article(
        doc_id="q-test", origin="test", text=text, blocks=blocks, published="2024-05-02"
    )
    return load_analyser().analyse(article)


def _quotes(*paragraphs: str) -> tuple[list[dict[str, Any]], dict[str, str]]:
    analysed = _analyse(*paragraphs)
    names = {
        local: a.name
        for a in analysed.actors
        for k, local in analysed.actor_ids().items()
        if k == a.key
    }
    return analysed.facts["quotes"], names


def _speaker(quote: dict[str, Any], names: dict[str, str]) -> str | None:
    return names.get(quote["speaker"]) if quote["speaker"] else None


def test_quotation_spans_pair_marks_per_line() -> None:
    text = 'He said "yes" and \u201cno\u201d.\n"Open to the end'
    spans = [text[a:b] for a, b in quotation_spans(text)]
    assert spans == ["yes", "no", "Open to the end"]


def test_direct_quote_spanning_sentences_with_speaker_after() -> None:
    quotes, names = _quotes(
        "Maria Lopez is the trade minister of Chile.",
        "\u201cThe harbour will reopen next week. Exports should recover by the summer,\u201d"
        " says Lopez.",
    )
    assert len(quotes) == 1
    quote = quotes[0]
    assert quote["kind"] == "direct"
    assert quote["cue"] == "says"
    assert _speaker(quote, names) == "Maria Lopez"
    assert quote["text"].startswith("The harbour will reopen")
    assert "recover by the summer" in quote["text"]
    assert "Exports should recover" in quote["evidence"]


def test_indirect_speech_with_reported_clause() -> None:
    quotes, names = _quotes(
        "Finance Minister Peter Hansen said the budget would be balanced by next year."
    )
    assert len(quotes) == 1
    assert quotes[0]["kind"] == "indirect"
    assert quotes[0]["cue"] == "said"
    assert quotes[0]["text"] == "the budget would be balanced by next year"
    assert _speaker(quotes[0], names) == "Peter Hansen"


def test_partial_quote_stays_in_its_clause_and_pronoun_resolves() -> None:
    quotes, names = _quotes(
        "Union leader Sarah Okafor met the employers on Monday.",
        "She said the workers \u201cwill not back down\u201d before the vote.",
    )
    assert len(quotes) == 1
    assert quotes[0]["kind"] == "direct"
    assert "will not back down" in quotes[0]["text"]
    assert _speaker(quotes[0], names) == "Sarah Okafor"


def test_urge_and_according_to() -> None:
    quotes, names = _quotes(
        "German Chancellor Olaf Scholz urged European leaders to speed up arms deliveries.",
        "The talks will resume in June, according to Reuters.",
    )
    by_cue = {q["cue"]: q for q in quotes}
    assert "European leaders to speed up arms deliveries" in by_cue["urged"]["text"]
    assert _speaker(by_cue["urged"], names) == "Olaf Scholz"
    assert by_cue["according to"]["text"] == "The talks will resume in June"
    assert _speaker(by_cue["according to"], names) == "Reuters"


def test_quote_continuing_an_attributed_one() -> None:
    quotes, names = _quotes(
        '"We are ready to talk," said Ahmed Karim, the mayor of Mosul. '
        '"But nobody has called us yet."'
    )
    assert [q["text"] for q in quotes] == ["We are ready to talk", "But nobody has called us yet."]
    assert all(_speaker(q, names) == "Ahmed Karim" for q in quotes)


@pytest.mark.parametrize(
    "sentence",
    [
        'The so-called "peace plan" has few supporters in the capital.',
        'Protesters gathered outside the "Palace of Culture" on Sunday.',
        "The government has yet to say whether the mine will reopen.",
        "No minister has said the plan would be dropped.",
    ],
)
def test_scare_quotes_titles_and_unsaid_speech_are_not_quotes(sentence: str) -> None:
    quotes, _ = _quotes(sentence)
    assert quotes == []


def test_colon_introduces_a_quote() -> None:
    quotes, names = _quotes(
        'Prime Minister Anna Berg responded on social media: "We will not accept this."'
    )
    assert len(quotes) == 1
    assert quotes[0]["text"] == "We will not accept this."
    assert _speaker(quotes[0], names) == "Anna Berg"


def test_a_speaker_the_parser_hung_elsewhere_is_the_name_right_before_the_verb() -> None:
    quotes, names = _quotes(
        "On Friday Ford Motor Company announced the Department of Justice was investigating "
        "its emission tests."
    )
    assert [_speaker(q, names) for q in quotes] == ["Ford Motor Company"]


def test_threats_and_acknowledgements_are_reported_speech() -> None:
    quotes, names = _quotes(
        "Minister Itamar Levin has threatened to quit the government if the militia is not"
        " disbanded.",
        "Foreign Minister Ana Ruiz acknowledged the island's right to self-determination.",
    )
    found = {(_speaker(q, names), q["text"]) for q in quotes}
    assert ("Itamar Levin", "to quit the government if the militia is not disbanded") in found
    assert ("Ana Ruiz", "the island's right to self-determination") in found


def test_a_scare_quote_inside_a_reported_clause_is_no_quote_of_its_own() -> None:
    quotes, _ = _quotes(
        'Defence Minister Rustem Umerov said the army would respond "decisively" to any attack.',
        'Foreign Minister Sergei Lavrov called the plan "reckless".',
    )
    texts = [q["text"] for q in quotes]
    assert "decisively" not in texts
    assert any("would respond" in t for t in texts)
    assert any("reckless" in t for t in texts)  # a word attributed by itself stays quoted
