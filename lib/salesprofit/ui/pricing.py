"""Chapter 3 calculators: discount break-even, price waterfall, optimal price,
dynamic pricing.

Each ``*_calculator`` builder returns a :class:`~salesprofit.ui.base.Calculator`
and accepts initial values (fractions for percentages) so a notebook can open it
on a scenario. Each ``compute_*`` function is what the calculator calls on every
change: it calls :mod:`salesprofit.pricing`, :mod:`salesprofit.pocket_price` or
:mod:`salesprofit.labs.pricing` and renders the answer; it does no
arithmetic of its own beyond choosing what to show.
"""

from __future__ import annotations

from collections.abc import Sequence
from math import isnan

from .. import plots, pocket_price, pricing
from ..fmt import money, num, pct, table
from ..labs import pricing as labs
from .base import Calculator, Result, number_box, percent_slider, slider

__all__ = [
    "breakeven_calculator",
    "compute_breakeven",
    "compute_dynamic_pricing",
    "compute_optimal_price",
    "compute_waterfall",
    "dynamic_pricing_calculator",
    "optimal_price_calculator",
    "waterfall_calculator",
]

# --- discount break-even ------------------------------------------------------


def compute_breakeven(
    margin: float,
    discount: float,
    units_now: float = 100.0,
    step: float = 0.01,
    max_discount: float = 0.30,
    chart: bool = True,
) -> Result:
    """How much more must be sold to pay for ``discount`` at ``margin``: one model call."""
    b = pricing.discount_breakeven(margin, discount, units_now, max_discount, step)
    sentence = (
        f"At a <b>{pct(margin, 1)}</b> margin, a <b>{pct(discount, 1)}</b> discount cuts the margin to "
        f"{pct(b.new_margin, 1)}. To earn the same profit you must sell "
        f'<span class="sp-big">{pct(b.volume_needed, 1, sign=True)}</span> more: '
        f"<b>{num(b.units_needed, 0)}</b> units for every {num(units_now, 0)} you sell now."
    )
    html = sentence + table(
        b.shown[["discount", "new_margin", "volume_needed", "units_per_100"]].rename(
            columns={
                "discount": "discount",
                "new_margin": "margin after discount",
                "volume_needed": "extra volume needed",
                "units_per_100": "units per 100 today",
            }
        ),
        {
            "discount": lambda v: pct(v, 1),
            "margin after discount": lambda v: pct(v, 1),
            "extra volume needed": lambda v: "impossible" if isnan(v) else pct(v, 1),
            "units per 100 today": lambda v: "–" if isnan(v) else num(v, 0),
        },
    )
    png = plots.to_png(plots.discount_breakeven_chart(b.table, margin, discount)) if chart else None
    return Result(
        html,
        png,
        data={
            "volume_needed": b.volume_needed,
            "new_margin": b.new_margin,
            "units_needed": b.units_needed,
            "table": b.table,
        },
    )


def breakeven_calculator(
    margin: float = 0.30,
    discount: float = 0.10,
    units_now: float = 100.0,
    max_discount: float = 0.30,
) -> Calculator:
    """Discount break-even: the extra volume every point of discount needs."""
    inputs = {
        "margin": percent_slider("Margin before discount (%)", margin, 0.01, 0.80, 0.5),
        "discount": percent_slider("Discount asked for (%)", discount, 0.0, max_discount, 0.5),
        "units_now": number_box("Units you sell now", units_now, 1, 1e9, 1),
    }
    return Calculator(
        "Discount break-even: what a discount really costs",
        inputs,
        lambda **v: compute_breakeven(max_discount=max_discount, **v),
        percent={"margin", "discount"},
        intro="Move the sliders: how many more units must you sell to keep the same profit?",
    )


# --- price waterfall ------------------------------------------------------------


