"""Chapter 8 calculators: channel mix (budget reallocation) and campaign targeting depth.

Both run on the sample company's campaign tables, loaded (and the response model
fitted) once when the calculator is built; every change only re-runs the cheap
model calls in :mod:`salesprofit.marketing` and :mod:`salesprofit.labs.marketing`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .. import marketing, plots, profitability
from ..fmt import money, num, pct, table
from ..labs import marketing as lab
from .base import Calculator, Result, number_box, percent_slider, slider

__all__ = [
    "ChannelData",
    "TargetingData",
    "channel_mix_calculator",
    "channel_table",
    "compute_channel_mix",
    "compute_targeting",
    "load_channel_data",
    "load_targeting_data",
    "targeting_calculator",
]

CHANNELS = ("email", "wechat", "search_ads", "telemarketing", "trade_show")


# --- the data, loaded once ------------------------------------------------------


@dataclass(frozen=True)
class ChannelData:
    performance: pd.DataFrame  # marketing.channel_performance (strict attribution: new customers)
    value: pd.DataFrame  # marketing.customer_value_by_channel, with profit after cost to serve
    gross_margin: float  # profitability.gross_margin_rate of all order lines
    retention: float = 0.8  # measured: customers of 2024 who ordered again in 2025
    campaigns: int = 0  # campaigns in the tables
    contacts: int = 0  # contacts reached by them


def load_channel_data() -> ChannelData:
    """Channel performance and customer value (chapter 1's CLV inputs) of the sample company."""
    from .. import data

    tables = {
        t: data.load(t)
        for t in ("orders", "order_lines", "customers", "activities", "tickets", "returns")
    }
    campaigns, responses = data.load("campaigns"), data.load("campaign_responses")
    gm = profitability.gross_margin_rate(tables["order_lines"])
    perf = marketing.channel_performance(campaigns, responses, gm, attribution="new")
    profit = profitability.sample_company_profit(tables)["profit"]
    value = marketing.customer_value_by_channel(
        tables["customers"], tables["orders"], tables["order_lines"], profit=profit
    )
    retention = lab.retention_rate(tables["orders"], 2024)
    return ChannelData(
        perf, value.reindex(perf.index), gm, retention, len(campaigns), len(responses)
    )


def channel_table(
    d: ChannelData, annual_retention: float, discount_rate: float = 0.10
) -> pd.DataFrame:
    """Channel economics (CAC, payback, LTV = chapter 1's CLV, LTV/CAC) at the given retention."""
    return marketing.channel_economics(
        d.performance,
        d.value["monthly_revenue"],
        d.value["gross_margin"],
        annual_retention,
        discount_rate,
        d.value["monthly_profit"],
    )


# --- channel mix ------------------------------------------------------------------


def compute_channel_mix(
    d: ChannelData,
    annual_retention: float,
    diminishing: float,
    total_budget: float,
    discount_rate: float = 0.10,
    chart: bool = True,
    **weights: float,
) -> Result:
    """Economics per channel and what a new split of the budget would bring."""
    p = lab.channel_mix_scenario(
        d.performance,
        d.value,
        annual_retention,
        discount_rate,
        weights,
        total_budget,
        diminishing,
    )
    econ, plan, gain, best = p.economics, p.plan, p.gain, p.best
    sentence = (
        f"At {pct(annual_retention, 0)} yearly retention and a {pct(discount_rate, 0)} discount rate a new "
        f"customer is worth between {money(econ['ltv'].min(), 0)} and {money(econ['ltv'].max(), 0)} "
        "(chapter 1's lifetime value: profit after cost to serve, discounted). "
        f"<b>{lab.channel_label(best)}</b> returns the most per yuan "
        f"(LTV/CAC {num(econ.loc[best, 'ltv_to_cac'], 1)}). "
        f"Your split of {money(total_budget, 0)} wins <b>{num(plan.loc['total', 'new_customers'], 0)}</b> new "
        f'customers and <span class="{"sp-big" if gain >= 0 else "sp-bad"}">{money(gain, 0, sign=True)}</span> '
        f"of lifetime value after spend against today's split."
    )
    html = sentence + table(
        p.shown.rename(index=lab.CHANNEL_LABELS)
        .reset_index(names="channel")
        .rename(
            columns={
                "spend": "spend today",
                "new_customers": "new customers",
                "cac": "CAC",
                "payback_months": "payback (months)",
                "ltv": "LTV (CLV)",
                "ltv_to_cac": "LTV/CAC",
                "plan_spend": "plan spend",
                "plan_new": "plan new customers",
            }
        ),
        {
            "spend today": lambda v: money(v, 0),
            "new customers": lambda v: num(v, 0),
            "CAC": lambda v: money(v, 0),
            "payback (months)": lambda v: num(v, 1),
            "LTV (CLV)": lambda v: money(v, 0),
            "LTV/CAC": lambda v: num(v, 1),
            "plan spend": lambda v: money(v, 0),
            "plan new customers": lambda v: num(v, 0),
        },
    )
    png = (
        plots.to_png(plots.marketing.reallocation_chart(plan.rename(index=lab.CHANNEL_LABELS)))
        if chart
        else None
    )
    return Result(html, png, data={"economics": econ, "plan": plan, "today": p.today, "gain": gain})


def channel_mix_calculator(
    annual_retention: float | None = None,
    diminishing: float = 0.3,
    total_budget: float | None = None,
    weights: dict | None = None,
    channel_data: ChannelData | None = None,
) -> Calculator:
    """Channel mix: CAC, payback and LTV/CAC per channel, and a budget reallocation."""
    d = channel_data or load_channel_data()
    today = lab.budget_shares(d.performance)
    total = lab.total_spend(d.performance) if total_budget is None else float(total_budget)
    retention = round(d.retention, 2) if annual_retention is None else annual_retention
    w = {**today, **(weights or {})}
    inputs = {
        f"w_{ch}": percent_slider(
            f"{lab.channel_label(ch)} (% of budget)", float(w[ch]), 0.0, 1.0, 1.0, digits=0
        )
        for ch in d.performance.index
    }
    inputs["annual_retention"] = percent_slider(
        "Yearly retention (%)", retention, 0.3, 0.97, 1.0, digits=0
    )
    inputs["discount_rate"] = percent_slider("Discount rate a year (%)", 0.10, 0.0, 0.3, 0.5)
    inputs["diminishing"] = slider("Diminishing returns", diminishing, 0.0, 1.0, 0.05)
    inputs["total_budget"] = number_box("Total budget (¥)", total, 0, 1e10, 10_000)

    def compute(annual_retention, diminishing, total_budget, discount_rate, **ws):
        return compute_channel_mix(
            d,
            annual_retention,
            diminishing,
            total_budget,
            discount_rate,
            **{k[2:]: v for k, v in ws.items()},
        )

    return Calculator(
        "Channel mix: where does a marketing yuan earn the most?",
        inputs,
        compute,
        percent={*(k for k in inputs if k.startswith("w_")), "annual_retention", "discount_rate"},
        intro="The sliders set each channel's share of the budget (they are scaled to add up to "
        "100 %). Diminishing returns 0.5: doubling a channel's spend wins 41 % more customers.",
    )


# --- targeting depth ----------------------------------------------------------------


@dataclass(frozen=True)
class TargetingData:
    scores: np.ndarray  # predicted conversion probability, hold-out contacts
    outcomes: np.ndarray  # observed conversion, hold-out contacts
    model: marketing.ResponseModel
    order_value: float  # average value of the order that follows a response


def load_targeting_data(seed: int = 8) -> TargetingData:
    """Fit the response model (outcome: converted) on 70 % of the contacts; score the other 30 %."""
    from .. import data

    camp, resp = data.load("campaigns"), data.load("campaign_responses")
    X = marketing.response_features(resp, camp)
    test = marketing.split_sample(len(resp), 0.3, seed)
    model = marketing.fit_response_model(X[~test], resp["converted"][~test])
    value = lab.average_order_after_response(resp)
    return TargetingData(
        model.predict(X[test]), resp["converted"][test].to_numpy(dtype=float), model, value
    )


def compute_targeting(
    d: TargetingData,
    order_value: float,
    gross_margin: float,
    contact_cost: float,
    list_size: float,
    chart: bool = True,
) -> Result:
    """Profit curve of a campaign against the depth of the list contacted."""
    t = lab.targeting_plan(d.scores, d.outcomes, order_value, gross_margin, contact_cost, list_size)
    value, curve, best, gains = t.value_per_response, t.curve, t.best, t.gains
    sentence = (
        f"A response that orders earns {money(value, 0)} of margin, so a contact pays when the chance "
        f"they order is above <b>{pct(best.breakeven_rate, 1)}</b>. Contact the best "
        f'<span class="sp-big">{pct(best.depth, 0)}</span> of the list ({num(best.contacts)} of {num(list_size)}): '
        f"profit <b>{money(best.profit, 0)}</b>, against {money(best.profit_all, 0)} for contacting everyone."
    )
    html = sentence + table(
        gains.reset_index()[["depth", "response_rate", "gains", "lift"]].rename(
            columns={
                "depth": "top of the list",
                "response_rate": "order rate in the slice",
                "gains": "orders reached",
                "lift": "lift",
            }
        ),
        {
            "top of the list": lambda v: pct(v, 0),
            "order rate in the slice": lambda v: pct(v, 1),
            "orders reached": lambda v: pct(v, 0),
            "lift": lambda v: num(v, 2),
        },
    )
    png = plots.to_png(plots.marketing.targeting_chart(curve, best)) if chart else None
    return Result(html, png, data={"best": best, "curve": curve, "gains": gains})


def targeting_calculator(
    gross_margin: float = 0.24,
    contact_cost: float = 40.0,
    list_size: float = 10_000,
    order_value: float | None = None,
    targeting_data: TargetingData | None = None,
) -> Calculator:
    """Campaign targeting depth: whom to contact, given the contact cost and the margin."""
    d = targeting_data or load_targeting_data()
    inputs = {
        "order_value": number_box(
            "Average order after a response (¥)",
            round(d.order_value, 0) if order_value is None else order_value,
            0,
            1e9,
            100,
        ),
        "gross_margin": percent_slider("Gross margin (%)", gross_margin, 0.01, 0.8, 0.5),
        "contact_cost": slider("Cost per contact (¥)", contact_cost, 0, 500, 5, digits=0),
        "list_size": number_box("Contacts on the list", list_size, 1, 1e8, 1000),
    }
    return Calculator(
        "Precision marketing: how deep into the list should we go?",
        inputs,
        lambda **v: compute_targeting(d, **v),
        percent={"gross_margin"},
        intro="The list is sorted by the response model, most likely buyers first; the curve is "
        "measured on contacts the model did not see when it was fitted.",
    )
