"""Forecasting: the weighted pipeline, forecast error, and seasonality.

Used across chapters: seasonality indices feed dynamic pricing (chapter 3) and
target decomposition (chapter 14); the pipeline forecast and its error are
chapter 5's (利用CRM系统). Error measures follow Hyndman & Athanasopoulos,
*Forecasting: Principles and Practice* (3rd ed.), section 5.8.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from . import _checks as C
from .profitability import line_gross_profit, line_net_sales

__all__ = [
    "Backtest",
    "ForecastLab",
    "HoltWinters",
    "backtest",
    "error_range",
    "forecast_lab",
    "holt_winters",
    "mape",
    "monthly_series",
    "pipeline_by_stage",
    "sample_open_deals",
    "seasonal_index",
    "seasonal_naive",
    "seasonal_naive_ahead",
    "wape",
    "weighted_pipeline",
]


def weighted_pipeline(amounts: Any, probabilities: Any) -> float:
    """Expected value of the pipeline: ``sum(amount x probability)``.

    Parameters
    ----------
    amounts : sequence of float
        The value of each open opportunity, in money. Zero or more.
    probabilities : sequence of float
        The win probability of each opportunity, a fraction from 0 to 1; one per amount.

    Returns
    -------
    float
        The probability-weighted pipeline, in money.

    Raises
    ------
    ValueError
        If the two sequences differ in length, an amount is negative or a probability is
        not a fraction.

    Examples
    --------
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

    Parameters
    ----------
    actual : sequence of float
        The actual values y (sales of each period).
    forecast : sequence of float
        The forecast f of each period; one per actual.

    Returns
    -------
    float
        The error as a fraction (0.1 is 10 %).

    Raises
    ------
    ValueError
        If the sequences differ in length or are empty, a value is missing, or an actual is
        zero.

    References
    ----------
    Hyndman, R. J. and Athanasopoulos, G., *Forecasting: Principles and Practice*,
    3rd ed., section 5.8, "Evaluating point forecast accuracy".

    Examples
    --------
    >>> round(mape([100, 200], [110, 180]), 4)
    0.1
    """
    y, f = _pair(actual, forecast)
    if (y == 0).any():
        raise ValueError("An actual value is zero, so the percentage error is undefined: use WAPE.")
    return float(np.mean(np.abs(y - f) / np.abs(y)))


def wape(actual: Any, forecast: Any) -> float:
    """Weighted absolute percentage error, a fraction: ``sum|y - f| / sum|y|``.

    Big periods weigh more than small ones, and an actual of zero is allowed.

    Parameters
    ----------
    actual : sequence of float
        The actual values y (sales of each period); not all zero.
    forecast : sequence of float
        The forecast f of each period; one per actual.

    Returns
    -------
    float
        The error as a fraction (0.1 is 10 %).

    Raises
    ------
    ValueError
        If the sequences differ in length or are empty, a value is missing, or every actual
        is zero.

    References
    ----------
    Kolassa, S. and Schütz, W. (2007), "Advantages of the MAD/Mean ratio over the MAPE",
    *Foresight* 6. Hyndman, R. J. and Athanasopoulos, G., *Forecasting: Principles and
    Practice*,
    3rd ed., section 5.8, "Evaluating point forecast accuracy".

    Examples
    --------
    >>> round(wape([100, 200], [110, 180]), 4)
    0.1
    """
    y, f = _pair(actual, forecast)
    total = np.abs(y).sum()
    if total == 0:
        raise ValueError(
            "All actual values are zero: there is nothing to measure the error against."
        )
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


# ---------------------------------------------------------------------------
# Chapter 5: Holt-Winters seasonal forecast and its rolling-origin backtest
#
# Holt-Winters exponential smoothing (Holt 1957; Winters 1960) as fitted by
# statsmodels' ``ExponentialSmoothing``; the method and the rolling-origin
# ("time series cross-validation") evaluation follow Hyndman & Athanasopoulos,
# *Forecasting: Principles and Practice*, 3rd ed., sections 8.3 and 5.10.


def monthly_series(
    orders: pd.DataFrame, order_lines: pd.DataFrame, value: str = "gross_profit"
) -> pd.Series:
    """Monthly totals of delivered order lines: ``"gross_profit"`` or ``"net_sales"``.

    Gross profit and net sales of a line are
    :func:`salesprofit.profitability.line_gross_profit` and ``line_net_sales``.
    Indexed by the first day of each month (frequency ``MS``), months without sales are 0.

    >>> orders = pd.DataFrame({"order_id": ["A", "B"], "order_date": pd.to_datetime(["2025-01-05", "2025-03-02"])})
    >>> lines = pd.DataFrame({"order_id": ["A", "B"], "quantity": [2, 1], "net_price": [10.0, 5.0],
    ...                       "unit_cost": [6.0, 4.0]})
    >>> monthly_series(orders, lines).tolist()
    [8.0, 0.0, 1.0]
    """
    if value not in {"gross_profit", "net_sales"}:
        raise ValueError("value is 'gross_profit' or 'net_sales'.")
    o = orders[orders["status"] == "delivered"] if "status" in orders else orders
    m = order_lines.merge(o[["order_id", "order_date"]], on="order_id")
    per_line = line_gross_profit(m) if value == "gross_profit" else line_net_sales(m)
    month = pd.to_datetime(m["order_date"]).dt.to_period("M").dt.to_timestamp()
    s = per_line.groupby(month).sum().astype(float)
    s = s.reindex(pd.date_range(s.index.min(), s.index.max(), freq="MS"), fill_value=0.0)
    s.index.name = "month"
    s.name = value
    return s


@dataclass(frozen=True)
class HoltWinters:
    """A fitted Holt-Winters model: smoothing parameters, fit and forecast."""

    alpha: float  # level smoothing
    beta: float  # trend smoothing (NaN without trend)
    gamma: float  # seasonal smoothing
    phi: float  # damping (1 without damping)
    trend: str | None
    seasonal: str
    fitted: pd.Series  # one-step-ahead fitted values over the history
    forecast: pd.Series  # the next ``horizon`` periods
    sse: float  # sum of squared one-step errors after the first season
    log_likelihood: float  # Gaussian, from those errors


def _check_series(series: Any, seasonal_periods: int) -> pd.Series:
    if not isinstance(series, pd.Series) or not isinstance(series.index, pd.DatetimeIndex):
        raise ValueError("Give the history as a pandas Series indexed by month (a DatetimeIndex).")
    C.finite("history", series.to_numpy(dtype=float))
    if len(series) < seasonal_periods + 2:
        raise ValueError(
            f"A seasonal forecast needs at least one full season plus two periods of "
            f"history ({seasonal_periods + 2}); there are {len(series)}."
        )
    s = series.astype(float).copy()
    if s.index.freq is None:
        s.index.freq = pd.infer_freq(s.index) or "MS"
    return s


def holt_winters(
    series: pd.Series,
    horizon: int = 6,
    trend: str | None = "add",
    seasonal: str = "mul",
    damped: bool = False,
    seasonal_periods: int = 12,
) -> HoltWinters:
    """Fit Holt-Winters exponential smoothing (statsmodels) and forecast ``horizon`` periods.

    ``trend``: ``"add"`` or ``None``; ``seasonal``: ``"add"`` (a month is so
    many yuan above average) or ``"mul"`` (so many per cent above);
    ``damped`` flattens the trend. The initial level and seasonal pattern are
    taken from the first season (level = its mean, pattern = its ratios or
    differences to that mean; initial trend 0), the classical start of
    Holt-Winters (Hyndman & Athanasopoulos, FPP 2nd ed., 7.5), so the model
    works with as little as one season plus two periods of history; the
    smoothing parameters are estimated by statsmodels (least squares).

    >>> idx = pd.date_range("2023-01-01", periods=36, freq="MS")
    >>> season = np.tile([0.8, 0.9, 1.0, 1.1, 1.2, 1.0, 0.9, 0.9, 1.0, 1.1, 1.1, 1.0], 3)
    >>> fit = holt_winters(pd.Series(100 * season, index=idx), horizon=3, trend=None)
    >>> fit.forecast.round(1).tolist()
    [80.0, 90.0, 100.0]
    """
    import warnings

    from statsmodels.tools.sm_exceptions import ConvergenceWarning
    from statsmodels.tsa.holtwinters import ExponentialSmoothing

    if trend not in (None, "add"):
        raise ValueError("trend is 'add' or None.")
    if seasonal not in ("add", "mul"):
        raise ValueError("seasonal is 'add' or 'mul'.")
    if int(horizon) != horizon or horizon < 1:
        raise ValueError("The horizon is a whole number of periods, at least 1.")
    s = _check_series(series, seasonal_periods)
    if seasonal == "mul" and (s <= 0).any():
        raise ValueError("Multiplicative seasonality needs every period above zero: use additive.")
    first = s.iloc[:seasonal_periods].to_numpy()
    level = float(first.mean())
    pattern = first / level if seasonal == "mul" else first - level
    model = ExponentialSmoothing(
        s,
        trend=trend,
        damped_trend=bool(damped and trend),
        seasonal=seasonal,
        seasonal_periods=seasonal_periods,
        initialization_method="known",
        initial_level=level,
        initial_trend=0.0 if trend else None,
        initial_seasonal=pattern,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        # a perfect fit makes statsmodels take log(0) for its AIC; harmless here
        warnings.filterwarnings("ignore", "divide by zero encountered in log", RuntimeWarning)
        res = model.fit(use_brute=False)
        fc = res.forecast(int(horizon))
    p = res.params
    # the first season fits exactly (it set the starting values): errors count from the second
    resid = (s.to_numpy() - res.fittedvalues.to_numpy())[seasonal_periods:]
    sse = float(np.sum(resid**2))
    n = len(resid)
    loglik = float(-n / 2 * (np.log(2 * np.pi * max(sse, 1e-300) / n) + 1))
    fc.name = "forecast"
    return HoltWinters(
        alpha=float(p["smoothing_level"]),
        beta=float(p["smoothing_trend"]) if trend else float("nan"),
        gamma=float(p["smoothing_seasonal"]),
        phi=float(p["damping_trend"]) if (damped and trend) else 1.0,
        trend=trend,
        seasonal=seasonal,
        fitted=res.fittedvalues.rename("fitted"),
        forecast=fc,
        sse=sse,
        log_likelihood=loglik,
    )


@dataclass(frozen=True)
class Backtest:
    """Rolling-origin evaluation: every forecast against what happened."""

    table: pd.DataFrame  # origin, month, step, actual, forecast, error, abs_pct_error
    mape: float
    wape: float
    horizon: int


def backtest(
    series: pd.Series, test_periods: int = 6, horizon: int = 1, **settings: Any
) -> Backtest:
    """Rolling-origin backtest of :func:`holt_winters` over the last ``test_periods``.

    For each forecast origin in the test window the model is refitted on the
    history up to that origin only and forecasts ``horizon`` periods ahead;
    the forecast of each test month made ``horizon`` months before it is kept
    (Hyndman & Athanasopoulos, FPP3, 5.10, "time series cross-validation").
    ``horizon=1`` is the one-month-ahead error. ``settings`` go to
    :func:`holt_winters` (``trend``, ``seasonal``, ``damped``,
    ``seasonal_periods``). Error measures: :func:`mape` and :func:`wape`.

    >>> idx = pd.date_range("2023-01-01", periods=30, freq="MS")
    >>> season = np.tile([0.8, 0.9, 1.0, 1.1, 1.2, 1.0, 0.9, 0.9, 1.0, 1.1, 1.1, 1.0], 3)[:30]
    >>> round(backtest(pd.Series(100 * season, index=idx), 6, trend=None).mape, 6)
    0.0
    """
    if int(test_periods) != test_periods or test_periods < 1:
        raise ValueError("The test window is a whole number of periods, at least 1.")
    if int(horizon) != horizon or horizon < 1:
        raise ValueError("The horizon is a whole number of periods, at least 1.")
    test_periods, horizon = int(test_periods), int(horizon)
    sp = int(settings.get("seasonal_periods", 12))
    s = _check_series(series, sp)
    first_target = len(s) - test_periods
    if first_target - horizon + 1 < sp + 2:
        raise ValueError(
            f"Not enough history before the test window: the first forecast would be fitted "
            f"on fewer than {sp + 2} periods. Shorten the test window or the horizon."
        )
    rows = []
    for target in range(first_target, len(s)):
        origin = target - horizon + 1  # fit on s[:origin]
        fit = holt_winters(s.iloc[:origin], horizon=horizon, **settings)
        rows.append(
            {
                "origin": s.index[origin - 1],
                "month": s.index[target],
                "step": horizon,
                "actual": float(s.iloc[target]),
                "forecast": float(fit.forecast.iloc[-1]),
            }
        )
    table = pd.DataFrame(rows)
    table["error"] = table["forecast"] - table["actual"]
    table["abs_pct_error"] = (table["error"] / table["actual"].where(table["actual"] != 0)).abs()
    return Backtest(
        table,
        mape(table["actual"], table["forecast"]),
        wape(table["actual"], table["forecast"]),
        horizon,
    )


def seasonal_naive(
    series: pd.Series, test_periods: int = 6, seasonal_periods: int = 12
) -> pd.Series:
    """The benchmark forecast: each test month equals the same month a season earlier.

    Any forecasting method should beat it (Hyndman & Athanasopoulos, FPP3, 5.2).

    >>> idx = pd.date_range("2024-01-01", periods=14, freq="MS")
    >>> seasonal_naive(pd.Series(range(14), index=idx, dtype=float), 2).tolist()
    [0.0, 1.0]
    """
    if len(series) < test_periods + seasonal_periods:
        raise ValueError("The seasonal naive benchmark needs a full season before the test window.")
    n = len(series)
    fc = series.iloc[n - test_periods - seasonal_periods : n - seasonal_periods].to_numpy(
        dtype=float
    )
    return pd.Series(fc, index=series.index[n - test_periods :], name="seasonal_naive")


def pipeline_by_stage(opportunities: pd.DataFrame, probabilities: Any) -> pd.DataFrame:
    """Weighted pipeline of the open opportunities, stage by stage.

    ``opportunities`` has ``stage``, ``status`` and ``amount``; only ``open``
    ones count. ``probabilities`` maps each stage to its win probability (a
    fraction; a dict or Series). One row per stage in the order of
    ``probabilities``: ``deals``, ``amount``, ``probability``, ``weighted``
    (amount x probability, summed with :func:`weighted_pipeline`) and
    ``expected_share`` (weighted / amount, NaN for an empty stage); plus a ``total`` row.

    >>> opps = pd.DataFrame({"stage": ["lead", "proposal", "proposal"], "status": ["open"] * 3,
    ...                      "amount": [100_000.0, 50_000.0, 30_000.0]})
    >>> pipeline_by_stage(opps, {"lead": 0.1, "proposal": 0.5})["weighted"].tolist()
    [10000.0, 40000.0, 50000.0]
    """
    probs = pd.Series(probabilities, dtype=float)
    C.check(
        "win probability",
        probs.to_numpy(),
        ge=0,
        le=1,
        why="a probability is a fraction between 0 and 1",
    )
    live = (
        opportunities[opportunities["status"] == "open"]
        if "status" in opportunities
        else opportunities
    )
    unknown = set(live["stage"]) - set(probs.index)
    if unknown:
        raise ValueError(
            f"Give a win probability for every open stage; missing: {', '.join(sorted(unknown))}."
        )
    g = live.groupby("stage")["amount"]
    out = pd.DataFrame({"deals": g.size(), "amount": g.sum()}).reindex(probs.index).fillna(0.0)
    out["probability"] = probs
    out["weighted"] = [
        weighted_pipeline(
            live.loc[live["stage"] == s, "amount"], np.full((live["stage"] == s).sum(), p)
        )
        for s, p in probs.items()
    ]
    out.loc["total"] = [
        out["deals"].sum(),
        out["amount"].sum(),
        np.nan,
        weighted_pipeline(live["amount"], live["stage"].map(probs)),
    ]
    out["expected_share"] = out["weighted"] / out["amount"].where(out["amount"] > 0)
    out.index.name = "stage"
    return out


# ---------------------------------------------------------------------------
# An honest range, and the benchmark beside the model (lab 5.2)


def seasonal_naive_ahead(series: pd.Series, future: int, seasonal_periods: int = 12) -> pd.Series:
    """The benchmark's forecast of the next ``future`` months: the same month a season earlier.

    >>> idx = pd.date_range("2024-01-01", periods=12, freq="MS")
    >>> seasonal_naive_ahead(pd.Series(range(12), index=idx, dtype=float), 2).tolist()
    [0.0, 1.0]
    """
    if int(future) != future or not 1 <= future <= seasonal_periods:
        raise ValueError(f"Forecast between 1 and {seasonal_periods} months ahead.")
    if len(series) < seasonal_periods:
        raise ValueError("The seasonal naive benchmark needs at least one full season of history.")
    last = series.iloc[-seasonal_periods:].to_numpy(dtype=float)[: int(future)]
    start = series.index[-1] + pd.offsets.MonthBegin(1)
    idx = pd.date_range(start, periods=int(future), freq="MS", name=series.index.name)
    return pd.Series(last, index=idx, name="seasonal_naive")


def error_range(actual: Any, forecast: Any) -> tuple[float, float, float]:
    """How far actuals fell from forecasts in a backtest, as a ratio range, and its coverage.

    Returns ``(low, high, coverage)``: the smallest and largest ratio actual / forecast,
    and the chance that one more month falls between them if the months behave like
    the ones tested: (n - 1) / (n + 1) for n errors (the order statistics of n + 1
    exchangeable values). Multiply a new forecast by ``low`` and ``high`` for its range.
    A MAPE is an average size of the misses; this is an interval.

    >>> error_range([90, 110, 100], [100, 100, 100])
    (0.9, 1.1, 0.5)
    """
    a, f = _pair(actual, forecast)
    if (f <= 0).any():
        raise ValueError("A range of ratios needs positive forecasts.")
    ratio = a / f
    n = len(ratio)
    if n < 2:
        raise ValueError("A range needs at least two backtest months.")
    return float(ratio.min()), float(ratio.max()), (n - 1) / (n + 1)


@dataclass(frozen=True)
class ForecastLab:
    """The model, the benchmark and their ranges (see :func:`forecast_lab`). Money per month;
    errors and coverage as fractions."""

    backtest: Backtest
    fit: HoltWinters
    naive_mape: float
    naive_wape: float
    benchmark_wins: bool
    coverage: float
    plan: (
        pd.DataFrame
    )  # month, model, model_low, model_high, benchmark, benchmark_low, benchmark_high


def forecast_lab(
    series: pd.Series, test_periods: int = 6, horizon: int = 1, future: int = 6, **settings: Any
) -> ForecastLab:
    """Backtest a Holt-Winters setting against the seasonal-naive benchmark and forecast both,
    each with the range its own backtest misses give (:func:`error_range`).

    ``benchmark_wins`` is True when "the same month last year" has the lower MAPE over
    the test months: then it, not the model, is the forecast to plan on.
    """
    bt = backtest(series, test_periods, horizon, **settings)
    fit = holt_winters(series, future, **settings)
    naive = seasonal_naive(series, test_periods)
    actual = series.iloc[-test_periods:]
    m_low, m_high, coverage = error_range(bt.table["actual"], bt.table["forecast"])
    n_low, n_high, _ = error_range(actual, naive)
    ahead = seasonal_naive_ahead(series, future)
    model = fit.forecast.to_numpy(dtype=float)
    plan = pd.DataFrame(
        {
            "model": model,
            "model_low": model * m_low,
            "model_high": model * m_high,
            "benchmark": ahead.to_numpy(),
            "benchmark_low": ahead.to_numpy() * n_low,
            "benchmark_high": ahead.to_numpy() * n_high,
        },
        index=fit.forecast.index,
    )
    plan.index.name = "month"
    naive_mape = mape(actual, naive)
    return ForecastLab(
        bt, fit, naive_mape, wape(actual, naive), naive_mape < bt.mape, coverage, plan
    )


def sample_open_deals(opportunities: pd.DataFrame, n: int = 3) -> pd.DataFrame:
    """One open deal from each stage, the ``n`` largest of those (an exercise's sample).

    >>> o = pd.DataFrame({"status": ["open", "open", "won"], "stage": ["lead", "lead", "contract"],
    ...                   "amount": [5.0, 9.0, 7.0]})
    >>> sample_open_deals(o, 3)["amount"].tolist()
    [5.0]
    """
    live = opportunities[opportunities["status"] == "open"]
    return live.groupby("stage").head(1).sort_values("amount", ascending=False).head(n)
