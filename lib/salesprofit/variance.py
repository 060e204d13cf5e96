"""The profit bridge: price-volume-mix-cost analysis of a change in profit (chapter 16).

Why did gross profit change from one period to the next? The bridge splits the
change into effects that add up *exactly* to it. The method is the sales-variance
analysis of management accounting, Horngren, Datar & Rajan, *Cost Accounting: A
Managerial Emphasis*, 15th ed. (Pearson 2015), ch. 7 (flexible budgets, the
selling-price variance) and ch. 14 (sales-mix and sales-quantity variances),
applied between a base period 0 and a current period 1 instead of budget and
actual. For each product ``i`` with units ``Q``, average net price ``P``,
average unit cost ``c`` and unit contribution ``m = P - c``::

    price effect    = sum_i Q1_i (P1_i - P0_i)            (selling-price variance)
    cost effect     = -sum_i Q1_i (c1_i - c0_i)           (unit-cost variance)
    volume effect   = (TQ1 - TQ0) x sum_i s0_i m0_i       (sales-quantity variance)
    mix effect      = TQ1 x sum_i (s1_i - s0_i) m0_i      (sales-mix variance)

where ``TQ`` is total units of the products sold in both periods and ``s`` each
product's share of those units. Volume + mix is Horngren's sales-volume variance
``sum_i (Q1_i - Q0_i) m0_i``; price and cost are valued at current volume, so
nothing is left over as an "interaction" term. Products sold (units above zero) in only one period
have no price or cost to compare, so they get their own bars, as in the usual
price-volume-mix practice:

    new products    = sum over products sold only in period 1 of Q1 m1
    lost products   = -sum over products sold only in period 0 of Q0 m0

and ``profit1 - profit0 = price + cost + volume + mix + new + lost`` holds as an
identity (floating-point exact up to rounding).

Units of different products are added up as Horngren does (a box, a drum and a
piece each count as one unit), so the mix effect measures the shift between
products at the base period's contribution per unit. Grouping by category instead
of product moves the within-category mix into the price and cost effects.

Pure: DataFrames in, numbers and DataFrames out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .labels import category_label
from .profitability import line_gross_profit, line_net_sales

__all__ = [
    "Bridge",
    "Contribution",
    "Dashboard",
    "GrowthDivergence",
    "bridge_from_lines",
    "contribution",
    "customer_sales",
    "dashboard",
    "growth_divergence",
    "growth_rate",
    "growth_table",
    "period_masks",
    "period_summary",
    "profit_and_loss",
    "profit_bridge",
    "retention_by_group",
    "sales_lines",
    "satisfaction_by_period",
    "satisfaction_retention",
    "share_of_wallet",
    "share_of_wallet_by_group",
]

EFFECTS = ("price", "volume", "mix", "cost", "new", "lost")


def _net_price(lines: pd.DataFrame) -> pd.DataFrame:
    """Order lines with a ``net_price`` column: a user's export read by
    ``data.read_crm_export`` calls the price paid ``unit_price``."""
    if "net_price" not in lines and "unit_price" in lines:
        return lines.rename(columns={"unit_price": "net_price"})
    return lines


def period_summary(lines: pd.DataFrame, by: str = "product_id") -> pd.DataFrame:
    """Units, revenue, cost, average price and unit cost and profit per ``by`` from order lines.

    ``lines`` needs ``quantity``, ``net_price`` and ``unit_cost`` (per unit) and the
    ``by`` column (``unit_price``, as in a CRM export, is taken for ``net_price``).
    Columns: ``quantity``, ``revenue``, ``cost``, ``profit``,
    ``price`` (revenue / quantity), ``unit_cost`` (cost / quantity).

    >>> lines = pd.DataFrame({"product_id": ["a", "a"], "quantity": [1, 3],
    ...                       "net_price": [10.0, 6.0], "unit_cost": [4.0, 4.0]})
    >>> period_summary(lines).loc["a", ["quantity", "price", "profit"]].tolist()
    [4.0, 7.0, 12.0]
    """
    lines = _net_price(lines)
    for col in ("quantity", "net_price", "unit_cost", by):
        if col not in lines:
            raise ValueError(f"The order lines need a '{col}' column for the profit bridge.")
    q = lines["quantity"].astype(float)
    revenue = line_net_sales(lines)
    df = pd.DataFrame(
        {
            by: lines[by],
            "quantity": q,
            "revenue": revenue,
            "cost": revenue - line_gross_profit(lines),
        }
    )
    g = df.groupby(by)[["quantity", "revenue", "cost"]].sum()
    if (g["quantity"] <= 0).any():
        bad = g.index[g["quantity"] <= 0][0]
        raise ValueError(f"{bad} has no units sold in the period; remove it or its returns.")
    g["profit"] = g["revenue"] - g["cost"]
    g["price"] = g["revenue"] / g["quantity"]
    g["unit_cost"] = g["cost"] / g["quantity"]
    return g


@dataclass(frozen=True)
class Bridge:
    """A profit bridge from the base period to the current one.

    ``base_profit``, ``current_profit``, the effects ``price``, ``volume``, ``mix``,
    ``cost``, ``new``, ``lost`` (money; positive raises profit), ``by_item`` (the
    effects per product, NaN where an effect does not apply) and :meth:`steps`.
    """

    base_profit: float
    price: float
    volume: float
    mix: float
    cost: float
    new: float
    lost: float
    current_profit: float
    base_revenue: float
    current_revenue: float
    by_item: pd.DataFrame = field(repr=False, compare=False)

    @property
    def change(self) -> float:
        return self.current_profit - self.base_profit

    @property
    def profit_growth(self) -> float:
        """Change in gross profit over the base period's (a fraction)."""
        return self.change / self.base_profit if self.base_profit else float("nan")

    @property
    def revenue_growth(self) -> float:
        """Change in sales over the base period's (a fraction)."""
        return self.current_revenue / self.base_revenue - 1 if self.base_revenue else float("nan")

    @property
    def main_driver(self) -> str:
        """The effect with the largest amount, up or down."""
        return str(self.effects().abs().idxmax())

    @property
    def price_to_volume(self) -> float:
        """How many times the volume effect the price effect is."""
        return self.price / self.volume if self.volume else float("nan")

    def effects(self) -> pd.Series:
        """The six effects as a Series (they add up to :attr:`change`)."""
        return pd.Series({e: getattr(self, e) for e in EFFECTS})

    def steps(self) -> pd.DataFrame:
        """Rows for a bridge chart: base profit, each effect, current profit, with the
        running ``start`` and ``end`` of each bar."""
        names = ["base", *EFFECTS, "current"]
        amounts = [self.base_profit, *[getattr(self, e) for e in EFFECTS], self.current_profit]
        end = np.cumsum([self.base_profit, *[getattr(self, e) for e in EFFECTS]])
        start = np.r_[0.0, end[:-1]]
        return pd.DataFrame(
            {
                "step": names,
                "amount": amounts,
                "start": np.r_[start, 0.0],
                "end": np.r_[end, self.current_profit],
            }
        )


