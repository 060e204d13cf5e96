"""What chapter 4's labs show: Huaxin's ordering policies costed for every product (lab
4.1), one customer's cost-to-serve waterfall, where gross profit goes once customers are
served, and what a visit and a video meeting cost (lab 4.2).

Pure functions over Huaxin's tables built on the textbook models of
:mod:`salesprofit.costs` (EOQ, inventory policies, meeting costs) and
:func:`salesprofit.profitability.customer_profit`; notebooks and calculators call these
and render. Money is in the data's currency, fractions are fractions, nothing is rounded.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import pandas as pd

from .. import _checks as C
from ..costs import hourly_cost, inventory_policies, meeting_costs, policy_summary
from ..profitability import COST_COMPONENTS

__all__ = [
    "CostToServeLab",
    "InventoryLab",
    "MeetingLab",
    "Waterfall",
    "cost_to_serve_lab",
    "customer_waterfall",
    "inventory_lab",
    "meeting_lab",
]


class InventoryLab(NamedTuple):
    """Lab 4.1 in one result (see :func:`inventory_lab`). Money a year unless noted."""

    policies: pd.DataFrame  # ``costs.inventory_policies`` with ``name`` and ``eoq_saving``
    summary: pd.DataFrame  # :func:`salesprofit.costs.policy_summary`
    products: int
    capital_freed: float  # average stock at cost, today's batches minus EOQ (money, once)
    jit_saving_share: float  # JIT saving / today's cost
    top: pd.DataFrame  # the products where EOQ saves most, largest first


def inventory_lab(inventory: pd.DataFrame, products: pd.DataFrame, top: int = 5) -> InventoryLab:
    """Huaxin's three ordering policies costed for every product (lab 4.1).

    ``inventory`` is the inventory table, ``products`` gives ``product_id``, ``name`` and
    ``unit_cost``. ``top`` keeps the inventory's own columns (order cost, JIT order
    cost, holding rate, unit cost) for the calculator and the exercise.
    """
    inv = inventory.merge(
        products[["product_id", "name", "unit_cost"]], on="product_id", how="left"
    )
    pol = inventory_policies(inv, inv["unit_cost"])
    pol["name"] = inv["name"].to_numpy()
    pol["eoq_saving"] = pol["batch_cost"] - pol["eoq_cost"]
    summary = policy_summary(pol)
    best = pol.nlargest(top, "eoq_saving").index
    extra = ["order_cost", "jit_order_cost", "holding_cost_rate", "unit_cost", "order_quantity"]
    return InventoryLab(
        pol,
        summary,
        len(inv),
        float(summary.loc["batch", "stock_value"] - summary.loc["eoq", "stock_value"]),
        float(summary.loc["jit", "saving"] / summary.loc["batch", "annual_cost"]),
        pol.loc[best].join(inv.loc[best, extra]),
    )


class Waterfall(NamedTuple):
    """One customer from net sales to profit after cost to serve (see :func:`customer_waterfall`)."""

    row: pd.Series  # the customer's row of ``customer_profit``
    steps: pd.DataFrame  # ``step`` (net_sales, gross_profit, each cost, profit) and ``amount``
    biggest: str | None  # the largest cost component, None when serving cost nothing


def customer_waterfall(
    profit: pd.DataFrame, customer_id: str, components: Sequence[str] | None = None
) -> Waterfall:
    """The steps of one customer's cost-to-serve waterfall; costs as negative amounts.

    >>> p = pd.DataFrame({"net_sales": [100.0], "gross_profit": [30.0], "rebate": [5.0],
    ...     "visits": [10.0], "cost_to_serve": [15.0], "profit": [15.0]}, index=["C1"])
    >>> w = customer_waterfall(p, "C1", ["rebate", "visits"])
    >>> w.steps["amount"].tolist(), w.biggest
    ([100.0, 30.0, -5.0, -10.0, 15.0], 'visits')
    """
    comps = list(COST_COMPONENTS if components is None else components)
    if customer_id not in profit.index:
        raise ValueError(f"There is no customer {customer_id} in the table.")
    row = profit.loc[customer_id]
    steps = pd.DataFrame(
        {
            "step": ["net_sales", "gross_profit", *comps, "profit"],
            "amount": [row["net_sales"], row["gross_profit"], *(-row[comps]), row["profit"]],
        }
    )
    biggest = str(row[comps].astype(float).idxmax()) if row["cost_to_serve"] > 0 else None
    return Waterfall(row, steps, biggest)


class CostToServeLab(NamedTuple):
    """Lab 4.2's cost-to-serve part (see :func:`cost_to_serve_lab`); money over the data."""

    totals: pd.Series  # gross profit, each cost component, profit
    cost_share: float  # cost to serve / gross profit
    losers: int  # customers with negative profit after cost to serve
    losers_loss: float  # what they lose together (a positive amount)
    worst: pd.DataFrame  # the ``n`` lowest profits, with ``name``
    choices: list  # the worst, then the ``n`` biggest by net sales


def cost_to_serve_lab(profit: pd.DataFrame, names: pd.Series, n: int = 5) -> CostToServeLab:
    """Where Huaxin's gross profit goes, and who loses money once served (lab 4.2).

    ``profit`` is :func:`salesprofit.profitability.customer_profit`.
    """
    totals = profit[["gross_profit", *COST_COMPONENTS, "profit"]].sum()
    losers = profit[profit["profit"] < 0]
    worst = profit.nsmallest(n, "profit").copy()
    worst["name"] = names.reindex(worst.index)
    biggest = [c for c in profit.nlargest(n, "net_sales").index if c not in worst.index]
    return CostToServeLab(
        totals,
        float(totals[list(COST_COMPONENTS)].sum() / totals["gross_profit"]),
        len(losers),
        float(-losers["profit"].sum()),
        worst,
        [*worst.index, *biggest],
    )


class MeetingLab(NamedTuple):
    """Lab 4.2's travel-versus-video part (see :func:`meeting_lab`)."""

    hourly_cost: float  # money per hour of a rep
    salary: float  # the reps' average base salary, money a year
    meetings: pd.DataFrame  # ``costs.meeting_costs`` with ``hours`` (meeting + travel)
    visits_per_rep_year: float


def meeting_lab(
    activities: pd.DataFrame,
    reps: pd.DataFrame,
    years: float,
    on_cost_rate: float = 0.3,
    hours_per_year: float = 2000.0,
) -> MeetingLab:
    """What a visit and a video meeting cost Huaxin, rep time included (lab 4.2).

    ``years`` is the period the activities cover.

    >>> acts = pd.DataFrame({"type": ["visit", "visit"], "duration_min": [60, 120],
    ...     "travel_min": [120, 180], "cost": [500.0, 700.0]})
    >>> lab = meeting_lab(acts, pd.DataFrame({"rep_id": ["R1"], "base_salary": [200_000.0]}), 1)
    >>> lab.hourly_cost, float(lab.meetings.loc["visit", "hours"]), lab.visits_per_rep_year
    (130.0, 4.0, 2.0)
    """
    C.check("The period", years, gt=0)
    salary = float(reps["base_salary"].mean())
    hour = float(hourly_cost(salary, on_cost_rate, hours_per_year))
    meet = meeting_costs(activities, hour)
    meet["hours"] = (meet["meeting_min"] + meet["travel_min"]) / 60
    visits = float(meet.loc["visit", "meetings"]) if "visit" in meet.index else 0.0
    return MeetingLab(hour, salary, meet, visits / reps["rep_id"].nunique() / years)
