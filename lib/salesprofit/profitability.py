"""Customer profitability after cost to serve.

Gross margin on an invoice is not profit: every customer also costs freight and
handling on each order, rebates, the financing of their payment terms, sales visits
and calls, service tickets and returns. Counting those costs per customer is
activity-based costing applied to customers (Kaplan & Cooper, *Cost and Effect*,
1998, ch. 10; Kaplan & Narayanan, "Measuring and managing customer profitability",
*Journal of Cost Management*, 2001). It is what turns a customer list into a
"whale curve": a few customers earn more than all the profit, and some lose money.

The definition used throughout the course (and by the sample company's ground
truth) is, per customer, over the period of the tables::

    profit = gross profit of delivered lines    quantity x (net_price - unit_cost)
             - rebate                             rebate_rate x net sales
             - financing of payment terms         net sales x cost_of_capital x days / 365
             - freight and handling of delivered orders
             - activity cost                      visits, calls, video meetings
             - ticket cost                        after-sales service
             - returns                            refund - recovered value + handling

Pure: DataFrames in, a DataFrame out (no file access).
"""

from __future__ import annotations

import pandas as pd

from ._checks import check

__all__ = [
    "COST_COMPONENTS",
    "customer_profit",
    "line_gross_profit",
    "line_list_sales",
    "line_net_sales",
    "sample_company_profit",
]

#: The cost-to-serve components, in the order a waterfall shows them.
COST_COMPONENTS = ("rebate", "financing", "order_costs", "activities", "tickets", "returns")


def line_net_sales(lines: pd.DataFrame) -> pd.Series:
    """Net sales of each order line: ``quantity x net_price``, in the data's currency.

    The one definition of a line's revenue in the course: every chapter, calculator
    and your-data analysis calls this.

    >>> lines = pd.DataFrame({"quantity": [10, 2], "net_price": [100.0, 55.5], "unit_cost": [70.0, 50.0]})
    >>> line_net_sales(lines).tolist()
    [1000.0, 111.0]
    """
    return (lines["quantity"] * lines["net_price"]).astype(float).rename("net_sales")


def line_gross_profit(lines: pd.DataFrame) -> pd.Series:
    """Gross profit of each order line: ``quantity x (net_price - unit_cost)``.

    The one definition of line gross profit in the course (before cost to serve; see
    :func:`customer_profit` for profit after it).

    >>> lines = pd.DataFrame({"quantity": [10, 2], "net_price": [100.0, 55.5], "unit_cost": [70.0, 50.0]})
    >>> line_gross_profit(lines).tolist()
    [300.0, 11.0]
    """
    return (
        (lines["quantity"] * (lines["net_price"] - lines["unit_cost"]))
        .astype(float)
        .rename("gross_profit")
    )


def line_list_sales(lines: pd.DataFrame) -> pd.Series:
    """Sales of each order line at list price: ``quantity x list_price`` (before discounts).

    >>> line_list_sales(pd.DataFrame({"quantity": [10], "list_price": [120.0]})).tolist()
    [1200.0]
    """
    return (lines["quantity"] * lines["list_price"]).astype(float).rename("list_sales")


def customer_profit(
    orders: pd.DataFrame,
    order_lines: pd.DataFrame,
    customers: pd.DataFrame,
    activities: pd.DataFrame | None = None,
    tickets: pd.DataFrame | None = None,
    returns: pd.DataFrame | None = None,
    cost_of_capital: float = 0.06,
) -> pd.DataFrame:
    """Net sales, gross profit, each cost to serve and profit per customer.

    Indexed by ``customer_id`` in the order of ``customers`` (customers with no
    orders keep a row of zeros and their own costs). Only ``delivered`` orders count
    when ``orders`` has a ``status`` column. ``cost_of_capital`` is a fraction per
    year. Columns: ``net_sales``, ``gross_profit``, the :data:`COST_COMPONENTS`,
    ``cost_to_serve`` (their sum), ``profit`` and ``profit_margin`` (profit over net
    sales; NaN for a customer with no sales, whose margin is undefined).

    >>> orders = pd.DataFrame({"order_id": ["O1"], "customer_id": ["C1"], "freight_cost": [20.0],
    ...                        "handling_cost": [5.0]})
    >>> lines = pd.DataFrame({"order_id": ["O1"], "quantity": [10], "net_price": [100.0],
    ...                       "unit_cost": [70.0]})
    >>> customers = pd.DataFrame({"customer_id": ["C1"], "rebate_rate": [0.02],
    ...                           "payment_terms_days": [73]})
    >>> float(customer_profit(orders, lines, customers, cost_of_capital=0.10).loc["C1", "profit"])
    235.0
    """
    check(
        "The cost of capital", cost_of_capital, ge=0, lt=1, why="it is a yearly rate such as 0.06"
    )
    if "status" in orders:
        orders = orders[orders["status"] == "delivered"]
    lines = order_lines.merge(orders[["order_id", "customer_id"]], on="order_id")
    by_customer = lines["customer_id"]
    cust = customers.set_index("customer_id")
    out = pd.DataFrame(index=cust.index)

    def per_customer(values: pd.Series, keys: pd.Series) -> pd.Series:
        return values.groupby(keys).sum().reindex(out.index, fill_value=0.0).astype(float)

    out["net_sales"] = per_customer(line_net_sales(lines), by_customer)
    out["gross_profit"] = per_customer(line_gross_profit(lines), by_customer)
    out["rebate"] = cust["rebate_rate"] * out["net_sales"]
    out["financing"] = out["net_sales"] * cost_of_capital * cust["payment_terms_days"] / 365
    out["order_costs"] = per_customer(
        orders["freight_cost"] + orders["handling_cost"], orders["customer_id"]
    )
    zero = pd.Series(0.0, index=out.index)
    out["activities"] = (
        zero if activities is None else per_customer(activities["cost"], activities["customer_id"])
    )
    out["tickets"] = (
        zero if tickets is None else per_customer(tickets["cost"], tickets["customer_id"])
    )
    out["returns"] = (
        zero
        if returns is None
        else per_customer(
            returns["refund_amount"] - returns["recovered_value"] + returns["handling_cost"],
            returns["customer_id"],
        )
    )
    out["cost_to_serve"] = out[list(COST_COMPONENTS)].sum(axis=1)
    out["profit"] = out["gross_profit"] - out["cost_to_serve"]
    out["profit_margin"] = out["profit"] / out["net_sales"].where(out["net_sales"] != 0)
    return out


def sample_company_profit(
    tables: dict[str, pd.DataFrame], cost_of_capital: float = 0.06
) -> pd.DataFrame:
    """:func:`customer_profit` from a mapping of the sample company's tables by name."""
    return customer_profit(
        tables["orders"],
        tables["order_lines"],
        tables["customers"],
        tables.get("activities"),
        tables.get("tickets"),
        tables.get("returns"),
        cost_of_capital,
    )
