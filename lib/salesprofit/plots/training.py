"""Chapter 13 charts: training payback, the ramp-up curve, the drill scorecard."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from . import CURRENCY, colors, figure, money_axis, percent_axis

__all__ = ["drill_chart", "payback_chart", "ramp_chart"]


def payback_chart(costs: float, monthly_benefit: float, months: float, title: str | None = None):
    """Cumulative benefits against the cost of a programme, month by month."""
    fig, ax = figure(7.0, 3.0)
    c = colors(4)
    m = np.linspace(0, months, 100)
    ax.plot(m, monthly_benefit * m, color=c[2], linewidth=2, label="benefits so far")
    ax.axhline(costs, color=c[3], linestyle="--", label=f"cost {CURRENCY}{costs:,.0f}")
    if monthly_benefit > 0 and costs / monthly_benefit <= months:
        pay = costs / monthly_benefit
        ax.axvline(pay, color="0.4", linewidth=0.8)
        ax.text(pay, costs, f" paid back after {pay:.1f} months", va="bottom", fontsize=9)
    money_axis(ax)
    ax.set_xlabel("months after the training")
    ax.set_ylabel(f"money ({CURRENCY})")
    total = monthly_benefit * months
    roi = (total - costs) / costs if costs > 0 else np.nan
    ax.set_title(
        title
        or (
            f"ROI {roi:.0%}: benefits of {CURRENCY}{total:,.0f} for a cost of {CURRENCY}{costs:,.0f}"
        )
    )
    ax.legend(frameon=False, fontsize=8, loc="upper left")
    return fig


def ramp_chart(
    points: pd.DataFrame | None,
    full: float,
    tau: float,
    start: float = 0.0,
    months: float = 24.0,
    fits: Mapping[str, float] | None = None,
    hire_label: str = "",
    title: str | None = None,
):
    """Observed productivity of new reps (dots) and the fitted ramp-up curve(s).

    ``points``: ``rep_id``, ``months_since_hire``, ``productivity`` (``training.ramp_data``).
    ``fits``: each rep's full level (drawn as one curve per rep with the shared ``tau``).
    """
    fig, ax = figure(7.0, 3.4)
    grid = np.linspace(0, months, 120)
    curve = lambda f: f * (1 - (1 - start) * np.exp(-grid / tau))  # noqa: E731 - drawing only
    if points is not None and len(points):
        reps = list(dict.fromkeys(points["rep_id"]))
        c = colors(len(reps) + 1)
        for colour, rep in zip(c, reps):
            p = points[points["rep_id"] == rep]
            ax.scatter(p["months_since_hire"], p["productivity"], color=colour, s=18, label=rep)
            if fits and rep in fits:
                ax.plot(grid, curve(fits[rep]), color=colour, linewidth=1, alpha=0.8)
    c = colors(4)
    ax.plot(grid, curve(full), color="0.15", linewidth=2.2, label="typical new rep")
    t90 = tau * np.log((1 - start) / 0.1) if start < 0.9 else 0.0
    if t90 <= months:
        ax.axvline(t90, color=c[3], linestyle="--", linewidth=1)
        ax.text(
            t90,
            0.03,
            f" 90 % after {t90:.1f} months",
            color=c[3],
            fontsize=9,
            va="bottom",
            transform=ax.get_xaxis_transform(),
        )
    percent_axis(ax)
    ax.set_xlabel("months since hire")
    ax.set_ylabel("gross profit vs tenured peers")
    ax.set_title(title or f"A new rep needs about {t90:.1f} months to reach 90 % of full speed")
    ax.legend(frameon=False, fontsize=8, ncol=3, loc="upper left")
    return fig


def drill_chart(
    scores: Mapping[str, float],
    weights: Mapping[str, float],
    labels: Mapping[str, str],
    scale: float = 5.0,
    total: float | None = None,
    title: str | None = None,
):
    """One bar per criterion (score), the weight in the label; the weakest in the warning colour."""
    names = list(weights)
    fig, ax = figure(7.0, 0.34 * len(names) + 1.2)
    c = colors(4)
    wsum = sum(weights.values())
    s = [scores[k] for k in names]
    weakest = min(names, key=lambda k: (scores[k], -weights[k]))
    ax.barh(
        [f"{labels.get(k, k)} ({weights[k] / wsum:.0%})" for k in names],
        s,
        color=[c[3] if k == weakest else c[0] for k in names],
    )
    ax.invert_yaxis()
    ax.set_xlim(0, scale)
    ax.set_xlabel(f"score (1 to {scale:g}); weight in brackets")
    ax.tick_params(axis="y", labelsize=8)
    short = labels.get(weakest, weakest).split(" (")[0].lower()
    ax.set_title(
        title
        or (
            f"Total {total:.0%}: practise {short} next"
            if total is not None
            else "Drill scores by criterion"
        )
    )
    return fig
