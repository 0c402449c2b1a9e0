"""Quote speakers and claim sources from the one speaker resolution (invented prose)."""

from __future__ import annotations

from typing import Any

from watchfloor.analysis import AnalysedArticle, load_analyser
from watchfloor.models import Article, BlockKind, build_blocks


def _analyse(*paragraphs: str) -> AnalysedArticle:
    text, blocks = build_blocks([(BlockKind.PARAGRAPH, p) for p in paragraphs])
    article = Article(
        doc_id="qs-test", origin="test", text=text, blocks=blocks, published="2024-05-02"
    )
    return load_analyser().analyse(article)


def _names(analysed: AnalysedArticle) -> dict[str, str]:
    ids = analysed.actor_ids()
    return {ids[a.key]: a.name for a in analysed.actors}


def _said(analysed: AnalysedArticle) -> list[tuple[str | None, str, str]]:
    names = _names(analysed)
    return [(names.get(q["speaker"] or ""), q["kind"], q["text"]) for q in analysed.facts["quotes"]]


def _sources(analysed: AnalysedArticle) -> dict[Any, str | None]:
    names = _names(analysed)
    return {c["value"]: names.get(c["source"] or "") for c in analysed.facts["claims"]}


def test_quotation_after_a_comma_closing_the_speech_clause() -> None:
    said = _said(
        _analyse(
            "Harbour master Ingrid Solberg said on the radio, \u201cUntil the storm passes,"
            " nobody is sailing out of this port.\u201d"
        )
    )
    assert said == [
        ("Ingrid Solberg", "direct", "Until the storm passes, nobody is sailing out of this port.")
    ]


def test_two_quotations_joined_by_and_are_two_quotes() -> None:
    said = _said(
        _analyse(
            "Mayor Tomas Brandt said \u201cthe bridge is safe for cars\u201d and"
            " \u201cthe lorries will have to wait until spring.\u201d"
        )
    )
    texts = [text.rstrip(".") for _, _, text in said]
    assert texts == ["the bridge is safe for cars", "the lorries will have to wait until spring"]
    assert {speaker for speaker, _, _ in said} == {"Tomas Brandt"}


def test_coordinated_statement_with_quoted_words_is_its_own_quote() -> None:
    said = _said(
        _analyse(
            "Farm minister Lena Vogt said the drought had cut the harvest and that the"
            " government would \u201cdo whatever it takes\u201d to help growers."
        )
    )
    assert [(kind, text.split()[0]) for _, kind, text in said] == [
        ("indirect", "the"),
        ("direct", "the"),
    ]
    assert "harvest" in said[0][2] and "whatever it takes" not in said[0][2]
    assert "whatever it takes" in said[1][2]


def test_plain_coordinated_reported_clauses_stay_one_quote() -> None:
    said = _said(
        _analyse(
            "Farm minister Lena Vogt said the drought had cut the harvest and that prices"
            " would rise in the autumn."
        )
    )
    assert len(said) == 1
    assert said[0][0] == "Lena Vogt"
    assert "harvest" in said[0][2] and "autumn" in said[0][2]


def test_claim_source_is_the_speaker_of_a_trailing_attribution() -> None:
    analysed = _analyse(
        "Floods hit the south of Norway on Sunday.",
        "More than 400 people were evacuated from the valley, the Red Cross says.",
    )
    assert _sources(analysed)[400] == "International Committee of the Red Cross"


def test_claim_source_resolves_a_pronoun_subject() -> None:
    analysed = _analyse(
        "The World Health Organization published its yearly survey on Tuesday.",
        "It counted 120 outbreaks of cholera in the first half of the year.",
    )
    assert _sources(analysed)[120] == "World Health Organization"


def test_sentence_opening_yet_does_not_deny_the_speech() -> None:
    said = _said(
        _analyse(
            "Defence minister Karl Jensen praised the new frigates.",
            "Yet he also said the navy would need more sailors before the winter.",
        )
    )
    assert ("Karl Jensen", "indirect", "the navy would need more sailors before the winter") in said


def test_according_to_attributes_only_its_own_clause() -> None:
    said = _said(
        _analyse(
            "Grain exports fell by a third in March, according to the World Food Programme,"
            " and farmers in the north began to sell their cattle."
        )
    )
    assert said == [("World Food Programme", "indirect", "Grain exports fell by a third in March")]


