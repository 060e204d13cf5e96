"""Chapter 12 calculators: ABC tier cut-offs, RFM tiers, the whale curve and the
profit of a service policy by tier, on the sample company (Huaxin).

The sample company's tables are loaded, and customer profit after cost to serve
computed (:func:`salesprofit.profitability.sample_company_profit`), once when a
calculator is built. Each ``compute_*`` calls :mod:`salesprofit.segmentation`
and renders the answer.
"""

from __future__ import annotations

import functools

import ipywidgets as widgets
import pandas as pd

from .. import plots, profitability
from .. import segmentation as seg
from ..fmt import money, num, pct, table
from .base import LAYOUT, STYLE, Calculator, Result, number_box, percent_slider

#: Cost-to-serve components in words, in waterfall order.
COST_LABELS = profitability.COST_LABELS
TIERS = ("key", "growth", "standard")


#: The chapter 12 customer base (kept under its old name for the notebooks).
Company = seg.CustomerBase


@functools.lru_cache(maxsize=1)
def company() -> seg.CustomerBase:
    """Load the sample company once per session: profit, RFM, retention and tiers."""
    from .. import data

    tables = {
        t: data.load(t)
        for t in ("orders", "order_lines", "customers", "activities", "tickets", "returns")
    }
    period = data.ground_truth()["period"]
    return seg.customer_base(
        tables,
        "2026-01-01",
        period["start"],
        period["end"],
        TIERS,
        data.ground_truth()["cost_of_capital"],
    )


# --- ABC -------------------------------------------------------------------------


def compute_abc(co: Company, a: float, b: float, chart: bool = True) -> Result:
    """ABC classes on revenue at cut-offs ``a`` and ``b``, with each class's share of profit."""
    revenue = co.profit["net_sales"]
    view = seg.abc_view(revenue, a, b, co.profit["profit"])
    classes, summary = view.classes, view.summary
    A = summary.loc["A"]
    sentence = (
        f"Class A: <b>{num(A['customers'])}</b> customers ({pct(A['customer_share'], 1)}) bring "
        f'<span class="sp-big">{pct(A["value_share"], 1)}</span> of revenue and {pct(A["profit_share"], 1)} of '
        f"the profit after cost to serve. Class C: {num(summary.loc['C', 'customers'])} customers, "
        f"{pct(summary.loc['C', 'value_share'], 1)} of revenue."
    )
    html = sentence + table(
        summary.reset_index()[
            [
                "class",
                "customers",
                "customer_share",
                "value",
                "value_share",
                "profit_share",
                "profit_per_customer",
            ]
        ].rename(
            columns={
                "customer_share": "share of customers",
                "value": "revenue",
                "value_share": "share of revenue",
                "profit_share": "share of profit",
                "profit_per_customer": "profit per customer",
            }
        ),
        {
            "customers": num,
            "share of customers": pct,
            "revenue": lambda v: money(v, 0),
            "share of revenue": pct,
            "share of profit": pct,
            "profit per customer": lambda v: money(v, 0),
        },
    )
    png = plots.to_png(plots.segmentation.pareto_chart(revenue, classes, a, b)) if chart else None
    return Result(html, png, data={"classes": classes, "summary": summary})


def abc_calculator(a: float = 0.80, b: float = 0.95) -> Calculator:
    """ABC tier cut-offs on the sample company's revenue."""
    co = company()
    inputs = {
        "a": percent_slider("A: first share of revenue (%)", a, 0.3, 0.95, 1.0, digits=0),
        "b": percent_slider("B: up to share of revenue (%)", b, 0.5, 1.0, 1.0, digits=0),
    }
    return Calculator(
        "ABC tiers: where do you draw the lines?",
        inputs,
        lambda **v: compute_abc(co, **v),
        percent={"a", "b"},
        intro="Customers sorted by revenue, biggest first: A until the running share of revenue "
        "passes the first cut-off, B until the second, C after.",
    )


# --- RFM -------------------------------------------------------------------------


