"""Comparing sales reps: pipeline results, discount discipline and the velocity levers.

Three analyses a sales manager runs before a coaching conversation:

* **Pipeline by rep** (:func:`pipeline_by_rep`): win rate of closed opportunities
  (with a Wilson 95 % interval, so a rep with six closed deals is not ranked on
  luck), average won deal size and the sales cycle of won deals, from the
  ``opportunities`` table.
* **Discount discipline** (:func:`discount_discipline`): the discount each rep gives
  off list price, weighted by list revenue, the share of lines above a threshold,
  and the discount *against peers*: each line's discount minus the average discount
  of lines sold to the same kind of customer (key accounts get more everywhere), so
  a rep with many key accounts is not blamed for their mix. A rep is flagged when
  that excess is an outlier among reps by the modified z-score of Iglewicz & Hoaglin
  (*How to Detect and Handle Outliers*, ASQC 1993): ``M = 0.6745 (x - median) / MAD``,
  outlier when ``M > 3.5``. A one-sided Mann-Whitney test (scipy) of the rep's line
  excess against everyone else's adds a p-value.
* **The velocity levers** (:func:`lever_gains`): sales velocity (Salesforce and
  HubSpot's "pipeline velocity", :func:`salesprofit.funnel.sales_velocity`)
  ``= opportunities x win rate x deal size / cycle days``; what the same relative
  improvement in each lever is worth and which pays most. Three levers multiply,
  the cycle divides, so a 10 % shorter cycle is worth 1/0.9 - 1 = 11.1 %.

All functions take DataFrames (the sample company's tables or a CRM export with the
same columns) and never read files.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import pandas as pd

from . import funnel
from ._checks import check
from .profitability import line_gross_profit, line_list_sales, line_net_sales

__all__ = [
    "Levers",
    "VelocityScenario",
    "discount_discipline",
    "excess_discount_cost",
    "flag_outliers",
    "lever_gains",
    "modified_z",
    "pipeline_by_rep",
    "pipeline_levers",
    "rep_comparison",
    "rep_lines",
    "share_above",
    "velocity_scenario",
    "velocity_what_if",
    "what_if_table",
    "wilson_interval",
    "with_names",
]

LEVERS = ("opportunities", "win_rate", "avg_deal_size", "cycle_days")
LEVER_NAMES = {
    "opportunities": "more opportunities",
    "win_rate": "higher win rate",
    "avg_deal_size": "bigger deals",
    "cycle_days": "shorter cycle",
}


#: The columns of :func:`discount_discipline`, in order.
DISCIPLINE_COLUMNS = (
    "lines",
    "list_revenue",
    "net_revenue",
    "discount_given",
    "avg_discount",
    "line_discount",
    "share_above",
    "excess_discount",
    "excess_cost",
    "excess_cost_per_year",
    "robust_z",
    "p_value",
    "flagged",
)


def _need(df: pd.DataFrame, name: str, columns: Sequence[str]) -> None:
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError(
            f"The {name} table needs the column(s) {', '.join(missing)}: "
            "map your export's headers to these names first."
        )


def wilson_interval(successes, trials, z: float = 1.959963984540054):
    """Wilson score interval for a proportion (95 % by default), vectorised.

    Returns ``(low, high)`` as fractions; NaN where ``trials`` is 0. Wilson (1927),
    *JASA* 22: the interval recommended by Agresti & Coull (1998) for small samples.

    >>> low, high = wilson_interval(10, 50)
    >>> round(low, 4), round(high, 4)
    (0.1124, 0.3304)
    """
    check("The number of trials", trials, ge=0)
    check("The number of successes", successes, ge=0)
    k = np.asarray(successes, dtype=float)
    n = np.asarray(trials, dtype=float)
    if np.any(k > n):
        raise ValueError("Wins cannot outnumber closed deals: check the counts.")
    with np.errstate(invalid="ignore", divide="ignore"):
        p = k / n
        centre = (p + z * z / (2 * n)) / (1 + z * z / n)
        half = z / (1 + z * z / n) * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    low, high = centre - half, centre + half
    if low.ndim == 0:
        return float(low), float(high)
    return low, high


def pipeline_by_rep(opportunities: pd.DataFrame, by: str = "rep_id") -> pd.DataFrame:
    """Win rate, average won deal and sales cycle per rep.

    ``opportunities`` needs ``rep_id`` (or ``by``), ``status`` (open/won/lost),
    ``amount`` (money), ``created_date`` and ``closed_date``. Returns one row per rep
    with ``opportunities`` (all), ``closed``, ``won``, ``win_rate`` (won / closed, a
    fraction) with ``win_rate_low``/``win_rate_high`` (Wilson 95 %),
    ``avg_deal_size`` (mean amount of won deals), ``cycle_days`` (mean days from
    creation to a win) and ``won_value``. A rep with no win has NaN deal size and cycle.

    >>> opp = pd.DataFrame({"rep_id": ["A", "A", "A", "B"], "status": ["won", "lost", "open", "won"],
    ...     "amount": [100.0, 50.0, 70.0, 300.0],
    ...     "created_date": pd.to_datetime(["2025-01-01"] * 4),
    ...     "closed_date": pd.to_datetime(["2025-01-31", "2025-01-11", None, "2025-03-02"])})
    >>> cols = ["closed", "won", "win_rate", "avg_deal_size", "cycle_days"]
    >>> pipeline_by_rep(opp)[cols]  # doctest: +NORMALIZE_WHITESPACE
            closed  won  win_rate  avg_deal_size  cycle_days
    rep_id
    A            2    1       0.5          100.0        30.0
    B            1    1       1.0          300.0        60.0
    """
    _need(opportunities, "opportunities", [by, "status", "amount", "created_date", "closed_date"])
    status = opportunities["status"]
    won = status.eq("won")
    closed = status.isin(["won", "lost"])
    cycle = (opportunities["closed_date"] - opportunities["created_date"]).dt.days
    frame = pd.DataFrame(
        {
            by: opportunities[by],
            "closed": closed.astype(int),
            "won": won.astype(int),
            "won_amount": opportunities["amount"].where(won),
            "won_cycle": cycle.where(won).astype(float),
        }
    )
    g = frame.groupby(by, sort=True)
    res = pd.DataFrame(
        {
            "opportunities": g.size(),
            "closed": g["closed"].sum(),
            "won": g["won"].sum(),
            "avg_deal_size": g["won_amount"].mean(),
            "cycle_days": g["won_cycle"].mean(),
            "won_value": g["won_amount"].sum(),
        }
    )
    res["win_rate"] = res["won"] / res["closed"].where(res["closed"] > 0)
    low, high = wilson_interval(res["won"].to_numpy(), res["closed"].to_numpy())
    res["win_rate_low"], res["win_rate_high"] = low, high
    return res[
        [
            "opportunities",
            "closed",
            "won",
            "win_rate",
            "win_rate_low",
            "win_rate_high",
            "avg_deal_size",
            "cycle_days",
            "won_value",
        ]
    ]


def rep_lines(
    order_lines: pd.DataFrame, orders: pd.DataFrame, customers: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Order lines with the rep (and the customer's attributes) attached.

    Adds ``rep_id``, ``customer_id`` and ``order_date`` from ``orders``, and every
    column of ``customers`` (e.g. ``tier``, ``segment``) when given, plus
    ``list_revenue`` = quantity x list_price, ``net_revenue`` = quantity x net_price,
    ``gross_profit`` = quantity x (net_price - unit_cost) and ``discount_given`` =
    list_revenue - net_revenue (money).
    """
    _need(
        order_lines, "order_lines", ["order_id", "quantity", "list_price", "discount", "net_price"]
    )
    _need(orders, "orders", ["order_id", "rep_id"])
    keep = [c for c in ("order_id", "rep_id", "customer_id", "order_date") if c in orders.columns]
    lines = order_lines.merge(orders[keep], on="order_id", how="left", validate="many_to_one")
    if lines["rep_id"].isna().any():
        bad = lines.loc[lines["rep_id"].isna(), "order_id"].head(3).tolist()
        raise ValueError(
            f"Some order lines have no matching order (e.g. {bad}): "
            "export the orders and their lines from the same period."
        )
    if customers is not None:
        _need(customers, "customers", ["customer_id"])
        extra = [c for c in customers.columns if c not in lines.columns or c == "customer_id"]
        extra = [c for c in extra if c != "rep_id"]
        lines = lines.merge(customers[extra], on="customer_id", how="left", validate="many_to_one")
    lines["list_revenue"] = line_list_sales(lines)
    lines["net_revenue"] = line_net_sales(lines)
    if "unit_cost" in lines.columns:
        lines["gross_profit"] = line_gross_profit(lines)
    lines["discount_given"] = lines["list_revenue"] - lines["net_revenue"]
    return lines


