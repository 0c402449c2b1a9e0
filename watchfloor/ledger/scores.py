"""Scores of a source's resolved forecasts: Brier score, bootstrap interval, calibration.

Every score is computed from *cells*: how many resolved forecasts a source made at one
stated probability with one outcome. The store keeps these per source
(``ledger_cells``), so a source with a million forecasts costs as little as one with ten.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

BINS = 10  # calibration bins of width 0.1 over [0, 1]; the last one includes 1.0
BOOTSTRAP_REPLICATES = 1000
BOOTSTRAP_BELOW = 100  # scored forecasts: the bootstrap below, the normal interval from here
BOOTSTRAP_SEED = 20261207  # the interval is the same on every call
LEAST_FOR_WORDS = 5  # fewer scored forecasts than this: too few to judge
WELL_CALIBRATED = 0.05  # |overconfidence| below this reads "well calibrated"


@dataclass(frozen=True)
class Cell:
    p: float
    outcome: int  # 1 yes, 0 no
    n: int


@dataclass(frozen=True)
class CalibrationBin:
    p_low: float
    p_high: float
    n: int
    mean_p: float | None
    observed: float | None


@dataclass(frozen=True)
class Score:
    n: int
    brier: float | None
    brier_low: float | None
    brier_high: float | None
    calibration: list[CalibrationBin]
    overconfidence: float | None
    verdict: str


def brier(cells: Iterable[Cell]) -> float | None:
    """The mean squared difference between stated probability and outcome."""
    pairs = [(c.n, (c.p - c.outcome) ** 2) for c in cells]
    total = sum(n for n, _ in pairs)
    return None if total == 0 else sum(n * sq for n, sq in pairs) / total


def interval(cells: list[Cell]) -> tuple[float, float]:
    """A 95% interval of the Brier score: a percentile bootstrap (forecasts resampled
    with replacement) where n is small, below :data:`BOOTSTRAP_BELOW`; the normal
    interval of a mean above it, where the bootstrap would agree with it."""
    pairs = [((c.p - c.outcome) ** 2, c.n) for c in cells]
    total = sum(n for _, n in pairs)
    if total < BOOTSTRAP_BELOW:
        return bootstrap(tuple(sorted(sq for sq, n in pairs for _ in range(n))))
    mean = sum(sq * n for sq, n in pairs) / total
    variance = sum(n * (sq - mean) ** 2 for sq, n in pairs) / (total - 1)
    half = 1.96 * (variance / total) ** 0.5
    return max(0.0, mean - half), min(1.0, mean + half)


@lru_cache(maxsize=4096)
def bootstrap(
    squares: tuple[float, ...], replicates: int = BOOTSTRAP_REPLICATES
) -> tuple[float, float]:
    """The 95% percentile bootstrap interval of the mean of ``squares`` (seeded: the same
    squares give the same interval, so it is computed once per process)."""
    values = np.array(squares)
    rng = np.random.default_rng(BOOTSTRAP_SEED)
    means = np.sort(values[rng.integers(0, len(values), size=(replicates, len(values)))].mean(1))
    return float(means[int(0.025 * replicates)]), float(means[int(0.975 * replicates) - 1])


def bin_of(p: float) -> int:
    return min(int(p * BINS), BINS - 1)


def calibration(cells: Iterable[Cell]) -> list[CalibrationBin]:
    """Stated probability against observed frequency, in :data:`BINS` bins covering [0, 1]."""
    n = [0] * BINS
    sum_p = [0.0] * BINS
    yes = [0] * BINS
    for cell in cells:
        i = bin_of(cell.p)
        n[i] += cell.n
        sum_p[i] += cell.p * cell.n
        yes[i] += cell.outcome * cell.n
    return [
        CalibrationBin(
            p_low=round(i / BINS, 2),
            p_high=round((i + 1) / BINS, 2),
            n=n[i],
            mean_p=round(sum_p[i] / n[i], 4) if n[i] else None,
            observed=round(yes[i] / n[i], 4) if n[i] else None,
        )
        for i in range(BINS)
    ]


def overconfidence(cells: Iterable[Cell]) -> float | None:
    """How much more extreme the stated probabilities are than the outcomes: the mean of
    (p - outcome) signed toward the side of 0.5 each forecast is on. Positive: overconfident;
    negative: underconfident. Forecasts at 0.5 take no side."""
    total, signed = 0, 0.0
    for cell in cells:
        side = float(np.sign(cell.p - 0.5))
        if side:
            total += cell.n
            signed += cell.n * side * (cell.p - cell.outcome)
    return None if total == 0 else signed / total


def verdict(n: int, over: float | None) -> str:
    """Over- or underconfidence in words."""
    if n < LEAST_FOR_WORDS or over is None:
        return f"too few resolved forecasts to judge ({n})"
    if abs(over) < WELL_CALIBRATED:
        return "well calibrated"
    size = "strongly" if abs(over) >= 0.2 else "somewhat"
    if over > 0:
        return f"{size} overconfident: its forecasts are more certain than the outcomes bear out"
    return f"{size} underconfident: outcomes are more certain than its forecasts"


def score(cells: list[Cell]) -> Score:
    """Every score of one source's resolved, scored forecasts."""
    n = sum(c.n for c in cells)
    if n == 0:
        return Score(0, None, None, None, calibration([]), None, verdict(0, None))
    low, high = interval(cells)
    over = overconfidence(cells)
    return Score(n, brier(cells), low, high, calibration(cells), over, verdict(n, over))
