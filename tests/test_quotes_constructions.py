"""Quote constructions beyond 'X said that ...' (invented prose): asides, quotations the
parse hangs away from their verb, texts that 'read', names that lead."""

from __future__ import annotations

from watchfloor.analysis import AnalysedArticle, load_analyser
from watchfloor.models import Article, BlockKind, build_blocks


def _analyse(*paragraphs: str) -> AnalysedArticle:
    text, blocks = build_blocks([(BlockKind.PARAGRAPH, p) for p in paragraphs])
    article = Article(
        doc_id="qc-test", origin="test", text=text, blocks=blocks, published="2024-05-02"
    )
    return load_analyser().analyse(article)


def _said(*paragraphs: str) -> list[tuple[str | None, str, str]]:
    analysed = _analyse(*paragraphs)
    ids = analysed.actor_ids()
    names = {ids[a.key]: a.name for a in analysed.actors}
    return [(names.get(q["speaker"] or ""), q["kind"], q["text"]) for q in analysed.facts["quotes"]]


def _texts(said: list[tuple[str | None, str, str]]) -> list[str]:
    return [text.rstrip(".") for _, _, text in said]


def test_quoted_clause_ending_the_sentence_is_said_by_the_verb_before_it() -> None:
    said = _said(
        "Fisherman Jonas Lindqvist told the coast guard after the rescue \u201cWe had"
        " drifted for two days without water.\u201d"
    )
    assert said == [("Jonas Lindqvist", "direct", "We had drifted for two days without water.")]


def test_quoted_clause_after_a_phrase_between_it_and_the_verb() -> None:
    said = _said(
        "Teacher Marta Holm told a guard at the gate, in Swedish and English, \u201cthey"
        " took my bag.\u201d"
    )
    assert [(s, t) for s, _, t in said] == [("Marta Holm", "they took my bag.")]


def test_a_title_ending_the_sentence_is_not_what_the_verb_says() -> None:
    said = _said(
        "Senator Carla Reyes testified on Tuesday before the \u201cSelect Committee on Ports.\u201d"
    )
    assert said == []


def test_a_relative_clause_between_verb_and_quotation_does_not_speak() -> None:
    said = _said(
        "Councillor Anna Berg commented on the vote \u2014 which the Gazette noted as"
        " rare \u2014 \u201cThis is a sad day for the whole town.\u201d"
    )
    assert ("Anna Berg", "direct", "This is a sad day for the whole town.") in said
    assert all(
        text != "This is a sad day for the whole town." or who == "Anna Berg"
        for who, _, text in said
    )


def test_a_statement_which_read_is_said_by_who_released_it() -> None:
    said = _said(
        "The Nordic Ferry Company released a statement which read, in part, \u201cAll"
        " crossings are cancelled until the harbour wall is repaired.\u201d"
    )
    assert said == [
        (
            "Nordic Ferry Company",
            "direct",
            "All crossings are cancelled until the harbour wall is repaired.",
        )
    ]


def test_part_of_a_ruling_reads() -> None:
    said = _said(
        "Judge Hanna Lindberg dismissed the case on Monday.",
        "Part of Lindberg's ruling reads \u201cthe contract was never valid under the law"
        " of the province.\u201d",
    )
    assert said == [
        ("Hanna Lindberg", "direct", "the contract was never valid under the law of the province.")
    ]


def test_speech_verb_set_off_inside_its_clause_reports_the_rest() -> None:
    said = _said(
        "Any agreement on fishing quotas, trade minister Lena Ekdahl said, would need a"
        " vote in parliament."
    )
    assert said == [("Lena Ekdahl", "indirect", "would need a vote in parliament")]


def test_aside_parsed_as_the_root_reports_the_verb_after_it() -> None:
    said = _said(
        "Most farmers in the northern valley, the ministry report pointed out, have no"
        " insurance against floods."
    )
    assert _texts(said) == ["have no insurance against floods"]


def test_a_plain_coordination_is_no_aside() -> None:
    said = _said("The minister Lena Ekdahl spoke, the crowd cheered and the band played.")
    assert said == []


def test_a_name_that_leads_is_the_person_named_in_full_before() -> None:
    said = _said(
        "Tesfaye Girma, the mayor of the river town, opened the new bridge on Friday.",
        "\u201cThis bridge joins two halves of one town,\u201d Tesfaye said.",
    )
    assert said == [("Tesfaye Girma", "direct", "This bridge joins two halves of one town")]


