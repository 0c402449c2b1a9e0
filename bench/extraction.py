"""Article-extraction benchmark: watchfloor's ``extract_html`` against plain trafilatura.

Two public sets (see ``../shared/data/article-extraction/README.md``):

* ``scrapinghub-aeb``: 181 pages with hand-annotated bodies. Metric as upstream
  describes it: 4-token shingles per page (tokens are ``\\w+`` runs), true/false
  positive and false negative counts normalised per page, precision and recall
  macro-averaged over the pages where they are defined, F1 from the two means.
* ``trafilatura-eval``: 990 pages with ``with`` / ``without`` snippets. Metric:
  each snippet is looked for in the whitespace-normalised output; counts are
  pooled over all pages (a found ``with`` is a true positive, a missing one a
  false negative, a found ``without`` a false positive).

Both extractors get the same raw bytes of each page (gunzipped beforehand, not
timed) and do their own decoding, which is timed. They run one after the
other on each page, so a busy machine slows both alike; one untimed warm-up run
of each comes first (see :func:`warm_up`). trafilatura runs with its defaults
(``trafilatura.extract(raw)``: comments and tables included, no metadata);
ours also reads title, author, date, site, language and URL.

    .venv/bin/python bench/extraction.py [--set NAME] [--limit N] [--markdown]
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import json
import os
import platform
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import trafilatura

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout, uninstalled

from watchfloor.extract.dates import normalise_date
from watchfloor.extract.html import extract_html
from watchfloor.models import SkipError

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "article-extraction"
SETS = ("scrapinghub-aeb", "trafilatura-eval")
SHINGLE = 4
_TOKEN = re.compile(r"\w+")

Extractor = Callable[[bytes], str]


@dataclass
class Score:
    """Per-extractor tallies over one set."""

    seconds: float = 0.0
    pages: int = 0
    words: int = 0  # words of the text the extractor returned
    page_scores: list[tuple[float, float, float]] = field(default_factory=list)
    pooled: Counter[str] = field(default_factory=Counter)


# --- extractors --------------------------------------------------------------


def run_ours(raw: bytes) -> str:
    try:
        extracted = extract_html(raw)
    except SkipError:
        return ""
    return "\n".join(text for _kind, text in extracted.blocks)


def run_trafilatura(raw: bytes) -> str:
    return trafilatura.extract(raw) or ""


EXTRACTORS: dict[str, Extractor] = {"watchfloor": run_ours, "trafilatura": run_trafilatura}


# --- data --------------------------------------------------------------------


def scrapinghub_pages(root: Path) -> Iterator[tuple[bytes, str]]:
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    for key in sorted(truth):
        raw = gzip.decompress((root / "html" / f"{key}.html.gz").read_bytes())
        yield raw, truth[key].get("articleBody") or ""


def trafilatura_pages(root: Path) -> Iterator[tuple[bytes, dict[str, list[str]]]]:
    items = json.loads((root / "evaldata.json").read_text(encoding="utf-8"))
    for _url, item in sorted(items.items()):
        raw = gzip.decompress((root / "html" / f"{item['file']}.gz").read_bytes())
        yield raw, item


# --- metrics -----------------------------------------------------------------


def shingles(text: str) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text)
    grams = [tuple(tokens[i : i + SHINGLE]) for i in range(max(1, len(tokens) - SHINGLE + 1))]
    return Counter(gram for gram in grams if gram)


def shingle_match(truth: str, predicted: str) -> tuple[float, float, float]:
    """Per-page (tp, fp, fn), normalised to sum to one so long pages weigh no more."""
    true_grams, pred_grams = shingles(truth), shingles(predicted)
    tp = sum((true_grams & pred_grams).values())
    fp = sum((pred_grams - true_grams).values())
    fn = sum((true_grams - pred_grams).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def macro_scores(page_scores: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    precisions = [_ratio(tp, fp, fp, fn) for tp, fp, fn in page_scores if tp + fp > 0]
    recalls = [_ratio(tp, fn, fp, fn) for tp, fp, fn in page_scores if tp + fn > 0]
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(recalls) / len(recalls) if recalls else 0.0
    return precision, recall, _f1(precision, recall)


def _ratio(tp: float, wrong: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + wrong) if tp + wrong else 0.0


def snippet_counts(predicted: str, item: dict[str, list[str]]) -> Counter[str]:
    text = " ".join(predicted.split())
    counts: Counter[str] = Counter()
    for snippet in item.get("with", []):
        counts["tp" if " ".join(snippet.split()) in text else "fn"] += 1
    for snippet in item.get("without", []):
        counts["fp" if " ".join(snippet.split()) in text else "tn"] += 1
    return counts


def pooled_scores(counts: Counter[str]) -> tuple[float, float, float]:
    tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall, _f1(precision, recall)


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


# --- running -----------------------------------------------------------------


def run_set(name: str, root: Path, limit: int | None) -> dict[str, Score]:
    scores = {extractor: Score() for extractor in EXTRACTORS}
    pages: Iterator[tuple[bytes, str | dict[str, list[str]]]] = (
        scrapinghub_pages(root) if name == SETS[0] else trafilatura_pages(root)
    )
    for index, (raw, truth) in enumerate(pages):
        if limit is not None and index >= limit:
            break
        if index == 0:
            warm_up(raw)
        for extractor, run in EXTRACTORS.items():
            started = time.perf_counter()
            predicted = run(raw)
            score = scores[extractor]
            score.seconds += time.perf_counter() - started
            score.pages += 1
            score.words += len(predicted.split())
            if isinstance(truth, dict):
                score.pooled.update(snippet_counts(predicted, truth))
            else:
                score.page_scores.append(shingle_match(truth, predicted))
    return scores


def warm_up(raw: bytes) -> None:
    """One untimed run of each extractor, so one-time set-up isn't charged to page one.

    That is trafilatura's jusText stop lists and, for ours, dateparser's
    language and time-zone tables (built on the first date it parses).
    """
    for run in EXTRACTORS.values():
        run(raw)
    normalise_date("Tuesday, Nov 19, 2019 at 10:00 am EST")


def rows_for(name: str, scores: dict[str, Score]) -> list[list[str]]:
    rows = []
    for extractor, score in scores.items():
        if score.page_scores:
            precision, recall, f1 = macro_scores(score.page_scores)
        else:
            precision, recall, f1 = pooled_scores(score.pooled)
        speed = score.pages / score.seconds if score.seconds else 0.0
        words = score.words / score.seconds if score.seconds else 0.0
        rows.append(
            [
                name,
                extractor,
                f"{precision:.3f}",
                f"{recall:.3f}",
                f"{f1:.3f}",
                f"{speed:.1f}",
                f"{words:,.0f}",
            ]
        )
    ours, theirs = scores["watchfloor"], scores["trafilatura"]
    if ours.seconds:
        rows.append(
            [
                name,
                "speed ours/trafilatura",
                "",
                "",
                "",
                f"{theirs.seconds / ours.seconds:.2f}x",
                "",
            ]
        )
    return rows


def print_table(rows: list[list[str]], markdown: bool) -> None:
    header = ["set", "extractor", "precision", "recall", "F1", "pages/s", "words/s"]
    if markdown:
        print("| " + " | ".join(header) + " |")
        print("|" + "|".join(["---"] * 2 + ["---:"] * 5) + "|")
        for row in rows:
            print("| " + " | ".join(row) + " |")
        return
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", choices=SETS, help="run one set only (default: both)")
    parser.add_argument("--limit", type=int, help="first N pages of each set")
    parser.add_argument("--markdown", action="store_true", help="print a markdown table")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="benchmark data folder")
    args = parser.parse_args(argv)
    names = [args.set] if args.set else list(SETS)
    missing = [name for name in names if not (args.data / name).is_dir()]
    if missing:
        print(
            f"benchmark data missing: {', '.join(str(args.data / m) for m in missing)}",
            file=sys.stderr,
        )
        print(
            "expected ../shared/data/article-extraction beside the checkout (or pass --data)",
            file=sys.stderr,
        )
        return 2
    rows: list[list[str]] = []
    for name in names:
        rows.extend(rows_for(name, run_set(name, args.data / name, args.limit)))
    print_table(rows, args.markdown)
    print(
        f"\n{datetime.date.today().isoformat()} · trafilatura {trafilatura.__version__} · "
        f"{platform.platform()} · {platform.processor() or platform.machine()} · "
        f"{os.cpu_count()} CPUs · Python {platform.python_version()} · "
        "both extractors given the same raw bytes, decoding timed, file reading and gunzip not"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
