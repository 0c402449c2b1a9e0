"""Building the people of the knowledge base: the merge of reviewed entries with Phoenix,
on records written for the test, and the committed outputs against ../shared."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from watchfloor.actors.kb import read_records
from watchfloor.actors.kb_build import (
    TITLE_WORDS,
    display_name,
    is_clean_name,
    match_people,
    merge,
    person_from_record,
    phoenix_only,
    taken_names,
)
from watchfloor.actors.phoenix import CodeSpan, PhoenixRecord

ROOT = Path(__file__).resolve().parent.parent
PHOENIX = ROOT.parent / "shared" / "data" / "phoenix"
VALID = frozenset({"RUR", "USA"})


def phoenix_record(phrase: str, synonyms: list[str], codes: list[CodeSpan]) -> PhoenixRecord:
    return PhoenixRecord(phrase, "Test.actors.txt", 10, synonyms=synonyms, codes=codes)


RUDOLF = phoenix_record(
    "RUDOLF ELPHBERG",
    ["KING RUDOLF", "RUDOLF V. ELPHBERG", "RUDOLPH ELPHBERG", "ELPHBERG"],
    [
        CodeSpan("RURELI", date(1940, 1, 1), date(1965, 3, 9), 11, "[RURELI 400101-650309]"),
        CodeSpan("RURGOV", date(1965, 3, 10), date(1999, 12, 31), 12, "[RURGOV 650310-991231]"),
    ],
)
REVIEWED: dict[str, Any] = {
    "id": "person:rudolf-elphberg",
    "type": "PERSON",
    "name": "Rudolf Elphberg",
    "country": "RUR",
    "aliases": [],
    "roles": [
        {"role": "King", "country": "RUR", "org": None, "from_year": 1965, "to_year": 1999},
        {"role": "President", "country": "RUR", "org": None, "from_year": 2001, "to_year": None},
    ],
    "sources": {"*": "reviewed"},
}


def test_display_name_and_clean_names() -> None:
    assert display_name("ABU BAKR AL-BAGHDADI") == "Abu Bakr al-Baghdadi"
    assert display_name("BAN KI-MOON") == "Ban Ki-Moon"
    assert is_clean_name("RUDOLF V. ELPHBERG", TITLE_WORDS)
    assert not is_clean_name("KING RUDOLF", TITLE_WORDS)  # a title
    assert not is_clean_name("ELPHBERG", TITLE_WORDS)  # one word: a surname, not a name
    assert not is_clean_name("THE OBAMA ADMINISTRATION", TITLE_WORDS)
    assert not is_clean_name("DMITRI A .MEDVEDEV", TITLE_WORDS)  # broken spacing


def test_person_needs_a_dated_office_and_a_clean_name() -> None:
    person = person_from_record(RUDOLF, VALID, TITLE_WORDS)
    assert person is not None
    assert person.names == ["Rudolf Elphberg", "Rudolf V. Elphberg", "Rudolph Elphberg"]
    assert [s.code for s in person.offices] == ["RURGOV"]  # ELI is no office
    assert person.countries == {"RUR"}
    undated = phoenix_record("RURITANIAN ARMY", [], [CodeSpan("RURMIL")])
    assert person_from_record(undated, VALID, TITLE_WORDS) is None


def test_merge_adds_spellings_days_and_sources() -> None:
    person = person_from_record(RUDOLF, VALID, TITLE_WORDS)
    assert person is not None
    matches = match_people([REVIEWED], [person])
    assert list(matches) == ["person:rudolf-elphberg"]
    merged = merge(REVIEWED, matches["person:rudolf-elphberg"], taken_names([REVIEWED]))
    assert merged["aliases"] == ["Rudolf V. Elphberg", "Rudolph Elphberg"]
    king, president = merged["roles"]
    assert (king["start"], king["end"]) == ("1965-03-10", "1999-12-31")
    assert "Test.actors.txt:12 [RURGOV 650310-991231]" in king["source"]
    assert "start" not in president  # no Phoenix range agrees with its years
    assert merged["sources"]["phoenix"].startswith("Test.actors.txt:10 RUDOLF ELPHBERG")
    assert REVIEWED["aliases"] == []  # the input is not changed


def test_a_name_of_another_actor_is_not_added() -> None:
    person = person_from_record(RUDOLF, VALID, TITLE_WORDS)
    assert person is not None
    other = {"id": "org:rudolph-elphberg", "name": "Rudolph Elphberg", "aliases": []}
    merged = merge(REVIEWED, [person], taken_names([other, REVIEWED]))
    assert merged["aliases"] == ["Rudolf V. Elphberg"]


def test_country_must_agree_to_match() -> None:
    person = person_from_record(RUDOLF, VALID, TITLE_WORDS)
    assert person is not None
    elsewhere = dict(REVIEWED, country="USA", roles=[])
    assert match_people([elsewhere], [person]) == {}


def test_phoenix_only_people_are_identities_with_sources() -> None:
    person = person_from_record(RUDOLF, VALID, TITLE_WORDS)
    assert person is not None
    [entry] = list(phoenix_only([person], set(), {}))
    assert entry["id"] == "person:rudolf-elphberg" and entry["country"] == "RUR"
    assert entry["sources"] == {"*": "Test.actors.txt:10 RUDOLF ELPHBERG (MIT)"}
    assert entry["phoenix_offices"] == ["RURGOV 1965-03-10..1999-12-31 line 12"]
    assert "roles" not in entry  # no office title: nothing resolves "the king" to them
    taken = taken_names([REVIEWED])
    assert list(phoenix_only([person], set(), taken)) == []  # a reviewed name wins


def test_every_person_says_where_it_came_from() -> None:
    for record in read_records("people.jsonl"):
        assert record["sources"]["*"], record["id"]
        for role in record["roles"]:
            if role.get("start") or role.get("end"):
                assert role.get("source"), (record["id"], role)
    for record in read_records("people_phoenix.jsonl"):
        assert "Phoenix." in record["sources"]["*"], record["id"]


@pytest.mark.skipif(not PHOENIX.is_dir(), reason="../shared/data/phoenix is not here")
def test_committed_people_are_up_to_date() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_people.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_reviewed_file_is_dated() -> None:
    path = ROOT / "watchfloor" / "data" / "actors" / "people_reviewed.jsonl"
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        assert date.fromisoformat(record["reviewed"]), record["id"]


def test_built_people_keep_every_reviewed_field() -> None:
    path = ROOT / "watchfloor" / "data" / "actors" / "people_reviewed.jsonl"
    reviewed = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    built = {r["id"]: r for r in read_records("people.jsonl")}
    assert [r["id"] for r in reviewed] == list(built)
    for record in reviewed:
        out = built[record["id"]]
        for key in ("name", "country", "wikidata", "surname_aliases", "case_sensitive_aliases"):
            assert out[key] == record[key], (record["id"], key)
        assert out["aliases"][: len(record["aliases"])] == record["aliases"], record["id"]
        years = [(r["role"], r["country"], r["from_year"], r["to_year"]) for r in out["roles"]]
        assert years == [
            (r["role"], r["country"], r["from_year"], r["to_year"]) for r in record["roles"]
        ], record["id"]
