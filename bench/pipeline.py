"""End-to-end ingest benchmark: one and two analysis processes beside bare ``nlp.pipe``.

    python bench/pipeline.py [--corpus DIR] [--rounds R] [--markdown]

Each run starts in a fresh Python process with a fresh temporary SQLite
database, so every figure is cold: imports, model loading and worker start-up
are all counted. The runs, on the same corpus in the same invocation:

* bare ``nlp.pipe``: the model watchfloor uses, loaded the way ``watchfloor.nlp``
  loads it, over the texts of the articles the ingest stores (read beforehand,
  untimed), in batches of the size watchfloor uses;
* ``watchfloor ingest`` end to end (read, extract, de-duplicate, store, NLP,
  actors, facts, file them) with one process, then with two analysis workers.

The table gives articles/s and words/s, the ratio to bare ``nlp.pipe`` and to
one process, the CPU time of all the run's processes (the work done, which
other load on the machine barely changes) and peak memory (RSS) of the main
process and of each worker. The
corpus defaults to the bundled sample; ``--corpus ../shared/data/wikinews/articles``
is the larger one. With ``--rounds`` above 1 each run keeps its best time, the
order of the runs rotated every round, and the ratios are also given as the median
of each round's own ratio: the runs of one round are minutes apart, so that figure
holds when the machine's speed wanders between rounds (a lucky round of the
baseline alone can move a best-of ratio by 20% on a shared VM).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

RUNS = ("bare", "workers=1", "workers=2")
LABELS = {
    "bare": "bare `nlp.pipe`",
    "workers=1": "watchfloor ingest, 1 process",
    "workers=2": "watchfloor ingest, 2 processes",
}


# -- one run, in its own process ------------------------------------------------------
def run_bare(corpus: Path, db: Path) -> dict[str, Any]:
    """The stored articles' texts through the bare model (ingest untimed, analysis off)."""
    from watchfloor.nlp.annotate import BATCH_SIZE, load_model
    from watchfloor.service import IngestOptions, ingest
    from watchfloor.store import SQLiteStore

    store = SQLiteStore(db)
    ingest(store, [str(corpus)], IngestOptions(analyse=False))
    rows = [store.get_article(i) for i in store.unanalysed_ids(limit=1_000_000)]
    texts = [row.article.text for row in rows if row is not None]
    words = sum(row.article.word_count for row in rows if row is not None)
    start, cpu = time.perf_counter(), time.process_time()
    for _ in load_model().pipe(texts, batch_size=BATCH_SIZE):
        pass
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    return {"seconds": seconds, "cpu_seconds": cpu, "articles": len(texts), "words": words}


def run_ingest(corpus: Path, db: Path, workers: int) -> dict[str, Any]:
    """``watchfloor ingest`` end to end, as the command line runs it."""
    from watchfloor.service import IngestOptions, ingest
    from watchfloor.store import SQLiteStore

    store = SQLiteStore(db)
    start, cpu = time.perf_counter(), time.process_time()
    summary = ingest(store, [str(corpus)], IngestOptions(workers=workers))
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu + _workers_cpu()
    store.close()
    return {
        "seconds": seconds,
        "cpu_seconds": cpu,
        "articles": summary.analysed,
        "words": summary.words,
    }


def _workers_cpu() -> float:
    """CPU seconds of the worker processes, all ended (and waited for) by now."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


class ChildMemory:
    """Peak RSS of every child process (the workers), read from /proc while they live."""

    def __init__(self, interval: float = 0.2) -> None:
        self.peaks: dict[int, int] = {}
        self.interval = interval
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._watch, daemon=True)

    def __enter__(self) -> ChildMemory:
        self.thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.stopped.set()
        self.thread.join()

    def _watch(self) -> None:
        while not self.stopped.wait(self.interval):
            for pid in _children(os.getpid()):
                peak = _peak_kb(pid)
                if peak:
                    self.peaks[pid] = max(peak, self.peaks.get(pid, 0))


def _children(parent: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == parent:
                found.append(int(entry.name))
    return found


def _peak_kb(pid: int) -> int:
    """VmHWM (peak resident set) of a process in kB; 0 once it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        return 0
    return 0


