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

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from . import _checks as C
from .pricing import _arith


def _unit_contribution(price: Any, unit_variable_cost: Any) -> Any:
    C.check("price", price, gt=0)
    C.check("unit variable cost", unit_variable_cost, ge=0)
    contribution = C.values(price) - C.values(unit_variable_cost)
    if (contribution <= 0).any():
        raise ValueError(
            "The price does not cover the unit variable cost: every unit sold adds to the loss, "
            "so there is no break-even volume. Raise the price or cut the variable cost.")
    return _arith(lambda p, v: p - v, price, unit_variable_cost)


def breakeven_units(fixed_costs: Any, price: Any, unit_variable_cost: Any,
                    target_profit: Any = 0.0) -> Any:
    """Units to sell to cover fixed costs and earn ``target_profit`` (before tax).

    ``(fixed_costs + target_profit) / (price - unit_variable_cost)``, not
    rounded (round up yourself when you plan whole units). Horngren's example:
    fixed 2,000, price 200, variable cost 120 -> 25 units.

    >>> breakeven_units(2000, 200, 120)
    25.0
    """
    C.check("fixed costs", fixed_costs, ge=0)
    C.check("target profit", target_profit, ge=0)
    unit = _unit_contribution(price, unit_variable_cost)
    return C.out(_arith(lambda f, t, u: (f + t) / u * 1.0, fixed_costs, target_profit, unit))


def breakeven_sales(fixed_costs: Any, price: Any, unit_variable_cost: Any,
                    target_profit: Any = 0.0) -> Any:
    """Sales (money) to cover fixed costs and earn ``target_profit``.

    ``(fixed_costs + target_profit) / contribution-margin ratio``.

    >>> breakeven_sales(2000, 200, 120)
    5000.0
    """
    C.check("fixed costs", fixed_costs, ge=0)
    C.check("target profit", target_profit, ge=0)
    unit = _unit_contribution(price, unit_variable_cost)
    return C.out(_arith(lambda f, t, u, p: (f + t) / (u / p), fixed_costs, target_profit, unit, price))


def pretax_profit(after_tax_profit: Any, tax_rate: Any) -> Any:
    """Operating profit needed before tax: ``after_tax / (1 - tax_rate)``.

    >>> pretax_profit(1200, 0.4)
    2000.0
    """
    C.check("tax rate", tax_rate, ge=0, lt=1, why="a tax rate is a fraction such as 0.25 for 25 %")
    C.finite("after-tax profit", after_tax_profit)
    return C.out(_arith(lambda a, t: a / (1 - t), after_tax_profit, tax_rate))


def margin_of_safety(actual_sales: Any, breakeven_sales: Any) -> Any:
    """How far sales may fall before a loss, as a fraction of actual sales.

    ``(actual - breakeven) / actual``; negative when sales are already below
    break-even.

    >>> margin_of_safety(8000, 5000)
    0.375
    """
    C.check("actual sales", actual_sales, gt=0)
    C.check("break-even sales", breakeven_sales, ge=0)
    return C.out(_arith(lambda a, b: (a - b) / a, actual_sales, breakeven_sales))


def operating_leverage(sales: Any, variable_costs: Any, fixed_costs: Any) -> Any:
    """Degree of operating leverage: contribution margin / operating income.

    A DOL of 2.67 means a 1 % change in sales moves operating profit by
    2.67 %. Refused at or below break-even, where it is not meaningful.

    >>> round(operating_leverage(8000, 4800, 2000), 2)
    2.67
    """
    C.check("sales", sales, ge=0)
    C.check("variable costs", variable_costs, ge=0)
    C.check("fixed costs", fixed_costs, ge=0)
    income = C.values(sales) - C.values(variable_costs) - C.values(fixed_costs)
    if (income <= 0).any():
        raise ValueError("Operating income is zero or negative: operating leverage is only "
                         "meaningful above break-even.")
    return C.out(_arith(lambda s, v, f: (s - v) / (s - v - f), sales, variable_costs, fixed_costs))


def multi_product_breakeven(mix: Any, prices: Any, unit_costs: Any, fixed_costs: float) -> pd.Series:
    """Units of each product at break-even, for a fixed sales mix.

    ``mix`` gives the relative units of each product (3 and 2 for a 3:2 mix;
    it is normalised). Break-even bundles = fixed costs / contribution of one
    bundle; each product's units = bundles x its share. Series indexed like
    ``mix`` when it is a Series, otherwise 0..n-1.

    >>> multi_product_breakeven([3, 2], [200, 100], [120, 70], 14_000).round(2).tolist()
    [140.0, 93.33]
    """
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
        raise ValueError("At this mix the products lose money on average per unit: "
                         "there is no break-even volume.")
    bundles = fixed_costs / bundle_contribution
    return pd.Series(bundles * m, index=index, name="breakeven_units")


def eoq(annual_demand: Any, order_cost: Any, holding_cost: Any) -> Any:
    """Economic order quantity: ``sqrt(2 D K / h)``.

    ``annual_demand`` D in units per year, ``order_cost`` K per order,
    ``holding_cost`` h per unit per year (for a yearly holding rate times the
    unit cost, pass their product).

    >>> eoq(1000, 10, 0.5)
    200.0
    """
    C.check("annual demand", annual_demand, ge=0)
    C.check("order cost", order_cost, ge=0)
    C.check("holding cost", holding_cost, gt=0,
            why="with free storage the model would order everything at once")
    return C.out(_arith(lambda d, k, h: np.sqrt(2 * d * k / h), annual_demand, order_cost, holding_cost))


def inventory_cost(order_quantity: Any, annual_demand: Any, order_cost: Any, holding_cost: Any) -> Any:
    """Annual ordering plus holding cost for an order size: ``K D / Q + h Q / 2``.

    >>> inventory_cost(200, 1000, 10, 0.5)
    100.0
    """
    C.check("order quantity", order_quantity, gt=0)
    C.check("annual demand", annual_demand, ge=0)
    C.check("order cost", order_cost, ge=0)
    C.check("holding cost", holding_cost, ge=0)
    return C.out(_arith(lambda q, d, k, h: k * d / q + h * q / 2,
                        order_quantity, annual_demand, order_cost, holding_cost))


def inventory_cost_curve(annual_demand: float, order_cost: float, holding_cost: float,
                         quantities: Sequence[float] | np.ndarray) -> pd.DataFrame:
    """Ordering, holding and total cost for each candidate order quantity."""
    q = C.values(quantities)
    C.check("order quantity", q, gt=0)
    ordering = order_cost * annual_demand / q
    holding = holding_cost * q / 2
    return pd.DataFrame({"order_quantity": q, "ordering_cost": ordering,
                         "holding_cost": holding, "total_cost": ordering + holding})
