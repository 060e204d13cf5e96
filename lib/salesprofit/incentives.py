"""Sales incentive plans: tiered commission, margin plans, thresholds, caps, and what each rewards.

The article's incentive scheme is a tiered bonus (阶梯式奖金). A tier table can be
paid in two ways, and the difference matters (Zoltners, Sinha & Lorimer, *The
Complete Guide to Sales Force Incentive Compensation*, AMACOM 2006, ch. 8 and 11):

* **marginal** (progressive, like income tax): each rate pays only on the part of
  sales inside its band, so pay rises smoothly and never falls when sales rise;
* **retroactive** (stepped): the rate of the highest band reached pays on *all*
  sales, so pay jumps at each threshold. The jump is the "cliff": a rep just below
  a threshold gains a lot by pulling a deal forward (or by holding one back to the
  next period when the threshold is out of reach).

On top of the tier table a plan may have a **basis** (revenue, or gross profit so
the rep shares the cost of every discount), a **threshold** (nothing is paid until
the basis reaches it: a gate) and a **cap** (no pay above it). An **accelerator**
is simply a higher rate above quota.

:func:`discount_choice` is a small behavioural model: a rep who can trade price for
volume (constant price elasticity) picks the discount that maximises their *own*
pay under the plan; the company's profit after commission follows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ._checks import check, finite, out, values

__all__ = [
    "DiscountBehaviour",
    "DiscountChoice",
    "DiscountMarginLink",
    "Plan",
    "PlanComparison",
    "PlanView",
    "TierForms",
    "accelerated_tiers",
    "cliff",
    "commission",
    "compare_plans",
    "cost_of_sales",
    "discount_behaviour",
    "discount_choice",
    "discount_margin_link",
    "effective_rate",
    "near_threshold",
    "pay_for_step",
    "payout_curve",
    "plan_outcomes",
    "plan_pay",
    "plan_summary",
    "plan_view",
    "rep_actuals",
    "tier_forms",
]

METHODS = ("marginal", "retroactive")
BASES = ("revenue", "gross_profit")


def _tiers(tiers: Any) -> tuple[np.ndarray, np.ndarray]:
    """Thresholds and rates of a tier table, checked."""
    try:
        rows = [tuple(t) for t in tiers]
    except TypeError:
        raise ValueError(
            "The tiers must be a list of (threshold, rate) pairs, "
            "such as [(0, 0.03), (1_000_000, 0.05)]."
        ) from None
    if not rows:
        raise ValueError("The plan needs at least one tier, such as [(0, 0.03)].")
    if any(len(r) != 2 for r in rows):
        raise ValueError("Each tier is a pair (threshold, rate), such as (1_000_000, 0.05).")
    thresholds = np.array([r[0] for r in rows], dtype=float)
    rates = np.array([r[1] for r in rows], dtype=float)
    finite("A tier threshold", thresholds)
    finite("A tier rate", rates)
    if thresholds[0] != 0:
        raise ValueError(
            f"The first tier must start at 0 (it starts at {thresholds[0]:g}): "
            "every sale must fall in some tier."
        )
    if np.any(np.diff(thresholds) <= 0):
        raise ValueError(
            "The tier thresholds must rise from one tier to the next "
            "(each threshold above the one before)."
        )
    check(
        "A commission rate", rates, ge=0, le=1, why="it is a share of sales, such as 0.05 for 5 %"
    )
    return thresholds, rates


def _method(method: str) -> str:
    if method not in METHODS:
        raise ValueError(
            f"The method is 'marginal' (each rate on its own band) or 'retroactive' "
            f"(the top rate reached on all sales), not {method!r}."
        )
    return method


def commission(sales, tiers, method: str = "marginal"):
    """Commission on ``sales`` under a tier table.

    Parameters
    ----------
    sales : float or array-like
        Sales credited to the salesperson, in money. Zero or more.
    tiers : sequence of (float, float)
        ``(threshold, rate)`` pairs: the sales (money) where a band starts, with the first
        threshold 0 and thresholds rising, and the band's rate as a fraction.
    method : {"marginal", "retroactive"}, default "marginal"
        ``"marginal"``: each rate pays on the part of sales inside its band.
        ``"retroactive"``: the rate of the highest band reached pays on all sales.

    Returns
    -------
    float or array-like
        The commission, in money. Scalars give a float; arrays keep their shape and Series
        their index.

    Raises
    ------
    ValueError
        If sales are negative, the tier table does not start at 0, its thresholds do not
        rise, a rate is not a fraction, or the method is unknown.

    References
    ----------
    Zoltners, A. A., Sinha, P. and Lorimer, S. E., *The Complete Guide to Sales Force
    Incentive Compensation* (2006): tiered rates and the jump a retroactive plan creates at
    each threshold.

    Examples
    --------
    >>> tiers = [(0, 0.05), (100_000, 0.08), (200_000, 0.10)]
    >>> commission(250_000, tiers)            # 5000 + 8000 + 5000
    18000.0
    >>> commission(250_000, tiers, "retroactive")
    25000.0
    """
    thresholds, rates = _tiers(tiers)
    _method(method)
    check("Sales", sales, ge=0, why="commission is paid on sales made, which cannot be negative")
    s = values(sales)
    if method == "marginal":
        upper = np.append(thresholds[1:], np.inf)
        inside = np.clip(s[..., None] - thresholds, 0.0, upper - thresholds)
        pay = (inside * rates).sum(axis=-1)
    else:
        band = np.searchsorted(thresholds, s, side="right") - 1
        pay = rates[band] * s
    if isinstance(sales, pd.Series):
        return pd.Series(pay, index=sales.index, name="commission")
    return out(pay)


def effective_rate(sales, tiers, method: str = "marginal"):
    """Commission as a fraction of sales (NaN at zero sales).

    >>> round(effective_rate(250_000, [(0, 0.05), (100_000, 0.08), (200_000, 0.10)]), 4)
    0.072
    """
    pay = commission(sales, tiers, method)
    s = values(sales)
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = np.where(s > 0, values(pay) / np.where(s > 0, s, 1.0), np.nan)
    if isinstance(sales, pd.Series):
        return pd.Series(rate, index=sales.index, name="effective_rate")
    return out(rate)


def cliff(tiers, threshold_index: int = 1) -> float:
    """Jump in retroactive pay at a threshold: what the last yuan of sales earns there.

    At threshold ``t`` the rate moves from ``r_below`` to ``r_above`` on all sales,
    so pay jumps by ``t x (r_above - r_below)``.

    >>> cliff([(0, 0.05), (100_000, 0.08)])
    3000.0
    """
    thresholds, rates = _tiers(tiers)
    if not 1 <= threshold_index < len(thresholds):
        raise ValueError(
            f"There is no threshold number {threshold_index}: the plan has "
            f"{len(thresholds) - 1} threshold(s) after the first tier."
        )
    i = threshold_index
    return float(thresholds[i] * (rates[i] - rates[i - 1]))


def accelerated_tiers(
    quota: float,
    base_rate: float,
    accelerator: float = 1.5,
    decelerator: float = 1.0,
    start: float = 0.0,
) -> list[tuple[float, float]]:
    """Tier table of a quota plan: ``base_rate`` up to ``quota``, ``base_rate x accelerator`` above.

    ``start`` > 0 adds a zero-rate band below it (pay only on sales above ``start``);
    ``decelerator`` < 1 lowers the rate above twice the quota (a soft cap).

    >>> accelerated_tiers(1_000_000, 0.04, 1.5)
    [(0.0, 0.04), (1000000.0, 0.06)]
    """
    check("The quota", quota, gt=0)
    check("The base rate", base_rate, ge=0, le=1)
    check("The accelerator", accelerator, ge=0, why="it multiplies the base rate above quota")
    check("The decelerator", decelerator, ge=0, le=1, why="it lowers the rate far above quota")
    check("The start of pay", start, ge=0, lt=quota, why="pay must start below the quota")
    tiers = [(0.0, float(base_rate))]
    if start > 0:
        tiers = [(0.0, 0.0), (float(start), float(base_rate))]
    tiers.append((float(quota), float(base_rate * accelerator)))
    if decelerator < 1:
        tiers.append((float(2 * quota), float(base_rate * accelerator * decelerator)))
    return tiers


@dataclass(frozen=True)
class Plan:
    """An incentive plan: tier table, how it pays, on what, from where, up to what.

    ``basis`` is ``"revenue"`` or ``"gross_profit"``; ``threshold`` is the basis a rep
    must reach before anything is paid (0: no gate); ``cap`` the most a rep can earn
    (``None``: no cap). Money is per rep per plan period.
    """

    tiers: tuple
    method: str = "marginal"
    basis: str = "revenue"
    threshold: float = 0.0
    cap: float | None = None

    def __post_init__(self):
        _tiers(self.tiers)
        _method(self.method)
        if self.basis not in BASES:
            raise ValueError(f"The plan pays on 'revenue' or 'gross_profit', not {self.basis!r}.")
        check("The threshold", self.threshold, ge=0, why="it is the sales a rep must reach first")
        if self.cap is not None:
            check("The cap", self.cap, gt=0, why="a cap is the most a rep can earn")


def plan_pay(plan: Plan, revenue, gross_profit=None):
    """Pay of each rep under ``plan`` from their revenue and gross profit (money).

    Gross profit is needed only for a gross-profit plan. A rep below the plan's
    threshold earns nothing; pay above the cap is cut to the cap. Vectorised.

    >>> plan_pay(Plan(((0, 0.05),), threshold=50_000, cap=4_000), [40_000, 60_000, 100_000])
    array([   0., 3000., 4000.])
    """
    if plan.basis == "gross_profit":
        if gross_profit is None:
            raise ValueError("A gross-profit plan needs each rep's gross profit.")
        base = gross_profit
        finite("Gross profit", base)
        base = (
            base.clip(lower=0) if isinstance(base, pd.Series) else np.clip(values(base), 0.0, None)
        )
    else:
        base = revenue
    pay = values(
        commission(base if isinstance(base, pd.Series) else values(base), plan.tiers, plan.method)
    )
    b = values(base)
    pay = np.where(b >= plan.threshold, pay, 0.0)
    if plan.cap is not None:
        pay = np.minimum(pay, plan.cap)
    if isinstance(base, pd.Series):
        return pd.Series(pay, index=base.index, name="pay")
    return out(pay)


def payout_curve(plan: Plan, max_basis: float, points: int = 401) -> pd.DataFrame:
    """Pay against the plan's basis from 0 to ``max_basis``: columns ``basis``, ``pay``, ``rate``.

    The grid includes every threshold (and the point just below it) so a chart shows
    the retroactive cliffs as vertical jumps.

    >>> payout_curve(Plan(((0, 0.05), (100, 0.10)), "retroactive"), 200, 3)["pay"].tolist()
    [0.0, 4.999995, 10.0, 20.0]
    """
    check("The largest sales shown", max_basis, gt=0)
    thresholds, _ = _tiers(plan.tiers)
    marks = np.concatenate([thresholds[1:], [plan.threshold] if plan.threshold > 0 else []])
    marks = marks[(marks > 0) & (marks <= max_basis)]
    grid = np.union1d(np.linspace(0.0, max_basis, points), np.concatenate([marks, marks - 1e-4]))
    pay = plan_pay(plan, grid, grid)
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = np.where(grid > 0, pay / np.where(grid > 0, grid, 1.0), np.nan)
    return pd.DataFrame({"basis": grid, "pay": pay, "rate": rate})


def plan_outcomes(results: pd.DataFrame, plan: Plan) -> pd.DataFrame:
    """Each rep's pay under ``plan``, and what it costs the company.

    ``results`` has ``revenue`` and ``gross_profit`` per rep (one row each). Adds
    ``pay``, ``cost_of_sales`` (pay / revenue), ``pay_share_of_profit`` (pay / gross
    profit) and ``profit_after_pay`` (gross profit - pay).

    >>> r = pd.DataFrame({"revenue": [100.0, 300.0], "gross_profit": [30.0, 60.0]})
    >>> plan_outcomes(r, Plan(((0, 0.1),)))["profit_after_pay"].tolist()
    [20.0, 30.0]
    """
    for col in ("revenue", "gross_profit"):
        if col not in results:
            raise ValueError(f"The results table needs a '{col}' column (one row per rep).")
    res = results.copy()
    res["pay"] = values(
        plan_pay(plan, res["revenue"].to_numpy(float), res["gross_profit"].to_numpy(float))
    )
    rev = res["revenue"].where(res["revenue"] > 0)
    gp = res["gross_profit"].where(res["gross_profit"] > 0)
    res["cost_of_sales"] = res["pay"] / rev
    res["pay_share_of_profit"] = res["pay"] / gp
    res["profit_after_pay"] = res["gross_profit"] - res["pay"]
    return res


def plan_summary(outcomes: pd.DataFrame, plan: Plan) -> dict:
    """Totals of :func:`plan_outcomes`: ``total_pay``, ``cost_of_sales`` (pay / revenue),
    ``share_of_profit`` (pay / gross profit), ``unpaid`` (reps paid nothing) and ``capped``
    (reps at the cap).

    >>> r = pd.DataFrame({"revenue": [100.0, 300.0], "gross_profit": [30.0, 60.0]})
    >>> plan = Plan(((0, 0.1),), cap=20)
    >>> s = plan_summary(plan_outcomes(r, plan), plan)
    >>> s["total_pay"], s["cost_of_sales"], s["capped"]
    (30.0, 0.075, 1)
    """
    pay = outcomes["pay"]
    gp = float(outcomes["gross_profit"].sum())
    return {
        "total_pay": float(pay.sum()),
        "cost_of_sales": cost_of_sales(pay, outcomes["revenue"]),
        "share_of_profit": float(pay.sum()) / gp if gp > 0 else float("nan"),
        "unpaid": int((pay == 0).sum()),
        "capped": int((pay >= plan.cap * (1 - 1e-12)).sum()) if plan.cap is not None else 0,
    }


def cost_of_sales(pay, revenue):
    """Incentive cost of sales: total pay / total revenue (a fraction).

    >>> cost_of_sales([3_000, 5_000], [100_000, 100_000])
    0.04
    """
    check("Pay", pay, ge=0)
    check("Revenue", revenue, ge=0)
    total = values(revenue).sum()
    if total <= 0:
        raise ValueError("Cost of sales needs some revenue: the total revenue is zero.")
    return float(values(pay).sum() / total)


@dataclass(frozen=True)
class DiscountChoice:
    """Outcome of :func:`discount_choice`.

    ``table`` has one row per discount: ``discount``, ``units``, ``revenue``,
    ``gross_profit``, ``pay``, ``company_profit`` (gross profit - pay).
    ``rep_discount`` is the discount that maximises the rep's pay (the smallest if
    several tie); ``company_discount`` the one that maximises company profit.
    """

    table: pd.DataFrame
    rep_discount: float
    company_discount: float
    rep_pay: float
    company_profit: float
    best_company_profit: float


def discount_choice(
    plan: Plan,
    list_price: float,
    unit_cost: float,
    base_units: float,
    elasticity: float,
    discounts: Sequence[float] | None = None,
) -> DiscountChoice:
    """The discount a pay-maximising rep gives under ``plan``, and what it does to profit.

    Units sold at discount ``d`` follow constant price elasticity:
    ``units = base_units x (1 - d) ** elasticity`` (elasticity < 0). Revenue and gross
    profit follow; the rep is paid by ``plan`` and picks the discount with the most pay.

    >>> revenue_plan = Plan(((0, 0.05),))
    >>> margin_plan = Plan(((0, 0.20),), basis="gross_profit")
    >>> discount_choice(revenue_plan, 100, 70, 1000, -3).rep_discount
    0.3
    >>> discount_choice(margin_plan, 100, 70, 1000, -3).rep_discount
    0.0
    """
    check("The list price", list_price, gt=0)
    check("The unit cost", unit_cost, ge=0)
    check("The units sold at list price", base_units, gt=0)
    check(
        "The price elasticity",
        elasticity,
        lt=0,
        why="demand falls when the price rises, so elasticity is negative, such as -2",
    )
    d = np.round(np.arange(0.0, 0.3001, 0.01), 10) if discounts is None else values(discounts)
    check("A discount", d, ge=0, lt=1, why="a discount is a share of the list price below 100 %")
    units = base_units * (1 - d) ** elasticity
    revenue = units * list_price * (1 - d)
    gross_profit = units * (list_price * (1 - d) - unit_cost)
    pay = values(plan_pay(plan, revenue, gross_profit))
    table = pd.DataFrame(
        {
            "discount": d,
            "units": units,
            "revenue": revenue,
            "gross_profit": gross_profit,
            "pay": pay,
            "company_profit": gross_profit - pay,
        }
    )
    i = int(np.argmax(np.round(pay, 6)))
    j = int(np.argmax(table["company_profit"].to_numpy()))
    profit = table["company_profit"]
    return DiscountChoice(
        table, float(d[i]), float(d[j]), float(pay[i]), float(profit.iloc[i]), float(profit.iloc[j])
    )


# ---------------------------------------------------------------------------
# What the chapter 9 calculators and labs show: one call each


@dataclass(frozen=True)
class TierForms:
    """One tier table paid both ways at ``sales`` (money per rep per period).

    ``marginal_rate`` and ``retroactive_rate`` are pay / sales (0 at no sales).
    ``next_threshold`` is the first threshold above ``sales`` (NaN when above all;
    ``next_index`` its position in the tier table, -1 then), ``gap`` the sales still
    missing, ``retroactive_gain`` and ``marginal_gain`` what closing the gap adds to
    pay, ``cliff`` the jump at that threshold. ``curves`` holds the two payout
    curves up to ``span`` (1.3 x the larger of sales and the top threshold).
    """

    sales: float
    marginal: float
    retroactive: float
    marginal_rate: float
    retroactive_rate: float
    tiers: tuple
    next_index: int
    next_threshold: float
    gap: float
    retroactive_gain: float
    marginal_gain: float
    cliff: float
    span: float
    curves: dict = field(compare=False, repr=False)


def tier_forms(tiers: Any, sales: float) -> TierForms:
    """A tier table's marginal and retroactive pay at ``sales``, and the next cliff.

    >>> f = tier_forms([(0, 0.02), (6_000_000, 0.03)], 5_990_000)
    >>> round(f.retroactive_gain, 2), round(f.marginal_gain, 2), round(f.cliff, 2)
    (60200.0, 200.0, 60000.0)
    """
    check("Sales", sales, ge=0)
    t = tuple((float(a), float(r)) for a, r in tiers)
    marg = float(commission(sales, t, "marginal"))
    retro = float(commission(sales, t, "retroactive"))
    above = [(i, a) for i, (a, _) in enumerate(t) if a > sales]
    i, nxt = above[0] if above else (-1, float("nan"))
    span = max(sales, max(a for a, _ in t)) * 1.3
    curves = {
        "marginal (each rate on its band)": payout_curve(Plan(t), span) if span > 0 else None,
        "retroactive (top rate on all sales)": payout_curve(Plan(t, "retroactive"), span)
        if span > 0
        else None,
    }
    return TierForms(
        float(sales),
        marg,
        retro,
        marg / sales if sales else 0.0,
        retro / sales if sales else 0.0,
        t,
        i,
        nxt,
        nxt - sales if above else float("nan"),
        float(commission(nxt, t, "retroactive")) - retro if above else float("nan"),
        float(commission(nxt, t, "marginal")) - marg if above else float("nan"),
        cliff(t, i) if above else float("nan"),
        span,
        curves,
    )


def pay_for_step(tiers: Any, sales_from: float, sales_to: float, method: str = "marginal") -> float:
    """Extra pay for moving sales from ``sales_from`` to ``sales_to`` (money).

    >>> pay_for_step([(0, 0.02), (6_000_000, 0.03)], 5_990_000, 6_000_000, "retroactive")
    60200.0
    """
    return float(commission(sales_to, tiers, method)) - float(commission(sales_from, tiers, method))


def near_threshold(
    results: pd.DataFrame, tiers: Any, threshold_index: int = 1, window: float = 500_000.0
) -> pd.DataFrame:
    """Reps whose revenue ends within ``window`` below a threshold of a retroactive plan.

    One row per rep (``results`` has ``name`` and ``revenue``): ``name``, ``revenue``,
    ``gap`` (sales short of the threshold) and ``jump`` (the retroactive pay gained by
    crossing it), closest first.
    """
    check("The window", window, gt=0)
    t = [(float(a), float(r)) for a, r in tiers]
    if not 1 <= threshold_index < len(t):
        raise ValueError("Choose a threshold of the tier table other than the first (0).")
    line = t[threshold_index][0]
    near = results[(results["revenue"] > line - window) & (results["revenue"] < line)]
    out = near[["name", "revenue"]].copy()
    out["gap"] = line - out["revenue"]
    out["jump"] = [pay_for_step(t, v, line, "retroactive") for v in out["revenue"]]
    return out.sort_values("gap")


@dataclass(frozen=True)
class PlanView:
    """A plan run over the reps' results: :func:`plan_outcomes`, :func:`plan_summary`'s
    totals, the payout ``curve`` up to 1.1 x the largest basis, and each rep's ``basis``."""

    total_pay: float
    cost_of_sales: float
    share_of_profit: float
    unpaid: int
    capped: int
    outcomes: pd.DataFrame = field(compare=False, repr=False)
    curve: pd.DataFrame = field(compare=False, repr=False)
    basis: pd.Series = field(compare=False, repr=False)


