"""Marketing: channel economics and precision marketing (chapter 8, 有效的市场营销策略).

The models are the standard ones of marketing metrics:

* customer acquisition cost, CAC payback, return on marketing investment and
  LTV/CAC: Farris, Bendle, Pfeifer & Reibstein, *Marketing Metrics*, 3rd ed.
  (Pearson 2016), ch. 5 "Customer profitability" and ch. 10 "Marketing and
  finance"; CAC payback as "months of gross-margin-adjusted revenue to recover
  CAC" as in Skok, "SaaS Metrics 2.0" (forEntrepreneurs, 2013);
* a response model for precision marketing, a logistic regression of the
  response on what was known about each contact before the campaign, with the
  gains (cumulative response) table, lift and the profit curve against the depth
  of the list contacted: Blattberg, Kim & Neslin, *Database Marketing* (Springer
  2008), ch. 10 "The predictive modeling process" and ch. 11 (gains, lift);
  Provost & Fawcett, *Data Science for Business* (O'Reilly 2013), ch. 7-8
  (profit curves). The model is fitted with statsmodels (``Logit``).

Conventions: fractions are fractions (a 4 % response rate is ``0.04``); money is
in the data's currency; nothing is rounded here. Pure: DataFrames in, numbers and
DataFrames out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from . import _checks as C
from . import clv as _clv
from .profitability import line_gross_profit, line_net_sales

__all__ = [
    "ResponseModel",
    "TargetingDepth",
    "best_depth",
    "cac",
    "cac_payback_months",
    "channel_economics",
    "channel_performance",
    "customer_value_by_channel",
    "expected_profit_curve",
    "fit_response_model",
    "gains_table",
    "ltv_to_cac",
    "profit_curve",
    "reallocate_budget",
    "response_features",
    "roi",
    "split_sample",
]

# ---------------------------------------------------------------------------
# The four contract metrics


def cac(spend: Any, new_customers: Any) -> Any:
    """Customer acquisition cost: ``spend / new_customers`` (money per new customer).

    Parameters
    ----------
    spend : float or array-like
        What a channel or campaign cost in the period, in money. Zero or more.
    new_customers : float or array-like
        New customers it won in the same period. Above zero.

    Returns
    -------
    float or array-like
        Money spent per new customer. Arrays and Series keep their shape (and index).

    Raises
    ------
    ValueError
        If the spend is negative or no new customer was won.

    References
    ----------
    Farris, P. W., Bendle, N. T., Pfeifer, P. E. and Reibstein, D. J., *Marketing
    Metrics*, 2nd ed. (2010), ch. 10, "Average acquisition cost".

    Examples
    --------
    >>> cac(50_000.0, 40)
    1250.0
    """
    C.check("spend", spend, ge=0, why="marketing spend cannot be negative")
    C.check(
        "new customers",
        new_customers,
        gt=0,
        why="a channel that won no new customer has no acquisition cost per customer "
        "(its cost per customer is unbounded)",
    )
    return _arith(lambda s, n: s / n, spend, new_customers)


def cac_payback_months(cac: Any, monthly_revenue: Any, gross_margin: Any) -> Any:
    """Months of gross margin a new customer needs to earn back its acquisition cost.

    ``cac / (monthly_revenue x gross_margin)``.

    Parameters
    ----------
    cac : float or array-like
        Acquisition cost of one customer, in money. Zero or more.
    monthly_revenue : float or array-like
        Revenue per customer and month, in money. Above zero.
    gross_margin : float or array-like
        Gross margin on that revenue, a fraction above 0 and at most 1.

    Returns
    -------
    float or array-like
        Payback time in months, not rounded. Arrays and Series keep their shape (and index).

    Raises
    ------
    ValueError
        If the acquisition cost is negative, the revenue not positive or the margin not a
        positive fraction.

    Examples
    --------
    >>> cac_payback_months(1200.0, 1000.0, 0.3)
    4.0
    """
    C.check("CAC", cac, ge=0, why="an acquisition cost cannot be negative")
    C.check(
        "monthly revenue",
        monthly_revenue,
        gt=0,
        why="a customer who buys nothing never pays back what it cost to win",
    )
    C.check(
        "gross margin",
        gross_margin,
        gt=0,
        le=1,
        why="only a positive margin pays back an acquisition cost",
    )
    return _arith(lambda c, r, g: c / (r * g), cac, monthly_revenue, gross_margin)


def roi(gain: Any, cost: Any) -> Any:
    """Return on investment: ``(gain - cost) / cost``, a fraction (0.5 is 50 %).

    For marketing the gain is the gross margin the campaign's sales earned, not their
    revenue.

    Parameters
    ----------
    gain : float or array-like
        What the investment brought back, in money.
    cost : float or array-like
        What it cost, in money. Above zero.

    Returns
    -------
    float or array-like
        The return as a fraction of the cost. Arrays and Series keep their shape (and
        index).

    Raises
    ------
    ValueError
        If the cost is not positive or the gain is missing.

    References
    ----------
    Farris, P. W., Bendle, N. T., Pfeifer, P. E. and Reibstein, D. J., *Marketing
    Metrics*, 2nd ed. (2010), ch. 10, "Return on marketing investment".

    Examples
    --------
    >>> roi(150_000.0, 100_000.0)
    0.5
    """
    C.finite("gain", gain)
    C.check("cost", cost, gt=0, why="a return is measured against a positive cost")
    return _arith(lambda g, c: (g - c) / c, gain, cost)


def ltv_to_cac(ltv: Any, cac: Any) -> Any:
    """Lifetime value per unit of acquisition cost: ``ltv / cac``.

    A common rule of thumb asks for 3 or more.

    Parameters
    ----------
    ltv : float or array-like
        Lifetime value of a customer (for instance from :func:`salesprofit.clv.clv`), in
        money.
    cac : float or array-like
        Acquisition cost of a customer, in money. Above zero.

    Returns
    -------
    float or array-like
        The ratio. Arrays and Series keep their shape (and index).

    Raises
    ------
    ValueError
        If the acquisition cost is not positive or the lifetime value is missing.

    Examples
    --------
    >>> ltv_to_cac(3600.0, 1200.0)
    3.0
    """
    C.finite("lifetime value", ltv)
    C.check("CAC", cac, gt=0, why="the ratio is measured against a positive acquisition cost")
    return _arith(lambda v, c: v / c, ltv, cac)


def _arith(f, *xs: Any) -> Any:
    """Apply ``f`` elementwise: pandas objects keep their index, anything else goes through numpy
    (lists become arrays); a scalar result is a plain float."""
    if any(isinstance(x, (pd.Series, pd.DataFrame)) for x in xs):
        return f(*(x if isinstance(x, (pd.Series, pd.DataFrame)) else C.values(x) for x in xs))
    return C.out(f(*(C.values(x) for x in xs)))


# ---------------------------------------------------------------------------
# Channel economics from the campaigns tables


def channel_performance(
    campaigns: pd.DataFrame,
    responses: pd.DataFrame,
    gross_margin: float,
    by: str = "channel",
    attribution: str = "all",
) -> pd.DataFrame:
    """Spend, reach, responses, new customers, margin earned, ROI and CAC per channel.

    ``campaigns`` has ``campaign_id``, ``channel``, ``spend``; ``responses`` one row
    per contact with ``campaign_id``, ``responded``, ``converted``, ``new_customer``
    and ``first_order_value`` (the net value of the order that followed the
    response). ``gross_margin`` (a fraction) turns that revenue into margin: the
    gain in :func:`roi`. ``by`` is ``"channel"`` or ``"campaign_id"``.
    ``attribution`` says which orders the campaign is credited with: ``"all"``
    (every order placed within 30 days of a response, generous: existing customers
    might have ordered anyway) or ``"new"`` (only new customers' first orders,
    strict).

    Columns: ``spend``, ``contacts``, ``responses``, ``response_rate``,
    ``orders`` (converted contacts), ``conversion_rate`` (orders / contacts),
    ``new_customers``, ``revenue``, ``margin``, ``roi`` and ``cac`` (NaN when a
    channel won no new customer), ``cost_per_contact``, ``cost_per_order``.

    >>> camp = pd.DataFrame({"campaign_id": ["M1"], "channel": ["email"], "spend": [1000.0]})
    >>> resp = pd.DataFrame({"campaign_id": ["M1"] * 4, "responded": [1, 1, 0, 0],
    ...                      "converted": [1, 0, 0, 0], "new_customer": [1, 0, 0, 0],
    ...                      "first_order_value": [5000.0, None, None, None]})
    >>> row = channel_performance(camp, resp, gross_margin=0.3).loc["email"]
    >>> float(row["roi"]), float(row["cac"]), float(row["response_rate"])
    (0.5, 1000.0, 0.5)
    """
    C.check("gross margin", gross_margin, gt=0, le=1)
    if by not in {"channel", "campaign_id"}:
        raise ValueError("by is 'channel' or 'campaign_id'.")
    if attribution not in {"all", "new"}:
        raise ValueError(
            "attribution is 'all' (every order after a response) or 'new' (new customers only)."
        )
    r = responses.merge(campaigns[["campaign_id", "channel"]], on="campaign_id", how="left")
    if r["channel"].isna().any():
        bad = r.loc[r["channel"].isna(), "campaign_id"].iloc[0]
        raise ValueError(f"Campaign {bad} has responses but is not in the campaigns table.")
    credited = r["converted"] if attribution == "all" else r["new_customer"]
    r = r.assign(revenue=r["first_order_value"].fillna(0.0) * credited)
    g = r.groupby(by).agg(
        contacts=("campaign_id", "size"),
        responses=("responded", "sum"),
        orders=("converted", "sum"),
        new_customers=("new_customer", "sum"),
        revenue=("revenue", "sum"),
    )
    spend = campaigns.groupby(by)["spend"].sum()
    out = pd.DataFrame({"spend": spend.astype(float)}).join(g, how="left").fillna(0)
    for col in ("contacts", "responses", "orders", "new_customers"):
        out[col] = out[col].astype(np.int64)
    contacts = out["contacts"].where(out["contacts"] > 0)
    out["response_rate"] = out["responses"] / contacts
    out["conversion_rate"] = out["orders"] / contacts
    out["margin"] = out["revenue"] * gross_margin
    out["roi"] = (out["margin"] - out["spend"]) / out["spend"].where(out["spend"] > 0)
    out["cac"] = out["spend"] / out["new_customers"].where(out["new_customers"] > 0)
    out["cost_per_contact"] = out["spend"] / contacts
    out["cost_per_order"] = out["spend"] / out["orders"].where(out["orders"] > 0)
    return out[
        [
            "spend",
            "contacts",
            "responses",
            "response_rate",
            "orders",
            "conversion_rate",
            "new_customers",
            "revenue",
            "margin",
            "roi",
            "cac",
            "cost_per_contact",
            "cost_per_order",
        ]
    ]


def customer_value_by_channel(
    customers: pd.DataFrame,
    orders: pd.DataFrame,
    order_lines: pd.DataFrame,
    end: Any = None,
    profit: pd.Series | None = None,
) -> pd.DataFrame:
    """Average monthly revenue, gross margin and profit after cost to serve of customers by channel.

    For every customer: net sales and gross profit of delivered lines
    (:func:`salesprofit.profitability.line_net_sales` and ``line_gross_profit``) divided by
    the months from ``acquired_date`` to ``end`` (the last order date when not given; at
    least one month). ``profit`` (per customer over the same orders, after cost to serve:
    :func:`salesprofit.profitability.customer_profit`'s ``profit``) adds
    ``monthly_profit`` (money per customer and month) and ``profit_margin`` (fraction).
    Columns: ``customers``, ``monthly_revenue`` (money per customer and month),
    ``gross_margin`` (fraction), ``monthly_margin``.

    >>> cust = pd.DataFrame({"customer_id": ["A"], "acquired_date": ["2024-01-01"],
    ...                      "acquisition_channel": ["email"]})
    >>> o = pd.DataFrame({"order_id": ["O1"], "customer_id": ["A"], "order_date": pd.to_datetime(["2025-01-01"])})
    >>> l = pd.DataFrame({"order_id": ["O1"], "quantity": [10], "net_price": [100.0], "unit_cost": [75.0]})
    >>> v = customer_value_by_channel(cust, o, l, profit=pd.Series({"A": 120.0})).loc["email"]
    >>> round(float(v["gross_margin"]), 2), round(float(v["profit_margin"]), 2)
    (0.25, 0.12)
    """
    if "status" in orders:
        orders = orders[orders["status"] == "delivered"]
    lines = order_lines.merge(orders[["order_id", "customer_id"]], on="order_id")
    lines = lines.assign(sales=line_net_sales(lines), gp=line_gross_profit(lines))
    per = lines.groupby("customer_id")[["sales", "gp"]].sum()
    end = pd.Timestamp(end) if end is not None else orders["order_date"].max()
    cust = customers.set_index("customer_id")
    months = ((end - pd.to_datetime(cust["acquired_date"])).dt.days / (365.25 / 12)).clip(lower=1)
    per = per.reindex(cust.index, fill_value=0.0)
    df = pd.DataFrame(
        {
            "channel": cust["acquisition_channel"],
            "sales": per["sales"],
            "gp": per["gp"],
            "monthly_revenue": per["sales"] / months,
        }
    )
    aggs = {
        "customers": ("sales", "size"),
        "sales": ("sales", "sum"),
        "gp": ("gp", "sum"),
        "monthly_revenue": ("monthly_revenue", "mean"),
    }
    if profit is not None:
        df["profit"] = profit.reindex(cust.index).fillna(0.0)
        aggs["profit"] = ("profit", "sum")
    g = df.groupby("channel").agg(**aggs)
    g["gross_margin"] = g["gp"] / g["sales"]
    g["monthly_margin"] = g["monthly_revenue"] * g["gross_margin"]
    cols = ["customers", "monthly_revenue", "gross_margin", "monthly_margin"]
    if profit is not None:
        g["profit_margin"] = g["profit"] / g["sales"]
        g["monthly_profit"] = g["monthly_revenue"] * g["profit_margin"]
        cols += ["profit_margin", "monthly_profit"]
    return g[cols]


def channel_economics(
    performance: pd.DataFrame,
    monthly_revenue: Any,
    gross_margin: Any,
    annual_retention: Any,
    discount_rate: float = 0.10,
    monthly_profit: Any = None,
) -> pd.DataFrame:
    """CAC, CAC payback and LTV/CAC per channel, with chapter 1's customer lifetime value.

    ``performance`` is :func:`channel_performance`; ``monthly_revenue`` (money per
    new customer and month), ``gross_margin``, ``annual_retention`` (fractions) and
    ``monthly_profit`` (money per customer and month after cost to serve) are scalars
    or Series indexed by channel. The payback pays the CAC back from gross margin
    (:func:`cac_payback_months`). The lifetime value is chapter 1's CLV,
    :func:`salesprofit.clv.clv` of the yearly profit after cost to serve
    (``12 x monthly_profit``; the gross margin when ``monthly_profit`` is not given),
    the retention and the ``discount_rate``: the value a manager should act on. Adds
    ``payback_months``, ``ltv`` and ``ltv_to_cac`` (NaN where there is no CAC).

    >>> perf = pd.DataFrame({"cac": [1000.0]}, index=["email"])
    >>> e = channel_economics(perf, 500.0, 0.25, 0.8, 0.10, monthly_profit=50.0).loc["email"]
    >>> float(e["payback_months"]), round(float(e["ltv"]), 2), round(float(e["ltv_to_cac"]), 2)
    (8.0, 1600.0, 1.6)
    """
    C.check("gross margin", gross_margin, gt=0, le=1)
    C.check("monthly revenue", monthly_revenue, gt=0)
    margin = monthly_revenue * gross_margin if monthly_profit is None else monthly_profit
    out = performance.copy()
    # a channel that won no new customer has no CAC (NaN) and so no payback
    payback = cac_payback_months(out["cac"].fillna(0.0), monthly_revenue, gross_margin)
    out["payback_months"] = payback.where(out["cac"].notna())
    out["ltv"] = _clv.clv(12 * margin, annual_retention, discount_rate)
    out["ltv_to_cac"] = out["ltv"] / out["cac"]
    return out


def reallocate_budget(
    performance: pd.DataFrame,
    shares: Any,
    total_budget: float | None = None,
    diminishing: float = 0.0,
    normalise: bool = False,
) -> pd.DataFrame:
    """What a new split of the budget across channels would bring, at each channel's own rates.

    ``shares`` maps channel to the fraction of ``total_budget`` (default: today's
    total spend) it gets; they must add up to 1. Each channel keeps its margin and
    new customers per yuan; ``diminishing`` (0 to 1) bends returns: a channel whose
    spend is multiplied by ``k`` earns ``k ** (1 - diminishing)`` times its margin
    (0: returns scale in proportion; 0.5: doubling spend earns 41 % more). Columns:
    ``spend_now``, ``spend``, ``margin``, ``new_customers``, ``profit`` (margin -
    spend), plus a ``total`` row.

    >>> perf = pd.DataFrame({"spend": [100.0, 100.0], "margin": [300.0, 50.0],
    ...                      "new_customers": [3, 1]}, index=["a", "b"])
    >>> float(reallocate_budget(perf, {"a": 1.0, "b": 0.0}).loc["total", "profit"])
    400.0
    """
    C.check("diminishing returns", diminishing, ge=0, le=1)
    s = pd.Series(shares, dtype=float).reindex(performance.index)
    if s.isna().any():
        raise ValueError(
            f"Give a budget share for every channel (missing: {', '.join(s.index[s.isna()])})."
        )
    if normalise:
        C.check("a budget weight", s, ge=0)
        if s.sum() <= 0:
            raise ValueError("Give at least one channel some budget.")
        s = s / s.sum()
    C.check("a budget share", s, ge=0, le=1)
    if abs(s.sum() - 1) > 1e-9:
        raise ValueError(f"The budget shares add up to {s.sum():.1%}; they must add up to 100 %.")
    total = float(performance["spend"].sum()) if total_budget is None else float(total_budget)
    C.check("total budget", total, ge=0)
    now = performance["spend"].astype(float)
    if (now <= 0).any():
        raise ValueError("Every channel needs some spend today to know what a yuan in it earns.")
    spend = s * total
    k = spend / now
    scale = k ** (1 - diminishing)
    out = pd.DataFrame(
        {
            "spend_now": now,
            "spend": spend,
            "margin": performance["margin"] * scale,
            "new_customers": performance["new_customers"] * scale,
        }
    )
    out["profit"] = out["margin"] - out["spend"]
    out.loc["total"] = out.sum()
    return out


# ---------------------------------------------------------------------------
# Precision marketing: the response model


FEATURES = ("is_customer", "log_orders", "recency", "log_employees")


def response_features(
    responses: pd.DataFrame, campaigns: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The model's inputs for each contact, from what was known before the campaign.

    ``is_customer`` (0/1), ``log_orders`` = log(1 + orders in the last 12 months),
    ``recency`` = days since the last order capped at 365 (365 for no order),
    ``log_employees`` = log(employees / 100), one dummy per segment (against the
    first in alphabetical order) and, when ``campaigns`` is given, one per channel.
    """
    rec = responses["recency_days"].astype(float).fillna(365.0).clip(upper=365.0)
    X = pd.DataFrame(
        {
            "const": 1.0,
            "is_customer": responses["is_customer"].astype(float),
            "log_orders": np.log1p(responses["orders_last_12m"].astype(float)),
            "recency": rec,
            "log_employees": np.log(responses["employees"].astype(float) / 100),
        },
        index=responses.index,
    )
    seg = pd.get_dummies(responses["segment"], prefix="segment", drop_first=True, dtype=float)
    parts = [X, seg]
    if campaigns is not None:
        ch = responses["campaign_id"].map(campaigns.set_index("campaign_id")["channel"])
        parts.append(pd.get_dummies(ch, prefix="channel", drop_first=True, dtype=float))
    return pd.concat(parts, axis=1)


@dataclass(frozen=True)
class ResponseModel:
    """A fitted logistic response model.

    ``params`` (log-odds coefficients by feature), ``std_errors``, ``columns`` (the
    feature columns in order), ``n`` (contacts fitted), ``base_rate`` (the
    observed response rate), ``log_likelihood`` and ``pseudo_r2`` (McFadden).
    """

    params: pd.Series
    std_errors: pd.Series
    columns: tuple[str, ...]
    n: int
    base_rate: float
    log_likelihood: float
    pseudo_r2: float

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        """Predicted probability of the outcome for each row of ``X`` (features as
        :func:`response_features` builds them; missing dummy columns count as 0)."""
        Z = X.reindex(columns=list(self.columns), fill_value=0.0).to_numpy(dtype=float)
        eta = Z @ self.params.to_numpy()
        return 1.0 / (1.0 + np.exp(-eta))


def fit_response_model(X: pd.DataFrame, y: Any) -> ResponseModel:
    """Maximum-likelihood logistic regression of ``y`` (0/1) on ``X`` (statsmodels ``Logit``).

    >>> X = pd.DataFrame({"const": 1.0, "x": [0, 0, 0, 0, 1, 1, 1, 1.0]})
    >>> m = fit_response_model(X, [0, 0, 0, 1, 0, 1, 1, 1])
    >>> round(float(m.params["x"]), 4)   # log(3/1) - log(1/3)
    2.1972
    """
    from statsmodels.discrete.discrete_model import Logit

    yv = np.asarray(y, dtype=float)
    C.finite("the outcome", yv)
    if not np.isin(yv, (0.0, 1.0)).all():
        raise ValueError("The outcome must be 0 (no response) or 1 (response) for every contact.")
    if yv.min() == yv.max():
        raise ValueError(
            "Every contact has the same outcome: a response model needs both "
            "responders and non-responders."
        )
    if len(yv) != len(X):
        raise ValueError("The outcome and the features must have one row per contact each.")
    res = Logit(yv, X.astype(float)).fit(disp=0, method="newton", maxiter=100)
    return ResponseModel(
        params=res.params,
        std_errors=res.bse,
        columns=tuple(X.columns),
        n=len(yv),
        base_rate=float(yv.mean()),
        log_likelihood=float(res.llf),
        pseudo_r2=float(res.prsquared),
    )


def split_sample(n: int, test_share: float = 0.3, seed: int = 8) -> np.ndarray:
    """A seeded boolean mask marking ``test_share`` of ``n`` rows as the hold-out sample."""
    C.check("test share", test_share, gt=0, lt=1)
    rng = np.random.default_rng(seed)
    mask = np.zeros(n, dtype=bool)
    mask[rng.choice(n, round(n * test_share), replace=False)] = True
    return mask


def gains_table(scores: Any, outcomes: Any, bins: int = 10) -> pd.DataFrame:
    """Gains and lift by slice of the list sorted by score, best first.

    Rows: the top ``bins`` slices (deciles by default). Columns: ``depth`` (share of
    the list contacted up to this slice), ``contacts``, ``responders``,
    ``response_rate`` (in the slice), ``cum_responders``, ``gains`` (share of all
    responders reached so far), ``lift`` (slice rate / overall rate) and
    ``cum_lift`` (gains / depth).

    >>> g = gains_table([0.9, 0.8, 0.2, 0.1], [1, 1, 0, 0], bins=2)
    >>> g["gains"].tolist(), g["lift"].tolist()
    ([1.0, 1.0], [2.0, 0.0])
    """
    s = np.asarray(scores, dtype=float)
    y = np.asarray(outcomes, dtype=float)
    if len(s) != len(y) or len(s) == 0:
        raise ValueError("Give one score and one outcome per contact.")
    if y.sum() == 0:
        raise ValueError("No contact responded: gains and lift need at least one responder.")
    order = np.argsort(-s, kind="stable")
    ys = y[order]
    n = len(ys)
    edges = np.floor(np.arange(1, bins + 1) * n / bins).astype(int)
    starts = np.r_[0, edges[:-1]]
    cum = np.r_[0, np.cumsum(ys)]
    responders = cum[edges] - cum[starts]
    contacts = edges - starts
    total = ys.sum()
    rate = responders / np.where(contacts > 0, contacts, np.nan)
    out = pd.DataFrame(
        {
            "depth": edges / n,
            "contacts": contacts,
            "responders": responders,
            "response_rate": rate,
            "cum_responders": cum[edges],
            "gains": cum[edges] / total,
        }
    )
    out["lift"] = out["response_rate"] / (total / n)
    out["cum_lift"] = out["gains"] / out["depth"]
    out.index = pd.RangeIndex(1, bins + 1, name="slice")
    return out


def profit_curve(
    scores: Any,
    outcomes: Any,
    value_per_response: float,
    contact_cost: float,
    population: float | None = None,
) -> pd.DataFrame:
    """Campaign profit against the depth of the list contacted, best-scored first.

    Contacting the top ``k`` contacts earns ``value_per_response`` (the margin one
    response brings, money) for each responder among them and costs
    ``contact_cost`` each. ``population`` scales the list to the size of the real
    mailing (default: the list itself). One row per depth ``k = 0..n``:
    ``depth`` (k / n), ``contacts``, ``responders``, ``margin``, ``cost``,
    ``profit``, ``marginal_rate`` (response rate among the last contacts, a moving
    window of 5 % of the list).

    >>> c = profit_curve([0.9, 0.5, 0.1], [1, 0, 0], value_per_response=100.0, contact_cost=10.0)
    >>> c["profit"].tolist()
    [0.0, 90.0, 80.0, 70.0]
    """
    C.check("value per response", value_per_response, ge=0)
    C.check("contact cost", contact_cost, ge=0)
    s = np.asarray(scores, dtype=float)
    y = np.asarray(outcomes, dtype=float)
    if len(s) != len(y) or len(s) == 0:
        raise ValueError("Give one score and one outcome per contact.")
    n = len(s)
    scale = 1.0 if population is None else float(population) / n
    ys = y[np.argsort(-s, kind="stable")]
    k = np.arange(n + 1)
    resp = np.r_[0.0, np.cumsum(ys)]
    window = max(1, n // 20)
    lo = np.maximum(k - window, 0)
    marginal = (resp - resp[lo]) / np.maximum(k - lo, 1)
    out = pd.DataFrame({"depth": k / n, "contacts": k * scale, "responders": resp * scale})
    out["margin"] = out["responders"] * value_per_response
    out["cost"] = out["contacts"] * contact_cost
    out["profit"] = out["margin"] - out["cost"]
    out["marginal_rate"] = marginal
    return out


def breakeven_response_rate(contact_cost: float, value_per_response: float) -> float:
    """The chance of responding above which a contact pays: ``contact_cost / value_per_response``.

    ``contact_cost`` in money per contact, ``value_per_response`` the margin one response
    brings (money); a fraction (0.05 = 5 %).

    >>> breakeven_response_rate(30.0, 600.0)
    0.05
    """
    C.check("contact cost", contact_cost, ge=0)
    C.check(
        "value per response",
        value_per_response,
        gt=0,
        why="if a response is worth nothing, no contact pays",
    )
    return float(contact_cost) / float(value_per_response)


@dataclass(frozen=True)
class TargetingDepth:
    """The best depth on a profit curve, against contacting everyone."""

    depth: float
    contacts: float
    responders: float
    profit: float
    profit_all: float
    breakeven_rate: float


def best_depth(
    curve: pd.DataFrame, value_per_response: float, contact_cost: float
) -> TargetingDepth:
    """The profit-maximising depth on :func:`profit_curve` and the break-even response rate.

    ``breakeven_rate = contact_cost / value_per_response``: contact someone while the
    chance they respond is above it (marginal revenue = marginal cost).

    >>> c = profit_curve([0.9, 0.5, 0.1], [1, 0, 0], 100.0, 10.0)
    >>> best_depth(c, 100.0, 10.0).contacts
    1.0
    """
    C.check(
        "value per response",
        value_per_response,
        gt=0,
        why="if a response is worth nothing, no contact pays",
    )
    i = int(curve["profit"].to_numpy().argmax())
    row = curve.iloc[i]
    return TargetingDepth(
        depth=float(row["depth"]),
        contacts=float(row["contacts"]),
        responders=float(row["responders"]),
        profit=float(row["profit"]),
        profit_all=float(curve["profit"].iloc[-1]),
        breakeven_rate=breakeven_response_rate(contact_cost, value_per_response),
    )


def expected_profit_curve(
    probabilities: Any, value_per_response: float, contact_cost: float
) -> pd.DataFrame:
    """Like :func:`profit_curve` but with each contact's predicted probability in place of
    the observed outcome: the curve to plan a campaign on before it runs."""
    p = np.asarray(probabilities, dtype=float)
    C.check("a response probability", p, ge=0, le=1)
    return profit_curve(p, p, value_per_response, contact_cost)


# ---------------------------------------------------------------------------
# What the chapter 8 labs and calculators show, computed once

#: Channel ids of the campaign tables in words.
CHANNEL_LABELS = {
    "email": "e-mail",
    "wechat": "WeChat",
    "search_ads": "search ads",
    "telemarketing": "telemarketing",
    "trade_show": "trade shows",
}


def channel_label(channel: str) -> str:
    """A channel id in words (:data:`CHANNEL_LABELS`; unknown ids with spaces for underscores).

    >>> channel_label("trade_show"), channel_label("radio_spots")
    ('trade shows', 'radio spots')
    """
    return CHANNEL_LABELS.get(channel, str(channel).replace("_", " "))


def retention_rate(orders: pd.DataFrame, year: int) -> float:
    """Share of the customers who ordered in ``year`` who ordered again in ``year + 1`` (a fraction).

    Only delivered orders count when ``orders`` has a ``status``.

    >>> o = pd.DataFrame({"customer_id": ["A", "B", "A"],
    ...                   "order_date": pd.to_datetime(["2024-01-05", "2024-02-01", "2025-03-01"])})
    >>> retention_rate(o, 2024)
    0.5
    """
    from .segmentation import retention_by

    if "status" in orders:
        orders = orders[orders["status"] == "delivered"]
    ids = orders["customer_id"].drop_duplicates()
    table = retention_by(orders, pd.Series("all", index=ids.to_numpy()), year)
    rate = float(table["retention"].iloc[0])
    if np.isnan(rate):
        raise ValueError(f"No customer ordered in {year}, so there is no retention to measure.")
    return rate


@dataclass(frozen=True)
class AttributionComparison:
    """The channels that look best and worst on generous attribution, and their ROI on strict."""

    best: str
    worst: str
    best_roi_all: float
    worst_roi_all: float
    best_roi_new: float
    worst_roi_new: float


def attribution_comparison(generous: pd.DataFrame, strict: pd.DataFrame) -> AttributionComparison:
    """Best and worst channel by ROI with every order credited, and the same two with new customers only.

    Both tables are :func:`channel_performance` (``attribution="all"`` and ``"new"``).

    >>> g = pd.DataFrame({"roi": [2.0, -0.5]}, index=["email", "trade_show"])
    >>> s = pd.DataFrame({"roi": [0.1, -0.7]}, index=["email", "trade_show"])
    >>> a = attribution_comparison(g, s)
    >>> a.best, a.worst, a.best_roi_new
    ('email', 'trade_show', 0.1)
    """
    best, worst = str(generous["roi"].idxmax()), str(generous["roi"].idxmin())
    return AttributionComparison(
        best,
        worst,
        float(generous.loc[best, "roi"]),
        float(generous.loc[worst, "roi"]),
        float(strict.loc[best, "roi"]),
        float(strict.loc[worst, "roi"]),
    )


@dataclass(frozen=True)
class ChannelPlan:
    """Channel economics and what a new split of the budget brings (money in the data's currency)."""

    economics: pd.DataFrame  #: channel_economics
    plan: pd.DataFrame  #: reallocate_budget at the new split
    today: pd.DataFrame  #: reallocate_budget at today's split
    gain: float  #: lifetime value after spend, plan against today
    best: str  #: the channel with the highest LTV/CAC
    shown: pd.DataFrame  #: economics with the plan's spend and new customers


def channel_mix_plan(
    economics: pd.DataFrame, weights: Any, total_budget: float, diminishing: float
) -> ChannelPlan:
    """Move the budget between channels: each channel's gain is the lifetime value of the customers it wins.

    ``economics`` is :func:`channel_economics`; ``weights`` map channel to a budget weight
    (scaled to add up to 1).

    >>> e = pd.DataFrame({"spend": [100.0, 100.0], "new_customers": [2.0, 1.0], "ltv": [150.0, 90.0],
    ...                   "ltv_to_cac": [3.0, 0.9], "cac": [50.0, 100.0], "payback_months": [1.0, 2.0]},
    ...                  index=["a", "b"])
    >>> p = channel_mix_plan(e, {"a": 1.0, "b": 0.0}, 200.0, 0.0)  # (600 - 200) - (300 + 90 - 200)
    >>> p.best, p.gain
    ('a', 210.0)
    """
    perf = economics.assign(margin=economics["ltv"] * economics["new_customers"])
    plan = reallocate_budget(perf, weights, total_budget, diminishing, normalise=True)
    shares = (perf["spend"] / perf["spend"].sum()).to_dict()
    today = reallocate_budget(perf, shares, total_budget, diminishing)
    shown = economics[
        ["spend", "new_customers", "cac", "payback_months", "ltv", "ltv_to_cac"]
    ].join(
        plan[["spend", "new_customers"]].rename(
            columns={"spend": "plan_spend", "new_customers": "plan_new"}
        )
    )
    return ChannelPlan(
        economics,
        plan,
        today,
        float(plan.loc["total", "profit"] - today.loc["total", "profit"]),
        best_channel(economics),
        shown,
    )


def channel_mix_scenario(
    performance: pd.DataFrame,
    value: pd.DataFrame,
    annual_retention: float,
    discount_rate: float,
    weights: Any,
    total_budget: float,
    diminishing: float,
) -> ChannelPlan:
    """:func:`channel_economics` from :func:`customer_value_by_channel` (with ``monthly_profit``),
    then :func:`channel_mix_plan`: the channel-mix calculator's one call."""
    econ = channel_economics(
        performance,
        value["monthly_revenue"],
        value["gross_margin"],
        annual_retention,
        discount_rate,
        value["monthly_profit"],
    )
    return channel_mix_plan(econ, weights, total_budget, diminishing)


def best_channel(economics: pd.DataFrame) -> str:
    """The channel with the highest LTV/CAC in :func:`channel_economics`.

    >>> best_channel(pd.DataFrame({"ltv_to_cac": [3.0, 7.5]}, index=["email", "wechat"]))
    'wechat'
    """
    if economics["ltv_to_cac"].isna().all():
        raise ValueError("No channel has both a lifetime value and an acquisition cost.")
    return str(economics["ltv_to_cac"].idxmax())


def total_spend(performance: pd.DataFrame) -> float:
    """Total marketing spend of all channels (money).

    >>> total_spend(pd.DataFrame({"spend": [30.0, 10.0]}))
    40.0
    """
    return float(performance["spend"].sum())


def budget_shares(performance: pd.DataFrame) -> dict:
    """Today's share of the budget of each channel (fractions adding up to 1).

    >>> budget_shares(pd.DataFrame({"spend": [30.0, 10.0]}, index=["a", "b"]))
    {'a': 0.75, 'b': 0.25}
    """
    total = float(performance["spend"].sum())
    if total <= 0:
        raise ValueError("No channel has any spend today.")
    return (performance["spend"] / total).to_dict()


def response_effects(model: ResponseModel) -> dict:
    """Two readings of the response model: the odds multiplier of doubling recent orders, and of 30 days' silence.

    >>> params = pd.Series({"log_orders": 1.0, "recency": -0.01})
    >>> m = ResponseModel(params, pd.Series(dtype=float), (), 1, 0.1, 0.0, 0.0)
    >>> {k: round(v, 3) for k, v in response_effects(m).items()}
    {'doubling_orders': 2.0, 'silence_30_days': 0.741}
    """
    return {
        "doubling_orders": float(2 ** model.params["log_orders"]),
        "silence_30_days": float(np.exp(30 * model.params["recency"])),
    }


#: The response model's inputs in words.
FEATURE_LABELS = {
    "is_customer": "already a customer",
    "log_orders": "orders in the last 12 months (log)",
    "recency": "days since the last order",
    "log_employees": "company size (log of employees)",
}


def feature_label(feature: str) -> str:
    """A response-model input in words; dummies read 'channel: trade shows', 'industry: utilities'.

    >>> feature_label("channel_trade_show"), feature_label("segment_healthcare"), feature_label("recency")
    ('channel: trade shows', 'industry: healthcare', 'days since the last order')
    """
    if feature.startswith("channel_"):
        return f"channel: {channel_label(feature[len('channel_') :])}"
    if feature.startswith("segment_"):
        return f"industry: {feature[len('segment_') :].replace('_', ' ')}"
    return FEATURE_LABELS.get(feature, feature.replace("_", " "))


def coefficient_table(model: ResponseModel) -> pd.DataFrame:
    """The response model's effects (log-odds), standard errors and odds multipliers, without the constant.

    >>> m = ResponseModel(pd.Series({"const": -2.0, "log_orders": 1.0}), pd.Series({"const": 0.1, "log_orders": 0.2}),
    ...                   (), 1, 0.1, 0.0, 0.0)
    >>> coefficient_table(m)["odds multiplier"].round(3).tolist()
    [2.718]
    """
    out = pd.DataFrame({"effect (log-odds)": model.params, "std. error": model.std_errors}).drop(
        index="const", errors="ignore"
    )
    out["odds multiplier"] = np.exp(out["effect (log-odds)"])
    out.index = [feature_label(f) for f in out.index]
    out.index.name = "what we knew"
    return out


def response_by_channel(
    predicted: Any, responses: pd.DataFrame, campaigns: pd.DataFrame
) -> pd.DataFrame:
    """Average predicted and observed response rate per channel (fractions).

    >>> camp = pd.DataFrame({"campaign_id": ["M1", "M2"], "channel": ["email", "wechat"]})
    >>> resp = pd.DataFrame({"campaign_id": ["M1", "M1", "M2"], "responded": [1, 0, 1]})
    >>> response_by_channel([0.6, 0.4, 0.9], resp, camp)["observed"].tolist()
    [0.5, 1.0]
    """
    channel = responses["campaign_id"].map(campaigns.set_index("campaign_id")["channel"])
    frame = pd.DataFrame(
        {
            "channel": channel.to_numpy(),
            "model": np.asarray(predicted, dtype=float),
            "observed": responses["responded"].to_numpy(dtype=float),
        }
    )
    return frame.groupby("channel")[["model", "observed"]].mean()


@dataclass(frozen=True)
class TargetingPlan:
    """A campaign's profit against the depth of the list, at one order value, margin and contact cost."""

    value_per_response: float  #: margin one ordering contact brings (money)
    curve: pd.DataFrame  #: profit_curve
    best: TargetingDepth
    gains: pd.DataFrame  #: gains_table
    average_rate: float  #: share of all contacts who ordered


def targeting_plan(
    scores: Any,
    outcomes: Any,
    order_value: float,
    gross_margin: float,
    contact_cost: float,
    list_size: float,
) -> TargetingPlan:
    """The profit curve, best depth, gains and average order rate of a scored list.

    >>> t = targeting_plan([0.9, 0.5, 0.1], [1, 0, 0], 400.0, 0.25, 10.0, 3)
    >>> t.value_per_response, t.best.contacts, round(t.average_rate, 3)
    (100.0, 1.0, 0.333)
    """
    C.check("gross margin", gross_margin, gt=0, le=1)
    C.check("order value", order_value, gt=0)
    value = float(order_value) * float(gross_margin)
    curve = profit_curve(scores, outcomes, value, contact_cost, population=list_size)
    y = np.asarray(outcomes, dtype=float)
    return TargetingPlan(
        value,
        curve,
        best_depth(curve, value, contact_cost),
        gains_table(scores, outcomes),
        float(y.mean()),
    )


def average_order_after_response(responses: pd.DataFrame) -> float:
    """Average value of the first order placed after a response that converted (money).

    >>> average_order_after_response(pd.DataFrame({"converted": [1, 1, 0],
    ...                                             "first_order_value": [100.0, 300.0, None]}))
    200.0
    """
    values = responses.loc[responses["converted"] == 1, "first_order_value"]
    if len(values) == 0:
        raise ValueError("No response converted into an order.")
    return float(values.mean())
