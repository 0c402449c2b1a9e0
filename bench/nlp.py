"""NLP-stage benchmark: watchfloor's annotator and actor stage against bare ``nlp.pipe``.

    python bench/nlp.py [--corpus DIR] [--limit N] [--repeat R]

Runs, in one process and on the same articles: (a) bare ``nlp.pipe`` with the
same model and batch size, (b) watchfloor's NLP stage (the same model plus
the paragraph-break component and conversion to plain dataclasses), and
(c) the NLP stage plus actor resolution. Prints articles/s, words/s and the
ratio to bare ``nlp.pipe``, with the machine and peak memory.

The corpus defaults to ../shared/data/wikinews/articles when it exists, else
the sample corpus bundled with the package.
"""

from __future__ import annotations

import argparse
import importlib
import os
import platform
import resource
import sys
import time
from datetime import date
from importlib import resources
from pathlib import Path

from watchfloor.analysis import Analyser
from watchfloor.extract import extract
from watchfloor.models import Article, Page
from watchfloor.nlp.annotate import (
    BATCH_SIZE,
    MAX_BATCH_CHARS,
    MODEL_PACKAGE,
    Annotator,
    load_model,
)
from watchfloor.sources.files import iter_path_pages

SHARED_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "wikinews" / "articles"


def load_articles(folder: Path, limit: int) -> list[Article]:
    articles = []
    for item in iter_path_pages(folder):
        if isinstance(item, Page):
            try:
                articles.append(extract(item))
            except Exception:  # a benchmark skips what it cannot read
                continue
        if len(articles) >= limit:
            break
    return articles


def timed_rounds(runs: dict[str, object], articles: list[Article], rounds: int) -> dict[str, float]:
    """Best time of each pipeline over ``rounds`` rounds, the order rotated every round.

    Interleaving shares out whatever else the machine is doing, so the ratios
    hold even when absolute speed wanders.
    """
    best = {label: float("inf") for label in runs}
    labels = list(runs)
    for n in range(rounds):
        for label in labels[n % len(labels) :] + labels[: n % len(labels)]:
            start = time.perf_counter()
            runs[label](articles)  # type: ignore[operator]
            best[label] = min(best[label], time.perf_counter() - start)
    return best


def worker_memory(articles: list[Article], words: int) -> int:
    """One worker as ingest runs it: the model, the knowledge base, batches of articles."""
    start = time.perf_counter()
    for _ in Analyser(Annotator(load_model())).analyse_many(articles):
        pass
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"one worker, batches of {BATCH_SIZE} articles or {MAX_BATCH_CHARS:,} characters: "
        f"{len(articles)} articles, {words:,} words in "
        f"{seconds:.1f} s; peak RSS {peak_mb:.0f} MB"
    )
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument("--limit", type=int, default=150)
    parser.add_argument("--repeat", type=int, default=3, help="rounds (order rotated each)")
    parser.add_argument(
        "--worker-memory",
        action="store_true",
        help="run the whole analysis once and report this one worker's peak memory",
    )
    args = parser.parse_args()
    corpus = args.corpus or (SHARED_CORPUS if SHARED_CORPUS.exists() else None)
    with resources.as_file(resources.files("watchfloor") / "data" / "sample") as sample:
        articles = load_articles(corpus or sample, args.limit)
    if not articles:
        print("no articles found", file=sys.stderr)
        return 2
    words = sum(a.word_count for a in articles)
    if args.worker_memory:
        return worker_memory(articles, words)

    bare = importlib.import_module(MODEL_PACKAGE).load()
    ours = Annotator(load_model())
    shared = Annotator(load_model())
    actors_only = Analyser(shared, with_facts=False)
    with_facts = Analyser(shared, with_facts=True)

    def run_bare(items: list[Article]) -> None:
        for _ in bare.pipe((a.text for a in items), batch_size=BATCH_SIZE):
            pass

    def run_nlp(items: list[Article]) -> None:
        for _ in ours.annotate_many(items):
            pass

    def run_actors(items: list[Article]) -> None:
        for _ in actors_only.analyse_many(items):
            pass

    def run_facts(items: list[Article]) -> None:
        for _ in with_facts.analyse_many(items):
            pass

    run_facts(articles[:5])  # warm the knowledge base, phrase matchers and lexicons
    runs = {
        "bare nlp.pipe": run_bare,
        "watchfloor NLP stage": run_nlp,
        "NLP stage + actors": run_actors,
        "+ actors + facts": run_facts,
    }
    results = list(timed_rounds(runs, articles, args.repeat).items())
    base = results[0][1]
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"# NLP benchmark, {date.today()}, {platform.machine()} {platform.system()}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}, one process"
    )
    print(
        f"# {len(articles)} articles, {words:,} words, model {MODEL_PACKAGE}, "
        f"batch {BATCH_SIZE}, best of {args.repeat}; peak RSS {peak_mb:.0f} MB"
    )
    print(
        f"| {'pipeline':<22} | {'seconds':>8} | {'articles/s':>10} | {'words/s':>9} | "
        f"{'speed vs bare':>13} |"
    )
    print(f"|{'-' * 24}|{'-' * 10}|{'-' * 12}|{'-' * 11}|{'-' * 15}|")
    for label, seconds in results:
        print(
            f"| {label:<22} | {seconds:>8.2f} | {len(articles) / seconds:>10.1f} | "
            f"{words / seconds:>9,.0f} | {base / seconds:>12.2f}x |"
        )
    times = dict(results)
    added = (times["+ actors + facts"] - times["NLP stage + actors"]) / times[
        "watchfloor NLP stage"
    ]
    print(f"\nfacts stage adds {added:.0%} to the NLP stage's time (aim: at most 25%)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