def modified_z(values) -> np.ndarray | pd.Series:
    """Modified (robust) z-score of Iglewicz & Hoaglin (1993): 0.6745 (x - median) / MAD.

    Unlike the ordinary z-score, one extreme value cannot hide itself by inflating
    the standard deviation. Values above 3.5 are outliers by their rule.

    >>> modified_z([0.08, 0.09, 0.10, 0.09, 0.15]).round(2).tolist()
    [-0.67, 0.0, 0.67, 0.0, 4.05]
    """
    v = np.asarray(values, dtype=float)
    med = np.nanmedian(v)
    mad = np.nanmedian(np.abs(v - med))
    if not mad > 0:
        raise ValueError(
            "All reps (but at most half) give the same discount, so there is no spread "
            "to compare against: no one stands out."
        )
    z = 0.6745 * (v - med) / mad
    return pd.Series(z, index=values.index) if isinstance(values, pd.Series) else z


def discount_discipline(
    lines: pd.DataFrame,
    threshold: float = 0.15,
    by: str = "rep_id",
    peer_by: str | Sequence[str] | None = "tier",
    cutoff: float = 3.5,
    years: float = 1.0,
) -> pd.DataFrame:
    """Discount discipline by rep: average discount, deep discounts, and the excess over peers.

    ``lines``: order lines with ``by`` (the rep), ``discount`` (fraction of list),
    ``quantity``, ``list_price`` and ``net_price`` (see :func:`rep_lines`), and the
    ``peer_by`` column(s) that define like-for-like sales (default the customer
    ``tier``; ``None`` compares every line with every other).

    One row per rep: ``lines``, ``list_revenue``, ``net_revenue``, ``discount_given``
    (money), ``avg_discount`` (discount given / list revenue), ``line_discount``
    (plain mean of line discounts), ``share_above`` (share of lines with a discount
    above ``threshold``), ``excess_discount`` (each line's discount minus the mean
    discount of all lines in its peer group, weighted by the line's list revenue:
    percentage points above peers, as a fraction), ``excess_cost`` (money over the data:
    excess x list revenue), ``excess_cost_per_year`` (:func:`excess_discount_cost` over
    ``years``, the period the lines cover), ``robust_z``
    (modified z-score of excess_discount across reps), ``p_value`` (one-sided
    Mann-Whitney: this rep's line excesses higher than everyone else's) and
    ``flagged`` (robust_z above ``cutoff``; NaN z and no flag when at least half the
    reps have the same excess). Sorted by rep.

    >>> lines = pd.DataFrame({"rep_id": list("AABBCCDDEE"), "tier": ["key", "std"] * 5,
    ...     "discount": [0.20, 0.05, 0.21, 0.06, 0.19, 0.04, 0.20, 0.05, 0.30, 0.15],
    ...     "quantity": 1, "list_price": 100.0})
    >>> lines["net_price"] = lines["list_price"] * (1 - lines["discount"])
    >>> d = discount_discipline(lines, threshold=0.10)
    >>> d[["avg_discount", "share_above", "flagged"]].round(3)  # doctest: +NORMALIZE_WHITESPACE
            avg_discount  share_above  flagged
    rep_id
    A              0.125          0.5    False
    B              0.135          0.5    False
    C              0.115          0.5    False
    D              0.125          0.5    False
    E              0.225          1.0     True
    """
    check("The discount threshold", threshold, ge=0, lt=1, why="it is a share of the list price")
    peers = [] if peer_by is None else ([peer_by] if isinstance(peer_by, str) else list(peer_by))
    _need(lines, "order lines", [by, "discount", "quantity", "list_price", "net_price", *peers])
    disc = lines["discount"].astype(float)
    check("A line discount", disc, ge=0, lt=1, why="a discount is a share of the list price")
    list_rev = line_list_sales(lines)
    net_rev = line_net_sales(lines)
    peer_mean = disc.groupby([lines[c] for c in peers]).transform("mean") if peers else disc.mean()
    excess = disc - peer_mean
    frame = pd.DataFrame(
        {
            by: lines[by],
            "discount": disc,
            "list_revenue": list_rev,
            "net_revenue": net_rev,
            "above": (disc > threshold).astype(float),
            "excess": excess,
            "excess_money": excess * list_rev,
        }
    )
    res = _discipline_sums(frame, by)
    res["excess_discount"] = res["excess_cost"] / res["list_revenue"]
    res["excess_cost_per_year"] = excess_discount_cost(
        res["list_revenue"], res["excess_discount"], years
    )
    res["discount_given"] = res["list_revenue"] - res["net_revenue"]
    res["avg_discount"] = res["discount_given"] / res["list_revenue"]
    try:
        res["robust_z"] = modified_z(res["excess_discount"])
    except ValueError:  # no spread among reps: no one stands out
        res["robust_z"] = np.nan
    res["p_value"] = _mann_whitney_by_group(frame[by].to_numpy(), excess.to_numpy(), res.index)
    res["flagged"] = res["robust_z"] > cutoff
    return res[list(DISCIPLINE_COLUMNS)]


