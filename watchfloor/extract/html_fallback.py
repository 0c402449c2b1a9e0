"""A last resort for pages where trafilatura finds too little.

:func:`paragraph_cluster` takes the parent element whose ``<p>`` children hold
the most text (outside navigation, footers, cookie banners, share bars and the
like) and returns its paragraphs and subheadings in order. It knows nothing of
the web's templates, which is its point: it catches short articles that
trafilatura's length thresholds throw away.
"""

from __future__ import annotations

import re
from collections import defaultdict

from lxml.html import HtmlElement

from watchfloor.models import BlockKind

Blocks = list[tuple[BlockKind, str]]

MIN_PARAGRAPH_CHARS = 25  # shorter <p>s ("Share", "Read more") don't vote for a parent
_SKIP_TAGS = frozenset({"nav", "footer", "header", "aside", "form", "menu", "script", "style"})
_SENTENCE_END = re.compile(r"[.!?;:…。！？؟।]")
_HEADINGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
_BOILERPLATE = re.compile(
    r"(?:^|[\s_-])(?:cookie|consent|gdpr|banner|footer|nav|menu|share|sharing|social|related"
    r"|comment|promo|newsletter|subscribe|sidebar|advert|ad-|ads|breadcrumb|popup|modal)",
    re.I,
)


def paragraph_cluster(tree: HtmlElement) -> Blocks:
    """The paragraphs (and subheadings) of the parent with the most paragraph text."""
    body = tree.find(".//body")
    root = body if body is not None else tree
    weight: defaultdict[HtmlElement, int] = defaultdict(int)
    for paragraph in root.iter("p"):
        parent = paragraph.getparent()
        if parent is None or _is_boilerplate(paragraph):
            continue
        length = len(_text(paragraph))
        if length >= MIN_PARAGRAPH_CHARS:
            weight[parent] += length
    if not weight:
        return []
    best = max(weight, key=lambda parent: weight[parent])
    return _blocks_of(best)


def best_candidate(candidates: list[Blocks]) -> Blocks:
    """The candidate with the most text among those with prose; the earliest wins a tie."""
    with_prose = [blocks for blocks in candidates if has_prose(blocks)]
    if not with_prose:
        return []
    return max(with_prose, key=lambda blocks: sum(len(text) for _kind, text in blocks))


def has_prose(blocks: Blocks) -> bool:
    """Whether a paragraph reads like a sentence rather than a row of link labels."""
    return any(
        kind is BlockKind.PARAGRAPH
        and len(text) >= MIN_PARAGRAPH_CHARS
        and _SENTENCE_END.search(text)
        for kind, text in blocks
    )


def _blocks_of(parent: HtmlElement) -> Blocks:
    blocks: Blocks = []
    for child in parent:
        tag = child.tag if isinstance(child.tag, str) else ""
        text = _text(child)
        if not text:
            continue
        if tag in _HEADINGS:
            blocks.append((BlockKind.SUBHEADING, text))
        elif tag in ("p", "blockquote") and not _is_boilerplate(child, ancestors=False):
            blocks.append((BlockKind.PARAGRAPH, text))
    return blocks


def _is_boilerplate(element: HtmlElement, *, ancestors: bool = True) -> bool:
    """Whether the element, or (with ``ancestors``) one above it, is page furniture."""
    node: HtmlElement | None = element
    while node is not None:
        if node.tag in _SKIP_TAGS:
            return True
        marks = f"{node.get('class', '')} {node.get('id', '')}"
        if marks.strip() and _BOILERPLATE.search(marks):
            return True
        if not ancestors:
            return False
        node = node.getparent()
    return False


def _text(element: HtmlElement) -> str:
    return " ".join(element.text_content().split())
