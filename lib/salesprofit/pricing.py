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

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from . import _checks as C

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

    ``unit_cost`` is the variable cost of one unit (what one more unit sold
    costs). A negative result means every unit sold loses money.

    >>> contribution_margin(100.0, 70.0)
    0.3
    """
    C.check("price", price, gt=0, why="a margin is measured against a positive price")
    C.check("unit cost", unit_cost, ge=0)
    return C.out(_arith(lambda p, c: (p - c) / p, price, unit_cost))


def markup(price: Any, unit_cost: Any) -> Any:
    """Markup on cost as a fraction: ``(price - unit_cost) / unit_cost``.

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

    A 50 % margin is a 100 % markup:

    >>> margin_to_markup(0.5)
    1.0
    """
    C.check("margin", margin, lt=1, why="a margin of 100 % or more means the product costs nothing")
    return C.out(_arith(lambda g: g / (1 - g), margin))


def gross_margin(net_sales: Any, cogs: Any) -> Any:
    """Gross margin: ``(net_sales - cogs) / net_sales``.

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

    ``-price_change / (margin + price_change)`` where ``price_change`` is the
    relative price change (a 10 % discount is ``-0.1``) and ``margin`` the
    contribution margin before the change (fractions). A positive result is
    the extra volume a price cut must win; a negative one the volume a price
    rise may lose before profit falls.

    Kotler & Armstrong's example: a 30 % margin and a 10 % price cut need 50 %
    more units.

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
            "list_revenue": lines["list_price"] * lines["quantity"],
            "net_revenue": lines["net_price"] * lines["quantity"],
            "cost": lines["unit_cost"] * lines["quantity"],
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

    ``((q1 - q0) / mean(q)) / ((p1 - p0) / mean(p))``; negative for ordinary
    demand. Mankiw's worked example: price 4 -> 6, quantity 120 -> 80 gives -1.

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

    Only defined for elastic demand (``elasticity < -1``): with less elastic
    demand, a higher price always earns more and the model has no optimum.

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
    """Today's price against the profit-maximising one (constant elasticity)."""

    optimal_price: float
    price_change: float  # optimal / current - 1
    units_now: float
    units_best: float
    profit_now: float  # contribution at today's price
    profit_best: float
    profit_change: float  # profit_best / profit_now - 1 (NaN when profit_now <= 0)
    margin_best: float


def price_move(
    unit_cost: float, current_price: float, current_units: float, elasticity: float
) -> PriceMove:
    """Where the best price is and what moving there does to units and contribution.

    >>> m = price_move(60, 100, 1000, -2.5)
    >>> round(m.optimal_price, 2), round(m.units_best, 1), round(m.profit_best, 0)
    (100.0, 1000.0, 40000.0)
    """
    best = optimal_price(unit_cost, elasticity)
    C.check("current price", current_price, gt=0)
    units_best = demand_at_price(best, current_price, current_units, elasticity)
    profit_now = (current_price - unit_cost) * current_units
    profit_best = (best - unit_cost) * units_best
    return PriceMove(
        best,
        best / current_price - 1,
        float(current_units),
        units_best,
        profit_now,
        profit_best,
        profit_best / profit_now - 1 if profit_now > 0 else float("nan"),
        contribution_margin(best, unit_cost),
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
    """The steps from list price to pocket price (Marn & Rosiello, 1992).

    ``deductions`` maps each leak's name to its amount per unit, in the order
    it is taken (on-invoice discounts first, then off-invoice items such as
    payment terms, rebates and freight). Returns one row per step with columns
    ``step``, ``amount`` (negative for a deduction), ``price`` (the running
    price after the step) and ``share_of_list`` (``price / list_price``). The
    last row is the pocket price. With ``unit_cost`` two rows follow: the unit
    cost and the pocket margin (``price`` holds the money per unit,
    ``share_of_list`` the pocket margin as a fraction of pocket price).

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
    per value of ``by``) with the columns ``list``, ``on_invoice_discount``,
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


def _arith(f, *args):
    """Apply ``f`` keeping pandas objects as they are and lists as arrays."""
    conv = [
        a
        if isinstance(a, (pd.Series, pd.DataFrame, np.ndarray))
        else (np.asarray(a, dtype=float) if isinstance(a, (list, tuple)) else a)
        for a in args
    ]
    return f(*conv)
