"""Block quotations: paragraphs set off after a colon and signed with a dash line.

A long passage quoted from a ruling or a statement is often printed as
paragraphs of its own, with no quotation marks: a sentence ending in a colon
introduces them ("The judge rejected this argument:") and a line opening with a
dash names who wrote them ("- Judge Anna Berg, Decision and Order"). Each such
paragraph is a direct quote of the actor the dash line names.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from watchfloor.actors.types import DocActor
from watchfloor.facts.context import Fact, FactContext
from watchfloor.facts.quotes.marks import OPENING

SIGNATURE = re.compile(r"^\s*[\u2013\u2014-]\s*\S")  # "- Name, title"
MAX_BLOCK = 4  # paragraphs between the colon and the signature
Paragraph = tuple[int, int]


def block_quotes(context: FactContext) -> list[Fact]:
    """One direct quote per paragraph of each signed block quotation."""
    text = context.doc.text
    paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*", text)]
    facts: list[Fact] = []
    for block, signature in _blocks(text, paragraphs):
        actor = _signer(context, signature)
        if actor is None:
            continue
        facts += [_fact(context, actor, p) for p in block]
    return facts


def _blocks(text: str, paragraphs: list[Paragraph]) -> Iterator[tuple[list[Paragraph], Paragraph]]:
    """(block paragraphs, signature line) after each paragraph that ends in a colon."""
    for n, (start, end) in enumerate(paragraphs):
        if not text[start:end].rstrip().endswith(":"):
            continue
        block: list[Paragraph] = []
        for para in paragraphs[n + 1 : n + 2 + MAX_BLOCK]:
            line = text[para[0] : para[1]]
            if SIGNATURE.match(line):
                if block:
                    yield block, para
                break
            if line.lstrip()[:1] in OPENING:
                break  # a quotation with its own marks: the colon rule of the finder
            block.append(para)


def _signer(context: FactContext, signature: Paragraph) -> DocActor | None:
    """The actor the dash line names: a person first."""
    actors = [a for _, _, a in context.mentions_in(*signature)]
    people = [a for a in actors if a.type == "PERSON"]
    return people[0] if people else (actors[0] if actors else None)


def _fact(context: FactContext, actor: DocActor, para: Paragraph) -> Fact:
    start, end = para
    return {
        "speaker": context.id_of(actor),
        "kind": "direct",
        "text": context.doc.text[start:end].strip(),
        "cue": None,
        "evidence": context.doc.text[start:end],
        "evidence_start": start,
        "evidence_end": end,
        "text_start": start,
    }
