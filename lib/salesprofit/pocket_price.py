"""Pocket price: what a deal's terms leave of the list price, per unit (chapter 3).

The price waterfall of Marn & Rosiello, "Managing Price, Gaining Profit", *Harvard
Business Review* 70(5), 1992: from list price, the on-invoice discount, the cost of
payment terms, rebates and freight come off, and what is left is the pocket price.
:func:`salesprofit.pricing.price_waterfall` draws the steps from any deductions; this
module prices the terms: one deal (:func:`deal_waterfall`, :func:`deal_pocket`, the
calculator's one call) and every order line of a company (:func:`pocket_prices`,
:func:`average_waterfall`).

Conventions: fractions are fractions; money per unit unless said otherwise; nothing
is rounded here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from . import _checks as C
from .pricing import _arith, contribution_margin, price_waterfall

__all__ = [
    "POCKET_COLUMNS",
    "DealPocket",
    "average_waterfall",
    "deal_pocket",
    "deal_waterfall",
    "payment_terms_cost",
    "pocket_prices",
    "spread_per_unit",
]


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
