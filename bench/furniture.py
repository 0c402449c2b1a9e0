"""Benchmark the plain-text furniture remover on real news pages.

Reads the Zyte (ScrapingHub) article-extraction benchmark from ``../shared``:
each HTML page is turned into plain-text lines (the text of block-level
elements, scripts and styles removed), the lines are joined by newlines and
passed to :func:`watchfloor.extract.text.extract_text`, and the kept lines are
scored against the page's true article body. A line counts as "body" when its
whitespace-normalised text occurs in the whitespace-normalised ``articleBody``;
each distinct line of a page counts once.

    .venv/bin/python bench/furniture.py                 # the score table
    .venv/bin/python bench/furniture.py --mine 80       # frequent non-body lines
    .venv/bin/python bench/furniture.py --without 80    # trafilatura-eval boilerplate snippets
    .venv/bin/python bench/furniture.py --wrapped       # true bodies wrapped in their furniture

``--wrapped`` is the plain-text check of issue 13: each true body written with
line breaks (177 of the 181) is put, line for line, between the furniture its
own page printed above and below the article (the page's lines before the
first and after the last body paragraph, less any line that occurs in the
body). It reports the share of true lines kept and of furniture lines removed.
A true line taken as the headline counts as kept (a furniture line taken as the
headline does not count as kept furniture: it is not in the body); a line of only invisible
characters (zero-width spaces) is no line. It also reports how often the headline
found is the page's own title (its og:title, twitter:title, an h1 or its <title>:
equal to one, or, at 16 characters or more, inside one) and how often none is found.

It only reads ``../shared`` (or ``--data``) at run time; it is a benchmark, not a test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import itertools
import json
import platform
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import lxml.html
from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from watchfloor.extract.text import extract_text  # noqa: E402
from watchfloor.models import BlockKind, SkipError  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "article-extraction"

BLOCK_TAGS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "br",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
        "option",
        "button",
        "label",
    }
)
DROP_TAGS = ("script", "style", "noscript", "template", "svg", "head", "iframe", "select")
_WS = re.compile(r"\s+")
INVISIBLE = "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u00ad"


def norm(text: str) -> str:
    return _WS.sub(" ", text).strip()


def html_lines(html: str) -> list[str]:
    """The page's visible text, one line per block-level element."""
    try:
        tree = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return []
    etree.strip_elements(tree, *DROP_TAGS, with_tail=False)
    for el in tree.iter():
        if not isinstance(el.tag, str):  # comments, processing instructions
            continue
        if el.tag in BLOCK_TAGS:
            el.text = "\n" + (el.text or "")
            el.tail = "\n" + (el.tail or "")
    for comment in tree.iter(etree.Comment):
        comment.text = ""
    lines = (norm(line) for line in tree.text_content().split("\n"))
    return [line for line in lines if line]


