"""A person's country from the organisation they work for.

The texts are written for these tests; the people and firms in them are invented.
"""

from __future__ import annotations

from test_actors_resolve import actors_of, by_name


def test_a_judge_of_the_articles_court_is_of_the_articles_state() -> None:
    actors = actors_of(
        "Pakistan's parliament passed the amendment on Tuesday after a long debate.",
        "Pakistan's government said the change would speed up trials across Pakistan.",
        "Tariq Mehmood, a judge of the Supreme Court, resigned in protest on Wednesday.",
    )
    judge = by_name(actors, "Tariq Mehmood")
    assert judge.organisation == "Supreme Court"
    assert judge.country == "PAK" and judge.country_from == "article"


def test_an_agency_named_by_its_demonym_gives_its_chief_a_country() -> None:
    actors = actors_of(
        "Rudi Santoso, the chief of the Indonesian State Intelligence Agency, said the "
        "network had been broken up.",
    )
    assert by_name(actors, "Rudi Santoso").country == "IDN"


def test_a_firms_base_is_not_its_analysts_nationality() -> None:
    actors = actors_of(
        "Kenya's president promised new talks with the protest leaders on Monday.",
        "Grace Mensah, an analyst at the Accra-based Volta Risk Group, said the talks "
        "were unlikely to end the protests.",
    )
    firm = by_name(actors, "Volta Risk Group")
    assert (firm.country, firm.country_from) == ("GHA", "based")
    mensah = by_name(actors, "Grace Mensah")
    assert mensah.organisation == "Volta Risk Group" and mensah.country is None


def test_an_official_belongs_to_the_state_named_in_the_same_sentence() -> None:
    actors = actors_of(
        "Chile and Peru signed a fishing accord on Monday after long talks.",
        "In Peru, Fisheries Minister Rosa Quispe said the quotas would be checked monthly.",
        "Chile expects the first catches under the accord in March.",
    )
    quispe = by_name(actors, "Rosa Quispe")
    assert (quispe.country, quispe.role) == ("PER", "Fisheries Minister")
