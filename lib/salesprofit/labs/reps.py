"""What chapter 2's labs show: the velocity levers of Huaxin's pipeline and what each is
worth (lab 2.1), the rep comparison (lab 2.2) and the ranking its calculator shows.

Pure functions over Huaxin's tables built on the models of :mod:`salesprofit.reps`
(pipeline by rep, discount discipline against peers, the velocity levers) and
:mod:`salesprofit.funnel`; notebooks and calculators call these and render. Money is in
the data's currency, fractions are fractions, nothing is rounded.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from .. import funnel
from ..reps import (
    Levers,
    discount_discipline,
    flag_outliers,
    lever_gains,
    pipeline_levers,
    rep_comparison,
    share_above,
    what_if_table,
    wilson_interval,
    with_names,
)

__all__ = [
    "RANKING_COLUMNS",
    "RepComparisonLab",
    "RepRanking",
    "VelocityLab",
    "names_text",
    "rank_reps",
    "rep_comparison_lab",
    "velocity_lab",
]


@dataclass(frozen=True)
class VelocityLab:
    """Everything lab 2.1 shows about Huaxin's velocity levers (see :func:`velocity_lab`).

    ``measures`` (:class:`salesprofit.funnel.PipelineMeasures`), ``levers``, ``lever_table``
    (:func:`salesprofit.reps.lever_gains`), ``point_win_rate`` (today's win rate plus one percentage point),
    ``point_gain_per_year`` and ``point_gain_share`` (what that point is worth: money a
    year, fraction), ``day_gain_per_year`` (money a year from a cycle one day shorter).
    """

    measures: funnel.PipelineMeasures
    levers: Levers
    lever_table: pd.DataFrame
    point_win_rate: float
    point_gain_per_year: float
    point_gain_share: float
    day_gain_per_year: float


def velocity_lab(
    opportunities: pd.DataFrame,
    start=None,
    end=None,
    improvement: float = 0.10,
    days: float = 365.0,
) -> VelocityLab:
    """The velocity levers of a pipeline and what each is worth (lab 2.1), in one call.

    >>> opp = pd.DataFrame({"status": ["won", "lost", "won"], "amount": [100.0, 80.0, 200.0],
    ...     "created_date": pd.to_datetime(["2025-01-01", "2025-01-01", "2025-01-05"]),
    ...     "closed_date": pd.to_datetime(["2025-01-11", "2025-01-03", "2025-01-11"])})
    >>> lab = velocity_lab(opp)
    >>> round(lab.levers.velocity, 2), round(lab.point_win_rate, 4), round(lab.point_gain_share, 4)
    (30.0, 0.6767, 0.015)
    """
    lev = pipeline_levers(opportunities, start, end)
    measures = funnel.pipeline_measures(opportunities, start, end)
    table = lever_gains(*lev[:4], improvement=improvement, days=days)
    point = what_if_table(*lev[:4], win_rate_change=0.01 / lev.win_rate, days=days).loc["win_rate"]
    day = what_if_table(*lev[:4], cycle_change=-1 / lev.cycle_days, days=days).loc["all"]
    return VelocityLab(
        measures,
        lev,
        table,
        lev.win_rate + 0.01,
        float(point["gain_per_period"]),
        float(point["gain_share"]),
        float(day["gain_per_period"]),
    )


@dataclass(frozen=True)
class RepComparisonLab:
    """Everything lab 2.2 shows (see :func:`rep_comparison_lab`). Money over ``years``
    unless the name says per year; rates and discounts are fractions."""

    years: float
    comparison: pd.DataFrame
    ranked: pd.DataFrame
    best_win_rate: str
    widest_range: str
    example_range: tuple[float, float]
    by_tier: pd.DataFrame
    raw_flagged: list
    flagged: list
    top_p_value: float
    groups: pd.DataFrame
    flagged_cost_per_year: float


def rep_comparison_lab(
    opportunities: pd.DataFrame,
    lines: pd.DataFrame,
    new_hires: Sequence[str] = (),
    years: float = 2.0,
    threshold: float = 0.15,
    example: tuple[int, int] = (6, 23),
) -> RepComparisonLab:
    """The rep comparison of lab 2.2 in one call.

    ``comparison`` (:func:`salesprofit.reps.rep_comparison` with ``excess_cost_per_year``), ``ranked`` (by
    excess discount, largest first), the rep with the best win rate and the one with
    the widest Wilson range, ``example_range`` (the Wilson interval of ``example`` =
    (won, closed)), the average discount by customer tier, who a raw (not like-for-like)
    comparison flags, who the like-for-like one flags, the largest p-value among them,
    ``groups`` (mean win rate, deal size, net sales, gross margin and yearly excess cost
    of flagged reps vs other tenured reps, ``new_hires`` left out) and what the flagged
    reps' excess costs a year in total.
    """
    comparison = rep_comparison(opportunities, lines, threshold=threshold, years=years)
    width = comparison["win_rate_high"] - comparison["win_rate_low"]
    flagged = list(comparison.index[comparison["flagged"]])
    raw = discount_discipline(lines, threshold=threshold, peer_by=None)
    tenured = comparison.drop(index=[r for r in new_hires if r in comparison.index])
    label = tenured["flagged"].map({True: "flagged reps", False: "other tenured reps"})
    cols = ["win_rate", "avg_deal_size", "net_revenue", "gross_margin", "excess_cost_per_year"]
    groups = tenured[[c for c in cols if c in tenured]].groupby(label).mean()
    return RepComparisonLab(
        years=years,
        comparison=comparison,
        ranked=comparison.sort_values("excess_discount", ascending=False),
        best_win_rate=str(comparison["win_rate"].idxmax()),
        widest_range=str(width.idxmax()),
        example_range=wilson_interval(*example),
        by_tier=discount_discipline(lines, threshold=threshold, by="tier", peer_by=None),
        raw_flagged=list(raw.index[raw["flagged"]]),
        flagged=flagged,
        top_p_value=float(comparison.loc[flagged, "p_value"].max()) if flagged else float("nan"),
        groups=groups,
        flagged_cost_per_year=float(comparison.loc[flagged, "excess_cost_per_year"].sum()),
    )


def names_text(rep_ids, names: dict | None = None, none: str = "no one") -> str:
    """Rep ids with their names as one phrase: ``"R11 (Xu Li), R13 (Ma Jun)"``.

    >>> names_text(["R11", "R13"], {"R11": "Xu Li", "R13": "Ma Jun"})
    'R11 (Xu Li), R13 (Ma Jun)'
    >>> names_text([])
    'no one'
    """
    shown = with_names(rep_ids, names)
    return ", ".join(shown) if shown else none


RANKING_COLUMNS = (
    "win_rate",
    "avg_deal_size",
    "cycle_days",
    "avg_discount",
    "share_above",
    "excess_discount",
    "gross_margin",
    "flagged",
)


@dataclass(frozen=True)
class RepRanking:
    """What the rep comparison calculator shows (see :func:`rank_reps`): ``table`` (the
    comparison with ``share_above`` at the chosen threshold and ``flagged`` at the chosen
    cut-off), ``ranked`` (by the metric, largest first, with the metric's column first),
    ``flagged`` (rep ids) and ``top`` (the first rep of the ranking)."""

    table: pd.DataFrame
    ranked: pd.DataFrame
    flagged: list
    top: str


def rank_reps(
    comparison: pd.DataFrame,
    lines: pd.DataFrame,
    metric: str = "excess_discount",
    threshold: float = 0.15,
    cutoff: float = 3.5,
) -> RepRanking:
    """Rank reps on ``metric`` (a column of :func:`salesprofit.reps.rep_comparison`, or ``share_above``) and
    flag who discounts far above same-tier peers at ``cutoff``.

    >>> comp = pd.DataFrame({"excess_discount": [0.01, 0.08], "robust_z": [0.2, 5.0]},
    ...                     index=pd.Index(["A", "B"], name="rep_id"))
    >>> lines = pd.DataFrame({"rep_id": ["A", "B"], "discount": [0.05, 0.30]})
    >>> r = rank_reps(comp, lines)
    >>> r.flagged, r.top, list(r.ranked.columns)
    (['B'], 'B', ['excess_discount', 'share_above', 'flagged'])
    """
    if metric not in comparison.columns and metric != "share_above":
        raise ValueError(f"The rep table has no column {metric!r} to rank on.")
    t = comparison.copy()
    t["share_above"] = share_above(lines, threshold)
    t["flagged"] = flag_outliers(t["robust_z"], cutoff)
    cols = [metric, *[c for c in RANKING_COLUMNS if c != metric and c in t.columns]]
    ranked = t.sort_values(metric, ascending=False, na_position="last")[cols]
    return RepRanking(t, ranked, list(t.index[t["flagged"]]), str(ranked.index[0]))
