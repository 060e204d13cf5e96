"""Chapter 15 calculators: the funnel simulator (what a better stage or a shorter stage is worth).

The stage history is read once when the calculator is built (:func:`measured_funnel`).
"""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd

from .. import funnel, plots
from ..fmt import money, num, pct, table
from .base import LAYOUT, STYLE, Calculator, Result, number_box, percent_slider, slider

__all__ = ["MeasuredFunnel", "compute_funnel", "funnel_calculator", "measured_funnel"]

LABELS = {
    "lead": "Lead",
    "needs_analysis": "Needs analysis",
    "proposal": "Proposal",
    "contract": "Contract",
}


MeasuredFunnel = funnel.MeasuredFunnel


def measured_funnel() -> MeasuredFunnel:
    """Huaxin's measured funnel (loads the tables; call once): :func:`funnel.measure_funnel`."""
    from .. import data

    return funnel.measure_funnel(
        data.load("opportunities"), data.load("opportunity_stages"), "2024-01-01", "2025-12-31"
    )


def compute_funnel(
    measured: MeasuredFunnel,
    leads_per_month: float,
    avg_deal_size: float,
    stage: str,
    conversion_change: float,
    days_change: float,
    chart: bool = True,
) -> Result:
    """Today's funnel and the improved one: revenue, cycle time, pipeline and velocity."""
    r = funnel.stage_change(
        leads_per_month,
        measured.stats["conversion"],
        measured.stats["mean_days"],
        avg_deal_size,
        stage,
        conversion_change,
        days_change,
    )
    wi, today, improved = r.what_if, r.today, r.improved
    html = (
        f"{LABELS[stage]}: conversion {pct(r.conversion, 1)} → <b>{pct(r.new_conversion, 1)}</b>, "
        f"{num(r.days, 1)} → <b>{num(r.new_days, 1)}</b> days. Revenue from the same "
        f"{num(leads_per_month, 0)} leads a month: {money(today.revenue_per_month, 0)} → "
        f'<span class="sp-big">{money(improved.revenue_per_month, 0)}</span> a month '
        f"({money(r.gain_per_year, 0, sign=True)} a year). A won deal takes "
        f"{num(today.cycle_days, 0)} → <b>{num(improved.cycle_days, 0)}</b> days. "
        f"With as many deals open as today (the team's capacity), velocity goes from "
        f"{money(wi.loc['today', 'velocity_same_team'], 0)} to "
        f"<b>{money(wi.loc['improved', 'velocity_same_team'], 0)}</b> a day."
    )
    rows = pd.DataFrame(
        {
            "measure": [
                "win rate (lead → won)",
                "deals won a month",
                "revenue a month",
                "cycle of a won deal (days)",
                "deals open at any time",
                "velocity with today's open deals (a day)",
            ],
            "today": [
                pct(wi.loc["today", "win_rate"], 1),
                num(wi.loc["today", "won_per_month"], 1),
                money(wi.loc["today", "revenue_per_month"], 0),
                num(wi.loc["today", "cycle_days"], 1),
                num(wi.loc["today", "pipeline"], 0),
                money(wi.loc["today", "velocity_same_team"], 0),
            ],
            "improved": [
                pct(wi.loc["improved", "win_rate"], 1),
                num(wi.loc["improved", "won_per_month"], 1),
                money(wi.loc["improved", "revenue_per_month"], 0),
                num(wi.loc["improved", "cycle_days"], 1),
                num(wi.loc["improved", "pipeline"], 0),
                money(wi.loc["improved", "velocity_same_team"], 0),
            ],
        }
    )
    html += table(rows)
    png = None
    if chart:
        png = plots.to_png(
            plots.funnel.funnel_chart(
                today.table,
                improved.table,
                title=(
                    f"{LABELS[stage]} +{conversion_change * 100:.0f} points: "
                    f"{money(r.gain_per_year, 0, sign=True)} a year"
                    if conversion_change
                    else f"{LABELS[stage]} {days_change:+.0f} days: the same wins, sooner"
                ),
            )
        )
    return Result(html, png, data={"what_if": wi, "today": today, "improved": improved})


def funnel_calculator(
    measured: MeasuredFunnel | None = None,
    stage: str = "proposal",
    conversion_change: float = 0.05,
    days_change: float = 0.0,
) -> Calculator:
    """Funnel simulator on Huaxin's measured stages."""
    measured = measured_funnel() if measured is None else measured
    inputs = {
        "leads_per_month": number_box(
            "New leads a month", round(measured.leads_per_month, 0), 0, 1e6, 5
        ),
        "avg_deal_size": number_box(
            "Average won deal (¥)", round(measured.avg_won_deal, 0), 0, 1e10, 1000
        ),
        "stage": widgets.Dropdown(
            options=[(v, k) for k, v in LABELS.items()],
            value=stage,
            description="Stage to improve",
            style=STYLE,
            layout=LAYOUT,
        ),
        "conversion_change": percent_slider(
            "Better conversion (points)", conversion_change, 0, 0.3, 1, 0
        ),
        "days_change": slider("Change in days in the stage", days_change, -20, 10, 1, digits=0),
    }
    return Calculator(
        "Funnel simulator: what is a better stage worth?",
        inputs,
        lambda **v: compute_funnel(measured, **v),
        percent={"conversion_change"},
        intro="Starts from Huaxin's measured conversion and days per stage.",
    )
