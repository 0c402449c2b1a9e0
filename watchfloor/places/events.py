"""Events placed on the map: each event's location resolved to a GeoNames place.

An event whose trigger has an "in/at/near X" phrase (``location``, from
:func:`watchfloor.facts.timeplace.event_place`) is placed at X. One without takes
the place its evidence sentence names nearest the trigger (``location_basis``
``sentence``). A name the gazetteer does not know is placed at the country the
knowledge base gives it ("the White House" -> United States), else at the event's
``location_country`` (basis ``country``); ``place_kind`` then says ``country``.
"""

from __future__ import annotations

from typing import Any

from watchfloor.actors.kb import load_knowledge_base
from watchfloor.places import Place, country_place, resolve_place

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
GENERIC = frozenset({"province", "state", "region", "county", "district", "city", "oblast"})
Span = Any  # a spaCy entity span
NO_PLACE: dict[str, Any] = {
    "place_id": None,
    "place_name": None,
    "place_kind": None,
    "location_lat": None,
    "location_lon": None,
}


def place_of(name: str, country_hint: str | None) -> Place | None:
    """The gazetteer's place for ``name`` (or for it without a trailing "province",
    "state", ...), else the country the knowledge base gives it."""
    place = resolve_place(name, country_hint)
    words = name.split()
    if place is None and len(words) > 1 and words[-1].lower() in GENERIC:
        place = resolve_place(" ".join(words[:-1]), country_hint)
    if place is not None:
        return place
    for known in load_knowledge_base().lookup(name, include_surnames=False):
        if known.country and known.type != "PERSON":
            return country_place(known.country)
    return None


def place_event(event: dict[str, Any], ents: tuple[Span, ...]) -> None:
    """Add the place fields to one event fact (in place): from its "in/at/near"
    phrase, else from its sentence, else at its ``location_country``."""
    event.update(NO_PLACE)
    name, hint = event.get("location"), event.get("location_country")
    found = (name, place_of(name, hint), "phrase") if name else (None, None, "")
    if found[1] is None:
        other = _sentence_place(event, ents)
        if other is not None:
            found = (other, place_of(other, None), "sentence")
    if found[1] is None and name and hint:
        found = (name, country_place(hint), "country")
    where, place, basis = found
    if place is None:
        return
    event.update(
        location=where,
        location_country=hint if basis != "sentence" and hint else place.country,
        location_basis=basis,
        place_id=place.id,
        place_name=place.name,
        place_kind=place.kind,
        location_lat=place.lat,
        location_lon=place.lon,
    )


def _sentence_place(event: dict[str, Any], ents: tuple[Span, ...]) -> str | None:
    """The place entity of the evidence sentence nearest the trigger that resolves."""
    start, end = event.get("evidence_start"), event.get("evidence_end")
    if not isinstance(start, int) or not isinstance(end, int):
        return None
    evidence = str(event.get("evidence") or "")
    trigger = str(event.get("trigger") or "").split(" ")[0]
    at = start + max(0, evidence.find(trigger)) if trigger else start
    inside = [e for e in ents if e.label_ in PLACE_LABELS and start <= e.start_char < end]
    inside.sort(key=lambda e: abs(e.start_char - at))
    for ent in inside:
        if place_of(str(ent.text), None) is not None:
            return str(ent.text)
    return None
