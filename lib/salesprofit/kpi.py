"""Performance evaluation: KPI scorecards, revenue vs profit rankings, quarterly reviews.

The article asks for clear, measurable KPIs tied to the company's sales *and* profit
targets (销售额、利润率、客户满意度), reviewed every quarter with feedback. The
scorecard is the weighted-KPI "balanced scorecard" of sales management texts
(Kaplan & Norton, *The Balanced Scorecard*, HBS Press 1996; Johnston & Marshall,
*Sales Force Management*, 13th ed., 2021, ch. 14 "Evaluating salesperson
performance"):

1. each KPI is put on a common 0-1 scale (min-max: worst rep 0, best rep 1; for a KPI
   where lower is better, such as the average discount, the scale is flipped);
2. the weighted total is ``sum(weight_k x score_k) / sum(weight_k)``;
3. reps are ranked on the total (1 = best).

:func:`rep_results` builds the usual KPIs per rep from the order tables, including a
profit after the cost to serve the rep's orders, so that a team ranked by revenue and
by profit can be compared (:func:`compare_rankings`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import NamedTuple

import numpy as np
import pandas as pd

from ._checks import check
from .profitability import line_gross_profit, line_list_sales, line_net_sales
from .quality import nps_by

__all__ = [
    "QuarterReview",
    "RankingView",
    "ScorecardView",
    "annual_attainment",
    "attainment",
    "compare_rankings",
    "normalise",
    "profit_margin",
    "quarter_review",
    "quarterly_review",
    "rank_correlation",
    "ranking_view",
    "rep_results",
    "review_table",
    "scorecard",
    "scorecard_view",
    "weighted_score",
]


def rep_results(
    orders: pd.DataFrame,
    order_lines: pd.DataFrame,
    customers: pd.DataFrame | None = None,
    activities: pd.DataFrame | None = None,
    surveys: pd.DataFrame | None = None,
    cost_of_capital: float = 0.06,
) -> pd.DataFrame:
    """KPIs per rep over the orders given (filter the period before calling).

    Columns: ``revenue`` (net sales), ``gross_profit``, ``gross_margin``, ``avg_discount``
    (revenue-weighted discount off list), ``orders``, ``customers``, ``avg_order``, and
    with ``customers``: ``cost_to_serve`` (rebates, payment-terms financing, freight and
    handling, plus the rep's ``activities`` cost when given), ``profit`` (gross profit -
    cost to serve) and ``profit_margin``; with ``surveys`` (and ``customers``): ``nps``
    of the rep's accounts (% promoters - % detractors, from -100 to 100) and ``csat``.

    >>> o = pd.DataFrame({"order_id": ["A", "B"], "rep_id": ["R1", "R2"],
    ...                   "customer_id": ["C1", "C2"], "freight_cost": [0.0, 0.0],
    ...                   "handling_cost": [0.0, 0.0]})
    >>> ol = pd.DataFrame({"order_id": ["A", "B"], "quantity": [10, 10], "list_price": [10.0, 10.0],
    ...                    "net_price": [10.0, 8.0], "unit_cost": [6.0, 6.0]})
    >>> rep_results(o, ol)["gross_margin"].tolist()
    [0.4, 0.25]
    """
    check("The cost of capital", cost_of_capital, ge=0, lt=1)
    if "status" in orders:
        orders = orders[orders["status"] == "delivered"]
    lines = order_lines.merge(orders[["order_id", "rep_id", "customer_id"]], on="order_id")
    revenue = line_net_sales(lines)
    g = pd.DataFrame(
        {
            "rep_id": lines["rep_id"],
            "revenue": revenue,
            "listed": line_list_sales(lines),
            "gross_profit": line_gross_profit(lines),
        }
    )
    res = g.groupby("rep_id")[["revenue", "listed", "gross_profit"]].sum()
    res["gross_margin"] = res["gross_profit"] / res["revenue"].where(res["revenue"] > 0)
    res["avg_discount"] = 1 - res["revenue"] / res["listed"].where(res["listed"] > 0)
    res = res.drop(columns="listed")
    res["orders"] = orders.groupby("rep_id")["order_id"].nunique().reindex(res.index).fillna(0)
    res["customers"] = (
        orders.groupby("rep_id")["customer_id"].nunique().reindex(res.index).fillna(0)
    )
    res["avg_order"] = res["revenue"] / res["orders"].where(res["orders"] > 0)
    if customers is not None:
        terms = (
            lines[["rep_id", "customer_id"]]
            .assign(revenue=revenue)
            .merge(
                customers[["customer_id", "rebate_rate", "payment_terms_days"]],
                on="customer_id",
                how="left",
            )
        )
        days = terms["payment_terms_days"].fillna(0)
        rate = terms["rebate_rate"].fillna(0) + cost_of_capital * days / 365
        terms_cost = terms["revenue"] * rate
        cts = terms_cost.groupby(terms["rep_id"]).sum().reindex(res.index).fillna(0)
        cts += (
            (orders["freight_cost"] + orders["handling_cost"])
            .groupby(orders["rep_id"])
            .sum()
            .reindex(res.index)
            .fillna(0)
        )
        if activities is not None:
            cts += activities.groupby("rep_id")["cost"].sum().reindex(res.index).fillna(0)
        res["cost_to_serve"] = cts
        res["profit"] = res["gross_profit"] - cts
        res["profit_margin"] = profit_margin(res["revenue"], res["gross_profit"], cts)
        if surveys is not None:
            nps, csat = _feedback_by_rep(surveys, customers)
            res["nps"], res["csat"] = nps.reindex(res.index), csat.reindex(res.index)
    res.index.name = "rep_id"
    return res


def _feedback_by_rep(surveys: pd.DataFrame, customers: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """NPS (% promoters - % detractors, -100 to 100) and mean CSAT of each rep's accounts."""
    sv = surveys.merge(customers[["customer_id", "rep_id"]], on="customer_id", how="inner")
    return nps_by(sv["nps_score"], sv["rep_id"]), sv.groupby("rep_id")["csat"].mean()