def test_a_report_with_a_noun_object_is_reported_speech() -> None:
    said = _said(
        _analyse("The World Health Organization reports a sharp rise in measles cases in Europe.")
    )
    assert said == [
        ("World Health Organization", "indirect", "a sharp rise in measles cases in Europe")
    ]


def test_unnamed_speaker_named_in_apposition() -> None:
    said = _said(
        _analyse(
            "The Norwegian Refugee Council opened a new office in Oslo.",
            "Its spokesperson, Hanne Lund, told reporters the office would help 2,000 families.",
        )
    )
    assert said == [("Hanne Lund", "indirect", "the office would help 2,000 families")]


def test_unnamed_speaker_speaks_for_the_body_that_owns_it() -> None:
    said = _said(
        _analyse(
            "The International Criminal Court's prosecutor said the office was collecting"
            " evidence of the killings."
        )
    )
    assert said == [
        (
            "International Criminal Court",
            "indirect",
            "the office was collecting evidence of the killings",
        )
    ]


def test_two_quoted_that_clauses_are_two_quotes() -> None:
    said = _said(
        _analyse(
            "Mayor Tomas Brandt said that \u201cthe bridge is safe\u201d and that the city would"
            " \u201cnever again wait for the state\u201d to repair it."
        )
    )
    texts = [text for _, _, text in said]
    assert len(texts) == 2
    assert texts[0].startswith("the bridge is safe")
    assert "never again wait for the state" in texts[1] and "bridge is safe" not in texts[1]


def test_speech_verb_right_after_a_quotation_names_its_speaker_after_it() -> None:
    said = _said(
        _analyse(
            "Storms closed the port of Bergen on Monday.",
            "\u201cNobody should sail until the wind drops\u201d tweeted Harbour Master"
            " Anna Berg (no relation).",
        )
    )
    assert said == [("Anna Berg", "direct", "Nobody should sail until the wind drops")]


def test_possessive_pronoun_of_the_subject_continues_the_earlier_subject() -> None:
    said = _said(
        _analyse(
            "The Farmers Union of Wales held its annual meeting in Cardiff on Monday."
            " Its leaders say the new subsidy rules will ruin small farms."
        )
    )
    assert said == [
        ("Farmers Union of Wales", "indirect", "the new subsidy rules will ruin small farms")
    ]


def test_short_sentence_after_a_quotation_names_its_speaker() -> None:
    said = _said(
        _analyse(
            "The Farmers Union of Wales met in Cardiff on Monday.",
            "\u201cThe hill farms cannot survive another year like this.\u201d"
            " Gwen Pritchard said.",
        )
    )
    assert said == [
        ("Gwen Pritchard", "direct", "The hill farms cannot survive another year like this.")
    ]


def test_parenthetical_speech_verb_reports_the_clause_before_it() -> None:
    analysed = _analyse(
        "More than 300 homes were destroyed, the Red Cross says, and roads to the north"
        " remain closed."
    )
    assert _said(analysed) == [
        (
            "International Committee of the Red Cross",
            "indirect",
            "More than 300 homes were destroyed",
        )
    ]
    assert _sources(analysed)[300] == "International Committee of the Red Cross"


def test_claim_source_after_according_to_a_titled_person() -> None:
    analysed = _analyse(
        "The fleet kept 24 vessels near the reef, according to navy spokesman Rear Admiral"
        " Pedro Alvarez Santos."
    )
    assert _sources(analysed)[24] == "Pedro Alvarez Santos"


def test_reported_clause_split_into_object_and_verb_by_the_parse() -> None:
    said = _said(
        _analyse(
            "Committee chairman Jerome Pike has long maintained a formal inquiry is what"
            " the panel is already doing."
        )
    )
    assert said == [
        ("Jerome Pike", "indirect", "a formal inquiry is what the panel is already doing")
    ]


def test_pronoun_speaker_after_a_quotation_of_several_sentences() -> None:
    said = _said(
        _analyse(
            "Chief Executive Maria Castell of the Aragon Development Bank spoke on Monday.",
            "\u201cThe economy has slipped into a recession. In August, the bank cut its forecast"
            " to 1%,\u201d she said, noting it was the worst year since 2009.",
        )
    )
    assert [speaker for speaker, _, _ in said] == ["Maria Castell", "Maria Castell"]


