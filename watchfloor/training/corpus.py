"""The marked articles, analysed once: gold facts beside the engine's own reading.

The articles are analysed (spaCy, actors) once per run; every fit and every
fold of a cross-validation then reads the same analyses.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from watchfloor.analysis import AnalysedArticle, Analyser, load_analyser
from watchfloor.evaluation.runner import article_for, load_gold


@dataclass
class MarkedArticle:
    """One gold file and the engine's analysis of its input (facts not yet found)."""

    gold: dict[str, Any]
    analysed: AnalysedArticle

    @property
    def doc_id(self) -> str:
        return str(self.gold["doc_id"])


def load_marked(gold_dirs: list[Path]) -> list[MarkedArticle]:
    """Every gold article of ``gold_dirs`` with the engine's analysis of its input."""
    golds: list[dict[str, Any]] = []
    articles = []
    for folder in gold_dirs:
        root = folder.resolve().parent.parent
        for gold in load_gold(folder):
            golds.append(gold)
            articles.append(article_for(gold["doc_id"], root / gold["input"]))
    analyser = Analyser(load_analyser().annotator, with_facts=False)
    return [
        MarkedArticle(gold, analysed)
        for gold, analysed in zip(golds, analyser.analyse_many(articles), strict=True)
    ]