def _check_bridge_periods(base: pd.DataFrame, current: pd.DataFrame) -> None:
    """Both periods of a bridge have units, price and unit cost, and no negative units."""
    for name, df in (("base", base), ("current", current)):
        for col in ("quantity", "price", "unit_cost"):
            if col not in df:
                raise ValueError(f"The {name} period needs a '{col}' column (use period_summary).")
        if (df["quantity"] < 0).any():
            raise ValueError(
                f"The {name} period has negative units; net returns out before the bridge."
            )


def profit_bridge(base: pd.DataFrame, current: pd.DataFrame) -> Bridge:
    """The price-volume-mix-cost bridge between two :func:`period_summary` tables.

    Two products, base 100 units at a unit contribution of 4 and 100 at 1, current
    150 and 50 units at the same prices and costs: total units unchanged (volume 0),
    mix +150 = 200 x (0.75 - 0.5) x 4 + 200 x (0.25 - 0.5) x 1:

    >>> b0 = pd.DataFrame({"quantity": [100.0, 100.0], "price": [10.0, 5.0],
    ...                    "unit_cost": [6.0, 4.0]}, index=["x", "y"])
    >>> b1 = b0.assign(quantity=[150.0, 50.0])
    >>> b = profit_bridge(b0, b1)
    >>> b.volume, b.mix, b.price, b.change
    (0.0, 150.0, 0.0, 150.0)
    """
    _check_bridge_periods(base, current)
    # a product is compared when it sold in both periods; sold only now it is new, only before lost
    sold0 = base.index[base["quantity"].to_numpy() > 0]
    sold1 = current.index[current["quantity"].to_numpy() > 0]
    common = sold0.intersection(sold1)
    new_items = sold1.difference(common)
    lost_items = sold0.difference(common)
    q0, q1 = base["quantity"].astype(float), current["quantity"].astype(float)
    p0, p1 = base["price"].astype(float), current["price"].astype(float)
    c0, c1 = base["unit_cost"].astype(float), current["unit_cost"].astype(float)
    m0, m1 = p0 - c0, p1 - c1
    q0c, q1c = q0.reindex(common), q1.reindex(common)
    tq0, tq1 = float(q0c.sum()), float(q1c.sum())
    price_i = q1c * (p1.reindex(common) - p0.reindex(common))
    cost_i = -q1c * (c1.reindex(common) - c0.reindex(common))
    m0c = m0.reindex(common)
    if tq0 > 0:
        s0 = q0c / tq0
        avg_m0 = float((s0 * m0c).sum())
        s1 = q1c / tq1 if tq1 > 0 else q1c * 0.0
        volume_i = (tq1 - tq0) * s0 * m0c
        mix_i = tq1 * (s1 - s0) * m0c
    else:  # nothing in common: all change is new and lost products
        avg_m0 = 0.0
        volume_i = mix_i = q0c * 0.0
    items = pd.DataFrame(
        {
            "quantity_base": q0,
            "quantity_current": q1,
            "profit_base": q0 * m0,
            "profit_current": q1 * m1,
        }
    ).sort_index()
    items["price"] = price_i
    items["volume"] = volume_i
    items["mix"] = mix_i
    items["cost"] = cost_i
    items["new"] = (q1 * m1).reindex(new_items)
    items["lost"] = (-q0 * m0).reindex(lost_items)
    items = items.fillna(
        {"quantity_base": 0.0, "quantity_current": 0.0, "profit_base": 0.0, "profit_current": 0.0}
    )
    base_profit = float((q0 * m0).sum())
    current_profit = float((q1 * m1).sum())
    new = float((q1 * m1).reindex(new_items).sum())
    lost = 0.0 - float((q0 * m0).reindex(lost_items).sum())
    items.attrs["average_base_margin"] = avg_m0
    return Bridge(
        base_profit=base_profit,
        price=float(price_i.sum()),
        volume=float(volume_i.sum()),
        mix=float(mix_i.sum()),
        cost=float(cost_i.sum()),
        new=new,
        lost=lost,
        current_profit=current_profit,
        base_revenue=float((q0 * p0).sum()),
        current_revenue=float((q1 * p1).sum()),
        by_item=items,
    )


