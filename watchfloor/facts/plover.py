"""The PLOVER cue lexicon (``data/facts/plover.toml``), loaded once.

A :class:`Cue` is one lexicon entry: the trigger lemma, the lemmas of the
dependents it needs ("call on", "impose sanction", "air strike"), the PLOVER
type and mode, and whether it needs a target actor to count.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from watchfloor.datafiles import read_toml

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip


@dataclass(frozen=True)
class Cue:
    head: str  # lemma of the trigger word
    needs: tuple[str, ...]  # lemmas of dependents the trigger must have
    type: str
    mode: str | None
    needs_target: bool


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, tuple[Cue, ...]]  # trigger lemma -> cues, longest first
    nouns: dict[str, tuple[Cue, ...]]
    negating: frozenset[str]
    planned: frozenset[str]
    predicted: frozenset[str]
    possible: frozenset[str]
    planned_aux: frozenset[str]
    possible_aux: frozenset[str]
    accident_nouns: frozenset[str]
    veto_modifiers: frozenset[str]
    naming_verbs: frozenset[str] = frozenset()
    disapproving: frozenset[str] = frozenset()
    background_verbs: frozenset[str] = frozenset()
    classes: dict[str, frozenset[str]] = field(default_factory=dict)  # "@class" -> words
    obligation_speech: frozenset[str] = frozenset()
    obligation_modals: frozenset[str] = frozenset()
    obligation_needs: frozenset[str] = frozenset()


def parse_entry(entry: str, type_: str, *, head_last: bool) -> Cue:
    """One lexicon string ("impose sanction/discontinue!") as a :class:`Cue`."""
    needs_target = entry.endswith("!")
    body = entry.rstrip("!")
    words, _, mode = body.partition("/")
    parts = words.split()
    head = parts[-1] if head_last else parts[0]
    rest = parts[:-1] if head_last else parts[1:]
    return Cue(head, tuple(rest), type_, mode or None, needs_target)


def _index(section: dict[str, list[str]], *, head_last: bool) -> dict[str, tuple[Cue, ...]]:
    by_head: dict[str, list[Cue]] = {}
    for type_, entries in section.items():
        if type_ not in PLOVER_TYPES:
            raise ValueError(f"plover.toml: unknown PLOVER type {type_!r}")
        for entry in entries:
            cue = parse_entry(entry, type_, head_last=head_last)
            by_head.setdefault(cue.head, []).append(cue)
    return {h: tuple(sorted(c, key=lambda c: -len(c.needs))) for h, c in by_head.items()}


@cache
def load_lexicon() -> Lexicon:
    data = read_toml("facts", "plover.toml")
    modality, filters, naming = data["modality"], data["filters"], data["naming"]
    return Lexicon(
        verbs=_index(data["verbs"], head_last=False),
        nouns=_index(data["nouns"], head_last=True),
        negating=frozenset(modality["negating"]),
        planned=frozenset(modality["planned"]),
        predicted=frozenset(modality["predicted"]),
        possible=frozenset(modality["possible"]),
        planned_aux=frozenset(modality["planned_aux"]),
        possible_aux=frozenset(modality["possible_aux"]),
        accident_nouns=frozenset(filters["accident_nouns"]),
        veto_modifiers=frozenset(filters["veto_modifiers"]),
        naming_verbs=frozenset(naming["verbs"]),
        disapproving=frozenset(naming["disapproving"]),
        background_verbs=frozenset(filters["background_verbs"]),
        classes={name: frozenset(words) for name, words in data["classes"].items()},
        obligation_speech=frozenset(data["obligation"]["speech_verbs"]),
        obligation_modals=frozenset(data["obligation"]["modals"]),
        obligation_needs=frozenset(data["obligation"]["needs"]),
    )


QUAD_CLASSES = (
    "verbal cooperation",
    "material cooperation",
    "verbal conflict",
    "material conflict",
)


@cache
def quad_classes() -> dict[str, str]:
    """PLOVER type -> its quad class ("verbal cooperation" ... "material conflict")."""
    table: dict[str, list[str]] = read_toml("facts", "plover.toml")["quad"]
    out = {type_: quad for quad, types in table.items() for type_ in types}
    if set(out) != set(PLOVER_TYPES) or set(table) != set(QUAD_CLASSES):
        raise ValueError("plover.toml: [quad] must place each PLOVER type in one quad class")
    return out


def quad_class(type_: str | None) -> str | None:
    """The quad class of a PLOVER type, or None for an unknown type."""
    return quad_classes().get((type_ or "").upper())
