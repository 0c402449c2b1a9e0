"""The scorer: matching rules, optional entries, floors, and agreement with the shared script."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from conftest import SHARED

from watchfloor.evaluation.floors import check_floors
from watchfloor.evaluation.scoring import covers, name_key, score

GOLD = {
    "doc_id": "d1",
    "title": "Harbour talks open",
    "boilerplate": ["Subscribe now"],
    "body_must_contain": ["met in Calder on Monday"],
    "actors": [
        {"names": ["Ada Penrose", "Penrose"], "type": "PERSON", "country": "GBR"},
        {"names": ["Northland", "NL"], "type": "GPE", "country": None},
    ],
    "optional_actors": [{"names": ["Calder"], "type": "GPE", "country": None}],
    "quotes": [{"speaker": ["Ada Penrose"], "text": ["we hope for an agreement soon"]}],
}
PRED = {
    "doc_id": "d1",
    "title": "Harbour Talks Open",
    "text": "Officials met in Calder on Monday.",
    "actors": [
        {
            "id": "a1",
            "name": "Ada Penrose",
            "aliases": ["Penrose"],
            "type": "PERSON",
            "country": "GBR",
        },
        {"id": "a2", "name": "Calder", "type": "GPE", "country": None},
        {"id": "a3", "name": "Bellport", "type": "GPE", "country": None},
    ],
    "quotes": [{"speaker": "a1", "text": "We hope for an agreement soon, she said"}],
}


def test_name_keys_fold_case_quotes_and_possessives() -> None:
    assert name_key("Ukraine’s") == name_key("ukraine") == "ukraine"
    assert name_key("U.S.") == name_key("US")


def test_evidence_must_share_half_the_words_and_not_be_a_page() -> None:
    assert covers("the talks ended on Monday", ["talks ended Monday evening"])
    assert not covers("nothing in common", ["talks ended Monday evening"])
    assert not covers(" ".join(["word"] * 200) + " talks ended", ["talks ended"])


def test_score_counts_hits_optional_and_false() -> None:
    result = score([GOLD], {"d1": PRED})
    actors = result.sections["actors"]
    assert (actors.tp, actors.fp, actors.fn) == (1, 1, 1)  # Calder optional, Bellport false
    assert actors.attributes["country"] == [1, 1]
    quotes = result.sections["quotes"]
    assert (quotes.tp, quotes.fp, quotes.fn) == (1, 0, 0)
    assert (result.documents.title, result.documents.clean, result.documents.body) == (1, 1, 1)


def test_floors(tmp_path: Path) -> None:
    result = score([GOLD], {"d1": PRED})
    floors = tmp_path / "floors.toml"
    floors.write_text("[actors]\nf1 = 0.4\ncountry = 1.0\n[documents]\ntitle = 1\n")
    assert check_floors(result, floors) == []
    floors.write_text("[actors]\nf1 = 0.9\n")
    assert check_floors(result, floors) == ["actors.f1 0.500 < 0.9"]


@pytest.mark.skipif(not (SHARED / "tools" / "score.py").exists(), reason="needs ../shared")
def test_numbers_agree_with_the_shared_scorer() -> None:
    spec = importlib.util.spec_from_file_location("shared_score", SHARED / "tools" / "score.py")
    assert spec and spec.loader
    shared = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(shared)
    theirs = shared.score([GOLD], {"d1": PRED}, explain=False)
    ours = score([GOLD], {"d1": PRED})
    for section, tally in ours.sections.items():
        expected = theirs["sections"][section]
        assert (tally.tp, tally.fp, tally.fn) == (expected["tp"], expected["fp"], expected["fn"])
        assert round(tally.f1, 3) == expected["f1"]