def _discipline_sums(frame: pd.DataFrame, by: str) -> pd.DataFrame:
    """Per rep: lines, list and net revenue, mean line discount, share above, excess money."""
    g = frame.groupby(by, sort=True)
    return pd.DataFrame(
        {
            "lines": g.size(),
            "list_revenue": g["list_revenue"].sum(),
            "net_revenue": g["net_revenue"].sum(),
            "line_discount": g["discount"].mean(),
            "share_above": g["above"].mean(),
            "excess_cost": g["excess_money"].sum(),
        }
    )


def excess_discount_cost(list_revenue, excess_discount, years: float = 1.0):
    """The cost of discounting above peers, per year: list-price sales x excess / years.

    ``list_revenue`` is the rep's sales at list price over the ``years`` the data cover
    (money), ``excess_discount`` the points of list above same-tier peers (a fraction,
    weighted by list revenue as :func:`discount_discipline` measures it). The one
    definition used by the rep table, the calculator and the exercise of lab 2.2.
    Vectorised.

    >>> round(excess_discount_cost(7_665_000, 0.068, years=2), 2)
    260610.0
    """
    check(
        "The number of years", years, gt=0, why="the cost is spread over the period the data cover"
    )
    check("Sales at list price", list_revenue, ge=0)
    return list_revenue * excess_discount / years


