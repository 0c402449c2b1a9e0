"""The plain-text extractor: furniture removed, headline and subheadings found."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from watchfloor.extract.text import extract_text, load_lexicon
from watchfloor.models import BlockKind, Extracted, SkipError, SkipReason

FIXTURES = Path(__file__).parent / "fixtures" / "text"
SHARED = Path(__file__).resolve().parents[2] / "shared"
GZERO = SHARED / "corpus" / "dev" / "gzero-nk-troops-ukraine.txt"
GZERO_TITLE = "Ukraine urges allies to lift arms restrictions as North Korean threat grows"

HEADLINE = "Council approves night bus trial after years of campaigning"
PARA_1 = (
    "The city council voted 31 to 9 on Thursday to fund a one-year trial of night buses "
    "on four routes, ending a campaign by shift workers that began in 2027."
)
PARA_2 = (
    "Transport officer Marta Ruiz said the first buses would run in September. “We will "
    "count every passenger and publish the numbers each month,” she said."
)
PARA_3 = (
    "Opposition councillors said the money should have gone to road repairs, and asked "
    "for the trial to be reviewed after six months rather than twelve."
)


def page(*middle: str, before: tuple[str, ...] = (), after: tuple[str, ...] = ()) -> str:
    """An invented article with furniture lines placed around and between its paragraphs."""
    return "\n".join([*before, HEADLINE, PARA_1, *middle, PARA_2, PARA_3, *after])


def texts(result: Extracted) -> list[str]:
    return [text for _, text in result.blocks]


def assert_clean_body(result: Extracted) -> None:
    assert result.title == HEADLINE
    assert result.blocks == (
        (BlockKind.PARAGRAPH, PARA_1),
        (BlockKind.PARAGRAPH, PARA_2),
        (BlockKind.PARAGRAPH, PARA_3),
    )


FURNITURE = {
    "consent": [
        "We use cookies to improve your experience on our site.",
        "By continuing to use this website, you agree to our use of cookies.",
        "Privacy Policy",
        "Cookie Policy",
        "Terms of Use",
        "Accept all cookies",
        "Term of Use",
    ],
    "navigation": [
        "Home",
        "Politics",
        "Skip to main content",
        "Home › Local › Transport",
        "News | City | Transport | Opinion",
        "Next article",
        "chevron_left",
        "Browse All Posts",
        "Close extra sharing options",
        "Get short URL",
        "Copy Link",
        "Edit ProfileSign Out",
        "Media playback is unsupported on your device",
        "These are external links and will open in a new window",
        "Filed under: Transport, Buses",
    ],
    "social": [
        "Share on Facebook",
        "Follow us on Instagram",
        "Subscribe now",
        "Sign up for our free daily newsletter",
        "Log in",
        "Sign in to comment",
        "Enter your email address",
        "Breaking News Emails",
        "Get breaking news alerts and special reports, delivered weekday mornings.",
        "Follow the topics within this article",
    ],
    "ads": ["Advertisement", "ADVERTISEMENT", "Sponsored content", "Story continues below"],
    "footer": [
        "© 2031 Riverside Courier Ltd.",
        "Copyright 2031 Riverside Courier. All rights reserved.",
        "Contact us",
        "About us | Careers | Help",
        "Riverside Courier is supported by its readers. When you buy through links on our "
        "site, we may earn an affiliate commission.",
    ],
    "byline": [
        "By Lena Fischer",
        "By Lena Fischer and Tomas Berg, Riverside Courier",
        "Senior Contributor",
        "Contributing Writer",
        "Reading time: 4 minutes",
        "Tempo de leitura: 3 minutos",
        "Lesezeit: 5 Min.",
    ],
    "timestamp": [
        "3 March 2031",
        "Updated 14:32 GMT, 3 March 2031",
        "Published: Mar. 3, 2031 at 9:05 a.m. EST",
        "2 hours ago",
        "5 min read",
    ],
    "credit": [
        "Photo: Riverside Pictures",
        "Image credit: Jonas Weber",
        "(Photo by Jonas Weber/Getty Images)",
        "Getty Images",
    ],
    "promo_links": [
        "Related: Bus fares to rise in January",
        "Read more: What the budget means for you",
    ],
}
# Lines that open a teaser list or a comment section: they end the body.
BOUNDARIES = {
    "promo": ["Trending Now", "Most read", "Related stories", "You may also like"],
    "comments": ["12 Comments", "Leave a Reply", "citybus_fan says:"],
}


@pytest.mark.parametrize(
    "line",
    [
        pytest.param(line, id=f"{family}:{line}")
        for family, lines in FURNITURE.items()
        for line in lines
    ],
)
def test_furniture_line_between_paragraphs_is_dropped(line: str) -> None:
    assert_clean_body(extract_text(page(line)))


@pytest.mark.parametrize("family", sorted(FURNITURE | BOUNDARIES))
def test_furniture_family_around_the_article_is_dropped(family: str) -> None:
    lines = tuple((FURNITURE | BOUNDARIES)[family])
    assert_clean_body(extract_text(page(before=lines, after=lines)))


@pytest.mark.parametrize(
    "line",
    [
        pytest.param(line, id=f"{family}:{line}")
        for family, lines in BOUNDARIES.items()
        for line in lines
    ],
)
def test_boundary_line_ends_the_body(line: str) -> None:
    teaser = "Great rail journeys you can take this summer, ranked by our readers."
    comment = "I have waited ten years for this, and I still think it comes far too late."
    assert_clean_body(extract_text(page(before=(line,), after=(line, teaser, comment))))


@pytest.mark.parametrize(
    "placeholder",
    ["{{ subpage.title }}", "{% block content %}", "${headline}", "<%= story.byline %>"],
)
def test_template_placeholders_are_dropped(placeholder: str) -> None:
    result = extract_text(page(placeholder, before=(placeholder,), after=(placeholder,)))
    assert_clean_body(result)


def test_placeholder_inside_a_line_is_cut_out() -> None:
    result = extract_text(page(after=("Subscribe for ${price} a month",)))
    assert_clean_body(result)
    assert not any("${" in text for text in texts(result))


def test_repeated_lines_are_dropped() -> None:
    repeated = "Riverside Courier Live"
    result = extract_text(page(repeated, before=(repeated,), after=(repeated,)))
    assert_clean_body(result)


def test_repeated_paragraph_is_kept_once() -> None:
    result = extract_text(page(after=(PARA_1,)))
    assert texts(result).count(PARA_1) == 1


def test_short_unpunctuated_lines_are_dropped() -> None:
    result = extract_text(page("Watch", "Gallery", after=("Explore", "Local heroes")))
    assert_clean_body(result)


def test_headline_is_the_title_like_line_before_the_body() -> None:
    before = ("Menu", "Trending Now", "We use cookies on this site.", "Transport")
    result = extract_text(page(before=before))
    assert result.title == HEADLINE
    assert HEADLINE not in texts(result)


def test_headline_found_across_byline_date_and_credit() -> None:
    text = "\n".join(
        [
            "Home › Local",
            HEADLINE,
            "By Lena Fischer",
            "3 March 2031",
            "Photo: Jonas Weber",
            PARA_1,
            PARA_2,
            PARA_3,
        ]
    )
    assert_clean_body(extract_text(text))


def test_no_headline_when_the_body_comes_first() -> None:
    result = extract_text("\n".join([PARA_1, PARA_2, PARA_3]))
    assert result.title is None
    assert len(result.blocks) == 3


def test_standalone_subheading_between_paragraphs() -> None:
    result = extract_text(page("What happens next"))
    assert result.blocks[1] == (BlockKind.SUBHEADING, "What happens next")
    assert result.blocks[2] == (BlockKind.PARAGRAPH, PARA_2)


def test_run_in_question_becomes_a_subheading() -> None:
    answer = (
        "Four routes to start with, according to Ruiz, linking the hospital, the freight "
        "yards and the two biggest estates."
    )
    result = extract_text(page(f"Where will the buses run? {answer}"))
    assert result.blocks[1] == (BlockKind.SUBHEADING, "Where will the buses run?")
    assert result.blocks[2] == (BlockKind.PARAGRAPH, answer)


@pytest.mark.parametrize(
    "paragraph",
    [
        "“Who pays for it?” asked councillor Amir Said, who voted against the trial on Thursday.",
        "Is it worth it? he asked, and the chamber went quiet for a long moment after that.",
        "Why now? No.",
        "What would it cost, and who would drive the buses at three in the morning if the "
        "city could not find enough staff to fill the existing daytime rota? Nobody knew.",
    ],
)
def test_paragraph_not_split_without_a_short_question_and_answer(paragraph: str) -> None:
    result = extract_text(page(paragraph))
    assert (BlockKind.PARAGRAPH, paragraph) in result.blocks
    assert not any(kind is BlockKind.SUBHEADING for kind, _ in result.blocks)


def test_full_page_fixture() -> None:
    expected = json.loads((FIXTURES / "harbour-strike.expected.json").read_text("utf-8"))
    result = extract_text((FIXTURES / "harbour-strike.txt").read_text("utf-8"))
    assert result.title == expected["title"]
    assert [[kind.value, text] for kind, text in result.blocks] == expected["blocks"]


def test_every_body_sentence_kept_verbatim() -> None:
    expected = json.loads((FIXTURES / "harbour-strike.expected.json").read_text("utf-8"))
    raw = (FIXTURES / "harbour-strike.txt").read_text("utf-8")
    body = "\n".join(text for _, text in extract_text(raw).blocks)
    for _, text in expected["blocks"]:
        for sentence in re.split(r"(?<=[.?!”])\s+", text):
            assert sentence in raw
            assert sentence in body


def test_all_furniture_page_has_no_article() -> None:
    with pytest.raises(SkipError) as error:
        extract_text((FIXTURES / "furniture-only.txt").read_text("utf-8"))
    assert error.value.reason is SkipReason.NO_ARTICLE


@pytest.mark.parametrize("text", ["", "   \n\n\t\n"])
def test_empty_input(text: str) -> None:
    with pytest.raises(SkipError) as error:
        extract_text(text)
    assert error.value.reason is SkipReason.EMPTY


def test_whitespace_trimmed_and_windows_newlines() -> None:
    text = page().replace("\n", "  \r\n\t")
    assert_clean_body(extract_text(text))


def test_lexicon_is_loaded_once_and_has_every_family() -> None:
    assert load_lexicon() is load_lexicon()
    assert "privacy policy" in load_lexicon().lines


@pytest.mark.skipif(not GZERO.is_file(), reason="shared corpus not available")
def test_gzero_dev_page() -> None:
    raw = GZERO.read_text("utf-8")
    result = extract_text(raw)
    assert result.title == GZERO_TITLE
    body = "\n".join(texts(result))
    for furniture in ("Trending Now", "Privacy Policy", "Cookie Policy", "{{ subpage.title }}"):
        assert furniture not in body
    paragraphs = [line.strip() for line in raw.splitlines()[4:] if line.strip()]
    assert len(paragraphs) == 5
    for paragraph in paragraphs:
        for sentence in re.split(r"(?<=[.?!])\s+(?=[A-Z“])", paragraph):
            assert sentence in body
    assert (BlockKind.SUBHEADING, "What will Ukraine’s allies do?") in result.blocks


def test_agency_initials_are_a_credit_only_in_capitals() -> None:
    """'(ePA)' closing a sentence is an abbreviation, not the EPA photo agency."""
    sentence = (
        "Seit Jahren diskutiert wird das Thema mit dem höchsten Potenzial: "
        "die elektronische Patientenakte (ePA)"
    )
    assert texts(extract_text(page(sentence))) == [PARA_1, sentence, PARA_2, PARA_3]
    assert_clean_body(extract_text(page("Jonas Weber/EPA")))
