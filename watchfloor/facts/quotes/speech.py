"""Speech cues: what the quotes finder hangs quotes from.

The speech lexicon (``data/facts/speech.toml``) lists the verbs that report
speech, the nouns that name speakers and the heads that deny speech. A cue is a
speech verb ("said", "pointed out") or an "according to" phrase, with the
clause or object it reports (quotation marks: :mod:`.marks`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import Any

from watchfloor.datafiles import read_toml
from watchfloor.facts.quotes.asides import aside_content, inverted_content
from watchfloor.facts.quotes.marks import (
    CLOSING,
    EDGE_CHARS,
    Span,
    Token,
    token_end,
    tokens_inside,
)
from watchfloor.facts.quotes.nonspeech import not_speech
from watchfloor.facts.quotes.repairs import (
    for_to_mark,
    object_and_verb,
    object_read_as_clause,
    that_clause,
)
from watchfloor.nlp.tokens import TokenTable
from watchfloor.nlp.types import doc_text

OBJECT_DEPS = frozenset({"dobj", "oprd", "dative", "attr", "acomp", "xcomp", "ccomp"})
PHRASAL_DEPS = frozenset({"dobj", "xcomp", "ccomp", "oprd", "advcl", "pobj"})
SPEECH_POS = ("VERB", "AUX")
# Verbs whose 'X as Y' says what the speaker holds X to be ('hailed the deal as ...'),
# unlike a designation ('listed X as a terrorist group') or a phrase on the object.
AS_VERBS = frozenset(
    {"describe", "hail", "cite", "characterise", "characterize", "dismiss", "portray", "refer"}
)


@dataclass(frozen=True)
class SpeechLexicon:
    clause_verbs: frozenset[str]
    object_verbs: frozenset[str]
    quote_only_verbs: frozenset[str]
    speaker_nouns: frozenset[str]
    person_nouns: frozenset[str]
    document_nouns: frozenset[str]
    state_nouns: frozenset[str]
    pronouns: dict[str, frozenset[str]]
    unsaid_heads: frozenset[str]

    @cached_property
    def all_verbs(self) -> frozenset[str]:
        return self.clause_verbs | self.object_verbs | self.quote_only_verbs

    @cached_property
    def verb_starts(self) -> frozenset[str]:
        """Every lemma a speech verb can start with: a verb of the lexicon, or the words
        before a space in a phrasal one ("point" and "point out" of "point out")."""
        return frozenset(
            verb[:end]
            for verb in self.all_verbs
            for end in [len(verb), *(n for n, char in enumerate(verb) if char == " ")]
        )


@cache
def load_lexicon() -> SpeechLexicon:
    data = read_toml("facts", "speech.toml")
    return SpeechLexicon(
        clause_verbs=frozenset(data["clause_verbs"]),
        object_verbs=frozenset(data["object_verbs"]),
        quote_only_verbs=frozenset(data["quote_only_verbs"]),
        speaker_nouns=frozenset(data["speaker_nouns"]),
        person_nouns=frozenset(data["person_nouns"]),
        document_nouns=frozenset(data["document_nouns"]),
        state_nouns=frozenset(data["state_nouns"]),
        pronouns={k: frozenset(v) for k, v in data["pronouns"].items()},
        unsaid_heads=frozenset(data["unsaid_heads"]),
    )


@dataclass
class Cue:
    """One speech cue of the document and what hangs from it."""

    token: Token
    words: str  # the cue as written: "said", "pointed out", "according to"
    key: str  # the lexicon key: "say", "point out", "according to", ":"
    content: Span | None = None
    quotes: list[Span] = field(default_factory=list)
    parts: list[Span] = field(default_factory=list)  # coordinated statements of the content


# ---------------------------------------------------------------- cues


def _verb_key(token: Token, lexicon: SpeechLexicon) -> tuple[str, str] | None:
    """(lexicon key, words as written) of a speech verb, phrasal ones first."""
    if token.pos_ not in SPEECH_POS or token.dep_ == "auxpass":
        return None
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children)
    if passive and agent_of(token) is None:
        return None  # 'was told', but 'was described as "X" by the police' has a speaker
    if token.dep_ in ("acl", "amod") and token.tag_ == "VBN" and not after_quotation(token):
        return None  # "a group called ...", "the claims made"
    lemma = token.lemma_.lower()
    for child in token.children:
        if child.dep_ in ("prt", "prep") and child.i > token.i:
            phrase = f"{lemma} {child.lower_}"
            if phrase in lexicon.all_verbs:
                return phrase, f"{token.text} {child.text}"
        if (mark := for_to_mark(token, child)) is not None and f"{lemma} for" in lexicon.all_verbs:
            return f"{lemma} for", f"{token.text} {mark.text}"  # 'called for X to be ...'
    return (lemma, token.text) if lemma in lexicon.all_verbs else None


def agent_of(verb: Token) -> Token | None:
    """Who the passive verb's 'by' phrase names: 'described as "X" by the police'."""
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None


