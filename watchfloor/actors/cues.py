"""Naming cues kept as data (``data/actors/name_cues.toml``)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from watchfloor.actors.kb import KnowledgeBase, normalise
from watchfloor.datafiles import read_toml


@dataclass(frozen=True)
class NameCues:
    org_heads: frozenset[str]
    national_role_kinds: frozenset[str]
    national_role_words: frozenset[str]
    non_actor_heads: frozenset[str]
    non_actor_first: frozenset[str]
    generic_org_words: frozenset[str]
    collective_nouns: frozenset[str]
    collective_adjectives: frozenset[str]
    state_body_words: frozenset[str]

    def is_org_name(self, name: str) -> bool:
        words = name.split()
        return len(words) > 1 and words[-1].strip(".,") in self.org_heads

    def is_not_actor(self, name: str) -> bool:
        """A facility, place, event or document ('Scarborough Shoal'), or a generic word."""
        words = name.split()
        if len(words) == 1:
            return words[0] in self.generic_org_words
        if words[0] in self.non_actor_first:
            return True
        return words[-1].strip(".,") in self.non_actor_heads

    def is_state_body(self, name: str) -> bool:
        """'Supreme Court', 'Port Authority of New York': a court, force or agency."""
        return any(word.strip(".,") in self.state_body_words for word in name.split())

    def is_national_role(self, role: str | None, kb: KnowledgeBase) -> bool:
        """A role that makes its holder a state's official ('Interior Minister')."""
        if not role:
            return False
        words = role.split()
        for size in range(len(words), 0, -1):
            tail = " ".join(words[-size:])
            if kb.role_kind(tail) in self.national_role_kinds:
                return True
            if normalise(tail) in self.national_role_words:
                return True
        return False


@cache
def load_cues() -> NameCues:
    data = read_toml("actors", "name_cues.toml")
    return NameCues(
        org_heads=frozenset(data["org_heads"]),
        national_role_kinds=frozenset(data["national_role_kinds"]),
        national_role_words=frozenset(normalise(w) for w in data["national_role_words"]),
        non_actor_heads=frozenset(data["non_actor_heads"]),
        non_actor_first=frozenset(data["non_actor_first"]),
        generic_org_words=frozenset(data["generic_org_words"]),
        collective_nouns=frozenset(data["collective_nouns"]),
        collective_adjectives=frozenset(data["collective_adjectives"]),
        state_body_words=frozenset(data["state_body_words"]),
    )
