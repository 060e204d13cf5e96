"""Role-play kits 4-5 inside the company: the commission plan and the quarterly review."""

from __future__ import annotations

import numpy as np

from ._checks import values
from .roleplay_core import Term, _ndtr, _r, _u

__all__ = ["COMMISSION_TERMS", "REVIEW_TERMS"]


# company profit a year = gross margin rate x sales - pay(sales) + (years - 1) x retention value
# rep's value a year    = pay(rep's own sales forecast) - (years - 1) x cost of being locked in
# pay(S) = base + rate x gm x S + (accelerator - 1) x rate x gm x max(S - quota, 0)
# Company and rep forecast the rep's sales differently: each values the plan with its own.

COMMISSION_TERMS = ("base_salary", "commission_rate", "quota", "accelerator", "plan_years")


def _pay(p, base_salary, commission_rate, quota, accelerator, sales):
    gm = p["gross_margin"]
    return (
        base_salary
        + commission_rate * gm * sales
        + (accelerator - 1) * commission_rate * gm * np.maximum(sales - quota, 0)
    )


def _commission_values(p, base_salary, commission_rate, quota, accelerator, plan_years) -> dict:
    base, rate, quota = values(base_salary), values(commission_rate), values(quota)
    accel, years = values(accelerator), values(plan_years)
    sales = p["company_forecast"]
    pay = _pay(p, base, rate, quota, accel, sales)
    profit = p["gross_margin"] * sales - pay
    seller = profit + (years - 1) * p["retention_value"]
    rep = _pay(p, base, rate, quota, accel, p["rep_forecast"]) - (years - 1) * p["lock_in_cost"]
    shape = np.broadcast(base, rate, quota, accel, years).shape
    return {
        "seller_value": np.broadcast_to(seller, shape),
        "seller_profit": np.broadcast_to(profit, shape),
        "revenue": np.broadcast_to(np.full(shape, sales), shape),
        "buyer_value": np.broadcast_to(rep, shape),
    }


def _commission_breakeven(
    p, base_salary, commission_rate, quota, accelerator, plan_years, profit_to_keep: float
) -> dict:
    """Sales at which the company's value equals ``profit_to_keep`` under the plan."""
    gm = p["gross_margin"]
    base, rate, quota = values(base_salary), values(commission_rate), values(quota)
    accel, years = values(accelerator), values(plan_years)
    aim = profit_to_keep - (years - 1) * p["retention_value"] + base
    slope_below = gm * (1 - rate)
    slope_above = gm * (1 - rate * accel)
    below = aim / slope_below
    at_quota = slope_below * quota
    with np.errstate(divide="ignore", invalid="ignore"):
        above = np.where(slope_above > 0, quota + (aim - at_quota) / slope_above, np.inf)
    needed = np.where(below <= quota, below, above)
    return {"unit_contribution": slope_below, "volume_needed": np.maximum(needed, 0.0)}


def _commission_terms(p: dict) -> tuple[Term, ...]:
    """The kit's five terms and their options (no random draws)."""
    return (
        Term(
            "base_salary",
            "Base salary",
            "¥ a year",
            tuple(_r(p["today_base"] * f, 1000) for f in (0.8, 0.85, 0.9, 0.95, 1.0, 1.05, 1.1)),
            0.0,
            1e7,
            "a base salary cannot be below zero",
            step=1000.0,
        ),
        Term(
            "commission_rate",
            "Commission on gross margin",
            "of gross margin",
            (0.06, 0.08, 0.10, 0.12, 0.14),
            0.0,
            1.0,
            "commission is a share of gross margin, from 0 to 1 (0 % to 100 %)",
            step=0.005,
            percent=True,
        ),
        Term(
            "quota",
            "Quota",
            "¥ of sales a year",
            tuple(_r(p["last_year_sales"] * f, 10000) for f in (1.0, 1.1, 1.2, 1.3, 1.4)),
            0.0,
            1e10,
            "a quota cannot be below zero",
            step=10000.0,
        ),
        Term(
            "accelerator",
            "Accelerator above quota",
            "× the rate",
            (1.0, 1.5, 2.0, 2.5),
            1.0,
            5.0,
            "the accelerator multiplies the rate above quota: from 1 (none) to 5",
            step=0.25,
        ),
        Term(
            "plan_years",
            "Plan length",
            "years",
            (1.0, 2.0),
            1.0,
            3.0,
            "a plan runs for 1 to 3 years",
            step=1.0,
        ),
    )


