"""Event arguments read from general constructions: for-to clauses, authors of what is
acted on ("a request by X"), pressure on someone to act."""

from __future__ import annotations

import pytest
from test_facts_events import analyse, summary


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Chile has called for Peru to withdraw its ambassador.",
            ("REQUEST", "Chile", "Peru"),
        ),
        (
            "The United Nations pushed for Ethiopia to hold the vote.",
            ("REQUEST", "United Nations", "Ethiopia"),
        ),
    ],
)
def test_a_for_to_clause_names_who_is_asked(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in summary(*analyse(text))


def test_for_after_a_verb_without_a_clause_is_no_request() -> None:
    assert summary(*analyse("Chile called for calm on Monday.")) == {("REQUEST", "Chile", "-")}


def test_pressure_on_an_actor_to_act_is_a_request() -> None:
    found = summary(*analyse("Brazil pressed Paraguay to reopen the border on Monday."))
    assert ("REQUEST", "Brazil", "Paraguay") in found


def test_pressing_ahead_alone_is_no_request() -> None:
    assert summary(*analyse("Brazil pressed ahead with the census on Monday.")) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The Supreme Court rejected a request by Jair Bolsonaro to annul the vote.",
            ("REJECT", "Supreme Court", "Jair Bolsonaro"),
        ),
        (
            "The Federal Court dismissed a motion by the Liberal Party to delay the budget.",
            ("REJECT", "Federal Court", "Liberal Party"),
        ),
    ],
)
def test_whose_proposal_is_rejected_is_the_target(
    text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in summary(*analyse(text))


def test_a_joined_passive_shares_the_subject_as_its_target() -> None:
    found = summary(
        *analyse("Nelson Chamisa founded the movement in 1999, but was arrested in 2003.")
    )
    assert ("COERCE", "-", "Nelson Chamisa") in found
    assert not any(source == "Nelson Chamisa" for _, source, _ in found)


def test_a_described_person_is_the_named_one() -> None:
    found = summary(*analyse("Rex Masai, a student and poet detained in March, died on Friday."))
    assert ("COERCE", "-", "Rex Masai") in found


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        (
            "Chile and Peru could not agree on a border on Monday.",
            {("REJECT", "Chile", "Peru"), ("REJECT", "Peru", "Chile")},
        ),
        (
            "Armenia and Azerbaijan are observing a fragile ceasefire.",
            {("RETREAT", "Armenia", "Azerbaijan"), ("RETREAT", "Azerbaijan", "Armenia")},
        ),
    ],
)
def test_mutual_acts_face_each_other(text: str, pairs: set[tuple[str, str, str]]) -> None:
    assert pairs <= summary(*analyse(text))


def test_a_joint_agreement_stays_one_event() -> None:
    assert summary(*analyse("Chile and Peru signed a border treaty on Monday.")) == {
        ("AGREE", "Chile", "Peru")
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jair Bolsonaro pleaded not guilty to the charges.", ("REJECT", "Jair Bolsonaro", "-")),
        ("Jair Bolsonaro pleaded guilty to the charges.", ("CONCEDE", "Jair Bolsonaro", "-")),
    ],
)
def test_a_plea_is_no_request(text: str, expected: tuple[str, str, str]) -> None:
    assert summary(*analyse(text)) == {expected}


def test_an_overturned_conviction_is_conceded_to_its_owner() -> None:
    found = summary(
        *analyse("The Supreme Court of Brazil overturned the convictions of Lula da Silva.")
    )
    [(kind, source, target)] = found
    assert (kind, target) == ("CONCEDE", "Luiz Inácio Lula da Silva")
    assert source.startswith("Supreme Court")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jair Bolsonaro attacked the investigation as a witch hunt.", "ACCUSE"),
        ("Jair Bolsonaro attacked the proposal in a speech on Monday.", "ACCUSE"),
        ("Russia attacked the town of Bakhmut on Monday.", "ASSAULT"),
    ],
)
def test_an_attack_on_words_is_an_accusation(text: str, expected: str) -> None:
    assert {kind for kind, _, _ in summary(*analyse(text))} == {expected}


