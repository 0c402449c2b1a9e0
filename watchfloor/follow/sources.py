"""The sources file a follower reads, and sitemaps.

One source a line: a URL alone (feed, sitemap or page: told from what it
serves), or a kind and a URL (``feed URL``, ``sitemap URL``, ``page URL``).
Blank lines and lines starting with ``#`` are ignored; a bad line is an error
that names its line number.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from lxml import etree

from watchfloor.sources import is_url
from watchfloor.sources.fetch import looks_like_feed

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


class SourceKind(StrEnum):
    AUTO = "auto"
    FEED = "feed"
    SITEMAP = "sitemap"
    PAGE = "page"


@dataclass(frozen=True)
class Source:
    url: str
    kind: SourceKind = SourceKind.AUTO


class SourcesFileError(ValueError):
    """A sources file that cannot be read, with the line at fault."""


def read_sources(path: Path) -> list[Source]:
    """The sources listed in ``path``, each once, in order."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SourcesFileError(f"cannot read {path}: {exc}") from exc
    found: dict[str, Source] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        source = _parse_line(line, f"{path}:{number}")
        found.setdefault(source.url, source)
    if not found:
        raise SourcesFileError(f"{path} lists no sources")
    return list(found.values())


def _parse_line(line: str, where: str) -> Source:
    parts = line.split()
    if len(parts) == 1 and is_url(parts[0]):
        return Source(parts[0])
    if len(parts) == 2 and is_url(parts[1]):
        try:
            return Source(parts[1], SourceKind(parts[0].lower()))
        except ValueError:
            pass
    raise SourcesFileError(f"{where}: expected 'URL' or 'feed|sitemap|page URL', got {line!r}")


def looks_like_sitemap(body: bytes) -> bool:
    head = body[:2048]
    return b"<urlset" in head or b"<sitemapindex" in head


def kind_of(body: bytes, declared: SourceKind) -> SourceKind:
    """What a fetched source is: as declared, else told from its body."""
    if declared is not SourceKind.AUTO:
        return declared
    if looks_like_sitemap(body):
        return SourceKind.SITEMAP
    return SourceKind.FEED if looks_like_feed(body) else SourceKind.PAGE


def sitemap_urls(body: bytes) -> tuple[list[str], list[str]]:
    """(page URLs, nested sitemap URLs) of a sitemap or sitemap index; ValueError if unreadable."""
    try:
        root = etree.fromstring(body, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise ValueError(f"not a readable sitemap: {exc}") from exc
    locs = [
        (el.getparent().tag, (el.text or "").strip())
        for el in root.iter(f"{SITEMAP_NS}loc", "loc")
        if el.getparent() is not None
    ]
    pages = [url for tag, url in locs if _local(tag) == "url" and is_url(url)]
    nested = [url for tag, url in locs if _local(tag) == "sitemap" and is_url(url)]
    return pages, nested


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1]
