"""Costs: cost-volume-profit (break-even), operating leverage and inventory (EOQ).

The ground under pricing (chapter 3) and the tools of fine-grained cost control
(chapter 4, 精细化成本控制). The formulas are the textbook ones of
cost-volume-profit analysis (Horngren, Datar & Rajan, *Cost Accounting: A
Managerial Emphasis*, ch. 3) and the economic order quantity (Harris, "How many
parts to make at once", *Factory* 10(2), 1913; Heizer & Render, *Operations
Management*, ch. 12).

Conventions: money in the data's currency; ``holding_cost`` is per unit per
year, ``annual_demand`` in units per year; fractions are fractions; nothing is
rounded.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from . import _checks as C
from .pricing import _arith

__all__ = [
    "EoqScenario",
    "breakeven_sales",
    "breakeven_units",
    "eoq",
    "eoq_scenario",
    "hourly_cost",
    "inventory_cost",
    "inventory_cost_curve",
    "inventory_policies",
    "jit_vs_batch",
    "margin_of_safety",
    "meeting_costs",
    "multi_product_breakeven",
    "operating_leverage",
    "policy_summary",
    "pretax_profit",
    "travel_vs_video",
]


def _unit_contribution(price: Any, unit_variable_cost: Any) -> Any:
    C.check("price", price, gt=0)
    C.check("unit variable cost", unit_variable_cost, ge=0)
    contribution = C.values(price) - C.values(unit_variable_cost)
    if (contribution <= 0).any():
        raise ValueError(
            "The price does not cover the unit variable cost: every unit sold adds to the loss, "
            "so there is no break-even volume. Raise the price or cut the variable cost."
        )
    return _arith(lambda p, v: p - v, price, unit_variable_cost)


def breakeven_units(
    fixed_costs: Any, price: Any, unit_variable_cost: Any, target_profit: Any = 0.0
) -> Any:
    """Units to sell to cover fixed costs and earn ``target_profit`` (before tax).

    ``(fixed_costs + target_profit) / (price - unit_variable_cost)``, not rounded: round up
    yourself when you plan whole units.

    Parameters
    ----------
    fixed_costs : float or array-like
        Fixed costs of the period, in money. Zero or more.
    price : float or array-like
        Selling price of one unit, in money.
    unit_variable_cost : float or array-like
        Variable cost of one unit, in money; must be below the price.
    target_profit : float or array-like, default 0.0
        Operating profit (before tax) to earn on top, in money. Zero or more.

    Returns
    -------
    float or array-like
        Units to sell in the period. Scalars give a float; numpy arrays and pandas Series
        give the same shape (and index).

    Raises
    ------
    ValueError
        If fixed costs or the target profit are negative, or a unit does not contribute
        (price at or below the unit variable cost).

    References
    ----------
    Horngren, C. T., Datar, S. M. and Rajan, M. V., *Cost Accounting: A Managerial
    Emphasis*, ch. 3 (cost-volume-profit analysis). Fixed costs 2,000, price 200, variable
    cost 120: 25 units.

    Examples
    --------
    >>> breakeven_units(2000, 200, 120)
    25.0
    """
    C.check("fixed costs", fixed_costs, ge=0)
    C.check("target profit", target_profit, ge=0)
    unit = _unit_contribution(price, unit_variable_cost)
    return C.out(_arith(lambda f, t, u: (f + t) / u * 1.0, fixed_costs, target_profit, unit))


def breakeven_sales(
    fixed_costs: Any, price: Any, unit_variable_cost: Any, target_profit: Any = 0.0
) -> Any:
    """Sales (money) to cover fixed costs and earn ``target_profit``.

    ``(fixed_costs + target_profit) / contribution-margin ratio``, where the ratio is
    ``(price - unit_variable_cost) / price``.

    Parameters
    ----------
    fixed_costs : float or array-like
        Fixed costs of the period, in money. Zero or more.
    price : float or array-like
        Selling price of one unit, in money.
    unit_variable_cost : float or array-like
        Variable cost of one unit, in money; must be below the price.
    target_profit : float or array-like, default 0.0
        Operating profit (before tax) to earn on top, in money. Zero or more.

    Returns
    -------
    float or array-like
        Sales revenue needed in the period, in money. Scalars give a float; numpy arrays and
        pandas Series give the same shape (and index).

    Raises
    ------
    ValueError
        If fixed costs or the target profit are negative, or a unit does not contribute.

    References
    ----------
    Horngren, C. T., Datar, S. M. and Rajan, M. V., *Cost Accounting: A Managerial
    Emphasis*, ch. 3 (cost-volume-profit analysis). 25 units at 200 are 5,000 of sales.

    Examples
    --------
    >>> breakeven_sales(2000, 200, 120)
    5000.0
    """
    C.check("fixed costs", fixed_costs, ge=0)
    C.check("target profit", target_profit, ge=0)
    unit = _unit_contribution(price, unit_variable_cost)
    return C.out(
        _arith(lambda f, t, u, p: (f + t) / (u / p), fixed_costs, target_profit, unit, price)
    )


def pretax_profit(after_tax_profit: Any, tax_rate: Any) -> Any:
    """Operating profit needed before tax: ``after_tax / (1 - tax_rate)``.

    Parameters
    ----------
    after_tax_profit : float or array-like
        The profit wanted after tax, in money.
    tax_rate : float or array-like
        Income tax rate, a fraction from 0 up to (not including) 1.

    Returns
    -------
    float or array-like
        The operating profit before tax, in money. Scalars give a float; numpy arrays and
        pandas Series give the same shape (and index).

    Raises
    ------
    ValueError
        If the tax rate is not a fraction in [0, 1) (25 % is 0.25), or the profit is
        missing.

    References
    ----------
    Horngren, C. T., Datar, S. M. and Rajan, M. V., *Cost Accounting: A Managerial
    Emphasis*, ch. 3, "Target net income and income taxes".

    Examples
    --------
    >>> pretax_profit(1200, 0.4)
    2000.0
    """
    C.check("tax rate", tax_rate, ge=0, lt=1, why="a tax rate is a fraction such as 0.25 for 25 %")
    C.finite("after-tax profit", after_tax_profit)
    return C.out(_arith(lambda a, t: a / (1 - t), after_tax_profit, tax_rate))


def margin_of_safety(actual_sales: Any, breakeven_sales: Any) -> Any:
    """How far sales may fall before a loss, as a fraction of actual sales.

    ``(actual - breakeven) / actual``; negative when sales are already below break-even.

    Parameters
    ----------
    actual_sales : float or array-like
        Actual (or budgeted) sales, in money. Above zero.
    breakeven_sales : float or array-like
        Break-even sales (see :func:`breakeven_sales`), in money. Zero or more.

    Returns
    -------
    float or array-like
        The margin of safety as a fraction of actual sales. Scalars give a float; numpy
        arrays and pandas Series give the same shape (and index).

    Raises
    ------
    ValueError
        If actual sales are not positive or break-even sales negative.

    References
    ----------
    Horngren, C. T., Datar, S. M. and Rajan, M. V., *Cost Accounting: A Managerial
    Emphasis*, ch. 3 (cost-volume-profit analysis).

    Examples
    --------
    >>> margin_of_safety(8000, 5000)
    0.375
    """
    C.check("actual sales", actual_sales, gt=0)
    C.check("break-even sales", breakeven_sales, ge=0)
    return C.out(_arith(lambda a, b: (a - b) / a, actual_sales, breakeven_sales))


def operating_leverage(sales: Any, variable_costs: Any, fixed_costs: Any) -> Any:
    """Degree of operating leverage: contribution margin / operating income.

    A degree of 2.67 means a 1 % change in sales moves operating profit by 2.67 %.

    Parameters
    ----------
    sales : float or array-like
        Sales of the period, in money. Zero or more.
    variable_costs : float or array-like
        Total variable costs of those sales, in money. Zero or more.
    fixed_costs : float or array-like
        Fixed costs of the period, in money. Zero or more.

    Returns
    -------
    float or array-like
        ``(sales - variable_costs) / (sales - variable_costs - fixed_costs)``. Scalars give
        a float; numpy arrays and pandas Series give the same shape (and index).

    Raises
    ------
    ValueError
        If a value is negative, or operating income is zero or negative (at or below
        break-even the measure is not meaningful).

    References
    ----------
    Horngren, C. T., Datar, S. M. and Rajan, M. V., *Cost Accounting: A Managerial
    Emphasis*, ch. 3 (cost-volume-profit analysis).

    Examples
    --------
    >>> round(operating_leverage(8000, 4800, 2000), 2)
    2.67
    """
    C.check("sales", sales, ge=0)
    C.check("variable costs", variable_costs, ge=0)
    C.check("fixed costs", fixed_costs, ge=0)
    income = C.values(sales) - C.values(variable_costs) - C.values(fixed_costs)
    if (income <= 0).any():
        raise ValueError(
            "Operating income is zero or negative: operating leverage is only "
            "meaningful above break-even."
        )
    return C.out(_arith(lambda s, v, f: (s - v) / (s - v - f), sales, variable_costs, fixed_costs))


def _by_product(mix: Any, prices: Any, unit_costs: Any) -> tuple[Any, Any, Any]:
    """Dicts become Series; Series keyed by product are lined up on the mix's products."""
    mix, prices, unit_costs = (
        pd.Series(x, dtype=float) if isinstance(x, Mapping) else x
        for x in (mix, prices, unit_costs)
    )
    if not isinstance(mix, pd.Series):
        return mix, prices, unit_costs
    lined_up = []
    for name, x in (("prices", prices), ("unit costs", unit_costs)):
        if isinstance(x, pd.Series) and not x.index.equals(mix.index):
            if set(x.index) != set(mix.index):
                raise ValueError(
                    f"The {name} name other products than the sales mix: give one value for "
                    f"each product of the mix ({', '.join(map(str, mix.index))})."
                )
            x = x.reindex(mix.index)
        lined_up.append(x)
    return mix, lined_up[0], lined_up[1]


