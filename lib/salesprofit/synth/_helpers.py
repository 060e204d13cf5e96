"""Small helpers of the generator: dates, draws, prices, ids, calibration, the calendar."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from .settings import N_DAYS, SEASONALITY, START


class Company(dict):
    """The generated tables (``name -> DataFrame``) with the planted ``truths`` attached."""

    truths: dict[str, Any]


def _dates(days: np.ndarray) -> pd.Series:
    """Day numbers (0 = 2024-01-01) as ISO date strings; NaN stays empty."""
    days = np.asarray(days, dtype=float)
    out = pd.Series(np.full(days.shape, np.nan, dtype=object))
    ok = ~np.isnan(days)
    stamps = START + pd.to_timedelta(days[ok].astype(np.int64), unit="D")
    out[ok] = stamps.strftime("%Y-%m-%d").to_numpy()
    return out


def _choice(
    rng: np.random.Generator, options: Sequence[Any], p: Sequence[float], size: int
) -> np.ndarray:
    """``size`` draws from ``options`` with probabilities ``p`` (normalised)."""
    p = np.asarray(p, dtype=float)
    return np.asarray(options)[rng.choice(len(options), size=size, p=p / p.sum())]


def _row_choice(rng: np.random.Generator, probs: np.ndarray) -> np.ndarray:
    """One draw per row of ``probs`` (rows need not be normalised)."""
    cum = np.cumsum(probs, axis=1)
    u = rng.random(len(probs)) * cum[:, -1]
    return (u[:, None] >= cum).sum(axis=1)


def _nice_price(p: np.ndarray) -> np.ndarray:
    """Round list prices the way a catalogue does (9.8, 45, 1280)."""
    p = np.asarray(p, dtype=float)
    return np.select(
        [p < 10, p < 100, p < 1000],
        [np.round(p, 1), np.round(p * 2) / 2, np.round(p)],
        np.round(p, -1),
    )


def _ids(prefix: str, n: int, width: int) -> np.ndarray:
    """Identifiers prefix0001 ... for n rows, zero-padded to ``width`` digits."""
    return np.array([f"{prefix}{i:0{width}d}" for i in range(1, n + 1)])


def _sigmoid(x: np.ndarray) -> np.ndarray:
    """Logistic function: log-odds to probability."""
    return 1.0 / (1.0 + np.exp(-x))


def _calibrate_logit(target: float, offsets: np.ndarray) -> float:
    """Intercept a with mean(sigmoid(a + offsets)) == target (bisection)."""
    lo, hi = -20.0, 20.0
    for _ in range(80):
        mid = (lo + hi) / 2
        if _sigmoid(mid + offsets).mean() < target:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


class _Calendar:
    """Day weights for sampling dates: weekdays, public holidays and seasonality."""

    def __init__(self) -> None:
        """Weights of the 731 days; each month's seasonal weights sum to its index."""
        stamps = START + pd.to_timedelta(np.arange(N_DAYS), unit="D")
        self.month = stamps.month.to_numpy() - 1
        self.year = stamps.year.to_numpy()
        weekday = stamps.day_of_week.to_numpy()
        base = np.select([weekday < 5, weekday == 5], [1.0, 0.25], 0.05)
        holidays = [
            ("2024-02-10", "2024-02-17"),
            ("2025-01-28", "2025-02-04"),
            ("2024-05-01", "2024-05-05"),
            ("2025-05-01", "2025-05-05"),
            ("2024-10-01", "2024-10-07"),
            ("2025-10-01", "2025-10-07"),
        ]
        for a, b in holidays:
            base[(stamps >= a) & (stamps <= b)] = 0.03
        self.business = base
        seasonal = base.copy()
        key = (self.year - 2024) * 12 + self.month
        month_sum = np.bincount(key, weights=base)
        seasonal = base / month_sum[key] * np.asarray(SEASONALITY)[self.month]
        self.cum_seasonal = np.concatenate([[0.0], np.cumsum(seasonal)])
        flat = base / np.bincount(self.year - 2024, weights=base)[self.year - 2024]
        self.cum_business = np.concatenate([[0.0], np.cumsum(flat)])

    def sample(
        self, rng: np.random.Generator, lo: np.ndarray, hi: np.ndarray, seasonal: bool = True
    ) -> np.ndarray:
        """One day in [lo, hi] (inclusive) per element, by the day weights."""
        cum = self.cum_seasonal if seasonal else self.cum_business
        a, b = cum[lo], cum[hi + 1]
        u = a + rng.random(len(lo)) * (b - a)
        day = np.searchsorted(cum, u, side="right") - 1
        return np.clip(day, lo, hi)

    def share(self, lo: np.ndarray, hi: np.ndarray, seasonal: bool = True) -> np.ndarray:
        """Share of a year's volume that falls in [lo, hi]."""
        cum = self.cum_seasonal if seasonal else self.cum_business
        scale = 12.0 if seasonal else 1.0
        return (cum[hi + 1] - cum[lo]) / scale


def _calibrate_weighted(target: float, offsets: np.ndarray, weights: np.ndarray) -> float:
    """Intercept a with sum(weights * sigmoid(a + offsets)) == target (bisection)."""
    lo, hi = -20.0, 20.0
    for _ in range(80):
        mid = (lo + hi) / 2
        if float(np.sum(weights * _sigmoid(mid + offsets))) < target:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def _round_floats(obj: Any, digits: int = 6) -> Any:
    """Plain Python types with floats rounded, for a stable JSON file."""
    if isinstance(obj, dict):
        return {str(k): _round_floats(v, digits) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_round_floats(v, digits) for v in obj]
    if isinstance(obj, (float, np.floating)):
        return round(float(obj), digits)
    if isinstance(obj, np.integer):
        return int(obj)
    if isinstance(obj, np.str_):
        return str(obj)
    return obj
