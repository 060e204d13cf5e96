"""Pricing: margins, the discount break-even, elasticity, the optimal price and the
price waterfall (chapter 3, 合理定价).

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

One deal's terms and each order line's pocket price are in :mod:`salesprofit.pocket_price`;
what the chapter-3 labs show from the sample company's tables (the dynamic-pricing
simulation and the price test included) in :mod:`salesprofit.labs.pricing` and
:mod:`salesprofit.labs.pricing_research`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from . import _checks as C
from .profitability import line_gross_profit, line_list_sales, line_net_sales

__all__ = [
    "DiscountBreakEven",
    "PriceMove",
    "arc_elasticity",
    "breakeven_volume_change",
    "contribution_margin",
    "demand_at_price",
    "discount_breakeven",
    "discount_breakeven_table",
    "discount_summary",
    "gross_margin",
    "margin_after_discount",
    "margin_to_markup",
    "markup",
    "markup_to_margin",
    "optimal_price",
    "price_move",
    "price_waterfall",
    "profit_change_from_price",
    "profit_curve",
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
