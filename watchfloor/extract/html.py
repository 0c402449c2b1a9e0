"""HTML page -> :class:`Extracted`: body blocks and metadata.

The page is decoded once (:func:`decode_html`) and parsed once; trafilatura
works on a copy of that tree, so the same tree serves the metadata readers and,
for pages where trafilatura finds too little, the fallbacks in
:mod:`watchfloor.extract.html_fallback`.

trafilatura runs in its fast mode first; a body under ``THOROUGH_BELOW_CHARS``
is redone in its default mode (which compares its result with readability and
jusText, the slow part), and one under ``FALLBACK_BELOW_CHARS`` also in recall
mode and by the paragraph-cluster heuristic, the longest with real prose
winning. The body comes back as trafilatura's XML (``<p>``, ``<head>``,
``<list>/<item>``, ``<quote>``, ``<lb/>``, ``<table>``), which is turned into
paragraph and subheading blocks. Reader comments are left out, and so are
table cells short enough to be data; prose laid out in a table is kept.

Metadata is read with trafilatura's cheap meta-tag and JSON-LD readers plus a
date search of our own: a full timestamp with a zone from the page's meta,
JSON-LD or ``<time>`` wins, else htmldate's date (what trafilatura would
report), else any date the page states, and only when none of these gave a
date, htmldate's extensive search (dates written only as visible text).
trafilatura's own author search is skipped: it costs more than the body.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

from htmldate import find_date
from lxml.etree import XPath, _Element
from lxml.html import HtmlElement
from trafilatura import bare_extraction
from trafilatura.metadata import examine_meta, extract_meta_json, extract_title, extract_url
from trafilatura.settings import Document
from trafilatura.utils import load_html

from watchfloor.extract.dates import normalise_date
from watchfloor.extract.encoding import decode_html
from watchfloor.extract.html_dates import text_date
from watchfloor.extract.html_fallback import best_candidate, has_prose, paragraph_cluster
from watchfloor.extract.html_furniture import drop_furniture
from watchfloor.models import BlockKind, Extracted, SkipError, SkipReason

log = logging.getLogger(__name__)

Blocks = list[tuple[BlockKind, str]]

THOROUGH_BELOW_CHARS = 1500  # a shorter fast body is redone with trafilatura's comparisons
FALLBACK_BELOW_CHARS = 200  # a body shorter than this sends the page to the fallbacks
MIN_BODY_CHARS = 25  # less than this, after the fallbacks, is no article
MIN_CELL_CHARS = 100  # a table cell with less text is data, and dropped

_DATE_META = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "date_published",
    "article.published",
    "published_time",
    "publishdate",
    "pubdate",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dc.date",
    "dcterms.created",
    "date",
)
_DATE_META_RANK = {name: rank for rank, name in enumerate(_DATE_META)}
_ARTICLE_TYPES = re.compile(r"Article|BlogPosting|Report|NewsArticle|WebPage", re.I)
_BLOCK_TAGS = frozenset(
    {"p", "head", "list", "item", "quote", "div", "code", "table", "row", "cell", "graphic"}
)
_SKIPPED_TAGS = frozenset({"graphic"})
_TIME_PATHS = tuple(
    XPath(f"({path})[1]/@datetime")
    for path in (
        './/time[(@itemprop="datePublished" or @pubdate) and @datetime]',
        ".//article//time[@datetime]",
        ".//time[@datetime]",
    )
)
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u2060\ufeff"))
_LANG_CODE = re.compile(r"^\s*([A-Za-z]{2})(?:[-_][A-Za-z0-9]+)*\s*$")
_HOST = re.compile(r"https?://(?:www\d?\.)?([^/:?#]+)")


@dataclass(frozen=True)
class PageMeta:
    """What the page says about itself, read off the parsed tree."""

    title: str | None
    author: str | None
    published: str | None
    source: str | None
    language: str | None
    url: str | None


def extract_html(
    data: bytes | str, *, url: str | None = None, encoding: str | None = None
) -> Extracted:
    """Body blocks and metadata of one HTML page; ``SkipError`` when it has no article."""
    text = decode_html(data, encoding)
    if not text.strip():
        raise SkipError(SkipReason.EMPTY, "empty page")
    tree = load_html(text)
    if tree is None:  # load_html refuses a bare fragment; give it a document around it
        tree = load_html(f"<html><body>{text}</body></html>")
    if tree is None:
        raise SkipError(SkipReason.NO_ARTICLE, "not an HTML document")
    meta = read_metadata(tree, url)
    blocks = _body_blocks(tree, meta.url or url, meta.title)
    return Extracted(
        blocks=tuple(blocks),
        title=meta.title,
        author=meta.author,
        published=meta.published,
        source=meta.source,
        language=meta.language,
        url=meta.url,
    )


# --- body -------------------------------------------------------------------


def _body_blocks(tree: HtmlElement, url: str | None, title: str | None) -> Blocks:
    blocks = _trafilatura_blocks(tree, url, title, fast=True)
    if _chars(blocks) < THOROUGH_BELOW_CHARS:
        blocks = _trafilatura_blocks(tree, url, title)
    if _chars(blocks) < FALLBACK_BELOW_CHARS:
        candidates = [
            blocks,
            _trafilatura_blocks(tree, url, title, recall=True),
            paragraph_cluster(tree),
        ]
        blocks = best_candidate(candidates)
    blocks = drop_furniture(blocks)
    if _chars(blocks) < MIN_BODY_CHARS:
        raise SkipError(
            SkipReason.NO_ARTICLE, f"no article body found ({_chars(blocks)} characters)"
        )
    if not has_prose(blocks):  # a section front: rows of link labels, no sentence
        raise SkipError(SkipReason.NO_ARTICLE, "no sentence in the body (a page of links)")
    return blocks


def _trafilatura_blocks(
    tree: HtmlElement,
    url: str | None,
    title: str | None,
    *,
    fast: bool = False,
    recall: bool = False,
) -> Blocks:
    document = bare_extraction(
        tree,
        url=url,
        favor_recall=recall,
        fast=fast,
        include_comments=False,
        include_tables=True,  # layout tables can hold the article; data cells are dropped below
        output_format="python",  # as extract() runs; "xml" turns formatting on, which finds less
    )
    if not isinstance(document, Document) or document.body is None:
        return []
    return drop_title_block(xml_blocks(document.body), title)


def xml_blocks(body: _Element) -> Blocks:
    """Paragraph and subheading blocks from trafilatura's XML body."""
    blocks: Blocks = []
    _collect(body, blocks)
    return blocks


