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

from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from . import _checks as C
from . import clv

__all__ = [
    "SpeedChurn",
    "clv_margin_multiple",
    "cost_of_quality",
    "nps",
    "prevention_scenario",
    "quality_investment",
    "retention_after_speedup",
    "returns_by_product",
    "service_investment",
    "service_speed_churn",
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
    gp = order_lines["quantity"] * (order_lines["net_price"] - order_lines["unit_cost"])
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
    out["return_cost"] = out["refund"] - out["recovered"] + out["handling"]
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
