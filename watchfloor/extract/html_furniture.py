"""The furniture lexicon (``data/furniture.toml``) applied to the blocks of an HTML body.

trafilatura leaves out what a page's markup marks as furniture (``<nav>``,
``<aside>``, known class names), but on a page with no article container a
newsletter box (heading, pitch, button, legal line) or a "Trending" heading and
its teaser headlines inside ``<main>`` come through as body. The same cues that
clean plain text drop them here: a block the lexicon names as furniture goes,
after a promo heading so do the short, unpunctuated teaser lines up to the next
sentence, and so does a subheading over nothing but furniture (a box's heading).
"""

from __future__ import annotations

from watchfloor.extract.text import (
    BOUNDARY_PENALTY,
    count_words,
    furniture_penalty,
    is_paragraph,
    line_key,
    load_lexicon,
)
from watchfloor.models import BlockKind

Blocks = list[tuple[BlockKind, str]]

BOX_LINES = 2  # a subheading over this many furniture blocks heads a box of furniture
KEEP_AT_LEAST = 0.5  # a filter that would leave less than this share of the text is wrong


def drop_furniture(blocks: Blocks) -> Blocks:
    """The blocks without furniture lines and without the teasers of a promo heading."""
    penalties = _penalties(blocks)
    kept: Blocks = []
    teasers = False
    for i, (kind, text) in enumerate(blocks):
        if penalties[i]:
            teasers = teasers or penalties[i] >= BOUNDARY_PENALTY
            continue
        prose = is_paragraph(text, count_words(text))
        if (teasers and not prose) or _box_heading(kind, penalties[i + 1 : i + 1 + BOX_LINES]):
            continue
        teasers = teasers and not prose
        kept.append((kind, text))
    if _chars(kept) < KEEP_AT_LEAST * _chars(blocks):
        return blocks
    return kept


def _penalties(blocks: Blocks) -> list[int]:
    lexicon = load_lexicon()
    penalties = []
    for _kind, text in blocks:
        words = count_words(text)
        # a line longer than every whole-line phrase is none of them: skip making its key
        key = line_key(text) if words <= lexicon.longest_line else text
        penalties.append(furniture_penalty(text, key, words, lexicon))
    return penalties


def _box_heading(kind: BlockKind, following: list[int]) -> bool:
    """A subheading over nothing but furniture: the heading of a sign-up or share box."""
    return kind is BlockKind.SUBHEADING and len(following) == BOX_LINES and all(following)


def _chars(blocks: Blocks) -> int:
    return sum(len(text) for _kind, text in blocks)
