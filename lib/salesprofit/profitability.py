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

from dataclasses import dataclass

import pandas as pd

from ._checks import check

__all__ = [
    "COST_COMPONENTS",
    "COST_LABELS",
    "LossMakers",
    "cost_names",
    "customer_profit",
    "gross_margin_rate",
    "line_gross_profit",
    "line_list_sales",
    "line_net_sales",
    "loss_makers",
    "profit_ranking",
    "return_cost",
    "sample_company_profit",
    "top_profit_share",
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


def return_cost(returns: pd.DataFrame) -> pd.Series:
    """Profit cost of each return: ``refund_amount - recovered_value + handling_cost``.

    The revenue given back, less the goods put back in stock at cost, plus inspection,
    transport and restocking: the one definition of what a return costs.

    >>> return_cost(pd.DataFrame({"refund_amount": [50.0], "recovered_value": [20.0],
    ...                           "handling_cost": [10.0]})).tolist()
    [40.0]
    """
    return (
        (returns["refund_amount"] - returns["recovered_value"] + returns["handling_cost"])
        .astype(float)
        .rename("return_cost")
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
        zero if returns is None else per_customer(return_cost(returns), returns["customer_id"])
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


#: The cost-to-serve components in words, in waterfall order (labels for the raw column names).
COST_LABELS = {
    "rebate": "volume rebates",
    "financing": "payment terms (financing)",
    "order_costs": "freight and handling",
    "activities": "sales visits and calls",
    "tickets": "service tickets",
    "returns": "returns",
}


def cost_names(costs: tuple | list) -> str:
    """The chosen cost-to-serve components in words, joined for a sentence ('' for none).

    >>> cost_names(["rebate", "activities", "returns"])
    'volume rebates, sales visits and calls and returns'
    """
    unknown = [c for c in costs if c not in COST_LABELS]
    if unknown:
        raise ValueError(
            f"Unknown cost to serve {unknown[0]!r}: choose among {', '.join(COST_LABELS)}."
        )
    words = [COST_LABELS[c] for c in costs]
    if len(words) < 2:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def gross_margin_rate(lines: pd.DataFrame) -> float:
    """Gross margin of a set of order lines: total gross profit over total net sales (a fraction).

    Built on :func:`line_gross_profit` and :func:`line_net_sales`, so it is the same margin
    every chapter quotes.

    >>> lines = pd.DataFrame({"quantity": [10, 2], "net_price": [100.0, 55.5], "unit_cost": [70.0, 50.0]})
    >>> round(gross_margin_rate(lines), 4)
    0.2799
    """
    sales = float(line_net_sales(lines).sum())
    if sales <= 0:
        raise ValueError("These order lines have no sales, so they have no gross margin.")
    return float(line_gross_profit(lines).sum()) / sales


@dataclass(frozen=True)
class LossMakers:
    """Who loses money after cost to serve, and why (money in the data's currency)."""

    table: pd.DataFrame  #: the ``n`` least profitable customers, worst first, with ``largest_cost``
    customers: int  #: customers in the profit table
    losing_customers: int  #: customers whose profit is below zero
    total_loss: float  #: sum of the negative profits (a negative number)
    revenue_low: float  #: smallest net sales among the ``n`` shown
    revenue_high: float  #: largest net sales among the ``n`` shown
    tiers: tuple  #: the tiers of the ``n`` shown, most frequent first
    largest_cost: str  #: the cost component that is largest for most of the ``n`` shown
    largest_cost_label: str  #: the same in words (:data:`COST_LABELS`)
    largest_cost_count: int  #: how many of the ``n`` shown have it as their largest cost
    largest_cost_vs_gross_profit: float  #: that cost over their gross profit, all ``n`` together
    total_gross_profit: float  #: gross profit of all customers, before any cost to serve


def loss_makers(profit_table: pd.DataFrame, customers: pd.DataFrame, n: int = 5) -> LossMakers:
    """The profile of the least profitable customers: size, tier and their largest cost to serve.

    ``profit_table`` is :func:`customer_profit` (indexed by customer id); ``customers`` is
    indexed by customer id with ``name`` and ``tier`` (and ``segment`` if known). The
    ``table`` holds the ``n`` customers with the lowest profit, their cost components and
    ``largest_cost`` (the component that costs them most).

    >>> pt = pd.DataFrame({"net_sales": [100.0, 200.0, 900.0], "gross_profit": [20.0, 40.0, 200.0],
    ...     "rebate": [0.0, 1.0, 50.0], "financing": [1.0, 2.0, 5.0], "order_costs": [2.0, 3.0, 10.0],
    ...     "activities": [60.0, 30.0, 20.0], "tickets": [1.0, 1.0, 1.0], "returns": [0.0, 0.0, 0.0]},
    ...     index=["A", "B", "C"])
    >>> pt["cost_to_serve"] = pt[list(COST_COMPONENTS)].sum(axis=1)
    >>> pt["profit"] = pt["gross_profit"] - pt["cost_to_serve"]
    >>> cust = pd.DataFrame({"name": ["a", "b", "c"], "tier": ["growth", "growth", "key"]}, index=["A", "B", "C"])
    >>> lm = loss_makers(pt, cust, n=2)
    >>> lm.losing_customers, lm.tiers, lm.largest_cost, lm.revenue_low, lm.revenue_high
    (1, ('growth',), 'activities', 100.0, 200.0)
    """
    if n < 1:
        raise ValueError("Show at least one customer.")
    if len(profit_table) == 0:
        raise ValueError("There are no customers to rank.")
    worst = profit_table.sort_values("profit", kind="stable").head(n)
    keep = [c for c in ("name", "tier", "segment") if c in customers.columns]
    worst = worst.join(customers[keep])
    costs = worst[list(COST_COMPONENTS)].astype(float)
    worst["largest_cost"] = costs.idxmax(axis=1)
    counts = worst["largest_cost"].value_counts()
    top_cost = str(counts.index[0])
    profit = profit_table["profit"]
    gross = float(worst["gross_profit"].sum())
    return LossMakers(
        table=worst,
        customers=len(profit_table),
        losing_customers=int((profit < 0).sum()),
        total_loss=float(profit[profit < 0].sum()),
        revenue_low=float(worst["net_sales"].min()),
        revenue_high=float(worst["net_sales"].max()),
        tiers=tuple(worst["tier"].value_counts().index) if "tier" in worst else (),
        largest_cost=top_cost,
        largest_cost_label=COST_LABELS[top_cost],
        largest_cost_count=int(counts.iloc[0]),
        largest_cost_vs_gross_profit=float(worst[top_cost].sum()) / gross
        if gross
        else float("nan"),
        total_gross_profit=float(profit_table["gross_profit"].sum()),
    )


def top_profit_share(profit: pd.Series, share: float = 0.2) -> float:
    """Share of total profit earned by the most profitable ``share`` of customers (a fraction).

    The count of customers is ``share x n`` rounded down (at least one). Above 1 when the
    others lose money (the whale curve).

    >>> top_profit_share(pd.Series([50.0, 30.0, 20.0, -10.0, 10.0]), 0.2)
    0.5
    """
    if not 0 < share <= 1:
        raise ValueError("The share of customers is a fraction between 0 and 1, such as 0.2.")
    total = float(profit.sum())
    if total == 0:
        raise ValueError("Total profit is zero, so no share of it can be given.")
    k = max(1, int(len(profit) * share))
    return float(profit.sort_values(ascending=False).head(k).sum()) / total


def profit_ranking(profit_table: pd.DataFrame, customers: pd.DataFrame) -> pd.DataFrame:
    """Customers from the most to the least profitable, with their ``name``, ``tier`` and ``segment``.

    >>> pt = pd.DataFrame({"profit": [5.0, 9.0]}, index=["A", "B"])
    >>> profit_ranking(pt, pd.DataFrame({"name": ["a", "b"]}, index=["A", "B"]))["name"].tolist()
    ['b', 'a']
    """
    keep = [c for c in ("name", "tier", "segment") if c in customers.columns]
    return profit_table.join(customers[keep]).sort_values("profit", ascending=False, kind="stable")