def _mann_whitney_by_group(groups: np.ndarray, x: np.ndarray, order) -> np.ndarray:
    """One-sided p-values: each group's values larger than all the others' (normal approximation
    with tie correction, as scipy's ``mannwhitneyu(method="asymptotic")``), from one ranking."""
    from scipy import stats

    n = len(x)
    ranks = stats.rankdata(x)
    _, tie_counts = np.unique(x, return_counts=True)
    tie_term = (tie_counts**3 - tie_counts).sum() / (n * (n - 1)) if n > 1 else 0.0
    codes = pd.Index(order).get_indexer(groups)
    n1 = np.bincount(codes, minlength=len(order)).astype(float)
    r1 = np.bincount(codes, weights=ranks, minlength=len(order))
    n2 = n - n1
    u1 = r1 - n1 * (n1 + 1) / 2
    mu = n1 * n2 / 2
    sigma = np.sqrt(n1 * n2 / 12 * ((n + 1) - tie_term))
    with np.errstate(invalid="ignore", divide="ignore"):
        z = (u1 - mu - 0.5) / sigma  # continuity correction
    return np.where(sigma > 0, stats.norm.sf(z), np.nan)


def rep_comparison(
    opportunities: pd.DataFrame,
    lines: pd.DataFrame,
    threshold: float = 0.15,
    peer_by: str | Sequence[str] | None = "tier",
    cutoff: float = 3.5,
    years: float = 1.0,
) -> pd.DataFrame:
    """One table per rep: :func:`pipeline_by_rep` beside :func:`discount_discipline`, plus
    ``gross_margin`` (gross profit / net revenue) when the lines carry ``gross_profit``.
    ``years`` is the period the lines cover (for ``excess_cost_per_year``)."""
    pipe = pipeline_by_rep(opportunities)
    disc = discount_discipline(
        lines, threshold=threshold, peer_by=peer_by, cutoff=cutoff, years=years
    )
    res = pipe.join(disc, how="outer")
    if "gross_profit" in lines.columns:
        gp = lines.groupby("rep_id")["gross_profit"].sum()
        res["gross_profit"] = gp
        res["gross_margin"] = gp / res["net_revenue"]
    res.index.name = "rep_id"
    return res


