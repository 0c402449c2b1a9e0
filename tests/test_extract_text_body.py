"""The plain-text body keeps every true line: short lines inside the body, lines
repeated on purpose, unpunctuated edge lines and the tail after a mid-article
promo heading; the headline is the article's own, not a "Trending now" teaser.

Every page here was written for these tests.
"""

from __future__ import annotations

import pytest
from ferry_page import BOTTOM, HEADLINE, P1, P2, P3, P4, TOP, page, texts

from watchfloor.extract.text import extract_text
from watchfloor.models import BlockKind


def test_embedded_post_and_its_attribution_are_kept() -> None:
    post = "Back on the water at last, thank you to everyone who waited with us"
    attribution = "— Riverside Ferries (@riversideferries) June 6, 2031"
    result = extract_text(page(P1, post, attribution, P2, P3))
    assert texts(result) == [P1, post, attribution, P2, P3]
    assert result.title == HEADLINE


def test_list_items_inside_the_body_are_kept() -> None:
    items = ["Day return: £4.20", "Weekly pass: £18", "Monthly pass: £62", "Under-16s travel free"]
    result = extract_text(page(P1, "New fares from Monday", *items, P2, P3))
    assert texts(result) == [P1, "New fares from Monday", *items, P2, P3]


def test_back_to_back_subheadings_are_subheadings() -> None:
    result = extract_text(page(P1, "What the deal means", "For passengers", P2, P3))
    assert result.blocks[1:3] == (
        (BlockKind.SUBHEADING, "What the deal means"),
        (BlockKind.SUBHEADING, "For passengers"),
    )
    assert texts(result) == [P1, "What the deal means", "For passengers", P2, P3]


def test_a_line_repeated_on_purpose_is_kept_at_every_copy() -> None:
    plan: list[str] = [P1]
    for day, paragraph in (("Monday", P2), ("Tuesday", P3), ("Wednesday", P4)):
        plan += [day, "Breakfast: porridge with berries", "Lunch: lentil soup", paragraph]
    result = extract_text(page(*plan))
    assert texts(result).count("Breakfast: porridge with berries") == 3
    assert texts(result).count("Lunch: lentil soup") == 3
    assert texts(result)[0] == P1 and texts(result)[-1] == P4


def test_a_repeated_menu_line_is_still_dropped() -> None:
    result = extract_text(page(P1, "Riverside Courier", P2, P3))
    assert "Riverside Courier" not in texts(result)


def test_unpunctuated_last_line_is_kept() -> None:
    credit = "(Reporting by Lena Fischer; Editing by Tomas Berg)"
    result = extract_text(page(P1, P2, P3, credit))
    assert texts(result) == [P1, P2, P3, credit]


def test_several_bracketed_last_lines_are_kept() -> None:
    credits = (
        "(Graphic: Ferry passengers by month - here)",
        "(Graphic: Strike days since 2029 - here)",
    )
    after = (
        "Reporting by Lena Fischer and Tomas Berg with additional reporting by the "
        "Riverside newsroom team and our harbour desk",
        "Our standards: the code.",
    )
    result = extract_text(page(P1, P2, P3, *credits, *after))
    assert texts(result) == [P1, P2, P3, *credits]


def test_unpunctuated_first_line_of_prose_is_kept() -> None:
    lede = (
        "ferry crews across the estuary were back at their posts before dawn on friday "
        "morning as the long dispute finally came to an end"
    )
    result = extract_text(page(lede, P1, P2, P3))
    assert texts(result) == [lede, P1, P2, P3]
    assert result.title == HEADLINE


def test_the_tail_after_a_promo_heading_mid_article_is_kept() -> None:
    promo = ("Most read", "Bridge closure extended to July", "New cycle lane opens on Quay Street")
    result = extract_text(page(P1, P2, *promo, P3, P4))
    assert texts(result) == [P1, P2, P3, P4]


def test_teasers_after_the_article_stay_out() -> None:
    teasers = (
        "Most read",
        "Bridge closure extended to July",
        "New cycle lane opens on Quay Street",
    )
    result = extract_text(page(P1, P2, P3, *teasers))
    assert texts(result) == [P1, P2, P3]


TRENDING = (
    "Trending Now",
    "Five bridges that shaped the city",
    "Why the tram plan stalled again",
    "Council tax: what changes in April",
)


@pytest.mark.parametrize(
    "between",
    [(), ("Transport · Analysis",), ("Share by email", "Copy link")],
    ids=["direct", "kicker", "share"],
)
def test_title_is_the_articles_own_not_a_trending_teaser(between: tuple[str, ...]) -> None:
    text = "\n".join(
        [
            *TOP,
            *TRENDING,
            HEADLINE,
            "By the Riverside transport desk | June 6, 2031",
            *between,
            P1,
            P2,
            P3,
            *BOTTOM,
        ]
    )
    assert extract_text(text).title == HEADLINE


@pytest.mark.parametrize(
    "signup",
    [
        "Enjoyed this story? Sign up for The Tide, our free weekly transport newsletter.",
        "Get The Tide, our free weekly briefing on transport, in your inbox every Friday.",
        "Want more like this? Subscribe to our morning email and never miss a sailing update.",
        "Sign up for Riverside Daily to get analysis like this delivered every weekday.",
        "Join 40,000 readers who get The Tide first thing every Friday.",
        "Want more analysis like this? The Tide arrives every Friday morning.",
    ],
)
def test_newsletter_signup_line_is_not_body(signup: str) -> None:
    result = extract_text(page(P1, P2, P3, signup))
    assert texts(result) == [P1, P2, P3]


