"""Finding actor mentions in an annotated document.

Two sources of candidate spans are merged: the knowledge base's names matched
as phrases (which fixes what the small statistical model gets wrong: "Kyiv" as
a person, "Choe Son" for "Choe Son Hui") and the model's own entities for
names the knowledge base does not know. Spans are then cleaned: a leading
"the" and a trailing possessive go, lower-case "entities" ("fed") and spans
made only of role words ("Supreme") are dropped, and a person's name cut short
by the model is extended over the proper nouns that follow it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from watchfloor.actors.cues import load_cues
from watchfloor.actors.kb import KnowledgeBase, normalise
from watchfloor.actors.name_index import identity_spans
from watchfloor.nlp.tokens import TokenTable
from watchfloor.places import candidates, is_subdivision, subdivision_countries

ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})
# Names of things, not actors: a place inside one ("the Paris Agreement", "the Beijing
# Olympics") is part of the name, not the state.
THING_LABELS = frozenset({"EVENT", "LAW", "WORK_OF_ART", "PRODUCT", "LANGUAGE"})
PLACE_LABELS = frozenset({"GPE", "LOC"})
_DETERMINERS = frozenset({"the", "a", "an"})
_POSSESSIVES = frozenset({"'s", "’s", "'", "’"})


@dataclass(frozen=True)
class Candidate:
    """A span that may name an actor: token range, text, and what suggested it."""

    start: int  # token index
    end: int
    text: str
    label: str  # the model's label, or "KB" for a knowledge-base phrase match
    char_start: int
    char_end: int


@lru_cache(maxsize=4)
def _matchers(kb: KnowledgeBase, nlp: Any) -> tuple[PhraseMatcher, PhraseMatcher]:
    folded = PhraseMatcher(nlp.vocab, attr="LOWER")
    exact = PhraseMatcher(nlp.vocab, attr="ORTH")
    folded_texts: set[str] = set()
    exact_texts: set[str] = set()
    for actor in kb:
        if not actor.phrase_match:
            continue  # an identity only: found where the tagger names it
        for name, via in actor.names():
            if via == "surname":
                continue  # a bare surname is linked inside the document, not matched blindly
            bucket = exact_texts if name in actor.case_sensitive_aliases else folded_texts
            bucket.add(name)
    folded.add("KB", [nlp.make_doc(t) for t in sorted(folded_texts)])
    exact.add("KB", [nlp.make_doc(t) for t in sorted(exact_texts)])
    return folded, exact


def find_candidates(table: TokenTable, kb: KnowledgeBase, nlp: Any) -> list[Candidate]:
    """Non-overlapping candidate spans of the table's document, in text order."""
    doc = table.doc
    folded, exact = _matchers(kb, nlp)
    kb_spans = [doc[s:e] for _, s, e in [*folded(doc), *exact(doc)] if _is_capitalised(doc[s:e])]
    kb_spans += identity_spans(doc, kb)
    cleaned = [_clean(ent, table) for ent in table.ents if ent.label_ in ACTOR_LABELS]
    people = {e[-1].text for e in table.ents if e.label_ == "PERSON"}
    model_spans = [p for span in cleaned if span is not None for p in _split(span, kb, people)]
    things = [ent for ent in table.ents if ent.label_ in THING_LABELS]
    chosen = _merge(kb_spans, model_spans, kb, things)
    return [
        Candidate(s.start, s.end, s.text, s.label_ or "KB", s.start_char, s.end_char)
        for s in sorted(chosen, key=lambda s: s.start)
    ]


