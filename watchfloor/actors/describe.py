"""Reading a person's role, organisation and country from the words around the name.

"Foreign Minister Choe Son Hui", "South Korean President Yoon Suk Yeol",
"Ukraine's Foreign Minister Andrii Sybiha", "Eurasia Group expert Jeremy
Chan", "Jeremy Chan, an analyst at Eurasia Group,": the pre-modifiers that
the parser hangs on the name, or its apposition, are split into a country
(a demonym, a possessive state), an organisation and the role words left.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from watchfloor.actors.kb import KnowledgeBase, normalise
from watchfloor.nlp.types import span_text

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
    prefix = prefix_tokens(doc, start, end)
    if prefix:
        found = _split(doc, prefix, kb, org_spans)
        if found.role or found.country or found.org_span:
            return found
    appos = _apposition_tokens(doc, start, end)
    return _split(doc, appos, kb, org_spans) if appos else Description()


_COMPLEMENT_ADP = frozenset({"to", "for", "of", "at"})
_HOST_ADP = frozenset({"to", "for", "at"})  # "Ambassador to Germany": the host, not the home


def prefix_tokens(doc: Doc, start: int, end: int) -> list[int]:
    """Contiguous tokens before the name that modify it: 'South Korean President'."""
    inside = set(range(start, end))
    taken: list[int] = []
    i = start - 1
    sentence_start = doc[start].sent.start
    while i >= sentence_start:
        token = doc[i]
        if token.lower_ in _COMPLEMENT_ADP and taken and i > sentence_start and doc[i - 1].is_title:
            taken.insert(0, i)  # "US Ambassador to | Germany Richard Grenell"
            i -= 1
            continue
        possessive = token.tag_ == "POS"
        if not possessive and (token.pos_ in _STOP_POS or token.pos_ not in _ROLE_NOUN_POS):
            break
        if not possessive and not _attached(token, inside | set(taken)):
            break
        taken.insert(0, i)
        i -= 1
    return taken


def _attached(token: Token, targets: set[int]) -> bool:
    """The token's head chain reaches the name (or what is already taken) quickly,
    or the name hangs on the token ("Niger's president Mahamadou Issoufou")."""
    if any(token.doc[i].head.i == token.i for i in targets):
        return True
    node = token
    for _ in range(4):
        if node.head.i in targets:
            return True
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _apposition_tokens(doc: Doc, start: int, end: int) -> list[int]:
    """'Jeremy Chan, an analyst at Eurasia Group,' -> the apposition's tokens.

    Also the other way round: "Mahan's director, Hamid Arabnejad Khanooki".
    """
    for token in doc[start:end]:
        for child in token.children:
            if child.dep_ == "appos" and child.i >= end:
                return [t.i for t in child.subtree if not t.is_punct]
    root = doc[start:end].root
    if root.dep_ == "appos" and root.head.i < start:
        return [t.i for t in root.head.subtree if t.i < start and not t.is_punct]
    return []


def _split(
    doc: Doc, tokens: list[int], kb: KnowledgeBase, org_spans: list[tuple[int, int]]
) -> Description:
    org: tuple[int, int] | None = None
    skip: set[int] = set()
    for org_start, org_end in org_spans:
        if org_start in tokens and org_end - 1 in tokens:
            org = (org_start, org_end)
            skip.update(range(org_start, org_end))
    host = _host_complement(doc, tokens)
    country, used = country_in_tokens(doc, [i for i in tokens if i not in skip | host], kb)
    skip |= used
    if country is None and org is not None:  # "Philippine Coast Guard spokesman"
        country = country_in_tokens(doc, list(range(*org)), kb)[0]
    role_words = [
        doc[i].text
        for i in tokens
        if i not in skip and doc[i].tag_ != "POS" and doc[i].pos_ in _ROLE_NOUN_POS
    ]
    role = " ".join(role_words) or None
    if role and not _looks_like_role(role, kb) and org is None:
        role = None
    return Description(role=role, country=country, org_span=org)


def _host_complement(doc: Doc, tokens: list[int]) -> set[int]:
    """Tokens after 'to'/'for'/'at' in a title ('Ambassador to Germany'): a host, not a home."""
    for n, i in enumerate(tokens):
        if doc[i].lower_ in _HOST_ADP:
            return set(tokens[n:])
    return set()


def country_in_tokens(
    doc: Doc, tokens: list[int], kb: KnowledgeBase
) -> tuple[str | None, set[int]]:
    """The first state named in ``tokens``: a demonym, a state's name or its capital.

    Longer names are tried first ("South Korean" before "Korean", "United
    States" before "States").
    """
    for size in (3, 2, 1):
        for n in range(len(tokens) - size + 1):
            window = tokens[n : n + size]
            if window[-1] - window[0] != size - 1:
                continue
            code = _country_named(kb, span_text(doc, window[0], window[-1] + 1))
            if code:
                return code, set(window)
    return None, set()


@lru_cache(maxsize=65536)
def _country_named(kb: KnowledgeBase, text: str) -> str | None:
    """The state ``text`` names as its demonym, its name or its capital (cached: the same
    words come back in every article)."""
    return kb.country_of_demonym(text) or _state_code(kb, text)


def based_in(doc: Doc, start: int, kb: KnowledgeBase) -> str | None:
    """'London-based Halcyon Risk' -> GBR: a place with '-based' right before a name."""
    if start >= 3 and doc[start - 1].lower_ == "based" and doc[start - 2].text == "-":
        return _state_code(kb, doc[start - 3].text)
    return None


def _state_code(kb: KnowledgeBase, text: str) -> str | None:
    for actor in kb.lookup(text, include_surnames=False):
        if actor.type == "GPE" and actor.country:
            return actor.country
    return None


def _looks_like_role(role: str, kb: KnowledgeBase) -> bool:
    """Role words from the vocabulary ('Interior Minister'), or common nouns ('expert')."""
    if role.islower():
        return True
    words = role.split()
    for size in range(len(words), 0, -1):
        tail = " ".join(words[-size:])
        if kb.role_kind(tail) is not None or normalise(tail) in kb.normalised_role_words:
            return True
    return False