# ---------------------------------------------------------------------------
# The velocity levers


class Levers(NamedTuple):
    """The four levers of sales velocity and the velocity they give (money per day)."""

    opportunities: float
    win_rate: float
    avg_deal_size: float
    cycle_days: float
    velocity: float


def pipeline_levers(opportunities: pd.DataFrame, start=None, end=None) -> Levers:
    """The team's four levers measured on an opportunities table over [start, end].

    ``win_rate`` is won / closed among deals closed in the period; ``avg_deal_size``
    and ``cycle_days`` are the mean amount and the mean days from creation to a win
    of the deals won in the period; ``opportunities`` is the number of new
    opportunities a steady team opens over one sales cycle (opened in the period /
    days in the period x cycle_days), the pipeline it works at any time. With these
    definitions velocity x days is about the money won in the period, which is how
    to check the numbers. ``start``/``end`` default to the first creation and the
    last closing date.

    >>> opp = pd.DataFrame({"status": ["won", "lost", "won"], "amount": [100.0, 80.0, 200.0],
    ...     "created_date": pd.to_datetime(["2025-01-01", "2025-01-01", "2025-01-05"]),
    ...     "closed_date": pd.to_datetime(["2025-01-11", "2025-01-03", "2025-01-11"])})
    >>> [round(v, 3) for v in pipeline_levers(opp)]
    [2.4, 0.667, 150.0, 8.0, 30.0]
    """
    _need(opportunities, "opportunities", ["status", "amount", "created_date", "closed_date"])
    m = funnel.pipeline_measures(opportunities, start, end)
    return Levers(m.worked_per_cycle, m.win_rate, m.avg_deal_size, m.cycle_days, m.velocity)


def velocity_what_if(
    opportunities,
    win_rate,
    avg_deal_size,
    cycle_days,
    opportunities_change=0.0,
    win_rate_change=0.0,
    deal_size_change=0.0,
    cycle_change=0.0,
) -> dict:
    """Velocity before and after relative changes in the levers.

    Changes are fractions: ``win_rate_change=0.10`` is a 10 % better win rate (e.g.
    20 % -> 22 %), ``cycle_change=-0.10`` a 10 % shorter cycle. Returns a dict with
    ``velocity`` and ``new_velocity`` (money per day), ``gain`` (per day) and
    ``gain_share`` (a fraction).

    >>> r = velocity_what_if(50, 0.25, 20_000, 100, win_rate_change=0.10, cycle_change=-0.20)
    >>> round(r["new_velocity"], 2), round(r["gain_share"], 4)
    (3437.5, 0.375)
    """
    check(
        "The opportunities change",
        opportunities_change,
        gt=-1,
        why="you cannot lose more than all of them",
    )
    check("The win-rate change", win_rate_change, gt=-1, why="a win rate cannot fall below zero")
    check(
        "The deal-size change",
        deal_size_change,
        gt=-1,
        why="a deal cannot be worth less than nothing",
    )
    check("The cycle change", cycle_change, gt=-1, why="a deal cannot close in no time at all")
    before = funnel.sales_velocity(opportunities, win_rate, avg_deal_size, cycle_days)
    new_win = np.asarray(win_rate, dtype=float) * (1 + np.asarray(win_rate_change, dtype=float))
    if np.any(new_win > 1):
        raise ValueError(
            f"That change would lift the win rate above 100 % "
            f"(to {float(np.max(new_win)):.0%}): no one wins more deals than they work."
        )
    after = funnel.sales_velocity(
        np.asarray(opportunities, dtype=float) * (1 + opportunities_change),
        new_win,
        np.asarray(avg_deal_size, dtype=float) * (1 + deal_size_change),
        np.asarray(cycle_days, dtype=float) * (1 + cycle_change),
    )
    after = float(after) if np.ndim(after) == 0 else after
    return {
        "velocity": before,
        "new_velocity": after,
        "gain": after - before,
        "gain_share": (after - before) / before if np.all(np.asarray(before) > 0) else np.nan,
    }


