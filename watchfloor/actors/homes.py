"""Which state an article is about, and whose country it is: local bodies, officials and
people of no stated country take the article's state, or their organisation's, or (for an
official, where the article has no one state) the state named in their sentence."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from spacy.tokens import Doc

from watchfloor.actors.cues import NameCues
from watchfloor.actors.kb import KnowledgeBase
from watchfloor.actors.types import DocActor

DOMINANT_SHARE = 0.4  # a state with this share of all state mentions is "the article's country"
# A person of no stated country, with no organisation, belongs to a state this dominant
# (training articles: country 0.73 -> 0.82; at 0.5, 0.83 but dev 0.899 from 0.90).
PERSON_HOME_SHARE = 0.6


def dominant_state(
    actors: list[DocActor], demonyms: Counter[str], share: float = DOMINANT_SHARE
) -> str | None:
    """The state the article is about: the one named most, with ``demonyms``. A state named
    only as a place ("a summit in Belgium") counts only where no other is named."""
    states = [a for a in actors if a.type == "GPE" and a.country]
    if any(not a.only_a_place for a in states) or demonyms:
        states = [a for a in states if not a.only_a_place]
    counts = Counter({a.country: len(a.mentions) for a in states})
    counts.update(demonyms)
    total = sum(counts.values())
    ranked = counts.most_common(2)
    if not ranked or not ranked[0][1] or ranked[0][1] < share * total:
        return None
    if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        return None
    return ranked[0][0]


def link_affiliations(
    actors: list[DocActor],
    sources: set[str],
    body: Callable[[str], bool] = lambda name: True,
) -> None:
    """A person with no country takes it from the organisation they work for, where
    its country comes from ``sources`` (the knowledge base; its own name, "the
    Indonesian State Intelligence Agency"; the article's state) and ``body`` accepts
    the organisation's name: the state's own court or agency ("a judge of the Supreme
    Court"), not a firm or a university, whose staff's nationality the guide leaves
    unclear (an analyst "at Kalem Advisory", "at the Manila-based institute")."""
    by_name = {form: a for a in actors if a.type == "ORG" for form in a.surface_forms}
    for actor in actors:
        org = by_name.get(actor.organisation or "")
        if org is None or not body(org.name):
            continue
        if actor.type == "PERSON" and not actor.country and org.country_from in sources:
            actor.country = org.country
            actor.country_from = "article" if org.country_from == "article" else "text"


def default_countries(
    actors: list[DocActor], demonyms: Counter[str], doc: Doc, cues: NameCues, kb: KnowledgeBase
) -> None:
    """Local bodies, officials, generic actors and (where the state is clear enough) people
    of no stated country belong to the state the article is about."""
    home = dominant_state(actors, demonyms)
    if home is None:
        _officials_of_their_sentence(actors, doc, cues, kb)
        return
    strong = dominant_state(actors, demonyms, PERSON_HOME_SHARE) is not None
    for actor in actors:
        if actor.country or actor.known or actor.country_from == "bloc":
            continue
        official = actor.type == "PERSON" and cues.is_national_role(actor.role, kb)
        local_org = actor.type == "ORG"
        person = actor.type == "PERSON" and not actor.organisation and strong
        if official or local_org or actor.agent is not None or person:
            actor.country, actor.country_from = home, "article"


def _officials_of_their_sentence(
    actors: list[DocActor], doc: Doc, cues: NameCues, kb: KnowledgeBase
) -> None:
    """With no state the article is about, an official of no stated country belongs to
    the one state named in the sentence that first names them ("... Israel's cabinet,
    where National Security Minister Itamar Ben-Gvir ...")."""
    states = [a for a in actors if a.type == "GPE" and a.country]
    for actor in actors:
        if actor.country or actor.known or actor.type != "PERSON" or not actor.mentions:
            continue
        if not cues.is_national_role(actor.role, kb):
            continue
        first = actor.mentions[0]
        span = doc.char_span(first.start, first.end, alignment_mode="expand")
        if span is None:
            continue
        sent = span.sent
        named = {
            a.country
            for a in states
            for m in a.mentions
            if sent.start_char <= m.start < sent.end_char
        }
        if len(named) == 1:
            actor.country, actor.country_from = named.pop(), "article"
