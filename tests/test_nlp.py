"""The NLP stage: paragraph-safe sentences and plain annotation types."""

from __future__ import annotations

from watchfloor.models import Article, BlockKind, build_blocks
from watchfloor.nlp import load_annotator


def test_sentences_never_cross_paragraph_or_heading_breaks() -> None:
    text, blocks = build_blocks(
        [
            (BlockKind.SUBHEADING, "What comes next"),
            (BlockKind.PARAGRAPH, "Talks resume in Geneva on Monday. Both sides sent envoys"),
            (BlockKind.PARAGRAPH, "officials said the venue could still change."),
        ]
    )
    article = Article(doc_id="n", origin="n", text=text, blocks=blocks)
    doc = load_annotator().annotate(article)
    for sentence in doc.sentences:
        assert "\n" not in sentence.text
        assert text[sentence.start : sentence.end] == sentence.text
    starts = {s.start for s in doc.sentences}
    assert {b.start for b in blocks} <= starts


def test_tokens_and_entities_carry_offsets() -> None:
    text, blocks = build_blocks([(BlockKind.PARAGRAPH, "Angela Merkel visited Paris in May.")])
    doc = load_annotator().annotate(Article(doc_id="n", origin="n", text=text, blocks=blocks))
    assert [t.text for t in doc.tokens][:2] == ["Angela", "Merkel"]
    assert all(text[t.start : t.end] == t.text for t in doc.tokens)
    assert any(e.label == "PERSON" and e.text == "Angela Merkel" for e in doc.entities)


def test_batches_hold_a_bounded_amount_of_text() -> None:
    from watchfloor.nlp.annotate import batches

    def article(chars: int) -> Article:
        text, blocks = build_blocks([(BlockKind.PARAGRAPH, "x" * chars)])
        return Article(doc_id=str(chars), origin="n", text=text, blocks=blocks)

    sizes = [100, 100, 900, 5000, 100, 100, 100]
    groups = list(batches([article(n) for n in sizes], size=3, max_chars=1000))
    assert [[len(a.text) for a in g] for g in groups] == [
        [100, 100],
        [900],
        [5000],
        [100, 100, 100],
    ]