def bridge_from_lines(
    lines: pd.DataFrame, period: Any, base: Any, current: Any, by: str = "product_id"
) -> Bridge:
    """:func:`profit_bridge` straight from order lines.

    ``period`` is a column name of ``lines`` or a Series/array of period labels, one
    per line (for example the order year); ``base`` and ``current`` are the labels
    to compare.
    """
    labels = (
        lines[period]
        if isinstance(period, str)
        else pd.Series(np.asarray(period), index=lines.index)
    )
    if len(labels) != len(lines):
        raise ValueError("Give one period label per order line.")
    in_base, in_current = (labels == base).to_numpy(), (labels == current).to_numpy()
    if not in_base.any():
        raise ValueError(f"No order lines in the base period {base}.")
    if not in_current.any():
        raise ValueError(f"No order lines in the current period {current}.")
    lines = _net_price(lines)
    for col in (by, "quantity", "net_price", "unit_cost"):
        if col not in lines:
            raise ValueError(f"The order lines need a '{col}' column for the profit bridge.")
    slim = lines[[by, "quantity", "net_price", "unit_cost"]]
    b, c = slim[in_base], slim[in_current]
    return profit_bridge(period_summary(b, by), period_summary(c, by))


def growth_table(lines: pd.DataFrame, period: Any, by: str | None = None) -> pd.DataFrame:
    """Revenue, gross profit, margin and their growth per period (and per ``by`` group).

    Columns: ``revenue``, ``profit``, ``margin`` (profit / revenue),
    ``revenue_growth`` and ``profit_growth`` against the previous period of the same
    group (NaN for the first).

    >>> lines = pd.DataFrame({"year": [1, 2], "quantity": [10, 12], "net_price": [10.0, 10.0],
    ...                       "unit_cost": [8.0, 8.5]})
    >>> g = growth_table(lines, "year")
    >>> round(float(g.loc[2, "revenue_growth"]), 4), round(float(g.loc[2, "profit_growth"]), 4)
    (0.2, -0.1)
    """
    labels = (
        lines[period]
        if isinstance(period, str)
        else pd.Series(np.asarray(period), index=lines.index)
    )
    lines = _net_price(lines)
    df = pd.DataFrame(
        {
            "period": labels.to_numpy(),
            "revenue": line_net_sales(lines).to_numpy(),
            "profit": line_gross_profit(lines).to_numpy(),
        }
    )
    keys = ["period"]
    if by is not None:
        df[by] = lines[by].to_numpy()
        keys = [by, "period"]
    g = df.groupby(keys)[["revenue", "profit"]].sum()
    g["margin"] = g["profit"] / g["revenue"].where(g["revenue"] != 0)
    if by is None:
        g["revenue_growth"] = g["revenue"].pct_change()
        g["profit_growth"] = g["profit"].pct_change()
    else:
        g["revenue_growth"] = g.groupby(level=0)["revenue"].pct_change()
        g["profit_growth"] = g.groupby(level=0)["profit"].pct_change()
    return g


