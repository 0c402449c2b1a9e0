"""Spelling variants of unknown people, looked up in one index range (migration 0008).

Filing a person the knowledge base does not know checks whether a variant of the
full name is filed already ("Oleksander" / "Oleksandr Kovalenko"). The look-up reads
only names of the same first letter and of a length that can still score as the
same person; these tests check that the range misses no variant, that the table
holds exactly the names the registry implies, and that an upgraded store gets it.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from old_store import open_before
from test_actor_registry import person, stored_article

from watchfloor.store import open_store
from watchfloor.store.actors import alias_key, name_lengths, same_person

LETTERS = "abcdefghijklmnopqrstuvwxyz"
_NAMES = st.text(LETTERS, min_size=1, max_size=14)


@st.composite
def name_and_variant(draw: st.DrawFn) -> tuple[str, str]:
    """A full name and a copy with a few letters inserted, dropped or changed."""
    name = " ".join(draw(st.lists(_NAMES, min_size=2, max_size=4)))
    variant = list(name)
    for _ in range(draw(st.integers(0, 6))):
        at = draw(st.integers(0, max(0, len(variant) - 1)))
        edit = draw(st.sampled_from(["insert", "drop", "change"]))
        letter = draw(st.sampled_from(LETTERS))
        if edit == "insert":
            variant.insert(at, letter)
        elif variant and edit == "drop":
            del variant[at]
        elif variant:
            variant[at] = letter
    return name, "".join(variant)


@given(name_and_variant())
def test_every_variant_lies_in_the_length_range(pair: tuple[str, str]) -> None:
    name, variant = pair
    if same_person(name, variant):
        low, high = name_lengths(len(alias_key(name)))
        assert low <= len(alias_key(variant)) <= high


def test_length_range_is_tight_enough_to_help() -> None:
    assert name_lengths(20) == (16, 25)
    assert name_lengths(0) == (0, 0)


def _names(store: Any) -> list[tuple[Any, ...]]:
    rows = store._all("SELECT actor_id, alias, initial, length FROM person_names")
    return sorted((r["actor_id"], r["alias"], r["initial"], r["length"]) for r in rows)


def test_the_table_holds_exactly_the_unknown_full_names(store_url: str) -> None:
    store: Any = open_store(store_url)
    try:
        one = stored_article(store, "a", "2024-01-02")
        store.save_actors(
            one,
            "a",
            [
                person("Oleksandr Kovalenko", role="Mayor"),
                person("Okafor"),  # one word: filed per article, never a variant
                person("Volodymyr Zelenskyy", "person:zelenskyy", known=True),
            ],
        )
        (kovalenko,) = store.list_actors(search="kovalenko")
        assert _names(store) == [(kovalenko.id, "Oleksandr Kovalenko", "o", 19)]
        kept = _names(store)
        store.refresh_person_names()  # what migration 0008 and bulk loads run
        assert _names(store) == kept

        two = stored_article(store, "b", "2024-01-03")
        store.save_actors(two, "b", [person("Oleksander Kovalenko")])
        (same,) = store.list_actors(search="kovalenko")
        assert same.id == kovalenko.id and same.articles == 2
        assert {row[1] for row in _names(store)} == {"Oleksandr Kovalenko", "Oleksander Kovalenko"}
    finally:
        store.close()


def test_an_upgraded_store_finds_variants_filed_before(
    store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = open_before(store_url, 8, monkeypatch)
    assert old.schema_version() == 7
    filed = old._insert(
        "INSERT INTO actors (key, name, type, known) VALUES (?, ?, 'PERSON', 0) RETURNING id",
        ("person:oleksandr-kovalenko", "Oleksandr Kovalenko"),
    )
    old._run(
        "INSERT INTO actor_aliases (actor_id, alias, alias_key) VALUES (?, ?, ?)",
        (filed, "Oleksandr Kovalenko", alias_key("Oleksandr Kovalenko")),
    )
    old.close()
    monkeypatch.undo()

    upgraded: Any = open_store(store_url)
    try:
        assert _names(upgraded) == [(filed, "Oleksandr Kovalenko", "o", 19)]
        article = stored_article(upgraded, "b", "2024-01-03")
        upgraded.save_actors(article, "b", [person("Oleksander Kovalenko")])
        assert [a.id for a in upgraded.list_actors(search="kovalenko")] == [filed]
    finally:
        upgraded.close()
