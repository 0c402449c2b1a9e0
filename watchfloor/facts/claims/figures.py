"""Figures in a sentence: every number read with its hedge, currency, scale, range and
unit (patterns from ``data/facts/claims.toml``), less the numbers that state no claim:
dates, times, ages, years, names and labels ("G7", "Article 5"), addresses, scores,
short quoted titles, vague or referential counts ("two dozen", "the two sides")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from watchfloor.facts.claims.cues import Cues, pattern_words, patterns
from watchfloor.facts.context import FactContext
from watchfloor.nlp.types import Sentence

NUMERIC = frozenset({"CARDINAL", "MONEY", "PERCENT", "QUANTITY"})
NOT_FIGURES = frozenset(  # entity labels of numbers that are no figure
    {
        "DATE",
        "TIME",
        "ORDINAL",
        "LAW",
        "PRODUCT",
        "ORG",
        "GPE",
        "LOC",
        "FAC",
        "WORK_OF_ART",
        "EVENT",
        "PERSON",
        "NORP",
        "LANGUAGE",
    }
)
COUNT_DEPS = frozenset({"nummod", "nsubj", "nsubjpass", "dobj", "pobj", "attr", "conj"})
Token = Any  # a spaCy Token


@dataclass
class Figure:
    """One number in a sentence, read as far as its own words allow."""

    start: int  # offsets of the whole expression in the article text
    end: int
    value: float
    kind: str  # count, money, percent, measure, share, duration
    token: Token  # the token with the number's role ("billion" in "1.3 billion")
    high: float | None = None
    unit: str | None = None
    currency: str | None = None
    qualifier: str | None = None
    change: str | None = None
    previous: float | None = None


# ---------------------------------------------------------------- reading numbers


def figures(context: FactContext, sentence: Sentence, cues: Cues) -> list[Figure]:
    number_words, share_words = pattern_words()  # most sentences need neither pattern
    found: list[Figure] = []
    if not share_words.absent_from(sentence.text):
        found.extend(_share_figures(context, sentence, cues))
    if not number_words.absent_from(sentence.text):
        _add_number_figures(context, sentence, cues, found)
    return sorted(found, key=lambda f: f.start)


def _share_figures(context: FactContext, sentence: Sentence, cues: Cues) -> list[Figure]:
    _, _, share = patterns()
    found: list[Figure] = []
    for match in share.finditer(sentence.text):
        figure = _share_figure(context, sentence.start, match, cues)
        if figure:
            found.append(figure)
    return found


def _add_number_figures(
    context: FactContext, sentence: Sentence, cues: Cues, found: list[Figure]
) -> None:
    """Add the sentence's numbers that overlap no figure found before and state a claim."""
    number, plain_number, _ = patterns()
    position = 0
    while found_number := number.search(sentence.text, position):
        match = found_number
        if _from_to(match):  # "from 3,000 to 10,000" is a change, not a range
            match = plain_number.match(sentence.text, match.start()) or match
        position = match.end()
        figure = _number_figure(context, sentence.start, match, cues)
        if figure is None or any(f.start < figure.end and figure.start < f.end for f in found):
            continue
        if not _blocked(context, sentence, figure, match, cues):
            found.append(figure)


def _from_to(match: re.Match[str]) -> bool:
    to = (match["sep"] or "").strip().lower() == "to"
    return to and before_word(match.string, match.start()) == "from"


def _number_figure(
    context: FactContext, offset: int, match: re.Match[str], cues: Cues
) -> Figure | None:
    token = _token_at(context, offset + match.start("num"))
    value = cues.number(match["num"])
    if token is None or value is None:
        return None
    scale = cues.scale(match["scale"])
    token = _lift(token)
    figure = Figure(offset + match.start(), offset + match.end(), value * scale, "count", token)
    if match["num2"]:
        high = cues.number(match["num2"])
        scale2 = cues.scale(match["scale2"]) if match["scale2"] else scale
        figure.high = high * scale2 if high is not None else None
        if not match["scale"]:
            figure.value = value * scale2
    figure.qualifier = cues.qualifier(match["qual"])
    _read_unit(figure, match, cues)
    return figure


def _read_unit(figure: Figure, match: re.Match[str], cues: Cues) -> None:
    unit = (match["unit"] or "").lower()
    currency = cues.currency_sign(match["cur"]) or cues.currency_words.get(unit)
    if not currency and unit in cues.money_only and figure.token.ent_type_ == "MONEY":
        currency = cues.money_only[unit]
    if currency:
        figure.kind, figure.currency, figure.unit = "money", currency, currency
    elif unit in cues.percent:
        figure.kind, figure.unit = "percent", cues.percent[unit]
    elif unit and (unit in cues.measures or unit in cues.money_only):
        figure.kind, figure.unit = "measure", match["unit"]


