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
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "ANALYSES",
    "Analysis",
    "AnalysisResult",
    "ClvOutlook",
    "ExportAnalysis",
    "MissingPiece",
    "MissingPieceError",
    "Overview",
    "Prepared",
    "abc_tiers",
    "analyse_export",
    "available",
    "clv_outlook",
    "column_guide",
    "customer_profitability",
    "discount_leakage",
    "line_values",
    "overview",
    "prepare",
    "product_mix",
    "run_all",
    "top_share",
    "whale",
]

REQUIRED = ("order_id", "order_date", "customer_id", "quantity", "unit_price")


class MissingPieceError(RuntimeError):
    """A library function an analysis needs is not available in this installation."""


MissingPiece = MissingPieceError  # the name before ruff's naming rule


def _api(module: str, name: str) -> Callable[..., Any]:
    """``salesprofit.<module>.<name>``, or :class:`MissingPieceError` with a plain sentence."""
    try:
        mod = importlib.import_module(f"salesprofit.{module}")
        return getattr(mod, name)
    except (ImportError, AttributeError):
        raise MissingPieceError(
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


def _priced(lines: pd.DataFrame, price: str = "unit_price") -> pd.DataFrame:
    """The columns :mod:`salesprofit.profitability` reads, with the export's price paid as
    its ``net_price`` (no copy of the data)."""
    cols = {"quantity": lines["quantity"], "net_price": lines[price]}
    for c in ("unit_cost", "list_price"):
        if c in lines.columns:
            cols[c] = lines[c]
    return pd.DataFrame(cols, copy=False)


def _values(lines: pd.DataFrame) -> dict[str, np.ndarray]:
    """Revenue, gross profit and list revenue of each line, from the course's one
    definition (:func:`profitability.line_net_sales`, :func:`~profitability.line_gross_profit`,
    :func:`~profitability.line_list_sales`); only those the columns allow."""
    from .profitability import line_gross_profit, line_list_sales, line_net_sales

    priced = _priced(lines)
    out = {"revenue": line_net_sales(priced).to_numpy(dtype=float)}
    if _has(lines, "unit_cost"):
        out["gross_profit"] = line_gross_profit(priced).to_numpy(dtype=float)
    if _has(lines, "list_price"):
        out["list_revenue"] = line_list_sales(priced).to_numpy(dtype=float)
        out["leakage"] = out["list_revenue"] - out["revenue"]
    return out


def line_values(lines: pd.DataFrame) -> pd.DataFrame:
    """The lines with ``revenue`` (quantity x unit_price) and, when the columns exist,
    ``cogs`` and ``gross_profit`` (unit_cost) and ``list_revenue`` and ``leakage``
    (list_price). Rows without a cost or list price get NaN there. Revenue, gross
    profit and list revenue are :mod:`salesprofit.profitability`'s line definitions.

    >>> df = pd.DataFrame({"order_id": ["A"], "order_date": pd.to_datetime(["2026-11-01"]),
    ...     "customer_id": ["C"], "quantity": [2], "unit_price": [9.0], "unit_cost": [6.0]})
    >>> line_values(df)[["revenue", "gross_profit"]].iloc[0].tolist()
    [18.0, 6.0]
    """
    _check_lines(lines)
    out = lines.copy()
    vals = _values(lines)
    out["revenue"] = vals["revenue"]
    if "gross_profit" in vals:
        out["cogs"] = vals["revenue"] - vals["gross_profit"]
        out["gross_profit"] = vals["gross_profit"]
    if "list_revenue" in vals:
        out["list_revenue"] = vals["list_revenue"]
        out["leakage"] = vals["leakage"]
    return out


def _factorize(column: pd.Series, sort: bool) -> tuple[np.ndarray, pd.Index]:
    """``pd.factorize`` of a column, hashing each run of equal neighbours once: an export
    lists an order's lines together, so its order, customer and rep ids come in runs and
    a million lines hash about a third as many strings."""
    values = column.to_numpy(dtype=object)
    try:
        change = np.ones(len(values), dtype=bool)
        np.not_equal(values[1:], values[:-1], out=change[1:])
    except TypeError:  # values that do not compare (pd.NA): hash every line
        change = np.ones(len(values), dtype=bool)
    starts = np.flatnonzero(change)
    if len(starts) > 0.7 * len(values):
        codes, uniques = pd.factorize(column, sort=sort)
    else:
        run_codes, uniques = pd.factorize(values[starts], sort=sort)
        codes = np.repeat(run_codes, np.diff(np.r_[starts, len(values)]))
    return codes, pd.Index(uniques, name=column.name, dtype=column.dtype)


class Prepared:
    """The order lines made ready once for every analysis: line values (the library's
    definitions) and integer codes of customers, orders, products and reps (ids sorted,
    so every table is ordered as a groupby would order it). Sums are bincounts over
    the codes: a million lines take a fraction of a second.
    """

    def __init__(self, lines: pd.DataFrame):
        _check_lines(lines)
        self.lines = lines
        self.n = len(lines)
        self.values = _values(lines)
        self._codes: dict[str, tuple[np.ndarray, pd.Index]] = {}

    def codes(self, column: str) -> tuple[np.ndarray, pd.Index]:
        """Codes (-1 for a missing id) and the ids of ``column`` (sorted, except order ids,
        which no table shows)."""
        if column not in self._codes:
            self._codes[column] = _factorize(self.lines[column], sort=column != "order_id")
        return self._codes[column]

    def order_customers(self) -> np.ndarray | None:
        """The customer code of each order, or None when some order spans customers."""
        if "order_customers" not in self._codes:
            orders, order_ids = self.codes("order_id")
            customers = self.codes("customer_id")[0]
            first = np.full(len(order_ids), self.n, dtype=np.int64)
            np.minimum.at(first, orders, np.arange(self.n))
            of_order = customers[first]
            same = bool((of_order[orders] == customers).all())
            self._codes["order_customers"] = (of_order if same else None, order_ids)
        return self._codes["order_customers"][0]

    def has(self, column: str) -> bool:
        if column in ("unit_cost", "list_price"):
            return {"unit_cost": "gross_profit", "list_price": "list_revenue"}[
                column
            ] in self.values
        return column in self.lines.columns and bool((self.codes(column)[0] >= 0).any())

    def sums(self, column: str, mask: np.ndarray, **values: np.ndarray) -> pd.DataFrame:
        """Per id of ``column`` among the rows in ``mask``: ``lines`` and each sum."""
        codes, ids = self.codes(column)
        keep = mask & (codes >= 0)
        c = codes[keep]
        k = len(ids)
        out = {"lines": np.bincount(c, minlength=k)}
        for name, v in values.items():
            out[name] = np.bincount(c, weights=v[keep], minlength=k)
        frame = pd.DataFrame(out, index=ids)
        return frame[out["lines"] > 0]

    def distinct_orders(self, column: str, mask: np.ndarray) -> np.ndarray:
        """Number of distinct orders per id of ``column`` among the rows in ``mask``."""
        codes, ids = self.codes(column)
        orders, order_ids = self.codes("order_id")
        keep = mask & (codes >= 0)
        of_order = self.order_customers() if column == "customer_id" else None
        if of_order is not None:  # each order belongs to one customer: count its orders
            counted = np.bincount(orders[keep], minlength=len(order_ids)) > 0
            return np.bincount(of_order[counted], minlength=len(ids))
        pairs = np.unique(codes[keep].astype(np.int64) * (len(order_ids) + 1) + orders[keep])
        return np.bincount(pairs // (len(order_ids) + 1), minlength=len(ids))


def prepare(lines: pd.DataFrame | Prepared) -> Prepared:
    """:class:`Prepared` lines (unchanged if already prepared)."""
    return lines if isinstance(lines, Prepared) else Prepared(lines)


def _sorted(frame: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    return frame.sort_values(by, ascending=False, kind="stable")


def customer_profitability(lines: pd.DataFrame | Prepared) -> pd.DataFrame:
    """One row per customer, most profitable first: ``orders``, ``revenue``,
    ``gross_profit``, ``margin`` (gross profit / revenue) and ``profit_share``.
    Needs unit_cost; lines without a cost are left out.

    >>> df = pd.DataFrame({"order_id": ["A", "B", "C"], "customer_id": ["X", "Y", "X"],
    ...     "order_date": pd.to_datetime(["2026-01-01"] * 3), "quantity": [1, 1, 2],
    ...     "unit_price": [10.0, 10.0, 5.0], "unit_cost": [6.0, 12.0, 4.0]})
    >>> customer_profitability(df)["gross_profit"].to_dict()
    {'X': 6.0, 'Y': -2.0}
    """
    pl = prepare(lines)
    if not pl.has("unit_cost"):
        raise ValueError("Customer profitability needs a unit cost column (unit_cost, 成本).")
    gp = pl.values["gross_profit"]
    costed = ~np.isnan(gp)
    g = pl.sums("customer_id", costed, revenue=pl.values["revenue"], gross_profit=gp)
    orders = pl.distinct_orders("customer_id", costed)
    g.insert(0, "orders", orders[pl.codes("customer_id")[1].get_indexer(g.index)])
    g = g.drop(columns="lines")
    g["margin"] = g["gross_profit"] / g["revenue"].where(g["revenue"] != 0)
    total = g["gross_profit"].sum()
    g["profit_share"] = g["gross_profit"] / total if total else np.nan
    return _sorted(g, ["gross_profit", "revenue"])


def whale(
    lines: pd.DataFrame | Prepared, profit: pd.Series | None = None
) -> tuple[pd.DataFrame, Any]:
    """The gross-profit whale curve and its summary (``segmentation.whale_curve`` and
    ``whale_summary``) of :func:`customer_profitability` (or of ``profit`` when given)."""
    if profit is None:
        profit = customer_profitability(lines)["gross_profit"]
    curve = _api("segmentation", "whale_curve")(profit)
    summary = _api("segmentation", "whale_summary")(profit)
    return curve, summary


def _profitability(pl: Prepared) -> tuple[pd.DataFrame, pd.DataFrame, Any]:
    table = customer_profitability(pl)
    return (table, *whale(pl, table["gross_profit"]))


def discount_leakage(lines: pd.DataFrame | Prepared, by: str = "rep_id") -> pd.DataFrame:
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
    pl = prepare(lines)
    if not pl.has("list_price"):
        raise ValueError("Discount leakage needs a list price column (list_price, 标准价, 目录价).")
    if not pl.has(by):
        raise ValueError(
            "Discount leakage by rep needs a sales rep column (rep_id, 业务员, 销售代表)."
        )
    v = pl.values
    g = pl.sums(
        by,
        ~np.isnan(v["list_revenue"]),
        list_revenue=v["list_revenue"],
        revenue=v["revenue"],
        leakage=v["leakage"],
    )
    g["leakage_rate"] = g["leakage"] / g["list_revenue"].where(g["list_revenue"] > 0)
    total = g["leakage"].sum()
    g["leakage_share"] = g["leakage"] / total if total else np.nan
    return _sorted(g, ["leakage_rate", "leakage"])


def abc_tiers(
    lines: pd.DataFrame | Prepared, a: float = 0.8, b: float = 0.95
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Customers with their revenue and ABC class (``segmentation.abc_classes``), and
    the summary by class (customers, revenue and shares; gross profit if costed)."""
    pl = prepare(lines)
    v = pl.values
    everyone = np.ones(pl.n, dtype=bool)
    sums = {"revenue": np.nan_to_num(v["revenue"])}
    if "gross_profit" in v:
        sums["gross_profit"] = np.nan_to_num(v["gross_profit"])
        sums["costed"] = (~np.isnan(v["gross_profit"])).astype(float)
    per = pl.sums("customer_id", everyone, **sums).drop(columns="lines")
    if "costed" in per:  # a customer with no costed line has no gross profit (NaN)
        per["gross_profit"] = per["gross_profit"].where(per.pop("costed") > 0)
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


def product_mix(lines: pd.DataFrame | Prepared) -> pd.DataFrame:
    """One row per product, biggest revenue first: ``lines``, ``units``, ``revenue``,
    ``revenue_share`` and, when costed, ``gross_profit`` and ``margin``. Needs product_id.

    >>> df = pd.DataFrame({"order_id": ["A", "B"], "customer_id": ["X", "Y"],
    ...     "product_id": ["P1", "P2"],
    ...     "order_date": pd.to_datetime(["2026-01-01"] * 2), "quantity": [1, 3],
    ...     "unit_price": [10.0, 10.0]})
    >>> product_mix(df)["revenue_share"].to_dict()
    {'P2': 0.75, 'P1': 0.25}
    """
    pl = prepare(lines)
    if not pl.has("product_id"):
        raise ValueError("Product mix needs a product column (product_id, sku, 产品编号).")
    v = pl.values
    sums = {
        "units": pl.lines["quantity"].to_numpy(dtype=float),
        "revenue": np.nan_to_num(v["revenue"]),
    }
    if "gross_profit" in v:
        sums["gross_profit"] = np.nan_to_num(v["gross_profit"])
    g = pl.sums("product_id", np.ones(pl.n, dtype=bool), **sums)
    if pd.api.types.is_integer_dtype(pl.lines["quantity"]):
        g["units"] = g["units"].round().astype(np.int64)
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
    gamma_gamma: Any  #: None when spend does not differ between customers (see ``note``)
    observation_end: pd.Timestamp
    horizon_days: float
    value: str  #: "revenue" or "gross profit"
    note: str = ""  #: why every customer is valued at the average order, when so


def _orders(pl: Prepared) -> tuple[pd.DataFrame, str]:
    """One row per order: its customer (of its first line), date (earliest) and value (gross
    profit when every line is costed, else revenue). Customers as codes in id order."""
    v = pl.values
    costed = "gross_profit" in v and not np.isnan(v["gross_profit"]).any()
    value = "gross_profit" if costed else "revenue"
    orders, order_ids = pl.codes("order_id")
    k = len(order_ids)
    of_order = pl.order_customers()
    if of_order is None:  # an order that spans customers counts for the customer of its first line
        first = np.full(k, pl.n, dtype=np.int64)
        np.minimum.at(first, orders, np.arange(pl.n))
        of_order = pl.codes("customer_id")[0][first]
    days = pl.lines["order_date"].to_numpy().astype("datetime64[D]").astype(np.int64)
    day = np.full(k, np.iinfo(np.int64).max)
    np.minimum.at(day, orders, days)
    frame = pd.DataFrame(
        {
            "customer_id": of_order,
            "order_date": day.astype("datetime64[D]"),
            "value": np.bincount(orders, weights=v[value], minlength=k),
        }
    )
    return frame, value


def _spend_model(out: pd.DataFrame) -> tuple[Any, str]:
    """The Gamma-Gamma fit, or None and the sentence saying why the average order is used."""
    spend_ok = (out["frequency"] > 0) & (out["monetary_value"] > 0)
    try:
        gg = _api("clv", "fit_gamma_gamma")(
            out.loc[spend_ok, "frequency"], out.loc[spend_ok, "monetary_value"]
        )
    except _api("clv", "DegenerateFitError") as exc:
        return None, str(exc).split(":", 1)[0] + ": every customer is valued at the average order."
    return gg, ""


def clv_outlook(
    lines: pd.DataFrame | Prepared,
    periods: int = 12,
    period_length: float = 30,
    discount_rate: float = 0.01,
) -> ClvOutlook:
    """Customer summary (days; one transaction per order) and a 12-month outlook.

    The order value is its gross profit when costs are known (so the CLV is a
    profit), otherwise its revenue. The observation ends on the last order date.
    Customers whose repeat orders average zero or less get no spend model and are
    valued at 0. When the BG/NBD runs to a boundary (customers who never stop buying,
    too few repeat buyers) the ``DegenerateFitError`` and its sentence go to the caller:
    P(alive) would mislead. When spend does not differ between customers, every
    customer is valued at the average repeat order (``note`` says so).
    """
    pl = prepare(lines)
    orders, value = _orders(pl)
    end = orders["order_date"].max()
    summary = _api("clv", "customer_summary")(
        orders, "customer_id", "order_date", "value", observation_end=end, freq="D"
    )
    summary = summary[summary["T"] > 0]  # indexed by customer code until the end (faster)
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
    out["expected_orders"] = _api("clv", "discounted_expected_purchases")(
        fit, out["frequency"], out["recency"], out["T"], 1, horizon, 0.0
    )  # E[orders in the horizon | history], each distinct history once
    gg, note = _spend_model(out)
    if gg is None:  # everyone at the average repeat order: repeat value / repeat orders
        spend = (out["monetary_value"] * out["frequency"]).sum() / out["frequency"].sum()
    else:
        mv = out["monetary_value"].where(out["monetary_value"] > 0, 0.0)
        spend = _api("clv", "gamma_gamma_expected_spend")(gg, out["frequency"], mv)
    purchases = _api("clv", "discounted_expected_purchases")(
        fit,
        out["frequency"],
        out["recency"],
        out["T"],
        periods=periods,
        period_length=period_length,
        discount_rate=discount_rate,
    )
    clv = spend * purchases
    out["clv"] = np.where((out["frequency"] > 0) & (out["monetary_value"] <= 0), 0.0, clv)
    out.index = pl.codes("customer_id")[1][out.index.to_numpy()]
    out = out.sort_values("clv", ascending=False, kind="stable")
    return ClvOutlook(out, fit, gg, end, float(horizon), value.replace("_", " "), note)


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
        lambda d: _profitability(d),
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
#: How many rows the lab's tables show (and the product share it quotes).
TOP = 10


def available(lines: pd.DataFrame | Prepared) -> dict[str, str | None]:
    """For each analysis key: None if it can run, else why it is skipped.

    >>> df = pd.DataFrame({c: [] for c in REQUIRED})
    >>> available(df)["profitability"]
    'needs a unit cost column (unit_cost, 成本), which the file does not have'
    """
    if isinstance(lines, Prepared):
        has = lines.has
    else:
        has = lambda c: _has(lines, c)  # noqa: E731
    out: dict[str, str | None] = {}
    for a in ANALYSES:
        lacking = [c for c in a.needs if not has(c)]
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


def top_share(values: pd.Series, n: int) -> float:
    """Share of the total held by the first ``n`` values (a table sorted biggest first).

    >>> top_share(pd.Series([50.0, 30.0, 20.0]), 2)
    0.8
    """
    total = float(values.sum())
    return float(values.head(n).sum()) / total if total else float("nan")


def _leakage_facts(table: pd.DataFrame) -> dict[str, float]:
    total = float(table["leakage"].sum())
    return {"leakage": total, "leakage_rate": total / float(table["list_revenue"].sum())}


def _clv_facts(outlook: ClvOutlook) -> dict[str, float]:
    c = outlook.customers
    return {
        "clv": float(c["clv"].sum()),
        "at_risk": int(((c["p_alive"] < 0.5) & (c["frequency"] > 0)).sum()),
        "top_share": top_share(c["clv"], TOP),
    }


#: The figures each analysis' sentence quotes (computed here, shown by the lab).
FACTS: dict[str, Callable[[Any], dict[str, float]]] = {
    "leakage_rep": _leakage_facts,
    "leakage_customer": _leakage_facts,
    "product_mix": lambda t: {"products": len(t), "top_share": top_share(t["revenue"], TOP)},
    "clv": _clv_facts,
}


@dataclass
class AnalysisResult:
    """The outcome of one analysis: its output (and the figures its sentence quotes), or
    why it did not run."""

    key: str
    title: str
    ok: bool
    output: Any = None
    reason: str = ""
    facts: dict[str, float] = field(default_factory=dict)


def run_all(
    lines: pd.DataFrame | Prepared,
    only: tuple[str, ...] | None = None,
    progress: Callable[[int, int, str], Any] | None = None,
) -> dict[str, AnalysisResult]:
    """Every analysis the columns allow; the others with the reason they were skipped.

    A ValueError from a model (e.g. too few repeat buyers for the CLV fit, or customers
    who never stop buying: the sentence of :class:`salesprofit.clv.DegenerateFitError`)
    or a missing library piece skips that analysis with its sentence; the rest still
    run. ``progress(done, total, title)`` is called before each analysis (``title`` the
    one starting) and once at the end (``done == total``, title "done"): one step per
    analysis, for a progress bar. The lines are prepared once for all analyses.
    """
    pl = prepare(lines)
    can = available(pl)
    chosen = [a for a in ANALYSES if only is None or a.key in only]
    results: dict[str, AnalysisResult] = {}
    for i, a in enumerate(chosen):
        if progress is not None:
            progress(i, len(chosen), a.title)
        if can[a.key] is not None:
            results[a.key] = AnalysisResult(a.key, a.title, False, reason=can[a.key])
            continue
        try:
            out = a.run(pl)
            facts = FACTS[a.key](out) if a.key in FACTS else {}
            results[a.key] = AnalysisResult(a.key, a.title, True, out, facts=facts)
        except (ValueError, MissingPieceError) as exc:
            results[a.key] = AnalysisResult(a.key, a.title, False, reason=str(exc))
    if progress is not None:
        progress(len(chosen), len(chosen), "done")
    return results


@dataclass(frozen=True)
class Overview:
    """What the file holds: its lines, the dates they span, customers and orders."""

    lines: int
    first_date: pd.Timestamp
    last_date: pd.Timestamp
    customers: int
    orders: int


def overview(lines: pd.DataFrame | Prepared) -> Overview:
    """Lines, first and last order date, distinct customers and orders.

    >>> df = pd.DataFrame({"order_id": ["A", "A", "B"], "customer_id": ["X", "X", "Y"],
    ...     "order_date": pd.to_datetime(["2026-01-05", "2026-01-05", "2026-02-01"]),
    ...     "quantity": [1, 2, 3], "unit_price": [1.0, 2.0, 3.0]})
    >>> o = overview(df)
    >>> o.lines, o.customers, o.orders, f"{o.last_date:%Y-%m-%d}"
    (3, 2, 2, '2026-02-01')
    """
    pl = prepare(lines)
    dates = pl.lines["order_date"]
    return Overview(
        pl.n,
        dates.min(),
        dates.max(),
        len(pl.codes("customer_id")[1]),
        len(pl.codes("order_id")[1]),
    )


@dataclass(frozen=True)
class ExportAnalysis:
    """Everything the your-data lab shows about an export: the overview and each analysis."""

    overview: Overview
    results: dict[str, AnalysisResult]


def analyse_export(
    lines: pd.DataFrame, progress: Callable[[int, int, str], Any] | None = None
) -> ExportAnalysis:
    """:func:`overview` and :func:`run_all` on lines prepared once (the lab's one call)."""
    pl = prepare(lines)
    return ExportAnalysis(overview(pl), run_all(pl, progress=progress))


#: What each optional column unlocks (the lab's table of columns).
UNLOCKS = {
    "unit_cost": "profitability, whale curve, margins",
    "list_price": "discount leakage",
    "rep_id": "discount leakage by rep",
    "product_id": "product mix",
}


def column_guide() -> pd.DataFrame:
    """The columns an order-line export needs: name, required, meaning, the headers the
    reader recognises (English and Chinese) and what each optional column unlocks.

    >>> column_guide().set_index("column").loc["unit_cost", "unlocks"]
    'profitability, whale curve, margins'
    """
    from .crm_import import CRM_TABLES

    return pd.DataFrame(
        [
            {
                "column": c.name,
                "required": "yes" if c.required else "no",
                "meaning": c.meaning,
                "headers recognised": ", ".join(c.headers + c.fallback),
                "unlocks": UNLOCKS.get(c.name, ""),
            }
            for c in CRM_TABLES["order_lines"]
        ]
    )