def after_quotation(token: Token) -> bool:
    """Whether the token comes right after a closing quotation mark ('"...," said X',
    '"..." tweeted X'): a speech verb there reports the quotation whatever the parse."""
    before = token.doc[token.i - 1] if token.i > 0 else None
    if before is not None and before.text == ",":
        before = token.doc[before.i - 1] if before.i > 0 else None
    return before is not None and before.text in CLOSING


def is_speech(token: Token) -> bool:
    """Whether the token is a speech verb of the lexicon."""
    return _verb_key(token, load_lexicon()) is not None


def according_source(token: Token) -> Token | None:
    """The source of "according to X", or None."""
    if token.lower_ != "according":
        return None
    for child in token.children:
        if child.lower_ == "to":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def find_cues(table: TokenTable, quotes: list[Span], lexicon: SpeechLexicon) -> dict[int, Cue]:
    """Every speech cue outside the quotations, by token index, with its reported content."""
    doc = table.doc
    cues: dict[int, Cue] = {}
    quoted = {t.i for q in quotes for t in tokens_inside(doc, q)}
    lower, pos, lemma = table.lower, table.pos, table.lemma_lower
    for i in range(len(table)):
        if i in quoted:
            continue
        if lower[i] != "according" and (
            pos[i] not in SPEECH_POS or lemma[i] not in lexicon.verb_starts
        ):
            continue  # neither "according to" nor a speech verb (see _verb_key)
        token = doc[i]
        if according_source(token) is not None:
            head = next(c for c in token.children if c.lower_ == "to")
            cues[token.i] = Cue(token, f"{token.text} {head.text}", "according to")
            cues[token.i].content = _according_content(doc, token)
            continue
        found = _verb_key(token, lexicon)
        if found and not not_speech(token, found[0]):
            key, words = found
            cues[token.i] = Cue(token, words, key, _verb_content(token, key, lexicon))
            cues[token.i].parts = _clause_parts(token, cues[token.i].content)
    return cues


