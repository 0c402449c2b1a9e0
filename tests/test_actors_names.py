"""One actor per real-world actor: short and long forms of a person's name, names tagged
both as a person and an organisation, and acronyms only where a bracket defines them.

The texts are written for these tests; the people and bodies in them are invented.
"""

from __future__ import annotations

from test_actors_resolve import actors_of, by_name

from watchfloor.actors.naming import one_per_name
from watchfloor.actors.types import DocActor, Mention


def test_a_persons_first_two_names_are_that_person() -> None:
    actors = actors_of(
        "Peter Garang Deng, the minister for roads, died on Sunday, his family said.",
        "Peter Garang had led the ministry since 2021, and colleagues praised his work.",
    )
    deng = by_name(actors, "Peter Garang Deng")
    assert "Peter Garang" in deng.surface_forms
    assert sum(a.type == "PERSON" and "Garang" in a.name for a in actors) == 1


def actor(name: str, type_: str, *starts: int) -> DocActor:
    mentions = [Mention(s, s + len(name), name) for s in starts]
    return DocActor(key=f"{type_}:{name}", name=name, type=type_, mentions=mentions)


def test_a_name_tagged_as_a_person_and_an_organisation_is_one_organisation() -> None:
    person, org = actor("Portside", "PERSON", 10, 90), actor("Portside", "ORG", 50)
    other = actor("Harbour Board", "ORG", 70)
    merged = one_per_name([person, org, other])
    assert merged == [org, other]
    assert [m.start for m in org.mentions] == [10, 50, 90]


def test_an_acronym_after_a_comma_is_not_the_name_before_it() -> None:
    actors = actors_of(
        "The story was first reported by the Harbour Gazette, KTV and other outlets.",
        "The Coastal Workers Union (CWU) said its members would strike on Monday.",
    )
    assert by_name(actors, "CWU").name == "Coastal Workers Union"
    assert "KTV" not in by_name(actors, "Harbour Gazette").surface_forms


def test_a_bodys_last_word_alone_is_that_body() -> None:
    actors = actors_of(
        "The Harbour Reform Alliance won 31 seats, the electoral commission said.",
        "The Alliance will need two partners to form a government, its leader said.",
    )
    alliance = by_name(actors, "Harbour Reform Alliance")
    assert alliance.surface_forms == ["Harbour Reform Alliance", "Alliance"]
