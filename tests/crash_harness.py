"""Kill ``watchfloor ingest`` (a real subprocess) with SIGKILL and check what it left.

Used by tests/test_crash.py (a few kills) and bench/crash.py (the long run). A
*trial* starts from an empty store, runs the ingest and kills it at a random point
of its work (a random number of steps done, then a random pause), checks the store
(watchfloor.store.consistency), and does so again up to ``kills`` times; then one
run to the end, whose store must equal a reference store made by one uninterrupted
run: the same articles (by text), the same copies, facts and mentions per article,
nothing left to do, and no problem found.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from watchfloor.store import consistency, open_store
from watchfloor.store.sql_store import SQLStore

RUN_TIMEOUT = 600.0  # seconds for one ingest run to the end


def ingest_command(db: str, inputs: Sequence[str]) -> list[str]:
    """The command line of ``watchfloor ingest`` in this interpreter's environment."""
    script = Path(sys.executable).with_name("watchfloor")
    prefix = [str(script)] if script.exists() else [sys.executable, "-m", "watchfloor.cli"]
    return [*prefix, "ingest", *inputs, "--db", db]


def start_ingest(db: str, inputs: Sequence[str]) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(
        ingest_command(db, inputs),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=env,
    )


def run_ingest(db: str, inputs: Sequence[str]) -> tuple[int, str]:
    """Run an ingest to the end; its exit code and output."""
    done = subprocess.run(
        ingest_command(db, inputs),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=RUN_TIMEOUT,
        check=False,
    )
    return done.returncode, (done.stdout + done.stderr).decode(errors="replace")


def kill_after(process: subprocess.Popen[bytes], delay: float) -> bool:
    """SIGKILL the process after ``delay`` seconds; False when it had already ended."""
    try:
        process.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        process.communicate()
        return True
    process.communicate()
    return False


def progress(db: str) -> int:
    """Steps a run has done on this store: inputs logged plus articles analysed."""
    try:
        store = _open(db)
    except Exception:  # the run is making the schema
        return 0
    try:
        logged = store._one("SELECT count(*) AS n FROM ingestion_log")
        analysed = store._one("SELECT count(*) AS n FROM analysed")
        return int((logged or {"n": 0})["n"]) + int((analysed or {"n": 0})["n"])
    except Exception:
        return 0
    finally:
        store.close()


def kill_at_progress(
    db: str, inputs: Sequence[str], steps: int, rng: random.Random, limit: float = RUN_TIMEOUT
) -> tuple[bool, float]:
    """Start an ingest and SIGKILL it at a random point of the work left: once the store
    shows a randomly chosen step reached (of ``steps`` in all), after a random pause of
    up to half a second. Whether the kill landed, and when."""
    began = time.monotonic()
    target = rng.randint(min(progress(db), steps - 1), steps - 1)
    process = start_ingest(db, inputs)
    while process.poll() is None and time.monotonic() - began < limit:
        if progress(db) >= target:
            break
        time.sleep(0.05)
    landed = kill_after(process, rng.uniform(0.0, 0.5))
    return landed, time.monotonic() - began


@dataclass(frozen=True)
class Snapshot:
    """What a store holds, keyed by article text so that ids may differ."""

    articles: dict[str, tuple[int, int, int]]  # text_hash -> (copies, facts, mentions)
    analysed: int
    counts: dict[str, int]


def snapshot(db: str) -> Snapshot:
    store = _open(db)
    try:
        rows = store._all(
            "SELECT a.text_hash AS h,"
            " (SELECT count(*) FROM copies c WHERE c.article_id = a.id) AS copies,"
            " (SELECT count(*) FROM facts f WHERE f.article_id = a.id) AS facts,"
            " (SELECT count(*) FROM mentions m WHERE m.article_id = a.id) AS mentions"
            " FROM articles a"
        )
        analysed = int((store._one("SELECT count(*) AS n FROM analysed") or {"n": 0})["n"])
        counts = store.counts()
    finally:
        store.close()
    articles = {r["h"]: (int(r["copies"]), int(r["facts"]), int(r["mentions"])) for r in rows}
    return Snapshot(articles, analysed, counts)


