"""International bodies and armed groups from Phoenix-format dictionaries written for the
test, and the packaged ones."""

from __future__ import annotations

from pathlib import Path

from watchfloor.actors.kb import load_knowledge_base
from watchfloor.actors.kb_bodies import body_names, phoenix_bodies
from watchfloor.actors.name_index import identity_spans
from watchfloor.actors.phoenix import PhoenixRecord
from watchfloor.analysis import load_analyser

INTERNATIONAL = """\
RURITANIAN_DEVELOPMENT_BANK_ [IGOEURDEV] # a body
GRAUSTARK_HOLDINGS_INC_ [MNCUSA] # a company: left out
ANNA_VOSS_ [IGOUNO] # a person (no body word): left out
OLD_ENVOY_ [IGOUNO 900101-951231] # dated: a person
"""
ARMED = """\
STRELSAU_LIBERATION_FRONT_(SLF)_ [RURREB]
+FRONT_FOR_THE_LIBERATION_OF_STRELSAU_

HENTZAU_BRIGADE_ [IMGMUS]

RUPERT_OF_HENTZAU_ [RURREB]

UNITED_NATIONS_ [IGOUNO]
"""


def write(folder: Path) -> None:
    (folder / "Phoenix.International.actors.txt").write_text(INTERNATIONAL, encoding="utf-8")
    (folder / "Phoenix.MilNonState.actors.txt").write_text(ARMED, encoding="utf-8")


def test_bodies_kinds_countries_and_sources(tmp_path: Path) -> None:
    write(tmp_path)
    taken = {"united nations": "org:un"}
    found = {r["name"]: r for r in phoenix_bodies(tmp_path, frozenset({"RUR"}), taken)}
    assert list(found) == [
        "Ruritanian Development Bank",
        "Strelsau Liberation Front",
        "Hentzau Brigade",
    ]
    front = found["Strelsau Liberation Front"]
    assert front["id"] == "group:strelsau-liberation-front" and front["kind"] == "armed group"
    assert front["country"] == "RUR"
    assert front["aliases"] == ["Front for the Liberation of Strelsau"]
    assert front["sources"]["*"].startswith("Phoenix.MilNonState.actors.txt:1 ")
    assert found["Hentzau Brigade"]["country"] is None  # IMG: international
    bank = found["Ruritanian Development Bank"]
    assert bank["kind"] == "international" and bank["id"].startswith("org:")
    assert all(r["phrase_match"] is False and r["type"] == "ORG" for r in found.values())
    assert taken["hentzau brigade"] == "group:hentzau-brigade"


def test_body_names_drop_brackets_and_single_words() -> None:
    record = PhoenixRecord("ADEN ARMY (AA)", "x", 1, synonyms=["AAA", "ARMY OF ADEN"])
    assert body_names(record) == ["Aden Army", "Army of Aden"]


def test_a_body_inside_a_longer_name_is_not_matched() -> None:
    kb = load_knowledge_base()
    nlp = load_analyser().annotator.nlp
    assert any(a.kind == "armed group" and not a.phrase_match for a in kb)
    name = next(a.name for a in kb if a.kind == "armed group" and not a.phrase_match)
    alone = nlp(f"Fighters of the {name} attacked a convoy.")
    assert [s.text for s in identity_spans(alone, kb)] == [name]
    inside = nlp(f"Fighters of the Graustark {name} attacked a convoy.")
    assert identity_spans(inside, kb) == []
