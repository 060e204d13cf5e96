"""The course's analyses on a user's own order lines (``data.read_crm_export``).

Each analysis takes the canonical order lines (order_id, order_date, customer_id,
quantity, unit_price, and where present product_id, unit_cost, list_price, rep_id)
and returns tables; money is in the file's currency, fractions are fractions.

* Customer profitability and the whale curve: gross profit per customer =
  sum of quantity x (unit_price - unit_cost); cumulative profit against customers
  ranked from most to least profitable (Kaplan & Cooper, *Cost and Effect*, 1998,
  ch. 10). An export has no cost to serve, so this is the *gross-profit* whale
  curve: the cost-to-serve version is in chapter 12.
* Discount leakage: list revenue (quantity x list_price) minus net revenue
  (quantity x unit_price), by rep and by customer (Marn, Roegner & Zawada, *The
  Price Advantage*, 2nd ed. 2004, ch. 3, the price waterfall).
* ABC tiers: customers ranked by revenue, cut at 80 % and 95 % of the cumulative
  total (:func:`salesprofit.segmentation.abc_classes`).
* Product mix: revenue, share and margin per product.
* Customer summary and CLV outlook: frequency, recency, T per customer
  (:func:`salesprofit.clv.customer_summary`, days), BG/NBD (Fader, Hardie & Lee
  2005) for P(alive) and expected orders, Gamma-Gamma for spend, and a
  discounted 12-month value (:func:`salesprofit.clv.clv_bgnbd_gamma_gamma`).

:func:`run_all` runs every analysis the columns allow; one that needs a column
the file lacks, or a library piece that is missing, is skipped with a sentence
saying why, and the others still run. Pure: no widgets, no plotting, no I/O.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "ANALYSES",
    "Analysis",
    "AnalysisResult",
    "MissingPiece",
    "abc_tiers",
    "available",
    "clv_outlook",
    "customer_profitability",
    "discount_leakage",
    "line_values",
    "product_mix",
    "run_all",
    "whale",
]

REQUIRED = ("order_id", "order_date", "customer_id", "quantity", "unit_price")


class MissingPiece(RuntimeError):
    """A library function an analysis needs is not available in this installation."""


def _api(module: str, name: str) -> Callable[..., Any]:
    """``salesprofit.<module>.<name>``, or :class:`MissingPiece` with a plain sentence."""
    try:
        mod = importlib.import_module(f"salesprofit.{module}")
        return getattr(mod, name)
    except (ImportError, AttributeError):
        raise MissingPiece(
            f"this analysis needs salesprofit.{module}.{name}, which this "
            "installation of the course does not have yet"
        ) from None


def _has(lines: pd.DataFrame, column: str) -> bool:
    return column in lines.columns and bool(lines[column].notna().any())


def _check_lines(lines: pd.DataFrame) -> None:
    missing = [c for c in REQUIRED if c not in lines.columns]
    if missing:
        raise ValueError(
            f"The order lines have no column {missing[0]!r}; read the file with "
            "salesprofit.data.read_crm_export first."
        )
    if len(lines) == 0:
        raise ValueError("There are no order lines to analyse.")


def line_values(lines: pd.DataFrame) -> pd.DataFrame:
    """The lines with ``revenue`` (quantity x unit_price) and, when the columns exist,
    ``cogs`` and ``gross_profit`` (unit_cost) and ``list_revenue`` and ``leakage``
    (list_price). Rows without a cost or list price get NaN there.

    >>> df = pd.DataFrame({"order_id": ["A"], "order_date": pd.to_datetime(["2026-11-01"]),
    ...     "customer_id": ["C"], "quantity": [2], "unit_price": [9.0], "unit_cost": [6.0]})
    >>> line_values(df)[["revenue", "gross_profit"]].iloc[0].tolist()
    [18.0, 6.0]
    """
    _check_lines(lines)
    out = lines.copy()
    q = out["quantity"].astype(float)
    out["revenue"] = q * out["unit_price"]
    if _has(out, "unit_cost"):
        out["cogs"] = q * out["unit_cost"]
        out["gross_profit"] = out["revenue"] - out["cogs"]
    if _has(out, "list_price"):
        out["list_revenue"] = q * out["list_price"]
        out["leakage"] = out["list_revenue"] - out["revenue"]
    return out


def customer_profitability(lines: pd.DataFrame) -> pd.DataFrame:
    """One row per customer, most profitable first: ``orders``, ``revenue``,
    ``gross_profit``, ``margin`` (gross profit / revenue) and ``profit_share``.
    Needs unit_cost; lines without a cost are left out.

    >>> df = pd.DataFrame({"order_id": ["A", "B", "C"], "customer_id": ["X", "Y", "X"],
    ...     "order_date": pd.to_datetime(["2026-01-01"] * 3), "quantity": [1, 1, 2],
    ...     "unit_price": [10.0, 10.0, 5.0], "unit_cost": [6.0, 12.0, 4.0]})
    >>> customer_profitability(df)["gross_profit"].to_dict()
    {'X': 6.0, 'Y': -2.0}
    """
    v = line_values(lines)
    if "gross_profit" not in v:
        raise ValueError("Customer profitability needs a unit cost column (unit_cost, 成本).")
    v = v[v["gross_profit"].notna()]
    g = v.groupby("customer_id", sort=True).agg(
        orders=("order_id", "nunique"),
        revenue=("revenue", "sum"),
        gross_profit=("gross_profit", "sum"),
    )
    g["margin"] = g["gross_profit"] / g["revenue"].where(g["revenue"] != 0)
    total = g["gross_profit"].sum()
    g["profit_share"] = g["gross_profit"] / total if total else np.nan
    g = g.sort_values(["gross_profit", "revenue"], ascending=False, kind="stable")
    g.index.name = "customer_id"
    return g


def whale(lines: pd.DataFrame) -> tuple[pd.DataFrame, Any]:
    """The gross-profit whale curve and its summary (``segmentation.whale_curve`` and
    ``whale_summary``) of :func:`customer_profitability`."""
    profit = customer_profitability(lines)["gross_profit"]
    curve = _api("segmentation", "whale_curve")(profit)
    summary = _api("segmentation", "whale_summary")(profit)
    return curve, summary


def discount_leakage(lines: pd.DataFrame, by: str = "rep_id") -> pd.DataFrame:
    """List revenue, net revenue and the discount given away, by ``by`` (rep_id or
    customer_id), biggest leakage first. ``leakage_rate`` = leakage / list revenue
    (the average discount off list). Needs list_price; lines without one are left out.

    >>> df = pd.DataFrame({"order_id": ["A", "B"], "customer_id": ["X", "Y"],
    ...     "rep_id": ["R1", "R2"],
    ...     "order_date": pd.to_datetime(["2026-01-01"] * 2), "quantity": [10, 10],
    ...     "unit_price": [9.0, 7.0], "list_price": [10.0, 10.0]})
    >>> discount_leakage(df)["leakage_rate"].to_dict()
    {'R2': 0.3, 'R1': 0.1}
    """
    if by not in ("rep_id", "customer_id"):
        raise ValueError("Discount leakage is shown by rep (rep_id) or by customer (customer_id).")
    v = line_values(lines)
    if "leakage" not in v:
        raise ValueError("Discount leakage needs a list price column (list_price, 标准价, 目录价).")
    if not _has(v, by):
        raise ValueError(
            "Discount leakage by rep needs a sales rep column (rep_id, 业务员, 销售代表)."
        )
    v = v[v["list_revenue"].notna() & v[by].notna()]
    g = v.groupby(by, sort=True).agg(
        lines=("order_id", "size"),
        list_revenue=("list_revenue", "sum"),
        revenue=("revenue", "sum"),
        leakage=("leakage", "sum"),
    )
    g["leakage_rate"] = g["leakage"] / g["list_revenue"].where(g["list_revenue"] > 0)
    total = g["leakage"].sum()
    g["leakage_share"] = g["leakage"] / total if total else np.nan
    return g.sort_values(["leakage_rate", "leakage"], ascending=False, kind="stable")


def abc_tiers(
    lines: pd.DataFrame, a: float = 0.8, b: float = 0.95
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Customers with their revenue and ABC class (``segmentation.abc_classes``), and
    the summary by class (customers, revenue and shares; gross profit if costed)."""
    v = line_values(lines)
    per = v.groupby("customer_id", sort=True).agg(revenue=("revenue", "sum"))
    if "gross_profit" in v:
        per["gross_profit"] = v.groupby("customer_id", sort=True)["gross_profit"].sum(min_count=1)
    if (per["revenue"] < 0).any():
        per = per[per["revenue"] >= 0]  # net returners cannot be ranked by revenue
    per["abc_class"] = _api("segmentation", "abc_classes")(per["revenue"], a=a, b=b)
    per = per.sort_values("revenue", ascending=False, kind="stable")
    summary = per.groupby("abc_class").agg(
        customers=("revenue", "size"), revenue=("revenue", "sum")
    )
    summary = summary.reindex(["A", "B", "C"], fill_value=0)
    summary["customer_share"] = summary["customers"] / summary["customers"].sum()
    summary["revenue_share"] = summary["revenue"] / summary["revenue"].sum()
    if "gross_profit" in per:
        summary["gross_profit"] = (
            per.groupby("abc_class")["gross_profit"].sum().reindex(["A", "B", "C"], fill_value=0.0)
        )
    summary.index.name = "abc_class"
    return per, summary


