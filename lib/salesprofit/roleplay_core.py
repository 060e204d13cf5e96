"""Role-play building blocks: a term, a scenario, a kit, a deal's score, the seed check."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import numpy as np

__all__ = ["DEFAULT_SEED", "NEAR", "DealScore", "Kit", "Scenario", "Term", "TradeOff", "check_seed"]


DEFAULT_SEED = 2026
#: Relative tolerance for "on the frontier": a deal is *near* the frontier when no other
#: deal of the grid makes both sides better off by more than this share of the spread of
#: values (half a percent of the seller's plus the buyer's value range).
NEAR = 0.005


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
            return self.labels[round(float(value))]
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
    def best_joint_gain(self) -> float:
        """Value the best deal of the case creates together: this deal's plus what it left."""
        return self.joint_gain + self.left_on_table

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
