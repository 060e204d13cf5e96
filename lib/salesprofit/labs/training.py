"""What chapter 13's training labs show: the workshop's fully loaded costs (lab 13.1), the
ramp-up calculator and lab 13.2's money view of the fitted ramp-up, the drill scorecard.

Pure functions over Huaxin's tables (or numbers) built on the textbook models of
:mod:`salesprofit.training` (Phillips ROI, the saturating ramp-up curve, the weighted
drill score); notebooks and calculators call these and render. Money is in the data's
currency, fractions are fractions, nothing is rounded.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from typing import NamedTuple

import pandas as pd

from .._checks import check
from ..training import (
    DRILL_CRITERIA,
    DRILL_LABELS,
    DrillScore,
    RampFit,
    drill_score,
    ramp_cost,
    ramp_curve,
    ramp_summary,
)

__all__ = [
    "MONTH_NAMES",
    "RAMP_TABLE_MONTHS",
    "DrillSheet",
    "RampCase",
    "WorkshopCosts",
    "drill_session",
    "drill_sheet",
    "new_rep_table",
    "normalised_weights",
    "ramp_case",
    "ramp_view",
    "workshop_costs",
]


class WorkshopCosts(NamedTuple):
    """Fully loaded costs of a workshop for every rep (money in the data's currency)."""

    participants: int
    budget: float  # the year's training budget from the expenses ledger (trainer, design, venue)
    day_rate: float  # mean base salary / working days a year
    cost_per_participant: float  # days away x day rate + travel
    participant_costs: float  # participants x cost per participant
    salary_away: float  # days away x day rate, one rep
    days: float  # days away from customers
    travel: float  # travel and hotel per participant


def workshop_costs(
    reps: pd.DataFrame,
    expenses: pd.DataFrame,
    year: int,
    days: float = 2.0,
    travel: float = 1_500.0,
    working_days: float = 250.0,
) -> WorkshopCosts:
    """What a ``days``-long workshop for every rep costs, Phillips' fully loaded way.

    The budget is the ``training`` expenses of ``year``; each rep costs ``days`` of
    salary (base salary / ``working_days``) plus ``travel``.

    >>> r = pd.DataFrame({"base_salary": [250_000.0, 150_000.0]})
    >>> e = pd.DataFrame({"month": pd.to_datetime(["2025-01-01"]), "category": ["training"], "amount": [9_000.0]})
    >>> w = workshop_costs(r, e, 2025)
    >>> w.day_rate, w.cost_per_participant, w.participant_costs
    (800.0, 3100.0, 6200.0)
    """
    check("The days away", days, ge=0)
    check("The travel cost", travel, ge=0)
    check("The working days a year", working_days, gt=0)
    if reps.empty:
        raise ValueError("There are no reps to train.")
    budget = float(
        expenses.loc[
            (expenses["category"] == "training") & (expenses["month"].dt.year == year), "amount"
        ].sum()
    )
    day_rate = float(reps["base_salary"].mean()) / working_days
    per = days * day_rate + travel
    return WorkshopCosts(
        len(reps),
        budget,
        day_rate,
        per,
        len(reps) * per,
        days * day_rate,
        float(days),
        float(travel),
    )


#: Month names, January first (the hire month and the month a rep reaches the level).
MONTH_NAMES = tuple(calendar.month_name[1:])


#: Months since hire at which the ramp-up table shows productivity.
RAMP_TABLE_MONTHS = (1, 3, 6, 9, 12, 18)


def ramp_view(
    tau: float, start: float, full: float, peer_value: float, hire_month: int, level: float = 0.9
) -> dict:
    """:func:`salesprofit.training.ramp_summary` for a rep settling at ``full`` x ``peer_value`` a month, plus
    what the calculator shows: ``full_value`` (money a month), ``hire_month_name``,
    ``level_month_name`` and ``table`` (productivity at :data:`RAMP_TABLE_MONTHS`).

    >>> v = ramp_view(4.0, 0.0, 1.0, 100_000, 3)
    >>> v["level_month_name"], v["full_value"], round(float(v["table"]["productivity"].iloc[0]), 3)
    ('December', 100000.0, 0.221)
    """
    check("The full level", full, gt=0)
    check("A peer's gross profit a month", peer_value, ge=0)
    s = ramp_summary(full * peer_value, tau, start, level, hire_month)
    months = pd.Series(RAMP_TABLE_MONTHS, dtype=float)
    s["full_value"] = float(full * peer_value)
    s["hire_month_name"] = MONTH_NAMES[int(hire_month) - 1]
    s["level_month_name"] = MONTH_NAMES[s["level_month"] - 1]
    s["table"] = pd.DataFrame(
        {
            "months since hire": list(RAMP_TABLE_MONTHS),
            "productivity": ramp_curve(months, full, tau, start),
        }
    )
    return s


class RampCase(NamedTuple):
    """Lab 13.2's money view of the fitted ramp-up (gross profit, data's currency)."""

    peer_month: float  # mean gross profit a month of the tenured peers
    cost: float  # profit not earned while a new rep ramps up (ramp_cost at the fitted tau)
    one_month_faster: float  # what cutting tau by one month saves per hire
    at_three_months: float  # productivity after three months on the fitted curve (fraction)


def ramp_case(ramp: pd.DataFrame, fit: RampFit) -> RampCase:
    """The cost of the ramp-up for :func:`salesprofit.training.ramp_data` and its
    :func:`salesprofit.training.fit_ramp`."""
    peer = float(ramp["peer_value"].mean())
    cost = float(ramp_cost(peer, fit.tau))
    faster = cost - float(ramp_cost(peer, max(fit.tau - 1, 1e-9)))
    return RampCase(peer, cost, faster, float(ramp_curve(3.0, 1.0, fit.tau)))


def new_rep_table(ramp: pd.DataFrame, fit: RampFit, reps: pd.DataFrame) -> pd.DataFrame:
    """One row per new rep of the fit: ``rep``, ``name``, ``hired``, ``months observed``
    and ``full level vs peers`` (a fraction)."""
    ids = list(fit.full_by_rep)
    hires = reps.set_index("rep_id").loc[ids]
    return pd.DataFrame(
        {
            "rep": ids,
            "name": hires["name"].tolist(),
            "hired": hires["hire_date"].dt.strftime("%Y-%m-%d").tolist(),
            "months observed": ramp.groupby("rep_id").size().reindex(ids).tolist(),
            "full level vs peers": list(fit.full_by_rep.values()),
        }
    )


def normalised_weights(weights: Mapping[str, float] | None = None) -> dict[str, float]:
    """Criterion weights as shares that add up to 1 (default :data:`salesprofit.training.DRILL_CRITERIA`).

    >>> normalised_weights({"a": 1.0, "b": 3.0})
    {'a': 0.25, 'b': 0.75}
    """
    w = dict(DRILL_CRITERIA if weights is None else weights)
    total = float(sum(w.values()))
    if not total > 0:
        raise ValueError("At least one criterion needs a weight above zero.")
    return {k: float(v) / total for k, v in w.items()}


class DrillSheet(NamedTuple):
    """One scored drill as the scorecard shows it: the :class:`salesprofit.training.DrillScore`, whether all
    scores are equal, and ``table`` (``criterion`` label, ``weight`` share, ``score``,
    ``points`` added to the total)."""

    score: DrillScore
    all_equal: bool
    table: pd.DataFrame


def drill_sheet(
    scores: Mapping[str, float], weights: Mapping[str, float] | None = None
) -> DrillSheet:
    """:func:`salesprofit.training.drill_score` with the table of criteria the scorecard shows."""
    w = normalised_weights(weights)
    r = drill_score(dict(scores), dict(DRILL_CRITERIA if weights is None else weights))
    table = pd.DataFrame(
        {
            "criterion": [DRILL_LABELS.get(k, k) for k in w],
            "weight": list(w.values()),
            "score": [scores[k] for k in w],
            "points": [r.contributions[k] for k in w],
        }
    )
    return DrillSheet(r, len({scores[k] for k in w}) == 1, table)


def drill_session(
    session: pd.DataFrame, weights: Mapping[str, float] | None = None
) -> pd.DataFrame:
    """Score a session: one row per participant (criteria as columns, scores 1-5).

    Adds ``total`` (fraction), ``level`` and ``practise next`` (the weakest criterion's label).
    """
    rows = [drill_score(r.to_dict(), weights) for _, r in session.iterrows()]
    out = session.copy()
    out["total"] = [r.total for r in rows]
    out["level"] = [r.level for r in rows]
    out["practise next"] = [DRILL_LABELS.get(r.weakest, r.weakest) for r in rows]
    return out
