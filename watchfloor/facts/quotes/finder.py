"""Quotes finder: direct quotations and reported speech, with their speakers.

A quote hangs from a speech cue (lexicon in ``data/facts/speech.toml``): a
speech verb whose reported clause it is or from which a quotation hangs
("X said that ...", '"...," says X', "X called it 'reckless'"), an
"according to X" phrase, or a colon closing a clause whose subject speaks
('X responded: "..."'). A quotation with no cue of its own that opens right
after an attributed one continues it. Quotation marks that hang from no cue
(scare quotes, titles, names) are not quotes. One cue gives one quote: its
reported clause (partial quotations inside stay in it) or, when the quotation
lies outside the clause, the quotation itself.
"""

from __future__ import annotations

from typing import Any

from watchfloor.actors.types import DocActor
from watchfloor.facts.context import Fact, FactContext
from watchfloor.facts.quotes.blocks import block_quotes
from watchfloor.facts.quotes.interviews import interview_answers
from watchfloor.facts.quotes.marks import (
    EDGE_CHARS,
    OPENING,
    Span,
    Token,
    quotation_spans,
    token_end,
    token_inside,
    tokens_inside,
)
from watchfloor.facts.quotes.speakers import has_speaker, speaker_of
from watchfloor.facts.quotes.speech import (
    Cue,
    SpeechLexicon,
    find_cues,
    is_complement,
    load_lexicon,
)

__all__ = ["find_quotes", "quotation_spans"]

# Dependencies by which a quotation or clause may hang from its cue.
COMPLEMENT_DEPS = frozenset(
    {"ccomp", "xcomp", "dobj", "oprd", "attr", "acomp", "dative", "parataxis", "npadvmod"}
)
MAX_WALK = 6
# Prepositions giving the words praised, thanked, blamed or accused: 'praised X for "..."'.
REASON_PREPS = frozenset({"for", "over", "on", "of"})
TRAILING_PHRASE = 3  # words of a phrase after a quotation ending its sentence: 'on Twitter'
CALLING = frozenset({"call", "dub", "label", "term", "brand"})  # 'X called Y "Z"'


# ---------------------------------------------------------------- facts


def find_quotes(context: FactContext) -> list[Fact]:
    """The quotes of the document: one per speech cue, plus quotations that continue one."""
    return [dict(quote) for quote in context.quotes]


def quotes_of(context: FactContext) -> list[Fact]:
    """The quotes of the document, found afresh (:attr:`FactContext.quotes` keeps them)."""
    doc = context.doc.spacy_doc
    if doc is None:
        return []
    lexicon = load_lexicon()
    quotes = quotation_spans(context.doc.text)
    cues = find_cues(context.doc.token_table, quotes, lexicon)
    follow: list[tuple[Span, Cue]] = []
    previous: tuple[Cue, int] | None = None
    for quote in quotes:
        cue = _attach(doc, quote, cues, lexicon)
        if cue is not None:
            cue.quotes.append(quote)
        elif previous is not None and _continues(context, previous[1], quote):
            cue = previous[0]
            follow.append((quote, cue))
        previous = (cue, quote[1]) if cue is not None else None
    facts = _cue_facts(context, cues, quotes, lexicon)
    facts += interview_answers(context) + block_quotes(context)
    for quote, cue in follow:
        actor, _ = speaker_of(context, cue, quotes)
        facts.append(_fact(context, actor, cue.words, True, quote, quote[0]))
    return _unique(sorted(facts, key=lambda f: (f["evidence_start"], f["text_start"])))


def _cue_facts(
    context: FactContext, cues: dict[int, Cue], quotes: list[Span], lexicon: SpeechLexicon
) -> list[Fact]:
    facts = []
    for cue in sorted(cues.values(), key=lambda c: c.token.i):
        facts += _cue_fact(context, cue, quotes, lexicon)
    return facts


