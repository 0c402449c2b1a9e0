"""International bodies and armed groups from the Phoenix dictionaries, as identities.

``Phoenix.International.actors.txt`` codes international bodies ``IGO...`` (beside
companies ``MNC`` and NGOs, left out: they act in news far less often than they are
named); ``Phoenix.MilNonState.actors.txt`` codes armed non-state groups (``[FRAREB]``:
rebels of France; ``[IMGMUSALQ]``: an international militant group). Each becomes an
organisation the knowledge base knows by its full names only (``phrase_match`` false:
found through :mod:`watchfloor.actors.name_index`), with its country where the code has
one, its Phoenix codes and the file and line it came from. A record naming a person (a
dated code), one word long, or sharing a name with an actor already known, is left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from watchfloor.actors.kb import normalise
from watchfloor.actors.phoenix import (
    MIN_NAME_WORDS,
    PhoenixRecord,
    code_country,
    display_name,
    read_dictionary,
)

BODY_FILES = {
    "Phoenix.International.actors.txt": "international",
    "Phoenix.MilNonState.actors.txt": "armed group",
}
_BRACKETS = re.compile(r"\([^)]*\)")
# Words that make a name a body's, not a person's ("Hafiz Saeed" is in the armed-group
# file too).
_BODY_TEXT = """army front brigade brigades organization organisation movement group groups
mujahideen mujahidin mujahedin party council liberation forces force jihad hezbollah hizballah
company cell cells nuclei faction committee battalion battalions alliance league union commando
commandos resistance revolutionary militia militias guerrilla guerrillas fighters tigers jamaat
jamaah jamiat lashkar jaish harakat ansar tehrik emirate state agency bank fund court commission
tribunal programme program office secretariat assembly community conference"""
BODY_WORDS = frozenset(_BODY_TEXT.split())


def body_names(record: PhoenixRecord) -> list[str]:
    """Clean full names: brackets dropped ("ISLAMIC ARMY OF ADEN (IAA)"), two words or more."""
    names = []
    for phrase in record.phrases:
        text = " ".join(_BRACKETS.sub(" ", phrase).split())
        words = {w.lower() for w in re.split(r"[\s-]+", text)}
        if len(text.split()) < MIN_NAME_WORDS or re.search(r"[\d()/+]", text):
            continue
        if words & BODY_WORDS:
            names.append(display_name(text))
    return list(dict.fromkeys(names))


def is_body(record: PhoenixRecord, kind: str) -> bool:
    if not record.codes or any(c.dated for c in record.codes):
        return False
    if kind == "international":
        return all(c.code.startswith("IGO") for c in record.codes)
    return True


def phoenix_bodies(
    phoenix: Path, valid: frozenset[str], taken: dict[str, str]
) -> Iterator[dict[str, Any]]:
    """Organisation records for the bodies no known actor names (``taken`` is extended)."""
    for file, kind in BODY_FILES.items():
        for record in read_dictionary(phoenix / file):
            names = body_names(record)
            if not is_body(record, kind) or not names:
                continue
            if any(normalise(n) in taken for n in names):
                continue
            countries = [c for c in (code_country(s.code, valid) for s in record.codes) if c]
            slug = re.sub(r"[^a-z0-9]+", "-", normalise(names[0])).strip("-")
            oid = f"group:{slug}" if kind == "armed group" else f"org:{slug}"
            if oid in taken.values():
                continue
            for name in names:
                taken[normalise(name)] = oid
            yield {
                "id": oid,
                "type": "ORG",
                "kind": kind,
                "name": names[0],
                "country": countries[0] if len(set(countries)) == 1 else None,
                "aliases": names[1:],
                "phoenix_codes": [c.code for c in record.codes],
                "phrase_match": False,
                "sources": {"*": f"{record.file}:{record.line} {record.phrase} (MIT)"},
            }