def child(run: str, corpus: Path) -> None:
    """Run one benchmark in this (fresh) process and print its figures as JSON."""
    with tempfile.TemporaryDirectory() as folder, ChildMemory() as memory:
        db = Path(folder) / "bench.db"
        if run == "bare":
            result = run_bare(corpus, db)
        else:
            result = run_ingest(corpus, db, int(run.split("=")[1]))
    workers = sorted(kb // 1024 for kb in memory.peaks.values() if kb > 100 * 1024)
    largest = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
    if workers and largest > workers[-1]:  # the exact peak, past the last reading
        workers[-1] = largest
    result["main_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    result["worker_mb"] = workers
    print(json.dumps(result))


# -- the benchmark: every run in a fresh process, all rounds kept ------------------------
Rounds = dict[str, list[dict[str, Any]]]  # run -> its result in each round


def measure(corpus: Path, rounds: int) -> Rounds:
    results: Rounds = {run: [] for run in RUNS}
    for n in range(rounds):
        for run in RUNS[n % len(RUNS) :] + RUNS[: n % len(RUNS)]:
            command = [sys.executable, __file__, "--child", run, "--corpus", str(corpus)]
            done = subprocess.run(command, check=True, capture_output=True, text=True)
            result = json.loads(done.stdout.strip().splitlines()[-1])
            print(f"round {n + 1}: {run:<9} {result['seconds']:7.2f} s", file=sys.stderr)
            results[run].append(result)
    return results


def best_of(results: Rounds) -> dict[str, dict[str, Any]]:
    return {run: min(rounds, key=lambda r: r["seconds"]) for run, rounds in results.items()}


def median_ratio(results: Rounds, run: str, base: str) -> float:
    """The median over rounds of run's words/s over base's words/s in the same round."""
    pairs = zip(results[run], results[base], strict=True)
    return float(statistics.median(b["seconds"] / r["seconds"] for r, b in pairs))


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"{date.today()}, {cpu}, {os.cpu_count()} CPUs, {platform.system()}, "
        f"Python {platform.python_version()}; load average {load}"
    )


def table(results: Rounds, markdown: bool) -> list[list[str]]:
    best = best_of(results)
    base, one = best["bare"], best["workers=1"]
    header = ["run", "seconds", "articles/s", "words/s", "vs bare nlp.pipe", "vs 1 process"]
    header += ["median of rounds: vs bare, vs 1 process"]
    header += ["CPU seconds", "peak RSS main (MB)", "peak RSS per worker (MB)"]
    rows = [header]
    for run in RUNS:
        r = best[run]
        rate = r["words"] / r["seconds"]
        medians = "" if run == "bare" else f"{median_ratio(results, run, 'bare'):.2f}x"
        if run == "workers=2":
            medians += f", {median_ratio(results, run, 'workers=1'):.2f}x"
        rows.append(
            [
                LABELS[run] if markdown else LABELS[run].replace("`", ""),
                f"{r['seconds']:.2f}",
                f"{r['articles'] / r['seconds']:.1f}",
                f"{rate:,.0f}",
                f"{rate / (base['words'] / base['seconds']):.2f}x",
                "" if run == "bare" else f"{rate / (one['words'] / one['seconds']):.2f}x",
                medians,
                f"{r['cpu_seconds']:.1f}",
                f"{r['main_mb']}",
                ", ".join(str(mb) for mb in r["worker_mb"]) or "-",
            ]
        )
    return rows


def show(rows: list[list[str]], markdown: bool) -> None:
    if markdown:
        print("| " + " | ".join(rows[0]) + " |")
        print("|" + "|".join("---" if i == 0 else "---:" for i in range(len(rows[0]))) + "|")
        for row in rows[1:]:
            print("| " + " | ".join(row) + " |")
        return
    from rich.console import Console
    from rich.table import Table

    out = Table(*rows[0])
    for row in rows[1:]:
        out.add_row(*row)
    Console().print(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--markdown", action="store_true")
    parser.add_argument("--child", choices=RUNS, help=argparse.SUPPRESS)
    args = parser.parse_args()
    with resources.as_file(resources.files("watchfloor") / "data" / "sample") as sample:
        corpus = (args.corpus or sample).resolve()
        if args.child:
            child(args.child, corpus)
            return 0
        before = machine()
        results = measure(corpus, args.rounds)
    first = results["workers=1"][0]
    print(f"# pipeline benchmark, {before}")
    print(f"# after: {machine().split('; ')[-1]}")
    print(
        f"# corpus {corpus}: {first['articles']} articles, {first['words']:,} words; "
        f"every run cold in a fresh process, best of {args.rounds} (medians: of each round's ratio)"
    )
    show(table(results, args.markdown), args.markdown)
    return 0


if __name__ == "__main__":
    sys.exit(main())
