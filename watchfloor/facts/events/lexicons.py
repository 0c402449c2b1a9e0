"""The word lists the event coder draws its candidate triggers from.

- ``cues``: the project's PLOVER cue lexicon (``data/facts/plover.toml``);
- ``cameo_verbs``/``cameo_objects``: the Phoenix CAMEO verb dictionary mapped to
  PLOVER (``data/facts/cameo_verbs.json``, made by ``make models``);
- ``learned``: trigger lemmas and types learned from the marked articles (shipped
  with the model, see :mod:`watchfloor.facts.events.model`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from watchfloor.datafiles import read_json
from watchfloor.facts.plover import Lexicon, load_lexicon

NO_EVENT = "NONE"  # a CAMEO object that makes the verb a mere statement ("release a statement")


@dataclass(frozen=True)
class EventLexicons:
    cues: Lexicon
    cameo_verbs: dict[str, tuple[str, ...]]
    cameo_objects: dict[str, dict[str, tuple[str, ...]]]
    learned: dict[str, tuple[str, ...]] = field(default_factory=dict)
    use_cameo: bool = True

    def may_trigger(self, lemma: str) -> bool:
        return (
            lemma in self.cues.verbs
            or lemma in self.cues.nouns
            or lemma in self.learned
            or (self.use_cameo and (lemma in self.cameo_verbs or lemma in self.cameo_objects))
        )

    def with_learned(self, learned: dict[str, tuple[str, ...]]) -> EventLexicons:
        return EventLexicons(
            self.cues, self.cameo_verbs, self.cameo_objects, learned, self.use_cameo
        )


@cache
def cameo_lexicon() -> tuple[dict[str, tuple[str, ...]], dict[str, dict[str, tuple[str, ...]]]]:
    data = read_json("facts", "cameo_verbs.json")
    verbs = {v: tuple(t) for v, t in data["verbs"].items() if t}
    objects = {v: {o: tuple(t) for o, t in objs.items()} for v, objs in data["objects"].items()}
    return verbs, objects


def statement_object(verb: str, objects: list[str]) -> bool:
    """CAMEO codes the verb with one of these objects as a statement, no event
    ("released a statement", "issued a report")."""
    patterns = cameo_lexicon()[1].get(verb, {})
    return any(patterns.get(o) == (NO_EVENT,) for o in objects)


def base_lexicons(*, use_cameo: bool = True) -> EventLexicons:
    verbs, objects = cameo_lexicon() if use_cameo else ({}, {})
    return EventLexicons(load_lexicon(), verbs, objects, {}, use_cameo)