def lever_gains(
    opportunities: float,
    win_rate: float,
    avg_deal_size: float,
    cycle_days: float,
    improvement: float = 0.10,
    days: float = 365.0,
) -> pd.DataFrame:
    """What the same relative improvement in each lever is worth, best first.

    ``improvement`` is a fraction: 0.10 means 10 % more opportunities, a 10 % higher
    win rate (20 % -> 22 %), 10 % bigger deals, or a 10 % shorter cycle. One row per
    lever: ``lever``, ``label``, ``now`` and ``new`` (the lever's value), ``velocity``
    (money per day after the change), ``gain_per_day``, ``gain_per_period`` (over
    ``days``) and ``gain_share`` (a fraction of today's velocity), sorted by gain.

    >>> t = lever_gains(50, 0.25, 20_000, 100, 0.10)
    >>> t[["lever", "gain_per_day"]].round(2).to_dict("records")[0]
    {'lever': 'cycle_days', 'gain_per_day': 277.78}
    """
    check(
        "The improvement", improvement, gt=0, lt=1, why="enter it as a fraction, e.g. 0.10 for 10 %"
    )
    check("The period", days, gt=0)
    now = {
        "opportunities": opportunities,
        "win_rate": win_rate,
        "avg_deal_size": avg_deal_size,
        "cycle_days": cycle_days,
    }
    base = funnel.sales_velocity(**now)
    new = {k: v * (1 + improvement) for k, v in now.items()}
    new["cycle_days"] = cycle_days * (1 - improvement)
    if new["win_rate"] > 1:
        raise ValueError(
            f"A {improvement:.0%} better win rate would pass 100 %: use a smaller improvement."
        )
    velocity = np.array([funnel.sales_velocity(**{**now, k: new[k]}) for k in LEVERS])
    res = pd.DataFrame(
        {
            "lever": list(LEVERS),
            "label": [LEVER_NAMES[k] for k in LEVERS],
            "now": [now[k] for k in LEVERS],
            "new": [new[k] for k in LEVERS],
            "velocity": velocity,
        }
    )
    res["gain_per_day"] = res["velocity"] - base
    res["gain_per_period"] = res["gain_per_day"] * days
    res["gain_share"] = res["gain_per_day"] / base if base > 0 else np.nan
    return res.sort_values("gain_per_day", ascending=False, kind="stable").reset_index(drop=True)


def what_if_table(
    opportunities: float,
    win_rate: float,
    avg_deal_size: float,
    cycle_days: float,
    opportunities_change: float = 0.0,
    win_rate_change: float = 0.0,
    deal_size_change: float = 0.0,
    cycle_change: float = 0.0,
    days: float = 365.0,
) -> pd.DataFrame:
    """Each lever change on its own and all of them together.

    Rows ``opportunities``, ``win_rate``, ``avg_deal_size``, ``cycle_days`` (that one
    change alone) and ``all`` (every change at once: the gains multiply, so the total
    is more than the sum). Columns ``label``, ``change`` (fraction), ``velocity`` (money
    per day after it), ``gain_per_day``, ``gain_per_period`` (over ``days``) and
    ``gain_share`` (fraction of today's velocity).

    >>> t = what_if_table(50, 0.25, 20_000, 100, win_rate_change=0.1, cycle_change=-0.2)
    >>> t["gain_per_day"].round(2).tolist()
    [0.0, 250.0, 0.0, 625.0, 937.5]
    """
    check("The period", days, gt=0)
    base = (opportunities, win_rate, avg_deal_size, cycle_days)
    changes = {
        "opportunities": opportunities_change,
        "win_rate": win_rate_change,
        "avg_deal_size": deal_size_change,
        "cycle_days": cycle_change,
    }
    keys = {
        "opportunities": "opportunities_change",
        "win_rate": "win_rate_change",
        "avg_deal_size": "deal_size_change",
        "cycle_days": "cycle_change",
    }
    rows = []
    for lever in LEVERS:  # four scenarios, not a loop over data
        r = velocity_what_if(*base, **{keys[lever]: changes[lever]})
        rows.append(
            (
                lever,
                LEVER_NAMES[lever],
                changes[lever],
                r["new_velocity"],
                r["gain"],
                r["gain_share"],
            )
        )
    r = velocity_what_if(*base, **{keys[k]: v for k, v in changes.items()})
    rows.append(("all", "all together", np.nan, r["new_velocity"], r["gain"], r["gain_share"]))
    res = pd.DataFrame(
        rows, columns=["lever", "label", "change", "velocity", "gain_per_day", "gain_share"]
    )
    res["gain_per_period"] = res["gain_per_day"] * days
    res.attrs["velocity"] = r["velocity"]
    return res.set_index("lever")[
        ["label", "change", "velocity", "gain_per_day", "gain_per_period", "gain_share"]
    ]


