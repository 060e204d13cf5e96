"""Chapter 12 charts: the Pareto (ABC) curve, the RFM grid, the whale curve and the
profit of a tier service policy (house style from :mod:`salesprofit.plots`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from . import colors, figure, percent_axis

__all__ = ["pareto_chart", "rfm_grid_chart", "tier_policy_chart", "whale_chart"]

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure


def pareto_chart(values: pd.Series, classes: pd.Series, a: float, b: float) -> Figure:
    """Cumulative share of value against share of customers, coloured by ABC class."""
    fig, ax = figure(6.5, 3.3)
    c = colors(4)
    v = values.to_numpy(dtype=float)
    order = np.argsort(-v, kind="stable")
    cum = np.cumsum(v[order]) / v.sum()
    x = np.arange(1, len(v) + 1) / len(v)
    cls = classes.to_numpy()[order]
    for colour, name in zip((c[0], c[1], c[2]), "ABC"):
        mask = cls == name
        if mask.any():
            ax.plot(
                x[mask],
                cum[mask],
                color=colour,
                linewidth=3,
                label=f"class {name}: {mask.mean():.0%} of customers",
            )
    ax.axhline(a, color="0.4", linestyle="--", linewidth=1)
    ax.axhline(b, color="0.4", linestyle=":", linewidth=1)
    percent_axis(ax, "x")
    percent_axis(ax, "y")
    ax.set_xlabel("share of customers, biggest first")
    ax.set_ylabel("cumulative share of revenue")
    share_a = (cls == "A").mean()
    ax.set_title(
        f"{share_a:.0%} of customers (class A) bring {cum[cls == 'A'].max():.0%} of revenue"
        if share_a
        else "No customer is in class A at this cut-off"
    )
    ax.legend(frameon=False, fontsize=8, loc="lower right")
    return fig


def rfm_grid_chart(counts: pd.DataFrame, min_r: int, min_f: int) -> Figure:
    """Customers in each R x F cell (``counts``: index R score 1-5, columns F score 1-5), the
    VIP corner outlined."""
    from matplotlib.patches import Rectangle

    fig, ax = figure(4.8, 3.6)
    data = counts.reindex(index=[5, 4, 3, 2, 1], columns=[1, 2, 3, 4, 5], fill_value=0)
    grid = data.to_numpy()
    ax.imshow(grid, cmap="Blues", aspect="auto")
    dark = grid.max() * 0.6
    for i in range(5):
        for j in range(5):
            ax.text(
                j,
                i,
                f"{grid[i, j]:,}",
                ha="center",
                va="center",
                fontsize=9,
                color="white" if grid[i, j] > dark else "black",
            )
    ax.set_xticks(range(5), [str(s) for s in data.columns])
    ax.set_yticks(range(5), [str(s) for s in data.index])
    ax.set_xlabel("F score (5 = buys most often)")
    ax.set_ylabel("R score (5 = bought most recently)")
    rows = 5 - min_r + 1
    cols = 5 - min_f + 1
    ax.add_patch(
        Rectangle((min_f - 1.5, -0.5), cols, rows, fill=False, edgecolor="#D55E00", linewidth=2.5)
    )
    ax.grid(False)
    n = int(data.iloc[:rows, min_f - 1 :].to_numpy().sum())
    ax.set_title(f"{n:,} customers have R ≥ {min_r} and F ≥ {min_f}")
    return fig


def whale_chart(curve: pd.DataFrame, highlight=None, title: str | None = None) -> Figure:
    """The whale curve (from ``segmentation.whale_curve``), loss-makers marked."""
    fig, ax = figure(6.5, 3.4)
    c = colors(4)
    x = np.r_[0.0, curve["customer_share"].to_numpy()]
    y = np.r_[0.0, curve["cumulative_share"].to_numpy()]
    ax.plot(x, y, color=c[0], linewidth=2, label="cumulative profit")
    losing = curve["profit"].to_numpy() < 0
    if losing.any():
        ax.fill_between(
            x[1:],
            0,
            y[1:],
            where=losing,
            color=c[3],
            alpha=0.15,
            label=f"{losing.sum():,} loss-making customers",
        )
    if highlight is not None:
        sel = curve.loc[curve.index.isin(list(highlight))]
        if len(sel):
            ax.scatter(
                sel["customer_share"],
                sel["cumulative_share"],
                color=c[3],
                s=25,
                zorder=3,
                label="accounts flagged for review",
            )
    peak = int(np.argmax(y))
    ax.axhline(1.0, color="0.4", linestyle="--", linewidth=1)
    ax.annotate(
        f"peak {y[peak]:.0%}",
        (x[peak], y[peak]),
        textcoords="offset points",
        xytext=(-40, 8),
        fontsize=9,
    )
    percent_axis(ax, "x")
    percent_axis(ax, "y")
    ax.set_xlabel("share of customers, most profitable first")
    ax.set_ylabel("cumulative share of total profit")
    ax.set_title(
        title
        or (
            f"The best {x[peak]:.0%} of customers earn {y[peak]:.0%} of the profit"
            if y[peak] > 1.0001
            else "No customer loses money on these costs"
        )
    )
    ax.legend(frameon=False, fontsize=8, loc="lower right")
    return fig


def tier_policy_chart(policy: pd.DataFrame) -> Figure:
    """Total value gained or lost by tier (from ``segmentation.tier_policy_profit``)."""
    fig, ax = figure(6.0, 2.8)
    c = colors(4)
    gains = policy["total_gain"]
    ax.barh(
        [str(i) for i in gains.index],
        gains.to_numpy(),
        color=[c[2] if g >= 0 else c[3] for g in gains],
    )
    ax.axvline(0, color="0.3", linewidth=1)
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(5))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"¥{v / 1e6:,.1f}M"))
    ax.invert_yaxis()
    ax.set_xlabel("change in customer lifetime value of the tier (¥ million)")
    total = gains.sum()
    ax.set_title(
        f"The policy {'adds' if total >= 0 else 'destroys'} ¥{abs(total):,.0f} of customer value"
    )
    return fig
