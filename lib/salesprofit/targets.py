"""Sales targets: a well-founded annual number, split over time and over the team.

The article asks for targets set from the market and the company's real capacity
(制定科学的销售目标), then broken down into quarters, months and weeks and handed to
each team member (分解销售目标). The methods are the standard ones of sales
management texts (Johnston & Marshall, *Sales Force Management*, 13th ed.,
Routledge 2021, ch. 13 "Sales quotas"; Zoltners, Sinha & Lorimer, *The Complete
Guide to Sales Force Incentive Compensation*, 2006, ch. 12 "Setting goals"):

* **from history**: last year's actual x (1 + growth);
* **from potential**: a share of what the customers in the territory could buy;
* a **blend** of the two, since history rewards the lucky territory and potential
  alone ignores how the rep actually performs;
* **over time** in proportion to the seasonality index measured in the data, and
  within a month by working days;
* **over reps** in proportion to territory potential (and optionally history).

Every split is :func:`decompose_target` (total x weight / sum of weights), so the
parts add up to the total; :func:`round_parts` rounds them for display with the
largest-remainder method so that the rounded parts still add up exactly.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ._checks import check, finite, out, values

__all__ = [
    "Allocation",
    "Decomposition",
    "History",
    "TargetLab",
    "WalletRoute",
    "allocate_quota",
    "allocation",
    "attainment",
    "blend_target",
    "calendar_plan",
    "company_history",
    "decompose_target",
    "decomposition",
    "history_target",
    "plan_rows",
    "plan_table",
    "potential_target",
    "quota_review",
    "round_parts",
    "seasonality_index",
    "share_of_wallet_route",
    "target_lab",
    "team_target",
    "territory_potential",
]


def decompose_target(total: float, weights: Any) -> pd.Series:
    """Split ``total`` in proportion to ``weights`` (seasonality, potential ...).

    The largest part absorbs the rounding residue of floating point, so the parts add up to
    ``total`` exactly.

    Parameters
    ----------
    total : float
        The target of the period, in money (or units). One number, zero or more.
    weights : mapping, pandas.Series or sequence of float
        The weight of each part (a month's seasonality index, a territory's potential);
        zero or more, with a positive sum. A mapping's keys or a Series' index name the
        parts.

    Returns
    -------
    pandas.Series
        ``target``: the part of the total for each weight, indexed by the parts' names
        (0 to n - 1 for a list).

    Raises
    ------
    ValueError
        If the total is negative or not one number, there is no weight, a weight is
        negative, or all weights are zero.

    Examples
    --------
    >>> decompose_target(1200, {"Q1": 1, "Q2": 2, "Q3": 1, "Q4": 2}).tolist()
    [200.0, 400.0, 200.0, 400.0]
    """
    check("The target", total, ge=0, why="a target is an amount to reach")
    if np.ndim(total) != 0:
        raise ValueError("The target to split is one number (the total for the period).")
    if isinstance(weights, Mapping):
        w = pd.Series(dict(weights), dtype=float)
    elif isinstance(weights, pd.Series):
        w = weights.astype(float)
    else:
        w = pd.Series(values(weights).ravel())
    if w.empty:
        raise ValueError("There is nothing to split the target over: give at least one weight.")
    check("A weight", w, ge=0, why="a share of the target cannot be negative")
    if w.sum() <= 0:
        raise ValueError("The weights are all zero: give at least one part a positive weight.")
    parts = float(total) * (w / w.sum())
    # the largest part absorbs the floating-point residue so the sum is the total
    parts.iloc[int(np.argmax(w.to_numpy()))] += float(total) - parts.sum()
    parts.name = "target"
    return parts


def round_parts(parts: Any, unit: float = 1.0) -> pd.Series:
    """Round parts to whole ``unit``s (yuan) keeping their sum (largest-remainder method).

    Each part is rounded down; the units still missing go, one each, to the parts with
    the largest remainders (ties to the first). The sum of the result is the sum of the
    parts rounded to the unit. Display only: keep the exact parts for calculation.

    >>> round_parts(pd.Series([100/3, 100/3, 100/3])).tolist()
    [34.0, 33.0, 33.0]
    """
    check("The rounding unit", unit, gt=0)
    p = parts.astype(float) if isinstance(parts, pd.Series) else pd.Series(values(parts).ravel())
    finite("A part", p)
    scaled = p.to_numpy() / unit
    floors = np.floor(scaled)
    missing = int(np.rint(round(scaled.sum()) - floors.sum()))
    order = np.argsort(-(scaled - floors), kind="stable")
    floors[order[:missing]] += 1
    return pd.Series(floors * unit, index=p.index, name=p.name)


def history_target(last_actual, growth):
    """Target from history: last period's actual x (1 + growth). Vectorised.

    >>> history_target(10_000_000, 0.08)
    10800000.0
    """
    check("Last year's sales", last_actual, ge=0)
    check("The growth", growth, gt=-1, why="a fall of 100 % or more would leave nothing to sell")
    if isinstance(last_actual, pd.Series):
        return last_actual * (1 + values(growth))
    return out(values(last_actual) * (1 + values(growth)))


def potential_target(potential, share):
    """Target from potential: the share of customers' total spend we aim to win. Vectorised.

    >>> potential_target(50_000_000, 0.2)
    10000000.0
    """
    check("The market potential", potential, ge=0)
    check("The share of potential", share, ge=0, le=1, why="we cannot win more than all of it")
    return (
        out(potential * values(share))
        if isinstance(potential, pd.Series)
        else out(values(potential) * values(share))
    )


def blend_target(history_based, potential_based, weight_potential: float = 0.5):
    """Weighted blend of a history-based and a potential-based target.

    >>> blend_target(10_000_000, 14_000_000, 0.25)
    11000000.0
    """
    check("The weight on potential", weight_potential, ge=0, le=1)
    check("The history-based target", history_based, ge=0)
    check("The potential-based target", potential_based, ge=0)
    return out((1 - weight_potential) * history_based + weight_potential * potential_based)


def seasonality_index(dates: Any, amounts: Any) -> pd.Series:
    """Monthly seasonality index: each calendar month's total over the mean month.

    All years pooled (the definition of the sample company's ground truth): month 1 to
    12 in the index, mean exactly 1. A month with no data at all is an error.

    >>> months = [f"2025-{m:02d}-01" for m in range(3, 13)]
    >>> d = pd.to_datetime(["2025-01-15", "2025-02-15"] + months)
    >>> seasonality_index(d, [0.5, 1.5] + [1.0] * 10).round(2).tolist()[:3]
    [0.5, 1.5, 1.0]
    """
    d = pd.to_datetime(pd.Series(dates)).reset_index(drop=True)
    a = pd.Series(values(amounts).ravel())
    if len(d) != len(a):
        raise ValueError("The dates and the amounts must have the same length.")
    finite("An amount", a)
    by_month = a.groupby(d.dt.month.to_numpy()).sum().reindex(range(1, 13))
    if by_month.isna().any():
        missing = [int(m) for m in by_month.index[by_month.isna()]]
        raise ValueError(
            f"Seasonality needs sales in every calendar month; none in month(s) {missing}."
        )
    if by_month.mean() <= 0:
        raise ValueError("Seasonality needs some sales: the amounts add up to zero.")
    index = by_month / by_month.mean()
    index.index.name = "month"
    return index.rename("index")


def calendar_plan(
    total: float, year: int, monthly_index: Any | None = None, workdays_only: bool = True
) -> pd.DataFrame:
    """The annual target split into days: ``date``, ``quarter``, ``month``, ``week``, ``target``.

    Each month gets ``total x index[m] / sum(index)``; inside a month the target is
    spread evenly over working days (Monday-Friday; every day with
    ``workdays_only=False``). ``week`` is the Monday that starts the week (weeks at the
    turn of the year are cut at 1 January and 31 December). Sum over any level with
    :func:`plan_table`.

    >>> cp = calendar_plan(1_200_000, 2026)
    >>> float(cp.groupby("month")["target"].sum().iloc[0])
    100000.0
    """
    check("The year", year, ge=1900, le=2200)
    idx = (
        pd.Series(1.0, index=range(1, 13))
        if monthly_index is None
        else (
            pd.Series(monthly_index, dtype=float)
            if isinstance(monthly_index, Mapping)
            else pd.Series(values(monthly_index).ravel(), index=range(1, 13))
            if not isinstance(monthly_index, pd.Series)
            else monthly_index.astype(float)
        )
    )
    idx.index = idx.index.astype(int)
    if sorted(idx.index) != list(range(1, 13)):
        raise ValueError("The seasonality index needs one value for each month 1 to 12.")
    month_target = decompose_target(total, idx.sort_index())
    days = pd.date_range(f"{int(year)}-01-01", f"{int(year)}-12-31", freq="D")
    work = (days.day_of_week < 5) if workdays_only else np.ones(len(days), dtype=bool)
    frame = pd.DataFrame(
        {
            "date": days,
            "quarter": days.quarter,
            "month": days.month,
            "week": (days - pd.to_timedelta(days.day_of_week, unit="D")),
            "weight": work.astype(float),
        }
    )
    per_month = frame.groupby("month")["weight"].transform("sum")
    frame["target"] = month_target.reindex(frame["month"]).to_numpy() * frame["weight"] / per_month
    return frame.drop(columns="weight")


def plan_table(plan: pd.DataFrame, level: str = "month") -> pd.DataFrame:
    """Targets summed per ``"quarter"``, ``"month"`` or ``"week"`` with their share of the year.

    >>> plan_table(calendar_plan(1_200_000, 2026), "quarter")["target"].round(2).tolist()
    [300000.0, 300000.0, 300000.0, 300000.0]
    """
    if level not in {"quarter", "month", "week"}:
        raise ValueError(f"The level is 'quarter', 'month' or 'week', not {level!r}.")
    t = plan.groupby(level, as_index=False)["target"].sum()
    if level == "week":
        t = t[t["target"] > 0].reset_index(drop=True)
    t["share"] = t["target"] / plan["target"].sum()
    t["cumulative"] = t["target"].cumsum()
    return t


def allocate_quota(
    total: float,
    potential: pd.Series,
    history: pd.Series | None = None,
    weight_potential: float = 1.0,
) -> pd.DataFrame:
    """Split a team target over reps by territory potential (and, if given, history).

    Each rep's weight is ``w x potential share + (1 - w) x history share`` with
    ``w = weight_potential``. Returns ``potential_share``, ``history_share`` (when given),
    ``weight`` and ``quota`` indexed like ``potential``, and with a history ``growth_needed``:
    quota / history - 1 (NaN for a rep with no history).

    >>> allocate_quota(1000, pd.Series({"A": 3.0, "B": 1.0}))["quota"].tolist()
    [750.0, 250.0]
    """
    check("The weight on potential", weight_potential, ge=0, le=1)
    check("A territory potential", potential, ge=0)
    res = pd.DataFrame({"potential_share": potential / potential.sum()})
    weight = weight_potential * res["potential_share"]
    if history is not None:
        h = history.reindex(potential.index).fillna(0.0)
        check("A rep's history", h, ge=0)
        res["history_share"] = h / h.sum() if h.sum() > 0 else 0.0
        weight = weight + (1 - weight_potential) * res["history_share"]
    elif weight_potential < 1:
        raise ValueError("To put weight on history, give each rep's sales history.")
    res["weight"] = weight
    res["quota"] = decompose_target(total, weight)
    if history is not None:
        res["growth_needed"] = res["quota"] / h.where(h > 0) - 1
    return res


def territory_potential(customers: pd.DataFrame, by: str = "rep_id") -> pd.Series:
    """Sum of the customers' ``estimated_potential`` per rep (or per ``by``).

    >>> c = pd.DataFrame({"rep_id": ["A", "A", "B"], "estimated_potential": [1.0, 2.0, 3.0]})
    >>> territory_potential(c).tolist()
    [3.0, 3.0]
    """
    for col in (by, "estimated_potential"):
        if col not in customers:
            raise ValueError(f"The customers table needs a '{col}' column.")
    return customers.groupby(by)["estimated_potential"].sum().rename("potential")


def attainment(actual, target):
    """Actual / target (1.0 = target met): :func:`salesprofit.kpi.attainment`, the one
    definition, kept under this name for chapter 14. A scalar target must be positive.

    >>> attainment(1_100_000, 1_000_000)
    1.1
    """
    from .kpi import attainment as _attainment

    check("The target", target, gt=0, why="attainment of a zero target means nothing")
    return _attainment(actual, target)


# ---------------------------------------------------------------------------
# What chapter 14's labs and calculators show, one call each

MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class History:
    """What chapter 14 needs from a company's data (see :func:`company_history`): the
    monthly seasonality, net sales per year, per rep and per customer in ``year``, the
    territory potential per rep, each customer's potential and segment, and rep names."""

    seasonality: pd.Series
    revenue_by_year: pd.Series
    rep_revenue: pd.Series
    potential: pd.Series
    names: pd.Series
    customer_revenue: pd.Series | None = None
    customers: pd.DataFrame | None = None


def company_history(
    orders: pd.DataFrame,
    order_lines: pd.DataFrame,
    customers: pd.DataFrame,
    reps: pd.DataFrame,
    year: int,
) -> History:
    """Seasonality (all years pooled) and ``year``'s sales from delivered orders; net sales
    of a line are :func:`salesprofit.profitability.line_net_sales`."""
    from .profitability import line_net_sales

    o = orders[orders["status"] == "delivered"] if "status" in orders else orders
    lines = order_lines.merge(o[["order_id", "order_date", "rep_id", "customer_id"]], on="order_id")
    revenue = line_net_sales(lines)
    when = pd.to_datetime(lines["order_date"])
    last = when.dt.year == year
    return History(
        seasonality_index(when, revenue),
        revenue.groupby(when.dt.year).sum(),
        revenue[last].groupby(lines.loc[last, "rep_id"]).sum(),
        territory_potential(customers),
        reps.set_index("rep_id")["name"],
        revenue[last].groupby(lines.loc[last, "customer_id"]).sum(),
        customers.set_index("customer_id")[
            [c for c in ("name", "segment", "estimated_potential") if c in customers]
        ],
    )


@dataclass(frozen=True)
class WalletRoute:
    """The potential route to a target (see :func:`share_of_wallet_route`); money a year."""

    actual: float  # this year's sales to the customers with a known potential
    potential: float  # what they could buy from all suppliers
    share: float  # actual / potential
    benchmark: pd.Series  # median share of wallet per segment
    gap: float  # sales if every customer below its segment's median reached it, minus actual
    capture: float  # share of the gap planned for one year
    target: float  # actual + capture x gap
    table: pd.DataFrame  # per customer: sales, potential, share, benchmark, gap (largest first)


def share_of_wallet_route(history: History, capture: float = 0.2) -> WalletRoute:
    """A second route to the annual target, built from each customer's potential.

    Share of wallet = a customer's sales / its estimated potential (what it could buy from
    all suppliers). The benchmark is the median share of wallet of the customer's
    segment; the gap is what the customers below it would add by reaching it. The target
    is this year's sales plus ``capture`` of that gap: a planning assumption, stated,
    unlike growth on last year it says *which* customers the growth must come from.

    >>> h = History(pd.Series(dtype=float), pd.Series(dtype=float), pd.Series(dtype=float),
    ...     pd.Series(dtype=float), pd.Series(dtype=str),
    ...     pd.Series({"A": 10.0, "B": 30.0, "C": 60.0}),
    ...     pd.DataFrame({"segment": ["x", "x", "x"], "estimated_potential": [100.0, 100.0, 100.0]},
    ...                  index=["A", "B", "C"]))
    >>> r = share_of_wallet_route(h, capture=0.5)
    >>> r.gap, r.target
    (20.0, 110.0)
    """
    check("The share of the gap captured", capture, ge=0, le=1)
    if history.customers is None or history.customer_revenue is None:
        raise ValueError("The potential route needs each customer's sales and potential.")
    c = history.customers[history.customers["estimated_potential"] > 0].copy()
    c["sales"] = history.customer_revenue.reindex(c.index).fillna(0.0)
    c["share"] = c["sales"] / c["estimated_potential"]
    bench = c.groupby("segment")["share"].median()
    c["benchmark"] = c["segment"].map(bench)
    c["gap"] = (c["estimated_potential"] * c["benchmark"] - c["sales"]).clip(lower=0)
    actual, gap = float(c["sales"].sum()), float(c["gap"].sum())
    return WalletRoute(
        actual,
        float(c["estimated_potential"].sum()),
        actual / float(c["estimated_potential"].sum()),
        bench,
        gap,
        float(capture),
        actual + capture * gap,
        c.sort_values("gap", ascending=False),
    )


@dataclass(frozen=True)
class TargetLab:
    """Lab 14.1 in one result (see :func:`target_lab`)."""

    last: float
    previous: float
    growth: float  # last / previous - 1
    history_target: float  # last x (1 + growth)
    wallet: WalletRoute
    routes_gap: float  # wallet target / history target - 1
    flat_error: pd.Series  # per month: a flat split over the seasonal one, minus 1
    plan_total: float
    months: pd.DataFrame  # :func:`plan_table` by month of the planned target
    weeks: pd.DataFrame  # the same by week


def target_lab(
    history: History, year: int, plan_growth: float = 0.08, capture: float = 0.2
) -> TargetLab:
    """Two routes to next year's target and its calendar split (lab 14.1)."""
    last = float(history.revenue_by_year[year])
    prev = float(history.revenue_by_year[year - 1])
    growth = last / prev - 1
    hist = float(history_target(last, growth))
    wallet = share_of_wallet_route(history, capture)
    total = float(history_target(last, plan_growth))
    plan = calendar_plan(total, year + 1, history.seasonality)
    return TargetLab(
        last,
        prev,
        growth,
        hist,
        wallet,
        wallet.target / hist - 1,
        1 / history.seasonality - 1,
        total,
        plan_table(plan, "month"),
        plan_table(plan, "week"),
    )


def plan_rows(plan: pd.DataFrame, level: str = "month") -> pd.DataFrame:
    """The plan table for people: whole-yuan targets that still add up (largest remainder)
    and their running total, with a ``period`` label (Q1, Jan, week of 2026-01-05).

    >>> plan_rows(calendar_plan(1_200_000, 2026), "quarter")["period"].tolist()
    ['Q1', 'Q2', 'Q3', 'Q4']
    """
    t = plan_table(plan, level)
    t["target_whole"] = round_parts(t["target"])
    t["cumulative_whole"] = t["target_whole"].cumsum()
    if level == "quarter":
        t.insert(0, "period", [f"Q{q}" for q in t["quarter"]])
    elif level == "month":
        t.insert(0, "period", [MONTH_NAMES[m - 1] for m in t["month"]])
    else:
        t.insert(0, "period", [f"week of {w:%Y-%m-%d}" for w in t["week"]])
    return t


@dataclass(frozen=True)
class Decomposition:
    """What the target-table calculator shows (see :func:`decomposition`)."""

    total: float
    plan: pd.DataFrame
    rows: pd.DataFrame  # :func:`plan_rows`
    whole: float  # sum of the whole-yuan rows
    weakest_month: str
    weakest_vs_average: float  # the weakest month's index - 1


def decomposition(
    seasonality: pd.Series,
    last_year: float,
    growth: float,
    year: int,
    level: str = "month",
    use_seasonality: bool = True,
) -> Decomposition:
    """Annual target from last year and growth, split by ``level`` with ``seasonality``.

    >>> d = decomposition(pd.Series(1.0, index=range(1, 13)), 1_000_000, 0.2, 2026, "quarter")
    >>> d.total, d.whole
    (1200000.0, 1200000.0)
    """
    total = float(history_target(last_year, growth))
    plan = calendar_plan(total, int(year), seasonality if use_seasonality else None)
    rows = plan_rows(plan, level)
    weakest = int(seasonality.idxmin())
    return Decomposition(
        total,
        plan,
        rows,
        float(rows["target_whole"].sum()),
        MONTH_NAMES[weakest - 1],
        float(seasonality[weakest] - 1),
    )


@dataclass(frozen=True)
class Allocation:
    """What the quota calculator shows (see :func:`allocation`)."""

    table: pd.DataFrame  # :func:`allocate_quota` with last_year, quota_whole and name
    hardest: str  # the largest growth needed
    easiest: str  # the smallest
    whole: float  # the whole-yuan quotas add up to this
    weight_history: float  # 1 - the weight on potential


def allocation(history: History, total: float, weight_potential: float) -> Allocation:
    """Split a team target over the reps by potential and last year's sales."""
    alloc = allocate_quota(total, history.potential, history.rep_revenue, weight_potential)
    alloc["last_year"] = history.rep_revenue.reindex(alloc.index).fillna(0.0)
    alloc["quota_whole"] = round_parts(alloc["quota"])
    alloc["name"] = history.names.reindex(alloc.index)
    return Allocation(
        alloc,
        str(alloc["growth_needed"].idxmax()),
        str(alloc["growth_needed"].idxmin()),
        float(alloc["quota_whole"].sum()),
        1 - weight_potential,
    )


def team_target(history: History, growth: float = 0.08) -> float:
    """Last year's team sales plus ``growth``: the quota calculator's opening target."""
    return float(history_target(float(history.rep_revenue.sum()), growth))


def quota_review(review: pd.DataFrame, potential: pd.Series) -> pd.DataFrame:
    """How last year's quotas worked out per rep (lab 14.2): ``revenue``,
    ``revenue_target``, ``attainment`` (:func:`salesprofit.kpi.attainment`), ``potential_share``,
    ``sales_share`` and ``sales_to_potential`` (sales share / potential share), lowest
    attainment first. ``review`` is :func:`salesprofit.kpi.quarterly_review` for one year.

    >>> r = pd.DataFrame({"rep_id": ["A", "A", "B"], "revenue": [50.0, 60.0, 90.0],
    ...                   "revenue_target": [50.0, 50.0, 100.0]})
    >>> quota_review(r, pd.Series({"A": 1.0, "B": 3.0}))["attainment"].tolist()
    [0.9, 1.1]
    """
    from .kpi import attainment as _attainment

    year = review.groupby("rep_id")[["revenue", "revenue_target"]].sum()
    year["attainment"] = _attainment(year["revenue"], year["revenue_target"])
    year["potential_share"] = (potential / potential.sum()).reindex(year.index)
    year["sales_share"] = year["revenue"] / year["revenue"].sum()
    year["sales_to_potential"] = year["sales_share"] / year["potential_share"]
    return year.sort_values("attainment")
