"""Chapter 9 calculators: the tiered bonus in its two forms, the plan designer, and what a
plan does to discounting.

The plan designer loads the reps' actual results once when built (:func:`rep_actuals`);
each change only recomputes 20 reps' pay.
"""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd

from .. import incentives, plots
from ..fmt import money, pct, table
from .base import LAYOUT, STYLE, Calculator, Result, number_box, percent_slider, slider

__all__ = [
    "compute_discount_behaviour",
    "compute_plan",
    "compute_tier_forms",
    "discount_behaviour_calculator",
    "plan_calculator",
    "rep_actuals",
    "tier_forms_calculator",
]


def rep_actuals(year: int = 2025) -> pd.DataFrame:
    """Revenue and gross profit per rep for ``year`` from the sample company (call once)."""
    from .. import data

    return incentives.rep_actuals(
        data.load("orders"), data.load("order_lines"), data.load("reps"), year
    )


def _tiers(rate1, threshold2, rate2, threshold3, rate3):
    tiers = [(0.0, rate1)]
    if threshold2 > 0:
        tiers.append((threshold2, rate2))
    if threshold3 > 0:
        tiers.append((threshold3, rate3))
    return tiers


# --- the tiered bonus in its two forms ----------------------------------------------


def compute_tier_forms(
    rate1: float,
    threshold2: float,
    rate2: float,
    threshold3: float,
    rate3: float,
    sales: float,
    chart: bool = True,
) -> Result:
    """Marginal and retroactive pay for the same tier table, at ``sales`` and over a range."""
    tiers = _tiers(rate1, threshold2, rate2, threshold3, rate3)
    f = incentives.tier_forms(tiers, sales)
    marg, retro, curves = f.marginal, f.retroactive, f.curves
    cliff_text = ""
    if f.next_index >= 0:
        cliff_text = (
            f"<br>The next threshold is {money(f.next_threshold, 0)}, <b>{money(f.gap, 0)}</b> away. "
            f'Under the retroactive plan, closing that much more pays <span class="sp-bad">'
            f"{money(f.retroactive_gain, 0)}</span> (the cliff alone is {money(f.cliff, 0)}); under "
            f"the marginal plan {money(f.marginal_gain, 0)}. A rep this close will pull a deal "
            "forward, or ask a customer to order early, just to cross the line."
        )
    elif len(tiers) > 1:
        cliff_text = (
            "<br>These sales are above every threshold: the retroactive plan pays the top rate on "
            "every yuan, including the ones sold at the lower rates' levels."
        )
    html = (
        f"On sales of <b>{money(sales, 0)}</b> the marginal plan pays "
        f'<span class="sp-big">{money(marg, 0)}</span> ({pct(f.marginal_rate, 2)} of sales); '
        f"the retroactive plan pays <b>{money(retro, 0)}</b> ({pct(f.retroactive_rate, 2)})."
        + cliff_text
    )
    png = None
    if chart:
        png = plots.to_png(
            plots.incentives.payout_chart(
                curves,
                pd.DataFrame({"basis": [sales, sales], "pay": [marg, retro]}),
                "sales",
                title="Retroactive tiers jump at each threshold; marginal tiers bend"
                if len(tiers) > 1
                else "With one tier both forms pay the same",
                dots_label="this rep's pay, both ways",
            )
        )
    return Result(html, png, data={"marginal": marg, "retroactive": retro, "tiers": tiers})


def tier_forms_calculator(
    rate1: float = 0.02,
    threshold2: float = 6_000_000,
    rate2: float = 0.03,
    threshold3: float = 9_000_000,
    rate3: float = 0.04,
    sales: float = 5_800_000,
) -> Calculator:
    """The article's tiered bonus (阶梯式奖金), paid marginally or retroactively."""
    inputs = {
        "rate1": percent_slider("Rate of the first tier (%)", rate1, 0, 0.10, 0.25, 2),
        "threshold2": number_box("Second tier starts at (¥)", threshold2, 0, 1e10, 100_000),
        "rate2": percent_slider("Rate of the second tier (%)", rate2, 0, 0.10, 0.25, 2),
        "threshold3": number_box(
            "Third tier starts at (¥, 0 = none)", threshold3, 0, 1e10, 100_000
        ),
        "rate3": percent_slider("Rate of the third tier (%)", rate3, 0, 0.10, 0.25, 2),
        "sales": number_box("A rep's sales this year (¥)", sales, 0, 1e10, 100_000),
    }
    return Calculator(
        "Tiered bonus: marginal or retroactive?",
        inputs,
        compute_tier_forms,
        percent={"rate1", "rate2", "rate3"},
        intro="The same tier table, paid two ways. Put the rep's sales just below a "
        "threshold and look at the cliff.",
    )


