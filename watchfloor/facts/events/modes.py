"""PLOVER mode of an event whose cue word gives none, read from its phrase.

The codebook's modes say *how* an act was done: an ASSAULT's weapon ("killed
him in an airstrike" -> aerial), a CONSULT's setting ("met at the summit",
four ministers talking -> multilateral). AID, COOPERATE and AGREE have no
mode table; like AID's cue entries ("send troop/military") they take the
``military`` context as their mode when the act is about armed forces ("expand
cooperation with the navy", "a naval coalition").
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

Token = Any  # a spaCy token

# Weapon words (lemmas) -> ASSAULT mode (codebook table "ASSAULT modes").
WEAPONS = {
    "airstrike": "aerial",
    "air strike": "aerial",
    "warplane": "aerial",
    "jet": "aerial",
    "helicopter": "aerial",
    "bomber": "aerial",
    "drone": "drone",
    "uav": "drone",
    "missile": "heavy-weapons",
    "rocket": "heavy-weapons",
    "artillery": "heavy-weapons",
    "shelling": "heavy-weapons",
    "tank": "heavy-weapons",
    "mortar": "heavy-weapons",
    "bomb": "explosives",
    "ied": "explosives",
    "explosive": "explosives",
    "landmine": "explosives",
    "mine": "explosives",
    "gun": "firearms",
    "gunfire": "firearms",
    "rifle": "firearms",
    "pistol": "firearms",
    "knife": "primitive",
    "machete": "primitive",
    "tear gas": "crowd-control",
    "water cannon": "crowd-control",
    "nerve agent": "unconventional",
    "chemical weapon": "unconventional",
}
# Words that make cooperation, aid or an agreement a military one.
MILITARY = frozenset(
    {
        "military",
        "army",
        "navy",
        "naval",
        "troop",
        "soldier",
        "defence",
        "defense",
        "warship",
        "destroyer",
        "frigate",
        "weapon",
        "missile",
        "armed",
    }
)
MILITARY_TYPES = frozenset({"AID", "COOPERATE", "AGREE"})
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})


def inferred_mode(token: Token, type_: str, parties: int) -> str | None:
    """The mode the trigger's own phrase shows, or None where none fits."""
    words = _phrase(token)
    if type_ == "ASSAULT":
        return _weapon(words)
    if type_ == "CONSULT":
        if parties >= 3 or any(w.lemma_.lower() == "summit" for w in words):
            return "multilateral"
        return None
    if type_ in MILITARY_TYPES and any(w.lemma_.lower() in MILITARY for w in words):
        return "military"
    return None


def _phrase(token: Token) -> list[Token]:
    """The trigger's phrase without its subject; a relative clause's head noun too."""
    words = [w for w in token.subtree if not _in_subject(w, token)]
    if token.dep_ == "relcl":  # "a naval coalition which was joined by ..."
        words.extend(token.head.subtree)
    return words


def _in_subject(word: Token, trigger: Token) -> bool:
    while word.i != trigger.i:
        if word.dep_ in SUBJECTS and word.head.i == trigger.i:
            return True
        word = word.head
    return False


def _weapon(words: list[Token]) -> str | None:
    lemmas = [w.lemma_.lower() for w in words]
    pairs = [f"{a} {b}" for a, b in pairwise(lemmas)]
    for key in pairs + lemmas:
        if key in WEAPONS:
            return WEAPONS[key]
    return None


# Actions that, promised on a condition, make an ultimatum ("will withdraw unless").
THREAT_TYPES = frozenset(
    {"SANCTION", "COERCE", "ASSAULT", "PROTEST", "RETREAT", "MOBILIZE", "REJECT"}
)
CONDITIONS = frozenset({"unless", "if"})


def as_threat(token: Token, type_: str, modality: str) -> str:
    """THREATEN for a conflictual action promised on a condition ("X will boycott the
    vote unless Y", "will impose sanctions if Y does not"); else the type unchanged."""
    if type_ not in THREAT_TYPES or modality != "planned":
        return type_
    for clause in token.children:
        if clause.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in CONDITIONS for c in clause.children
        ):
            return "THREATEN"
    return type_
