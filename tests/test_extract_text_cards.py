"""Product cards that end a deals article are kept; a price list without a call to
action (a price guide in a sidebar) is not. Every page here was written for these tests."""

from __future__ import annotations

from watchfloor.extract.text import extract_text
from watchfloor.models import Extracted

TOP = ("Skip to main content", "Gadget Harbour", "Home", "Deals", "Best kettle deals this week")
BYLINE = "By Lena Fischer"
P1 = (
    "Kettles are rarely exciting, but three of the models we tested this spring have dropped "
    "to their lowest prices yet at the big online stores this week."
)
P2 = (
    "We picked the ones that boiled a full litre fastest in our kitchen test and that "
    "kept their water hot for longest once switched off."
)
BOTTOM = ("Tags: Kettles, Deals", "About us", "© 2031 Gadget Harbour. All rights reserved.")


def card(name: str, features: list[str], price: str) -> list[str]:
    return [
        name,
        *features,
        price,
        "Available from Shopwell",
        "We may earn a commission",
        "Buy now",
    ]


CARDS = [
    *card(
        "Quickboil 2", ["1.7 litre jug", "Boils a cup in 45 seconds", "Keep-warm mode"], "$39.99"
    ),
    *card("Quickboil 2 Glass", ["Blue light while boiling", "Removable filter"], "$49.00"),
    *card("Steelpot Mini", ["Travel size", "Dual voltage", "Folding handle", "Two cups"], "£24.50"),
]


def texts(result: Extracted) -> list[str]:
    return [text for _, text in result.blocks]


def test_product_cards_after_the_body_are_kept() -> None:
    result = extract_text("\n".join([*TOP, BYLINE, P1, P2, *CARDS, *BOTTOM]))
    assert texts(result) == [P1, P2, *CARDS]


def test_product_cards_under_a_promo_heading_are_kept_the_heading_is_not() -> None:
    result = extract_text("\n".join([*TOP, BYLINE, P1, P2, "Don't miss", *CARDS, *BOTTOM]))
    assert texts(result) == [P1, P2, *CARDS]


def test_a_price_list_without_a_call_to_action_under_a_promo_heading_stays_out() -> None:
    guide = [
        "Don't miss",
        "Quickboil 2",
        "$39.99",
        "Quickboil 2 Glass",
        "$49.00",
        "Steelpot Mini",
        "$24.50",
        "Steelpot Max",
        "$61.00",
    ]
    result = extract_text("\n".join([*TOP, BYLINE, P1, P2, *guide, *BOTTOM]))
    assert texts(result) == [P1, P2]


def test_teasers_under_a_promo_heading_stay_out() -> None:
    teasers = ["Don't miss", "The best toasters of 2031", "Why your fridge hums at night"]
    result = extract_text("\n".join([*TOP, BYLINE, P1, P2, *teasers, *BOTTOM]))
    assert texts(result) == [P1, P2]
