"""A small, hand-written series of analysed articles for the ledger tests: forecasts
and the later events and claims that settle (or do not settle) them.

Each article is filed through ``Store.save_analysis`` with its actors and facts, as
the analyser would file them; the texts are made up for these tests (no gold text).
"""

from __future__ import annotations

from typing import Any

from watchfloor.actors.types import DocActor, Mention
from watchfloor.dedup import fingerprint
from watchfloor.models import Article, BlockKind, build_blocks
from watchfloor.store import Store

ROE = DocActor(key="person:jane-roe", name="Jane Roe", type="PERSON", known=False)
NORTH = DocActor(key="state:NTH", name="Northland", type="GPE", country="NTH", known=True)
CALDER = DocActor(key="state:CLD", name="Calder", type="GPE", country="CLD", known=True)
ACTORS = [ROE, NORTH, CALDER]  # a1, a2, a3 in every article


def actors_of(text: str) -> list[DocActor]:
    """The three actors, each with its mentions in ``text``."""
    found = []
    for actor in ACTORS:
        start = text.find(actor.name)
        mentions = [Mention(start, start + len(actor.name), actor.name)] if start >= 0 else []
        found.append(DocActor(**{**actor.__dict__, "mentions": mentions}))
    return found


def file_article(
    store: Store, doc_id: str, published: str, text: str, facts: dict[str, list[dict[str, Any]]]
) -> int:
    """Store one article and its facts; every fact's evidence is the whole text."""
    body, blocks = build_blocks([(BlockKind.PARAGRAPH, text)])
    article = Article(
        doc_id=doc_id, origin=doc_id, text=body, blocks=blocks, published=published,
        source="Daily Planet", url=f"https://example.org/{doc_id}",
    )  # fmt: skip
    article_id = store.add_article(article, fingerprint(body)[0])
    span = {"evidence": body, "evidence_start": 0, "evidence_end": len(body)}
    filed = {s: [{**f, **span} for f in items] for s, items in facts.items()}
    store.save_analysis(article_id, doc_id, actors_of(body), filed)
    return article_id


def forecast(
    statement: str, p: tuple[float, float] | None, horizon: str | None, source: str | None = "a1"
) -> dict[str, Any]:
    return {
        "statement": statement,
        "source": source,
        "phrase": "likely",
        "p_low": p[0] if p else None,
        "p_high": p[1] if p else None,
        "negated": False,
        "horizon_text": "by then" if horizon else None,
        "horizon_end": horizon,
    }


def event(
    kind: str, modality: str, date: str | None, source: str = "a2", target: str = "a3"
) -> dict[str, Any]:
    return {"type": kind, "source": source, "target": target, "modality": modality, "date": date}


def claim(subject: str, value: float, unit: str = "percent") -> dict[str, Any]:
    return {"subject": subject, "value": value, "unit": unit, "change": None, "source": None}


ATTACK = "Jane Roe said Northland is likely to attack Calder before the end of March."
TALKS = "Jane Roe said Northland will almost certainly hold talks with Calder by February."
SANCTION = "Jane Roe said Northland is unlikely to sanction Calder this month."
INFLATION = "We think inflation is likely to exceed 5% in Calder this year."
VAGUE = "Jane Roe said Northland may change course."


def file_series(store: Store) -> None:
    """Five forecasts; later reporting settles some of them."""
    file_article(store, "f1", "2025-01-10", ATTACK, {
        "forecasts": [forecast("Northland to attack Calder", (0.55, 0.8), "2025-03-31")],
        "events": [event("ASSAULT", "predicted", "2025-03-31")],
    })  # fmt: skip
    file_article(store, "f2", "2025-01-12", "Again: " + ATTACK, {  # the same forecast, again
        "forecasts": [forecast("Northland to attack Calder", (0.55, 0.8), "2025-03-31")],
        "events": [event("ASSAULT", "predicted", "2025-03-31")],
    })  # fmt: skip
    file_article(store, "f3", "2025-01-13", TALKS, {
        "forecasts": [forecast("Northland hold talks with Calder", (0.95, 0.99), "2025-02-28")],
        "events": [event("CONSULT", "predicted", "2025-02-28")],
    })  # fmt: skip
    file_article(store, "f4", "2025-01-14", SANCTION, {
        "forecasts": [forecast("Northland to sanction Calder", (0.2, 0.45), "2025-01-31")],
        "events": [event("SANCTION", "possible", None)],
    })  # fmt: skip
    file_article(store, "f5", "2025-01-15", INFLATION, {
        "forecasts": [
            forecast("inflation to exceed 5% in Calder", (0.55, 0.8), "2025-12-31", None)
        ],
    })  # fmt: skip
    file_article(store, "f6", "2025-01-16", VAGUE, {
        "forecasts": [forecast("Northland change course", None, None)],
    })  # fmt: skip
    # Later reporting.
    file_article(store, "r1", "2025-02-20", "Northland shelled Calder on Wednesday.", {
        "events": [event("ASSAULT", "asserted", "2025-02-19")],
    })  # fmt: skip
    file_article(store, "r2", "2025-03-05", "Northland did not hold talks with Calder.", {
        "events": [event("CONSULT", "negated", "2025-03-05")],
    })  # fmt: skip
    file_article(store, "r3", "2025-04-02", "Inflation in Calder reached 6.1% in March.", {
        "claims": [claim("inflation in Calder", 6.1)],
    })  # fmt: skip