@dataclass
class Score:
    kept: int = 0
    kept_body: int = 0
    body: int = 0
    kept_w: int = 0  # the same three counts in words
    kept_body_w: int = 0
    body_w: int = 0
    seconds: float = 0.0
    pages: int = 0
    skipped: int = 0

    def add(self, other: Score) -> None:
        for name in (
            "kept",
            "kept_body",
            "body",
            "kept_w",
            "kept_body_w",
            "body_w",
            "pages",
            "skipped",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.seconds += other.seconds


def kept_flags(lines: list[str], blocks: tuple[tuple[BlockKind, str], ...]) -> list[bool]:
    """Which input lines the blocks kept, aligned in order (a run-in subheading
    and its paragraph together make one input line)."""
    texts = [norm(text) for _, text in blocks]
    texts += [f"{a} {b}" for a, b in itertools.pairwise(texts)]  # run-in pairs
    n = len(blocks)
    flags: list[bool] = []
    j = 0
    for line in lines:
        line = line.strip(INVISIBLE).strip()  # the extractor trims them off a line's edges
        try:
            k = texts.index(line, j, n)
        except ValueError:
            k = next((i for i in range(j, n - 1) if texts[n + i] == line), -1)
            if k >= 0:
                k += 1  # the pair used up blocks k-1 and k
        flags.append(k >= 0)
        j = k + 1 if k >= 0 else j
    return flags


def score_page(lines: list[str], body: str) -> Score:
    body_norm = norm(body)
    start = time.perf_counter()
    try:
        blocks = extract_text("\n".join(lines)).blocks
    except SkipError:
        blocks = ()
    elapsed = time.perf_counter() - start
    flags = kept_flags(lines, blocks)
    # each distinct line counts once: some pages hold the article twice (an AMP or
    # print copy), and the true body holds it once
    first: dict[str, bool] = {}
    for line, flag in zip(lines, flags, strict=True):
        first[line] = first.get(line, False) or flag
    lines, kept = list(first), list(first.values())
    is_body = [line in body_norm for line in lines]
    words = [len(line.split()) for line in lines]
    both = [k and b for k, b in zip(kept, is_body, strict=True)]
    return Score(
        kept=sum(kept),
        kept_body=sum(both),
        body=sum(is_body),
        kept_w=sum(w for w, k in zip(words, kept, strict=True) if k),
        kept_body_w=sum(w for w, k in zip(words, both, strict=True) if k),
        body_w=sum(w for w, b in zip(words, is_body, strict=True) if b),
        seconds=elapsed,
        pages=1,
        skipped=0 if blocks else 1,
    )


WRAP_ANCHOR_WORDS = 5  # a page line in the body this long marks where the article is


@dataclass
class Wrapped:
    true_kept: int = 0
    true: int = 0
    furniture_removed: int = 0
    furniture: int = 0
    pages: int = 0
    skipped: int = 0
    lost_pages: int = 0  # pages that lost a true line
    titled: int = 0  # pages with a title of their own (og:title, twitter:title, h1, <title>)
    title_right: int = 0  # ... whose headline is that title
    title_none: int = 0  # ... with no headline found


def wrap(lines: list[str], body: str) -> tuple[list[str], list[str], list[str]] | None:
    """(furniture above, the true body's lines, furniture below) for a page whose body
    has line breaks; ``None`` when it has none or no page line marks the article."""
    true = [norm(line) for line in body.splitlines() if line.strip(INVISIBLE).strip()]
    body_norm = norm(body)
    anchors = [
        i
        for i, line in enumerate(lines)
        if len(line.split()) >= WRAP_ANCHOR_WORDS and line in body_norm
    ]
    if len(true) < 2 or not anchors:
        return None
    above = [line for line in lines[: anchors[0]] if line not in body_norm]
    below = [line for line in lines[anchors[-1] + 1 :] if line not in body_norm]
    return above, true, below


def score_wrapped(pages: list[AebPage], show: int) -> Wrapped:
    total = Wrapped()
    for page_id, lines, body, titles in pages:
        parts = wrap(lines, body)
        if parts is None:
            continue
        above, true, below = parts
        text = [*above, *true, *below]
        try:
            result = extract_text("\n".join(text))
            blocks, title = result.blocks, result.title
        except SkipError:
            blocks, title = (), None
        flags = kept_flags(text, blocks)
        a, t = len(above), len(true)
        true_flags = flags[a : a + t]
        lost = [line for line, f in zip(true, true_flags, strict=True) if not (f or line == title)]
        outside = zip(above + below, flags[:a] + flags[a + t :], strict=True)
        leaked = [line for line, f in outside if f]
        total.pages += 1
        total.skipped += 0 if blocks else 1
        total.true += t
        total.true_kept += t - len(lost)
        total.furniture += len(above) + len(below)
        total.furniture_removed += len(above) + len(below) - len(leaked)
        total.lost_pages += 1 if lost else 0
        total.titled += 1 if titles else 0
        total.title_right += 1 if title and titles and title_matches(title, titles) else 0
        total.title_none += 1 if titles and not title else 0
        if show and (lost or leaked):
            print(f"--- {page_id}: {len(lost)} true lines lost, {len(leaked)} furniture kept")
            for line in lost[:show]:
                print(f"  lost: {line[:110]}")
            for line in leaked[:show]:
                print(f"  kept: {line[:110]}")
    return total


def report_wrapped(pages: list[AebPage], show: int) -> None:
    s = score_wrapped(pages, show)
    print(f"watchfloor plain-text check  {dt.datetime.now().isoformat(timespec='seconds')}")
    print(f"scrapinghub-aeb: {s.pages} true bodies with line breaks, in their pages' furniture")
    print()
    print("| measure | value | goal |")
    print("| --- | --- | --- |")
    print(f"| true lines kept | {s.true_kept / s.true:.3f} ({s.true_kept}/{s.true}) | >= 0.99 |")
    removed = f"{s.furniture_removed / s.furniture:.3f} ({s.furniture_removed}/{s.furniture})"
    print(f"| furniture lines removed | {removed} | >= 0.95 |")
    print(f"| pages that lost a true line | {s.lost_pages}/{s.pages} | |")
    print(f"| pages with no article (SkipError) | {s.skipped} | |")
    wrong = s.titled - s.title_right - s.title_none
    print(
        f"| headline is the page's own title | {s.title_right}/{s.titled} "
        f"(wrong {wrong}, none {s.title_none}) | |"
    )


_TITLE_FOLD = re.compile(r"\W+")
TITLE_MIN_CHARS = 16  # a shorter headline must equal the page's title, a longer one be in it


def page_titles(html: str) -> list[str]:
    """The page's own titles, folded: og:title, twitter:title, the h1s and <title>."""
    try:
        tree = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return []
    found = tree.xpath('//meta[@property="og:title" or @name="twitter:title"]/@content')
    found += [el.text_content() for el in tree.xpath("//h1 | //title")]
    return [t for t in (fold_title(str(x)) for x in found) if t]


def fold_title(text: str) -> str:
    return _TITLE_FOLD.sub(" ", text).strip().lower()


def title_matches(title: str, titles: list[str]) -> bool:
    """The headline equals one of the page's titles, or a long one is inside one
    (a <title> adds the site's name)."""
    folded = fold_title(title)
    if not folded:
        return False
    long_enough = len(folded) >= TITLE_MIN_CHARS
    return any(folded == t or (long_enough and folded in t) for t in titles)


class AebPage(NamedTuple):
    page_id: str
    lines: list[str]
    body: str
    titles: list[str]


def load_aeb(data: Path) -> list[AebPage]:
    truth = json.loads((data / "scrapinghub-aeb" / "ground-truth.json").read_text("utf-8"))
    pages = []
    for page_id, entry in sorted(truth.items()):
        path = data / "scrapinghub-aeb" / "html" / f"{page_id}.html.gz"
        html = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
        pages.append(AebPage(page_id, html_lines(html), entry["articleBody"], page_titles(html)))
    return pages


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def report(pages: list[AebPage]) -> None:
    total = Score()
    macro_p: list[float] = []
    macro_r: list[float] = []
    for _, lines, body, _ in pages:
        s = score_page(lines, body)
        total.add(s)
        macro_p.append(s.kept_body / s.kept if s.kept else 0.0)
        macro_r.append(s.kept_body / s.body if s.body else 1.0)
    p = total.kept_body / total.kept if total.kept else 0.0
    r = total.kept_body / total.body if total.body else 0.0
    mp, mr = sum(macro_p) / len(macro_p), sum(macro_r) / len(macro_r)
    wp = total.kept_body_w / total.kept_w if total.kept_w else 0.0
    wr = total.kept_body_w / total.body_w if total.body_w else 0.0
    rate = total.pages / total.seconds if total.seconds else float("inf")
    print(f"watchfloor furniture benchmark  {dt.datetime.now().isoformat(timespec='seconds')}")
    print(f"machine: {platform.node()} {platform.machine()} {platform.processor() or ''}".rstrip())
    print(f"python {platform.python_version()}; scrapinghub-aeb, {total.pages} pages")
    print()
    print("| averaging | precision | recall | F1 |")
    print("| --- | --- | --- | --- |")
    print(f"| micro (pooled lines) | {p:.3f} | {r:.3f} | {f1(p, r):.3f} |")
    print(f"| macro (per page) | {mp:.3f} | {mr:.3f} | {f1(mp, mr):.3f} |")
    print(f"| words (lines weighted by length) | {wp:.3f} | {wr:.3f} | {f1(wp, wr):.3f} |")
    print()
    print(f"lines: {total.kept} kept, {total.kept_body} kept body, {total.body} body")
    print(f"pages with no article (SkipError): {total.skipped}")
    print(f"speed: {rate:.0f} pages/s (extract_text only, one process)")


def mine(pages: list[AebPage], top: int) -> None:
    """Non-body lines found on the most pages: the raw material for the lexicon."""
    counts: Counter[str] = Counter()
    for _, lines, body, _ in pages:
        body_norm = norm(body)
        counts.update({line.lower() for line in lines if line not in body_norm})
    for line, n in counts.most_common(top):
        print(f"{n:4d}  {line[:110]}")


def mine_without(data: Path, top: int) -> None:
    """Boilerplate snippets that trafilatura's evaluation says must not be extracted."""
    evaldata = json.loads((data / "trafilatura-eval" / "evaldata.json").read_text("utf-8"))
    counts: Counter[str] = Counter()
    for entry in evaldata.values():
        counts.update(norm(s).lower() for s in entry.get("without", []))
    for snippet, n in counts.most_common(top):
        print(f"{n:4d}  {snippet[:110]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--mine", type=int, metavar="N", help="print N frequent non-body lines")
    parser.add_argument("--without", type=int, metavar="N", help="print N `without` snippets")
    parser.add_argument("--wrapped", action="store_true", help="true bodies in their furniture")
    parser.add_argument("--show", type=int, default=0, metavar="N", help="with --wrapped: misses")
    args = parser.parse_args()
    if not (args.data / "scrapinghub-aeb" / "ground-truth.json").is_file():
        print(
            f"benchmark data not found under {args.data}; expected the shared/ "
            "folder beside the checkout (data/article-extraction/scrapinghub-aeb)",
            file=sys.stderr,
        )
        return 2
    if args.without:
        mine_without(args.data, args.without)
        return 0
    pages = load_aeb(args.data)
    if args.wrapped:
        report_wrapped(pages, args.show)
    elif args.mine:
        mine(pages, args.mine)
    else:
        report(pages)
    return 0


if __name__ == "__main__":
    sys.exit(main())
