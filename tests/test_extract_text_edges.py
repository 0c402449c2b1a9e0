"""Plain text: lines at the edges of the story's parts that are article although they
look like furniture (a live blog's entry times, a picture credit over a promo box),
and furniture headings the lexicon must name however they are punctuated.

Every page here was written for these tests.
"""

from __future__ import annotations

import pytest
from ferry_page import BOTTOM, P1, P2, P3, P4, TOP, page, texts

from watchfloor.extract.text import extract_text


def test_a_live_blogs_entry_times_are_kept() -> None:
    result = extract_text(page(P1, "9:45 a.m.", P2, P3, "11 a.m.", P4))
    assert texts(result) == [P1, "9:45 a.m.", P2, P3, "11 a.m.", P4]


def test_a_lone_time_inside_the_body_is_still_dropped() -> None:
    result = extract_text(page(P1, P2, "9:45 a.m.", P3, P4))
    assert texts(result) == [P1, P2, P3, P4]


def test_the_pictures_credit_over_a_promo_box_inside_the_body_is_kept() -> None:
    teasers = ("Bridge closure extended to July", "Tram depot plans go on show")
    tail = (
        "Union leaders said a ballot on the deal's second year would be held in the autumn, "
        "and that crews would not rule out further action if the talks stalled.",
        "The operator declined to comment on the ballot but said it expected talks to go well "
        "and hoped to reach a settlement before the summer timetable began in earnest.",
    )
    result = extract_text(page(P1, P2, P3, "© Harbour Pictures", "Related:", *teasers, *tail))
    kept = texts(result)
    assert kept[:4] == [P1, P2, P3, "© Harbour Pictures"]
    assert "Related:" not in kept and teasers[0] not in kept


@pytest.mark.parametrize("heading", ["You may also like:", "Trending now:", "Related stories:"])
def test_a_promo_heading_ending_in_a_colon_closes_the_body(heading: str) -> None:
    teasers = ("Bridge closure extended to July", "New cycle lane opens on Quay Street")
    result = extract_text("\n".join([*TOP, "Ferry strike ends", P1, P2, P3, heading, *teasers]))
    assert texts(result) == [P1, P2, P3]


@pytest.mark.parametrize(
    "line",
    [
        "Advert",
        "Riverside Courier Ltd., Copyright (C) 2031. All right reserved.",
        "Weitere Beiträge zum Thema",
    ],
)
def test_more_furniture_lines_after_the_story_are_dropped(line: str) -> None:
    result = extract_text("\n".join([*TOP, "Ferry strike ends", P1, P2, P3, line, *BOTTOM]))
    assert texts(result) == [P1, P2, P3]


RELEASE_NOTES = (
    "What is new in version 4.2?",
    "Offline maps are back!",
    "Dark mode for the timetable",
    "Faster ticket checkout",
    "Live departure boards",
    "Bugs fixed",
    "Plan your next crossing with the new journey planner",
)


def test_a_lists_short_lines_and_exclamations_over_the_first_paragraph_are_kept() -> None:
    top = ["Ferry app gets its autumn update", "By Lena Fischer", "Leave a comment"]
    result = extract_text("\n".join([*TOP, *top, *RELEASE_NOTES, P1, P2, P3, *BOTTOM]))
    assert texts(result) == [*RELEASE_NOTES, P1, P2, P3]
    assert result.title == "Ferry app gets its autumn update"


def test_a_comments_link_under_the_byline_is_no_promo_heading() -> None:
    """A "Leave a comment" link under a byline leads to the comments; the lines under it are
    the story's, not teasers, so the headline is the line over the byline."""
    top = ["Ferry app gets its autumn update", "October 5, 2031", "Leave a comment"]
    result = extract_text("\n".join([*TOP, *top, "Offline maps are back!", P1, P2, P3]))
    assert result.title == "Ferry app gets its autumn update"


def test_a_headline_right_under_the_menu_is_found_when_the_body_reaches_it() -> None:
    headline = "Ferry app gets its autumn update"
    notes = ["New in this version:", "+ dark mode for the timetable", "+ faster ticket checkout"]
    lines = ["Menu", "Search", "Home » Transport", headline, *notes, P1, P2]
    result = extract_text("\n".join(lines))
    assert result.title == headline
    assert texts(result) == [*notes, P1, P2]


TEASERS = ("Bridge closure extended to July", "Tram depot plans go on show", "Why fares rise")
SHARE_BAR = ("Share on Facebook", "Share on X", "Copy link", "Email")
CAPTION = "Crews at the Riverside pier on Friday. (Photo: Courier Pictures)"