def normalise(values: pd.Series, higher_is_better: bool = True) -> pd.Series:
    """Min-max score from 0 (worst) to 1 (best); all equal gives 0.5 for everyone.

    >>> normalise(pd.Series([10.0, 20.0, 15.0])).tolist()
    [0.0, 1.0, 0.5]
    >>> normalise(pd.Series([0.1, 0.2]), higher_is_better=False).tolist()
    [1.0, 0.0]
    """
    v = pd.Series(values, dtype=float)
    if v.isna().all():
        raise ValueError(f"The KPI {v.name or ''} has no values to score.".replace("  ", " "))
    lo, hi = v.min(), v.max()
    if hi == lo:
        score = pd.Series(0.5, index=v.index)
    else:
        score = (v - lo) / (hi - lo)
    score = score if higher_is_better else 1 - score
    return score.fillna(0.0)


def scorecard(
    kpis: pd.DataFrame, weights: Mapping[str, float], lower_is_better: Iterable[str] = ()
) -> pd.DataFrame:
    """Weighted KPI scorecard: a 0-1 score per KPI, the weighted total and the rank.

    ``weights`` maps KPI columns of ``kpis`` to zero or positive weights (they need not
    add up to 1: they are divided by their sum). Returns one ``<kpi>_score`` column per
    weighted KPI (0 to 1), its ``<kpi>_part`` of the total (score x weight share),
    ``score`` (0 to 1, the sum of the parts) and ``rank`` (1 = best; ties share the
    better rank), sorted by rank.

    >>> k = pd.DataFrame({"revenue": [100.0, 200.0, 150.0], "margin": [0.3, 0.1, 0.2]},
    ...                  index=["A", "B", "C"])
    >>> scorecard(k, {"revenue": 1, "margin": 1})["score"].tolist()
    [0.5, 0.5, 0.5]
    >>> scorecard(k, {"revenue": 1, "margin": 3}).index.tolist()
    ['A', 'C', 'B']
    """
    lower = set(lower_is_better)
    w = pd.Series(dict(weights), dtype=float)
    missing = [k for k in w.index if k not in kpis.columns]
    if missing:
        raise ValueError(
            f"No KPI called {', '.join(map(repr, missing))} in the table: "
            f"choose from {', '.join(map(str, kpis.columns))}."
        )
    check("A KPI weight", w, ge=0, why="a weight says how much a KPI counts, from 0 upwards")
    if w.sum() <= 0:
        raise ValueError("All KPI weights are zero: give at least one KPI some weight.")
    w = w[w > 0]
    res = pd.DataFrame(index=kpis.index)
    share = w / w.sum()
    for k in w.index:
        res[f"{k}_score"] = normalise(kpis[k], higher_is_better=k not in lower)
    for k in w.index:
        res[f"{k}_part"] = res[f"{k}_score"] * share[k]
    res["score"] = weighted_score(res[[f"{k}_score" for k in w.index]].to_numpy(), w.to_numpy())
    res["rank"] = res["score"].round(12).rank(ascending=False, method="min").astype(int)
    return res.sort_values(["rank"], kind="stable")