def plan_view(results: pd.DataFrame, plan: Plan) -> PlanView:
    """Everything the plan designer shows, in one call."""
    out_ = plan_outcomes(results, plan)
    s = plan_summary(out_, plan)
    base = out_["revenue"] if plan.basis == "revenue" else out_["gross_profit"]
    top = float(base.max()) * 1.1
    curve = payout_curve(plan, top if top > 0 else 1.0, points=201)
    return PlanView(
        s["total_pay"],
        s["cost_of_sales"],
        s["share_of_profit"],
        s["unpaid"],
        s["capped"],
        out_,
        curve,
        base,
    )


@dataclass(frozen=True)
class DiscountBehaviour:
    """The discount a rep picks under a revenue plan and a gross-profit plan, on a
    product at ``list_price`` (100) with ``list_margin``: both :class:`DiscountChoice`
    and ``gap`` (company profit after pay, margin plan minus revenue plan)."""

    revenue_plan: DiscountChoice
    margin_plan: DiscountChoice
    gap: float


def discount_behaviour(
    revenue_rate: float,
    margin_rate: float,
    list_margin: float,
    elasticity: float,
    max_discount: float = 0.30,
    list_price: float = 100.0,
    units: float = 1_000.0,
) -> DiscountBehaviour:
    """:func:`discount_choice` under a revenue plan and a margin plan, discounts 0 to
    ``max_discount`` in whole points.

    >>> b = discount_behaviour(0.05, 0.20, 0.30, -3.0)
    >>> b.revenue_plan.rep_discount, b.margin_plan.rep_discount
    (0.3, 0.0)
    """
    check("The margin at list price", list_margin, gt=0, lt=1)
    check("The largest discount", max_discount, gt=0, lt=1)
    cost = list_price * (1 - list_margin)
    grid = np.round(np.arange(0, round(max_discount * 100) + 1) / 100, 10)
    rev = discount_choice(Plan(((0, revenue_rate),)), list_price, cost, units, elasticity, grid)
    mar = discount_choice(
        Plan(((0, margin_rate),), basis="gross_profit"), list_price, cost, units, elasticity, grid
    )
    return DiscountBehaviour(rev, mar, mar.company_profit - rev.company_profit)


