"""Events finder: PLOVER events from invented news sentences, through the real pipeline."""

from __future__ import annotations

from typing import Any

import pytest

from watchfloor.analysis import load_analyser
from watchfloor.facts.plover import PLOVER_TYPES, load_lexicon, parse_entry
from watchfloor.facts.timeplace import resolve_date
from watchfloor.models import Article, BlockKind, build_blocks


def analyse(*paragraphs: str) -> tuple[list[dict[str, Any]], dict[str, str]]:
    text, blocks = build_blocks([(BlockKind.PARAGRAPH, p) for p in paragraphs])
    article = Article(doc_id="t", origin="t", text=text, blocks=blocks, published="2024-05-02")
    analysed = load_analyser().analyse(article)
    ids = analysed.actor_ids()
    names = {ids[a.key]: a.name for a in analysed.actors}
    return analysed.facts["events"], names


def summary(events: list[dict[str, Any]], names: dict[str, str]) -> set[tuple[str, str, str]]:
    return {
        (e["type"], names.get(e["source"] or "", "-"), names.get(e["target"] or "", "-"))
        for e in events
    }


def test_lexicon_loads_every_type() -> None:
    lexicon = load_lexicon()
    types = {c.type for cues in [*lexicon.verbs.values(), *lexicon.nouns.values()] for c in cues}
    assert types == set(PLOVER_TYPES)


def test_entry_syntax() -> None:
    cue = parse_entry("impose sanction/discontinue!", "SANCTION", head_last=False)
    assert (cue.head, cue.needs, cue.mode, cue.needs_target) == (
        "impose",
        ("sanction",),
        "discontinue",
        True,
    )
    noun = parse_entry("air strike/aerial", "ASSAULT", head_last=True)
    assert (noun.head, noun.needs) == ("strike", ("air",))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("France imposed sanctions on Iran on Monday.", ("SANCTION", "France", "Iran")),
        ("Germany condemned Russia over the poisoning.", ("ACCUSE", "Germany", "Russia")),
        ("Japan called on China to release the detained sailors.", ("REQUEST", "Japan", "China")),
        (
            "The United States withdrew its troops from Afghanistan.",
            ("RETREAT", "United States", "Afghanistan"),
        ),
        ("Brazil praised Argentina for the new trade rules.", ("SUPPORT", "Brazil", "Argentina")),
        ("Egypt and Sudan held talks in Cairo on Tuesday.", ("CONSULT", "Egypt", "Sudan")),
    ],
)
def test_verb_and_noun_cues(text: str, expected: tuple[str, str, str]) -> None:
    events, names = analyse(text)
    assert expected in summary(events, names)


def test_passive_with_agent_gives_source() -> None:
    events, names = analyse("Canada was attacked by Russia last week, officials said.")
    assert ("ASSAULT", "Russia", "Canada") in summary(events, names)


def test_background_mention_without_actor_is_no_event() -> None:
    events, _ = analyse("The war has left the region's economy in ruins.")
    assert events == []


def test_negation_and_refusal() -> None:
    events, names = analyse("Poland refused to sign the agreement with Belarus.")
    assert summary(events, names) == {("REJECT", "Poland", "Belarus")}
    events, _ = analyse("Spain did not grant Morocco's request.")
    assert [e["type"] for e in events] == ["REJECT"]


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("Kenya plans to visit Ethiopia next month.", "planned"),
        ("India is expected to criticize Pakistan at the summit.", "predicted"),
        ("Chile could expel Peru's ambassador.", "possible"),
        ("Norway attacked Sweden.", "asserted"),
    ],
)
def test_modality(text: str, modality: str) -> None:
    events, _ = analyse(text)
    assert [e["modality"] for e in events] == [modality]


def test_inner_cue_belongs_to_outer_trigger() -> None:
    events, _ = analyse("Italy urged Greece to lift the ban on exports.")
    assert [e["type"] for e in events] == ["REQUEST"]


def test_coordinated_targets_give_one_event_each() -> None:
    events, names = analyse("Iran expanded cooperation with China and Russia.")
    assert {("COOPERATE", "Iran", "China"), ("COOPERATE", "Iran", "Russia")} <= summary(
        events, names
    )


