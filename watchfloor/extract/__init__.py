"""Page -> Article: the extraction stage.

``extract(page)`` picks the extractor for the page's kind (trafilatura-based
HTML extraction, the plain-text furniture remover, or clean records), fills
metadata gaps from the container's hints, normalises the date and detects the
language. Every language is kept (see :mod:`watchfloor.languages` for which
ones are analysed). Bad input raises :class:`~watchfloor.models.SkipError`.
"""

from __future__ import annotations

import re
from collections import Counter

from watchfloor.extract.dates import normalise_date
from watchfloor.models import (
    Article,
    BlockKind,
    Extracted,
    Page,
    PageKind,
    SkipError,
    SkipReason,
    build_blocks,
)

MIN_ARTICLE_CHARS = 80
LANGUAGE_SAMPLE_CHARS = 3000
MIN_CHARS_FOR_LANGUAGE = 150


def extract(page: Page) -> Article:
    """The clean article of one page; raises ``SkipError`` when there is none."""
    extracted = _extract_by_kind(page)
    parts = [(kind, text.strip()) for kind, text in extracted.blocks if text.strip()]
    text, blocks = build_blocks(parts)
    if len(text) < MIN_ARTICLE_CHARS or not any(b.kind is BlockKind.PARAGRAPH for b in blocks):
        raise SkipError(SkipReason.NO_ARTICLE, f"body too short ({len(text)} characters)")
    language = detect_language(text) or extracted.language or page_language(text)
    return Article(
        doc_id=page.doc_id or doc_id_for(page.url or page.origin),
        origin=page.origin,
        text=text,
        blocks=blocks,
        title=_first(page.title, extracted.title)
        if page.kind is PageKind.RECORD
        else _first(extracted.title, page.title),
        url=_first(page.url, extracted.url),
        published=normalise_date(_first(extracted.published, page.published), language),
        author=_first(extracted.author, page.author),
        source=_first(page.source, extracted.source),
        language=language,
    )


def _extract_by_kind(page: Page) -> Extracted:
    if page.kind is PageKind.HTML:
        from watchfloor.extract.html import extract_html

        return extract_html(page.data, url=page.url, encoding=page.encoding)
    text = page.data if isinstance(page.data, str) else page.data.decode("utf-8", "replace")
    if page.kind is PageKind.TEXT:
        from watchfloor.extract.text import extract_text

        return extract_text(text)
    paragraphs = split_paragraphs(text)
    while paragraphs and is_dateline(paragraphs[0]):
        paragraphs.pop(0)
    if paragraphs:
        paragraphs[0] = strip_dateline(paragraphs[0])
    return Extracted(blocks=tuple((BlockKind.PARAGRAPH, p) for p in paragraphs))


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of a clean body: blank-line separated, else one per line."""
    text = text.replace("\r\n", "\n")
    chunks = re.split(r"\n\s*\n", text) if "\n\n" in text else text.split("\n")
    return [" ".join(chunk.split()) for chunk in chunks if chunk.strip()]


_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATELINE = re.compile(
    rf"(?:(?:Mon|Tue|Tues|Wed|Wednes|Thu|Thur|Thurs|Fri|Sat|Satur|Sun)(?:day)?,?\s+)?"
    rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}),?\s+\d{{4}}",
    re.IGNORECASE,
)


def is_dateline(text: str) -> bool:
    """True for a paragraph that is only a date ("Friday, January 4, 2019")."""
    return bool(_DATELINE.fullmatch(text.strip(" \u00a0.")))


def strip_dateline(paragraph: str) -> str:
    """Drop a date that opens a paragraph and is run into its first sentence."""
    match = _DATELINE.match(paragraph)
    if match is None:
        return paragraph
    rest = paragraph[match.end() :].lstrip(" \u00a0:-—–")
    return rest if rest[:1].isupper() else paragraph


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or ``None`` for too little text.

    Paragraphs vote with their length, so one quoted passage in another
    language or script does not outvote the article around it.
    """
    if len(text) < MIN_CHARS_FOR_LANGUAGE:
        return None
    votes: Counter[str] = Counter()
    used = 0
    for paragraph in text.split("\n"):
        if len(paragraph) < 40:
            continue
        votes[_classify(paragraph[:LANGUAGE_SAMPLE_CHARS])] += len(paragraph)
        used += len(paragraph)
        if used >= LANGUAGE_SAMPLE_CHARS:
            break
    if not votes:
        return _classify(text[:LANGUAGE_SAMPLE_CHARS])
    return votes.most_common(1)[0][0]


def page_language(text: str) -> str:
    """The language of a short text that neither the page nor :func:`detect_language`
    named: a guess from what there is, as it is all there is."""
    return _classify(text[:LANGUAGE_SAMPLE_CHARS])


def _classify(text: str) -> str:
    import py3langid

    # float32 feature vectors match the model's dtype, so numpy's BLAS does the dot
    # product (the default uint16 takes a slow mixed-type path): ~4x faster, same answer.
    code, _score = py3langid.classify(text, datatype="float32")
    return str(code)


def doc_id_for(origin: str) -> str:
    """A readable id from a URL or path: its last meaningful segment, slugged."""
    cleaned = re.sub(r"[?#].*$", "", origin).rstrip("/")
    last = cleaned.rsplit("/", 1)[-1] or cleaned
    last = re.sub(r"\.(html?|php|aspx?|txt|json)$", "", last, flags=re.I)
    slug = re.sub(r"[^A-Za-z0-9]+", "-", last).strip("-").lower()
    return slug[:80] or "article"


def _first(*values: str | None) -> str | None:
    for value in values:
        if value and value.strip():
            return value.strip()
    return None
