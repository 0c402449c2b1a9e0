"""The shortcuts the later stages take past spaCy give what spaCy itself gives."""

from __future__ import annotations

import random
import re

import pytest

from watchfloor.actors.types import DocActor, Mention
from watchfloor.facts.context import FactContext
from watchfloor.facts.textfilter import AnyWord
from watchfloor.models import Article, BlockKind, build_blocks
from watchfloor.nlp import AnnotatedDoc, load_annotator
from watchfloor.nlp.types import span_text

PARAGRAPHS = (
    "Iran's Foreign Minister Abbas Araghchi said on Monday that talks with the E3 "
    "would resume in Geneva, according to state media.",
    "The U.S. State Department called the move “reckless”; Moscow-based analysts "
    "put the odds of a deal at one in four.",
    "A quarter of voters, about 1.3 million people, backed the plan.",
)


@pytest.fixture(scope="module")
def doc() -> AnnotatedDoc:
    text, blocks = build_blocks([(BlockKind.PARAGRAPH, p) for p in PARAGRAPHS])
    return load_annotator().annotate(Article(doc_id="t", origin="t", text=text, blocks=blocks))


def test_columns_match_token_attributes(doc: AnnotatedDoc) -> None:
    table, tokens = doc.token_table, list(doc.spacy_doc)
    assert len(table) == len(tokens)
    assert table.lower == [t.lower_ for t in tokens]
    assert table.lemma == [t.lemma_ for t in tokens]
    assert table.lemma_lower == [t.lemma_.lower() for t in tokens]
    assert table.pos == [t.pos_ for t in tokens]
    assert table.ent_type == [t.ent_type_ for t in tokens]
    assert doc.token_table is table  # made once per document


def test_entities_match_spacy(doc: AnnotatedDoc) -> None:
    spacy_doc, table = doc.spacy_doc, doc.token_table
    assert table.ents == spacy_doc.ents
    for sent in spacy_doc.sents:
        assert table.ents_in(sent.start, sent.end) == list(sent.ents)
    for start in range(0, len(spacy_doc), 3):
        for end in (start, start + 2, start + 9, len(spacy_doc)):
            end = min(end, len(spacy_doc))
            assert table.ents_in(start, end) == list(spacy_doc[start:end].ents)


def test_span_text_matches_spacy(doc: AnnotatedDoc) -> None:
    spacy_doc = doc.spacy_doc
    size = len(spacy_doc)
    bounds = [(a, b) for a in range(-3, size + 2, 2) for b in (a - 1, a, a + 1, a + 4, size + 3)]
    for start, end in bounds:
        assert span_text(spacy_doc, start, end) == spacy_doc[start:end].text, (start, end)


@pytest.mark.parametrize(
    "text",
    [
        "Nothing here.",
        "The RISK rose.",
        "a Chance",
        "odds-on",
        "Unicode \u212aelvin risk",  # not ASCII: the pattern must run
        "The \u212aNOT",
        "risc",
        "",
    ],
)
def test_any_word_never_rules_out_a_match(text: str) -> None:
    words = ["risk", "chance", "odds", "knot"]
    pattern = re.compile("|".join(words), re.IGNORECASE)
    if AnyWord(words).absent_from(text):
        assert pattern.search(text) is None
    if text.isascii():  # exact there
        assert AnyWord(words).absent_from(text) == (pattern.search(text) is None)


def test_any_word_with_non_ascii_words_always_lets_the_pattern_run() -> None:
    assert not AnyWord(["\u212a", "x"]).absent_from("plain text")


def test_actor_look_ups_match_a_plain_scan() -> None:
    rng = random.Random(7)
    actors = []
    for n in range(12):
        actor = DocActor(key=f"k{n}", name=f"A{n}", type="ORG")
        for _ in range(rng.randint(1, 4)):
            start = rng.randint(0, 300)
            actor.mentions.append(Mention(start, start + rng.randint(1, 40), "x"))
        actors.append(actor)
    text, blocks = build_blocks([(BlockKind.PARAGRAPH, "x")])
    article = Article(doc_id="t", origin="t", text=text, blocks=blocks)
    context = FactContext(article, AnnotatedDoc("t", text, [], []), actors)
    spans = sorted(((m.start, m.end, a) for a in actors for m in a.mentions), key=lambda s: s[0])

    def actor_at(start: int, end: int) -> DocActor | None:
        best: tuple[int, DocActor] | None = None
        for m_start, m_end, actor in spans:
            if m_start >= end:
                break
            if m_end > start and (best is None or m_end - m_start > best[0]):
                best = (m_end - m_start, actor)
        return best[1] if best else None

    for start in range(-5, 360, 3):
        for end in (start, start + 1, start + 7, start + 60):
            assert context.actor_at(start, end) is actor_at(start, end)
            inside = [s for s in spans if s[0] >= start and s[1] <= end]
            assert context.mentions_in(start, end) == inside