def _share_figure(
    context: FactContext, offset: int, match: re.Match[str], cues: Cues
) -> Figure | None:
    token = _token_at(context, offset + match.start("frac" if match["frac"] else "top"))
    if token is None or before_word(match.string, match.start()) in cues["share_blockers"]:
        return None
    value = cues.share(match)
    if value is None or (match["frac"] and not _share_of_things(token, match, cues)):
        return None
    figure = Figure(offset + match.start(), offset + match.end(), value, "share", token)
    figure.qualifier = cues.qualifier(match["qual"])
    figure.unit = "share"
    return figure


def _token_at(context: FactContext, offset: int) -> Token | None:
    span = context.doc.spacy_doc.char_span(offset, offset + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _lift(token: Token) -> Token:
    """'1.3' in '1.3 billion' -> 'billion': the token that carries the number's role."""
    while token.dep_ in ("compound", "quantmod") and token.head.pos_ == "NUM":
        token = token.head
    return token


def _share_of_things(token: Token, match: re.Match[str], cues: Cues) -> bool:
    """'a third of voters', not 'a quarter of 2024' or 'a quarter of a million'."""
    after = match.string[match.end() :].split()
    if after and after[0].lower() in ("a", "an", "the"):
        after = after[1:]
    if not after or after[0].lower() in cues.scales or not after[0][:1].isalpha():
        return False
    return not any(t.ent_type_ in ("DATE", "TIME") for t in token.subtree if t.i > token.i)


# ---------------------------------------------------------------- what is not a claim


def _blocked(
    context: FactContext, sentence: Sentence, figure: Figure, match: re.Match[str], cues: Cues
) -> bool:
    text = match.string
    before = before_word(text, match.start())
    after = text[match.end() :]
    if _is_duration(figure, before, after, cues):
        return False
    checks = (
        figure.token.ent_type_ in NOT_FIGURES,
        _bad_hyphen(figure, after, cues),
        _vague_or_referential(figure, match, before, after, cues),
        _is_label(context, figure, match, before, cues),
        _is_age_or_time(figure, before, after, cues),
        _is_year(figure, match),
        _in_short_title(text, match.start(), match.end()),
        _is_score(figure, match),
        figure.kind == "count" and not _counts_something(figure),
    )
    return any(checks)


def _is_score(figure: Figure, match: re.Match[str]) -> bool:
    """'won 3-1', 'a 2-0 lead': a dashed pair of bare counts that count nothing."""
    dashed = match["num2"] and match["sep"] and match["sep"].strip() in ("-", "–", "—")
    plain = figure.kind == "count" and not match["scale2"] and figure.token.dep_ != "nummod"
    return bool(dashed and plain)


def _is_duration(figure: Figure, before: str, after: str, cues: Cues) -> bool:
    """'given 45 days to leave', 'ordered three days of mourning': an amount of time."""
    if figure.token.ent_type_ != "DATE" or figure.kind != "count" or figure.qualifier:
        return False
    words = after.split()
    if not words or words[0].lower().rstrip("s.,;") not in cues["duration_units"]:
        return False
    if before in cues["duration_blockers"] or any(
        w.lower().strip(".,;") in cues["duration_followers"] for w in words[1:2]
    ):
        return False
    unit = figure.token.head if figure.token.dep_ == "nummod" else figure.token
    granted = unit.dep_ == "npadvmod" and unit.head.lemma_ in cues["duration_verbs"]
    with_it = unit.dep_ == "pobj" and unit.head.lower_ == "with"
    if unit.dep_ in ("dobj", "nsubj", "nsubjpass", "attr") or granted or with_it:
        figure.kind, figure.unit = "duration", unit.lower_
        return True
    return False


def _bad_hyphen(figure: Figure, after: str, cues: Cues) -> bool:
    if not after.startswith("-"):
        return False
    word = re.match(r"-([A-Za-z]+)", after)
    if word and figure.kind == "count" and word[1].lower() in cues.hyphen_counts:
        figure.unit = cues.hyphen_counts[word[1].lower()]
        figure.end += len(word[0])
        return False
    return True


def _vague_or_referential(
    figure: Figure, match: re.Match[str], before: str, after: str, cues: Cues
) -> bool:
    words = after.split()
    if words and words[0].lower().strip(".,;") in cues["vague_followers"]:
        return True
    token = figure.token
    bare = figure.kind == "count" and not figure.unit and token.dep_ != "nummod"
    if bare and before in cues["reference_words"] and not match["qual"]:
        return True
    spelled = match["num"][:1].isalpha()
    if not spelled or figure.kind != "count" or match["scale"]:
        return False
    if figure.token.ent_type_ not in NUMERIC and figure.token.dep_ != "nummod":
        return True
    if before in cues["definite_blockers"] and not match["qual"]:
        return True
    if figure.value == 1:
        head = figure.token.head
        return figure.token.dep_ != "nummod" or head.lemma_.lower() not in cues["one_heads"]
    return False


def _is_label(
    context: FactContext, figure: Figure, match: re.Match[str], before: str, cues: Cues
) -> bool:
    """A number that names or labels something: 'Article 5', 'Boeing 737', '10 Downing Street'."""
    if before in cues["label_nouns"] or before in cues["rate_words"]:
        return True
    if match.string[match.end() :].startswith(")") and "(" not in before:
        return True  # an enumerator: "1) ..., 2) ..."
    following = match.string[match.end() :].split()[:3]
    if (
        following
        and following[0][:1].isupper()
        and any(w.lower().strip(".,;") in cues["street_words"] for w in following)
    ):
        return True
    if match["cur"] or match["qual"] or figure.kind != "count":
        return False
    token = figure.token
    previous = token.doc[token.i - 1] if token.i > 0 else None
    return bool(
        previous is not None
        and previous.is_title
        and previous.text not in cues["months"]
        and previous.pos_ == "PROPN"
    )


def _is_age_or_time(figure: Figure, before: str, after: str, cues: Cues) -> bool:
    if before in cues["age_cues"] or _age_of_someone(figure, cues):
        return True
    tail = after.lower().lstrip()
    if tail.startswith(("years old", "year old", "a.m.", "p.m.", "am ", "pm ", "o'clock")):
        return True
    if tail.split()[:1] and tail.split()[0].strip(",;)") in cues["era_words"]:
        return True
    token = figure.token
    doc = token.doc
    return (
        figure.kind == "count"
        and 0 < token.i < len(doc) - 1
        and doc[token.i - 1].text == ","
        and doc[token.i + 1].text == ","
        and token.i > 1
        and doc[token.i - 2].ent_type_ == "PERSON"
    )


def _age_of_someone(figure: Figure, cues: Cues) -> bool:
    """'aged nine, ten and 59' (a list after 'aged'); 'she was 57'; 'he turned 80'."""
    token = figure.token
    first = token
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    if first.i > 0 and first.doc[first.i - 1].lower_ in cues["age_cues"]:
        return True
    if figure.kind != "count" or token.dep_ not in ("attr", "acomp", "dobj"):
        return False
    verb = token.head
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    person = subject is not None and (
        subject.ent_type_ == "PERSON" or subject.tag_ in ("PRP", "NNP")
    )
    return person and verb.lemma_ in ("be", "turn")


def _is_year(figure: Figure, match: re.Match[str]) -> bool:
    digits = match["num"]
    if figure.kind != "count" or not digits.isdigit() or len(digits) != 4 or match["scale"]:
        return False
    token = figure.token
    plural_head = token.dep_ == "nummod" and token.head.tag_ == "NNS"
    return 1800 <= int(digits) <= 2100 and not plural_head


def _in_short_title(text: str, start: int, end: int) -> bool:
    """A number inside a short quoted title ('the film "2001: A Space Odyssey"')."""
    for quoted in re.finditer(r"[\"“]([^\"”]{1,60})[\"”]", text):
        if quoted.start() < start and end <= quoted.end():
            words = quoted[1].split()
            capitals = sum(w[:1].isupper() or w[:1].isdigit() for w in words)
            return len(words) <= 6 and capitals * 2 > len(words)
    return False


def _counts_something(figure: Figure) -> bool:
    token = figure.token
    if figure.unit:  # a hyphen count ("55-member")
        return True
    if token.dep_ not in COUNT_DEPS:
        return False
    # a singular proper noun makes the number part of a name ("the 737 Max")
    return token.dep_ != "nummod" or token.head.tag_ in ("NN", "NNS", "NNPS")


def before_word(text: str, start: int) -> str:
    words = text[:start].split()
    return words[-1].lower().strip("\"'“‘(") if words else ""
