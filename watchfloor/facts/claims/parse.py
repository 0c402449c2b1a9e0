"""A numeric claim's parts read from the dependency parse: what is counted, the
change it states and who states it (see :mod:`watchfloor.facts.claims.finder`)."""

from __future__ import annotations

import re
from typing import Any

from watchfloor.facts.claims.cues import Cues
from watchfloor.facts.context import FactContext
from watchfloor.facts.quotes.speakers import resolve_speaker
from watchfloor.facts.quotes.speech import according_source
from watchfloor.nlp.types import Sentence

Token = Any  # a spaCy Token
CLAUSE_VERBS = ("VERB", "AUX")
MODIFIER_CLAUSES = ("acl", "relcl")
TRAILING = ("ADP", "PART", "PUNCT", "CCONJ", "DET", "SYM")
TARGET_PREPOSITIONS = ("at", "to", "on", "by", "from", "around")  # 'put X at 15%', 'rose to 46%'


# ---------------------------------------------------------------- what is counted


def counted(token: Token, skip: set[int], count: bool, cues: Cues) -> tuple[str | None, str | None]:
    """The phrase a figure counts and, for a plain count, the counted noun as its unit.

    ``token`` carries the number's role in the parse, ``skip`` holds the figure's
    own tokens and ``count`` says the figure has no unit of its own.
    """
    objects = _of_object(token.doc, skip)
    if objects:
        return _phrase(_unwrap(objects[0], cues), skip), None
    if count and token.dep_ == "nummod":
        noun = _hyphen_head(token.head)
        unit = noun.lower_ if noun.pos_ == "NOUN" and noun.i not in skip else None
        return _phrase(noun, skip), unit
    return _frame(token, skip, cues), None


def _of_object(doc: Any, skip: set[int]) -> list[Token]:
    """The object of an 'of' that ends or follows the figure ('90 percent of goods')."""
    last = max(skip)
    for i in (last, last + 1):
        if i < len(doc) and doc[i].lower_ == "of" and doc[i].head.i in skip | {i}:
            return [c for c in doc[i].children if c.dep_ == "pobj"]
    return []


def _hyphen_head(word: Token) -> Token:
    """'member' in 'the 55-member bloc' -> 'bloc'."""
    doc = word.doc
    while word.i > 0 and doc[word.i - 1].text == "-" and word.head.i != word.i:
        word = word.head
    return word


def _unwrap(noun: Token, cues: Cues) -> Token:
    """'its estimate of the number of soldiers' -> 'soldiers'."""
    for _ in range(3):
        if noun.lemma_.lower() not in cues["container_nouns"]:
            break
        of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        objects = [c for c in of.children if c.dep_ == "pobj"] if of is not None else []
        if not objects:
            break
        noun = objects[0]
    return noun


def _frame(token: Token, skip: set[int], cues: Cues) -> str | None:
    """A figure with no counted noun: read its clause ('raised its rate to 46%' -> 'its rate')."""
    root = _span_root(token, skip)
    below = root
    for word in root.ancestors:
        through_target = below.pos_ == "ADP" and below.lower_ in TARGET_PREPOSITIONS
        below = word
        if word.pos_ in ("NOUN", "PROPN") and word.i not in skip and not through_target:
            return _phrase(_unwrap(word, cues), skip)
        if word.pos_ in CLAUSE_VERBS and word.dep_ in MODIFIER_CLAUSES:
            continue
        if word.pos_ in (*CLAUSE_VERBS, "ADJ"):
            direct = root.dep_ in ("dobj", "attr", "npadvmod", "dative", "nsubj")
            order = ("nsubj", "nsubjpass") if direct else ("dobj", "nsubjpass", "nsubj")
            for dep in order:
                child = next((c for c in word.children if c.dep_ == dep), None)
                if child is not None and child.i not in skip and child.pos_ != "PRON":
                    return _phrase(_unwrap(child, cues), skip)
            return None
    return None


def _span_root(token: Token, skip: set[int]) -> Token:
    """The figure's token whose head lies outside it ('%' in '5 %', '$' in '$ 25 billion')."""
    root = token
    while root.head.i in skip and root.head.i != root.i:
        root = root.head
    return root


def _phrase(noun: Token, skip: set[int]) -> str:
    """The noun with its modifiers and a short following phrase, up to the figure."""
    mods = [t.left_edge.i for t in noun.lefts if t.dep_ in ("amod", "compound", "nmod", "poss")]
    start = min([noun.i, *mods])
    start = max([start, *(i + 1 for i in skip if i < noun.i)])
    end = noun.i
    right = next((c for c in noun.rights if c.dep_ in ("prep", "acl", "relcl")), None)
    if right is not None:
        limit = min([i for i in skip if i > noun.i] or [len(noun.doc)])
        tokens = [t for t in right.subtree if t.i < limit]
        while tokens and tokens[-1].pos_ in TRAILING and tokens[-1].text not in (")", "]"):
            tokens.pop()
        if tokens and len(tokens) <= 8:
            end = tokens[-1].i
    text: str = noun.doc[start : end + 1].text
    if text.count("(") > text.count(")"):
        text = text[: text.rindex("(")]
    return text.strip(" ,;:-\"'“”")


# ---------------------------------------------------------------- the change


