"""Role-play debrief charts: deals against the Pareto frontier, and the spread of outcomes."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from . import CURRENCY, colors, figure, money_axis

__all__ = ["frontier_chart", "spread_chart"]

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

#: At most this many grid deals are drawn as the grey cloud (the frontier is always drawn whole).
CLOUD = 800


def _frontier_title(n_on: int, n_off: int) -> str:
    """The finding: how many deals reached the frontier."""
    if n_on + n_off == 0:
        return "On the frontier, neither side can gain without the other losing"
    if n_on + n_off == 1:
        return (
            "This deal is on the frontier: nothing left on the table"
            if n_on
            else "This deal left money on the table for both sides"
        )
    if n_off == 0:
        return "Every deal is on the frontier: nothing left on the table"
    if n_on == 0:
        return "Every deal left money on the table for both sides"
    return f"{n_on} deal{'s' if n_on > 1 else ''} on the frontier, {n_off} left money on the table"


def _possible_deals(ax, grid, seller_walkaway, buyer_walkaway, c) -> None:
    """The grey cloud of possible deals, the frontier, the walk-aways and the zone of agreement."""
    cloud = grid
    if len(cloud) > CLOUD:
        cloud = cloud.iloc[np.linspace(0, len(cloud) - 1, CLOUD).astype(int)]
    ax.scatter(
        cloud["seller_value"],
        cloud["buyer_value"],
        s=4,
        color="0.78",
        linewidths=0,
        label="possible deals",
    )
    front = grid[grid["efficient"]].sort_values("seller_value")
    ax.plot(
        front["seller_value"],
        front["buyer_value"],
        color=c[0],
        linewidth=2,
        marker="o",
        markersize=3,
        label="Pareto frontier",
    )
    ax.axvline(seller_walkaway, color=c[3], linestyle="--", linewidth=1)
    ax.axhline(buyer_walkaway, color=c[3], linestyle="--", linewidth=1)
    x_hi = max(float(grid["seller_value"].max()), seller_walkaway)
    y_hi = max(float(grid["buyer_value"].max()), buyer_walkaway)
    ax.fill_between(
        [seller_walkaway, x_hi],
        buyer_walkaway,
        y_hi,
        color=c[2],
        alpha=0.08,
        label="both above walk-away",
    )


def _team_deals(ax, deals: pd.DataFrame, c) -> tuple[int, int]:
    """The teams' deals, stars on the frontier and diamonds inside it; (on, off) counts."""
    on = deals["on_frontier"].astype(bool).to_numpy()
    n_on, n_off = int(on.sum()), int((~on).sum())
    style = dict(edgecolor="black", linewidths=0.5, zorder=5)
    if n_on:
        ax.scatter(
            deals.loc[on, "seller_value"],
            deals.loc[on, "buyer_value"],
            s=90,
            marker="*",
            color=c[2],
            label="deal on the frontier",
            **style,
        )
    if n_off:
        ax.scatter(
            deals.loc[~on, "seller_value"],
            deals.loc[~on, "buyer_value"],
            s=55,
            marker="D",
            color=c[1],
            label="deal inside: money left on the table",
            **style,
        )
    for _, d in deals.iterrows():
        ax.annotate(
            str(d["team"])[:18],
            (d["seller_value"], d["buyer_value"]),
            fontsize=8,
            xytext=(4, 4),
            textcoords="offset points",
        )
    return n_on, n_off


def frontier_chart(
    grid: pd.DataFrame,
    seller_walkaway: float,
    buyer_walkaway: float,
    deals: pd.DataFrame | None = None,
    status_quo: tuple[float, float] | None = None,
    roles: tuple[str, str] = ("seller", "buyer"),
    title: str | None = None,
) -> Figure:
    """Every possible deal (grey), the Pareto frontier (line), the walk-aways and the teams' deals.

    ``grid``: :func:`salesprofit.roleplay.grid`; ``deals``: columns ``team``,
    ``seller_value``, ``buyer_value`` and ``on_frontier``; ``status_quo``: (seller, buyer).
    """
    # fixed margins: constrained layout would double the redraw time of the scorer
    fig, ax = figure(7.0, 4.2, layout=None)
    fig.subplots_adjust(left=0.17, right=0.98, top=0.92, bottom=0.12)
    c = colors(6)
    _possible_deals(ax, grid, seller_walkaway, buyer_walkaway, c)
    if status_quo is not None:
        ax.scatter(
            [status_quo[0]],
            [status_quo[1]],
            marker="s",
            s=50,
            color="0.35",
            zorder=4,
            label="today / opening",
        )
    n_on = n_off = 0
    if deals is not None and len(deals):
        n_on, n_off = _team_deals(ax, deals, c)
    money_axis(ax, "x")
    money_axis(ax, "y")
    ax.set_xlabel(f"value to the {roles[0]} ({CURRENCY})")
    ax.set_ylabel(f"value to the {roles[1]} ({CURRENCY})")
    ax.set_title(title if title is not None else _frontier_title(n_on, n_off))
    ax.legend(frameon=False, fontsize=7.5, loc="lower left")
    return fig


def spread_chart(
    ranked: pd.DataFrame,
    measure: str = "seller_vs_target",
    label: str = "seller's result against target",
    title: str | None = None,
) -> Figure:
    """One bar per team (``ranked`` from :meth:`Scoreboard.rank`), zero = target or walk-away."""
    n = max(len(ranked), 1)
    fig, ax = figure(7.0, 0.38 * n + 1.5)
    c = colors(4)
    if len(ranked):
        vals = ranked[measure].to_numpy(dtype=float)
        on = ranked["on_frontier"].astype(bool).to_numpy()
        ax.barh(
            ranked["team"].astype(str).str.slice(0, 24),
            vals,
            color=[c[2] if o else c[1] for o in on],
        )
        ax.invert_yaxis()
        ax.axvline(0, color="0.3", linewidth=1)
        spread = float(vals.max() - vals.min())
        title = title or (
            f"{CURRENCY}{spread:,.0f} between the best and the worst deal"
            if n > 1
            else "One deal recorded so far"
        )
    else:
        title = title or "No deals recorded yet"
    money_axis(ax, "x")
    ax.set_xlabel(f"{label} ({CURRENCY}); green = on the frontier")
    ax.set_title(title)
    return fig
