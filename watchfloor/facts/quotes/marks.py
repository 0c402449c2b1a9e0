"""Quotation marks and character spans: where the quotations of a text lie.

Quotation spans are the insides of paired quotation marks, line by line (a
paragraph is one line of the article text); tokens are placed by character offset.
"""

from __future__ import annotations

import re
from typing import Any

Token = Any  # a spaCy token
Span = tuple[int, int]  # character offsets in the article text

OPENING = {'"': '"”', "“": '”"', "‘": "’"}
CLOSING = frozenset({'"', "”", "’"})
# Every character that opens or closes a quotation: the rest of a line need not be read.
QUOTE_CHARS = "".join(sorted(set(OPENING).union(*OPENING.values())))
QUOTE_MARKS = re.compile(f"[{re.escape(QUOTE_CHARS)}]")
EDGE_CHARS = ' \n\t,;:"“”‘’'


def quotation_spans(text: str) -> list[Span]:
    """The inside of every quotation, paired within each line; an unclosed one runs to its end."""
    spans: list[Span] = []
    for line in re.finditer(r"[^\n]+", text):
        spans.extend(_line_quotations(line.group(), line.start()))
    return [s for s in spans if text[s[0] : s[1]].strip(EDGE_CHARS)]


def _line_quotations(line: str, offset: int) -> list[Span]:
    spans: list[Span] = []
    opened: int | None = None
    closers = ""
    for mark in QUOTE_MARKS.finditer(line):
        i, char = mark.start(), mark.group()
        if opened is None:
            if char in OPENING and (char != "‘" or i == 0 or not line[i - 1].isalnum()):
                opened, closers = i, OPENING[char]
        elif char in closers:
            if char == "’" and i + 1 < len(line) and line[i + 1].isalpha():
                continue  # an apostrophe inside a single-quoted phrase
            spans.append((offset + opened + 1, offset + i))
            opened = None
    if opened is not None:
        spans.append((offset + opened + 1, offset + len(line)))
    return spans


def token_inside(token: Token, span: Span) -> bool:
    """Whether the token lies wholly within the span."""
    return bool(span[0] <= token.idx and token.idx + len(token.text) <= span[1])


def tokens_inside(doc: Any, span: Span) -> list[Token]:
    """The tokens lying wholly within a character span, found without a scan of the doc."""
    window = doc.char_span(span[0], span[1], alignment_mode="expand")
    candidates = doc if window is None else window
    return [t for t in candidates if token_inside(t, span)]


def token_end(token: Token) -> int:
    """The character offset just past the token."""
    return int(token.idx + len(token.text))
