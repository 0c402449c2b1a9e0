"""Stores for the query and API tests.

``build_small`` files two hand-made articles from two outlets whose facts are
known exactly (one event reported by both is merged into a cluster by hand);
``sample_db`` ingests and analyses a few bundled Wikinews articles once per
test process.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from watchfloor.actors.types import DocActor, Mention
from watchfloor.dedup import fingerprint
from watchfloor.models import Article, BlockKind, build_blocks
from watchfloor.service import ingest
from watchfloor.store import Store, open_store

SAMPLE_DOCS = (
    "wn-2019-01-23-germany-bans-mahan-air-of-iran",
    "wn-2019-09-23-iran-s-president-rouhani-tells-foreign",
    "wn-2019-10-08-us-president-trump-announces-troop-withdrawal",
    "wn-2019-10-15-kurds-announce-deal-with-assad-s",
    "wn-2020-01-05-united-states-military-kills-qasem-soleimani",
    "wn-2020-01-13-iran-admits-downing-ukrainian-jet-cites",
)

NORTH = [
    "Northland troops shelled Calder on Monday.",
    'Anna Berg said: "Calder provoked this war."',
    "The mayor said 40 people were hurt in Calder.",
    "Northland will likely attack Calder again by June.",
]
SOUTH = [
    "Northland forces shelled Calder on Monday, officials said.",
    "Calder and Northland agreed to hold talks in Geneva.",
    "Mayor Jon Ode said Anna Berg had lied.",
    "Observers should watch for troop movements before May 20.",
    "The talks could fail by 2030.",
]
ACTORS = {  # key: (name, type, country, surface forms)
    "state:NTH": ("Northland", "GPE", "NTH", ["Northland"]),
    "state:CLD": ("Calder", "GPE", "CLD", ["Calder"]),
    "person:anna-berg": ("Anna Berg", "PERSON", "NTH", ["Anna Berg"]),
    "person:jon-ode": ("Jon Ode", "PERSON", "CLD", ["Jon Ode"]),
}


@dataclass(frozen=True)
class Small:
    """What ``build_small`` filed: article ids and the cluster's fact ids."""

    north: int
    south: int
    cluster_id: int


def _article(doc_id: str, source: str, published: str, sentences: list[str]) -> Article:
    body, blocks = build_blocks([(BlockKind.PARAGRAPH, " ".join(sentences))])
    return Article(
        doc_id=doc_id,
        origin=f"test:{doc_id}",
        text=body,
        blocks=blocks,
        title=f"{doc_id} headline",
        published=published,
        source=source,
        url=f"https://example.org/{doc_id}",
    )


def _actors(text: str) -> tuple[list[DocActor], dict[str, str]]:
    """Every actor named in ``text`` with its mentions; registry key -> document id."""
    actors, ids = [], {}
    for key, (name, type_, country, forms) in ACTORS.items():
        mentions = [
            Mention(i, i + len(form), form) for form in forms for i in _occurrences(text, form)
        ]
        if mentions:
            actors.append(DocActor(key, name, type_, country, known=True, mentions=mentions))
            ids[key] = f"a{len(actors)}"
    return actors, ids


def _occurrences(text: str, word: str) -> list[int]:
    found, start = [], text.find(word)
    while start >= 0:
        found.append(start)
        start = text.find(word, start + 1)
    return found


def _fact(body: str, sentence: str, ids: dict[str, str], fields: dict[str, Any]) -> dict[str, Any]:
    start = body.index(sentence)
    fact = {k: ids.get(v, v) if isinstance(v, str) else v for k, v in fields.items()}
    return {
        **fact,
        "evidence": sentence,
        "evidence_start": start,
        "evidence_end": start + len(sentence),
    }


def _file(
    store: Store,
    article: Article,
    facts: dict[str, list[tuple[int, dict[str, Any]]]],
    sentences: list[str],
) -> int:
    article_id = store.add_article(article, fingerprint(article.text)[0])
    actors, ids = _actors(article.text)
    filed = {
        section: [_fact(article.text, sentences[n], ids, f) for n, f in items]
        for section, items in facts.items()
    }
    store.save_analysis(article_id, article.doc_id, actors, filed)
    return article_id


