"""What every fact finder gets: the article, its annotation and its resolved actors."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from itertools import accumulate
from typing import Any

from watchfloor.actors.types import DocActor, local_ids
from watchfloor.models import Article
from watchfloor.nlp.types import AnnotatedDoc, Sentence

Fact = dict[str, Any]  # one entry of a facts-JSON section (see the gold FORMAT document)
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# A subject pronoun and the tags of the subject nouns it may continue.
SINGULAR, PLURAL = frozenset({"NN", "NNP"}), frozenset({"NNS", "NNPS"})
ANTECEDENT_TAGS = {"it": SINGULAR, "its": SINGULAR, "they": PLURAL, "their": PLURAL}


@dataclass
class FactContext:
    """One analysed article, as the fact finders see it.

    ``doc.spacy_doc`` is the spaCy ``Doc`` (the facts stage may use the parse);
    everything a finder returns is plain JSON-able dicts whose ``evidence`` is
    sentence text copied verbatim from ``article.text``, with its offsets in
    ``evidence_start``/``evidence_end``.
    """

    article: Article
    doc: AnnotatedDoc
    actors: list[DocActor]
    ids: dict[str, str] = field(default_factory=dict)  # actor key -> "a1", "a2", ...

    def __post_init__(self) -> None:
        if not self.ids:
            self.ids = local_ids(self.actors)

    @cached_property
    def _mention_index(self) -> list[tuple[int, int, DocActor]]:
        spans = [(m.start, m.end, a) for a in self.actors for m in a.mentions]
        return sorted(spans, key=lambda s: s[0])

    @cached_property
    def _mention_starts(self) -> list[int]:
        return [m_start for m_start, _, _ in self._mention_index]

    @cached_property
    def _mention_reach(self) -> list[int]:
        """The furthest end of the mentions up to each one of :attr:`_mention_index`:
        the mentions before the first to reach past an offset all end before it."""
        return list(accumulate((m_end for _, m_end, _ in self._mention_index), max))

    @cached_property
    def genders(self) -> dict[str, str]:
        """Person actor key -> "f" or "m", where the text says (:mod:`watchfloor.facts.genders`)."""
        from watchfloor.facts.genders import person_genders

        return person_genders(self)

    @cached_property
    def quotes(self) -> list[Fact]:
        """The document's quotes with their speakers (:mod:`watchfloor.facts.quotes`), found
        once: claims take their sources from the same speaker resolution."""
        from watchfloor.facts.quotes.finder import quotes_of

        return quotes_of(self)

    def subject_antecedent(self, pronoun: Any) -> Any | None:
        """The noun phrase a subject "it"/"they" (or the "its"/"their" of a subject)
        continues: the nearest earlier subject noun of its number, in its sentence or the
        one before, outside quotations ("The ministry issued a statement. It said ..."),
        whether or not it names an actor."""
        if pronoun.lower_ not in ANTECEDENT_TAGS:
            return None
        if pronoun.dep_ not in SUBJECT_DEPS and not (
            pronoun.dep_ == "poss" and pronoun.head.dep_ in SUBJECT_DEPS
        ):
            return None  # a subject, or the owner of one ("Its leaders say ...")
        doc = pronoun.doc
        sent = pronoun.sent
        first = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
        tags = ANTECEDENT_TAGS[pronoun.lower_]
        for token in reversed(doc[first : pronoun.i]):
            if token.dep_ in SUBJECT_DEPS and token.tag_ in tags and not self._quoted(token):
                return token
        return None

    def _quoted(self, token: Any) -> bool:
        text = self.doc.text
        start = token.sent.start_char
        return sum(text.count(q, start, token.idx) for q in '"“”') % 2 == 1

    def actor_at(self, start: int, end: int) -> DocActor | None:
        """The actor with a mention overlapping characters ``start:end`` (the longest)."""
        best: tuple[int, DocActor] | None = None
        index = self._mention_index
        for n in range(bisect_right(self._mention_reach, start), len(index)):
            m_start, m_end, actor = index[n]
            if m_start >= end:
                break
            if m_end > start:
                size = m_end - m_start
                if best is None or size > best[0]:
                    best = (size, actor)
        return best[1] if best else None

    def actor_id_at(self, start: int, end: int) -> str | None:
        actor = self.actor_at(start, end)
        return self.ids[actor.key] if actor else None

    def id_of(self, actor: DocActor | None) -> str | None:
        return self.ids.get(actor.key) if actor else None

    def mentions_in(self, start: int, end: int) -> list[tuple[int, int, DocActor]]:
        """Every actor mention inside characters ``start:end``, in text order."""
        found: list[tuple[int, int, DocActor]] = []
        for span in self._mention_index[bisect_left(self._mention_starts, start) :]:
            if span[0] > end:  # sorted by start: no later mention fits
                break
            if span[1] <= end:
                found.append(span)
        return found

    def evidence(self, sentence: Sentence) -> Fact:
        """The evidence fields for a fact stated by one sentence."""
        return {
            "evidence": sentence.text,
            "evidence_start": sentence.start,
            "evidence_end": sentence.end,
        }