def rep_actuals(
    orders: pd.DataFrame, order_lines: pd.DataFrame, reps: pd.DataFrame, year: int
) -> pd.DataFrame:
    """Revenue, gross profit, gross margin and average discount per rep in ``year``
    (:func:`salesprofit.kpi.rep_results`), with the rep's ``name``."""
    from .kpi import rep_results

    res = rep_results(orders[orders["order_date"].dt.year == year], order_lines)
    res.insert(0, "name", reps.set_index("rep_id")["name"].reindex(res.index))
    return res[["name", "revenue", "gross_profit", "gross_margin", "avg_discount"]]


@dataclass(frozen=True)
class DiscountMarginLink:
    """Do the reps who discount most also have the lowest margins? ``deepest`` and
    ``lowest_margin`` are rep ids (``n`` each), ``overlap`` how many are in both."""

    deepest: tuple[str, ...]
    lowest_margin: tuple[str, ...]
    overlap: int
    deepest_text: str  # the deepest discounters' names and ids, to quote in a sentence


def discount_margin_link(results: pd.DataFrame, n: int = 3) -> DiscountMarginLink:
    """The ``n`` reps with the deepest average discount against the ``n`` with the
    lowest gross margin (``results`` from :func:`rep_actuals`)."""
    deep = tuple(results["avg_discount"].nlargest(n).index)
    low = tuple(results["gross_margin"].nsmallest(n).index)
    names = results["name"] if "name" in results else pd.Series(results.index, index=results.index)
    text = ", ".join(f"{names[r]} ({r})" for r in deep)
    return DiscountMarginLink(deep, low, len(set(deep) & set(low)), text)


