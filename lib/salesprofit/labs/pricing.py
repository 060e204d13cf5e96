"""What the chapter-3 labs show from the sample company's tables (pricing).

The best seller and the discounts per category (lab 1); every order line's pocket
price, the reps who discount far more than the team and a typical deal (lab 2); the
price test, each segment's elasticity fitted by Poisson regression and the best
price per segment (lab 3); the season of the largest category and the
dynamic-pricing simulation that lab 4 and its calculator run on it. The textbook
models are in :mod:`salesprofit.pricing` and :mod:`salesprofit.pocket_price`.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .. import _checks as C
from ..labels import CATEGORY_LABELS, category_label
from ..pocket_price import average_waterfall, pocket_prices, spread_per_unit
from ..pricing import contribution_margin, discount_summary, markup
from ..profitability import line_net_sales

__all__ = [
    "CATEGORY_LABELS",
    "DynamicComparison",
    "Elasticity",
    "PriceTest",
    "Product",
    "RepDiscounts",
    "Season",
    "SegmentElasticities",
    "TypicalDeal",
    "best_seller",
    "category_discounts",
    "category_label",
    "compare_dynamic_pricing",
    "dynamic_pricing_summary",
    "elasticity_by_group",
    "fit_elasticity",
    "high_outliers",
    "largest_category_season",
    "pocket_lines",
    "price_test_summary",
    "rep_discounts",
    "segment_best_prices",
    "segment_elasticities",
    "simulate_dynamic_pricing",
    "typical_deal",
    "units_by_price",
]


# ---------------------------------------------------------------------------
# Lab 1: the best seller and the discounts per category


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


# ---------------------------------------------------------------------------
# Lab 2: the pocket price of every order line, the reps, a typical deal


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


# ---------------------------------------------------------------------------
# Lab 3: the price test, the elasticity per segment, the best price per segment


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


# ---------------------------------------------------------------------------
# Lab 4: the season of the largest category and the dynamic-pricing simulation


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
    from ..forecast import seasonal_index

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
