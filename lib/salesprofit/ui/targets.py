"""Chapter 14 calculators: the target decomposition table (with CSV/XLSX export) and quota
allocation across reps.

Huaxin's seasonality, sales history and territory potential are read once
when a calculator is built (:func:`company_history`).
"""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd

from .. import export, plots, targets
from ..fmt import money, pct, table
from .base import LAYOUT, STYLE, Calculator, Result, number_box, percent_slider

__all__ = [
    "History",
    "allocation_calculator",
    "company_history",
    "compute_allocation",
    "compute_decomposition",
    "decomposition_calculator",
    "download_links",
]

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


History = targets.History


def company_history(year: int = 2025) -> History:
    """Huaxin's seasonality (both years) and ``year``'s sales (loads the tables; call once)."""
    from .. import data

    return targets.company_history(
        data.load("orders"),
        data.load("order_lines"),
        data.load("customers"),
        data.load("reps"),
        year,
    )


def download_links(table_: pd.DataFrame, stem: str) -> str:
    """CSV and XLSX download links for ``table_`` (formula cells neutralised by
    :mod:`salesprofit.export`)."""
    return (
        export.download_link(table_, f"{stem}.csv", "CSV")
        + " · "
        + export.download_link({"targets": table_}, f"{stem}.xlsx", "Excel (XLSX)")
    )


def _display_table(rows: pd.DataFrame) -> pd.DataFrame:
    """The plan rows as the team reads them (whole yuan, running total)."""
    return pd.DataFrame(
        {
            "period": rows["period"],
            "target (¥)": rows["target_whole"],
            "share": rows["share"],
            "cumulative (¥)": rows["cumulative_whole"],
        }
    )


def compute_decomposition(
    history: History,
    last_year: float,
    growth: float,
    year: int,
    level: str,
    use_seasonality: bool = True,
    export_links: bool = True,
    chart: bool = True,
) -> Result:
    """Annual target from last year and growth, split by quarter, month or week with seasonality."""
    d = targets.decomposition(
        history.seasonality, last_year, growth, int(year), level, use_seasonality
    )
    total, plan = d.total, d.plan
    shown = _display_table(d.rows)
    html = (
        f"Target for {int(year)}: last year's {money(last_year, 0)} plus {pct(growth, 1)} growth = "
        f'<span class="sp-big">{money(total, 0)}</span>, split by {level} '
        + (
            f"with Huaxin's seasonality (weakest month: {d.weakest_month}, "
            f"{pct(d.weakest_vs_average, 0, sign=True)} on an average month)"
            if use_seasonality
            else "evenly by working day"
        )
        + f". The rows are rounded to whole yuan and still add up to {money(d.whole, 0)}."
    )
    if export_links:
        stem = f"sales_targets_{int(year)}_{level}"
        html += "<p>Download for the team: " + download_links(shown, stem) + "</p>"
    limit = 16 if level == "week" else None
    body = shown.head(limit) if limit else shown
    html += table(
        body,
        {
            "target (¥)": lambda v: money(v, 0),
            "share": lambda v: pct(v, 2),
            "cumulative (¥)": lambda v: money(v, 0),
        },
    )
    if limit and len(shown) > limit:
        html += f"<p>… the first {limit} of {len(shown)} weeks; the download has them all.</p>"
    png = None
    if chart:
        png = plots.to_png(
            plots.targets.plan_chart(
                d.rows,
                level,
                title=f"{money(total, 0)} for {int(year)}, {level} by {level}",
            )
        )
    return Result(html, png, data={"total": total, "plan": plan, "table": shown})


def decomposition_calculator(
    history: History | None = None,
    growth: float = 0.08,
    year: int = 2026,
    level: str = "month",
    use_seasonality: bool = True,
) -> Calculator:
    """Target decomposition table with seasonality, exportable as CSV and XLSX."""
    history = company_history() if history is None else history
    last = float(history.revenue_by_year.iloc[-1])
    inputs = {
        "last_year": number_box("Last year's sales (¥)", round(last, 2), 0, 1e12, 100_000),
        "growth": percent_slider("Growth on last year (%)", growth, -0.3, 0.5, 0.5),
        "year": widgets.BoundedIntText(
            value=year,
            min=2000,
            max=2100,
            description="Year of the plan",
            style=STYLE,
            layout=LAYOUT,
        ),
        "level": widgets.Dropdown(
            options=[("Quarter", "quarter"), ("Month", "month"), ("Week", "week")],
            value=level,
            description="Split by",
            style=STYLE,
            layout=LAYOUT,
        ),
        "use_seasonality": widgets.Checkbox(
            value=use_seasonality,
            description="Use Huaxin's seasonality",
            style=STYLE,
            layout=LAYOUT,
        ),
    }
    return Calculator(
        "Annual target, quarter by quarter, month by month, week by week",
        inputs,
        lambda **v: compute_decomposition(history, **v),
        percent={"growth"},
        intro="The annual target is split in proportion to the seasonality measured in "
        "Huaxin's 2024-2025 sales, then spread over the working days of each month.",
    )


# --- quota allocation -------------------------------------------------------------


def compute_allocation(
    history: History, total: float, weight_potential: float, chart: bool = True
) -> Result:
    """Split a team target over reps by territory potential and last year's sales."""
    a = targets.allocation(history, total, weight_potential)
    alloc, hardest, easiest = a.table, a.hardest, a.easiest
    html = (
        f"{money(total, 0)} split {pct(weight_potential, 0)} by territory potential and "
        f"{pct(a.weight_history, 0)} by last year's sales. The stretch is largest for "
        f"<b>{hardest}</b> ({pct(alloc.loc[hardest, 'growth_needed'], 0, sign=True)} on last year) and "
        f"smallest for <b>{easiest}</b> ({pct(alloc.loc[easiest, 'growth_needed'], 0, sign=True)}). "
        f"The whole-yuan quotas add up to {money(a.whole, 0)}."
    )
    shown = alloc.reset_index().rename(
        columns={
            "rep_id": "rep",
            "potential_share": "share of potential",
            "last_year": "last year's sales",
            "growth_needed": "growth needed",
            "quota_whole": "quota (¥)",
        }
    )
    html += table(
        shown[
            ["rep", "name", "share of potential", "last year's sales", "quota (¥)", "growth needed"]
        ],
        {
            "share of potential": lambda v: pct(v, 1),
            "last year's sales": lambda v: money(v, 0),
            "quota (¥)": lambda v: money(v, 0),
            "growth needed": lambda v: pct(v, 0, sign=True),
        },
    )
    png = plots.to_png(plots.targets.quota_chart(alloc, alloc["last_year"])) if chart else None
    return Result(html, png, data=alloc)


def allocation_calculator(
    history: History | None = None, total: float | None = None, weight_potential: float = 0.5
) -> Calculator:
    """Quota allocation across reps by potential and history."""
    history = company_history() if history is None else history
    total = targets.team_target(history, 0.08) if total is None else total
    inputs = {
        "total": number_box("Team target for the year (¥)", round(total, 0), 0, 1e12, 100_000),
        "weight_potential": percent_slider(
            "Weight on territory potential (%)", weight_potential, 0, 1, 5, 0
        ),
    }
    return Calculator(
        "Quota allocation: who carries how much of the target?",
        inputs,
        lambda **v: compute_allocation(history, **v),
        percent={"weight_potential"},
        intro="0 % splits the target like last year's sales; 100 % like what the customers "
        "in each territory could buy.",
    )
