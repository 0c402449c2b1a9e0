"""Plain-text pages on templates nobody tuned to: the headline and the body.

Scraped pages of one article are built from parts written for this check (no
benchmark or gold page is copied): a menu or a cookie banner, a promo box
("Trending Now", a numbered "Most read", teasers with no heading), a kicker or
an unrendered placeholder, one of four headline shapes (a long sentence-case
one, a short one in capitals, a question, one with a colon), one of seven
shapes under it (a byline, a byline and a date, a date, a standfirst with a
byline and date, "By X | date | 4 min read", an author's name over a date, or
nothing), a share bar, a photo caption, and a footer with a newsletter box. Each
combination is drawn at random (a fixed seed) and passed to
:func:`watchfloor.extract.text.extract_text`; the check counts how often the
headline is the article's own and how often the body is exactly its paragraphs.

The parts were written while the headline rules were being worked on, so this
is a regression check across many layouts, not a held-out measure.

    .venv/bin/python bench/text_templates.py [--pages N] [--seed S] [--show K]
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from watchfloor.extract.text import extract_text  # noqa: E402
from watchfloor.models import SkipError  # noqa: E402

PARAGRAPHS = [
    "The central bank raised its main rate by half a point on Thursday, its third increase "
    "this year, and said inflation would stay above target until the end of 2032.",
    "Governor Lise Brandt told reporters that the bank was ready to go further if wages kept "
    "rising at their current pace. “We will do what it takes,” she said.",
    "Markets had expected a smaller move. The currency rose 1.2 percent against the euro within "
    "minutes of the announcement, and two-year bond yields hit their highest level since 2024.",
    "Economists at three of the country’s largest lenders now expect at least one more increase "
    "before the summer, although growth has slowed for two quarters in a row.",
]
TEASERS = [
    "Markets fall as rate fears return",
    "Why house prices are still rising",
    "Oil slips on demand worries",
]
TOPS = [
    ["Skip to main content", "The Ledger", "Home", "World", "Economy", "Subscribe", "Log in"],
    ["Menu", "Search", "Northwind Observer", "News", "Politics", "Business"],
    [
        "The Ledger",
        "We use cookies to improve your experience. By continuing you agree to our Cookie Policy.",
        "Accept all",
        "Manage preferences",
    ],
    [],
]
PROMOS = [
    [],
    ["Trending Now", *TEASERS],
    ["Most read", "1", TEASERS[0], "2", TEASERS[1], "3", TEASERS[2]],
    [*TEASERS],
    ["Popular right now", *TEASERS],
]
KICKERS = [[], ["Economy · Central banks"], ["{{ article.kicker }}"], ["ECONOMY"]]
HEADLINES = [
    "Central bank raises rates again and warns of more to come",
    "Rates Rise Again",
    "Will the central bank’s third rate rise be its last?",
    "Rates: central bank moves again, warns of more",
]
UNDERS = [
    [],
    ["By Oskar Lind"],
    ["By Oskar Lind", "May 14, 2031"],
    ["May 14, 2031"],
    ["The bank says inflation will stay above target until 2032.", "By Oskar Lind", "May 14, 2031"],
    ["By Oskar Lind | May 14, 2031 | 4 min read"],
    ["Oskar Lind", "14 May 2031, 09:30"],
]
SHARES = [[], ["Share on Facebook", "Share on X", "Copy link", "Email"]]
CAPTIONS = [[], ["Governor Lise Brandt in Frankfurt on Thursday. (Photo: Ledger Pictures)"]]
BOTTOMS = [
    [
        "Sign up for our free daily newsletter.",
        "Enter your email address",
        "Subscribe",
        "Related",
        TEASERS[0],
        "© 2031 The Ledger. All rights reserved.",
    ],
    ["Share this article", "More from The Ledger", TEASERS[1], "Privacy Policy"],
    [],
]


def page(rng: random.Random) -> tuple[list[str], str]:
    """One page's lines and its headline."""
    headline = rng.choice(HEADLINES)
    lines = [
        *rng.choice(TOPS),
        *rng.choice(PROMOS),
        *rng.choice(KICKERS),
        headline,
        *rng.choice(UNDERS),
        *rng.choice(SHARES),
        *rng.choice(CAPTIONS),
        *PARAGRAPHS,
        *rng.choice(BOTTOMS),
    ]
    return lines, headline


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=1500)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--show", type=int, default=0, help="print the first K misses")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    titled = bodied = shown = 0
    for _ in range(args.pages):
        lines, headline = page(rng)
        try:
            result = extract_text("\n".join(lines))
            title, body = result.title, [text for _, text in result.blocks]
        except SkipError:
            title, body = None, []
        titled += title == headline
        bodied += body == PARAGRAPHS
        if shown < args.show and (title != headline or body != PARAGRAPHS):
            shown += 1
            print(f"--- headline {headline!r}, found {title!r}")
            print("   " + " | ".join(line[:40] for line in lines))
    print(f"watchfloor plain-text templates  {dt.datetime.now().isoformat(timespec='seconds')}")
    print(f"machine: {platform.node()}; {args.pages} pages, seed {args.seed}")
    print()
    print("| measure | value |")
    print("| --- | --- |")
    print(f"| headline is the article's own | {titled}/{args.pages} |")
    print(f"| body is exactly its paragraphs | {bodied}/{args.pages} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
