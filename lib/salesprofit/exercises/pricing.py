"""Chapter 3 exercises (pricing): each builder computes the right answer with the model
modules and lists the wrong answers that typical mistakes give.

A builder takes the scenario's numbers so a notebook (or a trainer) can pose the
same exercise with other figures; the answer and the mistakes follow.
"""

from __future__ import annotations

from .. import pocket_price, pricing
from ..fmt import money, pct
from ..labs import pricing as labs
from ..teach import Exercise, Mistake

__all__ = ["discount_volume", "dynamic_price", "optimal_price", "pocket_margin"]

# ---------------------------------------------------------------------------
# Chapter 3: pricing


def discount_volume(margin: float, discount: float, product: str = "the product") -> Exercise:
    """Extra volume a discount needs to keep profit whole (lab 3.1)."""
    answer = pricing.breakeven_volume_change(-discount, margin)
    markup = pricing.margin_to_markup(margin)
    mistakes = [
        Mistake(
            discount / margin,
            "You divided the discount by the old margin. After the discount the margin per unit "
            "is smaller (margin − discount), and that smaller margin is what each extra unit earns.",
        ),
        Mistake(
            discount / (markup - discount),
            f"That answer uses the markup ({pct(markup, 1)} on cost) where the formula needs the "
            f"margin ({pct(margin, 1)} of price). Margin and markup are different numbers.",
        ),
        Mistake(
            discount,
            "A 10 % discount does not need only 10 % more volume: the discount comes out of the "
            "margin, not out of the price as a whole.",
        ),
        Mistake(
            -answer,
            "The size is right but the sign is not: a price cut needs more volume, not less.",
        ),
    ]
    solution = (
        f"<p>Break-even volume change = −price change ÷ (margin + price change).</p>"
        f"<p>Here the price change is −{pct(discount, 1)} and the margin {pct(margin, 1)}: "
        f"{pct(discount, 1)} ÷ ({pct(margin, 1)} − {pct(discount, 1)}) = {pct(answer, 1)}.</p>"
        f"<p>For every 100 units of {product} you sell today you must sell "
        f"{100 * (1 + answer):.0f} after the discount just to earn the same profit.</p>"
    )
    return Exercise(
        "03-1",
        f"Your margin on {product} is {pct(margin, 1)}. The buyer asks for {pct(discount, 1)} off. "
        "By how much (in %) must your volume rise to keep the same profit?",
        answer,
        "percent",
        mistakes,
        solution,
    )


def pocket_margin(
    list_price: float,
    discount: float,
    payment_days: float,
    cost_of_capital: float,
    rebate: float,
    freight: float,
    unit_cost: float,
) -> Exercise:
    """Pocket margin of a deal after every leak in the waterfall (lab 3.2)."""
    wf = pocket_price.deal_waterfall(
        list_price, discount, payment_days, cost_of_capital, rebate, freight, unit_cost=unit_cost
    )
    pocket = float(wf.loc[wf["step"] == "Pocket price", "price"].iloc[0])
    invoice = float(wf.loc[wf["step"] == "On-invoice discount", "price"].iloc[0])
    answer = pricing.contribution_margin(pocket, unit_cost)
    monthly_as_yearly = pocket_price.deal_waterfall(
        list_price, discount, payment_days * 12, cost_of_capital, rebate, freight
    )
    pocket_monthly = float(monthly_as_yearly["price"].iloc[-1])
    mistakes = [
        Mistake(
            pricing.contribution_margin(invoice, unit_cost),
            "That is the invoice margin. The payment terms, the rebate and the freight still come "
            "off before the money reaches your pocket.",
        ),
        Mistake(
            pricing.markup(pocket, unit_cost),
            "That is the markup on cost. The pocket margin is measured against the pocket price: "
            "(pocket price − unit cost) ÷ pocket price.",
        ),
        Mistake(
            pricing.contribution_margin(list_price, unit_cost * (1 - discount))
            if unit_cost * (1 - discount) > 0
            else float("nan"),
            "You took the discount off the cost. The discount comes off the price you charge; "
            "your cost stays the same.",
        ),
        Mistake(
            pricing.contribution_margin(pocket_monthly, unit_cost)
            if pocket_monthly > 0
            else float("nan"),
            "The cost of capital is a yearly rate: the cost of the payment terms is "
            "invoice × rate × days ÷ 365, not × the number of months.",
        ),
    ]
    rows = "".join(
        f"<li>{s}: {money(a, 2)} → {money(p, 2)}</li>"
        for s, a, p in wf[["step", "amount", "price"]].itertuples(index=False)
        if s not in ("List price", "Pocket price", "Unit cost", "Pocket margin")
    )
    solution = (
        f"<p>Walk down the waterfall per unit, starting at the list price {money(list_price)}:</p>"
        f"<ul>{rows}</ul><p>Pocket price {money(pocket)}. Pocket margin = "
        f"({money(pocket)} − {money(unit_cost)}) ÷ {money(pocket)} = {pct(answer, 1)}.</p>"
    )
    question = (
        f"List price {money(list_price)}, {pct(discount, 0)} off the invoice, {payment_days:.0f}-day payment "
        f"terms (cost of capital {pct(cost_of_capital, 0)} a year), a {pct(rebate, 1)} year-end rebate on the "
        f"invoice, freight {money(freight)} per unit paid by you, unit cost {money(unit_cost)}. "
        "What is the pocket margin, in %?"
    )
    return Exercise(
        "03-2", question, answer, "percent", [m for m in mistakes if m.value == m.value], solution
    )