def test_interview_answers_labelled_with_the_speaker() -> None:
    said = _said(
        "Our reporter spoke to Henrik Dahl, the lighthouse keeper of the island.",
        "How long have you kept the light?",
        "((Henrik Dahl)) I have kept it for thirty years, and my father before me.",
        "Will it be automated?",
        "Henrik Dahl: The board wants that, but the fog here still needs a person.",
    )
    assert said == [
        ("Henrik Dahl", "direct", "I have kept it for thirty years, and my father before me."),
        ("Henrik Dahl", "direct", "The board wants that, but the fog here still needs a person."),
    ]


def test_a_label_that_is_no_person_is_no_answer() -> None:
    said = _said(
        "Update: The ferry to the island sails again from Monday morning.",
        "((en)) The ferry timetable is printed in three languages.",
    )
    assert said == []


def test_a_signed_block_quotation_after_a_colon() -> None:
    said = _said(
        "Judge Hanna Lindberg of the district court rejected the claim:",
        "The contract names no date of delivery, and no court can supply one.",
        "The claim is therefore dismissed in full.",
        "\u2013 Judge Hanna Lindberg, written ruling",
        "The company said it would appeal.",
    )
    blocks = [(who, text) for who, kind, text in said if kind == "direct"]
    assert blocks == [
        ("Hanna Lindberg", "The contract names no date of delivery, and no court can supply one."),
        ("Hanna Lindberg", "The claim is therefore dismissed in full."),
    ]


def test_paragraphs_after_a_colon_with_no_signature_are_no_block() -> None:
    said = _said(
        "The harbour office of Judge Hanna Lindberg's town lists three rules:",
        "Boats under ten metres moor on the east quay.",
        "The company said it would appeal.",
    )
    assert all(kind != "direct" for _, kind, _ in said)


def test_two_fronted_clauses_before_the_speech_verb_are_one_report() -> None:
    said = _said(
        "Economist Lena Ekdahl studied the plan for the new canal.",
        "The estimated price is four billion crowns, but high fees and competition from the"
        " railways are likely to keep shipping lines away, she noted.",
    )
    assert [(who, text) for who, _, text in said] == [
        (
            "Lena Ekdahl",
            "The estimated price is four billion crowns, but high fees and competition from the"
            " railways are likely to keep shipping lines away",
        )
    ]


def test_inverted_speech_verb_after_the_clause_it_reports() -> None:
    said = _said(
        "The ferry was stopped at the harbour entrance, stated harbour master Ingrid"
        " Solberg, and was searched for an hour."
    )
    assert said == [("Ingrid Solberg", "indirect", "The ferry was stopped at the harbour entrance")]


def test_inverted_speech_verb_with_the_speaker_in_apposition() -> None:
    said = _said(
        "It is too early to say who won the vote, argued the party's lawyer, Tomas Brandt."
    )
    assert said == [("Tomas Brandt", "indirect", "It is too early to say who won the vote")]


def test_a_poll_published_by_a_network_is_the_network_speaking() -> None:
    said = _said(
        "According to a poll published by Nordic Broadcasting last week, most voters in"
        " the province oppose the new tunnel."
    )
    assert [(who, text) for who, _, text in said] == [
        ("Nordic Broadcasting", "most voters in the province oppose the new tunnel.")
    ]


def test_an_organisation_named_by_the_first_word_of_its_name() -> None:
    said = _said(
        "The court fined Lindqvist Media Holdings AB on Tuesday.",
        "Lindqvist further claimed, \u201cThe fine undermines the long-standing principle of"
        " free trade.\u201d",
    )
    assert said == [
        (
            "Lindqvist Media Holdings AB",
            "direct",
            "The fine undermines the long-standing principle of free trade.",
        )
    ]


def test_banners_and_placards_are_no_speakers() -> None:
    said = _said(
        "Thousands marched through the capital on Saturday with a banner saying"
        " \u201cbring our sons home\u201d and placards asking the council to resign."
    )
    assert said == []