def build_small(store: Store) -> Small:
    """Two articles, six event mentions (five events), quotes, a claim, forecasts, a watch item."""
    north = _file(
        store,
        _article("north-1", "Northern Post", "2024-05-02", NORTH),
        {
            "events": [
                (
                    0,
                    {
                        "type": "ASSAULT",
                        "source": "state:NTH",
                        "target": "state:CLD",
                        "modality": "asserted",
                        "date": "2024-04-29",
                    },
                ),
                (
                    1,
                    {
                        "type": "ACCUSE",
                        "source": "person:anna-berg",
                        "target": "state:CLD",
                        "modality": "asserted",
                    },
                ),
                (
                    3,
                    {
                        "type": "ASSAULT",
                        "source": "state:NTH",
                        "target": "state:CLD",
                        "modality": "predicted",
                    },
                ),
            ],
            "quotes": [
                (
                    1,
                    {
                        "speaker": "person:anna-berg",
                        "kind": "direct",
                        "text": "Calder provoked this war.",
                    },
                )
            ],
            "claims": [
                (2, {"subject": "people hurt", "value": 40, "unit": "people", "source": None})
            ],
            "forecasts": [
                (
                    3,
                    {
                        "statement": "Northland attacks Calder",
                        "source": "state:NTH",
                        "phrase": "likely",
                        "p_low": 0.55,
                        "p_high": 0.8,
                        "horizon_end": "2024-06-30",
                    },
                )
            ],
        },
        NORTH,
    )
    south = _file(
        store,
        _article("south-1", "Southern Times", "2024-05-03", SOUTH),
        {
            "events": [
                (
                    0,
                    {
                        "type": "ASSAULT",
                        "source": "state:NTH",
                        "target": "state:CLD",
                        "modality": "asserted",
                        "date": "2024-04-29",
                    },
                ),
                (
                    1,
                    {
                        "type": "CONSULT",
                        "source": "state:CLD",
                        "target": "state:NTH",
                        "modality": "planned",
                        "date": "2024-05-10",
                    },
                ),
                (
                    2,
                    {
                        "type": "ACCUSE",
                        "source": "person:jon-ode",
                        "target": "person:anna-berg",
                        "modality": "asserted",
                    },
                ),
            ],
            "quotes": [
                (2, {"speaker": "person:jon-ode", "kind": "indirect", "text": "Anna Berg had lied"})
            ],
            "forecasts": [
                (
                    4,
                    {
                        "statement": "the talks fail",
                        "source": None,
                        "phrase": "could",
                        "horizon_end": "2030-12-31",
                    },
                )
            ],
            "watch_items": [(3, {"text": "troop movements", "actors": [], "due": "2024-05-20"})],
        },
        SOUTH,
    )
    return Small(north, south, _cluster(store, north, south))


def _cluster(store: Store, north: int, south: int) -> int:
    """Merge the shelling reported by both articles, as the story stage would."""
    run: Any = store
    facts = run._all(
        "SELECT id FROM facts WHERE section = 'events' AND ordinal = 0 AND article_id IN (?, ?)"
        " ORDER BY id",
        (north, south),
    )
    cluster = run._insert(
        "INSERT INTO event_clusters (type, quad, first_date, last_date, evidence, fact_id,"
        " mention_count, article_count, source_count) VALUES ('ASSAULT', 'material conflict',"
        " '2024-04-29', '2024-04-29', ?, ?, 2, 2, 2) RETURNING id",
        (NORTH[0], facts[0]["id"]),
    )
    for row in facts:
        run._run("UPDATE facts SET cluster_id = ? WHERE id = ?", (cluster, row["id"]))
    run.refresh_query_tables()  # rows written with plain SQL: the kept counts follow
    return int(cluster)


@cache
def sample_db() -> Path:
    """A SQLite file with a few sample articles ingested and analysed (built once)."""
    folder = Path(tempfile.mkdtemp(prefix="watchfloor-query-"))
    atexit.register(shutil.rmtree, folder, True)
    path = folder / "sample.db"
    with resources.as_file(resources.files("watchfloor") / "data" / "sample") as sample:
        inputs = [str(sample / f"{doc}.json") for doc in SAMPLE_DOCS]
        store = open_store(path)
        try:
            summary = ingest(store, inputs)
        finally:
            store.close()
    assert summary.ingested == len(SAMPLE_DOCS) and summary.analysed == len(SAMPLE_DOCS)
    return path
