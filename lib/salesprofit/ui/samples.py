"""The sample company's data for calculators whose builders need data, as their labs pass it.

The gallery and the trainer's console open every calculator with no code visible; a
builder that needs data (the pipeline forecast wants the opportunities, the association
explorer the order lines) gets it here, from the same library calls its lab makes.
:func:`arguments` returns the keyword arguments for a builder (empty for builders that
open on their own defaults).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

__all__ = ["SAMPLES", "TITLES", "arguments", "needs_data", "title"]

#: What a trainer reads out, for builders whose docstring speaks to developers.
TITLES = {
    "pricing.dynamic_pricing_calculator": "Dynamic pricing: a price that follows the season",
    "costs.cost_to_serve_calculator": "Cost to serve: where one customer's gross profit goes",
    "costs.travel_video_calculator": "Travel or video: what a sales meeting really costs",
    "crm.customer_card_calculator": "The customer card: one customer seen whole",
    "crm.checklist_calculator": "Data collection checklist: weigh each item, see the score",
    "forecast.pipeline_calculator": "Weighted pipeline: a win probability for each stage",
    "forecast.forecast_explorer": "Sales forecast: Holt-Winters settings and the backtest error",
    "associations.association_explorer": "What sells with what: cross-sell pairs and their margin",
    "quality.cost_of_quality_calculator": "Cost of quality: prevention, appraisal and failures",
    "quality.service_roi_calculator": "Faster service: what it is worth in kept customers",
}


@cache
def _table(name: str):
    from .. import data

    return data.load(name)


def _customer_view():
    from .. import crm

    return crm.single_customer_view(
        *(
            _table(t)
            for t in (
                "customers",
                "orders",
                "order_lines",
                "activities",
                "tickets",
                "surveys",
                "opportunities",
            )
        )
    )


def _customer_card() -> dict[str, Any]:
    from .. import crm

    view = _customer_view()
    lab = crm.audit_lab(_table("customers"), view)
    return {"view": view, "customer_ids": lab.card_ids, "customer_id": lab.card_ids[0]}


def _checklist() -> dict[str, Any]:
    from .. import crm

    customers = _table("customers")
    pairs = crm.near_duplicates(customers)
    tables = [_table(t) for t in ("orders", "order_lines", "activities", "tickets", "surveys")]
    return {"items": crm.collection_checklist(customers, *tables, pairs[pairs["shared_contact"]])}


def _pipeline() -> dict[str, Any]:
    from .. import funnel

    stats = funnel.stage_stats(_table("opportunity_stages"))
    return {"opportunities": _table("opportunities"), "probabilities": stats["win_from_here"]}


def _forecast() -> dict[str, Any]:
    from .. import forecast

    series = forecast.monthly_series(_table("orders"), _table("order_lines"), "gross_profit")
    return {"series": series, "trend": "add", "seasonal": "mul", "horizon": 1}


def _associations() -> dict[str, Any]:
    names = _table("products").set_index("product_id")["name"]
    return {"order_lines": _table("order_lines"), "names": names}


def _cost_to_serve() -> dict[str, Any]:
    from .. import data, profitability
    from ..labs import costs

    tables = {
        t: _table(t)
        for t in ("orders", "order_lines", "customers", "activities", "tickets", "returns")
    }
    profit = profitability.sample_company_profit(
        tables, cost_of_capital=data.ground_truth()["cost_of_capital"]
    )
    names = tables["customers"].set_index("customer_id")["name"]
    serve = costs.cost_to_serve_lab(profit, names, n=5)
    return {"profit": profit, "customer_ids": serve.choices, "names": names}


def _dynamic_pricing() -> dict[str, Any]:
    from ..labs import pricing

    season = pricing.largest_category_season(
        _table("order_lines"), _table("orders"), _table("products")
    )
    test = _table("price_experiment")
    elasticity = pricing.fit_elasticity(test["price_index"], test["quantity"]).elasticity
    return {
        "demand_index": season.index.to_numpy(),
        "base_price": season.base_price,
        "unit_cost": season.unit_cost,
        "base_units": season.units_per_month,
        "elasticity": float(elasticity),
        "capacity": season.capacity,
    }


#: builder ("module.name") -> a function returning its keyword arguments, the calls of its lab.
SAMPLES: dict[str, Callable[[], dict[str, Any]]] = {
    "crm.audit_calculator": lambda: {"customers": _table("customers")},
    "crm.customer_card_calculator": _customer_card,
    "crm.checklist_calculator": _checklist,
    "forecast.pipeline_calculator": _pipeline,
    "forecast.forecast_explorer": _forecast,
    "associations.association_explorer": _associations,
    "costs.cost_to_serve_calculator": _cost_to_serve,
    "pricing.dynamic_pricing_calculator": _dynamic_pricing,
}


def arguments(module: str, name: str) -> dict[str, Any]:
    """Keyword arguments that open ``salesprofit.ui.<module>.<name>`` on Huaxin's data."""
    sample = SAMPLES.get(f"{module}.{name}")
    return sample() if sample else {}


def title(module: str, name: str, docstring: str | None) -> str:
    """The title a trainer reads out: :data:`TITLES`, else the docstring's first line."""
    first = next((line.strip() for line in (docstring or "").strip().splitlines()), "")
    return TITLES.get(f"{module}.{name}") or first.rstrip(".") or name.replace("_", " ")


def needs_data(module: str, name: str) -> bool:
    """True if the gallery opens this builder with sample data (it has an entry here)."""
    return f"{module}.{name}" in SAMPLES