def test_event_fields_date_place_and_evidence() -> None:
    text = "Turkey arrested Sweden's consul in Ankara on Tuesday."
    events, _ = analyse(text)
    (event,) = events
    assert event["type"] == "COERCE" and event["mode"] == "arrest"
    assert (event["date"], event["date_text"]) == ("2024-04-30", "Tuesday")
    assert event["location_country"] == "TUR"
    assert event["evidence"] == text and (event["evidence_start"], event["evidence_end"]) == (
        0,
        len(text),
    )


def test_resolve_date_against_publication() -> None:
    from datetime import date

    anchor = date(2024, 5, 2)  # a Thursday
    assert resolve_date("yesterday", anchor) == "2024-05-01"
    assert resolve_date("Monday", anchor) == "2024-04-29"
    assert resolve_date("Monday", anchor, future=True) == "2024-05-06"
    assert resolve_date("in May", anchor) == "2024-05"
    assert resolve_date("March 3, 2019", anchor) == "2019-03-03"


def test_pronoun_subject_of_later_sentence() -> None:
    events, names = analyse(
        "France and Germany issued a joint statement on Tuesday.",
        "They called on Iran to release the detained sailors.",
    )
    found = summary(events, names)
    assert found & {("REQUEST", "France", "Iran"), ("REQUEST", "Germany", "Iran")}


def test_possessive_pronoun_names_the_target() -> None:
    events, names = analyse(
        "Andrii Sybiha asked for more air defence systems.",
        "The United States did not grant his wish.",
    )
    assert ("REJECT", "United States", "Andrii Sybiha") in summary(events, names)


def test_nominal_trigger_in_prepositional_phrase_is_background() -> None:
    events, _ = analyse("Spain has been the subject of Moroccan sanctions since 2011.")
    assert [e for e in events if e["type"] == "SANCTION"] == []


def test_named_noun_is_not_an_event() -> None:
    events, _ = analyse("Russia called the accusations unfounded.")
    assert [e for e in events if e["type"] == "ACCUSE"] == []


def test_warning_targets_the_one_spoken_about() -> None:
    events, names = analyse("Israel warned that Iran would pay a heavy price.")
    assert ("THREATEN", "Israel", "Iran") in summary(events, names)
    events, _ = analyse("Mexico's central bank warned that inflation would rise.")
    assert [e for e in events if e["type"] == "THREATEN"] == []


def test_passive_without_agent_targets_only_its_subject() -> None:
    events, names = analyse("Ali Hassan was deported from Turkey to Iran on Monday.")
    assert {t for (_, _, t) in summary(events, names)} <= {"Ali Hassan"}


def test_naming_with_disapproving_complement_is_accuse() -> None:
    events, names = analyse(
        "Canada's foreign minister Mark Dalton called Russia's blockade \"reckless\"."
    )
    assert ("ACCUSE", "Mark Dalton", "Russia") in summary(events, names)
    events, _ = analyse("Kenya called the talks useful.")
    assert [e for e in events if e["type"] == "ACCUSE"] == []


def test_joint_signers_each_sign_the_named_agreement() -> None:
    events, names = analyse(
        "Gabon and Cameroon signed the Central African Customs Union (CACU) agreement on Friday."
    )
    union = "Central African Customs Union"
    assert {("AGREE", "Gabon", union), ("AGREE", "Cameroon", union)} <= summary(events, names)
    events, names = analyse("Gabon and Cameroon signed an agreement on Friday.")
    assert summary(events, names) == {("AGREE", "Gabon", "Cameroon")}


def test_passive_join_gives_each_joiner() -> None:
    events, names = analyse(
        "Norway set up a maritime coalition, which was joined by Denmark, Iceland and Finland."
    )
    joiners = {s for t, s, _ in summary(events, names) if t == "COOPERATE"}
    assert {"Denmark", "Iceland", "Finland"} <= joiners


def test_owners_after_of_are_each_a_target() -> None:
    events, names = analyse(
        "Chile expanded cooperation with the navies of Peru, Brazil and Uruguay."
    )
    targets = {t for ty, _, t in summary(events, names) if ty == "COOPERATE"}
    assert {"Peru", "Brazil", "Uruguay"} <= targets


def test_deal_to_supply_targets_the_one_supplied() -> None:
    events, names = analyse(
        "Spain is poised to sign a deal to supply the Moroccan Navy with frigates."
    )
    assert any(t == "AGREE" and s == "Spain" and o != "-" for t, s, o in summary(events, names))


