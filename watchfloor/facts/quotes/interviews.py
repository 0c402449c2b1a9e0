"""Interview answers: a paragraph that opens with its speaker's name as a label.

Interviews printed as questions and answers mark each turn with the speaker's
name, with no quotation marks and no speech verb: "((Anna Berg)) We saw it on
Monday." or "Anna Berg: We saw it on Monday." The rest of such a paragraph is
what that person says, when the label is exactly the name of a person the
document knows.
"""

from __future__ import annotations

import re

from watchfloor.facts.context import Fact, FactContext

# A turn label: "((Name))" or "Name:" opening a paragraph, then the answer.
LABEL = re.compile(
    r"^(?:\(\((?P<marked>[^()\n]{2,60})\)\)|(?P<plain>[A-Z][^:\n]{1,60}):)[ \t]*"
    r"(?P<answer>\S[^\n]*)$",
    re.MULTILINE,
)
MIN_WORDS = 3


def interview_answers(context: FactContext) -> list[Fact]:
    """One direct quote per labelled answer paragraph."""
    text = context.doc.text
    facts: list[Fact] = []
    for match in LABEL.finditer(text):
        group = "marked" if match.group("marked") else "plain"
        start, end = match.span(group)
        actor = context.actor_at(start, end)
        if actor is None or actor.type != "PERSON" or not _names_all(context, start, end):
            continue
        answer = match.group("answer").strip()
        if len(answer.split()) < MIN_WORDS:
            continue
        facts.append(
            {
                "speaker": context.id_of(actor),
                "kind": "direct",
                "text": answer,
                "cue": None,
                "evidence": match.group(0),
                "evidence_start": match.start(),
                "evidence_end": match.end(),
                "text_start": match.start("answer"),
            }
        )
    return facts


def _names_all(context: FactContext, start: int, end: int) -> bool:
    """The label is one mention of the actor, not a sentence that begins with a name."""
    mentions = context.mentions_in(start, end)
    label = context.doc.text[start:end].strip()
    return any(context.doc.text[m[0] : m[1]].strip() == label for m in mentions)