def change_verb(token: Token, skip: set[int], cues: Cues) -> str | None:
    """The change verb that governs a figure, with its hedge ('more than tripled')."""
    root = _span_root(token, skip)
    for verb in root.ancestors:
        if verb.lemma_.lower() in cues["change_verbs"]:
            hedges = [c.i for c in verb.lefts if c.dep_ == "advmod" and c.i >= verb.i - 3]
            phrase: str = verb.doc[min([verb.i, *hedges]) : verb.i + 1].text
            if root.head.lower_ == "by" and root.head.head.i == verb.i:
                phrase += " by"
            return phrase
        if verb.pos_ in CLAUSE_VERBS and verb.dep_ not in MODIFIER_CLAUSES:
            return None
    return None


# ---------------------------------------------------------------- the source


def source(context: FactContext, sentence: Sentence, token: Token, cues: Cues) -> str | None:
    """Who states the figure: 'according to X', the one who reports it, the speaker of the
    quote that holds it, or the subject of its clause."""
    according = _quote_speaker(context, token, "according to") or _according_to(context, sentence)
    if according:
        return according
    reporter = (
        _quote_verb(sentence, token, cues)
        or _reporting_verb(token, cues)
        or _colon_reporter(token, cues)
    )
    found = _subject_actor(context, reporter) if reporter is not None else None
    if found:
        return found
    quoted = _quote_speaker(context, token)
    if quoted:
        return quoted
    for verb in _verbs(token):  # a relative clause's own subject too: 'X, whose party won 28%'
        found = _subject_actor(context, verb)
        if found:  # else the verb above: 'X committed to buying 12 tons', 'X expects Y to reach 3%'
            return found
    return None


def _colon_reporter(token: Token, cues: Cues) -> Token | None:
    """'X reported on Sunday ...: A won 14 seats, B 12': the reporting verb before a colon
    that the figure follows."""
    sent = token.sent
    colons = [t for t in sent if t.text == ":" and t.i < token.i]
    if not colons:
        return None
    before = sent.doc[sent.start : colons[-1].i]
    return next((v for v in before if _reports(v, cues) and _subject_of(v) is not None), None)


def _subject_actor(context: FactContext, verb: Token) -> str | None:
    subject = _subject_of(verb)
    if subject is None:
        return None
    return context.id_of(resolve_speaker(context, subject)) or _actor_in(context, subject)


def _according_to(context: FactContext, sentence: Sentence) -> str | None:
    found = re.search(r"\baccording to\b", sentence.text, re.IGNORECASE)
    if not found:
        return None
    start = sentence.start + found.end()
    doc = context.doc.spacy_doc
    word = doc.char_span(sentence.start + found.start(), start, alignment_mode="expand")
    source = according_source(word[0]) if word is not None else None
    named = resolve_speaker(context, source) if source is not None else None
    if named is not None:
        return context.id_of(named)
    mentions = context.mentions_in(start, min(sentence.end, start + 50))
    return context.id_of(mentions[0][2]) if mentions else None


def _quote_speaker(context: FactContext, token: Token, cue: str | None = None) -> str | None:
    """The speaker of the quote whose words hold the figure ('..., the UN says'), of one
    whose cue is ``cue`` where given."""
    text = context.doc.text
    for quote in context.quotes:
        if cue is not None and str(quote["cue"]).lower() != cue:
            continue
        start = text.find(quote["text"], quote["evidence_start"], quote["evidence_end"])
        if quote["speaker"] and start <= token.idx < start + len(quote["text"]):
            return str(quote["speaker"])
    return None


def _verbs(token: Token) -> list[Token]:
    """The verbs above a token, nearest first, ending with the sentence's root."""
    verbs = [a for a in token.ancestors if a.pos_ in CLAUSE_VERBS]
    root = token.sent.root
    return verbs if root in verbs else [*verbs, root]


def _reports(verb: Token, cues: Cues) -> bool:
    if verb.lemma_.lower() in cues["attribution_verbs"]:
        return True
    return any(c.dep_ == "dobj" and c.lemma_.lower() in cues["report_nouns"] for c in verb.children)


def _reporting_verb(token: Token, cues: Cues) -> Token | None:
    return next(
        (v for v in _verbs(token) if _reports(v, cues) and _subject_of(v) is not None), None
    )


def _quote_verb(sentence: Sentence, token: Token, cues: Cues) -> Token | None:
    """For a figure inside quotation marks: the speech verb outside them."""
    at = token.idx - sentence.start
    for quoted in re.finditer(r"[\"“][^\"”]+(?:[\"”]|$)", sentence.text):  # may run on
        if quoted.start() < at < quoted.end():
            inside = range(sentence.start + quoted.start(), sentence.start + quoted.end())
            words = token.doc[sentence.token_start : sentence.token_end]
            return next(
                (
                    t
                    for t in words
                    if t.idx not in inside and _reports(t, cues) and _subject_of(t) is not None
                ),
                None,
            )
    return None


def _subject_of(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "nsubj":
            return child
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    if verb.dep_ in ("conj", "xcomp") and verb.head.i != verb.i:
        return _subject_of(verb.head)
    return None


def _actor_in(context: FactContext, subject: Token) -> str | None:
    """The actor named closest to the head of a subject ('the IAEA's report' -> IAEA)."""
    tokens = list(subject.subtree)
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    best: tuple[int, int, str] | None = None
    for m_start, m_end, actor in context.mentions_in(start, end):
        depth = min(
            (_depth(t, subject) for t in tokens if t.idx < m_end and m_start < t.idx + len(t)),
            default=99,
        )
        key = (depth, m_start - m_end, context.id_of(actor) or "")
        if best is None or key < best:
            best = key
    return best[2] if best else None


def _depth(token: Token, root: Token) -> int:
    depth = 0
    while token.i != root.i and token.head.i != token.i:
        token, depth = token.head, depth + 1
    return depth