def compute_rfm(co: Company, min_r: int, min_f: int, min_m: int, chart: bool = True) -> Result:
    """Who qualifies for the VIP tier at minimum R, F and M scores."""
    tier = seg.rfm_vip(co.rfm, min_r, min_f, min_m)
    summary = tier.summary
    v = summary.loc["VIP"]
    by_segment = co.rfm_segments
    sentence = (
        f"R ≥ {min_r}, F ≥ {min_f}, M ≥ {min_m}: <b>{num(v['customers'])}</b> VIP customers "
        f'({pct(v["customer_share"], 1)}) with <span class="sp-big">{pct(v["value_share"], 1)}</span> of revenue '
        f"and {pct(v['profit_share'], 1)} of profit after cost to serve."
    )
    html = sentence + table(
        by_segment.reset_index()[["tier", "customers", "value_share", "profit_share"]].rename(
            columns={
                "tier": "RFM segment",
                "value_share": "share of revenue",
                "profit_share": "share of profit",
            }
        ),
        {"customers": num, "share of revenue": pct, "share of profit": pct},
    )
    png = None
    if chart:
        png = plots.to_png(plots.segmentation.rfm_grid_chart(tier.grid, min_r, min_f))
    return Result(html, png, data={"vip": tier.vip, "summary": summary, "segments": by_segment})


def rfm_calculator(min_r: int = 4, min_f: int = 4, min_m: int = 4) -> Calculator:
    """RFM tier: minimum recency, frequency and monetary scores for the VIP tier."""
    co = company()

    def score(description: str, value: int) -> widgets.IntSlider:
        return widgets.IntSlider(
            value=value,
            min=1,
            max=5,
            step=1,
            description=description,
            continuous_update=False,
            style=STYLE,
            layout=LAYOUT,
        )

    inputs = {
        "min_r": score("Minimum R score (recency)", min_r),
        "min_f": score("Minimum F score (frequency)", min_f),
        "min_m": score("Minimum M score (money)", min_m),
    }
    return Calculator(
        "RFM tiers: who is a VIP?",
        inputs,
        lambda **v: compute_rfm(co, **v),
        intro="Scores 1-5 in quintiles (5 = the best fifth): recency of the last order, number "
        "of orders and revenue, 2024-2025.",
    )


# --- whale curve -------------------------------------------------------------------


def compute_whale(co: Company, costs: tuple = tuple(COST_LABELS), chart: bool = True) -> Result:
    """The whale curve with the chosen cost-to-serve components counted."""
    view = seg.whale_view(co.profit, co.customers, costs)
    profit, summary = view.profit, view.summary
    counted = profitability.cost_names(costs) or "nothing (gross profit only)"
    flagged = [c for c in co.loss_makers if c in profit.index]
    flagged_loss = profit.reindex(flagged)
    if summary.unprofitable_customers:
        sentence = (
            f"Counting {counted}: <b>{num(summary.unprofitable_customers)}</b> of {num(summary.customers)} "
            f"customers lose money, together {money(summary.loss_of_unprofitable, 0)}. The most profitable "
            f'{pct(summary.peak_customer_share, 0)} earn <span class="sp-big">{pct(summary.peak_share, 0)}</span> '
            f"of the total profit of {money(summary.total_profit, 0)}; the others hand "
            f"{pct(summary.handed_back, 1)} back."
        )
    else:
        sentence = (
            f"Counting {counted}: every customer makes money; total profit "
            f'<span class="sp-big">{money(summary.total_profit, 0)}</span>. Tick the costs of serving '
            "them and watch some customers turn into loss-makers."
        )
    worst = view.worst
    html = (
        sentence
        + (
            "<br>The biggest loss-makers:"
            if summary.unprofitable_customers
            else "<br>The least profitable:"
        )
        + table(
            worst.reset_index()[["customer_id", "tier", "revenue", "profit"]],
            {"revenue": lambda v: money(v, 0), "profit": lambda v: money(v, 0)},
        )
    )
    png = None
    if chart:
        png = plots.to_png(plots.segmentation.whale_chart(view.curve, highlight=flagged))
    return Result(
        html, png, data={"summary": summary, "profit": profit, "flagged_profit": flagged_loss}
    )


def whale_calculator(costs: tuple = tuple(COST_LABELS)) -> Calculator:
    """Whale curve: switch cost-to-serve components on and off."""
    co = company()
    box = widgets.SelectMultiple(
        options=[(label, key) for key, label in COST_LABELS.items()],
        value=tuple(costs),
        description="Costs counted",
        rows=6,
        style=STYLE,
        layout=LAYOUT,
    )
    return Calculator(
        "The whale curve: which customers really earn money?",
        {"costs": box},
        lambda **v: compute_whale(co, **v),
        intro="Gross profit minus the costs you tick (Ctrl/Cmd-click to choose several). "
        "Start with none ticked, then add them one by one.",
    )


