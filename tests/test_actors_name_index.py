"""Identity-only actors (the Phoenix office holders) found in running text by the name
index, on texts written for these tests."""

from __future__ import annotations

from watchfloor.actors.kb import KnowledgeBase, KnownActor, load_knowledge_base
from watchfloor.actors.name_index import identity_spans, name_keys
from watchfloor.analysis import Analyser, load_analyser
from watchfloor.models import Article, BlockKind, build_blocks


def nlp_doc(text: str):  # type: ignore[no-untyped-def]
    return load_analyser().annotator.nlp(text)


def small_kb() -> KnowledgeBase:
    return KnowledgeBase(
        [
            KnownActor("person:rudolf", "Rudolf Elphberg", "PERSON", "person", "RUR",
                       aliases=("Ban Ki-Rudolf",), phrase_match=False),
            KnownActor("person:flavia", "Flavia Elphberg", "PERSON", "person", "RUR"),
            KnownActor("person:zine", "Zine al Ruritani Ben Ali", "PERSON", "person", "RUR",
                       phrase_match=False),
        ]
    )  # fmt: skip


def test_only_identity_only_names_are_indexed() -> None:
    assert name_keys(small_kb()) == {
        "rudolf elphberg",
        "ban ki rudolf",
        "zine al ruritani ben ali",
    }


def test_spans_longest_first_with_particles_and_hyphens() -> None:
    kb = small_kb()
    doc = nlp_doc(
        "On Monday Rudolf Elphberg met Ban Ki-Rudolf and Zine al Ruritani Ben Ali, "
        "but not Flavia Elphberg or rudolf elphberg."
    )
    assert [s.text for s in identity_spans(doc, kb)] == [
        "Rudolf Elphberg",
        "Ban Ki-Rudolf",
        "Zine al Ruritani Ben Ali",
    ]


def test_a_run_does_not_cross_sentences() -> None:
    doc = nlp_doc("They met Rudolf. Elphberg was not there.")
    assert identity_spans(doc, small_kb()) == []


def test_a_phoenix_office_holder_is_a_known_person_with_a_country() -> None:
    kb = load_knowledge_base()
    [karzai] = kb.lookup("Hamid Karzai")
    assert not karzai.phrase_match and karzai.country == "AFG" and karzai.roles == ()
    assert "Phoenix.Countries.actors.txt" in karzai.source_map["*"]
    text = "Hamid Karzai told reporters in Kabul that the talks had stalled."
    blocks_text, blocks = build_blocks([(BlockKind.PARAGRAPH, text)])
    article = Article(
        doc_id="t", origin="t", text=blocks_text, blocks=blocks, published="2019-05-01"
    )
    actors = Analyser(load_analyser().annotator, with_facts=False).analyse(article).actors
    person = next(a for a in actors if a.type == "PERSON")
    assert (person.key, person.country, person.known) == ("person:hamid-karzai", "AFG", True)
