"""How the names of one document's actors relate: short forms and acronyms of longer
names, document-level keys, and one actor per name."""

from __future__ import annotations

import re

from watchfloor.actors.kb import normalise
from watchfloor.actors.types import DocActor


def one_per_name(actors: list[DocActor]) -> list[DocActor]:
    """One actor per name the knowledge base does not know: "Politico", tagged once as an
    organisation and once as a person, is one organisation (a one-word "person" is as
    often a thing the tagger took for one: :mod:`watchfloor.actors.taking_part`)."""
    by_name: dict[str, list[DocActor]] = {}
    for actor in actors:
        if not actor.known:
            by_name.setdefault(actor.name, []).append(actor)
    kept = [a for a in actors if a.known]
    for same in by_name.values():
        first = min(same, key=lambda a: (a.type != "ORG", -len(a.mentions)))
        for other in same:
            if other is not first:
                first.mentions.extend(other.mentions)
        first.mentions.sort(key=lambda m: m.start)
        kept.append(first)
    return kept


def is_acronym(text: str) -> bool:
    """'CHP', 'AfCFTA', 'U.N.': one word, mostly capitals."""
    letters = [c for c in text if c.isalpha()]
    capitals = sum(c.isupper() for c in letters)
    return " " not in text and capitals >= 2 and capitals * 2 >= len(letters)


def short_form(short: str, long: str) -> bool:
    """'Patriotic Bloc' of 'Patriotic Electoral Bloc'; 'Mahan' of 'Mahan Air'; 'Framework' of
    'Coordination Framework'; 'Supreme Court' of 'Supreme Court of Puerto Rico'; initials."""
    short_words, long_words = short.split(), long.split()
    if short == long or len(short_words) >= len(long_words):
        return False
    if len(short_words) == 1 and short_words[0] in (long_words[0], long_words[-1]):
        return True  # "Mahan" of "Mahan Air", "the Framework" of "the Coordination Framework"
    if long.startswith((short + " of ", short + " for ")):
        return True  # "Supreme Court" of "Supreme Court of Puerto Rico"
    capitals = "".join(w[0] for w in long_words if w[:1].isupper())
    if is_acronym(short) and "".join(c for c in short if c.isupper()) == capitals:
        return True
    words = iter(long_words)
    in_order = all(word in words for word in short_words)
    return in_order and short_words[0] == long_words[0] and short_words[-1] == long_words[-1]


def slug(text: str) -> str:
    """'Özgür Özel' -> 'ozgur-ozel': accents folded, so spellings with and without share it."""
    return re.sub(r"[^a-z0-9]+", "-", normalise(text)).strip("-")