def product_mix(lines: pd.DataFrame) -> pd.DataFrame:
    """One row per product, biggest revenue first: ``lines``, ``units``, ``revenue``,
    ``revenue_share`` and, when costed, ``gross_profit`` and ``margin``. Needs product_id.

    >>> df = pd.DataFrame({"order_id": ["A", "B"], "customer_id": ["X", "Y"],
    ...     "product_id": ["P1", "P2"],
    ...     "order_date": pd.to_datetime(["2026-01-01"] * 2), "quantity": [1, 3],
    ...     "unit_price": [10.0, 10.0]})
    >>> product_mix(df)["revenue_share"].to_dict()
    {'P2': 0.75, 'P1': 0.25}
    """
    v = line_values(lines)
    if not _has(v, "product_id"):
        raise ValueError("Product mix needs a product column (product_id, sku, 产品编号).")
    v = v[v["product_id"].notna()]
    aggs: dict[str, tuple[str, str]] = {
        "lines": ("order_id", "size"),
        "units": ("quantity", "sum"),
        "revenue": ("revenue", "sum"),
    }
    if "gross_profit" in v:
        aggs["gross_profit"] = ("gross_profit", "sum")
    g = v.groupby("product_id", sort=True).agg(**aggs)
    g["revenue_share"] = g["revenue"] / g["revenue"].sum()
    if "gross_profit" in g:
        g["margin"] = g["gross_profit"] / g["revenue"].where(g["revenue"] != 0)
    return g.sort_values("revenue", ascending=False, kind="stable")


