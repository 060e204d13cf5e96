"""What chapter 1's labs show (优化客户关系), computed from Huaxin's tables and the CDNOW
sample with the models of :mod:`salesprofit.clv`: each tier's lifetime value (lab 1.1), the
VIP offer's break-even by tier (lab 1.2), the follow-up list, the holdout check and one
customer's outlook (lab 1.3 and its calculators).

Pure: DataFrames and fitted parameters in, DataFrames and frozen dataclasses out; the
notebooks and :mod:`salesprofit.ui.clv` only render them. Money in the data's currency,
fractions as fractions, time in the data's unit (CDNOW: weeks); nothing is rounded here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from .. import _checks as C
from ..clv import (
    BGNBDParams,
    GammaGammaParams,
    bgnbd_conditional_expected_purchases,
    bgnbd_prob_alive,
    clv,
    clv_bgnbd_gamma_gamma,
    follow_up_priorities,
    gamma_gamma_expected_spend,
    margin_multiple,
    prob_alive_path,
    retention_gain,
    vip_breakeven_table,
)

__all__ = [
    "CustomerOutlook",
    "PriorityList",
    "bgnbd_rates",
    "customer_history",
    "customer_outlook",
    "holdout_totals",
    "priority_list",
    "tier_values",
    "vip_tier_table",
]


def tier_values(tiers: pd.DataFrame, discount_rate: float, points: float = 0.05) -> pd.DataFrame:
    """Each tier's margin multiple, CLV, CLV at ``points`` more retention and the gain (lab 1.1).

    ``tiers`` has ``margin`` (profit per customer a year after cost to serve) and
    ``retention``; adds ``multiple``, ``clv``, ``clv_up`` and ``gain`` (a fraction).

    >>> t = pd.DataFrame({"margin": [1000.0], "retention": [0.80]}, index=["key"])
    >>> tier_values(t, 0.10).loc["key", ["multiple", "clv", "gain"]].round(4).tolist()
    [2.6667, 2666.6667, 0.275]
    """
    out = tiers.copy()
    out["multiple"] = margin_multiple(out["retention"], discount_rate)
    out["clv"] = clv(out["margin"], out["retention"], discount_rate)
    out["clv_up"] = clv(out["margin"], out["retention"] + points, discount_rate)
    out["gain"] = retention_gain(out["margin"], out["retention"], discount_rate, points)
    return out


def vip_tier_table(
    tiers: pd.DataFrame,
    vip_discounts: Any,
    discount_rate: float,
    tier_names: Any = ("key", "growth"),
    service_cost: float = 0.0,
) -> pd.DataFrame:
    """:func:`salesprofit.clv.vip_breakeven_table` for several tiers (lab 1.2), with what the offer must keep.

    ``tiers`` has ``revenue``, ``margin_rate`` and ``retention`` per tier. Adds ``tier``,
    ``retention_today``, ``churn_today`` (1 - retention), ``churn_needed`` (1 - required
    retention) and ``share_of_leavers_kept`` (points needed / churn today: the share of the
    customers who leave today that the offer must keep).

    >>> t = pd.DataFrame({"revenue": [20000.0], "margin_rate": [0.25], "retention": [0.8]}, index=["key"])
    >>> round(float(vip_tier_table(t, [0.03], 0.10, ["key"], 400.0)["share_of_leavers_kept"].iloc[0]), 4)
    0.2308
    """
    frames = []
    for name in tier_names:
        row = tiers.loc[name]
        table = vip_breakeven_table(
            row["revenue"],
            row["margin_rate"],
            vip_discounts,
            service_cost,
            row["retention"],
            discount_rate,
        )
        table.insert(0, "tier", name)
        table["retention_today"] = float(row["retention"])
        frames.append(table)
    out = pd.concat(frames, ignore_index=True)
    out["churn_today"] = 1 - out["retention_today"]
    out["churn_needed"] = 1 - out["required_retention"]
    out["share_of_leavers_kept"] = out["retention_points_needed"] / out["churn_today"]
    return out


def bgnbd_rates(params: BGNBDParams, periods_per_year: float = 52.0) -> dict:
    """The BG/NBD parameters in plain words: repeat purchases a year of an active customer
    (``r / alpha`` per period x ``periods_per_year``) and the average chance that a purchase
    was the last (``a / (a + b)``).

    >>> {k: round(v, 3) for k, v in bgnbd_rates(BGNBDParams(0.243, 4.414, 0.793, 2.426, 0.0)).items()}
    {'purchases_a_year': 2.863, 'dropout_chance': 0.246}
    """
    C.check("Periods per year", periods_per_year, gt=0)
    return {
        "purchases_a_year": params.r / params.alpha * periods_per_year,
        "dropout_chance": params.a / (params.a + params.b),
    }


def holdout_totals(check: pd.DataFrame) -> dict:
    """Total expected and actual purchases of :func:`salesprofit.clv.holdout_check` and the
    forecast's error (a fraction).

    >>> t = holdout_totals(pd.DataFrame({"customers": [10, 5], "expected": [1.0, 2.0], "actual": [1.0, 1.0]}))
    >>> t["expected"], t["actual"], round(t["error"], 4)
    (20.0, 15.0, 0.3333)
    """
    expected = float((check["customers"] * check["expected"]).sum())
    actual = float((check["customers"] * check["actual"]).sum())
    if actual == 0:
        raise ValueError("Nobody bought in the holdout period: there is nothing to compare with.")
    return {"expected": expected, "actual": actual, "error": expected / actual - 1}


_RANKS = ("expected_value", "expected_purchases", "value_at_risk")


@dataclass(frozen=True)
class PriorityList:
    """A follow-up list: all customers ranked, the top of it and its share."""

    priorities: pd.DataFrame  #: follow_up_priorities, sorted by ``rank_by``
    top: pd.DataFrame
    share_customers: float  #: top customers / all customers
    share_value: float  #: the top's share of ``rank_by`` summed over all customers


def priority_list(
    bgnbd: BGNBDParams,
    summary: pd.DataFrame,
    horizon: float,
    gg: GammaGammaParams | None = None,
    top_n: int | None = None,
    rank_by: str = "expected_value",
    top_share: float | None = None,
) -> PriorityList:
    """:func:`salesprofit.clv.follow_up_priorities` ranked by ``rank_by``, its top ``top_n``
    customers (or the top ``top_share`` of them) and the share of the expected value they hold.

    >>> bg = BGNBDParams(0.243, 4.414, 0.793, 2.426, 0.0)
    >>> s = pd.DataFrame({"frequency": [2, 0], "recency": [30.43, 0.0], "T": [38.86, 38.86]}, index=[1, 2])
    >>> p = priority_list(bg, s, 39, top_n=1, rank_by="expected_purchases")
    >>> p.top.index.tolist(), p.share_customers
    ([1], 0.5)
    """
    if rank_by not in _RANKS:
        raise ValueError(f"Rank by one of {', '.join(_RANKS)}.")
    pri = follow_up_priorities(bgnbd, summary, horizon, gg)
    pri = pri.sort_values([rank_by, "p_alive"], ascending=False, kind="stable")
    n = int(top_n) if top_n is not None else int(len(pri) * (top_share or 0.1))
    if n < 1:
        raise ValueError("Put at least one customer on the list.")
    top = pri.head(n)
    total = float(pri[rank_by].sum())
    return PriorityList(pri, top, len(top) / len(pri), float(top[rank_by].sum()) / total)


def customer_history(
    transactions: pd.DataFrame,
    customer_id: Any,
    calibration_end: Any,
    unit_days: float = 7.0,
    customer_col: str = "customer_id",
    date_col: str = "date",
) -> pd.DataFrame:
    """One customer's purchases up to ``calibration_end``, with ``week`` (time since the first
    purchase in units of ``unit_days`` days).

    >>> tx = pd.DataFrame({"customer_id": [1, 1, 2], "date": pd.to_datetime(["1997-01-01", "1997-01-15",
    ...                    "1997-01-02"])})
    >>> customer_history(tx, 1, "1997-09-30")["week"].tolist()
    [0.0, 2.0]
    """
    C.check("unit_days", unit_days, gt=0)
    hist = transactions[transactions[customer_col] == customer_id]
    cal = hist[hist[date_col] <= pd.Timestamp(calibration_end)]
    if len(cal) == 0:
        raise ValueError(f"Customer {customer_id} has no purchase before {calibration_end}.")
    return cal.assign(week=(cal[date_col] - cal[date_col].min()).dt.days / unit_days)


@dataclass(frozen=True)
class CustomerOutlook:
    """One customer's history, outlook and what they really did next (the look-up calculator)."""

    customer_id: Any
    frequency: float
    recency: float
    T: float
    monetary_value: float
    p_alive: float
    expected_purchases: float  #: in the ``horizon``
    expected_spend: float  #: Gamma-Gamma spend per purchase
    expected_value: float  #: expected purchases x spend, undiscounted
    actual_purchases: float  #: purchase days in the holdout (0 when none)
    actual_value: float
    history: pd.DataFrame  #: customer_history: purchases up to the calibration end, with ``week``
    purchases: pd.DataFrame  #: all purchases up to the holdout end, for the chart
    path: pd.DataFrame  #: prob_alive_path through the calibration period


