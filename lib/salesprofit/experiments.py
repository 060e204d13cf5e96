"""Experiments and innovation: A/B tests and new-product break-even (chapter 11, 持续改进和创新).

The models:

* the pooled two-proportion z-test and the Wald confidence interval for the
  difference of two proportions: Agresti, *Categorical Data Analysis*, 3rd ed.
  (Wiley 2013), sec. 1.4 and 3.1; Fleiss, Levin & Paik, *Statistical Methods for
  Rates and Proportions*, 3rd ed. (Wiley 2003), sec. 2.2 and 3.2. The test is
  computed by statsmodels (``proportions_ztest``), the interval by statsmodels
  (``confint_proportions_2indep``, ``method="wald"``), the normal quantiles by scipy;
* the sample size per group for comparing two proportions, the classic normal
  approximation with the pooled variance under the null hypothesis and the
  unpooled variance under the alternative, Fleiss, Levin & Paik (2003), eq. 4.14
  (without continuity correction) and eq. 4.15 (with the Fleiss, Tytun & Ury
  continuity correction, the values of their Table A.4);
* the "peeking" problem, repeated significance tests on accumulating data:
  Armitage, McPherson & Rowe, "Repeated significance tests on accumulating data",
  *JRSS A* 132 (1969); a seeded simulation shows it;
* the plan-do-check-act loop: Deming, *Out of the Crisis* (MIT 1986), ch. 3;
* new-product break-even with cannibalisation: Kotler & Keller, *Marketing
  Management*, 15th ed., ch. 20 (business analysis of a new product); Kotler &
  Armstrong, *Principles of Marketing*, appendix "Marketing by the Numbers"
  (cannibalisation in the break-even of a new product).

Conventions: fractions are fractions; money in the data's currency; nothing is
rounded here (a sample size is returned unrounded: round it up to plan).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from . import _checks as C

__all__ = [
    "LaunchCase",
    "LaunchOutcome",
    "NewProductBreakeven",
    "PeekingResult",
    "SampleSizePlan",
    "ZTest",
    "cannibalisation_rates",
    "cumulative_results",
    "launch_case",
    "launch_outcome",
    "new_product_breakeven",
    "peeking_simulation",
    "power_two_proportions",
    "proportion_ci",
    "sample_size_plan",
    "sample_size_two_proportions",
    "switch_share",
    "two_proportion_ztest",
]

# ---------------------------------------------------------------------------
# The two-proportion test


class ZTest(NamedTuple):
    """Result of :func:`two_proportion_ztest`.

    ``z`` (positive when A converts better), ``p_value`` (two-sided), ``diff``
    (rate A - rate B), ``ci_low``/``ci_high`` (confidence interval of ``diff``),
    ``rate_a``, ``rate_b`` and ``confidence``.
    """

    z: float
    p_value: float
    diff: float
    ci_low: float
    ci_high: float
    rate_a: float
    rate_b: float
    confidence: float


def two_proportion_ztest(
    successes_a: Any, n_a: Any, successes_b: Any, n_b: Any, confidence: float = 0.95
) -> ZTest:
    """Pooled two-sided z-test of two conversion rates and a Wald interval for their
    difference.

    ``z = (p_a - p_b) / sqrt(p (1 - p) (1/n_a + 1/n_b))`` with the pooled rate
    ``p = (successes_a + successes_b) / (n_a + n_b)``. The interval is
    ``diff +/- z_(1-alpha/2) x sqrt(p_a q_a / n_a + p_b q_b / n_b)`` (unpooled).

    Parameters
    ----------
    successes_a, n_a : int
        Conversions in group A and the customers in it (at least one).
    successes_b, n_b : int
        Conversions in group B and the customers in it (at least one).
    confidence : float, default 0.95
        Confidence level of the interval, a fraction.

    Returns
    -------
    ZTest
        Frozen dataclass with ``z`` (positive when A converts better), ``p_value``
        (two-sided), ``diff`` (``rate_a - rate_b``), ``ci_low`` and ``ci_high`` (the
        interval of the difference), ``rate_a``, ``rate_b`` and ``confidence``; rates and
        differences are fractions.

    Raises
    ------
    ValueError
        If a count is negative, a group is empty or has more conversions than customers,
        or both groups all converted or none did (nothing to test).

    References
    ----------
    Agresti, A., *Categorical Data Analysis*: the Physicians' Health Study, heart attacks
    189 of 11,034 on placebo and 104 of 11,037 on aspirin; difference 0.0077, 95 % interval
    (0.005, 0.011).

    Examples
    --------
    >>> t = two_proportion_ztest(189, 11034, 104, 11037)
    >>> round(t.diff, 4), round(t.ci_low, 3), round(t.ci_high, 3), round(t.z ** 2, 1)
    (0.0077, 0.005, 0.011, 25.0)
    """
    from statsmodels.stats.proportion import confint_proportions_2indep, proportions_ztest

    for name, x in (("conversions in A", successes_a), ("conversions in B", successes_b)):
        C.check(name, x, ge=0)
    for name, x in (("customers in A", n_a), ("customers in B", n_b)):
        C.check(name, x, gt=0, why="each group needs at least one customer")
    C.check("confidence", confidence, gt=0, lt=1, why="a confidence level such as 0.95")
    sa, na, sb, nb = (float(C.values(v)) for v in (successes_a, n_a, successes_b, n_b))
    if sa > na or sb > nb:
        raise ValueError("A group cannot have more conversions than customers.")
    if sa + sb == 0 or sa + sb == na + nb:
        raise ValueError("Both groups all converted or none did: there is no variation to test.")
    z, p = proportions_ztest([sa, sb], [na, nb], value=0, alternative="two-sided")
    low, high = confint_proportions_2indep(
        sa, na, sb, nb, method="wald", compare="diff", alpha=1 - confidence
    )
    return ZTest(
        float(z),
        float(p),
        sa / na - sb / nb,
        float(low),
        float(high),
        sa / na,
        sb / nb,
        float(confidence),
    )


def proportion_ci(successes: Any, n: Any, confidence: float = 0.95) -> tuple[float, float]:
    """Wilson score interval of one conversion rate (statsmodels ``proportion_confint``).

    Agresti & Coull (1998) recommend it over the Wald interval for small samples.

    With no conversion in 10 quotes the upper limit is z^2 / (n + z^2):

    >>> lo, hi = proportion_ci(0, 10)
    >>> round(lo, 6), round(hi, 4)
    (0.0, 0.2775)
    """
    from statsmodels.stats.proportion import proportion_confint

    C.check("conversions", successes, ge=0)
    C.check("customers", n, gt=0)
    if float(C.values(successes)) > float(C.values(n)):
        raise ValueError("There cannot be more conversions than customers.")
    C.check("confidence", confidence, gt=0, lt=1)
    lo, hi = proportion_confint(
        float(C.values(successes)), float(C.values(n)), alpha=1 - confidence, method="wilson"
    )
    return float(lo), float(hi)


# ---------------------------------------------------------------------------
# Sample size


def sample_size_two_proportions(
    p_base: Any,
    p_target: Any,
    alpha: float = 0.05,
    power: float = 0.8,
    continuity_correction: bool = False,
) -> Any:
    """Customers needed in each group to detect a change from ``p_base`` to ``p_target``.

    Two-sided test at level ``alpha`` with the given ``power``::

        n = [z_(1-alpha/2) sqrt(2 p q) + z_power sqrt(p1 q1 + p2 q2)]^2 / (p1 - p2)^2

    where ``p = (p1 + p2) / 2`` (pooled under the null) and ``q = 1 - p``. With
    ``continuity_correction`` the Fleiss-Tytun-Ury correction
    ``n / 4 x (1 + sqrt(1 + 4 / (n |p1 - p2|)))^2``.

    Parameters
    ----------
    p_base : float or array-like
        The conversion rate today, a fraction strictly between 0 and 1.
    p_target : float or array-like
        The smallest rate worth detecting, a fraction; different from ``p_base``.
    alpha : float, default 0.05
        Significance level (the false-alarm rate), a fraction.
    power : float, default 0.8
        Chance of detecting a true change of that size, a fraction.
    continuity_correction : bool, default False
        Apply the Fleiss-Tytun-Ury correction (the values of Fleiss's Table A.4).

    Returns
    -------
    float or array-like
        Customers per group, unrounded: round up to plan. Arrays keep their shape and
        Series their index.

    Raises
    ------
    ValueError
        If a rate, ``alpha`` or ``power`` is not a fraction strictly between 0 and 1, or the
        two rates are equal.

    References
    ----------
    Fleiss, J. L., Levin, B. and Paik, M. C. (2003), *Statistical Methods for Rates and
    Proportions*, 3rd ed., eq. 4.14 and 4.15, Table A.4: 5 % against 10 % at alpha 0.05
    and power 0.80 needs 474 per group with the correction (435 without).

    Examples
    --------
    >>> import math
    >>> math.ceil(sample_size_two_proportions(0.05, 0.10, continuity_correction=True))
    474
    >>> math.ceil(sample_size_two_proportions(0.05, 0.10))
    435
    """
    from scipy.stats import norm

    p1, p2, d = _planned_rates(p_base, p_target, alpha, power)
    pbar = (p1 + p2) / 2
    za, zb = norm.ppf(1 - alpha / 2), norm.ppf(power)
    n = (
        za * np.sqrt(2 * pbar * (1 - pbar)) + zb * np.sqrt(p1 * (1 - p1) + p2 * (1 - p2))
    ) ** 2 / d**2
    if continuity_correction:
        n = n / 4 * (1 + np.sqrt(1 + 4 / (n * d))) ** 2
    if isinstance(p_base, pd.Series):
        return pd.Series(n, index=p_base.index)
    if isinstance(p_target, pd.Series):
        return pd.Series(n, index=p_target.index)
    return C.out(n)


def _planned_rates(p_base: Any, p_target: Any, alpha: float, power: float) -> tuple:
    """The checked rates of a sample-size plan as arrays and their gap ``|p1 - p2|``."""
    C.check("base rate", p_base, gt=0, lt=1, why="a conversion rate is between 0 and 100 %")
    C.check("target rate", p_target, gt=0, lt=1, why="a conversion rate is between 0 and 100 %")
    C.check(
        "alpha", alpha, gt=0, lt=1, why="the significance level is a small fraction such as 0.05"
    )
    C.check("power", power, gt=0, lt=1, why="power is a fraction such as 0.8")
    p1, p2 = C.values(p_base), C.values(p_target)
    d = np.abs(p1 - p2)
    if (d == 0).any():
        raise ValueError(
            "The target rate equals the base rate: no sample is large enough to detect "
            "no difference. Choose the smallest change worth detecting."
        )
    return p1, p2, d


def power_two_proportions(
    p_base: float, p_target: float, n_per_group: float, alpha: float = 0.05
) -> float:
    """Power of the two-sided test with ``n_per_group`` customers per group (the inverse of
    :func:`sample_size_two_proportions` without correction).

    >>> round(power_two_proportions(0.05, 0.10, sample_size_two_proportions(0.05, 0.10)), 6)
    0.8
    """
    from scipy.stats import norm

    C.check("customers per group", n_per_group, gt=0)
    C.check("base rate", p_base, gt=0, lt=1)
    C.check("target rate", p_target, gt=0, lt=1)
    p1, p2 = float(p_base), float(p_target)
    pbar = (p1 + p2) / 2
    za = norm.ppf(1 - alpha / 2)
    zb = (abs(p1 - p2) * np.sqrt(n_per_group) - za * np.sqrt(2 * pbar * (1 - pbar))) / np.sqrt(
        p1 * (1 - p1) + p2 * (1 - p2)
    )
    return float(norm.cdf(zb))


# ---------------------------------------------------------------------------
# The peeking trap


@dataclass(frozen=True)
class PeekingResult:
    """Share of simulated A/A tests (no real difference) declared significant.

    ``false_positive_fixed``: looking once, at the planned end; ``false_positive_peeking``:
    stopping at the first of ``looks`` interim looks with p below ``alpha``;
    ``by_look`` the cumulative share stopped by each look; ``simulations``.
    """

    false_positive_fixed: float
    false_positive_peeking: float
    by_look: np.ndarray
    looks: int
    simulations: int


def peeking_simulation(
    rate: float,
    n_per_group: int,
    looks: int,
    alpha: float = 0.05,
    simulations: int = 2000,
    seed: int = 11,
) -> PeekingResult:
    """Simulate A/A tests (both groups convert at ``rate``) checked at ``looks`` equally spaced
    interim looks; seeded, so the same inputs give the same answer.

    >>> r = peeking_simulation(0.2, 1000, looks=10, simulations=4000)
    >>> r.false_positive_fixed < 0.07 < r.false_positive_peeking
    True
    """
    from scipy.stats import norm

    C.check("conversion rate", rate, gt=0, lt=1)
    C.check("customers per group", n_per_group, ge=2)
    C.check("number of looks", looks, ge=1)
    C.check("simulations", simulations, ge=1)
    looks, n = int(looks), int(n_per_group)
    rng = np.random.default_rng(seed)
    cuts = np.unique(np.ceil(np.arange(1, looks + 1) * n / looks).astype(int))
    sizes = np.diff(np.r_[0, cuts])
    a = np.cumsum(rng.binomial(sizes, rate, size=(simulations, len(sizes))), axis=1)
    b = np.cumsum(rng.binomial(sizes, rate, size=(simulations, len(sizes))), axis=1)
    m = cuts.astype(float)
    pooled = (a + b) / (2 * m)
    se = np.sqrt(pooled * (1 - pooled) * 2 / m)
    with np.errstate(divide="ignore", invalid="ignore"):
        z = np.where(se > 0, (a - b) / m / se, 0.0)
    hit = np.abs(z) > norm.ppf(1 - alpha / 2)
    first = np.cumsum(hit, axis=1) > 0
    return PeekingResult(
        float(hit[:, -1].mean()),
        float(first[:, -1].mean()),
        first.mean(axis=0),
        len(sizes),
        int(simulations),
    )


# ---------------------------------------------------------------------------
# New-product break-even with cannibalisation


@dataclass(frozen=True)
class NewProductBreakeven:
    """Break-even of a new product that takes part of its sales from an old one.

    ``unit_contribution`` (new price - new unit cost), ``lost_contribution`` per new
    unit (cannibalisation x old unit contribution), ``net_contribution`` per new
    unit, ``breakeven_units`` (fixed costs / net contribution) and
    ``breakeven_units_ignoring_cannibalisation``.
    """

    unit_contribution: float
    lost_contribution: float
    net_contribution: float
    breakeven_units: float
    breakeven_units_ignoring_cannibalisation: float


def new_product_breakeven(
    price: float,
    unit_cost: float,
    fixed_costs: float,
    cannibalisation: float,
    old_price: float = 0.0,
    old_unit_cost: float = 0.0,
) -> NewProductBreakeven:
    """Units of a new product needed to pay its fixed launch costs, net of cannibalisation.

    ``cannibalisation`` is the old product's units lost per new unit sold (0: all
    new business; 1: every sale is a switch; above 1: the old product loses more
    than the new one sells, so the pair shrinks and the launch takes more margin
    than it adds unless the new unit earns more than the old ones it displaces).
    Each new unit earns ``price - unit_cost`` and loses
    ``cannibalisation x (old_price - old_unit_cost)``; break-even units are
    ``fixed_costs / net``.

    A new model at ¥120 costing ¥70 (¥50 a unit), replacing an old one earning
    ¥40 a unit, with 60 % of its sales switched from the old one: each unit nets
    50 - 0.6 x 40 = ¥26, so ¥260,000 of launch costs need 10,000 units (5,200
    if cannibalisation were ignored):

    >>> b = new_product_breakeven(120.0, 70.0, 260_000.0, 0.6, 100.0, 60.0)
    >>> round(b.net_contribution, 6), round(b.breakeven_units, 6)
    (26.0, 10000.0)
    """
    C.check("price", price, gt=0)
    C.check("unit cost", unit_cost, ge=0)
    C.check("fixed costs", fixed_costs, ge=0)
    C.check(
        "cannibalisation",
        cannibalisation,
        ge=0,
        why="it is the old product's sales lost per new sale (0.6 for 60 %)",
    )
    C.check("old price", old_price, ge=0)
    C.check("old unit cost", old_unit_cost, ge=0)
    unit = float(price) - float(unit_cost)
    lost = float(cannibalisation) * (float(old_price) - float(old_unit_cost))
    net = unit - lost
    if net <= 0:
        raise ValueError(
            "Each new unit earns less than the old sales it replaces, so no volume breaks even: "
            "raise the new product's price or margin, or win more sales that are really new."
        )
    plain = fixed_costs / unit if unit > 0 else float("inf")
    return NewProductBreakeven(unit, lost, net, float(fixed_costs) / net, float(plain))


def switch_share(
    order_lines: pd.DataFrame, orders: pd.DataFrame, products: pd.DataFrame, measure: str = "lines"
) -> pd.DataFrame:
    """How much of an old product's business its replacement took after launch.

    For every product with a ``replaces_product_id``: after its ``launch_date``,
    the new product's share of the pair's order lines (``measure="lines"``) or
    units (``"units"``). Columns: ``old_product``, ``launch_date``, ``new``,
    ``old``, ``switch_share``; the attribute ``total`` (in ``.attrs``) is the
    pooled share over all pairs.
    """
    if measure not in {"lines", "units"}:
        raise ValueError("measure is 'lines' or 'units'.")
    pairs = products.loc[
        products["replaces_product_id"].notna(),
        ["product_id", "replaces_product_id", "launch_date"],
    ]
    lines = order_lines.merge(orders[["order_id", "order_date"]], on="order_id")
    w = lines["quantity"] if measure == "units" else pd.Series(1, index=lines.index)
    lines = lines.assign(w=w)
    rows = []
    for new, old, launch in pairs.itertuples(index=False):
        after = lines["order_date"] >= launch
        n_new = float(lines.loc[after & (lines["product_id"] == new), "w"].sum())
        n_old = float(lines.loc[after & (lines["product_id"] == old), "w"].sum())
        rows.append((new, old, launch, n_new, n_old))
    out = pd.DataFrame(rows, columns=["product_id", "old_product", "launch_date", "new", "old"])
    out = out.set_index("product_id")
    out["switch_share"] = out["new"] / (out["new"] + out["old"]).where(lambda s: s > 0)
    out.attrs["total"] = float(out["new"].sum() / (out["new"].sum() + out["old"].sum()))
    return out


def cumulative_results(
    look: Any, group: Any, outcome: Any, a: str = "A", b: str = "B", confidence: float = 0.95
) -> pd.DataFrame:
    """The A/B test as it looked at each interim look (week, day ...), on all data so far.

    ``look``, ``group`` and ``outcome`` (0/1) are one value per customer or quote.
    One row per look in sorted order: ``n_a``, ``conversions_a``, ``n_b``,
    ``conversions_b`` (cumulative), and the :func:`two_proportion_ztest` fields
    ``rate_a``, ``rate_b``, ``diff``, ``ci_low``, ``ci_high``, ``z``, ``p_value``.

    >>> r = cumulative_results([1, 1, 1, 1, 2, 2, 2, 2], list("ABAB" * 2), [1, 0, 1, 1, 1, 0, 0, 0])
    >>> r["n_a"].tolist(), r["conversions_a"].tolist()
    ([2, 4], [2, 3])
    """
    df = pd.DataFrame(
        {
            "look": np.asarray(look),
            "group": np.asarray(group),
            "y": np.asarray(outcome, dtype=float),
        }
    )
    if not set(df["group"]).issubset({a, b}):
        raise ValueError(f"Every row must be in group {a} or {b}.")
    counts = df.pivot_table(
        index="look", columns="group", values="y", aggfunc=["size", "sum"], fill_value=0
    )
    counts = counts.reindex(
        columns=pd.MultiIndex.from_product([["size", "sum"], [a, b]]), fill_value=0
    ).cumsum()
    rows = []
    for lk, r in counts.iterrows():
        na, nb = int(r[("size", a)]), int(r[("size", b)])
        sa, sb = int(r[("sum", a)]), int(r[("sum", b)])
        row = {"look": lk, "n_a": na, "conversions_a": sa, "n_b": nb, "conversions_b": sb}
        if na > 0 and nb > 0 and 0 < sa + sb < na + nb:
            t = two_proportion_ztest(sa, na, sb, nb, confidence)
            row.update(
                {
                    k: getattr(t, k)
                    for k in ("rate_a", "rate_b", "diff", "ci_low", "ci_high", "z", "p_value")
                }
            )
        rows.append(row)
    return pd.DataFrame(rows).set_index("look")


def cannibalisation_rates(
    order_lines: pd.DataFrame, orders: pd.DataFrame, products: pd.DataFrame, measure: str = "units"
) -> pd.DataFrame:
    """How much of each new product's sales came from the product it replaces.

    For every product with a ``replaces_product_id``: the old product's sales per day
    before the launch (from the first order in the data) and after it, and the new
    product's sales per day after it. ``cannibalisation = (old before - old after) /
    new after``: 1 means every new sale is a switch, 0 that all of it is new business
    (Kotler & Keller, *Marketing Management*, ch. 20). ``measure`` is ``"units"`` or
    ``"lines"``. Columns: ``old_product``, ``launch_date``, ``old_before``,
    ``old_after``, ``new_after`` (per day), ``cannibalisation``; ``.attrs["total"]``
    pools all pairs (lost old sales over new sales).
    """
    if measure not in {"lines", "units"}:
        raise ValueError("measure is 'lines' or 'units'.")
    pairs = products.loc[
        products["replaces_product_id"].notna(),
        ["product_id", "replaces_product_id", "launch_date"],
    ]
    lines = order_lines.merge(orders[["order_id", "order_date"]], on="order_id")
    first, last = lines["order_date"].min(), lines["order_date"].max()
    w = lines["quantity"].astype(float) if measure == "units" else pd.Series(1.0, index=lines.index)
    lines = lines.assign(w=w)
    rows = []
    for new, old, launch in pairs.itertuples(index=False):
        before_days = max((launch - first).days, 1)
        after_days = max((last - launch).days + 1, 1)
        is_old, is_new = lines["product_id"] == old, lines["product_id"] == new
        after = lines["order_date"] >= launch
        ob = float(lines.loc[is_old & ~after, "w"].sum()) / before_days
        oa = float(lines.loc[is_old & after, "w"].sum()) / after_days
        na = float(lines.loc[is_new & after, "w"].sum()) / after_days
        rows.append((new, old, launch, ob, oa, na, after_days))
    out = pd.DataFrame(
        rows,
        columns=[
            "product_id",
            "old_product",
            "launch_date",
            "old_before",
            "old_after",
            "new_after",
            "days_after",
        ],
    ).set_index("product_id")
    out["cannibalisation"] = (out["old_before"] - out["old_after"]) / out["new_after"].where(
        out["new_after"] > 0
    )
    lost = float(((out["old_before"] - out["old_after"]) * out["days_after"]).sum())
    gained = float((out["new_after"] * out["days_after"]).sum())
    out.attrs["total"] = lost / gained if gained > 0 else float("nan")
    return out.drop(columns="days_after")


# ---------------------------------------------------------------------------
# Plans and cases, as the calculators and labs show them


class SampleSizePlan(NamedTuple):
    """A test plan: customers per group (unrounded and rounded up), the total, how long
    the test runs at ``per_day`` customers a day (days, and weeks of five selling days),
    and for the chart the sizes needed for other target rates (``grid``, ``sizes``) and
    for half the change (``half``)."""

    p_base: float
    p_target: float
    change: float  # |p_target - p_base|, the difference to detect
    n: float
    n_continuity: float
    per_group: int
    per_group_continuity: int
    total: int
    days: float
    weeks: float
    half: int  # customers per group to detect half the change, rounded up
    grid: np.ndarray
    sizes: np.ndarray


def sample_size_plan(
    p_base: float,
    p_target: float | None = None,
    alpha: float = 0.05,
    power: float = 0.8,
    per_day: float = 0.0,
    lift: float | None = None,
) -> SampleSizePlan:
    """Everything a test plan shows, from :func:`sample_size_two_proportions`.

    Give ``p_target`` or ``lift`` (``p_target = p_base + lift``, in fractions);
    ``per_day`` is the customers (quotes) a day both groups together get (0: unknown,
    the duration is then infinite).

    >>> plan = sample_size_plan(0.05, 0.10, per_day=87)
    >>> plan.per_group, plan.total, plan.days
    (435, 870, 10.0)
    """
    if (p_target is None) == (lift is None):
        raise ValueError("Give either the target rate or the lift, not both.")
    target = float(p_base + lift) if lift is not None else float(p_target)
    C.check("customers a day", per_day, ge=0)
    n = sample_size_two_proportions(p_base, target, alpha, power)
    n_cc = sample_size_two_proportions(p_base, target, alpha, power, continuity_correction=True)
    per_group = int(np.ceil(n))
    days = 2 * per_group / per_day if per_day > 0 else float("inf")
    d = target - p_base
    grid = np.linspace(p_base + 0.4 * d, p_base + 2.5 * d, 60)
    grid = grid[(grid > 0.001) & (grid < 0.999)]
    return SampleSizePlan(
        float(p_base),
        target,
        abs(d),
        float(n),
        float(n_cc),
        per_group,
        int(np.ceil(n_cc)),
        2 * per_group,
        days,
        days / 5,
        int(np.ceil(sample_size_two_proportions(p_base, p_base + d / 2, alpha, power))),
        grid,
        np.asarray(sample_size_two_proportions(p_base, grid, alpha, power), dtype=float),
    )


class LaunchOutcome(NamedTuple):
    """A launch's break-even and its profit at the expected volume (money, units).

    ``shrinks_pair`` is True when cannibalisation is above 100 %: for every new unit
    sold the old product loses more than one unit, so the pair sells fewer units than
    before; ``old_units_lost`` is that loss per new unit (the cannibalisation rate).
    ``chart_top`` is the largest volume worth drawing.
    """

    breakeven: NewProductBreakeven
    profit: float
    shrinks_pair: bool
    old_units_lost: float
    chart_top: float


def launch_outcome(
    price: float,
    unit_cost: float,
    fixed_costs: float,
    cannibalisation: float,
    old_price: float,
    old_unit_cost: float,
    expected_units: float,
) -> LaunchOutcome:
    """:func:`new_product_breakeven` and the profit at ``expected_units`` new units.

    >>> o = launch_outcome(120.0, 70.0, 260_000.0, 0.6, 100.0, 60.0, 12_000)
    >>> round(o.profit, 6), o.shrinks_pair
    (52000.0, False)
    """
    C.check("expected units", expected_units, ge=0)
    b = new_product_breakeven(
        price, unit_cost, fixed_costs, cannibalisation, old_price, old_unit_cost
    )
    return LaunchOutcome(
        b,
        expected_units * b.net_contribution - fixed_costs,
        bool(cannibalisation > 1),
        float(cannibalisation),
        max(expected_units, b.breakeven_units) * 1.3,
    )


@dataclass(frozen=True)
class LaunchCase:
    """The launches of a company's new models and the best-selling one's break-even.

    ``table`` has one row per new model: ``name`` (without ", new model"),
    ``old_product``, ``launch_date``, ``switch_share``, ``old_before``, ``old_after``,
    ``new_after`` (units a day) and ``cannibalisation``. ``switch`` and
    ``cannibalisation`` are the pooled rates, ``cannibalisation_low``/``_high`` a 95 %
    bootstrap interval over the pairs (seeded). ``above_100`` counts the pairs whose
    old model lost more units a day than the new model sold. The best pair
    (``new_id``, ``old_id``) is priced at ``year``'s average net price and unit cost;
    ``breakeven`` uses the pooled rate, ``breakeven_low``/``_high`` the interval's
    ends (inf when no volume pays); ``days_to_breakeven`` at the new model's pace,
    ``units_per_year`` that pace over 365 days.
    """

    switch: float
    cannibalisation: float
    cannibalisation_low: float
    cannibalisation_high: float
    above_100: int
    new_id: str
    old_id: str
    new_name: str
    year: int
    new_price: float
    new_cost: float
    old_price: float
    old_cost: float
    old_unit_contribution: float
    fixed_costs: float
    breakeven: NewProductBreakeven
    breakeven_low: float
    breakeven_high: float
    days_to_breakeven: float
    units_per_year: float
    chart_top: float  # volume axis of the break-even chart: 1.6 x break-even units
    table: pd.DataFrame = field(compare=False, repr=False)


def _pooled_interval(rates: pd.DataFrame, last: pd.Timestamp, seed: int) -> tuple[float, float]:
    """95 % bootstrap interval of the pooled cannibalisation rate, resampling pairs."""
    days = ((last - rates["launch_date"]).dt.days + 1).clip(lower=1).to_numpy(float)
    lost = ((rates["old_before"] - rates["old_after"]).to_numpy(float)) * days
    gained = rates["new_after"].to_numpy(float) * days
    rng = np.random.default_rng(seed)
    pick = rng.integers(0, len(rates), size=(2000, len(rates)))
    pooled = lost[pick].sum(axis=1) / gained[pick].sum(axis=1)
    low, high = np.quantile(pooled[np.isfinite(pooled)], [0.025, 0.975])
    return float(low), float(high)


def _units_at(price, cost, fixed, k, old_price, old_cost) -> float:
    try:
        return new_product_breakeven(price, cost, fixed, k, old_price, old_cost).breakeven_units
    except ValueError:
        return float("inf")


def launch_case(
    order_lines: pd.DataFrame,
    orders: pd.DataFrame,
    products: pd.DataFrame,
    fixed_costs: float,
    year: int,
    seed: int = 11,
) -> LaunchCase:
    """Lab 11.2's worked example from the company's tables (see :class:`LaunchCase`)."""
    from .pricing import discount_summary

    switch = switch_share(order_lines, orders, products)
    rates = cannibalisation_rates(order_lines, orders, products)
    names = products.set_index("product_id")["name"].str.replace(", new model", "", regex=False)
    table = switch[["launch_date", "switch_share"]].join(
        rates[["old_product", "old_before", "old_after", "new_after", "cannibalisation"]]
    )
    table.insert(0, "name", names.reindex(table.index))
    dates = order_lines["order_id"].map(orders.set_index("order_id")["order_date"])
    low, high = _pooled_interval(rates, dates.max(), seed)
    new_id = str(rates["new_after"].idxmax())
    old_id = str(rates.loc[new_id, "old_product"])
    prices = discount_summary(order_lines[dates.dt.year == year], by="product_id")
    new_p, new_c = prices.loc[new_id, ["avg_net_price", "avg_unit_cost"]].astype(float)
    old_p, old_c = prices.loc[old_id, ["avg_net_price", "avg_unit_cost"]].astype(float)
    k = float(rates.attrs["total"])
    b = new_product_breakeven(new_p, new_c, fixed_costs, k, old_p, old_c)
    pace = float(rates.loc[new_id, "new_after"])
    return LaunchCase(
        float(switch.attrs["total"]),
        k,
        low,
        high,
        int((rates["cannibalisation"] > 1).sum()),
        new_id,
        old_id,
        str(names[new_id]),
        int(year),
        new_p,
        new_c,
        old_p,
        old_c,
        old_p - old_c,
        float(fixed_costs),
        b,
        _units_at(new_p, new_c, fixed_costs, low, old_p, old_c),
        _units_at(new_p, new_c, fixed_costs, high, old_p, old_c),
        b.breakeven_units / pace if pace > 0 else float("inf"),
        pace * 365,
        b.breakeven_units * 1.6,
        table,
    )
