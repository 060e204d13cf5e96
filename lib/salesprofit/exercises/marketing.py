"""Chapter 8 exercises (marketing): CAC payback and the break-even response rate."""

from __future__ import annotations

from .. import marketing
from ..fmt import money, num, pct
from ..teach import Exercise, Mistake

__all__ = ["breakeven_response_rate", "cac_payback"]


def cac_payback(
    spend: float,
    new_customers: float,
    monthly_revenue: float,
    gross_margin: float,
    channel: str = "the channel",
) -> Exercise:
    """Months to pay back the acquisition cost of a channel (lab 8.1)."""
    cac = marketing.cac(spend, new_customers)
    answer = marketing.cac_payback_months(cac, monthly_revenue, gross_margin)
    mistakes = [
        Mistake(
            cac / monthly_revenue,
            "You paid the CAC back out of revenue. Only the gross margin on that revenue is left to pay "
            "for winning the customer: divide by revenue × margin.",
        ),
        Mistake(
            cac / (monthly_revenue * 12 * gross_margin),
            "That is in years, not months: you used a year's margin. Divide by the monthly margin.",
        ),
        Mistake(
            spend / (monthly_revenue * gross_margin),
            "You used the channel's whole spend. Divide it by the new customers first: CAC is per customer.",
        ),
        Mistake(
            cac * gross_margin / monthly_revenue,
            "The margin belongs in the denominator: months = CAC ÷ (monthly revenue × margin).",
        ),
    ]
    solution = (
        f"<p>CAC = spend ÷ new customers = {money(spend, 0)} ÷ {num(new_customers)} = {money(cac, 2)}.</p>"
        f"<p>A new customer brings {money(monthly_revenue, 0)} a month at {pct(gross_margin, 1)} margin, "
        f"{money(monthly_revenue * gross_margin, 2)} of margin a month.</p>"
        f"<p>Payback = {money(cac, 2)} ÷ {money(monthly_revenue * gross_margin, 2)} = {num(answer, 1)} months.</p>"
    )
    return Exercise(
        "08-1",
        f"{channel} cost {money(spend, 0)} and won {num(new_customers)} new customers. "
        f"A new customer buys {money(monthly_revenue, 0)} a month at a {pct(gross_margin, 1)} gross "
        "margin. How many months does it take to pay back the acquisition cost?",
        answer,
        "number",
        mistakes,
        solution,
        tolerance=max(0.1, answer * 0.01),
    )


def breakeven_response_rate(
    contact_cost: float, order_value: float, gross_margin: float
) -> Exercise:
    """The response rate above which a contact pays (lab 8.2), by :func:`marketing.breakeven_response_rate`."""
    value = order_value * gross_margin
    answer = marketing.breakeven_response_rate(contact_cost, value)
    mistakes = [
        Mistake(
            contact_cost / order_value,
            "You compared the contact cost with the order's revenue. The contact is paid from the margin "
            "the order earns: divide by order value × margin.",
        ),
        Mistake(
            value / contact_cost / 100,
            "That is the ratio the wrong way round. The break-even rate is cost ÷ margin per response.",
        ),
        Mistake(
            contact_cost * gross_margin / order_value,
            "The margin belongs in the denominator: cost ÷ (order value × margin).",
        ),
    ]
    solution = (
        f"<p>Margin of one order = {money(order_value, 0)} × {pct(gross_margin, 1)} = {money(value, 2)}.</p>"
        f"<p>A contact pays when its chance of ordering × {money(value, 2)} is at least the "
        f"{money(contact_cost, 2)} it costs: chance ≥ {money(contact_cost, 2)} ÷ {money(value, 2)} = "
        f"{pct(answer, 2)}.</p><p>Go down the sorted list while the predicted rate stays above it.</p>"
    )
    return Exercise(
        "08-2",
        f"A telemarketing call costs {money(contact_cost, 0)}. A contact who orders places "
        f"an order of {money(order_value, 0)} on average, at a {pct(gross_margin, 1)} gross margin. "
        "Above which chance of ordering (in %) does a call pay for itself?",
        answer,
        "percent",
        mistakes,
        solution,
        tolerance=0.05,
    )
