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

from collections.abc import Callable
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
    "breakeven_response_rate",
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


_PERFORMANCE_COLUMNS = [
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


def _credited(campaigns: pd.DataFrame, responses: pd.DataFrame, attribution: str) -> pd.DataFrame:
    """The responses with their campaign's ``channel`` and the ``revenue`` credited to it."""
    if attribution not in {"all", "new"}:
        raise ValueError(
            "attribution is 'all' (every order after a response) or 'new' (new customers only)."
        )
    r = responses.merge(campaigns[["campaign_id", "channel"]], on="campaign_id", how="left")
    if r["channel"].isna().any():
        bad = r.loc[r["channel"].isna(), "campaign_id"].iloc[0]
        raise ValueError(f"Campaign {bad} has responses but is not in the campaigns table.")
    credited = r["converted"] if attribution == "all" else r["new_customer"]
    return r.assign(revenue=r["first_order_value"].fillna(0.0) * credited)


def _where_defined(metric: Callable[..., Any], defined: pd.Series, *args: pd.Series) -> pd.Series:
    """``metric(*args)`` on the rows where ``defined``; NaN (shown as "–") on the others."""
    out = pd.Series(np.nan, index=defined.index, dtype=float)
    if defined.any():
        out[defined] = metric(*(a[defined] for a in args))
    return out


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
    ``new_customers``, ``revenue``, ``margin``, ``roi`` (:func:`roi` of margin and
    spend), ``cac`` (:func:`cac`), ``cost_per_contact``, ``cost_per_order``. A rate
    that does not exist for a row is NaN, which :mod:`salesprofit.fmt` shows as "–":
    ``roi`` where nothing was spent, ``cac`` where no new customer was won, the rates
    per contact and per order where there was none.

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
    r = _credited(campaigns, responses, attribution)
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
    out["roi"] = _where_defined(roi, out["spend"] > 0, out["margin"], out["spend"])
    out["cac"] = _where_defined(cac, out["new_customers"] > 0, out["spend"], out["new_customers"])
    out["cost_per_contact"] = out["spend"] / contacts
    out["cost_per_order"] = out["spend"] / out["orders"].where(out["orders"] > 0)
    return out[_PERFORMANCE_COLUMNS]


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