def test_unnamed_helper_is_no_aid_event() -> None:
    events, _ = analyse("Alexei Petrov was airlifted from Omsk to Berlin last month.")
    assert [e for e in events if e["type"] == "AID"] == []


def test_one_event_per_pair_in_a_sentence() -> None:
    events, names = analyse("Hungary condemned Serbia and criticized Serbia over the border.")
    assert [s for s in summary(events, names) if s[1:] == ("Hungary", "Serbia")] != []
    assert len([e for e in events if e["type"] == "ACCUSE"]) == 1


def test_joint_subject_hung_on_a_title() -> None:
    events, names = analyse(
        "On May 3, US President Joe Biden and French President Emmanuel Macron spoke on the phone."
    )
    assert ("CONSULT", "Joe Biden", "Emmanuel Macron") in summary(events, names)


def test_his_associates_are_not_him() -> None:
    events, names = analyse(
        "Ivan Orlov is a critic of Russian president Vladimir Putin, and his associates "
        "had alleged Orlov was poisoned."
    )
    assert [s for s in summary(events, names) if s[1] == "Vladimir Putin"] == []


def test_sending_warships_is_mobilize() -> None:
    events, names = analyse("Australia sent a second aircraft carrier to the region on Monday.")
    assert ("MOBILIZE", "Australia", "-") in summary(events, names)


def test_naming_as_terrorists_is_accuse() -> None:
    events, names = analyse(
        "Turkish President Recep Tayyip Erdogan named the Kurdistan Workers' Party (PKK) "
        "as terrorists on Friday."
    )
    assert {(t, s) for t, s, _ in summary(events, names)} >= {("ACCUSE", "Recep Tayyip Erdoğan")}


def test_withdrawal_targets_what_is_left() -> None:
    events, names = analyse("In 2018 Canada withdrew Canada from a trade treaty with Mexico.")
    assert ("RETREAT", "Canada", "Mexico") in summary(events, names)


def test_restriction_on_traffic_to_a_state() -> None:
    events, names = analyse("On Friday, Spain announced new restrictions on flights to Venezuela.")
    assert ("SANCTION", "Spain", "Venezuela") in summary(events, names)


def test_members_named_with_such_as_are_targets() -> None:
    events, names = analyse(
        "Chile has been urging neighbours such as Peru and Bolivia to open talks."
    )
    assert {("REQUEST", "Chile", "Peru"), ("REQUEST", "Chile", "Bolivia")} <= summary(events, names)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Norway halted economic aid to Zambia on Tuesday.", ("SANCTION", "Norway", "Zambia")),
        ("Ghana lodged a formal protest with Togo on Monday.", ("ACCUSE", "Ghana", "Togo")),
        ("Latvia cancelled restrictions on Estonia's exports.", ("CONCEDE", "Latvia", "Estonia")),
    ],
)
def test_aid_cuts_protest_notes_and_cancelled_restrictions(
    text: str, expected: tuple[str, str, str]
) -> None:
    events, names = analyse(text)
    assert expected in summary(events, names)


def test_spokesperson_for_a_government_speaks_for_the_state() -> None:
    events, names = analyse(
        "Austria blamed Hungary for the delay. A spokesman for the Austrian government "
        "strongly condemned Hungary on Monday."
    )
    assert [s for s in summary(events, names) if s == ("ACCUSE", "Austria", "Hungary")]
    assert len([e for e in events if e["evidence"].startswith("A spokesman")]) == 1


def test_possibility_of_doing_belongs_to_who_raised_it() -> None:
    events, names = analyse(
        "Poland's president Andrzej Duda raised the possibility of arming Ukraine."
    )
    (event,) = [e for e in events if e["type"] == "AID"]
    assert (names[event["source"]], names[event["target"]]) == ("Andrzej Duda", "Ukraine")
    assert event["modality"] == "possible"


def test_event_noun_talked_about_is_background() -> None:
    events, _ = analyse("Later, Peru's defence ministry justified the strike in a statement.")
    assert [e for e in events if e["type"] == "ASSAULT"] == []
    events, _ = analyse("Ecuador launched an attack on Colombia on Friday.")
    assert [e["type"] for e in events] == ["ASSAULT"]