@dataclass(frozen=True)
class ClvOutlook:
    """Customer summary with the BG/NBD and Gamma-Gamma outlook (money: file currency)."""

    customers: pd.DataFrame  #: per customer: frequency, recency, T, monetary_value, p_alive,
    #: expected_orders, clv (value of the next ``periods`` x ``period_length`` days)
    bgnbd: Any
    gamma_gamma: Any
    observation_end: pd.Timestamp
    horizon_days: float
    value: str  #: "revenue" or "gross profit"


def clv_outlook(
    lines: pd.DataFrame, periods: int = 12, period_length: float = 30, discount_rate: float = 0.01
) -> ClvOutlook:
    """Customer summary (days; one transaction per order) and a 12-month outlook.

    The order value is its gross profit when costs are known (so the CLV is a
    profit), otherwise its revenue. The observation ends on the last order date.
    Customers whose repeat orders average zero or less get no spend model and are
    valued at 0.
    """
    v = line_values(lines)
    value = "gross_profit" if "gross_profit" in v and v["gross_profit"].notna().all() else "revenue"
    orders = v.groupby("order_id", sort=True).agg(
        customer_id=("customer_id", "first"), order_date=("order_date", "min"), value=(value, "sum")
    )
    end = orders["order_date"].max()
    summary = _api("clv", "customer_summary")(
        orders, "customer_id", "order_date", "value", observation_end=end, freq="D"
    )
    summary = summary[summary["T"] > 0]
    if len(summary) < 10 or (summary["frequency"] > 0).sum() < 3:
        raise ValueError(
            "The CLV outlook needs at least 10 customers whose first order is "
            "before the last date in the file, and a few repeat buyers."
        )
    fit = _api("clv", "fit_bgnbd")(summary["frequency"], summary["recency"], summary["T"])
    horizon = periods * period_length
    out = summary.copy()
    out["p_alive"] = _api("clv", "bgnbd_prob_alive")(
        fit, out["frequency"], out["recency"], out["T"]
    )
    out["expected_orders"] = _api("clv", "bgnbd_conditional_expected_purchases")(
        fit, horizon, out["frequency"], out["recency"], out["T"]
    )
    spend_ok = (out["frequency"] > 0) & (out["monetary_value"] > 0)
    gg = _api("clv", "fit_gamma_gamma")(
        out.loc[spend_ok, "frequency"], out.loc[spend_ok, "monetary_value"]
    )
    mv = out["monetary_value"].where(out["monetary_value"] > 0, 0.0)
    clv = _api("clv", "clv_bgnbd_gamma_gamma")(
        fit,
        gg,
        out["frequency"],
        out["recency"],
        out["T"],
        mv,
        periods=periods,
        period_length=period_length,
        discount_rate=discount_rate,
    )
    out["clv"] = np.where((out["frequency"] > 0) & (out["monetary_value"] <= 0), 0.0, clv)
    out = out.sort_values("clv", ascending=False, kind="stable")
    return ClvOutlook(out, fit, gg, end, float(horizon), value.replace("_", " "))


