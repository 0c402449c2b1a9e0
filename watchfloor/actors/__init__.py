"""Canonical actors (states, organisations, groups, people) and their names."""

from watchfloor.actors.kb import (
    KnowledgeBase,
    KnownActor,
    Match,
    Role,
    RoleSpec,
    load_knowledge_base,
    normalise,
)

__all__ = [
    "KnowledgeBase",
    "KnownActor",
    "Match",
    "Role",
    "RoleSpec",
    "load_knowledge_base",
    "normalise",
]
