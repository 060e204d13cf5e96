"""Charts for the analyses of a user's own export (house style from :mod:`salesprofit.plots`).

Money axes carry no currency mark: an export may be in any currency."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from . import colors, figure, percent_axis

__all__ = ["clv_chart", "leakage_chart", "product_mix_chart"]

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure


def _plain_money(ax, axis: str = "x") -> None:
    from matplotlib.ticker import FuncFormatter

    fmt = FuncFormatter(lambda v, _: f"{v:,.0f}")
    (ax.xaxis if axis == "x" else ax.yaxis).set_major_formatter(fmt)


def leakage_chart(table: pd.DataFrame, label: str = "rep", top: int = 12) -> Figure:
    """Average discount off list by rep or customer (from ``own_data.discount_leakage``)."""
    shown = table.head(top).iloc[::-1]
    fig, ax = figure(6.2, 0.3 * len(shown) + 1.2)
    c = colors(4)
    from ..own_data import FACTS

    avg = FACTS["leakage_rep"](table)["leakage_rate"]  # the model's figure, drawn
    ax.barh(
        [str(i) for i in shown.index],
        shown["leakage_rate"].to_numpy(),
        color=[c[3] if r > avg else c[0] for r in shown["leakage_rate"]],
    )
    ax.axvline(avg, color="0.3", linestyle="--", linewidth=1)
    percent_axis(ax, "x")
    ax.set_xlabel(f"average discount off list price (dashed: all, {avg:.1%})")
    worst = table.index[0]
    ax.set_title(
        f"{label.capitalize()} {worst} gives away {table['leakage_rate'].iloc[0]:.0%} of list price"
    )
    return fig


def product_mix_chart(table: pd.DataFrame, top: int = 12) -> Figure:
    """Revenue of the biggest products, with their margin when known."""
    shown = table.head(top).iloc[::-1]
    fig, ax = figure(6.2, 0.3 * len(shown) + 1.2)
    c = colors(4)
    ax.barh([str(i) for i in shown.index], shown["revenue"].to_numpy(), color=c[0])
    if "margin" in shown:
        for y, (rev, m) in enumerate(zip(shown["revenue"], shown["margin"])):
            ax.text(rev, y, f" {m:.0%}", va="center", fontsize=8)
    _plain_money(ax, "x")
    ax.set_xlabel(
        "revenue (file currency)" + ("; label: gross margin" if "margin" in shown else "")
    )
    from ..own_data import top_share

    share = top_share(table["revenue"], top)
    ax.set_title(
        f"The top {min(top, len(table))} of {len(table):,} products bring {share:.0%} of revenue"
    )
    return fig


def clv_chart(customers: pd.DataFrame, horizon_days: float, value: str, top: int = 12) -> Figure:
    """Expected value of the next ``horizon_days`` for the most valuable customers."""
    shown = customers.head(top).iloc[::-1]
    fig, ax = figure(6.2, 0.3 * len(shown) + 1.2)
    c = colors(4)
    ax.barh(
        [str(i) for i in shown.index],
        shown["clv"].to_numpy(),
        color=[c[3] if p < 0.5 else c[2] for p in shown["p_alive"]],
    )
    _plain_money(ax, "x")
    ax.set_xlabel(
        f"expected {value} in the next {horizon_days:.0f} days, discounted "
        "(red: P(alive) below 50 %)"
    )
    from ..own_data import top_share

    share = top_share(customers["clv"], top)
    ax.set_title(f"{min(top, len(customers))} customers hold {share:.0%} of the expected value")
    return fig