def _verb_content(verb: Token, key: str, lexicon: SpeechLexicon) -> Span | None:
    """The reported clause of a speech verb, or its reported object where it takes one."""
    kids = list(verb.children)
    right = [c for c in kids if c.i > verb.i]
    clauses = [c for c in right if c.dep_ == "ccomp"] or [
        c for c in kids if c.dep_ == "ccomp" and key in lexicon.clause_verbs and _fronted(c, verb)
    ]
    clauses = clauses or _stranded_that_clause(right) or object_read_as_clause(right)
    if clauses:
        span = _clause_span(verb, clauses[0], right)
        if clauses[-1].i < verb.i:  # 'A, but B, he noted': both fronted clauses
            span = (span[0], _clause_span(verb, clauses[-1], right)[1])
        return span
    if key in lexicon.clause_verbs and (flipped := inverted_content(verb)) is not None:
        return flipped
    if key in lexicon.clause_verbs and (split := object_and_verb(right)) is not None:
        return split
    if " " in key:
        words = [c for c in right if c.dep_ in ("prt", "prep")][:1]
        inner = [c for w in words for c in w.children if c.dep_ != "punct"]
        found = _span_of(inner + [c for c in right if c.dep_ in PHRASAL_DEPS])
        return found or (aside_content(verb) if key in lexicon.clause_verbs else None)
    if any(c.dep_ == "xcomp" for c in right) and key not in lexicon.quote_only_verbs:
        return _span_of([c for c in right if c.dep_ in ("dobj", "dative", "xcomp")])
    objects = [c for c in right if c.dep_ in OBJECT_DEPS]
    if key in lexicon.object_verbs and objects and objects[0].pos_ != "PRON":
        return _span_of(objects + [c for c in right if c.dep_ == "prep"][:1])
    if key in lexicon.quote_only_verbs and any(is_complement(c) for c in right):
        return _span_of(objects + [c for c in right if c.dep_ == "prep" and c.lower_ == "as"])
    if key in lexicon.clause_verbs and not objects:
        return aside_content(verb)
    return None


def _clause_parts(verb: Token, content: Span | None) -> list[Span]:
    """'said A and that B': the reported clause's coordinated statements, one span each
    (a coordinated clause with its own subject or 'that'); none where there is one."""
    clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i), None)
    if clause is None or content is None:
        return []
    joined = [
        c
        for c in clause.children
        if c.dep_ == "conj"
        and c.i > clause.i
        and c.pos_ in SPEECH_POS
        and any(k.dep_ in ("nsubj", "nsubjpass", "mark") for k in c.children)
    ]
    if not joined:
        return []
    starts = [content[0]] + [_part_start(c) for c in joined]
    ends = [_part_end(c.left_edge.doc, c.left_edge.i) for c in joined] + [content[1]]
    return [(a, b) for a, b in zip(starts, ends, strict=True) if b > a]


def _part_start(clause: Token) -> int:
    """Where a coordinated clause's words begin, past its 'and'/'that'/commas."""
    token = clause.left_edge
    while token.i < clause.i and (token.dep_ in ("cc", "mark", "punct") or token.is_space):
        token = token.doc[token.i + 1]
    return int(token.idx)


def _part_end(doc: Any, stop: int) -> int:
    """Where the clause before token ``stop`` ends, without the 'and' and commas between."""
    token = doc[stop - 1]
    while token.i > 0 and (token.dep_ in ("cc", "punct") or token.is_space):
        token = doc[token.i - 1]
    return token_end(token)


def is_complement(child: Token) -> bool:
    """An object complement: "called the offer [unacceptable]", "hailed the deal [as a
    step forward]", "cited the audit [as the reason]"."""
    if child.dep_ == "oprd":
        return True
    return bool(
        child.dep_ == "prep"
        and child.lower_ == "as"
        and child.head.lemma_.lower() in AS_VERBS
        and any(c.dep_ == "dobj" for c in child.head.children)
        and any(c.dep_ in ("pobj", "pcomp") for c in child.children)
    )


def _stranded_that_clause(right: list[Token]) -> list[Token]:
    """A 'that' clause the parse hung under a clause between it and the verb: "said after the
    strike that Iraq had ..." (the parse reads 'strike' as the verb owning the clause)."""
    for child in right:
        if child.dep_ in ("npadvmod", "prep"):  # 'said the next day that it had ...',
            nouns = [child] if child.dep_ == "npadvmod" else list(child.children)
            found = [  # 'clarified in the hearing that ...' (read as relative clauses)
                c for n in nouns for c in n.children if c.dep_ == "relcl" and that_clause(c)
            ]
            if found:
                return found[:1]
        if child.dep_ != "advcl" or is_speech(child):
            continue
        for clause in child.children:
            marks = [m for m in clause.children if m.dep_ == "mark" and m.i < clause.i]
            if clause.dep_ == "ccomp" and marks and marks[0].lower_ == "that":
                return [clause]
    return []


