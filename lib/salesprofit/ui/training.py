"""Chapter 13 calculators: training ROI, the ramp-up of a new rep, the drill scorecard.

``training_roi_calculator`` runs a Phillips level-5 evaluation (isolate the gain,
adjust for confidence, fully loaded costs). ``ramp_calculator`` shows a new rep's
ramp-up curve, when 90 % of full speed is reached and what the ramp costs.
``drill_calculator`` is the observer's sheet for a role-play: one slider per
criterion, the weighted total and what to practise next. All numbers come from
:mod:`salesprofit.training`.
"""

from __future__ import annotations

from collections.abc import Mapping

import ipywidgets as widgets
import pandas as pd

from .. import plots, training
from ..fmt import esc, money, num, pct, table
from ..labs import training as training_labs
from .base import Calculator, Result, number_box, percent_slider, slider

__all__ = [
    "compute_drill",
    "compute_ramp",
    "compute_training_roi",
    "drill_calculator",
    "ramp_calculator",
    "training_roi_calculator",
]


# --- training ROI -------------------------------------------------------------------


def compute_training_roi(
    participants: float,
    monthly_gain: float,
    months: float,
    attribution: float,
    confidence: float,
    cost_per_participant: float,
    fixed_costs: float,
    chart: bool = True,
) -> Result:
    """Phillips ROI of a sales-training programme."""
    e = training.evaluate_training(
        participants,
        monthly_gain,
        months,
        attribution,
        confidence,
        cost_per_participant,
        fixed_costs,
    )
    need = training.break_even_gain(e.costs, participants, months, attribution, confidence)
    cls = "sp-big" if e.roi >= 0 else "sp-bad"
    payback = (
        f"it pays back after <b>{num(e.payback_months, 1)} months</b>"
        if e.payback_months <= months
        else f"it does not pay back within {num(months, 0)} months"
    )
    sentence = (
        f"Measured gain {money(e.gain, 0)}; credited to the training after isolation and confidence "
        f"({pct(attribution, 0)} × {pct(confidence, 0)}): <b>{money(e.benefits, 0)}</b>. Fully loaded cost "
        f"<b>{money(e.costs, 0)}</b>. ROI = ({money(e.benefits, 0)} − {money(e.costs, 0)}) ÷ {money(e.costs, 0)} = "
        f'<span class="{cls}">{pct(e.roi, 0)}</span> (benefit-cost ratio {e.bcr:.2f}); {payback}. '
        f"Break-even: {money(need, 0)} more gross profit per participant a month."
    )
    rows = pd.DataFrame(
        {
            "step": [
                "measured gain",
                "credited to training (benefits)",
                "fully loaded costs",
                "net benefits",
                "benefit-cost ratio",
                "ROI",
            ],
            "value": [
                money(e.gain, 0),
                money(e.benefits, 0),
                money(e.costs, 0),
                money(e.net_benefits, 0, sign=True),
                f"{e.bcr:.2f}",
                pct(e.roi, 0),
            ],
        }
    )
    html = sentence + table(rows)
    png = None
    if chart:
        png = plots.to_png(plots.training.payback_chart(e.costs, e.monthly_benefits, months))
    return Result(html, png, data=e)


def training_roi_calculator(
    participants: float = 16,
    monthly_gain: float = 3_000.0,
    months: float = 12,
    attribution: float = 0.5,
    confidence: float = 0.8,
    cost_per_participant: float = 6_000.0,
    fixed_costs: float = 30_000.0,
) -> Calculator:
    """Training ROI (Phillips): is the course worth its cost?"""
    inputs = {
        "participants": number_box("Reps trained", participants, 1, 10_000, 1),
        "monthly_gain": number_box(
            "Extra gross profit per rep a month (¥)", monthly_gain, -1e7, 1e7, 100
        ),
        "months": slider("Months the gain is counted", months, 1, 36, 1, digits=0),
        "attribution": percent_slider(
            "Share of the gain due to training (%)", attribution, 0.0, 1.0, 5, 0
        ),
        "confidence": percent_slider("Confidence in that share (%)", confidence, 0.1, 1.0, 5, 0),
        "cost_per_participant": number_box(
            "Cost per rep: fees, travel, time (¥)", cost_per_participant, 0, 1e8, 100
        ),
        "fixed_costs": number_box("Design and trainer (¥)", fixed_costs, 0, 1e9, 1000),
    }
    return Calculator(
        "Training ROI (Phillips level 5)",
        inputs,
        compute_training_roi,
        percent={"attribution", "confidence"},
        intro="Count gross profit, not sales; credit the training only with its share of the "
        "gain; load every cost, including the days reps spend away from customers.",
    )


# --- ramp-up ----------------------------------------------------------------------------


