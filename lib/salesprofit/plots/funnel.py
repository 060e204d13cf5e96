"""Chapter 15 charts: the stage funnel and the what-if."""

from __future__ import annotations

import pandas as pd

from . import colors, figure

__all__ = ["funnel_chart", "stage_days_chart"]

LABELS = {
    "lead": "Lead",
    "needs_analysis": "Needs analysis",
    "proposal": "Proposal",
    "contract": "Contract",
}


def funnel_chart(
    table: pd.DataFrame, improved: pd.DataFrame | None = None, title: str | None = None
):
    """Deals reaching each stage per month (bars), today and, if given, improved."""
    fig, ax = figure(7.0, 3.2)
    c = colors(4)
    names = [LABELS.get(s, s) for s in table.index] + ["Won"]
    today = list(table["deals"]) + [table["deals"].iloc[-1] * table["conversion"].iloc[-1]]
    width = 0.4 if improved is not None else 0.6
    xs = range(len(names))
    ax.bar(
        [x - (width / 2 if improved is not None else 0) for x in xs],
        today,
        width=width,
        color=c[0],
        label="today",
    )
    if improved is not None:
        better = list(improved["deals"]) + [
            improved["deals"].iloc[-1] * improved["conversion"].iloc[-1]
        ]
        ax.bar([x + width / 2 for x in xs], better, width=width, color=c[2], label="improved")
    ax.set_xticks(list(xs), names)
    ax.set_ylabel("deals per month")
    worst = table["conversion"].idxmin()
    ax.set_title(title or f"{LABELS.get(worst, worst)} loses the most of the deals that reach it")
    ax.legend(frameon=False, fontsize=8)
    return fig


def stage_days_chart(stats: pd.DataFrame, title: str | None = None):
    """Mean days per stage as one horizontal bar (the length of a won deal's journey)."""
    fig, ax = figure(7.0, 1.8)
    c = colors(4)
    left = 0.0
    for colour, (stage, row) in zip(c, stats.iterrows()):
        ax.barh([0], [row["mean_days"]], left=left, color=colour, label=LABELS.get(stage, stage))
        ax.text(
            left + row["mean_days"] / 2,
            0,
            f"{LABELS.get(stage, stage)}\n{row['mean_days']:.0f} days",
            ha="center",
            va="center",
            color="white",
            fontsize=8,
            fontweight="bold",
        )
        left += row["mean_days"]
    ax.set_yticks([])
    ax.set_xlabel("days")
    ax.set_title(title or f"A won deal takes about {left:.0f} days from lead to contract")
    return fig
