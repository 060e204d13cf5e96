"""Chapter 16 exercises (measuring profit): the price effect and profit growth against sales growth."""

from __future__ import annotations

import pandas as pd

from .. import variance
from ..fmt import money, num, pct
from ..teach import Exercise, Mistake

__all__ = ["price_effect", "profit_growth"]


def price_effect(
    units_base: float,
    units_now: float,
    price_base: float,
    price_now: float,
    product: str = "the product",
) -> Exercise:
    """The price bar of the profit bridge for one product (lab 16.1), by :func:`variance.profit_bridge`."""

    def period(units: float, price: float) -> pd.DataFrame:
        return pd.DataFrame({"quantity": [float(units)], "price": [price], "unit_cost": [0.0]})

    answer = variance.profit_bridge(
        period(units_base, price_base), period(units_now, price_now)
    ).price
    mistakes = [
        Mistake(
            units_base * (price_now - price_base),
            "You used last year's units. The price effect values the price change at this year's volume; "
            "the change in volume has its own bar.",
        ),
        Mistake(-answer, "The size is right but the sign is not: a higher price raises profit."),
        Mistake(
            units_now * price_now - units_base * price_base,
            "That is the whole change in revenue: it mixes price and volume. Hold the volume at this year's.",
        ),
        Mistake(
            price_now - price_base,
            "That is the change per unit. Multiply by the units sold this year.",
        ),
    ]
    solution = (
        f"<p>Price effect = units this year × (price this year − price last year) = {num(units_now)} × "
        f"({money(price_now)} − {money(price_base)}) = {money(answer, 0)}.</p>"
    )
    return Exercise(
        "16-1",
        f"Last year you sold {num(units_base)} units of {product} at {money(price_base)}; "
        f"this year {num(units_now)} at {money(price_now)}. What is the price effect in the profit "
        "bridge (¥)?",
        answer,
        "money",
        mistakes,
        solution,
    )


def profit_growth(
    revenue_base: float, revenue_now: float, profit_base: float, profit_now: float
) -> Exercise:
    """Profit growth next to sales growth (lab 16.2), by :func:`variance.growth_rate`."""
    answer = variance.growth_rate(profit_base, profit_now)
    mistakes = [
        Mistake(
            revenue_now / revenue_base - 1,
            "That is sales growth. Profit can grow faster or slower than sales: compute it from profit.",
        ),
        Mistake(
            (profit_now - profit_base) / revenue_base,
            "You divided the profit change by last year's sales. Growth is measured against last year's profit.",
        ),
        Mistake(
            profit_now / revenue_now - profit_base / revenue_base,
            "That is the change in margin (in points), not the growth of profit.",
        ),
        Mistake(
            profit_base / profit_now - 1,
            "You divided the wrong way round: this year ÷ last year − 1.",
        ),
    ]
    solution = (
        f"<p>Profit growth = {money(profit_now, 0)} ÷ {money(profit_base, 0)} − 1 = {pct(answer, 1)}; "
        f"sales grew {pct(variance.growth_rate(revenue_base, revenue_now), 1)}.</p>"
    )
    return Exercise(
        "16-2",
        f"Sales went from {money(revenue_base, 0)} to {money(revenue_now, 0)}; operating "
        f"profit from {money(profit_base, 0)} to {money(profit_now, 0)}. By how much (in %) did profit "
        "grow?",
        answer,
        "percent",
        mistakes,
        solution,
    )
