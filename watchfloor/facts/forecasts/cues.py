"""Forecast cues: where a sentence states a probability (used by ``forecasts.finder``).

Every cue comes from ``watchfloor/data/facts/estimative.toml``: the ICD 203
scale (a band per phrase, mirrored by a negation), explicit odds ("a 70%
chance", "puts the odds ... at one in four"), off-scale words with a null range
(could, may, might, possible, expected to, set to, "X expects ...") and the
outlet's own view ("we think", "in our view"). The parse decides what is a
cue: an attributive "likely voters" is not, a predicative "is likely to" is.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from spacy.tokens import Span, Token

from watchfloor.facts.horizon import facts_data
from watchfloor.facts.parse import clause_of, in_quotes, subject_of
from watchfloor.facts.textfilter import AnyWord
from watchfloor.nlp.tokens import TokenTable
from watchfloor.nlp.types import doc_text


@dataclass(frozen=True)
class Lexicon:
    bands: dict[str, tuple[float, float]]
    scale: re.Pattern[str]
    scale_words: AnyWord  # the phrases of which ``scale`` needs one
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
    return Lexicon(bands, scale, AnyWord(band_of), band_of, data)


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
    text = sentence_text(sent)
    for m in () if lex.scale_words.absent_from(text) else lex.scale.finditer(text):
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
def _explicit_patterns() -> tuple[re.Pattern[str], re.Pattern[str], AnyWord]:
    """The patterns of odds stated outright and of odds set by a verb, and the odds
    nouns of which both need one (as written, when they are plain words)."""
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
    nouns = lex.data["explicit"]["odds_nouns"]
    plain = all(re.fullmatch("[A-Za-z]+", noun) for noun in nouns)
    return direct, setting, AnyWord(nouns if plain else [""])


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


def sentence_text(sent: Span) -> str:
    """The sentence's text, cut from the document's (built once per document)."""
    return doc_text(sent.doc)[sent.start_char : sent.end_char]


def _explicit_cues(sent: Span) -> Iterator[Cue]:
    direct, setting, odds_nouns = _explicit_patterns()
    doc = sent.doc
    text = sentence_text(sent)
    if odds_nouns.absent_from(text):
        return
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
    subject = subject_of(verb)
    if subject is not None and subject.i > token.i:
        return None  # "Could you ...?", "May he rest in peace": a question or a wish
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


def _off_scale_cues(sent: Span, lex: Lexicon, table: TokenTable) -> Iterator[Cue]:
    # Each finder starts by testing the word; testing the table's strings here first
    # saves the calls, and the tokens of the words no finder wants.
    modals = lex.words("off_scale", "modals")
    adjectives = lex.words("off_scale", "adjectives")
    raised = lex.words("off_scale", "raised_verbs")
    outlet_verbs = lex.words("attribution", "outlet_verbs")
    expect_verbs = lex.words("off_scale", "expect_verbs")
    lower, lemma = table.lower, table.lemma
    for i in range(sent.start, sent.end):
        word = lower[i]
        if not (
            word in modals
            or word in adjectives
            or word in raised
            or lemma[i] in outlet_verbs
            or lemma[i] in expect_verbs
        ):
            continue  # no finder below can take it (_verb_cue wants one of those verbs)
        token = sent.doc[i]
        cue = (
            (_modal_cue(token, sent, lex) if word in modals else None)
            or (_adjective_cue(token, lex) if word in adjectives else None)
            or (_raised_cue(token, lex) if word in raised else None)
            or _verb_cue(token, lex)
        )
        if cue is not None:
            yield cue


def _governs(head: Token, token: Token) -> bool:
    """``head`` is ``token`` or one of its ancestors."""
    return head.i == token.i or any(a.i == head.i for a in token.ancestors)


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


def sentence_cues(sent: Span, table: TokenTable) -> list[Cue]:
    """Every forecast cue of one sentence (``table``: its document's), scale and explicit
    ones first."""
    lex = lexicon()
    strong = [*_explicit_cues(sent), *_scale_cues(sent, lex)]
    cues: list[Cue] = []
    for cue in [*strong, *_off_scale_cues(sent, lex, table)]:
        clause = clause_of(cue.head)
        if any(c.start < cue.end and cue.start < c.end for c in cues) or _fixed(sent, cue, lex):
            continue
        if (
            cue.band is None
            and cue.value is None
            and any(
                clause_of(c.head).i == clause.i or (cue.outlet and _governs(cue.head, c.head))
                for c in strong
            )
        ):
            continue  # "we think X is likely": the scaled cue carries the outlet's view
        cues.append(cue)
    if not cues:
        cues.extend(_outlet_view(sent, lex))
    return cues


def _outlet_view(sent: Span, lex: Lexicon) -> Iterator[Cue]:
    lowered = sentence_text(sent).lower()
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