def store_problems(db: str) -> list[str]:
    store = _open(db)
    try:
        return consistency.problems(store)
    finally:
        store.close()


def differences(got: Snapshot, want: Snapshot) -> list[str]:
    """How a finished store differs from the reference: missing, extra, changed articles."""
    found: list[str] = []
    missing = want.articles.keys() - got.articles.keys()
    extra = got.articles.keys() - want.articles.keys()
    if missing:
        found.append(f"{len(missing)} articles missing")
    if extra:
        found.append(f"{len(extra)} articles not in the reference")
    changed = [
        h for h in want.articles.keys() & got.articles.keys() if got.articles[h] != want.articles[h]
    ]
    if changed:
        sample = changed[0]
        found.append(
            f"{len(changed)} articles differ (copies, facts, mentions):"
            f" {got.articles[sample]} != {want.articles[sample]}"
        )
    if got.analysed != want.analysed:
        found.append(f"{got.analysed} articles analysed, reference {want.analysed}")
    return found


@dataclass
class KillPoint:
    delay: float
    killed: bool  # False: the run had ended before the kill
    articles: int  # stored when it was killed
    analysed: int
    problems: list[str]


@dataclass
class TrialResult:
    kills: list[KillPoint] = field(default_factory=list)
    final_code: int = 0
    final_problems: list[str] = field(default_factory=list)
    differences: list[str] = field(default_factory=list)
    unfinished: dict[str, int] = field(default_factory=dict)
    output: str = ""

    @property
    def ok(self) -> bool:
        return (
            self.final_code == 0
            and not self.final_problems
            and not self.differences
            and not self.unfinished
            and all(not k.problems for k in self.kills)
        )


def trial(
    db: str,
    inputs: Sequence[str],
    reference: Snapshot,
    kills: int,
    rng: random.Random,
) -> TrialResult:
    """Up to ``kills`` SIGKILLs at random points of the work (:func:`kill_at_progress`),
    each followed by a check; then a run to the end, compared with ``reference``."""
    result = TrialResult()
    steps = reference.counts["log"] + reference.analysed
    for _ in range(kills):
        killed, delay = kill_at_progress(db, inputs, steps, rng)
        shot = snapshot(db)
        result.kills.append(
            KillPoint(delay, killed, len(shot.articles), shot.analysed, store_problems(db))
        )
    result.final_code, result.output = run_ingest(db, inputs)
    result.final_problems = store_problems(db)
    result.differences = differences(snapshot(db), reference)
    result.unfinished = _unfinished(db)
    return result


def concurrent(db: str, inputs: Sequence[str], reference: Snapshot, runs: int = 2) -> TrialResult:
    """``runs`` ingests of the same inputs at once on one store, then the checks."""
    result = TrialResult()
    processes = [start_ingest(db, inputs) for _ in range(runs)]
    outputs = [p.communicate(timeout=RUN_TIMEOUT)[0].decode(errors="replace") for p in processes]
    codes = [p.returncode for p in processes]
    result.final_code = max(codes, key=abs)
    result.output = "\n".join(outputs)
    result.final_problems = store_problems(db)
    result.differences = differences(snapshot(db), reference)
    result.unfinished = _unfinished(db)
    return result


def wait_for_articles(db: str, least: int, process: subprocess.Popen[bytes], limit: float) -> int:
    """Wait until the store holds ``least`` articles (or the run ends); how many it holds."""
    deadline = time.monotonic() + limit
    held = 0
    while time.monotonic() < deadline and process.poll() is None:
        held = _article_count(db)
        if held >= least:
            return held
        time.sleep(0.2)
    return held


def _article_count(db: str) -> int:
    try:
        store = _open(db)
    except Exception:  # the schema is being made by the run itself
        return 0
    try:
        return int((store._one("SELECT count(*) AS n FROM articles") or {"n": 0})["n"])
    except Exception:
        return 0
    finally:
        store.close()


def _unfinished(db: str) -> dict[str, int]:
    store = _open(db)
    try:
        return consistency.unfinished(store)
    finally:
        store.close()


def _open(db: str) -> SQLStore:
    store: Any = open_store(db)
    assert isinstance(store, SQLStore)
    return store