# ---------------------------------------------------------------------------
# Measuring profit management: the few numbers a manager presents


def profit_and_loss(
    lines: pd.DataFrame,
    period: Any,
    expenses: pd.DataFrame | None = None,
    expense_period: Any = None,
) -> pd.DataFrame:
    """Revenue, gross profit, operating expenses and operating profit per period.

    ``lines`` are order lines (``quantity``, ``net_price``, ``unit_cost``) with
    ``period`` labels (a column name or one label per line); ``expenses`` has an
    ``amount`` and ``cost_type`` (``fixed``/``variable``) with ``expense_period``
    labels. Columns: ``revenue``, ``gross_profit``, ``gross_margin``, and with
    expenses ``fixed_costs``, ``variable_costs``, ``operating_profit``,
    ``operating_margin``; ``revenue_growth`` and ``profit_growth`` (of operating
    profit when expenses are given, else of gross profit).

    >>> lines = pd.DataFrame({"y": [1, 2], "quantity": [10, 11], "net_price": [10.0, 10.0],
    ...                       "unit_cost": [6.0, 6.0]})
    >>> exp = pd.DataFrame({"y": [1, 2], "amount": [30.0, 30.0], "cost_type": ["fixed", "fixed"]})
    >>> pl = profit_and_loss(lines, "y", exp, "y")
    >>> pl["operating_profit"].tolist(), round(float(pl.loc[2, "profit_growth"]), 4)
    ([10.0, 14.0], 0.4)
    """
    g = growth_table(lines, period)[["revenue", "profit"]].rename(
        columns={"profit": "gross_profit"}
    )
    g["gross_margin"] = g["gross_profit"] / g["revenue"]
    key = "gross_profit"
    if expenses is not None:
        labels = (
            expenses[expense_period]
            if isinstance(expense_period, str)
            else pd.Series(np.asarray(expense_period), index=expenses.index)
        )
        e = expenses.assign(_p=labels.to_numpy()).pivot_table(
            index="_p", columns="cost_type", values="amount", aggfunc="sum", fill_value=0.0
        )
        g["fixed_costs"] = (
            e.get("fixed", pd.Series(0.0, index=e.index)).reindex(g.index).fillna(0.0)
        )
        g["variable_costs"] = (
            e.get("variable", pd.Series(0.0, index=e.index)).reindex(g.index).fillna(0.0)
        )
        g["operating_profit"] = g["gross_profit"] - g["fixed_costs"] - g["variable_costs"]
        g["operating_margin"] = g["operating_profit"] / g["revenue"]
        key = "operating_profit"
    g["revenue_growth"] = g["revenue"].pct_change()
    g["profit_growth"] = g[key].pct_change()
    return g