def _merge(
    kb_spans: list[Span], model_spans: list[Span], kb: KnowledgeBase, things: list[Span]
) -> list[Span]:
    """Longest knowledge-base matches first, then model spans where nothing overlaps.

    A model span that strictly contains a knowledge-base place name and is an
    organisation or person ("Bank of England", "Georgia Meloni") keeps its
    whole extent: the place name is part of a longer name. Inside the name of a
    thing (``things``: "the Paris Agreement") the place is no actor at all.
    """
    taken: set[int] = set()
    chosen: list[Span] = []
    for span in model_spans + things:
        inner = [k for k in kb_spans if k.start >= span.start and k.end <= span.end]
        longer = inner and all(k.end - k.start < span.end - span.start for k in inner)
        if not longer or not (_all_places(inner, kb) or _another_nations(span, inner, kb)):
            continue
        if span.label_ in {"ORG", "PERSON", "FAC"}:
            chosen.append(span)
            taken.update(range(span.start, span.end))
        elif span.label_ in THING_LABELS or _another_place(span, inner, kb):
            taken.update(range(span.start, span.end))
    for span in sorted(kb_spans, key=lambda s: (s.start - s.end, s.start)):
        if not taken.intersection(range(span.start, span.end)):
            chosen.append(Span(span.doc, span.start, span.end, label="KB"))
            taken.update(range(span.start, span.end))
    for span in model_spans:
        if not taken.intersection(range(span.start, span.end)):
            chosen.append(span)
            taken.update(range(span.start, span.end))
    return chosen


def _all_places(spans: list[Span], kb: KnowledgeBase) -> bool:
    return all(all(a.type == "GPE" for a in kb.lookup(s.text)) for s in spans)


def _another_place(span: Span, inner: list[Span], kb: KnowledgeBase) -> bool:
    """ "New Jersey", "New Mexico", "Northern Ireland": a place of the gazetteer or of ISO
    3166-2, in another country than the states named inside it ("Jersey", "Mexico",
    "Ireland"), is that place, not those states."""
    if span.label_ not in PLACE_LABELS:
        return False
    countries = {p.country for p in candidates(span.text)} | subdivision_countries(span.text)
    known = {a.country for k in inner for a in kb.lookup(k.text)}
    return bool(countries) and not countries & known


def _another_nations(span: Span, inner: list[Span], kb: KnowledgeBase) -> bool:
    """ "the Nepali Congress": a known name ("Congress", the US one) inside a longer
    name whose other words give it another nation's demonym is that nation's body."""
    known = {a.country for k in inner for a in kb.lookup(k.text)}
    inside = {i for k in inner for i in range(k.start, k.end)}
    others = {
        kb.country_of_demonym(t.text) for t in span if t.i not in inside and t.text[:1].isupper()
    }
    others.discard(None)
    return bool(others) and not others & known


def _clean(ent: Span, table: TokenTable) -> Span | None:
    """Strip determiners and possessives, extend truncated names, drop non-names."""
    start, end = ent.start, ent.end
    doc = ent.doc
    for i in range(start, end - 1):  # "Sandu's Party of Action": the possessor is another name
        if doc[i].tag_ == "POS" and ent.label_ != "PERSON" and _names_elsewhere(table, start, i):
            start = i + 1
    for i in range(start, end):  # "Free Trade Area (AfCFTA": an unclosed bracket ends the name
        if doc[i].text == "(" and not any(t.text == ")" for t in doc[i:end]):
            end = i
            break
    while start < end and doc[start].lower_ in _DETERMINERS:
        start += 1
    while end > start and _trailing(doc, start, end):
        end -= 1
    if ent.label_ == "PERSON":
        end = _extend_name(doc, end)
    elif ent.label_ == "ORG" and end > start:
        end = _extend_body(doc, end)
    if start >= end:
        return None
    span = Span(doc, start, end, label=ent.label_)
    if not _is_capitalised(span) or _only_title_words(span):
        return None
    return span


def _split(span: Span, kb: KnowledgeBase, surnames: set[str]) -> list[Span]:
    """ "Senator from | Vermont Bernie Sanders", "First Minister of | Scotland Nicola
    Sturgeon": a place or body the knowledge base or the gazetteer knows, run together with
    the name of a person, is two names. The person is one the knowledge base knows, or
    one whose surname the tagger finds as a person's elsewhere (``surnames``)."""
    if span.label_ == "PERSON" or len(span) < 3:
        return [span]
    heads = _not_person_words()
    for size in (2, 3):
        head, person = span[:-size], span[-size:]
        if not len(head) or not all(_name_word(t) for t in person):
            continue
        label = _place_or_body(head.text, kb)
        if label is None or any(t.text in heads for t in person):
            continue
        known = any(a.type == "PERSON" for a in kb.lookup(person.text, include_surnames=False))
        if not known and person[-1].text not in surnames:
            continue
        doc = span.doc
        return [
            Span(doc, head.start, head.end, label or span.label_),
            Span(doc, person.start, person.end, "PERSON"),
        ]
    return [span]