def multi_product_breakeven(
    mix: Any, prices: Any, unit_costs: Any, fixed_costs: float
) -> pd.Series:
    """Units of each product at break-even, for a fixed sales mix.

    Break-even bundles = fixed costs / contribution of one bundle; each product's units =
    bundles x its share of the mix.

    Parameters
    ----------
    mix : sequence or pandas.Series
        Relative units of each product (3 and 2 for a 3:2 mix); normalised. Zero or more,
        not all zero.
    prices : sequence or pandas.Series
        Selling price of one unit of each product, in money; one per product.
    unit_costs : sequence or pandas.Series
        Variable cost of one unit of each product, in money; one per product.
    fixed_costs : float
        Fixed costs shared by the products, in money. Zero or more.

    Returns
    -------
    pandas.Series
        ``breakeven_units``: units of each product, not rounded. Indexed like ``mix`` when
        it is a Series, otherwise 0 to n - 1.

    Raises
    ------
    ValueError
        If the three inputs differ in length, the mix is all zero, a price is not positive,
        a cost or the fixed costs negative, or the mix loses money per bundle.

    References
    ----------
    Horngren, C. T., Datar, S. M. and Rajan, M. V., *Cost Accounting: A Managerial
    Emphasis*, ch. 3, "Multiple products and CVP analysis".

    Examples
    --------
    >>> multi_product_breakeven([3, 2], [200, 100], [120, 70], 14_000).round(2).tolist()
    [140.0, 93.33]
    >>> multi_product_breakeven({"A": 3, "B": 2}, {"B": 100, "A": 200}, {"A": 120, "B": 70}, 14_000).round(2).to_dict()
    {'A': 140.0, 'B': 93.33}
    """
    mix, prices, unit_costs = _by_product(mix, prices, unit_costs)
    index = mix.index if isinstance(mix, pd.Series) else None
    m = C.values(mix).ravel()
    p = C.values(prices).ravel()
    c = C.values(unit_costs).ravel()
    if not (m.size == p.size == c.size):
        raise ValueError("mix, prices and unit costs need one value per product each.")
    C.check("sales mix", m, ge=0)
    if m.sum() <= 0:
        raise ValueError("The sales mix is all zero: give each product its share of units.")
    C.check("price", p, gt=0)
    C.check("unit cost", c, ge=0)
    C.check("fixed costs", fixed_costs, ge=0)
    bundle_contribution = float(np.dot(m, p - c))
    if bundle_contribution <= 0:
        raise ValueError(
            "At this mix the products lose money on average per unit: "
            "there is no break-even volume."
        )
    bundles = fixed_costs / bundle_contribution
    return pd.Series(bundles * m, index=index, name="breakeven_units")


