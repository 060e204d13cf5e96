"""Role-play kits 1-3 on one model of a supply contract: discount request, VIP renewal, unprofitable account."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from ._checks import values
from .roleplay_core import Term, _r, _u

__all__ = ["SUPPLY_TERMS"]


# Kits 1-3 share one model of a supply contract: price, volume, payment days, service
# level and contract years.
#
# seller profit a year = volume (price - unit cost - service cost per unit) - service cost a year
#                        - revenue x seller's cost of capital x payment days / 365
# seller value         = profit + (years - 1) x value of each extra committed year
# buyer value a year   = min(volume, need) x worth of a unit + max(volume - need, 0) x salvage
#                        - revenue + revenue x buyer's cost of capital x payment days / 365
#                        + service value (per unit and a year) - (years - 1) x lock-in cost


def _supply_values(p: Mapping[str, Any], price, volume, payment_days, service, years) -> dict:
    price, volume, days = values(price), values(volume), values(payment_days)
    level = np.rint(values(service)).astype(int)
    years = values(years)
    revenue = price * volume
    s_unit = np.asarray(p["seller_service_unit"])[level]
    s_year = np.asarray(p["seller_service_year"])[level]
    b_unit = np.asarray(p["buyer_service_unit"])[level]
    b_year = np.asarray(p["buyer_service_year"])[level]
    profit = (
        volume * (price - p["unit_cost"] - s_unit)
        - s_year
        - revenue * p["seller_capital"] * days / 365
    )
    seller = profit + (years - 1) * p["seller_year_value"]
    need = p["need"]
    buyer = (
        np.minimum(volume, need) * p["unit_worth"]
        + np.maximum(volume - need, 0) * p["salvage"]
        - revenue
        + revenue * p["buyer_capital"] * days / 365
        + volume * b_unit
        + b_year
        - (years - 1) * p["buyer_year_cost"]
    )
    return {
        "seller_value": seller,
        "seller_profit": profit,
        "revenue": revenue,
        "buyer_value": buyer,
    }


def _supply_breakeven(
    p: Mapping[str, Any], price, volume, payment_days, service, years, profit_to_keep: float
) -> dict:
    """Volume at which the seller's value equals ``profit_to_keep`` on these terms."""
    price, days = values(price), values(payment_days)
    level = np.rint(values(service)).astype(int)
    years = values(years)
    per_unit = (
        price
        - p["unit_cost"]
        - np.asarray(p["seller_service_unit"])[level]
        - price * p["seller_capital"] * days / 365
    )
    fixed = np.asarray(p["seller_service_year"])[level] - (years - 1) * p["seller_year_value"]
    with np.errstate(divide="ignore", invalid="ignore"):
        needed = np.where(per_unit > 0, (profit_to_keep + fixed) / per_unit, np.inf)
    return {"unit_contribution": per_unit, "volume_needed": np.maximum(needed, 0.0)}


SUPPLY_TERMS = ("price", "volume", "payment_days", "service", "years")


def _supply_terms(
    price_options, volume_options, days_options, service_labels, years_options, price_high: float
) -> tuple[Term, ...]:
    return (
        Term(
            "price",
            "Price per unit",
            "¥",
            tuple(price_options),
            0.0,
            price_high,
            "a price is what the customer pays per unit, so it cannot be below zero",
            step=0.5,
        ),
        Term(
            "volume",
            "Volume",
            "units a year",
            tuple(volume_options),
            1.0,
            1e9,
            "the deal must cover at least one unit a year",
            step=100.0,
        ),
        Term(
            "payment_days",
            "Payment terms",
            "days",
            tuple(days_options),
            0.0,
            365.0,
            "payment terms run from 0 (cash) to 365 days",
            step=15.0,
        ),
        Term(
            "service",
            "Service level",
            "",
            tuple(range(len(service_labels))),
            0.0,
            len(service_labels) - 1,
            "choose one of the service levels on offer",
            labels=tuple(service_labels),
        ),
        Term(
            "years",
            "Contract length",
            "years",
            tuple(years_options),
            1.0,
            5.0,
            "a contract runs from 1 to 5 years",
            step=1.0,
        ),
    )


