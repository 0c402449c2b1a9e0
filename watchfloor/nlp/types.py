"""Plain annotation types: what the NLP stage hands to the layers after it."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from watchfloor.nlp.tokens import TokenTable


@dataclass(frozen=True)
class Token:
    i: int
    text: str
    start: int
    end: int
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int
    ent_type: str = ""


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    token_start: int
    token_end: int
    text: str


@dataclass(frozen=True)
class EntitySpan:
    """A named entity as the statistical model saw it (before resolution)."""

    text: str
    label: str
    start: int
    end: int
    token_start: int
    token_end: int


@dataclass
class AnnotatedDoc:
    """An article's body with sentences and model entities; tokens on demand."""

    doc_id: str
    text: str
    sentences: list[Sentence]
    entities: list[EntitySpan]
    spacy_doc: Any = field(default=None, repr=False, compare=False)

    @cached_property
    def tokens(self) -> list[Token]:
        """Every token as a plain dataclass (built on first use: most callers never need it)."""
        return [
            Token(
                i=t.i,
                text=t.text,
                start=t.idx,
                end=t.idx + len(t.text),
                lemma=t.lemma_,
                pos=t.pos_,
                tag=t.tag_,
                dep=t.dep_,
                head=t.head.i,
                ent_type=t.ent_type_,
            )
            for t in self.spacy_doc
        ]

    @cached_property
    def token_table(self) -> TokenTable:
        """The tokens' string attributes as lists, made once for every later stage."""
        from watchfloor.nlp.tokens import TokenTable

        return TokenTable(self.spacy_doc)

    def sentence_at(self, offset: int) -> Sentence | None:
        for sentence in self.sentences:
            if sentence.start <= offset < sentence.end:
                return sentence
        return None


def doc_text(doc: Any) -> str:
    """A spaCy ``Doc``'s text, built once and kept on the doc (``Doc.text`` joins every
    token again on each call, which costs as much as the parse on long articles)."""
    text = doc.user_data.get("watchfloor_text")
    if text is None:
        text = doc.text
        doc.user_data["watchfloor_text"] = text
    return str(text)


def span_text(doc: Any, start: int, end: int) -> str:
    """``doc[start:end].text`` of a spaCy ``Doc``, cut from the text :func:`doc_text` keeps
    (``Span.text`` joins the span's tokens again)."""
    if not 0 <= start < end <= len(doc):
        return str(doc[start:end].text)  # what a slice makes of other bounds
    first, last = doc[start], doc[end - 1]
    return doc_text(doc)[first.idx : last.idx + len(last.text)]
