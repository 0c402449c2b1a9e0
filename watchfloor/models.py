"""The data types that flow through the pipeline.

Every stage takes and returns plain frozen dataclasses, so stages can be tested
in isolation and later layers never see library objects (lxml trees, spaCy
docs, HTTP responses).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class PageKind(StrEnum):
    """What the raw content of a page is."""

    HTML = "html"  # bytes or str of an HTML document
    TEXT = "text"  # scraped plain text, page furniture possibly included
    RECORD = "record"  # an already-clean article record (JSON/JSONL): text is the body


class SkipReason(StrEnum):
    """Why an input produced no article. Stored in the ingestion log."""

    EMPTY = "empty"
    BINARY = "binary"
    TOO_LARGE = "too_large"
    DECODE_ERROR = "decode_error"
    MALFORMED_JSON = "malformed_json"
    MALFORMED_WARC = "malformed_warc"
    TRUNCATED = "truncated"
    MALFORMED_FEED = "malformed_feed"
    UNSUPPORTED = "unsupported_format"
    NOT_FOUND = "not_found"
    NO_ARTICLE = "no_article"
    NOT_ENGLISH = "not_english"
    FETCH_ERROR = "fetch_error"
    TIMEOUT = "timeout"
    TOO_MANY_REDIRECTS = "too_many_redirects"
    ROBOTS = "robots_disallowed"
    BLOCKED_ADDRESS = "blocked_address"
    EXTRACTION_ERROR = "extraction_error"  # the extractor itself failed: a bug, logged in full


@dataclass(frozen=True)
class Page:
    """One raw input document, as read from a file, archive, feed or URL.

    ``data`` is bytes for HTML read from disk or the network (decoding is the
    extractor's job, with ``encoding`` as the declared charset, if any) and str
    for text and records. The optional hints come from the container (a JSON
    record's fields, a feed entry, WARC headers) and are used where the
    content itself says nothing better.
    """

    origin: str  # where it came from: a path, a URL, "path#record", "-"
    kind: PageKind
    data: bytes | str
    url: str | None = None
    encoding: str | None = None
    doc_id: str | None = None
    title: str | None = None
    published: str | None = None
    author: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class Skip:
    """An input that yields no article, with the reason; never raised, logged."""

    origin: str
    reason: SkipReason
    detail: str = ""


class SkipError(Exception):
    """Raised inside a stage for bad input; turned into a :class:`Skip`."""

    def __init__(self, reason: SkipReason, detail: str = "") -> None:
        super().__init__(f"{reason.value}: {detail}" if detail else reason.value)
        self.reason = reason
        self.detail = detail


class BlockKind(StrEnum):
    """The role of one block of an article's body."""

    PARAGRAPH = "paragraph"
    SUBHEADING = "subheading"


@dataclass(frozen=True)
class Block:
    """One paragraph or subheading of an article, with its offsets in ``Article.text``."""

    text: str
    kind: BlockKind = BlockKind.PARAGRAPH
    start: int = 0
    end: int = 0


@dataclass(frozen=True)
class Extracted:
    """What an extractor reads off one page: the body and whatever metadata it found."""

    blocks: tuple[tuple[BlockKind, str], ...]
    title: str | None = None
    author: str | None = None
    published: str | None = None
    source: str | None = None
    language: str | None = None
    url: str | None = None


PARAGRAPH_SEPARATOR = "\n\n"


@dataclass(frozen=True)
class Article:
    """A clean article: headline, metadata and body text split into blocks.

    ``text`` is the body only (no headline), blocks joined by a blank line;
    each block knows its character offsets in ``text`` so that later stages can
    point back at their evidence.
    """

    doc_id: str
    origin: str
    text: str
    blocks: tuple[Block, ...]
    title: str | None = None
    url: str | None = None
    published: str | None = None
    author: str | None = None
    source: str | None = None
    language: str | None = None
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def paragraphs(self) -> list[str]:
        return [block.text for block in self.blocks]

    @property
    def word_count(self) -> int:
        return len(self.text.split())


def build_blocks(parts: list[tuple[BlockKind, str]]) -> tuple[str, tuple[Block, ...]]:
    """Join body parts into the article text and give each block its offsets."""
    blocks: list[Block] = []
    offset = 0
    for kind, text in parts:
        if blocks:
            offset += len(PARAGRAPH_SEPARATOR)
        blocks.append(Block(text=text, kind=kind, start=offset, end=offset + len(text)))
        offset += len(text)
    return PARAGRAPH_SEPARATOR.join(b.text for b in blocks), tuple(blocks)