def customer_outlook(
    bgnbd: BGNBDParams,
    gg: GammaGammaParams,
    summary: pd.DataFrame,
    transactions: pd.DataFrame,
    holdout: pd.DataFrame,
    customer_id: Any,
    horizon: float,
    calibration_end: Any,
    holdout_end: Any,
) -> CustomerOutlook:
    """P(alive), expected purchases and spend of one customer, their history and the holdout truth.

    ``summary`` is indexed by customer (frequency, recency, T, monetary_value); ``holdout``
    is :func:`salesprofit.clv.holdout_purchases`; ``transactions`` have ``customer_id``, ``date`` and
    ``amount``; time in weeks.

    FHL (2005): customer 1 of CDNOW (x = 2, tx = 30.43, T = 38.86) expects 1.226 purchases in 39 weeks.

    >>> bg, gg = BGNBDParams(0.243, 4.414, 0.793, 2.426, 0.0), GammaGammaParams(6.25, 3.74, 15.44, 0.0)
    >>> s = pd.DataFrame({"frequency": [2.0], "recency": [30.43], "T": [38.86], "monetary_value": [22.35]},
    ...                  index=[1])
    >>> tx = pd.DataFrame({"customer_id": [1] * 4, "amount": [29.33, 29.73, 14.96, 20.0], "date": pd.to_datetime(
    ...                    ["1997-01-01", "1997-01-18", "1997-08-02", "1998-02-01"])})
    >>> held = pd.DataFrame({"purchases": [1.0], "value": [20.0]}, index=[1])
    >>> o = customer_outlook(bg, gg, s, tx, held, 1, 39, "1997-09-30", "1998-06-30")
    >>> round(o.expected_purchases, 3), o.actual_purchases, len(o.history), len(o.purchases)
    (1.226, 1.0, 3, 4)
    """
    if customer_id not in summary.index:
        raise ValueError(
            f"There is no customer {customer_id}: ids run from "
            f"{summary.index.min()} to {summary.index.max()}."
        )
    row = summary.loc[customer_id]
    x, tx, T, m = (float(row[k]) for k in ("frequency", "recency", "T", "monetary_value"))
    hist = customer_history(transactions, customer_id, calibration_end)
    mine = transactions[transactions["customer_id"] == customer_id]
    actual = holdout.loc[customer_id] if customer_id in holdout.index else None
    return CustomerOutlook(
        customer_id,
        x,
        tx,
        T,
        m,
        float(bgnbd_prob_alive(bgnbd, x, tx, T)),
        float(bgnbd_conditional_expected_purchases(bgnbd, horizon, x, tx, T)),
        float(gamma_gamma_expected_spend(gg, x, m)),
        float(
            clv_bgnbd_gamma_gamma(
                bgnbd, gg, x, tx, T, m, periods=1, period_length=horizon, discount_rate=0.0
            )
        ),
        0.0 if actual is None else float(actual["purchases"]),
        0.0 if actual is None else float(actual.get("value", 0.0)),
        hist,
        mine[mine["date"] <= pd.Timestamp(holdout_end)],
        prob_alive_path(bgnbd, hist["date"], calibration_end, unit_days=7, points=80),
    )
