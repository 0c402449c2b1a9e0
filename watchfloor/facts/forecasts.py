"""Forecasts: statements about the future with an estimative word (ICD 203).

Every cue comes from ``watchfloor/data/facts/estimative.toml``: the ICD 203
scale (a band per phrase, mirrored by a negation), explicit odds ("a 70%
chance", "puts the odds ... at one in four"), off-scale words with a null range
(could, may, might, possible, expected to, set to, "X expects ...") and the
outlet's own view ("we think", "in our view"). The parse decides what is a
forecast: an attributive "likely voters" is not, a predicative "is likely to"
is; the attribution verb above the cue gives the source.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from spacy.tokens import Span, Token

from watchfloor.facts.context import Fact, FactContext
from watchfloor.facts.horizon import facts_data, find_time
from watchfloor.facts.parse import (
    clause_of,
    clause_tokens,
    in_quotes,
    subject_of,
    text_of,
    token_actor_id,
)
from watchfloor.nlp.types import Sentence, doc_text


@dataclass(frozen=True)
class Lexicon:
    bands: dict[str, tuple[float, float]]
    scale: re.Pattern[str]
    band_of: dict[str, str]
    data: dict[str, Any]
    _sets: dict[tuple[str, str], frozenset[str]] = field(default_factory=dict, repr=False)

    def words(self, section: str, key: str) -> frozenset[str]:
        """A word list of the lexicon as a set (made once: it is asked per token)."""
        found = self._sets.get((section, key))
        if found is None:
            found = self._sets[(section, key)] = frozenset(self.data[section][key])
        return found


@cache
def lexicon() -> Lexicon:
    data = facts_data("estimative.toml")
    bands = {b["band"]: (float(b["p_low"]), float(b["p_high"])) for b in data["scale"]}
    band_of = {p: b["band"] for b in data["scale"] for p in b["phrases"]}
    alternation = "|".join(re.escape(p) for p in sorted(band_of, key=len, reverse=True))
    scale = re.compile(r"(?<![\w-])(?:" + alternation + r")(?![\w-])", re.IGNORECASE)
    return Lexicon(bands, scale, band_of, data)


@dataclass(frozen=True)
class Cue:
    """One estimative phrase: where it is written and what it governs."""

    head: Token
    start: int
    end: int
    band: str | None = None
    value: float | None = None
    negated: bool = False
    outlet: bool = False


# ---------------------------------------------------------------- cues


def _chance_context(head: Token, nouns: frozenset[str]) -> bool:
    if head.lower_ in nouns or head.head.lower_ in nouns:
        return True
    subject = subject_of(head.head)
    return subject is not None and subject.lower_ in nouns


def _scale_cues(sent: Span, lex: Lexicon) -> Iterator[Cue]:
    doc = sent.doc
    nouns = lex.words("attributive", "chance_nouns")
    for m in lex.scale.finditer(sent.text):
        start, end = sent.start_char + m.start(), sent.start_char + m.end()
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        head, first = span[-1], span[0]
        before = doc[first.i - 1].lower_ if first.i > sent.start else ""
        if before in lex.words("off_scale", "comparatives"):
            continue
        if head.lower_ in lex.words("attributive", "needs_chance_noun") or head.lower_ == "even":
            if not _chance_context(head, nouns):
                continue
        elif head.dep_ == "amod" and head.head.lower_ not in nouns:
            continue
        negated = before in ("not", "n't") or _has_neg(head)
        if negated and before in ("not", "n't"):
            start = doc[first.i - 1].idx
        yield Cue(head, start, end, band=lex.band_of[m.group(0).lower()], negated=negated)


def _has_neg(token: Token) -> bool:
    for t in (token, token.head) if token.dep_ in ("acomp", "advmod", "attr") else (token,):
        if any(c.dep_ == "neg" for c in t.children):
            return True
    return False


_NUM = r"\d+(?:\.\d+)?"


@cache
def _explicit_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    lex = lexicon()
    words = "|".join(lex.data["explicit"]["number_words"])
    num = rf"(?:\d+|{words})"
    odds = "|".join(lex.data["explicit"]["odds_nouns"])
    verbs = "|".join(lex.data["explicit"]["setting_verbs"])
    value = rf"(?P<pct>{_NUM})\s?(?:%|percent|per cent)|(?P<a>{num})[- ]in[- ](?P<b>{num})"
    direct = re.compile(rf"\b(?:an? )?(?:{value})[- ](?:{odds})\b", re.IGNORECASE)
    setting = re.compile(
        rf"\b(?:{verbs})\b[^.;:]{{0,160}}?\b(?:{odds})\b[^.;:]{{0,160}}?\bat "
        rf"(?P<v>{value})",
        re.IGNORECASE,
    )
    return direct, setting


def _value(m: re.Match[str]) -> float | None:
    if m.group("pct"):
        value = float(m.group("pct")) / 100
    else:
        words = lexicon().data["explicit"]["number_words"]
        a, b = (
            int(x) if x.isdigit() else words.get(x.lower(), 0) for x in (m.group("a"), m.group("b"))
        )
        value = a / b if b else 2.0
    return value if 0 < value <= 1 else None


def _sentence_text(sent: Span) -> str:
    """The sentence's text, cut from the document's (built once per document)."""
    return doc_text(sent.doc)[sent.start_char : sent.end_char]


def _explicit_cues(sent: Span) -> Iterator[Cue]:
    direct, setting = _explicit_patterns()
    doc = sent.doc
    text = _sentence_text(sent)
    for m in setting.finditer(text):
        value = _value(m)
        span = doc.char_span(
            sent.start_char + m.start(), sent.start_char + m.end(), alignment_mode="expand"
        )
        odds = lexicon().words("explicit", "odds_nouns")
        noun = next((t for t in span if t.lower_ in odds), None) if span is not None else None
        if value is not None and noun is not None:
            start, end = sent.start_char + m.start("v"), sent.start_char + m.end("v")
            yield Cue(noun, start, end, value=value)
    for m in direct.finditer(text):
        value = _value(m)
        span = doc.char_span(
            sent.start_char + m.start(), sent.start_char + m.end(), alignment_mode="expand"
        )
        if value is not None and span is not None:
            yield Cue(span[-1], sent.start_char + m.start(), sent.start_char + m.end(), value=value)


def _modal_cue(token: Token, sent: Span, lex: Lexicon) -> Cue | None:
    if token.tag_ != "MD" or token.lower_ not in lex.words("off_scale", "modals"):
        return None
    verb = token.head
    between = [t for t in sent.doc[token.i + 1 : verb.i + 1]] if verb.i > token.i else []
    if any(t.lower_ in lex.words("off_scale", "not_after_modal") for t in between):
        return None
    if in_quotes(token, sent) or any(c.lower_ == "if" and c.dep_ == "mark" for c in verb.children):
        return None
    return Cue(verb, token.idx, token.idx + len(token.text))


def _adjective_cue(token: Token, lex: Lexicon) -> Cue | None:
    if token.lower_ not in lex.words("off_scale", "adjectives") or token.dep_ not in (
        "acomp",
        "attr",
    ):
        return None
    if any(c.dep_ == "xcomp" for c in token.children):  # "it is possible to travel": ability
        return None
    return Cue(token, token.idx, token.idx + len(token.text), negated=_has_neg(token))


def _raised_cue(token: Token, lex: Lexicon) -> Cue | None:
    if token.lower_ not in lex.words("off_scale", "raised_verbs") or token.tag_ != "VBN":
        return None
    if not any(c.dep_ in ("auxpass", "aux") and c.lemma_ == "be" for c in token.children):
        return None
    to = next(
        (
            c
            for c in token.children
            if c.dep_ == "xcomp" and any(g.lower_ == "to" for g in c.children)
        ),
        None,
    )
    if to is None:
        return None
    return Cue(to, token.idx, token.idx + len(token.text) + 3, negated=_has_neg(token))


def _verb_cue(token: Token, lex: Lexicon) -> Cue | None:
    if token.pos_ != "VERB" or token.tag_ == "VBN":
        return None
    subject = subject_of(token)
    outlet = subject is not None and subject.lower_ in lex.words("attribution", "outlet_subjects")
    verbs = (
        lex.words("attribution", "outlet_verbs")
        if outlet
        else lex.words("off_scale", "expect_verbs")
    )
    if token.lemma_ not in verbs:
        return None
    if not any(c.dep_ in ("ccomp", "xcomp") for c in token.children):
        return None
    start = (
        subject.idx if subject is not None and (outlet or subject.lower_ == "few") else token.idx
    )
    negated = _has_neg(token) or (subject is not None and subject.lower_ == "few")
    return Cue(token, start, token.idx + len(token.text), negated=negated, outlet=outlet)


def _off_scale_cues(sent: Span, lex: Lexicon) -> Iterator[Cue]:
    # Each finder starts by testing the word; testing it here first saves the calls.
    modals = lex.words("off_scale", "modals")
    adjectives = lex.words("off_scale", "adjectives")
    raised = lex.words("off_scale", "raised_verbs")
    for token in sent:
        lower = token.lower_
        cue = (
            (_modal_cue(token, sent, lex) if lower in modals else None)
            or (_adjective_cue(token, lex) if lower in adjectives else None)
            or (_raised_cue(token, lex) if lower in raised else None)
            or _verb_cue(token, lex)
        )
        if cue is not None:
            yield cue


def _fixed(sent: Span, cue: Cue, lex: Lexicon) -> bool:
    """Inside a fixed phrase such as "as soon as possible" or "than expected"."""
    text = doc_text(sent.doc)
    for phrase in lex.data["off_scale"]["fixed_phrases"]:
        for m in re.finditer(
            re.escape(phrase), text[sent.start_char : sent.end_char], re.IGNORECASE
        ):
            if m.start() + sent.start_char <= cue.start < m.end() + sent.start_char:
                return True
    return False


def sentence_cues(sent: Span) -> list[Cue]:
    """Every forecast cue of one sentence, scale and explicit ones first."""
    lex = lexicon()
    strong = [*_explicit_cues(sent), *_scale_cues(sent, lex)]
    cues: list[Cue] = []
    for cue in [*strong, *_off_scale_cues(sent, lex)]:
        clause = clause_of(cue.head)
        if any(c.start < cue.end and cue.start < c.end for c in cues) or _fixed(sent, cue, lex):
            continue
        if (
            cue.band is None
            and cue.value is None
            and any(clause_of(c.head).i == clause.i for c in strong)
        ):
            continue
        cues.append(cue)
    if not cues:
        cues.extend(_outlet_view(sent, lex))
    return cues


def _outlet_view(sent: Span, lex: Lexicon) -> Iterator[Cue]:
    lowered = _sentence_text(sent).lower()
    for phrase in lex.data["attribution"]["outlet_views"]:
        at = lowered.find(phrase)
        span = (
            sent.doc.char_span(
                sent.start_char + at, sent.start_char + at + len(phrase), alignment_mode="expand"
            )
            if at >= 0
            else None
        )
        if span is not None:
            yield Cue(clause_of(span[0]), span.start_char, span.end_char, outlet=True)
            return


# ---------------------------------------------------------------- fields


def _statement(cue: Cue) -> str:
    head = cue.head
    nouns = lexicon().words("attributive", "chance_nouns")
    governor = head.head if head.dep_ in ("acomp", "attr", "advmod", "dobj") else head
    if head.lower_ in nouns:
        return _of_object(head) or text_of(clause_tokens(clause_of(head)))
    complement = next(
        (c for t in (head, governor) for c in t.children if c.dep_ in ("xcomp", "ccomp")), None
    )
    subject = subject_of(governor) or (
        subject_of(governor.head) if governor.dep_ == "xcomp" else None
    )
    if subject is not None and subject.lower_ in nouns:
        return _of_object(subject) or text_of(subject.subtree)
    if complement is not None:
        parts = list(complement.subtree)
        if subject is not None and subject.lower_ != "it" and not subject_of(complement):
            parts = [*subject.subtree, *parts]
        return _clause_text(complement, parts)
    if subject is not None and governor.i != head.i:
        return text_of(subject.subtree)
    clause = clause_of(head)
    return _clause_text(clause, clause_tokens(clause))


def _of_object(noun: Token) -> str | None:
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            objects = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
            if objects:
                return text_of(objects[0].subtree)
    return None


def _clause_text(clause: Token, parts: list[Token]) -> str:
    """Clause text without its complementiser ("that", "to", "because")."""
    return text_of(
        t
        for t in parts
        if not (
            t.head.i == clause.i and (t.dep_ == "mark" or (t.dep_ == "aux" and t.lower_ == "to"))
        )
    )


def _condition(cue: Cue) -> str | None:
    openers = lexicon().words("condition", "openers")
    token: Token | None = cue.head
    while token is not None:
        for child in token.children:
            if child.dep_ == "advcl":
                words = list(child.subtree)
                if words and words[0].lower_ in openers:
                    return text_of(words)
        token = None if token.head.i == token.i else token.head
    return None


def _source(context: FactContext, sent: Span, cue: Cue) -> str | None:
    if cue.outlet:
        return None
    lex = lexicon()
    if any(v in sent.text.lower() for v in lex.data["attribution"]["outlet_views"]):
        return None
    verbs = lex.words("attribution", "verbs")
    token = cue.head
    while True:
        subject = subject_of(token)
        if token.lemma_ in verbs and subject is not None:
            if subject.lower_ in lex.words("attribution", "outlet_subjects"):
                return None
            return token_actor_id(context, subject)
        if token.head.i == token.i:
            break
        token = token.head
    return _according_to(context, sent)


def _according_to(context: FactContext, sent: Span) -> str | None:
    for token in sent:
        if (
            token.lower_ == "according"
            and token.i + 1 < sent.end
            and sent.doc[token.i + 1].lower_ == "to"
        ):
            objects = [c for c in sent.doc[token.i + 1].children if c.dep_ == "pobj"]
            if objects:
                return token_actor_id(context, objects[0])
    return None


def _range(cue: Cue) -> tuple[float | None, float | None]:
    if cue.value is not None:
        return cue.value, cue.value
    if cue.band is None:
        return None, None
    lex = lexicon()
    band = lex.data["negation"][cue.band] if cue.negated else cue.band
    return lex.bands[band]


def _fact(context: FactContext, sentence: Sentence, sent: Span, cue: Cue) -> Fact:
    p_low, p_high = _range(cue)
    clause = clause_tokens(clause_of(cue.head))
    lo, hi = min(t.idx for t in clause), max(t.idx + len(t.text) for t in clause)
    when = find_time(context.article.text[lo:hi], context.article.published)
    return {
        "statement": _statement(cue),
        "source": _source(context, sent, cue),
        "phrase": context.article.text[cue.start : cue.end],
        "p_low": p_low,
        "p_high": p_high,
        "negated": cue.negated,
        "condition": _condition(cue),
        "horizon_text": when.text if when else None,
        "horizon_end": when.iso if when else None,
        **context.evidence(sentence),
    }


def find_forecasts(context: FactContext) -> list[Fact]:
    doc = context.doc.spacy_doc
    facts: list[Fact] = []
    for sentence in context.doc.sentences:
        sent = doc[sentence.token_start : sentence.token_end]
        facts.extend(_fact(context, sentence, sent, cue) for cue in sentence_cues(sent))
    return facts
