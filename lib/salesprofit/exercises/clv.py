"""Chapter 1 exercises (customer lifetime value, VIP offers, P(alive)): each builder
computes the right answer with :mod:`salesprofit.clv` and lists the wrong answers
that typical mistakes give."""

from __future__ import annotations

from .. import clv
from ..fmt import money, num, pct
from ..teach import Exercise, Mistake

__all__ = ["customer_value", "prob_alive", "vip_retention"]


def customer_value(
    margin: float,
    retention: float,
    discount_rate: float,
    timing: str = "end",
    customer: str = "the customer",
) -> Exercise:
    """CLV with the margin multiple (lab 1.1)."""
    answer = clv.clv(margin, retention, discount_rate, timing=timing)
    other = "start" if timing == "end" else "end"
    mistakes = [
        Mistake(
            clv.clv(margin, retention, discount_rate, timing=other),
            "You used the other timing. "
            + (
                "Here the margin arrives at the end of each year, so the "
                "multiple is r ÷ (1 + d − r), not (1 + d) ÷ (1 + d − r)."
                if timing == "end"
                else "Here the first margin is paid today, so the multiple is (1 + d) ÷ (1 + d − r)."
            ),
        ),
        Mistake(
            margin * retention / (1 - retention),
            "You left out the discount rate: money that arrives in later years is worth less today, "
            "so d belongs in the denominator, 1 + d − r.",
        ),
        Mistake(
            margin / (1 - retention),
            "That is margin × expected lifetime, 1 ÷ (1 − r), with no discounting: it overstates the value.",
        ),
        Mistake(
            margin * retention / (1 + discount_rate + retention),
            "Check the sign of r in the denominator: it is 1 + d − r. The more customers stay, the "
            "smaller the denominator and the larger the value.",
        ),
    ]
    mm = clv.margin_multiple(retention, discount_rate, timing)
    formula = "r ÷ (1 + d − r)" if timing == "end" else "(1 + d) ÷ (1 + d − r)"
    solution = (
        f"<p>Margin multiple = {formula} with r = {pct(retention, 1)}, d = {pct(discount_rate, 1)}: "
        f"{num(mm, 3)}.</p><p>CLV = {money(margin, 0)} × {num(mm, 3)} = {money(answer, 0)}.</p>"
    )
    when = (
        "at the end of each year"
        if timing == "end"
        else "at the start of each year (the first one today)"
    )
    return Exercise(
        "01-1",
        f"{customer.capitalize()} earns you {money(margin, 0)} of margin a year, paid {when}. "
        f"Each year {pct(retention, 0)} of such customers stay; your discount rate is {pct(discount_rate, 0)}. "
        "What is the customer worth today (¥)?",
        answer,
        "money",
        mistakes,
        solution,
        tolerance=max(1.0, abs(answer) * 0.005),
    )


def vip_retention(
    margin: float, retention: float, discount_rate: float, offer_cost: float
) -> Exercise:
    """Retention a VIP offer must reach to break even (lab 1.2)."""
    v = clv.vip_offer_breakeven(margin, retention, discount_rate, offer_cost)
    answer = v.required_retention
    mistakes = [
        Mistake(
            retention + offer_cost / margin,
            "You added the offer's share of the margin to retention as if they were the same unit. "
            "Solve (margin − offer) × r' ÷ (1 + d − r') = CLV today for r'.",
        ),
        Mistake(
            retention * margin / (margin - offer_cost),
            "You scaled retention by the margin ratio. It is the margin multiple, not retention, that "
            "must grow by margin ÷ (margin − offer).",
        ),
        Mistake(
            retention,
            "With the offer the margin is smaller, so retention must rise to keep the same value.",
        ),
    ]
    k = v.clv_without / v.margin_with_offer
    solution = (
        f"<p>CLV today: {money(margin, 0)} × {num(clv.margin_multiple(retention, discount_rate), 3)} = "
        f"{money(v.clv_without, 0)}.</p><p>With the offer the margin is {money(v.margin_with_offer, 0)}, so "
        f"the multiple must reach k = {money(v.clv_without, 0)} ÷ {money(v.margin_with_offer, 0)} = {num(k, 3)}.</p>"
        f"<p>r' ÷ (1 + d − r') = k gives r' = k (1 + d) ÷ (1 + k) = {pct(answer, 2)}: "
        f"{v.retention_points_needed * 100:.1f} points more than today.</p>"
    )
    return Exercise(
        "01-2",
        f"A key account earns {money(margin, 0)} of margin a year (paid at year end) and renews with "
        f"probability {pct(retention, 0)}; your discount rate is {pct(discount_rate, 0)}. A VIP package would "
        f"cost {money(offer_cost, 0)} a year. What retention (%) must it reach to pay for itself?",
        answer,
        "percent",
        mistakes,
        solution,
    )


def prob_alive(params: clv.BGNBDParams, frequency: int, recency: float, T: float) -> Exercise:
    """P(alive) of one customer from the BG/NBD formula (lab 1.3)."""
    answer = clv.bgnbd_prob_alive(params, frequency, recency, T)
    r, al, a, b = params.r, params.alpha, params.a, params.b
    x = frequency
    ratio = (al + T) / (al + recency)
    mistakes = [
        Mistake(
            1 / (1 + a / (b + x - 1) * ratio**r),
            "The exponent is r + x, not r: every repeat purchase sharpens what we know.",
        ),
        Mistake(
            1 / (1 + a / (b + x) * ratio ** (r + x)),
            "The fraction is a ÷ (b + x − 1): the drop-out chance after the x-th purchase.",
        ),
        Mistake(
            1 / (1 + a / (b + x - 1) * (1 / ratio) ** (r + x)),
            "The ratio is upside down: (α + T) ÷ (α + tₓ) is above 1 and grows with the silence "
            "since the last purchase.",
        ),
        Mistake(recency / T, "tₓ ÷ T is a rough hint, not the model: use the formula."),
    ]
    solution = (
        f"<p>P(alive) = 1 ÷ (1 + a ÷ (b + x − 1) × ((α + T) ÷ (α + tₓ))^(r + x)).</p>"
        f"<p>a ÷ (b + x − 1) = {num(a, 3)} ÷ {num(b + x - 1, 3)} = {num(a / (b + x - 1), 4)}; "
        f"(α + T) ÷ (α + tₓ) = {num(al + T, 2)} ÷ {num(al + recency, 2)} = {num(ratio, 4)}; "
        f"to the power r + x = {num(r + x, 3)}: {num(ratio ** (r + x), 4)}.</p>"
        f"<p>P(alive) = 1 ÷ (1 + {num(a / (b + x - 1) * ratio ** (r + x), 4)}) = {pct(answer, 1)}.</p>"
    )
    return Exercise(
        "01-3",
        f"With the CDNOW estimates r = {num(r, 3)}, α = {num(al, 3)}, a = {num(a, 3)}, b = {num(b, 3)}: "
        f"a customer made x = {x} repeat purchases, the last in week tₓ = {num(recency, 2)}, and has been a "
        f"customer for T = {num(T, 2)} weeks. What is the probability (%) that they are still active?",
        answer,
        "percent",
        mistakes,
        solution,
    )
