"""Building the people of the knowledge base from kept sources (``make kb``).

Inputs, each cited on every entry it feeds:

- ``people_reviewed.jsonl`` (in ``watchfloor/data/actors/``): people and their titled
  offices, kept by hand and reviewed (``"reviewed": date`` on each entry): what Phoenix
  lacks (office titles, everything after 2014, Wikidata ids, surnames used alone).
- The Phoenix actor dictionaries (``../shared/data/phoenix``, MIT): office holders with
  day-precise date ranges (``Phoenix.Countries.actors.txt``) and officials of international
  bodies (``Phoenix.International.actors.txt``), read by :mod:`watchfloor.actors.phoenix`.

Outputs: ``people.jsonl``, the reviewed people with what Phoenix adds to them (spelling
variants, the day an office began or ended, the Phoenix entry as a source), and
``people_phoenix.jsonl``, Phoenix's other office holders as identities (a name, its
variants, a country and dated Phoenix codes, no office title).
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from watchfloor.actors.kb import normalise
from watchfloor.actors.kb_bodies import phoenix_bodies
from watchfloor.actors.phoenix import (
    MIN_NAME_WORDS,
    NAME_PARTICLES,
    CodeSpan,
    PhoenixRecord,
    code_country,
    code_sector,
    display_name,
    read_dictionary,
)

__all__ = ["NAME_PARTICLES", "build", "display_name"]

PEOPLE_FILES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt")
OFFICE_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "SPY", "COP", "IGO"})
# Words that make a Phoenix phrase a title or a description, not a name ("PRESIDENT_PUTIN",
# "MR_OBAMA", "THE_OBAMA_ADMINISTRATION"): besides the role vocabulary of roles.toml.
_TITLES = """mr mrs ms dr sir lord lady senator sen gov governor president-elect administration
government regime king queen prince princess emir sheikh shaikh sultan gen general col colonel
lt maj major adm admiral marshal former late chief head leader secretary minister premier
chairman chair spokesman spokeswoman ambassador envoy deputy vice acting interim us u s
american british french russian chinese un secretary-general delegate official president
prime commander cabinet party army of the and kanzler"""
TITLE_WORDS = frozenset(_TITLES.split())
PHOENIX_END_YEAR = 2014  # the office holders of Phoenix.Countries end with January 2014


@dataclass
class PhoenixPerson:
    """A Phoenix record read as a person: clean name forms and dated office codes."""

    record: PhoenixRecord
    names: list[str]
    offices: list[CodeSpan]
    countries: set[str] = field(default_factory=set)

    @property
    def cite(self) -> str:
        """Where the entry is: 'Phoenix.Countries.actors.txt:51057 BARACK OBAMA (MIT)'."""
        return f"{self.record.file}:{self.record.line} {self.record.phrase} (MIT)"


def is_clean_name(phrase: str, title_words: frozenset[str]) -> bool:
    """Two or more words, none of them a title or role word, no digits or brackets."""
    words = [w.strip(".,").lower() for w in phrase.split()]
    if len(words) < MIN_NAME_WORDS or any(not w for w in words):
        return False
    if re.search(r"[\d()/&]|(^|\s)[.'-]", phrase):
        return False
    return not any(w in title_words or w.replace(".", "") in title_words for w in words)


def person_from_record(
    record: PhoenixRecord, valid: frozenset[str], title_words: frozenset[str]
) -> PhoenixPerson | None:
    """The record as a person: it needs a dated office code and a clean name form."""
    offices = [c for c in record.codes if c.dated and code_sector(c.code) in OFFICE_SECTORS]
    offices += [c for c in record.codes if c.dated and c.code.startswith("IGO")]
    if not offices:
        return None
    names = [display_name(p) for p in record.phrases if is_clean_name(p, title_words)]
    names = list(dict.fromkeys(names))
    if not names:
        return None
    countries = {c for c in (code_country(s.code, valid) for s in record.codes) if c}
    return PhoenixPerson(record, names, list(dict.fromkeys(offices)), countries)


def read_people(
    phoenix: Path, valid: frozenset[str], title_words: frozenset[str]
) -> list[PhoenixPerson]:
    people = []
    for name in PEOPLE_FILES:
        for record in read_dictionary(phoenix / name):
            person = person_from_record(record, valid, title_words)
            if person is not None:
                people.append(person)
    return people


def role_title_words(roles_toml: Path) -> frozenset[str]:
    """Every word of every role name and alias in roles.toml, lower case, plus TITLE_WORDS."""
    data = tomllib.loads(roles_toml.read_text(encoding="utf-8"))
    phrases = [w for r in data["role"] for w in (r["name"], *r.get("aliases", []))]
    phrases += data.get("extra", {}).get("words", [])
    return TITLE_WORDS | {w.lower().strip(".") for p in phrases for w in p.split()}


# -- merging ----------------------------------------------------------------------------
def _keys(record: dict[str, Any]) -> set[str]:
    return {normalise(n) for n in (record["name"], *record.get("aliases", []))}


def _record_countries(record: dict[str, Any]) -> set[str]:
    found = {record.get("country")} | {r.get("country") for r in record.get("roles", [])}
    return {c for c in found if c}


def match_people(
    reviewed: list[dict[str, Any]], people: list[PhoenixPerson]
) -> dict[str, list[PhoenixPerson]]:
    """Reviewed id -> the Phoenix people sharing a full name with it and a country."""
    by_key: dict[str, list[PhoenixPerson]] = {}
    for person in people:
        for name in person.names:
            by_key.setdefault(normalise(name), []).append(person)
    found: dict[str, list[PhoenixPerson]] = {}
    for record in reviewed:
        countries = _record_countries(record)
        hits = [p for key in _keys(record) for p in by_key.get(key, [])]
        hits = [p for p in hits if p.countries & countries or not p.countries]
        if hits:
            unique = {id(p): p for p in hits}.values()
            found[record["id"]] = sorted(unique, key=lambda p: (p.record.file, p.record.line))
    return found


def _office_text(span: CodeSpan) -> str:
    """'USAGOV 2009-01-20..' and the line of the Phoenix file it is read from."""
    start = span.start.isoformat() if span.start else ""
    end = span.end.isoformat() if span.end else ""
    return f"{span.code} {start}..{end} line {span.line}"


def _fill_days(role: dict[str, Any], matches: list[PhoenixPerson]) -> dict[str, Any]:
    """The days an office began and ended, from a Phoenix government code of the same
    country whose range agrees with the role's years at both ends (an open Phoenix range,
    still running when the file was made, agrees with a role lasting to PHOENIX_END_YEAR or
    later). Days the reviewed file gives are kept."""
    role = dict(role)
    for person in matches:
        for span in person.offices:
            if span.start is None or not _agrees(role, span):
                continue
            cite = f"{person.record.file}:{span.line} {span.raw}"
            if not role.get("start"):
                role["start"] = span.start.isoformat()
                role["source"] = f"start from Phoenix {cite}"
            if not role.get("end") and span.end is not None:
                role["end"] = span.end.isoformat()
                role["source"] += f"; end from Phoenix {cite}"
            return role
    return role


def _agrees(role: dict[str, Any], span: CodeSpan) -> bool:
    country = role.get("country") or "-"
    if code_sector(span.code) != "GOV" or not span.code.startswith(country):
        return False
    if span.start is None or span.start.year != role["from_year"]:
        return False
    if span.end is None:
        return role.get("to_year") is None or role["to_year"] >= PHOENIX_END_YEAR
    return bool(span.end.year == role.get("to_year"))


def merge(
    record: dict[str, Any], matches: list[PhoenixPerson], taken: dict[str, str]
) -> dict[str, Any]:
    """A reviewed record with the Phoenix spellings (not another actor's name), role days
    and offices of its matches."""
    out = dict(record)
    own = _keys(record)
    letters = {re.sub(r"\W", "", k) for k in own}
    new = []
    for person in matches:
        for name in person.names:
            key = normalise(name)
            if key in own or re.sub(r"\W", "", key) in letters:
                continue  # known, or the same letters spaced otherwise ("Paul Kaga Me")
            if taken.get(key, record["id"]) == record["id"]:
                own.add(key)
                new.append(name)
    out["aliases"] = [*record.get("aliases", []), *new]
    out["roles"] = [_fill_days(r, matches) for r in record["roles"]]
    sources = dict(record["sources"])
    if matches:
        cites = "; ".join(p.cite for p in matches)
        sources["phoenix"] = cites
        if new:
            sources["aliases"] = f"reviewed; spellings {', '.join(new)} from Phoenix"
        out["phoenix_offices"] = [
            f"{_office_text(s)} of {p.record.file}" for p in matches for s in p.offices
        ]
    out["sources"] = sources
    return out


def phoenix_only(
    people: list[PhoenixPerson], matched: set[int], taken: dict[str, str]
) -> Iterator[dict[str, Any]]:
    """Phoenix office holders no reviewed entry covers, as identities with no office title."""
    ids: set[str] = set()
    for person in people:
        if id(person) in matched:
            continue
        names = person.names
        if any(normalise(n) in taken for n in names):
            continue  # a name another actor has: not a second identity under a variant
        country = _latest_country(person)
        slug = re.sub(r"[^a-z0-9]+", "-", normalise(names[0])).strip("-")
        pid = f"person:{slug}"
        if pid in ids or pid in taken.values():
            pid = f"person:{slug}-{(country or 'int').lower()}-{person.record.line}"
        ids.add(pid)
        for name in names:
            taken.setdefault(normalise(name), pid)
        yield {  # kept small: 18,000 of these ship; absent fields are empty
            "id": pid,
            "type": "PERSON",
            "name": names[0],
            "country": country,
            "aliases": names[1:],
            "phoenix_offices": [_office_text(s) for s in person.offices],
            "phrase_match": False,  # found through watchfloor/actors/name_index.py
            "sources": {"*": person.cite},
        }


def _latest_country(person: PhoenixPerson) -> str | None:
    """The country of the person's latest dated code, an open-ended one latest of all
    (None for international officials)."""
    spans = sorted(person.offices, key=lambda s: s.end or date.max)
    for span in reversed(spans):
        country = code_country(span.code, frozenset(person.countries))
        if country:
            return country
    return None


def taken_names(records: Iterable[dict[str, Any]]) -> dict[str, str]:
    """Normalised name/alias -> the id of the actor that has it (first one wins)."""
    taken: dict[str, str] = {}
    for record in records:
        for name in (record["name"], *record.get("aliases", []), *record.get("capitals", [])):
            taken.setdefault(normalise(name), record["id"])
    return taken


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def write_jsonl(path: Path, records: Iterable[dict[str, Any]]) -> int:
    lines = [json.dumps(r, ensure_ascii=False) + "\n" for r in records]
    path.write_text("".join(lines), encoding="utf-8")
    return len(lines)


def build(data: Path, phoenix: Path, out: Path | None = None) -> dict[str, int]:
    """Write ``people.jsonl``, ``people_phoenix.jsonl`` and ``orgs_phoenix.jsonl`` to
    ``out`` (default ``data``, where the inputs are); counts back."""
    out = out or data
    reviewed = read_jsonl(data / "people_reviewed.jsonl")
    others = [r for f in ("states.jsonl", "organisations.jsonl", "groups.jsonl")
              for r in read_jsonl(data / f)]  # fmt: skip
    valid = frozenset(r["country"] for r in others if r["id"].startswith("state:"))
    people = read_people(phoenix, valid, role_title_words(data / "roles.toml"))
    matches = match_people(reviewed, people)
    taken = taken_names([*others, *reviewed])
    merged = [merge(r, matches.get(r["id"], []), taken) for r in reviewed]
    taken = taken_names([*others, *merged])
    matched = {id(p) for ps in matches.values() for p in ps}
    extra = list(phoenix_only(people, matched, taken))
    bodies = list(phoenix_bodies(phoenix, valid, taken))
    return {
        "reviewed": write_jsonl(out / "people.jsonl", merged),
        "phoenix_people_read": len(people),
        "reviewed_matched_in_phoenix": len(matches),
        "phoenix_aliases_added": sum(len(m["aliases"]) for m in merged)
        - sum(len(r.get("aliases", [])) for r in reviewed),
        "role_days_from_phoenix": sum(
            "from Phoenix" in r.get("source", "") or ".txt:" in r.get("source", "")
            for m in merged
            for r in m["roles"]
        ),
        "phoenix_only": write_jsonl(out / "people_phoenix.jsonl", extra),
        "phoenix_bodies": write_jsonl(out / "orgs_phoenix.jsonl", bodies),
    }
