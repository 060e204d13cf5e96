"""Chapter 5 calculators: the weighted pipeline and the forecast explorer."""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd

from .. import forecast, plots
from ..fmt import money, num, pct, table
from .base import LAYOUT, STYLE, Calculator, Result, percent_slider

__all__ = ["compute_forecast", "compute_pipeline", "forecast_explorer", "pipeline_calculator"]

STAGES = ("lead", "needs_analysis", "proposal", "contract")
STAGE_LABELS = {
    "lead": "Lead",
    "needs_analysis": "Needs analysis",
    "proposal": "Proposal",
    "contract": "Contract",
}


def compute_pipeline(
    opportunities: pd.DataFrame,
    lead: float,
    needs_analysis: float,
    proposal: float,
    contract: float,
    chart: bool = True,
) -> Result:
    probs = {
        "lead": lead,
        "needs_analysis": needs_analysis,
        "proposal": proposal,
        "contract": contract,
    }
    t = forecast.pipeline_by_stage(opportunities, probs)
    total = t.loc["total"]
    sentence = (
        f"{num(total['deals'])} open deals worth {money(total['amount'], 0)}; expected to close: "
        f'<span class="sp-big">{money(total["weighted"], 0)}</span> '
        f"({pct(total['expected_share'], 0)} of the pipeline)."
    )
    shown = t.drop(columns="expected_share").rename(index=STAGE_LABELS).reset_index()
    html = sentence + table(
        shown,
        {
            "deals": num,
            "amount": lambda v: money(v, 0),
            "probability": lambda v: pct(v, 0),
            "weighted": lambda v: money(v, 0),
        },
    )
    png = (
        plots.to_png(plots.forecast.pipeline_chart(t.rename(index=STAGE_LABELS))) if chart else None
    )
    return Result(html, png, data=t)


def pipeline_calculator(opportunities: pd.DataFrame, probabilities) -> Calculator:
    """Weighted pipeline with one slider per stage (initial values: ``probabilities`` by stage)."""
    inputs = {
        s: percent_slider(
            f"Win probability: {STAGE_LABELS[s]} (%)", float(probabilities[s]), 0, 1, 1, 0
        )
        for s in STAGES
    }
    return Calculator(
        "Pipeline forecast: what the open deals are worth",
        inputs,
        lambda **p: compute_pipeline(opportunities, **p),
        percent=set(STAGES),
        intro="The sliders open on the win rates measured from each stage in the history.",
    )


def compute_forecast(
    series: pd.Series,
    trend: str,
    seasonal: str,
    damped: bool,
    horizon: int,
    test_periods: int = 6,
    future: int = 6,
    cache: dict | None = None,
    chart: bool = True,
) -> Result:
    """Backtest one Holt-Winters setting on the last months and forecast ahead."""
    key = (trend, seasonal, bool(damped), int(horizon))
    if cache is not None and key in cache:
        lab = cache[key]
    else:
        lab = forecast.forecast_lab(
            series,
            test_periods,
            int(horizon),
            future,
            trend=None if trend == "none" else trend,
            seasonal=seasonal,
            damped=bool(damped),
        )
        if cache is not None:
            cache[key] = lab
    bt, fit, naive_mape, plan = lab.backtest, lab.fit, lab.naive_mape, lab.plan
    first = plan.iloc[0]
    if lab.benchmark_wins:
        verdict = (
            f'<span class="sp-bad">The benchmark beats this model</span>: '
            f"'same month last year' missed by MAPE {pct(naive_mape, 1)} against the model's "
            f"{pct(bt.mape, 1)}. Plan on the benchmark: {money(first['benchmark'], 0)} next month, "
            f"between {money(first['benchmark_low'], 0)} and {money(first['benchmark_high'], 0)}"
        )
    else:
        verdict = (
            f'<span class="sp-big">The model beats the benchmark</span>: MAPE {pct(bt.mape, 1)} '
            f"against {pct(naive_mape, 1)} for 'same month last year'. Next month: "
            f"{money(first['model'], 0)}, between {money(first['model_low'], 0)} and "
            f"{money(first['model_high'], 0)}"
        )
    sentence = (
        f"{verdict} (the range its backtest misses give: {pct(lab.coverage, 0)} of months "
        f"should fall inside it). Forecasting each of the last {test_periods} months "
        f"{int(horizon)} month{'s' if horizon > 1 else ''} ahead, the model's WAPE is {pct(bt.wape, 1)}."
    )
    shown = pd.DataFrame(
        {
            "month": bt.table["month"].dt.strftime("%Y-%m"),
            "actual": bt.table["actual"],
            "forecast": bt.table["forecast"],
            "error": bt.table["error"],
            "abs_pct_error": bt.table["abs_pct_error"],
        }
    )
    html = sentence + table(
        shown.rename(columns={"abs_pct_error": "% error"}),
        {
            "actual": lambda v: money(v, 0),
            "forecast": lambda v: money(v, 0),
            "error": lambda v: money(v, 0, sign=True),
            "% error": lambda v: pct(v, 1),
        },
    )
    png = None
    if chart:
        png = plots.to_png(
            plots.forecast.forecast_chart(
                series,
                bt.table,
                fit.forecast,
                title=f"Backtest error {bt.mape:.1%} (benchmark {naive_mape:.1%})",
            )
        )
    return Result(
        html, png, data={"backtest": bt, "fit": fit, "naive_mape": naive_mape, "lab": lab}
    )


def forecast_explorer(
    series: pd.Series,
    trend: str = "add",
    seasonal: str = "mul",
    damped: bool = False,
    horizon: int = 1,
) -> Calculator:
    """Holt-Winters settings, forecast horizon and the backtest error."""
    cache: dict = {}
    inputs = {
        "trend": widgets.Dropdown(
            options=[("none", "none"), ("additive", "add")],
            value=trend or "none",
            description="Trend",
            style=STYLE,
            layout=LAYOUT,
        ),
        "seasonal": widgets.Dropdown(
            options=[
                ("multiplicative (% above average)", "mul"),
                ("additive (¥ above average)", "add"),
            ],
            value=seasonal,
            description="Seasonality",
            style=STYLE,
            layout=LAYOUT,
        ),
        "damped": widgets.Checkbox(value=damped, description="Damp the trend", style=STYLE),
        "horizon": widgets.IntSlider(
            value=horizon,
            min=1,
            max=6,
            description="Months ahead",
            continuous_update=False,
            style=STYLE,
            layout=LAYOUT,
        ),
    }
    return Calculator(
        "Forecast explorer: Holt-Winters on monthly gross profit",
        inputs,
        lambda **v: compute_forecast(series, cache=cache, **v),
        intro="Each backtest forecast is made with only the data known at the time.",
    )