def test_a_thing_called_by_its_name_is_no_quote() -> None:
    said = _said(
        "The Nordic Ferry Company runs a summer programme at the harbour called"
        " \u201cOpen Decks\u201d."
    )
    assert said == []


def test_what_a_body_calls_something_is_a_quote_only_in_quotation_marks() -> None:
    unquoted = _said("Two patrol boats entered what the ministry calls its home waters.")
    quoted = _said(
        "Two patrol boats entered the bay in what the Norwegian Coastal Administration"
        " called a \u201cgrave provocation\u201d."
    )
    assert unquoted == []
    assert [text.endswith("grave provocation") for _, _, text in quoted] == [True]


def test_when_asked_is_a_question_put_to_the_speaker() -> None:
    said = _said(
        "Harbour master Ingrid Solberg, when asked whether the search would end, told"
        " reporters it would go on through the night."
    )
    assert said == [("Ingrid Solberg", "indirect", "it would go on through the night")]


def test_the_party_is_the_party_named_before() -> None:
    said = _said(
        "The Green Harbour Party withdrew its candidate on Monday.",
        "\u201cWe accept the ruling of the electoral board,\u201d the party told the press.",
    )
    assert said == [
        ("Green Harbour Party", "direct", "We accept the ruling of the electoral board")
    ]


def test_praise_for_quoted_words() -> None:
    said = _said(
        "Prime Minister Lena Ekdahl thanked the rescuers for their \u201ccourage and calm"
        " under fire,\u201d and the harbour reopened on Friday."
    )
    assert ("Lena Ekdahl", "direct", "courage and calm under fire") in said


def test_a_that_clause_after_a_time_phrase() -> None:
    said = _said(
        "Denmark said the following week that it had patrolled with the Dutch navy off Skagen."
    )
    assert [text.removeprefix("that ") for _, _, text in said] == [
        "it had patrolled with the Dutch navy off Skagen"
    ]


def test_a_person_the_news_does_not_name_speaks() -> None:
    said = _said(
        "The ferry captain retired in May, and an acquaintance said he moved to the coast"
        " for the quiet."
    )
    assert said == [(None, "indirect", "he moved to the coast for the quiet")]


def test_quoted_words_one_is_accused_of_or_apologises_for() -> None:
    said = _said(
        "Mayor Tomas Brandt accused the harbour board of \u201cwasting every winter\u201d.",
        "Councillor Anna Berg apologised to the voters for \u201cthe mess at the ferry port\u201d.",
    )
    assert [(who, text.rsplit("\u201c", 1)[-1]) for who, _, text in said] == [
        ("Tomas Brandt", "wasting every winter"),
        ("Anna Berg", "the mess at the ferry port"),
    ]


def test_what_organisers_estimated_is_no_report() -> None:
    said = _said(
        "On Sunday, what organisers estimated at 40,000 people marched from the harbour to"
        " the town hall."
    )
    assert said == []


def test_a_speaking_he_is_the_main_subject_not_a_person_in_a_clause_inside() -> None:
    said = _said(
        "Refusing to resign, Mayor Tomas Brandt agreed to a plan under which Erik Holm"
        " became harbour master. \u201cOnly the voters will remove me,\u201d he declared."
    )
    assert ("Tomas Brandt", "direct", "Only the voters will remove me") in said


def test_a_speaking_he_continues_a_he_before_it_and_a_question_asked_is_no_quote() -> None:
    said = _said(
        "Mayor Tomas Brandt has gone further. He confirmed last week that the ferry would"
        " stop in winter.",
        "Asked whether Erik Holm's post was safe, he said: \u201cI would think so.\u201d",
    )
    assert [(who, text) for who, _, text in said] == [
        ("Tomas Brandt", "the ferry would stop in winter"),
        ("Tomas Brandt", "I would think so."),
    ]


def test_a_passive_speech_verb_speaks_through_its_agent() -> None:
    said = _said(
        "The new ferry timetable was described by Mayor Tomas Brandt as a \u201cdisgrace to"
        " the island\u201d, saying he would rewrite it himself."
    )
    assert [(who, text) for who, _, text in said] == [
        ("Tomas Brandt", "disgrace to the island"),
        ("Tomas Brandt", "he would rewrite it himself"),
    ]


