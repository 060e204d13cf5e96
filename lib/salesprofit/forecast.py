"""Forecasting: the weighted pipeline, forecast error, and seasonality.

Used across chapters: seasonality indices feed dynamic pricing (chapter 3) and
target decomposition (chapter 14); the pipeline forecast and its error are
chapter 5's (利用CRM系统). Error measures follow Hyndman & Athanasopoulos,
*Forecasting: Principles and Practice* (3rd ed.), section 5.8.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from . import _checks as C


def weighted_pipeline(amounts: Any, probabilities: Any) -> float:
    """Expected value of the pipeline: ``sum(amount x probability)``.

    >>> weighted_pipeline([100_000, 50_000], [0.2, 0.6])
    50000.0
    """
    a, p = C.values(amounts).ravel(), C.values(probabilities).ravel()
    if a.size != p.size:
        raise ValueError("Give one win probability for every opportunity amount.")
    C.check("opportunity amount", a, ge=0)
    C.check("win probability", p, ge=0, le=1, why="a probability is a fraction between 0 and 1")
    return float(np.dot(a, p))


def _pair(actual: Any, forecast: Any) -> tuple[np.ndarray, np.ndarray]:
    y, f = C.values(actual).ravel(), C.values(forecast).ravel()
    if y.size != f.size or y.size == 0:
        raise ValueError("Actuals and forecasts must be non-empty and of the same length.")
    C.finite("actual", y)
    C.finite("forecast", f)
    return y, f


def mape(actual: Any, forecast: Any) -> float:
    """Mean absolute percentage error, a fraction: ``mean(|y - f| / |y|)``.

    Undefined when an actual is zero (use :func:`wape` then).

    >>> round(mape([100, 200], [110, 180]), 4)
    0.1
    """
    y, f = _pair(actual, forecast)
    if (y == 0).any():
        raise ValueError("An actual value is zero, so the percentage error is undefined: use WAPE.")
    return float(np.mean(np.abs(y - f) / np.abs(y)))


def wape(actual: Any, forecast: Any) -> float:
    """Weighted absolute percentage error, a fraction: ``sum|y - f| / sum|y|``.

    >>> round(wape([100, 200], [110, 180]), 4)
    0.1
    """
    y, f = _pair(actual, forecast)
    total = np.abs(y).sum()
    if total == 0:
        raise ValueError("All actual values are zero: there is nothing to measure the error against.")
    return float(np.abs(y - f).sum() / total)


def seasonal_index(dates: Any, values: Any, period: str = "month") -> pd.Series:
    """Average seasonal index per calendar month (1..12) or quarter (1..4).

    Each year's totals per period are divided by that year's mean period, then
    averaged over years, so 1.2 means 20 % above an average month. Only
    complete years count (a year needs data in every period). The indices
    average exactly 1.
    """
    if period not in {"month", "quarter"}:
        raise ValueError("period is 'month' or 'quarter'.")
    d = pd.to_datetime(pd.Series(dates)).reset_index(drop=True)
    v = pd.Series(C.values(values).ravel())
    if len(d) != len(v):
        raise ValueError("dates and values must have the same length.")
    slot = d.dt.month if period == "month" else d.dt.quarter
    n = 12 if period == "month" else 4
    table = v.groupby([d.dt.year, slot]).sum().unstack()
    table = table.reindex(columns=range(1, n + 1)).dropna()
    if table.empty:
        raise ValueError(f"Seasonality needs at least one complete year of {period}ly data.")
    index = table.div(table.mean(axis=1), axis=0).mean()
    index.index.name = period
    return index / index.mean()
