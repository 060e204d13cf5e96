"""Customer tiers: ABC (Pareto) classes, RFM scores, the whale curve and the profit
of a service policy by tier (chapter 12, 建立稳固的客户基础).

* ABC classes: rank customers by value and cut the cumulative share at ``a`` and
  ``b`` (the Pareto principle; Juran, *Quality Control Handbook*; Silver, Pyke &
  Thomas, *Inventory and Production Management in Supply Chains*, 4th ed. 2017,
  ch. 2 "ABC classification").
* RFM: recency, frequency and monetary value scored in quintiles, 5 = best
  (Hughes, *Strategic Database Marketing*, 4th ed. 2012, ch. 9; Blattberg, Kim &
  Neslin, *Database Marketing*, 2008, ch. 12).
* The whale curve: cumulative profit against customers ranked from most to least
  profitable, once cost to serve is counted; it rises above 100 % and falls back
  as the loss-makers are added (Kaplan & Cooper, *Cost and Effect*, 1998, ch. 10;
  Kaplan & Narayanan, "Measuring and managing customer profitability", *Journal
  of Cost Management* 15(5), 2001). Customer profit after cost to serve comes
  from :func:`salesprofit.profitability.customer_profit`.
* Tier service policy: what a service level costs per customer against the
  retention it buys, valued with the margin multiple of :mod:`salesprofit.clv`
  (Gupta & Lehmann 2005; Zeithaml, Rust & Lemon, "The Customer Pyramid",
  *California Management Review* 43(4), 2001).

Pure: Series and DataFrames in, Series and DataFrames out. Fractions are fractions.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from . import _checks as C
from . import clv as _clv

__all__ = [
    "AbcView",
    "CustomerBase",
    "PolicyResult",
    "VipTier",
    "WhaleSummary",
    "WhaleView",
    "abc_classes",
    "abc_summary",
    "abc_view",
    "customer_base",
    "period_years",
    "policy_result",
    "profit_with_costs",
    "retention_by",
    "rfm_scores",
    "rfm_segment",
    "rfm_table",
    "rfm_vip",
    "tier_policy_profit",
    "tier_summary",
    "tier_table",
    "tier_vs_class",
    "whale_curve",
    "whale_summary",
    "whale_view",
]


def _series(values: Any, name: str = "value") -> pd.Series:
    if isinstance(values, pd.Series):
        return values.astype(float)
    arr = np.asarray(values, dtype=float)
    if arr.ndim != 1:
        raise ValueError(f"{name} must be a list of numbers, one per customer.")
    return pd.Series(arr, name=name)


# ---------------------------------------------------------------------------
# ABC classes


def abc_classes(values: Any, a: float = 0.8, b: float = 0.95) -> pd.Series:
    """The class "A", "B" or "C" of each value, aligned with the input.

    Sort descending and take each item's cumulative share of the total, *including the item
    itself*: "A" while that share is at most ``a``, "B" while at most ``b``, "C" after. Ties
    keep their input order.

    Parameters
    ----------
    values : sequence of float, mapping or pandas.Series
        Revenue, volume or another amount per item (customer, product); zero or more, with
        a positive total. For a profit that can be negative use :func:`whale_curve`.
    a : float, default 0.8
        Cumulative share up to which an item is "A", a fraction.
    b : float, default 0.95
        Cumulative share up to which an item is "B", a fraction, at least ``a``.

    Returns
    -------
    pandas.Series
        ``abc_class``: "A", "B" or "C" per item, in the order (and with the index) of the
        input.

    Raises
    ------
    ValueError
        If a cut-off is not a fraction, ``b`` is below ``a``, a value is negative or
        missing, or the values add up to 0.

    References
    ----------
    Silver, E. A., Pyke, D. F. and Thomas, D. J. (2017), *Inventory and Production
    Management in Supply Chains*, 4th ed., ch. 2 (the ABC classification).

    Examples
    --------
    >>> abc_classes([5, 40, 40, 15]).tolist()
    ['C', 'A', 'A', 'B']
    """
    C.check("The cut-off a", a, gt=0, le=1)
    C.check("The cut-off b", b, gt=0, le=1)
    if b < a:
        raise ValueError("The B cut-off must be at least the A cut-off (e.g. a = 0.8, b = 0.95).")
    s = _series(values)
    C.check(
        "Each value",
        s.to_numpy(),
        ge=0,
        why="ABC classes rank revenue or volume; for a profit that can be negative use the whale curve",
    )
    order = np.argsort(-s.to_numpy(), kind="stable")
    cum = np.cumsum(s.to_numpy()[order])
    total = (
        cum[-1] if len(cum) else 0.0
    )  # the running total's own end, so the last share is exactly 1
    if total <= 0:
        raise ValueError("The values add up to 0: there is nothing to rank.")
    share = np.empty(len(s))
    share[order] = cum / total
    cls = np.where(share <= a, "A", np.where(share <= b, "B", "C"))
    return pd.Series(cls, index=s.index, name="abc_class", dtype=object)


def tier_summary(labels: Any, values: Any, profit: Any = None, order: Any = None) -> pd.DataFrame:
    """Customers, value and (optionally) profit by tier, with their shares of the total.

    ``labels`` gives each customer's tier, ``values`` their value (revenue),
    ``profit`` their profit after cost to serve; all aligned by position.
    ``order`` lists the tiers in display order (default: sorted). Columns
    ``customers``, ``value``, ``customer_share``, ``value_share`` (and
    ``profit``, ``profit_share``, ``profit_per_customer``).

    >>> tier_summary(["A", "B", "A"], [10.0, 5.0, 5.0])["value_share"].tolist()
    [0.75, 0.25]
    """
    lab = np.asarray(labels, dtype=object)
    frame = pd.DataFrame({"tier": lab, "value": _series(values).to_numpy()})
    if len(frame) == 0:
        raise ValueError("There are no customers to summarise.")
    aggs = {"customers": ("value", "size"), "value": ("value", "sum")}
    if profit is not None:
        frame["profit"] = _series(profit).to_numpy()
        aggs["profit"] = ("profit", "sum")
    g = frame.groupby("tier").agg(**aggs)
    if order is not None:
        g = g.reindex(list(order), fill_value=0)
    g["customer_share"] = g["customers"] / len(frame)
    g["value_share"] = g["value"] / frame["value"].sum()
    if profit is not None:
        g["profit_share"] = g["profit"] / frame["profit"].sum()
        g["profit_per_customer"] = g["profit"] / g["customers"].where(g["customers"] > 0)
    g.index.name = "tier"
    return g


def abc_summary(values: Any, classes: pd.Series, profit: Any = None) -> pd.DataFrame:
    """:func:`tier_summary` for ABC classes, in the order A, B, C.

    >>> v = pd.Series([5.0, 40.0, 40.0, 15.0])
    >>> abc_summary(v, abc_classes(v))["value_share"].tolist()
    [0.8, 0.15, 0.05]
    """
    out = tier_summary(classes.to_numpy(), values, profit, order=["A", "B", "C"])
    out.index.name = "class"
    return out


# ---------------------------------------------------------------------------
# The whale curve


def whale_curve(profit: Any) -> pd.DataFrame:
    """Cumulative profit share against customer share, most profitable customer first.

    The curve ends at 1 (100 % of the profit); it rises above 1 in between when some
    customers lose money, and the height of its hump is what the loss-makers cost.

    Parameters
    ----------
    profit : sequence of float, mapping or pandas.Series
        Profit per customer (after cost to serve), in money; the total must be positive.

    Returns
    -------
    pandas.DataFrame
        One row per customer, most profitable first (index: the customer labels):
        ``profit``, ``rank`` (1 = most profitable), ``customer_share`` (rank / n),
        ``cumulative_profit`` and ``cumulative_share`` (cumulative profit / total profit).

    Raises
    ------
    ValueError
        If there is no customer, a profit is missing or infinite, or total profit is zero
        or negative.

    References
    ----------
    Kaplan, R. S. and Cooper, R. (1998), *Cost & Effect*, ch. 10; Kaplan, R. S. and
    Narayanan, V. G. (2001), "Measuring and managing customer profitability", *Journal of
    Cost Management* 15(5).

    Examples
    --------
    >>> whale_curve(pd.Series({"X": 50.0, "Y": -20.0, "Z": 70.0}))["cumulative_share"].tolist()
    [0.7, 1.2, 1.0]
    """
    s = _series(profit, "profit")
    C.finite("Profit", s.to_numpy())
    if len(s) == 0:
        raise ValueError("There are no customers to draw a whale curve for.")
    order = np.argsort(-s.to_numpy(), kind="stable")
    ranked = s.iloc[order]
    n = len(s)
    cum = np.cumsum(ranked.to_numpy())
    total = cum[-1]  # the running total's own end, so the curve ends exactly at 1
    if total <= 0:
        raise ValueError(
            "Total profit is zero or negative: the whale curve shows shares of a "
            "positive total profit. Look at the loss-making customers first."
        )
    out = pd.DataFrame(
        {
            "profit": ranked.to_numpy(),
            "rank": np.arange(1, n + 1),
            "customer_share": np.arange(1, n + 1) / n,
            "cumulative_profit": cum,
            "cumulative_share": cum / total,
        },
        index=ranked.index,
    )
    return out


@dataclass(frozen=True)
class WhaleSummary:
    """The whale curve in a few numbers (money in the data's currency)."""

    customers: int
    total_profit: float
    peak_share: float  #: highest cumulative share (e.g. 1.5 = 150 % of total profit)
    peak_customer_share: float  #: share of customers (most profitable first) at the peak
    profitable_customers: int
    unprofitable_customers: int
    profit_of_profitable: float
    loss_of_unprofitable: float  #: sum of the negative profits (a negative number)
    handed_back: float = 0.0  #: share of total profit the loss-makers hand back (peak share - 1)


def whale_summary(profit: Any) -> WhaleSummary:
    """Peak of the whale curve and what the loss-makers cost.

    >>> w = whale_summary(pd.Series({"X": 50.0, "Y": -20.0, "Z": 70.0}))
    >>> w.peak_share, w.unprofitable_customers, w.loss_of_unprofitable, round(w.handed_back, 10)
    (1.2, 1, -20.0, 0.2)
    """
    curve = whale_curve(profit)
    peak = int(np.argmax(curve["cumulative_share"].to_numpy()))
    p = curve["profit"]
    return WhaleSummary(
        len(curve),
        float(p.sum()),
        float(curve["cumulative_share"].iloc[peak]),
        float(curve["customer_share"].iloc[peak]),
        int((p > 0).sum()),
        int((p < 0).sum()),
        float(p[p > 0].sum()),
        float(p[p < 0].sum()),
        float(curve["cumulative_share"].iloc[peak]) - 1,
    )


def profit_with_costs(profit_table: pd.DataFrame, costs: Any) -> pd.Series:
    """Gross profit less the chosen cost-to-serve components, per customer.

    ``profit_table`` is :func:`salesprofit.profitability.customer_profit`'s table;
    ``costs`` names the components to count (any of its ``COST_COMPONENTS``:
    rebate, financing, order_costs, activities, tickets, returns). With all of
    them this is the table's ``profit``; with none, the gross profit.

    >>> t = pd.DataFrame({"gross_profit": [100.0, 50.0], "tickets": [10.0, 80.0]}, index=["X", "Y"])
    >>> profit_with_costs(t, ["tickets"]).tolist()
    [90.0, -30.0]
    """
    costs = list(costs)
    unknown = [c for c in costs if c not in profit_table.columns]
    if unknown:
        raise ValueError(
            f"Unknown cost to serve {unknown[0]!r}: choose among the table's cost columns."
        )
    out = profit_table["gross_profit"] - (profit_table[costs].sum(axis=1) if costs else 0.0)
    return out.rename("profit")


def tier_table(
    profit: pd.Series,
    tiers: pd.Series,
    retention: pd.Series,
    years: float = 1.0,
    revenue: pd.Series | None = None,
) -> pd.DataFrame:
    """Customers, margin per customer per year and retention by tier (the input of
    :func:`tier_policy_profit`).

    ``profit`` per customer over ``years`` years (after cost to serve), ``tiers``
    each customer's tier (same index), ``retention`` by tier (fractions). With
    ``revenue`` (per customer over the same years) also ``revenue`` per customer
    per year and ``margin_rate`` (profit / revenue of the tier).

    >>> tier_table(pd.Series({"A": 200.0, "B": 100.0}), pd.Series({"A": "key", "B": "key"}),
    ...            pd.Series({"key": 0.9}), years=2).to_dict("list")
    {'customers': [2], 'margin': [75.0], 'retention': [0.9]}
    """
    C.check("The number of years", years, gt=0)
    frame = pd.DataFrame({"profit": profit, "tier": tiers.reindex(profit.index)})
    if frame["tier"].isna().any():
        raise ValueError(
            "Some customers have no tier: give every customer in the profit table a tier."
        )
    g = frame.groupby("tier").agg(customers=("profit", "size"), profit=("profit", "sum"))
    missing = [t for t in g.index if t not in retention.index]
    if missing:
        raise ValueError(f"No retention given for tier {missing[0]!r}.")
    out = pd.DataFrame(
        {
            "customers": g["customers"],
            "margin": g["profit"] / g["customers"] / years,
            "retention": retention.reindex(g.index).astype(float),
        }
    )
    if revenue is not None:
        rev = revenue.reindex(profit.index).groupby(frame["tier"]).sum()
        out["revenue"] = rev / g["customers"] / years
        out["margin_rate"] = g["profit"] / rev.where(rev != 0)
    out.index.name = "tier"
    return out


# ---------------------------------------------------------------------------
# RFM


def _quintile_score(values: pd.Series, bins: int, higher_is_better: bool) -> pd.Series:
    """Scores 1..bins in equal-count groups (ranks break ties in order), ``bins`` = best."""
    ranks = values.rank(method="first", ascending=higher_is_better).to_numpy()
    n = len(values)
    score = np.ceil(ranks * bins / n).astype(int)
    return pd.Series(np.clip(score, 1, bins), index=values.index)


def rfm_scores(recency_days: Any, frequency: Any, monetary: Any, bins: int = 5) -> pd.DataFrame:
    """R, F and M scores from 1 to ``bins`` (5: quintiles), ``bins`` = best.

    Recency in days since the last purchase (fewer is better), frequency as the
    number of purchases, monetary as the total value. Scores are equal-count
    groups of the ranks (ties broken by order), so each score holds 1/``bins``
    of the customers. ``rfm`` is the three digits as text ("555" = best),
    ``rfm_sum`` their sum.

    >>> rfm_scores([5, 100, 30, 60, 10], [10, 1, 4, 2, 7], [900, 50, 400, 100, 700])["rfm"].tolist()
    ['555', '111', '333', '222', '444']
    """
    if int(bins) != bins or bins < 2:
        raise ValueError("bins must be a whole number of groups, at least 2 (5 for quintiles).")
    r, f, m = (
        _series(recency_days, "recency"),
        _series(frequency, "frequency"),
        _series(monetary, "monetary"),
    )
    C.check("Recency (days)", r.to_numpy(), ge=0)
    C.check("Frequency", f.to_numpy(), ge=0)
    C.finite("Monetary value", m.to_numpy())
    if not (len(r) == len(f) == len(m)):
        raise ValueError("Recency, frequency and monetary value need one entry per customer each.")
    index = next(
        (x.index for x in (recency_days, frequency, monetary) if isinstance(x, pd.Series)),
        pd.RangeIndex(len(r)),
    )
    r, f, m = (pd.Series(x.to_numpy(), index=index) for x in (r, f, m))
    out = pd.DataFrame(
        {
            "r_score": _quintile_score(r, bins, False),
            "f_score": _quintile_score(f, bins, True),
            "m_score": _quintile_score(m, bins, True),
        },
        index=index,
    )
    out["rfm"] = (
        out["r_score"].astype(str) + out["f_score"].astype(str) + out["m_score"].astype(str)
    )
    out["rfm_sum"] = out[["r_score", "f_score", "m_score"]].sum(axis=1)
    return out


def rfm_table(
    transactions: pd.DataFrame,
    customer_col: str,
    date_col: str,
    value_col: str,
    as_of: Any = None,
    order_col: str | None = None,
    bins: int = 5,
) -> pd.DataFrame:
    """Recency (days), frequency (orders), monetary (total value) and their scores per customer.

    ``order_col`` counts distinct orders; without it, distinct purchase days.
    ``as_of`` defaults to the day after the last transaction. Vectorised groupby.

    >>> tx = pd.DataFrame({"c": ["A", "A", "B"], "d": pd.to_datetime(["2025-01-01", "2025-03-01", "2025-02-01"]),
    ...                    "v": [10.0, 20.0, 5.0]})
    >>> cols = ["recency_days", "frequency", "monetary"]
    >>> rfm_table(tx, "c", "d", "v", as_of="2025-04-01")[cols]  # doctest: +NORMALIZE_WHITESPACE
       recency_days  frequency  monetary
    c
    A          31.0        2.0      30.0
    B          59.0        1.0       5.0
    """
    dates = pd.to_datetime(transactions[date_col])
    as_of = dates.max() + pd.Timedelta(days=1) if as_of is None else pd.Timestamp(as_of)
    keys = transactions[order_col] if order_col else dates.dt.normalize()
    frame = pd.DataFrame(
        {
            "c": transactions[customer_col].to_numpy(),
            "d": dates.to_numpy(),
            "k": keys.to_numpy(),
            "v": transactions[value_col].to_numpy(dtype=float),
        }
    )
    frame = frame[frame["d"] <= as_of]
    g = frame.groupby("c", sort=True)
    out = pd.DataFrame(
        {
            "recency_days": (as_of - g["d"].max()).dt.days.astype(float),
            "frequency": g["k"].nunique().astype(float),
            "monetary": g["v"].sum(),
        }
    )
    out.index.name = customer_col
    return out.join(rfm_scores(out["recency_days"], out["frequency"], out["monetary"], bins))


#: RFM segments from the R and F scores (a common simplified grid; Hughes 2012).
RFM_SEGMENTS = ("champions", "loyal", "at risk", "new or promising", "hibernating")


def rfm_segment(r_score: Any, f_score: Any) -> pd.Series:
    """A plain-language segment from R and F scores (1-5).

    champions: R >= 4 and F >= 4; loyal: R >= 3 and F >= 3; at risk: R <= 2 and
    F >= 3 (bought often, not lately); new or promising: R >= 3 (bought lately,
    rarely); hibernating: the rest.

    >>> rfm_segment([5, 3, 1, 4, 1], [5, 3, 5, 1, 1]).tolist()
    ['champions', 'loyal', 'at risk', 'new or promising', 'hibernating']
    """
    r, f = _series(r_score).to_numpy(), _series(f_score).to_numpy()
    seg = np.select(
        [(r >= 4) & (f >= 4), (r >= 3) & (f >= 3), (r <= 2) & (f >= 3), r >= 3],
        list(RFM_SEGMENTS[:4]),
        RFM_SEGMENTS[4],
    )
    index = r_score.index if isinstance(r_score, pd.Series) else None
    return pd.Series(seg, index=index, name="segment", dtype=object)


# ---------------------------------------------------------------------------
# Retention and the profit of a service policy by tier


def retention_by(
    orders: pd.DataFrame,
    groups: pd.Series,
    year: int,
    customer_col: str = "customer_id",
    date_col: str = "order_date",
) -> pd.DataFrame:
    """Share of customers active (an order) in ``year`` who are active again in ``year + 1``, by group.

    ``groups`` maps each customer id to a group (e.g. the tier). Columns:
    ``active``, ``retained``, ``retention``.

    >>> o = pd.DataFrame({"customer_id": ["A", "B", "A", "C"],
    ...                   "order_date": pd.to_datetime(["2024-02-01", "2024-03-01", "2025-01-05", "2025-02-01"])})
    >>> retention_by(o, pd.Series({"A": "key", "B": "key", "C": "key"}), 2024)["retention"].tolist()
    [0.5]
    """
    years = pd.to_datetime(orders[date_col]).dt.year
    before = set(orders.loc[years == year, customer_col])
    after = set(orders.loc[years == year + 1, customer_col])
    frame = pd.DataFrame({"group": groups})
    frame["active"] = frame.index.isin(list(before))
    frame["retained"] = frame["active"] & frame.index.isin(list(after))
    out = frame.groupby("group").agg(active=("active", "sum"), retained=("retained", "sum"))
    out["retention"] = out["retained"] / out["active"].where(out["active"] > 0)
    return out


def tier_policy_profit(
    tiers: pd.DataFrame,
    policy: Mapping[str, Mapping[str, float]],
    discount_rate: float = 0.10,
    timing: str = "end",
) -> pd.DataFrame:
    """Value of a service policy by tier: the service cost against the retention it buys.

    ``tiers`` is indexed by tier with columns ``customers``, ``margin`` (profit
    per customer per year after today's cost to serve) and ``retention`` (yearly,
    today). ``policy`` maps a tier to ``{"cost": extra service cost per customer
    per year, "retention_gain": points of retention it buys (0.03 = 3 points)}``;
    tiers not named keep today's service. Per tier: ``clv_now = margin x
    MM(retention)``, ``clv_policy = (margin - cost) x MM(retention + gain)``,
    ``gain_per_customer``, ``total_gain`` (x customers), ``breakeven_gain`` (the
    retention points at which the policy pays for itself; NaN if it never does).

    >>> t = pd.DataFrame({"customers": [10], "margin": [1000.0], "retention": [0.8]}, index=["key"])
    >>> round(float(tier_policy_profit(t, {"key": {"cost": 100.0, "retention_gain": 0.05}})["total_gain"].iloc[0]), 2)
    3933.33
    """
    for col in ("customers", "margin", "retention"):
        if col not in tiers.columns:
            raise ValueError(
                f"The tier table needs a column {col!r} (customers, margin, retention)."
            )
    unknown = set(policy) - set(tiers.index)
    if unknown:
        raise ValueError(
            f"The policy names a tier that is not in the table: {sorted(unknown)[0]!r}."
        )
    cost = pd.Series({t: float(policy.get(t, {}).get("cost", 0.0)) for t in tiers.index})
    gain = pd.Series({t: float(policy.get(t, {}).get("retention_gain", 0.0)) for t in tiers.index})
    C.check("The extra service cost", cost.to_numpy(), ge=0)
    new_retention = tiers["retention"] + gain
    if (new_retention >= 1).any() or (new_retention < 0).any():
        raise ValueError(
            "Retention with the policy must stay between 0 and 1 (below 100 %): "
            "a customer base that never churns has unbounded value."
        )
    out = tiers[["customers", "margin", "retention"]].copy().astype(float)
    out["service_cost"] = cost
    out["retention_gain"] = gain
    out["new_retention"] = new_retention
    out["clv_now"] = _clv.clv(out["margin"], out["retention"], discount_rate, timing=timing)
    out["clv_policy"] = _clv.clv(out["margin"] - cost, new_retention, discount_rate, timing=timing)
    out["gain_per_customer"] = out["clv_policy"] - out["clv_now"]
    out["total_gain"] = out["gain_per_customer"] * out["customers"]
    # retention at which (margin - cost) x MM(r') = margin x MM(r): the VIP break-even, vectorised
    m, c, r = out["margin"].to_numpy(), cost.to_numpy(), out["retention"].to_numpy()
    value = out["clv_now"].to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        k = value / (m - c)
        d = discount_rate
        need = k * (1 + d) / (1 + k) if timing == "end" else (1 + d) * (1 - 1 / k)
        ok = (m - c > 0) & (m > 0) & (need < 1)
    out["breakeven_gain"] = np.where(ok, np.maximum(need, 0) - r, np.nan)
    out.index.name = tiers.index.name or "tier"
    return out


# ---------------------------------------------------------------------------
# What the chapter 12 labs and calculators show, computed once


def period_years(start: Any, end: Any) -> float:
    """Length of a period in years of 365.25 days, from its start date to its end date.

    >>> round(period_years("2024-01-01", "2025-12-31"), 2)
    2.0
    """
    days = (pd.Timestamp(end) - pd.Timestamp(start)).days
    if days <= 0:
        raise ValueError("The period must end after it starts.")
    return days / 365.25


@dataclass(frozen=True)
class CustomerBase:
    """The customer base of chapter 12 (and chapter 1's tiers), from the company's tables."""

    profit: pd.DataFrame  #: profitability.customer_profit, indexed by customer id
    customers: pd.DataFrame  #: indexed by customer id
    rfm: pd.DataFrame  #: rfm_table with each customer's ``profit``
    rfm_segments: pd.DataFrame  #: tier_summary of the RFM segments
    retention: pd.Series  #: yearly retention by tier, first year -> second
    tiers: pd.DataFrame  #: tier_table: customers, margin a year, retention, revenue, margin_rate
    loss_makers: tuple  #: ids of the least profitable customers (profitability.loss_makers)


def customer_base(
    tables: Mapping[str, pd.DataFrame],
    as_of: Any,
    start: Any,
    end: Any,
    tier_order: tuple = ("key", "growth", "standard"),
    cost_of_capital: float = 0.06,
) -> CustomerBase:
    """Customer profit after cost to serve, RFM scores and segments, retention and the tier table.

    ``tables`` maps names to the company's tables (orders, order_lines, customers,
    activities, tickets, returns); ``as_of`` is the date recency is counted to; ``start`` and
    ``end`` the period the tables cover (the tier table's margins are per year of it).
    Retention by tier is measured from the first year of the period to the next.
    """
    from . import profitability

    profit = profitability.sample_company_profit(dict(tables), cost_of_capital)
    customers = tables["customers"].set_index("customer_id")
    orders = tables["orders"]
    delivered = orders[orders["status"] == "delivered"] if "status" in orders else orders
    lines = tables["order_lines"].merge(
        delivered[["order_id", "customer_id", "order_date"]], on="order_id"
    )
    lines = lines.assign(value=profitability.line_net_sales(lines))
    rfm = rfm_table(lines, "customer_id", "order_date", "value", as_of=as_of, order_col="order_id")
    rfm["profit"] = profit["profit"].reindex(rfm.index)
    segments = rfm_segment(rfm["r_score"], rfm["f_score"])
    rfm_segments = tier_summary(
        segments.to_numpy(), rfm["monetary"], rfm["profit"], order=list(RFM_SEGMENTS)
    )
    first_year = pd.Timestamp(start).year
    retention = retention_by(delivered, customers["tier"], first_year)["retention"]
    tiers = tier_table(
        profit["profit"],
        customers["tier"],
        retention,
        years=round(period_years(start, end), 2),
        revenue=profit["net_sales"],
    )
    tiers = tiers.reindex([t for t in tier_order if t in tiers.index])
    worst = profitability.loss_makers(profit, customers, n=5)
    return CustomerBase(
        profit, customers, rfm, rfm_segments, retention, tiers, tuple(worst.table.index)
    )


@dataclass(frozen=True)
class AbcView:
    """ABC classes at two cut-offs and each class's share of customers, revenue and profit."""

    classes: pd.Series
    summary: pd.DataFrame


def abc_view(revenue: pd.Series, a: float, b: float, profit: pd.Series | None = None) -> AbcView:
    """:func:`abc_classes` and :func:`abc_summary` in one call (the ABC calculator's).

    >>> v = abc_view(pd.Series({"X": 40.0, "Y": 40.0, "Z": 15.0, "W": 5.0}), 0.8, 0.95)
    >>> v.classes.tolist(), int(v.summary.loc["A", "customers"])
    (['A', 'A', 'B', 'C'], 2)
    """
    classes = abc_classes(revenue, a, b)
    return AbcView(classes, abc_summary(revenue, classes, profit))


def tier_vs_class(tiers: pd.Series, classes: pd.Series, order: Any = None) -> pd.DataFrame:
    """Customers counted by CRM tier (rows) and ABC class (columns).

    >>> tier_vs_class(pd.Series({"X": "key", "Y": "standard"}), pd.Series({"X": "A", "Y": "A"})).loc["standard", "A"]
    np.int64(1)
    """
    out = pd.crosstab(tiers.reindex(classes.index), classes)
    if order is not None:
        out = out.reindex(index=list(order), fill_value=0)
    for c in "ABC":
        if c not in out.columns:
            out[c] = 0
    out = out[list("ABC")]
    out.columns.name = None
    out.index.name = "tier"
    return out


@dataclass(frozen=True)
class VipTier:
    """Who qualifies for a VIP tier at minimum R, F and M scores."""

    vip: pd.Series  #: True for a VIP customer, indexed like the RFM table
    summary: pd.DataFrame  #: tier_summary of VIP and others
    grid: pd.DataFrame  #: customers counted by R score (rows) and F score (columns)


def rfm_vip(rfm: pd.DataFrame, min_r: int, min_f: int, min_m: int) -> VipTier:
    """The VIP tier at minimum scores, its share of customers, revenue and profit, and the R x F grid.

    ``rfm`` is :func:`rfm_table` with a ``profit`` column.

    >>> rfm = pd.DataFrame({"r_score": [5, 1], "f_score": [5, 2], "m_score": [5, 1],
    ...                     "monetary": [900.0, 100.0], "profit": [90.0, 10.0]}, index=["A", "B"])
    >>> float(rfm_vip(rfm, 4, 4, 4).summary.loc["VIP", "value_share"])
    0.9
    """
    for name, v in (("R", min_r), ("F", min_f), ("M", min_m)):
        if not 1 <= v <= 5:
            raise ValueError(f"The minimum {name} score is between 1 and 5.")
    vip = (rfm["r_score"] >= min_r) & (rfm["f_score"] >= min_f) & (rfm["m_score"] >= min_m)
    labels = np.where(vip.to_numpy(), "VIP", "others")
    summary = tier_summary(labels, rfm["monetary"], rfm["profit"], order=["VIP", "others"])
    return VipTier(vip, summary, pd.crosstab(rfm["r_score"], rfm["f_score"]))


@dataclass(frozen=True)
class PolicyResult:
    """A service policy by tier: the table of :func:`tier_policy_profit` and its total."""

    table: pd.DataFrame
    total_gain: float  #: change in the customer base's value (money)
    best_tier: str  #: the tier where the policy gains most


def policy_result(
    tiers: pd.DataFrame, policy: Mapping[str, Mapping[str, float]], discount_rate: float = 0.10
) -> PolicyResult:
    """:func:`tier_policy_profit` with its total and the tier where it pays most.

    >>> t = pd.DataFrame({"customers": [10], "margin": [1000.0], "retention": [0.8]}, index=["key"])
    >>> r = policy_result(t, {"key": {"cost": 100.0, "retention_gain": 0.05}})
    >>> round(r.total_gain, 2), r.best_tier
    (3933.33, 'key')
    """
    out = tier_policy_profit(
        tiers, {t: p for t, p in policy.items() if t in tiers.index}, discount_rate
    )
    return PolicyResult(out, float(out["total_gain"].sum()), str(out["total_gain"].idxmax()))


@dataclass(frozen=True)
class WhaleView:
    """The whale curve with chosen costs counted, and the least profitable customers."""

    profit: pd.Series  #: profit per customer with the chosen costs
    summary: WhaleSummary
    curve: pd.DataFrame  #: whale_curve(profit)
    worst: pd.DataFrame  #: the least profitable customers: profit, revenue, tier


def whale_view(
    profit_table: pd.DataFrame, customers: pd.DataFrame, costs: Any, n: int = 8
) -> WhaleView:
    """:func:`profit_with_costs`, its :func:`whale_summary` and curve, and the ``n`` least profitable.

    >>> t = pd.DataFrame({"gross_profit": [100.0, 50.0], "net_sales": [500.0, 400.0],
    ...                   "tickets": [10.0, 80.0]}, index=["X", "Y"])
    >>> v = whale_view(t, pd.DataFrame({"tier": ["key", "growth"]}, index=["X", "Y"]), ["tickets"])
    >>> v.summary.unprofitable_customers, v.worst.index[0]
    (1, 'Y')
    """
    profit = profit_with_costs(profit_table, costs)
    worst = profit.sort_values().head(n).to_frame()
    worst["revenue"] = profit_table["net_sales"].reindex(worst.index)
    worst["tier"] = customers["tier"].reindex(worst.index)
    worst.index.name = "customer_id"
    return WhaleView(profit, whale_summary(profit), whale_curve(profit), worst)
