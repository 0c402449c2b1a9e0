"""One document's token attributes as plain lists, shared by the stages after spaCy.

spaCy keeps no Python ``Token`` objects: every ``doc[i]``, every step through a
span and every ``.head`` or ``.children`` makes a new one, and every ``.lower_``,
``.lemma_`` or ``.pos_`` is a look-up in the string store. Code that scans all
the tokens of a document (the actor resolver, the fact finders) reads a
:class:`TokenTable` instead: each string attribute of every token as one list,
read from the document's arrays once, so that a scan tests cheap strings and
makes a ``Token`` (``doc[i]``) only for the few candidates. Each column is
built on first use.

The table keeps no ``Token`` objects: thousands of them alive at once cost more
in garbage collection than making the few a finder needs. A table belongs to one
document (:attr:`AnnotatedDoc.token_table
<watchfloor.nlp.types.AnnotatedDoc.token_table>`), goes with it, and assumes
the document no longer changes (no retokenising, no new entities).
"""

from __future__ import annotations

from functools import cached_property

from spacy.attrs import ENT_TYPE, LEMMA, LOWER, POS
from spacy.tokens import Doc, Span


class TokenTable:
    """The attributes of one spaCy ``Doc``'s tokens, each a list by token index."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self._names: dict[int, str] = {}  # string-store key -> string, for every column

    def __len__(self) -> int:
        return len(self.doc)

    @cached_property
    def ents(self) -> tuple[Span, ...]:
        """``doc.ents``, made once (spaCy builds every entity span again on each call)."""
        return tuple(self.doc.ents)

    @cached_property
    def lower(self) -> list[str]:
        """``token.lower_`` of every token."""
        return self._strings(LOWER)

    @cached_property
    def lemma(self) -> list[str]:
        """``token.lemma_`` of every token."""
        return self._strings(LEMMA)

    @cached_property
    def lemma_lower(self) -> list[str]:
        """``token.lemma_.lower()`` of every token."""
        folded = {lemma: lemma.lower() for lemma in set(self.lemma)}
        return [folded[lemma] for lemma in self.lemma]

    @cached_property
    def pos(self) -> list[str]:
        """``token.pos_`` of every token."""
        return self._strings(POS)

    @cached_property
    def ent_type(self) -> list[str]:
        """``token.ent_type_`` of every token."""
        return self._strings(ENT_TYPE)

    def ents_in(self, start: int, end: int) -> list[Span]:
        """``doc[start:end].ents`` (``0 <= start <= end <= len(doc)``): the entities
        inside tokens ``start:end``."""
        found: list[Span] = []
        for ent in self.ents:
            if ent.start >= start:
                if ent.end > end:
                    break
                found.append(ent)
        return found

    def _strings(self, attr: int) -> list[str]:
        """One string attribute of every token (one string-store look-up per distinct value,
        shared by the columns: a word that is its own lemma is one key)."""
        strings, names = self.doc.vocab.strings, self._names
        keys: list[int] = self.doc.to_array(attr).tolist()
        for key in set(keys).difference(names):
            names[key] = strings[key]
        return [names[key] for key in keys]
