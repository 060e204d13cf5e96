"""Chapter 6 charts: scorecards and revenue-vs-profit rankings."""

from __future__ import annotations

import pandas as pd

from . import CURRENCY, bars, colors, figure, money_axis

__all__ = ["quarter_chart", "rank_shift_chart", "scorecard_chart"]


def scorecard_chart(
    card: pd.DataFrame,
    kpis: list[str],
    labels: dict | None = None,
    top: int | None = None,
    title: str | None = None,
):
    """Stacked horizontal bars: each KPI's weighted contribution to each rep's score.

    ``card`` from :func:`salesprofit.kpi.scorecard` (its ``<kpi>_part`` columns); ``kpis``
    the weighted KPI names; ``labels`` their display names.
    """
    card = card.head(top) if top else card
    fig, ax = figure(7.0, 0.28 * len(card) + 1.3)
    c = colors(max(len(kpis), 3))
    left = pd.Series(0.0, index=card.index)
    names = [str(i) for i in card.index]
    rows = range(len(names))
    for colour, k in zip(c, kpis):
        part = card[f"{k}_part"]
        label = (labels or {}).get(k, k)
        bars(ax, rows, part, base=left, color=colour, label=label, horizontal=True)
        left = left + part
    ax.set_yticks(rows, names)
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel("weighted score (0 = worst on every KPI, 1 = best on every KPI)")
    ax.set_title(
        title
        or f"{names[0]} leads the team on these weights" + (f" (top {len(card)})" if top else "")
    )
    # below the axes: beside the bars it covered them and ran off the left edge
    ax.legend(
        frameon=False,
        fontsize=8,
        ncol=min(len(kpis), 3),
        loc="upper center",
        bbox_to_anchor=(0.5, -0.2),
    )
    return fig


def rank_shift_chart(
    comparison: pd.DataFrame,
    first: str = "revenue",
    second: str = "profit",
    first_label: str = "by revenue",
    second_label: str = "by profit",
    title: str | None = None,
):
    """Slope chart: each rep's rank by one KPI (left) and by another (right)."""
    fig, ax = figure(5.6, 5.2)
    c = colors(4)
    r1, r2 = comparison[f"rank_by_{first}"], comparison[f"rank_by_{second}"]
    for rep in comparison.index:
        move = r1[rep] - r2[rep]
        colour = c[2] if move > 0 else (c[3] if move < 0 else "0.7")
        ax.plot([0, 1], [r1[rep], r2[rep]], color=colour, marker="o", linewidth=2 if move else 1)
        ax.text(-0.04, r1[rep], rep, ha="right", va="center", fontsize=8)
        ax.text(1.04, r2[rep], rep, ha="left", va="center", fontsize=8)
    ax.set_xlim(-0.3, 1.3)
    ax.set_ylim(len(comparison) + 0.5, 0.5)
    ax.set_yticks(range(1, len(comparison) + 1, 2 if len(comparison) > 12 else 1))
    ax.set_xticks([0, 1], [f"rank {first_label}", f"rank {second_label}"])
    ax.set_ylabel("rank (1 = best)")
    ax.grid(False)
    up, down = int((r1 - r2 > 0).sum()), int((r1 - r2 < 0).sum())
    ax.set_title(title or f"Ranked {second_label}, {up} reps climb and {down} fall", fontsize=11)
    return fig


def quarter_chart(review: pd.DataFrame, rep: str, title: str | None = None):
    """Revenue and gross profit per quarter against target for one rep."""
    fig, ax = figure(6.5, 3.2)
    c = colors(4)
    r = review[review["rep_id"] == rep]
    x = ("Q" + r["quarter"].astype(str) + "\n" + r["year"].astype(str)).tolist()
    ax.bar(x, r["revenue"], color=c[0], label="revenue")
    ax.bar(x, r["gross_profit"], color=c[2], label="gross profit", width=0.5)
    if "revenue_target" in r:
        ax.plot(
            x,
            r["revenue_target"],
            color=c[3],
            marker="_",
            markersize=26,
            linestyle="none",
            label="revenue target",
        )
    money_axis(ax)
    ax.set_ylabel(f"per quarter ({CURRENCY})")
    ax.set_title(title or f"{rep}: quarter by quarter against target")
    top = max(r["revenue"].max(), r["revenue_target"].max() if "revenue_target" in r else 0)
    ax.set_ylim(0, top * 1.22)
    ax.legend(frameon=False, fontsize=8, ncol=3, loc="upper left")
    return fig
