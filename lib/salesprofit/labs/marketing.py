"""What chapter 8's labs show (有效的市场营销策略), computed from Huaxin's campaign tables
with the models of :mod:`salesprofit.marketing`: channels and features in words, which
channel looks best under each attribution (lab 8.1), the channel-mix plan, the response
model read in plain words and the targeting plan of a scored list (lab 8.2 and the
calculators).

Pure: DataFrames and fitted models in, DataFrames and frozen dataclasses out; the notebooks
and :mod:`salesprofit.ui.marketing` only render them. Fractions are fractions, money in the
data's currency; nothing is rounded here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from .. import _checks as C
from ..marketing import (
    ResponseModel,
    TargetingDepth,
    best_depth,
    channel_economics,
    gains_table,
    profit_curve,
    reallocate_budget,
)

__all__ = [
    "CHANNEL_LABELS",
    "FEATURE_LABELS",
    "AttributionComparison",
    "ChannelPlan",
    "TargetingPlan",
    "attribution_comparison",
    "average_order_after_response",
    "best_channel",
    "budget_shares",
    "channel_label",
    "channel_mix_plan",
    "channel_mix_scenario",
    "coefficient_table",
    "feature_label",
    "response_by_channel",
    "response_effects",
    "retention_rate",
    "targeting_plan",
    "total_spend",
]


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
    from ..segmentation import retention_by

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

    Both tables are :func:`salesprofit.marketing.channel_performance` (``attribution="all"`` and ``"new"``).

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

    ``economics`` is :func:`salesprofit.marketing.channel_economics`; ``weights`` map channel to a budget weight
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
    """:func:`salesprofit.marketing.channel_economics` from
    :func:`salesprofit.marketing.customer_value_by_channel` (with ``monthly_profit``),
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
    """The channel with the highest LTV/CAC in :func:`salesprofit.marketing.channel_economics`.

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