def test_a_document_released_is_no_concession() -> None:
    assert summary(*analyse("Hamas released a video of the hostages on Monday.")) == set()
    assert summary(*analyse("Hamas released 20 hostages on Monday.")) == {("CONCEDE", "Hamas", "-")}


def test_what_to_watch_is_no_event() -> None:
    text = "Watch the talks between Chile and Peru in Lima, and the sanctions Brazil has promised."
    assert summary(*analyse(text)) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Gustavo Petro paid tribute to Ingrid Betancourt.",
            ("SUPPORT", "Gustavo Petro", "Ingrid Betancourt"),
        ),
        ("Chile committed to buying Peruvian gas.", ("AGREE", "Chile", "-")),
        (
            "The Constitutional Court of Bolivia annulled the vote.",
            ("REJECT", "Constitutional Court of Bolivia", "-"),
        ),
        ("Five people, including Evo Morales, were injured.", ("ASSAULT", "-", "Evo Morales")),
    ],
)
def test_phrases_of_the_codebook(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in summary(*analyse(text))


def test_fighting_an_idea_is_no_assault() -> None:
    assert summary(*analyse("Gustavo Petro is fighting corruption in Colombia.")) == set()


def test_the_brother_of_a_person_is_not_that_person() -> None:
    text = "The brother of Evo Morales was arrested by the police of Bolivia on Monday."
    assert summary(*analyse(text)) == {("COERCE", "police", "-")}


def test_the_owner_of_a_claim_does_what_it_claims() -> None:
    text = "Chile has not confirmed Peru's claim to have shot down two Chilean drones."
    found = summary(*analyse(text))
    assert {(kind, source, target) for kind, source, target in found} == {
        ("ASSAULT", "Peru", "Chile")
    }


def test_an_offer_rejected_is_not_the_rejecters_own() -> None:
    found = summary(*analyse("Iran rejected the offer to hold talks with Israel."))
    assert ("CONSULT", "Iran", "Israel") not in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bolivian police prevented the march on Monday.", ("COERCE", "police", "-")),
        ("Bolivian police dispersed the crowd with tear gas.", ("COERCE", "police", "-")),
        ("Peru reimposed the blockade on the port.", ("COERCE", "Peru", "-")),
        ("Ecuador defied the embargo on Monday.", ("REJECT", "Ecuador", "-")),
        (
            "The rebels in Colombia announced that Gustavo Petro must resign.",
            ("REQUEST", "rebels", "Gustavo Petro"),
        ),
    ],
)
def test_codes_of_the_cameo_mapping(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in summary(*analyse(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('Gustavo Petro called the vote "a fraud".', {("ACCUSE", "Gustavo Petro", "-")}),
        (
            "Gustavo Petro called Ingrid Betancourt a true hero.",
            {("SUPPORT", "Gustavo Petro", "Ingrid Betancourt")},
        ),
        ('Gustavo Petro called the verdict "excellent news".', {("SUPPORT", "Gustavo Petro", "-")}),
        ("Gustavo Petro called the talks a first step.", set()),
        ('Colombia named the operation "Peace Spring".', set()),
    ],
)
def test_what_a_speaker_calls_something(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert summary(*analyse(text)) == expected


def test_a_naming_that_repeats_the_speakers_act_is_one_event() -> None:
    text = "Chile condemned the strike by Peru, calling it an aggression."
    found = summary(*analyse(text))
    assert [kind for kind, source, _ in found if source == "Chile"] == ["ACCUSE"]


def test_a_clause_before_a_semicolon_is_its_own() -> None:
    text = (
        "Gustavo Petro's convoy was attacked with stones; Colombia called it an"
        " assassination attempt."
    )
    assert ("ASSAULT", "-", "Gustavo Petro") in summary(*analyse(text))


def test_the_author_of_a_statement_acts_through_it() -> None:
    text = "Peru was condemned in a joint statement by Chile and Bolivia on Monday."
    assert summary(*analyse(text)) == {("ACCUSE", "Chile", "Peru"), ("ACCUSE", "Bolivia", "Peru")}


def test_a_joined_passive_with_its_agent_keeps_the_shared_subject() -> None:
    text = "Peru is already under sanctions, and was condemned by Chile on Monday."
    assert ("ACCUSE", "Chile", "Peru") in summary(*analyse(text))


def test_whose_blockade_is_tightened_is_the_target() -> None:
    text = "NATO said on Wednesday it would tighten the naval blockade of Serbia."
    assert ("COERCE", "NATO", "Serbia") in summary(*analyse(text))


def test_a_demand_that_someone_act_targets_them() -> None:
    text = (
        "The rebels in Peru insisted on their demands that Bolivia's government free the prisoners."
    )
    assert summary(*analyse(text)) == {("REQUEST", "rebels", "Bolivia")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "EU foreign ministers agreed to lift the sanctions on Syria.",
            ("AGREE", "European Union", "Syria"),
        ),
        (
            "The foreign ministers of Chile and Peru signed a peace agreement in Lima.",
            ("AGREE", "Chile", "Peru"),
        ),
    ],
)
def test_the_people_of_a_body_act_for_it(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in summary(*analyse(text))


def test_a_forecast_nominal_event_names_its_state_by_demonym() -> None:
    found = summary(
        *analyse("Israel and Hamas agreed to a truce.", "A further Israeli withdrawal is unlikely.")
    )
    assert ("RETREAT", "Israel", "-") in found


def test_a_demonym_on_an_event_merely_allowed_is_no_source() -> None:
    found = summary(
        *analyse(
            "Libya signed a deal with Turkey.", "The deal allowed Turkish deployments in Libya."
        )
    )
    assert not any(kind == "MOBILIZE" for kind, _, _ in found)


def test_fighting_between_two_parties_faces_each_way() -> None:
    found = summary(*analyse("Clashes between Kenya and Uganda at the border killed two soldiers."))
    assert {("ASSAULT", "Kenya", "Uganda"), ("ASSAULT", "Uganda", "Kenya")} <= found


def test_an_agreement_between_two_parties_named_in_passing_is_no_event() -> None:
    text = "Greece called the agreement between Turkey and Libya null and void."
    assert not any(kind == "AGREE" for kind, _, _ in summary(*analyse(text)))


def test_the_event_a_forecast_puts_odds_on() -> None:
    text = "We put the chance of renewed Russian strikes on Ukraine before June at 25%."
    events, names = analyse("Russia and Ukraine fought for years.", text)
    found = [e for e in events if e["evidence"] == text]
    assert [(e["type"], names[e["source"]], names[e["target"]], e["modality"]) for e in found] == [
        ("ASSAULT", "Russia", "Ukraine", "possible")
    ]


def test_drills_held_are_a_mobilisation() -> None:
    found = summary(*analyse("China will hold another large drill near Taiwan next week."))
    assert ("MOBILIZE", "China", "-") in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A coup attempt by the army of Bolivia failed on Monday.", "COERCE"),
        ("China's drills around Taiwan ended on Monday.", "MOBILIZE"),
    ],
)
def test_nouns_of_the_codebook(text: str, expected: str) -> None:
    assert expected in {kind for kind, _, _ in summary(*analyse(text))}


def test_ministers_of_two_states_sign_for_them_not_with_the_venue() -> None:
    text = (
        "The foreign ministers of Chile and Peru signed a peace agreement at the Vatican"
        " on Friday, with Pope Leo as witness."
    )
    assert summary(*analyse(text)) == {("AGREE", "Chile", "Peru")}


def test_missiles_fired_at_a_group_target_it() -> None:
    assert summary(*analyse("Israel fired missiles at Hezbollah.")) == {
        ("ASSAULT", "Israel", "Hezbollah")
    }


def test_a_states_forces_are_a_group_of_that_state() -> None:
    events, names = analyse("Russian forces shelled Kharkiv on Monday.")
    assert [(e["type"], names[e["source"]]) for e in events] == [("ASSAULT", "forces")]


def test_forces_of_no_named_state_are_no_actor() -> None:
    _, names = analyse("Government forces began deploying into the territory on Monday.")
    assert "forces" not in names.values()


def test_an_unconfirmed_claim_is_possible_not_denied() -> None:
    text = "Chile has not confirmed Peru's claim to have shot down two Chilean drones."
    [event] = analyse(text)[0]
    assert event["modality"] == "possible"