def _collect(element: _Element, blocks: Blocks) -> None:
    """Add the element's blocks: its inline runs as paragraphs, block children in turn."""
    if element.tag == "head":
        _add(blocks, BlockKind.SUBHEADING, element.itertext())
        return
    if element.tag == "cell" and len(_clean("".join(element.itertext()))) < MIN_CELL_CHARS:
        return  # tabular data; only prose set out in a layout table is kept
    run = [element.text or ""]
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in _BLOCK_TAGS or tag == "lb":
            _add(blocks, BlockKind.PARAGRAPH, run)
            run = []
            if tag in _BLOCK_TAGS and tag not in _SKIPPED_TAGS:
                _collect(child, blocks)
        elif tag not in _SKIPPED_TAGS:
            run.extend(child.itertext())
        run.append(child.tail or "")
    _add(blocks, BlockKind.PARAGRAPH, run)


def _add(blocks: Blocks, kind: BlockKind, parts: Iterable[str]) -> None:
    text = _clean("".join(parts))
    if text:
        blocks.append((kind, text))


def drop_title_block(blocks: Blocks, title: str | None) -> Blocks:
    """Drop a leading subheading that repeats the headline: the body excludes it."""
    leading = blocks[0] if blocks else None
    if leading and title and leading[0] is BlockKind.SUBHEADING:
        return blocks[1:] if _squash(leading[1]) == _squash(title) else blocks
    return blocks


def _chars(blocks: Blocks) -> int:
    return sum(len(text) for _kind, text in blocks)


def _clean(text: str) -> str:
    """Whitespace collapsed; soft hyphens, zero-width spaces and word joiners dropped."""
    return " ".join(text.translate(_INVISIBLE).split())