def weighted_score(scores, weights):
    """The scorecard total: sum of score x weight over the sum of the weights.

    ``scores`` per KPI (any scale: 0-1 or 0-100; one row per rep for a 2-D array),
    ``weights`` zero or positive, not all zero. The one definition used by
    :func:`scorecard` and the exercise of lab 6.2.

    >>> weighted_score([20, 90, 60], [50, 30, 20])
    49.0
    """
    w = np.asarray(weights, dtype=float)
    check("A KPI weight", w, ge=0, why="a weight says how much a KPI counts, from 0 upwards")
    if w.sum() <= 0:
        raise ValueError("All KPI weights are zero: give at least one KPI some weight.")
    total = np.asarray(scores, dtype=float) @ (w / w.sum())
    return float(total) if np.ndim(total) == 0 else total


def profit_margin(revenue, gross_profit, cost_to_serve):
    """Profit margin after cost to serve: (gross profit - cost to serve) / revenue; NaN
    without revenue. The one definition used by :func:`rep_results` and lab 6.1.

    >>> profit_margin(1_000_000, 240_000, 90_000)
    0.15
    """
    profit = gross_profit - cost_to_serve
    if isinstance(revenue, pd.Series):
        return profit / revenue.where(revenue > 0)
    check("Revenue", revenue, gt=0, why="a margin is a share of what was sold")
    return profit / revenue


def compare_rankings(
    kpis: pd.DataFrame, first: str = "revenue", second: str = "profit"
) -> pd.DataFrame:
    """Each rep's rank by two KPIs (1 = highest) and how far they move.

    Returns ``<first>``, ``<second>``, ``rank_by_<first>``, ``rank_by_<second>`` and
    ``moves`` (positive: the rep climbs when ranked by the second KPI), sorted by the
    first rank.

    >>> k = pd.DataFrame({"revenue": [300.0, 200.0, 100.0], "profit": [10.0, 40.0, 20.0]},
    ...                  index=list("ABC"))
    >>> compare_rankings(k)["moves"].tolist()
    [-2, 1, 1]
    """
    for col in (first, second):
        if col not in kpis:
            raise ValueError(f"No KPI called {col!r} in the table.")
    res = kpis[[first, second]].copy()
    res[f"rank_by_{first}"] = res[first].rank(ascending=False, method="min").astype(int)
    res[f"rank_by_{second}"] = res[second].rank(ascending=False, method="min").astype(int)
    res["moves"] = res[f"rank_by_{first}"] - res[f"rank_by_{second}"]
    return res.sort_values(f"rank_by_{first}", kind="stable")