def test_troops_sent_nowhere_are_no_aid() -> None:
    events, _ = analyse("Analysts said Belarus is reportedly sending troops.")
    assert [e for e in events if e["type"] == "AID"] == []
    events, names = analyse("Belarus is sending troops to Serbia.")
    assert ("AID", "Belarus", "Serbia") in summary(events, names)


def test_first_person_in_quote_is_the_speaker() -> None:
    events, names = analyse(
        'NATO chief Jens Stoltenberg said, "I count on Turkey to act with restraint."'
    )
    assert ("REQUEST", "Jens Stoltenberg", "Türkiye") in summary(events, names)


def test_demonym_taken_for_a_name_still_names_its_state() -> None:
    events, names = analyse(
        "Moldova voted on Sunday. Moldovan police detained 74 people on Monday."
    )
    assert ("COERCE", "police", "-") in summary(events, names)  # Moldova's police (MDA)


def test_an_absolute_with_clause_names_no_target() -> None:
    events, names = analyse(
        "Austrian officials met the airline's chief on Friday.",
        "Austria on Monday banned a Syrian airline from its airports, with officials "
        "saying this was for security reasons.",
    )
    assert not any(target == "officials" for _, _, target in summary(events, names))


def test_bare_government_is_the_main_state() -> None:
    events, names = analyse(
        "Turkey held elections. Turkey's lira fell. Turkey's courts are busy. "
        "Analysts said the government was unlikely to release Ekrem Imamoglu soon."
    )
    assert ("CONCEDE", "Türkiye", "Ekrem Imamoglu") in summary(events, names)
    events, names = analyse("Analysts said the government was unlikely to release Ekrem Imamoglu.")
    assert summary(events, names) == set()


def test_particle_before_preposition_cue() -> None:
    events, names = analyse("Spain spoke out against Italy on Monday.")
    assert ("ACCUSE", "Spain", "Italy") in summary(events, names)


def test_the_attack_is_the_last_attackers() -> None:
    events, names = analyse("Israel bombed Gaza on Monday. Egypt condemned the attack.")
    assert ("ACCUSE", "Egypt", "Israel") in summary(events, names)
    events, names = analyse("Israel bombed Gaza on Monday. The operation was condemned by Egypt.")
    assert ("ACCUSE", "Egypt", "Israel") in summary(events, names)


@pytest.mark.parametrize(
    ("text", "type_", "mode"),
    [
        ("Turkey killed commander Ali Demir in an airstrike.", "ASSAULT", "aerial"),
        ("Ghana expanded cooperation with the navy of Togo.", "COOPERATE", "military"),
        ("Poland is arming Ukraine.", "AID", "military"),
        ("Mali banned Air France from landing in Bamako.", "SANCTION", "restrict"),
        ("Canada imposed sanctions on Belarus.", "SANCTION", "discontinue"),
        ("Kenya and Uganda met at a regional summit in Kigali.", "CONSULT", "multilateral"),
    ],
)
def test_mode_from_cue_or_phrase(text: str, type_: str, mode: str) -> None:
    events, _ = analyse(text)
    assert {(e["type"], e["mode"]) for e in events} >= {(type_, mode)}


def test_plain_meeting_of_two_has_no_mode() -> None:
    events, _ = analyse("Kenya met Uganda in Nairobi on Monday.")
    assert [e["mode"] for e in events if e["type"] == "CONSULT"] == [None]


def test_passive_summons_is_a_request_to_the_subject() -> None:
    events, names = analyse("Benin and Nigeria were called to join the trade bloc.")
    assert summary(events, names) == {("REQUEST", "-", "Benin"), ("REQUEST", "-", "Nigeria")}
    events, _ = analyse("The minister was called to the scene.")
    assert events == []


def test_designating_as_terrorist_organisation_is_sanction() -> None:
    events, names = analyse("Canada designated Hamas as a terrorist organisation.")
    assert ("SANCTION", "Canada", "Hamas") in summary(events, names)


def test_participle_on_an_object_takes_the_verbs_source() -> None:
    events, names = analyse(
        "Germany sent a letter to Russia requesting the release of the journalists."
    )
    assert summary(events, names) == {("REQUEST", "Germany", "Russia")}


def test_pulling_out_of_a_country_targets_it() -> None:
    events, names = analyse("Siemens announced it will pull out of Iran.")
    assert ("RETREAT", "Siemens", "Iran") in summary(events, names)