def _squash(text: str) -> str:
    return re.sub(r"\W+", "", text).casefold()


# --- metadata ---------------------------------------------------------------


def read_metadata(tree: HtmlElement, url: str | None) -> PageMeta:
    """Title, author, date, site name, language and canonical URL of a parsed page."""
    document = examine_meta(tree)
    try:
        document = extract_meta_json(tree, document)
    except Exception as exc:  # trafilatura's JSON-LD reader is not hardened against all input
        log.debug("JSON-LD metadata failed: %s", exc)
    page_url = extract_url(tree) or _absolute(document.url, url) or url
    language = find_language(tree)
    return PageMeta(
        title=_text(document.title) or _text(extract_title(tree)),
        author=_text(document.author),
        published=find_published(tree, page_url, language),
        source=_text(document.sitename) or _host(page_url),
        language=language,
        url=page_url,
    )


def find_published(
    tree: HtmlElement, url: str | None = None, language: str | None = None
) -> str | None:
    """The publication date: a zoned timestamp from the page, else htmldate's date."""
    first_stated = None
    for value in _stated_dates(tree):
        normalised = normalise_date(value)
        if normalised and _is_zoned(normalised):
            return normalised
        first_stated = first_stated or normalised
    found = find_date(tree, url=url, original_date=True, extensive_search=False)
    if found:
        return normalise_date(found)
    if first_stated:
        return first_stated
    # nothing in the markup: the date may be stated only as visible text
    # ("Published 24 June 2025"); the slow extensive search runs only here
    return text_date(tree, url, language)


def _stated_dates(tree: HtmlElement) -> Iterator[str]:
    """Publication dates the page states, best sources first."""
    metas: list[tuple[int, str]] = []
    for element in tree.iterfind(".//meta[@content]"):
        key = element.get("property") or element.get("name") or element.get("itemprop") or ""
        rank = _DATE_META_RANK.get(key.strip().lower())
        if rank is not None:
            metas.append((rank, element.get("content", "")))
    yield from (value for _rank, value in sorted(metas, key=lambda pair: pair[0]))
    yield from _json_ld_dates(tree)
    for path in _TIME_PATHS:
        found = path(tree)
        if found:
            yield str(found[0])


def _json_ld_dates(tree: HtmlElement) -> Iterator[str]:
    for script in tree.iterfind('.//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "", strict=False)
        except ValueError:
            continue
        for node in _json_nodes(data):
            value = node.get("datePublished") or node.get("dateCreated")
            if isinstance(value, str) and _ARTICLE_TYPES.search(str(node.get("@type", ""))):
                yield value


def _json_nodes(data: Any) -> Iterator[dict[str, Any]]:
    """Every JSON object in a JSON-LD document, ``@graph`` members included."""
    if isinstance(data, list):
        for item in data:
            yield from _json_nodes(item)
    elif isinstance(data, dict):
        yield data
        for key in ("@graph", "mainEntity", "mainEntityOfPage"):
            if isinstance(data.get(key), (list, dict)):
                yield from _json_nodes(data[key])


def find_language(tree: HtmlElement) -> str | None:
    """A two-letter language code from ``<html lang>`` or the meta tags."""
    candidates = [tree.get("lang"), tree.get("{http://www.w3.org/XML/1998/namespace}lang")]
    for element in tree.iterfind(".//meta[@content]"):
        key = element.get("http-equiv") or element.get("property") or element.get("name") or ""
        if key.lower() in ("content-language", "og:locale", "language", "dc.language"):
            candidates.append(element.get("content"))
    for value in candidates:
        match = _LANG_CODE.match(value or "")
        if match:
            return match.group(1).lower()
    return None


def _is_zoned(value: str) -> bool:
    return "T" in value and (value.endswith("Z") or bool(re.search(r"[+-]\d{2}:\d{2}$", value)))


def _absolute(link: str | None, base: str | None) -> str | None:
    if not link:
        return None
    return urljoin(base, link) if base else link if urlsplit(link).scheme else None


def _host(url: str | None) -> str | None:
    match = _HOST.match(url or "")
    return match.group(1) if match else None


def _text(value: str | None) -> str | None:
    cleaned = _clean(value) if value else ""
    return cleaned or None