def compute_ramp(
    tau: float,
    start: float,
    full: float,
    peer_value: float,
    hire_month: int,
    points: pd.DataFrame | None = None,
    fits: Mapping[str, float] | None = None,
    chart: bool = True,
) -> Result:
    """The ramp-up curve of a new rep and what it costs."""
    s = training_labs.ramp_view(tau, start, full, peer_value, int(hire_month))
    later = s["level_years_later"]
    when = s["level_month_name"] + (
        " of the hiring year"
        if later == 0
        else " of the next year"
        if later == 1
        else f", {later} years later"
    )
    sentence = (
        f"A rep hired in <b>{s['hire_month_name']}</b> who settles at {pct(full, 0)} of a tenured peer "
        f"({money(s['full_value'], 0)} gross profit a month) reaches 90 % of that after "
        f'<span class="sp-big">{num(s["months_to_level"], 1)} months</span>, in {when}. '
        f"The ramp-up costs <b>{money(s['cost_in_hiring_year'], 0)}</b> of gross profit by 31 December "
        f"and {money(s['cost_total'], 0)} in all: budget it as part of the cost of hiring."
    )
    html = sentence + table(s["table"], {"productivity": lambda v: pct(v, 0)})
    png = None
    if chart:
        png = plots.to_png(plots.training.ramp_chart(points, full, tau, start, 24.0, fits))
    return Result(html, png, data=s)


def ramp_calculator(
    tau: float = 4.0,
    start: float = 0.0,
    full: float = 1.0,
    peer_value: float = 110_000.0,
    hire_month: int = 3,
    points: pd.DataFrame | None = None,
    fits: Mapping[str, float] | None = None,
) -> Calculator:
    """Ramp-up of a new rep: time to full speed and the profit it costs.

    ``points`` (``training.ramp_data``) and ``fits`` (each rep's full level) draw the
    sample company's new reps behind the curve.
    """
    inputs = {
        "tau": slider("Time constant τ (months)", tau, 0.5, 12.0, 0.1, digits=1),
        "start": percent_slider("Day-one productivity (%)", start, 0.0, 0.8, 5, 0),
        "full": percent_slider("Full level vs a peer (%)", full, 0.3, 2.0, 5, 0),
        "peer_value": number_box(
            "Tenured rep's gross profit a month (¥)", peer_value, 0, 1e9, 1000
        ),
        "hire_month": widgets.Dropdown(
            options=[(m, i) for i, m in enumerate(training_labs.MONTH_NAMES, 1)],
            value=int(hire_month),
            description="Hired in",
            style={"description_width": "14em"},
        ),
    }
    return Calculator(
        "Ramp-up of a new rep",
        inputs,
        lambda **v: compute_ramp(points=points, fits=fits, **v),
        percent={"start", "full"},
        intro="productivity(t) = full × (1 − (1 − start) e<sup>−t/τ</sup>): after τ months "
        "a new rep has closed 63 % of the gap, after τ × ln 10 ≈ 2.3 τ months 90 %.",
    )


# --- drill scorecard ------------------------------------------------------------------

TIPS = {
    "opening": "State the purpose and an agenda in the first minute and ask the customer to add to it.",
    "discovery": "Ask more open questions (what, how, why) before presenting; find the cost of the "
    "customer's problem in money.",
    "value": "Tie every feature you mention to a need the customer stated, with a number.",
    "objections": "Pause, ask what lies behind the objection, and confirm your answer satisfied it.",
    "price_defence": "Never give a discount: trade it for volume, a longer contract or faster payment, "
    "and know the volume your margin needs (chapter 3).",
    "close": "Ask for a commitment or a dated next step before you leave.",
}


def compute_drill(
    weights: Mapping[str, float] | None = None, chart: bool = True, **scores: float
) -> Result:
    """Total, level and feedback of one scored drill (scores 1-5 by criterion)."""
    weights = dict(training.DRILL_CRITERIA if weights is None else weights)
    sheet = training_labs.drill_sheet(scores, weights)
    r = sheet.score
    labels = training.DRILL_LABELS
    cls = {"ready": "sp-big", "nearly ready": "sp-big", "practise again": "sp-bad"}[r.level]
    sentence = (
        f'Total <span class="{cls}">{pct(r.total, 1)}</span> (weighted mean {r.weighted_mean:.2f} of 5): '
        f"<b>{r.level}</b>. "
        + (
            "Every criterion got the same score; start with the heaviest one: "
            if sheet.all_equal
            else f"Strongest: {esc(labels.get(r.strongest, r.strongest))}. Practise next: "
        )
        + f"<b>{esc(labels.get(r.weakest, r.weakest))}</b>. {esc(TIPS.get(r.weakest, ''))}"
    )
    html = sentence + table(
        sheet.table,
        {"weight": lambda v: pct(v, 0), "score": lambda v: f"{v:g}", "points": lambda v: pct(v, 1)},
    )
    png = None
    if chart:
        png = plots.to_png(plots.training.drill_chart(scores, weights, labels, 5.0, r.total))
    return Result(html, png, data=r)


def drill_calculator(weights: Mapping[str, float] | None = None, **scores: float) -> Calculator:
    """The observer's scorecard for a role-play drill: one slider (1-5) per criterion."""
    weights = dict(training.DRILL_CRITERIA if weights is None else weights)
    inputs = {
        k: slider(
            training.DRILL_LABELS.get(k, k), float(scores.get(k, 3.0)), 1.0, 5.0, 0.5, digits=1
        )
        for k in weights
    }
    text = "1 = not shown, 3 = done but could be better, 5 = a model for others. Weights:"
    for k, w in training_labs.normalised_weights(weights).items():
        text += f" {esc(training.DRILL_LABELS.get(k, k))} {pct(w, 0)},"
    return Calculator(
        "Drill scorecard: score the role-play",
        inputs,
        lambda **v: compute_drill(weights, **v),
        intro=text.rstrip(",") + ".",
    )
