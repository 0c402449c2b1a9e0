"""``watchfloor eval``: extract each gold file's input, analyse it, score the result."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from watchfloor.analysis import facts_json, load_analyser
from watchfloor.evaluation.scoring import Score, score
from watchfloor.extract import extract
from watchfloor.models import Article, Page, SkipError
from watchfloor.sources.files import iter_path_pages


@dataclass
class Evaluation:
    score: Score
    predictions: dict[str, dict[str, Any]]
    failures: dict[str, str]


def load_gold(folder: Path) -> list[dict[str, Any]]:
    files = sorted(folder.glob("*.json")) if folder.is_dir() else [folder]
    return [json.loads(f.read_text(encoding="utf-8")) for f in files]


def evaluate(gold_dir: Path, root: Path | None = None) -> Evaluation:
    """Score the engine on every gold file in ``gold_dir`` (inputs under ``root``)."""
    golds = load_gold(gold_dir)
    root = root or gold_dir.resolve().parent.parent
    articles: list[Article] = []
    failures: dict[str, str] = {}
    for gold in golds:
        try:
            articles.append(article_for(gold["doc_id"], root / gold["input"]))
        except (SkipError, LookupError) as exc:
            failures[gold["doc_id"]] = str(exc)
    predictions = {
        analysed.article.doc_id: facts_json(analysed)
        for analysed in load_analyser().analyse_many(articles)
    }
    return Evaluation(score(golds, predictions), predictions, failures)


def article_for(doc_id: str, path: Path) -> Article:
    """The article with ``doc_id`` in the input file (the file's only article, usually)."""
    pages = [p for p in iter_path_pages(path) if isinstance(p, Page)]
    if not pages:
        raise LookupError(f"no page in {path}")
    page = next((p for p in pages if p.doc_id == doc_id), pages[0])
    article = extract(page)
    return article if article.doc_id == doc_id else _renamed(article, doc_id)


def _renamed(article: Article, doc_id: str) -> Article:
    from dataclasses import replace

    return replace(article, doc_id=doc_id)


def table_rows(result: Score) -> Iterator[tuple[str, ...]]:
    for name, tally in result.sections.items():
        attrs = "  ".join(f"{k}={a / n:.2f}" for k, (a, n) in tally.attributes.items() if n)
        yield (
            name,
            f"{tally.precision:.3f}",
            f"{tally.recall:.3f}",
            f"{tally.f1:.3f}",
            str(tally.tp),
            str(tally.fp),
            str(tally.fn),
            attrs,
        )
