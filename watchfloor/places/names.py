"""How place names are compared: case, accents, spacing and a leading "the" aside."""

from __future__ import annotations

import re
import unicodedata

_SPACE = re.compile(r"[\s\u2010-\u2015-]+")
_DROP = re.compile(r"[.'\u2019`]")


def fold(name: str) -> str:
    """``"the  Côte d'Ivoire"`` -> ``"cote divoire"``: the key of a name in the gazetteer."""
    plain = unicodedata.normalize("NFKD", name)
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch)).casefold()
    plain = _SPACE.sub(" ", _DROP.sub("", plain)).strip()
    return plain[4:] if plain.startswith("the ") else plain