@dataclass(frozen=True)
class PlanComparison:
    """Two plans over the same reps: cost of sales of each, and the pay of the rep with
    the deepest and the one with the shallowest average discount under both."""

    cost_a: float
    cost_b: float
    deepest: str
    shallowest: str
    deepest_name: str
    shallowest_name: str
    deepest_pay_a: float
    deepest_pay_b: float
    shallowest_pay_a: float
    shallowest_pay_b: float


def compare_plans(results: pd.DataFrame, plan_a: Plan, plan_b: Plan) -> PlanComparison:
    """Run two plans over ``results`` (with ``avg_discount``) and compare them."""
    a, b = plan_outcomes(results, plan_a), plan_outcomes(results, plan_b)
    deep, shallow = results["avg_discount"].idxmax(), results["avg_discount"].idxmin()
    return PlanComparison(
        cost_of_sales(a["pay"], a["revenue"]),
        cost_of_sales(b["pay"], b["revenue"]),
        str(deep),
        str(shallow),
        str(results.loc[deep, "name"]) if "name" in results else str(deep),
        str(results.loc[shallow, "name"]) if "name" in results else str(shallow),
        float(a.loc[deep, "pay"]),
        float(b.loc[deep, "pay"]),
        float(a.loc[shallow, "pay"]),
        float(b.loc[shallow, "pay"]),
    )