def _commission_plan(rng: np.random.Generator) -> dict:
    forecast = _r(_u(rng, 3.2e6, 5.0e6), 10000)
    p = {
        "gross_margin": _r(_u(rng, 0.26, 0.34), 0.005),
        "company_forecast": forecast,
        "rep_forecast": _r(forecast * _u(rng, 1.12, 1.25), 10000),
        "last_year_sales": _r(forecast * _u(rng, 0.92, 1.0), 10000),
        "today_base": _r(_u(rng, 110000, 140000), 1000),
        "today_rate": 0.08,
        "retention_value": _r(_u(rng, 35000, 60000), 1000),
        "lock_in_cost": _r(_u(rng, 8000, 20000), 1000),
    }
    quota_now = _r(p["last_year_sales"] * 1.1, 10000)
    p["today_pay"] = float(_pay(p, p["today_base"], 0.08, quota_now, 1.0, p["rep_forecast"]))
    p["outside_offer"] = _r(p["today_pay"] * _u(rng, 1.04, 1.08), 1000)
    terms = _commission_terms(p)
    sq = {
        "base_salary": p["today_base"],
        "commission_rate": 0.08,
        "quota": quota_now,
        "accelerator": 1.0,
        "plan_years": 1.0,
    }
    return {
        "params": p,
        "terms": terms,
        "status_quo": sq,
        "seller_target": _u(rng, 1.00, 1.02),
        "seller_walkaway": _u(rng, 0.95, 0.97),
        "buyer_target": None,
        "buyer_walkaway": None,
        "brief": {
            "public": ("today_base", "today_rate", "last_year_sales", "gross_margin"),
            "seller": ("company_forecast", "retention_value"),
            "buyer": ("rep_forecast", "outside_offer", "lock_in_cost"),
        },
    }


# sales(side)   = that side's forecast x (1 + support lift x days) x (1 + discount lift x discount)
# P(hit)        = Phi((sales - target) / (volatility x sales))
# manager value = sales x (gross margin - discount - commission) - day cost x days - bonus x P(hit)
#                 - plan gap cost x max(plan - target, 0) + (quarters - 1) x planning value
# rep's value   = commission x sales + bonus x P(hit) - cost of a missed target x (1 - P(hit))
#                 - (quarters - 1) x cost of a locked target

REVIEW_TERMS = ("target", "bonus", "support_days", "discount_authority", "quarters")


def _review_sales(p, forecast, support_days, discount_authority):
    return (
        forecast
        * (1 + p["support_lift"] * support_days)
        * (1 + p["discount_lift"] * discount_authority)
    )


def _review_values(p, target, bonus, support_days, discount_authority, quarters) -> dict:
    target, bonus, days = values(target), values(bonus), values(support_days)
    disc, quarters = values(discount_authority), values(quarters)
    s_co = _review_sales(p, p["manager_forecast"], days, disc)
    s_rep = _review_sales(p, p["rep_forecast"], days, disc)
    hit_co = _ndtr((s_co - target) / (p["volatility"] * s_co))
    hit_rep = _ndtr((s_rep - target) / (p["volatility"] * s_rep))
    profit = (
        s_co * (p["gross_margin"] - disc - p["commission"]) - p["day_cost"] * days - bonus * hit_co
    )
    seller = (
        profit
        - p["gap_cost"] * np.maximum(p["plan"] - target, 0)
        + (quarters - 1) * p["planning_value"]
    )
    rep = (
        p["commission"] * s_rep
        + bonus * hit_rep
        - p["miss_cost"] * (1 - hit_rep)
        - (quarters - 1) * p["lock_in_cost"]
    )
    return {"seller_value": seller, "seller_profit": profit, "revenue": s_co, "buyer_value": rep}


