"""Chapter 4 calculators: EOQ and JIT, cost to serve per customer, travel vs video.

``compute_*`` functions call :mod:`salesprofit.costs` (and the lead's
:mod:`salesprofit.profitability` for cost to serve) and render the answer;
``*_calculator`` builders wire them to widgets with initial values.
"""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd

from .. import costs, plots
from ..fmt import esc, money, num, pct, table
from ..labs import costs as costs_labs
from ..profitability import COST_COMPONENTS
from .base import LAYOUT, STYLE, Calculator, Result, number_box, percent_slider, slider

__all__ = [
    "compute_cost_to_serve",
    "compute_eoq",
    "compute_travel_video",
    "cost_to_serve_calculator",
    "eoq_calculator",
    "travel_video_calculator",
]

COMPONENT_LABELS = {
    "rebate": "rebate",
    "financing": "payment terms",
    "order_costs": "freight & handling",
    "activities": "visits & calls",
    "tickets": "service tickets",
    "returns": "returns",
}

STEP_LABELS = {
    "net_sales": "net sales",
    "gross_profit": "gross profit",
    **COMPONENT_LABELS,
    "profit": "profit after cost to serve",
}


# --- EOQ, batch and JIT ----------------------------------------------------------


def compute_eoq(
    annual_demand: float,
    order_cost: float,
    holding_cost: float,
    batch_quantity: float,
    jit_order_cost: float,
    chart: bool = True,
) -> Result:
    """Three ordering policies for one product and the total-cost curve."""
    s = costs.eoq_scenario(annual_demand, order_cost, holding_cost, batch_quantity, jit_order_cost)
    t, q_star, saving, jit_saving = s.policies, s.eoq, s.saving, s.jit_saving
    sentence = (
        f'The economic order quantity is <span class="sp-big">{num(q_star)}</span> units '
        f"({num(t.loc['eoq', 'orders_per_year'], 1)} orders a year), costing {money(t.loc['eoq', 'total_cost'], 0)} "
        f"a year against {money(t.loc['batch', 'total_cost'], 0)} for today's batches of {num(batch_quantity)}: "
        f"<b>{money(saving, 0)}</b> saved. With JIT orders at {money(jit_order_cost)} each, the best batch is "
        f"{num(t.loc['jit', 'order_quantity'])} units and the saving <b>{money(jit_saving, 0)}</b> a year."
    )
    shown = t.reset_index().replace(
        {"policy": {"batch": "today's batch", "eoq": "EOQ", "jit": "JIT agreement"}}
    )
    html = sentence + table(
        shown,
        {
            "order_quantity": num,
            "orders_per_year": lambda v: num(v, 1),
            "ordering_cost": lambda v: money(v, 0),
            "holding_cost": lambda v: money(v, 0),
            "total_cost": lambda v: money(v, 0),
        },
    )
    png = None
    if chart:
        png = plots.to_png(plots.costs.inventory_cost_chart(s.curve, t, s.jit_curve))
    return Result(
        html, png, data={"policies": t, "eoq": q_star, "saving": saving, "jit_saving": jit_saving}
    )


def eoq_calculator(
    annual_demand: float = 1000.0,
    order_cost: float = 10.0,
    holding_cost: float = 0.5,
    batch_quantity: float = 500.0,
    jit_order_cost: float = 2.5,
) -> Calculator:
    """EOQ calculator with the total-cost curve, today's batch and a JIT order cost."""
    inputs = {
        "annual_demand": number_box("Demand (units a year)", annual_demand, 1, 1e9, 100),
        "order_cost": number_box("Cost of one order (¥)", order_cost, 0, 1e7, 5),
        "holding_cost": number_box(
            "Holding cost (¥ per unit a year)", holding_cost, 0.001, 1e7, 0.1
        ),
        "batch_quantity": number_box("Today's order quantity (units)", batch_quantity, 1, 1e9, 10),
        "jit_order_cost": number_box("Cost of one JIT order (¥)", jit_order_cost, 0, 1e7, 1),
    }
    return Calculator(
        "EOQ and JIT: how much to order at a time",
        inputs,
        compute_eoq,
        intro="Holding cost = yearly holding rate × unit cost (capital, space, insurance, "
        "obsolescence). A JIT agreement makes each order cheaper.",
    )


# --- cost to serve ---------------------------------------------------------------