def test_the_one_quoted_as_saying_speaks_not_who_quotes() -> None:
    said = _said(
        "The Harbour Gazette quoted Erik Holm, a former ferry captain, as saying \u201cthe"
        " board never listens to the crews\u201d."
    )
    assert said == [("Erik Holm", "direct", "the board never listens to the crews")]


def test_what_one_has_referred_to_as() -> None:
    said = _said(
        "Councillor Anna Berg criticised the plan, which Mayor Tomas Brandt has referred to"
        " as \u201ca bold step\u201d."
    )
    assert ("Tomas Brandt", "direct", "a bold step") in said


def test_a_for_to_clause_after_call_for() -> None:
    said = _said("Mayor Tomas Brandt called for the harbour to be closed.")
    assert [(who, text.removeprefix("for ")) for who, _, text in said] == [
        ("Tomas Brandt", "the harbour to be closed")
    ]


def test_a_that_clause_the_parse_hung_on_a_prepositional_object() -> None:
    said = _said(
        "Judge Hanna Lindberg clarified in the proceedings that her ruling was not connected"
        " to or affected by the earlier case."
    )
    assert said == [
        (
            "Hanna Lindberg",
            "indirect",
            "her ruling was not connected to or affected by the earlier case",
        )
    ]


def test_a_banner_a_few_words_before_the_participle_still_speaks_for_no_one() -> None:
    said = _said(
        "Protesters with flags and a banner from Fair Ferries saying \u201ckeep the night"
        " boat\u201d."
    )
    assert said == []


def test_elaborate_reports() -> None:
    said = _said(
        "Mayor Tomas Brandt elaborated, \u201cThe night ferry must run every day of the year.\u201d"
    )
    assert said == [("Tomas Brandt", "direct", "The night ferry must run every day of the year.")]


def test_a_shared_surname_is_the_person_the_article_names_most() -> None:
    said = _said(
        "Retired diplomat Tomas Brandt died on Monday, aged 80.",
        "Tomas Brandt served in Oslo and Madrid. His wife, Karin Brandt, survives him.",
        "Tomas Brandt wrote three books on the Arctic.",
        "Brandt once told a newspaper he considered himself \u201ca sailor first.\u201d",
    )
    assert ("Tomas Brandt", "a sailor first") in [
        (who, text.split("\u201c")[-1].rstrip(".")) for who, _, text in said
    ]


def test_the_title_written_before_a_name_names_its_holder() -> None:
    said = _said(
        "Prime Minister Lena Ekdahl of Norland tested positive for the virus on Friday.",
        "After the shortage of tests, the Prime Minister apologised to the voters for"
        " \u201cthe chaos at the clinics.\u201d",
    )
    assert ("Lena Ekdahl", "the chaos at the clinics.") in [(w, t) for w, _, t in said]


def test_what_a_speaker_hails_or_cites_something_as() -> None:
    said = _said(
        "The Green Harbour Party hailed the ferry deal as a victory for the islands.",
        "Mayor Tomas Brandt has cited the storm as the reason for the delay.",
    )
    assert [(who, text) for who, _, text in said] == [
        ("Green Harbour Party", "the ferry deal as a victory for the islands"),
        ("Tomas Brandt", "the storm as the reason for the delay"),
    ]


def test_a_designation_as_is_no_report() -> None:
    said = _said("In 2007 the Norland government labeled the group as a terrorist organisation.")
    assert said == []


def test_a_calling_complement_the_parse_put_inside_a_phrase() -> None:
    said = _said(
        "Councillor Anna Berg called the inquiry into the ferry company \u201ca sham\u201d."
    )
    assert said == [("Anna Berg", "direct", "a sham")]


def test_a_quoted_clause_followed_only_by_where_it_was_said() -> None:
    said = _said(
        "Mayor Tomas Brandt has yet to concede, saying earlier in the morning before the"
        " count, \u201cI WON THIS VOTE BY A MILE!\u201d on Twitter."
    )
    assert said == [("Tomas Brandt", "direct", "I WON THIS VOTE BY A MILE!")]


def test_words_before_a_colon_are_no_part_of_the_quotation() -> None:
    said = _said(
        "Councillor Anna Berg was more cautious: \u201cSome ferries will return, but the night"
        " boat will not,\u201d she said."
    )
    assert [text for _, _, text in said] == [
        "Some ferries will return, but the night boat will not"
    ]