# --------------------------------------------------------------------------------------
# Which analyses can run, and running them
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Analysis:
    """An analysis: its key, title, the optional columns it needs and its function."""

    key: str
    title: str
    needs: tuple[str, ...]
    run: Callable[[pd.DataFrame], Any]


ANALYSES: tuple[Analysis, ...] = (
    Analysis(
        "profitability",
        "Customer profitability and the whale curve",
        ("unit_cost",),
        lambda d: (customer_profitability(d), *whale(d)),
    ),
    Analysis(
        "leakage_rep",
        "Discount leakage by rep",
        ("list_price", "rep_id"),
        lambda d: discount_leakage(d, "rep_id"),
    ),
    Analysis(
        "leakage_customer",
        "Discount leakage by customer",
        ("list_price",),
        lambda d: discount_leakage(d, "customer_id"),
    ),
    Analysis("abc", "ABC tiers", (), lambda d: abc_tiers(d)),
    Analysis("product_mix", "Product mix", ("product_id",), product_mix),
    Analysis("clv", "Customer summary and CLV outlook", (), clv_outlook),
)

#: How each optional column is called in words (for "skipped: needs ...").
COLUMN_WORDS = {
    "unit_cost": "a unit cost column (unit_cost, 成本)",
    "list_price": "a list price column (list_price, 标准价)",
    "rep_id": "a sales rep column (rep_id, 业务员)",
    "product_id": "a product column (product_id, 产品编号)",
}


def available(lines: pd.DataFrame) -> dict[str, str | None]:
    """For each analysis key: None if it can run, else why it is skipped.

    >>> df = pd.DataFrame({c: [] for c in REQUIRED})
    >>> available(df)["profitability"]
    'needs a unit cost column (unit_cost, 成本), which the file does not have'
    """
    out: dict[str, str | None] = {}
    for a in ANALYSES:
        lacking = [c for c in a.needs if not _has(lines, c)]
        out[a.key] = (
            None
            if not lacking
            else (
                "needs "
                + " and ".join(COLUMN_WORDS[c] for c in lacking)
                + ", which the file does not have"
            )
        )
    return out


@dataclass
class AnalysisResult:
    """The outcome of one analysis: its output, or why it did not run."""

    key: str
    title: str
    ok: bool
    output: Any = None
    reason: str = ""


def run_all(lines: pd.DataFrame, only: tuple[str, ...] | None = None) -> dict[str, AnalysisResult]:
    """Every analysis the columns allow; the others with the reason they were skipped.

    A ValueError from a model (e.g. too few repeat buyers for the CLV fit) or a
    missing library piece skips that analysis with its sentence; the rest still run.
    """
    _check_lines(lines)
    can = available(lines)
    results: dict[str, AnalysisResult] = {}
    for a in ANALYSES:
        if only is not None and a.key not in only:
            continue
        if can[a.key] is not None:
            results[a.key] = AnalysisResult(a.key, a.title, False, reason=can[a.key])
            continue
        try:
            results[a.key] = AnalysisResult(a.key, a.title, True, a.run(lines))
        except (ValueError, MissingPiece) as exc:
            results[a.key] = AnalysisResult(a.key, a.title, False, reason=str(exc))
    return results
