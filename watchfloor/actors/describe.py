"""Reading a person's role, organisation and country from the words around the name.

"Foreign Minister Choe Son Hui", "South Korean President Yoon Suk Yeol",
"Ukraine's Foreign Minister Andrii Sybiha", "Eurasia Group expert Jeremy
Chan", "Jeremy Chan, an analyst at Eurasia Group,": the pre-modifiers that
the parser hangs on the name, or its apposition, are split into a country
(a demonym, a possessive state), an organisation and the role words left.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from watchfloor.actors.kb import KnowledgeBase

_STOP_POS = frozenset({"VERB", "AUX", "PUNCT", "DET", "ADP", "CCONJ", "SCONJ", "PRON", "NUM"})
_ROLE_NOUN_POS = frozenset({"NOUN", "PROPN", "ADJ"})


@dataclass(frozen=True)
class Description:
    role: str | None = None
    country: str | None = None
    org_span: tuple[int, int] | None = None  # token range of an organisation named in it


def describe_person(
    doc: Doc, start: int, end: int, kb: KnowledgeBase, org_spans: list[tuple[int, int]]
) -> Description:
    """Role, country and organisation of the person named by tokens ``start:end``."""
    prefix = _prefix_tokens(doc, start, end)
    if prefix:
        found = _split(doc, prefix, kb, org_spans)
        if found.role or found.country or found.org_span:
            return found
    appos = _apposition_tokens(doc, start, end)
    return _split(doc, appos, kb, org_spans) if appos else Description()


def _prefix_tokens(doc: Doc, start: int, end: int) -> list[int]:
    """Contiguous tokens before the name that modify it: 'South Korean President'."""
    inside = set(range(start, end))
    taken: list[int] = []
    i = start - 1
    sentence_start = doc[start].sent.start
    while i >= sentence_start:
        token = doc[i]
        possessive = token.tag_ == "POS"
        if not possessive and (token.pos_ in _STOP_POS or token.pos_ not in _ROLE_NOUN_POS):
            break
        if not possessive and not _attached(token, inside | set(taken)):
            break
        taken.insert(0, i)
        i -= 1
    return taken


def _attached(token: Token, targets: set[int]) -> bool:
    """The token's head chain reaches the name (or what is already taken) quickly."""
    node = token
    for _ in range(4):
        if node.head.i in targets:
            return True
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _apposition_tokens(doc: Doc, start: int, end: int) -> list[int]:
    """'Jeremy Chan, an analyst at Eurasia Group,' -> the apposition's tokens."""
    for token in doc[start:end]:
        for child in token.children:
            if child.dep_ == "appos" and child.i >= end:
                return [t.i for t in child.subtree if not t.is_punct]
    return []


def _split(
    doc: Doc, tokens: list[int], kb: KnowledgeBase, org_spans: list[tuple[int, int]]
) -> Description:
    country: str | None = None
    org: tuple[int, int] | None = None
    role_words: list[str] = []
    skip: set[int] = set()
    for org_start, org_end in org_spans:
        if org_start in tokens and org_end - 1 in tokens:
            org = (org_start, org_end)
            skip.update(range(org_start, org_end))
    for index, i in enumerate(tokens):
        if i in skip:
            continue
        token = doc[i]
        if token.tag_ == "POS" or token.pos_ in {"DET", "ADP", "PUNCT"}:
            continue
        pair = f"{token.text} {doc[i + 1].text}" if index + 1 < len(tokens) else ""
        code = (kb.country_of_demonym(pair) if pair else None) or kb.country_of_demonym(token.text)
        if code is not None and country is None:
            country = code
            if pair and kb.country_of_demonym(pair):
                skip.add(i + 1)
            continue
        state = _state_code(kb, token.text)
        if state and _possessive_next(doc, i):
            country = country or state
            continue
        if token.pos_ in _ROLE_NOUN_POS:
            role_words.append(token.text)
    role = " ".join(role_words) or None
    if role and not _looks_like_role(role, kb):
        role = None if org is None else role
    return Description(role=role, country=country, org_span=org)


def _state_code(kb: KnowledgeBase, text: str) -> str | None:
    for actor in kb.lookup(text, include_surnames=False):
        if actor.type == "GPE" and actor.country:
            return actor.country
    return None


def _possessive_next(doc: Doc, i: int) -> bool:
    return i + 1 < len(doc) and doc[i + 1].tag_ == "POS"


def _looks_like_role(role: str, kb: KnowledgeBase) -> bool:
    """Role words from the vocabulary, or common nouns naming a job ('expert')."""
    if kb.role_kind(role) is not None:
        return True
    return any(kb.role_kind(word) is not None for word in role.split()) or role.islower()