def _name_word(token: Token) -> bool:
    """ "Bernie", "LaHood": a capitalised proper noun, not an acronym."""
    text = token.text
    return token.pos_ == "PROPN" and text[:1].isupper() and not text.isupper() and text.isalpha()


@lru_cache(maxsize=1)
def _not_person_words() -> frozenset[str]:
    """Last words of the names of bodies and places ("Force", "Bank", "Island")."""
    cues = load_cues()
    return cues.org_heads | cues.state_body_words | cues.non_actor_heads | cues.generic_org_words


def _place_or_body(text: str, kb: KnowledgeBase) -> str | None:
    """'' for a body or state the knowledge base knows ("House of Representatives"), "GPE"
    for another place of the gazetteer or of ISO 3166-2 ("Vermont"), None for neither."""
    known = kb.lookup(text, include_surnames=False)
    if known:
        return "" if all(actor.type != "PERSON" for actor in known) else None
    return "GPE" if candidates(text) or is_subdivision(text) else None


def _trailing(doc: Doc, start: int, end: int) -> bool:
    """The last token of ``start:end`` is no part of the name: a possessive, a mark, a
    function word, a verb the tagger took in ("La Libertad Avanza won") or a count after
    a dash ("Sinn Féin - 7" in a table of seats)."""
    last = doc[end - 1]
    if last.text in _POSSESSIVES or last.is_punct or last.pos_ in {"ADP", "DET", "CCONJ"}:
        return True
    if last.pos_ in {"VERB", "AUX"} and last.is_lower:
        return True
    return last.like_num and end - 2 > start and doc[end - 2].is_punct


def _names_elsewhere(table: TokenTable, start: int, end: int) -> bool:
    """Tokens ``start:end`` are (part of) a person or place the model names elsewhere."""
    words = table.doc[start:end].text
    return any(
        words in e.text.split() or words == e.text
        for e in table.ents
        if e.label_ in {"PERSON", "GPE"} and not (e.start <= start < e.end)
    )


def _extend_name(doc: Doc, end: int) -> int:
    """'Choe Son' + 'Hui': take capitalised proper nouns the model left off."""
    while (
        end < len(doc)
        and doc[end - 1].whitespace_
        and doc[end].pos_ == "PROPN"
        and doc[end].is_title
        and not doc[end].ent_type_
    ):
        end += 1
    return end


_LINKS = frozenset({"of", "for"})
_INNER = frozenset({"of", "for", "the"})  # not "and": "the ACLU of Montana and the NARF"


def _extend_body(doc: Doc, end: int) -> int:
    """'Progressive Party' + 'of Working People', 'Center' + 'for Investigative
    Journalism': a body's name the tagger cut at 'of' or 'for' goes on over the
    capitalised words after it."""
    heads = _body_heads()
    if doc[end - 1].text not in heads or end + 1 >= len(doc) or doc[end].lower_ not in _LINKS:
        return end
    i = end + 1
    if doc[i].lower_ == "the":
        i += 1
    last = end
    while i < len(doc):
        token = doc[i]
        if _name_word(token):
            last = i + 1
        elif token.lower_ not in _INNER or i + 1 >= len(doc) or not _name_word(doc[i + 1]):
            break
        i += 1
    return last


@lru_cache(maxsize=1)
def _body_heads() -> frozenset[str]:
    cues = load_cues()
    return cues.org_heads | cues.state_body_words


def _is_capitalised(span: Span) -> bool:
    first = span.text[:1]
    return bool(first) and (first.isupper() or first.isdigit())


TITLE_WORDS = frozenset(
    {
        "supreme",
        "leader",
        "mr",
        "mrs",
        "ms",
        "dr",
        "sir",
        "general",
        "gen",
        "lt",
        "col",
        "president",
        "minister",
        "secretary",
        "chancellor",
        "premier",
        "senator",
        "sen",
        "rep",
        "governor",
        "king",
        "queen",
        "prince",
        "princess",
        "ambassador",
        "chairman",
    }
)


def _only_title_words(span: Span) -> bool:
    return all(normalise(t.text) in TITLE_WORDS or t.is_punct for t in span)