def _fronted(clause: Token, verb: Token) -> bool:
    """A reported clause before its verb ('The talks failed, he said'; '"...," she said')
    ends in a comma or quotation mark, not a colon or semicolon ('X: in May it announced')."""
    doc = verb.doc
    between = doc[clause.right_edge.i : verb.i]
    marks = {t.text for t in between}
    return not marks & {":", ";"} and bool(marks & ({","} | CLOSING))


def _clause_span(verb: Token, clause: Token, right: list[Token]) -> Span:
    """The clause, with a subject the parse hung on the verb ('said [hundreds] ... escaped');
    not the one told ('told [reporters] the office would ...') of a clause with a subject."""
    tokens = _clause_tokens(clause)
    first = tokens[0]
    subject = any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in clause.children)
    if clause.i > verb.i and first.dep_ != "mark" and not subject:
        objects = [c for c in right if c.dep_ == "dobj" and c.right_edge.i < first.i]
        if objects and first.i - objects[-1].right_edge.i <= 2:
            tokens = list(objects[-1].subtree) + tokens
    return (tokens[0].idx, token_end(tokens[-1]))


def _clause_tokens(clause: Token) -> list[Token]:
    """The clause's words without its 'that', trailing 'and'/punctuation, or a coordinated
    or subordinate clause that reports someone else's speech ('X said A, and Y called B
    ...', 'X said A, while Y said B')."""
    cut = [
        c
        for c in clause.children
        if c.dep_ in ("conj", "advcl")
        and c.i > clause.i
        and any(k.dep_ == "nsubj" for k in c.children)
        and is_speech(c)
    ]
    stop = cut[0].left_edge.i if cut else clause.right_edge.i + 1
    tokens = [
        t
        for t in clause.subtree
        if t.i < stop and not (t.dep_ == "mark" and t.head.i == clause.i and t.i < clause.i)
    ]
    while len(tokens) > 1 and (tokens[-1].dep_ in ("cc", "punct") or tokens[-1].is_space):
        tokens.pop()
    return tokens or [clause]


def _according_content(doc: Any, according: Token) -> Span | None:
    """The clause "according to X" attributes, without that phrase: the words before it
    (from the last clause break) unless it opens its clause, else the words after it
    (to the next clause break: '..., and', '; ')."""
    sent = according.sent
    phrase = (according.left_edge.idx, token_end(according.right_edge))
    text = doc_text(doc)
    before = (_clause_start(text, sent.start_char, phrase[0]), phrase[0])
    after = (phrase[1], _clause_end(text, phrase[1], sent.end_char))
    parts = [p for p in (before, after) if text[p[0] : p[1]].strip(EDGE_CHARS + ".")]
    if not parts:
        return None
    if len(parts) == 2 and CLAUSE_BREAK.match(text, phrase[1]):
        return before
    head = according.head  # the verb the phrase modifies lies in the clause it attributes
    holding = [p for p in parts if head.pos_ in SPEECH_POS and p[0] <= head.idx < p[1]]
    if holding:
        return holding[0]
    return max(parts, key=lambda p: len(text[p[0] : p[1]].strip()))


# Where one clause of a sentence ends and the next begins: '; ', ', and ', ', but '.
CLAUSE_BREAK = re.compile(r"\s*(?:;|,\s+(?:and|but|while|whereas)\b)")


def _clause_start(text: str, start: int, end: int) -> int:
    breaks = list(CLAUSE_BREAK.finditer(text, start, end))
    return breaks[-1].end() if breaks else start


def _clause_end(text: str, start: int, end: int) -> int:
    found = CLAUSE_BREAK.search(text, start + 1, end)
    return found.start() if found else end


def _subtree_span(token: Token) -> Span:
    return (token.left_edge.idx, token_end(token.right_edge))


def _span_of(tokens: list[Token]) -> Span | None:
    if not tokens:
        return None
    spans = [_subtree_span(t) for t in tokens]
    return (min(s[0] for s in spans), max(s[1] for s in spans))