def eoq(annual_demand: Any, order_cost: Any, holding_cost: Any) -> Any:
    """Economic order quantity: ``sqrt(2 D K / h)``.

    Parameters
    ----------
    annual_demand : float or array-like
        D, units needed per year. Zero or more.
    order_cost : float or array-like
        K, the cost of placing one order, in money. Zero or more.
    holding_cost : float or array-like
        h, the cost of holding one unit for a year, in money (for a yearly holding rate
        times the unit cost, pass their product). Above zero.

    Returns
    -------
    float or array-like
        The order size, in units, that minimises ordering plus holding cost. Scalars give a
        float; numpy arrays and pandas Series give the same shape (and index).

    Raises
    ------
    ValueError
        If demand or the order cost is negative, or the holding cost is not positive.

    References
    ----------
    Heizer, J. and Render, B., *Operations Management*, ch. 12: Sharp, Inc., D 1,000,
    K 10, h 0.50 gives 200 units.

    Examples
    --------
    >>> eoq(1000, 10, 0.5)
    200.0
    """
    C.check("annual demand", annual_demand, ge=0)
    C.check("order cost", order_cost, ge=0)
    C.check(
        "holding cost",
        holding_cost,
        gt=0,
        why="with free storage the model would order everything at once",
    )
    return C.out(
        _arith(lambda d, k, h: np.sqrt(2 * d * k / h), annual_demand, order_cost, holding_cost)
    )