def share_of_wallet(sales: pd.Series, potential: pd.Series) -> pd.Series:
    """Our yearly sales to each customer over what it spends on such goods from all suppliers.

    ``sales`` and ``potential`` (money per year) are indexed by customer; customers
    with no stated potential are left out (NaN). A fraction, one customer's "market
    share" (Farris et al., *Marketing Metrics*, ch. 2, share of requirements).

    >>> share_of_wallet(pd.Series({"a": 30.0, "b": 0.0}), pd.Series({"a": 100.0, "b": 50.0})).tolist()
    [0.3, 0.0]
    """
    pot = potential.reindex(sales.index).astype(float)
    return sales.astype(float) / pot.where(pot > 0)


def satisfaction_by_period(surveys: pd.DataFrame, period: Any) -> pd.DataFrame:
    """Net promoter score (``quality.nps``, -100 to 100), mean CSAT (1-5) and answers per period.

    >>> s = pd.DataFrame({"p": [1, 1, 2, 2], "nps_score": [10, 3, 9, 9], "csat": [5, 2, 4, 5]})
    >>> satisfaction_by_period(s, "p")["nps"].tolist()
    [0.0, 100.0]
    """
    from .quality import nps

    labels = (
        surveys[period]
        if isinstance(period, str)
        else pd.Series(np.asarray(period), index=surveys.index)
    )
    df = pd.DataFrame(
        {
            "p": labels.to_numpy(),
            "nps": surveys["nps_score"].to_numpy(),
            "csat": surveys["csat"].to_numpy(),
        }
    )
    g = df.groupby("p")
    out = pd.DataFrame({"nps": g["nps"].agg(nps), "csat": g["csat"].mean(), "answers": g.size()})
    out.index.name = period if isinstance(period, str) else None
    return out


def retention_by_group(group: pd.Series, retained: pd.Series) -> pd.DataFrame:
    """Share of customers still buying, per group (a satisfaction band, a share-of-wallet band ...).

    ``group`` and ``retained`` (True/1 if the customer bought again in the next
    period) are indexed by customer; customers without a group are left out.
    Columns: ``customers``, ``retained``, ``retention``.

    >>> g = pd.Series({"a": "happy", "b": "happy", "c": "unhappy"})
    >>> retention_by_group(g, pd.Series({"a": 1, "b": 1, "c": 0}))["retention"].tolist()
    [1.0, 0.0]
    """
    df = pd.DataFrame(
        {"g": group, "r": retained.reindex(group.index).fillna(0).astype(float)}
    ).dropna(subset=["g"])
    out = (
        df.groupby("g", observed=True)["r"]
        .agg(["size", "sum"])
        .rename(columns={"size": "customers", "sum": "retained"})
    )
    out["retention"] = out["retained"] / out["customers"]
    out.index.name = group.name
    return out


# ---------------------------------------------------------------------------
# What the chapter 16 labs and the dashboard show, computed once


def growth_rate(base: float, current: float) -> float:
    """Growth from ``base`` to ``current``: ``current / base - 1`` (a fraction; 0.1 = +10 %).

    >>> round(growth_rate(200.0, 230.0), 4)
    0.15
    """
    if base == 0:
        raise ValueError(
            "Growth cannot be measured from zero: the base period has nothing to grow from."
        )
    return float(current) / float(base) - 1