# --- plan designer -------------------------------------------------------------


def compute_plan(
    actuals: pd.DataFrame,
    basis: str,
    method: str,
    rate1: float,
    threshold2: float,
    rate2: float,
    threshold3: float,
    rate3: float,
    gate: float,
    cap: float,
    chart: bool = True,
) -> Result:
    """Payout curve, cost of sales and each rep's pay under a plan, over the reps' actual results."""
    plan = incentives.Plan(
        tuple(_tiers(rate1, threshold2, rate2, threshold3, rate3)),
        method,
        basis,
        threshold=gate,
        cap=cap if cap > 0 else None,
    )
    view = incentives.plan_view(actuals, plan)
    out = view.outcomes
    total_pay, cos, share = view.total_pay, view.cost_of_sales, view.share_of_profit
    unpaid, capped = view.unpaid, view.capped
    label = "revenue" if basis == "revenue" else "gross profit"
    html = (
        f"Under this plan the team earns <b>{money(total_pay, 0)}</b> in incentives: a cost of sales of "
        f'<span class="sp-big">{pct(cos, 2)}</span> of revenue and <b>{pct(share, 1)}</b> of gross '
        f"profit. "
        + (
            f"{unpaid} rep{'s earn' if unpaid != 1 else ' earns'} nothing"
            if unpaid
            else "Every rep earns something"
        )
        + (f"; {capped} hit the cap" if plan.cap else "")
        + "."
    )
    shown = out.sort_values("pay", ascending=False).reset_index()
    html += table(
        shown[
            [
                "rep_id",
                "name",
                "revenue",
                "gross_margin",
                "pay",
                "cost_of_sales",
                "profit_after_pay",
            ]
        ].rename(
            columns={
                "name": "rep",
                "gross_margin": "gross margin",
                "cost_of_sales": "pay ÷ revenue",
                "profit_after_pay": "gross profit after pay",
            }
        ),
        {
            "revenue": lambda v: money(v, 0),
            "gross margin": lambda v: pct(v, 1),
            "pay": lambda v: money(v, 0),
            "pay ÷ revenue": lambda v: pct(v, 2),
            "gross profit after pay": lambda v: money(v, 0),
        },
    )
    png = None
    if chart:
        png = plots.to_png(
            plots.incentives.payout_chart(
                {f"{method} plan on {label}": view.curve},
                pd.DataFrame({"basis": view.basis, "pay": out["pay"]}),
                label,
                title=f"Incentives cost {pct(cos, 2)} of revenue, {pct(share, 1)} of gross profit",
            )
        )
    return Result(html, png, data=out)