@pytest.mark.parametrize("caption", [(), (CAPTION,)])
def test_the_line_over_the_share_bar_is_the_headline_not_a_teaser_above_it(
    caption: tuple[str, ...],
) -> None:
    headline = "Ferry crews return to work as union accepts pay deal"
    lines = [*TOP, *TEASERS, headline, *SHARE_BAR, *caption, P1, P2, P3, *BOTTOM]
    result = extract_text("\n".join(lines))
    assert result.title == headline
    assert texts(result) == [P1, P2, P3]


def test_a_question_over_the_share_bar_is_the_headline() -> None:
    question = "Will the ferry strike be the last one this decade?"
    result = extract_text("\n".join([*TOP, *TEASERS, question, *SHARE_BAR, P1, P2, P3]))
    assert result.title == question
    assert texts(result) == [P1, P2, P3]


def test_a_fact_box_after_the_story_is_kept_to_the_share_bar() -> None:
    """A box of practical details ends the story: short lines, a label the lexicon
    knows as furniture ("Staff") over an unpunctuated list of names, and a phone number."""
    box = (
        "Riverside Ferry Festival",
        "June 6 to June 8, 2031",
        "Staff",
        "Director_Anna Berg, Producer_Tomas Lind, Lighting_Maja Holm, Sound_Erik Dahl, "
        "Stage manager_Lena Ek, Costumes_Sara Nyberg, Music_Jonas Weber, Choir_Riverside Voices, "
        "Set design_Karin Lund, Video_Oskar Falk, Dramaturgy_Ida Strand, Props_Nils Berg, "
        "Masks_Eva Sund, Wigs_Per Ahl, Dance_Mia Roos, Puppets_Ulf Ek",
        "Tickets",
        "Adults : 12,000₩",
        "Children : 6,000₩",
        "Inquiry",
        "02-555-0199",
    )
    result = extract_text(page(P1, P2, P3, *box))
    kept = texts(result)
    assert kept[:3] == [P1, P2, P3]
    assert [line for line in box if line not in kept] == ["Staff"]
    assert "Share on Facebook" not in kept


def test_a_category_list_after_a_label_is_still_dropped() -> None:
    categories = ("Categories:", "Ferries", "How To", "Opinions", "Partner News")
    result = extract_text(page(P1, P2, P3, *categories))
    assert texts(result) == [P1, P2, P3]


def test_a_forum_invitation_after_the_story_is_furniture_and_the_credit_stays() -> None:
    forum = (
        "Join our Riverside Forums to keep talking ferries, timetables and more! And if you "
        "have a news tip, correction or comment, let us know at: tips@riverside.example."
    )
    credit = "(Image credit: Riverside Pictures)"
    result = extract_text(page(P1, P2, P3, credit, forum, "No comments yet"))
    assert texts(result) == [P1, P2, P3, credit]


def test_the_credit_stays_when_a_newsletter_box_ends_the_body() -> None:
    credit = "(Image credit: Riverside Pictures)"
    box = (
        "Sign up for e-mail newsletters",
        "Get the latest ferry news, timetable changes and offers from the Courier!",
        "No spam, we promise. You can unsubscribe at any time.",
    )
    result = extract_text("\n".join([*TOP, "Ferry strike ends", P1, P2, P3, credit, *box]))
    assert texts(result) == [P1, P2, P3, credit]


@pytest.mark.parametrize("when", ["6 June 2031 | 8 June 2031", "9.30 A.M. / 7.00 P.M."])
def test_an_event_s_dates_or_opening_hours_end_the_story_s_details(when: str) -> None:
    details = ("Riverside Ferry Festival", "Pier 4, Harbour Road", when)
    result = extract_text(page(P1, P2, P3, *details))
    assert texts(result) == [P1, P2, P3, *details]


@pytest.mark.parametrize("stamp", ["Published June 6, 2031 | Updated June 7, 2031", "1 - 5 of 36"])
def test_a_publication_stamp_or_a_page_counter_after_the_story_is_still_dropped(
    stamp: str,
) -> None:
    result = extract_text(page(P1, P2, P3, stamp))
    assert texts(result) == [P1, P2, P3]


def test_a_sentence_opening_with_back_to_is_prose_and_back_to_top_is_a_link() -> None:
    back = "Back to the strike! Why did it last so long?"
    result = extract_text(page(P1, back, P2, P3, "Back to top"))
    assert texts(result) == [P1, back, P2, P3]