def sales_lines(
    orders: pd.DataFrame, order_lines: pd.DataFrame, products: pd.DataFrame
) -> pd.DataFrame:
    """Order lines of delivered orders with ``order_date``, ``customer_id``, product ``name`` and ``category``.

    The category is given in words (:func:`salesprofit.labels.category_label`), as every table and chart shows it.

    >>> o = pd.DataFrame({"order_id": ["O1", "O2"], "order_date": pd.to_datetime(["2024-01-02", "2024-02-03"]),
    ...                   "customer_id": ["C1", "C2"], "status": ["delivered", "cancelled"]})
    >>> l = pd.DataFrame({"order_id": ["O1", "O2"], "product_id": ["P1", "P1"], "quantity": [1, 2]})
    >>> p = pd.DataFrame({"product_id": ["P1"], "name": ["drill"], "category": ["power_tools"]})
    >>> sales_lines(o, l, p)[["customer_id", "category"]].values.tolist()
    [['C1', 'power tools']]
    """
    if "status" in orders:
        orders = orders[orders["status"] == "delivered"]
    products = products[["product_id", "name", "category"]]
    products = products.assign(category=category_label(products["category"]).str.lower())
    return order_lines.merge(
        orders[["order_id", "order_date", "customer_id"]], on="order_id"
    ).merge(products, on="product_id", how="left")


def period_masks(dates: pd.Series) -> dict:
    """Period label -> boolean mask over ``dates``, for years ("2024"), halves ("2024-H1") and quarters ("2024-Q1").

    >>> sorted(period_masks(pd.Series(pd.to_datetime(["2024-02-01", "2024-08-01"]))))
    ['2024', '2024-H1', '2024-H2', '2024-Q1', '2024-Q3']
    """
    d = pd.to_datetime(dates)
    year = d.dt.year.astype(str)
    labels = {
        "year": year,
        "half": year + "-H" + np.where(d.dt.month <= 6, "1", "2"),
        "quarter": year + "-Q" + d.dt.quarter.astype(str),
    }
    periods = {}
    for grain in ("year", "half", "quarter"):
        for lab in sorted(labels[grain].unique()):
            periods[lab] = (labels[grain] == lab).to_numpy()
    return periods


@dataclass(frozen=True)
class GrowthDivergence:
    """Where sales growth and profit growth part, by group (fractions)."""

    worst_profit: str  #: the group whose profit grew least
    worst_profit_revenue_growth: float
    worst_profit_profit_growth: float
    worst_revenue: str  #: the group whose sales grew least
    worst_revenue_revenue_growth: float
    worst_revenue_profit_growth: float


def growth_divergence(groups: pd.DataFrame) -> GrowthDivergence:
    """The group with the weakest profit growth and the one with the weakest sales growth.

    ``groups`` is one period of :func:`growth_table` by group (``revenue_growth``, ``profit_growth``).

    >>> g = pd.DataFrame({"revenue_growth": [0.2, -0.1], "profit_growth": [-0.05, 0.1]}, index=["a", "b"])
    >>> d = growth_divergence(g)
    >>> d.worst_profit, d.worst_revenue
    ('a', 'b')
    """
    if len(groups) == 0:
        raise ValueError("There are no groups to compare.")
    p = str(groups["profit_growth"].idxmin())
    r = str(groups["revenue_growth"].idxmin())
    return GrowthDivergence(
        p,
        float(groups.loc[p, "revenue_growth"]),
        float(groups.loc[p, "profit_growth"]),
        r,
        float(groups.loc[r, "revenue_growth"]),
        float(groups.loc[r, "profit_growth"]),
    )


@dataclass(frozen=True)
class Contribution:
    """Profit contribution by group in one period."""

    profit: pd.Series  #: gross profit by group
    profit_share: pd.Series  #: each group's share of the total (fractions)
    top: tuple  #: the ``n`` groups earning most, biggest first
    top_profit_share: float  #: their share of gross profit
    top_revenue_share: float  #: their share of sales
    top_margins: tuple  #: their gross margins
    lowest_margin_group: str
    lowest_margin: float


