"""Pricing: margins, the discount break-even, elasticity, the optimal price, the
price waterfall and a dynamic-pricing simulation (chapter 3, 合理定价).

The models are the standard ones of pricing practice:

* contribution margin and the break-even sales change of a price change,
  ``-dP / (CM + dP)``: Nagle, Müller & Gruyaert, *The Strategy and Tactics of
  Pricing* (7th ed., 2023), ch. 9 "Financial analysis"; Kotler & Armstrong,
  *Principles of Marketing*, appendix "Marketing by the Numbers";
* arc (midpoint) price elasticity: Mankiw, *Principles of Economics*, ch. 5;
* the profit-maximising price under constant elasticity, ``c * e / (1 + e)``
  (the Lerner / inverse-elasticity rule): Varian, *Intermediate
  Microeconomics*, ch. 25;
* the price waterfall and pocket price: Marn & Rosiello, "Managing Price,
  Gaining Profit", *Harvard Business Review* 70(5), 1992.

Conventions: fractions are fractions (a 25 % margin is ``0.25``, a 20 % price
cut is ``-0.2``); money is in the data's currency per unit unless said
otherwise; nothing is rounded here.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from . import _checks as C
from .profitability import line_gross_profit, line_list_sales, line_net_sales

__all__ = [
    "Elasticity",
    "PriceMove",
    "arc_elasticity",
    "average_waterfall",
    "breakeven_volume_change",
    "contribution_margin",
    "deal_waterfall",
    "demand_at_price",
    "discount_breakeven_table",
    "discount_summary",
    "dynamic_pricing_summary",
    "elasticity_by_group",
    "fit_elasticity",
    "gross_margin",
    "high_outliers",
    "margin_after_discount",
    "margin_to_markup",
    "markup",
    "markup_to_margin",
    "optimal_price",
    "payment_terms_cost",
    "pocket_prices",
    "price_move",
    "price_waterfall",
    "profit_change_from_price",
    "profit_curve",
    "simulate_dynamic_pricing",
    "spread_per_unit",
    "units_to_keep_profit",
]

# ---------------------------------------------------------------------------
# Margins


def contribution_margin(price: Any, unit_cost: Any) -> Any:
    """Contribution margin as a fraction of price: ``(price - unit_cost) / price``.

    A negative result means every unit sold loses money.

    Parameters
    ----------
    price : float or array-like
        Selling price of one unit, in money. Must be above zero.
    unit_cost : float or array-like
        Variable cost of one unit (what one more unit sold costs), in money. Zero or more.

    Returns
    -------
    float or array-like
        The margin as a fraction of the price (0.3 is 30 %). Scalars give a float; numpy
        arrays and pandas Series give the same shape (and index).

    Raises
    ------
    ValueError
        If the price is zero or negative, the unit cost negative, or a value is missing.

    References
    ----------
    Kotler, P. and Armstrong, G., *Principles of Marketing*, appendix "Marketing by the
    Numbers": price 100, unit variable cost 70, contribution margin 30 %.

    Examples
    --------
    >>> contribution_margin(100.0, 70.0)
    0.3
    """
    C.check("price", price, gt=0, why="a margin is measured against a positive price")
    C.check("unit cost", unit_cost, ge=0)
    return C.out(_arith(lambda p, c: (p - c) / p, price, unit_cost))


def markup(price: Any, unit_cost: Any) -> Any:
    """Markup on cost as a fraction: ``(price - unit_cost) / unit_cost``.

    Parameters
    ----------
    price : float or array-like
        Selling price of one unit, in money. Zero or more.
    unit_cost : float or array-like
        Cost of one unit, in money. Must be above zero (markup is measured against it).

    Returns
    -------
    float or array-like
        The markup as a fraction of the cost (0.25 is 25 %). Scalars give a float; numpy
        arrays and pandas Series give the same shape (and index).

    Raises
    ------
    ValueError
        If the unit cost is zero or negative, the price negative, or a value is missing.

    References
    ----------
    Levy, M. and Weitz, B., *Retailing Management*, ch. 15 (markup and margin pairs).

    Examples
    --------
    >>> markup(125.0, 100.0)
    0.25
    """
    C.check("price", price, ge=0)
    C.check(
        "unit cost",
        unit_cost,
        gt=0,
        why="markup is measured against cost, so cost must be positive",
    )
    return C.out(_arith(lambda p, c: (p - c) / c, price, unit_cost))


def markup_to_margin(markup: Any) -> Any:
    """Margin on price from markup on cost: ``m / (1 + m)``.

    Parameters
    ----------
    markup : float or array-like
        Markup on cost as a fraction (0.25 for 25 %). Must be above -1.

    Returns
    -------
    float or array-like
        The same price expressed as a margin on price, a fraction. Scalars give a float;
        numpy arrays and pandas Series give the same shape (and index).

    Raises
    ------
    ValueError
        If the markup is -1 or less (a price of zero or below).

    References
    ----------
    Levy, M. and Weitz, B., *Retailing Management*, ch. 15.

    Examples
    --------
    A 25 % markup is a 20 % margin:

    >>> markup_to_margin(0.25)
    0.2
    """
    C.check(
        "markup", markup, gt=-1, why="a markup of -100 % or less means a price of zero or below"
    )
    return C.out(_arith(lambda m: m / (1 + m), markup))


def margin_to_markup(margin: Any) -> Any:
    """Markup on cost from margin on price: ``g / (1 - g)``.

    Parameters
    ----------
    margin : float or array-like
        Margin on price as a fraction (0.5 for 50 %). Must be below 1.

    Returns
    -------
    float or array-like
        The same price expressed as a markup on cost, a fraction. Scalars give a float;
        numpy arrays and pandas Series give the same shape (and index).

    Raises
    ------
    ValueError
        If the margin is 1 or more (the product would cost nothing).

    References
    ----------
    Levy, M. and Weitz, B., *Retailing Management*, ch. 15.

    Examples
    --------
    A 50 % margin is a 100 % markup:

    >>> margin_to_markup(0.5)
    1.0
    """
    C.check("margin", margin, lt=1, why="a margin of 100 % or more means the product costs nothing")
    return C.out(_arith(lambda g: g / (1 - g), margin))


def gross_margin(net_sales: Any, cogs: Any) -> Any:
    """Gross margin: ``(net_sales - cogs) / net_sales``.

    Parameters
    ----------
    net_sales : float or array-like
        Sales after discounts, in money. Must be above zero.
    cogs : float or array-like
        Cost of goods sold for those sales, in money. Zero or more.

    Returns
    -------
    float or array-like
        Gross profit as a fraction of net sales. Scalars give a float; numpy arrays and
        pandas Series give the same shape (and index).

    Raises
    ------
    ValueError
        If net sales are zero or negative, or the cost of goods sold negative.

    Examples
    --------
    >>> gross_margin(100_000.0, 60_000.0)
    0.4
    """
    C.check("net sales", net_sales, gt=0, why="a margin is measured against positive sales")
    C.check("cost of goods sold", cogs, ge=0)
    return C.out(_arith(lambda s, c: (s - c) / s, net_sales, cogs))


# ---------------------------------------------------------------------------
# The price change break-even


def breakeven_volume_change(price_change: Any, margin: Any) -> Any:
    """Volume change that keeps total contribution unchanged after a price change.

    ``-price_change / (margin + price_change)``. A positive result is the extra volume a
    price cut must win; a negative one the volume a price rise may lose before profit
    falls.

    Parameters
    ----------
    price_change : float or array-like
        Relative price change, a fraction: a 10 % discount is ``-0.1``. Above -1.
    margin : float or array-like
        Contribution margin before the change, a fraction of the old price. At most 1.

    Returns
    -------
    float or array-like
        The break-even volume change, a fraction of the old volume (0.5 is 50 % more
        units). Scalars give a float; numpy arrays and pandas Series give the same shape
        (and index).

    Raises
    ------
    ValueError
        If the new price is at or below the unit cost (``margin + price_change <= 0``):
        no extra volume can make that up.

    References
    ----------
    Kotler, P. and Armstrong, G., *Principles of Marketing*, "Marketing by the Numbers":
    a 30 % margin and a 10 % price cut need 50 % more units. Nagle, T. and Müller, G.,
    *The Strategy and Tactics of Pricing*, the break-even sales change.

    Examples
    --------
    >>> round(breakeven_volume_change(-0.1, 0.3), 10)
    0.5
    """
    C.check("price change", price_change, gt=-1, why="a price cannot fall by 100 % or more")
    C.check("margin", margin, le=1, why="a contribution margin is at most 100 % of the price")
    after = C.values(margin) + C.values(price_change)
    if (after <= 0).any():
        raise ValueError(
            "This price change takes the price down to the unit cost or below "
            "(margin + price change must stay above 0): no extra volume can make it up, "
            "every unit sold would lose money."
        )
    return C.out(_arith(lambda dp, m: -dp / (m + dp), price_change, margin))


def profit_change_from_price(price_change: Any, operating_margin: Any) -> Any:
    """Relative change in operating profit from a price change at unchanged volume.

    ``price_change / operating_margin``. Marn & Rosiello (1992) found that for
    the average of 2,463 companies (operating margin about 9 %) a 1 % price
    rise lifts operating profit by 11.1 %:

    >>> round(profit_change_from_price(0.01, 0.09), 3)
    0.111
    """
    C.check("price change", price_change, gt=-1)
    C.check(
        "operating margin",
        operating_margin,
        gt=0,
        why="the effect is measured against a positive operating profit",
    )
    return C.out(_arith(lambda dp, m: dp / m, price_change, operating_margin))


def margin_after_discount(margin: Any, discount: Any) -> Any:
    """Contribution margin left after a discount off the price: ``(m - d) / (1 - d)``.

    A 30 % margin less a 10 % discount leaves 22.2 %:

    >>> round(margin_after_discount(0.3, 0.1), 4)
    0.2222
    """
    C.check("margin", margin, le=1)
    C.check(
        "discount", discount, ge=0, lt=1, why="a discount is a fraction of the price, 0.1 for 10 %"
    )
    return C.out(_arith(lambda m, d: (m - d) / (1 - d), margin, discount))


def units_to_keep_profit(units_now: Any, price_change: Any, margin: Any) -> Any:
    """Units to sell after a price change to keep the same contribution.

    >>> round(units_to_keep_profit(100, -0.1, 0.3), 6)
    150.0
    """
    C.check("units sold now", units_now, ge=0)
    return C.out(
        _arith(lambda u, v: u * (1 + v), units_now, breakeven_volume_change(price_change, margin))
    )


def discount_breakeven_table(margin: float, discounts: Sequence[float]) -> pd.DataFrame:
    """For each discount: the new margin and the extra volume it needs.

    Columns: ``discount``, ``new_margin`` (contribution margin after the
    discount), ``volume_needed`` (the break-even volume change, a fraction),
    ``units_per_100`` (units to sell for every 100 sold before) and
    ``feasible`` (False where the discount reaches the unit cost; the
    other columns are then NaN by design, and say so in ``feasible``).

    >>> discount_breakeven_table(0.3, [0.1]).round(4).to_dict("records")
    [{'discount': 0.1, 'new_margin': 0.2222, 'volume_needed': 0.5, 'units_per_100': 150.0, 'feasible': True}]
    """
    C.check(
        "margin",
        margin,
        lt=1,
        gt=0,
        why="a contribution margin is between 0 and 100 % of the price",
    )
    d = C.values(list(discounts))
    C.check("discount", d, ge=0, lt=1, why="a discount is a fraction of the price, 0.1 for 10 %")
    feasible = d < margin
    dd = np.where(feasible, d, np.nan)
    volume = dd / (margin - dd)
    return pd.DataFrame(
        {
            "discount": d,
            "new_margin": margin_after_discount(margin, np.where(feasible, d, 0.0))
            * np.where(feasible, 1, np.nan),
            "volume_needed": volume,
            "units_per_100": 100 * (1 + volume),
            "feasible": feasible,
        }
    )


@dataclass(frozen=True)
class DiscountBreakEven:
    """Everything the discount break-even shows for one margin and one discount.

    Fractions throughout (``volume_needed`` 0.5 means 50 % more units); ``units_*``
    in units. ``table`` holds every step of discount up to the largest one looked
    at (:func:`discount_breakeven_table`), ``shown`` every fifth point of discount
    plus the one asked for.
    """

    margin: float
    discount: float
    new_margin: float
    volume_needed: float
    units_now: float
    units_needed: float
    table: pd.DataFrame = field(compare=False, repr=False)
    shown: pd.DataFrame = field(compare=False, repr=False)


def discount_breakeven(
    margin: float,
    discount: float,
    units_now: float = 100.0,
    max_discount: float = 0.30,
    step: float = 0.01,
) -> DiscountBreakEven:
    """What a discount costs: the margin left, the extra volume it needs, and the table.

    One call for the calculator: ``margin`` and ``discount`` are fractions of the
    price, ``units_now`` the units sold today; ``max_discount`` and ``step`` set
    the table's discounts. Kotler & Armstrong's example, a 30 % margin and a 10 %
    discount, needs 50 % more units:

    >>> b = discount_breakeven(0.30, 0.10)
    >>> round(b.volume_needed, 10), round(b.units_needed, 6), round(b.new_margin, 4)
    (0.5, 150.0, 0.2222)
    """
    C.check("margin", margin, gt=0, lt=1, why="a contribution margin is between 0 and 100 %")
    C.check(
        "discount", discount, ge=0, lt=1, why="a discount is a fraction of the price, 0.1 for 10 %"
    )
    C.check("units sold now", units_now, ge=0)
    C.check("largest discount", max_discount, gt=0, lt=1)
    C.check("step", step, gt=0, le=max_discount)
    if discount >= margin:
        raise ValueError(
            "This discount takes the price down to the unit cost or below "
            "(the discount must stay below the margin): no extra volume can make it up, "
            "every unit sold would lose money."
        )
    volume = discount / (margin - discount)
    grid = np.round(np.arange(step, max_discount + step / 2, step), 10)
    grid = np.union1d(grid, [discount]) if discount > 0 else grid
    tab = discount_breakeven_table(margin, grid)
    marks = np.round(np.arange(0.05, max_discount + 1e-9, 0.05), 10)
    shown = tab[tab["discount"].isin(marks) | (tab["discount"] == discount)]
    return DiscountBreakEven(
        float(margin),
        float(discount),
        (margin - discount) / (1 - discount),
        volume,
        float(units_now),
        units_now * (1 + volume),
        tab,
        shown.reset_index(drop=True),
    )


def discount_summary(lines: pd.DataFrame, by: str | list[str] | None = None) -> pd.DataFrame:
    """What discounts gave away, in total or per group (rep, customer, category...).

    ``lines`` needs ``quantity``, ``list_price``, ``net_price`` and ``unit_cost``
    (per unit). Columns of the result: ``list_revenue``, ``net_revenue``,
    ``discount_given`` (money), ``gross_profit``, ``avg_discount``
    (discount given / list revenue), ``list_margin`` (the margin had
    everything sold at list price), ``gross_margin`` (gross profit / net
    revenue) and ``discount_to_profit`` (discount given / gross profit: how
    much profit the discounts cost, relative to what was kept), plus ``units``,
    ``avg_net_price`` and ``avg_unit_cost`` (volume-weighted, per unit).
    """
    need = ["quantity", "list_price", "net_price", "unit_cost"]
    missing = [c for c in need if c not in lines.columns]
    if missing:
        raise ValueError(f"The order lines lack the column(s) {', '.join(missing)}.")
    money = pd.DataFrame(
        {
            "list_revenue": line_list_sales(lines),
            "net_revenue": line_net_sales(lines),
            "cost": line_net_sales(lines) - line_gross_profit(lines),
            "units": lines["quantity"],
            "lines": 1,
        },
        index=lines.index,
    )
    keys = [by] if isinstance(by, str) else by
    total = money.groupby([lines[k] for k in keys]).sum() if keys else money.sum().to_frame("all").T
    out = pd.DataFrame(index=total.index)
    out["lines"] = total["lines"].astype(int)
    out["units"] = total["units"]
    out["list_revenue"] = total["list_revenue"]
    out["net_revenue"] = total["net_revenue"]
    out["discount_given"] = total["list_revenue"] - total["net_revenue"]
    out["gross_profit"] = total["net_revenue"] - total["cost"]
    out["avg_discount"] = out["discount_given"] / total["list_revenue"]
    out["list_margin"] = (total["list_revenue"] - total["cost"]) / total["list_revenue"]
    out["gross_margin"] = out["gross_profit"] / total["net_revenue"]
    out["discount_to_profit"] = out["discount_given"] / out["gross_profit"]
    out["avg_net_price"] = total["net_revenue"] / total["units"]
    out["avg_unit_cost"] = total["cost"] / total["units"]
    return out


def high_outliers(values: pd.Series, k: float = 1.5) -> pd.Series:
    """Which values stand above Tukey's upper fence, ``Q3 + k x IQR``.

    The usual rule for "far above the rest" (Tukey, *Exploratory Data Analysis*,
    1977): robust to the outliers themselves, unlike a mean and standard
    deviation. Returns a boolean Series aligned with ``values``.

    >>> high_outliers(pd.Series([1, 2, 2, 3, 3, 3, 4, 20])).tolist()
    [False, False, False, False, False, False, False, True]
    """
    C.finite("values", values)
    q1, q3 = values.quantile([0.25, 0.75])
    return values > q3 + k * (q3 - q1)


# ---------------------------------------------------------------------------
# Elasticity and the optimal price


def arc_elasticity(p0: Any, q0: Any, p1: Any, q1: Any) -> Any:
    """Midpoint (arc) price elasticity of demand, signed.

    ``((q1 - q0) / mean(q)) / ((p1 - p0) / mean(p))``, where each mean is taken over the
    two observations; negative for ordinary demand.

    Parameters
    ----------
    p0, q0 : float or array-like
        The first price (money, above zero) and the quantity sold at it (zero or more).
    p1, q1 : float or array-like
        The second price (different from the first) and the quantity sold at it.

    Returns
    -------
    float or array-like
        The elasticity: the percentage change in quantity per percentage change in
        price. Scalars give a float; numpy arrays and pandas Series give the same shape (and
        index).

    Raises
    ------
    ValueError
        If a price is not positive, a quantity negative, the two prices are equal or both
        quantities are zero.

    References
    ----------
    Mankiw, N. G., *Principles of Economics*, ch. 5, the midpoint method: price 4 to 6,
    quantity 120 to 80 gives -1.

    Examples
    --------
    >>> arc_elasticity(4, 120, 6, 80)
    -1.0
    """
    for name, p in (("first price", p0), ("second price", p1)):
        C.check(name, p, gt=0)
    for name, q in (("first quantity", q0), ("second quantity", q1)):
        C.check(name, q, ge=0)
    if (C.values(p0) == C.values(p1)).any():
        raise ValueError("The two prices are equal: elasticity needs two different prices.")
    if ((C.values(q0) + C.values(q1)) == 0).any():
        raise ValueError("Both quantities are zero: there is no demand to measure.")
    return C.out(
        _arith(
            lambda a, b, c, d: ((d - b) / ((d + b) / 2)) / ((c - a) / ((c + a) / 2)), p0, q0, p1, q1
        )
    )


def optimal_price(unit_cost: Any, elasticity: Any) -> Any:
    """Profit-maximising price under constant elasticity: ``c * e / (1 + e)``.

    Only defined for elastic demand (``elasticity < -1``): with less elastic demand, a
    higher price always earns more and the model has no optimum.

    Parameters
    ----------
    unit_cost : float or array-like
        Variable cost of one unit, in money. Above zero.
    elasticity : float or array-like
        Constant price elasticity of demand, negative and below -1.

    Returns
    -------
    float or array-like
        The price that maximises contribution, in money. Scalars give a float; numpy arrays
        and pandas Series give the same shape (and index).

    Raises
    ------
    ValueError
        If the unit cost is not positive, or the elasticity is -1 or above (check the
        sign: elasticity is negative).

    References
    ----------
    The Lerner (Amoroso-Robinson) markup rule: ``(p - c) / p = -1 / e``.

    Examples
    --------
    >>> optimal_price(10.0, -2.0)
    20.0
    """
    C.check("unit cost", unit_cost, gt=0)
    C.check(
        "elasticity",
        elasticity,
        lt=-1,
        why="with demand less elastic than -1, every price rise adds profit, so there is "
        "no best price in this model; check the sign (elasticity is negative)",
    )
    return C.out(_arith(lambda c, e: c * e / (1 + e), unit_cost, elasticity))


def demand_at_price(price: Any, ref_price: float, ref_quantity: float, elasticity: float) -> Any:
    """Constant-elasticity demand through a reference point: ``q0 * (p / p0) ** e``.

    >>> demand_at_price(110.0, 100.0, 1000.0, -2.0).__round__(2)
    826.45
    """
    C.check("price", price, gt=0)
    C.check("reference price", ref_price, gt=0)
    C.check("reference quantity", ref_quantity, ge=0)
    C.check("elasticity", elasticity, le=0, why="demand falls when the price rises")
    return C.out(_arith(lambda p: ref_quantity * (p / ref_price) ** elasticity, price))


def profit_curve(
    unit_cost: float,
    ref_price: float,
    ref_quantity: float,
    elasticity: float,
    prices: Sequence[float] | np.ndarray,
) -> pd.DataFrame:
    """Units, revenue and contribution at each candidate price (constant elasticity).

    Columns: ``price``, ``units``, ``revenue``, ``contribution``.
    """
    C.check("unit cost", unit_cost, ge=0)
    p = C.values(prices)
    q = demand_at_price(p, ref_price, ref_quantity, elasticity)
    return pd.DataFrame(
        {"price": p, "units": q, "revenue": p * q, "contribution": (p - unit_cost) * q}
    )


@dataclass(frozen=True)
class PriceMove:
    """Today's price against the profit-maximising one (constant elasticity).

    Money per unit for prices, money for contributions, fractions for changes and
    margins. ``direction`` is ``"raise"``, ``"cut"`` or ``"keep"`` (within 0.05 %).
    ``outside_tested`` is True when a tested price range was given and the best
    price lies outside it: the model then extrapolates beyond what was measured.
    ``curve`` is the contribution at 200 prices around both (:func:`profit_curve`).
    """

    optimal_price: float
    price_change: float  # optimal / current - 1
    units_now: float
    units_best: float
    profit_now: float  # contribution at today's price
    profit_best: float
    profit_change: float  # profit_best / profit_now - 1 (NaN when profit_now <= 0)
    margin_best: float
    direction: str = "keep"
    outside_tested: bool = False
    tested_low: float = float("nan")
    tested_high: float = float("nan")
    curve: pd.DataFrame | None = field(default=None, compare=False, repr=False)


def price_move(
    unit_cost: float,
    current_price: float,
    current_units: float,
    elasticity: float,
    tested_low: float | None = None,
    tested_high: float | None = None,
) -> PriceMove:
    """Where the best price is and what moving there does to units and contribution.

    ``tested_low`` and ``tested_high`` (money per unit, optional) are the lowest
    and highest prices the elasticity was measured at; a best price outside them
    sets ``outside_tested``.

    >>> m = price_move(60, 100, 1000, -2.5)
    >>> round(m.optimal_price, 2), round(m.units_best, 1), round(m.profit_best, 0)
    (100.0, 1000.0, 40000.0)
    >>> price_move(60, 100, 1000, -1.5, tested_low=80, tested_high=120).outside_tested
    True
    """
    best = optimal_price(unit_cost, elasticity)
    C.check("current price", current_price, gt=0)
    C.check("units sold at that price", current_units, ge=0)
    units_best = demand_at_price(best, current_price, current_units, elasticity)
    profit_now = (current_price - unit_cost) * current_units
    profit_best = (best - unit_cost) * units_best
    change = best / current_price - 1
    low = float("nan") if tested_low is None else float(tested_low)
    high = float("nan") if tested_high is None else float(tested_high)
    if tested_low is not None and tested_high is not None and low > high:
        raise ValueError("The lowest tested price is above the highest: swap them.")
    outside = bool(
        (tested_low is not None and best < low) or (tested_high is not None and best > high)
    )
    grid = np.linspace(
        max(unit_cost * 1.001, min(current_price, best) * 0.6), max(current_price, best) * 1.5, 200
    )
    return PriceMove(
        best,
        change,
        float(current_units),
        units_best,
        profit_now,
        profit_best,
        profit_best / profit_now - 1 if profit_now > 0 else float("nan"),
        contribution_margin(best, unit_cost),
        "raise" if change > 0.0005 else ("cut" if change < -0.0005 else "keep"),
        outside,
        low,
        high,
        profit_curve(unit_cost, current_price, current_units, elasticity, grid),
    )


@dataclass(frozen=True)
class Elasticity:
    """A fitted constant price elasticity with its 95 % confidence interval."""

    elasticity: float
    ci_low: float
    ci_high: float
    n: int
    scale: float  # expected units per observation at price index 1
    log_likelihood: float


def fit_elasticity(price_index: Any, quantity: Any) -> Elasticity:
    """Constant price elasticity by Poisson regression of units on log price.

    ``E[quantity] = exp(a + e * log(price_index))``: the coefficient ``e`` is
    the elasticity (Poisson pseudo-maximum likelihood, which keeps the quotes
    that sold nothing; Santos Silva & Tenreyro, "The Log of Gravity", *Review
    of Economics and Statistics* 88(4), 2006). ``price_index`` is the offered
    price relative to a reference (1.05 = 5 % above list); ``quantity`` the
    units bought per quote, zeros included. The interval is robust (HC1).
    """
    import statsmodels.api as sm

    p = C.values(price_index).ravel()
    q = C.values(quantity).ravel()
    if p.size != q.size:
        raise ValueError("prices and quantities must have the same length.")
    C.check("price index", p, gt=0)
    C.check("quantity", q, ge=0)
    if p.size < 10 or np.unique(p).size < 2:
        raise ValueError(
            "Elasticity needs at least 10 observations at two or more different prices."
        )
    X = sm.add_constant(np.log(p))
    fit = sm.GLM(q, X, family=sm.families.Poisson()).fit(cov_type="HC1")
    low, high = fit.conf_int()[1]
    return Elasticity(
        float(fit.params[1]),
        float(low),
        float(high),
        int(p.size),
        float(np.exp(fit.params[0])),
        float(fit.llf),
    )


def elasticity_by_group(
    frame: pd.DataFrame, by: str, price: str = "price_index", quantity: str = "quantity"
) -> pd.DataFrame:
    """:func:`fit_elasticity` for each group (segment, region...): one row per group
    with ``elasticity``, ``ci_low``, ``ci_high``, ``n``, ``scale``, ``log_likelihood``."""
    for col in (by, price, quantity):
        if col not in frame.columns:
            raise ValueError(f"The table has no column '{col}'.")
    rows = {key: fit_elasticity(g[price], g[quantity]).__dict__ for key, g in frame.groupby(by)}
    out = pd.DataFrame.from_dict(rows, orient="index")
    out.index.name = by
    return out


# ---------------------------------------------------------------------------
# The price waterfall


def price_waterfall(
    list_price: float, deductions: Mapping[str, float], unit_cost: float | None = None
) -> pd.DataFrame:
    """The steps from list price to pocket price.

    Parameters
    ----------
    list_price : float
        The list price of one unit, in money. Above zero.
    deductions : mapping of str to float
        Each leak's name and its amount per unit (money, zero or more), in the order it is
        taken: on-invoice discounts first, then off-invoice items such as payment terms,
        rebates and freight.
    unit_cost : float, optional
        Cost of one unit. When given, two rows follow the pocket price: the unit cost and
        the pocket margin.

    Returns
    -------
    pandas.DataFrame
        One row per step with columns ``step``, ``amount`` (negative for a deduction),
        ``price`` (the running price after the step) and ``share_of_list``
        (``price / list_price``). The row "Pocket price" ends the waterfall. With
        ``unit_cost``, "Unit cost" and "Pocket margin" follow (``price`` holds the money
        per unit, ``share_of_list`` the pocket margin as a fraction of pocket price).

    Raises
    ------
    ValueError
        If the list price is not positive, a deduction negative, or the deductions reach
        the list price (check the amounts are per unit, not per order).

    References
    ----------
    Marn, M. V. and Rosiello, R. L. (1992), "Managing price, gaining profit",
    *Harvard Business Review* 70(5): the pocket price waterfall.

    Examples
    --------
    >>> price_waterfall(100.0, {"Discount": 10.0, "Rebate": 2.0})["price"].tolist()
    [100.0, 90.0, 88.0, 88.0]
    """
    C.check("list price", list_price, gt=0)
    rows = [("List price", float(list_price), float(list_price))]
    price = float(list_price)
    for name, amount in deductions.items():
        C.check(
            f"deduction '{name}'",
            amount,
            ge=0,
            why="enter each leak as a positive amount taken off the price",
        )
        price -= float(amount)
        rows.append((str(name), -float(amount), price))
    if price <= 0:
        raise ValueError(
            f"The deductions add up to {list_price - price:,.2f}, at least the list price "
            f"{list_price:,.2f}: the pocket price would be zero or negative. Check the amounts "
            "are per unit, not per order."
        )
    rows.append(("Pocket price", price, price))
    table = pd.DataFrame(rows, columns=["step", "amount", "price"])
    table["share_of_list"] = table["price"] / list_price
    if unit_cost is not None:
        C.check("unit cost", unit_cost, ge=0)
        margin = price - unit_cost
        extra = pd.DataFrame(
            {
                "step": ["Unit cost", "Pocket margin"],
                "amount": [-float(unit_cost), margin],
                "price": [margin, margin],
                "share_of_list": [np.nan, margin / price],
            }
        )
        table = pd.concat([table, extra], ignore_index=True)
    return table


def deal_waterfall(
    list_price: float,
    discount: float,
    payment_days: float,
    cost_of_capital: float,
    rebate: float,
    freight: float,
    unit_cost: float | None = None,
) -> pd.DataFrame:
    """The waterfall of one deal's terms, per unit.

    On-invoice ``discount`` (fraction of list), then the cost of ``payment_days``
    of credit at ``cost_of_capital`` a year and a volume ``rebate`` (both on the
    invoice price), then ``freight`` per unit paid by the seller. Same table
    as :func:`price_waterfall`.

    >>> deal_waterfall(100, 0.1, 0, 0.06, 0.02, 1.0)["price"].round(2).tolist()
    [100.0, 90.0, 90.0, 88.2, 87.2, 87.2]
    """
    C.check(
        "discount", discount, ge=0, lt=1, why="a discount is a fraction of the price, 0.1 for 10 %"
    )
    C.check("rebate", rebate, ge=0, lt=1, why="a rebate is a fraction of the invoice, 0.02 for 2 %")
    C.check("list price", list_price, gt=0)
    invoice = list_price * (1 - discount)
    return price_waterfall(
        list_price,
        {
            "On-invoice discount": list_price - invoice,
            "Payment terms": payment_terms_cost(invoice, payment_days, cost_of_capital),
            "Volume rebate": invoice * rebate,
            "Freight": freight,
        },
        unit_cost=unit_cost,
    )


def payment_terms_cost(amount: Any, days: Any, annual_rate: Any) -> Any:
    """Cost of carrying a receivable: ``amount * annual_rate * days / 365``.

    Selling on 90-day terms at a 6 % cost of capital gives away about 1.5 %
    of the invoice:

    >>> round(payment_terms_cost(100.0, 90, 0.06), 4)
    1.4795
    """
    C.check("amount", amount, ge=0)
    C.check("payment days", days, ge=0)
    C.check("cost of capital", annual_rate, ge=0, lt=1, why="a yearly rate such as 0.06 for 6 %")
    return C.out(_arith(lambda a, d, r: a * r * d / 365.0, amount, days, annual_rate))


POCKET_COLUMNS = (
    "quantity",
    "list_price",
    "net_price",
    "rebate_rate",
    "payment_terms_days",
    "freight_per_unit",
)


def pocket_prices(lines: pd.DataFrame, annual_rate: float) -> pd.DataFrame:
    """Per-unit waterfall of each order line: from list to pocket price.

    ``lines`` needs the columns in :data:`POCKET_COLUMNS` (``freight_per_unit``
    is the order's freight paid by the seller, spread over its units;
    ``rebate_rate`` the customer's annual rebate as a fraction of net sales).
    Returns a copy with added columns ``on_invoice_discount``,
    ``payment_terms``, ``rebate``, ``freight`` (money per unit) and
    ``pocket_price``; with a ``unit_cost`` column also ``pocket_margin``
    (a fraction of pocket price).
    """
    missing = [c for c in POCKET_COLUMNS if c not in lines.columns]
    if missing:
        raise ValueError(
            f"The order lines lack the column(s) {', '.join(missing)} needed for pocket price."
        )
    out = lines.copy()
    out["on_invoice_discount"] = out["list_price"] - out["net_price"]
    out["payment_terms"] = payment_terms_cost(
        out["net_price"], out["payment_terms_days"], annual_rate
    )
    out["rebate"] = out["net_price"] * out["rebate_rate"]
    out["freight"] = out["freight_per_unit"]
    out["pocket_price"] = out["net_price"] - out["payment_terms"] - out["rebate"] - out["freight"]
    if "unit_cost" in out.columns:
        out["pocket_margin"] = (out["pocket_price"] - out["unit_cost"]) / out["pocket_price"]
    return out


def spread_per_unit(order_amount: pd.Series, order_id: pd.Series, quantity: pd.Series) -> pd.Series:
    """Spread an amount charged per order (freight, handling) over the order's units.

    ``order_amount`` is indexed by order id; ``order_id`` and ``quantity`` are
    the order lines. Returns the amount per unit for each line (aligned with
    the lines). An order with no units is refused.

    >>> spread_per_unit(pd.Series({"A": 30.0}), pd.Series(["A", "A"]), pd.Series([10, 20])).tolist()
    [1.0, 1.0]
    """
    C.check("quantity", quantity, gt=0, why="every order line needs at least one unit")
    units = quantity.groupby(order_id).transform("sum")
    amount = order_id.map(order_amount)
    if amount.isna().any():
        first = order_id[amount.isna()].iloc[0]
        raise ValueError(f"Order {first} has lines but no amount to spread.")
    return amount / units


def average_waterfall(pocket: pd.DataFrame, by: str | None = None) -> pd.DataFrame:
    """Volume-weighted average waterfall, as shares of list price.

    ``pocket`` is the output of :func:`pocket_prices`. Returns one row (or one
    per value of ``by``) with the columns ``list``, ``on_invoice_discount``, ``invoice``,
    ``payment_terms``, ``rebate``, ``freight``, ``pocket`` (each summed money
    divided by summed list revenue) and ``pocket_margin`` when unit cost is
    known (contribution over pocket revenue).
    """
    steps = ["on_invoice_discount", "payment_terms", "rebate", "freight", "pocket_price"]
    money = pocket[steps].mul(pocket["quantity"], axis=0)
    money["list"] = pocket["list_price"] * pocket["quantity"]
    if "unit_cost" in pocket.columns:
        money["cost"] = pocket["unit_cost"] * pocket["quantity"]
    grouped = money.groupby(pocket[by]) if by else money.groupby(np.zeros(len(money), dtype=int))
    total = grouped.sum()
    result = total[steps].div(total["list"], axis=0).rename(columns={"pocket_price": "pocket"})
    result.insert(0, "list", 1.0)
    result.insert(2, "invoice", 1.0 - result["on_invoice_discount"])
    if "cost" in total.columns:
        result["pocket_margin"] = (total["pocket_price"] - total["cost"]) / total["pocket_price"]
    result["list_revenue"] = total["list"]
    if not by:
        result.index = ["all"]
    return result


# ---------------------------------------------------------------------------
# Dynamic pricing


def simulate_dynamic_pricing(
    demand_index: Sequence[float],
    base_price: float,
    unit_cost: float,
    base_units: float,
    elasticity: float,
    capacity: float,
    responsiveness: float = 0.5,
    max_change: float = 0.1,
) -> pd.DataFrame:
    """Fixed price against a demand-responsive price over a season.

    In period ``t`` customers want ``base_units * demand_index[t] * (p / base_price) ** elasticity``
    units, and at most ``capacity`` units can be delivered (stock or delivery
    slots that do not carry over). The fixed plan charges ``base_price``
    always; the dynamic plan charges
    ``base_price * (1 + clip(responsiveness * (demand_index[t] - 1), -max_change, max_change))``:
    dearer in peaks, cheaper in troughs, never more than ``max_change`` from
    the base price. Returns one row per period with ``demand_index`` and, for
    each plan (``fixed_`` and ``dynamic_`` prefixes), ``price``, ``wanted``,
    ``sold``, ``lost`` (wanted but not delivered), ``revenue`` and
    ``contribution``.
    """
    s = C.values(list(demand_index))
    C.check("demand index", s, ge=0)
    C.check("base price", base_price, gt=0)
    C.check("unit cost", unit_cost, ge=0)
    C.check("base units", base_units, ge=0)
    C.check("elasticity", elasticity, le=0, why="demand falls when the price rises")
    C.check("capacity", capacity, gt=0, why="the units that can be delivered in a period")
    C.check("responsiveness", responsiveness, ge=0)
    C.check("maximum price change", max_change, ge=0, lt=1)
    if base_price <= unit_cost:
        raise ValueError(
            "The base price is at or below the unit cost: every unit sold loses money."
        )
    plans = {
        "fixed": np.full_like(s, base_price),
        "dynamic": base_price * (1 + np.clip(responsiveness * (s - 1), -max_change, max_change)),
    }
    table = pd.DataFrame({"period": np.arange(1, s.size + 1), "demand_index": s})
    for name, price in plans.items():
        wanted = base_units * s * (price / base_price) ** elasticity
        sold = np.minimum(wanted, capacity)
        table[f"{name}_price"] = price
        table[f"{name}_wanted"] = wanted
        table[f"{name}_sold"] = sold
        table[f"{name}_lost"] = wanted - sold
        table[f"{name}_revenue"] = price * sold
        table[f"{name}_contribution"] = (price - unit_cost) * sold
    return table


def dynamic_pricing_summary(simulation: pd.DataFrame) -> pd.DataFrame:
    """Season totals of :func:`simulate_dynamic_pricing` for both plans.

    Index ``fixed`` and ``dynamic``; columns ``units_sold``, ``units_lost``,
    ``revenue``, ``contribution``, ``average_price``.
    """
    rows = {}
    for plan in ("fixed", "dynamic"):
        sold = simulation[f"{plan}_sold"].sum()
        revenue = simulation[f"{plan}_revenue"].sum()
        rows[plan] = {
            "units_sold": sold,
            "units_lost": simulation[f"{plan}_lost"].sum(),
            "revenue": revenue,
            "contribution": simulation[f"{plan}_contribution"].sum(),
            "average_price": revenue / sold if sold > 0 else np.nan,
        }
    return pd.DataFrame(rows).T


# ---------------------------------------------------------------------------
# One deal's waterfall, as the calculator shows it


@dataclass(frozen=True)
class DealPocket:
    """One deal's waterfall and the numbers read off it (money per unit, fractions)."""

    list_price: float
    invoice_price: float
    pocket_price: float
    pocket_share: float  # pocket price / list price
    invoice_margin: float  # contribution margin on the invoice price
    pocket_margin: float  # contribution margin on the pocket price
    waterfall: pd.DataFrame = field(compare=False, repr=False)


def deal_pocket(
    list_price: float,
    discount: float,
    payment_days: float,
    cost_of_capital: float,
    rebate: float,
    freight: float,
    unit_cost: float,
) -> DealPocket:
    """:func:`deal_waterfall` with the invoice and pocket margins read off it.

    >>> d = deal_pocket(100, 0.1, 0, 0.06, 0.02, 1.0, 60.0)
    >>> round(d.pocket_price, 2), round(d.invoice_margin, 4), round(d.pocket_margin, 4)
    (87.2, 0.3333, 0.3119)
    """
    wf = deal_waterfall(
        list_price, discount, payment_days, cost_of_capital, rebate, freight, unit_cost=unit_cost
    )
    price = wf.set_index("step")
    invoice = float(price.loc["On-invoice discount", "price"])
    pocket = float(price.loc["Pocket price", "price"])
    return DealPocket(
        float(list_price),
        invoice,
        pocket,
        pocket / list_price,
        contribution_margin(invoice, unit_cost),
        float(price.loc["Pocket margin", "share_of_list"]),
        wf,
    )


# ---------------------------------------------------------------------------
# Dynamic pricing, as the calculator and the lab show it


@dataclass(frozen=True)
class DynamicComparison:
    """A fixed price against a demand-following one over a season (money, units)."""

    capacity: float
    gain: float  # contribution of the dynamic plan minus the fixed plan's
    gain_share: float  # gain / the fixed plan's contribution (NaN when that is not positive)
    units_lost_fixed: float
    units_lost_dynamic: float
    summary: pd.DataFrame = field(compare=False, repr=False)
    simulation: pd.DataFrame = field(compare=False, repr=False)


def compare_dynamic_pricing(
    demand_index: Sequence[float],
    base_price: float,
    unit_cost: float,
    base_units: float,
    elasticity: float,
    capacity: float,
    responsiveness: float = 0.5,
    max_change: float = 0.1,
) -> DynamicComparison:
    """:func:`simulate_dynamic_pricing` and its season totals, with the gain.

    >>> c = compare_dynamic_pricing([1.0, 1.0], 100, 70, 1000, -2.0, 1150)
    >>> c.gain, c.units_lost_fixed
    (0.0, 0.0)
    """
    sim = simulate_dynamic_pricing(
        demand_index,
        base_price,
        unit_cost,
        base_units,
        elasticity,
        capacity,
        responsiveness,
        max_change,
    )
    summary = dynamic_pricing_summary(sim)
    fixed = float(summary.loc["fixed", "contribution"])
    gain = float(summary.loc["dynamic", "contribution"]) - fixed
    return DynamicComparison(
        float(capacity),
        gain,
        gain / fixed if fixed > 0 else float("nan"),
        float(summary.loc["fixed", "units_lost"]),
        float(summary.loc["dynamic", "units_lost"]),
        summary,
        sim,
    )


# ---------------------------------------------------------------------------
# Worked examples on a company's tables (order lines, orders, products...)

#: Display names of the product categories of the sample company.
CATEGORY_LABELS = {
    "fasteners": "Fasteners",
    "bearings": "Bearings",
    "power_tools": "Power tools",
    "hand_tools": "Hand tools",
    "hydraulics": "Hydraulics",
    "electrical": "Electrical supplies",
    "safety": "Safety equipment",
    "welding": "Welding",
    "lubricants": "Lubricants",
    "cutting_tools": "Cutting tools",
}


def category_label(category: Any) -> Any:
    """The display name of a product category id (a string, or a Series of them).

    Unknown ids are shown with the underscore replaced and a capital letter.

    >>> category_label("power_tools"), category_label("garden_hoses")
    ('Power tools', 'Garden hoses')
    """
    if isinstance(category, pd.Series):
        return category.map(category_label)
    text = str(category)
    return CATEGORY_LABELS.get(text, text.replace("_", " ").capitalize())


def category_discounts(order_lines: pd.DataFrame, products: pd.DataFrame) -> pd.DataFrame:
    """:func:`discount_summary` per product category, the largest sales first.

    Indexed by the category's display name (:func:`category_label`).
    """
    category = order_lines["product_id"].map(products.set_index("product_id")["category"])
    if category.isna().any():
        raise ValueError("Some order lines name a product that is not in the product list.")
    lines = order_lines.assign(category=category_label(category))
    return discount_summary(lines, by="category").sort_values("net_revenue", ascending=False)


@dataclass(frozen=True)
class Product:
    """One product at the prices of one year: money per unit, margin and markup fractions.

    ``price_year`` is the year whose order lines gave ``list_price`` and
    ``unit_cost`` (the latest year sold); ``net_sales`` is over all the lines.
    """

    product_id: str
    name: str
    category: str
    category_label: str
    price_year: int
    list_price: float
    unit_cost: float
    margin: float
    markup: float
    net_sales: float


def best_seller(order_lines: pd.DataFrame, orders: pd.DataFrame, products: pd.DataFrame) -> Product:
    """The product with the most net sales, at its prices in the latest year it sold.

    Prices change from year to year; every lab that shows the best seller calls
    this, so they all show the same year's list price and unit cost.
    """
    sales = line_net_sales(order_lines).groupby(order_lines["product_id"]).sum()
    if sales.empty:
        raise ValueError("There are no order lines to find a best seller in.")
    pid = sales.idxmax()
    lines = order_lines[order_lines["product_id"] == pid]
    year = lines["order_id"].map(orders.set_index("order_id")["order_date"]).dt.year
    latest = lines[year == year.max()]
    info = products.set_index("product_id").loc[pid]
    price, cost = float(latest["list_price"].median()), float(latest["unit_cost"].median())
    return Product(
        str(pid),
        str(info["name"]),
        str(info["category"]),
        category_label(info["category"]),
        int(year.max()),
        price,
        cost,
        contribution_margin(price, cost),
        markup(price, cost),
        float(sales.max()),
    )


def pocket_lines(
    order_lines: pd.DataFrame,
    orders: pd.DataFrame,
    customers: pd.DataFrame,
    reps: pd.DataFrame,
    cost_of_capital: float,
) -> pd.DataFrame:
    """Every order line with its customer, rep and per-unit waterfall (:func:`pocket_prices`).

    Adds ``customer``, ``tier``, ``rep`` (names), ``freight_per_unit`` (the order's
    freight spread over its units) and the waterfall columns.
    """
    lines = (
        order_lines.merge(
            orders[["order_id", "customer_id", "rep_id", "payment_terms_days", "freight_cost"]],
            on="order_id",
        )
        .merge(
            customers[["customer_id", "name", "tier", "rebate_rate"]].rename(
                columns={"name": "customer"}
            ),
            on="customer_id",
        )
        .merge(reps[["rep_id", "name"]].rename(columns={"name": "rep"}), on="rep_id")
    )
    lines["freight_per_unit"] = spread_per_unit(
        orders.set_index("order_id")["freight_cost"], lines["order_id"], lines["quantity"]
    )
    return pocket_prices(lines, annual_rate=cost_of_capital)


@dataclass(frozen=True)
class RepDiscounts:
    """Each rep's discount and pocket margin, and who stands far above the team.

    ``table`` (highest average discount first) has ``rep_id``, ``rep``,
    ``net_revenue``, ``avg_discount``, ``gross_margin``, ``pocket_margin`` and
    ``flag`` (above Tukey's fence, :func:`high_outliers`). ``flagged_discount``
    and ``rest_discount`` are the plain means of the reps' average discounts.
    ``known`` and ``found`` count the reps a reference list names as
    over-discounters and how many of them are flagged.
    """

    flagged: tuple[str, ...]
    flagged_names: str  # the flagged reps' names, comma-separated, to quote in a sentence
    flagged_discount: float
    rest_discount: float
    known: int
    found: int
    table: pd.DataFrame = field(compare=False, repr=False)


def rep_discounts(pocket: pd.DataFrame, known: Sequence[str] = ()) -> RepDiscounts:
    """Discount and pocket margin per rep from :func:`pocket_lines`; ``known`` rep ids
    (a reference list of over-discounters) are checked against the flags."""
    table = discount_summary(pocket, by=["rep_id", "rep"]).reset_index()
    table["pocket_margin"] = table["rep_id"].map(
        average_waterfall(pocket, by="rep_id")["pocket_margin"]
    )
    table["flag"] = high_outliers(table["avg_discount"])
    table = table.sort_values("avg_discount", ascending=False).reset_index(drop=True)
    flagged = table[table["flag"]]
    return RepDiscounts(
        tuple(flagged["rep"]),
        ", ".join(flagged["rep"]),
        float(flagged["avg_discount"].mean()) if len(flagged) else float("nan"),
        float(table.loc[~table["flag"], "avg_discount"].mean()),
        len(set(known)),
        len(set(known) & set(flagged["rep_id"])),
        table,
    )


@dataclass(frozen=True)
class TypicalDeal:
    """A typical deal per ¥100 of list price, to open the waterfall calculator on.

    ``discount`` and ``rebate`` are fractions, ``payment_days`` days, ``freight``
    and ``unit_cost`` money per 100 of list price.
    """

    discount: float  # volume-weighted average on-invoice discount
    payment_days: float  # median payment terms of the order lines
    rebate: float  # median rebate rate of the customers who get one
    freight: float
    unit_cost: float


def typical_deal(pocket: pd.DataFrame, customers: pd.DataFrame) -> TypicalDeal:
    """The average waterfall of :func:`pocket_lines` as one deal per ¥100 of list price."""
    avg = average_waterfall(pocket).iloc[0]
    summary = discount_summary(pocket).iloc[0]
    rebates = customers.loc[customers["rebate_rate"] > 0, "rebate_rate"]
    return TypicalDeal(
        float(avg["on_invoice_discount"]),
        float(pocket["payment_terms_days"].median()),
        float(rebates.median()) if len(rebates) else 0.0,
        100 * float(avg["freight"]),
        100 * (1 - float(summary["list_margin"])),
    )


@dataclass(frozen=True)
class PriceTest:
    """What a randomised price test covered: counts, and the price levels as fractions
    of list price. ``levels`` has ``price_index``, ``quotes``, ``units`` (mean units
    per quote) and ``won`` (share of quotes that bought)."""

    weeks: int
    quotes: int
    customers: int
    segments: int
    lowest: float
    highest: float
    levels: pd.DataFrame = field(compare=False, repr=False)

    def prices(self, list_price: float) -> tuple[float, float]:
        """The lowest and highest tested price for a product at ``list_price`` (money per unit).

        >>> PriceTest(1, 10, 5, 1, 0.8, 1.2, pd.DataFrame()).prices(100.0)
        (80.0, 120.0)
        """
        C.check("list price", list_price, gt=0)
        return self.lowest * list_price, self.highest * list_price


def price_test_summary(test: pd.DataFrame) -> PriceTest:
    """Summarise a price test with ``week``, ``quote_id``, ``customer_id``,
    ``segment``, ``price_index``, ``quantity`` and ``converted`` per quote."""
    for col in ("week", "quote_id", "customer_id", "segment", "price_index", "quantity"):
        if col not in test.columns:
            raise ValueError(f"The price test has no column '{col}'.")
    levels = test.groupby("price_index", as_index=False).agg(
        quotes=("quote_id", "size"), units=("quantity", "mean"), won=("converted", "mean")
    )
    return PriceTest(
        int(test["week"].nunique()),
        len(test),
        int(test["customer_id"].nunique()),
        int(test["segment"].nunique()),
        float(levels["price_index"].min()),
        float(levels["price_index"].max()),
        levels,
    )


def units_by_price(test: pd.DataFrame, by: str = "segment") -> pd.DataFrame:
    """Mean units per quote at each price level of each group: ``by``, ``price_index``, ``units``."""
    return (
        test.groupby([by, "price_index"], as_index=False)["quantity"]
        .mean()
        .rename(columns={"quantity": "units"})
    )


@dataclass(frozen=True)
class SegmentElasticities:
    """:func:`elasticity_by_group` per segment, most price-sensitive first.

    With reference values (``known``), ``table`` also has ``known`` and
    ``known_inside`` (the reference value lies in the 95 % interval) and
    ``inside`` counts those segments.
    """

    most_sensitive: str
    least_sensitive: str
    inside: int
    table: pd.DataFrame = field(compare=False, repr=False)


def segment_elasticities(
    test: pd.DataFrame, known: Mapping[str, float] | None = None
) -> SegmentElasticities:
    """Fit the elasticity of each segment of a price test (see :func:`fit_elasticity`)."""
    fits = elasticity_by_group(test, by="segment").sort_values("elasticity")
    inside = 0
    if known is not None:
        fits["known"] = fits.index.map(known)
        fits["known_inside"] = (fits["ci_low"] <= fits["known"]) & (
            fits["known"] <= fits["ci_high"]
        )
        inside = int(fits["known_inside"].sum())
    return SegmentElasticities(str(fits.index[0]), str(fits.index[-1]), inside, fits)


def segment_best_prices(
    unit_cost: float,
    list_price: float,
    fits: pd.DataFrame,
    tested: tuple[float, float] | None = None,
) -> pd.DataFrame:
    """The best price per segment, its range over the elasticity's interval, and a warning.

    ``fits`` has ``elasticity``, ``ci_low`` and ``ci_high`` per segment (from
    :func:`elasticity_by_group`); ``tested`` the lowest and highest price tested,
    as fractions of ``list_price`` (0.8, 1.2). Vectorised over segments. Columns:
    ``elasticity``, ``ci_low``, ``ci_high``, ``optimal_price`` (money per unit),
    ``price_low`` and ``price_high`` (the best price at the two ends of the
    interval; ``inf`` when the interval reaches demand less elastic than -1,
    where no price is best), ``vs_list``, ``low_vs_list``, ``high_vs_list``
    (fractions against list price) and ``outside_tested`` (the best price lies
    outside the tested prices, so it extrapolates). Sorted by ``vs_list``.

    >>> f = pd.DataFrame({"elasticity": [-3.0], "ci_low": [-4.0], "ci_high": [-0.5]}, index=["a"])
    >>> r = segment_best_prices(60.0, 100.0, f, tested=(0.8, 1.2)).iloc[0]
    >>> float(r.optimal_price), float(r.price_low), float(r.price_high), bool(r.outside_tested)
    (90.0, 80.0, inf, False)
    """
    C.check("unit cost", unit_cost, gt=0)
    C.check("list price", list_price, gt=0)
    e = C.values(fits["elasticity"])
    C.check("elasticity", e, lt=-1, why="a best price needs demand more elastic than -1")

    def best(x: np.ndarray) -> np.ndarray:
        elastic = x < -1
        return np.where(elastic, unit_cost * x / (1 + np.where(elastic, x, -2.0)), np.inf)

    out = fits[["elasticity", "ci_low", "ci_high"]].copy()
    out["optimal_price"] = best(e)
    out["price_low"] = best(C.values(fits["ci_low"]))
    out["price_high"] = best(C.values(fits["ci_high"]))
    for col, name in (("optimal_price", "vs_list"), ("price_low", "low_vs_list")):
        out[name] = out[col] / list_price - 1
    out["high_vs_list"] = out["price_high"] / list_price - 1
    out["outside_tested"] = False
    if tested is not None:
        low, high = tested
        ratio = out["optimal_price"] / list_price
        out["outside_tested"] = (ratio < low) | (ratio > high)
    return out.sort_values("vs_list")


@dataclass(frozen=True)
class Season:
    """The seasonal demand of a company's largest product category.

    ``index`` is the seasonal index per calendar month (1..12; 1 is an average
    month), ``months`` their names; ``units_per_month`` the mean units sold a
    month; ``base_price`` and ``unit_cost`` volume-weighted averages per unit;
    ``capacity`` a scenario: ``headroom`` (a fraction) above the average month, to
    the nearest ten units.
    """

    category: str
    category_label: str
    peak: str
    trough: str
    peak_index: float
    trough_index: float
    units_per_month: float
    base_price: float
    unit_cost: float
    capacity: float
    headroom: float
    months: tuple[str, ...]
    index: pd.Series = field(compare=False, repr=False)


def largest_category_season(
    order_lines: pd.DataFrame,
    orders: pd.DataFrame,
    products: pd.DataFrame,
    headroom: float = 0.10,
) -> Season:
    """The season of the category with the most net sales (see :class:`Season`)."""
    from .forecast import seasonal_index

    C.check("headroom", headroom, ge=0, why="capacity is the average month plus a headroom")
    category = order_lines["product_id"].map(products.set_index("product_id")["category"])
    largest = line_net_sales(order_lines).groupby(category).sum().idxmax()
    lines = order_lines[category == largest]
    dates = lines["order_id"].map(orders.set_index("order_id")["order_date"])
    season = seasonal_index(dates, lines["quantity"])
    monthly = lines["quantity"].groupby(dates.dt.to_period("M")).sum().mean()
    summary = discount_summary(lines).iloc[0]
    peak, trough = int(season.idxmax()), int(season.idxmin())
    return Season(
        str(largest),
        category_label(largest),
        calendar.month_name[peak],
        calendar.month_name[trough],
        float(season[peak]),
        float(season[trough]),
        float(monthly),
        float(summary["avg_net_price"]),
        float(summary["avg_unit_cost"]),
        float(round(monthly * (1 + headroom), -1)),
        float(headroom),
        tuple(calendar.month_abbr[m] for m in season.index),
        season,
    )


# ---------------------------------------------------------------------------


def _arith(f, *args):
    """Apply ``f`` keeping pandas objects as they are and lists as arrays."""
    conv = [
        a
        if isinstance(a, (pd.Series, pd.DataFrame, np.ndarray))
        else (np.asarray(a, dtype=float) if isinstance(a, (list, tuple)) else a)
        for a in args
    ]
    return f(*conv)
