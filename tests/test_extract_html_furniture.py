"""HTML bodies: the furniture lexicon drops a newsletter box and a trending list inside
``<main>``; a date stated only as visible text is found by htmldate's extensive search,
which runs only when nothing else gave a date. Pages written for these tests."""

from __future__ import annotations

from htmldate import find_date
from trafilatura.utils import load_html

from watchfloor.extract.html import extract_html, find_published
from watchfloor.extract.html_dates import labelled_date
from watchfloor.extract.html_furniture import drop_furniture
from watchfloor.models import BlockKind

PARAGRAPHS = [
    "Ferry crews on the Riverside routes returned to work on Friday after their union "
    "accepted a two-year pay deal worth seven percent, ending a strike that began in May.",
    "The operator said the first sailings would leave at six in the morning and that the "
    "timetable would be back to normal by the weekend, with extra boats at peak hours.",
    "Passenger groups welcomed the agreement but asked for compensation for season ticket "
    "holders who had paid for journeys that never ran during the six weeks of the strike.",
    "A spokesperson for the regional council said it would review the operator's contract "
    "when it comes up for renewal next spring, and would publish the review in full.",
]
NEWSLETTER = [
    "<h3>Get the Riverside Briefing</h3>",
    "<p>The stories that matter to the city, in your inbox every weekday morning.</p>",
    "<p><button>Sign up</button></p>",
    "<p>By signing up you agree to our Terms of Use and acknowledge our Privacy Policy.</p>",
]
TRENDING = [
    "<h3>Trending now</h3>",
    "<p><a href='/a'>Bridge closure extended to July</a></p>",
    "<p><a href='/b'>New cycle lane opens on Quay Street</a></p>",
]


def page(head: str = "", meta: str = "") -> str:
    first, second = PARAGRAPHS[:2], PARAGRAPHS[2:]
    return (
        f"<html><head><title>Ferry strike ends</title>{head}</head><body>"
        "<main><h1>Ferry strike ends after pay deal</h1>"
        f"{meta}"
        + "".join(f"<p>{p}</p>" for p in first)
        + "".join(NEWSLETTER)
        + "".join(f"<p>{p}</p>" for p in second)
        + "".join(TRENDING)
        + "</main></body></html>"
    )


def test_newsletter_box_and_trending_list_inside_main_are_dropped() -> None:
    blocks = extract_html(page()).blocks
    texts = [text for _kind, text in blocks]
    assert texts == PARAGRAPHS


def test_filter_keeps_prose_after_a_promo_heading() -> None:
    blocks = [
        (BlockKind.PARAGRAPH, PARAGRAPHS[0]),
        (BlockKind.SUBHEADING, "Most read"),
        (BlockKind.PARAGRAPH, "Bridge closure extended to July"),
        (BlockKind.PARAGRAPH, PARAGRAPHS[1]),
    ]
    assert drop_furniture(blocks) == [blocks[0], blocks[3]]


def test_filter_that_would_empty_the_body_keeps_it() -> None:
    blocks = [(BlockKind.PARAGRAPH, "Subscribe now"), (BlockKind.PARAGRAPH, "Privacy Policy")]
    assert drop_furniture(blocks) == blocks


def test_date_stated_only_as_text_is_found_by_the_fallback() -> None:
    html = page(meta="<p>Published 24 June 2025</p>")
    tree = load_html(html)
    assert find_date(tree, original_date=True, extensive_search=False) is None
    assert find_published(tree) == "2025-06-24"
    assert extract_html(html).published == "2025-06-24"


def test_a_date_in_the_markup_wins_over_the_text() -> None:
    head = "<meta property='article:published_time' content='2025-06-20T08:00:00+00:00'>"
    html = page(head=head, meta="<p>Published 24 June 2025</p>")
    assert extract_html(html).published == "2025-06-20T08:00:00+00:00"


def test_labelled_date_prefers_published_over_updated() -> None:
    text = "Updated 25 June 2025 · Published: Tuesday, June 24th, 2025 by the Riverside desk"
    assert labelled_date(text) == "2025-06-24"
    assert labelled_date("Posted on 3/4/2025") == "2025-03-04"
    assert labelled_date("Last updated 2025-06-26") == "2025-06-26"
    assert labelled_date("Published to acclaim in the spring") is None


def test_an_unlabelled_date_in_the_text_is_htmldate_s_to_find() -> None:
    html = page(meta="<p>Calder, 24 June 2025</p>")
    assert labelled_date(load_html(html).text_content()) is None
    assert extract_html(html).published == "2025-06-24"