def _discount_request(rng: np.random.Generator) -> dict:
    unit_cost = _r(_u(rng, 52, 72), 0.5)
    list_margin = _u(rng, 0.26, 0.36)
    list_price = _r(unit_cost / (1 - list_margin), 1.0)
    today = _r(_u(rng, 900, 1600), 100)
    need = _r(today * _u(rng, 1.5, 1.9), 100)
    p = {
        "unit_cost": unit_cost,
        "list_price": list_price,
        "today_volume": today,
        "need": need,
        "competitor_price": _r(list_price * _u(rng, 0.88, 0.93), 0.5),
        "unit_worth": _r(list_price * _u(rng, 1.0, 1.03), 0.5),
        "salvage": _r(unit_cost * _u(rng, 0.45, 0.7), 0.5),
        "seller_capital": _r(_u(rng, 0.04, 0.07), 0.005),
        "buyer_capital": _r(_u(rng, 0.12, 0.18), 0.005),
        "seller_service_unit": (0.0, _r(_u(rng, 0.6, 1.2), 0.1), _r(_u(rng, 3.2, 4.5), 0.1)),
        "seller_service_year": (0.0, 0.0, _r(_u(rng, 2000, 4000), 100)),
        "buyer_service_unit": (0.0, _r(_u(rng, 1.8, 3.0), 0.1), _r(_u(rng, 2.5, 3.5), 0.1)),
        "buyer_service_year": (0.0, 0.0, 0.0),
    }
    base = today * (list_price - unit_cost) - today * list_price * p["seller_capital"] * 30 / 365
    p["seller_year_value"] = _r(base * _u(rng, 0.08, 0.14), 100)
    p["buyer_year_cost"] = _r(base * _u(rng, 0.02, 0.05), 100)
    discounts = np.round(np.arange(0.0, 0.2001, 0.01), 10)
    # the grid is built from public numbers only (the options are printed on both briefs)
    terms = _supply_terms(
        np.round(list_price * (1 - discounts), 2),
        np.arange(today, _r(today * 2.2, 100) + 1, 100.0),
        (30.0, 45.0, 60.0, 90.0),
        (
            "Standard delivery (5 working days)",
            "48-hour delivery",
            "Next-day delivery with consignment stock",
        ),
        (1.0, 2.0, 3.0),
        list_price * 3,
    )
    sq = {"price": list_price, "volume": today, "payment_days": 30.0, "service": 0.0, "years": 1.0}
    return {
        "params": p,
        "terms": terms,
        "status_quo": sq,
        "seller_target": _u(rng, 1.06, 1.12),
        "seller_walkaway": _u(rng, 0.94, 0.98),
        "buyer_target": _u(rng, 0.06, 0.09),
        "buyer_walkaway": _u(rng, 0.02, 0.035),
        "brief": {
            "public": ("list_price", "today_volume", "competitor_price"),
            "seller": (
                "unit_cost",
                "seller_capital",
                "seller_service_unit",
                "seller_service_year",
                "seller_year_value",
            ),
            "buyer": (
                "need",
                "unit_worth",
                "salvage",
                "buyer_capital",
                "buyer_service_unit",
                "buyer_year_cost",
            ),
        },
    }


def _vip_renewal(rng: np.random.Generator) -> dict:
    unit_cost = _r(_u(rng, 120, 160), 1)
    list_margin = _u(rng, 0.30, 0.38)
    list_price = _r(unit_cost / (1 - list_margin), 1.0)
    today_price = _r(list_price * _u(rng, 0.93, 0.96), 0.5)
    today = _r(_u(rng, 4000, 7000), 100)
    need = _r(today * _u(rng, 1.15, 1.35), 100)
    p = {
        "unit_cost": unit_cost,
        "list_price": list_price,
        "today_price": today_price,
        "today_volume": today,
        "need": need,
        "competitor_price": _r(today_price * _u(rng, 0.90, 0.94), 0.5),
        "unit_worth": _r(today_price * _u(rng, 1.0, 1.03), 0.5),
        "salvage": _r(unit_cost * _u(rng, 0.4, 0.6), 0.5),
        "seller_capital": _r(_u(rng, 0.04, 0.06), 0.005),
        "buyer_capital": _r(_u(rng, 0.09, 0.14), 0.005),
        "seller_service_unit": (0.0, 0.0, 0.0),
        "seller_service_year": (
            0.0,
            _r(_u(rng, 18000, 26000), 1000),
            _r(_u(rng, 60000, 90000), 1000),
        ),
        "buyer_service_unit": (0.0, 0.0, 0.0),
        "buyer_service_year": (
            0.0,
            _r(_u(rng, 45000, 70000), 1000),
            _r(_u(rng, 70000, 95000), 1000),
        ),
        "retention": _r(_u(rng, 0.75, 0.85), 0.01),
    }
    base = today * (today_price - unit_cost) - today * today_price * p["seller_capital"] * 45 / 365
    # a committed year removes the renewal risk: worth (1 - retention) of a year's profit, and more
    p["seller_year_value"] = _r(base * (1 - p["retention"]) * _u(rng, 0.9, 1.2), 1000)
    p["buyer_year_cost"] = _r(base * _u(rng, 0.03, 0.06), 1000)
    discounts = np.round(np.arange(-0.04, 0.1201, 0.01), 10)
    terms = _supply_terms(
        np.round(today_price * (1 - discounts), 2),
        np.arange(_r(today * 0.9, 100), _r(today * 1.5, 100) + 1, 200.0),
        (45.0, 60.0, 90.0, 120.0),
        (
            "Standard account service",
            "Dedicated account manager",
            "Dedicated account manager, quarterly business reviews and 24-hour support line",
        ),
        (1.0, 2.0, 3.0),
        list_price * 3,
    )
    sq = {"price": today_price, "volume": today, "payment_days": 45.0, "service": 0.0, "years": 1.0}
    return {
        "params": p,
        "terms": terms,
        "status_quo": sq,
        "seller_target": _u(rng, 1.05, 1.10),
        "seller_walkaway": _u(rng, 0.90, 0.95),
        "buyer_target": _u(rng, 0.05, 0.07),
        "buyer_walkaway": _u(rng, 0.02, 0.03),
        "brief": {
            "public": ("list_price", "today_price", "today_volume", "competitor_price"),
            "seller": (
                "unit_cost",
                "seller_capital",
                "seller_service_year",
                "retention",
                "seller_year_value",
            ),
            "buyer": (
                "need",
                "unit_worth",
                "salvage",
                "buyer_capital",
                "buyer_service_year",
                "buyer_year_cost",
            ),
        },
    }