def test_unspaced_script_page_is_extracted() -> None:
    title = "渡轮罢工在加薪协议后结束"
    body = [
        "河畔航线的渡轮船员周五在工会接受了为期两年、涨幅百分之七的加薪协议后复工，结束了自五月开始的罢工。",
        "运营方表示，首班船将于早上六点出发，时刻表将在周末前恢复正常。",
        "乘客团体对协议表示欢迎，但要求为已支付却未能出行的季票持有人提供补偿。",
    ]
    result = extract_text("\n".join(["首页", "新闻", title, *body, "版权所有"]))
    assert result.title == title
    assert texts(result)[:3] == body


def test_short_lines_opening_the_body_are_kept_and_are_no_headline() -> None:
    opening = ["What changes on Monday", "Day return: £4.20", "Weekly pass: £18"]
    result = extract_text(page(*opening, P1, P2, P3))
    assert result.title == HEADLINE
    assert texts(result) == [*opening, P1, P2, P3]


def test_embedded_post_opening_the_body_is_no_headline() -> None:
    post = ["Back on the water at last, thank you all", "— Riverside Ferries June 6, 2031"]
    result = extract_text(page(*post, P1, P2, P3))
    assert result.title == HEADLINE
    assert texts(result) == [*post, P1, P2, P3]


def test_short_lines_closing_the_body_are_kept() -> None:
    closing = ["Fares from Monday:", "Day return: £4.20", "Weekly pass: £18"]
    result = extract_text(page(P1, P2, P3, *closing))
    assert texts(result) == [P1, P2, P3, *closing]


def test_short_lines_between_the_headline_and_the_body_are_kept() -> None:
    """A score box or a spec line right under the headline opens the article."""
    scores = ["Harbour Rovers 14 11 6 15 — 46", "Quay United 18 22 13 17 — 70"]
    text = "\n".join([*TOP, HEADLINE, *scores, P1, P2, P3, *BOTTOM])
    result = extract_text(text)
    assert result.title == HEADLINE
    assert texts(result) == [*scores, P1, P2, P3]


@pytest.mark.parametrize(
    "dateline",
    [
        "Posted on June 6, 2031 by admin",
        "06/06/2031 Lena Fischer Transport, Ferries, News",
        "Lena Fischer - Jun 6, 2031, 10:31 pm CST",
    ],
)
def test_a_dateline_under_the_headline_stays_out_and_what_follows_is_kept(dateline: str) -> None:
    spec = "Tested by: Lena Fischer Price: £23.99 More info: www.riverside-ferries.example"
    text = "\n".join([*TOP, HEADLINE, dateline, spec, P1, P2, P3, *BOTTOM])
    result = extract_text(text)
    assert result.title == HEADLINE
    assert texts(result) == [spec, P1, P2, P3]


def test_lines_under_a_headline_picked_from_a_teaser_list_stay_out() -> None:
    """When the headline is only a guess among a list of headline-like lines, the
    lines below it are more of the list."""
    teasers = [
        "Bridge closure extended to July",
        "New cycle lane opens on Quay Street",
        "Tram depot plans go on show",
        "Council tax: what changes in April",
        "Why the ferry timetable matters",
    ]
    result = extract_text("\n".join([*TOP, *teasers, P1, P2, P3, *BOTTOM]))
    assert texts(result) == [P1, P2, P3]


@pytest.mark.parametrize(
    "credit",
    ["© Harbour Pictures", "Main image credit: Jonas Weber", "(Image credit: Riverside Pictures)"],
)
def test_the_pictures_credit_right_after_the_story_is_kept(credit: str) -> None:
    result = extract_text(page(P1, P2, P3, credit))
    assert texts(result) == [P1, P2, P3, credit]


@pytest.mark.parametrize(
    "line",
    ["© 2031 Riverside Courier Ltd.", "© Riverside Courier. All rights reserved.", "Photo: AP"],
)
def test_a_site_copyright_or_a_caption_credit_after_the_story_is_not(line: str) -> None:
    result = extract_text(page(P1, P2, P3, line))
    assert texts(result) == [P1, P2, P3]


def test_a_sentence_about_an_inbox_stays_in_the_body() -> None:
    inbox = "The minister said her inbox filled with complaints every day."
    result = extract_text(page(P1, inbox, P2, P3))
    assert texts(result) == [P1, inbox, P2, P3]


def test_a_newsletter_box_inside_the_body_is_dropped_whole() -> None:
    box = (
        "Sign up to The Tide",
        "Our transport editor's pick of the week's stories, every Sunday.",
        "Email address",
        "Sign up",
        "You can opt out of these emails at any time. See our privacy notice.",
    )
    result = extract_text(page(P1, P2, *box, P3, P4))
    assert texts(result) == [P1, P2, P3, P4]


def test_a_topics_box_after_the_story_is_not_body() -> None:
    topics = ("Explore more on these topics", "Ferries", "Strikes", "Reuse this content")
    result = extract_text(page(P1, P2, P3, *topics))
    assert texts(result) == [P1, P2, P3]


def test_the_storys_reference_lines_after_it_are_kept() -> None:
    refs = (
        "More information: L. Fischer et al. Ferry demand after strikes, J. Harbour Stud. (2031)",
        "Provided by Riverside Transport Institute",
    )
    after = ("Citation:", "Ferry demand after strikes (2031, June 6)", "Subject to copyright.")
    result = extract_text(page(P1, P2, P3, *refs, *after))
    assert texts(result) == [P1, P2, P3, *refs]