def inventory_cost(
    order_quantity: Any, annual_demand: Any, order_cost: Any, holding_cost: Any
) -> Any:
    """Annual ordering plus holding cost for an order size: ``K D / Q + h Q / 2``.

    Parameters
    ----------
    order_quantity : float or array-like
        Q, units per order. Above zero.
    annual_demand : float or array-like
        D, units needed per year. Zero or more.
    order_cost : float or array-like
        K, the cost of placing one order, in money. Zero or more.
    holding_cost : float or array-like
        h, the cost of holding one unit for a year, in money. Zero or more.

    Returns
    -------
    float or array-like
        Ordering plus holding cost per year, in money. Scalars give a float; numpy arrays
        and pandas Series give the same shape (and index).

    Raises
    ------
    ValueError
        If the order quantity is not positive or another input is negative.

    References
    ----------
    Heizer, J. and Render, B., *Operations Management*, ch. 12: at the economic order
    quantity of 200 units the cost is 50 + 50 = 100 a year.

    Examples
    --------
    >>> inventory_cost(200, 1000, 10, 0.5)
    100.0
    """
    C.check("order quantity", order_quantity, gt=0)
    C.check("annual demand", annual_demand, ge=0)
    C.check("order cost", order_cost, ge=0)
    C.check("holding cost", holding_cost, ge=0)
    return C.out(
        _arith(
            lambda q, d, k, h: k * d / q + h * q / 2,
            order_quantity,
            annual_demand,
            order_cost,
            holding_cost,
        )
    )


def inventory_cost_curve(
    annual_demand: float,
    order_cost: float,
    holding_cost: float,
    quantities: Sequence[float] | np.ndarray,
) -> pd.DataFrame:
    """Ordering, holding and total cost for each candidate order quantity."""
    q = C.values(quantities)
    C.check("order quantity", q, gt=0)
    ordering = order_cost * annual_demand / q
    holding = holding_cost * q / 2
    return pd.DataFrame(
        {
            "order_quantity": q,
            "ordering_cost": ordering,
            "holding_cost": holding,
            "total_cost": ordering + holding,
        }
    )


# ---------------------------------------------------------------------------
# Chapter 4: inventory policies (batch, EOQ, JIT) and travel vs video meetings