def _cue_fact(
    context: FactContext, cue: Cue, quotes: list[Span], lexicon: SpeechLexicon
) -> list[Fact]:
    """The quotes one cue gives: its reported clause, or the quotation(s) hanging from it;
    coordinated statements ('said A and that B', 'said "A" and "B"') one each."""
    actor, subject = speaker_of(context, cue, quotes)
    if _unsaid(cue.token, subject, lexicon):
        return []
    content = cue.content
    parts = _quoted_parts(cue.parts, quotes)
    if (
        cue.quotes
        and (content is None or _quoted_whole(content, cue.quotes, context.doc.text))
        and not parts
    ):
        spans = _joined_quotations(context.doc.text, cue.quotes)
    elif content is not None and (cue.quotes or _reports(cue, lexicon)):
        spans = parts or [content]
    else:
        return []
    facts = []
    for span in spans:
        direct = any(_within(q, span) for q in quotes)
        if direct or has_speaker(subject, actor, lexicon):
            facts.append(_fact(context, actor, cue.words, direct, span, cue.token.idx))
    return facts


def _quoted_parts(parts: list[Span], quotes: list[Span]) -> list[Span]:
    """Coordinated statements are quotes of their own where a later one quotes words
    ('said A and that B would "C"'); plain reported clauses stay one quote."""
    later = parts[1:]
    return parts if any(_within(q, p) for p in later for q in quotes) else []


JOINING_WORDS = frozenset({"and", "but", "that", "also"})


def _joined_quotations(text: str, quotations: list[Span]) -> list[Span]:
    """The quotations of one cue as one span, or one span each where only a conjunction
    stands between them ('said "A" and "B"': two statements)."""
    spans = [quotations[0]]
    for quote in quotations[1:]:
        between = text[spans[-1][1] : quote[0]].strip(EDGE_CHARS + ".").lower().split()
        if between and set(between) <= JOINING_WORDS:
            spans.append(quote)
        else:
            spans[-1] = (spans[-1][0], quote[1])
    return spans


def _unsaid(verb: Token, subject: Token | None, lexicon: SpeechLexicon) -> bool:
    """Speech that did not happen: 'did not say', 'has yet to say', 'refused to comment',
    'no party has said'."""
    if any(c.dep_ == "neg" or (c.lower_ == "yet" and c.dep_ == "advmod") for c in verb.children):
        return True
    if verb.dep_ == "xcomp" and (
        verb.head.lemma_.lower() in lexicon.unsaid_heads
        or any(c.lower_ == "yet" for c in verb.head.children)
    ):
        return True
    return subject is not None and any(c.lower_ == "no" for c in subject.children)


def _reports(cue: Cue, lexicon: SpeechLexicon) -> bool:
    """Whether the cue reports its content even with no quotation in it."""
    if cue.key in lexicon.clause_verbs | lexicon.object_verbs | {"according to", ":"}:
        return True
    return any(is_complement(c) for c in cue.token.children)


def _quoted_whole(content: Span, quotes: list[Span], text: str) -> bool:
    """The quotations lie outside the clause, the clause is just the quotation, or a
    colon sets the quotation off from the words before it ('X was blunt: "..." she said')."""
    if not all(_within(q, content) for q in quotes):
        return True
    return abs(content[0] - quotes[0][0]) <= 1 or ":" in text[content[0] : quotes[0][0]]


def _within(inner: Span, outer: Span) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1] + 1


def _continues(context: FactContext, previous_end: int, quote: Span) -> bool:
    """A quotation opening the sentence right after an attributed one goes on with it."""
    doc = context.doc
    sentence = doc.sentence_at(quote[0] - 1) or doc.sentence_at(quote[0])
    before = doc.sentence_at(max(previous_end - 1, 0))
    if sentence is None or before is None or doc.text[sentence.start : quote[0]].strip(EDGE_CHARS):
        return False
    between = doc.text[before.end : sentence.start]
    return not any(char.isalpha() for char in between)