def _review_breakeven(
    p, target, bonus, support_days, discount_authority, quarters, profit_to_keep: float
) -> dict:
    """Sales the quarter needs for the manager's value to reach ``profit_to_keep``.

    Solved on the profit line with the bonus counted as paid (the safe side).
    """
    target, bonus, days = values(target), values(bonus), values(support_days)
    disc, quarters = values(discount_authority), values(quarters)
    per_unit = p["gross_margin"] - disc - p["commission"]
    aim = (
        profit_to_keep
        + p["day_cost"] * days
        + bonus
        + p["gap_cost"] * np.maximum(p["plan"] - target, 0)
        - (quarters - 1) * p["planning_value"]
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        needed = np.where(per_unit > 0, aim / per_unit, np.inf)
    return {"unit_contribution": per_unit, "volume_needed": np.maximum(needed, 0.0)}


def _review_terms(p: dict) -> tuple[Term, ...]:
    """The kit's five terms and their options (no random draws)."""
    return (
        Term(
            "target",
            "Next quarter's target",
            "¥ of sales",
            tuple(
                _r(p["last_quarter_target"] * f, 10000) for f in (0.9, 0.95, 1.0, 1.05, 1.1, 1.15)
            ),
            0.0,
            1e10,
            "a target cannot be below zero",
            step=10000.0,
        ),
        Term(
            "bonus",
            "Bonus for hitting the target",
            "¥ if the target is hit",
            (0.0, 5000.0, 10000.0, 15000.0, 20000.0),
            0.0,
            1e7,
            "a bonus cannot be below zero",
            step=1000.0,
        ),
        Term(
            "support_days",
            "Pre-sales support",
            "days",
            (0.0, 5.0, 10.0, 15.0),
            0.0,
            60.0,
            "support runs from 0 to 60 days a quarter",
            step=1.0,
        ),
        Term(
            "discount_authority",
            "Discount the rep may give alone",
            "off list",
            (0.0, 0.02, 0.04, 0.06),
            0.0,
            0.3,
            "discount authority runs from 0 to 0.3 (30 %)",
            step=0.005,
            percent=True,
        ),
        Term(
            "quarters",
            "Target fixed for",
            "quarters",
            (1.0, 2.0),
            1.0,
            4.0,
            "a target can be fixed for 1 to 4 quarters",
            step=1.0,
        ),
    )


def _quarterly_review(rng: np.random.Generator) -> dict:
    forecast = _r(_u(rng, 0.9e6, 1.4e6), 10000)
    p = {
        "gross_margin": _r(_u(rng, 0.28, 0.34), 0.005),
        "commission": 0.03,
        "manager_forecast": forecast,
        "rep_forecast": _r(forecast * _u(rng, 0.86, 0.95), 10000),
        "last_quarter_sales": _r(forecast * _u(rng, 0.93, 1.0), 10000),
        "last_quarter_target": _r(forecast * _u(rng, 1.02, 1.08), 10000),
        "plan": _r(forecast * _u(rng, 1.06, 1.12), 10000),
        "gap_cost": _r(_u(rng, 0.15, 0.25), 0.01),
        "support_lift": _r(_u(rng, 0.006, 0.009), 0.0005),
        "discount_lift": _r(_u(rng, 1.5, 2.5), 0.1),
        "day_cost": _r(_u(rng, 1200, 2000), 100),
        "volatility": 0.12,
        "planning_value": _r(_u(rng, 4000, 8000), 500),
        "lock_in_cost": _r(_u(rng, 1000, 3000), 500),
        "miss_cost": _r(_u(rng, 4000, 8000), 500),
    }
    terms = _review_terms(p)
    sq = {
        "target": p["last_quarter_target"],
        "bonus": 0.0,
        "support_days": 0.0,
        "discount_authority": 0.0,
        "quarters": 1.0,
    }
    return {
        "params": p,
        "terms": terms,
        "status_quo": sq,
        "seller_target": None,
        "seller_walkaway": None,
        "buyer_target": None,
        "buyer_walkaway": None,
        "brief": {
            "public": (
                "last_quarter_sales",
                "last_quarter_target",
                "commission",
                "volatility",
                "support_lift",
                "discount_lift",
            ),
            "seller": (
                "gross_margin",
                "manager_forecast",
                "plan",
                "gap_cost",
                "day_cost",
                "planning_value",
            ),
            "buyer": ("rep_forecast", "lock_in_cost", "miss_cost"),
        },
    }