def share_above(lines: pd.DataFrame, threshold: float, by: str = "rep_id") -> pd.Series:
    """Share of each rep's lines with a discount above ``threshold`` (a fraction).

    The cheap part of :func:`discount_discipline`, for a threshold slider.

    >>> share_above(pd.DataFrame({"rep_id": ["A", "A", "B"], "discount": [0.1, 0.2, 0.3]}), 0.15).tolist()
    [0.5, 1.0]
    """
    check("The discount threshold", threshold, ge=0, lt=1, why="it is a share of the list price")
    _need(lines, "order lines", [by, "discount"])
    return (
        (lines["discount"] > threshold).groupby(lines[by], sort=True).mean().rename("share_above")
    )


def flag_outliers(robust_z, cutoff: float = 3.5):
    """True where the modified z-score is above ``cutoff`` (3.5 in Iglewicz & Hoaglin's rule).

    >>> flag_outliers(pd.Series([0.2, 4.1, float("nan")])).tolist()
    [False, True, False]
    """
    check("The cut-off", cutoff, gt=0, why="a cut-off at or below 0 would flag half the team")
    z = (
        robust_z
        if isinstance(robust_z, pd.Series)
        else pd.Series(np.asarray(robust_z, dtype=float))
    )
    return z.gt(cutoff)


def with_names(rep_ids, names: dict | None = None) -> list[str]:
    """Rep ids with their names for display: ``["R11 (Wang Fang)", ...]``.

    >>> with_names(["R11", "R99"], {"R11": "Wang Fang"})
    ['R11 (Wang Fang)', 'R99']
    """
    names = names or {}
    return [f"{r} ({names[r]})" if r in names else str(r) for r in rep_ids]


@dataclass(frozen=True)
class VelocityScenario:
    """What the velocity calculator shows (see :func:`velocity_scenario`): ``table``
    (:func:`what_if_table`), today's ``velocity`` and the ``new_velocity`` (money per
    day), ``gain_per_year`` (money over ``days``), ``gain_share`` (a fraction) and
    ``best``: the lever whose change alone is worth most (None when nothing moved)."""

    table: pd.DataFrame
    velocity: float
    new_velocity: float
    gain_per_year: float
    gain_share: float
    best: str | None


def velocity_scenario(
    opportunities: float,
    win_rate: float,
    avg_deal_size: float,
    cycle_days: float,
    days: float = 365.0,
    **changes: float,
) -> VelocityScenario:
    """Velocity today and after the lever changes, and which change is worth most alone.

    ``changes`` are the keyword changes of :func:`what_if_table` (fractions).

    >>> s = velocity_scenario(50, 0.25, 20_000, 100, win_rate_change=0.1, cycle_change=-0.2)
    >>> s.velocity, round(s.new_velocity, 1), s.best
    (2500.0, 3437.5, 'cycle_days')
    """
    t = what_if_table(opportunities, win_rate, avg_deal_size, cycle_days, days=days, **changes)
    single = t.drop(index="all")
    moved = single[single["change"] != 0]
    after = t.loc["all"]
    return VelocityScenario(
        t,
        float(t.attrs["velocity"]),
        float(after["velocity"]),
        float(after["gain_per_period"]),
        float(after["gain_share"]),
        str(moved["gain_per_day"].idxmax()) if len(moved) else None,
    )