def contribution(groups: pd.DataFrame, n: int = 2) -> Contribution:
    """Which groups earn the profit: shares, the top ``n`` with their share of sales, the lowest margin.

    ``groups`` is one period of :func:`growth_table` by group (``revenue``, ``profit``, ``margin``).

    >>> g = pd.DataFrame({"revenue": [100.0, 300.0, 100.0], "profit": [40.0, 30.0, 10.0],
    ...                   "margin": [0.4, 0.1, 0.1]}, index=["a", "b", "c"])
    >>> c = contribution(g)
    >>> c.top, c.top_profit_share, c.top_revenue_share
    (('a', 'b'), 0.875, 0.8)
    """
    total = float(groups["profit"].sum())
    if total == 0 or float(groups["revenue"].sum()) == 0:
        raise ValueError("There is no profit or no sales to share out.")
    share = groups["profit"] / total
    top = tuple(share.sort_values(ascending=False).index[:n])
    low = str(groups["margin"].idxmin())
    return Contribution(
        groups["profit"],
        share,
        top,
        float(share[list(top)].sum()),
        float(groups.loc[list(top), "revenue"].sum() / groups["revenue"].sum()),
        tuple(float(groups.loc[t, "margin"]) for t in top),
        low,
        float(groups.loc[low, "margin"]),
    )


def customer_sales(lines: pd.DataFrame, period: Any) -> pd.Series:
    """Net sales per period and customer (:func:`salesprofit.profitability.line_net_sales`).

    >>> l = pd.DataFrame({"customer_id": ["a", "a", "b"], "quantity": [1, 2, 1], "net_price": [10.0, 10.0, 5.0]})
    >>> customer_sales(l, [2024, 2024, 2025]).tolist()
    [30.0, 5.0]
    """
    labels = pd.Series(np.asarray(period), index=lines.index, name="period")
    return line_net_sales(_net_price(lines)).groupby([labels, lines["customer_id"]]).sum()


def share_of_wallet_by_group(
    sales: pd.Series, potential: pd.Series, groups: pd.Series, periods: Any
) -> pd.DataFrame:
    """Share of wallet per group of customers (and ``all customers``), one column per period.

    ``sales`` is :func:`customer_sales`; ``potential`` (money a year) and ``groups`` are
    indexed by customer. A group's share is its sales over the potential of all its customers.

    >>> s = pd.Series([30.0, 10.0], index=pd.MultiIndex.from_tuples([(2024, "a"), (2024, "b")]))
    >>> pot, grp = pd.Series({"a": 100.0, "b": 100.0}), pd.Series({"a": "x", "b": "y"})
    >>> share_of_wallet_by_group(s, pot, grp, [2024])[2024].tolist()
    [0.3, 0.1, 0.2]
    """
    out = {}
    for p in periods:
        per = sales.loc[p]
        share = per.groupby(groups.reindex(per.index)).sum() / potential.groupby(groups).sum()
        share.loc["all customers"] = per.sum() / potential.sum()
        out[p] = share
    frame = pd.DataFrame(out)
    frame.index.name = "segment"
    return frame


#: Satisfaction bands of lab 16.2 (mean CSAT on the 1-5 scale).
CSAT_BANDS = (
    (0, 3.0, "unhappy (up to 3)"),
    (3.0, 4.0, "satisfied (3 to 4)"),
    (4.0, 5.0, "happy (above 4)"),
)


