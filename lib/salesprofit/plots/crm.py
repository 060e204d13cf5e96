"""Chapter 5 and 10 charts: data completeness and the checklist score."""

from __future__ import annotations

import pandas as pd

from . import colors, figure, percent_axis

__all__ = ["checklist_chart", "missing_chart"]


def checklist_chart(table: pd.DataFrame, score: float, title: str | None = None):
    """Share of records passing each checklist item (``crm.checklist_score``)."""
    fig, ax = figure(7.2, 0.33 * len(table) + 1.3)
    c = colors(4)
    shares = table["share"].to_numpy()
    ax.barh(
        table["item"],
        shares,
        color=[c[2] if s >= 0.99 else (c[1] if s >= 0.9 else c[3]) for s in shares],
    )
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    percent_axis(ax, "x")
    ax.set_xlabel("records that pass")
    ax.tick_params(axis="y", labelsize=8)
    ax.set_title(
        title
        or (
            f"Score {score:.0%}: the weakest item passes only {shares.min():.0%}"
            if shares.min() < 0.9
            else f"Data-quality score {score:.0%}"
        ),
        loc="right",
    )
    return fig


def missing_chart(profile: pd.DataFrame, title: str | None = None):
    """Missing values per column of a profile (``crm.profile``), only columns with gaps."""
    p = profile[profile["missing"] > 0]
    fig, ax = figure(6.0, 0.4 * max(len(p), 1) + 1.2)
    c = colors(4)
    ax.barh(p["column"], p["missing"], color=c[3])
    for i, v in enumerate(p["missing"]):
        ax.text(v, i, f" {v}", va="center", fontsize=9)
    ax.invert_yaxis()
    ax.set_xlabel("empty cells")
    ax.set_title(title or "Contact details are where the gaps are")
    return fig
