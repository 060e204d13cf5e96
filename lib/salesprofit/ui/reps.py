"""Chapter 2 calculators: the sales-velocity what-if and the rep comparison.

``velocity_calculator`` moves the four levers of sales velocity and shows what each
change is worth on its own and all together. ``rep_comparison_calculator`` ranks the
Huaxin's reps (or any opportunities + order lines given to it) on a chosen
metric and names who discounts far more than peers selling to the same kind of
customer. Both call :mod:`salesprofit.reps`; the widgets only choose what to show.
"""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd

from .. import plots, reps
from ..fmt import esc, money, num, pct, table
from ..labs import reps as reps_labs
from .base import LAYOUT, STYLE, Calculator, Result, number_box, percent_slider, slider

__all__ = [
    "compute_rep_comparison",
    "compute_velocity",
    "rep_comparison_calculator",
    "velocity_calculator",
]

# --- velocity what-if ----------------------------------------------------------------


def compute_velocity(
    opportunities: float,
    win_rate: float,
    avg_deal_size: float,
    cycle_days: float,
    opportunities_change: float = 0.0,
    win_rate_change: float = 0.0,
    deal_size_change: float = 0.0,
    cycle_change: float = 0.0,
    days: float = 365.0,
    chart: bool = True,
) -> Result:
    """Velocity today and after the lever changes (fractions; cycle_change -0.1 = 10 % shorter)."""
    s = reps.velocity_scenario(
        opportunities,
        win_rate,
        avg_deal_size,
        cycle_days,
        days,
        opportunities_change=opportunities_change,
        win_rate_change=win_rate_change,
        deal_size_change=deal_size_change,
        cycle_change=cycle_change,
    )
    t, now, best = s.table, s.velocity, s.best
    after = t.loc["all"]
    single = t.drop(index="all")
    cls = "sp-big" if s.gain_per_year >= 0 else "sp-bad"
    sentence = (
        f"Today the pipeline brings in <b>{money(now, 0)}</b> a day "
        f"({num(opportunities)} opportunities × {pct(win_rate, 1)} won × {money(avg_deal_size, 0)} "
        f"÷ {num(cycle_days, 0)} days). With your changes: <b>{money(after['velocity'], 0)}</b> a day, "
        f'<span class="{cls}">{money(after["gain_per_period"], 0, sign=True)}</span> a year '
        f"({pct(after['gain_share'], 1, sign=True)})."
    )
    if best is not None:
        sentence += (
            f" Of the changes you made, <b>{esc(single.loc[best, 'label'])}</b> is worth most on its "
            f"own: {money(single.loc[best, 'gain_per_period'], 0, sign=True)} a year."
        )
    shown = t.reset_index()[
        ["label", "change", "velocity", "gain_per_period", "gain_share"]
    ].rename(
        columns={
            "label": "change",
            "change": "by",
            "velocity": "sales per day",
            "gain_per_period": "extra per year",
            "gain_share": "velocity change",
        }
    )
    html = sentence + table(
        shown,
        {
            "by": lambda v: pct(v, 0, sign=True) if pd.notna(v) else "",
            "sales per day": lambda v: money(v, 0),
            "extra per year": lambda v: money(v, 0, sign=True),
            "velocity change": lambda v: pct(v, 1, sign=True),
        },
    )
    png = None
    if chart:
        effects = {single.loc[k, "label"]: single.loc[k, "gain_per_day"] for k in single.index}
        png = plots.to_png(plots.reps.what_if_chart(now, effects, after["velocity"]))
    return Result(
        html,
        png,
        data={
            "velocity": now,
            "new_velocity": after["velocity"],
            "gain_per_year": after["gain_per_period"],
            "best": best,
            "table": t,
        },
    )


def velocity_calculator(
    opportunities: float = 240.0,
    win_rate: float = 0.16,
    avg_deal_size: float = 58_000.0,
    cycle_days: float = 65.0,
    opportunities_change: float = 0.0,
    win_rate_change: float = 0.10,
    deal_size_change: float = 0.0,
    cycle_change: float = -0.10,
) -> Calculator:
    """Sales-velocity what-if: today's four levers and a change in each."""
    inputs = {
        "opportunities": number_box("Opportunities over one cycle", opportunities, 1, 1e7, 1),
        "win_rate": percent_slider("Win rate (%)", win_rate, 0.01, 0.90, 0.5),
        "avg_deal_size": number_box("Average won deal (¥)", avg_deal_size, 1, 1e10, 1000),
        "cycle_days": number_box("Sales cycle (days)", cycle_days, 1, 3650, 1),
        "opportunities_change": percent_slider(
            "More opportunities (%)", opportunities_change, -0.3, 0.5, 1, 0
        ),
        "win_rate_change": percent_slider(
            "Better win rate (% of it)", win_rate_change, -0.3, 0.5, 1, 0
        ),
        "deal_size_change": percent_slider("Bigger deals (%)", deal_size_change, -0.3, 0.5, 1, 0),
        "cycle_change": percent_slider("Cycle length change (%)", cycle_change, -0.5, 0.3, 1, 0),
    }
    return Calculator(
        "Sales velocity: which lever pays most?",
        inputs,
        compute_velocity,
        percent={
            "win_rate",
            "opportunities_change",
            "win_rate_change",
            "deal_size_change",
            "cycle_change",
        },
        intro="Set today's pipeline, then move the levers. A negative cycle change is a "
        "shorter cycle. A 10 % better win rate turns 16 % into 17.6 %.",
    )


# --- rep comparison ----------------------------------------------------------------------

