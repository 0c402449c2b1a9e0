"""Plain text: paragraphs repeated on purpose stay at every copy, an article
printed twice stays once, a numbered list that ends the article is kept to its
last item, invisible lines are blank, and "Read also" headings in other
languages close the article.

Every page here was written for these tests.
"""

from __future__ import annotations

import pytest

from watchfloor.extract.text import extract_text
from watchfloor.models import Extracted

HEADLINE = "Three harbour cooks on feeding a town in winter"
INTRO = (
    "We asked three cooks who run the harbour's busiest kitchens how they plan a winter "
    "menu when the fishing boats stay in port for weeks at a time."
)
QUESTION = "What do you cook when the boats cannot go out, and who do you cook it for?"
ANSWERS = (
    "Mostly soups and stews from the cellar, because the dockers come in cold and hungry "
    "and want something that keeps them going until the evening shift.",
    "I bake. Bread, pies and buns keep for days, and the families up the hill send their "
    "children down for them before school every morning.",
    "We switch to beans and smoked fish, which we put away in the autumn, and we cook for "
    "whoever walks in, there is never a printed menu in January.",
)
OUTRO = (
    "All three kitchens stay open through the winter, and the harbour office keeps a list "
    "of their opening hours on the board beside the ferry ramp."
)
TOP = ("Skip to content", "Harbour Gazette", "Home", "Food", "People")
BOTTOM = ("Share on Facebook", "About us", "© 2031 Harbour Gazette. All rights reserved.")


def page(*body: str, bottom: tuple[str, ...] = BOTTOM) -> str:
    return "\n".join([*TOP, HEADLINE, "By Ines Moreau", *body, *bottom])


def texts(result: Extracted) -> list[str]:
    return [text for _, text in result.blocks]


def test_a_question_put_to_every_guest_is_kept_at_every_copy() -> None:
    interview = [INTRO]
    for name, answer in zip(("Maren Holt", "Tobias Lind", "Ada Quist"), ANSWERS, strict=True):
        interview += [name, QUESTION, answer]
    result = extract_text(page(*interview, OUTRO))
    assert texts(result).count(QUESTION) == 3
    assert texts(result) == [*interview, OUTRO]


def test_an_article_printed_twice_is_kept_once() -> None:
    article = [INTRO, *ANSWERS, OUTRO]
    result = extract_text(page(*article, "Print this article", *article))
    assert texts(result) == article


def test_a_paragraph_copied_right_after_itself_is_kept_once() -> None:
    result = extract_text(page(INTRO, ANSWERS[0], ANSWERS[0], ANSWERS[1], OUTRO))
    assert texts(result) == [INTRO, ANSWERS[0], ANSWERS[1], OUTRO]


def test_a_repeated_long_line_of_a_plan_is_kept_at_every_copy() -> None:
    breakfast = "Breakfast: two eggs, one slice of rye bread, half a cup of berries, 1 tsp. butter."
    plan = [INTRO]
    for day, answer in zip(("Monday", "Tuesday", "Wednesday"), ANSWERS, strict=True):
        plan += [day, breakfast, "Lunch: bean soup", answer]
    result = extract_text(page(*plan, OUTRO))
    assert texts(result).count(breakfast) == 3
    assert texts(result) == [*plan, OUTRO]


def test_a_numbered_list_ending_the_article_is_kept_to_its_last_item() -> None:
    items: list[str] = []
    for n in range(1, 16):
        items += [f"{n}) Enamel stock pot, {n + 4} litres", f"https://shop.example/pot-{n}"]
    tail = ("soups stews winter", "imoreau", "Leave a comment")
    result = extract_text(
        page(INTRO, ANSWERS[0], "Our picks for the cellar kitchen:", *items, bottom=tail + BOTTOM)
    )
    kept = texts(result)
    assert kept[-len(items) :] == items
    assert not set(tail) & set(kept)


def test_a_line_of_invisible_characters_is_blank() -> None:
    zwsp = "\u200b"
    result = extract_text(page(INTRO, zwsp, ANSWERS[0], zwsp, zwsp, ANSWERS[1], "\ufeff", OUTRO))
    assert texts(result) == [INTRO, ANSWERS[0], ANSWERS[1], OUTRO]


@pytest.mark.parametrize(
    "heading", ["Материалы по теме", "Lesen Sie auch", "À lire aussi", "Leia também"]
)
def test_a_read_also_heading_in_another_language_closes_the_article(heading: str) -> None:
    results = ["Maren Holt: 412 votes", "Tobias Lind: 388 votes", "Ada Quist: 259 votes"]
    teasers = ("Ten soups for a cold harbour", "The baker who never sleeps")
    result = extract_text(page(INTRO, *ANSWERS, OUTRO, *results, heading, *teasers))
    assert texts(result) == [INTRO, *ANSWERS, OUTRO, *results]