def inventory_policies(inventory: pd.DataFrame, unit_cost: Any) -> pd.DataFrame:
    """Annual ordering + holding cost of three ordering policies, per product.

    ``inventory`` has the sample company's columns ``annual_demand`` (units a
    year), ``order_cost`` and ``jit_order_cost`` (money per purchase order),
    ``holding_cost_rate`` (fraction of unit cost a year) and ``order_quantity``
    (today's batch, units); ``unit_cost`` is the purchase cost per unit, aligned
    with the rows (a Series indexed like ``inventory`` or an array).

    Policies, each costed with :func:`inventory_cost` (``K D / Q + h Q / 2``,
    h = holding rate x unit cost; Heizer & Render, *Operations Management*,
    ch. 12):

    * ``batch``: today's order quantity at today's order cost;
    * ``eoq``: the economic order quantity at today's order cost;
    * ``jit``: the EOQ at the order cost of a long-term JIT agreement
      (EDI orders, scheduled deliveries). A cheaper order makes small, frequent
      deliveries pay: Q shrinks with the square root of the order cost.

    Columns per policy: ``<p>_quantity``, ``<p>_orders`` (orders a year),
    ``<p>_cost`` (money a year) and ``<p>_stock_value`` (average cycle stock at
    cost, Q/2 x unit cost: the capital tied up). Products with no demand cost
    nothing and order nothing.

    >>> inv = pd.DataFrame({"annual_demand": [1000], "order_cost": [10.0], "jit_order_cost": [2.5],
    ...                     "holding_cost_rate": [0.25], "order_quantity": [500]})
    >>> t = inventory_policies(inv, [2.0])
    >>> t[["batch_cost", "eoq_quantity", "eoq_cost", "jit_quantity", "jit_cost"]].iloc[0].tolist()
    [145.0, 200.0, 100.0, 100.0, 50.0]
    """
    d = inventory["annual_demand"].to_numpy(dtype=float)
    k = inventory["order_cost"].to_numpy(dtype=float)
    kj = inventory["jit_order_cost"].to_numpy(dtype=float)
    rate = inventory["holding_cost_rate"].to_numpy(dtype=float)
    c = C.values(unit_cost).ravel()
    if c.size != d.size:
        raise ValueError("Give one unit cost for every product row of the inventory table.")
    C.check("annual demand", d, ge=0)
    C.check("order cost", k, ge=0)
    C.check("JIT order cost", kj, ge=0)
    C.check(
        "holding cost rate",
        rate,
        gt=0,
        le=1,
        why="it is the yearly cost of holding stock as a fraction of the unit cost, e.g. 0.2",
    )
    C.check("unit cost", c, gt=0)
    h = rate * c
    out = pd.DataFrame(index=inventory.index)
    if "product_id" in inventory:
        out["product_id"] = inventory["product_id"].to_numpy()
    out["annual_demand"] = d
    out["holding_cost"] = h
    quantities = {
        "batch": inventory["order_quantity"].to_numpy(dtype=float),
        "eoq": np.sqrt(2 * d * k / h),
        "jit": np.sqrt(2 * d * kj / h),
    }
    C.check("order quantity", quantities["batch"], gt=0)
    costs_per_order = {"batch": k, "eoq": k, "jit": kj}
    for name, q in quantities.items():
        ordering = np.divide(costs_per_order[name] * d, q, out=np.zeros_like(d), where=q > 0)
        out[f"{name}_quantity"] = q
        out[f"{name}_orders"] = np.divide(d, q, out=np.zeros_like(d), where=q > 0)
        out[f"{name}_cost"] = ordering + h * q / 2
        out[f"{name}_stock_value"] = q / 2 * c
    return out


def policy_summary(policies: pd.DataFrame) -> pd.DataFrame:
    """Totals of :func:`inventory_policies` over all products, one row per policy.

    Columns ``annual_cost``, ``orders`` (purchase orders a year),
    ``stock_value`` (average cycle stock at cost) and ``saving`` (against
    ``batch``, money a year).

    >>> inv = pd.DataFrame({"annual_demand": [1000], "order_cost": [10.0], "jit_order_cost": [2.5],
    ...                     "holding_cost_rate": [0.25], "order_quantity": [500]})
    >>> policy_summary(inventory_policies(inv, [2.0]))["saving"].tolist()
    [0.0, 45.0, 95.0]
    """
    rows = {}
    for name in ("batch", "eoq", "jit"):
        rows[name] = {
            "annual_cost": float(policies[f"{name}_cost"].sum()),
            "orders": float(policies[f"{name}_orders"].sum()),
            "stock_value": float(policies[f"{name}_stock_value"].sum()),
        }
    out = pd.DataFrame.from_dict(rows, orient="index")
    out.index.name = "policy"
    out["saving"] = out.loc["batch", "annual_cost"] - out["annual_cost"]
    return out


