"""Synth: the seeded generator of the sample company, Huaxin Industrial Supply.

Huaxin Industrial Supply (华信工业用品) is a fictional Chinese B2B distributor of
industrial (MRO) supplies: fasteners, bearings, power and hand tools, hydraulics,
electrical parts, safety gear, welding supplies, lubricants and cutting tools. This
module invents two full years of its history (2024-01-01 to 2025-12-31) and writes
one CSV per table, the data dictionary ``README.md`` and ``ground_truth.json``::

    python -m salesprofit.synth --out datasets/ [--seed 2024]

The package is split by table: :mod:`~salesprofit.synth.settings` (the period and the
planted truths), :mod:`~salesprofit.synth.names` and :mod:`~salesprofit.synth.catalogue`
(Huaxin's world), one module per group of tables (``reps``, ``customers``, ``products``,
``orders``, ``opportunities``, ``activities``, ``service``, ``marketing``,
``operations``, ``experiment``, ``observed``), each a step of the generator;
:mod:`~salesprofit.synth.generator` runs the steps in their fixed order and
:mod:`~salesprofit.synth.writer` writes the files.

The history is built to be realistic rather than uniform noise: lognormal list prices
and a Pareto-like spread of customer sizes, category margins, discounts that cluster
at round numbers and grow with the account, Chinese New Year and holiday dips,
customers who churn, reps who behave differently. It also *plants* known truths
(price elasticity by segment, retention by tier, stage conversion rates, campaign
response rates, unprofitable customers, over-discounting reps, duplicates ...) and
records them in ``ground_truth.json`` so that a notebook can show that an analysis
recovers what is really there.

One ``numpy.random.default_rng(seed)`` drives every draw, in a fixed order, so the
same seed always gives byte-identical files. Columns, their order, types and the data
dictionary come from :data:`salesprofit.data.TABLES`, the same structure that
:func:`salesprofit.data.load` validates against.
"""

from __future__ import annotations

from ._helpers import Company
from .catalogue import *  # noqa: F403  (the catalogue's names stay importable from synth)
from .generator import generate
from .names import *  # noqa: F403
from .observed import COST_TO_SERVE_DEFINITION, customer_profit
from .settings import *  # noqa: F403
from .settings import DEFAULT_SEED
from .writer import TRUTH_NOTES, main, readme, write

__all__ = [
    "COST_TO_SERVE_DEFINITION",
    "DEFAULT_SEED",
    "TRUTH_NOTES",
    "Company",
    "customer_profit",
    "generate",
    "main",
    "readme",
    "write",
]