def test_list_member_after_an_apposition_is_kept() -> None:
    events, names = analyse(
        "Spain, the largest buyer, and Portugal, which has ports of its own, were asked to join."
    )
    assert summary(events, names) == {("REQUEST", "-", "Spain"), ("REQUEST", "-", "Portugal")}


def test_a_series_of_attacks_is_not_the_attack_referred_back_to() -> None:
    events, names = analyse(
        "Israel bombed the port of Gaza on Monday. "
        "Hamas had launched attacks on Israeli towns for months. Iran condemned the attack."
    )
    found = summary(events, names)
    assert ("ACCUSE", "Iran", "Israel") in found
    assert ("ACCUSE", "Iran", "Hamas") not in found


def test_killed_in_the_airstrike_is_by_the_last_attacker() -> None:
    events, names = analyse(
        "Israel bombed the port of Gaza on Monday. "
        "The strike hit the Hamas commander, who was killed in the airstrike."
    )
    assert ("ASSAULT", "Israel", "Hamas") in summary(events, names)
    events, names = analyse("The Hamas commander was killed in the airstrike.")
    assert ("ASSAULT", "Israel", "Hamas") not in summary(events, names)


def test_reason_after_a_named_object_is_not_a_target() -> None:
    events, names = analyse("The European Union sanctioned Iran over alleged Hezbollah plots.")
    assert summary(events, names) == {("SANCTION", "European Union", "Iran")}


def test_subject_hung_on_an_auxiliary_still_acts() -> None:
    events, names = analyse(
        "The United States has been encouraging allies such as Japan to restrict trade."
    )
    assert ("REQUEST", "United States", "Japan") in summary(events, names)


def test_the_same_attack_told_again_is_one_event() -> None:
    events, _ = analyse(
        "Israel bombed the port of Gaza on Monday. Israel carried out the airstrike at dawn."
    )
    assert len([e for e in events if e["type"] == "ASSAULT"]) == 1
    events, names = analyse(
        "Israel bombed the port of Gaza on Monday. Hamas carried out the attack at dawn."
    )
    assert ("ASSAULT", "Hamas", "-") in summary(events, names)


def test_last_name_the_tagger_missed_is_the_person() -> None:
    events, names = analyse(
        "Abu Bakr al-Rashidi arrived in Baghdad. "
        "The United States had also levied individual sanctions against al-Rashidi."
    )
    assert ("SANCTION", "United States", "Abu Bakr al-Rashidi") in summary(events, names)


def test_appreciating_someones_work_is_support() -> None:
    events, names = analyse(
        "Ali Khamenei issued a message. In his message, he appreciated Hassan Nasrallah's courage."
    )
    assert ("SUPPORT", "Ali Khamenei", "Hassan Nasrallah") in summary(events, names)
    events, _ = analyse("The rupee appreciated against the dollar.")
    assert events == []


def test_members_named_by_example_act_not_the_demonym() -> None:
    events, names = analyse(
        "Italian banks including UniCredit and Intesa Sanpaolo have announced plans to pull"
        " out of Russia."
    )
    found = {e for e in summary(events, names) if e[0] == "RETREAT"}
    assert ("RETREAT", "UniCredit", "Russia") in found
    assert not any(source == "Italy" for _, source, _ in found)
    assert all(e["modality"] == "planned" for e in events if e["type"] == "RETREAT")


def test_announced_decision_to_act_has_the_announcer_as_source() -> None:
    events, names = analyse("Poland announced a decision to expel the ambassador of Belarus.")
    assert ("SANCTION", "Poland", "Belarus") in summary(events, names)


def test_the_country_stands_for_the_state_named_last() -> None:
    events, names = analyse(
        "Oil prices rose after new unrest in Venezuela, and Spain said it would send aid"
        " to the South American country."
    )
    assert ("AID", "Spain", "Venezuela") in summary(events, names)


@pytest.mark.parametrize(
    "sentence",
    [
        "Belarus has been the subject of European Union sanctions since 2020.",
        "Belarus is already under European Union sanctions.",
        "Belarus faces new European Union sanctions.",
    ],
)
def test_whoever_undergoes_sanctions_is_their_target(sentence: str) -> None:
    events, names = analyse(sentence)
    assert ("SANCTION", "European Union", "Belarus") in summary(events, names)


