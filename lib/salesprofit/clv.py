"""Customer lifetime value: retention economics and the BG/NBD + Gamma-Gamma models
(chapter 1, 优化客户关系).

Two families of models:

* **Retention economics** (a customer who stays with probability ``r`` each period
  and earns margin ``m`` per period, discounted at ``d``): the margin multiple
  ``r / (1 + d - r)`` (margin at the end of each period) or ``(1 + d) / (1 + d - r)``
  (margin at the start, the first one paid today). Gupta & Lehmann, "Customers as
  Assets", *Journal of Interactive Marketing* 17(1), 2003, and *Managing Customers
  as Investments*, Wharton School Publishing 2005, ch. 2 (the margin multiple
  table); Berger & Nasr, "Customer lifetime value: marketing models and
  applications", *Journal of Interactive Marketing* 12(1), 1998.
* **Buy till you die** models for customers who may leave silently:
  the BG/NBD model (Fader, Hardie & Lee, "'Counting Your Customers' the Easy Way:
  An Alternative to the Pareto/NBD Model", *Marketing Science* 24(2), 2005) for
  how often a customer buys and whether they are still active, and the
  Gamma-Gamma model of spend per purchase (Fader, Hardie & Lee, "RFM and CLV:
  Using Iso-Value Curves for Customer Base Analysis", *Journal of Marketing
  Research* 42(4), 2005; Fader & Hardie, "The Gamma-Gamma Model of Monetary
  Value", note, 2013). Both are fitted by maximum likelihood with scipy on
  log-parameters, with the log-likelihood vectorised over customers.

:func:`customer_summary` turns a transaction log into the frequency / recency /
T / monetary value summary these models need, with the conventions of the BTYD
literature and of the ``lifetimes`` package.

Conventions: fractions are fractions (retention 0.8, discount rate 0.12 per
period); money in the data's currency; time in the data's unit (CDNOW: weeks);
nothing is rounded here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from . import _checks as C
from ._bgnbd import (
    BGNBDParams,
    DegenerateFitError,
    _conditional_body,
    _conditional_weight,
    _rfm,
    _shape_out,
    bgnbd_conditional_expected_purchases,
    bgnbd_expected_purchases,
    bgnbd_log_likelihood,
    bgnbd_pmf,
    bgnbd_prob_alive,
    fit_bgnbd,
    unique_rows,
)
from ._gamma_gamma import (
    GammaGammaParams,
    fit_gamma_gamma,
    gamma_gamma_expected_spend,
    gamma_gamma_log_likelihood,
)
from ._summary import _FREQS, _period_ordinal, customer_summary

__all__ = [
    "BGNBDParams",
    "ClvScenario",
    "DegenerateFitError",
    "GammaGammaParams",
    "VipBreakeven",
    "VipScenario",
    "bgnbd_conditional_expected_purchases",
    "bgnbd_expected_purchases",
    "bgnbd_log_likelihood",
    "bgnbd_pmf",
    "bgnbd_prob_alive",
    "clv",
    "clv_bgnbd_gamma_gamma",
    "clv_scenario",
    "customer_summary",
    "discounted_expected_purchases",
    "expected_lifetime",
    "fit_bgnbd",
    "fit_gamma_gamma",
    "follow_up_priorities",
    "gamma_gamma_expected_spend",
    "gamma_gamma_log_likelihood",
    "holdout_check",
    "holdout_purchases",
    "ltv_from_churn",
    "margin_multiple",
    "prob_alive_path",
    "retention_curve",
    "retention_gain",
    "simple_clv",
    "vip_breakeven_table",
    "vip_offer_breakeven",
    "vip_offer_from_revenue",
    "vip_scenario",
]

_TIMINGS = ("end", "start")


def _arith(f, *args):
    """Apply ``f`` keeping pandas objects as they are and lists as arrays."""
    conv = [
        a
        if isinstance(a, (pd.Series, pd.DataFrame, np.ndarray))
        else (np.asarray(a, dtype=float) if isinstance(a, (list, tuple)) else a)
        for a in args
    ]
    return f(*conv)


def _timing(timing: str) -> None:
    if timing not in _TIMINGS:
        raise ValueError(
            f"timing must be 'end' (margin earned at the end of each period) or "
            f"'start' (margin earned at the start, the first one today), not {timing!r}."
        )


def _retention_checks(retention: Any, discount_rate: Any) -> None:
    C.check(
        "Retention",
        retention,
        ge=0,
        lt=1,
        why="a customer base that never churns has unbounded value; use a yearly "
        "retention such as 0.8 (80 % of customers stay each year)",
    )
    C.check(
        "The discount rate",
        discount_rate,
        ge=0,
        lt=1,
        why="it is the yearly cost of money, such as 0.10 for 10 %",
    )


# ---------------------------------------------------------------------------
# Retention economics


def margin_multiple(retention: Any, discount_rate: Any, timing: str = "end") -> Any:
    """How many periods of margin a customer is worth today.

    ``timing="end"``: margins arrive at the end of each period, the first one
    after a period: ``r / (1 + d - r)``. ``timing="start"``: the first margin is
    paid today: ``(1 + d) / (1 + d - r)`` (one more period's margin, compounded).
    ``retention`` and ``discount_rate`` are fractions per period (usually a year).

    Gupta & Lehmann (2005), table 2.1: retention 80 %, discount rate 12 % gives
    a margin multiple of 2.5:

    >>> round(margin_multiple(0.8, 0.12), 6)
    2.5
    >>> round(margin_multiple(0.8, 0.12, timing="start"), 4)
    3.5
    """
    _timing(timing)
    _retention_checks(retention, discount_rate)
    if timing == "end":
        return C.out(_arith(lambda r, d: r / (1 + d - r), retention, discount_rate))
    return C.out(_arith(lambda r, d: (1 + d) / (1 + d - r), retention, discount_rate))


def clv(
    margin: Any,
    retention: Any,
    discount_rate: Any,
    acquisition_cost: Any = 0.0,
    timing: str = "end",
) -> Any:
    """Customer lifetime value: ``margin x margin_multiple - acquisition_cost``.

    ``margin`` is the money a customer earns per period after the cost of
    serving them; ``acquisition_cost`` what winning them costs today (money).

    Gupta & Lehmann's example: ¥100 a year, 80 % retention, 12 % discount rate,
    margin paid at year end: a customer is worth ¥250.

    >>> round(clv(100.0, 0.8, 0.12), 6)
    250.0
    >>> round(clv(100.0, 0.8, 0.12, acquisition_cost=50.0, timing="start"), 6)
    300.0
    """
    C.finite("The margin per period", margin)
    C.finite("The acquisition cost", acquisition_cost)
    mm = margin_multiple(retention, discount_rate, timing)
    return C.out(_arith(lambda m, k, a: m * k - a, margin, mm, acquisition_cost))


def ltv_from_churn(margin_per_period: Any, churn: Any) -> Any:
    """Undiscounted lifetime value: ``margin / churn`` (expected lifetime ``1 / churn``).

    ``churn`` is the fraction of customers lost per period. A customer earning
    ¥50 a month with 2 % monthly churn stays 50 months on average: ¥2,500.

    >>> ltv_from_churn(50.0, 0.02)
    2500.0
    """
    C.finite("The margin per period", margin_per_period)
    C.check(
        "Churn",
        churn,
        gt=0,
        le=1,
        why="with no churn at all a customer would stay for ever; use e.g. 0.02 for 2 % a month",
    )
    return C.out(_arith(lambda m, c: m / c, margin_per_period, churn))


def expected_lifetime(retention: Any) -> Any:
    """Expected number of periods a customer stays: ``1 / (1 - retention)``.

    >>> round(expected_lifetime(0.8), 6)
    5.0
    """
    C.check(
        "Retention", retention, ge=0, lt=1, why="a customer base that never churns stays for ever"
    )
    return C.out(_arith(lambda r: 1 / (1 - r), retention))


def simple_clv(annual_profit: Any, years: Any, acquisition_cost: Any = 0.0) -> Any:
    """Undiscounted CLV: ``annual_profit x years - acquisition_cost``.

    >>> simple_clv(1200.0, 5, acquisition_cost=1000.0)
    5000.0
    """
    C.finite("The annual profit", annual_profit)
    C.check("The number of years", years, ge=0)
    C.finite("The acquisition cost", acquisition_cost)
    return C.out(_arith(lambda p, y, a: p * y - a, annual_profit, years, acquisition_cost))


def retention_gain(
    margin: Any, retention: Any, discount_rate: Any, points: Any = 0.05, timing: str = "end"
) -> Any:
    """Relative gain in CLV when retention rises by ``points`` (0.05 = 5 points).

    ``clv(r + points) / clv(r) - 1``; the margin cancels out, so the answer
    depends on retention, the discount rate and timing only (``margin`` is
    checked, kept for symmetry with :func:`clv`). Reichheld & Sasser, "Zero
    Defections", *Harvard Business Review*, 1990, made the point that 5 points of
    retention are worth far more than 5 % of profit.

    >>> round(retention_gain(100.0, 0.8, 0.12, 0.05), 4)
    0.2593
    """
    C.finite("The margin per period", margin)
    C.check("The retention change", points, gt=-1, lt=1)
    after = C.values(retention) + C.values(points)
    if (after >= 1).any() or (after < 0).any():
        raise ValueError(
            "Retention plus the change must stay between 0 and 1 (below 100 %): "
            "a customer base that never churns has unbounded value."
        )
    before = margin_multiple(retention, discount_rate, timing)
    if (C.values(before) == 0).any():
        raise ValueError(
            "With 0 % retention today the customer is worth nothing after this period: "
            "a relative gain is undefined; compare the values in money instead."
        )
    now = margin_multiple(_arith(lambda r, p: r + p, retention, points), discount_rate, timing)
    return C.out(_arith(lambda a, b: a / b - 1, now, before))


@dataclass(frozen=True)
class VipBreakeven:
    """What a VIP offer must buy in retention to pay for itself.

    Money per customer; retention as fractions per period.
    """

    margin: float  #: margin per customer and period today
    offer_cost: float  #: what the offer costs per customer and period
    clv_without: float  #: CLV at today's margin and retention
    margin_with_offer: float  #: margin per period after paying for the offer
    required_retention: float  #: retention at which the offer breaks even
    retention_points_needed: float  #: required_retention - retention
    offer_share_of_margin: float  #: offer cost / margin


def vip_offer_breakeven(
    margin: float, retention: float, discount_rate: float, offer_cost: float, timing: str = "end"
) -> VipBreakeven:
    """Retention a VIP offer must reach so the customer is worth as much as without it.

    The offer (an exclusive discount, a dedicated service) costs ``offer_cost``
    per customer and period and cuts the margin to ``margin - offer_cost``. It
    pays when ``(margin - offer_cost) x MM(r') >= margin x MM(r)``; solving the
    margin multiple for ``r'`` gives, with ``k = margin x MM(r) / (margin - offer_cost)``,
    ``r' = k (1 + d) / (1 + k)`` (end) or ``r' = (1 + d) (1 - 1/k)`` (start).

    A ¥1,000 margin at 80 % retention and 10 % discount rate; a VIP discount
    costing ¥100 a year needs retention of 82.2 %:

    >>> round(vip_offer_breakeven(1000.0, 0.8, 0.10, 100.0).required_retention, 4)
    0.8224
    """
    _timing(timing)
    _retention_checks(retention, discount_rate)
    C.check(
        "The margin per period", margin, gt=0, why="a VIP offer is paid out of a positive margin"
    )
    C.check("The offer cost", offer_cost, ge=0)
    if offer_cost >= margin:
        raise ValueError(
            "The offer costs as much as the margin it earns or more: the customer would "
            "bring no profit at all, whatever the retention. Make the offer cheaper."
        )
    value = clv(margin, retention, discount_rate, timing=timing)
    k = value / (margin - offer_cost)
    d = discount_rate
    required = k * (1 + d) / (1 + k) if timing == "end" else (1 + d) * (1 - 1 / k)
    if required >= 1:
        raise ValueError(
            f"The offer costs {offer_cost / margin:.0%} of the margin: even keeping every customer "
            "for ever would not pay it back at this discount rate. Make the offer cheaper or target "
            "it at customers with a higher margin."
        )
    required = max(float(required), 0.0)
    return VipBreakeven(
        float(margin),
        float(offer_cost),
        float(value),
        float(margin - offer_cost),
        required,
        required - retention,
        float(offer_cost / margin),
    )


def vip_offer_from_revenue(
    revenue: float,
    margin_rate: float,
    vip_discount: float,
    service_cost: float,
    retention: float,
    discount_rate: float,
    timing: str = "end",
) -> VipBreakeven:
    """:func:`vip_offer_breakeven` for an offer given as a discount on revenue plus a service cost.

    ``revenue`` per customer and period (money), ``margin_rate`` the margin on
    it (fraction), ``vip_discount`` the VIP discount off the price (fraction: it
    comes straight out of the margin), ``service_cost`` the extra service per
    period (money). Margin = revenue x margin_rate; offer cost = revenue x
    vip_discount + service_cost.

    >>> v = vip_offer_from_revenue(20000.0, 0.25, 0.03, 400.0, 0.80, 0.10)
    >>> v.margin, v.offer_cost, round(v.required_retention, 4)
    (5000.0, 1000.0, 0.8462)
    """
    C.check("Revenue per period", revenue, gt=0)
    C.check("The margin", margin_rate, gt=0, le=1)
    C.check("The VIP discount", vip_discount, ge=0, lt=1)
    C.check("The service cost", service_cost, ge=0)
    return vip_offer_breakeven(
        revenue * margin_rate,
        retention,
        discount_rate,
        revenue * vip_discount + service_cost,
        timing,
    )


def vip_breakeven_table(
    revenue: float,
    margin_rate: float,
    vip_discounts: Any,
    service_cost: float,
    retention: float,
    discount_rate: float,
    timing: str = "end",
) -> pd.DataFrame:
    """:func:`vip_offer_from_revenue` for several VIP discounts, one row each.

    Columns ``vip_discount``, ``offer_share_of_margin``, ``required_retention``
    and ``retention_points_needed``; an offer that no retention below 100 % can
    pay for has NaN in the last two (``feasible`` False).

    >>> vip_breakeven_table(20000.0, 0.25, [0.03, 0.30], 400.0, 0.80, 0.10)["feasible"].tolist()
    [True, False]
    """
    rows = []
    for disc in np.atleast_1d(np.asarray(vip_discounts, dtype=float)):
        share = (revenue * disc + service_cost) / (revenue * margin_rate)
        try:
            v = vip_offer_from_revenue(
                revenue, margin_rate, float(disc), service_cost, retention, discount_rate, timing
            )
        except ValueError:
            if not (0 <= disc < 1):
                raise
            rows.append((float(disc), float(share), np.nan, np.nan, False))
        else:
            rows.append(
                (
                    float(disc),
                    v.offer_share_of_margin,
                    v.required_retention,
                    v.retention_points_needed,
                    True,
                )
            )
    return pd.DataFrame(
        rows,
        columns=[
            "vip_discount",
            "offer_share_of_margin",
            "required_retention",
            "retention_points_needed",
            "feasible",
        ],
    )


# ---------------------------------------------------------------------------
# customer_summary, BG/NBD and Gamma-Gamma: in ._summary, ._bgnbd and ._gamma_gamma,
# re-exported above


def discounted_expected_purchases(
    bgnbd: BGNBDParams,
    frequency: Any,
    recency: Any,
    T: Any,
    periods: int = 12,
    period_length: float = 30,
    discount_rate: float = 0.01,
) -> Any:
    """Expected purchases in each of the next ``periods`` periods, discounted and summed.

    ``sum_{i=1..periods} (E[Y(L i)] - E[Y(L (i-1))]) / (1 + d)^i`` (BG/NBD conditional
    expectations, ``L = period_length`` in the data's time unit, ``d`` the discount
    rate per period). Times a spend per purchase it is the discounted value of
    :func:`clv_bgnbd_gamma_gamma`. Customers with the same history are evaluated once.

    >>> bg = BGNBDParams(0.243, 4.414, 0.793, 2.426, 0.0)
    >>> round(discounted_expected_purchases(bg, 2, 30.43, 38.86, periods=1, period_length=39,
    ...                                     discount_rate=0.0), 3)
    1.226
    """
    if int(periods) != periods or periods < 1:
        raise ValueError("periods must be a whole number of periods, at least 1.")
    C.check("The period length", period_length, gt=0)
    C.check("The discount rate", discount_rate, ge=0, lt=1)
    x, tx, T_ = _rfm(frequency, recency, T)
    x, tx, T_ = np.broadcast_arrays(x, tx, T_)
    # E[Y(t) | x, t_x, T] = weight(x, t_x, T) x body(t; x, T): the hypergeometric body is
    # evaluated once per distinct (x, T) and horizon
    rows, _, back = unique_rows(x.ravel(), T_.ravel())
    horizons = period_length * np.arange(1, int(periods) + 1, dtype=float)[:, None]
    body = _conditional_body(bgnbd, horizons, rows[:, 0], rows[:, 1])
    steps = np.diff(np.vstack([np.zeros((1, len(rows))), body]), axis=0)
    factors = (1 + discount_rate) ** -np.arange(1, int(periods) + 1, dtype=float)
    per_history = np.sum(factors[:, None] * steps, axis=0)[back].reshape(x.shape)
    total = _conditional_weight(bgnbd, x, tx, T_) * per_history
    return _shape_out(total, frequency, recency, T)


def clv_bgnbd_gamma_gamma(
    bgnbd: BGNBDParams,
    gg: GammaGammaParams,
    frequency: Any,
    recency: Any,
    T: Any,
    monetary_value: Any,
    periods: int = 12,
    period_length: float = 30,
    discount_rate: float = 0.01,
) -> Any:
    """Discounted expected spend over ``periods`` periods: BG/NBD purchases x Gamma-Gamma spend.

    ``sum_{i=1..periods} spend x (E[Y(L i)] - E[Y(L (i-1))]) / (1 + d)^i`` with
    ``L = period_length`` in the data's time unit and ``d`` the discount rate per
    period (the method of ``lifetimes``' ``customer_lifetime_value``): the spend times
    :func:`discounted_expected_purchases`. Money in the data's currency; spend, not
    margin: multiply by your margin for profit.

    >>> bg = BGNBDParams(0.243, 4.414, 0.793, 2.426, 0.0)
    >>> gg = GammaGammaParams(6.25, 3.74, 15.44, 0.0)
    >>> round(clv_bgnbd_gamma_gamma(bg, gg, 2, 30.43, 38.86, 22.35, periods=1, period_length=39,
    ...                             discount_rate=0.0), 2)
    30.24
    """
    spend = C.values(gamma_gamma_expected_spend(gg, frequency, monetary_value))
    purchases = discounted_expected_purchases(
        bgnbd, frequency, recency, T, periods, period_length, discount_rate
    )
    return _shape_out(spend * C.values(purchases), frequency, recency, T, monetary_value)


def follow_up_priorities(
    bgnbd: BGNBDParams, summary: pd.DataFrame, horizon: float, gg: GammaGammaParams | None = None
) -> pd.DataFrame:
    """Each customer's P(alive), expected purchases in ``horizon`` and expected value.

    ``summary`` has ``frequency``, ``recency``, ``T`` (and ``monetary_value``
    for the value, with ``gg``). Adds ``p_alive``, ``silence`` (time since the
    last purchase, T - recency), ``expected_purchases``,
    ``expected_spend`` (Gamma-Gamma mean spend, when ``gg`` is given),
    ``expected_value`` (purchases x spend) and ``priority`` (1 = call first:
    highest expected value, or expected purchases without ``gg``). With
    ``monetary_value`` also ``past_value`` (repeat purchases x their mean value)
    and ``value_at_risk`` (past value x (1 - P(alive)): valuable customers who
    have probably left, the win-back list). Sorted by priority.

    >>> bg = BGNBDParams(0.243, 4.414, 0.793, 2.426, 0.0)
    >>> s = pd.DataFrame({"frequency": [2, 0], "recency": [30.43, 0.0], "T": [38.86, 38.86]}, index=[1, 2])
    >>> follow_up_priorities(bg, s, 39).index.tolist()
    [1, 2]
    """
    out = summary.copy()
    out["p_alive"] = bgnbd_prob_alive(bgnbd, out["frequency"], out["recency"], out["T"])
    out["silence"] = out["T"] - out["recency"]
    out["expected_purchases"] = bgnbd_conditional_expected_purchases(
        bgnbd, horizon, out["frequency"], out["recency"], out["T"]
    )
    key = "expected_purchases"
    if "monetary_value" in out.columns:
        out["past_value"] = out["frequency"] * out["monetary_value"]
        out["value_at_risk"] = out["past_value"] * (1 - out["p_alive"])
    if gg is not None:
        out["expected_spend"] = gamma_gamma_expected_spend(
            gg, out["frequency"], out["monetary_value"]
        )
        out["expected_value"] = out["expected_purchases"] * out["expected_spend"]
        key = "expected_value"
    out = out.sort_values([key, "p_alive"], ascending=False, kind="stable")
    out["priority"] = np.arange(1, len(out) + 1)
    return out


def prob_alive_path(
    params: BGNBDParams,
    purchase_dates: Any,
    observation_end: Any,
    unit_days: float = 7.0,
    points: int = 120,
) -> pd.DataFrame:
    """P(alive) of one customer through time, from the first purchase to ``observation_end``.

    ``purchase_dates`` are the customer's purchase dates (several on one day count
    once); time is measured in units of ``unit_days`` days (7: weeks, as CDNOW).
    Columns ``date``, ``t`` (time since the first purchase), ``frequency``,
    ``recency`` and ``p_alive``; one row per grid point (``points`` of them,
    evenly spaced after the first purchase) plus one just before each repeat
    purchase, so the jumps show. Vectorised over the grid.

    >>> bg = BGNBDParams(0.243, 4.414, 0.793, 2.426, 0.0)
    >>> path = prob_alive_path(bg, pd.to_datetime(["1997-01-01", "1997-01-18", "1997-08-02"]), "1997-09-30")
    >>> round(float(path["p_alive"].iloc[-1]), 4) == round(bgnbd_prob_alive(bg, 2, 30.43, 38.86), 4)
    True
    """
    C.check("unit_days", unit_days, gt=0)
    days = np.unique(
        np.asarray(pd.to_datetime(purchase_dates), dtype="datetime64[D]").astype(np.int64)
    )
    if len(days) == 0:
        raise ValueError("This customer has no purchases to follow.")
    end = np.datetime64(pd.Timestamp(observation_end).date(), "D").astype(np.int64)
    days = days[days <= end]
    if len(days) == 0 or end <= days[0]:
        raise ValueError("The observation period must end after the customer's first purchase.")
    times = (days - days[0]) / unit_days
    horizon = (end - days[0]) / unit_days
    grid = np.linspace(horizon / points, horizon, points)
    grid = np.union1d(grid, np.clip(times[1:] - 1e-6, 1e-6, None))
    x = np.searchsorted(times, grid, side="right") - 1
    recency = times[x]
    p = bgnbd_prob_alive(params, x.astype(float), recency, grid)
    return pd.DataFrame(
        {
            "date": pd.to_datetime(days[0] + np.round(grid * unit_days).astype(np.int64), unit="D"),
            "t": grid,
            "frequency": x.astype(float),
            "recency": recency,
            "p_alive": p,
        }
    )


def holdout_purchases(
    transactions: pd.DataFrame,
    customer_col: str,
    date_col: str,
    start: Any,
    end: Any,
    value_col: str | None = None,
    freq: str = "D",
) -> pd.DataFrame:
    """What each customer actually bought in a holdout window ``start < date <= end``.

    ``purchases`` counts purchase periods of ``freq`` (days by default), the way
    the BTYD literature counts repeat transactions; ``value`` sums ``value_col``.
    Indexed by customer (customers with no purchase in the window are absent).
    Used to check BG/NBD forecasts against what happened (FHL 2005, section 4).

    >>> tx = pd.DataFrame({"c": [1, 1, 1, 2], "d": pd.to_datetime(["1997-01-01", "1997-10-05", "1997-10-05",
    ...                    "1998-01-01"]), "v": [1.0, 2.0, 3.0, 4.0]})
    >>> holdout_purchases(tx, "c", "d", "1997-09-30", "1998-06-30", "v").to_dict("list")
    {'purchases': [1.0, 1.0], 'value': [5.0, 4.0]}
    """
    if freq not in _FREQS:
        raise ValueError(f"freq must be 'D' (days), 'W' (weeks) or 'M' (months), not {freq!r}.")
    dates = pd.to_datetime(transactions[date_col])
    window = ((dates > pd.Timestamp(start)) & (dates <= pd.Timestamp(end))).to_numpy()
    frame = pd.DataFrame(
        {
            "c": transactions[customer_col].to_numpy()[window],
            "p": _period_ordinal(dates[window], freq),
        }
    )
    if value_col is not None:
        frame["v"] = transactions[value_col].to_numpy(dtype=float)[window]
    g = frame.groupby("c", sort=True)
    out = pd.DataFrame({"purchases": g["p"].nunique().astype(float)})
    if value_col is not None:
        out["value"] = g["v"].sum()
    out.index.name = customer_col
    return out


def holdout_check(
    params: BGNBDParams,
    summary: pd.DataFrame,
    actual: pd.Series,
    horizon: float,
    max_frequency: int = 7,
) -> pd.DataFrame:
    """Expected against actual purchases in a holdout period, by number of repeat purchases.

    The validation of FHL (2005), figure 4: customers grouped by their
    calibration-period ``frequency`` (``max_frequency`` and above pooled as
    "7+"); per group the number of customers, the mean of the BG/NBD
    conditional expectations over ``horizon`` and the mean of ``actual``
    (purchases in the holdout, aligned on ``summary``'s index; missing = 0).

    >>> bg = BGNBDParams(0.243, 4.414, 0.793, 2.426, 0.0)
    >>> s = pd.DataFrame({"frequency": [2, 0], "recency": [30.43, 0.0], "T": [38.86, 38.86]}, index=[1, 2])
    >>> holdout_check(bg, s, pd.Series({1: 1.0}), 39)["actual"].tolist()
    [0.0, 1.0]
    """
    expected = bgnbd_conditional_expected_purchases(
        params, horizon, summary["frequency"], summary["recency"], summary["T"]
    )
    act = actual.reindex(summary.index).fillna(0.0).astype(float)
    group = summary["frequency"].clip(upper=max_frequency).astype(int)
    frame = pd.DataFrame({"group": group, "expected": expected, "actual": act})
    out = frame.groupby("group").agg(
        customers=("expected", "size"), expected=("expected", "mean"), actual=("actual", "mean")
    )
    out.index = [f"{i}+" if i == max_frequency else str(i) for i in out.index]
    out.index.name = "repeat_purchases"
    return out


# ---------------------------------------------------------------------------
# The formula calculators' one call (what chapter 1's labs show from Huaxin's tables is in
# salesprofit.labs.clv)


def retention_curve(
    margin: float,
    discount_rate: float,
    low: float = 0.0,
    high: float = 0.97,
    points: int = 98,
    acquisition_cost: float = 0.0,
    timing: str = "end",
    column: str = "clv",
) -> pd.DataFrame:
    """CLV at evenly spaced retentions from ``low`` to ``high``: the curve of lab 1.1's chart.

    Columns ``retention`` and ``column`` (money per customer).

    >>> retention_curve(100.0, 0.10, 0.0, 0.8, 3)["clv"].round(2).tolist()
    [0.0, 57.14, 266.67]
    """
    C.check("The lowest retention", low, ge=0, lt=1)
    C.check("The highest retention", high, gt=low, lt=1)
    grid = np.round(np.linspace(low, high, int(points)), 6)
    return pd.DataFrame(
        {"retention": grid, column: clv(margin, grid, discount_rate, acquisition_cost, timing)}
    )


@dataclass(frozen=True)
class ClvScenario:
    """Everything the CLV calculator shows (money per customer, fractions)."""

    clv: float
    margin_multiple: float
    multiple_end: float
    multiple_start: float
    clv_other_timing: float
    lifetime: float  #: expected years a customer stays
    retention_up: float  #: retention plus the points tested (at most 0.99)
    points: float  #: the points really added (retention_up - retention)
    clv_up: float
    added_value: float  #: clv_up - clv
    gain: float  #: added_value / clv (NaN when retention is 0)
    curve: pd.DataFrame  #: retention_curve for the chart


def clv_scenario(
    margin: float,
    retention: float,
    discount_rate: float,
    acquisition_cost: float = 0.0,
    timing: str = "end",
    points: float = 0.05,
) -> ClvScenario:
    """CLV under both timings and what ``points`` more retention is worth: the CLV calculator's one call.

    >>> s = clv_scenario(1000.0, 0.80, 0.10)
    >>> round(s.clv, 2), round(s.clv_other_timing - s.clv, 2), round(s.gain, 3)
    (2666.67, 1000.0, 0.275)
    """
    _timing(timing)
    value = clv(margin, retention, discount_rate, acquisition_cost, timing)
    mm_end = margin_multiple(retention, discount_rate, "end")
    mm_start = margin_multiple(retention, discount_rate, "start")
    better = min(retention + points, 0.99)
    value_up = clv(margin, better, discount_rate, acquisition_cost, timing)
    gain = (
        retention_gain(margin, retention, discount_rate, better - retention, timing)
        if retention > 0
        else float("nan")
    )
    other = "start" if timing == "end" else "end"
    return ClvScenario(
        float(value),
        float(mm_end if timing == "end" else mm_start),
        float(mm_end),
        float(mm_start),
        float(clv(margin, retention, discount_rate, acquisition_cost, other)),
        float(expected_lifetime(retention)),
        float(better),
        float(better - retention),
        float(value_up),
        float(value_up - value),
        float(gain),
        retention_curve(margin, discount_rate, 0.0, 0.97, 98, acquisition_cost, timing),
    )


@dataclass(frozen=True)
class VipScenario:
    """The VIP break-even and the curve of CLV with the offer around it."""

    breakeven: VipBreakeven
    curve: pd.DataFrame  #: retention and ``clv_with_offer``


def vip_scenario(
    revenue: float,
    margin_rate: float,
    vip_discount: float,
    service_cost: float,
    retention: float,
    discount_rate: float,
    timing: str = "end",
) -> VipScenario:
    """:func:`vip_offer_from_revenue` and the CLV with the offer from 10 points below today's retention
    to 6 points above the break-even (at most 97 %): the VIP calculator's one call.

    >>> v = vip_scenario(20000.0, 0.25, 0.03, 400.0, 0.80, 0.10)
    >>> round(v.breakeven.required_retention, 4), round(float(v.curve["retention"].iloc[0]), 2)
    (0.8462, 0.7)
    """
    v = vip_offer_from_revenue(
        revenue, margin_rate, vip_discount, service_cost, retention, discount_rate, timing
    )
    top = min(0.97, max(v.required_retention, retention) + 0.06)
    curve = retention_curve(
        v.margin_with_offer,
        discount_rate,
        max(0.0, retention - 0.1),
        top,
        80,
        timing=timing,
        column="clv_with_offer",
    )
    return VipScenario(v, curve)
