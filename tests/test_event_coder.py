"""The learned event coder: lexicon builders, candidates, the weight tables, fitting and folds.

Invented sentences and gold written for these tests, through the real spaCy
pipeline and the real scikit-learn fit; nothing here reads ../shared.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from watchfloor.analysis import Analyser, load_analyser
from watchfloor.facts.context import FactContext
from watchfloor.facts.events.candidates import dependency_path, sentence_candidates
from watchfloor.facts.events.coder import find_events
from watchfloor.facts.events.lexicons import base_lexicons
from watchfloor.facts.events.model import EventModel, LinearModel, Thresholds, load_event_model
from watchfloor.facts.events.tuples import readings
from watchfloor.models import Article, BlockKind, build_blocks
from watchfloor.training import agents, cameo
from watchfloor.training.corpus import MarkedArticle
from watchfloor.training.crossval import cross_validate, predict
from watchfloor.training.events import fit, prepare, widest_lexicons

CAMEO_SAMPLE = """\
####### VERB PATTERNS #######
---  ATTACK   [190]  ---
ATTACK
ASSAIL {ASSAILS ASSAILED}
- * &TARGET                                    [111]         # ATTACK

---  ASK   [---]  ---
ASK     [020]
PLEAD
- * SANCTIONS                                  [163]         # ASK
######## TRANSFORMATIONS ##########
"""
SYNSETS = """\
&TARGET
+CRITIC
+REPORT