def optimal_price(unit_cost: float, elasticity: float) -> Exercise:
    """The profit-maximising price under constant elasticity (lab 3.3)."""
    answer = pricing.optimal_price(unit_cost, elasticity)
    e = abs(elasticity)
    mistakes = [
        Mistake(
            unit_cost * (1 + 1 / e),
            f"You used 1/|e| = {pct(1 / e, 1)} as a markup on cost. The rule gives the margin on "
            "price: (p − c) ÷ p = 1/|e|, so p = c ÷ (1 − 1/|e|).",
        ),
        Mistake(
            unit_cost * e / (1 + e),
            "Elasticity is negative (demand falls as the price rises). With the sign dropped the "
            "formula gives a price below cost.",
        ),
        Mistake(
            unit_cost / (1 - e) if e != 1 else float("nan"),
            "Check the formula: p = c × e ÷ (1 + e) with e negative, e.g. e = −2 gives p = 2c.",
        ),
    ]
    solution = (
        f"<p>p* = c × e ÷ (1 + e) = {money(unit_cost)} × ({elasticity:.2f}) ÷ (1 {elasticity:+.2f}) "
        f"= {money(answer)}.</p><p>Check: the margin at that price is "
        f"{pct(pricing.contribution_margin(answer, unit_cost), 1)} "
        f"= 1/|e| = 1/{e:.2f}.</p>"
    )
    return Exercise(
        "03-3",
        f"A product costs {money(unit_cost)} a unit and its customers' price elasticity is "
        f"{elasticity:.2f}. What price (¥) maximises profit?",
        answer,
        "money",
        [m for m in mistakes if m.value == m.value and m.value > 0],
        solution,
    )


def dynamic_price(
    base_price: float, demand_index: float, responsiveness: float, max_change: float
) -> Exercise:
    """The dynamic plan's price in one period (lab 3.4)."""
    sim = labs.simulate_dynamic_pricing(
        [demand_index], base_price, 0.0, 1.0, -1.0, 1e12, responsiveness, max_change
    )
    answer = float(sim["dynamic_price"].iloc[0])
    uncapped = base_price * (1 + responsiveness * (demand_index - 1))
    mistakes = [
        Mistake(
            uncapped,
            f"The rule never moves the price more than ±{pct(max_change, 0)} from the base "
            "price: apply the cap.",
        ),
        Mistake(
            base_price * demand_index,
            "The price does not follow demand one for one: multiply the demand gap by the "
            "responsiveness first.",
        ),
        Mistake(
            base_price,
            "In this period demand differs from average, so the dynamic plan moves the price.",
        ),
    ]
    solution = (
        f"<p>Demand gap: {demand_index:.2f} − 1 = {demand_index - 1:+.2f}. Times responsiveness "
        f"{responsiveness:.2f}: {responsiveness * (demand_index - 1):+.3f}. "
        f"Capped at ±{pct(max_change, 0)}, the move is {pct(answer / base_price - 1, 1, sign=True)}.</p>"
        f"<p>Price: {money(base_price)} × (1 {answer / base_price - 1:+.3f}) = {money(answer)}.</p>"
    )
    return Exercise(
        "03-4",
        f"Base price {money(base_price)}. This month's demand index is {demand_index:.2f} "
        f"(1 = an average month), the price follows demand by {responsiveness:.2f}, and it may "
        f"move at most ±{pct(max_change, 0)}. What price (¥) does the dynamic plan charge?",
        answer,
        "money",
        [m for m in mistakes if abs(m.value - answer) > 0.05],
        solution,
    )
