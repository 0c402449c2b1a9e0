"""The actor knowledge base: packaged data integrity and name look-ups."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from watchfloor.actors import KnowledgeBase, KnownActor, Role, load_knowledge_base, normalise
from watchfloor.actors.kb import DATA_FILES, data_dir, read_records

pycountry = pytest.importorskip("pycountry")

ROOT = Path(__file__).resolve().parent.parent
QID = re.compile(r"^Q\d+$")
EXTRA_CODES = {"XKX"}  # Kosovo: user-assigned, used by the EU and IMF
ISO3 = {c.alpha_3 for c in pycountry.countries}
VALID3 = ISO3 | EXTRA_CODES
MAX_YEAR = 2030


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge_base()


def ids(actors: list[KnownActor]) -> list[str]:
    return [a.id for a in actors]


@pytest.fixture(scope="module")
def records() -> dict[str, list[dict[str, Any]]]:
    return {name: read_records(name) for name in DATA_FILES}


# ---- data integrity ----------------------------------------------------------------


def test_every_pycountry_state_present(kb: KnowledgeBase) -> None:
    for country in pycountry.countries:
        state = kb.state(country.alpha_3)
        assert state is not None, country.alpha_3
        assert state.type == "GPE"
        assert state.country == country.alpha_3
        assert state.alpha2 == country.alpha_2
    assert kb.state("prk") is kb.state("PRK")
    assert kb.state("XKX") is not None and kb.state("XKX").name == "Kosovo"  # type: ignore[union-attr]


def test_states_jsonl_is_up_to_date() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_states.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_ids_unique_across_files(records: dict[str, list[dict[str, Any]]]) -> None:
    all_ids = [r["id"] for rows in records.values() for r in rows]
    assert len(all_ids) == len(set(all_ids))
    prefixes = {"states.jsonl": "state:", "organisations.jsonl": "org:", "people.jsonl": "person:"}
    for name, prefix in prefixes.items():
        assert all(r["id"].startswith(prefix) for r in records[name]), name
    assert all(r["id"].startswith("group:") for r in records["groups.jsonl"])


def test_country_codes_valid(records: dict[str, list[dict[str, Any]]]) -> None:
    for rows in records.values():
        for r in rows:
            assert r.get("country") is None or r["country"] in VALID3, (r["id"], r["country"])
            assert r.get("part_of") is None or r["part_of"] in VALID3 or ":" in r["part_of"]
            for role in r.get("roles", []):
                assert role["country"] is None or role["country"] in VALID3, (r["id"], role)


def test_references_resolve(kb: KnowledgeBase, records: dict[str, list[dict[str, Any]]]) -> None:
    for rows in records.values():
        for r in rows:
            part_of = r.get("part_of")
            if part_of and ":" in part_of:
                assert kb.get(part_of) is not None, (r["id"], part_of)
            if part_of and ":" not in part_of:
                assert kb.state(part_of) is not None, (r["id"], part_of)
            for role in r.get("roles", []):
                assert role["org"] is None or kb.get(role["org"]) is not None, (r["id"], role)


def test_wikidata_ids_well_formed(records: dict[str, list[dict[str, Any]]]) -> None:
    seen: dict[str, str] = {}
    for rows in records.values():
        for r in rows:
            qid = r.get("wikidata")
            assert qid is None or QID.match(qid), (r["id"], qid)
            if qid:
                assert qid not in seen, f"{qid} on both {seen[qid]} and {r['id']}"
                seen[qid] = r["id"]
                assert "wikidata" in r["sources"], r["id"]


def test_every_entry_has_sources(records: dict[str, list[dict[str, Any]]]) -> None:
    for rows in records.values():
        for r in rows:
            assert isinstance(r.get("sources"), dict) and r["sources"], r["id"]
            assert all(isinstance(v, str) and v for v in r["sources"].values()), r["id"]


def test_types(records: dict[str, list[dict[str, Any]]]) -> None:
    assert {r["type"] for r in records["states.jsonl"]} == {"GPE"}
    assert {r["type"] for r in records["organisations.jsonl"]} == {"ORG"}
    assert {r["type"] for r in records["groups.jsonl"]} == {"ORG"}
    assert {r["type"] for r in records["people.jsonl"]} == {"PERSON"}


def test_years_sane(records: dict[str, list[dict[str, Any]]]) -> None:
    for r in records["people.jsonl"]:
        assert r["roles"], r["id"]
        for role in r["roles"]:
            start, end = role["from_year"], role["to_year"]
            assert isinstance(start, int) and 1945 <= start <= MAX_YEAR, (r["id"], role)
            assert end is None or (isinstance(end, int) and start <= end <= MAX_YEAR), r["id"]


def test_people_roles_in_vocabulary(kb: KnowledgeBase, records: dict[str, Any]) -> None:
    canonical = {spec.name for spec in kb.roles}
    for r in records["people.jsonl"]:
        for role in r["roles"]:
            assert role["role"] in canonical, (r["id"], role["role"])


def test_case_sensitive_aliases_are_names_of_the_entry(
    records: dict[str, list[dict[str, Any]]],
) -> None:
    fields = (
        "aliases",
        "surname_aliases",
        "demonyms",
        "capitals",
        "seats_of_government",
        "metonyms",
    )
    for rows in records.values():
        for r in rows:
            names = {r["name"], *(x for f in fields for x in r.get(f, []))}
            for alias in r.get("case_sensitive_aliases", []):
                assert alias in names, (r["id"], alias)


def test_overlay_covers_main_states() -> None:
    overlay = tomllib.loads((ROOT / "watchfloor/data/actors/states_overlay.toml").read_text())
    with_both = [c for c, v in overlay.items() if v.get("demonyms") and v.get("capitals")]
    assert len(with_both) >= 120
    for code in ("USA", "GBR", "FRA", "DEU", "RUS", "CHN", "PRK", "KOR", "IRN", "ISR", "UKR"):
        assert overlay[code]["demonyms"] and overlay[code]["capitals"], code


def test_roles_toml_packaged() -> None:
    assert data_dir().joinpath("roles.toml").is_file()


# ---- look-ups ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Pyongyang", "state:PRK"),
        ("the Kremlin", "state:RUS"),
        ("Kremlin", "state:RUS"),
        ("U.S.", "state:USA"),
        ("the US", "state:USA"),
        ("United States of America", "state:USA"),
        ("America", "state:USA"),
        ("the White House", "state:USA"),
        ("Britain", "state:GBR"),
        ("UK", "state:GBR"),
        ("U.K.", "state:GBR"),
        ("Downing Street", "state:GBR"),
        ("Whitehall", "state:GBR"),
        ("the Élysée", "state:FRA"),
        ("Elysee", "state:FRA"),
        ("Zhongnanhai", "state:CHN"),
        ("the Blue House", "state:KOR"),
        ("Yongsan", "state:KOR"),
        ("the Netherlands", "state:NLD"),
        ("Netherlands", "state:NLD"),
        ("The Hague", "state:NLD"),
        ("North Korea", "state:PRK"),
        ("DPRK", "state:PRK"),
        ("South Korea", "state:KOR"),
        ("Republic of Korea", "state:KOR"),
        ("Russia", "state:RUS"),
        ("Russian Federation", "state:RUS"),
        ("Iran", "state:IRN"),
        ("Syria", "state:SYR"),
        ("Türkiye", "state:TUR"),
        ("Turkiye", "state:TUR"),
        ("Turkey", "state:TUR"),
        ("Czechia", "state:CZE"),
        ("Ivory Coast", "state:CIV"),
        ("Côte d’Ivoire", "state:CIV"),
        ("Burma", "state:MMR"),
        ("Kyiv", "state:UKR"),
        ("Kiev", "state:UKR"),
        ("Russia's", "state:RUS"),
        ("Pentagon", "org:usa-dod"),
        ("the Pentagon", "org:usa-dod"),
        ("DoD", "org:usa-dod"),
        ("Defense Department", "org:usa-dod"),
        ("State Department", "org:usa-state-department"),
        ("the Fed", "org:usa-fed"),
        ("Federal Reserve", "org:usa-fed"),
        ("UN Security Council", "org:unsc"),
        ("U.N.", "org:un"),
        ("WHO", "org:who"),
        ("KCNA", "org:kcna"),
        ("IRGC", "org:irn-irgc"),
        ("NATO", "org:nato"),
        ("Houthis", "group:houthis"),
        ("Ansar Allah", "group:houthis"),
        ("Daesh", "group:isis"),
        ("ISIL", "group:isis"),
        ("al Qaeda", "group:al-qaeda"),
        ("al-Shabab", "group:al-shabaab"),
        ("Kim Jong Un", "person:kim-jong-un"),
        ("Kim Jong-un", "person:kim-jong-un"),
        ("Erdogan", "person:recep-tayyip-erdogan"),
        ("Erdoğan", "person:recep-tayyip-erdogan"),
        ("Choe Son Hui", "person:choe-son-hui"),
    ],
)
def test_lookup(kb: KnowledgeBase, name: str, expected: str) -> None:
    assert expected in ids(kb.lookup(name)), (name, ids(kb.lookup(name)))


def test_pentagon_is_us_defense_department(kb: KnowledgeBase) -> None:
    (dod,) = kb.lookup("Pentagon")
    assert dod.type == "ORG" and dod.country == "USA"
    assert dod.name == "US Department of Defense"


def test_capital_resolves_to_state(kb: KnowledgeBase) -> None:
    (match,) = kb.matches("Pyongyang")
    assert match.actor.country == "PRK" and match.via == "capital"


def test_case_sensitive_aliases(kb: KnowledgeBase) -> None:
    assert "org:usa-fed" not in ids(kb.lookup("fed"))
    assert "org:usa-fed" not in ids(kb.lookup("FED"))
    assert kb.lookup("us") == []
    assert kb.lookup("u.s.") == []
    assert "org:who" not in ids(kb.lookup("who"))
    assert "group:isis" not in ids(kb.lookup("is"))
    assert "state:TUR" not in ids(kb.lookup("turkey"))
    assert ids(kb.lookup("Fed")) == ["org:usa-fed"]


def test_demonyms_are_not_actors_unless_asked(kb: KnowledgeBase) -> None:
    assert kb.country_of_demonym("North Korean") == "PRK"
    assert kb.country_of_demonym("North Koreans") == "PRK"
    assert kb.country_of_demonym("Ukrainian") == "UKR"
    assert kb.country_of_demonym("American") == "USA"
    assert kb.country_of_demonym("British") == "GBR"
    assert kb.country_of_demonym("Emirati") == "ARE"
    assert kb.country_of_demonym("Martian") is None
    assert kb.lookup("North Korean") == []
    assert ids(kb.lookup("North Korean", include_demonyms=True)) == ["state:PRK"]
    assert [m.via for m in kb.matches("Emirati", include_demonyms=True)] == ["demonym"]


def test_ambiguous_demonym(kb: KnowledgeBase) -> None:
    assert sorted(kb.countries_of_demonym("Congolese")) == ["COD", "COG"]
    assert kb.country_of_demonym("Congolese") is None
    assert kb.country_of_demonym("polish") is None
    assert kb.country_of_demonym("Polish") == "POL"


def test_zelensky_spellings_same_person(kb: KnowledgeBase) -> None:
    variants = ["Zelensky", "Zelenskyy", "Zelenskiy", "Volodymyr Zelensky", "Volodymyr Zelenskyy"]
    found = {tuple(ids(kb.lookup(v))) for v in variants}
    assert found == {("person:volodymyr-zelenskyy",)}


def test_surname_matches_are_flagged_and_optional(kb: KnowledgeBase) -> None:
    assert [m.via for m in kb.matches("Zelensky")] == ["surname"]
    assert kb.lookup("Zelensky", include_surnames=False) == []
    assert "person:kim-jong-un" in ids(kb.lookup("Kim"))


def test_ambiguous_names_return_all(kb: KnowledgeBase) -> None:
    assert {"org:rsf-ngo", "group:rsf"} <= set(ids(kb.lookup("RSF")))
    assert {"org:eu", "state:BEL"} <= set(ids(kb.lookup("Brussels")))


def test_unknown_name(kb: KnowledgeBase) -> None:
    assert kb.lookup("Atlantis") == []
    assert kb.lookup("") == []
    assert kb.lookup("the") == []


def test_by_country(kb: KnowledgeBase) -> None:
    prk = ids(kb.by_country("PRK"))
    assert prk[0] == "state:PRK"
    assert {"org:kcna", "person:kim-jong-un", "person:choe-son-hui"} <= set(prk)
    assert kb.by_country("ZZZ") == []


def test_roles_of(kb: KnowledgeBase) -> None:
    trump = kb.roles_of("person:donald-trump")
    assert [r.role for r in trump] == ["President", "President"]
    assert kb.roles_of("person:donald-trump", 2022) == []
    first = Role("President", "USA", None, 2017, 2021, date(2017, 1, 20), date(2021, 1, 20))
    assert kb.roles_of("person:donald-trump", 2018) == [first]
    assert kb.roles_of("person:donald-trump", date(2021, 1, 19)) == [first]
    assert kb.roles_of("person:donald-trump", date(2021, 3, 1)) == []
    assert [r.role for r in kb.roles_of("person:joe-biden", date(2021, 3, 1))] == ["President"]
    shoigu_2025 = {r.role for r in kb.roles_of("person:sergei-shoigu", 2025)}
    assert shoigu_2025 == {"Security Council Secretary"}
    assert kb.roles_of("person:nobody") == []


def test_people_required_by_brief(kb: KnowledgeBase) -> None:
    for name in [
        "Kim Jong Un", "Choe Son Hui", "Yoon Suk Yeol", "Sybiha", "Kuleba", "Lavrov", "Shoigu",
        "Belousov", "Rouhani", "Raisi", "Pezeshkian", "Zarif", "Araghchi", "Netanyahu",
        "Xi Jinping", "Wang Yi", "Modi", "Blinken", "Putin", "Biden", "Trump",
    ]:  # fmt: skip
        assert any(a.type == "PERSON" for a in kb.lookup(name)), name


def test_role_words(kb: KnowledgeBase) -> None:
    for word in [
        "President", "Prime Minister", "Foreign Minister", "Defence Minister", "Defense Minister",
        "Supreme Leader", "Chancellor", "King", "Secretary of State", "Secretary-General",
        "spokesperson",
    ]:  # fmt: skip
        assert word in kb.role_words, word
    assert kb.role_kind("Defense Secretary") == "defence_minister"
    assert kb.role_kind("foreign secretary") == "foreign_minister"
    assert kb.role_kind("Juggler") is None


def test_normalise() -> None:
    assert normalise("U.S.") == normalise("US") == "us"
    assert normalise("the  Kremlin") == "kremlin"
    assert normalise("Côte d’Ivoire") == normalise("Cote d'Ivoire")
    assert normalise("Kim Jong-un") == "kim jong un"
    assert normalise("U.S.", fold_case=False) == "US"


def test_load_is_cached(kb: KnowledgeBase) -> None:
    assert load_knowledge_base() is kb
    assert len(kb) == sum(len(read_records(name)) for name in DATA_FILES)


def test_is_case_sensitive(kb: KnowledgeBase) -> None:
    who = kb.get("org:who")
    assert who is not None
    assert who.is_case_sensitive("WHO") and who.is_case_sensitive("W.H.O.")
    assert not who.is_case_sensitive("World Health Organization")


def test_national_organisations_have_possessive_names(kb: KnowledgeBase) -> None:
    assert [a.name for a in kb.lookup("China's coast guard")] == ["China Coast Guard"]
    assert [a.name for a in kb.lookup("Russia's Foreign Ministry")][:1] == [
        "Russian Ministry of Foreign Affairs"
    ]