METRICS = {
    "excess_discount": ("discount above peers (points of list)", "percent", True),
    "avg_discount": ("average discount off list", "percent", True),
    "share_above": ("share of lines above the threshold", "percent", True),
    "excess_cost_per_year": ("cost of discounting above peers (¥ a year)", "money", True),
    "gross_margin": ("gross margin", "percent", False),
    "win_rate": ("win rate", "percent", False),
    "avg_deal_size": ("average won deal (¥)", "money", False),
    "cycle_days": ("sales cycle of won deals (days)", "number", False),
    "net_revenue": ("net sales (¥)", "money", False),
}


def _fmt(kind: str):
    return {
        "percent": lambda v: pct(v, 1),
        "money": lambda v: money(v, 0),
        "number": lambda v: num(v, 0),
    }[kind]


def compute_rep_comparison(
    comparison: pd.DataFrame,
    lines: pd.DataFrame,
    metric: str = "excess_discount",
    threshold: float = 0.15,
    cutoff: float = 3.5,
    names: dict | None = None,
    chart: bool = True,
) -> Result:
    """Rank reps on ``metric`` and name who is flagged (``comparison`` from ``reps.rep_comparison``)."""
    if metric not in METRICS:
        raise ValueError("Choose one of the metrics in the list to rank the reps on.")
    label, kind, _ = METRICS[metric]
    r = reps_labs.rank_reps(comparison, lines, metric, threshold, cutoff)
    t, ranked, flagged, top = r.table, r.ranked, r.flagged, r.top
    who = lambda r: f"{esc(r)}" + (f" ({esc(names[r])})" if names and r in names else "")  # noqa: E731
    if flagged:
        sentence = f'<span class="sp-bad">{len(flagged)} rep{"s" if len(flagged) > 1 else ""} flagged</span> '
        sentence += f"(discount above same-tier peers, robust z above {cutoff:g}): "
        for i, rep in enumerate(flagged):
            sentence += "; " if i else ""
            sentence += (
                f"<b>{who(rep)}</b>: {pct(t.loc[rep, 'excess_discount'], 2, sign=True)} vs peers, "
                f"{money(t.loc[rep, 'excess_cost_per_year'], 0)} a year"
            )
        sentence += "."
    else:
        sentence = (
            f"No rep's discounting stands out from peers at a robust z cut-off of {cutoff:g}."
        )
    sentence += (
        f" Highest {esc(label)}: <b>{who(top)}</b> with {_fmt(kind)(ranked.loc[top, metric])}. "
        f"{pct(threshold, 0)} is the threshold for a deep discount."
    )
    cols = list(ranked.columns)
    shown = ranked.reset_index()
    rename = {c: METRICS[c][0] for c in cols if c in METRICS}
    formats = {METRICS[c][0]: _fmt(METRICS[c][1]) for c in cols if c in METRICS}
    formats["flagged"] = lambda v: "⚠ flagged" if v else ""
    html = sentence + table(shown.rename(columns=rename), formats)
    png = None
    if chart:
        values = t[metric]
        png = plots.to_png(
            plots.reps.rep_ranking_chart(
                values,
                label,
                flagged,
                percent=kind == "percent",
                money=kind == "money",
                title=(
                    f"{len(flagged)} rep{'s' if len(flagged) > 1 else ''} discount far above peers"
                    if flagged
                    else f"Reps ranked by {label}"
                ),
            )
        )
    return Result(html, png, data={"flagged": flagged, "ranking": list(ranked.index), "table": t})


def rep_comparison_calculator(
    opportunities: pd.DataFrame | None = None,
    lines: pd.DataFrame | None = None,
    metric: str = "excess_discount",
    threshold: float = 0.15,
    cutoff: float = 3.5,
    peer_by: str | None = "tier",
    names: dict | None = None,
    years: float = 2.0,
) -> Calculator:
    """Reps compared on a metric of your choice, with over-discounters flagged.

    Loads Huaxin's data once (opportunities, order lines with orders and
    customers) unless ``opportunities`` and ``lines`` (``reps.rep_lines``) are given;
    ``years`` is the period they cover (Huaxin's: 2024-2025).
    """
    if opportunities is None or lines is None:
        from .. import data

        opportunities = data.load("opportunities") if opportunities is None else opportunities
        lines = (
            reps.rep_lines(data.load("order_lines"), data.load("orders"), data.load("customers"))
            if lines is None
            else lines
        )
        if names is None:
            names = data.load("reps").set_index("rep_id")["name"].to_dict()
    comparison = reps.rep_comparison(
        opportunities, lines, threshold=threshold, peer_by=peer_by, years=years
    )
    slim = lines[["rep_id", "discount"]]
    inputs = {
        "metric": widgets.Dropdown(
            options=[
                (v[0], k)
                for k, v in METRICS.items()
                if k in comparison.columns or k == "share_above"
            ],
            value=metric,
            description="Rank reps by",
            style=STYLE,
            layout=LAYOUT,
        ),
        "threshold": percent_slider("Deep discount above (%)", threshold, 0.05, 0.30, 1, 0),
        "cutoff": slider("Flag when robust z above", cutoff, 2.0, 6.0, 0.5, digits=1),
    }
    return Calculator(
        "Reps compared: win rate, cycle and discount discipline",
        inputs,
        lambda **v: compute_rep_comparison(comparison, slim, names=names, **v),
        percent={"threshold"},
        intro="Choose what to rank on. Orange reps give discounts far above peers selling "
        "to the same tier of customer (Iglewicz-Hoaglin robust z-score).",
    )
