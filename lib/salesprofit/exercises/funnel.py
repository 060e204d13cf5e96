"""Chapter 15 exercises (sales process): win rate through the stages, the value of a better stage."""

from __future__ import annotations

from .. import funnel
from ..fmt import money, pct
from ..teach import Exercise, Mistake

__all__ = ["better_stage_value", "win_rate"]

LABELS = {
    "lead": "lead",
    "needs_analysis": "needs analysis",
    "proposal": "proposal",
    "contract": "contract",
}


def win_rate(conversion: dict) -> Exercise:
    """Lead-to-win rate from stage conversions (lab 15.1)."""
    r = funnel.funnel_model(100, conversion, {k: 1 for k in conversion}, 1)
    answer = r.win_rate
    vals = list(conversion.values())
    mistakes = [
        Mistake(
            sum(vals) / len(vals),
            "That is the average of the stage conversions. A lead must pass every "
            "stage: multiply them.",
        ),
        Mistake(
            vals[-1],
            "That is only the last stage. The win rate from a lead multiplies all the stages.",
        ),
        Mistake(min(vals), "That is the weakest stage (the bottleneck), not the whole funnel."),
    ]
    chain = " × ".join(pct(v, 1) for v in vals)
    solution = f"<p>Win rate = {chain} = {pct(answer, 1)}: about {answer * 100:.0f} deals won from 100 leads.</p>"
    listing = ", ".join(f"{LABELS.get(k, k)} {pct(v, 1)}" for k, v in conversion.items())
    return Exercise(
        "15-1",
        f"The stage conversions are: {listing}. What share of leads becomes a won deal (in %)?",
        answer,
        "percent",
        mistakes,
        solution,
    )


def better_stage_value(
    leads_per_month: float, conversion: dict, avg_deal: float, stage: str, points: float
) -> Exercise:
    """Extra revenue a month from a better conversion in one stage (lab 15.2)."""
    days = {k: 1 for k in conversion}
    t = funnel.funnel_what_if(
        leads_per_month, conversion, days, avg_deal, stage, conversion_change=points
    )
    answer = float(t.loc["change", "revenue_per_month"])
    today = float(t.loc["today", "revenue_per_month"])
    mistakes = [
        Mistake(
            leads_per_month * points * avg_deal,
            "You added the points to the win rate from a lead. They apply to the deals that reach the stage, "
            "and those deals must still pass the later stages.",
        ),
        Mistake(
            today * points,
            "You raised revenue by the points themselves. The gain is in proportion: "
            "points ÷ today's stage conversion.",
        ),
    ]
    solution = (
        f"<p>Today: {leads_per_month:,.0f} leads × win rate {pct(t.loc['today', 'win_rate'], 2)} × "
        f"{money(avg_deal, 0)} = {money(today, 0)} a month.</p><p>With {LABELS.get(stage, stage)} "
        f"{pct(conversion[stage], 1)} → {pct(conversion[stage] + points, 1)} the win rate becomes "
        f"{pct(t.loc['improved', 'win_rate'], 2)} and revenue {money(t.loc['improved', 'revenue_per_month'], 0)}: "
        f"{money(answer, 0)} more a month ({pct(points / conversion[stage], 1)} more, the points divided by "
        "today's conversion).</p>"
    )
    listing = ", ".join(f"{LABELS.get(k, k)} {pct(v, 1)}" for k, v in conversion.items())
    return Exercise(
        "15-2",
        f"{leads_per_month:,.0f} leads a month, an average won deal of {money(avg_deal, 0)}, stage "
        f"conversions {listing}. Coaching lifts {LABELS.get(stage, stage)} by "
        f"{points * 100:.0f} points. How much more revenue a month (¥)?",
        answer,
        "money",
        mistakes,
        solution,
        tolerance=max(1.0, abs(answer) * 0.002),
    )
