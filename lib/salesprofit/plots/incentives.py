"""Chapter 9 charts: payout curves, marginal vs retroactive tiers, discount behaviour."""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import CURRENCY, colors, figure, money_axis, percent_axis

__all__ = ["discount_choice_chart", "million_axis", "payout_chart"]


def million_axis(ax, axis: str = "x") -> None:
    """Money in millions (¥6M) where full yuan amounts would crowd the axis."""
    from matplotlib.ticker import FuncFormatter

    fmt = FuncFormatter(
        lambda v, _: (
            f"{CURRENCY}{v / 1e6:,.0f}M"
            if abs(v) >= 1e6 or v == 0
            else f"{CURRENCY}{v / 1e6:,.1f}M"
        )
    )
    (ax.xaxis if axis == "x" else ax.yaxis).set_major_formatter(fmt)


def _steps(curve: pd.DataFrame):
    """Break the line at jumps so a cliff shows as a gap, not a slope."""
    x, y = curve["basis"].to_numpy(), curve["pay"].to_numpy()
    jumps = np.where(np.diff(x) < 1e-3)[0] + 1
    return np.insert(x, jumps, np.nan), np.insert(y, jumps, np.nan)


def payout_chart(
    curves: dict[str, pd.DataFrame],
    reps: pd.DataFrame | None = None,
    xlabel: str = "sales",
    title: str | None = None,
    dots_label: str = "each rep's actual result",
):
    """Pay against sales for one or more plans (``{label: payout_curve}``), with reps as dots."""
    fig, ax = figure(7.0, 3.6)
    c = colors(max(len(curves), 3))
    for colour, (label, curve) in zip(c, curves.items()):
        x, y = _steps(curve)
        ax.plot(x, y, color=colour, linewidth=2, label=label)
    if reps is not None and len(reps):
        ax.scatter(
            reps["basis"],
            reps["pay"],
            color=c[len(curves) % len(c)],
            s=22,
            zorder=3,
            label=dots_label,
        )
    million_axis(ax, "x")
    money_axis(ax, "y")
    ax.set_xlabel(f"{xlabel} per rep ({CURRENCY})")
    ax.set_ylabel(f"pay ({CURRENCY})")
    ax.set_title(title or "Pay rises with sales")
    ax.legend(frameon=False, fontsize=8)
    return fig


def discount_choice_chart(
    table_revenue: pd.DataFrame,
    table_margin: pd.DataFrame,
    pick_revenue: float,
    pick_margin: float,
    title: str | None = None,
):
    """Company profit after pay at each discount, and the discount each plan's rep picks."""
    fig, ax = figure(7.0, 3.4)
    c = colors(4)
    ax.plot(
        table_revenue["discount"],
        table_revenue["company_profit"],
        color=c[0],
        label="company profit, revenue plan",
    )
    ax.plot(
        table_margin["discount"],
        table_margin["company_profit"],
        color=c[2],
        label="company profit, margin plan",
    )
    ax.axvline(
        pick_revenue, color=c[0], linestyle="--", label=f"revenue-paid rep gives {pick_revenue:.0%}"
    )
    ax.axvline(
        pick_margin,
        color=c[2],
        linestyle=":",
        linewidth=2,
        label=f"margin-paid rep gives {pick_margin:.0%}",
    )
    percent_axis(ax, "x")
    money_axis(ax)
    ax.set_xlabel("discount off list price")
    ax.set_ylabel(f"profit after pay ({CURRENCY})")
    ax.set_title(title or "Pay on revenue and the rep buys volume with your margin")
    ax.legend(frameon=False, fontsize=8)
    return fig