def compute_cost_to_serve(
    profit: pd.DataFrame, customer_id: str, names: pd.Series | None = None, chart: bool = True
) -> Result:
    """The waterfall of one customer from gross profit to profit after cost to serve."""
    w = costs_labs.customer_waterfall(profit, customer_id, COST_COMPONENTS)
    row = w.row
    name = names.get(customer_id, customer_id) if names is not None else customer_id
    steps = pd.DataFrame(
        {"step": [STEP_LABELS.get(k, k) for k in w.steps["step"]], "amount": w.steps["amount"]}
    )
    cls = "sp-big" if row["profit"] >= 0 else "sp-bad"
    margin = row["profit_margin"]
    sentence = (
        f"<b>{esc(name)}</b> bought {money(row['net_sales'], 0)} and left {money(row['gross_profit'], 0)} of gross "
        f"profit. Serving them cost {money(row['cost_to_serve'], 0)}, so the profit is "
        f'<span class="{cls}">{money(row["profit"], 0)}</span>'
        + (f" ({pct(margin, 1)} of sales)." if pd.notna(margin) else ".")
        + (f" The biggest cost is <b>{COMPONENT_LABELS[w.biggest]}</b>." if w.biggest else "")
    )
    html = sentence + table(steps, {"amount": lambda v: money(v, 0)})
    png = None
    if chart:
        png = plots.to_png(
            plots.costs.cost_to_serve_chart(row, str(name), COST_COMPONENTS, COMPONENT_LABELS)
        )
    return Result(html, png, data={"row": row, "steps": steps})


def cost_to_serve_calculator(
    profit: pd.DataFrame,
    customer_ids,
    names: pd.Series | None = None,
    customer_id: str | None = None,
) -> Calculator:
    """Pick a customer and see where its gross profit goes (table from ``profitability.customer_profit``)."""
    ids = [c for c in customer_ids if c in profit.index]
    if not ids:
        raise ValueError("None of the customers given is in the profit table.")
    options = [(f"{c} {names.get(c, '')}"[:60] if names is not None else c, c) for c in ids]
    pick = widgets.Dropdown(
        options=options,
        value=customer_id if customer_id in ids else ids[0],
        description="Customer",
        style=STYLE,
        layout=LAYOUT,
    )
    return Calculator(
        "Cost to serve: from gross profit to real profit",
        {"customer_id": pick},
        lambda customer_id: compute_cost_to_serve(profit, customer_id, names),
        intro="Each bar is a cost the invoice does not show.",
    )


# --- travel vs video ---------------------------------------------------------------


def compute_travel_video(
    visits_per_year: float,
    share_replaced: float,
    visit_cost: float,
    visit_hours: float,
    video_cost: float,
    video_hours: float,
    hourly_cost: float,
    chart: bool = True,
) -> Result:
    r = costs.travel_vs_video(
        visits_per_year,
        share_replaced,
        visit_cost,
        visit_hours,
        video_cost,
        video_hours,
        hourly_cost,
    )
    sentence = (
        f"Replacing {pct(share_replaced, 0)} of {num(visits_per_year)} visits ({num(r['meetings_replaced'])} meetings) "
        f"by video meetings saves <b>{money(r['direct_saving'], 0)}</b> of travel and expenses and frees "
        f"<b>{num(r['hours_freed'])} hours</b> of selling time (worth {money(r['time_saving'], 0)}): "
        f'<span class="sp-big">{money(r["total_saving"], 0)}</span> a year.'
    )
    png = plots.to_png(plots.costs.saving_chart(r)) if chart else None
    return Result(sentence, png, data=r)


def travel_video_calculator(
    visits_per_year: float = 400.0,
    share_replaced: float = 0.3,
    visit_cost: float = 750.0,
    visit_hours: float = 7.2,
    video_cost: float = 3.0,
    video_hours: float = 0.7,
    hourly_cost: float = 100.0,
) -> Calculator:
    inputs = {
        "visits_per_year": number_box("Visits a year", visits_per_year, 0, 1e7, 10),
        "share_replaced": percent_slider("Visits done by video (%)", share_replaced, 0, 1, 5, 0),
        "visit_cost": number_box("Direct cost of a visit (¥)", visit_cost, 0, 1e6, 10),
        "visit_hours": slider("Hours per visit incl. travel", visit_hours, 0, 24, 0.1, 1),
        "video_cost": number_box("Direct cost of a video call (¥)", video_cost, 0, 1e6, 1),
        "video_hours": slider("Hours per video meeting", video_hours, 0, 8, 0.1, 1),
        "hourly_cost": number_box("Cost of a rep's hour (¥)", hourly_cost, 0, 1e5, 5),
    }
    return Calculator(
        "Travel or video: what a meeting really costs",
        inputs,
        compute_travel_video,
        percent={"share_replaced"},
        intro="Visits still win deals that video cannot: replace the routine ones first.",
    )
