"""The headline of scraped page text: the article's own, never a byline, a caption, a
name, a teaser or a section; scraped pages of the example page's kind keep their own
title and lose every furniture line.

Every page here was written for these tests.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from ferry_page import BOTTOM, HEADLINE, P1, P2, P3, TOP, texts

from watchfloor.extract.text import extract_text
from watchfloor.models import BlockKind

TRENDING = (
    "Trending Now",
    "Five bridges that shaped the city",
    "Why the tram plan stalled again",
    "Council tax: what changes in April",
)


@pytest.mark.parametrize(
    "above",
    [
        ("Lena Fischer, Riverside Transport Writer",),
        ("Jonas Weber - Staff Writer",),
        ("Passengers queue at the pier in May.Jonas Weber / Riverside Pictures",),
        ("Passengers queue at the pier in May (Photo: Riverside Pictures)",),
        ("Harbour Desk",),
        ("Jonas Weber",),
        ("Lena Fischer, Riverside.com",),
        ("Riverside Courier wire services",),
        ("Riverside Courier Editorial Staff",),
        ("Von Lena Fischer",),
        ("Lena Fischer and Tomas Berg",),
        ("Jonas Weber/RIVERSIDE PICTURES",),
        ("CLICK FOR FULL RESULTS",),
    ],
    ids=[
        "byline",
        "staff",
        "glued-credit",
        "bracketed-credit",
        "section",
        "name",
        "site",
        "wire",
        "editorial-staff",
        "german",
        "two-names",
        "photo-credit",
        "click",
    ],
)
def test_the_headline_is_not_a_byline_a_caption_or_a_name(above: tuple[str, ...]) -> None:
    text = "\n".join([*TOP, HEADLINE, "06/06/2031", *above, P1, P2, P3, *BOTTOM])
    result = extract_text(text)
    assert result.title == HEADLINE
    assert texts(result)[0] == P1


def test_a_name_right_above_the_first_paragraph_is_not_body() -> None:
    """A photographer's or author's name under the share bar is no opening line."""
    text = "\n".join([*TOP, HEADLINE, "06/06/2031", "Share on Facebook", "Jonas Weber", P1, P2])
    result = extract_text(text + "\n" + "\n".join([P3, *BOTTOM]))
    assert texts(result) == [P1, P2, P3]


@pytest.mark.parametrize("name", ["lagoon-desalination", "ferry-tariff-vote", "baltic-air-defence"])
def test_scraped_page_keeps_its_own_title_and_no_furniture(name: str) -> None:
    """Pages of the example page's kind on templates written for these tests: a
    teaser box above the headline, a kicker, a byline, a share bar, a newsletter box
    after the story, a related box and a footer."""
    fixtures = Path(__file__).parent / "fixtures" / "text"
    expected = json.loads((fixtures / f"{name}.expected.json").read_text("utf-8"))
    result = extract_text((fixtures / f"{name}.txt").read_text("utf-8"))
    assert result.title == expected["title"]
    body = "\n".join(texts(result))
    assert [line for line in expected["furniture"] if line in body] == []
    assert [kind for kind, _ in result.blocks] == [BlockKind.PARAGRAPH] * expected["paragraphs"]


@pytest.mark.parametrize("byline", ["By Lena Fischer · June 6, 2031", "June 6, 2031"])
def test_a_question_headline_over_its_byline_is_the_headline(byline: str) -> None:
    question = "Will the ferry strike be the last one this decade?"
    text = "\n".join([*TOP, *TRENDING, question, byline, P1, P2, P3, *BOTTOM])
    result = extract_text(text)
    assert result.title == question
    assert texts(result) == [P1, P2, P3]


def test_a_question_teaser_above_the_headline_is_not_the_headline() -> None:
    teaser = "Is there still a future for night ferries?"
    text = "\n".join([*TOP, teaser, "June 5, 2031", HEADLINE, P1, P2, P3, *BOTTOM])
    assert extract_text(text).title == HEADLINE


def test_a_russian_page_loses_its_menu_breadcrumb_and_teasers() -> None:
    title = "Паромщики вернулись к работе после соглашения о зарплате"
    body = [
        "Экипажи паромов на речных линиях вернулись к работе в пятницу после того, как "
        "профсоюз принял двухлетнее соглашение о повышении зарплаты на семь процентов.",
        "Оператор сообщил, что первые рейсы отправятся в шесть утра, а расписание "
        "полностью восстановится к выходным.",
        "Объединения пассажиров приветствовали соглашение, но попросили компенсацию "
        "для владельцев сезонных билетов.",
    ]
    teasers = ["Вам также может быть интересно", "Мост закроют до июля", "Новая велодорожка"]
    top = ["Перейти к контенту", "Новости", "Транспорт", "Главная » Транспорт"]
    result = extract_text("\n".join([*top, title, *body, *teasers]))
    assert result.title == title
    assert texts(result) == body


def test_the_headline_above_its_standfirst_is_found() -> None:
    dek = "Crews accept a seven percent rise over two years, and the first sailings leave at six."
    furniture = (
        "By Lena Fischer",
        "June 6, 2031",
        "Share on Facebook",
        "Copy link",
        "Crews at the pier on Friday.Jonas Weber / Riverside Pictures",
    )
    text = "\n".join([*TOP, *TRENDING, HEADLINE, dek, *furniture, P1, P2, P3, *BOTTOM])
    result = extract_text(text)
    assert result.title == HEADLINE
    assert texts(result) == [P1, P2, P3]


def test_the_headline_over_a_post_meta_line_is_found() -> None:
    teasers = ("Bridge closure extended to July", "New cycle lane opens on Quay Street")
    meta = "June 6, 2031/0 Comments/in Ferries /by admin"
    text = "\n".join([*TOP, *teasers, HEADLINE, meta, P1, P2, P3, *BOTTOM])
    result = extract_text(text)
    assert result.title == HEADLINE
    assert texts(result) == [P1, P2, P3]


@pytest.mark.parametrize("under", [("By Lena Fischer", "June 6, 2031"), ("June 6, 2031",)])
@pytest.mark.parametrize("short", ["Ferry Strike Ends", "Harbour Talks Collapse"])
def test_a_short_headline_in_capitals_after_trending_is_the_headline(
    short: str, under: tuple[str, ...]
) -> None:
    """A headline of a few capitalised words reads like a name, but the byline or date
    under it still makes it the headline, not the last Trending teaser."""
    text = "\n".join([*TOP, *TRENDING, short, *under, P1, P2, P3, *BOTTOM])
    assert extract_text(text).title == short


def test_a_standfirst_under_a_teaser_is_not_read_past_the_headline() -> None:
    """A question teaser with a date under it, above the real headline: the headline
    nearer the body is the one."""
    teaser = "Ferry strikes and the long way out"
    dek = "Unions and operators have met nine times this year without a deal."
    share = ("Share on Facebook", "Share on X", "Copy link", "Print", "Email", "Save")
    text = "\n".join([*TOP, teaser, dek, "June 5, 2031", *share, HEADLINE, P1, P2, P3])
    assert extract_text(text).title == HEADLINE


@pytest.mark.parametrize("headline", [HEADLINE, "Will the ferry strike be the last one?"])
def test_the_headline_over_its_authors_name_and_a_date_is_found(headline: str) -> None:
    text = "\n".join([*TOP, *TRENDING, headline, "Lena Fischer", "6 June 2031, 09:30", P1, P2])
    assert extract_text(text + "\n" + P3).title == headline


def test_a_question_headline_over_its_standfirst_is_found() -> None:
    question = "Will the ferry strike be the last one?"
    dek = "Crews accept a seven percent rise over two years."
    text = "\n".join([*TOP, *TRENDING, question, dek, "By Lena Fischer", "June 6, 2031", P1, P2])
    result = extract_text(text + "\n" + P3)
    assert result.title == question
    assert question not in texts(result)


@pytest.mark.parametrize("headline", [HEADLINE, "Will the ferry strike be the last one?"])
def test_the_standfirst_under_the_headline_is_not_body(headline: str) -> None:
    dek = "Crews accept a seven percent rise over two years."
    text = "\n".join([*TOP, headline, dek, "By Lena Fischer", "June 6, 2031", P1, P2, P3])
    result = extract_text(text)
    assert result.title == headline
    assert texts(result) == [P1, P2, P3]
