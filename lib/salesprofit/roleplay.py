"""Role-play kits: seeded negotiation scenarios, deal scoring and the Pareto frontier.

The model is the classic multi-issue ("integrative") negotiation of Raiffa,
*The Art and Science of Negotiation* (Harvard University Press, 1982) and
Lax & Sebenius, *The Manager as Negotiator* (Free Press, 1986): a deal fixes
several terms at once (price, volume, payment terms, service level, contract
length ...); each side values every term with its own economics; the *walk-away*
(reservation value, "BATNA") is what a side gets if there is no deal; and the
*Pareto frontier* (efficient frontier) is the set of deals where neither side can
gain without the other losing. Deals inside the frontier "leave money on the
table": another deal would have been better for both.

Five kits (see ``KITS``), each a function of a seed, so every cohort gets fresh
numbers (``numpy.random.default_rng(seed)``):

* ``discount_request``: the buyer asks for a discount; every point of discount needs
  extra volume to keep the seller's profit whole (chapter 3).
* ``vip_renewal``: a key account wants concessions to renew (chapters 1 and 12).
* ``unprofitable_account``: cost to serve eats the margin; renegotiate service (4, 12).
* ``commission_plan``: a sales manager and a rep agree next year's plan (chapter 9).
* ``quarterly_review``: KPI review and next quarter's target (chapters 6 and 14).

In every kit the side called ``seller`` is the one whose profit the course teaches
(the supplier's salesperson, or the company's sales manager) and ``buyer`` is the
other side (the customer's buyer, or the sales rep). Money is in the sample
company's currency (¥); supply deals are valued per year; the commission plan per
year; the quarterly review per quarter. Pure: numbers in, numbers out.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from ._checks import check, finite, out, values

DEFAULT_SEED = 2026
#: Relative tolerance for "on the frontier": a deal is *near* the frontier when no other
#: deal of the grid makes both sides better off by more than this share of the spread of
#: values (half a percent of the seller's plus the buyer's value range).
NEAR = 0.005


# --------------------------------------------------------------------------- pieces


@dataclass(frozen=True)
class Term:
    """One negotiable term of a kit.

    ``options`` are the values of the grid the frontier is computed on (and the
    choices offered when ``labels`` is given); ``low``/``high`` bound what a deal may
    hold; ``labels`` name the options of a choice term (service levels).
    """

    name: str
    label: str
    unit: str
    options: tuple[float, ...]
    low: float
    high: float
    why: str
    labels: tuple[str, ...] | None = None
    step: float = 1.0
    percent: bool = False

    @property
    def is_choice(self) -> bool:
        return self.labels is not None

    def describe(self, value: float) -> str:
        """A value of this term in words (the option label for choices)."""
        if self.labels is not None:
            return self.labels[int(round(float(value)))]
        if self.percent:
            return f"{float(value) * 100:.4g} % {self.unit}"
        if self.unit == "¥":
            return f"¥{float(value):,.2f}"
        if self.unit.startswith("¥ "):
            return f"¥{float(value):,.0f} {self.unit[2:]}"
        unit = (
            self.unit[:-1]
            if float(value) == 1 and self.unit in ("years", "quarters", "days")
            else self.unit
        )
        return f"{float(value):,.6g} {unit}".strip()


@dataclass(frozen=True, eq=False)
class Scenario:
    """One kit's numbers for one seed.

    ``status_quo`` is today's deal (or the opening position) against which the
    trade-offs of an agreed deal are named; ``params`` hold each side's economics
    (``brief`` says which side may see which).
    """

    kit: str
    seed: int
    title: str
    roles: Mapping[str, str]
    terms: tuple[Term, ...]
    params: Mapping[str, Any]
    status_quo: Mapping[str, float]
    seller_target: float
    seller_walkaway: float
    buyer_target: float
    buyer_walkaway: float
    brief: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def term(self, name: str) -> Term:
        for t in self.terms:
            if t.name == name:
                return t
        raise ValueError(f"the {self.title} kit has no term called {name!r}.")

    @property
    def term_names(self) -> tuple[str, ...]:
        return tuple(t.name for t in self.terms)


@dataclass(frozen=True)
class Kit:
    """A role-play kit: how to draw its numbers and how each side values a deal."""

    key: str
    title: str
    chapters: str
    roles: Mapping[str, str]
    generate: Callable[[np.random.Generator], dict]
    values: Callable[..., dict]
    breakeven: Callable[..., dict]


class TradeOff(NamedTuple):
    """What one term of the deal did, against the status quo, for each side (¥)."""

    term: str
    label: str
    was: str
    now: str
    seller_change: float
    buyer_change: float
    verdict: str


@dataclass(frozen=True, eq=False)
class DealScore:
    """A deal scored for both sides (money in ¥ per the kit's period)."""

    kit: str
    seed: int
    terms: Mapping[str, float]
    seller_value: float
    seller_profit: float
    revenue: float
    seller_margin: float
    seller_target: float
    seller_walkaway: float
    buyer_value: float
    buyer_target: float
    buyer_walkaway: float
    joint_gain: float
    both_could_gain: float
    left_on_table: float
    on_frontier: bool
    tradeoffs: tuple[TradeOff, ...]

    @property
    def seller_vs_target(self) -> float:
        return self.seller_value - self.seller_target

    @property
    def seller_vs_walkaway(self) -> float:
        return self.seller_value - self.seller_walkaway

    @property
    def buyer_vs_target(self) -> float:
        return self.buyer_value - self.buyer_target

    @property
    def buyer_vs_walkaway(self) -> float:
        return self.buyer_value - self.buyer_walkaway

    @property
    def acceptable(self) -> bool:
        """Both sides at or above their walk-away."""
        return self.seller_vs_walkaway >= 0 and self.buyer_vs_walkaway >= 0

    def scores(self) -> dict[str, float]:
        """The numbers a scoreboard keeps (plain floats)."""
        return {
            "seller_value": self.seller_value,
            "seller_profit": self.seller_profit,
            "revenue": self.revenue,
            "seller_margin": self.seller_margin,
            "seller_target": self.seller_target,
            "seller_walkaway": self.seller_walkaway,
            "seller_vs_target": self.seller_vs_target,
            "seller_vs_walkaway": self.seller_vs_walkaway,
            "buyer_value": self.buyer_value,
            "buyer_target": self.buyer_target,
            "buyer_walkaway": self.buyer_walkaway,
            "buyer_vs_walkaway": self.buyer_vs_walkaway,
            "joint_gain": self.joint_gain,
            "both_could_gain": self.both_could_gain,
            "left_on_table": self.left_on_table,
            "on_frontier": float(self.on_frontier),
        }


# --------------------------------------------------------------------------- helpers


def _u(rng: np.random.Generator, low: float, high: float) -> float:
    return float(rng.uniform(low, high))


def _r(x: float, step: float) -> float:
    """Round a drawn number to a step a brief can print (drawing only, not results)."""
    return float(round(x / step) * step)


def _ndtr(x: np.ndarray) -> np.ndarray:
    from scipy.special import ndtr

    return ndtr(x)


def check_seed(seed: Any) -> int:
    """The seed as an int, refusing what cannot seed a cohort's numbers.

    >>> check_seed(7)
    7
    >>> check_seed(-1)
    Traceback (most recent call last):
    ...
    ValueError: the seed must be a whole number from 0 up (got -1): it is the number printed on the facilitator's copy.
    """
    try:
        as_float = float(seed)
    except (TypeError, ValueError):
        raise ValueError(f"the seed must be a whole number (got {seed!r}).") from None
    if not math.isfinite(as_float) or as_float < 0 or as_float != int(as_float) or as_float > 2**63:
        raise ValueError(
            f"the seed must be a whole number from 0 up (got {seed:g}): it is the number "
            "printed on the facilitator's copy."
        )
    return int(as_float)


# --------------------------------------------------------------------------- supply deals
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


# --------------------------------------------------------------------------- commission plan
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
    terms = (
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


# --------------------------------------------------------------------------- quarterly review
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
    terms = (
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


# --------------------------------------------------------------------------- registry


def _seller_role(kit: str) -> dict:
    return {
        "discount_request": {
            "seller": "Key account manager (seller)",
            "buyer": "Purchasing manager (buyer)",
        },
        "vip_renewal": {
            "seller": "Key account manager (seller)",
            "buyer": "Head of purchasing (buyer)",
        },
        "unprofitable_account": {
            "seller": "Account manager (seller)",
            "buyer": "Owner of the customer firm (buyer)",
        },
        "commission_plan": {"seller": "Sales manager (the company)", "buyer": "Sales rep"},
        "quarterly_review": {"seller": "Sales manager (the company)", "buyer": "Sales rep"},
    }[kit]


KITS: dict[str, Kit] = {
    "discount_request": Kit(
        "discount_request",
        "The discount request",
        "chapter 3",
        _seller_role("discount_request"),
        _discount_request,
        _supply_values,
        _supply_breakeven,
    ),
    "vip_renewal": Kit(
        "vip_renewal",
        "The VIP renewal",
        "chapters 1 and 12",
        _seller_role("vip_renewal"),
        _vip_renewal,
        _supply_values,
        _supply_breakeven,
    ),
    "unprofitable_account": Kit(
        "unprofitable_account",
        "The unprofitable account",
        "chapters 4 and 12",
        _seller_role("unprofitable_account"),
        _unprofitable_account,
        _supply_values,
        _supply_breakeven,
    ),
    "commission_plan": Kit(
        "commission_plan",
        "The commission plan",
        "chapter 9",
        _seller_role("commission_plan"),
        _commission_plan,
        _commission_values,
        _commission_breakeven,
    ),
    "quarterly_review": Kit(
        "quarterly_review",
        "The quarterly review",
        "chapters 6 and 14",
        _seller_role("quarterly_review"),
        _quarterly_review,
        _review_values,
        _review_breakeven,
    ),
}


def kit(key: str) -> Kit:
    """The kit called ``key`` (one of ``KITS``)."""
    try:
        return KITS[key]
    except KeyError:
        raise ValueError(
            f"there is no role-play kit called {key!r}: choose one of {', '.join(KITS)}."
        ) from None


def _grid_arrays(terms: tuple[Term, ...]) -> dict[str, np.ndarray]:
    mesh = np.meshgrid(*[np.asarray(t.options, dtype=float) for t in terms], indexing="ij")
    return {t.name: m.ravel() for t, m in zip(terms, mesh)}


def scenario(key: str, seed: int = DEFAULT_SEED) -> Scenario:
    """The numbers of kit ``key`` for one cohort's ``seed``.

    The same seed always gives the same numbers; another seed, fresh ones. Targets
    and walk-aways are set so that the zone of possible agreement is never empty.

    >>> s = scenario("discount_request", seed=1)
    >>> s.title, s.term_names
    ('The discount request', ('price', 'volume', 'payment_days', 'service', 'years'))
    >>> scenario("discount_request", seed=1).params == s.params
    True
    >>> s.seller_walkaway < s.seller_target and s.buyer_walkaway < s.buyer_target
    True
    """
    k = kit(key)
    seed = check_seed(seed)
    rng = np.random.default_rng(seed)
    drawn = k.generate(rng)
    p, terms, sq = drawn["params"], drawn["terms"], drawn["status_quo"]
    now = k.values(p, **sq)
    s_now, b_now = float(now["seller_value"]), float(now["buyer_value"])
    grid = k.values(p, **_grid_arrays(terms))
    s_all, b_all = grid["seller_value"], grid["buyer_value"]
    s_scale = float(np.ptp(s_all)) or 1.0
    b_scale = float(np.ptp(b_all)) or 1.0

    if key in ("discount_request", "vip_renewal"):
        s_walk = s_now * drawn["seller_walkaway"]
        s_target = s_now * drawn["seller_target"]
        revenue = float(now["revenue"])
        b_walk = b_now + revenue * drawn["buyer_walkaway"]
        b_target = b_now + revenue * drawn["buyer_target"]
    elif key == "unprofitable_account":
        # the seller must at least break even on the account; the target is a healthy margin
        s_walk = 0.0
        s_target = float(now["revenue"]) * 0.08
        revenue = float(now["revenue"])
        b_walk = b_now + revenue * drawn["buyer_walkaway"]
        b_target = b_now + revenue * drawn["buyer_target"]
    elif key == "commission_plan":
        s_walk = s_now * drawn["seller_walkaway"]
        s_target = s_now * drawn["seller_target"]
        b_walk = p["outside_offer"]
        b_target = b_walk + (b_walk - b_now) + 0.02 * b_now
    else:  # quarterly_review: no agreement means the plan is imposed and the rep disengages
        s_walk = s_now - 0.08 * s_scale
        s_target = s_now + 0.10 * s_scale
        b_walk = b_now + 0.05 * b_scale
        b_target = b_now + 0.30 * b_scale
    # never an empty zone of agreement: if no grid deal clears both walk-aways, ease them
    for _ in range(50):
        if np.any((s_all >= s_walk) & (b_all >= b_walk)):
            break
        s_walk -= 0.02 * s_scale
        b_walk -= 0.02 * b_scale
    return Scenario(
        kit=key,
        seed=seed,
        title=k.title,
        roles=dict(k.roles),
        terms=terms,
        params=p,
        status_quo=dict(sq),
        seller_target=float(s_target),
        seller_walkaway=float(s_walk),
        buyer_target=float(b_target),
        buyer_walkaway=float(b_walk),
        brief=drawn["brief"],
    )


# --------------------------------------------------------------------------- terms and values


def check_terms(sc: Scenario, terms: Mapping[str, Any]) -> dict[str, Any]:
    """The deal's terms, complete and inside the model, or a plain-language ``ValueError``.

    >>> s = scenario("discount_request", seed=1)
    >>> check_terms(s, dict(s.status_quo, price=-5))
    Traceback (most recent call last):
    ...
    ValueError: Price per unit must be at least 0 (got -5): a price is what the customer pays per unit, so it cannot be below zero.
    """
    unknown = set(terms) - set(sc.term_names)
    if unknown:
        raise ValueError(
            f"the {sc.title} kit has no term called {sorted(unknown)[0]!r}: its terms are "
            f"{', '.join(sc.term_names)}."
        )
    missing = [t.label for t in sc.terms if t.name not in terms or terms[t.name] is None]
    if missing:
        raise ValueError(f"fill in every term of the deal: {', '.join(missing)} is missing.")
    clean = {}
    for t in sc.terms:
        v = terms[t.name]
        try:
            arr = values(v)
        except (TypeError, ValueError):
            raise ValueError(f"{t.label} must be a number (got {v!r}).") from None
        finite(t.label, arr)
        check(t.label, arr, ge=t.low, why=t.why)
        check(t.label, arr, le=t.high, why="that is beyond what this kit's numbers cover")
        if t.is_choice and np.any(arr != np.rint(arr)):
            raise ValueError(
                f"{t.label} must be one of the levels on offer: "
                + "; ".join(f"{i} = {lab}" for i, lab in enumerate(t.labels or ()))
                + "."
            )
        clean[t.name] = v
    return clean


def deal_values(sc: Scenario, **terms: Any) -> dict[str, Any]:
    """Each side's value of a deal (vectorised over the terms).

    Returns ``seller_value`` (profit plus what the seller's brief counts for a longer
    commitment), ``seller_profit``, ``revenue`` (sales the deal brings; the rep's
    expected sales in the staff kits) and ``buyer_value``, in ¥ per year (per quarter
    for the quarterly review). Scalars in, floats out.

    >>> s = scenario("discount_request", seed=1)
    >>> v = deal_values(s, **s.status_quo)
    >>> v["revenue"] == s.status_quo["price"] * s.status_quo["volume"]
    True
    """
    clean = check_terms(sc, terms)
    res = KITS[sc.kit].values(sc.params, **clean)
    return {k: out(v) for k, v in res.items()}


def margin(sc: Scenario, **terms: Any) -> Any:
    """The seller's profit as a share of the deal's revenue (a fraction).

    >>> s = scenario("discount_request", seed=1)
    >>> 0 < margin(s, **s.status_quo) < 1
    True
    """
    v = deal_values(sc, **terms)
    rev = values(v["revenue"])
    with np.errstate(divide="ignore", invalid="ignore"):
        return out(np.where(rev > 0, values(v["seller_profit"]) / rev, np.nan))


def seller_view(sc: Scenario, **terms: Any) -> dict[str, Any]:
    """What the seller's negotiation calculator shows for the terms on the table.

    ``profit``, ``margin``, ``value`` (profit plus the value of a longer commitment),
    ``revenue``; ``breakeven_volume``: the volume (sales for the staff kits) at which
    these terms still earn today's value, ``volume_for_walkaway`` the same for the
    seller's walk-away (``inf`` when the terms lose money on every unit);
    ``vs_target`` and ``vs_walkaway`` in ¥.

    >>> s = scenario("discount_request", seed=1)
    >>> v = seller_view(s, **s.status_quo)
    >>> round(v["breakeven_volume"]) == s.status_quo["volume"]
    True
    """
    clean = check_terms(sc, terms)
    k = KITS[sc.kit]
    now = k.values(sc.params, **sc.status_quo)
    res = k.values(sc.params, **clean)
    be_now = k.breakeven(sc.params, profit_to_keep=float(now["seller_value"]), **clean)
    be_walk = k.breakeven(sc.params, profit_to_keep=sc.seller_walkaway, **clean)
    rev = values(res["revenue"])
    with np.errstate(divide="ignore", invalid="ignore"):
        m = np.where(rev > 0, values(res["seller_profit"]) / rev, np.nan)
    return {
        "profit": out(res["seller_profit"]),
        "value": out(res["seller_value"]),
        "revenue": out(res["revenue"]),
        "margin": out(m),
        "unit_contribution": out(be_now["unit_contribution"]),
        "breakeven_volume": out(be_now["volume_needed"]),
        "volume_for_walkaway": out(be_walk["volume_needed"]),
        "today_value": float(now["seller_value"]),
        "vs_target": out(values(res["seller_value"]) - sc.seller_target),
        "vs_walkaway": out(values(res["seller_value"]) - sc.seller_walkaway),
    }


def buyer_view(sc: Scenario, **terms: Any) -> dict[str, Any]:
    """The buyer's value of the terms, against their target and walk-away (¥).

    >>> s = scenario("discount_request", seed=1)
    >>> buyer_view(s, **s.status_quo)["vs_walkaway"] < 0
    True
    """
    v = deal_values(sc, **terms)
    b = values(v["buyer_value"])
    return {
        "value": v["buyer_value"],
        "vs_target": out(b - sc.buyer_target),
        "vs_walkaway": out(b - sc.buyer_walkaway),
    }


# --------------------------------------------------------------------------- Pareto frontier


def pareto_mask(seller: Any, buyer: Any) -> np.ndarray:
    """True for each deal that no other deal dominates.

    Deal *j* dominates deal *i* when it is at least as good for both sides and
    strictly better for one. Vectorised: sort by seller value (then buyer value)
    descending on the distinct pairs and keep each pair whose buyer value beats every
    pair before it. Equal deals do not dominate each other.

    >>> pareto_mask([3, 2, 1, 2], [1, 2, 3, 1]).tolist()
    [True, True, True, False]
    """
    s, b = values(seller).ravel(), values(buyer).ravel()
    if s.shape != b.shape:
        raise ValueError("seller and buyer values must come in pairs of the same length.")
    finite("a deal value", s)
    finite("a deal value", b)
    if s.size == 0:
        return np.zeros(0, dtype=bool)
    pairs, inverse = np.unique(np.column_stack([s, b]), axis=0, return_inverse=True)
    order = np.lexsort((-pairs[:, 1], -pairs[:, 0]))
    sorted_b = pairs[order, 1]
    best_before = np.concatenate([[-np.inf], np.maximum.accumulate(sorted_b)[:-1]])
    keep_sorted = sorted_b > best_before
    keep = np.empty(len(pairs), dtype=bool)
    keep[order] = keep_sorted
    return keep[np.ravel(inverse)]


def grid(sc: Scenario) -> pd.DataFrame:
    """Every deal of the scenario's term grid, valued for both sides.

    Columns: one per term, ``seller_value``, ``seller_profit``, ``revenue``,
    ``buyer_value``, ``acceptable`` (both at or above their walk-away) and
    ``efficient`` (on the Pareto frontier).

    >>> g = grid(scenario("discount_request", seed=1))
    >>> bool(g["efficient"].any()) and bool(g["acceptable"].any())
    True
    """
    arrays = _grid_arrays(sc.terms)
    res = KITS[sc.kit].values(sc.params, **arrays)
    df = pd.DataFrame(arrays)
    for k in ("seller_value", "seller_profit", "revenue", "buyer_value"):
        df[k] = np.broadcast_to(res[k], len(df)).astype(float)
    df["acceptable"] = (df["seller_value"] >= sc.seller_walkaway) & (
        df["buyer_value"] >= sc.buyer_walkaway
    )
    df["efficient"] = pareto_mask(df["seller_value"].to_numpy(), df["buyer_value"].to_numpy())
    return df


def frontier(sc: Scenario, acceptable_only: bool = False) -> pd.DataFrame:
    """The Pareto frontier of the scenario: the grid deals no other deal dominates,
    sorted from best-for-the-buyer to best-for-the-seller.

    >>> f = frontier(scenario("discount_request", seed=1))
    >>> bool(f["seller_value"].is_monotonic_increasing and f["buyer_value"].is_monotonic_decreasing)
    True
    """
    g = grid(sc)
    f = g[g["efficient"] & (g["acceptable"] if acceptable_only else True)]
    return f.sort_values(["seller_value", "buyer_value"], ascending=[True, False]).reset_index(
        drop=True
    )


def frontier_gap(frontier_seller: Any, frontier_buyer: Any, seller: Any, buyer: Any) -> Any:
    """How much *both* sides could have gained: the largest amount by which some
    frontier deal beats the deal for the seller and for the buyer at once (0 when
    none does). Vectorised over the deals (``seller``, ``buyer``).

    >>> frontier_gap([10, 6], [4, 8], 5, 3)
    1.0
    >>> frontier_gap([10, 6], [4, 8], 8, 6)
    0.0
    """
    fs, fb = values(frontier_seller).ravel(), values(frontier_buyer).ravel()
    s, b = values(seller), values(buyer)
    gain = np.minimum(fs - s[..., None], fb - b[..., None])
    return out(np.maximum(gain.max(axis=-1), 0.0))


def near_tolerance(g: pd.DataFrame) -> float:
    """The ¥ amount under which a deal counts as on the frontier (``NEAR`` of the value spread)."""
    return NEAR * float(np.ptp(g["seller_value"]) + np.ptp(g["buyer_value"]))


# --------------------------------------------------------------------------- scoring


def _verdict(ds: float, db: float, eps: float) -> str:
    if abs(ds) <= eps and abs(db) <= eps:
        return "no change"
    if ds >= -eps and db >= -eps:
        return "better for both"
    if ds < -eps and db < -eps:
        return "worse for both"
    giver, taker = ("seller", "buyer") if ds < 0 else ("buyer", "seller")
    cost, gain = (-ds, db) if ds < 0 else (-db, ds)
    if abs(gain - cost) <= 0.05 * max(gain, cost):
        return f"mostly a transfer from {giver} to {taker}"
    if gain > cost:
        return f"{giver} gave, {taker} gained more: value created"
    return f"{giver} gave more than {taker} gained: value lost"


def tradeoffs(sc: Scenario, **terms: Any) -> tuple[TradeOff, ...]:
    """What each term of the deal did for each side against the status quo.

    For each term that moved: the deal's values minus the values of the same deal
    with that one term put back to the status quo (¥, seller and buyer), and a verdict
    naming who gave and who gained. A concession that costs the giver less than it
    is worth to the other side creates value.

    >>> s = scenario("discount_request", seed=1)
    >>> [t.term for t in tradeoffs(s, **dict(s.status_quo, payment_days=60))]
    ['payment_days']
    """
    clean = check_terms(sc, terms)
    k = KITS[sc.kit]
    deal = k.values(sc.params, **clean)
    eps = 1e-9 * (abs(float(deal["seller_value"])) + abs(float(deal["buyer_value"])) + 1.0)
    rows = []
    for t in sc.terms:
        was, now = float(sc.status_quo[t.name]), float(clean[t.name])
        if was == now:
            continue
        back = k.values(sc.params, **dict(clean, **{t.name: was}))
        ds = float(deal["seller_value"] - back["seller_value"])
        db = float(deal["buyer_value"] - back["buyer_value"])
        rows.append(
            TradeOff(
                t.name, t.label, t.describe(was), t.describe(now), ds, db, _verdict(ds, db, eps)
            )
        )
    return tuple(rows)


def score(sc: Scenario, grid_table: pd.DataFrame | None = None, **terms: Any) -> DealScore:
    """Score an agreed deal for both sides, against targets, walk-aways and the frontier.

    ``both_could_gain``: the most by which another deal of the grid beats this one for
    both sides at once; ``left_on_table``: the best joint gain of the grid minus this
    deal's; ``on_frontier``: ``both_could_gain`` within the ``NEAR`` tolerance.
    ``grid_table``: :func:`grid` of ``sc`` when the caller already has it (a calculator
    scoring many deals of one scenario).

    >>> s = scenario("discount_request", seed=1)
    >>> d = score(s, **s.status_quo)
    >>> d.on_frontier, d.both_could_gain > 0
    (False, True)
    >>> best = frontier(s).iloc[0]
    >>> score(s, **{t: best[t] for t in s.term_names}).on_frontier
    True
    """
    clean = check_terms(sc, terms)
    for name, v in clean.items():
        if np.ndim(v):
            raise ValueError(f"score one deal at a time: {name} holds several values.")
    k = KITS[sc.kit]
    res = k.values(sc.params, **clean)
    s_val, b_val = float(res["seller_value"]), float(res["buyer_value"])
    g = grid(sc) if grid_table is None else grid_table
    f = g[g["efficient"]]
    gap = float(frontier_gap(f["seller_value"], f["buyer_value"], s_val, b_val))
    joint = (s_val - sc.seller_walkaway) + (b_val - sc.buyer_walkaway)
    best_joint = float(
        ((g["seller_value"] - sc.seller_walkaway) + (g["buyer_value"] - sc.buyer_walkaway)).max()
    )
    rev = float(res["revenue"])
    profit = float(res["seller_profit"])
    return DealScore(
        kit=sc.kit,
        seed=sc.seed,
        terms={n: float(v) for n, v in clean.items()},
        seller_value=s_val,
        seller_profit=profit,
        revenue=rev,
        seller_margin=profit / rev if rev > 0 else float("nan"),
        seller_target=sc.seller_target,
        seller_walkaway=sc.seller_walkaway,
        buyer_value=b_val,
        buyer_target=sc.buyer_target,
        buyer_walkaway=sc.buyer_walkaway,
        joint_gain=joint,
        both_could_gain=gap,
        left_on_table=max(best_joint - joint, 0.0),
        on_frontier=gap <= near_tolerance(g),
        tradeoffs=tradeoffs(sc, **clean),
    )


def brief_facts(sc: Scenario, role: str) -> dict[str, Any]:
    """The numbers one role may see: ``role`` is "public", "seller", "buyer" or
    "facilitator" (everything, plus targets and walk-aways of both sides).

    >>> s = scenario("discount_request", seed=1)
    >>> "unit_cost" in brief_facts(s, "seller") and "unit_cost" not in brief_facts(s, "buyer")
    True
    """
    if role not in ("public", "seller", "buyer", "facilitator"):
        raise ValueError("role must be 'public', 'seller', 'buyer' or 'facilitator'.")
    names = list(sc.brief.get("public", ()))
    if role == "facilitator":
        names += list(sc.brief.get("seller", ())) + list(sc.brief.get("buyer", ()))
    elif role != "public":
        names += list(sc.brief.get(role, ()))
    facts = {n: sc.params[n] for n in names}
    if role in ("seller", "facilitator"):
        facts.update(seller_target=sc.seller_target, seller_walkaway=sc.seller_walkaway)
    if role in ("buyer", "facilitator"):
        facts.update(buyer_target=sc.buyer_target, buyer_walkaway=sc.buyer_walkaway)
    return facts


def option_values(sc: Scenario, term: str | None = None) -> pd.DataFrame:
    """What each option of each term is worth to each side against the status quo,
    everything else unchanged (¥ per the kit's period): the "how you value the terms"
    table of a brief (each side sees only its own column).

    Columns: ``term``, ``label``, ``option``, ``option_label``, ``seller_change``,
    ``buyer_change``. Vectorised per term.

    >>> s = scenario("discount_request", seed=1)
    >>> t = option_values(s, "payment_days")
    >>> float(t.loc[t["option"] == 30, "seller_change"].iloc[0])
    0.0
    >>> bool((t["buyer_change"] >= 0).all() and (t["seller_change"] <= 0).all())
    True
    """
    k = KITS[sc.kit]
    base = k.values(sc.params, **sc.status_quo)
    frames = []
    for t in sc.terms:
        if term is not None and t.name != term:
            continue
        opts = np.asarray(t.options, dtype=float)
        res = k.values(sc.params, **dict(sc.status_quo, **{t.name: opts}))
        frames.append(
            pd.DataFrame(
                {
                    "term": t.name,
                    "label": t.label,
                    "option": opts,
                    "option_label": [t.describe(o) for o in opts],
                    "seller_change": np.broadcast_to(res["seller_value"], opts.shape)
                    - float(base["seller_value"]),
                    "buyer_change": np.broadcast_to(res["buyer_value"], opts.shape)
                    - float(base["buyer_value"]),
                }
            )
        )
    if not frames:
        raise ValueError(f"the {sc.title} kit has no term called {term!r}.")
    return pd.concat(frames, ignore_index=True)


def best_deals(sc: Scenario, n: int = 3) -> pd.DataFrame:
    """``n`` frontier deals inside the zone of agreement (both above walk-away), spread
    from best-for-the-buyer to best-for-the-seller: what good looks like.

    >>> s = scenario("discount_request", seed=1)
    >>> b = best_deals(s)
    >>> len(b) == 3 and bool((b["seller_value"] >= s.seller_walkaway).all())
    True
    """
    f = frontier(sc, acceptable_only=True)
    if len(f) <= n:
        return f
    pick = np.unique(np.linspace(0, len(f) - 1, n).round().astype(int))
    return f.iloc[pick].reset_index(drop=True)