def annual_attainment(
    results: pd.DataFrame,
    targets: pd.DataFrame,
    year: int,
    actual: str = "revenue",
    target: str = "revenue_target",
) -> pd.Series:
    """Each rep's ``actual`` over the sum of their quarterly ``target`` for ``year`` (NaN
    without a target).

    >>> r = pd.DataFrame({"revenue": [110.0]}, index=pd.Index(["R1"], name="rep_id"))
    >>> t = pd.DataFrame({"rep_id": ["R1", "R1"], "year": [2025, 2025],
    ...                   "revenue_target": [50.0, 50.0]})
    >>> annual_attainment(r, t, 2025).tolist()
    [1.1]
    """
    if actual not in results:
        raise ValueError(f"The results have no column {actual!r}.")
    goal = targets[targets["year"] == year].groupby("rep_id")[target].sum().reindex(results.index)
    return attainment(results[actual], goal).rename("attainment")


def attainment(actual, target):
    """Target attainment: actual / target (1.0 = target met); NaN where there is no
    positive target. The one definition the course uses. Vectorised.

    >>> attainment(pd.Series([87.0, 50.0]), pd.Series([80.0, 0.0])).tolist()
    [1.0875, nan]
    """
    if isinstance(target, pd.Series):
        return actual / target.where(target > 0)
    check("The target", target, gt=0, why="attainment compares the result with a positive target")
    return actual / target


def rank_correlation(a: pd.Series, b: pd.Series) -> float:
    """Spearman rank correlation of two KPIs over the same reps (1 = same order).

    >>> rank_correlation(pd.Series([1, 2, 3]), pd.Series([3, 2, 1]))
    -1.0
    """
    ra, rb = pd.Series(a).rank(), pd.Series(b).rank()
    if ra.std() == 0 or rb.std() == 0:
        raise ValueError("A ranking needs at least two different values.")
    return float(np.corrcoef(ra, rb)[0, 1])


def quarterly_review(
    orders: pd.DataFrame,
    order_lines: pd.DataFrame,
    targets: pd.DataFrame | None = None,
    year: int | None = None,
) -> pd.DataFrame:
    """Per rep and quarter: revenue, gross profit, margin, change on the previous quarter,
    and attainment against ``targets`` (columns rep_id, year, quarter, revenue_target,
    gross_profit_target).

    Returns one row per rep and quarter with ``year``, ``quarter``, ``revenue``,
    ``gross_profit``, ``gross_margin``, ``revenue_qoq`` and ``gross_profit_qoq`` (fraction
    change on the rep's previous quarter; NaN for the first), and when targets are given
    ``revenue_target``, ``gross_profit_target``, ``revenue_attainment``,
    ``profit_attainment`` (:func:`attainment`) and ``target_qoq`` (change of the revenue
    target on the previous quarter). ``year`` keeps only that year (after the change is computed, so
    Q1 compares with the previous Q4).

    >>> o = pd.DataFrame({"order_id": ["A", "B"], "rep_id": ["R1", "R1"],
    ...                   "order_date": pd.to_datetime(["2025-02-01", "2025-05-01"])})
    >>> ol = pd.DataFrame({"order_id": ["A", "B"], "quantity": [1, 1], "net_price": [100.0, 120.0],
    ...                    "unit_cost": [70.0, 80.0]})
    >>> quarterly_review(o, ol)["revenue_qoq"].round(2).tolist()
    [nan, 0.2]
    """
    if "status" in orders:
        orders = orders[orders["status"] == "delivered"]
    lines = order_lines.merge(orders[["order_id", "rep_id", "order_date"]], on="order_id")
    d = pd.to_datetime(lines["order_date"])
    g = pd.DataFrame(
        {
            "rep_id": lines["rep_id"],
            "year": d.dt.year,
            "quarter": d.dt.quarter,
            "revenue": line_net_sales(lines),
            "gross_profit": line_gross_profit(lines),
        }
    )
    keys = ["rep_id", "year", "quarter"]
    res = g.groupby(keys, as_index=False)[["revenue", "gross_profit"]].sum()
    res = res.sort_values(["rep_id", "year", "quarter"]).reset_index(drop=True)
    res["gross_margin"] = res["gross_profit"] / res["revenue"].where(res["revenue"] > 0)
    prev = res.groupby("rep_id")[["revenue", "gross_profit", "year", "quarter"]].shift(1)
    consecutive = (res["year"] * 4 + res["quarter"]) - (prev["year"] * 4 + prev["quarter"]) == 1
    res["revenue_qoq"] = (res["revenue"] / prev["revenue"] - 1).where(
        consecutive & (prev["revenue"] > 0)
    )
    res["gross_profit_qoq"] = (res["gross_profit"] / prev["gross_profit"] - 1).where(
        consecutive & (prev["gross_profit"] > 0)
    )
    if targets is not None:
        res = res.merge(
            targets[keys + ["revenue_target", "gross_profit_target"]], on=keys, how="left"
        )
        res["revenue_attainment"] = attainment(res["revenue"], res["revenue_target"])
        res["profit_attainment"] = attainment(res["gross_profit"], res["gross_profit_target"])
        prev_target = res.groupby("rep_id")["revenue_target"].shift(1)
        res["target_qoq"] = (res["revenue_target"] / prev_target - 1).where(
            consecutive & (prev_target > 0)
        )
    if year is not None:
        res = res[res["year"] == year].reset_index(drop=True)
    return res