def _fact(
    context: FactContext, actor: DocActor | None, cue: str | None, direct: bool, span: Span, at: int
) -> Fact:
    text = context.doc.text
    start, end = _trimmed(text, span)
    first = context.doc.sentence_at(min(start, at)) or context.doc.sentence_at(start)
    last = context.doc.sentence_at(max(end, at) - 1) or first
    if last is not None and text[end : end + 1] in '"”’' and end < len(text):
        last = context.doc.sentence_at(end) or last
    lo = first.start if first else start
    hi = max(last.end if last else end, lo)
    return {
        "speaker": context.id_of(actor),
        "kind": "direct" if direct else "indirect",
        "text": text[start:end],
        "cue": cue,
        "evidence": text[lo:hi],
        "evidence_start": lo,
        "evidence_end": hi,
        "text_start": start,
    }


def _trimmed(text: str, span: Span) -> Span:
    start, end = span
    while start < end and text[start] in EDGE_CHARS:
        start += 1
    while end > start and text[end - 1] in EDGE_CHARS:
        end -= 1
    return start, end


def _unique(facts: list[Fact]) -> list[Fact]:
    """Each quote once; a one-word quotation inside another quote's words (a scare quote:
    'the army would respond "decisively"') is part of that quote, not one of its own."""
    spans = [(f["text_start"], f["text_start"] + len(f["text"])) for f in facts]
    seen: set[tuple[int, str]] = set()
    out = []
    for fact in facts:
        start = fact.pop("text_start")
        key = (start, fact["text"])
        if not fact["text"] or key in seen or _scare_quote(fact["text"], start, spans):
            continue
        seen.add(key)
        out.append(fact)
    return out


def _scare_quote(text: str, start: int, spans: list[Span]) -> bool:
    end = start + len(text)
    return len(text.split()) == 1 and any(
        lo <= start and end <= hi and hi - lo > end - start for lo, hi in spans
    )


# ---------------------------------------------------------------- attaching quotations


def _attach(doc: Any, quote: Span, cues: dict[int, Cue], lexicon: SpeechLexicon) -> Cue | None:
    """The cue a quotation hangs from: by the parse, by position, or after a colon."""
    inside = tokens_inside(doc, quote)
    for root in (t for t in inside if t.head.i == t.i or not token_inside(t.head, quote)):
        cue = _walk_up(root, quote, cues)
        if cue is not None:
            return cue
    return (
        _adjacent(doc, inside, quote, cues)
        or _after_colon(doc, inside, cues, lexicon)
        or _verb_before(doc, inside, cues)
    )


def _walk_up(token: Token, quote: Span, cues: dict[int, Cue]) -> Cue | None:
    child = token
    for _ in range(MAX_WALK):
        head = child.head
        if head.i == child.i:
            return None
        cue = cues.get(head.i)
        if cue is not None and not token_inside(head, quote):
            introduced = token_inside(child, quote) and _introduced(head, quote)
            return cue if introduced or _linked(child, cue) else None
        child = head
    return None


def _introduced(verb: Token, quote: Span) -> bool:
    """'X said on Twitter, "...": a quotation opening after the comma or colon that closes
    the speech verb's own clause is what the verb says, however the parse hung it."""
    if verb.idx >= quote[0]:
        return False
    doc = verb.doc
    mark = next((t for t in doc[verb.i + 1 :] if token_end(t) > quote[0]), None)
    mark = doc[mark.i - 1] if mark is not None else None
    while mark is not None and mark.i > verb.i and (mark.text in OPENING or mark.is_space):
        mark = doc[mark.i - 1]
    return mark is not None and mark.text in (",", ":") and mark.head.i == verb.i


def _linked(child: Token, cue: Cue) -> bool:
    """Whether a quotation reached through ``child`` is what ``cue`` says."""
    if child.dep_ in COMPLEMENT_DEPS or cue.key == "according to":
        return True
    if (
        child.dep_ == "prep"
        and cue.key in CALLING
        and any(c.dep_ == "dobj" for c in cue.token.children)
    ):
        return True  # 'calling the inquiry into X "a sham"': the complement parsed into the phrase
    if child.dep_ == "prep" and child.lower_ in REASON_PREPS:
        lexicon = load_lexicon()  # 'thanked X for his "..."', 'accused X of "..."'
        return cue.key in lexicon.quote_only_verbs | lexicon.object_verbs
    return bool(child.dep_ == "prep" and (child.lower_ == "as" or cue.key.endswith(child.lower_)))


