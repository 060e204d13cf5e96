"""Chapter 11 exercises (improvement and innovation): the A/B z statistic and new-product break-even."""

from __future__ import annotations

import math

from .. import experiments
from ..fmt import money, num, pct
from ..teach import Exercise, Mistake

__all__ = ["ab_z", "new_product_units"]


class _TwoDecimals(Exercise):
    """An exercise whose answer is asked for, and shown, with two decimals."""

    def format(self, value: float) -> str:
        return f"{value:.2f}"


def ab_z(conversions_a: int, n_a: int, conversions_b: int, n_b: int) -> Exercise:
    """The pooled z statistic of an A/B test of a sales offer (lab 11.1)."""
    t = experiments.two_proportion_ztest(conversions_a, n_a, conversions_b, n_b)
    pa, pb = conversions_a / n_a, conversions_b / n_b
    pooled = (conversions_a + conversions_b) / (n_a + n_b)
    se_unpooled = math.sqrt(pa * (1 - pa) / n_a + pb * (1 - pb) / n_b)
    se_pooled = math.sqrt(pooled * (1 - pooled) * (1 / n_a + 1 / n_b))
    mistakes = [
        Mistake(
            -t.z,
            "The size is right but the sign is not: z is (rate A − rate B) ÷ standard error, "
            "positive when A converts better.",
        ),
        Mistake(
            (pa - pb) / se_pooled**2,
            "You divided by the variance. Take its square root first: the standard error.",
        ),
        Mistake(
            (pa - pb) / math.sqrt(pooled * (1 - pooled) * (n_a + n_b)),
            "The sample sizes go in as 1/n_A + 1/n_B: the more customers, the smaller the error.",
        ),
        Mistake(
            pa - pb, "That is the difference in rates. Divide it by its standard error to get z."
        ),
        Mistake(
            (pa - pb) / se_unpooled,
            "Close: that uses each group's own rate in the standard error (the interval's formula). "
            "The test pools both groups, because it assumes no difference.",
        ),
    ]
    solution = (
        f"<p>Rates: A {conversions_a}/{n_a} = {pct(pa, 2)}, B {conversions_b}/{n_b} = {pct(pb, 2)}.</p>"
        f"<p>Pooled rate p = ({conversions_a} + {conversions_b}) ÷ ({n_a} + {n_b}) = {pooled:.4f}.</p>"
        f"<p>Standard error = √(p (1 − p) (1/{n_a} + 1/{n_b})) = {se_pooled:.4f}.</p>"
        f"<p>z = ({pa:.4f} − {pb:.4f}) ÷ {se_pooled:.4f} = {t.z:.2f}; p-value {t.p_value:.4f}.</p>"
    )
    return _TwoDecimals(
        "11-1",
        f"Offer A won {conversions_a} of {n_a} quotes, offer B {conversions_b} of {n_b}. "
        "What is the pooled z statistic (A minus B, two decimals)?",
        t.z,
        "number",
        mistakes,
        solution,
        tolerance=0.02,
    )


def new_product_units(
    price: float,
    unit_cost: float,
    fixed_costs: float,
    cannibalisation: float,
    old_price: float,
    old_unit_cost: float,
    product: str = "the new model",
) -> Exercise:
    """Break-even units of a new product net of cannibalisation (lab 11.2)."""
    b = experiments.new_product_breakeven(
        price, unit_cost, fixed_costs, cannibalisation, old_price, old_unit_cost
    )
    mistakes = [
        Mistake(
            b.breakeven_units_ignoring_cannibalisation,
            "That ignores cannibalisation: part of the new product's sales would have been sold as the old "
            "product anyway, and that margin is lost.",
        ),
        Mistake(
            fixed_costs / (price - unit_cost - cannibalisation * old_price)
            if price - unit_cost - cannibalisation * old_price > 0
            else float("nan"),
            "You took the old product's price as what is lost. What is lost is its margin: price − unit cost.",
        ),
        Mistake(
            fixed_costs / (price - unit_cost - (old_price - old_unit_cost))
            if price - unit_cost - (old_price - old_unit_cost) > 0
            else float("nan"),
            "You assumed every sale is switched from the old product. Only the cannibalised share is.",
        ),
        Mistake(
            fixed_costs / price,
            "Fixed costs are paid from the contribution per unit, not from the price.",
        ),
    ]
    solution = (
        f"<p>New unit contribution = {money(price)} − {money(unit_cost)} = {money(b.unit_contribution)}.</p>"
        f"<p>Lost on the old product per new unit = {pct(cannibalisation, 0)} × ({money(old_price)} − "
        f"{money(old_unit_cost)}) = {money(b.lost_contribution)}.</p>"
        f"<p>Net = {money(b.net_contribution)}; break-even = {money(fixed_costs, 0)} ÷ {money(b.net_contribution)} "
        f"= {num(b.breakeven_units)} units.</p>"
    )
    return Exercise(
        "11-2",
        f"{product} sells at {money(price)} and costs {money(unit_cost)}; launching it costs "
        f"{money(fixed_costs, 0)}. It replaces a model selling at {money(old_price)} that costs "
        f"{money(old_unit_cost)}, and {pct(cannibalisation, 0)} of its sales are customers switching "
        "from the old model. How many units must it sell to break even?",
        b.breakeven_units,
        "number",
        mistakes,
        solution,
        tolerance=max(1.0, b.breakeven_units * 0.005),
    )
