"""Chapter 6 exercises (performance evaluation)."""

from __future__ import annotations

from .. import kpi
from ..fmt import money, pct
from ..teach import Exercise, Mistake

__all__ = ["profit_margin", "weighted_score"]


def profit_margin(rep: str, revenue: float, gross_profit: float, cost_to_serve: float) -> Exercise:
    """A rep's profit margin after the cost to serve (lab 6.1)."""
    profit = gross_profit - cost_to_serve
    answer = kpi.profit_margin(revenue, gross_profit, cost_to_serve)
    mistakes = [
        Mistake(
            gross_profit / revenue,
            "That is the gross margin: it leaves out what serving the rep's customers cost "
            "(rebates, payment terms, freight and handling, visits). Subtract the cost to serve first.",
        ),
        Mistake(
            profit / gross_profit,
            "You divided by gross profit. A margin is always a share of revenue (net sales).",
        ),
        Mistake(
            cost_to_serve / revenue,
            "That is the cost to serve as a share of revenue, not what is left after it.",
        ),
    ]
    solution = (
        f"<p>Profit after cost to serve = gross profit − cost to serve = {money(gross_profit, 0)} − "
        f"{money(cost_to_serve, 0)} = {money(profit, 0)}.</p>"
        f"<p>Profit margin = profit ÷ revenue = {money(profit, 0)} ÷ {money(revenue, 0)} = "
        f"{pct(answer, 1)}.</p>"
    )
    return Exercise(
        "06-1",
        f"In 2025 {rep} sold {money(revenue, 0)} with a gross profit of "
        f"{money(gross_profit, 0)}. Serving those customers cost {money(cost_to_serve, 0)}. "
        f"What is {rep}'s profit margin after the cost to serve (in %)?",
        answer,
        "percent",
        mistakes,
        solution,
    )


def weighted_score(rep: str, scores: dict[str, float], weights: dict[str, float]) -> Exercise:
    """A rep's weighted scorecard total from KPI scores on a 0-100 scale (lab 6.2)."""
    total_w = sum(weights.values())
    answer = kpi.weighted_score([scores[k] for k in weights], list(weights.values()))
    plain = sum(scores[k] for k in weights) / len(weights)
    mistakes = [
        Mistake(
            plain, "That is the plain average of the scores: each KPI must count with its weight."
        ),
        Mistake(
            sum(scores[k] * weights[k] for k in weights),
            f"You forgot to divide by the sum of the weights ({total_w:g}).",
        ),
        Mistake(
            max(scores[k] for k in weights),
            "That is only the best KPI score: the total mixes every weighted KPI.",
        ),
    ]
    lines = " + ".join(f"{scores[k]:g} × {weights[k]:g}" for k in weights)
    solution = (
        f"<p>Weighted score = Σ (score × weight) ÷ Σ weights = ({lines}) ÷ {total_w:g} = "
        f"{answer:.1f} points.</p>"
    )
    kpis = ", ".join(f"{k} {scores[k]:g} (weight {weights[k]:g})" for k in weights)
    return Exercise(
        "06-2",
        f"On a 0-100 scale {rep} scores: {kpis}. What is {rep}'s weighted score "
        "(in points, 0-100)?",
        answer,
        "number",
        mistakes,
        solution,
        tolerance=0.15,
    )
