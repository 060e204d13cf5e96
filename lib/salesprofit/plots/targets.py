"""Chapter 14 charts: seasonality, the target calendar, quotas against potential."""

from __future__ import annotations

import pandas as pd

from . import CURRENCY, bars, colors, figure, money_axis

__all__ = ["plan_chart", "quota_chart", "seasonality_chart"]

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def seasonality_chart(index: pd.Series, title: str | None = None):
    """Monthly index bars around 1.0 (an average month)."""
    fig, ax = figure(6.5, 3.0)
    c = colors(4)
    ax.bar(MONTHS, index.to_numpy(), color=[c[3] if v < 0.9 else c[0] for v in index])
    ax.axhline(1.0, color="0.3", linewidth=1)
    ax.set_ylabel("index (1 = average month)")
    low = MONTHS[int(index.to_numpy().argmin())]
    ax.set_title(title or f"{low} is the weakest month: its target must be lower")
    return fig


def plan_chart(table: pd.DataFrame, level: str, title: str | None = None):
    """Target per quarter, month or week (from :func:`salesprofit.targets.plan_table`)."""
    fig, ax = figure(7.0, 3.0)
    c = colors(2)
    if level == "week":
        ax.bar(table["week"], table["target"], width=5, color=c[0])
        ax.set_xlabel("week starting")
    else:
        labels = (
            [f"Q{q}" for q in table["quarter"]]
            if level == "quarter"
            else [MONTHS[m - 1] for m in table["month"]]
        )
        ax.bar(labels, table["target"], color=c[0])
    money_axis(ax)
    ax.set_ylabel(f"target ({CURRENCY})")
    ax.set_title(title or f"The annual target, {level} by {level}")
    return fig


def quota_chart(alloc: pd.DataFrame, actual: pd.Series | None = None, title: str | None = None):
    """Each rep's quota (bars) and, if given, last year's sales (dots)."""
    fig, ax = figure(7.0, 3.4)
    c = colors(4)
    names = [str(i) for i in alloc.index]
    x = range(len(names))
    bars(ax, x, alloc["quota"], color=c[0], label="quota")
    ax.set_xticks(x, names)
    if actual is not None:
        ax.scatter(
            x,
            actual.reindex(alloc.index),
            color=c[3],
            zorder=3,
            s=18,
            label="last year's sales",
        )
    money_axis(ax)
    ax.tick_params(axis="x", labelrotation=90, labelsize=8)
    ax.set_ylabel(f"per year ({CURRENCY})")
    ax.set_title(title or "Quotas follow the territory's potential")
    ax.legend(frameon=False, fontsize=8)
    return fig
