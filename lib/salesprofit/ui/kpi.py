"""Chapter 6 calculators: the KPI scorecard with weight sliders, revenue vs profit ranking.

Huaxin's data are loaded once when a calculator is built (:func:`team_kpis`);
each change only re-scores the 20 reps.
"""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd

from .. import kpi, plots
from ..fmt import esc, money, num, pct, table
from .base import LAYOUT, STYLE, Calculator, Result, slider

__all__ = [
    "compute_ranking",
    "compute_scorecard",
    "ranking_calculator",
    "scorecard_calculator",
    "team_kpis",
]

KPI_LABELS = {
    "revenue": "Revenue",
    "profit": "Profit after cost to serve",
    "profit_margin": "Profit margin",
    "avg_discount": "Average discount (lower is better)",
    "nps": "Customer NPS",
    "attainment": "Revenue target attainment",
    "gross_profit": "Gross profit",
    "gross_margin": "Gross margin",
}
LOWER_IS_BETTER = ("avg_discount",)


def team_kpis(year: int = 2025) -> pd.DataFrame:
    """Huaxin's KPIs per rep for ``year`` (loads the tables; call once)."""
    from .. import data

    orders, acts, surveys = data.load("orders"), data.load("activities"), data.load("surveys")
    res = kpi.rep_results(
        orders[orders["order_date"].dt.year == year],
        data.load("order_lines"),
        data.load("customers"),
        acts[acts["date"].dt.year == year],
        surveys[surveys["date"].dt.year == year],
    )
    res["attainment"] = kpi.annual_attainment(res, data.load("targets"), year)
    names = data.load("reps").set_index("rep_id")["name"]
    res.insert(0, "name", names.reindex(res.index))
    return res


def _fmt(col: str):
    if col in {"revenue", "profit", "gross_profit"}:
        return lambda v: money(v, 0)
    if col in {"profit_margin", "avg_discount", "attainment", "gross_margin", "score"}:
        return lambda v: pct(v, 1)
    return lambda v: num(v, 0)


def compute_scorecard(
    kpis: pd.DataFrame, chart: bool = True, top: int = 20, **weights: float
) -> Result:
    """Re-rank the team with the KPI ``weights`` (keyword per KPI, any scale)."""
    v = kpi.scorecard_view(kpis, weights, LOWER_IS_BETTER, top)
    card, used, first = v.card, v.used, v.first
    sentence = (
        f"With these weights <b>{esc(first)}</b> "
        f"({esc(kpis.loc[first, 'name']) if 'name' in kpis else ''}) ranks first"
        + (
            f", {v.places_up} place{'s' if v.places_up != 1 else ''} higher than on revenue alone."
            if v.places_up > 0
            else ", as on revenue alone."
        )
        + f" {v.changed} of {len(card)} reps hold a different place than in a revenue ranking."
    )
    cols = list(v.table.columns)
    names = {
        "rank": "rank",
        "name": "rep",
        "score": "score",
        "revenue_rank": "rank by revenue",
        **{f"kpi_{k}": KPI_LABELS.get(k, k) for k in used},
    }
    formats = {
        names[c]: _fmt(c[4:] if c.startswith("kpi_") else c)
        for c in cols
        if c not in {"name", "rank", "revenue_rank"}
    }
    html = sentence + table(v.table.reset_index().rename(columns=names), formats)
    png = None
    if chart:
        png = plots.to_png(
            plots.kpi.scorecard_chart(card, used, {k: KPI_LABELS.get(k, k) for k in used}, top=10)
        )
    return Result(html, png, data=card)


def scorecard_calculator(
    kpis: pd.DataFrame | None = None,
    revenue: float = 40,
    profit: float = 30,
    profit_margin: float = 0,
    avg_discount: float = 10,
    nps: float = 10,
    attainment: float = 10,
) -> Calculator:
    """KPI weight sliders that re-rank the team (weights 0-100, divided by their sum)."""
    kpis = team_kpis() if kpis is None else kpis
    init = {
        "revenue": revenue,
        "profit": profit,
        "profit_margin": profit_margin,
        "avg_discount": avg_discount,
        "nps": nps,
        "attainment": attainment,
    }
    inputs = {
        k: slider(f"{KPI_LABELS[k].split(' (')[0]} weight", v, 0, 100, 5, digits=0)
        for k, v in init.items()
    }
    return Calculator(
        "KPI scorecard: who is the best rep?",
        inputs,
        lambda **w: compute_scorecard(kpis, **w),
        intro="Each KPI is scored from 0 (worst rep) to 1 (best rep); the weights decide "
        "how much each counts. Move them and watch the ranking change.",
    )


def compute_ranking(kpis: pd.DataFrame, metric: str = "profit", chart: bool = True) -> Result:
    """The team ranked by revenue and by ``metric``: who climbs, who falls."""
    v = kpi.ranking_view(kpis, "revenue", metric)
    comp, up, down = v.comparison, v.climbs, v.falls
    label = KPI_LABELS.get(metric, metric).lower()
    sentence = (
        f"Ranked by {esc(label)} instead of revenue, <b>{esc(up)}</b> climbs "
        f"{int(comp.loc[up, 'moves'])} places and <b>{esc(down)}</b> falls "
        f"{int(-comp.loc[down, 'moves'])}. Rank correlation with revenue: <b>{v.rho:.2f}</b> "
        "(1 would mean the same order)."
    )
    shown = comp.reset_index()
    shown.insert(1, "name", list(kpis["name"].reindex(comp.index)))
    html = sentence + table(
        shown.rename(
            columns={
                "name": "rep",
                metric: KPI_LABELS.get(metric, metric),
                "rank_by_revenue": "rank by revenue",
                f"rank_by_{metric}": f"rank by {label}",
                "moves": "places gained",
            }
        ),
        {
            "revenue": lambda v: money(v, 0),
            KPI_LABELS.get(metric, metric): _fmt(metric),
            "places gained": lambda v: f"{v:+d}" if v else "0",
        },
    )
    png = (
        plots.to_png(
            plots.kpi.rank_shift_chart(comp, "revenue", metric, "by revenue", f"by {label}")
        )
        if chart
        else None
    )
    return Result(html, png, data=comp)


def ranking_calculator(kpis: pd.DataFrame | None = None, metric: str = "profit") -> Calculator:
    """Revenue ranking against a ranking by another KPI."""
    kpis = team_kpis() if kpis is None else kpis
    options = [
        (KPI_LABELS[k], k)
        for k in ("profit", "profit_margin", "gross_profit", "gross_margin", "nps")
    ]
    inputs = {
        "metric": widgets.Dropdown(
            options=options, value=metric, description="Rank by", style=STYLE, layout=LAYOUT
        )
    }
    return Calculator(
        "The same team, ranked two ways",
        inputs,
        lambda **v: compute_ranking(kpis, **v),
        intro="Left: rank by revenue. Right: rank by the KPI you choose.",
    )
