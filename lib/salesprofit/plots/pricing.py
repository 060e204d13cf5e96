"""Chapter 3 charts: the discount break-even, the price waterfall, the profit curve,
price elasticity by segment and dynamic pricing (house style from :mod:`salesprofit.plots`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from . import CURRENCY, bars, colors, figure, money_axis, percent_axis

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

__all__ = [
    "discount_breakeven_chart",
    "dynamic_pricing_chart",
    "elasticity_chart",
    "profit_curve_chart",
    "waterfall_chart",
]


def discount_breakeven_chart(
    table: pd.DataFrame, margin: float, chosen: float | None = None
) -> Figure:
    """Extra volume each discount needs (from ``pricing.discount_breakeven_table``)."""
    fig, ax = figure()
    ok = table[table["feasible"]]
    c = colors(4)
    bars(
        ax,
        ok["discount"],
        ok["volume_needed"],
        width=0.008,
        color=c[0],
        label="extra volume needed",
    )
    if chosen is not None and (ok["discount"] - chosen).abs().min() < 1e-9:
        row = ok.loc[(ok["discount"] - chosen).abs().idxmin()]
        ax.bar(
            [row["discount"]],
            [row["volume_needed"]],
            width=0.008,
            color=c[3],
            label=f"your discount: +{row['volume_needed']:.0%} volume",
        )
    lost = table[~table["feasible"]]
    if len(lost):
        ax.axvspan(
            lost["discount"].min() - 0.005,
            table["discount"].max() + 0.005,
            color="0.9",
            label="price below unit cost: no volume can pay",
        )
    percent_axis(ax, "x")
    percent_axis(ax, "y")
    ax.set_xlabel("discount off the current price")
    ax.set_ylabel("extra units needed to keep profit")
    title = f"At a {margin:.0%} margin, every point of discount costs more volume"
    if chosen is not None and len(ok) and (ok["discount"] - chosen).abs().min() < 1e-9:
        need = ok.loc[(ok["discount"] - chosen).abs().idxmin(), "volume_needed"]
        title = f"A {chosen:.0%} discount at a {margin:.0%} margin needs {need:.0%} more volume"
    ax.set_title(title)
    ax.legend(loc="upper left", frameon=False, fontsize=9)
    return fig


def waterfall_chart(table: pd.DataFrame, title: str | None = None) -> Figure:
    """Bars from list price to pocket price (from ``pricing.price_waterfall``)."""
    fig, ax = figure(7.5, 3.8)
    c = colors(4)
    rows = table[~table["step"].isin(["Unit cost", "Pocket margin"])].reset_index(drop=True)
    n = len(rows)
    for i, r in rows.iterrows():
        if i == 0 or i == n - 1:
            ax.bar(i, r["price"], color=c[0] if i == 0 else c[2])
            ax.text(
                i, r["price"], f"{CURRENCY}{r['price']:,.2f}", ha="center", va="bottom", fontsize=9
            )
        else:
            ax.bar(i, -r["amount"], bottom=r["price"], color=c[3])
            ax.text(
                i,
                r["price"] - r["amount"],
                f"-{-r['amount']:,.2f}",
                ha="center",
                va="bottom",
                fontsize=9,
            )
    if "Unit cost" in set(table["step"]):
        cost = -float(table.loc[table["step"] == "Unit cost", "amount"].iloc[0])
        ax.axhline(cost, color="0.3", linestyle="--", linewidth=1)
        ax.text(
            n - 0.5, cost, f"unit cost {CURRENCY}{cost:,.2f}", ha="right", va="bottom", fontsize=9
        )
    ax.set_xticks(range(n), rows["step"], rotation=15, ha="right")
    money_axis(ax)
    ax.set_ylabel(f"price per unit ({CURRENCY})")
    lost = 1 - rows["share_of_list"].iloc[-1]
    ax.set_title(title or f"{lost:.1%} of the list price leaks away before it reaches the pocket")
    return fig


def profit_curve_chart(
    curve: pd.DataFrame, current_price: float, best_price: float | None, title: str | None = None
) -> Figure:
    """Contribution against price, marking the current and the best price."""
    fig, ax = figure()
    c = colors(4)
    ax.plot(curve["price"], curve["contribution"], color=c[0], linewidth=2, label="contribution")
    ax.axvline(
        current_price,
        color=c[3],
        linestyle="--",
        label=f"current price {CURRENCY}{current_price:,.2f}",
    )
    if best_price is not None:
        ax.axvline(
            best_price, color=c[2], linestyle="-", label=f"best price {CURRENCY}{best_price:,.2f}"
        )
    money_axis(ax, "x")
    money_axis(ax, "y")
    ax.set_xlabel(f"price per unit ({CURRENCY})")
    ax.set_ylabel(f"contribution ({CURRENCY})")
    ax.set_title(title or "Profit rises, peaks and falls as the price goes up")
    ax.legend(frameon=False, fontsize=9)
    return fig


def elasticity_chart(points: pd.DataFrame, fits: pd.DataFrame, title: str | None = None) -> Figure:
    """Mean units per quote at each price level by segment, with the fitted curves.

    ``points``: columns ``segment``, ``price_index``, ``units``; ``fits``:
    index segment, columns ``elasticity`` and ``scale``.
    """
    fig, ax = figure(7.5, 4.0)
    segments = list(fits.index)
    c = colors(len(segments))
    grid = np.linspace(points["price_index"].min(), points["price_index"].max(), 50)
    for colour, seg in zip(c, segments):
        pts = points[points["segment"] == seg]
        ax.scatter(pts["price_index"], pts["units"], color=colour, s=30)
        e, scale = fits.loc[seg, "elasticity"], fits.loc[seg, "scale"]
        ax.plot(grid, scale * grid**e, color=colour, label=f"{seg}: elasticity {e:.2f}")
    percent_axis(ax, "x")
    ax.set_xlabel("offered price as % of list price")
    ax.set_ylabel("units bought per quote")
    ax.set_title(title or "Some segments react to price much more than others")
    ax.legend(frameon=False, fontsize=8, ncol=2)
    return fig


def dynamic_pricing_chart(
    simulation: pd.DataFrame, capacity: float, title: str | None = None
) -> Figure:
    """Units sold per period and the dynamic price, against capacity."""
    fig, (top, bottom) = figure(7.5, 4.6, 2, 1, sharex=True, height_ratios=[2, 1])
    c = colors(4)
    x = simulation["period"]
    top.plot(
        x, simulation["fixed_wanted"], color=c[0], linestyle=":", label="wanted at the fixed price"
    )
    top.plot(x, simulation["fixed_sold"], color=c[0], label="sold, fixed price")
    top.plot(x, simulation["dynamic_sold"], color=c[2], label="sold, dynamic price")
    top.axhline(capacity, color="0.4", linestyle="--", linewidth=1, label="capacity")
    top.set_ylabel("units")
    top.legend(frameon=False, fontsize=8, ncol=2)
    bottom.plot(x, simulation["dynamic_price"], color=c[2], marker="o", markersize=3)
    bottom.plot(x, simulation["fixed_price"], color=c[0])
    money_axis(bottom)
    bottom.set_ylabel(f"price ({CURRENCY})")
    bottom.set_xlabel("period")
    gain = simulation["dynamic_contribution"].sum() - simulation["fixed_contribution"].sum()
    top.set_title(
        title
        or (
            f"Pricing with demand adds {CURRENCY}{gain:,.0f} of contribution over the season"
            if gain >= 0
            else f"Here dynamic pricing loses {CURRENCY}{-gain:,.0f} of contribution"
        )
    )
    return fig