def satisfaction_retention(
    surveys: pd.DataFrame, sales: pd.Series, lines: pd.DataFrame, year: int, still_from: Any
) -> pd.DataFrame:
    """Retention by satisfaction band: customers of ``year`` by mean CSAT, still buying from ``still_from``.

    ``sales`` is :func:`customer_sales` by year; ``lines`` are order lines with
    ``order_date`` and ``customer_id``. Columns as :func:`retention_by_group`.

    >>> sv = pd.DataFrame({"date": pd.to_datetime(["2024-03-01", "2024-04-01"]), "customer_id": ["a", "b"],
    ...                    "csat": [5, 2]})
    >>> s = pd.Series([1.0, 1.0], index=pd.MultiIndex.from_tuples([(2024, "a"), (2024, "b")]))
    >>> l = pd.DataFrame({"order_date": pd.to_datetime(["2025-08-01"]), "customer_id": ["a"]})
    >>> satisfaction_retention(sv, s, l, 2024, "2025-07-01")["retention"].tolist()
    [0.0, 1.0]
    """
    csat = surveys[surveys["date"].dt.year == year].groupby("customer_id")["csat"].mean()
    edges = [b[0] for b in CSAT_BANDS] + [CSAT_BANDS[-1][1]]
    band = pd.cut(csat, edges, labels=[b[2] for b in CSAT_BANDS])
    band.name = f"satisfaction in {year}"
    late = lines.loc[lines["order_date"] >= pd.Timestamp(still_from), "customer_id"].unique()
    bought = sales.loc[year].index
    still = pd.Series(True, index=late).reindex(bought, fill_value=False)
    return retention_by_group(band.reindex(bought).dropna(), still)


@dataclass(frozen=True)
class Dashboard:
    """The one-page profit dashboard of one year against a base year."""

    pl: pd.DataFrame  #: profit_and_loss by year
    bridge: Bridge
    categories: pd.DataFrame  #: growth_table by category, current year
    satisfaction: pd.DataFrame  #: satisfaction_by_period by year
    revenue_growth: float
    gross_profit_growth: float
    gross_margin_change: float  #: in fractions (0.01 = one percentage point)
    operating_profit_growth: float
    share_of_wallet: float
    share_of_wallet_base: float
    share_of_wallet_change: float  #: in fractions (0.01 = one percentage point)
    nps_change: float  #: points
    laggards: pd.DataFrame  #: the three categories whose profit grew least
    loss_makers: Any = None  #: profitability.LossMakers, when customer profit is given


def dashboard(
    lines: pd.DataFrame,
    expenses: pd.DataFrame,
    surveys: pd.DataFrame,
    potential: pd.Series,
    base: str,
    current: str,
    customer_profit: pd.DataFrame | None = None,
    customers: pd.DataFrame | None = None,
) -> Dashboard:
    """Everything the one-page dashboard shows for ``current`` against ``base`` (years as text).

    ``lines`` are :func:`sales_lines`; ``expenses`` have ``month``, ``amount`` and
    ``cost_type``; ``surveys`` ``date``, ``nps_score`` and ``csat``; ``potential`` is
    each customer's estimated yearly spend with all suppliers. With ``customer_profit``
    (:func:`salesprofit.profitability.customer_profit`) and ``customers`` (indexed by id,
    with ``name`` and ``tier``) also the loss-makers (:func:`salesprofit.profitability.loss_makers`).
    """
    from .profitability import loss_makers

    if base == current:
        raise ValueError("Choose two different years.")
    year = lines["order_date"].dt.year.astype(str)
    pl = profit_and_loss(lines, year, expenses, expenses["month"].dt.year.astype(str))
    sub = lines[year.isin([base, current])]
    b = bridge_from_lines(sub, year[sub.index], base, current)
    cat = growth_table(sub, year[sub.index], by="category").xs(current, level="period")
    sat = satisfaction_by_period(surveys, surveys["date"].dt.year.astype(str))
    sales = customer_sales(lines, year)
    sow = {
        p: float(sales.loc[p].sum() / potential.reindex(sales.loc[p].index).sum())
        for p in (base, current)
    }
    p0, p1 = pl.loc[base], pl.loc[current]
    return Dashboard(
        pl,
        b,
        cat,
        sat,
        growth_rate(p0["revenue"], p1["revenue"]),
        growth_rate(p0["gross_profit"], p1["gross_profit"]),
        float(p1["gross_margin"] - p0["gross_margin"]),
        growth_rate(p0["operating_profit"], p1["operating_profit"]),
        sow[current],
        sow[base],
        sow[current] - sow[base],
        float(sat.loc[current, "nps"] - sat.loc[base, "nps"]),
        cat.sort_values("profit_growth").head(3),
        None if customer_profit is None else loss_makers(customer_profit, customers, n=5),
    )