"""
TABLE = """\
11: ACCUSE
111: ACCUSE, disapprove, # Criticize
16: SANCTION
163: SANCTION, embargo, # Embargo
19: ASSAULT
190: ASSAULT, , # Use conventional military force
"""


def test_cameo_dictionary_becomes_plover_cues(tmp_path: Path) -> None:
    dictionary, table = tmp_path / "CAMEO.txt", tmp_path / "table.txt"
    dictionary.write_text(SYNSETS + CAMEO_SAMPLE)
    table.write_text(TABLE)
    data = cameo.build(dictionary, table)
    assert data["verbs"]["attack"] == ["ASSAULT"]  # the block's code
    assert data["verbs"]["assail"] == ["ASSAULT"]
    assert data["verbs"]["ask"] == ["REQUEST"]  # CAMEO 02: appeals are requests
    assert data["verbs"]["plead"] == []  # no code of its own, none in the block
    assert data["objects"]["attack"] == {"critic": ["ACCUSE"], "report": ["ACCUSE"]}
    assert data["objects"]["plead"] == {"sanction": ["SANCTION"]}


def test_cameo_codes_map_by_longest_prefix() -> None:
    codes = {"19": "ASSAULT", "190": "ASSAULT", "02": "REQUEST", "111": "ACCUSE"}
    assert cameo.plover_type("1952", codes) == "ASSAULT"
    assert cameo.plover_type("0214", codes) == "REQUEST"
    assert cameo.plover_type("010", codes) is None


def test_phoenix_agents_become_generic_nouns(tmp_path: Path) -> None:
    path = tmp_path / "agents.txt"
    lines = ["POLICE {} [~COP]", "PROTESTER [~OPP]", "FARMER [~AGR]", "COMMANDER [~MIL]"]
    lines += [f"POLICE_{n} [~COP]" for n in ("CHIEF", "FORCE", "UNIT", "STATION", "OFFICER")]
    lines += [f"COMMANDER_{n} [~MIL]" for n in ("A", "B", "C", "D", "E")]
    lines += [f"{n}_OFFICIAL [~GOV]" for n in ("GOVERNMENT", "STATE", "PARTY")]
    lines += [f"{n}_MISSILE [~MIL]" for n in ("CRUISE", "BALLISTIC", "ANTI-TANK")]
    path.write_text("\n".join(lines) + "\n")
    data = agents.build(path)
    assert data["plural"]["protesters"] == "OPP"
    assert data["plural"]["polices"] == "COP"
    assert "farmers" not in data["plural"]  # not a political agent
    assert data["institutions"] == {"police": "COP"}  # "commander" is a person
    assert data["plural"]["officials"] == "GOV"  # the head of compound agents
    assert "missiles" not in data["plural"]  # a thing, not a person


def analysed_doc(*paragraphs: str) -> Any:
    text, blocks = build_blocks([(BlockKind.PARAGRAPH, p) for p in paragraphs])
    article = Article(doc_id="t", origin="t", text=text, blocks=blocks, published="2024-05-02")
    return Analyser(load_analyser().annotator, with_facts=False).analyse(article)


def test_dependency_path_from_trigger_to_actor() -> None:
    analysed = analysed_doc("Russia attacked Ukraine on Monday.")
    doc = analysed.doc.spacy_doc
    attacked, russia, ukraine = doc[1], doc[0], doc[2]
    assert dependency_path(attacked, russia) == "vnsubj"
    assert dependency_path(attacked, ukraine) == "vdobj"
    assert dependency_path(russia, ukraine) == "^nsubjvdobj"


def test_candidates_carry_the_sentence_actors_and_nobody() -> None:
    analysed = analysed_doc("Russia attacked Ukraine on Monday.")
    context = FactContext(analysed.article, analysed.doc, analysed.actors)
    sentence = analysed.doc.sentences[0]
    found = sentence_candidates(context, sentence, base_lexicons())
    attack = next(c for c in found if c.token.lemma_ == "attack")
    assert "ASSAULT" in attack.types
    names = {a.actor.name if a.actor else None for a in attack.arguments}
    assert names == {"Russia", "Ukraine", None}


def test_weight_tables_round_trip_through_json() -> None:
    model = EventModel(
        LinearModel({"a": 1.5, "b": -2.0}, 0.25),
        LinearModel({"S:x": 0.5}, -1.0),
        LinearModel({"O:y": -0.5}, 1.0),
        {"storm": ("ASSAULT",)},
        Thresholds(0.4, 0.3, 0.1),
    )
    again = EventModel.from_json(json.loads(json.dumps(model.as_json())))
    assert again == model
    assert again.types.probability(["a", "unknown"]) == pytest.approx(1 / (1 + 2.718281828**-1.75))


def test_nobody_is_the_target_only_when_far_more_probable_than_a_named_actor() -> None:
    analysed = analysed_doc("Russia attacked Ukraine on Monday.")
    context = FactContext(analysed.article, analysed.doc, analysed.actors)
    found = sentence_candidates(context, analysed.doc.sentences[0], base_lexicons())
    sure = LinearModel({}, 5.0)
    sources = LinearModel({"S:path=vnsubj": 6.0}, -3.0)
    targets = LinearModel({"O:nobody": 0.4, "O:path=vdobj": -0.4}, 0.0)  # nobody 0.6, Ukraine 0.4

    def coded(nobody_target: float) -> set[tuple[str, str | None, str | None]]:
        model = EventModel(sure, sources, targets, {}, Thresholds(0.5, 0.2, nobody_target))
        names = {a.key: a.name for a in analysed.actors}
        return {
            (r.type, names.get(r.key[1] or ""), names.get(r.key[2] or ""))
            for _, r in readings(found, model)
        }

    assert ("ASSAULT", "Russia", "Ukraine") in coded(0.2)
    assert ("ASSAULT", "Russia", None) in coded(1.0)


def test_the_shipped_model_codes_a_plain_attack() -> None:
    model = load_event_model()
    assert model.types.weights and model.sources.weights and model.targets.weights
    assert model.learned
    analysed = analysed_doc("Russian forces attacked the Ukrainian city of Kharkiv on Monday.")
    context = FactContext(analysed.article, analysed.doc, analysed.actors)
    events = find_events(context, model)
    for event in events:
        assert event["evidence"] in analysed.article.text
        assert 0.0 <= event["confidence"] <= 1.0


def marked(text: str, events: list[dict[str, Any]], doc_id: str) -> MarkedArticle:
    analysed = analysed_doc(text)
    gold = {"doc_id": doc_id, "events": events, "optional_events": []}
    return MarkedArticle(gold, analysed)


ATTACKS = [
    ("Russia attacked Ukraine on Monday.", "Russia", "Ukraine"),
    ("Israel bombed Syria overnight.", "Israel", "Syria"),
    ("Egypt shelled Libya near the border.", "Egypt", "Libya"),
    ("Iran attacked Iraq with missiles.", "Iran", "Iraq"),
    ("China bombed Vietnam in the north.", "China", "Vietnam"),
    ("India shelled Pakistan across the line.", "India", "Pakistan"),
]


def attack_corpus() -> list[MarkedArticle]:
    return [
        marked(
            text,
            [{"type": ["ASSAULT"], "source": [src], "target": [tgt], "evidence": [text]}],
            f"t{n}",
        )
        for n, (text, src, tgt) in enumerate(ATTACKS)
    ]


def test_fitting_learns_who_attacks_whom() -> None:
    corpus = attack_corpus()
    docs = prepare(corpus, widest_lexicons(corpus))
    model = fit(docs, Thresholds(0.5))
    for doc in docs:
        events = predict(doc, model)["events"]
        names = {a["id"]: a["name"] for a in predict(doc, model)["actors"]}
        pairs = {(e["type"], names.get(e["source"]), names.get(e["target"])) for e in events}
        gold = doc.marked.gold["events"][0]
        assert ("ASSAULT", gold["source"][0], gold["target"][0]) in pairs
        assert ("ASSAULT", gold["target"][0], gold["source"][0]) not in pairs


def test_cross_validation_scores_every_article_once() -> None:
    corpus = attack_corpus()
    docs = prepare(corpus, widest_lexicons(corpus))
    run = cross_validate(docs, k=3)
    assert set(run.predictions) == {d.marked.doc_id for d in docs}
    events = run.score.sections["events"]
    assert events.tp + events.fn == len(ATTACKS)
    assert events.tp >= 4  # each fold learns the pattern from the others