def jit_vs_batch(
    annual_demand: float,
    order_cost: float,
    jit_order_cost: float,
    holding_cost: float,
    batch_quantity: float,
) -> pd.DataFrame:
    """One product's three policies (batch, EOQ, JIT) as a small table.

    Same definitions as :func:`inventory_policies` for a single product with
    ``holding_cost`` h per unit per year. Index ``batch``, ``eoq``, ``jit``;
    columns ``order_quantity``, ``orders_per_year``, ``ordering_cost``,
    ``holding_cost``, ``total_cost``.

    >>> jit_vs_batch(1000, 10, 2.5, 0.5, 500)["total_cost"].tolist()
    [145.0, 100.0, 50.0]
    """
    C.check("annual demand", annual_demand, gt=0, why="with no demand there is nothing to order")
    C.check("order cost", order_cost, ge=0)
    C.check("JIT order cost", jit_order_cost, ge=0)
    C.check(
        "holding cost",
        holding_cost,
        gt=0,
        why="with free storage the model would order everything at once",
    )
    C.check("batch order quantity", batch_quantity, gt=0)
    q = {
        "batch": float(batch_quantity),
        "eoq": eoq(annual_demand, order_cost, holding_cost),
        "jit": eoq(annual_demand, jit_order_cost, holding_cost),
    }
    k = {"batch": order_cost, "eoq": order_cost, "jit": jit_order_cost}
    rows = []
    for name in ("batch", "eoq", "jit"):
        qq = max(q[name], 1e-12)
        rows.append(
            {
                "policy": name,
                "order_quantity": q[name],
                "orders_per_year": annual_demand / qq,
                "ordering_cost": k[name] * annual_demand / qq,
                "holding_cost": holding_cost * q[name] / 2,
            }
        )
    out = pd.DataFrame(rows).set_index("policy")
    out["total_cost"] = out["ordering_cost"] + out["holding_cost"]
    return out


def meeting_costs(activities: pd.DataFrame, hourly_cost: float) -> pd.DataFrame:
    """Average cost of one customer meeting by type: direct cost plus the rep's time.

    ``activities`` has columns ``type``, ``duration_min``, ``travel_min`` and
    ``cost`` (direct cost: travel, hotel, meals, phone, video licence share);
    ``hourly_cost`` is what an hour of the rep's time costs the company
    (salary and on-costs / working hours). One row per type: ``meetings``,
    ``direct_cost``, ``meeting_min``, ``travel_min`` (means per meeting),
    ``time_cost`` (hours x hourly cost), ``total_cost`` and ``total_spend``
    (total cost x meetings).

    >>> acts = pd.DataFrame({"type": ["visit", "visit", "video_meeting"], "duration_min": [60, 120, 45],
    ...                      "travel_min": [120, 180, 0], "cost": [500.0, 700.0, 3.0]})
    >>> meeting_costs(acts, 120.0)["total_cost"].round(2).to_dict()
    {'video_meeting': 93.0, 'visit': 1080.0}
    """
    C.check("hourly cost of a rep", hourly_cost, ge=0)
    g = activities.groupby("type", observed=True)
    out = pd.DataFrame(
        {
            "meetings": g.size().astype(float),
            "direct_cost": g["cost"].mean(),
            "meeting_min": g["duration_min"].mean(),
            "travel_min": g["travel_min"].mean(),
        }
    )
    out["time_cost"] = (out["meeting_min"] + out["travel_min"]) / 60 * hourly_cost
    out["total_cost"] = out["direct_cost"] + out["time_cost"]
    out["total_spend"] = out["total_cost"] * out["meetings"]
    out.index.name = "type"
    return out


def hourly_cost(annual_salary: Any, on_cost_rate: Any = 0.3, hours_per_year: Any = 2000.0) -> Any:
    """Cost of one working hour: ``annual_salary x (1 + on_cost_rate) / hours_per_year``.

    ``on_cost_rate`` is social insurance, housing fund and other employer costs
    as a fraction of salary.

    >>> hourly_cost(200_000, 0.3, 2000)
    130.0
    """
    C.check("annual salary", annual_salary, ge=0)
    C.check("on-cost rate", on_cost_rate, ge=0)
    C.check("working hours a year", hours_per_year, gt=0)
    return C.out(
        _arith(lambda s, r, n: s * (1 + r) / n, annual_salary, on_cost_rate, hours_per_year)
    )


