"""Chapter 9 exercises (incentives): tiered commission and margin plans."""

from __future__ import annotations

from .. import incentives
from ..fmt import money, pct
from ..teach import Exercise, Mistake

__all__ = ["margin_plan_pay", "retroactive_commission"]


def _tier_text(tiers) -> str:
    parts = []
    for i, (t, r) in enumerate(tiers):
        upper = tiers[i + 1][0] if i + 1 < len(tiers) else None
        parts.append(
            f"{pct(r, 1)} from {money(t, 0)}" + (f" to {money(upper, 0)}" if upper else " up")
        )
    return "; ".join(parts)


def retroactive_commission(sales: float, tiers) -> Exercise:
    """Pay under a retroactive (stepped) tier table, with the marginal answer as the trap (lab 9.1)."""
    answer = incentives.commission(sales, tiers, "retroactive")
    marginal = incentives.commission(sales, tiers, "marginal")
    reached = max(i for i, (t, _) in enumerate(tiers) if sales >= t)
    t_top, r_top = tiers[reached]
    mistakes = [
        Mistake(
            marginal,
            "That is the marginal answer: each rate on its own band. In a retroactive plan the "
            "top rate reached pays on all sales.",
        ),
        Mistake(
            r_top * (sales - t_top),
            "You paid the top rate only on the sales above its threshold and nothing on the rest.",
        ),
        Mistake(
            tiers[0][1] * sales,
            "That is the first tier's rate on everything: check which threshold "
            "the sales have passed.",
        ),
    ]
    solution = (
        f"<p>{money(sales, 0)} has passed the threshold of {money(t_top, 0)}, so the rate is "
        f"{pct(r_top, 1)} on all of it: {pct(r_top, 1)} × {money(sales, 0)} = {money(answer, 0)}.</p>"
        f"<p>The marginal plan would pay {money(marginal, 0)}: the difference, "
        f"{money(answer - marginal, 0)}, is why a rep near a threshold will do almost anything to "
        "cross it.</p>"
    )
    return Exercise(
        "09-1",
        f"The tiered bonus pays {_tier_text(tiers)}, retroactively (the rate reached "
        f"applies to all sales). A rep sells {money(sales, 0)} this year. What is the bonus (¥)?",
        answer,
        "money",
        mistakes,
        solution,
        tolerance=1.0,
    )


def margin_plan_pay(
    list_price: float, unit_cost: float, units: float, discount: float, rate: float
) -> Exercise:
    """Pay on gross profit for a discounted deal (lab 9.2)."""
    price = list_price * (1 - discount)
    revenue = price * units
    gp = (price - unit_cost) * units
    plan = incentives.Plan(((0, rate),), basis="gross_profit")
    answer = incentives.plan_pay(plan, revenue, gp)
    mistakes = [
        Mistake(
            rate * revenue,
            "You paid the rate on revenue. This plan pays on gross profit: revenue minus "
            "the cost of the goods.",
        ),
        Mistake(
            rate * (list_price - unit_cost) * units,
            "You used the list price: the discount comes out of the gross profit first.",
        ),
        Mistake(
            rate * (list_price * (1 - discount) - unit_cost * (1 - discount)) * units,
            "You discounted the cost as well. A discount lowers the price, not what the goods cost us.",
        ),
    ]
    solution = (
        f"<p>Price after discount: {money(list_price, 2)} × (1 − {pct(discount, 0)}) = "
        f"{money(price, 2)}. Gross profit: ({money(price, 2)} − {money(unit_cost, 2)}) × {units:,.0f} = "
        f"{money(gp, 0)}.</p><p>Pay: {pct(rate, 0)} × {money(gp, 0)} = {money(answer, 0)}. "
        f"Without the discount it would have been {money(rate * (list_price - unit_cost) * units, 0)}: "
        "under a margin plan the rep pays part of every discount.</p>"
    )
    return Exercise(
        "09-2",
        f"A rep on a gross-profit plan ({pct(rate, 0)} of gross profit) sells {units:,.0f} "
        f"units listed at {money(list_price, 2)} with a {pct(discount, 0)} discount. Each unit costs "
        f"{money(unit_cost, 2)}. What does the rep earn on the deal (¥)?",
        answer,
        "money",
        mistakes,
        solution,
        tolerance=1.0,
    )
