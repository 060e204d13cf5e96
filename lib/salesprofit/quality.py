"""Quality: Net Promoter Score, the cost of quality, returns, and what faster service is worth.

Chapter 7 (提升产品和服务质量). The models and their sources:

* Net Promoter Score (Reichheld, "The One Number You Need to Grow", *Harvard
  Business Review*, Dec. 2003): share of promoters (9-10) minus share of
  detractors (0-6), in points from -100 to 100.
* Cost of quality, the prevention-appraisal-failure model (Feigenbaum, "Total
  Quality Control", *HBR* 1956; Juran's *Quality Handbook*, ch. 8; Horngren,
  Datar & Rajan, *Cost Accounting*, ch. 19): conformance costs (prevention +
  appraisal) are spent to get it right; nonconformance costs (internal +
  external failure) are paid when it goes wrong.
* The profit cost of a return: refund - value recovered into stock + handling
  (the sample company's cost-to-serve definition).
* Service speed -> retention -> customer value: churn modelled on the
  log-odds scale (logistic regression, statsmodels), customer value by the
  margin multiple ``m x r / (1 + d - r)`` (Gupta & Lehmann, "Customers as
  assets", *Journal of Interactive Marketing* 17(1), 2003).

Pure: numbers and DataFrames in, numbers and DataFrames out. Fractions are
fractions, money in the data's currency, nothing rounded.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from . import _checks as C
from . import clv
from .profitability import line_gross_profit, line_net_sales, return_cost

__all__ = [
    "QualityYear",
    "ReturnsOverview",
    "ServiceValueRange",
    "SpeedChurn",
    "Speedup",
    "TicketCustomers",
    "clv_margin_multiple",
    "cost_of_quality",
    "nps",
    "nps_by",
    "nps_by_resolution_time",
    "prevention_scenario",
    "quality_investment",
    "quality_year",
    "resolution_speedup",
    "retention_after_speedup",
    "return_rate_ranking",
    "returns_by_product",
    "returns_overview",
    "service_investment",
    "service_speed_churn",
    "service_value_range",
    "ticket_customers",
]


def nps(scores: Any) -> float:
    """Net Promoter Score of 0-10 answers: % promoters (9-10) minus % detractors (0-6).

    Passives (7-8) count in the base only.

    Parameters
    ----------
    scores : sequence of float
        Answers to "how likely are you to recommend us?", each from 0 to 10.

    Returns
    -------
    float
        The score, from -100 (all detractors) to 100 (all promoters).

    Raises
    ------
    ValueError
        If there is no answer or an answer is outside 0 to 10.

    References
    ----------
    Reichheld, F. F. (2003), "The one number you need to grow", *Harvard Business Review*
    81(12).

    Examples
    --------
    >>> nps([10, 9, 9, 10, 9, 8, 7, 8, 3, 6])
    30.0
    """
    s = C.values(scores).ravel()
    if s.size == 0:
        raise ValueError("There are no survey answers: NPS needs at least one score.")
    C.check(
        "A likelihood-to-recommend score",
        s,
        ge=0,
        le=10,
        why="the question is answered from 0 to 10",
    )
    return float(100.0 * (np.mean(s >= 9) - np.mean(s <= 6)))


def nps_by(scores: pd.Series, by: Any) -> pd.Series:
    """:func:`nps` of each group at once (a customer's, a rep's surveys): -100 to 100.

    ``by`` is anything ``Series.groupby`` takes (a Series of keys aligned with ``scores``).

    >>> scores = pd.Series([10, 9, 3, 8, 6])
    >>> nps_by(scores, pd.Series(["a", "a", "a", "b", "b"])).round(1).tolist()
    [33.3, -50.0]
    """
    s = pd.Series(scores, dtype=float)
    C.finite("A likelihood-to-recommend score", s)
    C.check(
        "A likelihood-to-recommend score",
        s,
        ge=0,
        le=10,
        why="the question is answered from 0 to 10",
    )
    net = (s >= 9).astype(float) - (s <= 6).astype(float)
    return net.groupby(by).mean() * 100


def _total(name: str, x: Any) -> float:
    v = C.values(x).ravel()
    C.check(name, v, ge=0, why="a cost is an amount spent, never negative")
    return float(v.sum())


def cost_of_quality(
    prevention: Any, appraisal: Any, internal_failure: Any, external_failure: Any, sales: float
) -> dict:
    """Cost-of-quality report: the four categories, conformance and nonconformance.

    Parameters
    ----------
    prevention : float or sequence of float
        Cost of preventing defects (training, process design), in money; a sequence of
        items is summed. Zero or more.
    appraisal : float or sequence of float
        Cost of inspection and testing, in money. Zero or more.
    internal_failure : float or sequence of float
        Cost of defects caught before delivery (scrap, rework), in money. Zero or more.
    external_failure : float or sequence of float
        Cost of defects the customer meets (returns, warranty, lost orders), in money.
        Zero or more.
    sales : float
        Sales of the same period, in money. Above zero.

    Returns
    -------
    dict
        The four category totals (``prevention``, ``appraisal``, ``internal_failure``,
        ``external_failure``), ``conformance`` (prevention + appraisal),
        ``nonconformance`` (internal + external failure), ``total``, ``sales``, and
        ``conformance_rate``, ``nonconformance_rate``, ``total_rate`` as fractions of
        sales.

    Raises
    ------
    ValueError
        If a cost is negative or missing, or sales are not positive.

    References
    ----------
    Feigenbaum, A. V., *Total Quality Control*: the prevention-appraisal-failure model.

    Examples
    --------
    >>> r = cost_of_quality([60_000, 40_000], 150_000, 250_000, 500_000, 10_000_000)
    >>> r["conformance"], r["nonconformance"], r["nonconformance_rate"]
    (250000.0, 750000.0, 0.075)
    """
    parts = {
        "prevention": _total("Prevention cost", prevention),
        "appraisal": _total("Appraisal cost", appraisal),
        "internal_failure": _total("Internal failure cost", internal_failure),
        "external_failure": _total("External failure cost", external_failure),
    }
    C.check("Sales", sales, gt=0, why="the costs are measured as a share of sales")
    sales = float(sales)
    out = dict(parts)
    out["conformance"] = parts["prevention"] + parts["appraisal"]
    out["nonconformance"] = parts["internal_failure"] + parts["external_failure"]
    out["total"] = out["conformance"] + out["nonconformance"]
    out["sales"] = sales
    out["conformance_rate"] = out["conformance"] / sales
    out["nonconformance_rate"] = out["nonconformance"] / sales
    out["total_rate"] = out["total"] / sales
    return out


def quality_investment(
    prevention_increase: float, failure_cost: float, failure_reduction: float
) -> dict:
    """Does spending more on prevention pay? Saving, net gain and return.

    ``prevention_increase`` (money a year) cuts ``failure_cost`` (money a year)
    by ``failure_reduction`` (a fraction). Returns ``saving``, ``net_gain``
    (saving - increase) and ``roi`` (net gain / increase; NaN with no increase).

    >>> quality_investment(100_000, 750_000, 0.3)
    {'saving': 225000.0, 'net_gain': 125000.0, 'roi': 1.25}
    """
    C.check("Extra prevention spend", prevention_increase, ge=0)
    C.check("Failure cost", failure_cost, ge=0)
    C.check(
        "Failure reduction",
        failure_reduction,
        ge=0,
        le=1,
        why="it is a fraction of the failure cost",
    )
    saving = float(failure_cost) * float(failure_reduction)
    net = saving - float(prevention_increase)
    roi = net / float(prevention_increase) if prevention_increase > 0 else float("nan")
    return {"saving": saving, "net_gain": net, "roi": roi}


def returns_by_product(returns: pd.DataFrame, order_lines: pd.DataFrame) -> pd.DataFrame:
    """Returns and their profit cost per product, worst first.

    The cost of a return is ``refund_amount - recovered_value + handling_cost``:
    the revenue given back, less the goods put back in stock at cost, plus
    inspection, transport and restocking. Per ``product_id``: ``lines_sold``
    (order lines), ``units_sold``, ``gross_profit`` (of all lines sold),
    ``returns`` (returned lines), ``return_rate`` (returned lines / lines
    sold: how often a sale comes back), ``units_returned``, ``refund``, ``recovered``,
    ``handling``, ``return_cost`` and ``cost_share`` (return cost / gross
    profit: the share of the product's profit that returns eat). Products
    without returns are kept with zeros.

    >>> lines = pd.DataFrame({"product_id": ["A", "B"], "quantity": [100, 50], "net_price": [10.0, 20.0],
    ...                       "unit_cost": [6.0, 15.0]})
    >>> rets = pd.DataFrame({"product_id": ["A"], "quantity": [5], "refund_amount": [50.0],
    ...                      "recovered_value": [0.0], "handling_cost": [10.0]})
    >>> returns_by_product(rets, lines).loc["A", ["return_rate", "return_cost", "cost_share"]].tolist()
    [1.0, 60.0, 0.15]
    """
    gp = line_gross_profit(order_lines)
    sold = pd.DataFrame(
        {
            "lines_sold": order_lines.groupby("product_id").size(),
            "units_sold": order_lines["quantity"].groupby(order_lines["product_id"]).sum(),
            "gross_profit": gp.groupby(order_lines["product_id"]).sum(),
        }
    ).astype(float)
    g = returns.groupby("product_id")
    ret = pd.DataFrame(
        {
            "units_returned": g["quantity"].sum(),
            "returns": g.size(),
            "refund": g["refund_amount"].sum(),
            "recovered": g["recovered_value"].sum(),
            "handling": g["handling_cost"].sum(),
        }
    ).astype(float)
    out = sold.join(ret, how="outer").fillna(0.0)
    out["return_rate"] = out["returns"] / out["lines_sold"].where(out["lines_sold"] > 0)
    out["return_cost"] = return_cost(
        out.rename(
            columns={
                "refund": "refund_amount",
                "recovered": "recovered_value",
                "handling": "handling_cost",
            }
        )
    )
    out["cost_share"] = out["return_cost"] / out["gross_profit"].where(out["gross_profit"] > 0)
    out.index.name = "product_id"
    cols = [
        "lines_sold",
        "units_sold",
        "gross_profit",
        "returns",
        "return_rate",
        "units_returned",
        "refund",
        "recovered",
        "handling",
        "return_cost",
        "cost_share",
    ]
    return out[cols].sort_values("return_cost", ascending=False)


def prevention_scenario(
    prevention: Any,
    appraisal: Any,
    internal_failure: Any,
    external_failure: Any,
    sales: float,
    extra_prevention: float,
    failure_reduction: float,
) -> dict:
    """Cost of quality today and after spending more on prevention.

    ``extra_prevention`` (money a year) is added to prevention and cuts both
    failure categories by ``failure_reduction`` (a fraction). Returns
    ``today`` and ``after`` (:func:`cost_of_quality` reports) and the
    :func:`quality_investment` figures ``saving``, ``net_gain``, ``roi``.

    >>> r = prevention_scenario(100_000, 150_000, 250_000, 500_000, 10_000_000, 100_000, 0.3)
    >>> r["after"]["total"], r["net_gain"]
    (875000.0, 125000.0)
    """
    today = cost_of_quality(prevention, appraisal, internal_failure, external_failure, sales)
    move = quality_investment(extra_prevention, today["nonconformance"], failure_reduction)
    after = cost_of_quality(
        today["prevention"] + extra_prevention,
        today["appraisal"],
        today["internal_failure"] * (1 - failure_reduction),
        today["external_failure"] * (1 - failure_reduction),
        sales,
    )
    return {"today": today, "after": after, **move}


# ---------------------------------------------------------------------------
# service speed -> retention -> customer value


def clv_margin_multiple(margin: Any, retention: Any, discount_rate: Any) -> Any:
    """Value of a customer from yearly margin, retention and discount rate.

    ``margin x r / (1 + d - r)``: margins received at the end of each year the
    customer stays (Gupta & Lehmann 2005, the "margin multiple"): chapter 1's
    :func:`salesprofit.clv.clv` with end-of-year timing.

    >>> round(clv_margin_multiple(100, 0.8, 0.1), 2)
    266.67
    """
    return clv.clv(margin, retention, discount_rate, timing="end")


def retention_after_speedup(retention: Any, speedup: Any, churn_effect: Any) -> Any:
    """Retention after resolving service tickets ``speedup`` faster.

    Churn is modelled on the log-odds scale: ``logit(churn)`` moves by
    ``churn_effect x log(new hours / old hours)`` = ``churn_effect x
    log(1 - speedup)``, where ``churn_effect`` is the change in churn log-odds
    per unit of log resolution time (from :func:`service_speed_churn`). A
    speedup of 0.25 means tickets close 25 % faster.

    >>> round(retention_after_speedup(0.8, 0.25, 1.0), 4)
    0.8421
    """
    C.check("Retention", retention, gt=0, lt=1)
    C.check("Speed-up", speedup, ge=0, lt=1, why="0.25 means tickets are resolved 25 % faster")
    C.finite("Churn effect", churn_effect)
    r, s, b = C.values(retention), C.values(speedup), C.values(churn_effect)
    logit = np.log((1 - r) / r) + b * np.log1p(-s)
    out = 1 - 1 / (1 + np.exp(-logit))
    return C.out(
        out if not isinstance(retention, pd.Series) else pd.Series(out, index=retention.index)
    )


def service_investment(
    customers: float,
    annual_margin: float,
    retention: float,
    speedup: float,
    churn_effect: float,
    discount_rate: float,
    investment: float,
) -> dict:
    """What faster service is worth: retention gained, customer value gained, ROI.

    ``customers`` served, ``annual_margin`` per customer a year (money),
    ``retention`` today (yearly fraction), ``speedup`` (fraction faster),
    ``churn_effect`` (see :func:`retention_after_speedup`), ``discount_rate``
    a year, ``investment`` the one-off cost of the faster service in present
    money. Returns ``retention_new``, ``clv_now``, ``clv_new`` (per customer),
    ``value_gained`` (all customers), ``net_gain`` and ``roi``
    ((value gained - investment) / investment).

    >>> r = service_investment(100, 1000, 0.8, 0.25, 1.0, 0.1, 20_000)
    >>> round(r["clv_now"], 2), round(r["retention_new"], 4), round(r["roi"], 2)
    (2666.67, 0.8421, 1.99)
    """
    C.check("Customers", customers, ge=0)
    C.check("Investment", investment, gt=0, why="the return is measured against what you spend")
    new_r = retention_after_speedup(retention, speedup, churn_effect)
    clv_now = clv_margin_multiple(annual_margin, retention, discount_rate)
    clv_new = clv_margin_multiple(annual_margin, new_r, discount_rate)
    gained = float(customers) * (clv_new - clv_now)
    return {
        "retention_new": float(new_r),
        "clv_now": float(clv_now),
        "clv_new": float(clv_new),
        "value_gained": gained,
        "net_gain": gained - float(investment),
        "roi": (gained - float(investment)) / float(investment),
    }


class SpeedChurn(NamedTuple):
    """Logistic regression of churn on service speed."""

    churn_effect: float  # change in churn log-odds per unit of log resolution hours
    std_error: float
    customers: int
    table: pd.DataFrame  # churn rate by speed tercile (fastest, middle, slowest)
    log_likelihood: float


def service_speed_churn(
    tickets: pd.DataFrame, orders: pd.DataFrame, customers: pd.DataFrame, year: int = 2024
) -> SpeedChurn:
    """Estimate how slower service raises churn, from tickets and orders.

    Customers who bought in ``year`` and had resolved tickets that year; churn
    = no delivered order the next year. Each ticket's log resolution hours is
    taken relative to the mean of its category (a defect takes longer than a
    billing question), averaged per customer; a logistic regression
    (statsmodels) of churn on that speed measure with tier dummies gives the
    effect in log-odds per unit of log hours. Noisy per-customer speed
    measures bias the estimate towards zero, so it is a cautious figure.
    """
    import statsmodels.api as sm

    o = orders[orders["status"] == "delivered"] if "status" in orders else orders
    years = pd.to_datetime(o["order_date"]).dt.year
    bought = set(o.loc[years == year, "customer_id"])
    stayed = set(o.loc[years == year + 1, "customer_id"])
    t = tickets.dropna(subset=["resolution_hours"])
    t = t[(pd.to_datetime(t["opened_date"]).dt.year == year) & (t["resolution_hours"] > 0)]
    lh = np.log(t["resolution_hours"].astype(float))
    t = t.assign(speed=lh - lh.groupby(t["category"]).transform("mean"))
    per = t.groupby("customer_id")["speed"].mean()
    df = customers.set_index("customer_id")[["tier"]].join(per, how="inner")
    df = df[df.index.isin(bought)]
    if len(df) < 30:
        raise ValueError(
            "Fewer than 30 customers with tickets: too few to estimate the effect of speed."
        )
    df["churn"] = (~df.index.isin(stayed)).astype(float)
    X = pd.get_dummies(df["tier"], prefix="tier", drop_first=True, dtype=float)
    X["speed"] = df["speed"]
    X = sm.add_constant(X)
    fit = sm.Logit(df["churn"], X).fit(disp=0)
    band = pd.qcut(df["speed"], 3, labels=["fastest third", "middle third", "slowest third"])
    table = df.groupby(band, observed=True).agg(
        customers=("churn", "size"), churn_rate=("churn", "mean"), speed=("speed", "mean")
    )
    table["hours_vs_average"] = np.exp(table["speed"])
    return SpeedChurn(
        float(fit.params["speed"]),
        float(fit.bse["speed"]),
        len(df),
        table.drop(columns="speed"),
        float(fit.llf),
    )


# ---------------------------------------------------------------------------
# What the chapter 7 labs show, computed once (the notebooks only render these)

#: Ticket categories that are failures the customer finds (external failure).
EXTERNAL_FAILURE_TICKETS = ("product_defect", "wrong_item", "delivery_delay")


def return_rate_ranking(
    by_product: pd.DataFrame, names: pd.Series, min_lines: int = 50, top: int = 10
) -> pd.DataFrame:
    """The ``top`` products by how often a sale comes back, among those sold on ``min_lines`` lines or more.

    ``by_product`` is :func:`returns_by_product`; ``names`` maps product id to name. Adds
    ``name``; sorted by ``return_rate``, highest first.

    >>> bp = pd.DataFrame({"lines_sold": [60.0, 80.0, 10.0], "return_rate": [0.05, 0.10, 0.5]},
    ...                   index=pd.Index(["A", "B", "C"], name="product_id"))
    >>> return_rate_ranking(bp, pd.Series({"A": "drill", "B": "saw", "C": "glue"}), top=2)["name"].tolist()
    ['saw', 'drill']
    """
    if min_lines < 0 or top < 1:
        raise ValueError(
            "Give a minimum number of lines of zero or more and show at least one product."
        )
    kept = by_product[by_product["lines_sold"] >= min_lines]
    out = kept.sort_values("return_rate", ascending=False, kind="stable").head(top).copy()
    out.insert(0, "name", out.index.map(names))
    return out


@dataclass(frozen=True)
class ReturnsOverview:
    """Returns across all products (money in the data's currency)."""

    total_cost: float  #: profit cost of all returns
    share_of_gross_profit: float  #: that cost over all products' gross profit
    average_return_rate: float  #: returned lines over lines sold, all products
    top_return_rate: float  #: the same for the products of the ranking shown


def returns_overview(by_product: pd.DataFrame, ranking: pd.DataFrame) -> ReturnsOverview:
    """What returns cost in all, and how often the worst products come back against the average.

    >>> bp = pd.DataFrame({"lines_sold": [100.0, 100.0], "returns": [10.0, 2.0],
    ...                    "gross_profit": [1000.0, 1000.0], "return_cost": [300.0, 100.0]}, index=["A", "B"])
    >>> o = returns_overview(bp, bp.loc[["A"]])
    >>> o.total_cost, o.share_of_gross_profit, o.average_return_rate, o.top_return_rate
    (400.0, 0.2, 0.06, 0.1)
    """
    lines = float(by_product["lines_sold"].sum())
    gross = float(by_product["gross_profit"].sum())
    if lines <= 0 or gross <= 0:
        raise ValueError("There are no sales with a gross profit to compare the returns with.")
    cost = float(by_product["return_cost"].sum())
    return ReturnsOverview(
        cost,
        cost / gross,
        float(by_product["returns"].sum()) / lines,
        float(ranking["returns"].sum()) / float(ranking["lines_sold"].sum()),
    )


@dataclass(frozen=True)
class QualityYear:
    """Sales and the cost of external failure in one year (money in the data's currency)."""

    year: int
    sales: float  #: net sales of delivered orders
    returns_cost: float  #: profit cost of the returns of the year
    tickets_cost: float  #: cost of the service tickets about failures
    external_failure: float  #: returns plus those tickets


def quality_year(
    orders: pd.DataFrame,
    order_lines: pd.DataFrame,
    returns: pd.DataFrame,
    tickets: pd.DataFrame,
    year: int,
    categories: tuple = EXTERNAL_FAILURE_TICKETS,
) -> QualityYear:
    """A year's sales and external-failure cost: returns plus tickets about defects, wrong items, delays.

    >>> o = pd.DataFrame({"order_id": ["O1"], "order_date": pd.to_datetime(["2025-03-01"]),
    ...                   "status": ["delivered"]})
    >>> l = pd.DataFrame({"order_id": ["O1"], "quantity": [10], "net_price": [100.0], "unit_cost": [60.0]})
    >>> r = pd.DataFrame({"return_date": pd.to_datetime(["2025-04-01"]), "refund_amount": [100.0],
    ...                   "recovered_value": [60.0], "handling_cost": [10.0]})
    >>> t = pd.DataFrame({"opened_date": pd.to_datetime(["2025-05-01"]), "category": ["wrong_item"],
    ...                   "cost": [25.0]})
    >>> q = quality_year(o, l, r, t, 2025)
    >>> q.sales, q.returns_cost, q.tickets_cost, q.external_failure
    (1000.0, 50.0, 25.0, 75.0)
    """
    o = orders[orders["status"] == "delivered"] if "status" in orders else orders
    o = o[pd.to_datetime(o["order_date"]).dt.year == year]
    lines = order_lines[order_lines["order_id"].isin(o["order_id"])]
    if len(lines) == 0:
        raise ValueError(f"There are no delivered orders in {year}.")
    r = returns[pd.to_datetime(returns["return_date"]).dt.year == year]
    t = tickets[
        (pd.to_datetime(tickets["opened_date"]).dt.year == year)
        & tickets["category"].isin(list(categories))
    ]
    returns_cost = float(return_cost(r).sum())
    tickets_cost = float(t["cost"].sum())
    return QualityYear(
        year,
        float(line_net_sales(lines).sum()),
        returns_cost,
        tickets_cost,
        returns_cost + tickets_cost,
    )


@dataclass(frozen=True)
class Speedup:
    """How much faster tickets were resolved (median hours)."""

    base_year: int
    year: int
    median_base: float
    median_current: float
    speedup: float  #: 1 - median_current / median_base (0.26 = 26 % faster)


def resolution_speedup(tickets: pd.DataFrame, base_year: int, year: int) -> Speedup:
    """Median resolution time in two years and the speed-up between them.

    >>> t = pd.DataFrame({"opened_date": pd.to_datetime(["2024-01-01", "2024-02-01", "2025-01-01"]),
    ...                   "resolution_hours": [10.0, 30.0, 15.0]})
    >>> resolution_speedup(t, 2024, 2025).speedup
    0.25
    """
    done = tickets.dropna(subset=["resolution_hours"])
    years = pd.to_datetime(done["opened_date"]).dt.year
    base = done.loc[years == base_year, "resolution_hours"]
    cur = done.loc[years == year, "resolution_hours"]
    if len(base) == 0 or len(cur) == 0:
        raise ValueError(f"There are no resolved tickets in {base_year} or in {year}.")
    m0, m1 = float(base.median()), float(cur.median())
    return Speedup(base_year, year, m0, m1, 1 - m1 / m0)


#: Resolution-time bands of lab 7.2 (hours) and their names.
SPEED_BANDS = (
    (0, 8, "under 8 h"),
    (8, 24, "8–24 h"),
    (24, 72, "1–3 days"),
    (72, np.inf, "over 3 days"),
)


def nps_by_resolution_time(surveys: pd.DataFrame, tickets: pd.DataFrame) -> pd.DataFrame:
    """NPS of the surveys sent after a ticket, by how long the ticket took (:data:`SPEED_BANDS`).

    Columns ``resolved in``, ``answers`` and ``nps`` (points, -100 to 100).

    >>> s = pd.DataFrame({"survey_type": ["post_ticket"] * 2, "ticket_id": ["T1", "T2"], "nps_score": [10, 3]})
    >>> t = pd.DataFrame({"ticket_id": ["T1", "T2"], "resolution_hours": [4.0, 100.0]})
    >>> nps_by_resolution_time(s, t)["nps"].tolist()
    [100.0, -100.0]
    """
    done = tickets.dropna(subset=["resolution_hours"])[["ticket_id", "resolution_hours"]]
    post = surveys[surveys["survey_type"] == "post_ticket"].merge(done, on="ticket_id")
    edges = [b[0] for b in SPEED_BANDS] + [SPEED_BANDS[-1][1]]
    band = pd.cut(post["resolution_hours"], edges, labels=[b[2] for b in SPEED_BANDS])
    out = post.groupby(band, observed=True).agg(
        answers=("nps_score", "size"), nps=("nps_score", nps)
    )
    out.index.name = "resolved in"
    return out.reset_index()


@dataclass(frozen=True)
class TicketCustomers:
    """Customers who bought in a year and had service tickets: how many, retention, yearly margin."""

    customers: int
    retention: float  #: share who bought again the next year
    annual_margin: float  #: their average profit a year after cost to serve (money)


def ticket_customers(
    orders: pd.DataFrame, customer_profit: pd.DataFrame, tickets: pd.DataFrame, year: int
) -> TicketCustomers:
    """The customer base of lab 7.2: buyers of ``year`` with tickets opened that year, their retention and margin.

    ``customer_profit`` is :func:`salesprofit.profitability.customer_profit` over the
    whole period of ``orders``; the yearly margin is its ``profit`` (after cost to serve,
    chapter 1's definition of the margin in CLV) divided by the number of calendar years
    the orders cover.

    >>> o = pd.DataFrame({"customer_id": ["A", "B", "A"], "status": ["delivered"] * 3,
    ...                   "order_date": pd.to_datetime(["2024-01-05", "2024-02-01", "2025-03-01"])})
    >>> cp = pd.DataFrame({"profit": [2000.0, 1000.0]}, index=["A", "B"])
    >>> t = pd.DataFrame({"customer_id": ["A", "B"], "opened_date": pd.to_datetime(["2024-05-01", "2024-06-01"])})
    >>> tc = ticket_customers(o, cp, t, 2024)
    >>> tc.customers, tc.retention, tc.annual_margin
    (2, 0.5, 750.0)
    """
    o = orders[orders["status"] == "delivered"] if "status" in orders else orders
    years = pd.to_datetime(o["order_date"]).dt.year
    opened = pd.to_datetime(tickets["opened_date"]).dt.year == year
    bought = set(o.loc[years == year, "customer_id"]) & set(tickets.loc[opened, "customer_id"])
    if not bought:
        raise ValueError(f"No customer who bought in {year} had a service ticket.")
    again = bought & set(o.loc[years == year + 1, "customer_id"])
    per_year = customer_profit["profit"].reindex(sorted(bought)) / years.nunique()
    return TicketCustomers(len(bought), len(again) / len(bought), float(per_year.mean()))


@dataclass(frozen=True)
class ServiceValueRange:
    """What faster service is worth, at the estimated effect and at both ends of its interval."""

    churn_effect: float
    effect_low: float
    effect_high: float
    includes_zero: bool  #: the interval of the effect includes zero (no effect cannot be ruled out)
    retention_new: float
    value_gained: float  #: customer value gained at the estimated effect (money, all customers)
    value_low: float  #: the same at the low end of the interval
    value_high: float  #: the same at the high end
    roi: float
    roi_low: float
    roi_high: float
    clv_now: float = 0.0  #: value of one customer today (money)
    clv_new: float = 0.0  #: the same after the speed-up, at the estimated effect


def service_value_range(
    customers: float,
    annual_margin: float,
    retention: float,
    speedup: float,
    churn_effect: float,
    std_error: float,
    discount_rate: float,
    investment: float,
    z: float = 1.96,
) -> ServiceValueRange:
    """:func:`service_investment` at the estimated churn effect and at ``effect ± z x std_error``.

    ``z = 1.96`` gives the 95 % interval of the effect; the value claim then runs between
    the two values that follow from its ends.

    >>> r = service_value_range(100, 1000, 0.8, 0.25, 1.0, 0.6, 0.1, 20_000)
    >>> r.includes_zero, round(r.effect_low, 3), round(r.value_low, 0) < 0 < round(r.value_high, 0)
    (True, -0.176, True)
    """
    C.check("Standard error", std_error, ge=0)
    C.check("z", z, gt=0)
    low, high = churn_effect - z * std_error, churn_effect + z * std_error
    args = (customers, annual_margin, retention, speedup)
    mid = service_investment(*args, churn_effect, discount_rate, investment)
    lo = service_investment(*args, low, discount_rate, investment)
    hi = service_investment(*args, high, discount_rate, investment)
    return ServiceValueRange(
        float(churn_effect),
        float(low),
        float(high),
        bool(low <= 0 <= high),
        mid["retention_new"],
        mid["value_gained"],
        lo["value_gained"],
        hi["value_gained"],
        mid["roi"],
        lo["roi"],
        hi["roi"],
        mid["clv_now"],
        mid["clv_new"],
    )