def _unprofitable_account(rng: np.random.Generator) -> dict:
    unit_cost = _r(_u(rng, 30, 42), 0.5)
    list_margin = _u(rng, 0.22, 0.30)
    today_price = _r(unit_cost / (1 - list_margin), 0.5)
    today = _r(_u(rng, 2500, 4000), 100)
    need = _r(today * _u(rng, 1.2, 1.4), 100)
    contribution = today * (today_price - unit_cost)
    p = {
        "unit_cost": unit_cost,
        "today_price": today_price,
        "today_volume": today,
        "need": need,
        "competitor_price": _r(today_price * _u(rng, 1.00, 1.04), 0.5),
        "unit_worth": _r(today_price * _u(rng, 1.06, 1.10), 0.5),
        "salvage": _r(unit_cost * _u(rng, 0.4, 0.6), 0.5),
        "seller_capital": _r(_u(rng, 0.05, 0.07), 0.005),
        "buyer_capital": _r(_u(rng, 0.10, 0.15), 0.005),
        # 0 = basic, 1 = middle, 2 = today's heavy service (weekly visits, rush orders, small drops)
        "seller_service_unit": (0.4, _r(_u(rng, 0.9, 1.3), 0.1), _r(_u(rng, 2.0, 2.8), 0.1)),
        "seller_service_year": (
            _r(contribution * _u(rng, 0.12, 0.16), 100),
            _r(contribution * _u(rng, 0.35, 0.45), 100),
            _r(contribution * _u(rng, 0.85, 0.95), 100),
        ),
        "buyer_service_unit": (0.0, 0.0, 0.0),
        "buyer_service_year": (
            0.0,
            _r(contribution * _u(rng, 0.20, 0.26), 100),
            _r(contribution * _u(rng, 0.30, 0.38), 100),
        ),
    }
    p["seller_year_value"] = _r(contribution * _u(rng, 0.03, 0.06), 100)
    p["buyer_year_cost"] = _r(contribution * _u(rng, 0.01, 0.03), 100)
    changes = np.round(np.arange(-0.04, 0.1001, 0.01), 10)
    terms = _supply_terms(
        np.round(today_price * (1 + changes), 2),
        np.arange(_r(today * 0.8, 100), _r(today * 1.6, 100) + 1, 200.0),
        (30.0, 45.0, 60.0),
        (
            "Basic: monthly visit, online ordering, one consolidated delivery a week",
            "Middle: visit every two weeks, up to two rush orders a month",
            "Today's: weekly visit, rush orders any time, small drops every day",
        ),
        (1.0, 2.0, 3.0),
        today_price * 3,
    )
    sq = {"price": today_price, "volume": today, "payment_days": 60.0, "service": 2.0, "years": 1.0}
    return {
        "params": p,
        "terms": terms,
        "status_quo": sq,
        "seller_target": None,
        "seller_walkaway": None,
        "buyer_target": _u(rng, 0.03, 0.05),
        "buyer_walkaway": _u(rng, -0.02, -0.01),
        "brief": {
            "public": ("today_price", "today_volume", "competitor_price"),
            "seller": (
                "unit_cost",
                "seller_capital",
                "seller_service_unit",
                "seller_service_year",
                "seller_year_value",
            ),
            "buyer": (
                "need",
                "unit_worth",
                "salvage",
                "buyer_capital",
                "buyer_service_year",
                "buyer_year_cost",
            ),
        },
    }
