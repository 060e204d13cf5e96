"""Chapter 13 exercises (professionalism): training ROI and the ramp-up time of new reps."""

from __future__ import annotations

import math

from .. import training
from ..fmt import money, num, pct
from ..teach import Exercise, Mistake

__all__ = ["ramp_time", "training_roi"]


def training_roi(
    participants: float,
    monthly_gain: float,
    months: float,
    attribution: float,
    confidence: float,
    cost_per_participant: float,
    fixed_costs: float,
) -> Exercise:
    """Phillips ROI with isolation and confidence (lab 13.1)."""
    e = training.evaluate_training(
        participants,
        monthly_gain,
        months,
        attribution,
        confidence,
        cost_per_participant,
        fixed_costs,
    )
    raw = training.training_roi(e.gain, e.costs)
    mistakes = [
        Mistake(
            raw,
            "You credited the training with the whole gain. Phillips isolates it first: only the "
            f"share due to the training ({pct(attribution, 0)}), adjusted by the confidence "
            f"({pct(confidence, 0)}), counts as a benefit.",
        ),
        Mistake(
            e.bcr,
            "That is the benefit-cost ratio (benefits ÷ costs). ROI uses the net benefits: "
            "(benefits − costs) ÷ costs.",
        ),
        Mistake(
            training.training_roi(e.gain * attribution, e.costs),
            "Nearly: you isolated the training's share but forgot to adjust for the confidence in it.",
        ),
        Mistake(
            training.training_roi(e.benefits, participants * cost_per_participant),
            "The design and trainer costs belong to the programme too: use fully loaded costs.",
        ),
        Mistake(
            (e.benefits - e.costs) / e.benefits,
            "ROI divides the net benefits by the costs, not by the benefits.",
        ),
    ]
    solution = (
        f"<p>Measured gain: {num(participants)} reps × {money(monthly_gain, 0)} × {num(months)} months = "
        f"{money(e.gain, 0)}.</p><p>Benefits credited to training: {money(e.gain, 0)} × {pct(attribution, 0)} × "
        f"{pct(confidence, 0)} = {money(e.benefits, 0)}.</p><p>Costs: {num(participants)} × "
        f"{money(cost_per_participant, 0)} + {money(fixed_costs, 0)} = {money(e.costs, 0)}.</p>"
        f"<p>ROI = ({money(e.benefits, 0)} − {money(e.costs, 0)}) ÷ {money(e.costs, 0)} = {pct(e.roi, 1)} "
        f"(BCR {e.bcr:.2f}).</p>"
    )
    return Exercise(
        "13-1",
        f"{num(participants)} reps took a negotiation course. Each now brings about "
        f"{money(monthly_gain, 0)} more gross profit a month; count {num(months)} months. The reps "
        f"credit {pct(attribution, 0)} of the gain to the course and are {pct(confidence, 0)} sure of "
        f"that. The course cost {money(cost_per_participant, 0)} a rep (fees, travel, days away from "
        f"customers) plus {money(fixed_costs, 0)} for design and trainer. What is the ROI, in %?",
        e.roi,
        "percent",
        mistakes,
        solution,
    )


def ramp_time(tau: float, level: float = 0.9) -> Exercise:
    """Months until a new rep reaches ``level`` of full productivity (lab 13.2)."""
    answer = training.time_to_productivity(tau, level)
    mistakes = [
        Mistake(
            tau,
            f"After τ months a rep is at 1 − 1/e = {pct(1 - math.exp(-1), 0)} of full speed, "
            f"not {pct(level, 0)}.",
        ),
        Mistake(tau * level, "The curve is not a straight line: solve 1 − e^(−t/τ) = level for t."),
        Mistake(tau * math.log(2), "That is the time to 50 %: use ln(1 ÷ (1 − level))."),
        Mistake(
            -tau * math.log(level),
            "Close, but the gap left is 1 − level: t = τ × ln(1 ÷ (1 − level)).",
        ),
    ]
    solution = (
        f"<p>productivity(t) = full × (1 − e<sup>−t/τ</sup>). Set it to {pct(level, 0)} of full: "
        f"e<sup>−t/τ</sup> = {1 - level:.2f}, so t = τ × ln(1 ÷ {1 - level:.2f}) = {num(tau, 1)} × "
        f"{math.log(1 / (1 - level)):.3f} = {num(answer, 2)} months.</p>"
    )
    return Exercise(
        "13-2",
        f"A company's new reps ramp up with a time constant τ = {num(tau, 1)} months, starting "
        f"from nothing. After how many months does a new rep reach {pct(level, 0)} of full productivity?",
        answer,
        "number",
        mistakes,
        solution,
        tolerance=0.1,
    )