def test_sanctions_merely_mentioned_in_a_phrase_are_background() -> None:
    events, _ = analyse("Belarus came under pressure after the sanctions.")
    assert not [e for e in events if e["type"] == "SANCTION"]


def test_protests_and_arrests_with_nobody_named_are_still_events() -> None:
    events, _ = analyse(
        "The protests over the election have spread to dozens of cities.",
        "Police said 300 people had been detained since Friday.",
    )
    assert {(e["type"], e["source"], e["target"]) for e in events} >= {
        ("PROTEST", None, None),
        ("COERCE", None, None),
    }


def test_unattributed_events_that_are_only_forecast_are_not_kept() -> None:
    events, _ = analyse("It is not likely that the protests will force an early election.")
    assert not [e for e in events if e["type"] == "PROTEST"]


def test_a_conflictual_action_promised_on_a_condition_is_a_threat() -> None:
    events, names = analyse(
        "Chad said it will withdraw its troops from Mali unless the junta holds elections."
    )
    assert ("THREATEN", "Chad", "Mali") in summary(events, names)
    plain, names = analyse("Chad said it will withdraw its troops from Mali next month.")
    assert ("RETREAT", "Chad", "Mali") in summary(plain, names)


def test_yet_to_is_negated_not_a_rejection() -> None:
    events, names = analyse("President Donald Trump has yet to concede the election to Joe Biden.")
    assert [(e["type"], e["modality"]) for e in events] == [("CONCEDE", "negated")]
    assert names[events[0]["source"]] == "Donald Trump"


def test_a_refusal_still_reads_as_rejection() -> None:
    events, _ = analyse("Germany did not grant the request of Ukraine.")
    assert {(e["type"], e["modality"]) for e in events} <= {("REJECT", "asserted")}


def test_the_victim_of_a_protested_act_is_not_the_protest_target() -> None:
    events, names = analyse(
        "Thousands joined demonstrations in Kenosha protesting the shooting of Jacob Blake."
    )
    assert events, "the protest is still an event"
    assert all(names.get(e["target"] or "") != "Jacob Blake" for e in events)


def test_the_object_of_an_event_noun_is_its_own_target() -> None:
    events, names = analyse("It was the NCA's investigation of Matthew Falder that led police on.")
    assert ("ACCUSE", "Matthew Falder") in {
        (e["type"], names.get(e["target"] or "")) for e in events
    }


def test_an_open_question_is_not_an_event() -> None:
    events, _ = analyse("Watch whether Russia deploys troops to Belarus next month.")
    assert events == []


def test_what_something_is_called_is_not_an_event() -> None:
    events, _ = analyse("The package agreed by China and the United States is a ceasefire.")
    assert "RETREAT" not in {e["type"] for e in events}


def test_signing_a_decree_is_no_agreement_but_signing_a_deal_is() -> None:
    decree, _ = analyse("President Kais Saied signed a decree on the elections.")
    assert "AGREE" not in {e["type"] for e in decree}
    deal, names = analyse("Greece and Cyprus signed a deal on the pipeline.")
    assert ("AGREE", "Greece", "Cyprus") in summary(deal, names)


def test_releasing_a_statement_is_no_concession() -> None:
    events, _ = analyse("The Georgian Tennis Federation released a statement on Monday.")
    assert "CONCEDE" not in {e["type"] for e in events}
    freed, _ = analyse("Russia released two Ukrainian soldiers on Monday.")
    assert "CONCEDE" in {e["type"] for e in freed}


def test_a_cardiac_arrest_and_a_hosted_programme_are_no_events() -> None:
    events, _ = analyse("Ousted President Mohamed Morsi suffered a cardiac arrest on Monday.")
    assert "COERCE" not in {e["type"] for e in events}
    hosted, _ = analyse(
        "The University of Cambridge had been hosting a programme on rehabilitation."
    )
    assert "CONSULT" not in {e["type"] for e in hosted}
    visit, names = analyse("Egypt hosted Israeli Prime Minister Benjamin Netanyahu on Monday.")
    assert ("CONSULT", "Egypt", "Benjamin Netanyahu") in summary(visit, names)


def test_missiles_launched_at_whom_they_target_and_a_place_is_no_target() -> None:
    events, names = analyse(
        "Iran launched missiles targeting US troops in Iraq in response to the US airstrike "
        "that killed Iranian general Qasem Soleimani at a Baghdad airport."
    )
    found = summary(events, names)
    assert ("ASSAULT", "Iran", "United States") in found
    assert ("ASSAULT", "United States", "Qasem Soleimani") in found
    assert ("ASSAULT", "United States", "Iraq") not in found