# --- tier service policy -------------------------------------------------------------


def compute_policy(
    co: Company,
    key_cost: float,
    key_gain: float,
    growth_cost: float,
    growth_gain: float,
    standard_cost: float,
    standard_gain: float,
    discount_rate: float = 0.10,
    chart: bool = True,
) -> Result:
    """Value of a service policy by tier: extra service cost per customer against the retention it buys."""
    policy = {
        "key": {"cost": key_cost, "retention_gain": key_gain},
        "growth": {"cost": growth_cost, "retention_gain": growth_gain},
        "standard": {"cost": standard_cost, "retention_gain": standard_gain},
    }
    result = seg.policy_result(co.tiers, policy, discount_rate)
    out, total, best = result.table, result.total_gain, result.best_tier
    sentence = (
        f"This policy changes the lifetime value of the customer base by "
        f'<span class="{"sp-big" if total >= 0 else "sp-bad"}">{money(total, 0, sign=True)}</span>. '
        f"It pays most in the <b>{best}</b> tier. A tier pays for its service when the retention it buys "
        "exceeds the break-even gain in the table."
    )
    html = sentence + table(
        out.reset_index()[
            [
                "tier",
                "customers",
                "margin",
                "retention",
                "service_cost",
                "new_retention",
                "breakeven_gain",
                "gain_per_customer",
                "total_gain",
            ]
        ].rename(
            columns={
                "margin": "margin a year",
                "retention": "retention now",
                "service_cost": "extra service a year",
                "new_retention": "retention with policy",
                "breakeven_gain": "break-even gain",
                "gain_per_customer": "value gained per customer",
                "total_gain": "value gained, tier",
            }
        ),
        {
            "customers": num,
            "margin a year": lambda v: money(v, 0),
            "retention now": pct,
            "extra service a year": lambda v: money(v, 0),
            "retention with policy": pct,
            "break-even gain": lambda v: f"+{v * 100:.1f} pts" if pd.notna(v) else "never",
            "value gained per customer": lambda v: money(v, 0, sign=True),
            "value gained, tier": lambda v: money(v, 0, sign=True),
        },
    )
    png = plots.to_png(plots.segmentation.tier_policy_chart(out)) if chart else None
    return Result(html, png, data=out)


def policy_calculator(
    key_cost: float = 3000.0,
    key_gain: float = 0.02,
    growth_cost: float = 1500.0,
    growth_gain: float = 0.04,
    standard_cost: float = 500.0,
    standard_gain: float = 0.03,
    discount_rate: float = 0.10,
) -> Calculator:
    """Tier policy profit: service cost per tier against the retention it buys."""
    co = company()

    def cost(description: str, value: float) -> widgets.Widget:
        return number_box(description, value, 0, 1e7, 100)

    def gain(description: str, value: float) -> widgets.FloatSlider:
        return percent_slider(description, value, 0.0, 0.06, 0.5)

    inputs = {
        "key_cost": cost("Key: extra service ¥/yr", key_cost),
        "key_gain": gain("Key: retention gain (pts)", key_gain),
        "growth_cost": cost("Growth: extra service ¥/yr", growth_cost),
        "growth_gain": gain("Growth: retention gain (pts)", growth_gain),
        "standard_cost": cost("Standard: extra service ¥/yr", standard_cost),
        "standard_gain": gain("Standard: retention gain (pts)", standard_gain),
        "discount_rate": percent_slider("Discount rate a year (%)", discount_rate, 0.0, 0.3, 0.5),
    }
    return Calculator(
        "Service policy by tier: what does it earn?",
        inputs,
        lambda **v: compute_policy(co, **v),
        percent={"key_gain", "growth_gain", "standard_gain", "discount_rate"},
        intro="Huaxin's tiers with their margin per customer (after cost to serve) and the retention "
        "measured from 2024 to 2025. Add service per customer; say how much retention it buys.",
    )


__all__ = [
    "COST_LABELS",
    "Company",
    "abc_calculator",
    "company",
    "compute_abc",
    "compute_policy",
    "compute_rfm",
    "compute_whale",
    "policy_calculator",
    "rfm_calculator",
    "whale_calculator",
]