def compute_waterfall(
    list_price: float,
    discount: float,
    payment_days: float,
    cost_of_capital: float,
    rebate: float,
    freight: float,
    unit_cost: float,
    chart: bool = True,
) -> Result:
    """Per-unit waterfall from list to pocket price for one deal's terms."""
    deal = pocket_price.deal_pocket(
        list_price, discount, payment_days, cost_of_capital, rebate, freight, unit_cost
    )
    wf = deal.waterfall
    margin_class = "sp-big" if deal.pocket_margin > 0 else "sp-bad"
    sentence = (
        f"Of the list price of <b>{money(list_price)}</b>, <b>{money(deal.pocket_price)}</b> "
        f"({pct(deal.pocket_share, 1)}) reaches the pocket. The invoice shows a "
        f"{pct(deal.invoice_margin, 1)} margin; the pocket margin is "
        f'<span class="{margin_class}">{pct(deal.pocket_margin, 1)}</span>.'
    )
    html = sentence + table(
        wf[["step", "amount", "price"]].rename(
            columns={"amount": "change per unit", "price": "price after the step"}
        ),
        {"change per unit": lambda v: money(v, 2), "price after the step": lambda v: money(v, 2)},
    )
    png = plots.to_png(plots.waterfall_chart(wf)) if chart else None
    return Result(
        html,
        png,
        data={
            "pocket_price": deal.pocket_price,
            "pocket_margin": deal.pocket_margin,
            "invoice_margin": deal.invoice_margin,
            "waterfall": wf,
        },
    )


def waterfall_calculator(
    list_price: float = 100.0,
    discount: float = 0.08,
    payment_days: float = 60,
    cost_of_capital: float = 0.06,
    rebate: float = 0.02,
    freight: float = 2.0,
    unit_cost: float = 65.0,
) -> Calculator:
    """Price waterfall: every leak between list price and pocket price."""
    inputs = {
        "list_price": number_box("List price per unit (¥)", list_price, 0.01, 1e9, 1),
        "discount": percent_slider("On-invoice discount (%)", discount, 0.0, 0.5, 0.5),
        "payment_days": slider("Payment terms (days)", payment_days, 0, 180, 15, digits=0),
        "cost_of_capital": percent_slider(
            "Cost of capital (% a year)", cost_of_capital, 0.0, 0.2, 0.5
        ),
        "rebate": percent_slider("Volume rebate (% of invoice)", rebate, 0.0, 0.1, 0.5),
        "freight": number_box("Freight we pay per unit (¥)", freight, 0, 1e9, 0.5),
        "unit_cost": number_box("Unit cost (¥)", unit_cost, 0, 1e9, 1),
    }
    return Calculator(
        "Price waterfall: from list price to pocket price",
        inputs,
        compute_waterfall,
        percent={"discount", "cost_of_capital", "rebate"},
        intro="Every concession on the way to the customer, per unit sold.",
    )


# --- elasticity and optimal price -------------------------------------------------


def compute_optimal_price(
    unit_cost: float,
    current_price: float,
    current_units: float,
    elasticity: float,
    chart: bool = True,
    tested_low: float | None = None,
    tested_high: float | None = None,
) -> Result:
    """Best price under constant elasticity, and the profit at it: one model call.

    ``tested_low`` and ``tested_high`` are the prices the elasticity was measured
    between; a best price outside them gets a warning.
    """
    move = pricing.price_move(
        unit_cost, current_price, current_units, elasticity, tested_low, tested_high
    )
    best, change = move.optimal_price, move.price_change
    sentence = (
        f"With elasticity <b>{elasticity:.2f}</b> and a unit cost of {money(unit_cost)}, the best price "
        f'is <span class="sp-big">{money(best)}</span> ({pct(move.margin_best, 1)} margin). '
        + (
            f"That is a {pct(abs(change), 1)} {'rise' if change > 0 else 'cut'}: "
            if move.direction != "keep"
            else "That is today's price: "
        )
        + f"units {num(current_units)} → {num(move.units_best)}, contribution {money(move.profit_now, 0)} → "
        f"<b>{money(move.profit_best, 0)}</b> "
        f"({pct(move.profit_change, 1, sign=True) if move.profit_now > 0 else 'up from a loss'})."
    )
    if move.outside_tested:
        sentence += (
            f'<p class="sp-bad">Warning: {money(best)} is outside the prices that were tested '
            f"({money(move.tested_low)} to {money(move.tested_high)}). The elasticity was measured "
            "only there; beyond it customers may react differently. Move towards this price in "
            "steps and measure again.</p>"
        )
    png = None
    if chart:
        png = plots.to_png(
            plots.profit_curve_chart(
                move.curve,
                current_price,
                best,
                title=(
                    f"Best price {money(best)}: {move.direction} the price"
                    if move.direction != "keep"
                    else f"{money(best)} is already the best price"
                ),
            )
        )
    return Result(sentence, png, data=move)