def test_cameo_coded_verbs_added_to_the_cues() -> None:
    events, names = analyse(
        "Ecuador declared a state of emergency after Colombia wounded two soldiers."
    )
    found = summary(events, names)
    assert any(t == "COERCE" and s == "Ecuador" for t, s, _ in found)
    assert any(t == "ASSAULT" and s == "Colombia" for t, s, _ in found)
    opposed, names = analyse("Germany opposes the plan by Russia.")
    assert ("ACCUSE", "Germany", "Russia") in summary(opposed, names)  # whose plan it is


def test_a_demonym_on_an_act_aimed_at_a_state_is_its_source() -> None:
    events, names = analyse(
        "India and Pakistan exchanged fire on Sunday. Indian strikes on Pakistan went on"
        " through Monday.",
    )
    assert ("ASSAULT", "India", "Pakistan") in summary(events, names)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Peru protested. Chile will suspend tariffs on Peruvian copper for 90 days.",
            ("CONCEDE", "Chile", "Peru"),
        ),
        (
            "Cuba welcomed the step. Spain scrapped its sanctions on Cuban officials.",
            ("CONCEDE", "Spain", "Cuba"),
        ),
        ("Norway cut its tariffs on Icelandic fish on Monday.", ("CONCEDE", "Norway", "-")),
    ],
)
def test_a_measure_undone_is_a_concession_not_a_sanction(
    text: str, expected: tuple[str, str, str]
) -> None:
    events, names = analyse(*text.split(". ", 1))
    found = summary(events, names)
    assert expected in found
    assert not any(kind == "SANCTION" for kind, _, _ in found)


def test_a_measure_imposed_stays_a_sanction() -> None:
    events, names = analyse("Poland imposed tariffs on Belarusian potash on Monday.")
    assert {kind for kind, _, _ in summary(events, names)} == {"SANCTION"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Chile said on Tuesday that Peru must return the seized trawler.",
            ("REQUEST", "Chile", "Peru"),
        ),
        (
            "Kenya insisted that Uganda should reopen the border crossing.",
            ("REQUEST", "Kenya", "Uganda"),
        ),
        (
            "Egypt said that Ethiopia needs to stop filling the dam.",
            ("REQUEST", "Egypt", "Ethiopia"),
        ),
        (
            "Russia demanded on Friday that Norway release the fishing boat.",
            ("REQUEST", "Russia", "Norway"),
        ),
    ],
)
def test_saying_another_must_act_is_a_request_of_it(
    text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in summary(*analyse(text))


@pytest.mark.parametrize(
    "text",
    [
        "Chile said on Tuesday that the talks must resume soon.",  # nobody is asked
        "Chile said on Tuesday that we must act now.",  # the speaker's own resolve
        "The Chilean president said that Chile must leave the pact by June.",
    ],
)
def test_no_request_without_another_actor_to_ask(text: str) -> None:
    assert not any(kind == "REQUEST" for kind, _, _ in summary(*analyse(text)))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The rebels captured the town of Kolwezi on Sunday.", ("ASSAULT", "rebels", "-")),
        ("Hamas fighters stormed the army base on Saturday.", ("ASSAULT", "Hamas", "-")),
    ],
)
def test_a_place_taken_by_force_is_an_assault(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in summary(*analyse(text))


def test_a_thing_seized_stays_a_coercion() -> None:
    kinds = {kind for kind, _, _ in summary(*analyse("Police seized firearms from the house."))}
    assert kinds == {"COERCE"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Chile established diplomatic ties with Vietnam on Monday.",
            ("COOPERATE", "Chile", "Vietnam"),
        ),
        ("Peru on Thursday accepted the demands of the rebels.", ("CONCEDE", "Peru", "-")),
        ("Bolivian soldiers beat up Peruvian fishermen on Monday.", ("ASSAULT", "soldiers", "-")),
    ],
)
def test_common_phrases_of_the_codebook(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in summary(*analyse(text))


def test_a_match_won_is_no_assault() -> None:
    assert summary(*analyse("Chile beat Peru 2-1 in the final on Sunday.")) == set()