def review_table(review: pd.DataFrame, metric: str = "revenue_attainment") -> pd.DataFrame:
    """One row per rep, one column per quarter ("2025Q1" ...) of ``metric`` from
    :func:`quarterly_review`: the grid a quarterly review meeting looks at.

    >>> r = pd.DataFrame({"rep_id": ["R1", "R1"], "year": [2025, 2025], "quarter": [1, 2],
    ...                   "x": [1.0, 2.0]})
    >>> review_table(r, "x").columns.tolist()
    ['2025Q1', '2025Q2']
    """
    if metric not in review:
        raise ValueError(f"The review has no column {metric!r}.")
    key = review["year"].astype(str) + "Q" + review["quarter"].astype(str)
    t = review.assign(period=key).pivot(index="rep_id", columns="period", values=metric)
    t.columns.name = None
    return t


# ---------------------------------------------------------------------------
# What chapter 6's labs and calculators show, one call each


class QuarterReview(NamedTuple):
    """One quarter of the review, judged on attainment (see :func:`quarter_review`)."""

    table: pd.DataFrame  # the quarter's rows by rep, lowest attainment first
    missed: list  # reps below the threshold of their revenue target, lowest first
    first: str  # the lowest attainment: the first conversation
    best: str  # the highest attainment
    sharpest_fall: str  # the largest fall in revenue on the previous quarter
    fall_is_planned: bool  # that rep met its target: its target fell with its revenue


def quarter_review(
    review: pd.DataFrame, year: int, quarter: int, threshold: float = 0.9
) -> QuarterReview:
    """Judge a quarter on revenue attainment against target, not on the change on the
    previous quarter: a quarter whose target was cut (a season, a territory moved) can
    fall and still be a success. ``review`` is :func:`quarterly_review` with targets.

    >>> r = pd.DataFrame({"rep_id": ["A", "B"], "year": 2025, "quarter": 4,
    ...     "revenue_attainment": [1.09, 0.8], "revenue_qoq": [-0.2, 0.1], "target_qoq": [-0.4, 0.3]})
    >>> q = quarter_review(r, 2025, 4)
    >>> q.first, q.best, q.sharpest_fall, q.fall_is_planned, q.missed
    ('B', 'A', 'A', True, ['B'])
    """
    check("The threshold", threshold, gt=0)
    need = {"revenue_attainment", "revenue_qoq"}
    if not need <= set(review.columns):
        raise ValueError("The review needs targets: call quarterly_review with the targets table.")
    q = review[(review["year"] == year) & (review["quarter"] == quarter)].set_index("rep_id")
    if q.empty:
        raise ValueError(f"There is no {year} Q{quarter} in the review.")
    q = q.sort_values("revenue_attainment")
    fall = str(q["revenue_qoq"].idxmin())
    return QuarterReview(
        q,
        list(q.index[q["revenue_attainment"] < threshold]),
        str(q.index[0]),
        str(q["revenue_attainment"].idxmax()),
        fall,
        bool(q.loc[fall, "revenue_attainment"] >= 1),
    )