def travel_vs_video(
    visits_per_year: Any,
    share_replaced: Any,
    visit_cost: Any,
    visit_hours: Any,
    video_cost: Any,
    video_hours: Any,
    hourly_cost: Any,
) -> dict:
    """What replacing a share of visits by video meetings saves in a year.

    ``visit_cost``/``video_cost`` are direct costs per meeting (money),
    ``visit_hours``/``video_hours`` the rep's time per meeting including travel,
    ``hourly_cost`` the cost of an hour of rep time. Returns a dict of floats
    (arrays when inputs are arrays): ``meetings_replaced``, ``direct_saving``,
    ``hours_freed``, ``time_saving`` (hours x hourly cost) and ``total_saving``.

    >>> r = travel_vs_video(100, 0.4, 750, 7.3, 3, 0.7, 130)
    >>> round(r["direct_saving"], 2), round(r["hours_freed"], 1), round(r["total_saving"], 2)
    (29880.0, 264.0, 64200.0)
    """
    C.check("visits a year", visits_per_year, ge=0)
    C.check(
        "share of visits replaced",
        share_replaced,
        ge=0,
        le=1,
        why="it is a fraction: 0.4 replaces 40 % of the visits",
    )
    for name, v in (
        ("visit cost", visit_cost),
        ("visit hours", visit_hours),
        ("video cost", video_cost),
        ("video hours", video_hours),
        ("hourly cost", hourly_cost),
    ):
        C.check(name, v, ge=0)
    n = _arith(lambda v, s: v * s * 1.0, visits_per_year, share_replaced)
    direct = _arith(lambda m, a, b: m * (a - b), n, visit_cost, video_cost)
    hours = _arith(lambda m, a, b: m * (a - b), n, visit_hours, video_hours)
    time_saving = _arith(lambda x, r: x * r, hours, hourly_cost)
    total = _arith(lambda a, b: a + b, direct, time_saving)
    return {
        "meetings_replaced": C.out(n),
        "direct_saving": C.out(direct),
        "hours_freed": C.out(hours),
        "time_saving": C.out(time_saving),
        "total_saving": C.out(total),
    }


# ---------------------------------------------------------------------------
# The EOQ calculator's result in one call (the labs' views are in ``labs.costs``)


class EoqScenario(NamedTuple):
    """One product's three policies and its total-cost curves (see :func:`eoq_scenario`)."""

    policies: pd.DataFrame  # :func:`jit_vs_batch`
    eoq: float  # units
    saving: float  # today's batch minus EOQ, money a year
    jit_saving: float  # today's batch minus JIT, money a year
    curve: pd.DataFrame  # :func:`inventory_cost_curve` at today's order cost
    jit_curve: pd.DataFrame  # the same at the JIT order cost


def eoq_scenario(
    annual_demand: float,
    order_cost: float,
    holding_cost: float,
    batch_quantity: float,
    jit_order_cost: float,
    points: int = 120,
) -> EoqScenario:
    """The EOQ calculator's result: policies, savings and the cost curves up to 3 x Q*
    (or 1.2 x today's batch if larger), in ``points`` steps.

    >>> s = eoq_scenario(1000, 10, 0.5, 500, 2.5)
    >>> s.eoq, s.saving, s.jit_saving, len(s.curve)
    (200.0, 45.0, 95.0, 120)
    """
    t = jit_vs_batch(annual_demand, order_cost, jit_order_cost, holding_cost, batch_quantity)
    q_star = float(t.loc["eoq", "order_quantity"])
    top = max(q_star * 3, batch_quantity * 1.2)
    grid = np.linspace(top / points, top, points)
    return EoqScenario(
        t,
        q_star,
        float(t.loc["batch", "total_cost"] - t.loc["eoq", "total_cost"]),
        float(t.loc["batch", "total_cost"] - t.loc["jit", "total_cost"]),
        inventory_cost_curve(annual_demand, order_cost, holding_cost, grid),
        inventory_cost_curve(annual_demand, jit_order_cost, holding_cost, grid),
    )