def test_the_author_of_a_text_speaks_through_it() -> None:
    said = _said(
        _analyse("The Aragon Development Bank's statement said the loan would be repaid by 2030.")
    )
    assert said == [("Aragon Development Bank", "indirect", "the loan would be repaid by 2030")]


def test_quoted_word_inside_a_clause_does_not_hang_from_the_next_cue() -> None:
    said = _said(
        _analyse(
            "Health minister Ole Brandt said the mayor was in a \u201cstable\u201d condition;"
            " local radio reported the attacker had been arrested."
        )
    )
    assert all(text != "stable" for _, _, text in said)
    assert ("Ole Brandt", "direct", "the mayor was in a \u201cstable\u201d condition") in said


def test_a_text_named_again_speaks_for_whoever_issued_it() -> None:
    said = _said(
        _analyse(
            "The Aragon Development Bank issued a statement on Monday.",
            "The statement said the loan would be repaid by 2030.",
        )
    )
    assert said == [("Aragon Development Bank", "indirect", "the loan would be repaid by 2030")]


def test_a_subordinate_clause_with_its_own_speaker_is_not_part_of_the_quote() -> None:
    said = _said(
        _analyse(
            "Finance minister Rosa Lind said the budget had justified her confidence,"
            " while central bank governor Erik Stam said inflation would fall."
        )
    )
    assert ("Rosa Lind", "indirect", "the budget had justified her confidence") in said


def test_claim_source_is_the_first_subject_up_the_clauses_that_names_an_actor() -> None:
    analysed = _analyse(
        "Lena Marsh, an analyst at Nordbank, expects defence spending to reach 3% of GDP by 2029."
    )
    assert _sources(analysed)[3] == "Lena Marsh"


def test_the_author_of_a_report_is_its_speaker() -> None:
    said = _said(
        _analyse(
            "Storms hit the coast of Finland on Friday.",
            "A report from the Finnish government said eight fishermen died in the storm.",
        )
    )
    assert said == [("Finland", "indirect", "eight fishermen died in the storm")]


def test_a_study_named_again_speaks_for_its_author() -> None:
    said = _said(
        _analyse(
            "A study by the World Health Organization noted that 120 clinics had closed.",
            "The same study also noted that 40 clinics had reopened in the spring.",
        )
    )
    assert [speaker for speaker, _, _ in said] == [
        "World Health Organization",
        "World Health Organization",
    ]


def test_claim_source_in_a_relative_clause_with_its_own_subject() -> None:
    analysed = _analyse(
        "Chancellor Friedrich Lund, whose Christian Union won the March election with 31.5%"
        " of the vote, unveiled the plan on Monday."
    )
    assert _sources(analysed)[31.5] == "Christian Union"


def test_the_group_is_the_body_named_just_before() -> None:
    analysed = _analyse(
        "On Monday fighters of the Northern Liberation Front overran an army base near Gao;"
        " the group said it killed 40 soldiers."
    )
    assert _said(analysed) == [("Northern Liberation Front", "indirect", "it killed 40 soldiers")]
    assert _sources(analysed)[40] == "Northern Liberation Front"


def test_a_clause_before_a_colon_is_not_what_the_verb_after_it_reports() -> None:
    said = _said(
        _analyse(
            "Oslo has also opened its wallet: in January the Norwegian government announced"
            " a new fund for Arctic research."
        )
    )
    assert all("opened its wallet" not in text for _, _, text in said)


def test_a_fronted_reported_clause_before_a_comma() -> None:
    said = _said(_analyse("The talks with the union had failed, Finance Minister Rosa Lind said."))
    assert said == [("Rosa Lind", "indirect", "The talks with the union had failed")]


def test_figures_after_a_colon_belong_to_the_report_before_it() -> None:
    analysed = _analyse(
        "Reuters reported on Sunday the election board had finished counting the 41 seats:"
        " the Green Alliance won the most, at 14, followed by the Farmers Party, with 12."
    )
    assert _sources(analysed)[12] == "Reuters"