def _adjacent(doc: Any, inside: list[Token], quote: Span, cues: dict[int, Cue]) -> Cue | None:
    """A cue right after the closing mark ('"...," he said') or right before the opening one."""
    if not inside:
        return None
    first, last = inside[0], inside[-1]
    for token in doc[last.i + 1 : min(last.i + 7, len(doc))]:
        verb = token.pos_ in ("VERB", "AUX")
        other = token.sent.start != last.sent.start and not _tag_sentence(token, last)
        if other or (verb and token.i not in cues):
            break
        if token.i in cues:
            return cues[token.i] if _names_speaker(doc, last, cues[token.i]) else None
    for token in reversed(doc[max(first.i - 4, 0) : first.i]):
        if token.i in cues and token.sent.start == first.sent.start:
            return cues[token.i]
        if not token.is_punct and not token.is_space:
            break
    return None


def _names_speaker(doc: Any, last: Token, cue: Cue) -> bool:
    """Between a quotation and a cue after it stand only marks and the cue's subject
    ('"...," the minister said'), not the rest of the quotation's own clause ('was in a
    "serious" condition; TVN24 reported')."""
    between = [t for t in doc[last.i + 1 : cue.token.i] if not (t.is_punct or t.is_space)]
    subject = {
        t.i for c in cue.token.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree
    }
    return all(t.i in subject for t in between)


TAG_LENGTH = 6  # '"..." Pelosi said.': the most words of a sentence that only says who spoke


def _tag_sentence(token: Token, last: Token) -> bool:
    """'"... a trial." Pelosi said.': a short sentence right after the quotation's own,
    which only names who said it."""
    sent = token.sent
    return bool(sent.start <= last.i + 3 and len(sent) <= TAG_LENGTH)


def _after_colon(
    doc: Any, inside: list[Token], cues: dict[int, Cue], lexicon: SpeechLexicon
) -> Cue | None:
    """'X responded via Twitter: "..."': the clause's verb is the cue."""
    if not inside or inside[0].i < 2:
        return None
    before = doc[inside[0].i - 1]
    if before.text in OPENING:
        before = doc[before.i - 1]
    if before.text != ":":
        return None
    verb = before.sent.root if before.head.pos_ != "VERB" else before.head
    if verb.pos_ != "VERB" or verb.idx > before.idx:
        return None
    if verb.i not in cues:
        cues[verb.i] = Cue(verb, verb.text, ":")
    return cues[verb.i]


def _verb_before(doc: Any, inside: list[Token], cues: dict[int, Cue]) -> Cue | None:
    """'She told the guard at the door, in French, "they hit me."'; 'X told the paper after
    the vote "We won."': a quoted clause (it has a subject) that ends its sentence is what
    the nearest verb before it says, when that verb reports speech, however the parse hung
    the two."""
    if not inside or not any(t.dep_ in ("nsubj", "nsubjpass") for t in inside):
        return None
    first, last = inside[0], inside[-1]
    after = [t for t in doc[last.i + 1 : last.sent.end] if not (t.is_punct or t.is_space)]
    if after and (len(after) > TRAILING_PHRASE or after[0].pos_ != "ADP"):
        return None  # the sentence ends with the quotation, or with 'on Twitter'
    for token in reversed(doc[first.sent.start : first.i]):
        if any(c.tag_ in ("WDT", "WP") and c.dep_ != "nsubj" for c in token.children):
            continue  # 'X commented on it, which the paper noted as rare, "..."'
        if token.pos_ == "VERB" or (token.pos_ == "AUX" and token.dep_ not in ("aux", "auxpass")):
            return cues.get(token.i)
    return None