class RankingView(NamedTuple):
    """The team ranked by revenue and by another KPI (see :func:`ranking_view`)."""

    comparison: pd.DataFrame  # :func:`compare_rankings`
    rho: float  # :func:`rank_correlation`
    top_first: str  # first by the first KPI
    top_second: str  # first by the second KPI
    climbs: str  # climbs most
    falls: str  # falls most
    movers: int  # reps whose place changes
    bottom: list  # the last three by the second KPI, lowest first


def ranking_view(kpis: pd.DataFrame, first: str = "revenue", second: str = "profit") -> RankingView:
    """Who leads, who moves, and how alike the two rankings are.

    >>> k = pd.DataFrame({"revenue": [300.0, 200.0, 100.0], "profit": [10.0, 40.0, 20.0]},
    ...                  index=list("ABC"))
    >>> v = ranking_view(k)
    >>> v.top_first, v.top_second, v.climbs, v.falls, v.movers, v.bottom
    ('A', 'B', 'B', 'A', 3, ['A', 'C', 'B'])
    """
    comp = compare_rankings(kpis, first, second)
    order = comp[f"rank_by_{second}"].sort_values(ascending=False, kind="stable")
    return RankingView(
        comp,
        rank_correlation(kpis[first], kpis[second]),
        str(comp.index[0]),
        str(comp[f"rank_by_{second}"].idxmin()),
        str(comp["moves"].idxmax()),
        str(comp["moves"].idxmin()),
        int((comp["moves"] != 0).sum()),
        list(order.index[:3]),
    )


class ScorecardView(NamedTuple):
    """What the scorecard calculator shows (see :func:`scorecard_view`)."""

    card: pd.DataFrame  # :func:`scorecard`
    table: pd.DataFrame  # the top reps: rank, name, score, revenue_rank, kpi_<k> per KPI used
    used: list  # KPIs with a positive weight
    first: str
    places_up: int  # how many places the first rep climbs against a revenue ranking
    changed: int  # reps whose place differs from the revenue ranking


def scorecard_view(
    kpis: pd.DataFrame, weights: dict, lower_is_better=("avg_discount",), top: int = 20
) -> ScorecardView:
    """Score the team with ``weights`` and set it beside the revenue ranking.

    >>> k = pd.DataFrame({"name": ["a", "b"], "revenue": [100.0, 50.0], "profit": [5.0, 20.0]},
    ...                  index=pd.Index(["A", "B"], name="rep_id"))
    >>> v = scorecard_view(k, {"revenue": 1, "profit": 3})
    >>> v.first, v.places_up, v.changed, list(v.table.columns)
    ('B', 1, 2, ['rank', 'name', 'score', 'revenue_rank', 'kpi_revenue', 'kpi_profit'])
    """
    card = scorecard(kpis, weights, lower_is_better=[k for k in lower_is_better if k in weights])
    used = [k for k, w in weights.items() if w > 0]
    by_revenue = kpis["revenue"].rank(ascending=False, method="min").astype(int)
    head = card.head(top)
    table = pd.DataFrame(
        {
            "rank": head["rank"],
            "name": kpis["name"].reindex(head.index) if "name" in kpis else "",
            "score": head["score"],
            "revenue_rank": by_revenue.reindex(head.index),
        }
    ).join(kpis.loc[head.index, used].add_prefix("kpi_"))
    first = str(card.index[0])
    return ScorecardView(
        card,
        table,
        used,
        first,
        int(by_revenue[first] - 1),
        int((card["rank"] != by_revenue.reindex(card.index)).sum()),
    )
