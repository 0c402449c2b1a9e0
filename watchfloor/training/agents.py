"""The Phoenix agent dictionary (``Phoenix.agents.txt``, MIT) as generic actor nouns.

Each one-word agent noun whose CAMEO agent code names a political actor
(government, military, police, opposition, rebels, armed groups, judiciary,
legislature, intelligence) becomes an entry noun -> code, singular and plural,
in ``watchfloor/data/actors/agents.json`` (``make models``).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

POLITICAL_CODES = ("GOV", "MIL", "COP", "OPP", "REB", "UAF", "JUD", "LEG", "SPY")
_LINE = re.compile(r"^([A-Z][A-Z'\-]*)(?:\s*\{\})?\s*\[~([A-Z]{3})")
_PREFIX = re.compile(r"^([A-Z][A-Z'\-]*)_")
_COMPOUND = re.compile(r"^[A-Z'\-]+(?:_[A-Z'\-]+)*_([A-Z][A-Z'\-]*)(?:\s*\{\})?\s*\[~([A-Z]{3})")
COMPOUND_HEADS = 3
_COMPOUND = re.compile(r"^[A-Z'\-]+(?:_[A-Z'\-]+)*_([A-Z][A-Z'\-]*)(?:\s*\{\})?\s*\[~([A-Z]{3})")
COMPOUND_HEADS = 3
# A singular noun that heads many of the dictionary's compound agents ("ARMY_CHIEF",
# "POLICE_FORCE") names an institution ("the army", "police"); one ending like a
# person noun ("commander", "separatist") names a person and makes no group.
INSTITUTION_COMPOUNDS = 5
PERSON_ENDINGS = ("ist", "er", "or", "ent", "ant", "el", "man")


def plural(noun: str) -> str:
    if noun.endswith("man"):
        return noun[:-3] + "men"
    if noun.endswith("y") and noun[-2:-1] not in set("aeiou"):
        return noun[:-1] + "ies"
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    return noun + "s"


def build(agents: Path) -> dict[str, Any]:
    """``{"plural": {noun: code}, "institutions": {noun: code}}`` (lower case)."""
    lines = [
        line.strip() for line in agents.read_text(encoding="utf-8", errors="replace").splitlines()
    ]
    heads = Counter(m.group(1).lower() for m in map(_PREFIX.match, lines) if m)
    plurals: dict[str, str] = {}
    institutions: dict[str, str] = {}
    for line in lines:
        match = _LINE.match(line)
        if not match or match.group(2) not in POLITICAL_CODES:
            continue
        word, code = match.group(1).lower(), match.group(2)
        plurals.setdefault(plural(word), code)
        person = word.endswith(PERSON_ENDINGS) and not word.endswith("ment")
        if heads[word] >= INSTITUTION_COMPOUNDS and not person:
            institutions.setdefault(word, code)
    for word, code in _compound_heads(lines).items():
        if plural(word[:-1]) == word:  # already a plural
            plurals.setdefault(word, code)  # "ARMED_FORCES", "GOVERNMENT_FORCES": forces
        else:
            plurals.setdefault(plural(word), code)  # "GOVERNMENT_OFFICIAL": officials
    return {
        "plural": dict(sorted(plurals.items())),
        "institutions": dict(sorted(institutions.items())),
    }


def _compound_heads(lines: list[str]) -> dict[str, str]:
    """The last word of compound agents ("GOVERNMENT_OFFICIAL" -> "official") where at
    least COMPOUND_HEADS compounds end in it, most of them share one political code,
    and the word ends like a person noun, or is the plural of another such last word
    (a collective: "ARMED_FORCES", "GOVERNMENT_FORCES" beside "SECURITY_FORCE")."""
    codes: dict[str, Counter[str]] = {}
    for line in lines:
        match = _COMPOUND.match(line)
        if match:
            codes.setdefault(match.group(1).lower(), Counter())[match.group(2)] += 1
    heads: dict[str, str] = {}
    for word, counts in codes.items():
        code, n = counts.most_common(1)[0]
        total = sum(counts.values())
        person = word.endswith((*PERSON_ENDINGS, "al"))  # not "bank", "missile", "base"
        collective = word.endswith("s") and word[:-1] in codes
        shared = total >= COMPOUND_HEADS and n / total >= 0.6 and code in POLITICAL_CODES
        if shared and (person or collective):
            heads[word] = code
    return heads


def write(agents: Path, out: Path) -> None:
    out.write_text(json.dumps(build(agents), indent=0, sort_keys=True) + "\n", encoding="utf-8")