def optimal_price_calculator(
    unit_cost: float = 60.0,
    current_price: float = 100.0,
    current_units: float = 1000.0,
    elasticity: float = -2.5,
    tested_low: float | None = None,
    tested_high: float | None = None,
) -> Calculator:
    """Elasticity and optimal price; a best price outside the tested prices is flagged."""
    inputs = {
        "unit_cost": number_box("Unit cost (¥)", unit_cost, 0.01, 1e9, 1),
        "current_price": number_box("Current price (¥)", current_price, 0.01, 1e9, 1),
        "current_units": number_box("Units sold at that price", current_units, 0, 1e12, 10),
        "elasticity": slider("Price elasticity", elasticity, -6.0, -0.2, 0.05),
    }
    return Calculator(
        "Elasticity and the profit-maximising price",
        inputs,
        lambda **v: compute_optimal_price(**v, tested_low=tested_low, tested_high=tested_high),
        intro="Elasticity −2 means a 1 % price rise loses about 2 % of units.",
    )


# --- dynamic pricing ---------------------------------------------------------------


def compute_dynamic_pricing(
    demand_index: Sequence[float],
    base_price: float,
    unit_cost: float,
    base_units: float,
    elasticity: float,
    capacity: float,
    responsiveness: float,
    max_change: float,
    chart: bool = True,
) -> Result:
    """Season totals for a fixed and a demand-responsive price."""
    c = labs.compare_dynamic_pricing(
        demand_index,
        base_price,
        unit_cost,
        base_units,
        elasticity,
        capacity,
        responsiveness,
        max_change,
    )
    summary = c.summary
    sentence = (
        f"Over {len(c.simulation)} periods the demand-responsive price earns "
        f'<span class="{"sp-big" if c.gain >= 0 else "sp-bad"}">{money(c.gain, 0, sign=True)}</span> '
        f"of contribution ({pct(c.gain_share, 1, sign=True)}) against one fixed price, and turns away "
        f"{num(c.units_lost_dynamic)} units instead of {num(c.units_lost_fixed)}."
    )
    shown = summary.rename(index={"fixed": "fixed price", "dynamic": "dynamic price"}).reset_index(
        names="plan"
    )
    html = sentence + table(
        shown,
        {
            "units_sold": num,
            "units_lost": num,
            "revenue": lambda v: money(v, 0),
            "contribution": lambda v: money(v, 0),
            "average_price": lambda v: money(v, 2),
        },
    )
    png = plots.to_png(plots.dynamic_pricing_chart(c.simulation, capacity)) if chart else None
    return Result(html, png, data={"gain": c.gain, "summary": summary, "simulation": c.simulation})


def dynamic_pricing_calculator(
    demand_index: Sequence[float],
    base_price: float = 100.0,
    unit_cost: float = 70.0,
    base_units: float = 1000.0,
    elasticity: float = -2.0,
    capacity: float = 1150.0,
    responsiveness: float = 0.5,
    max_change: float = 0.10,
) -> Calculator:
    """Dynamic-pricing simulator over a season given by ``demand_index``."""
    season = [float(x) for x in demand_index]
    inputs = {
        "responsiveness": slider("Price follows demand by", responsiveness, 0.0, 1.5, 0.05),
        "max_change": percent_slider(
            "Largest price move (±%)", max_change, 0.0, 0.30, 1.0, digits=0
        ),
        "capacity": number_box("Units we can deliver per period", capacity, 1, 1e12, 10),
        "elasticity": slider("Price elasticity", elasticity, -5.0, 0.0, 0.1),
        "unit_cost": number_box("Unit cost (¥)", unit_cost, 0, 1e9, 1),
    }
    return Calculator(
        "Dynamic pricing: a fixed price against one that follows demand",
        inputs,
        lambda **v: compute_dynamic_pricing(season, base_price, base_units=base_units, **v),
        percent={"max_change"},
        intro=(
            f"Base price {money(base_price)}, {num(base_units)} units wanted in an average period. "
            "'Price follows demand by 0.5' means 20 % above-average demand lifts the price 10 %."
        ),
    )
