"""The Phoenix actor-dictionary reader, on a small dictionary written for the test."""

from __future__ import annotations

from datetime import date

import pytest

from watchfloor.actors.phoenix import (
    code_country,
    code_sector,
    parse_code,
    parse_date,
    parse_lines,
)

SAMPLE = """\
# A made-up dictionary in the Phoenix format.
RURITANIA_  [RUR]
+RURITANIAN_
+STRELSAU_

RUDOLF_ELPHBERG_  # CountryInfo.txt
+KING_RUDOLF_
+RUDOLF_V._ELPHBERG
\t[RURELI 19400101-650309]
\t[RURGOV 650310-991231]
\t[RURGOV >100102]
\t[RURGOVLEG <400101]
\t[RURELI]
# The chancellors
CHANCELLOR_OF_RURITANIA
+RURITANIAN_CHANCELLOR
SAPT_CHANCELLOR
\t[RURGOV]
MICHAEL_OF_STRELSAU_ [RURREB] # inline code
BROKEN_DATES_
\t[RURGOV 9008223-991231]
\t[RURGOV 19820101]
\t[---]
"""


def records():
    return list(parse_lines(SAMPLE.splitlines(), "test.actors.txt"))


def test_records_synonyms_and_lines() -> None:
    found = {r.phrase: r for r in records()}
    assert list(found) == [
        "RURITANIA",
        "RUDOLF ELPHBERG",
        "CHANCELLOR OF RURITANIA",
        "SAPT CHANCELLOR",
        "MICHAEL OF STRELSAU",
        "BROKEN DATES",
    ]
    rudolf = found["RUDOLF ELPHBERG"]
    assert rudolf.line == 6 and rudolf.file == "test.actors.txt"
    assert rudolf.synonyms == ["KING RUDOLF", "RUDOLF V. ELPHBERG"]
    assert rudolf.comment == "CountryInfo.txt"
    assert found["RURITANIA"].codes[0].code == "RUR"


def test_date_restrictions_day_precision() -> None:
    rudolf = {r.phrase: r for r in records()}["RUDOLF ELPHBERG"]
    spans = [(c.code, c.start, c.end, c.line) for c in rudolf.codes]
    assert spans == [
        ("RURELI", date(1940, 1, 1), date(1965, 3, 9), 9),
        ("RURGOV", date(1965, 3, 10), date(1999, 12, 31), 10),
        ("RURGOV", date(2010, 1, 2), None, 11),
        ("RURGOVLEG", None, date(1940, 1, 1), 12),
        ("RURELI", None, None, 13),
    ]
    assert rudolf.codes[2].raw == "[RURGOV >100102]"


def test_code_less_primary_shares_the_next_codes() -> None:
    found = {r.phrase: r for r in records()}
    assert [c.code for c in found["CHANCELLOR OF RURITANIA"].codes] == ["RURGOV"]
    assert found["CHANCELLOR OF RURITANIA"].synonyms == ["RURITANIAN CHANCELLOR"]
    assert [c.code for c in found["MICHAEL OF STRELSAU"].codes] == ["RURREB"]


def test_bad_dates_are_reported_not_guessed() -> None:
    broken = {r.phrase: r for r in records()}["BROKEN DATES"]
    assert broken.codes == []  # both restrictions unreadable, the null code dropped
    assert len(broken.problems) == 2
    assert "9008223" in broken.problems[0]


def test_parse_date_centuries() -> None:
    assert parse_date("090120") == date(2009, 1, 20)
    assert parse_date("640101") == date(1964, 1, 1)
    assert parse_date("18950101") == date(1895, 1, 1)
    with pytest.raises(ValueError):
        parse_date("2004017")
    with pytest.raises(ValueError):
        parse_date("091301")  # no 13th month


def test_parse_code_forms() -> None:
    assert parse_code("---") is None
    assert parse_code("USAGOV") is not None
    span = parse_code("IGOUNO  >070201")
    assert span is not None and span.start == date(2007, 2, 1) and span.end is None


def test_code_parts() -> None:
    valid = frozenset({"USA", "RUS"})
    assert code_country("USAGOVLEG", valid) == "USA"
    assert code_country("IGOUNO", valid) is None
    assert code_sector("USAGOVLEG") == "GOV"
    assert code_sector("RUSELI") == "ELI"
    assert code_sector("USA") is None
