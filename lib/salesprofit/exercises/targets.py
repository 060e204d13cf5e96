"""Chapter 14 exercises (targets): seasonal decomposition and quota allocation."""

from __future__ import annotations

from .. import targets
from ..fmt import money, pct
from ..teach import Exercise, Mistake

__all__ = ["monthly_target", "quota_by_potential"]

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def monthly_target(total: float, index, month: int) -> Exercise:
    """One month's target from the annual target and a seasonality index (lab 14.1)."""
    parts = targets.decompose_target(total, index)
    answer = float(parts[month])
    idx = {int(k): float(v) for k, v in dict(index).items()}
    s = sum(idx.values())
    mistakes = [
        Mistake(
            total / 12,
            "That splits the year evenly: every month gets 1/12. The seasonality index says "
            f"{MONTHS[month - 1]} is not an average month.",
        ),
        Mistake(
            total * idx[month],
            "You multiplied the annual total by the index. The index is relative to an "
            "average month: multiply the average month (total ÷ 12) by it, or divide "
            "by the sum of the indices.",
        ),
        Mistake(
            total / 12 / idx[month],
            "You divided by the index: a weak month (index below 1) must get a "
            "smaller target, not a bigger one.",
        ),
    ]
    solution = (
        f"<p>{MONTHS[month - 1]}'s share = its index ÷ sum of the indices = {idx[month]:.4f} ÷ {s:.4f} = "
        f"{pct(idx[month] / s, 2)}.</p><p>Target = {money(total, 0)} × {pct(idx[month] / s, 2)} = "
        f"{money(answer, 0)}.</p>"
    )
    return Exercise(
        "14-1",
        f"The annual target is {money(total, 0)}. The seasonality index of "
        f"{MONTHS[month - 1]} is {idx[month]:.4f} (the twelve indices add up to {s:.4f}). "
        f"What is {MONTHS[month - 1]}'s target (¥)?",
        answer,
        "money",
        mistakes,
        solution,
        tolerance=max(1.0, abs(answer) * 0.001),
    )


def quota_by_potential(total: float, potential: dict, rep: str) -> Exercise:
    """A rep's quota when the team target is split by territory potential (lab 14.2)."""
    alloc = targets.allocate_quota(total, __import__("pandas").Series(potential, dtype=float))
    answer = float(alloc.loc[rep, "quota"])
    n = len(potential)
    mistakes = [
        Mistake(
            total / n,
            "That is an equal split. Territories differ: the quota follows each one's share of "
            "the potential.",
        ),
        Mistake(
            potential[rep],
            "That is the territory's whole potential, not the share of the team target.",
        ),
        Mistake(
            total * potential[rep] / max(potential.values()),
            "You divided by the largest territory's potential; divide by the sum of all of them.",
        ),
    ]
    total_pot = sum(potential.values())
    solution = (
        f"<p>{rep}'s share of potential = {money(potential[rep], 0)} ÷ {money(total_pot, 0)} = "
        f"{pct(potential[rep] / total_pot, 2)}.</p><p>Quota = {money(total, 0)} × "
        f"{pct(potential[rep] / total_pot, 2)} = {money(answer, 0)}.</p>"
    )
    listing = ", ".join(f"{k} {money(v, 0)}" for k, v in potential.items())
    return Exercise(
        "14-2",
        f"A team target of {money(total, 0)} is split by territory potential. The customers' "
        f"potential is: {listing}. What is {rep}'s quota (¥)?",
        answer,
        "money",
        mistakes,
        solution,
        tolerance=max(1.0, abs(answer) * 0.001),
    )