def plan_calculator(
    actuals: pd.DataFrame | None = None,
    basis: str = "revenue",
    method: str = "marginal",
    rate1: float = 0.01,
    threshold2: float = 5_000_000,
    rate2: float = 0.02,
    threshold3: float = 8_000_000,
    rate3: float = 0.03,
    gate: float = 0.0,
    cap: float = 0.0,
) -> Calculator:
    """Commission plan designer over the reps' actual 2025 results."""
    actuals = rep_actuals() if actuals is None else actuals
    inputs = {
        "basis": widgets.Dropdown(
            options=[("Revenue", "revenue"), ("Gross profit", "gross_profit")],
            value=basis,
            description="Pay on",
            style=STYLE,
            layout=LAYOUT,
        ),
        "method": widgets.Dropdown(
            options=[
                ("Marginal (each rate on its band)", "marginal"),
                ("Retroactive (top rate on everything)", "retroactive"),
            ],
            value=method,
            description="Tiers paid",
            style=STYLE,
            layout=LAYOUT,
        ),
        "rate1": percent_slider("Rate of the first tier (%)", rate1, 0, 0.20, 0.25, 2),
        "threshold2": number_box("Second tier from (¥, 0 = none)", threshold2, 0, 1e10, 100_000),
        "rate2": percent_slider("Rate of the second tier (%)", rate2, 0, 0.20, 0.25, 2),
        "threshold3": number_box("Third tier from (¥, 0 = none)", threshold3, 0, 1e10, 100_000),
        "rate3": percent_slider("Rate of the third tier (%)", rate3, 0, 0.20, 0.25, 2),
        "gate": number_box("Nothing paid below (¥)", gate, 0, 1e10, 100_000),
        "cap": number_box("Cap on pay (¥, 0 = no cap)", cap, 0, 1e9, 10_000),
    }
    return Calculator(
        "Commission plan designer",
        inputs,
        lambda **v: compute_plan(actuals, **v),
        percent={"rate1", "rate2", "rate3"},
        intro="Design a plan and see what each of Huaxin's 20 reps would have earned in 2025, "
        "and what the plan costs the company.",
    )


# --- what a plan does to discounting ---------------------------------------------


def compute_discount_behaviour(
    revenue_rate: float,
    margin_rate: float,
    list_margin: float,
    elasticity: float,
    max_discount: float = 0.30,
    chart: bool = True,
) -> Result:
    """The discount a rep picks under a revenue plan and under a gross-profit plan."""
    d = incentives.discount_behaviour(
        revenue_rate, margin_rate, list_margin, elasticity, max_discount
    )
    rev, mar, gap = d.revenue_plan, d.margin_plan, d.gap
    html = (
        f"Paid {pct(revenue_rate, 1)} of revenue, the rep gives <b>{pct(rev.rep_discount, 0)}</b> off; "
        f"paid {pct(margin_rate, 1)} of gross profit, <b>{pct(mar.rep_discount, 0)}</b> "
        f"(the company's best discount is {pct(mar.company_discount, 0)}). For every 1,000 units sold at list "
        f"price the company keeps {money(rev.company_profit, 0)} after pay under the revenue plan and "
        f"{money(mar.company_profit, 0)} under the margin plan: "
        + (
            f'<span class="sp-big">{money(gap, 0)}</span> more with the margin plan.'
            if gap > 0.5
            else (
                f'<span class="sp-bad">{money(abs(gap), 0)}</span> less with the margin plan.'
                if gap < -0.5
                else "the same."
            )
        )
        + (
            " When demand reacts little to price, even the revenue-paid rep gains nothing from a discount."
            if rev.rep_discount == 0
            else ""
        )
    )
    png = None
    if chart:
        png = plots.to_png(
            plots.incentives.discount_choice_chart(
                rev.table, mar.table, rev.rep_discount, mar.rep_discount
            )
        )
    return Result(html, png, data={"revenue_plan": rev, "margin_plan": mar, "gap": gap})


def discount_behaviour_calculator(
    revenue_rate: float = 0.03,
    margin_rate: float = 0.12,
    list_margin: float = 0.30,
    elasticity: float = -4.0,
) -> Calculator:
    """Revenue plan vs margin plan: which discount does the rep choose?"""
    inputs = {
        "revenue_rate": percent_slider(
            "Revenue plan: rate on sales (%)", revenue_rate, 0.0, 0.10, 0.25, 2
        ),
        "margin_rate": percent_slider(
            "Margin plan: rate on gross profit (%)", margin_rate, 0.0, 0.40, 0.5
        ),
        "list_margin": percent_slider("Margin at list price (%)", list_margin, 0.05, 0.60, 0.5),
        "elasticity": slider("Price elasticity of the customer", elasticity, -8.0, -0.5, 0.25),
    }
    return Calculator(
        "What does the plan pay the rep to do with price?",
        inputs,
        compute_discount_behaviour,
        percent={"revenue_rate", "margin_rate", "list_margin"},
        intro="A rep can cut the price to sell more. Each rep picks the discount that "
        "maximises their own pay.",
    )
